//! Section pages: an HTML page (a publisher's "Ausland" page, a home page)
//! whose article links are the entries.
//!
//! With a CSS selector from the configuration, the links it selects are
//! taken. Without one, links are judged by their URL: same site, not the
//! page itself, and a path that looks like an article (a slug of at least
//! three hyphenated words, or a numeric id, and not a section, tag, author
//! or media path).

use scraper::{Html, Selector};

use crate::FeedEntry;

const NOT_ARTICLES: &[&str] = &[
    "/tag/",
    "/tags/",
    "/thema/",
    "/themen/",
    "/autor/",
    "/author/",
    "/video/",
    "/videos/",
    "/audio/",
    "/bilder/",
    "/gallery/",
    "/galerie/",
    "/impressum",
    "/datenschutz",
    "/kontakt",
    "/login",
    "/abo",
    "/newsletter",
    "/search",
    "/suche",
    "/rss",
    "/feed",
    "/sitemap",
];

/// Whether a URL's path looks like an article's.
pub fn looks_like_article(url: &url::Url) -> bool {
    let path = url.path().to_ascii_lowercase();
    if NOT_ARTICLES.iter().any(|part| path.contains(part))
        || path.ends_with('/') && path.matches('/').count() < 3
    {
        return false;
    }
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let stem = last.split('.').next().unwrap_or("");
    let words = stem
        .split(['-', '_'])
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    let has_id = stem.chars().filter(char::is_ascii_digit).count() >= 4;
    words >= 3 || (has_id && path.matches('/').count() >= 2)
}

/// Checks a CSS selector from the configuration.
pub fn validate_selector(css: &str) -> Result<(), String> {
    Selector::parse(css)
        .map(|_| ())
        .map_err(|error| format!("{error:?}"))
}

/// The article links of a section page, in page order, deduplicated.
/// `selector` (CSS) picks the links; without one they are detected.
pub fn article_links(
    html: &str,
    page_url: &str,
    selector: Option<&str>,
) -> Result<Vec<FeedEntry>, String> {
    let base = url::Url::parse(page_url).map_err(|error| format!("{page_url}: {error}"))?;
    let document = Html::parse_document(html);
    let explicit = match selector {
        Some(css) => Some(
            Selector::parse(css).map_err(|error| format!("link selector {css:?}: {error:?}"))?,
        ),
        None => None,
    };
    let anchors = Selector::parse("a[href]").expect("valid selector");
    let mut entries: Vec<FeedEntry> = Vec::new();
    let candidates: Vec<scraper::ElementRef<'_>> = match &explicit {
        Some(css) => document
            .select(css)
            .flat_map(|element| {
                if element.value().name() == "a" {
                    vec![element]
                } else {
                    element.select(&anchors).collect()
                }
            })
            .collect(),
        None => document.select(&anchors).collect(),
    };
    for anchor in candidates {
        let Some(href) = anchor.value().attr("href") else {
            continue;
        };
        let Ok(mut url) = base.join(href.trim()) else {
            continue;
        };
        url.set_fragment(None);
        if !matches!(url.scheme(), "http" | "https") || url.as_str() == base.as_str() {
            continue;
        }
        if explicit.is_none() && (url.host_str() != base.host_str() || !looks_like_article(&url)) {
            continue;
        }
        let link = url.to_string();
        if entries.iter().any(|entry| entry.link == link) {
            continue;
        }
        let title = anchor
            .text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        entries.push(FeedEntry {
            id: link.clone(),
            link,
            title: (!title.is_empty()).then_some(title),
            summary: None,
            published: None,
            updated: None,
            authors: Vec::new(),
        });
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><body><nav><a href="/">Start</a><a href="/ausland/">Ausland</a><a href="/thema/kasachstan-lage-aktuell-heute">Thema</a></nav>
        <div class="teasers"><a href="/ausland/asien/kasachstan-abzug-beginnt-100.html">Abzug beginnt</a>
        <a href="https://e.example/ausland/asien/kasachstan-abzug-beginnt-100.html#kommentare">Kommentare</a>
        <a href="/wirtschaft/1234567">Kurz</a><a href="https://other.example/ausland/fremder-artikel-hier-lesen">Fremd</a></div></body></html>"#;

    #[test]
    fn detects_article_links_or_takes_the_selectors() {
        let entries = article_links(PAGE, "https://e.example/ausland/", None).unwrap();
        let links: Vec<&str> = entries.iter().map(|e| e.link.as_str()).collect();
        assert_eq!(
            links,
            vec![
                "https://e.example/ausland/asien/kasachstan-abzug-beginnt-100.html",
                "https://e.example/wirtschaft/1234567"
            ]
        );
        assert_eq!(entries[0].title.as_deref(), Some("Abzug beginnt"));
        let selected =
            article_links(PAGE, "https://e.example/ausland/", Some(".teasers a")).unwrap();
        assert_eq!(
            selected.len(),
            3,
            "the selector decides, other hosts included"
        );
        assert!(article_links(PAGE, "https://e.example/", Some("a[")).is_err());
    }
}
