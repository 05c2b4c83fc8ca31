//! Any bytes as an HTML page: normalization must return (an article or an
//! error) without panicking, and an article's text must be valid.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ticker_model::{SourceKind, SourceRef};
use ticker_normalize::{normalize_html, normalize_plain, InputMeta};

fuzz_target!(|data: &[u8]| {
    let meta = InputMeta {
        url: Some("https://fuzz.example/a/b.html".to_string()),
        source: SourceRef {
            id: "fuzz".to_string(),
            kind: SourceKind::Url,
            url: "https://fuzz.example/".to_string(),
        },
        content_type: None,
        fetched_at: chrono::DateTime::from_timestamp(1_642_000_000, 0).unwrap(),
        feed_title: None,
        feed_published: None,
    };
    if let Ok(article) = normalize_html(data, &meta) {
        assert!(!article.text.contains('\0'));
        let _ = ticker_extract::extract(&article);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = normalize_plain(text, &meta);
    }
});
