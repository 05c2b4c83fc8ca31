//! `ticker eval`: the project's evaluation commands on shared data sets.

use std::path::Path;
use std::time::Instant;

use anyhow::Context as _;
use chrono::Utc;
use serde::Deserialize;
use ticker_model::{short_id, Article, SourceKind, SourceRef};
use ticker_stories::{metrics, Stories, StoryConfig};

/// A row of a labelled clusters file (`data/nlp/clusters/*.jsonl`).
#[derive(Deserialize)]
pub struct ClusterRow {
    /// The row's id.
    pub id: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    title: String,
    text: String,
    #[serde(default)]
    event: String,
}

/// The article of a clusters row (a local file: its time is its
/// publication time).
pub fn article_of(row: &ClusterRow) -> Article {
    let published = row
        .published
        .as_deref()
        .and_then(ticker_normalize::parse_date)
        .map(|at| at.with_timezone(&Utc));
    let source = SourceRef {
        id: row.source.clone().unwrap_or_else(|| "eval".to_string()),
        kind: SourceKind::File,
        url: row.id.clone(),
    };
    let mut article = ticker_normalize::article_from_text(
        &short_id([row.id.as_str()]),
        source,
        &row.title,
        row.text.clone(),
        row.language.clone(),
        published,
    );
    article.url = row.url.clone();
    article.canonical_url = row.url.clone();
    article
}

/// Precision, recall and F1 from counts (0 where undefined).
pub fn precision_recall_f1(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    (precision, recall, f1)
}

/// Reads a JSON-lines file into records, naming the line of a bad one.
pub fn read_jsonl<T: serde::de::DeserializeOwned>(path: &Path) -> anyhow::Result<Vec<T>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            serde_json::from_str(line)
                .with_context(|| format!("{} line {}", path.display(), index + 1))
        })
        .collect()
}

/// Streams a labelled JSONL set in publication order through the story
/// clusterer and prints B-cubed and pairwise scores against `event`;
/// `trace` writes `event<TAB>story<TAB>title` per article to stderr.
pub fn clusters(
    dataset: &Path,
    config: StoryConfig,
    json: bool,
    trace: bool,
    reorder: usize,
) -> anyhow::Result<()> {
    let mut rows: Vec<ClusterRow> = read_jsonl(dataset)?;
    let articles: Vec<Article> = rows.iter().map(article_of).collect();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&index| (articles[index].published_at, index));
    let stability = if reorder > 0 {
        let reference = crate::eval_order::stories_in_order(&articles, &order, &config);
        crate::eval_order::stability(&articles, &order, &config, reorder, &reference)
    } else {
        Vec::new()
    };
    let mut stories = Stories::new(config);
    let mut gold = Vec::with_capacity(rows.len());
    let mut predicted = Vec::with_capacity(rows.len());
    let started = Instant::now();
    for &index in &order {
        let extraction = ticker_extract::extract(&articles[index]);
        let assignment = stories.assign(&articles[index], &extraction);
        gold.push(std::mem::take(&mut rows[index].event));
        if trace {
            eprintln!(
                "{}\t{}\t{}",
                gold.last().map_or("", String::as_str),
                assignment.story_id,
                rows[index].title
            );
        }
        predicted.push(assignment.story_id);
    }
    let seconds = started.elapsed().as_secs_f64();
    let bcubed = metrics::bcubed(&gold, &predicted);
    let pairwise = metrics::pairwise(&gold, &predicted);
    let gold_clusters = gold.iter().collect::<std::collections::BTreeSet<_>>().len();
    let predicted_clusters = predicted
        .iter()
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let rate = gold.len() as f64 / seconds.max(1e-9);
    if json {
        let mut value = serde_json::json!({"articles": gold.len(), "gold_clusters": gold_clusters, "predicted_clusters": predicted_clusters, "bcubed": bcubed, "pairwise": pairwise, "articles_per_second": rate});
        crate::eval_order::report(&stability, Some(&mut value));
        println!("{value}");
    } else {
        println!("dataset            {}", dataset.display());
        println!(
            "articles           {} ({} gold events, {} predicted stories)",
            gold.len(),
            gold_clusters,
            predicted_clusters
        );
        println!(
            "B-cubed            P {:.4}  R {:.4}  F1 {:.4}",
            bcubed.precision, bcubed.recall, bcubed.f1
        );
        println!(
            "pairwise           P {:.4}  R {:.4}  F1 {:.4}",
            pairwise.precision, pairwise.recall, pairwise.f1
        );
        println!("throughput         {rate:.0} articles/s (extraction + assignment, one core)");
        crate::eval_order::report(&stability, None);
    }
    Ok(())
}

/// `eval clusters --pages DIR --reorder N`: saved pages without gold
/// events, in their listed order and in N perturbed orders; `trace` writes
/// `story<TAB>published<TAB>title` per page (listed order) to stderr.
pub fn page_stability(
    dir: &Path,
    config: StoryConfig,
    json: bool,
    reorder: usize,
    trace: bool,
) -> anyhow::Result<()> {
    let articles = crate::eval_order::saved_pages(dir)?;
    let order: Vec<usize> = (0..articles.len()).collect();
    let reference = crate::eval_order::stories_in_order(&articles, &order, &config);
    if trace {
        for (article, story) in articles.iter().zip(&reference) {
            let published = article
                .published_at
                .map(|at| at.to_rfc3339())
                .unwrap_or_default();
            eprintln!("{story}\t{published}\t{}", article.title);
        }
    }
    let stories = reference
        .iter()
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let stability = crate::eval_order::stability(&articles, &order, &config, reorder, &reference);
    if json {
        let mut value =
            serde_json::json!({"articles": articles.len(), "predicted_clusters": stories});
        crate::eval_order::report(&stability, Some(&mut value));
        println!("{value}");
    } else {
        println!("pages              {}", dir.display());
        println!(
            "articles           {} ({stories} stories in the listed order)",
            articles.len()
        );
        crate::eval_order::report(&stability, None);
    }
    Ok(())
}
