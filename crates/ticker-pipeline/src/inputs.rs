//! Local inputs: seed-shaped text files, saved HTML pages, article JSON
//! (one record per line), and directories of them.

use std::path::{Path, PathBuf};

use chrono::Utc;
use ticker_model::{Article, SourceKind, SourceRef};
use ticker_normalize::{normalize_html_with, normalize_plain, InputMeta};

/// One article read from a file, or why it could not be.
pub type InputResult = Result<Article, InputError>;

/// A file that could not be turned into an article.
#[derive(Debug, thiserror::Error)]
#[error("{path}{line}: {reason}", line = .line.map(|l| format!(" line {l}")).unwrap_or_default())]
pub struct InputError {
    /// The file.
    pub path: PathBuf,
    /// The line, for JSON lines.
    pub line: Option<usize>,
    /// What is wrong.
    pub reason: String,
    /// The stage that failed (read, normalize, parse).
    pub stage: ticker_kafka::Stage,
}

/// Expands directories (sorted, recursively) into files.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut children: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| InputError {
                    path: path.clone(),
                    line: None,
                    reason: e.to_string(),
                    stage: ticker_kafka::Stage::Read,
                })?
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|child| {
                    !child
                        .file_name()
                        .is_some_and(|name| name.to_string_lossy().starts_with('.'))
                })
                .collect();
            children.sort();
            files.extend(expand(&children)?);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// Reads the articles of one file. `url` is the page URL for saved HTML.
pub fn read_file(path: &Path, url: Option<&str>) -> Vec<InputResult> {
    read_file_with(path, url, None)
}

/// [`read_file`] with the operator's rules for the saved page's site.
pub fn read_file_with(
    path: &Path,
    url: Option<&str>,
    rules: Option<&ticker_normalize::SiteRules>,
) -> Vec<InputResult> {
    let error = |stage: ticker_kafka::Stage, line: Option<usize>, reason: String| InputError {
        path: path.to_path_buf(),
        line,
        reason,
        stage,
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return vec![Err(error(ticker_kafka::Stage::Read, None, e.to_string()))],
    };
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let meta = InputMeta {
        url: url.map(str::to_string),
        source: SourceRef {
            id: "file".to_string(),
            kind: SourceKind::File,
            url: path.display().to_string(),
        },
        content_type: None,
        fetched_at: Utc::now(),
        feed_title: None,
        feed_published: None,
    };
    match extension.as_str() {
        "jsonl" | "json" | "ndjson" => {
            let text = String::from_utf8_lossy(&bytes);
            text.lines()
                .enumerate()
                .filter(|(_, line)| !line.trim().is_empty())
                .map(|(index, line)| {
                    serde_json::from_str::<Article>(line).map_err(|e| {
                        error(
                            ticker_kafka::Stage::Parse,
                            Some(index + 1),
                            format!("not an article record: {e}"),
                        )
                    })
                })
                .collect()
        }
        "html" | "htm" | "xhtml" => {
            vec![normalize_html_with(&bytes, &meta, rules)
                .map_err(|e| error(ticker_kafka::Stage::Normalize, None, e.to_string()))]
        }
        _ if ticker_normalize::looks_like_html(&bytes) => {
            vec![normalize_html_with(&bytes, &meta, rules)
                .map_err(|e| error(ticker_kafka::Stage::Normalize, None, e.to_string()))]
        }
        _ => {
            let (text, _) = ticker_normalize::charset::decode(&bytes, None);
            vec![normalize_plain(&text, &meta)
                .map_err(|e| error(ticker_kafka::Stage::Normalize, None, e.to_string()))]
        }
    }
}

/// The entries of a saved feed or sitemap file, or None when the file is
/// neither (it is then read as an article). Relative links cannot be
/// resolved in a file and are dropped.
pub fn saved_source(path: &Path) -> Option<Result<Vec<ticker_fetch::FeedEntry>, InputError>> {
    let bytes = std::fs::read(path).ok()?;
    let kind = saved_kind(&bytes)?;
    let error = |reason: String| InputError {
        path: path.to_path_buf(),
        line: None,
        reason,
        stage: ticker_kafka::Stage::Parse,
    };
    let name = format!("file://{}", path.display());
    Some(match kind {
        SavedKind::Feed => ticker_fetch::parse_feed(&bytes, &name, None)
            .map(|feed| feed.entries)
            .map_err(|e| error(e.to_string())),
        SavedKind::Sitemap => {
            use ticker_fetch::sitemap::{parse_sitemap, Sitemap};
            match parse_sitemap(&bytes, &name, 64 * 1024 * 1024) {
                Ok(Sitemap::Urls(urls)) => Ok(urls
                    .into_iter()
                    .filter(|url| url.loc.starts_with("http://") || url.loc.starts_with("https://"))
                    .map(|url| ticker_fetch::FeedEntry {
                        id: url.loc.clone(),
                        link: url.loc,
                        title: url.title,
                        summary: None,
                        published: url.published.or(url.lastmod),
                        updated: url.lastmod,
                        authors: Vec::new(),
                    })
                    .collect()),
                Ok(Sitemap::Index(_)) => Err(error(
                    "a sitemap index: ingest its URL, whose child sitemaps are fetched".to_string(),
                )),
                Err(e) => Err(error(e.to_string())),
            }
        }
    })
}

enum SavedKind {
    Feed,
    Sitemap,
}

fn saved_kind(bytes: &[u8]) -> Option<SavedKind> {
    if ticker_fetch::sitemap::looks_like_sitemap(bytes) {
        return Some(SavedKind::Sitemap);
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    if head.contains("<rss")
        || head.contains("<feed")
        || head.contains("<rdf:rdf")
        || head.contains("jsonfeed.org/version")
    {
        Some(SavedKind::Feed)
    } else {
        None
    }
}
