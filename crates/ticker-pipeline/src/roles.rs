//! Roles of a scaled-out deployment, joined by Kafka topics
//! (`ticker run --role fetch|process|stories|notify`; `all`, the default, is the
//! single process of [`crate::run`]):
//!
//! ```text
//! fetch ──ticker.pages──► process (consumer group, N) ──ticker.processed──► stories (1 active, standbys)
//!                                                          (one partition)      │ public topics
//!                                                                               ├ ticker.story-state (compacted)
//!                                                                               └ ticker.deliveries ──► notify (consumer group) ──► sinks
//! ```
//!
//! - **fetch** polls the sources and fetches pages like the single process,
//!   but publishes each page to `ticker.pages` (keyed by its link) and marks
//!   the entry done when Kafka acknowledged it.
//! - **process** is a consumer group on `ticker.pages`: normalize and
//!   extract, publish to `ticker.processed`, commit the page's offset after
//!   the acknowledgement. It keeps no state, so it scales by adding
//!   processes (up to the partitions of `ticker.pages`).
//! - **stories** is a consumer group on `ticker.processed`, which has one
//!   partition: one member owns the story index, the others stand by and
//!   take over on a rebalance. It decides revisions (same text: nothing
//!   published), assigns stories, and publishes every public record; once
//!   Kafka acknowledged them, the changed state (`story/<id>`,
//!   `article/<id>` in the compacted `ticker.story-state`); then it
//!   commits. A process that gains the partition restores the state from
//!   that topic first. It assigns in the order the pages entered
//!   `ticker.pages`, whatever order the process members finish them in
//!   (`order`).
//! - **notify** is a consumer group on `ticker.deliveries` (what the
//!   stories role routes to `[[sinks]]` by `[[watches]]`): it sends each
//!   delivery with retries and back-off, side by side, and commits a
//!   partition up to the first delivery still under way.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use chrono::Utc;
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext, StreamConsumer};
use rdkafka::message::{BorrowedMessage, Message};
use rdkafka::{Offset, TopicPartitionList};
use ticker_kafka::{DeadLetter, Outgoing, Publisher, Stage as DeadLetterStage};
use ticker_model::{Page, PagePosition, Processed, Record, Topic};
use ticker_stories::{Stories, StoryState};
use tokio::sync::watch;
use tracing::{debug, info, warn};

mod order;

use crate::metrics::{Metrics, Summary};
use crate::state::ArticleState;
use crate::Config;

/// Which part of the pipeline a process runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Role {
    /// Everything in one process (the default).
    #[default]
    All,
    /// Poll sources, fetch pages, publish them to `ticker.pages`.
    Fetch,
    /// Normalize and extract pages from `ticker.pages`.
    Process,
    /// Assign stories and publish the public records.
    Stories,
    /// Send the alerts that `[[watches]]` route to `[[sinks]]`.
    Notify,
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "all" => Ok(Role::All),
            "fetch" => Ok(Role::Fetch),
            "process" => Ok(Role::Process),
            "stories" => Ok(Role::Stories),
            "notify" => Ok(Role::Notify),
            other => Err(format!(
                "unknown role {other:?}: use all, fetch, process, stories or notify"
            )),
        }
    }
}

impl Role {
    /// The role's name as written in `--role`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::All => "all",
            Role::Fetch => "fetch",
            Role::Process => "process",
            Role::Stories => "stories",
            Role::Notify => "notify",
        }
    }
}

fn publisher(config: &Config) -> anyhow::Result<Publisher> {
    Ok(Publisher::new(config.kafka.publisher_config()?)?)
}

/// Creates the public and the internal topics when missing, waiting for a
/// broker that is not up yet.
pub async fn ensure_role_topics(
    config: &Config,
    shutdown: &watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let topics: Vec<Topic> = Topic::ALL.into_iter().chain(Topic::INTERNAL).collect();
    crate::stages::ensure_topics_with_retry(
        &config.kafka.topic_settings()?,
        &topics,
        shutdown.clone(),
    )
    .await
}

/// A page body as the pages topic carries it: gzip (pages shrink five to
/// ten times, so a large page stays under the broker's message size), then
/// base64.
pub(crate) fn page_body(body: &[u8]) -> String {
    use base64::Engine as _;
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 4),
        flate2::Compression::fast(),
    );
    let _ = encoder.write_all(body);
    base64::engine::general_purpose::STANDARD.encode(encoder.finish().unwrap_or_default())
}

/// What `ticker ingest --distributed` did.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct DistributedSummary {
    /// WARC files read.
    pub files: usize,
    /// HTTP responses in them.
    pub responses: usize,
    /// Pages published to `ticker.pages` for the process group.
    pub pages: usize,
    /// Responses that are not pages (another status, not HTML).
    pub skipped: usize,
}

/// `ticker ingest --distributed`: the HTML responses (status 200) of WARC
/// files as page records in `ticker.pages`, where the process group shares
/// them out: N process instances share one backfill, and no process needs
/// the files. `progress(pages published, files done, files)` after each
/// batch.
pub async fn publish_warc_pages(
    config: &Config,
    files: &[std::path::PathBuf],
    progress: &(dyn Fn(usize, usize, usize) + Sync),
) -> anyhow::Result<DistributedSummary> {
    let (_stop, shutdown) = watch::channel(false);
    ensure_role_topics(config, &shutdown).await?;
    let publisher = publisher(config)?;
    let metrics = Metrics::new();
    let mut summary = DistributedSummary::default();
    for (done, file) in files.iter().enumerate() {
        let (sender, mut receiver) = tokio::sync::mpsc::channel::<crate::warc::Response>(64);
        let path = file.clone();
        let reading = tokio::task::spawn_blocking(move || {
            crate::warc::read_responses(&path, |response| {
                let _ = sender.blocking_send(response);
            })
        });
        let source = ticker_model::SourceRef {
            id: "warc".to_string(),
            kind: ticker_model::SourceKind::File,
            url: file.display().to_string(),
        };
        let mut batch = Vec::new();
        loop {
            let next = receiver.recv().await;
            if let Some(response) = &next {
                summary.responses += 1;
                if !response.is_page() {
                    summary.skipped += 1;
                } else {
                    let page = Page {
                        schema: Page::SCHEMA.to_string(),
                        page_id: ticker_model::short_id([response.url.as_str()]),
                        url: response.url.clone(),
                        final_url: response.url.clone(),
                        content_type: response.content_type.clone(),
                        body: page_body(&response.body),
                        source: source.clone(),
                        entry_title: None,
                        entry_published: None,
                        fetched_at: response.fetched_at.unwrap_or_else(Utc::now),
                    };
                    batch.push(Outgoing::from_record(&page)?);
                }
            }
            if batch.len() >= 64 || (next.is_none() && !batch.is_empty()) {
                let count = batch.len();
                if !publish_until_delivered(
                    &publisher,
                    std::mem::take(&mut batch),
                    &metrics,
                    &shutdown,
                )
                .await
                {
                    anyhow::bail!("pages of {} not acknowledged", file.display());
                }
                summary.pages += count;
                progress(summary.pages, done, files.len());
            }
            if next.is_none() {
                break;
            }
        }
        reading
            .await
            .context("the WARC reader stopped")?
            .with_context(|| format!("{}", file.display()))?;
        summary.files += 1;
        progress(summary.pages, done + 1, files.len());
    }
    Ok(summary)
}

fn consumer(config: &Config, group: &str, topic: Topic) -> anyhow::Result<StreamConsumer> {
    let properties = config.kafka.resolved_properties()?;
    let consumer: StreamConsumer = ticker_kafka::client_config(&config.kafka.brokers, &properties)
        .set("group.id", format!("{}{group}", config.kafka.topic_prefix))
        .set("enable.auto.commit", "false")
        .set("enable.auto.offset.store", "false")
        .set("auto.offset.reset", "earliest")
        .set("enable.partition.eof", "false")
        // A fetch that finds nothing new waits at most this long: tansu
        // (0.6) answers a waiting fetch only when its wait is over, not
        // when a record comes, so librdkafka's 500 ms was the latency of
        // every hop between roles.
        .set("fetch.wait.max.ms", FETCH_WAIT_MS)
        // A dead member's partitions move within seconds.
        .set(
            "session.timeout.ms",
            SESSION_TIMEOUT.as_millis().to_string(),
        )
        .set(
            "heartbeat.interval.ms",
            HEARTBEAT_INTERVAL.as_millis().to_string(),
        )
        .create()
        .map_err(|error| ticker_kafka::client_error(&config.kafka.brokers, &error, &properties))?;
    consumer.subscribe(&[&topic.name(&config.kafka.topic_prefix)])?;
    Ok(consumer)
}

/// How long a role's fetch from the broker waits for new records (ms).
const FETCH_WAIT_MS: &str = "50";

/// Publishes `batch`, retrying (with back-off) until Kafka acknowledges
/// it or shutdown; returns whether it was delivered.
async fn publish_until_delivered(
    publisher: &Publisher,
    batch: Vec<Outgoing>,
    metrics: &Metrics,
    shutdown: &watch::Receiver<bool>,
) -> bool {
    let mut delay = Duration::from_millis(500);
    loop {
        match publisher.publish_batch(&batch).await {
            Ok(()) => {
                Metrics::add(&metrics.records_published, batch.len() as u64);
                return true;
            }
            Err(error) => {
                Metrics::add(&metrics.publish_errors, 1);
                if *shutdown.borrow() {
                    return false;
                }
                warn!(%error, "not acknowledged by Kafka; retrying (the input's offset is not committed)");
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(Duration::from_secs(10));
            }
        }
    }
}

/// The consumer groups' session timeout and heartbeat interval: a member
/// that stops heartbeating leaves the group this long after its last
/// heartbeat.
pub(crate) const SESSION_TIMEOUT: Duration = Duration::from_secs(6);
pub(crate) const HEARTBEAT_INTERVAL: Duration = Duration::from_secs(1);

/// How long a partition may hold waiting work with no commit before an
/// idle member asks the group to rebalance.
const STALL: Duration = Duration::from_secs(5);

/// How often an idle member looks (and how long a stories member waits
/// for a record before it looks).
const STALL_CHECK: Duration = Duration::from_millis(500);

/// How soon an idle member asks again when the partition still makes no
/// progress after its rejoin. A rejoin that comes before the broker has
/// dropped the dead member (up to [`SESSION_TIMEOUT`] after its last
/// heartbeat) can leave the partition with it; waiting a whole [`STALL`]
/// again made such takeovers 11 s instead of 6.5.
const STALL_AGAIN: Duration = Duration::from_secs(1);

/// Watches the group's progress from an idle member. Kafka moves a dead
/// member's partitions when its session times out; tansu (0.6) drops the
/// member but does not tell the others to rejoin, so an idle member that
/// sees a partition with waiting records and no commit for [`STALL`]
/// rejoins the group, which makes the broker assign that partition again.
/// With a broker that rebalances by itself this never fires.
pub(crate) struct StallWatch {
    topic: String,
    partitions: Vec<i32>,
    seen: HashMap<i32, (i64, std::time::Instant)>,
    checked: Option<std::time::Instant>,
}

impl StallWatch {
    pub(crate) fn new(config: &Config, topic: Topic) -> StallWatch {
        StallWatch {
            topic: topic.name(&config.kafka.topic_prefix),
            partitions: Vec::new(),
            seen: HashMap::new(),
            checked: None,
        }
    }

    /// Whether some partition stalled (checked at most every [`STALL_CHECK`]).
    pub(crate) fn stalled<X: ConsumerContext, C: Consumer<X>>(&mut self, consumer: &C) -> bool {
        self.stalled_except(consumer, &std::collections::HashSet::new())
    }

    /// [`StallWatch::stalled`], looking only at partitions not in `own`
    /// (those this member holds: their owner is alive).
    pub(crate) fn stalled_except<X: ConsumerContext, C: Consumer<X>>(
        &mut self,
        consumer: &C,
        own: &std::collections::HashSet<i32>,
    ) -> bool {
        if self.checked.is_some_and(|at| at.elapsed() < STALL_CHECK) {
            return false;
        }
        self.checked = Some(std::time::Instant::now());
        let timeout = Duration::from_secs(2);
        if self.partitions.is_empty() {
            self.partitions = partitions_of(consumer, &self.topic).unwrap_or_default();
        }
        let mut list = TopicPartitionList::new();
        for partition in self.partitions.iter().filter(|p| !own.contains(p)) {
            list.add_partition(&self.topic, *partition);
        }
        if list.count() == 0 {
            return false;
        }
        let Ok(committed) = consumer.committed_offsets(list, timeout) else {
            return false;
        };
        let now = std::time::Instant::now();
        let mut stalled = false;
        for element in committed.elements() {
            let partition = element.partition();
            let offset = match element.offset() {
                Offset::Offset(offset) => offset,
                _ => 0,
            };
            let Ok((_, high)) = consumer.fetch_watermarks(&self.topic, partition, timeout) else {
                continue;
            };
            let entry = self.seen.entry(partition).or_insert((offset, now));
            if entry.0 != offset || high <= offset {
                *entry = (offset, now);
            } else if now.duration_since(entry.1) > STALL {
                stalled = true;
                // Still no progress after the rejoin: ask again soon.
                *entry = (offset, now.checked_sub(STALL - STALL_AGAIN).unwrap_or(now));
            }
        }
        stalled
    }
}

/// The partitions of `topic`, as the broker's metadata lists them.
pub(crate) fn partitions_of<X: ConsumerContext, C: Consumer<X>>(
    consumer: &C,
    topic: &str,
) -> Option<Vec<i32>> {
    let metadata = consumer
        .fetch_metadata(Some(topic), Duration::from_secs(2))
        .ok()?;
    Some(
        metadata
            .topics()
            .iter()
            .flat_map(|topic| topic.partitions().iter().map(|p| p.id()))
            .collect(),
    )
}

/// Leaves and joins the group again, so the broker assigns anew.
pub(crate) fn rejoin<X: ConsumerContext, C: Consumer<X>>(consumer: &C, topic: &str) {
    consumer.unsubscribe();
    if let Err(error) = consumer.subscribe(&[topic]) {
        warn!(%error, "cannot join the group again");
    }
}

fn commit(consumer: &StreamConsumer, message: &BorrowedMessage<'_>) {
    if let Err(error) = consumer.commit_message(message, CommitMode::Async) {
        warn!(%error, "cannot commit the offset; the record may be processed again");
    }
}

/// What the process and stories roles start with: their operations
/// listener, the topics, and a publisher.
async fn role_start(
    config: &Config,
    shutdown: &watch::Receiver<bool>,
) -> anyhow::Result<(Arc<Metrics>, Publisher)> {
    let metrics = Arc::new(Metrics::new());
    crate::start_operations(
        config,
        metrics.clone(),
        Arc::new(|| "{}".to_string()),
        shutdown,
    )
    .await?;
    ensure_role_topics(config, shutdown).await?;
    Ok((metrics, publisher(config)?))
}

/// The process role: `pipeline.workers` members of the consumer group
/// `<prefix>process` on `ticker.pages`, until shutdown.
pub async fn run_process(
    config: Config,
    shutdown: watch::Receiver<bool>,
) -> anyhow::Result<Summary> {
    let (metrics, publisher) = role_start(&config, &shutdown).await?;
    let publisher = Arc::new(publisher);
    let extractor = config.extractor()?;
    let config = Arc::new(config);
    let mut members = Vec::new();
    for member in 0..config.pipeline.workers.max(1) {
        let consumer = consumer(&config, "process", Topic::Pages)?;
        let (publisher, metrics, config, extractor, shutdown) = (
            publisher.clone(),
            metrics.clone(),
            config.clone(),
            extractor.clone(),
            shutdown.clone(),
        );
        members.push(tokio::spawn(async move {
            let parts = MemberParts {
                config: &config,
                extractor: &extractor,
                publisher: &publisher,
                metrics: &metrics,
            };
            process_member(member, consumer, parts, shutdown).await
        }));
    }
    metrics.set_ready();
    info!(members = members.len(), "process role: reading pages");
    for member in members {
        member.await.context("a process member stopped")??;
    }
    Ok(metrics.snapshot())
}

/// What a process member shares with the others.
struct MemberParts<'a> {
    config: &'a Config,
    extractor: &'a ticker_extract::Extractor,
    publisher: &'a Publisher,
    metrics: &'a Metrics,
}

async fn process_member(
    member: usize,
    consumer: StreamConsumer,
    parts: MemberParts<'_>,
    mut shutdown: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let MemberParts {
        config,
        extractor,
        publisher,
        metrics,
    } = parts;
    use base64::Engine as _;
    let mut watch = StallWatch::new(config, Topic::Pages);
    loop {
        let message = tokio::select! {
            message = tokio::time::timeout(Duration::from_secs(1), consumer.recv()) => message,
            _ = shutdown.wait_for(|stop| *stop) => return Ok(()),
        };
        let Ok(message) = message else {
            if watch.stalled(&consumer) {
                warn!(member, "a partition of the pages topic has waiting pages and no progress; joining the group again");
                rejoin(&consumer, &watch.topic);
            }
            continue;
        };
        let message = match message {
            Ok(message) => message,
            Err(error) => {
                warn!(member, %error, "cannot read pages (retrying)");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        let page: Result<Page, String> =
            serde_json::from_slice(message.payload().unwrap_or_default())
                .map_err(|error| format!("not a page record: {error}"));
        let outcome = page.and_then(|page| {
            let packed = base64::engine::general_purpose::STANDARD
                .decode(page.body.as_bytes())
                .map_err(|error| format!("page body is not base64: {error}"))?;
            let mut body = Vec::with_capacity(packed.len() * 4);
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&packed[..]), &mut body)
                .map_err(|error| format!("page body is not gzip: {error}"))?;
            Ok((page, body))
        });
        let batch = match outcome {
            Err(reason) => vec![DeadLetter {
                stage: DeadLetterStage::Normalize,
                error: reason,
                input: format!(
                    "{}:{}@{}",
                    message.topic(),
                    message.partition(),
                    message.offset()
                ),
                payload: Vec::new(),
            }
            .into_outgoing()],
            Ok((page, body)) => {
                let position = PagePosition {
                    partition: message.partition(),
                    offset: message.offset(),
                    time: message.timestamp().to_millis(),
                };
                process_page(config, extractor, &page, position, &body, metrics)
            }
        };
        if !publish_until_delivered(publisher, batch, metrics, &shutdown).await {
            return Ok(());
        }
        commit(&consumer, &message);
        metrics.progress();
    }
}

/// Normalizes and extracts one page: its `processed` record, or a dead
/// letter.
fn process_page(
    config: &Config,
    extractor: &ticker_extract::Extractor,
    page: &Page,
    position: PagePosition,
    body: &[u8],
    metrics: &Metrics,
) -> Vec<Outgoing> {
    let meta = ticker_normalize::InputMeta {
        url: Some(page.final_url.clone()),
        source: page.source.clone(),
        content_type: page.content_type.clone(),
        fetched_at: page.fetched_at,
        feed_title: page.entry_title.clone(),
        feed_published: page.entry_published,
    };
    let started = std::time::Instant::now();
    let rules = config.site_rules(&page.final_url);
    let letter = |stage: DeadLetterStage, error: String, payload: Vec<u8>| {
        Metrics::add(&metrics.deadletters, 1);
        vec![DeadLetter {
            stage,
            error,
            input: page.url.clone(),
            payload,
        }
        .into_outgoing()]
    };
    let article = match crate::stages::catch_panic(|| {
        ticker_normalize::normalize_html_with(body, &meta, rules.as_ref())
    }) {
        Ok(Ok(article)) => article,
        Ok(Err(error)) => {
            warn!(url = %page.url, %error, "page does not normalize; dead letter");
            return letter(
                DeadLetterStage::Normalize,
                error.to_string(),
                body[..body.len().min(crate::stages::DEAD_LETTER_PAYLOAD_LIMIT)].to_vec(),
            );
        }
        Err(message) => {
            return letter(
                DeadLetterStage::Panic,
                format!("normalizing panicked: {message}"),
                Vec::new(),
            )
        }
    };
    metrics.observe(crate::metrics::Stage::Normalize, started);
    let started = std::time::Instant::now();
    let extraction = match crate::stages::catch_panic(|| extractor.extract(&article)) {
        Ok(extraction) => extraction,
        Err(message) => {
            return letter(
                DeadLetterStage::Panic,
                format!("extraction panicked: {message}"),
                Vec::new(),
            )
        }
    };
    metrics.observe(crate::metrics::Stage::Extract, started);
    let processed = Processed {
        schema: Processed::SCHEMA.to_string(),
        article,
        extraction,
        page: Some(position),
    };
    match Outgoing::from_record(&processed) {
        Ok(record) => vec![record],
        Err(error) => letter(DeadLetterStage::Panic, error.to_string(), Vec::new()),
    }
}

/// The stories role's state: the story index and each article's latest
/// revision.
struct StoriesState {
    stories: Stories,
    articles: HashMap<String, ArticleState>,
}

/// Reads `ticker.story-state` from its start to its end.
fn restore(config: &Config) -> anyhow::Result<StoriesState> {
    let properties = config.kafka.resolved_properties()?;
    let topic = Topic::StoryState.name(&config.kafka.topic_prefix);
    let reader: BaseConsumer = ticker_kafka::client_config(&config.kafka.brokers, &properties)
        .set(
            "group.id",
            format!("{}stories-restore", config.kafka.topic_prefix),
        )
        .set("enable.auto.commit", "false")
        .set("enable.partition.eof", "false")
        .create()
        .map_err(|error| ticker_kafka::client_error(&config.kafka.brokers, &error, &properties))?;
    let timeout = Duration::from_secs(10);
    let (low, high) = reader
        .fetch_watermarks(&topic, 0, timeout)
        .with_context(|| format!("offsets of {topic}"))?;
    let mut states: HashMap<String, StoryState> = HashMap::new();
    let mut articles: HashMap<String, ArticleState> = HashMap::new();
    if high > low {
        let mut assignment = TopicPartitionList::new();
        assignment.add_partition_offset(&topic, 0, Offset::Offset(low))?;
        reader.assign(&assignment)?;
        let deadline = std::time::Instant::now() + Duration::from_secs(120);
        let mut next = low;
        while next < high {
            anyhow::ensure!(
                std::time::Instant::now() < deadline,
                "restoring from {topic}: read {next} of {high}"
            );
            let Some(message) = reader.poll(Duration::from_millis(500)) else {
                continue;
            };
            let message = message?;
            next = message.offset() + 1;
            let key = String::from_utf8_lossy(message.key().unwrap_or_default()).into_owned();
            let payload = message.payload();
            if let Some(id) = key.strip_prefix("story/") {
                apply_state(&mut states, id, payload);
            } else if let Some(id) = key.strip_prefix("article/") {
                apply_state(&mut articles, id, payload);
            }
        }
    }
    let mut stories = Stories::new(config.stories.clone());
    let count = states.len();
    stories.restore(states.into_values());
    info!(
        stories = count,
        articles = articles.len(),
        "stories role: state restored"
    );
    Ok(StoriesState { stories, articles })
}

/// One record of the state topic: the latest value of its key, or its
/// removal (a tombstone).
fn apply_state<T: serde::de::DeserializeOwned>(
    map: &mut HashMap<String, T>,
    id: &str,
    payload: Option<&[u8]>,
) {
    match payload.map(serde_json::from_slice::<T>) {
        Some(Ok(state)) => {
            map.insert(id.to_string(), state);
        }
        Some(Err(error)) => warn!(%id, %error, "unreadable state record; skipped"),
        None => {
            map.remove(id);
        }
    }
}

/// The deliveries the assignment's alerts make under `[[watches]]`, as
/// records of `ticker.deliveries` for the notify role (keyed
/// `<sink>/<alert id>`). They travel with the public records, so an alert
/// whose records Kafka acknowledged has its deliveries on record too.
fn delivery_records(
    config: &Config,
    article: &ticker_model::Article,
    assignment: &ticker_stories::Assignment,
) -> Vec<Outgoing> {
    crate::notify::article_deliveries(
        &config.watches,
        |id| {
            config
                .sinks
                .iter()
                .find(|sink| sink.id == id)
                .map(|sink| sink.kind)
        },
        article,
        assignment,
        Utc::now().timestamp_millis(),
    )
    .into_iter()
    .filter_map(|delivery| {
        let key = format!("{}/{}", delivery.sink, delivery.alert_id);
        Some(Outgoing {
            topic: Topic::Deliveries,
            ce_id: ticker_model::short_id([key.as_str(), "delivery"]),
            payload: serde_json::to_vec(&delivery).ok()?,
            key,
            ce_type: "ticker.delivery.v1",
            headers: Vec::new(),
        })
    })
    .collect()
}

fn state_record(key: String, payload: Vec<u8>) -> Outgoing {
    Outgoing {
        topic: Topic::StoryState,
        ce_id: ticker_model::short_id([key.as_str(), &String::from_utf8_lossy(&payload)]),
        key,
        payload,
        ce_type: "ticker.story-state.v1",
        headers: Vec::new(),
    }
}

/// The stories role: a member of the consumer group `<prefix>stories` on
/// the one partition of `ticker.processed`, until shutdown. While another
/// member holds the partition it stands by.
pub async fn run_stories(
    config: Config,
    shutdown: watch::Receiver<bool>,
) -> anyhow::Result<Summary> {
    let (metrics, publisher) = role_start(&config, &shutdown).await?;
    let extractor = config.extractor()?;
    let consumer = consumer(&config, "stories", Topic::Processed)?;
    let mut pages = order::PagesProgress::new(&config)?;
    metrics.set_ready();
    let mut shutdown = shutdown;
    let mut state: Option<StoriesState> = None;
    let mut arrivals = order::Arrivals::default();
    let mut watch = StallWatch::new(&config, Topic::Processed);
    let mut owner = OwnerWatch::new(&config);
    let processed_topic = Topic::Processed.name(&config.kafka.topic_prefix);
    // The offset this owner committed last (commits only when it moves).
    let mut committed: Option<i64> = None;
    // When this owner last showed that it lives (a state record).
    let mut shown = std::time::Instant::now();
    info!("stories role: waiting for the partition of the processed topic (active or standby)");
    loop {
        // While articles wait for earlier pages, look again soon.
        let wait = if arrivals.is_empty() {
            STALL_CHECK
        } else {
            order::ORDER_CHECK
        };
        let message = tokio::select! {
            message = tokio::time::timeout(wait, consumer.recv()) => message,
            _ = shutdown.wait_for(|stop| *stop) => return Ok(metrics.snapshot()),
        };
        // A member that lost the partition restores again when it gets it
        // back: another member may have moved the stories meanwhile.
        let holds = consumer
            .assignment()
            .map(|list| list.count() > 0)
            .unwrap_or(false);
        if !holds && state.is_some() {
            info!("stories role: partition revoked; standing by");
            state = None;
            arrivals.clear();
            committed = None;
        }
        match message {
            Err(_) if state.is_none() => {
                if holds {
                    continue;
                }
                owner.observe(&consumer);
                if watch.stalled(&consumer) && !owner.alive() {
                    warn!("the processed topic has waiting articles and no owner making progress; joining the group again to take over");
                    rejoin(&consumer, &watch.topic);
                }
                continue;
            }
            Err(_) => {}
            Ok(Err(error)) => {
                warn!(%error, "cannot read processed articles (retrying)");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
            Ok(Ok(message)) => {
                if state.is_none() {
                    let config = config.clone();
                    state = Some(tokio::task::spawn_blocking(move || restore(&config)).await??);
                    info!("stories role: active");
                }
                // What else is waiting (up to a few hundred records) is
                // read at once: one round trip to the broker for many
                // articles.
                let now = std::time::Instant::now();
                let mut read = 1;
                arrivals.push(parse_processed(&message), message.offset(), now);
                while read < STORIES_BATCH {
                    match tokio::time::timeout(Duration::from_millis(5), consumer.recv()).await {
                        Ok(Ok(more)) => {
                            arrivals.push(parse_processed(&more), more.offset(), now);
                            read += 1;
                        }
                        _ => break,
                    }
                }
            }
        }
        let Some(current) = state.as_mut() else {
            continue;
        };
        // In the order the pages entered `ticker.pages`, as one process
        // would see them: the process members finish in another order,
        // and the clusterer depends on the order.
        let batch = arrivals.release(&mut pages, std::time::Instant::now());
        if batch.is_empty() {
            // Articles wait and nothing is committed: a standby would take
            // this for a dead owner. The state topic moving says otherwise.
            if shown.elapsed() >= OWNER_BEACON {
                let beacon = state_record(
                    "owner".into(),
                    serde_json::json!({ "at": Utc::now().to_rfc3339() })
                        .to_string()
                        .into_bytes(),
                );
                match publisher.publish_batch(&[beacon]).await {
                    Ok(()) => shown = std::time::Instant::now(),
                    Err(error) => debug!(%error, "cannot write the owner's beacon"),
                }
            }
            continue;
        }
        let (mut public, mut changed) = (Vec::new(), Vec::new());
        for processed in batch {
            if let Some((records, state_records)) =
                assign(current, processed, &config, &extractor, &metrics)
            {
                public.extend(records);
                changed.extend(state_records);
            }
        }
        // The public records first, the state they change only once they
        // are all acknowledged: a crash between the two replays the
        // articles (duplicates, never a gap). On shutdown before delivery
        // the state in memory, ahead of the topics, is dropped; the next
        // owner restores from the topic.
        if !publish_until_delivered(&publisher, public, &metrics, &shutdown).await
            || !publish_until_delivered(&publisher, changed, &metrics, &shutdown).await
        {
            return Ok(metrics.snapshot());
        }
        shown = std::time::Instant::now();
        if let Some(offset) = arrivals
            .commit_offset()
            .filter(|&next| committed != Some(next))
        {
            let mut list = TopicPartitionList::new();
            if list
                .add_partition_offset(&processed_topic, 0, Offset::Offset(offset))
                .is_ok()
            {
                match consumer.commit(&list, CommitMode::Async) {
                    Ok(()) => committed = Some(offset),
                    Err(error) => {
                        warn!(%error, "cannot commit the offset; articles may be read again")
                    }
                }
            }
        }
        metrics.progress();
    }
}

/// How often a stories owner that holds articles (waiting for earlier
/// pages) and so commits nothing writes a beacon to `ticker.story-state`.
const OWNER_BEACON: Duration = Duration::from_secs(1);

/// Watches the end of `ticker.story-state` from a standby: an owner that
/// lives writes state or, while it holds articles, a beacon. An owner that
/// commits nothing but whose state topic moved within [`STALL`] is alive
/// and waits for earlier pages; only one whose state topic stood still as
/// well is dead.
struct OwnerWatch {
    topic: String,
    end: Option<(i64, std::time::Instant)>,
}

impl OwnerWatch {
    fn new(config: &Config) -> OwnerWatch {
        OwnerWatch {
            topic: Topic::StoryState.name(&config.kafka.topic_prefix),
            end: None,
        }
    }

    /// Looks at the end of the state topic.
    fn observe<X: ConsumerContext, C: Consumer<X>>(&mut self, consumer: &C) {
        let Ok((_, end)) = consumer.fetch_watermarks(&self.topic, 0, Duration::from_secs(2)) else {
            return;
        };
        if self.end.is_none_or(|(seen, _)| seen != end) {
            self.end = Some((end, std::time::Instant::now()));
        }
    }

    /// Whether the state topic moved within [`STALL`] of the last look
    /// (after a first look that saw it move, it counts as moved then).
    fn alive(&self) -> bool {
        self.end.is_some_and(|(_, at)| at.elapsed() < STALL)
    }
}

/// A record of `ticker.processed`, or `None` (logged) when it is not one.
fn parse_processed(message: &BorrowedMessage<'_>) -> Option<Processed> {
    serde_json::from_slice::<Processed>(message.payload().unwrap_or_default())
        .map_err(
            |error| warn!(%error, offset = message.offset(), "not a processed record; skipped"),
        )
        .ok()
}

/// Most deliveries one notify process has under way at once.
const NOTIFY_IN_FLIGHT: usize = 256;

/// Offsets under way per partition: what may be committed is the lowest
/// offset still under way, or the one after the last started.
#[derive(Default)]
struct OffsetTracker {
    partitions: HashMap<i32, (std::collections::BTreeSet<i64>, i64)>,
}

impl OffsetTracker {
    fn started(&mut self, partition: i32, offset: i64) {
        let (under_way, next) = self.partitions.entry(partition).or_default();
        under_way.insert(offset);
        *next = (*next).max(offset + 1);
    }

    fn done(&mut self, partition: i32, offset: i64) {
        if let Some((under_way, _)) = self.partitions.get_mut(&partition) {
            under_way.remove(&offset);
        }
    }

    /// The offset to commit for `partition` (the next record to read).
    fn committable(&self, partition: i32) -> Option<i64> {
        let (under_way, next) = self.partitions.get(&partition)?;
        Some(under_way.first().copied().unwrap_or(*next))
    }
}

/// The notify role: a member of the consumer group `<prefix>notify` on
/// `ticker.deliveries`, until shutdown. Each delivery is sent to its sink
/// with retries and back-off (`max_attempts`, `retry_base_ms`), and
/// becomes a dead letter with stage `notify` when the sink keeps refusing.
/// Deliveries run side by side, so one failing sink does not hold up the
/// others; a partition's offset is committed up to the first delivery
/// still under way, so a crash sends again what was not finished (at
/// least once; receivers drop repeats by the alert id).
pub async fn run_notify(
    config: Config,
    shutdown: watch::Receiver<bool>,
) -> anyhow::Result<Summary> {
    if config.sinks.is_empty() {
        anyhow::bail!(
            "the notify role has nothing to send to: the configuration has no [[sinks]] (give it the same [[sinks]] and [[watches]] as the stories role)"
        );
    }
    let (metrics, publisher) = role_start(&config, &shutdown).await?;
    let (publisher, sinks) = (
        Arc::new(publisher),
        Arc::new(crate::notify::Sinks::from_config(&config)?),
    );
    let consumer = consumer(&config, "notify", Topic::Deliveries)?;
    let topic = Topic::Deliveries.name(&config.kafka.topic_prefix);
    metrics.set_ready();
    info!(
        sinks = config.sinks.len(),
        "notify role: sending alerts to the sinks"
    );
    let (done_sender, mut done) = tokio::sync::mpsc::unbounded_channel::<(i32, i64)>();
    let slots = Arc::new(tokio::sync::Semaphore::new(NOTIFY_IN_FLIGHT));
    let mut tracker = OffsetTracker::default();
    let mut committed: HashMap<i32, i64> = HashMap::new();
    let mut shutdown = shutdown;
    loop {
        let received = tokio::select! {
            message = tokio::time::timeout(Duration::from_secs(1), consumer.recv()) => message.ok(),
            finished = done.recv() => {
                if let Some((partition, offset)) = finished {
                    tracker.done(partition, offset);
                }
                None
            }
            _ = shutdown.wait_for(|stop| *stop) => return Ok(metrics.snapshot()),
        };
        match received {
            Some(Ok(message)) => {
                let (partition, offset) = (message.partition(), message.offset());
                let delivery = serde_json::from_slice::<crate::state::Delivery>(
                    message.payload().unwrap_or_default(),
                );
                drop(message);
                tracker.started(partition, offset);
                match delivery {
                    Ok(delivery) => {
                        let slot = tokio::select! {
                            slot = slots.clone().acquire_owned() => slot?,
                            _ = shutdown.wait_for(|stop| *stop) => return Ok(metrics.snapshot()),
                        };
                        let (sinks, publisher, metrics, stop, done) = (
                            sinks.clone(),
                            publisher.clone(),
                            metrics.clone(),
                            shutdown.clone(),
                            done_sender.clone(),
                        );
                        tokio::spawn(async move {
                            let finished =
                                deliver(&sinks, delivery, &publisher, &metrics, stop).await;
                            drop(slot);
                            if finished {
                                let _ = done.send((partition, offset));
                            }
                        });
                    }
                    Err(error) => {
                        warn!(%error, partition, offset, "not a delivery record; skipped");
                        tracker.done(partition, offset);
                    }
                }
            }
            Some(Err(error)) => {
                warn!(%error, "cannot read deliveries (retrying)");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            None => {}
        }
        while let Ok((partition, offset)) = done.try_recv() {
            tracker.done(partition, offset);
        }
        // Commit what is finished, for the partitions this member holds.
        let held: Vec<i32> = consumer
            .assignment()
            .map(|list| list.elements().iter().map(|e| e.partition()).collect())
            .unwrap_or_default();
        tracker
            .partitions
            .retain(|partition, _| held.contains(partition));
        committed.retain(|partition, _| held.contains(partition));
        let mut list = TopicPartitionList::new();
        for partition in held {
            if let Some(next) = tracker.committable(partition) {
                if committed.get(&partition) != Some(&next) {
                    list.add_partition_offset(&topic, partition, Offset::Offset(next))?;
                    committed.insert(partition, next);
                }
            }
        }
        if list.count() > 0 {
            if let Err(error) = consumer.commit(&list, CommitMode::Async) {
                warn!(%error, "cannot commit the deliveries' offsets; they may be sent again");
            }
            metrics.progress();
        }
    }
}

/// Sends one delivery until its sink takes it or it becomes a dead letter;
/// `false` when shutdown came first (it is sent again after a restart).
async fn deliver(
    sinks: &crate::notify::Sinks,
    mut delivery: crate::state::Delivery,
    publisher: &Publisher,
    metrics: &Metrics,
    mut shutdown: watch::Receiver<bool>,
) -> bool {
    use crate::notify::{Refused, Sent};
    loop {
        delivery.attempts += 1;
        let reason = match sinks.send(&delivery).await {
            Sent::Taken => {
                Metrics::add(&metrics.notifications, 1);
                debug!(sink = %delivery.sink, alert_id = %delivery.alert_id, "delivered");
                return true;
            }
            Sent::NoSink => {
                // The stories role routed it to a sink this process does
                // not know (configurations out of step): on record, not lost.
                warn!(sink = %delivery.sink, alert_id = %delivery.alert_id, "no such sink in this configuration; dead letter");
                let letter = DeadLetter {
                    stage: DeadLetterStage::Notify,
                    error: format!(
                        "sink {} of alert {} is not in the notify role's configuration",
                        delivery.sink, delivery.alert_id
                    ),
                    input: format!("sink {}", delivery.sink),
                    payload: serde_json::to_vec(&delivery.body).unwrap_or_default(),
                };
                return publish_until_delivered(
                    publisher,
                    vec![letter.into_outgoing()],
                    metrics,
                    &shutdown,
                )
                .await;
            }
            Sent::Failed(reason) => reason,
        };
        Metrics::add(&metrics.notification_failures, 1);
        let wait = match sinks.refused(&delivery, &reason) {
            Refused::NoSink => return true,
            Refused::DeadLetter(letter) => {
                return publish_until_delivered(
                    publisher,
                    vec![letter.into_outgoing()],
                    metrics,
                    &shutdown,
                )
                .await;
            }
            Refused::RetryInMs(wait) => wait,
        };
        debug!(sink = %delivery.sink, alert_id = %delivery.alert_id, %reason, wait_ms = wait, "the sink refused; trying again");
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_millis(wait.max(0) as u64)) => {}
            _ = shutdown.wait_for(|stop| *stop) => return false,
        }
    }
}

/// Most processed records the stories role takes into one batch.
const STORIES_BATCH: usize = 256;

/// Decides the revision, assigns the story, and makes the two batches:
/// the public records, and the state records they change. `None` when the
/// text is unchanged (nothing to publish).
fn assign(
    state: &mut StoriesState,
    processed: Processed,
    config: &Config,
    extractor: &ticker_extract::Extractor,
    metrics: &Metrics,
) -> Option<(Vec<Outgoing>, Vec<Outgoing>)> {
    let Processed {
        mut article,
        extraction,
        ..
    } = processed;
    let previous = state.articles.get(&article.article_id);
    if let Some(previous) = previous {
        if previous.content_hash == article.content_hash {
            Metrics::add(&metrics.articles_unchanged, 1);
            debug!(article_id = %article.article_id, "unchanged; not published again");
            return None;
        }
        article.revision = previous.revision + 1;
    }
    // The terms are read once for the preview and the assignment.
    let terms = ticker_stories::ArticleTerms::of(&article);
    let reference = crate::stages::Reference::of(&article, || {
        state
            .stories
            .preview_reference_date_with_terms(&article, &extraction, &terms)
    });
    let (dated, extraction) =
        crate::stages::with_reference(extractor, &article, extraction, reference);
    let assignment = state.stories.assign_with_terms(&dated, &extraction, &terms);
    let mut batch = match crate::stages::records(&article, &assignment) {
        Ok(batch) => batch,
        Err(error) => {
            warn!(article_id = %article.article_id, %error, "cannot serialise the records; skipped");
            return None;
        }
    };
    batch.extend(delivery_records(config, &article, &assignment));
    let article_state = ArticleState {
        revision: article.revision,
        content_hash: article.content_hash.clone(),
    };
    let mut changed = Vec::with_capacity(2);
    if let Some(story) = state.stories.story(&assignment.story_id) {
        if let Ok(payload) = serde_json::to_vec(&story) {
            changed.push(state_record(
                format!("story/{}", assignment.story_id),
                payload,
            ));
        }
    }
    if let Ok(payload) = serde_json::to_vec(&article_state) {
        changed.push(state_record(
            format!("article/{}", article.article_id),
            payload,
        ));
    }
    Metrics::add(&metrics.articles_published, 1);
    Metrics::add(&metrics.alerts, assignment.alerts.len() as u64);
    info!(article_id = %article.article_id, revision = article.revision, story_id = %assignment.story_id, alerts = assignment.alerts.len(), at = %Utc::now().to_rfc3339(), "published");
    state
        .articles
        .insert(article.article_id.clone(), article_state);
    Some((batch, changed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn processed(text: &str) -> Processed {
        let meta = ticker_normalize::InputMeta {
            url: Some("https://news.example/a.html".into()),
            source: ticker_model::SourceRef {
                id: "test".into(),
                kind: ticker_model::SourceKind::Feed,
                url: "https://news.example/rss".into(),
            },
            content_type: Some("text/plain".into()),
            fetched_at: Utc::now(),
            feed_title: None,
            feed_published: None,
        };
        let article = ticker_normalize::normalize_plain(text, &meta).expect("an article");
        let extraction = ticker_extract::extract(&article);
        Processed {
            schema: Processed::SCHEMA.into(),
            article,
            extraction,
            page: None,
        }
    }

    fn topics(batch: &[Outgoing]) -> Vec<Topic> {
        let mut topics: Vec<Topic> = batch.iter().map(|record| record.topic).collect();
        topics.dedup();
        topics
    }

    #[test]
    fn the_stories_role_publishes_once_per_text_and_counts_revisions() {
        let mut state = StoriesState {
            stories: Stories::new(ticker_stories::StoryConfig::default()),
            articles: HashMap::new(),
        };
        let metrics = Metrics::new();
        let first = "Erdbeben in Chile\n\nBei einem Erdbeben in Chile sind nach Angaben der Behörden 12 Menschen ums Leben gekommen.";
        let (public, changed) = assign(
            &mut state,
            processed(first),
            &Config::default(),
            &Default::default(),
            &metrics,
        )
        .expect("published");
        assert_eq!(public.first().map(|r| r.topic), Some(Topic::Articles));
        assert!(topics(&public).contains(&Topic::Stories));
        assert!(
            public
                .iter()
                .all(|record| record.topic != Topic::StoryState),
            "state comes apart"
        );
        let keys: Vec<&str> = changed.iter().map(|record| record.key.as_str()).collect();
        assert!(keys.iter().any(|key| key.starts_with("story/")), "{keys:?}");
        assert!(
            keys.iter().any(|key| key.starts_with("article/")),
            "{keys:?}"
        );

        // The same text again (a page processed twice after a crash).
        assert!(assign(
            &mut state,
            processed(first),
            &Config::default(),
            &Default::default(),
            &metrics
        )
        .is_none());
        // A changed text: the next revision.
        // (Plain text takes its id from the text; a page keeps its URL's.)
        let article_id = processed(first).article.article_id;
        let mut changed_page =
            processed(&format!("{first} Die Zahl der Toten stieg später auf 15."));
        changed_page.article.article_id = article_id;
        let (public, _) = assign(
            &mut state,
            changed_page,
            &Config::default(),
            &Default::default(),
            &metrics,
        )
        .expect("published");
        let article: ticker_model::Article = serde_json::from_slice(&public[0].payload).unwrap();
        assert_eq!(article.revision, 2);
    }

    #[test]
    fn state_records_keep_the_latest_value_and_honour_tombstones() {
        let mut map: HashMap<String, ArticleState> = HashMap::new();
        let state = |revision| {
            serde_json::to_vec(&ArticleState {
                revision,
                content_hash: "h".into(),
            })
            .unwrap()
        };
        apply_state(&mut map, "a", Some(&state(1)));
        apply_state(&mut map, "a", Some(&state(2)));
        apply_state(&mut map, "b", Some(&state(1)));
        apply_state(&mut map, "b", None);
        apply_state(&mut map, "c", Some(b"{broken"));
        assert_eq!(map.len(), 1);
        assert_eq!(map["a"].revision, 2);
    }

    #[test]
    fn deliveries_commit_up_to_the_first_still_under_way() {
        let mut tracker = OffsetTracker::default();
        assert_eq!(tracker.committable(0), None);
        for offset in 10..14 {
            tracker.started(0, offset);
        }
        tracker.started(1, 3);
        assert_eq!(tracker.committable(0), Some(10));
        // Later ones finish first (a failing sink holds 10 up).
        tracker.done(0, 12);
        tracker.done(0, 11);
        assert_eq!(tracker.committable(0), Some(10));
        tracker.done(0, 10);
        assert_eq!(tracker.committable(0), Some(13));
        tracker.done(0, 13);
        assert_eq!(tracker.committable(0), Some(14));
        assert_eq!(tracker.committable(1), Some(3), "partitions apart");
    }

    #[tokio::test]
    async fn the_notify_role_refuses_to_start_without_sinks() {
        let (_stop, shutdown) = watch::channel(false);
        let error = run_notify(Config::default(), shutdown)
            .await
            .expect_err("no sinks");
        assert!(error.to_string().contains("[[sinks]]"), "{error}");
    }

    #[test]
    fn roles_parse_by_name() {
        for role in [
            Role::All,
            Role::Fetch,
            Role::Process,
            Role::Stories,
            Role::Notify,
        ] {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("fetcher".parse::<Role>().is_err());
    }
}
