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
    /// When the source says the entry last changed (Atom `updated`,
    /// sitemap `lastmod`): a new value makes the page worth fetching again.
    pub updated: Option<DateTime<Utc>>,
    /// Author names.
    pub authors: Vec<String>,
}

impl FeedEntry {
    /// The entry's id with its last-change time: a source that marks an
    /// entry as updated hands it to the workers again, which publish a new
    /// revision when the page text changed.
    pub fn version_key(&self) -> String {
        match self.updated {
            Some(updated) => format!("{}\u{1e}{}", self.id, updated.timestamp()),
            None => self.id.clone(),
        }
    }
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

/// Parses a feed body; relative links are resolved against `url`, and the
/// charset of the HTTP `Content-Type` (when given) wins over the document's.
pub fn parse_feed(
    body: &[u8],
    url: &str,
    content_type: Option<&str>,
) -> Result<ParsedFeed, FeedError> {
    let feed = parse_tolerant(body, Some(url), content_type).map_err(|error| FeedError {
        url: url.to_string(),
        reason: match looks_like_html(body) {
            true => format!(
                "{error}; the body is an HTML page{}, not a feed (`ticker discover` finds a site's feeds)",
                content_type.map(|t| format!(" ({t})")).unwrap_or_default()
            ),
            false => error.to_string(),
        },
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
            updated: entry.updated,
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
    content_type: Option<&str>,
) -> Result<feed_rs::model::Feed, feed_rs::parser::ParseFeedError> {
    let parser = feed_rs::parser::Builder::new().base_uri(url).build();
    let transcoded = to_utf8(body, content_type);
    let body = transcoded.as_deref().unwrap_or(body);
    match repair(body) {
        Some(repaired) => parser
            .parse(repaired.as_slice())
            .or_else(|_| parser.parse(body)),
        None => parser.parse(body),
    }
}

/// Whether a body is an HTML page rather than a feed.
fn looks_like_html(body: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&body[..body.len().min(1024)]).to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html")
}

/// The body transcoded to UTF-8 (with its XML declaration saying so), or
/// None when it already is UTF-8. The charset comes from the HTTP header
/// (which wins for XML, RFC 7303), else the XML declaration, else UTF-8; a
/// body that claims UTF-8 but is not is read as Windows-1252, and so is
/// ISO-8859-1 (its C1 range holds Windows-1252's quotes on real servers).
/// A byte-order mark is left to the XML parser.
fn to_utf8(body: &[u8], content_type: Option<&str>) -> Option<Vec<u8>> {
    use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
    if body.starts_with(&[0xef, 0xbb, 0xbf])
        || body.starts_with(&[0xff, 0xfe])
        || body.starts_with(&[0xfe, 0xff])
    {
        return None;
    }
    let from_header = content_type.and_then(|value| {
        let lower = value.to_ascii_lowercase();
        let charset = lower
            .split(';')
            .find_map(|part| part.trim().strip_prefix("charset="))?;
        Encoding::for_label(charset.trim_matches(['"', '\'', ' ']).as_bytes())
    });
    let head = &body[..body.len().min(512)];
    let declaration = head
        .starts_with(b"<?xml")
        .then(|| head.iter().position(|b| *b == b'>'))
        .flatten()
        .map(|end| &head[..=end]);
    let from_declaration = declaration.and_then(|declaration| {
        let text = std::str::from_utf8(declaration).ok()?;
        let at = text.find("encoding=")? + "encoding=".len();
        let quote = text[at..].chars().next()?;
        let value = text[at + quote.len_utf8()..].split(quote).next()?;
        Encoding::for_label(value.trim().as_bytes())
    });
    let mut encoding = from_header.or(from_declaration).unwrap_or(UTF_8);
    if encoding == UTF_8 || encoding.name() == "UTF-16LE" || encoding.name() == "UTF-16BE" {
        if std::str::from_utf8(body).is_ok() || encoding != UTF_8 {
            return None;
        }
        encoding = WINDOWS_1252;
    }
    let (text, _, _) = encoding.decode(body);
    let mut out = text.into_owned().into_bytes();
    // Rewrite the declaration's encoding, on bytes, when the decoded text
    // starts with the same bytes (ASCII-compatible charsets).
    if let Some(declaration) = declaration {
        const NAME: &[u8] = b"encoding=";
        let found = declaration
            .windows(NAME.len())
            .position(|window| window == NAME)
            .and_then(|at| {
                let quote = *declaration.get(at + NAME.len())?;
                let value_start = at + NAME.len() + 1;
                let close = declaration
                    .get(value_start..)?
                    .iter()
                    .position(|b| *b == quote)?;
                Some((at, value_start + close + 1))
            });
        if let Some((at, value_end)) = found {
            if out.starts_with(&declaration[..value_end]) {
                out.splice(at..value_end, b"encoding=\"utf-8\"".iter().copied());
            }
        }
    }
    Some(out)
}

/// The repaired bytes, or None when there was nothing to repair. Works on
/// bytes, so any ASCII-compatible charset stays as it was.
fn repair(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len() + 64);
    let mut changed = false;
    let mut index = 0;
    let utf8 = !(body.starts_with(&[0xff, 0xfe]) || body.starts_with(&[0xfe, 0xff]));
    while index < body.len() {
        let byte = body[index];
        if byte == b'&' {
            let rest = &body[index + 1..body.len().min(index + 40)];
            let end = rest.iter().position(|b| *b == b';');
            let name = end.map(|end| &rest[..end]).filter(|name| {
                !name.is_empty() && name.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'#')
            });
            match name {
                Some(name) if name[0] == b'#' => match numeric_reference(name) {
                    Some(replacement) => {
                        out.extend_from_slice(replacement.as_bytes());
                        index += name.len() + 2;
                        changed = true;
                        continue;
                    }
                    None => out.push(byte),
                },
                Some(b"amp" | b"lt" | b"gt" | b"quot" | b"apos") => {
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
        } else if byte == 0xc2
            && utf8
            && body
                .get(index + 1)
                .is_some_and(|next| (0x80..0xa0).contains(next))
        {
            // A C1 control in UTF-8 is a Windows-1252 character that went
            // through a Latin-1 conversion: U+0092 was meant as ’.
            let c1 = [body[index + 1]];
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&c1);
            out.extend_from_slice(text.as_bytes());
            index += 2;
            changed = true;
            continue;
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
            // Versions feed-rs does not know (0.93, 0.94, 2.01, 2.1) are
            // RSS 2.0 supersets or typos of it.
            for unknown in [
                &b"version=\"0.93\""[..],
                b"version=\"0.94\"",
                b"version=\"2.01\"",
                b"version=\"2.1\"",
                b"version=\"2\"",
            ] {
                if let Some(at) = out[position..tag_end]
                    .windows(unknown.len())
                    .position(|window| window == unknown)
                {
                    let at = position + at;
                    out.splice(at..at + unknown.len(), b"version=\"2.0\"".iter().copied());
                    changed = true;
                    break;
                }
            }
            let tag_end = out[position..]
                .iter()
                .position(|b| *b == b'>')
                .map_or(tag_end, |end| position + end);
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
    if let Some(fixed) = atom_text_types(&out) {
        out = fixed;
        changed = true;
    }
    if let Some(rss) = cdf_to_rss(&out) {
        out = rss;
        changed = true;
    }
    changed.then_some(out)
}

/// Atom text constructs (`title`, `subtitle`, `rights`, `summary`) with a
/// media type instead of `text`/`html`/`xhtml`, which feed-rs refuses:
/// XML types are read as `xhtml`, other `text/*` types as `text`, and any
/// other type (or `mode="base64"`) is base64 that is decoded into text.
fn atom_text_types(body: &[u8]) -> Option<Vec<u8>> {
    use regex::bytes::Regex;
    use std::sync::OnceLock;
    static CONSTRUCT: OnceLock<Regex> = OnceLock::new();
    static TYPE: OnceLock<Regex> = OnceLock::new();
    if !body
        .windows(6)
        .any(|window| window == b"<feed " || window == b"<feed>")
    {
        return None;
    }
    let construct = CONSTRUCT.get_or_init(|| {
        Regex::new(r#"(?s)<(title|subtitle|rights|summary)(\s[^>]*?(?:type|mode)\s*=[^>]*)>(.*?)</(title|subtitle|rights|summary)>"#)
            .expect("static regex")
    });
    let type_attr = TYPE.get_or_init(|| {
        Regex::new(r#"\b(type|mode)\s*=\s*["']([^"']*)["']"#).expect("static regex")
    });
    let mut out = Vec::with_capacity(body.len());
    let mut last = 0;
    let mut changed = false;
    for caps in construct.captures_iter(body) {
        let (whole, name, attrs, inner) = (&caps[0], &caps[1], &caps[2], &caps[3]);
        if name != &caps[4] {
            continue;
        }
        let mut media = None;
        let mut base64 = false;
        for attr in type_attr.captures_iter(attrs) {
            match &attr[1] {
                b"type" => media = Some(attr[2].to_ascii_lowercase()),
                _ => base64 |= attr[2].eq_ignore_ascii_case(b"base64"),
            }
        }
        let media = media.unwrap_or_else(|| b"text".to_vec());
        let (new_type, decode): (&[u8], bool) = match media.as_slice() {
            b"text" | b"html" | b"xhtml" | b"text/html" if !base64 => continue,
            b"text" | b"html" | b"xhtml" | b"text/html" => (b"text", true),
            b"application/xhtml+xml" => (b"xhtml", base64),
            m if m.ends_with(b"+xml") || m.ends_with(b"/xml") => (b"xhtml", base64),
            m if m.starts_with(b"text/") => (b"text", base64),
            _ => (b"text", true),
        };
        let text = match decode {
            true => match decode_base64(inner) {
                Some(decoded) => xml_escape(&decoded),
                None => continue,
            },
            false => inner.to_vec(),
        };
        let start = whole.as_ptr() as usize - body.as_ptr() as usize;
        out.extend_from_slice(&body[last..start]);
        out.push(b'<');
        out.extend_from_slice(name);
        out.extend_from_slice(b" type=\"");
        out.extend_from_slice(new_type);
        out.extend_from_slice(b"\">");
        out.extend_from_slice(&text);
        out.extend_from_slice(b"</");
        out.extend_from_slice(name);
        out.push(b'>');
        last = start + whole.len();
        changed = true;
    }
    if !changed {
        return None;
    }
    out.extend_from_slice(&body[last..]);
    Some(out)
}

/// Decodes standard base64, ignoring whitespace; None when it is not base64.
fn decode_base64(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for &byte in text {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            b if b.is_ascii_whitespace() => continue,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

fn xml_escape(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 16);
    for &byte in text {
        match byte {
            b'&' => out.extend_from_slice(b"&amp;"),
            b'<' => out.extend_from_slice(b"&lt;"),
            b'>' => out.extend_from_slice(b"&gt;"),
            _ => out.push(byte),
        }
    }
    out
}

/// A Microsoft CDF channel (`<CHANNEL HREF=… LASTMOD=…>` with `<ITEM>`,
/// `<TITLE>`, `<ABSTRACT>`) rewritten as RSS 2.0; None for anything else.
fn cdf_to_rss(body: &[u8]) -> Option<Vec<u8>> {
    use regex::bytes::{Captures, Regex};
    use std::sync::OnceLock;
    static ROOT: OnceLock<Regex> = OnceLock::new();
    static TAG: OnceLock<Regex> = OnceLock::new();
    static ATTR: OnceLock<Regex> = OnceLock::new();
    let root = ROOT.get_or_init(|| {
        Regex::new(r"^(?s)(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(?i:channel)[\s>]")
            .expect("static regex")
    });
    if !root.is_match(body) {
        return None;
    }
    let tag = TAG.get_or_init(|| {
        Regex::new(r"(?s)<(/?)(?i:(channel|item|title|abstract))\b([^>]*?)(/?)>")
            .expect("static regex")
    });
    let attr = ATTR.get_or_init(|| {
        Regex::new(r#"(?i)\b(href|lastmod|base)\s*=\s*["']([^"']*)["']"#).expect("static regex")
    });
    let mut base: Option<url::Url> = None;
    let converted = tag.replace_all(body, |caps: &Captures| {
        let closing = !caps[1].is_empty();
        let name = caps[2].to_ascii_lowercase();
        let name = match name.as_slice() {
            b"abstract" => b"description".to_vec(),
            _ => name,
        };
        let mut out = Vec::new();
        if closing {
            out.extend_from_slice(b"</");
            out.extend_from_slice(&name);
            out.push(b'>');
            if name == b"channel" {
                out.extend_from_slice(b"</rss>");
            }
            return out;
        }
        if name == b"channel" {
            out.extend_from_slice(b"<rss version=\"2.0\">");
        }
        out.push(b'<');
        out.extend_from_slice(&name);
        out.push(b'>');
        if !matches!(name.as_slice(), b"channel" | b"item") {
            return out;
        }
        for found in attr.captures_iter(&caps[3]) {
            let value = String::from_utf8_lossy(&found[2]).to_string();
            match found[1].to_ascii_lowercase().as_slice() {
                b"base" => base = url::Url::parse(&value).ok(),
                b"href" => {
                    let href = base
                        .as_ref()
                        .and_then(|base| base.join(&value).ok())
                        .map_or(value, |u| u.to_string());
                    out.extend_from_slice(b"<link>");
                    out.extend_from_slice(&xml_escape(href.as_bytes()));
                    out.extend_from_slice(b"</link>");
                }
                _ => {
                    let Ok(date) = DateTime::parse_from_rfc3339(value.trim()) else {
                        continue;
                    };
                    let element: &[u8] = match name.as_slice() {
                        b"channel" => b"lastBuildDate",
                        _ => b"pubDate",
                    };
                    out.push(b'<');
                    out.extend_from_slice(element);
                    out.push(b'>');
                    out.extend_from_slice(date.to_rfc2822().as_bytes());
                    out.extend_from_slice(b"</");
                    out.extend_from_slice(element);
                    out.push(b'>');
                }
            }
        }
        if !caps[4].is_empty() {
            out.extend_from_slice(b"</");
            out.extend_from_slice(&name);
            out.push(b'>');
        }
        out
    });
    Some(converted.into_owned())
}

/// A numeric character reference XML would refuse or misread, rewritten:
/// `&#X41;` (uppercase X) and references into the C1 range, which HTML
/// (and every feed reader) maps to the Windows-1252 characters they meant.
fn numeric_reference(name: &[u8]) -> Option<String> {
    let (digits, radix) = match name.get(1) {
        Some(b'x') => (&name[2..], 16),
        Some(b'X') => (&name[2..], 16),
        _ => (&name[1..], 10),
    };
    let code = u32::from_str_radix(std::str::from_utf8(digits).ok()?, radix).ok()?;
    if (0x80..0xa0).contains(&code) {
        let byte = [code as u8];
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
        return Some(format!("&#{};", text.chars().next()? as u32));
    }
    (name.get(1) == Some(&b'X')).then(|| format!("&#{code};"))
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
        let feed = parse_feed(rss, "http://127.0.0.1:8080/rss.xml", None).unwrap();
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
        let feed = parse_feed(atom, "https://example.org/atom.xml", None).unwrap();
        assert_eq!(feed.entries[0].link, "https://example.org/2");

        let json = br#"{"version":"https://jsonfeed.org/version/1.1","title":"J",
            "items":[{"id":"3","url":"https://example.org/3","title":"Drei"}]}"#;
        let feed = parse_feed(json, "https://example.org/feed.json", None).unwrap();
        assert_eq!(feed.entries[0].title.as_deref(), Some("Drei"));
    }

    #[test]
    fn html_entities_bare_ampersands_and_control_characters_are_repaired() {
        let rss = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Tom &amp; Jerry &nbsp;&eacute; & Co\x01</title>\n<item><title>A</title><link>https://e.example/a</link></item></channel></rss>";
        let feed = parse_feed(rss, "https://e.example/feed", None).unwrap();
        assert_eq!(feed.title.as_deref(), Some("Tom & Jerry \u{a0}é & Co"));
        assert_eq!(feed.entries.len(), 1);
    }

    #[test]
    fn cdf_channels_are_read_as_rss() {
        let cdf = br#"<?xml version="1.0"?>
<CHANNEL BASE="http://base.example.org/" HREF="http://www.example.org/" LASTMOD="2004-04-06T23:05:43-05:00">
  <TITLE>Kanal</TITLE><ABSTRACT>Worum es geht</ABSTRACT>
  <ITEM HREF="/item/1" LASTMOD="2004-04-06T23:05:43-05:00"><TITLE>Eins</TITLE></ITEM>
</CHANNEL>"#;
        let feed = parse_feed(cdf, "http://www.example.org/cdf", None).unwrap();
        assert_eq!(feed.title.as_deref(), Some("Kanal"));
        assert_eq!(feed.entries[0].link, "http://base.example.org/item/1");
        assert_eq!(feed.entries[0].title.as_deref(), Some("Eins"));
        assert_eq!(
            feed.entries[0].published.unwrap().to_rfc3339(),
            "2004-04-07T04:05:43+00:00"
        );
    }

    #[test]
    fn atom_media_typed_and_base64_text_is_decoded() {
        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title type="application/octet-stream">
    RXhhbXBsZSA8Yj5BdG9tPC9iPg==
  </title><entry><title type="text/plain">Plain</title><link href="https://e.example/1"/></entry></feed>"#;
        let feed = parse_feed(atom, "https://e.example/atom", None).unwrap();
        assert_eq!(feed.title.as_deref(), Some("Example <b>Atom</b>"));
        assert_eq!(feed.entries[0].title.as_deref(), Some("Plain"));
    }

    #[test]
    fn rss_versions_feed_rs_does_not_know_are_rss_2() {
        for version in ["0.93", "0.94", "2.01", "2.1"] {
            let rss = format!(
                r#"<rss version="{version}"><channel><title>V</title><item><link>https://e.example/1</link></item></channel></rss>"#
            );
            let feed = parse_feed(rss.as_bytes(), "https://e.example/rss", None).unwrap();
            assert_eq!(feed.entries.len(), 1, "{version}");
        }
    }

    #[test]
    fn the_http_charset_wins_and_lying_utf8_is_read_as_windows_1252() {
        // Windows-1252 bytes (£ “ ” ü) under a UTF-8 declaration.
        let body = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Gr\xfc\xdfe \xa3\x93x\x94</title></channel></rss>";
        let feed = parse_feed(
            body,
            "https://e.example/rss",
            Some("text/xml; charset=windows-1252"),
        )
        .unwrap();
        assert_eq!(feed.title.as_deref(), Some("Grüße £“x”"));
        let feed = parse_feed(body, "https://e.example/rss", None).unwrap();
        assert_eq!(feed.title.as_deref(), Some("Grüße £“x”"));
        let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>M\xfcnchen &#146;s &#X41;</title></channel></rss>";
        let feed =
            parse_feed(latin1, "https://e.example/rss", Some("application/rss+xml")).unwrap();
        assert_eq!(feed.title.as_deref(), Some("München ’s A"));
    }

    #[test]
    fn declarations_that_are_not_ascii_do_not_panic() {
        // Found by the parse_feed fuzz target: non-ASCII bytes inside the
        // XML declaration shifted offsets after a lossy conversion.
        let mut body = b"<?xml ".to_vec();
        body.extend(std::iter::repeat_n(0xedu8, 60));
        body.extend_from_slice(b" version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>T</title></channel></rss>");
        let _ = parse_feed(&body, "https://e.example/rss", None);
        let _ = parse_feed(
            b"<?xml encoding=\"",
            "https://e.example/rss",
            Some("text/xml; charset=latin1"),
        );
        // A multi-byte character where the quote of the encoding should be.
        let _ = parse_feed(
            "<?xml v encoding=\u{780}99\u{780}?><rss/>".as_bytes(),
            "https://e.example/rss",
            None,
        );
    }

    #[test]
    fn an_html_page_is_named_as_such() {
        let error = parse_feed(
            b"<!DOCTYPE html><html><body>Startseite</body></html>",
            "https://example.org/",
            Some("text/html; charset=utf-8"),
        )
        .unwrap_err();
        assert!(error.to_string().contains("HTML page"), "{error}");
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
        let error = parse_feed(
            b"<html>not a feed",
            "https://example.org/f",
            Some("text/html"),
        )
        .unwrap_err();
        assert!(
            error.to_string().contains("https://example.org/f"),
            "{error}"
        );
    }
}
