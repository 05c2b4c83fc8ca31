//! Normalization: HTML pages and plain-text files to [`Article`] records.
//!
//! The output text has the shape of the seed files: paragraphs separated by
//! one blank line, list items kept as "• item", headings as their own
//! paragraphs, and nothing that is not the article (navigation, captions,
//! teasers, cookie boxes, related links). See `html` for how the main text
//! is found and `charset` for how bytes become text.

#![deny(missing_docs)]

pub mod charset;
pub mod dates;
pub mod html;
pub mod language;
pub mod plain;
pub mod text;
pub mod titles;
pub mod urls;

use chrono::{DateTime, Utc};
use ticker_model::{short_id, Article, PageKind, Record, SourceRef};

pub use dates::parse_date;
pub use html::{parse_page, parse_page_with, Page, SiteRules};

/// Why a page could not be normalized.
#[derive(Debug, thiserror::Error)]
pub enum NormalizeError {
    /// No article text was found.
    #[error("{input}: no article text found ({reason})")]
    NoText {
        /// The URL or file.
        input: String,
        /// What was found instead.
        reason: String,
    },
    /// The input is not HTML or text.
    #[error("{input}: not a text document ({content_type})")]
    NotText {
        /// The URL or file.
        input: String,
        /// The content type seen.
        content_type: String,
    },
}

/// Everything the normalizer needs to know about one input besides its bytes.
#[derive(Debug, Clone)]
pub struct InputMeta {
    /// The URL the page was fetched from (or None for a local file).
    pub url: Option<String>,
    /// Where the input came from.
    pub source: SourceRef,
    /// The HTTP `Content-Type`, when fetched.
    pub content_type: Option<String>,
    /// When it was fetched or read.
    pub fetched_at: DateTime<Utc>,
    /// Hints from the feed entry: title and publication date, used when the
    /// page lacks them.
    pub feed_title: Option<String>,
    /// The feed entry's publication time.
    pub feed_published: Option<DateTime<Utc>>,
}

/// Most tags of a page that are parsed. A news page has a few thousand; a
/// page with millions (of tiny elements) would make a DOM of hundreds of
/// bytes per tag, so it is cut after this many and the parser closes what
/// is open.
pub const MAX_TAGS: usize = 150_000;

/// `html` up to its [`MAX_TAGS`]-th tag.
fn bounded_markup(html: &str) -> &str {
    match memchr_nth(html.as_bytes(), b'<', MAX_TAGS) {
        Some(cut) => &html[..cut],
        None => html,
    }
}

/// The position of the `n`-th (0-based) occurrence of `needle`.
fn memchr_nth(haystack: &[u8], needle: u8, n: usize) -> Option<usize> {
    memchr::memchr_iter(needle, haystack).nth(n)
}

/// Normalizes an HTML page's bytes into an article (revision 1; the
/// pipeline raises the revision when it has seen another text before).
pub fn normalize_html(bytes: &[u8], meta: &InputMeta) -> Result<Article, NormalizeError> {
    normalize_html_with(bytes, meta, None)
}

/// [`normalize_html`] with the operator's rules for the page's site.
pub fn normalize_html_with(
    bytes: &[u8],
    meta: &InputMeta,
    rules: Option<&SiteRules>,
) -> Result<Article, NormalizeError> {
    let input = meta.url.clone().unwrap_or_else(|| meta.source.url.clone());
    if let Some(content_type) = &meta.content_type {
        let lower = content_type.to_ascii_lowercase();
        let textual = lower.contains("html") || lower.contains("xml") || lower.starts_with("text/");
        if !textual && !looks_like_html(bytes) {
            return Err(NormalizeError::NotText {
                input,
                content_type: content_type.clone(),
            });
        }
    }
    if is_binary(bytes) {
        return Err(NormalizeError::NotText {
            input,
            content_type: format!(
                "{}; the body is binary",
                meta.content_type.as_deref().unwrap_or("no Content-Type")
            ),
        });
    }
    let (html, _encoding) = charset::decode(bytes, meta.content_type.as_deref());
    let base = meta
        .url
        .as_deref()
        .and_then(|url| url::Url::parse(url).ok());
    let page = parse_page_with(bounded_markup(&html), base.as_ref(), rules);
    if page.paragraphs.is_empty() {
        return Err(NormalizeError::NoText {
            input,
            reason: format!("title {:?}, no paragraphs", page.title),
        });
    }
    let text = page.paragraphs.join("\n\n");
    let canonical_url = page
        .canonical_url
        .as_deref()
        .or(meta.url.as_deref())
        .map(urls::canonicalize);
    let title = if page.title.is_empty() {
        meta.feed_title.clone().unwrap_or_default()
    } else {
        page.title.clone()
    };
    let language = language::decide(page.declared_language.as_deref(), &text);
    let article_id = match &canonical_url {
        Some(url) => short_id([urls::identity(url).as_str()]),
        None => short_id([text.as_str()]),
    };
    Ok(Article {
        schema: Article::SCHEMA.to_string(),
        article_id,
        revision: 1,
        url: meta.url.clone(),
        canonical_url,
        source: meta.source.clone(),
        title,
        lead: page.lead,
        word_count: text::word_count(&text),
        content_hash: text::content_hash(&text),
        simhash: text::simhash(&text),
        text,
        language,
        authors: page.authors,
        published_at: page
            .published_at
            .or_else(|| {
                page.paragraphs
                    .iter()
                    .take(5)
                    .find_map(|p| plain::find_stand(p).map(|found| found.0.fixed_offset()))
            })
            .or(meta.feed_published.map(|at| at.fixed_offset())),
        modified_at: page.modified_at,
        fetched_at: meta.fetched_at,
        date_hint: None,
        section: page.section,
        keywords: page.keywords,
        image: page.image,
        paywalled: page.paywalled,
        page_kind: page.page_kind,
    })
}

/// Normalizes a plain-text article shaped like the seed files.
pub fn normalize_plain(text: &str, meta: &InputMeta) -> Result<Article, NormalizeError> {
    let parsed = plain::parse(text);
    if parsed.paragraphs.is_empty() && parsed.title.is_empty() {
        return Err(NormalizeError::NoText {
            input: meta.source.url.clone(),
            reason: "the file is empty".to_string(),
        });
    }
    let body = parsed.paragraphs.join("\n\n");
    let language = language::decide(None, &format!("{}\n{}", parsed.title, body));
    Ok(Article {
        schema: Article::SCHEMA.to_string(),
        article_id: short_id([format!("{}\n\n{}", parsed.title, body).as_str()]),
        revision: 1,
        url: meta.url.clone(),
        canonical_url: meta.url.as_deref().map(urls::canonicalize),
        source: meta.source.clone(),
        title: parsed.title,
        lead: None,
        word_count: text::word_count(&body),
        content_hash: text::content_hash(&body),
        simhash: text::simhash(&body),
        text: body,
        language,
        authors: Vec::new(),
        published_at: parsed
            .published_at
            .or(meta.feed_published)
            .map(|at| at.fixed_offset()),
        modified_at: None,
        fetched_at: meta.fetched_at,
        date_hint: parsed.date_hint,
        section: None,
        keywords: Vec::new(),
        image: None,
        paywalled: false,
        page_kind: PageKind::Article,
    })
}

/// An article around text that needs no normalizing (evaluation sets,
/// replays of stored text): ids, word count and hashes are computed here.
pub fn article_from_text(
    article_id: &str,
    source: SourceRef,
    title: &str,
    text: String,
    language: Option<String>,
    published_at: Option<DateTime<Utc>>,
) -> Article {
    let language = language.or_else(|| language::decide(None, &text));
    Article {
        schema: Article::SCHEMA.to_string(),
        article_id: article_id.to_string(),
        revision: 1,
        url: None,
        canonical_url: None,
        source,
        title: title.to_string(),
        lead: None,
        word_count: text::word_count(&text),
        content_hash: text::content_hash(&text),
        simhash: text::simhash(&text),
        text,
        language,
        authors: Vec::new(),
        published_at: published_at.map(|at| at.fixed_offset()),
        modified_at: None,
        fetched_at: published_at.unwrap_or_else(Utc::now),
        date_hint: None,
        section: None,
        keywords: Vec::new(),
        image: None,
        paywalled: false,
        page_kind: PageKind::Article,
    }
}

/// Whether bytes are binary rather than text in any charset: more than a
/// tenth of control bytes in the first 8 KiB (UTF-16 with a byte-order
/// mark is text).
pub fn is_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let control = head
        .iter()
        .filter(|b| {
            (**b < 0x20 && !matches!(**b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b | 0)) || **b == 0x7f
        })
        .count();
    control * 10 > head.len()
}

/// Whether bytes look like an HTML document (for inputs with a wrong
/// content type).
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    [
        b"<html".as_slice(),
        b"<!doctype html",
        b"<head",
        b"<body",
        b"<p>",
    ]
    .iter()
    .any(|needle| lower.windows(needle.len()).any(|window| window == *needle))
}

/// The article as text shaped like the seed files: title, blank line,
/// paragraphs separated by blank lines.
pub fn render_text(article: &Article) -> String {
    let mut out = String::with_capacity(article.title.len() + article.text.len() + 4);
    out.push_str(&article.title);
    out.push_str("\n\n");
    out.push_str(&article.text);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ticker_model::SourceKind;

    #[test]
    fn a_sites_selectors_pick_the_text_and_leave_out_what_they_name() {
        // The short report is in div.story; a long reader-comment thread
        // outweighs it for the generic scorer.
        let report = "Die Feuerwehr löschte am Montag einen Brand in einer Lagerhalle am Stadtrand, verletzt wurde niemand.";
        let teaser = "Lesen Sie auch: Zehn Tipps gegen Brandgefahr im Haushalt und was Versicherungen zahlen.";
        let comment = "Das ist ein langer Leserkommentar über alles Mögliche, der mit dem Bericht nichts zu tun hat und lang ist.";
        let comments: String = (0..8).map(|_| format!("<p>{comment}</p>")).collect();
        let html = format!(
            "<html><head><title>Brand in Lagerhalle</title></head><body><h1>Brand in Lagerhalle</h1>\
             <div class=\"story\"><p>{report}</p><aside class=\"also\"><p>{teaser}</p></aside></div>\
             <section class=\"thread\">{comments}</section></body></html>"
        );
        let generic =
            normalize_html(html.as_bytes(), &meta(Some("https://news.example/brand"))).unwrap();
        assert!(generic.text.contains("Leserkommentar"), "{}", generic.text);
        let rules = SiteRules {
            content: Some("div.story".to_string()),
            remove: vec!["aside.also".to_string()],
        };
        assert_eq!(rules.validate(), Ok(()));
        let ruled = normalize_html_with(
            html.as_bytes(),
            &meta(Some("https://news.example/brand")),
            Some(&rules),
        )
        .unwrap();
        assert_eq!(ruled.text, report);
        assert_eq!(ruled.title, "Brand in Lagerhalle");
        // A selector that matches nothing leaves the generic reading.
        let missing = SiteRules {
            content: Some("div.nothing".to_string()),
            remove: Vec::new(),
        };
        let fallback = normalize_html_with(html.as_bytes(), &meta(None), Some(&missing)).unwrap();
        assert_eq!(fallback.text, generic.text);
        let broken = SiteRules {
            content: Some("div[".to_string()),
            remove: Vec::new(),
        };
        assert!(broken.validate().unwrap_err().contains("div["));
    }

    fn meta(url: Option<&str>) -> InputMeta {
        InputMeta {
            url: url.map(str::to_string),
            source: SourceRef {
                id: "test".into(),
                kind: SourceKind::Url,
                url: "test".into(),
            },
            content_type: Some("text/html".into()),
            fetched_at: Utc::now(),
            feed_title: None,
            feed_published: None,
        }
    }

    #[test]
    fn binary_is_refused_and_garbage_does_not_panic() {
        let mut m = meta(None);
        m.content_type = Some("image/png".into());
        assert!(matches!(
            normalize_html(b"\x89PNG\r\n", &m),
            Err(NormalizeError::NotText { .. })
        ));
        let garbage: Vec<u8> = (0..20_000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(matches!(
            normalize_html(&garbage, &meta(None)),
            Err(NormalizeError::NotText { .. })
        ));
        let _ = normalize_html(b"\0\0<p>\0</p>", &meta(None));
    }

    #[test]
    fn article_id_is_the_canonical_url_hash() {
        let html = "<html><head><link rel=canonical href='https://x.example/a?utm_source=rss&id=3'></head><body><article><p>Ein Absatz mit genug Text, damit er als Artikeltext zählt und nicht verworfen wird.</p></article></body></html>";
        let article = normalize_html(html.as_bytes(), &meta(Some("https://x.example/a"))).unwrap();
        assert_eq!(
            article.canonical_url.as_deref(),
            Some("https://x.example/a?id=3")
        );
        assert_eq!(article.article_id, short_id(["x.example/a?id=3"]));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..2000)) {
            let _ = normalize_html(&bytes, &meta(None));
        }

        #[test]
        fn never_panics_on_tag_soup(parts in proptest::collection::vec("(<p>|</p>|<div class=teaser>|</div>|<a href=x>|</a>|<li>|text ?|Ä|&amp;|<script>|<br>)", 0..200)) {
            let html = parts.concat();
            let _ = normalize_html(html.as_bytes(), &meta(Some("https://e.example/")));
        }
    }
}
