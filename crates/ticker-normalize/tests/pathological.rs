//! Pathological pages: normalization finishes without panicking, and its
//! peak memory stays a small multiple of the page size.
//!
//! One test function runs the cases one after another, because peak memory
//! is measured for the whole process (Linux `VmHWM`, reset through
//! `/proc/self/clear_refs` before each case).

use std::time::Instant;

use ticker_model::{SourceKind, SourceRef};
use ticker_normalize::{normalize_html, InputMeta};

fn meta() -> InputMeta {
    InputMeta {
        url: Some("https://e.example/a.html".into()),
        source: SourceRef {
            id: "test".into(),
            kind: SourceKind::Url,
            url: "test".into(),
        },
        content_type: Some("text/html".into()),
        fetched_at: chrono::Utc::now(),
        feed_title: Some("Titel aus dem Feed".into()),
        feed_published: None,
    }
}

fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|line| line.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Normalizes `page`; returns the peak memory growth in bytes, when the
/// platform can tell.
fn run(name: &str, page: &[u8]) -> Option<u64> {
    let resettable = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let before = status_kib("VmRSS:");
    let started = Instant::now();
    let result = normalize_html(page, &meta());
    let elapsed = started.elapsed();
    let peak = status_kib("VmHWM:");
    let growth = match (resettable, before, peak) {
        (true, Some(before), Some(peak)) => Some(peak.saturating_sub(before) * 1024),
        _ => None,
    };
    eprintln!(
        "{name}: {} bytes in {elapsed:?}, peak growth {} KiB, {}",
        page.len(),
        growth.map_or("?".to_string(), |g| (g / 1024).to_string()),
        match &result {
            Ok(article) => format!("{} chars of text", article.text.chars().count()),
            Err(error) => format!("error: {error}"),
        }
    );
    growth
}

fn article_with(inner: &str) -> String {
    format!("<html><head><title>Testseite</title></head><body><article><h1>Überschrift</h1><p>Ein erster Absatz mit genug Text, damit die Seite als Artikel zählt, und noch ein paar Wörter mehr.</p>{inner}<p>Ein letzter Absatz, der ebenfalls lang genug ist, um als Artikeltext zu gelten, mit Punkt.</p></article></body></html>")
}

#[test]
fn pathological_pages_stay_bounded() {
    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    cases.push((
        "10,000 nested elements",
        article_with(&format!(
            "{}Tief{}",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        ))
        .into_bytes(),
    ));
    cases.push((
        "10,000 unclosed nested elements",
        article_with(&"<span><b><i>".repeat(3_334)).into_bytes(),
    ));
    cases.push((
        "a million tiny elements",
        article_with(&"<b>x</b>".repeat(1_000_000)).into_bytes(),
    ));
    cases.push((
        "a 5 MB attribute",
        article_with(&format!(
            "<p data-x=\"{}\">Absatz</p>",
            "a".repeat(5_000_000)
        ))
        .into_bytes(),
    ));
    cases.push((
        "a 5 MB comment and script",
        article_with(&format!(
            "<!-- {} --><script>{}</script>",
            "c".repeat(2_500_000),
            "s".repeat(2_500_000)
        ))
        .into_bytes(),
    ));
    // Navigation is cut before parsing where it closes; a page of
    // navigation that never closes, or that closes only after a headline,
    // is read once, not once per element.
    cases.push((
        "20,000 unclosed nested navs",
        article_with(&"<nav><a href=\"/\">Start</a>".repeat(20_000)).into_bytes(),
    ));
    cases.push((
        "20,000 navs around a headline",
        article_with(&format!(
            "{}<h1>Kopf</h1>{}",
            "<nav>".repeat(20_000),
            "</nav>".repeat(20_000)
        ))
        .into_bytes(),
    ));
    let garbage: Vec<u8> = (0..4_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    cases.push(("4 MB of binary garbage", garbage));
    let mut invalid = article_with("<p>Ungültig: \u{0}</p>").into_bytes();
    invalid.extend(std::iter::repeat_n([0xc3u8, 0x28, 0xff, 0xfe], 250_000).flatten());
    cases.push(("invalid UTF-8", invalid));
    cases.push((
        "NUL bytes everywhere",
        article_with(&"<p>Null\u{0}Byte\u{0}</p>\u{0}".repeat(50_000)).into_bytes(),
    ));
    cases.push((
        "a 5 MB paragraph",
        article_with(&format!("<p>{}</p>", "Wort ".repeat(1_000_000))).into_bytes(),
    ));
    for (name, page) in &cases {
        let growth = run(name, page);
        if *name == "4 MB of binary garbage" {
            assert!(
                normalize_html(page, &meta()).is_err(),
                "binary garbage is no article"
            );
        }
        if let Some(growth) = growth {
            // The DOM of a page of tiny elements costs more per byte than
            // text does; 40 times the page (plus 16 MiB of slack for the
            // allocator and the tree's first pages) is the bound.
            let bound = page.len() as u64 * 40 + 16 * 1024 * 1024;
            assert!(
                growth <= bound,
                "{name}: peak growth {growth} bytes for a {} byte page",
                page.len()
            );
        }
    }
}
