//! `ticker eval extraction`: article text extraction against reference data,
//! with the metrics of `../shared/data/README.md`.
//!
//! - body (AEB method): tokens are `\w+` matches; per page the multisets of
//!   4-token shingles of reference and prediction give tp, fp and fn;
//!   precision is the mean over pages with tp + fp > 0 of tp / (tp + fp)
//!   (1 when fp = fn = 0), recall likewise over pages with tp + fn > 0, and
//!   F1 = 2PR / (P + R) of those means; accuracy is the share of pages whose
//!   token lists are identical.
//! - snippets (trafilatura method): each `with` snippet found in the output
//!   is a true positive, missing a false negative; each `without` snippet
//!   found is a false positive, absent a true negative; summed over pages.
//!   Before matching, soft hyphens and zero-width characters are removed and
//!   white space is folded in both snippet and output (for every tool alike):
//!   the data keeps soft hyphens that a clean text drops.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use regex::Regex;
use serde::Deserialize;
use ticker_model::{SourceKind, SourceRef};

#[derive(Deserialize)]
struct Truth {
    id: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    without: Vec<String>,
    #[serde(default)]
    title: Option<String>,
    /// The publication date or time, when the set gives it.
    #[serde(default)]
    published: Option<String>,
}

#[derive(Deserialize)]
struct Prediction {
    id: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default, alias = "date", alias = "published_at")]
    published: Option<String>,
}

/// The day a stated date or time names, in the offset it was stated in:
/// "2022-01-13T00:30:00+01:00" is the 13th.
fn stated_day(text: &str) -> Option<chrono::NaiveDate> {
    ticker_normalize::parse_date(text).map(|time| time.date_naive())
}

fn tokens(text: &str) -> Vec<&str> {
    static WORD: OnceLock<Regex> = OnceLock::new();
    WORD.get_or_init(|| Regex::new(r"\w+").expect("valid regex"))
        .find_iter(text)
        .map(|m| m.as_str())
        .collect()
}

fn shingles<'a>(tokens: &[&'a str]) -> HashMap<[&'a str; 4], usize> {
    let mut counts = HashMap::new();
    for window in tokens.windows(4) {
        *counts
            .entry([window[0], window[1], window[2], window[3]])
            .or_default() += 1;
    }
    counts
}

/// Shingle counts of one page: (tp, fp, fn).
pub fn body_counts(reference: &str, prediction: &str) -> (usize, usize, usize) {
    let reference = shingles(&tokens(reference));
    let prediction = shingles(&tokens(prediction));
    let mut tp = 0;
    let mut fp = 0;
    for (shingle, count) in &prediction {
        let shared = (*count).min(*reference.get(shingle).unwrap_or(&0));
        tp += shared;
        fp += count - shared;
    }
    let reference_total: usize = reference.values().sum();
    (tp, fp, reference_total - tp)
}

#[derive(Default)]
struct Body {
    precision_sum: f64,
    precision_pages: usize,
    recall_sum: f64,
    recall_pages: usize,
    identical: usize,
    pages: usize,
}

impl Body {
    fn add(&mut self, reference: &str, prediction: &str) -> f64 {
        let (tp, fp, fn_) = body_counts(reference, prediction);
        self.pages += 1;
        if tokens(reference) == tokens(prediction) {
            self.identical += 1;
        }
        let perfect = fp == 0 && fn_ == 0;
        let precision = if perfect {
            Some(1.0)
        } else if tp + fp > 0 {
            Some(tp as f64 / (tp + fp) as f64)
        } else {
            None
        };
        let recall = if perfect {
            Some(1.0)
        } else if tp + fn_ > 0 {
            Some(tp as f64 / (tp + fn_) as f64)
        } else {
            None
        };
        if let Some(p) = precision {
            self.precision_sum += p;
            self.precision_pages += 1;
        }
        if let Some(r) = recall {
            self.recall_sum += r;
            self.recall_pages += 1;
        }
        let (p, r) = (precision.unwrap_or(0.0), recall.unwrap_or(0.0));
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }

    fn scores(&self) -> (f64, f64, f64, f64) {
        let p = self.precision_sum / self.precision_pages.max(1) as f64;
        let r = self.recall_sum / self.recall_pages.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f, self.identical as f64 / self.pages.max(1) as f64)
    }
}

#[derive(Default, Clone, Copy)]
struct Snippets {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Snippets {
    fn add(&mut self, with: &[String], without: &[String], prediction: &str) -> f64 {
        let prediction = fold_invisible(prediction);
        let found = |snippet: &String| prediction.contains(&fold_invisible(snippet.trim()));
        let (mut tp, mut fp) = (0, 0);
        for snippet in with {
            if found(snippet) {
                tp += 1
            } else {
                self.fn_ += 1
            }
        }
        for snippet in without {
            if found(snippet) {
                fp += 1
            } else {
                self.tn += 1
            }
        }
        self.tp += tp;
        self.fp += fp;
        let total = with.len() + without.len();
        if total == 0 {
            1.0
        } else {
            (tp + without.len() - fp) as f64 / total as f64
        }
    }

    fn scores(&self) -> (f64, f64, f64) {
        crate::eval::precision_recall_f1(self.tp, self.fp, self.fn_)
    }
}

/// Soft hyphens and zero-width characters removed, white space folded: the
/// same snippet matches whether or not a tool keeps invisible characters
/// (applied to every tool's output alike).
fn fold_invisible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for ch in text.chars() {
        match ch {
            '\u{00ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {}
            ch if ch.is_whitespace() => space = true,
            ch => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(ch);
            }
        }
    }
    out
}

/// The bytes of `pages/<id>.html.gz` in a dataset folder.
pub fn read_page(dir: &Path, id: &str) -> anyhow::Result<Vec<u8>> {
    let path = dir.join("pages").join(format!("{id}.html.gz"));
    let file = std::fs::File::open(&path).with_context(|| format!("opening {}", path.display()))?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .with_context(|| format!("gunzip {}", path.display()))?;
    Ok(bytes)
}

/// Evaluates ticker's normalizer (or, with `predictions`, another tool's
/// output as JSON lines `{"id", "text"}`) on a dataset folder.
pub fn extraction(
    dataset: &Path,
    predictions: Option<&Path>,
    worst: usize,
    json: bool,
    show_failures: bool,
    split: crate::Split,
) -> anyhow::Result<()> {
    let truth_path = dataset.join("truth.jsonl");
    let mut truths: Vec<Truth> = crate::eval::read_jsonl(&truth_path)?;
    truths.retain(|truth| split.holds(&truth.id));
    let external: Option<HashMap<String, Prediction>> = match predictions {
        Some(path) => {
            let predictions: Vec<Prediction> = crate::eval::read_jsonl(path)?;
            Some(
                predictions
                    .into_iter()
                    .map(|prediction| (prediction.id.clone(), prediction))
                    .collect(),
            )
        }
        None => None,
    };
    let mut body = Body::default();
    let mut snippets: BTreeMap<String, Snippets> = BTreeMap::new();
    let mut titles = (0usize, 0usize);
    let mut dates = (0usize, 0usize);
    let mut failures = 0usize;
    let mut per_page: Vec<(f64, String, String)> = Vec::new();
    let mut elapsed = Duration::ZERO;
    let mut bytes_total = 0usize;
    let mut bar = crate::progress::Progress::new("pages", Some(truths.len() as u64));
    for truth in &truths {
        bar.inc();
        let (text, title, published) = match &external {
            Some(map) => match map.get(&truth.id) {
                Some(prediction) => (
                    prediction.text.clone(),
                    prediction.title.clone(),
                    prediction.published.as_deref().and_then(stated_day),
                ),
                None => (String::new(), None, None),
            },
            None => {
                let bytes = read_page(dataset, &truth.id)?;
                bytes_total += bytes.len();
                let meta = ticker_normalize::InputMeta {
                    url: truth.url.clone().filter(|url| url.starts_with("http")),
                    source: SourceRef {
                        id: "eval".into(),
                        kind: SourceKind::File,
                        url: truth.id.clone(),
                    },
                    content_type: None,
                    fetched_at: chrono::Utc::now(),
                    feed_title: None,
                    feed_published: None,
                };
                let started = Instant::now();
                let result = ticker_normalize::normalize_html(&bytes, &meta);
                elapsed += started.elapsed();
                match result {
                    Ok(article) => (
                        article.text,
                        Some(article.title),
                        article.published_at.map(|at| at.date_naive()),
                    ),
                    Err(_) => {
                        failures += 1;
                        (String::new(), None, None)
                    }
                }
            }
        };
        let score = if let Some(reference) = &truth.body {
            body.add(reference, &text)
        } else {
            let language = ticker_normalize::language::detect(&truth.with.join(" ")).map_or(
                "other",
                |(code, _)| if code == "de" { "de" } else { "other" },
            );
            let all =
                snippets
                    .entry("all".into())
                    .or_default()
                    .add(&truth.with, &truth.without, &text);
            if show_failures {
                let folded = fold_invisible(&text);
                let found = |snippet: &String| folded.contains(&fold_invisible(snippet.trim()));
                for snippet in truth.with.iter().filter(|s| !found(s)) {
                    eprintln!("MISSED\t{}\t{language}\t{snippet}", truth.id);
                }
                for snippet in truth.without.iter().filter(|s| found(s)) {
                    eprintln!("KEPT\t{}\t{language}\t{snippet}", truth.id);
                }
            }
            snippets
                .entry(language.into())
                .or_default()
                .add(&truth.with, &truth.without, &text);
            all
        };
        if let (Some(expected), Some(found)) = (&truth.title, &title) {
            titles.1 += 1;
            if expected.trim().eq_ignore_ascii_case(found.trim()) {
                titles.0 += 1;
            }
        }
        if let Some(expected) = truth.published.as_deref().and_then(stated_day) {
            dates.1 += 1;
            if published == Some(expected) {
                dates.0 += 1;
            }
        }
        per_page.push((
            score,
            truth.id.clone(),
            truth.url.clone().unwrap_or_default(),
        ));
    }
    bar.finish();
    let pages_per_second = if elapsed > Duration::ZERO {
        truths.len() as f64 / elapsed.as_secs_f64()
    } else {
        0.0
    };
    let megabytes_per_second = bytes_total as f64 / 1e6 / elapsed.as_secs_f64().max(1e-9);
    let mut report = serde_json::json!({"dataset": dataset.display().to_string(), "pages": truths.len(), "failures": failures});
    if body.pages > 0 {
        let (p, r, f, accuracy) = body.scores();
        report["body"] =
            serde_json::json!({"precision": p, "recall": r, "f1": f, "accuracy": accuracy});
    }
    for (group, counts) in &snippets {
        let (p, r, f) = counts.scores();
        report[format!("snippets_{group}")] = serde_json::json!({"precision": p, "recall": r, "f1": f, "tp": counts.tp, "fp": counts.fp, "fn": counts.fn_, "tn": counts.tn});
    }
    if titles.1 > 0 {
        report["title_accuracy"] = serde_json::json!(titles.0 as f64 / titles.1 as f64);
        report["titles"] = serde_json::json!({"right": titles.0, "of": titles.1});
    }
    if dates.1 > 0 {
        report["date_accuracy"] = serde_json::json!(dates.0 as f64 / dates.1 as f64);
        report["dates"] = serde_json::json!({"right": dates.0, "of": dates.1});
    }
    if external.is_none() {
        report["pages_per_second"] = serde_json::json!(pages_per_second);
        report["megabytes_per_second"] = serde_json::json!(megabytes_per_second);
    }
    if json {
        println!("{report}");
    } else {
        println!(
            "dataset        {} ({} pages, {} without text)",
            dataset.display(),
            truths.len(),
            failures
        );
        if let Some(b) = report.get("body") {
            println!(
                "body (AEB)     P {:.4}  R {:.4}  F1 {:.4}  accuracy {:.4}",
                b["precision"].as_f64().unwrap_or(0.0),
                b["recall"].as_f64().unwrap_or(0.0),
                b["f1"].as_f64().unwrap_or(0.0),
                b["accuracy"].as_f64().unwrap_or(0.0)
            );
        }
        for group in snippets.keys() {
            let s = &report[format!("snippets_{group}")];
            println!(
                "snippets {group:<5} P {:.4}  R {:.4}  F1 {:.4}  (tp {} fp {} fn {} tn {})",
                s["precision"].as_f64().unwrap_or(0.0),
                s["recall"].as_f64().unwrap_or(0.0),
                s["f1"].as_f64().unwrap_or(0.0),
                s["tp"],
                s["fp"],
                s["fn"],
                s["tn"]
            );
        }
        if let Some(accuracy) = report.get("title_accuracy") {
            println!(
                "title accuracy {:.4}  ({} of {})",
                accuracy.as_f64().unwrap_or(0.0),
                titles.0,
                titles.1
            );
        }
        if let Some(accuracy) = report.get("date_accuracy") {
            println!(
                "date accuracy  {:.4}  ({} of {}: the publication day, as the page states it)",
                accuracy.as_f64().unwrap_or(0.0),
                dates.0,
                dates.1
            );
        }
        if external.is_none() {
            println!("speed          {pages_per_second:.0} pages/s, {megabytes_per_second:.1} MB/s of HTML (normalization only, one core)");
        }
    }
    if worst > 0 {
        per_page.sort_by(|a, b| a.0.total_cmp(&b.0));
        println!("worst pages:");
        for (score, id, url) in per_page.iter().take(worst) {
            println!("  {score:.3}  {id}  {url}");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_counts_and_scores() {
        let reference = "one two three four five";
        assert_eq!(body_counts(reference, reference), (2, 0, 0));
        assert_eq!(body_counts(reference, "one two three four"), (1, 0, 1));
        assert_eq!(body_counts(reference, "zero one two three four"), (1, 1, 1));
        let mut body = Body::default();
        body.add(reference, reference);
        body.add(reference, "");
        let (p, r, _, accuracy) = body.scores();
        // The empty prediction has no tp + fp: it counts for recall only.
        assert_eq!((p, r, accuracy), (1.0, 0.5, 0.5));
        let mut snippets = Snippets::default();
        snippets.add(&["a b".into()], &["x".into()], "a b c");
        assert_eq!(
            (snippets.tp, snippets.fp, snippets.fn_, snippets.tn),
            (1, 0, 0, 1)
        );
    }
}
