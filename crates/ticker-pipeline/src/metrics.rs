//! Pipeline metrics with fixed names, kept in a `prometheus-client`
//! registry and served (with health) on `pipeline.metrics_listen`:
//!
//! - `/metrics`: counters (`ticker_<name>_total`), latency histograms per
//!   stage (`ticker_stage_seconds{stage="fetch"|"normalize"|"extract"|
//!   "assign"|"publish"|"poll"}`), the queue between pollers and workers
//!   (`ticker_queue_depth`) and the entries being worked on
//!   (`ticker_in_flight`), in the OpenMetrics text format;
//! - `/sources`: each source's health as JSON;
//! - `/healthz`: 200 while the process works, 503 once a stage died for
//!   good (the process then also exits non-zero);
//! - `/readyz`: 200 when ready for work; 503 while starting, while shutting
//!   down, or when work is queued and nothing finished for
//!   `pipeline.stall_secs` (a stalled pipeline should be restarted).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

/// The stages whose latency is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Polling a source (fetch and parse of the feed, sitemap or page).
    Poll,
    /// Fetching an article page.
    Fetch,
    /// HTML to article.
    Normalize,
    /// The extractor.
    Extract,
    /// Story assignment (a job on the story owner thread, waiting included).
    Assign,
    /// Kafka delivery of an article's records.
    Publish,
}

impl Stage {
    fn label(self) -> &'static str {
        match self {
            Stage::Poll => "poll",
            Stage::Fetch => "fetch",
            Stage::Normalize => "normalize",
            Stage::Extract => "extract",
            Stage::Assign => "assign",
            Stage::Publish => "publish",
        }
    }
}

type StageFamily = Family<Vec<(&'static str, &'static str)>, Histogram, fn() -> Histogram>;

fn stage_histogram() -> Histogram {
    // 0.25 ms to about 33 s.
    Histogram::new(exponential_buckets(0.000_25, 2.0, 18))
}

macro_rules! metrics {
    ($($field:ident => $help:literal),* $(,)?) => {
        /// Counters, histograms and gauges of one pipeline run, and the
        /// health it reports.
        #[derive(Debug)]
        pub struct Metrics {
            $(#[doc = $help] pub $field: Counter,)*
            /// Latency per stage.
            stage_seconds: StageFamily,
            /// Entries queued between pollers and workers.
            pub queue_depth: Gauge,
            /// Entries a worker is processing.
            pub in_flight: Gauge,
            /// From the poll that found an entry to Kafka's acknowledgement.
            entry_latency: Histogram,
            /// The same latencies in milliseconds, for exact quantiles in the
            /// summary (the first million).
            latencies: Mutex<Vec<f32>>,
            registry: Registry,
            started: Instant,
            /// Milliseconds after `started` when the last entry finished.
            last_progress_ms: AtomicU64,
            ready: AtomicBool,
            stopping: AtomicBool,
            failed: Mutex<Option<String>>,
        }

        /// A snapshot of the counters of [`Metrics`].
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
        pub struct Summary {
            $(#[doc = $help] pub $field: u64,)*
            /// Median time from the poll that found an entry to Kafka's
            /// acknowledgement of its article, in milliseconds.
            pub latency_p50_ms: u64,
            /// 99th percentile of the same, in milliseconds.
            pub latency_p99_ms: u64,
        }

        impl Metrics {
            /// Fresh metrics in their registry.
            pub fn new() -> Metrics {
                let mut registry = Registry::with_prefix("ticker");
                $(
                    let $field = Counter::default();
                    // (The client ends every help text with a period.)
                    registry.register(stringify!($field), $help.trim_end_matches('.'), $field.clone());
                )*
                let stage_seconds: StageFamily = Family::new_with_constructor(stage_histogram);
                registry.register(
                    "stage_seconds",
                    "Time spent per stage, in seconds",
                    stage_seconds.clone(),
                );
                let queue_depth = Gauge::default();
                registry.register(
                    "queue_depth",
                    "Entries queued between the pollers and the workers",
                    queue_depth.clone(),
                );
                let in_flight = Gauge::default();
                registry.register(
                    "in_flight",
                    "Entries a worker is processing",
                    in_flight.clone(),
                );
                let entry_latency = stage_histogram();
                registry.register(
                    "entry_latency_seconds",
                    "From the poll that found an entry to Kafka's acknowledgement of its article, in seconds",
                    entry_latency.clone(),
                );
                Metrics {
                    $($field,)*
                    stage_seconds,
                    queue_depth,
                    in_flight,
                    entry_latency,
                    latencies: Mutex::new(Vec::new()),
                    registry,
                    started: Instant::now(),
                    last_progress_ms: AtomicU64::new(0),
                    ready: AtomicBool::new(false),
                    stopping: AtomicBool::new(false),
                    failed: Mutex::new(None),
                }
            }

            /// The current counter values.
            pub fn snapshot(&self) -> Summary {
                let (latency_p50_ms, latency_p99_ms) = self.latency_quantiles();
                Summary {
                    $($field: self.$field.get(),)*
                    latency_p50_ms,
                    latency_p99_ms,
                }
            }
        }
    };
}

metrics! {
    polls => "Source polls attempted.",
    poll_errors => "Source polls that failed (fetch or parse).",
    polls_not_modified => "Source polls answered 304 Not Modified.",
    polls_unchanged => "Source polls whose body was the same as the last one (not parsed again).",
    entries_queued => "Feed entries handed to the workers.",
    articles_published => "Articles published (new or changed).",
    articles_unchanged => "Articles skipped because the same text was already published.",
    records_published => "Records acknowledged by Kafka, all topics.",
    fetch_errors => "Article fetches that failed.",
    not_pages => "Article responses that were no page (PDF, image, binary); dead-lettered.",
    deadletters => "Inputs sent to the dead-letter topic.",
    publish_errors => "Batches Kafka did not acknowledge (retried later).",
    alerts => "Alerts published.",
    panics => "Entries whose processing panicked (dead-lettered with stage panic).",
    restarts => "Pipeline tasks restarted after they died.",
    notifications => "Alerts delivered to a sink (webhook, Slack, Mattermost).",
    notification_failures => "Alert deliveries a sink refused or did not answer (retried later).",
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl Metrics {
    /// Adds `count` to a counter.
    pub fn add(counter: &Counter, count: u64) {
        counter.inc_by(count);
    }

    /// Records the time `stage` took since `since`.
    pub fn observe(&self, stage: Stage, since: Instant) {
        self.stage_seconds
            .get_or_create(&vec![("stage", stage.label())])
            .observe(since.elapsed().as_secs_f64());
    }

    /// An entry found at `discovered` was published and acknowledged.
    pub fn published_after(&self, discovered: Instant) {
        let seconds = discovered.elapsed().as_secs_f64();
        self.entry_latency.observe(seconds);
        let mut latencies = self.latencies.lock().expect("latency lock");
        if latencies.len() < 1_000_000 {
            latencies.push((seconds * 1000.0) as f32);
        }
    }

    /// Median and 99th percentile of the discovery-to-acknowledgement
    /// latencies, in milliseconds (0 without any).
    fn latency_quantiles(&self) -> (u64, u64) {
        let mut latencies = self.latencies.lock().expect("latency lock").clone();
        if latencies.is_empty() {
            return (0, 0);
        }
        latencies.sort_by(f32::total_cmp);
        let at = |share: f64| {
            let index = ((latencies.len() - 1) as f64 * share).round() as usize;
            latencies[index].round() as u64
        };
        (at(0.5), at(0.99))
    }

    /// An entry finished (published, skipped or dead-lettered).
    pub fn progress(&self) {
        self.last_progress_ms
            .store(self.started.elapsed().as_millis() as u64, Ordering::Relaxed);
    }

    /// The pipeline is up: topics exist, workers run.
    pub fn set_ready(&self) {
        self.progress();
        self.ready.store(true, Ordering::Relaxed);
    }

    /// Shutdown began.
    pub fn set_stopping(&self) {
        self.stopping.store(true, Ordering::Relaxed);
    }

    /// A stage died for good: `/healthz` says so from now on.
    pub fn set_failed(&self, reason: String) {
        *self.failed.lock().expect("health lock") = Some(reason);
    }

    /// `/healthz`: Ok while the process works, else why not.
    pub fn liveness(&self) -> Result<(), String> {
        match self.failed.lock().expect("health lock").clone() {
            Some(reason) => Err(reason),
            None => Ok(()),
        }
    }

    /// `/readyz`: Ok when ready for work, else why not. Stalled: entries
    /// are queued or in flight and none finished for `stall_after`.
    pub fn readiness(&self, stall_after: Duration) -> Result<(), String> {
        self.liveness()?;
        if self.stopping.load(Ordering::Relaxed) {
            return Err("shutting down".to_string());
        }
        if !self.ready.load(Ordering::Relaxed) {
            return Err("starting (waiting for the broker)".to_string());
        }
        let waiting = self.queue_depth.get().max(0) + self.in_flight.get().max(0);
        let idle = self.started.elapsed().saturating_sub(Duration::from_millis(
            self.last_progress_ms.load(Ordering::Relaxed),
        ));
        if waiting > 0 && idle >= stall_after {
            return Err(format!(
                "stalled: {waiting} entries waiting and none finished for {} s",
                idle.as_secs()
            ));
        }
        Ok(())
    }

    /// The OpenMetrics text of every metric.
    pub fn render(&self) -> String {
        let mut out = String::new();
        prometheus_client::encoding::text::encode(&mut out, &self.registry)
            .expect("writing to a String");
        out
    }
}

/// What the HTTP endpoints read.
#[derive(Clone)]
pub struct Endpoints {
    /// The metrics and health.
    pub metrics: Arc<Metrics>,
    /// Each source's health as JSON.
    pub sources: Arc<dyn Fn() -> String + Send + Sync>,
    /// How long queued work may see no progress before `/readyz` fails.
    pub stall_after: Duration,
}

/// The router of `/metrics`, `/sources`, `/healthz` and `/readyz`.
pub fn router(endpoints: Endpoints) -> axum::Router {
    use axum::extract::State;
    use axum::http::{header, StatusCode};
    use axum::response::IntoResponse;
    use axum::routing::get;
    fn status(result: Result<(), String>, ok: &'static str) -> axum::response::Response {
        match result {
            Ok(()) => (StatusCode::OK, format!("{ok}\n")).into_response(),
            Err(reason) => (StatusCode::SERVICE_UNAVAILABLE, format!("{reason}\n")).into_response(),
        }
    }
    axum::Router::new()
        .route(
            "/metrics",
            get(|State(endpoints): State<Endpoints>| async move {
                (
                    [(
                        header::CONTENT_TYPE,
                        "application/openmetrics-text; version=1.0.0; charset=utf-8",
                    )],
                    endpoints.metrics.render(),
                )
            }),
        )
        .route(
            "/sources",
            get(|State(endpoints): State<Endpoints>| async move {
                (
                    [(header::CONTENT_TYPE, "application/json")],
                    (endpoints.sources)(),
                )
            }),
        )
        .route(
            "/healthz",
            get(|State(endpoints): State<Endpoints>| async move {
                status(endpoints.metrics.liveness(), "ok")
            }),
        )
        .route(
            "/readyz",
            get(|State(endpoints): State<Endpoints>| async move {
                status(endpoints.metrics.readiness(endpoints.stall_after), "ready")
            }),
        )
        .with_state(endpoints)
}

/// Serves [`router`] on `listener` until the shutdown signal.
pub async fn serve(
    listener: tokio::net::TcpListener,
    endpoints: Endpoints,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) -> std::io::Result<()> {
    axum::serve(listener, router(endpoints))
        .with_graceful_shutdown(async move {
            let _ = shutdown.wait_for(|stop| *stop).await;
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_histograms_and_gauges() {
        let metrics = Metrics::default();
        Metrics::add(&metrics.polls, 3);
        metrics.observe(Stage::Fetch, Instant::now());
        metrics.queue_depth.set(4);
        let text = metrics.render();
        assert!(text.contains("ticker_polls_total 3\n"), "{text}");
        assert!(
            text.contains("ticker_stage_seconds_count{stage=\"fetch\"} 1\n"),
            "{text}"
        );
        assert!(text.contains("ticker_queue_depth 4\n"), "{text}");
        assert!(text.ends_with("# EOF\n"), "{text}");
        assert_eq!(metrics.snapshot().polls, 3);
        let discovered = Instant::now() - Duration::from_millis(40);
        metrics.published_after(discovered);
        metrics.published_after(discovered + Duration::from_millis(30));
        let summary = metrics.snapshot();
        assert!((40..60).contains(&summary.latency_p99_ms), "{summary:?}");
        assert!(metrics
            .render()
            .contains("ticker_entry_latency_seconds_count 2\n"));
    }

    #[test]
    fn readiness_tells_starting_stalled_stopping_and_failed_apart() {
        let metrics = Metrics::default();
        let stall = Duration::from_millis(50);
        assert!(metrics
            .readiness(stall)
            .unwrap_err()
            .starts_with("starting"));
        metrics.set_ready();
        assert_eq!(metrics.readiness(stall), Ok(()));
        // Idle with nothing queued is not stalled.
        std::thread::sleep(Duration::from_millis(80));
        assert_eq!(metrics.readiness(stall), Ok(()));
        metrics.queue_depth.set(2);
        let reason = metrics.readiness(stall).unwrap_err();
        assert!(reason.starts_with("stalled: 2 entries waiting"), "{reason}");
        metrics.progress();
        assert_eq!(metrics.readiness(stall), Ok(()));
        metrics.set_stopping();
        assert_eq!(metrics.readiness(stall).unwrap_err(), "shutting down");
        assert_eq!(metrics.liveness(), Ok(()));
        metrics.set_failed("workers died 6 times in a minute".to_string());
        assert!(metrics.liveness().is_err());
        assert!(metrics.readiness(stall).unwrap_err().contains("died"));
    }
}
