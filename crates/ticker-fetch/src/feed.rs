//! Feed parsing (RSS 0.9x/1.0/2.0, Atom, JSON Feed) through feed-rs.

use chrono::{DateTime, Utc};

/// One entry of a feed, reduced to what the pipeline needs.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEntry {
    /// The entry's id (guid), or its link when it has none.
    pub id: String,
    /// The article URL (absolute).
    pub link: String,
    /// The entry title.
    pub title: Option<String>,
    /// The entry summary, as the feed gives it.
    pub summary: Option<String>,
    /// Publication time.
    pub published: Option<DateTime<Utc>>,
    /// Author names.
    pub authors: Vec<String>,
}

/// A parsed feed.
#[derive(Debug, Clone)]
pub struct ParsedFeed {
    /// The feed title.
    pub title: Option<String>,
    /// Its language, when declared.
    pub language: Option<String>,
    /// Entries that have a link, in feed order.
    pub entries: Vec<FeedEntry>,
}

/// A feed that could not be parsed.
#[derive(Debug, thiserror::Error)]
#[error("feed {url} does not parse: {reason}")]
pub struct FeedError {
    /// The feed URL.
    pub url: String,
    /// What feed-rs said.
    pub reason: String,
}

/// Parses a feed body; relative links are resolved against `url`.
pub fn parse_feed(body: &[u8], url: &str) -> Result<ParsedFeed, FeedError> {
    let parser = feed_rs::parser::Builder::new().base_uri(Some(url)).build();
    let feed = parser.parse(body).map_err(|error| FeedError {
        url: url.to_string(),
        reason: error.to_string(),
    })?;
    let base = url::Url::parse(url).ok();
    let mut entries = Vec::with_capacity(feed.entries.len());
    for entry in feed.entries {
        let Some(link) = entry_link(&entry, base.as_ref()) else {
            continue;
        };
        let id = if entry.id.trim().is_empty() {
            link.clone()
        } else {
            entry.id.clone()
        };
        entries.push(FeedEntry {
            id,
            link,
            title: entry.title.map(|text| text.content.trim().to_string()),
            summary: entry.summary.map(|text| text.content),
            published: entry.published.or(entry.updated),
            authors: entry
                .authors
                .into_iter()
                .map(|person| person.name)
                .collect(),
        });
    }
    Ok(ParsedFeed {
        title: feed.title.map(|text| text.content.trim().to_string()),
        language: feed.language,
        entries,
    })
}

fn entry_link(entry: &feed_rs::model::Entry, base: Option<&url::Url>) -> Option<String> {
    let preferred = entry
        .links
        .iter()
        .find(|link| link.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .or_else(|| entry.links.first())?;
    let href = preferred.href.trim();
    let absolute = match base {
        Some(base) => base.join(href).ok()?,
        None => url::Url::parse(href).ok()?,
    };
    matches!(absolute.scheme(), "http" | "https").then(|| absolute.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rss_atom_and_json_feed() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
            <item><title>Eins</title><link>/a/1.html</link><guid>g1</guid>
            <pubDate>Thu, 13 Jan 2022 09:59:00 +0100</pubDate></item>
            <item><title>Ohne Link</title></item></channel></rss>"#;
        let feed = parse_feed(rss, "http://127.0.0.1:8080/rss.xml").unwrap();
        assert_eq!(feed.entries.len(), 1);
        assert_eq!(feed.entries[0].link, "http://127.0.0.1:8080/a/1.html");
        assert_eq!(feed.entries[0].id, "g1");
        assert_eq!(
            feed.entries[0].published.unwrap().to_rfc3339(),
            "2022-01-13T08:59:00+00:00"
        );

        let atom =
            br#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
            <title>A</title><id>urn:x</id><updated>2022-01-13T00:00:00Z</updated>
            <entry><title>Zwei</title><id>urn:2</id><link href="https://example.org/2"/>
            <updated>2022-01-13T00:00:00Z</updated></entry></feed>"#;
        let feed = parse_feed(atom, "https://example.org/atom.xml").unwrap();
        assert_eq!(feed.entries[0].link, "https://example.org/2");

        let json = br#"{"version":"https://jsonfeed.org/version/1.1","title":"J",
            "items":[{"id":"3","url":"https://example.org/3","title":"Drei"}]}"#;
        let feed = parse_feed(json, "https://example.org/feed.json").unwrap();
        assert_eq!(feed.entries[0].title.as_deref(), Some("Drei"));
    }

    #[test]
    fn broken_feed_is_a_clear_error() {
        let error = parse_feed(b"<html>not a feed", "https://example.org/f").unwrap_err();
        assert!(
            error.to_string().contains("https://example.org/f"),
            "{error}"
        );
    }
}
