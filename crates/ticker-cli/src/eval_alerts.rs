//! `ticker eval alerts`: are the alerts ticker raises the ones a careful
//! analyst wants, and how many does it raise where there is nothing to say?
//!
//! Two measurements (guideline and data in `docs/alert-annotation.md`):
//!
//! - **Annotated timelines** (`--dataset`): multi-article coverage of real
//!   events, in publication order, each article annotated by hand with the
//!   alerts an analyst wants (a new claim of a watched kind, a changed value
//!   with the previous one). All timelines stream through one story index,
//!   as a live stream would; an alert raised for an article is a true
//!   positive when the annotation of that article has an alert of the same
//!   claim category whose value overlaps it (hedges as intervals), else a
//!   false positive; annotated alerts never matched are false negatives.
//! - **Unrelated stream** (`--stream`): saved pages of unrelated events (the
//!   shared extraction sets, in a fixed order) normalised, extracted and
//!   assigned as one feed would deliver them; every alert there is
//!   spurious, counted per 1,000 articles and split by reason and claim
//!   category. The story labels of that stream are checked for function
//!   words and lone numbers.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::{TimeZone, Utc};
use serde::Deserialize;
use ticker_model::{Alert, AlertReason, Article};

use crate::eval::ClusterRow;
use ticker_stories::{Stories, StoryConfig};

/// One annotated timeline.
#[derive(Deserialize)]
struct Timeline {
    /// A name for the timeline (the event label of its set).
    timeline: String,
    /// Where its articles are: `clusters:<file stem>` (a file of
    /// `data/nlp/clusters/`) or `seeds`.
    source: String,
    /// Article ids of the set (the `id` of a cluster row, the file name of
    /// a seed), in publication order.
    articles: Vec<String>,
    /// The alerts an analyst wants.
    alerts: Vec<Expected>,
}

/// One alert an analyst wants.
#[derive(Deserialize, Clone)]
struct Expected {
    /// The article (id within the set) that brings it.
    article: String,
    /// `new_claim` or `value_changed`.
    reason: String,
    /// The claim category (`killed`, `arrested`, `troops`, `end_date`, …).
    category: String,
    /// The value: a number or a day, hedge-signed like claim values.
    value: String,
    /// For a change, the value before.
    #[serde(default)]
    previous: Option<String>,
    /// An alert that is neither wanted nor wrong (a refinement, a part of
    /// a toll, a figure below the change threshold): raising it is not a
    /// false positive, missing it not a false negative.
    #[serde(default)]
    optional: bool,
    /// Why (for people reading the file).
    #[serde(default)]
    #[allow(dead_code)]
    note: String,
}

/// The claim category an alert is about: its claim's predicate, or for a
/// date statement its phase (`end_date`, `start_date`).
fn alert_category(alert: &Alert, extraction: &ticker_model::Extraction) -> String {
    extraction
        .claims
        .iter()
        .find(|claim| claim.claim_id == alert.claim_id)
        .map(|claim| claim.predicate.clone())
        .unwrap_or_default()
}

/// Two claim values are the same when their intervals overlap.
fn values_match(predicted: &str, expected: &str) -> bool {
    let interval = |value: &str| -> Option<(f64, f64)> {
        if let Ok(day) = chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d") {
            let day = day.and_hms_opt(0, 0, 0)?.and_utc().timestamp() as f64;
            return Some((day, day));
        }
        let number = |text: &str| text.parse::<f64>().ok();
        if let Some(rest) = value.strip_prefix(">=") {
            return Some((number(rest)?, f64::INFINITY));
        }
        if let Some(rest) = value.strip_prefix("<=") {
            return Some((0.0, number(rest)?));
        }
        if let Some(rest) = value.strip_prefix('~') {
            let centre = number(rest)?;
            return Some((centre * 0.9, centre * 1.1));
        }
        if let Some((low, high)) = value.split_once('-') {
            return Some((number(low)?, number(high)?));
        }
        let exact = number(value)?;
        Some((exact, exact))
    };
    match (interval(predicted), interval(expected)) {
        (Some((a, b)), Some((c, d))) => a <= d && c <= b,
        _ => predicted == expected,
    }
}

fn seed_article(path: &Path) -> anyhow::Result<Article> {
    let mut results = ticker_pipeline::inputs::read_file(path, None);
    let article = results
        .pop()
        .with_context(|| format!("{}: no article", path.display()))?
        .with_context(|| format!("reading {}", path.display()))?;
    // Each seed is from another publisher: its own source.
    let mut article = article;
    article.source.id = path
        .file_stem()
        .map(|stem| stem.to_string_lossy().to_string())
        .unwrap_or_default();
    Ok(article)
}

/// Loads the articles of the timelines: (timeline index, set id, article).
fn load_articles(
    timelines: &[Timeline],
    shared: &Path,
) -> anyhow::Result<Vec<(usize, String, Article)>> {
    let mut cluster_files: HashMap<String, HashMap<String, ClusterRow>> = HashMap::new();
    let mut out = Vec::new();
    for (index, timeline) in timelines.iter().enumerate() {
        for id in &timeline.articles {
            let article = if let Some(stem) = timeline.source.strip_prefix("clusters:") {
                if !cluster_files.contains_key(stem) {
                    let path = shared
                        .join("data/nlp/clusters")
                        .join(format!("{stem}.jsonl"));
                    let rows: Vec<ClusterRow> = crate::eval::read_jsonl(&path)?;
                    cluster_files.insert(
                        stem.to_string(),
                        rows.into_iter().map(|row| (row.id.clone(), row)).collect(),
                    );
                }
                let row = cluster_files[stem].get(id).with_context(|| {
                    format!("timeline {}: no article {id} in {stem}", timeline.timeline)
                })?;
                crate::eval::article_of(row)
            } else if timeline.source == "seeds" {
                seed_article(&shared.join("seeds").join(id))?
            } else {
                anyhow::bail!(
                    "timeline {}: unknown source {:?} (clusters:<stem> or seeds)",
                    timeline.timeline,
                    timeline.source
                );
            };
            out.push((index, id.clone(), article));
        }
    }
    Ok(out)
}

/// Runs both measurements that were asked for.
pub fn alerts(
    dataset: Option<&Path>,
    shared: &Path,
    stream: &[PathBuf],
    config: StoryConfig,
    show: bool,
    trace: bool,
) -> anyhow::Result<()> {
    if dataset.is_none() && stream.is_empty() {
        anyhow::bail!("give --dataset (annotated timelines), --stream DIR, or both");
    }
    if let Some(dataset) = dataset {
        timelines(dataset, shared, config.clone(), show, trace)?;
    }
    if !stream.is_empty() {
        unrelated_stream(stream, config, show)?;
    }
    Ok(())
}

fn timelines(
    dataset: &Path,
    shared: &Path,
    config: StoryConfig,
    show: bool,
    trace: bool,
) -> anyhow::Result<()> {
    let timelines: Vec<Timeline> = crate::eval::read_jsonl(dataset)?;
    // One stream: the timelines one after the other, each in the order the
    // annotation lists (publication order; the seeds have no full times).
    let articles = load_articles(&timelines, shared)?;
    let mut stories = Stories::new(config);
    let mut expected: BTreeMap<(usize, String), Vec<(Expected, bool)>> = BTreeMap::new();
    for (index, timeline) in timelines.iter().enumerate() {
        for alert in &timeline.alerts {
            expected
                .entry((index, alert.article.clone()))
                .or_default()
                .push((alert.clone(), false));
        }
    }
    let (mut tp, mut fp, mut reason_right) = (0usize, 0usize, 0usize);
    let mut optional_raised = 0usize;
    let mut false_positives: Vec<String> = Vec::new();
    let mut labels: BTreeMap<usize, String> = BTreeMap::new();
    for (timeline, id, article) in &articles {
        let assignment = ticker_pipeline::stages::assign_story(&mut stories, article);
        labels.insert(
            *timeline,
            format!(
                "{} ({} articles)",
                assignment.story.label, assignment.story.article_count
            ),
        );
        if trace {
            for claim in &assignment.extraction.claims {
                eprintln!(
                    "claim  {} {}: {:?} {} {} {} about={:?} place={:?} actor={:?} scope={:?} by={:?} | {}",
                    timelines[*timeline].timeline,
                    id,
                    claim.status,
                    claim.subject,
                    claim.predicate,
                    claim.value,
                    claim.about,
                    claim.place,
                    claim.actor,
                    claim.scope,
                    claim.attributed_to,
                    claim.sentence.chars().take(160).collect::<String>()
                );
            }
        }
        for alert in &assignment.alerts {
            let category = alert_category(alert, &assignment.extraction);
            let wanted = expected.get_mut(&(*timeline, id.clone()));
            let found = wanted.and_then(|list| {
                list.iter_mut().find(|(want, matched)| {
                    !*matched
                        && want.category == category
                        && values_match(&alert.current, &want.value)
                })
            });
            match found {
                Some((want, matched)) if want.optional => {
                    *matched = true;
                    optional_raised += 1;
                }
                Some((want, matched)) => {
                    *matched = true;
                    tp += 1;
                    let reason = match alert.reason {
                        AlertReason::NewClaim => "new_claim",
                        AlertReason::ValueChanged => "value_changed",
                    };
                    let previous_right = match (&want.previous, &alert.previous) {
                        (Some(want), Some(got)) => values_match(got, want),
                        (None, _) => true,
                        (Some(_), None) => false,
                    };
                    if want.reason == reason && previous_right {
                        reason_right += 1;
                    }
                }
                None => {
                    fp += 1;
                    false_positives.push(format!(
                        "{} {}: {}",
                        timelines[*timeline].timeline, id, alert.summary
                    ));
                }
            }
        }
    }
    let timelines = &timelines;
    let missed: Vec<String> = expected
        .iter()
        .flat_map(|((timeline, id), list)| {
            list.iter()
                .filter(|(want, matched)| !matched && !want.optional)
                .map(move |(want, _)| {
                    format!(
                        "{} {}: {} {} {} (previous {:?})",
                        timelines[*timeline].timeline,
                        id,
                        want.reason,
                        want.category,
                        want.value,
                        want.previous
                    )
                })
        })
        .collect();
    let fn_ = missed.len();
    let optional_total = expected
        .values()
        .flatten()
        .filter(|(want, _)| want.optional)
        .count();
    let (precision, recall, f1) = crate::eval::precision_recall_f1(tp, fp, fn_);
    println!("annotated timelines {}", dataset.display());
    println!(
        "timelines          {} ({} articles, {} wanted alerts)",
        timelines.len(),
        articles.len(),
        tp + fn_
    );
    println!("alerts             P {precision:.4}  R {recall:.4}  F1 {f1:.4}  (tp {tp} fp {fp} fn {fn_})");
    println!("reason and previous right on {reason_right} of {tp} matched alerts");
    println!(
        "optional           {optional_raised} of {optional_total} optional alerts raised (counted neither way)"
    );
    for (timeline, label) in &labels {
        println!("  label of {:<28} {label}", timelines[*timeline].timeline);
    }
    if show {
        for line in &false_positives {
            eprintln!("spurious  {line}");
        }
        for line in &missed {
            eprintln!("missed    {line}");
        }
    }
    Ok(())
}

/// Words that must never be a story label's part: function words of the
/// languages ticker detects (articles, pronouns, prepositions,
/// conjunctions and sentence adverbs), checked case-insensitively.
fn is_function_word(word: &str) -> bool {
    ticker_extract::lexicon::is_function_word(word)
}

fn unrelated_stream(dirs: &[PathBuf], config: StoryConfig, show: bool) -> anyhow::Result<()> {
    let mut stories = Stories::new(config);
    // A fixed fetch time: the stream is one feed polled at one moment.
    let fetched_at = Utc
        .with_ymd_and_hms(2026, 1, 1, 12, 0, 0)
        .single()
        .expect("a valid time");
    let mut articles = 0usize;
    let mut failed = 0usize;
    let mut by_reason: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_category: BTreeMap<String, usize> = BTreeMap::new();
    let mut lines: Vec<String> = Vec::new();
    // Per story: label, article count, whether the label is made of names.
    let mut labels: HashMap<String, (String, u32, bool)> = HashMap::new();
    let mut skipped_languages: BTreeMap<String, usize> = BTreeMap::new();
    let mut bar = crate::progress::Progress::new("stream pages", None);
    for dir in dirs {
        let truths: Vec<crate::eval_order::TruthRow> =
            crate::eval::read_jsonl(&dir.join("truth.jsonl"))?;
        for truth in truths {
            bar.inc();
            let Some(article) = crate::eval_order::saved_page(dir, &truth, "stream", fetched_at)?
            else {
                failed += 1;
                continue;
            };
            articles += 1;
            let assignment = ticker_pipeline::stages::assign_story(&mut stories, &article);
            if !assignment
                .extraction
                .stages
                .iter()
                .any(|stage| stage == "claims")
            {
                *skipped_languages
                    .entry(article.language.clone().unwrap_or_else(|| "?".into()))
                    .or_default() += 1;
            }
            for alert in &assignment.alerts {
                let reason = match alert.reason {
                    AlertReason::NewClaim => "new_claim",
                    AlertReason::ValueChanged => "value_changed",
                };
                *by_reason.entry(reason.to_string()).or_default() += 1;
                *by_category
                    .entry(format!(
                        "{reason} {}",
                        alert_category(alert, &assignment.extraction)
                    ))
                    .or_default() += 1;
                let sentence = assignment
                    .extraction
                    .claims
                    .iter()
                    .find(|claim| claim.claim_id == alert.claim_id)
                    .map(|claim| claim.sentence.replace('\n', " "))
                    .unwrap_or_default();
                lines.push(format!(
                    "{reason}\t{}\t{}\t{sentence}",
                    truth.id, alert.summary
                ));
            }
            let named = assignment.story.top_entities.iter().any(|entity| {
                assignment
                    .story
                    .label
                    .split('/')
                    .any(|part| part == entity.name)
            });
            labels.insert(
                assignment.story.story_id.clone(),
                (
                    assignment.story.label.clone(),
                    assignment.story.article_count,
                    named,
                ),
            );
        }
    }
    bar.finish();
    let per_thousand = |count: usize| count as f64 * 1000.0 / articles.max(1) as f64;
    let total: usize = by_reason.values().sum();
    println!(
        "unrelated stream   {}",
        dirs.iter()
            .map(|dir| dir.display().to_string())
            .collect::<Vec<_>>()
            .join(" + ")
    );
    println!(
        "articles           {articles} ({failed} pages not normalised; {} stories)",
        labels.len()
    );
    println!(
        "not extracted      {} articles in languages without an extractor model {:?}",
        skipped_languages.values().sum::<usize>(),
        skipped_languages
    );
    println!(
        "alerts             {total} ({:.1} per 1,000 articles)",
        per_thousand(total)
    );
    for reason in ["value_changed", "new_claim"] {
        let count = by_reason.get(reason).copied().unwrap_or(0);
        println!(
            "  {reason:<16} {count} ({:.1} per 1,000 articles)",
            per_thousand(count)
        );
    }
    for (category, count) in &by_category {
        println!("    {category:<22} {count}");
    }
    // Labels: of stories with two articles or more (a one-article story's
    // label is its article's), the parts that are function words or numbers.
    let mut multi: Vec<&(String, u32, bool)> =
        labels.values().filter(|(_, n, _)| *n >= 2).collect();
    multi.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    // A label is names joined by '/', or else a headline (or terms); a
    // part is bad when all its words are function words or it has no letter.
    let bad_part = |label: &str, named: bool| {
        let parts: Vec<&str> = if named {
            label.split('/').collect()
        } else {
            vec![label]
        };
        parts.iter().any(|part| {
            let part = part.trim();
            !part.is_empty()
                && (part.split_whitespace().all(is_function_word)
                    || part.chars().all(|c| !c.is_alphabetic()))
        })
    };
    let bad_all = labels
        .values()
        .filter(|(label, _, named)| bad_part(label, *named))
        .count();
    println!(
        "story labels       {} with a function word or lone number as a part, of {} ({} stories of 2+ articles)",
        bad_all,
        labels.len(),
        multi.len()
    );
    for (label, count, _) in multi.iter().take(8) {
        println!("    {count:>3} articles  {label}");
    }
    if show {
        for line in &lines {
            eprintln!("{line}");
        }
        for (label, _, _) in labels
            .values()
            .filter(|(label, _, named)| bad_part(label, *named))
        {
            eprintln!("bad label\t{label}");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_overlap_as_intervals() {
        assert!(values_match("164", "164"));
        assert!(values_match("~10000", "10000"));
        assert!(values_match(">=2000", "2500"));
        assert!(!values_match("225", "164"));
        assert!(values_match("2022-01-19", "2022-01-19"));
        assert!(!values_match("2022-01-19", "2022-01-23"));
    }
}
