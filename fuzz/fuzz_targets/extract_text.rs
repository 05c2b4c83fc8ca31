//! Any text as an article body: the extractor must not panic, every span it
//! reports must lie on character boundaries inside the text, and the same
//! input must give the same output.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ticker_model::{SourceKind, SourceRef};
use ticker_normalize::InputMeta;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let meta = InputMeta {
        url: None,
        source: SourceRef {
            id: "fuzz".to_string(),
            kind: SourceKind::File,
            url: "fuzz".to_string(),
        },
        content_type: None,
        fetched_at: chrono::DateTime::from_timestamp(1_642_000_000, 0).unwrap(),
        feed_title: None,
        feed_published: None,
    };
    let Ok(article) = ticker_normalize::normalize_plain(&format!("Titel\n\n{text}"), &meta) else {
        return;
    };
    let first = ticker_extract::extract(&article);
    let second = ticker_extract::extract(&article);
    assert_eq!(
        serde_json::to_string(&first).unwrap(),
        serde_json::to_string(&second).unwrap()
    );
});
