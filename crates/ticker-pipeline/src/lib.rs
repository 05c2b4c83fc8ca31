//! The pipeline: sources → poll → fetch → normalize → extract → publish.
//!
//! In one process (the default) the stages are tasks joined by a bounded
//! queue: one poller task per source feeds `pipeline.queue_capacity` slots;
//! `pipeline.workers` workers each take an entry through fetch, normalize,
//! extract and publish, and hand the wait for Kafka's acknowledgement to a
//! task of its own (at most [`stages::DELIVERIES_PER_WORKER`] open per
//! worker) while they take the next entry. When Kafka is slow the slots
//! fill, the workers wait, the queue fills, and the pollers wait:
//! backpressure reaches the sources and nothing is dropped.
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
pub mod fetch_group;
pub mod inputs;
pub mod metrics;
pub mod notify;
pub mod roles;
pub mod schedule;
pub mod stages;
pub mod state;
pub mod warc;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context as _;
use futures::StreamExt as _;
use tokio::sync::{mpsc, watch};
use tracing::{error, info, warn};

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
    run_with(config, options, shutdown, |_| {}).await
}

/// Each source's health as JSON (what `/sources` serves).
pub type SourcesFn = Arc<dyn Fn() -> String + Send + Sync>;

/// [`run`], handing `on_start` the source health once the pipeline stands
/// (for a page served in the same process).
pub async fn run_with(
    config: Config,
    options: RunOptions,
    shutdown: watch::Receiver<bool>,
    on_start: impl FnOnce(SourcesFn),
) -> anyhow::Result<Summary> {
    run_pipeline(config, options, shutdown, on_start, false).await
}

/// Runs one role of a scaled-out deployment (see [`roles`]); `All` is
/// [`run_with`].
pub async fn run_role(
    config: Config,
    role: roles::Role,
    options: RunOptions,
    shutdown: watch::Receiver<bool>,
    on_start: impl FnOnce(SourcesFn),
) -> anyhow::Result<Summary> {
    match role {
        roles::Role::All => run_pipeline(config, options, shutdown, on_start, false).await,
        roles::Role::Fetch => {
            roles::ensure_role_topics(&config, &shutdown).await?;
            run_pipeline(config, options, shutdown, on_start, true).await
        }
        roles::Role::Process => roles::run_process(config, shutdown).await,
        roles::Role::Stories => roles::run_stories(config, shutdown).await,
        roles::Role::Notify => roles::run_notify(config, shutdown).await,
    }
}

/// Serves `/metrics`, `/sources`, `/healthz` and `/readyz` on
/// `pipeline.metrics_listen` until shutdown, when it is set.
pub(crate) async fn start_operations(
    config: &Config,
    metrics: Arc<Metrics>,
    sources: SourcesFn,
    shutdown: &watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let Some(listen) = config.pipeline.metrics_address() else {
        return Ok(());
    };
    if !listen.ip().is_loopback() {
        warn!(%listen, "the metrics listener (/metrics, /sources, /healthz, /readyz) is reachable from other machines");
    }
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("pipeline.metrics_listen: cannot listen on {listen}"))?;
    let endpoints = metrics::Endpoints {
        metrics,
        sources,
        stall_after: Duration::from_secs(config.pipeline.stall_secs),
    };
    let shutdown = shutdown.clone();
    tokio::spawn(async move {
        if let Err(error) = metrics::serve(listener, endpoints, shutdown).await {
            warn!(%listen, %error, "metrics endpoint stopped");
        }
    });
    Ok(())
}

async fn run_pipeline(
    config: Config,
    options: RunOptions,
    shutdown: watch::Receiver<bool>,
    on_start: impl FnOnce(SourcesFn),
    fetch_only: bool,
) -> anyhow::Result<Summary> {
    // The workers keep deliveries open (the fetch role waits for each of
    // its pages), so their producer gathers longer batches.
    let linger_ms = if fetch_only {
        ticker_kafka::SHORT_LINGER_MS
    } else {
        stages::OPEN_DELIVERY_LINGER_MS
    };
    let mut pipeline =
        Pipeline::with_linger(&config, linger_ms).context("cannot start the pipeline")?;
    pipeline.fetch_only = fetch_only;
    if fetch_only {
        anyhow::ensure!(
            !options.once,
            "the fetch role runs until stopped (its sources move between fetch processes); --once is for a single process"
        );
        pipeline.ownership = Some(Arc::default());
    }
    let pipeline = Arc::new(pipeline);
    let health_source = pipeline.clone();
    let sources: SourcesFn = Arc::new(move || {
        serde_json::to_string(&*health_source.health.lock().expect("health lock"))
            .unwrap_or_default()
    });
    on_start(sources.clone());
    start_operations(&config, pipeline.metrics.clone(), sources, &shutdown).await?;
    pipeline.ensure_topics_with_retry(shutdown.clone()).await?;
    // The fetch role polls the sources its group assigns it.
    let fetch_group = match &pipeline.ownership {
        Some(ownership) => Some(fetch_group::FetchGroup::start(
            &config,
            pipeline.clone(),
            ownership.clone(),
        )?),
        None => None,
    };
    let (sender, receiver) = mpsc::channel::<WorkItem>(config.pipeline.queue_capacity);
    let receiver = Arc::new(tokio::sync::Mutex::new(receiver));
    let in_flight: Arc<Mutex<HashSet<String>>> = Arc::default();

    // (The pollers' handle on the queue lives in this closure, which can
    // start a poller again; dropping it closes the queue.)
    let poller = {
        let (pipeline, shutdown, in_flight) =
            (pipeline.clone(), shutdown.clone(), in_flight.clone());
        let settings = config.pipeline.clone();
        move |source: SourceConfig| {
            let pipeline = pipeline.clone();
            let sender = sender.clone();
            let shutdown = shutdown.clone();
            let in_flight = in_flight.clone();
            let schedule = schedule::Schedule {
                base: Duration::from_secs(
                    source
                        .poll_interval_secs
                        .unwrap_or(settings.poll_interval_secs),
                ),
                max_interval: Duration::from_secs(settings.max_poll_interval_secs),
                max_backoff: Duration::from_secs(settings.max_backoff_secs),
                adaptive: settings.adaptive_polling,
            };
            let once = options.once;
            async move {
                let queue = stages::Queue { sender, in_flight };
                let plan = stages::PollPlan { schedule, once };
                stages::poll_source(&pipeline, &source, queue, plan, shutdown).await;
            }
        }
    };
    let mut pollers = tokio::task::JoinSet::new();
    let mut poller_sources = std::collections::HashMap::new();
    for source in config
        .sources
        .iter()
        .filter(|source| source.enabled)
        .cloned()
    {
        let handle = pollers.spawn(poller(source.clone()));
        poller_sources.insert(handle.id(), source);
    }

    let worker = || {
        worker(
            pipeline.clone(),
            receiver.clone(),
            in_flight.clone(),
            shutdown.clone(),
        )
    };
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..config.pipeline.workers {
        workers.spawn(worker());
    }
    pipeline.metrics.set_ready();
    // Alert deliveries to sinks, from the state store's outbox (at least
    // once; what is left at exit goes at the next start).
    if pipeline.has_sinks() {
        let pipeline = pipeline.clone();
        let mut shutdown = shutdown.clone();
        tokio::spawn(async move {
            loop {
                if let Err(error) = pipeline.deliver_due().await {
                    warn!(error = %format!("{error:#}"), "delivering alerts failed; retrying");
                }
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_millis(200)) => {}
                    _ = shutdown.changed() => return,
                }
            }
        });
    }

    // Pollers end at shutdown (or after one round with `once`); the queue
    // then closes and the workers finish what they hold. A task that dies
    // meanwhile (a panic outside one entry's processing) is restarted; one
    // that keeps dying stops the process with an error.
    let mut restarts = Restarts::default();
    let mut failure: Option<String> = None;
    loop {
        tokio::select! {
            joined = pollers.join_next_with_id() => match joined {
                None => break,
                Some(Ok((id, ()))) => { poller_sources.remove(&id); }
                Some(Err(error)) => {
                    let source = poller_sources.remove(&error.id());
                    let Some(source) = source.filter(|_| error.is_panic() && !*shutdown.borrow()) else { continue };
                    error!(source = %source.id, %error, "a poller died; restarting it");
                    if let Err(reason) = restarts.note(&pipeline.metrics) {
                        failure = Some(reason);
                        break;
                    }
                    let handle = pollers.spawn(poller(source.clone()));
                    poller_sources.insert(handle.id(), source);
                }
            },
            Some(Err(error)) = workers.join_next(), if !workers.is_empty() => {
                if *shutdown.borrow() {
                    continue;
                }
                error!(%error, "a worker died; restarting it");
                if let Err(reason) = restarts.note(&pipeline.metrics) {
                    failure = Some(reason);
                    break;
                }
                workers.spawn(worker());
            },
        }
    }
    drop(poller);
    if let Some(reason) = failure {
        pipeline.metrics.set_failed(reason.clone());
        pollers.abort_all();
        workers.abort_all();
        error!(%reason, "the pipeline stops");
        anyhow::bail!("{reason}");
    }
    pipeline.metrics.set_stopping();
    let grace = Duration::from_secs(config.pipeline.shutdown_grace_secs);
    let drained = tokio::time::timeout(grace, async {
        while workers.join_next().await.is_some() {}
        pipeline.settle_deliveries().await;
    })
    .await;
    if drained.is_err() {
        warn!(grace_secs = grace.as_secs(), "shutdown grace period over; stopping in-flight work (it is fetched again after a restart)");
        workers.abort_all();
    }
    if let Err(error) = pipeline.publisher.flush(Duration::from_secs(10)) {
        warn!(%error, "records still unacknowledged at exit");
    }
    if let Some(group) = fetch_group {
        // (Blocking: it waits for the last state writes and the group.)
        tokio::task::spawn_blocking(move || group.stop()).await?;
    }
    if options.once {
        send_queued_alerts(&pipeline).await;
    }
    let summary = pipeline.metrics.snapshot();
    info!(?summary, "pipeline stopped");
    Ok(summary)
}

/// Restarts of dead tasks: more than [`Restarts::LIMIT`] within
/// [`Restarts::WINDOW`] means something is broken for good.
#[derive(Debug, Default)]
struct Restarts(std::collections::VecDeque<std::time::Instant>);

impl Restarts {
    const LIMIT: usize = 5;
    const WINDOW: Duration = Duration::from_secs(60);

    /// Notes one restart; an error when there were too many.
    fn note(&mut self, metrics: &Metrics) -> Result<(), String> {
        let now = std::time::Instant::now();
        self.0.retain(|at| now.duration_since(*at) < Self::WINDOW);
        self.0.push_back(now);
        Metrics::add(&metrics.restarts, 1);
        if self.0.len() > Self::LIMIT {
            return Err(format!(
                "pipeline tasks died {} times within {} s",
                self.0.len(),
                Self::WINDOW.as_secs()
            ));
        }
        Ok(())
    }
}

/// One worker: takes entries off the queue until it closes or shutdown.
/// A panic while processing one entry makes it a dead letter with stage
/// `panic` (the entry is done: a retry would panic again) and the worker
/// goes on.
async fn worker(
    pipeline: Arc<Pipeline>,
    receiver: Arc<tokio::sync::Mutex<mpsc::Receiver<WorkItem>>>,
    in_flight: Arc<Mutex<HashSet<String>>>,
    shutdown: watch::Receiver<bool>,
) {
    let metrics = pipeline.metrics.clone();
    let process = {
        let pipeline = pipeline.clone();
        move |item: WorkItem| {
            let pipeline = pipeline.clone();
            async move { pipeline.process_item(item).await }
        }
    };
    let on_panic = move |item: WorkItem, message: String| {
        let pipeline = pipeline.clone();
        async move { pipeline.dead_letter_panic(&item, &message).await }
    };
    work_loop(receiver, in_flight, shutdown, &metrics, process, on_panic).await;
}

/// The loop of [`worker`], with the processing and the panic's dead letter
/// as functions.
async fn work_loop<P, PF, D, DF>(
    receiver: Arc<tokio::sync::Mutex<mpsc::Receiver<WorkItem>>>,
    in_flight: Arc<Mutex<HashSet<String>>>,
    shutdown: watch::Receiver<bool>,
    metrics: &Metrics,
    process: P,
    on_panic: D,
) where
    P: Fn(WorkItem) -> PF,
    PF: std::future::Future<Output = Option<stages::OpenDelivery>>,
    D: Fn(WorkItem, String) -> DF,
    DF: std::future::Future<Output = ()>,
{
    loop {
        if *shutdown.borrow() {
            return;
        }
        let item = { receiver.lock().await.recv().await };
        let Some(item) = item else { return };
        metrics.queue_depth.dec();
        metrics.in_flight.inc();
        let key = item.in_flight_key();
        let open = match guarded(process(item.clone())).await {
            Ok(open) => open,
            Err(message) => {
                error!(source = %item.source_id, url = %item.entry.link, %message, "processing panicked; dead letter");
                Metrics::add(&metrics.panics, 1);
                on_panic(item.clone(), message).await;
                None
            }
        };
        metrics.in_flight.dec();
        metrics.progress();
        match open {
            // The entry stays in flight (so no poll queues it again) until
            // its delivery is settled.
            Some(delivery) => {
                let in_flight = in_flight.clone();
                tokio::spawn(async move {
                    if let Err(error) = delivery.await {
                        error!(source = %item.source_id, url = %item.entry.link, %error, "a delivery task failed; the entry is retried at the next poll");
                    }
                    in_flight.lock().expect("in-flight set lock").remove(&key);
                });
            }
            None => {
                in_flight.lock().expect("in-flight set lock").remove(&key);
            }
        }
    }
}

/// Publishes the pages of one WARC file (read as a stream on a blocking
/// thread, a few records ahead): responses with status 200 whose body is
/// HTML are normalized (with the site's rules) and published; a page that
/// gives no article is a dead letter; other responses are counted as
/// skipped.
async fn ingest_warc(
    pipeline: &Pipeline,
    config: &Config,
    file: &std::path::Path,
    force: bool,
    summary: &mut IngestSummary,
) -> anyhow::Result<()> {
    let (sender, mut receiver) = mpsc::channel::<warc::Response>(16);
    let path = file.to_path_buf();
    let reading = tokio::task::spawn_blocking(move || {
        warc::read_responses(&path, |response| {
            let _ = sender.blocking_send(response);
        })
    });
    let source = ticker_model::SourceRef {
        id: "warc".to_string(),
        kind: ticker_model::SourceKind::File,
        url: file.display().to_string(),
    };
    // `pipeline.workers` pages at a time: each waits for Kafka's
    // acknowledgement, so one at a time would leave the cores idle.
    let responses = futures::stream::unfold(&mut receiver, |receiver| async move {
        receiver.recv().await.map(|response| (response, receiver))
    });
    let outcomes = responses
        .map(|response| ingest_warc_response(pipeline, config, &source, response, force))
        .buffer_unordered(config.pipeline.workers.max(1));
    futures::pin_mut!(outcomes);
    while let Some(outcome) = outcomes.next().await {
        summary.warc_responses += 1;
        match outcome? {
            WarcOutcome::Skipped => summary.warc_skipped += 1,
            WarcOutcome::Read => summary.entries += 1,
        }
    }
    reading
        .await
        .context("the WARC reader stopped")?
        .with_context(|| format!("{}", file.display()))?;
    Ok(())
}

/// Before a one-off run (`--once`, `ingest`) exits: sends the queued
/// alerts that are due, for up to ten seconds; what is left (a sink that
/// is down) stays queued for the next start.
async fn send_queued_alerts(pipeline: &Pipeline) {
    if !pipeline.has_sinks() {
        return;
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        match pipeline.deliver_due().await {
            Ok(0) => break,
            Ok(_) => {}
            Err(error) => {
                warn!(error = %format!("{error:#}"), "delivering alerts failed; they stay queued");
                break;
            }
        }
    }
}

/// What became of one WARC response.
enum WarcOutcome {
    /// No page to read (another status, or not HTML).
    Skipped,
    /// Published, unchanged, or dead-lettered as giving no article.
    Read,
}

async fn ingest_warc_response(
    pipeline: &Pipeline,
    config: &Config,
    source: &ticker_model::SourceRef,
    response: warc::Response,
    force: bool,
) -> anyhow::Result<WarcOutcome> {
    if !response.is_page() {
        return Ok(WarcOutcome::Skipped);
    }
    let meta = ticker_normalize::InputMeta {
        url: Some(response.url.clone()),
        source: source.clone(),
        content_type: response.content_type.clone(),
        fetched_at: response.fetched_at.unwrap_or_else(chrono::Utc::now),
        feed_title: None,
        feed_published: None,
    };
    let rules = config.site_rules(&response.url);
    match ticker_normalize::normalize_html_with(&response.body, &meta, rules.as_ref()) {
        Ok(article) => {
            pipeline.publish_article(article, None, force).await?;
        }
        Err(error) => {
            let payload = response.body[..response.body.len().min(64 * 1024)].to_vec();
            pipeline
                .dead_letter(
                    ticker_kafka::Stage::Normalize,
                    &error.to_string(),
                    &response.url,
                    payload,
                    None,
                )
                .await?;
        }
    }
    Ok(WarcOutcome::Read)
}

/// Runs `work`, turning a panic into its message.
async fn guarded<T>(work: impl std::future::Future<Output = T>) -> Result<T, String> {
    use futures::FutureExt as _;
    std::panic::AssertUnwindSafe(work)
        .catch_unwind()
        .await
        .map_err(|panic| stages::panic_message(panic.as_ref()))
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
    /// HTTP responses read from WARC files.
    pub warc_responses: usize,
    /// Of those, the ones that were no page to read (another status, or
    /// not HTML): skipped.
    pub warc_skipped: usize,
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
    ingest_with_kind(config, paths, url, force, None).await
}

/// [`ingest`] with the kind of URL inputs given (`None`: told by what
/// each serves).
pub async fn ingest_with_kind(
    config: Config,
    paths: &[PathBuf],
    url: Option<&str>,
    force: bool,
    kind: Option<config::SourceType>,
) -> anyhow::Result<IngestSummary> {
    ingest_with(config, paths, url, force, kind, &|_, _| {}).await
}

/// [`ingest_with_kind`], telling `progress` after each input (URL or file
/// found under the paths) how many are done and how many there are.
pub async fn ingest_with(
    config: Config,
    paths: &[PathBuf],
    url: Option<&str>,
    force: bool,
    kind: Option<config::SourceType>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> anyhow::Result<IngestSummary> {
    let pipeline = Arc::new(Pipeline::new(&config).context("cannot start the pipeline")?);
    let (_never, shutdown) = watch::channel(false);
    pipeline.ensure_topics_with_retry(shutdown.clone()).await?;
    let (urls, paths): (Vec<&PathBuf>, Vec<&PathBuf>) = paths.iter().partition(|path| {
        let text = path.to_string_lossy();
        text.starts_with("http://") || text.starts_with("https://")
    });
    let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
    let files = inputs::expand(&paths).map_err(anyhow::Error::from)?;
    let mut summary = IngestSummary::default();
    let inputs_total = urls.len() + files.len();
    let mut inputs_done = 0;
    for source_url in urls {
        let source_url = source_url.to_string_lossy().into_owned();
        let kind = match kind {
            None => stages::detect_kind(&pipeline, &source_url).await?,
            Some(given) => given,
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
        info!(url = %ticker_fetch::redact_url(&source.url), kind = %source.kind, "ingesting a source once");
        let before = pipeline.metrics.snapshot();
        let (sender, receiver) = mpsc::channel::<WorkItem>(config.pipeline.queue_capacity);
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
            stages::Queue {
                sender,
                in_flight: in_flight.clone(),
            },
            stages::PollPlan {
                schedule,
                once: true,
            },
            shutdown.clone(),
        );
        // The same worker as `run`'s, one of it.
        let work = worker(
            pipeline.clone(),
            Arc::new(tokio::sync::Mutex::new(receiver)),
            in_flight.clone(),
            shutdown.clone(),
        );
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
            anyhow::bail!("{}: {error}", ticker_fetch::redact_url(&source.url));
        }
        summary.sources += 1;
        summary.entries +=
            (pipeline.metrics.snapshot().entries_queued - before.entries_queued) as usize;
        inputs_done += 1;
        progress(inputs_done, inputs_total);
    }
    let mut plain_files = Vec::new();
    for file in files {
        if warc::is_warc(&file) {
            ingest_warc(&pipeline, &config, &file, force, &mut summary).await?;
            inputs_done += 1;
            progress(inputs_done, inputs_total);
            continue;
        }
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
                    // (Its delivery, if any, is settled before the summary.)
                    let _open = pipeline
                        .process_item(WorkItem {
                            source_id: format!(
                                "file-{}",
                                ticker_model::short_id([file.display().to_string()])
                            ),
                            source: source_ref.clone(),
                            entry,
                            discovered: std::time::Instant::now(),
                        })
                        .await;
                }
                inputs_done += 1;
                progress(inputs_done, inputs_total);
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
        inputs_done += 1;
        progress(inputs_done, inputs_total);
    }
    // Deliveries the workers handed off are counted once settled.
    pipeline.settle_deliveries().await;
    pipeline
        .publisher
        .flush(Duration::from_secs(10))
        .context("flushing the producer")?;
    send_queued_alerts(&pipeline).await;
    // Files, saved sources and URLs alike publish through the same stages,
    // which count what they did.
    let totals = pipeline.metrics.snapshot();
    summary.published = totals.articles_published as usize;
    summary.unchanged = totals.articles_unchanged as usize;
    summary.dead_letters = totals.deadletters as usize;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panicking_entry_is_caught_with_its_message() {
        assert_eq!(guarded(async {}).await, Ok(()));
        let caught = guarded(async {
            let index: usize = "5".parse().unwrap();
            let _ = [1, 2, 3][index];
        })
        .await;
        assert!(caught.unwrap_err().contains("index out of bounds"));
    }

    fn item(link: &str) -> WorkItem {
        WorkItem {
            source_id: "feed".to_string(),
            source: ticker_model::SourceRef {
                id: "feed".to_string(),
                kind: ticker_model::SourceKind::Feed,
                url: "https://news.example/feed".to_string(),
            },
            entry: ticker_fetch::FeedEntry {
                id: link.to_string(),
                link: link.to_string(),
                title: None,
                summary: None,
                published: None,
                updated: None,
                authors: Vec::new(),
            },
            discovered: std::time::Instant::now(),
        }
    }

    /// A closed queue holding entries, each in flight, and its counters.
    struct Queued {
        receiver: Arc<tokio::sync::Mutex<mpsc::Receiver<WorkItem>>>,
        in_flight: Arc<Mutex<HashSet<String>>>,
        metrics: Metrics,
    }

    impl Queued {
        /// The entries of `links`.
        async fn of(links: &[&str]) -> Queued {
            let (sender, receiver) = mpsc::channel(10);
            let in_flight: Arc<Mutex<HashSet<String>>> = Arc::default();
            let metrics = Metrics::default();
            for link in links {
                let item = item(link);
                in_flight.lock().unwrap().insert(item.in_flight_key());
                metrics.queue_depth.inc();
                sender.send(item).await.unwrap();
            }
            Queued {
                receiver: Arc::new(tokio::sync::Mutex::new(receiver)),
                in_flight,
                metrics,
            }
        }

        /// Runs [`work_loop`] over the queue until it is empty.
        async fn work<P, PF, D, DF>(&self, process: P, on_panic: D)
        where
            P: Fn(WorkItem) -> PF,
            PF: std::future::Future<Output = Option<stages::OpenDelivery>>,
            D: Fn(WorkItem, String) -> DF,
            DF: std::future::Future<Output = ()>,
        {
            let (_trigger, shutdown) = watch::channel(false);
            work_loop(
                self.receiver.clone(),
                self.in_flight.clone(),
                shutdown,
                &self.metrics,
                process,
                on_panic,
            )
            .await;
        }
    }

    #[tokio::test]
    async fn a_panicking_entry_becomes_a_dead_letter_and_the_others_go_on() {
        let queue = Queued::of(&[
            "https://a.example/1",
            "https://a.example/boom",
            "https://a.example/3",
        ])
        .await;
        let (in_flight, metrics) = (&queue.in_flight, &queue.metrics);
        let processed = Mutex::new(Vec::new());
        let dead = Mutex::new(Vec::new());
        queue
            .work(
                |item: WorkItem| {
                    let processed = &processed;
                    async move {
                        assert!(!item.entry.link.ends_with("boom"), "the extractor tripped");
                        processed.lock().unwrap().push(item.entry.link);
                        None
                    }
                },
                |item: WorkItem, message: String| {
                    let dead = &dead;
                    async move { dead.lock().unwrap().push((item.entry.link, message)) }
                },
            )
            .await;
        assert_eq!(
            *processed.lock().unwrap(),
            ["https://a.example/1", "https://a.example/3"]
        );
        let dead = dead.lock().unwrap();
        assert_eq!(dead.len(), 1);
        assert_eq!(dead[0].0, "https://a.example/boom");
        assert!(dead[0].1.contains("the extractor tripped"), "{}", dead[0].1);
        assert!(in_flight.lock().unwrap().is_empty());
        assert_eq!(metrics.snapshot().panics, 1);
        assert_eq!(metrics.queue_depth.get(), 0);
        assert_eq!(metrics.in_flight.get(), 0);
    }

    #[tokio::test]
    async fn a_worker_goes_on_while_its_delivery_waits_and_the_entry_stays_in_flight_until_settled()
    {
        let queue = Queued::of(&["https://a.example/1", "https://a.example/2"]).await;
        let in_flight = &queue.in_flight;
        // The first entry's delivery waits for an acknowledgement that
        // comes only after the loop has taken the second entry.
        let (acknowledge, acknowledged) = tokio::sync::oneshot::channel::<()>();
        let acknowledged = Mutex::new(Some(acknowledged));
        let processed = Mutex::new(Vec::new());
        queue
            .work(
                |item: WorkItem| {
                    let processed = &processed;
                    let waiting = acknowledged.lock().unwrap().take();
                    async move {
                        processed.lock().unwrap().push(item.entry.link);
                        waiting.map(|waiting| {
                            tokio::spawn(async move {
                                let _ = waiting.await;
                            })
                        })
                    }
                },
                |_: WorkItem, _: String| async {},
            )
            .await;
        assert_eq!(
            *processed.lock().unwrap(),
            ["https://a.example/1", "https://a.example/2"],
            "the loop took the second entry while the first one's delivery was open"
        );
        let first = item("https://a.example/1").in_flight_key();
        assert_eq!(
            in_flight.lock().unwrap().iter().collect::<Vec<_>>(),
            [&first],
            "the open delivery keeps its entry in flight; the other one is gone"
        );
        acknowledge.send(()).unwrap();
        for _ in 0..100 {
            if in_flight.lock().unwrap().is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert!(in_flight.lock().unwrap().is_empty(), "settled, it leaves");
    }

    #[test]
    fn more_than_five_restarts_a_minute_stop_the_pipeline() {
        let metrics = Metrics::default();
        let mut restarts = Restarts::default();
        for _ in 0..Restarts::LIMIT {
            assert_eq!(restarts.note(&metrics), Ok(()));
        }
        let error = restarts.note(&metrics).unwrap_err();
        assert!(error.contains("died 6 times within 60 s"), "{error}");
        assert_eq!(metrics.snapshot().restarts, 6);
        // Restarts older than the window no longer count.
        let mut restarts = Restarts(
            std::iter::repeat_n(
                std::time::Instant::now() - Restarts::WINDOW - Duration::from_secs(1),
                10,
            )
            .collect(),
        );
        assert_eq!(restarts.note(&metrics), Ok(()));
    }
}
