//! The pipeline: sources → poll → fetch → normalize → extract → publish.
//!
//! In one process (the default) the stages are tasks joined by a bounded
//! queue: one poller task per source feeds `pipeline.queue_capacity` slots;
//! `pipeline.workers` workers each take an entry through fetch, normalize,
//! extract and publish. When Kafka is slow the workers wait on delivery,
//! the queue fills, and the pollers wait: backpressure reaches the sources
//! and nothing is dropped.
//!
//! At-least-once: an entry is marked done in the state store only after
//! Kafka acknowledged every record it produced (or its dead letter). A
//! crash or a failed delivery leaves it undone, and the next poll (or the
//! next start) takes it again; stable keys, `ce_id`s and `revision` let
//! consumers drop the duplicates.
//!
//! Stage boundaries are plain functions over records ([`stages`]), so each
//! stage can also run as its own process between Kafka topics.

#![deny(missing_docs)]

pub mod config;
pub mod inputs;
pub mod metrics;
pub mod schedule;
pub mod stages;
pub mod state;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context as _;
use tokio::sync::{mpsc, watch};
use tracing::{info, warn};

use crate::config::SourceConfig;

pub use config::{Config, ConfigError};
pub use metrics::{Metrics, Summary};
pub use stages::{Pipeline, WorkItem};

/// How `run` behaves.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions {
    /// Poll every source once, process what was found, and return
    /// (backfills, the demo, tests). Otherwise poll until shutdown.
    pub once: bool,
}

/// Runs the pipeline until `shutdown` turns true (or, with `once`, until
/// every source was polled once and its entries processed).
pub async fn run(
    config: Config,
    options: RunOptions,
    shutdown: watch::Receiver<bool>,
) -> anyhow::Result<Summary> {
    let pipeline = Arc::new(Pipeline::new(&config).context("cannot start the pipeline")?);
    pipeline.ensure_topics_with_retry(shutdown.clone()).await?;
    if let Some(listen) = config.pipeline.metrics_address() {
        if !listen.ip().is_loopback() {
            warn!(%listen, "the metrics listener (/metrics, /sources) is reachable from other machines");
        }
        let metrics = pipeline.metrics.clone();
        let metrics_shutdown = shutdown.clone();
        let health_source = pipeline.clone();
        let sources: std::sync::Arc<dyn Fn() -> String + Send + Sync> =
            std::sync::Arc::new(move || {
                serde_json::to_string(&*health_source.health.lock().expect("health lock"))
                    .unwrap_or_default()
            });
        tokio::spawn(async move {
            if let Err(error) = metrics::serve(listen, metrics, sources, metrics_shutdown).await {
                warn!(%listen, %error, "metrics endpoint stopped");
            }
        });
    }
    let (sender, receiver) = mpsc::channel::<WorkItem>(config.pipeline.queue_capacity);
    let receiver = Arc::new(tokio::sync::Mutex::new(receiver));
    let in_flight: Arc<Mutex<HashSet<String>>> = Arc::default();

    let mut pollers = tokio::task::JoinSet::new();
    for source in config
        .sources
        .iter()
        .filter(|source| source.enabled)
        .cloned()
    {
        let pipeline = pipeline.clone();
        let sender = sender.clone();
        let shutdown = shutdown.clone();
        let in_flight = in_flight.clone();
        let schedule = schedule::Schedule {
            base: Duration::from_secs(
                source
                    .poll_interval_secs
                    .unwrap_or(config.pipeline.poll_interval_secs),
            ),
            max_interval: Duration::from_secs(config.pipeline.max_poll_interval_secs),
            max_backoff: Duration::from_secs(config.pipeline.max_backoff_secs),
            adaptive: config.pipeline.adaptive_polling,
        };
        let once = options.once;
        pollers.spawn(async move {
            stages::poll_source(
                &pipeline, &source, sender, in_flight, schedule, once, shutdown,
            )
            .await;
        });
    }
    drop(sender);

    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..config.pipeline.workers {
        let pipeline = pipeline.clone();
        let receiver = receiver.clone();
        let in_flight = in_flight.clone();
        let shutdown = shutdown.clone();
        workers.spawn(async move {
            loop {
                if *shutdown.borrow() {
                    return;
                }
                let item = { receiver.lock().await.recv().await };
                let Some(item) = item else { return };
                let key = item.in_flight_key();
                pipeline.process_item(item).await;
                in_flight.lock().expect("in-flight set lock").remove(&key);
            }
        });
    }

    // Pollers end at shutdown (or after one round with `once`); the queue
    // then closes and the workers finish what they hold.
    while pollers.join_next().await.is_some() {}
    let grace = Duration::from_secs(config.pipeline.shutdown_grace_secs);
    let drained = tokio::time::timeout(grace, async {
        while workers.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        warn!(grace_secs = grace.as_secs(), "shutdown grace period over; stopping in-flight work (it is fetched again after a restart)");
        workers.abort_all();
    }
    if let Err(error) = pipeline.publisher.flush(Duration::from_secs(10)) {
        warn!(%error, "records still unacknowledged at exit");
    }
    let summary = pipeline.metrics.snapshot();
    info!(?summary, "pipeline stopped");
    Ok(summary)
}

/// What `ingest` did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct IngestSummary {
    /// Files read.
    pub files: usize,
    /// Sources (feed, sitemap or section-page URLs and saved feed or
    /// sitemap files) whose entries were fetched.
    pub sources: usize,
    /// Entries of those sources fetched and processed.
    pub entries: usize,
    /// Articles published.
    pub published: usize,
    /// Articles skipped as already published with the same text.
    pub unchanged: usize,
    /// Inputs that went to the dead-letter topic.
    pub dead_letters: usize,
}

/// Pushes inputs through normalize → extract → publish, once: local files
/// (seed-shaped text, saved HTML, article JSON lines), saved feed and
/// sitemap files (their entries' pages are fetched), and URLs of feeds,
/// sitemaps and section pages (`kind` = feed, sitemap, page, or auto to
/// tell by the body), polled once like a source of `ticker run`.
/// `force` republishes articles whose text was already published (replay).
pub async fn ingest(
    config: Config,
    paths: &[PathBuf],
    url: Option<&str>,
    force: bool,
) -> anyhow::Result<IngestSummary> {
    ingest_with_kind(config, paths, url, force, "auto").await
}

/// [`ingest`] with the kind of URL inputs given.
pub async fn ingest_with_kind(
    config: Config,
    paths: &[PathBuf],
    url: Option<&str>,
    force: bool,
    kind: &str,
) -> anyhow::Result<IngestSummary> {
    let pipeline = Pipeline::new(&config).context("cannot start the pipeline")?;
    let (_never, shutdown) = watch::channel(false);
    pipeline.ensure_topics_with_retry(shutdown.clone()).await?;
    let (urls, paths): (Vec<&PathBuf>, Vec<&PathBuf>) = paths.iter().partition(|path| {
        let text = path.to_string_lossy();
        text.starts_with("http://") || text.starts_with("https://")
    });
    let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
    let files = inputs::expand(&paths).map_err(anyhow::Error::from)?;
    let mut summary = IngestSummary::default();
    for source_url in urls {
        let source_url = source_url.to_string_lossy().into_owned();
        let kind = match kind {
            "auto" => stages::detect_kind(&pipeline, &source_url).await?,
            given => given.to_string(),
        };
        let source = SourceConfig {
            id: format!("ingest-{}", ticker_model::short_id([&source_url])),
            kind,
            url: source_url,
            language: None,
            poll_interval_secs: None,
            link_selector: None,
            enabled: true,
            allow_private: false,
        };
        info!(url = %source.url, kind = %source.kind, "ingesting a source once");
        let before = pipeline.metrics.snapshot();
        let (sender, mut receiver) = mpsc::channel::<WorkItem>(config.pipeline.queue_capacity);
        let in_flight: Arc<Mutex<HashSet<String>>> = Arc::default();
        let schedule = schedule::Schedule {
            base: Duration::from_secs(1),
            max_interval: Duration::from_secs(1),
            max_backoff: Duration::from_secs(1),
            adaptive: false,
        };
        let poll = stages::poll_source(
            &pipeline,
            &source,
            sender,
            in_flight.clone(),
            schedule,
            true,
            shutdown.clone(),
        );
        let work = async {
            while let Some(item) = receiver.recv().await {
                let key = item.in_flight_key();
                pipeline.process_item(item).await;
                in_flight.lock().expect("in-flight set lock").remove(&key);
            }
        };
        tokio::join!(poll, work);
        let health = pipeline
            .health
            .lock()
            .expect("health lock")
            .get(&source.id)
            .cloned();
        if let Some(error) = health.and_then(|health| {
            health
                .last_error
                .filter(|_| health.consecutive_failures > 0)
        }) {
            anyhow::bail!("{}: {error}", source.url);
        }
        summary.sources += 1;
        summary.entries +=
            (pipeline.metrics.snapshot().entries_queued - before.entries_queued) as usize;
    }
    let mut plain_files = Vec::new();
    for file in files {
        match inputs::saved_source(&file) {
            Some(entries) => {
                let entries = entries.map_err(anyhow::Error::from)?;
                summary.sources += 1;
                let source_ref = ticker_model::SourceRef {
                    id: "file".to_string(),
                    kind: ticker_model::SourceKind::File,
                    url: file.display().to_string(),
                };
                for entry in entries {
                    summary.entries += 1;
                    pipeline
                        .process_item(WorkItem {
                            source_id: format!(
                                "file-{}",
                                ticker_model::short_id([file.display().to_string()])
                            ),
                            source: source_ref.clone(),
                            entry,
                        })
                        .await;
                }
            }
            None => plain_files.push(file),
        }
    }
    summary.files = plain_files.len();
    for file in &plain_files {
        for result in inputs::read_file(file, url) {
            match result {
                Ok(article) => {
                    pipeline.publish_article(article, None, force).await?;
                }
                Err(error) => {
                    warn!(file = %file.display(), %error, "input goes to the dead-letter topic");
                    pipeline
                        .dead_letter(
                            error.stage,
                            &error.to_string(),
                            &file.display().to_string(),
                            Vec::new(),
                            None,
                        )
                        .await?;
                }
            }
        }
    }
    pipeline
        .publisher
        .flush(Duration::from_secs(10))
        .context("flushing the producer")?;
    // Files, saved sources and URLs alike publish through the same stages,
    // which count what they did.
    let totals = pipeline.metrics.snapshot();
    summary.published = totals.articles_published as usize;
    summary.unchanged = totals.articles_unchanged as usize;
    summary.dead_letters = totals.deadletters as usize;
    Ok(summary)
}
