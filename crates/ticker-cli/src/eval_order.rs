//! `ticker eval clusters --reorder N`: how much the stories depend on the
//! order articles arrive in.
//!
//! A scaled-out deployment does not deliver articles in the order a single
//! process would: process members interleave their partitions, and after a
//! member dies its share arrives seconds later. Each perturbed run delays a
//! random quarter of the articles by 1–60 positions (what a dead member's
//! share looks like) and streams them through a fresh story index; its
//! stories are scored by B-cubed F1 against the stories of the run in
//! the original order. `--pages DIR` streams saved pages (`truth.jsonl` +
//! `pages/<id>.html.gz`, e.g. `aeb`), which have no gold events.

use std::path::Path;

use chrono::{TimeZone, Utc};
use serde::Deserialize;
use ticker_model::{Article, SourceKind, SourceRef};
use ticker_stories::{metrics, Stories, StoryConfig};

/// Share of the articles a perturbed run delays, and the longest delay.
const DELAYED_SHARE: f64 = 0.25;
const MAX_DELAY: usize = 60;

/// splitmix64: a small, seeded, reproducible generator.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `order` with a random share of its items each moved 1–`MAX_DELAY`
/// positions later (seeded).
pub fn perturbed(order: &[usize], seed: u64) -> Vec<usize> {
    let mut mix = Mix(seed);
    let mut keyed: Vec<(f64, usize)> = order
        .iter()
        .enumerate()
        .map(|(position, &item)| {
            let delay = if mix.unit() < DELAYED_SHARE {
                1 + (mix.next() % MAX_DELAY as u64) as usize
            } else {
                0
            };
            // A delayed item lands just after the item it was delayed behind.
            (
                position as f64 + delay as f64 + if delay > 0 { 0.5 } else { 0.0 },
                item,
            )
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    keyed.into_iter().map(|(_, item)| item).collect()
}

/// The story of each article (by index) when `articles` stream in `order`.
pub fn stories_in_order(
    articles: &[Article],
    order: &[usize],
    config: &StoryConfig,
) -> Vec<String> {
    let mut stories = Stories::new(config.clone());
    let mut story_of = vec![String::new(); articles.len()];
    for &index in order {
        let assignment = ticker_pipeline::stages::assign_story(&mut stories, &articles[index]);
        story_of[index] = assignment.story_id;
    }
    story_of
}

/// B-cubed F1 of each perturbed run against `reference`, the stories of
/// the run in `order` ([`stories_in_order`]), one per seed 1..=runs.
pub fn stability(
    articles: &[Article],
    order: &[usize],
    config: &StoryConfig,
    runs: usize,
    reference: &[String],
) -> Vec<f64> {
    (1..=runs as u64)
        .map(|seed| {
            let shuffled = perturbed(order, seed);
            let stories = stories_in_order(articles, &shuffled, config);
            metrics::bcubed(reference, &stories).f1
        })
        .collect()
}

/// Prints the stability figures (or adds them to `json`).
pub fn report(figures: &[f64], json: Option<&mut serde_json::Value>) {
    if figures.is_empty() {
        return;
    }
    let min = figures.iter().copied().fold(f64::INFINITY, f64::min);
    let mean = figures.iter().sum::<f64>() / figures.len() as f64;
    let at_least = figures.iter().filter(|f1| **f1 >= 0.99).count();
    match json {
        Some(value) => {
            value["order_stability"] = serde_json::json!({
                "runs": figures.len(), "min": min, "mean": mean, "runs_at_least_0_99": at_least,
                "f1": figures,
            });
        }
        None => println!(
            "order stability    B³ F1 against the in-order run over {} perturbed runs: min {min:.4}  mean {mean:.4}  ({at_least} at ≥ 0.99)",
            figures.len()
        ),
    }
}

/// A row of a saved-pages set's `truth.jsonl`.
#[derive(Deserialize)]
pub struct TruthRow {
    /// The page's id (its file is `pages/<id>.html.gz`).
    pub id: String,
    /// The page's address, when known.
    #[serde(default)]
    pub url: Option<String>,
}

/// A saved page normalized as if the feed of source `source` had linked it
/// and it was fetched at `fetched_at`; `None` when it does not normalize.
pub fn saved_page(
    dir: &Path,
    truth: &TruthRow,
    source: &str,
    fetched_at: chrono::DateTime<Utc>,
) -> anyhow::Result<Option<Article>> {
    let bytes = crate::eval_extraction::read_page(dir, &truth.id)?;
    let meta = ticker_normalize::InputMeta {
        url: truth.url.clone().filter(|url| url.starts_with("http")),
        source: SourceRef {
            id: source.into(),
            kind: SourceKind::Feed,
            url: format!("http://127.0.0.1/{source}.xml"),
        },
        content_type: None,
        fetched_at,
        feed_title: None,
        feed_published: None,
    };
    Ok(ticker_normalize::normalize_html(&bytes, &meta).ok())
}

/// Saved pages (`truth.jsonl` + `pages/`) normalized into articles, in the
/// order of `truth.jsonl` (one feed polled at one moment); pages without
/// text are left out.
pub fn saved_pages(dir: &Path) -> anyhow::Result<Vec<Article>> {
    let fetched_at = Utc
        .with_ymd_and_hms(2026, 1, 1, 12, 0, 0)
        .single()
        .expect("a valid time");
    let truths: Vec<TruthRow> = crate::eval::read_jsonl(&dir.join("truth.jsonl"))?;
    let mut articles = Vec::with_capacity(truths.len());
    for truth in &truths {
        articles.extend(saved_page(dir, truth, "pages", fetched_at)?);
    }
    Ok(articles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_perturbed_order_keeps_every_item_once_and_moves_about_a_quarter_later() {
        let order: Vec<usize> = (0..1000).collect();
        let moved = perturbed(&order, 7);
        let mut sorted = moved.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, order);
        assert_eq!(moved, perturbed(&order, 7), "seeded");
        assert_ne!(moved, perturbed(&order, 8));
        // An item that comes later than another it preceded was delayed.
        let position: Vec<usize> = {
            let mut position = vec![0; moved.len()];
            for (at, &item) in moved.iter().enumerate() {
                position[item] = at;
            }
            position
        };
        let later = (0..1000).filter(|&item| position[item] > item).count();
        assert!((150..350).contains(&later), "{later} items later");
        assert!((0..1000).all(|item| position[item] <= item + MAX_DELAY));
    }
}
