//! The stages and the state they share.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context as _;
use chrono::Utc;
use tokio::sync::{mpsc, watch};
use tracing::{debug, error, info, warn};

use ticker_fetch::{parse_feed, FeedEntry, FetchError, HttpClient, Validators};
use ticker_kafka::{
    DeadLetter, KafkaError, Outgoing, Publisher, Stage as DeadLetterStage, TopicSettings,
};
use ticker_model::{Article, SourceKind, SourceRef};
use ticker_normalize::{normalize_html_with, InputMeta};
use ticker_stories::{Assignment, Stories};

use crate::config::{Config, SourceConfig, SourceType};
use crate::metrics::{Metrics, Stage};
use crate::state::{ArticleState, StateStore};

mod fetch;
mod owner;
mod poll;
mod publish;

pub use poll::{detect_kind, poll_source, PollPlan, Queue};
pub use publish::{assign_story, extract_for_story, records};
pub(crate) use publish::{with_reference, Prepared, Reference};

/// Largest raw input kept in a dead letter.
pub(crate) const DEAD_LETTER_PAYLOAD_LIMIT: usize = 256 * 1024;

/// One feed entry on its way through the workers.
#[derive(Debug, Clone)]
pub struct WorkItem {
    /// The source's id.
    pub source_id: String,
    /// The source as recorded on the article.
    pub source: SourceRef,
    /// The entry.
    pub entry: FeedEntry,
    /// When the poll that found the entry parsed it.
    pub discovered: std::time::Instant,
}

impl WorkItem {
    /// Key of the entry in the in-flight set.
    pub fn in_flight_key(&self) -> String {
        format!("{}\u{1f}{}", self.source_id, self.entry.version_key())
    }
}

/// Whether an article was published or already known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Published {
    /// New article or new revision: records went out.
    New,
    /// Same text as the published revision: nothing went out.
    Unchanged,
    /// Extraction panicked on the article: a dead letter with stage
    /// `panic` went out instead, and the entry is done (a retry would
    /// panic again).
    Panicked,
}

/// Runs `work`, turning a panic into its message: one article that trips
/// a bug in the extractor becomes a dead letter, and the worker goes on.
pub fn catch_panic<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
        .map_err(|panic| panic_message(panic.as_ref()))
}

/// The message of a caught panic.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|message| message.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

/// What every stage shares: the HTTP client, the producer, the state store
/// and the metrics.
pub struct Pipeline {
    /// HTTP client for everything a source hands us: it refuses private,
    /// loopback and link-local addresses (unless `fetch.allow_private`).
    pub client: HttpClient,
    /// HTTP client that may also reach the hosts of the sources marked
    /// `allow_private`; used only for those sources and their links on
    /// their own host.
    trusted_client: HttpClient,
    /// The operator's rules for particular sites' pages (`[[sites]]`).
    sites: Vec<crate::config::SiteConfig>,
    /// Watchlist rules and the sinks alerts go to (`[[watches]]`,
    /// `[[sinks]]`), with each sink's signing key read once.
    watches: Vec<crate::config::WatchConfig>,
    sinks: crate::notify::Sinks,
    /// Host of each source marked `allow_private`, by source id.
    trusted_sources: HashMap<String, String>,
    /// Kafka producer.
    pub publisher: Publisher,
    /// Embedded state.
    pub state: StateStore,
    /// Counters.
    pub metrics: Arc<Metrics>,
    topics: TopicSettings,
    max_attempts: u32,
    attempts: Mutex<HashMap<String, u32>>,
    /// Sources with an entry that failed and waits for a retry: their next
    /// poll skips conditional GET so the entry is seen again.
    retry_sources: Mutex<HashSet<String>>,
    /// Articles being published right now: the same article reached through
    /// two feeds at once waits for the first, then finds it published.
    publishing: Arc<KeyedLocks>,
    /// Slots for deliveries a worker handed off: a worker does not wait for
    /// Kafka's acknowledgement but goes on to its next entry while at most
    /// [`DELIVERIES_PER_WORKER`] deliveries per worker are open; with all
    /// slots taken it waits, so backpressure still reaches the pollers.
    deliveries: Arc<tokio::sync::Semaphore>,
    /// How many slots `deliveries` has in all.
    delivery_slots: u32,
    /// The fetch role (`ticker run --role fetch`): fetched pages go to the
    /// pages topic for the process role instead of being normalized here.
    pub(crate) fetch_only: bool,
    /// The fetch role: the sources this process owns in the fetch group
    /// (a poller waits while its source is owned elsewhere).
    pub(crate) ownership: Option<Arc<crate::fetch_group::Ownership>>,
    /// The story index, held by its own thread; workers send it jobs
    /// (microseconds each) and never share a lock over it.
    stories: owner::StoryOwner,
    /// robots.txt and per-host pacing for article pages.
    politeness: ticker_fetch::robots::Politeness,
    /// Sitemap entries older than this are not taken.
    sitemap_max_age_hours: i64,
    /// Hash of each source's last body: an unchanged body is not parsed
    /// again (servers without validators send the same feed every time).
    body_hashes: Mutex<HashMap<String, u64>>,
    /// How often each source publishes, from its last parsed body.
    publishing_gaps: Mutex<HashMap<String, crate::schedule::Gap>>,
    /// Each source's health, mirrored in the state store.
    pub health: Mutex<std::collections::BTreeMap<String, crate::state::SourceHealth>>,
    /// The rule passes and the tagger `[extract]` names.
    extractor: ticker_extract::Extractor,
}

/// A delivery a worker handed off: the task that waits for Kafka's
/// acknowledgement and then marks the entry done.
pub type OpenDelivery = tokio::task::JoinHandle<()>;

/// Open deliveries per worker (see [`Pipeline::deliveries`]).
pub const DELIVERIES_PER_WORKER: u32 = 4;

/// The `linger.ms` of the single process's producer: its workers keep
/// deliveries open instead of waiting for each, so a longer linger gathers
/// bigger batches (less broker work per record) at no cost in throughput.
pub const OPEN_DELIVERY_LINGER_MS: u32 = 20;

/// Async locks by key (an article id): a second holder of the same key
/// waits without polling; keys nobody holds or waits for take no memory.
#[derive(Default)]
struct KeyedLocks(Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>);

/// Holds one key of [`KeyedLocks`] until dropped (also in a task of its
/// own: it owns its share of the locks).
pub(crate) struct KeyedGuard {
    locks: Arc<KeyedLocks>,
    key: String,
    guard: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl KeyedLocks {
    async fn lock(self: &Arc<Self>, key: &str) -> KeyedGuard {
        let entry = Arc::clone(
            self.0
                .lock()
                .expect("keyed locks")
                .entry(key.to_string())
                .or_default(),
        );
        KeyedGuard {
            locks: Arc::clone(self),
            key: key.to_string(),
            guard: Some(entry.lock_owned().await),
        }
    }
}

impl Drop for KeyedGuard {
    fn drop(&mut self) {
        let mut map = self.locks.0.lock().expect("keyed locks");
        // Held by the map and this guard only: nobody waits, the key goes.
        if map
            .get(&self.key)
            .is_some_and(|entry| Arc::strong_count(entry) == 2)
        {
            map.remove(&self.key);
        }
        self.guard.take();
    }
}

impl Pipeline {
    /// Waits until every delivery a worker handed off has been
    /// acknowledged (or has failed and left its entry for the next poll).
    pub(crate) async fn settle_deliveries(&self) {
        let _all = self.deliveries.acquire_many(self.delivery_slots).await;
    }

    /// A source's health as this process knows it (default when never
    /// polled).
    pub(crate) fn health_of(&self, source_id: &str) -> crate::state::SourceHealth {
        self.health
            .lock()
            .expect("health lock")
            .get(source_id)
            .cloned()
            .unwrap_or_default()
    }

    /// Builds the shared parts from the configuration, with a producer for
    /// callers that wait for each delivery.
    pub fn new(config: &Config) -> anyhow::Result<Self> {
        Self::with_linger(config, ticker_kafka::SHORT_LINGER_MS)
    }

    /// [`Pipeline::new`] with the producer's `linger.ms` (a
    /// `[kafka.properties]` entry still overrides it).
    pub fn with_linger(config: &Config, linger_ms: u32) -> anyhow::Result<Self> {
        let client = HttpClient::new(config.fetch.limits())?;
        let trusted_hosts = config.trusted_hosts();
        let trusted_client = if trusted_hosts.is_empty() {
            client.clone()
        } else {
            HttpClient::new(ticker_fetch::FetchLimits {
                trusted_hosts,
                ..config.fetch.limits()
            })?
        };
        let trusted_sources = config
            .sources
            .iter()
            .filter(|source| source.allow_private)
            .filter_map(|source| {
                let host = url::Url::parse(&source.url)
                    .ok()?
                    .host_str()?
                    .to_ascii_lowercase();
                Some((source.id.clone(), host))
            })
            .collect();
        let publisher = Publisher::new(ticker_kafka::PublisherConfig {
            linger_ms,
            ..config.kafka.publisher_config()?
        })?;
        let delivery_slots = (config.pipeline.workers as u32).max(1) * DELIVERIES_PER_WORKER;
        let state = StateStore::open(&config.state.path)?;
        let health = state.source_health()?;
        let mut stories = Stories::new(config.stories.clone());
        stories.restore(state.stories()?);
        let evicted = stories.evict_dormant();
        info!(live = stories.live(), dormant = evicted, "stories restored");
        Ok(Pipeline {
            client,
            trusted_client,
            trusted_sources,
            sites: config.sites.clone(),
            watches: config.watches.clone(),
            sinks: crate::notify::Sinks::from_config(config)?,
            publisher,
            state,
            metrics: Arc::default(),
            topics: config.kafka.topic_settings()?,
            max_attempts: config.fetch.max_attempts,
            attempts: Mutex::default(),
            retry_sources: Mutex::default(),
            publishing: Arc::default(),
            deliveries: Arc::new(tokio::sync::Semaphore::new(delivery_slots as usize)),
            delivery_slots,
            fetch_only: false,
            ownership: None,
            stories: owner::StoryOwner::spawn(stories)?,
            sitemap_max_age_hours: config.pipeline.sitemap_max_age_hours,
            politeness: ticker_fetch::robots::Politeness::new(
                &config.fetch.user_agent,
                config.fetch.respect_robots,
                Duration::from_millis(config.fetch.min_host_interval_ms),
            )
            .with_max_per_host(config.fetch.max_per_host),
            body_hashes: Mutex::default(),
            publishing_gaps: Mutex::default(),
            health: Mutex::new(health),
            extractor: config.extractor()?,
        })
    }

    /// Creates the topics, retrying with back-off while the broker is away.
    pub async fn ensure_topics_with_retry(
        &self,
        shutdown: watch::Receiver<bool>,
    ) -> anyhow::Result<()> {
        ensure_topics_with_retry(&self.topics, &ticker_model::Topic::ALL, shutdown).await
    }

    /// The client for a request made for `source_id`: the trusting one
    /// only when the source is marked `allow_private` and `url` is on the
    /// source's own host.
    pub fn client_for(&self, source_id: &str, url: &str) -> &HttpClient {
        let same_host = self.trusted_sources.get(source_id).is_some_and(|host| {
            url::Url::parse(url)
                .ok()
                .and_then(|url| url.host_str().map(|found| found.eq_ignore_ascii_case(host)))
                .unwrap_or(false)
        });
        if same_host {
            &self.trusted_client
        } else {
            &self.client
        }
    }
}

/// Creates the missing ones of `topics`, waiting (with back-off) for a
/// broker that is not up yet, until shutdown.
pub async fn ensure_topics_with_retry(
    settings: &ticker_kafka::TopicSettings,
    topics: &[ticker_model::Topic],
    mut shutdown: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let mut delay = Duration::from_secs(1);
    loop {
        match ticker_kafka::ensure_topic_set(settings, topics).await {
            Ok(created) => {
                if !created.is_empty() {
                    info!(?created, "created topics");
                }
                return Ok(());
            }
            Err(error) => {
                warn!(%error, retry_in_secs = delay.as_secs(), "cannot create topics; is the broker up? retrying");
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(delay) => {}
            _ = shutdown.changed() => anyhow::bail!("shut down while waiting for the broker at {}", settings.brokers),
        }
        delay = (delay * 2).min(Duration::from_secs(30));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message_and_the_caller_goes_on() {
        assert_eq!(catch_panic(|| 7), Ok(7));
        let message = catch_panic(|| -> u32 { panic!("byte index 1214 is out of bounds") });
        assert_eq!(message, Err("byte index 1214 is out of bounds".to_string()));
        let formatted = catch_panic(|| -> u32 { panic!("{} > {}", 1214, 1211) });
        assert_eq!(formatted, Err("1214 > 1211".to_string()));
    }

    #[tokio::test]
    async fn keyed_locks_serialise_one_key_and_forget_it_afterwards() {
        let locks = std::sync::Arc::new(KeyedLocks::default());
        let first = locks.lock("a").await;
        // Another key is free at once.
        drop(locks.lock("b").await);
        let waiting = {
            let locks = locks.clone();
            tokio::spawn(async move {
                let _second = locks.lock("a").await;
            })
        };
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        assert!(!waiting.is_finished(), "the second holder of a key waits");
        drop(first);
        waiting.await.unwrap();
        assert!(locks.0.lock().unwrap().is_empty(), "no key is kept");
    }
}
