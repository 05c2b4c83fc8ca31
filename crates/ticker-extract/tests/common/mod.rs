//! What the extractor's tests share.

use ticker_model::{Article, PageKind, SourceKind, SourceRef};

/// A German article of `text`, published 2022-01-13 09:00 UTC.
pub fn article(id: &str, text: &str) -> Article {
    let published = chrono::DateTime::from_timestamp(1_642_064_400, 0).unwrap();
    Article {
        schema: "ticker.article/1".into(),
        article_id: id.into(),
        revision: 1,
        url: None,
        canonical_url: None,
        source: SourceRef {
            id: "test".into(),
            kind: SourceKind::File,
            url: String::new(),
        },
        title: "Titel".into(),
        lead: None,
        text: text.into(),
        language: Some("de".into()),
        authors: Vec::new(),
        published_at: Some(published.fixed_offset()),
        modified_at: None,
        fetched_at: published,
        date_hint: None,
        word_count: 0,
        content_hash: String::new(),
        simhash: String::new(),
        section: None,
        keywords: Vec::new(),
        image: None,
        paywalled: false,
        page_kind: PageKind::Article,
    }
}
