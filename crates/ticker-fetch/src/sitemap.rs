//! Sitemaps: news sitemaps (`news:` namespace), plain URL sets and sitemap
//! indexes, gzip or not.
//!
//! Sitemaps are flat and regular, so they are read with patterns over the
//! `<url>` / `<sitemap>` blocks rather than a full XML parser; the values are
//! unescaped (`&amp;`) and entries without a `<loc>` are skipped.

use std::io::Read;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use regex::Regex;

/// One page listed in a sitemap.
#[derive(Debug, Clone, PartialEq)]
pub struct SitemapUrl {
    /// The page URL.
    pub loc: String,
    /// `<lastmod>`.
    pub lastmod: Option<DateTime<Utc>>,
    /// `<news:publication_date>`.
    pub published: Option<DateTime<Utc>>,
    /// `<news:title>`.
    pub title: Option<String>,
}

/// A parsed sitemap.
#[derive(Debug, Clone, PartialEq)]
pub enum Sitemap {
    /// A sitemap index: further sitemaps with their `<lastmod>`.
    Index(Vec<(String, Option<DateTime<Utc>>)>),
    /// A URL set.
    Urls(Vec<SitemapUrl>),
}

/// A sitemap that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("sitemap {url}: {reason}")]
pub struct SitemapError {
    /// The sitemap URL.
    pub url: String,
    /// What is wrong.
    pub reason: String,
}

fn patterns() -> &'static [Regex; 7] {
    static RE: OnceLock<[Regex; 7]> = OnceLock::new();
    RE.get_or_init(|| {
        let tag = |name: &str| Regex::new(&format!(r"(?s)<(?:[\w-]+:)?{name}[^>]*>\s*(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?\s*</(?:[\w-]+:)?{name}>")).expect("valid regex");
        [
            Regex::new(r"(?s)<(?:[\w-]+:)?url[\s>].*?</(?:[\w-]+:)?url>").expect("valid regex"),
            Regex::new(r"(?s)<(?:[\w-]+:)?sitemap[\s>].*?</(?:[\w-]+:)?sitemap>").expect("valid regex"),
            tag("loc"),
            tag("lastmod"),
            tag("publication_date"),
            tag("title"),
            Regex::new(r"<(?:[\w-]+:)?sitemapindex[\s>]").expect("valid regex"),
        ]
    })
}

fn unescape(text: &str) -> String {
    text.trim()
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn date(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    DateTime::parse_from_rfc3339(text)
        .map(|d| d.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d")
                .ok()?
                .and_hms_opt(0, 0, 0)
                .map(|t| t.and_utc())
        })
}

/// Whether a body is a sitemap or sitemap index: gzip (how sitemaps are
/// served compressed) or a `<urlset>` / `<sitemapindex>` near its start.
pub fn looks_like_sitemap(body: &[u8]) -> bool {
    if body.starts_with(&[0x1f, 0x8b]) {
        return true;
    }
    let head = String::from_utf8_lossy(&body[..body.len().min(2048)]).to_ascii_lowercase();
    head.contains("<urlset") || head.contains("<sitemapindex")
}

/// Reads a sitemap body (gzip is detected by its magic bytes and
/// decompressed up to `max_bytes`).
pub fn parse_sitemap(body: &[u8], url: &str, max_bytes: usize) -> Result<Sitemap, SitemapError> {
    let error = |reason: String| SitemapError {
        url: url.to_string(),
        reason,
    };
    let mut inflated = Vec::new();
    let body = if body.starts_with(&[0x1f, 0x8b]) {
        flate2::read::GzDecoder::new(body)
            .take(max_bytes as u64 + 1)
            .read_to_end(&mut inflated)
            .map_err(|e| error(format!("gzip: {e}")))?;
        if inflated.len() > max_bytes {
            return Err(error(format!(
                "larger than {max_bytes} bytes once decompressed"
            )));
        }
        inflated.as_slice()
    } else {
        body
    };
    let text = String::from_utf8_lossy(body);
    let [url_block, sitemap_block, loc, lastmod, published, title, index] = patterns();
    let value = |pattern: &Regex, block: &str| pattern.captures(block).map(|c| unescape(&c[1]));
    if index.is_match(&text) {
        let sitemaps = sitemap_block
            .find_iter(&text)
            .filter_map(|block| {
                Some((
                    value(loc, block.as_str())?,
                    value(lastmod, block.as_str()).and_then(|d| date(&d)),
                ))
            })
            .collect();
        return Ok(Sitemap::Index(sitemaps));
    }
    if !text.contains("urlset") {
        return Err(error("neither a urlset nor a sitemapindex".to_string()));
    }
    let urls = url_block
        .find_iter(&text)
        .filter_map(|block| {
            let block = block.as_str();
            Some(SitemapUrl {
                loc: value(loc, block)?,
                lastmod: value(lastmod, block).and_then(|d| date(&d)),
                published: value(published, block).and_then(|d| date(&d)),
                title: value(title, block),
            })
        })
        .collect();
    Ok(Sitemap::Urls(urls))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEWS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://e.example/a?x=1&amp;y=2</loc>
    <news:news><news:publication><news:name>E</news:name><news:language>de</news:language></news:publication>
      <news:publication_date>2026-11-21T08:00:00+01:00</news:publication_date>
      <news:title><![CDATA[Abzug beginnt]]></news:title></news:news></url>
  <url><loc>https://e.example/b</loc><lastmod>2026-11-20</lastmod></url>
  <url><lastmod>2026-11-20</lastmod></url>
</urlset>"#;

    #[test]
    fn reads_news_sitemaps_indexes_and_gzip() {
        let Sitemap::Urls(urls) = parse_sitemap(NEWS.as_bytes(), "u", 1 << 20).unwrap() else {
            panic!("a urlset")
        };
        assert_eq!(urls.len(), 2);
        assert_eq!(urls[0].loc, "https://e.example/a?x=1&y=2");
        assert_eq!(urls[0].title.as_deref(), Some("Abzug beginnt"));
        assert_eq!(
            urls[0].published.unwrap().to_rfc3339(),
            "2026-11-21T07:00:00+00:00"
        );
        assert_eq!(
            urls[1].lastmod.unwrap().to_rfc3339(),
            "2026-11-20T00:00:00+00:00"
        );

        let index = r#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://e.example/news.xml.gz</loc><lastmod>2026-11-21</lastmod></sitemap></sitemapindex>"#;
        assert!(
            matches!(parse_sitemap(index.as_bytes(), "u", 1 << 20).unwrap(), Sitemap::Index(list) if list.len() == 1)
        );

        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(NEWS.as_bytes()).unwrap();
        let gz = encoder.finish().unwrap();
        assert!(
            matches!(parse_sitemap(&gz, "u", 1 << 20).unwrap(), Sitemap::Urls(list) if list.len() == 2)
        );
        assert!(
            parse_sitemap(&gz, "u", 100).is_err(),
            "the limit applies after decompression"
        );
        assert!(parse_sitemap(b"<html>no</html>", "u", 1 << 20).is_err());
    }
}
