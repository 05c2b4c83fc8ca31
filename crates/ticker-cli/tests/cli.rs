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

/// The seed examples that issue 4 names appear in `ticker extract`'s
/// output on the real seed files.
#[test]
fn the_seed_examples_appear_in_the_extraction() {
    use serde_json::Value;
    let output = ticker([OsStr::new("extract"), seeds().as_os_str()]);
    assert!(output.status.success());
    let records: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let list = |record: &Value, key: &str| record[key].as_array().cloned().unwrap_or_default();
    let entity_name = |record: &Value, id: &Value| {
        list(record, "entities")
            .into_iter()
            .find(|entity| entity["entity_id"] == *id)
            .and_then(|entity| entity["name"].as_str().map(str::to_string))
            .unwrap_or_default()
    };
    // OVKS is an organisation (keyed by its English acronym) in every file.
    for record in &records {
        assert!(
            list(record, "entities")
                .iter()
                .any(|entity| entity["name"] == "CSTO" && entity["type"] == "ORG"),
            "{record}"
        );
    }
    // The quotes of Putin, Talasov and Tokajew, with their speakers.
    let quotes: Vec<(String, String, String)> = records
        .iter()
        .flat_map(|record| {
            list(record, "quotes").into_iter().map(move |quote| {
                (
                    quote["text"].as_str().unwrap_or_default().to_string(),
                    quote["speaker_text"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                    entity_name(record, &quote["speaker"]),
                )
            })
        })
        .collect();
    assert!(
        quotes.iter().any(
            |(text, _, speaker)| text.starts_with("Alles lief wie ein Uhrwerk ab")
                && speaker == "Wladimir Putin"
        ),
        "{quotes:?}"
    );
    assert!(
        quotes
            .iter()
            .any(|(_, words, speaker)| words.contains("Talasov") && speaker.contains("Talasov")),
        "{quotes:?}"
    );
    assert!(
        quotes
            .iter()
            .filter(|(_, _, speaker)| speaker.contains("Tokajew"))
            .count()
            >= 10,
        "{quotes:?}"
    );
    // The death toll of 164, attributed to the government.
    assert!(records
        .iter()
        .any(|record| list(record, "claims").iter().any(|claim| {
            claim["predicate"] == "killed"
                && claim["value"] == "164"
                && claim["attributed_to"]
                    .as_str()
                    .is_some_and(|source| source.contains("Regierung"))
        })));
    // About 10,000 arrested in four files ("fast 10.000", "mehr als
    // 10.000", "10'000"), and the troops: about 2,500, more than 2,000.
    let quantities = |category: &str, value: f64| {
        records
            .iter()
            .filter(|record| {
                list(record, "quantities").iter().any(|quantity| {
                    quantity["category"] == category && quantity["value"].as_f64() == Some(value)
                })
            })
            .count()
    };
    assert_eq!(quantities("arrested", 10_000.0), 4);
    assert!(quantities("troops", 2_500.0) >= 2 && quantities("troops", 2_000.0) >= 2);
    // The withdrawal's start resolved to 2022-01-13 in the file that
    // carries "Stand: 13.01.2022" (the third, in name order).
    assert!(list(&records[2], "events")
        .iter()
        .any(|event| { event["type"] == "military_withdrawal" && event["time"] == "2022-01-13" }));
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

/// Title and date accuracy when a set gives titles and publication dates:
/// the day counts as the page states it (its own UTC offset).
#[test]
fn eval_extraction_scores_titles_and_publication_days() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("pages")).unwrap();
    let page = |head: &str, body: &str| {
        let html = format!("<html lang=\"de\"><head>{head}</head><body><article>{body}<p>Das Militärbündnis hat mit dem Abzug seiner Truppen begonnen, wie das Ministerium am Donnerstag in der Hauptstadt mitteilte.</p></article></body></html>");
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut encoder, html.as_bytes()).unwrap();
        encoder.finish().unwrap()
    };
    // Just after midnight in Berlin: the 14th there, the 13th in UTC.
    std::fs::write(
        dir.path().join("pages/a.html.gz"),
        page(
            r#"<meta property="og:title" content="Chronik: Abzug beginnt nach der Einigung"><meta property="article:published_time" content="2022-01-14T00:30:00+01:00">"#,
            "<h1>Abzug beginnt nach der Einigung</h1>",
        ),
    )
    .unwrap();
    // No metadata date: the day in the URL's path.
    std::fs::write(
        dir.path().join("pages/b.html.gz"),
        page(
            r#"<meta property="og:title" content="Truppen ziehen ab | Beispiel">"#,
            "<h1>Truppen ziehen ab</h1>",
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("truth.jsonl"),
        "{\"id\": \"a\", \"url\": \"https://news.example/abzug\", \"body\": \"Das Militärbündnis hat mit dem Abzug seiner Truppen begonnen.\", \"title\": \"Abzug beginnt nach der Einigung\", \"published\": \"2022-01-14\"}\n\
         {\"id\": \"b\", \"url\": \"https://news.example/2022/01/15/truppen\", \"body\": \"Das Militärbündnis hat mit dem Abzug seiner Truppen begonnen.\", \"title\": \"Truppen ziehen nicht ab\", \"published\": \"2022-01-15T09:00:00+01:00\"}\n",
    )
    .unwrap();
    let output = ticker([
        OsStr::new("eval"),
        OsStr::new("extraction"),
        OsStr::new("--dataset"),
        dir.path().as_os_str(),
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("title accuracy 0.5000  (1 of 2)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("date accuracy  1.0000  (2 of 2"),
        "{stdout}"
    );
}

#[test]
fn eval_alerts_scores_annotated_timelines_and_a_stream() {
    let dir = tempfile::tempdir().unwrap();
    let shared = seeds().join("..");
    // The seeds' timeline with the alerts the annotation guideline wants,
    // and one wrong annotation that must show as missed.
    let timelines = dir.path().join("timelines.jsonl");
    std::fs::write(
        &timelines,
        r#"{"timeline": "seeds", "source": "seeds", "articles": ["000_cac23007b8f56011.txt", "001_ba8bb8a2543d6bf4.txt", "002_350a11ec01cad79f.txt", "003_cd65132d2c2fba20.txt", "004_22f04e509ebb260d.txt"], "alerts": [{"article": "002_350a11ec01cad79f.txt", "reason": "new_claim", "category": "killed", "value": "164"}, {"article": "003_cd65132d2c2fba20.txt", "reason": "value_changed", "category": "end_date", "value": "2022-01-19", "previous": "2022-01-23"}, {"article": "004_22f04e509ebb260d.txt", "reason": "new_claim", "category": "killed", "value": "999"}]}"#,
    )
    .unwrap();
    // A stream of two saved pages that share nothing.
    let stream = dir.path().join("stream");
    std::fs::create_dir_all(stream.join("pages")).unwrap();
    let page = |title: &str, body: &str| {
        let html = format!("<html lang=\"en\"><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>");
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut encoder, html.as_bytes()).unwrap();
        encoder.finish().unwrap()
    };
    std::fs::write(
        stream.join("pages/a.html.gz"),
        page("A storm hits the coast", "The storm killed 12 people on the coast, officials said on Monday, and the damage is still being counted by the local authorities."),
    )
    .unwrap();
    std::fs::write(
        stream.join("pages/b.html.gz"),
        page("The new phone costs more", "The price of the new phone is $999, the company said, and the older model now sells for $699 in its stores across the country."),
    )
    .unwrap();
    std::fs::write(
        stream.join("truth.jsonl"),
        "{\"id\": \"a\", \"url\": \"https://a.example/storm\"}\n{\"id\": \"b\", \"url\": \"https://b.example/phone\"}\n",
    )
    .unwrap();
    let output = ticker([
        OsStr::new("eval"),
        OsStr::new("alerts"),
        OsStr::new("--dataset"),
        timelines.as_os_str(),
        OsStr::new("--shared"),
        shared.as_os_str(),
        OsStr::new("--stream"),
        stream.as_os_str(),
        OsStr::new("--show-failures"),
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stdout.contains("(tp 2 fp "), "{stdout}");
    assert!(stdout.contains(" fn 1)"), "{stdout}");
    assert!(
        stderr.contains("missed    seeds 004_22f04e509ebb260d.txt: new_claim killed 999"),
        "{stderr}"
    );
    assert!(stdout.contains("articles           2 "), "{stdout}");
    assert!(stdout.contains("value_changed    0"), "{stdout}");
}

#[test]
fn train_ner_writes_a_model_that_eval_ner_runs_beside_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    // A corpus where nothing is a name: the tagger learns to find none.
    let corpus = dir.path().join("corpus.conll");
    std::fs::write(
        &corpus,
        "# doc 1\nAngela\tO\nMerkel\tO\nbesuchte\tO\nParis\tO\n.\tO\n\n".repeat(3),
    )
    .unwrap();
    let model = dir.path().join("ner.model");
    let output = ticker([
        OsStr::new("train"),
        OsStr::new("ner"),
        corpus.as_os_str(),
        OsStr::new("--epochs"),
        OsStr::new("2"),
        OsStr::new("--out"),
        model.as_os_str(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(std::fs::metadata(&model).unwrap().len() > 1_000_000);
    let gold = dir.path().join("gold.tsv");
    std::fs::write(
        &gold,
        "1\tAngela\tB-PER\tO\n2\tMerkel\tI-PER\tO\n3\tbesuchte\tO\tO\n4\tParis\tB-LOC\tO\n5\t.\tO\tO\n\n",
    )
    .unwrap();
    let eval = |extra: &[&str]| {
        let mut args = vec![
            OsStr::new("eval"),
            OsStr::new("ner"),
            OsStr::new("--dataset"),
            gold.as_os_str(),
        ];
        args.extend(extra.iter().map(OsStr::new));
        let output = ticker(args);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let model = model.to_str().unwrap();
    // The rules alone find both names; a tagger that adds finds nothing
    // more; one that decides takes them back.
    assert!(eval(&[]).contains("(tp 2 fp 0 fn 0)"));
    assert!(eval(&["--tagger", model]).contains("(tp 2 fp 0 fn 0)"));
    assert!(eval(&["--tagger", model, "--tagger-mode", "decide"]).contains("(tp 0 fp 0 fn 2)"));
    // The two halves of a set are disjoint and make the whole.
    let develop = eval(&["--split", "develop"]);
    let confirm = eval(&["--split", "confirm"]);
    assert!(
        develop.contains("(1 sentences)") != confirm.contains("(1 sentences)"),
        "{develop}{confirm}"
    );
    // CoNLL files of token and tag, in English: "The" opening the
    // sentence is not part of the name.
    std::fs::write(
        &gold,
        "The\tO\nFood\tB-ORG\nand\tI-ORG\nDrug\tI-ORG\nAdministration\tI-ORG\n\
         approved\tO\nit\tO\n.\tO\n\n",
    )
    .unwrap();
    assert!(eval(&["--language", "en"]).contains("(tp 1 fp 0 fn 0)"));
}

#[test]
fn secrets_are_read_from_the_environment_and_files_and_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    let secret_file = dir.path().join("client-secret");
    std::fs::write(&secret_file, "file-secret-value\n").unwrap();
    let config = dir.path().join("ticker.toml");
    std::fs::write(
        &config,
        format!(
            r#"[kafka]
brokers = "127.0.0.1:1"
[kafka.properties]
"security.protocol" = "SASL_PLAINTEXT"
"sasl.mechanism" = "PLAIN"
"sasl.username" = "ticker"
"sasl.password" = "hunter2-in-the-file"
"ssl.key.password" = "${{env:TICKER_TEST_KEY_PASSWORD}}"
"sasl.oauthbearer.client.secret" = "${{file:{}}}"
[state]
path = "{}"
[[sinks]]
id = "ops"
url = "https://hooks.example/T0/B0/hook-token-in-the-url"
secret = "webhook-signing-secret"
[[watches]]
id = "all"
sinks = ["ops"]
"#,
            secret_file.display(),
            dir.path().join("state.redb").display()
        ),
    )
    .unwrap();
    let secrets = [
        "hunter2-in-the-file",
        "env-secret-value",
        "file-secret-value",
    ];
    let run = |args: &[&str], password: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ticker"));
        command
            .arg("--config")
            .arg(&config)
            .args(args)
            .env_remove("TICKER_CONFIG")
            .env("TICKER_LOG", "debug");
        match password {
            Some(value) => command.env("TICKER_TEST_KEY_PASSWORD", value),
            None => command.env_remove("TICKER_TEST_KEY_PASSWORD"),
        };
        command
    };
    let output = run(&["check-config"], Some("env-secret-value"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    assert!(
        stdout.contains("kafka property sasl.password = <redacted>"),
        "{stdout}"
    );
    assert!(
        stdout.contains("kafka property sasl.username = ticker"),
        "{stdout}"
    );
    assert!(
        stdout.contains("kafka property ssl.key.password = ${env:TICKER_TEST_KEY_PASSWORD}"),
        "{stdout}"
    );
    assert!(stdout.contains("private networks: refused"), "{stdout}");
    assert!(
        stdout.contains("alert sinks: ops (webhook); watches: all → ops"),
        "{stdout}"
    );
    for secret in secrets {
        assert!(
            !stdout.contains(secret) && !stderr.contains(secret),
            "{secret}"
        );
    }
    // A reference to a variable that is not set is refused by name.
    let output = run(&["check-config"], None).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!output.status.success());
    assert!(
        stderr.contains("the environment variable TICKER_TEST_KEY_PASSWORD is not set"),
        "{stderr}"
    );
    // A run that waits for a broker that is not there logs at debug level
    // and prints no secret either.
    let mut child = run(&["run", "--once"], Some("env-secret-value"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_secs(3));
    child.kill().unwrap();
    let output = child.wait_with_output().unwrap();
    let logs = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(!logs.is_empty(), "the run logged nothing");
    for secret in secrets {
        assert!(!logs.contains(secret), "{secret} in the logs:\n{logs}");
    }
}

/// The extraction records of the five seed articles, byte for byte: a
/// change anywhere in the extractor that moves them shows here. After an
/// intended change, regenerate with `TICKER_UPDATE_GOLDEN=1 cargo test -p
/// ticker-cli --test cli golden` and review the diff.
#[test]
fn the_seed_extractions_match_the_golden_file() {
    let golden = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/seeds-extract.jsonl");
    let output = ticker([OsStr::new("extract"), seeds().as_os_str()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let found = String::from_utf8(output.stdout).unwrap();
    if std::env::var_os("TICKER_UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &found).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&golden).unwrap();
    for (index, (want, got)) in expected.lines().zip(found.lines()).enumerate() {
        assert_eq!(
            want, got,
            "seed record {index} differs from {}; if the change is intended, regenerate it (see this test's doc)",
            golden.display()
        );
    }
    assert_eq!(expected.lines().count(), found.lines().count());
}

#[test]
fn normalize_applies_the_configured_selectors_of_the_pages_site() {
    let dir = tempfile::tempdir().unwrap();
    let report = "Die Feuerwehr löschte am Montag einen Brand in einer Lagerhalle am Stadtrand, verletzt wurde niemand.";
    let comment = "Das ist ein langer Leserkommentar über alles Mögliche, der mit dem Bericht nichts zu tun hat und lang ist.";
    let comments: String = (0..8).map(|_| format!("<p>{comment}</p>")).collect();
    let page = dir.path().join("brand.html");
    std::fs::write(
        &page,
        format!("<html><head><title>Brand in Lagerhalle</title></head><body><div class=\"story\"><p>{report}</p><aside><p>Lesen Sie auch: zehn Tipps gegen Brandgefahr im Haushalt, und was Versicherungen zahlen.</p></aside></div><section>{comments}</section></body></html>"),
    )
    .unwrap();
    let config = dir.path().join("ticker.toml");
    std::fs::write(
        &config,
        "[[sites]]\nhost = \"news.example\"\ncontent = \"div.story\"\nremove = [\"aside\"]\n",
    )
    .unwrap();
    let normalize = |url: &str| {
        let output = ticker([
            OsStr::new("--config"),
            config.as_os_str(),
            OsStr::new("normalize"),
            page.as_os_str(),
            OsStr::new("--url"),
            OsStr::new(url),
        ]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    assert_eq!(
        normalize("https://www.news.example/brand"),
        format!("Brand in Lagerhalle\n\n{report}\n")
    );
    // Another site: the generic reading, comments and all.
    assert!(normalize("https://other.example/brand").contains("Leserkommentar"));
}

#[test]
fn eval_clusters_scores_the_stories_and_their_order_stability() {
    let dataset = seeds().join("../data/nlp/clusters/giveme5w1h-dev.jsonl");
    let output = ticker([
        OsStr::new("eval"),
        OsStr::new("clusters"),
        OsStr::new("--dataset"),
        dataset.as_os_str(),
        OsStr::new("--reorder"),
        OsStr::new("2"),
        OsStr::new("--json"),
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_str(stdout.trim()).expect("one JSON object");
    assert_eq!(report["articles"], 199, "{report}");
    assert!(report["bcubed"]["f1"].as_f64().unwrap() > 0.9, "{report}");
    let stability = &report["order_stability"];
    assert_eq!(stability["runs"], 2, "{report}");
    let runs: Vec<f64> = stability["f1"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f1| f1.as_f64().unwrap())
        .collect();
    // A perturbed order changes some stories of this set, never most.
    assert!(runs.iter().all(|f1| (0.9..=1.0).contains(f1)), "{report}");

    // Saved pages have no gold: only the stability is measured, and
    // `--pages` without `--reorder` is refused.
    let refused = ticker([
        OsStr::new("eval"),
        OsStr::new("clusters"),
        OsStr::new("--pages"),
        dataset.as_os_str(),
    ]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--reorder"));
}
