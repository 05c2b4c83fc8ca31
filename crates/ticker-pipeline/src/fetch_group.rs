//! The fetch role's sources, spread over the fetch processes by Kafka's
//! group assignment.
//!
//! `ticker.sources` is a compacted control topic keyed by source id. A
//! source belongs to one of its partitions (FNV-1a of its URL's host
//! modulo the partition count), and the fetch processes form the consumer
//! group `<prefix>fetch` on it: a process polls exactly the sources of
//! the partitions it is assigned. All sources of one host are thus polled
//! by one process, whose politeness (`fetch.min_host_interval_ms`,
//! `fetch.max_per_host`) holds for the host as a whole.
//!
//! - **Taking a partition**: the process reads the partition from its
//!   start (the latest record per source wins, tombstones delete) and puts
//!   each source's state into its own store — ETag and Last-Modified, the
//!   entries already done (the newest [`SEEN_KEPT`]), health and the next
//!   poll — then starts polling those sources, not before their next poll
//!   is due.
//! - **While it owns them**: the state of each owned source that changed is
//!   written back about once a second (the definition, with any password in
//!   its URL removed, travels with it for operators reading the topic).
//! - **Giving a partition up** (a rebalance, or shutdown): the process stops
//!   polling those sources and waits until no poll of them is running, then
//!   writes their state and only then lets the group go on. Kafka's eager
//!   rebalance revokes every partition from every member before it assigns
//!   any, so no source is polled by two processes at the same time.
//! - **A dead owner**: Kafka moves its partitions when its session times
//!   out. tansu (0.6) drops the member without telling the others to
//!   rejoin, so each process also writes a tombstone "probe" into the
//!   partitions it does not own every few seconds; an owner reads and
//!   commits them, so a partition whose probes stay uncommitted has no live
//!   owner, and a process that sees one joins the group again (see
//!   [`crate::roles::StallWatch`]). With Apache Kafka this never fires.
//!
//! What a crash loses is at most the last second of done entries; the next
//! owner fetches those again and the content hash downstream drops the
//! repeats.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use rdkafka::consumer::{BaseConsumer, Consumer, ConsumerContext, Rebalance};
use rdkafka::message::Message;
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::{ClientConfig, ClientContext, Offset, TopicPartitionList};
use serde::{Deserialize, Serialize};
use tokio::sync::watch;
use tracing::{debug, info, warn};

use crate::config::SourceConfig;
use crate::stages::Pipeline;
use crate::state::{SeenEntry, SourceHealth};
use crate::Config;
use ticker_model::Topic;

/// Done entries per source handed to the next owner (the newest).
pub const SEEN_KEPT: usize = 5_000;

/// How long giving up a source waits for its running poll to end.
const POLL_END_WAIT: Duration = Duration::from_secs(120);

/// The partition of `ticker.sources` a source belongs to: by the host of
/// its URL (lower case; the id when the URL has none), so that one host's
/// sources share one partition and one fetch process.
pub fn partition_of(source: &SourceConfig, partitions: i32) -> i32 {
    let host = url::Url::parse(&source.url)
        .ok()
        .and_then(|url| url.host_str().map(str::to_ascii_lowercase))
        .unwrap_or_else(|| source.id.clone());
    let mut hash: u32 = 0x811c_9dc5;
    for byte in host.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    (hash % partitions.max(1).unsigned_abs()) as i32
}

/// One source's record in `ticker.sources`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceRecord {
    /// The definition (URL without password).
    pub source: SourceConfig,
    /// The ETag of the last fetch.
    pub etag: Option<String>,
    /// The Last-Modified of the last fetch.
    pub last_modified: Option<String>,
    /// The newest done entries: (entry id, when and what).
    pub seen: Vec<(String, SeenEntry)>,
    /// Health, with the next poll.
    pub health: SourceHealth,
    /// The process that wrote it.
    pub owner: String,
}

/// Which sources this process may poll, and which are being polled right
/// now.
#[derive(Default)]
pub struct Ownership {
    state: Mutex<OwnershipState>,
    /// Wakes [`Ownership::revoke`] when a poll ends.
    ended: Condvar,
    /// Wakes pollers waiting in [`Ownership::acquire`] when sources are
    /// granted.
    granted: watch::Sender<u64>,
}

#[derive(Default)]
struct OwnershipState {
    /// Owned source ids, each with the number of the grant that gave it.
    owned: HashMap<String, u64>,
    /// Sources being polled.
    busy: HashSet<String>,
    grants: u64,
}

/// A running poll of one source; dropping it ends the poll.
pub struct PollGuard<'a> {
    ownership: &'a Ownership,
    source: String,
    /// The grant the source is owned under (a new number after it was
    /// given up and taken again).
    pub grant: u64,
}

impl Drop for PollGuard<'_> {
    fn drop(&mut self) {
        self.ownership
            .state
            .lock()
            .expect("ownership lock")
            .busy
            .remove(&self.source);
        self.ownership.ended.notify_all();
    }
}

impl Ownership {
    /// Waits until this process owns `source`, then marks a poll of it
    /// running; None at shutdown.
    pub async fn acquire(
        &self,
        source: &str,
        shutdown: &mut watch::Receiver<bool>,
    ) -> Option<PollGuard<'_>> {
        let mut granted = self.granted.subscribe();
        loop {
            if *shutdown.borrow() {
                return None;
            }
            {
                let mut state = self.state.lock().expect("ownership lock");
                if let Some(&grant) = state.owned.get(source) {
                    state.busy.insert(source.to_string());
                    return Some(PollGuard {
                        ownership: self,
                        source: source.to_string(),
                        grant,
                    });
                }
            }
            tokio::select! {
                _ = granted.changed() => {}
                // (A dropped sender is a shutdown: waiting on it again
                // would return at once, for ever.)
                changed = shutdown.changed() => if changed.is_err() { return None },
            }
        }
    }

    /// Lets this process poll `sources`.
    pub fn grant(&self, sources: impl IntoIterator<Item = String>) {
        {
            let mut state = self.state.lock().expect("ownership lock");
            state.grants += 1;
            let grant = state.grants;
            for source in sources {
                state.owned.insert(source, grant);
            }
        }
        self.granted.send_modify(|count| *count += 1);
    }

    /// Stops this process polling `sources` and waits (blocking, up to
    /// `limit`) until none of them is being polled; returns those still
    /// polled when the limit passed.
    pub fn revoke(&self, sources: &[String], limit: Duration) -> Vec<String> {
        let deadline = Instant::now() + limit;
        let mut state = self.state.lock().expect("ownership lock");
        for source in sources {
            state.owned.remove(source);
        }
        loop {
            let running: Vec<String> = sources
                .iter()
                .filter(|source| state.busy.contains(*source))
                .cloned()
                .collect();
            let left = deadline.saturating_duration_since(Instant::now());
            if running.is_empty() || left.is_zero() {
                return running;
            }
            state = self
                .ended
                .wait_timeout(state, left)
                .expect("ownership lock")
                .0;
        }
    }

    /// The sources this process owns.
    pub fn owned(&self) -> Vec<String> {
        let mut owned: Vec<String> = self
            .state
            .lock()
            .expect("ownership lock")
            .owned
            .keys()
            .cloned()
            .collect();
        owned.sort();
        owned
    }
}

/// What the group thread and its rebalance callbacks share.
struct Shared {
    pipeline: Arc<Pipeline>,
    ownership: Arc<Ownership>,
    sources: Vec<SourceConfig>,
    topic: String,
    partitions: i32,
    producer: FutureProducer,
    reader: ClientConfig,
    member: String,
    owned: Mutex<HashSet<i32>>,
    /// Hash of each source's last written record.
    written: Mutex<HashMap<String, u64>>,
    rebalanced_at: Mutex<Instant>,
}

impl Shared {
    fn sources_in(&self, partitions: &HashSet<i32>) -> Vec<&SourceConfig> {
        self.sources
            .iter()
            .filter(|source| partitions.contains(&partition_of(source, self.partitions)))
            .collect()
    }

    fn record(&self, source: &SourceConfig) -> anyhow::Result<SourceRecord> {
        let state = &self.pipeline.state;
        let (etag, last_modified) = state.validators(&source.id)?.unwrap_or_default();
        let health = self.pipeline.health_of(&source.id);
        Ok(SourceRecord {
            source: SourceConfig {
                url: ticker_fetch::redact_url(&source.url),
                ..source.clone()
            },
            etag,
            last_modified,
            seen: state.recent_seen(&source.id, SEEN_KEPT)?,
            health,
            owner: self.member.clone(),
        })
    }

    /// Writes the state of those of `sources` that changed since their
    /// last write and waits for Kafka's acknowledgement.
    fn write(&self, sources: &[&SourceConfig]) {
        let mut pending = Vec::new();
        for source in sources {
            let payload = match self
                .record(source)
                .map(|record| serde_json::to_vec(&record))
            {
                Ok(Ok(payload)) => payload,
                Ok(Err(error)) => {
                    warn!(source = %source.id, %error, "cannot encode the source's state");
                    continue;
                }
                Err(error) => {
                    warn!(source = %source.id, error = %format!("{error:#}"), "cannot read the source's state");
                    continue;
                }
            };
            let hash = hash_of(&payload);
            if self.written.lock().expect("written lock").get(&source.id) == Some(&hash) {
                continue;
            }
            let record = FutureRecord::to(&self.topic)
                .partition(partition_of(source, self.partitions))
                .key(source.id.as_str())
                .payload(&payload);
            match self.producer.send_result(record) {
                Ok(delivery) => pending.push((source.id.clone(), hash, delivery)),
                Err((error, _)) => {
                    warn!(source = %source.id, %error, "cannot write the source's state")
                }
            }
        }
        for (source, hash, delivery) in pending {
            match futures::executor::block_on(delivery) {
                Ok(Ok(_)) => {
                    self.written
                        .lock()
                        .expect("written lock")
                        .insert(source, hash);
                }
                Ok(Err((error, _))) => {
                    warn!(%source, %error, "the source's state was not acknowledged; written again later")
                }
                Err(_) => warn!(%source, "the source's state write was cancelled"),
            }
        }
    }

    /// Reads one partition from its start: the latest record per source.
    fn read_partition(&self, partition: i32) -> anyhow::Result<HashMap<String, SourceRecord>> {
        let timeout = Duration::from_secs(10);
        let consumer: BaseConsumer = self.reader.create()?;
        let (low, high) = consumer
            .fetch_watermarks(&self.topic, partition, timeout)
            .with_context(|| format!("{} partition {partition}", self.topic))?;
        let mut records = HashMap::new();
        if high <= low {
            return Ok(records);
        }
        let mut list = TopicPartitionList::new();
        list.add_partition_offset(&self.topic, partition, Offset::Beginning)?;
        consumer.assign(&list)?;
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            anyhow::ensure!(
                Instant::now() < deadline,
                "{} partition {partition}: not read to its end within 30 s",
                self.topic
            );
            let Some(message) = consumer.poll(Duration::from_millis(200)) else {
                continue;
            };
            let message = message?;
            if let Some(key) = message.key().map(String::from_utf8_lossy) {
                match message.payload() {
                    None => {
                        records.remove(key.as_ref());
                    }
                    Some(payload) => match serde_json::from_slice::<SourceRecord>(payload) {
                        Ok(record) => {
                            records.insert(key.into_owned(), record);
                        }
                        Err(error) => {
                            warn!(%key, %error, "an unreadable record in the sources topic; skipped")
                        }
                    },
                }
            }
            if message.offset() + 1 >= high {
                return Ok(records);
            }
        }
    }

    /// Takes `partitions` over: restores their sources' state, then lets
    /// the pollers at them.
    fn take(&self, partitions: &HashSet<i32>) {
        *self.rebalanced_at.lock().expect("rebalance lock") = Instant::now();
        let mut restored = 0;
        for &partition in partitions {
            let records = (0..3)
                .find_map(|attempt| match self.read_partition(partition) {
                    Ok(records) => Some(records),
                    Err(error) => {
                        warn!(partition, attempt, error = %format!("{error:#}"), "cannot read the sources topic");
                        std::thread::sleep(Duration::from_secs(1));
                        None
                    }
                })
                .unwrap_or_default();
            for source in self.sources_in(&HashSet::from([partition])) {
                let Some(record) = records.get(&source.id) else {
                    continue;
                };
                if let Err(error) = self.restore(source, record) {
                    warn!(source = %source.id, error = %format!("{error:#}"), "cannot restore the source's state; it starts afresh");
                    continue;
                }
                restored += 1;
            }
        }
        let sources: Vec<String> = self
            .sources_in(partitions)
            .iter()
            .map(|source| source.id.clone())
            .collect();
        self.owned
            .lock()
            .expect("owned lock")
            .extend(partitions.iter().copied());
        info!(
            partitions = ?sorted(partitions),
            sources = sources.len(),
            restored,
            "fetch role: took sources"
        );
        self.ownership.grant(sources);
    }

    fn restore(&self, source: &SourceConfig, record: &SourceRecord) -> anyhow::Result<()> {
        let state = &self.pipeline.state;
        state.set_validators(
            &source.id,
            record.etag.clone(),
            record.last_modified.clone(),
        )?;
        state.restore_seen(&source.id, &record.seen)?;
        state.set_source_health(&source.id, &record.health)?;
        self.pipeline
            .health
            .lock()
            .expect("health lock")
            .insert(source.id.clone(), record.health.clone());
        Ok(())
    }

    /// Gives `partitions` up: stops polling their sources, waits for polls
    /// that run, writes their state.
    fn release(&self, partitions: &HashSet<i32>) {
        *self.rebalanced_at.lock().expect("rebalance lock") = Instant::now();
        let sources = self.sources_in(partitions);
        let ids: Vec<String> = sources.iter().map(|source| source.id.clone()).collect();
        let running = self.ownership.revoke(&ids, POLL_END_WAIT);
        if !running.is_empty() {
            warn!(
                ?running,
                "polls still running after {} s while giving the sources up",
                POLL_END_WAIT.as_secs()
            );
        }
        self.write(&sources);
        self.owned
            .lock()
            .expect("owned lock")
            .retain(|partition| !partitions.contains(partition));
        info!(partitions = ?sorted(partitions), sources = ids.len(), "fetch role: gave sources up");
    }

    fn owned_partitions(&self) -> HashSet<i32> {
        self.owned.lock().expect("owned lock").clone()
    }
}

fn sorted(partitions: &HashSet<i32>) -> Vec<i32> {
    let mut list: Vec<i32> = partitions.iter().copied().collect();
    list.sort_unstable();
    list
}

fn hash_of(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

fn partitions_of(list: &TopicPartitionList) -> HashSet<i32> {
    list.elements()
        .iter()
        .map(|element| element.partition())
        .collect()
}

/// The group member's callbacks: revoke and assign.
struct GroupContext(Arc<Shared>);

impl ClientContext for GroupContext {}

impl ConsumerContext for GroupContext {
    fn pre_rebalance(&self, _: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        if let Rebalance::Revoke(list) = rebalance {
            self.0.release(&partitions_of(list));
        }
    }

    fn post_rebalance(&self, _: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        if let Rebalance::Assign(list) = rebalance {
            self.0.take(&partitions_of(list));
        }
    }
}

/// The running group member; [`FetchGroup::stop`] gives every source up
/// and leaves the group.
pub struct FetchGroup {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl FetchGroup {
    /// Joins the fetch group on `ticker.sources` (the topic must exist).
    pub fn start(
        config: &Config,
        pipeline: Arc<Pipeline>,
        ownership: Arc<Ownership>,
    ) -> anyhow::Result<FetchGroup> {
        let prefix = &config.kafka.topic_prefix;
        let topic = Topic::Sources.name(prefix);
        let properties = config.kafka.resolved_properties()?;
        let brokers = &config.kafka.brokers;
        let base = || ticker_kafka::client_config(brokers, &properties);
        let client_error = |error: &rdkafka::error::KafkaError| {
            ticker_kafka::client_error(brokers, error, &properties)
        };
        let probe: BaseConsumer = base().create().map_err(|e| client_error(&e))?;
        let partitions = probe
            .fetch_metadata(Some(&topic), Duration::from_secs(10))
            .map_err(|e| client_error(&e))?
            .topics()
            .iter()
            .map(|topic| topic.partitions().len())
            .sum::<usize>() as i32;
        anyhow::ensure!(
            partitions > 0,
            "topic {topic} has no partitions (run `ticker topics --roles`)"
        );
        let producer: FutureProducer = base()
            .set("message.timeout.ms", "15000")
            .set("compression.type", "zstd")
            .create()
            .map_err(|e| client_error(&e))?;
        let mut reader = base();
        reader
            .set("group.id", format!("{prefix}fetch-restore"))
            .set("enable.auto.commit", "false")
            .set("enable.partition.eof", "false");
        let member = format!(
            "{}-{}",
            std::env::var("HOSTNAME").unwrap_or_else(|_| "fetch".into()),
            std::process::id()
        );
        let shared = Arc::new(Shared {
            pipeline,
            ownership,
            sources: config
                .sources
                .iter()
                .filter(|source| source.enabled)
                .cloned()
                .collect(),
            topic: topic.clone(),
            partitions,
            producer,
            reader,
            member,
            owned: Mutex::default(),
            written: Mutex::default(),
            rebalanced_at: Mutex::new(Instant::now()),
        });
        let consumer: BaseConsumer<GroupContext> = base()
            .set("group.id", format!("{prefix}fetch"))
            .set("enable.auto.commit", "true")
            .set("auto.commit.interval.ms", "1000")
            .set("auto.offset.reset", "earliest")
            .set("enable.partition.eof", "false")
            .set(
                "session.timeout.ms",
                crate::roles::SESSION_TIMEOUT.as_millis().to_string(),
            )
            .set(
                "heartbeat.interval.ms",
                crate::roles::HEARTBEAT_INTERVAL.as_millis().to_string(),
            )
            .create_with_context(GroupContext(shared.clone()))
            .map_err(|e| client_error(&e))?;
        consumer.subscribe(&[&topic])?;
        info!(%topic, partitions, sources = shared.sources.len(), "fetch role: joining the group that shares the sources");
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let stop = stop.clone();
            let watch = crate::roles::StallWatch::new(config, Topic::Sources);
            std::thread::Builder::new()
                .name("fetch-group".into())
                .spawn(move || member_loop(consumer, shared, watch, stop))?
        };
        Ok(FetchGroup {
            stop,
            thread: Some(thread),
        })
    }

    /// Gives every source up (writing their state) and leaves the group.
    pub fn stop(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for FetchGroup {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// Serves the group (its callbacks run inside `poll`), writes the owned
/// sources' state each second, probes the other partitions, and rejoins
/// when one of them has no live owner.
fn member_loop(
    consumer: BaseConsumer<GroupContext>,
    shared: Arc<Shared>,
    mut watch: crate::roles::StallWatch,
    stop: Arc<AtomicBool>,
) {
    let mut last_write = Instant::now();
    let mut last_probe = Instant::now();
    while !stop.load(Ordering::SeqCst) {
        // (Records are read only so that their offsets are committed: an
        // owner that commits is alive.)
        if let Some(Err(error)) = consumer.poll(Duration::from_millis(250)) {
            debug!(%error, "sources topic");
        }
        if last_write.elapsed() >= Duration::from_secs(1) {
            last_write = Instant::now();
            let owned = shared.owned_partitions();
            shared.write(&shared.sources_in(&owned));
        }
        let settled = shared
            .rebalanced_at
            .lock()
            .expect("rebalance lock")
            .elapsed()
            > Duration::from_secs(5);
        if last_probe.elapsed() >= Duration::from_secs(2) {
            last_probe = Instant::now();
            let owned = shared.owned_partitions();
            for partition in (0..shared.partitions).filter(|p| !owned.contains(p)) {
                let record = FutureRecord::<str, [u8]>::to(&shared.topic)
                    .partition(partition)
                    .key("probe");
                if let Err((error, _)) = shared.producer.send_result(record) {
                    debug!(%error, "cannot probe the sources topic");
                }
            }
        }
        if settled && watch.stalled_except(&consumer, &shared.owned_partitions()) {
            info!("fetch role: a partition of the sources topic has no live owner; joining the group again");
            *shared.rebalanced_at.lock().expect("rebalance lock") = Instant::now();
            crate::roles::rejoin(&consumer, &shared.topic);
        }
    }
    // Leaving: the revoke callback gives every source up and writes it.
    let owned = shared.owned_partitions();
    shared.write(&shared.sources_in(&owned));
    consumer.unsubscribe();
    drop(consumer);
    info!("fetch role: left the group");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_spread_over_the_partitions_by_host_and_stay_put() {
        let source = |id: &str, url: &str| SourceConfig {
            id: id.to_string(),
            kind: crate::config::SourceType::Feed,
            url: url.to_string(),
            language: None,
            poll_interval_secs: None,
            link_selector: None,
            enabled: true,
            allow_private: false,
        };
        let mut counts = [0; 4];
        for index in 0..400 {
            let one = source("a", &format!("https://news{index}.example/rss.xml"));
            let partition = partition_of(&one, 4);
            assert_eq!(partition, partition_of(&one, 4));
            counts[partition as usize] += 1;
        }
        assert!(counts.iter().all(|&count| count > 60), "{counts:?}");
        // One host's sources share a partition, whatever their ids and paths.
        let host = partition_of(&source("politik", "https://News.example/politik.xml"), 4);
        for (id, url) in [
            ("sport", "https://news.example/sport/rss"),
            ("wirtschaft", "http://news.example:8080/wirtschaft.atom"),
        ] {
            assert_eq!(partition_of(&source(id, url), 4), host, "{url}");
        }
        assert_eq!(partition_of(&source("anything", "not a url"), 1), 0);
    }

    #[tokio::test]
    async fn a_source_is_polled_only_while_owned_and_revoke_waits_for_its_poll() {
        let ownership = Arc::new(Ownership::default());
        let (_trigger, mut shutdown) = watch::channel(false);
        // Not owned: the poller waits.
        let waiting = {
            let ownership = ownership.clone();
            let mut shutdown = shutdown.clone();
            tokio::spawn(async move {
                let guard = ownership.acquire("a", &mut shutdown).await.unwrap();
                guard.grant
            })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!waiting.is_finished());
        ownership.grant(["a".to_string(), "b".to_string()]);
        let grant = waiting.await.unwrap();
        assert_eq!(grant, 1);

        // A poll of "b" runs; revoking waits for it to end.
        let guard = ownership.acquire("b", &mut shutdown).await.unwrap();
        let revoker = {
            let ownership = ownership.clone();
            std::thread::spawn(move || {
                let started = Instant::now();
                let running = ownership.revoke(&["b".to_string()], Duration::from_secs(5));
                (running, started.elapsed())
            })
        };
        std::thread::sleep(Duration::from_millis(200));
        assert!(!revoker.is_finished(), "revoke returned while the poll ran");
        drop(guard);
        let (running, waited) = revoker.join().unwrap();
        assert!(running.is_empty());
        assert!(waited >= Duration::from_millis(150), "{waited:?}");
        assert_eq!(ownership.owned(), vec!["a".to_string()]);

        // A poll that never ends is named when the limit passes.
        let stuck = ownership.acquire("a", &mut shutdown).await.unwrap();
        let running = ownership.revoke(&["a".to_string()], Duration::from_millis(50));
        assert_eq!(running, vec!["a".to_string()]);
        drop(stuck);
        assert!(ownership.owned().is_empty());

        // Granted again: a new grant number.
        ownership.grant(["a".to_string()]);
        assert_eq!(
            ownership.acquire("a", &mut shutdown).await.unwrap().grant,
            2
        );
    }

    #[tokio::test]
    async fn a_waiting_poller_ends_at_shutdown() {
        let ownership = Ownership::default();
        let (trigger, mut shutdown) = watch::channel(false);
        let waiting = ownership.acquire("a", &mut shutdown);
        let (result, _) = tokio::join!(waiting, async {
            tokio::time::sleep(Duration::from_millis(20)).await;
            trigger.send(true).unwrap();
        });
        assert!(result.is_none());
    }
}
