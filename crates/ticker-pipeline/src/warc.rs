//! WARC files (ISO 28500; Common Crawl News and Heritrix write them, gzip
//! per record): the HTTP responses they hold, as pages to normalize, for
//! `ticker ingest` backfills.
//!
//! Read as a stream, one record at a time, so a file of gigabytes needs
//! the memory of one record; a record larger than [`MAX_RECORD`] is
//! skipped without being read into memory.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use chrono::{DateTime, Utc};

/// Largest record read; larger ones are skipped.
pub const MAX_RECORD: u64 = 32 * 1024 * 1024;

/// One HTTP response of a WARC file.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// `WARC-Target-URI`: the URL that was fetched.
    pub url: String,
    /// `WARC-Date`: when it was fetched.
    pub fetched_at: Option<DateTime<Utc>>,
    /// The HTTP status code.
    pub status: u16,
    /// The HTTP `Content-Type`, if any.
    pub content_type: Option<String>,
    /// The body, de-chunked and decompressed when the headers say so.
    pub body: Vec<u8>,
}

impl Response {
    /// Whether it is a page to read: status 200, and HTML by its type or
    /// its first bytes.
    pub fn is_page(&self) -> bool {
        let html = self
            .content_type
            .as_deref()
            .is_some_and(|kind| kind.to_ascii_lowercase().contains("html"))
            || ticker_normalize::looks_like_html(&self.body);
        self.status == 200 && html
    }
}

/// Why a WARC file could not be read on.
#[derive(Debug, thiserror::Error)]
pub enum WarcError {
    /// Reading failed (or the gzip stream is broken).
    #[error("reading the WARC file: {0}")]
    Io(#[from] std::io::Error),
    /// A record does not start like one.
    #[error("not a WARC record at record {record}: {line:?}")]
    Format {
        /// The record's number (from 1).
        record: usize,
        /// What stood where the version line should be.
        line: String,
    },
}

/// Whether `path` names a WARC file (`.warc`, `.warc.gz`).
pub fn is_warc(path: &Path) -> bool {
    let name = path.to_string_lossy().to_ascii_lowercase();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// Calls `each` with every HTTP response of the WARC file at `path`, in
/// file order. Returns how many records the file held.
pub fn read_responses(path: &Path, mut each: impl FnMut(Response)) -> Result<usize, WarcError> {
    let file = std::fs::File::open(path)?;
    let reader: Box<dyn Read> = if path.to_string_lossy().to_ascii_lowercase().ends_with(".gz") {
        // One gzip member per record, read as one stream.
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(file)))
    } else {
        Box::new(file)
    };
    read_records(BufReader::new(reader), |headers, block| {
        if header(headers, "warc-type").is_some_and(|kind| kind.eq_ignore_ascii_case("response")) {
            if let (Some(url), Some(response)) = (header(headers, "warc-target-uri"), http(block)) {
                each(Response {
                    url: url.trim_matches(['<', '>']).to_string(),
                    fetched_at: header(headers, "warc-date")
                        .and_then(|date| DateTime::parse_from_rfc3339(date).ok())
                        .map(|date| date.with_timezone(&Utc)),
                    ..response
                });
            }
        }
    })
}

type Headers = Vec<(String, String)>;

fn header<'a>(headers: &'a Headers, name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

/// Reads records: version line, headers, blank line, `Content-Length`
/// bytes of block, blank lines.
fn read_records(
    mut reader: impl BufRead,
    mut each: impl FnMut(&Headers, &[u8]),
) -> Result<usize, WarcError> {
    let mut count = 0;
    let mut line = String::new();
    loop {
        // The version line, after the blank lines that end a record.
        line.clear();
        loop {
            line.clear();
            if reader.read_line(&mut line)? == 0 {
                return Ok(count);
            }
            if !line.trim().is_empty() {
                break;
            }
        }
        count += 1;
        if !line.starts_with("WARC/") {
            return Err(WarcError::Format {
                record: count,
                line: line.trim_end().chars().take(80).collect(),
            });
        }
        let mut headers: Headers = Vec::new();
        loop {
            line.clear();
            if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
                break;
            }
            if let Some((key, value)) = line.split_once(':') {
                headers.push((key.trim().to_string(), value.trim().to_string()));
            }
        }
        let length: u64 = header(&headers, "content-length")
            .and_then(|length| length.parse().ok())
            .unwrap_or(0);
        if length > MAX_RECORD {
            std::io::copy(&mut (&mut reader).take(length), &mut std::io::sink())?;
            continue;
        }
        let mut block = Vec::with_capacity(length as usize);
        (&mut reader).take(length).read_to_end(&mut block)?;
        each(&headers, &block);
    }
}

/// The status, content type and body of an HTTP response block.
fn http(block: &[u8]) -> Option<Response> {
    let end = block.windows(4).position(|window| window == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&block[..end]);
    let mut lines = head.split("\r\n");
    let status: u16 = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers: Headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| (key.trim().to_string(), value.trim().to_string()))
        .collect();
    let mut body = block[end + 4..].to_vec();
    if header(&headers, "transfer-encoding")
        .is_some_and(|value| value.eq_ignore_ascii_case("chunked"))
    {
        if let Some(joined) = dechunk(&body) {
            body = joined;
        }
    }
    if header(&headers, "content-encoding").is_some_and(|value| value.eq_ignore_ascii_case("gzip"))
    {
        let mut plain = Vec::new();
        let limited = flate2::read::MultiGzDecoder::new(body.as_slice()).take(MAX_RECORD);
        if std::io::BufReader::new(limited)
            .read_to_end(&mut plain)
            .is_ok()
        {
            body = plain;
        }
    }
    Some(Response {
        url: String::new(),
        fetched_at: None,
        status,
        content_type: header(&headers, "content-type").map(str::to_string),
        body,
    })
}

/// A chunked body joined, or `None` when it is not chunked after all
/// (crawlers often store the body already joined).
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = body.windows(2).position(|window| window == b"\r\n")?;
        let size = std::str::from_utf8(&body[..line_end]).ok()?;
        let size = usize::from_str_radix(size.split(';').next()?.trim(), 16).ok()?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size + 2..)?;
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write as _;

    /// One WARC record, gzipped on its own as crawlers write them.
    pub(crate) fn record(kind: &str, url: &str, block: &[u8]) -> Vec<u8> {
        let mut raw = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2022-01-13T09:00:00Z\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        raw.extend_from_slice(block);
        raw.extend_from_slice(b"\r\n\r\n");
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(&raw).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn responses_come_out_of_gzip_per_record_files_and_the_rest_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("crawl.warc.gz");
        let page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>Text</p></body></html>";
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n5\r\nHallo\r\n6\r\n Welt!\r\n0\r\n\r\n";
        let mut gzipped_body =
            flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gzipped_body.write_all(b"<p>gepackt</p>").unwrap();
        let mut compressed = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        compressed.extend(gzipped_body.finish().unwrap());
        let mut file = record("warcinfo", "", b"software: test\r\n");
        file.extend(record(
            "request",
            "https://a.example/1",
            b"GET /1 HTTP/1.1\r\n\r\n",
        ));
        file.extend(record("response", "<https://a.example/1>", page));
        file.extend(record("response", "https://a.example/2", chunked));
        file.extend(record("response", "https://a.example/3", &compressed));
        std::fs::write(&path, file).unwrap();
        assert!(is_warc(&path));
        let mut found = Vec::new();
        let records = read_responses(&path, |response| found.push(response)).unwrap();
        assert_eq!(records, 5);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].url, "https://a.example/1");
        assert_eq!(found[0].status, 200);
        assert_eq!(
            found[0].content_type.as_deref(),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(found[0].body, b"<html><body><p>Text</p></body></html>");
        assert_eq!(
            found[0].fetched_at,
            Some("2022-01-13T09:00:00Z".parse().unwrap())
        );
        assert_eq!(found[1].body, b"Hallo Welt!");
        assert_eq!(found[2].body, b"<p>gepackt</p>");
    }

    #[test]
    fn a_file_that_is_no_warc_is_refused_with_what_stood_there() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("not.warc");
        std::fs::write(&path, "<html>no</html>\n").unwrap();
        let error = read_responses(&path, |_| {}).unwrap_err().to_string();
        assert!(error.contains("not a WARC record at record 1"), "{error}");
        assert!(error.contains("<html>no</html>"), "{error}");
    }
}
