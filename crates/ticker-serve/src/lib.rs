//! `ticker serve`: the page analysts keep open. It reads the topics
//! (`articles`, `extractions`, `claims`, `alerts`, `stories`) from the
//! start of every partition into an in-memory view and serves
//!
//! - `/` the active stories, ranked by recent activity, with a chart of
//!   articles over time each;
//! - `/story/{id}` one story: its claims as timelines (values over time,
//!   changes marked, the sources that carried each value), alerts,
//!   articles in time order, quotes with speakers, entities;
//! - `/alerts` a live list (server-sent events on `/events/alerts`),
//!   filterable by story, entity and kind;
//! - `/sources` each source's health and articles per minute;
//! - the same as JSON under `/api/…`, and `/api/status`.
//!
//! It commits no offsets: the view is rebuilt from the topics at each
//! start, so it serves a single process (`ticker run` with `serve.listen`)
//! and a scaled-out deployment alike, and any number of page processes can
//! stand side by side.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use ticker_pipeline::Config;
use tokio::sync::{broadcast, watch};

mod consume;
pub mod view;
pub mod web;

pub use view::{AlertView, View};

/// Where the page gets source health from.
#[derive(Clone)]
pub enum SourceFeed {
    /// The pipeline of this process.
    Local(ticker_pipeline::SourcesFn),
    /// The `/sources` endpoints of running pipelines (`serve.pipelines`).
    Remote(Vec<String>),
}

/// One source's health as the page shows it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SourceRow {
    /// Source id.
    pub id: String,
    /// Which pipeline reported it (empty for this process).
    #[serde(default)]
    pub pipeline: String,
    /// Its health.
    #[serde(flatten)]
    pub health: ticker_pipeline::state::SourceHealth,
}

impl std::ops::Deref for SourceRow {
    type Target = ticker_pipeline::state::SourceHealth;
    fn deref(&self) -> &Self::Target {
        &self.health
    }
}

impl SourceFeed {
    /// Every source's health, sorted by id, or why none can be shown.
    pub async fn health(&self) -> Result<Vec<SourceRow>, String> {
        type Health = std::collections::BTreeMap<String, ticker_pipeline::state::SourceHealth>;
        let mut rows = Vec::new();
        match self {
            SourceFeed::Local(sources) => {
                let health: Health = serde_json::from_str(&sources()).map_err(|e| e.to_string())?;
                rows.extend(health.into_iter().map(|(id, health)| SourceRow {
                    id,
                    pipeline: String::new(),
                    health,
                }));
            }
            SourceFeed::Remote(urls) if urls.is_empty() => {
                return Err("No pipeline to ask: list the /sources URLs of running pipelines in serve.pipelines (their pipeline.metrics_listen).".into());
            }
            SourceFeed::Remote(urls) => {
                let client = reqwest::Client::builder()
                    .timeout(Duration::from_secs(3))
                    .no_proxy()
                    .build()
                    .map_err(|e| e.to_string())?;
                let mut failures = Vec::new();
                for url in urls {
                    let answer = async {
                        let response = client.get(url).send().await?.error_for_status()?;
                        response.json::<Health>().await
                    }
                    .await;
                    match answer {
                        Ok(health) => {
                            rows.extend(health.into_iter().map(|(id, health)| SourceRow {
                                id,
                                pipeline: url.clone(),
                                health,
                            }))
                        }
                        Err(error) => failures.push(format!("{url}: {error}")),
                    }
                }
                if rows.is_empty() && !failures.is_empty() {
                    return Err(format!("No pipeline answered: {}", failures.join("; ")));
                }
            }
        }
        rows.sort_by(|a, b| a.id.cmp(&b.id).then(a.pipeline.cmp(&b.pipeline)));
        Ok(rows)
    }
}

/// How far the reader of the topics got.
#[derive(Debug, Default)]
pub struct ReaderStatus {
    caught_up: AtomicBool,
    consumed: AtomicU64,
}

impl ReaderStatus {
    /// Whether every record that was in the topics when the page started
    /// has been read.
    pub fn caught_up(&self) -> bool {
        self.caught_up.load(Ordering::Relaxed)
    }

    /// Records read so far.
    pub fn consumed(&self) -> u64 {
        self.consumed.load(Ordering::Relaxed)
    }
}

/// What the handlers share.
#[derive(Clone)]
pub struct Shared {
    /// The view.
    pub view: Arc<RwLock<View>>,
    /// New alerts, for the event streams.
    pub alerts: broadcast::Sender<AlertView>,
    /// Source health.
    pub sources: SourceFeed,
    /// The reader's progress.
    pub status: Arc<ReaderStatus>,
    /// Turns true on shutdown (ends the event streams).
    pub shutdown: watch::Receiver<bool>,
}

/// The address `ticker serve` listens on: `serve.listen`, else 127.0.0.1:8080.
pub fn listen_address(config: &Config) -> std::net::SocketAddr {
    config
        .serve
        .address()
        .unwrap_or_else(|| std::net::SocketAddr::from(([127, 0, 0, 1], 8080)))
}

/// Serves the page on `listener` until `shutdown` turns true, reading the
/// topics of `config` in a thread of its own.
pub async fn serve(
    config: &Config,
    listener: tokio::net::TcpListener,
    sources: SourceFeed,
    shutdown: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let limits = view::Limits {
        window: chrono::Duration::hours(config.serve.window_hours.min(24 * 365 * 10) as i64),
        max_stories: config.serve.max_stories,
        max_alerts: config.serve.max_alerts,
    };
    let (alerts, _) = broadcast::channel(1024);
    let shared = Shared {
        view: Arc::new(RwLock::new(View::new(limits))),
        alerts,
        sources,
        status: Arc::default(),
        shutdown: shutdown.clone(),
    };
    let reader = consume::spawn(config, shared.clone(), shutdown.clone())
        .context("cannot start reading the topics")?;
    let address = listener.local_addr()?;
    if !address.ip().is_loopback() {
        tracing::warn!(%address, "the page (ticker serve) is reachable from other machines; it has no login");
    }
    tracing::info!(url = %format!("http://{address}/"), "serving the page");
    let mut stop = shutdown.clone();
    axum::serve(listener, web::router(shared))
        .with_graceful_shutdown(async move {
            let _ = stop.wait_for(|stop| *stop).await;
        })
        .await?;
    // The reader stops on the same signal.
    let _ = tokio::task::spawn_blocking(move || reader.join()).await;
    Ok(())
}
