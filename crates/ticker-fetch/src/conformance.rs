//! The feedparser test suite as a conformance harness for ticker's feed
//! parsing (`ticker eval feeds`).
//!
//! Every file of the suite is parsed (a panic is caught and counted as a
//! failure); the assertions whose fields have a counterpart in what ticker
//! reads from a feed are checked, the others are counted as not mappable.
//! Mapping of feedparser's names: `title`/`title_detail.value` → title;
//! `description`/`summary` → summary; `content[i].value` → content body;
//! `link` → the first link; `id`; `author`/`author_detail.{name,email,url}`
//! → first author; `tags[i].term` → categories; `links[i].{href,rel}`;
//! feed `tagline`/`subtitle`/`description`/`info` → feed description;
//! `copyright`/`rights` → rights; `language`. `bozo: false` (a well-formed
//! document) maps to "it parses"; `bozo: true` is not mappable, as ticker
//! reads broken feeds when it can rather than flagging them.
//!
//! The `wellformed/sanitize` files test feedparser's HTML sanitizing policy
//! (which attributes and elements survive in summaries). ticker republishes
//! no feed HTML (it fetches and normalizes the article page), so it has no
//! field those values map to: their `eq` assertions count as not mappable;
//! that they parse is still checked.

use std::collections::BTreeMap;
use std::path::Path;

use feed_rs::model::{Entry, Feed};
use serde_json::Value;

/// Results per folder of the suite.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FolderResult {
    /// Files in the folder.
    pub files: usize,
    /// Files that did not parse.
    pub parse_failures: usize,
    /// Files whose parsing panicked.
    pub panics: usize,
    /// Assertions checked.
    pub mappable: usize,
    /// Of those, passed.
    pub passed: usize,
    /// Assertions without a counterpart.
    pub unmapped: usize,
    /// Well-formed documents (`bozo: false`) that did not parse.
    pub wellformed_failures: usize,
}

/// Runs the suite in `dataset` (the folder with `expectations.jsonl` and `files/`).
/// With `show_failures`, every failed assertion is printed to stderr as
/// `file<TAB>path<TAB>expected<TAB>actual`.
pub fn run(dataset: &Path, show_failures: bool) -> std::io::Result<BTreeMap<String, FolderResult>> {
    let expectations = std::fs::read_to_string(dataset.join("expectations.jsonl"))?;
    let mut results: BTreeMap<String, FolderResult> = BTreeMap::new();
    for line in expectations.lines().filter(|line| !line.trim().is_empty()) {
        let Ok(expectation) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let Some(file) = expectation["file"].as_str() else {
            continue;
        };
        let folder = file.split('/').next().unwrap_or("").to_string();
        let result = results.entry(folder).or_default();
        result.files += 1;
        let bytes = std::fs::read(dataset.join("files").join(file))?;
        // The document's URL as the suite's server would serve it (or its
        // Content-Location), so relative links resolve as in the pipeline.
        let document_url = format!("http://127.0.0.1:8097/{file}");
        let base = expectation["http_headers"]
            .as_object()
            .and_then(|headers| {
                headers
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case("content-location"))
            })
            .and_then(|(_, value)| value.as_str())
            .and_then(|location| url::Url::parse(&document_url).ok()?.join(location).ok())
            .map_or(document_url, |url| url.to_string());
        let content_type = expectation["http_headers"].as_object().and_then(|headers| {
            headers
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
                .and_then(|(_, value)| value.as_str())
        });
        let parsed =
            std::panic::catch_unwind(|| crate::parse_tolerant(&bytes, Some(&base), content_type));
        let feed = match parsed {
            Ok(Ok(feed)) => Some(feed),
            Ok(Err(_)) => {
                result.parse_failures += 1;
                None
            }
            Err(_) => {
                result.panics += 1;
                None
            }
        };
        let Some(assertions) = expectation["assertions"].as_array() else {
            continue;
        };
        for assertion in assertions {
            match assertion["op"].as_str() {
                Some("bozo") if assertion["value"] == Value::Bool(false) => {
                    result.mappable += 1;
                    if feed.is_some() {
                        result.passed += 1;
                    } else {
                        result.wellformed_failures += 1;
                        if show_failures {
                            eprintln!("{file}\tbozo\tparses\tdoes not parse");
                        }
                    }
                }
                Some("eq") if file.starts_with("wellformed/sanitize/") => result.unmapped += 1,
                Some("eq") => {
                    let path: Vec<Value> =
                        assertion["path"].as_array().cloned().unwrap_or_default();
                    let Some(expected) = assertion["value"].as_str() else {
                        result.unmapped += 1;
                        continue;
                    };
                    match mapped(&path) {
                        None => result.unmapped += 1,
                        Some(getter) => {
                            result.mappable += 1;
                            let mut actual = feed.as_ref().and_then(|feed| getter(feed, &path));
                            // Links resolve against the document, as the
                            // pipeline resolves entry links.
                            if path
                                .last()
                                .and_then(Value::as_str)
                                .is_some_and(|key| key == "link" || key == "href")
                            {
                                actual = actual.map(|href| {
                                    url::Url::parse(&base)
                                        .ok()
                                        .and_then(|b| b.join(href.trim()).ok())
                                        .map_or(href, |u| u.to_string())
                                });
                            }
                            if actual
                                .as_deref()
                                .is_some_and(|actual| same(actual, expected))
                            {
                                result.passed += 1;
                            } else if show_failures {
                                eprintln!("{file}\t{path:?}\t{expected:?}\t{actual:?}");
                            }
                        }
                    }
                }
                _ => result.unmapped += 1,
            }
        }
    }
    Ok(results)
}

fn same(actual: &str, expected: &str) -> bool {
    let fold = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    fold(unwrap_xhtml(actual)) == fold(expected)
}

/// Atom's `type="xhtml"` content is wrapped in an XHTML `<div>` that is not
/// part of the content (RFC 4287, 3.1.1.3).
fn unwrap_xhtml(text: &str) -> &str {
    let trimmed = text.trim();
    let Some(rest) = trimmed.strip_prefix("<div xmlns=\"http://www.w3.org/1999/xhtml\">") else {
        return text;
    };
    rest.strip_suffix("</div>").unwrap_or(rest)
}

type Getter = fn(&Feed, &[Value]) -> Option<String>;

fn index(path: &[Value], at: usize) -> Option<usize> {
    path.get(at).and_then(Value::as_u64).map(|i| i as usize)
}

fn entry<'a>(feed: &'a Feed, path: &[Value]) -> Option<&'a Entry> {
    feed.entries.get(index(path, 1)?)
}

/// The getter for a feedparser path, when ticker has the field.
fn mapped(path: &[Value]) -> Option<Getter> {
    let keys: Vec<&str> = path
        .iter()
        .map(|part| part.as_str().unwrap_or("#"))
        .collect();
    let getter: Getter = match keys.as_slice() {
        ["feed", "title"] | ["feed", "title_detail", "value"] => {
            |feed, _| feed.title.as_ref().map(|t| t.content.clone())
        }
        ["feed", "tagline"]
        | ["feed", "subtitle"]
        | ["feed", "description"]
        | ["feed", "info"]
        | ["feed", "subtitle_detail", "value"]
        | ["feed", "tagline_detail", "value"] => {
            |feed, _| feed.description.as_ref().map(|t| t.content.clone())
        }
        ["feed", "copyright"]
        | ["feed", "rights"]
        | ["feed", "copyright_detail", "value"]
        | ["feed", "rights_detail", "value"] => {
            |feed, _| feed.rights.as_ref().map(|t| t.content.clone())
        }
        ["feed", "language"] => |feed, _| feed.language.clone(),
        ["feed", "link"] => |feed, _| feed.links.first().map(|l| l.href.clone()),
        ["feed", "author"] => |feed, _| feed.authors.first().map(|p| p.name.clone()),
        ["feed", "author_detail", "name"] => |feed, _| {
            feed.authors
                .first()
                .map(|p| crate::feed::split_author(&p.name).0)
        },
        ["feed", "author_detail", "email"] => |feed, _| {
            let person = feed.authors.first()?;
            person
                .email
                .clone()
                .or_else(|| crate::feed::split_author(&person.name).1)
        },
        ["feed", "author_detail", "url"] | ["feed", "author_detail", "href"] => {
            |feed, _| feed.authors.first().and_then(|p| p.uri.clone())
        }
        ["feed", "links", "#", "href"] => {
            |feed, path| feed.links.get(index(path, 2)?).map(|l| l.href.clone())
        }
        ["feed", "links", "#", "rel"] => {
            |feed, path| feed.links.get(index(path, 2)?).and_then(|l| l.rel.clone())
        }
        ["entries", "#", "title"] | ["entries", "#", "title_detail", "value"] => {
            |feed, path| entry(feed, path)?.title.as_ref().map(|t| t.content.clone())
        }
        ["entries", "#", "description"]
        | ["entries", "#", "summary"]
        | ["entries", "#", "summary_detail", "value"] => |feed, path| {
            entry(feed, path)?
                .summary
                .as_ref()
                .map(|t| t.content.clone())
        },
        ["entries", "#", "content", "#", "value"] => {
            |feed, path| entry(feed, path)?.content.as_ref()?.body.clone()
        }
        ["entries", "#", "link"] => {
            |feed, path| entry(feed, path)?.links.first().map(|l| l.href.clone())
        }
        ["entries", "#", "id"] => |feed, path| Some(entry(feed, path)?.id.clone()),
        ["entries", "#", "author"] => {
            |feed, path| entry(feed, path)?.authors.first().map(|p| p.name.clone())
        }
        ["entries", "#", "author_detail", "name"] => |feed, path| {
            entry(feed, path)?
                .authors
                .first()
                .map(|p| crate::feed::split_author(&p.name).0)
        },
        ["entries", "#", "author_detail", "email"] => |feed, path| {
            let person = entry(feed, path)?.authors.first()?;
            person
                .email
                .clone()
                .or_else(|| crate::feed::split_author(&person.name).1)
        },
        ["entries", "#", "author_detail", "url"] | ["entries", "#", "author_detail", "href"] => {
            |feed, path| {
                entry(feed, path)?
                    .authors
                    .first()
                    .and_then(|p| p.uri.clone())
            }
        }
        ["entries", "#", "tags", "#", "term"] => |feed, path| {
            entry(feed, path)?
                .categories
                .get(index(path, 3)?)
                .map(|c| c.term.clone())
        },
        ["entries", "#", "links", "#", "href"] => |feed, path| {
            entry(feed, path)?
                .links
                .get(index(path, 3)?)
                .map(|l| l.href.clone())
        },
        ["entries", "#", "links", "#", "rel"] => |feed, path| {
            entry(feed, path)?
                .links
                .get(index(path, 3)?)
                .and_then(|l| l.rel.clone())
        },
        ["entries", "#", "rights"] | ["entries", "#", "rights_detail", "value"] => |feed, path| {
            entry(feed, path)?
                .rights
                .as_ref()
                .map(|t| t.content.clone())
        },
        _ => return None,
    };
    Some(getter)
}
