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
    /// The RSS `<ttl>`: minutes the feed may be cached.
    pub ttl_minutes: Option<u32>,
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
    let feed = parse_tolerant(body, Some(url)).map_err(|error| FeedError {
        url: url.to_string(),
        reason: error.to_string(),
    })?;
    let base = url::Url::parse(url).ok();
    let ttl_minutes = feed.ttl;
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
                .map(|person| split_author(&person.name).0)
                .filter(|name| !name.is_empty())
                .collect(),
        });
    }
    Ok(ParsedFeed {
        title: feed.title.map(|text| text.content.trim().to_string()),
        language: feed.language,
        entries,
        ttl_minutes,
    })
}

/// Parses a feed after repairing what real publishers break and XML does
/// not allow (a parser that accepts them silently drops the text around
/// them): HTML named entities (`&nbsp;`) become numeric references, a bare
/// `&` becomes `&amp;`, control characters are dropped, and a document cut
/// off inside its last closing tag (`</rss`) gets its `>`, and `<rss>`
/// without a version is read as RSS 2.0; Atom 0.3 is read as Atom 1.0.
pub fn parse_tolerant(
    body: &[u8],
    url: Option<&str>,
) -> Result<feed_rs::model::Feed, feed_rs::parser::ParseFeedError> {
    let parser = feed_rs::parser::Builder::new().base_uri(url).build();
    match repair(body) {
        Some(repaired) => parser
            .parse(repaired.as_slice())
            .or_else(|_| parser.parse(body)),
        None => parser.parse(body),
    }
}

/// The repaired bytes, or None when there was nothing to repair. Works on
/// bytes, so any ASCII-compatible charset stays as it was.
fn repair(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len() + 64);
    let mut changed = false;
    let mut index = 0;
    while index < body.len() {
        let byte = body[index];
        if byte == b'&' {
            let rest = &body[index + 1..body.len().min(index + 40)];
            let end = rest.iter().position(|b| *b == b';');
            let name = end.map(|end| &rest[..end]).filter(|name| {
                !name.is_empty() && name.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'#')
            });
            match name {
                Some(name)
                    if matches!(name, b"amp" | b"lt" | b"gt" | b"quot" | b"apos")
                        || name[0] == b'#' =>
                {
                    out.push(byte);
                }
                Some(name) => match crate::html_entities::HTML_ENTITIES
                    .binary_search_by(|(known, _)| known.as_bytes().cmp(name))
                {
                    Ok(found) => {
                        out.extend_from_slice(
                            format!("&#{};", crate::html_entities::HTML_ENTITIES[found].1)
                                .as_bytes(),
                        );
                        index += name.len() + 2;
                        changed = true;
                        continue;
                    }
                    Err(_) => {
                        out.extend_from_slice(b"&amp;");
                        changed = true;
                    }
                },
                None => {
                    out.extend_from_slice(b"&amp;");
                    changed = true;
                }
            }
        } else if byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r') {
            changed = true;
        } else {
            out.push(byte);
        }
        index += 1;
    }
    let trimmed_length = out
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |p| p + 1);
    let tail = &out[..trimmed_length];
    if let Some(open) = tail.iter().rposition(|b| *b == b'<') {
        let cut_off = tail[open..].starts_with(b"</")
            && tail[open + 2..]
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b':' || *b == b'-');
        if cut_off && tail.len() > open + 2 {
            out.truncate(trimmed_length);
            out.push(b'>');
            changed = true;
        }
    }
    // Atom 0.3 is read as Atom 1.0: the namespace and the renamed elements.
    const ATOM_03: &[u8] = b"http://purl.org/atom/ns#";
    if out.windows(ATOM_03.len()).any(|window| window == ATOM_03) {
        for (old, new) in [
            (
                &b"http://purl.org/atom/ns#"[..],
                &b"http://www.w3.org/2005/Atom"[..],
            ),
            (b"<tagline", b"<subtitle"),
            (b"</tagline>", b"</subtitle>"),
            (b"<copyright", b"<rights"),
            (b"</copyright>", b"</rights>"),
            (b"<modified>", b"<updated>"),
            (b"</modified>", b"</updated>"),
            (b"<issued>", b"<published>"),
            (b"</issued>", b"</published>"),
        ] {
            out = replace_all(&out, old, new);
        }
        changed = true;
    }
    // An RSS root without a version ("<rss>", "<rss xmlns:…>") is RSS 2.0 for
    // every reader, and an RSS document without a channel has an empty one.
    if let Some(position) = out.windows(4).position(|window| window == b"<rss") {
        let tag_end = out[position..]
            .iter()
            .position(|b| *b == b'>')
            .map(|end| position + end);
        let next = out.get(position + 4).copied();
        if let (Some(tag_end), Some(b' ' | b'>' | b'\n' | b'\t' | b'\r')) = (tag_end, next) {
            if !out[position..tag_end]
                .windows(8)
                .any(|window| window == b"version=")
            {
                out.splice(
                    position + 4..position + 4,
                    b" version=\"2.0\"".iter().copied(),
                );
                changed = true;
            }
            let has_channel = out.windows(8).any(|window| window == b"<channel");
            let close = out.windows(6).rposition(|window| window == b"</rss>");
            if let (false, Some(close)) = (has_channel, close) {
                let open_end = out[position..]
                    .iter()
                    .position(|b| *b == b'>')
                    .map_or(close, |end| position + end + 1);
                out.splice(close..close, b"</channel>".iter().copied());
                out.splice(open_end..open_end, b"<channel>".iter().copied());
                changed = true;
            }
        }
    }
    changed.then_some(out)
}

/// Splits RSS-style author strings into name and e-mail:
/// "Max Muster (max@example.org)" and "max@example.org (Max Muster)".
pub fn split_author(text: &str) -> (String, Option<String>) {
    let text = text.trim();
    if let Some(open) = text.rfind('(') {
        if let Some(inner) = text[open + 1..].strip_suffix(')') {
            let outer = text[..open].trim();
            if inner.contains('@') && !outer.is_empty() {
                return (outer.to_string(), Some(inner.trim().to_string()));
            }
            if outer.contains('@') && !inner.trim().is_empty() {
                return (inner.trim().to_string(), Some(outer.to_string()));
            }
        }
    }
    if text.contains('@') && !text.contains(' ') {
        return (String::new(), Some(text.to_string()));
    }
    (text.to_string(), None)
}

fn replace_all(haystack: &[u8], old: &[u8], new: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut index = 0;
    while index < haystack.len() {
        if haystack[index..].starts_with(old) {
            out.extend_from_slice(new);
            index += old.len();
        } else {
            out.push(haystack[index]);
            index += 1;
        }
    }
    out
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
    fn html_entities_bare_ampersands_and_control_characters_are_repaired() {
        let rss = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Tom &amp; Jerry &nbsp;&eacute; & Co\x01</title>\n<item><title>A</title><link>https://e.example/a</link></item></channel></rss>";
        let feed = parse_feed(rss, "https://e.example/feed").unwrap();
        assert_eq!(feed.title.as_deref(), Some("Tom & Jerry \u{a0}é & Co"));
        assert_eq!(feed.entries.len(), 1);
    }

    #[test]
    fn author_strings_split_into_name_and_email() {
        assert_eq!(
            split_author("Max Muster (max@example.org)"),
            ("Max Muster".into(), Some("max@example.org".into()))
        );
        assert_eq!(
            split_author("max@example.org (Max Muster)"),
            ("Max Muster".into(), Some("max@example.org".into()))
        );
        assert_eq!(split_author("Redaktion"), ("Redaktion".into(), None));
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
