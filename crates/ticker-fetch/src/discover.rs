//! Feed discovery: given a site's page, find its feeds.
//!
//! First the page's own `<link rel="alternate">` declarations of RSS, Atom
//! and JSON feeds; then, when it declares none, the common paths
//! (`/feed`, `/rss.xml`, …) on the same host, each kept only when it parses
//! as a feed.

use scraper::{Html, Selector};

use crate::{parse_tolerant, FetchError, HttpClient, Validators};

/// A feed found for a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveredFeed {
    /// Absolute feed URL.
    pub url: String,
    /// The feed's title, from the declaration or the feed itself.
    pub title: Option<String>,
    /// `declared` (a `<link rel="alternate">`) or `probed` (a common path).
    pub how: &'static str,
}

const FEED_TYPES: &[&str] = &[
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
    "text/xml",
];
const COMMON_PATHS: &[&str] = &[
    "/feed",
    "/rss",
    "/rss.xml",
    "/atom.xml",
    "/feed.xml",
    "/index.xml",
    "/feeds/posts/default",
    "/feed.json",
    "/index.rss",
];

/// Feeds declared in an HTML page, resolved against `base`.
pub fn declared_feeds(html: &str, base: &url::Url) -> Vec<DiscoveredFeed> {
    let document = Html::parse_document(html);
    let selector = Selector::parse("link[rel~=alternate][href]").expect("valid selector");
    let mut feeds: Vec<DiscoveredFeed> = Vec::new();
    for link in document.select(&selector) {
        let kind = link.value().attr("type").unwrap_or("").to_ascii_lowercase();
        if !FEED_TYPES
            .iter()
            .any(|feed_type| kind.starts_with(feed_type))
        {
            continue;
        }
        let Some(url) = link
            .value()
            .attr("href")
            .and_then(|href| base.join(href.trim()).ok())
        else {
            continue;
        };
        let url = url.to_string();
        if !feeds.iter().any(|feed| feed.url == url) {
            feeds.push(DiscoveredFeed {
                url,
                title: link.value().attr("title").map(str::to_string),
                how: "declared",
            });
        }
    }
    feeds
}

/// Discovers the feeds of the site at `url`.
pub async fn discover(client: &HttpClient, url: &str) -> Result<Vec<DiscoveredFeed>, FetchError> {
    let page = client.get(url, &Validators::default()).await?;
    let base = url::Url::parse(&page.final_url).map_err(|error| FetchError::Transport {
        url: url.to_string(),
        reason: error.to_string(),
    })?;
    // The URL may itself be a feed.
    if let Ok(feed) = parse_tolerant(
        &page.body,
        Some(&page.final_url),
        page.content_type.as_deref(),
    ) {
        return Ok(vec![DiscoveredFeed {
            url: page.final_url.clone(),
            title: feed.title.map(|t| t.content),
            how: "declared",
        }]);
    }
    let (html, _) = encoding_rs::UTF_8.decode_without_bom_handling(&page.body);
    let declared = declared_feeds(&html, &base);
    if !declared.is_empty() {
        return Ok(declared);
    }
    let mut probed = Vec::new();
    for path in COMMON_PATHS {
        let Ok(candidate) = base.join(path) else {
            continue;
        };
        let Ok(response) = client.get(candidate.as_str(), &Validators::default()).await else {
            continue;
        };
        if let Ok(feed) = parse_tolerant(
            &response.body,
            Some(&response.final_url),
            response.content_type.as_deref(),
        ) {
            if !probed
                .iter()
                .any(|known: &DiscoveredFeed| known.url == response.final_url)
            {
                probed.push(DiscoveredFeed {
                    url: response.final_url.clone(),
                    title: feed.title.map(|t| t.content),
                    how: "probed",
                });
            }
        }
    }
    Ok(probed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_declared_feeds() {
        let html = r#"<html><head>
            <link rel="alternate" type="application/rss+xml" title="Alle Meldungen" href="/index~rss2.xml">
            <link rel="alternate" type="application/atom+xml" href="https://e.example/atom">
            <link rel="alternate" hreflang="en" href="/en/">
            <link rel="stylesheet" href="/a.css"></head></html>"#;
        let base = url::Url::parse("https://e.example/start").unwrap();
        let feeds = declared_feeds(html, &base);
        assert_eq!(feeds.len(), 2);
        assert_eq!(feeds[0].url, "https://e.example/index~rss2.xml");
        assert_eq!(feeds[0].title.as_deref(), Some("Alle Meldungen"));
    }
}
