//! The `ticker` binary as a user runs it.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::{Command, Output};

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds")
}

/// Runs `ticker` with `args`, without the caller's config or log settings.
fn ticker<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_ticker"))
        .args(args)
        .env_remove("TICKER_CONFIG")
        .env("TICKER_LOG", "warn")
        .output()
        .unwrap()
}

#[test]
fn extract_prints_one_extraction_per_seed_file() {
    let output = ticker([OsStr::new("extract"), seeds().as_os_str()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let records: Vec<ticker_model::Extraction> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(records.len(), 5);
    // Tokajew is one entity id in every file that names him.
    let tokajew: std::collections::HashSet<String> = records
        .iter()
        .flat_map(|r| r.entities.iter())
        .filter(|e| e.name.contains("Tokajew") || e.name.contains("Tokayev"))
        .map(|e| e.entity_id.clone())
        .collect();
    assert_eq!(tokajew.len(), 1, "{tokajew:?}");
    // The same input gives byte-identical output.
    let again = ticker([OsStr::new("extract"), seeds().as_os_str()]);
    assert_eq!(String::from_utf8(again.stdout).unwrap(), stdout);
}

#[test]
fn check_config_names_field_value_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, "[pipeline]\nworkers = 0\n").unwrap();
    let output = ticker([
        OsStr::new("check-config"),
        OsStr::new("--config"),
        path.as_os_str(),
    ]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("`pipeline.workers` = 0: must be between 1 and 256"),
        "{stderr}"
    );
    let good = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../config/ticker.toml");
    let output = ticker([
        OsStr::new("check-config"),
        OsStr::new("--config"),
        good.as_os_str(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn normalize_prints_seed_shaped_text() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(&page, "<html><head><title>Abzug beginnt | Testpost</title></head><body><nav><a href='/'>Start</a></nav><article><h1>Abzug beginnt</h1><p>Das Militärbündnis hat mit dem Abzug seiner Truppen aus dem Land begonnen, teilte das Ministerium mit.</p><p>Zweiter Absatz mit weiteren Einzelheiten zum Abzug der Soldaten.</p></article></body></html>").unwrap();
    let output = ticker([
        OsStr::new("normalize"),
        page.as_os_str(),
        OsStr::new("--url"),
        OsStr::new("https://news.example/a.html"),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "Abzug beginnt\n\nDas Militärbündnis hat mit dem Abzug seiner Truppen aus dem Land begonnen, teilte das Ministerium mit.\n\nZweiter Absatz mit weiteren Einzelheiten zum Abzug der Soldaten.\n"
    );
}
