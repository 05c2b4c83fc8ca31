//! The stages and the state they share.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context as _;
use chrono::Utc;
use tokio::sync::{mpsc, watch};
use tracing::{debug, error, info, warn};

use ticker_fetch::{parse_feed, FeedEntry, FetchError, HttpClient, Validators};
use ticker_kafka::{DeadLetter, KafkaError, Outgoing, Publisher, PublisherConfig, TopicSettings};
use ticker_model::{Article, SourceKind, SourceRef};
use ticker_normalize::{normalize_html, InputMeta};
use ticker_stories::{Assignment, Stories};

use crate::config::{Config, SourceConfig};
use crate::metrics::{Metrics, Stage};
use crate::state::{ArticleState, StateStore};

/// Largest raw input kept in a dead letter.
const DEAD_LETTER_PAYLOAD_LIMIT: usize = 256 * 1024;

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
    publishing: KeyedLocks,
    /// Live stories; one assignment at a time. Held only to preview a
    /// reference date and to assign, never while extracting; a panic while
    /// it was held does not stop later articles (the lock is taken back
    /// from the poison).
    stories: Mutex<Stories>,
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
}

/// Async locks by key (an article id): a second holder of the same key
/// waits without polling; keys nobody holds or waits for take no memory.
#[derive(Default)]
struct KeyedLocks(Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>);

/// Holds one key of [`KeyedLocks`] until dropped.
struct KeyedGuard<'a> {
    locks: &'a KeyedLocks,
    key: String,
    guard: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl KeyedLocks {
    async fn lock(&self, key: &str) -> KeyedGuard<'_> {
        let entry = Arc::clone(
            self.0
                .lock()
                .expect("keyed locks")
                .entry(key.to_string())
                .or_default(),
        );
        KeyedGuard {
            locks: self,
            key: key.to_string(),
            guard: Some(entry.lock_owned().await),
        }
    }
}

impl Drop for KeyedGuard<'_> {
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
    /// Builds the shared parts from the configuration.
    pub fn new(config: &Config) -> anyhow::Result<Self> {
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
        let publisher = Publisher::new(PublisherConfig {
            brokers: config.kafka.brokers.clone(),
            prefix: config.kafka.topic_prefix.clone(),
            ce_source: config.kafka.ce_source.clone(),
            message_timeout_ms: config.kafka.message_timeout_ms,
            compression: config.kafka.compression.clone(),
            extra: config.kafka.resolved_properties()?,
        })?;
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
            publisher,
            state,
            metrics: Arc::default(),
            topics: config.kafka.topic_settings(),
            max_attempts: config.fetch.max_attempts,
            attempts: Mutex::default(),
            retry_sources: Mutex::default(),
            publishing: KeyedLocks::default(),
            stories: Mutex::new(stories),
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
        })
    }

    /// Creates the topics, retrying with back-off while the broker is away.
    pub async fn ensure_topics_with_retry(
        &self,
        mut shutdown: watch::Receiver<bool>,
    ) -> anyhow::Result<()> {
        let mut delay = Duration::from_secs(1);
        loop {
            match ticker_kafka::ensure_topics(&self.topics).await {
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
                _ = shutdown.changed() => anyhow::bail!("shut down while waiting for the broker at {}", self.topics.brokers),
            }
            delay = (delay * 2).min(Duration::from_secs(30));
        }
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

    /// Takes one feed entry through fetch, normalize, extract and publish.
    /// Marks it done only when Kafka acknowledged its records.
    pub async fn process_item(&self, item: WorkItem) {
        let url = item.entry.link.clone();
        let client = self.client_for(&item.source_id, &url);
        if !self.politeness.allowed(client, &url).await {
            warn!(source = %item.source_id, %url, "robots.txt disallows the page; dead letter");
            self.dead_letter_entry(
                "robots",
                "disallowed by the site's robots.txt",
                Vec::new(),
                &item,
            )
            .await;
            return;
        }
        self.politeness.wait_turn(&url).await;
        let slot = self.politeness.host_slot(&url).await;
        let fetch_started = std::time::Instant::now();
        let response = client.get(&url, &Validators::default()).await;
        self.metrics.observe(Stage::Fetch, fetch_started);
        drop(slot);
        let fetched = match response {
            Ok(fetched) => {
                // An entry that failed before and now fetches is no longer counted.
                self.attempts
                    .lock()
                    .expect("attempts lock")
                    .remove(&item.in_flight_key());
                fetched
            }
            Err(error) => {
                Metrics::add(&self.metrics.fetch_errors, 1);
                self.fetch_failed(&item, error).await;
                return;
            }
        };
        if let Err(reason) =
            ticker_fetch::content::check_page(fetched.content_type.as_deref(), &fetched.body)
        {
            Metrics::add(&self.metrics.not_pages, 1);
            warn!(source = %item.source_id, %url, %reason, "not a page; dead letter");
            let payload = fetched.body[..fetched.body.len().min(1024)].to_vec();
            self.dead_letter_entry("fetch", &format!("{url}: {reason}"), payload, &item)
                .await;
            return;
        }
        let meta = InputMeta {
            url: Some(fetched.final_url.clone()),
            source: item.source.clone(),
            content_type: fetched.content_type.clone(),
            fetched_at: Utc::now(),
            feed_title: item.entry.title.clone(),
            feed_published: item.entry.published,
        };
        let normalize_started = std::time::Instant::now();
        // (CPU work stays on the worker's thread: moving it to the blocking
        // pool measured slower and used half again the memory, see
        // docs/benchmarks.md.)
        let body = fetched.body;
        let normalized = normalize_html(&body, &meta);
        self.metrics.observe(Stage::Normalize, normalize_started);
        let article = match normalized {
            Ok(article) => article,
            Err(error) => {
                warn!(source = %item.source_id, %url, %error, "page does not normalize; dead letter");
                let payload = body[..body.len().min(DEAD_LETTER_PAYLOAD_LIMIT)].to_vec();
                self.dead_letter_entry("normalize", &error.to_string(), payload, &item)
                    .await;
                return;
            }
        };
        match self.publish_article(article, Some(&item), false).await {
            Ok(_) => {}
            Err(error) => {
                Metrics::add(&self.metrics.publish_errors, 1);
                self.retry_at_next_poll(&item);
                warn!(source = %item.source_id, %url, error = %format!("{error:#}"), "not acknowledged by Kafka; the entry is retried at the next poll");
            }
        }
    }

    /// Dead-letters an entry whose processing panicked (stage `panic`);
    /// the entry is done, since a retry would panic again.
    pub async fn dead_letter_panic(&self, item: &WorkItem, message: &str) {
        let reason = format!("processing panicked: {message}");
        if !self
            .dead_letter_entry("panic", &reason, Vec::new(), item)
            .await
        {
            warn!(source = %item.source_id, url = %item.entry.link, "the panic's dead letter was not delivered; the entry comes again");
        }
    }

    async fn fetch_failed(&self, item: &WorkItem, error: FetchError) {
        let key = item.in_flight_key();
        let attempts = {
            let mut attempts = self.attempts.lock().expect("attempts lock");
            let count = attempts.entry(key.clone()).or_default();
            *count += 1;
            *count
        };
        if error.is_retryable() && attempts < self.max_attempts {
            self.retry_at_next_poll(item);
            warn!(source = %item.source_id, url = %item.entry.link, %error, attempts, "fetch failed; retried at the next poll");
            return;
        }
        warn!(source = %item.source_id, url = %item.entry.link, %error, attempts, "fetch failed for good; dead letter");
        if self
            .dead_letter_entry("fetch", &error.to_string(), Vec::new(), item)
            .await
        {
            self.attempts.lock().expect("attempts lock").remove(&key);
        }
    }

    /// Makes the entry's source skip conditional GET at its next poll, so
    /// the entry is seen (and retried) again.
    fn retry_at_next_poll(&self, item: &WorkItem) {
        self.retry_sources
            .lock()
            .expect("retry lock")
            .insert(item.source_id.clone());
    }

    /// Dead-letters a feed entry. Returns false when Kafka did not take the
    /// dead letter: the entry then stays undone and comes again.
    async fn dead_letter_entry(
        &self,
        stage: &'static str,
        error: &str,
        payload: Vec<u8>,
        item: &WorkItem,
    ) -> bool {
        match self
            .dead_letter(stage, error, &item.entry.link, payload, Some(item))
            .await
        {
            Ok(()) => true,
            Err(error) => {
                Metrics::add(&self.metrics.publish_errors, 1);
                self.retry_at_next_poll(item);
                warn!(url = %item.entry.link, error = %format!("{error:#}"), "dead letter not acknowledged; the entry is retried at the next poll");
                false
            }
        }
    }

    /// Publishes a dead letter and, for a feed entry, marks it done.
    pub async fn dead_letter(
        &self,
        stage: &'static str,
        error: &str,
        input: &str,
        payload: Vec<u8>,
        item: Option<&WorkItem>,
    ) -> anyhow::Result<()> {
        let letter = DeadLetter {
            stage,
            error: error.to_string(),
            input: input.to_string(),
            payload,
        };
        self.publisher
            .dead_letter(letter)
            .await
            .with_context(|| format!("dead letter for {input}"))?;
        Metrics::add(&self.metrics.deadletters, 1);
        if let Some(item) = item {
            self.state
                .mark_done(Some(&item.source_id), &item.entry.version_key(), None)?;
        }
        Ok(())
    }

    /// Extracts and publishes an article unless the same text was already
    /// published; a changed text gets the next revision. Marks the feed
    /// entry (if any) done after Kafka acknowledged everything.
    pub async fn publish_article(
        &self,
        mut article: Article,
        item: Option<&WorkItem>,
        force: bool,
    ) -> anyhow::Result<Published> {
        // The same article reached through two feeds at once: the second
        // waits for the first, then finds it published.
        let _guard = self.publishing.lock(&article.article_id).await;
        let previous = self.state.article(&article.article_id)?;
        if let Some(previous) = &previous {
            if previous.content_hash == article.content_hash && !force {
                Metrics::add(&self.metrics.articles_unchanged, 1);
                if let Some(item) = item {
                    self.state
                        .mark_done(Some(&item.source_id), &item.entry.version_key(), None)?;
                }
                debug!(article_id = %article.article_id, "unchanged; not published again");
                return Ok(Published::Unchanged);
            }
            article.revision = if previous.content_hash == article.content_hash {
                previous.revision
            } else {
                previous.revision + 1
            };
        }
        // Extraction is CPU work of milliseconds: it runs outside the stories
        // lock, which is held only to preview a reference date and to
        // assign (microseconds each), so two workers extract at once.
        let extract_started = std::time::Instant::now();
        let prepared = catch_panic(|| {
            extract_for_story(&article, |article, extraction| {
                self.stories
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .preview_reference_date(article, extraction)
            })
        });
        self.metrics.observe(Stage::Extract, extract_started);
        let (dated, extraction) = match prepared {
            Ok(prepared) => prepared,
            Err(message) => {
                let input = article
                    .url
                    .clone()
                    .unwrap_or_else(|| article.source.url.clone());
                error!(article_id = %article.article_id, %input, %message, "extraction panicked; dead letter");
                let payload = article.text.as_bytes()
                    [..article.text.len().min(DEAD_LETTER_PAYLOAD_LIMIT)]
                    .to_vec();
                self.dead_letter(
                    "panic",
                    &format!("extraction panicked: {message}"),
                    &input,
                    payload,
                    item,
                )
                .await?;
                return Ok(Published::Panicked);
            }
        };
        let assign_started = std::time::Instant::now();
        let assignment = self
            .stories
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .assign(&dated, &extraction);
        self.metrics.observe(Stage::Assign, assign_started);
        let batch = records(&article, &assignment)?;
        let count = batch.len() as u64;
        let publish_started = std::time::Instant::now();
        let delivered = self.publisher.publish_batch(batch).await;
        self.metrics.observe(Stage::Publish, publish_started);
        if let Err(error) = delivered {
            if !assignment.replay {
                let persisted = self.state.story(&assignment.story_id)?;
                self.stories
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .revert(&assignment.story_id, &article.article_id, persisted);
            }
            return Err(anyhow::anyhow!(error));
        }
        Metrics::add(&self.metrics.alerts, assignment.alerts.len() as u64);
        Metrics::add(&self.metrics.records_published, count);
        Metrics::add(&self.metrics.articles_published, 1);
        let state = ArticleState {
            revision: article.revision,
            content_hash: article.content_hash.clone(),
        };
        let version_key = item.map(|item| item.entry.version_key());
        let (source_id, entry_id) = match (item, &version_key) {
            (Some(item), Some(key)) => (Some(item.source_id.as_str()), key.as_str()),
            _ => (None, article.article_id.as_str()),
        };
        let story = self
            .stories
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .story(&assignment.story_id);
        self.state.mark_done_with_story(
            source_id,
            entry_id,
            Some((&article.article_id, &state)),
            story.as_ref(),
        )?;
        info!(article_id = %article.article_id, revision = article.revision, story_id = %assignment.story_id, alerts = assignment.alerts.len(), title = %article.title, records = count, "published");
        if let Some(item) = item {
            self.metrics.published_after(item.discovered);
        }
        Ok(Published::New)
    }
}

/// Extracts an article and assigns it to a story. Relative dates are
/// resolved against the article's own date (publication, hint, or the dates
/// its text writes out); an article without one ("am Mittwoch kommender
/// Woche" and nothing else) takes the latest date of the story it would
/// join. That date also becomes the story's reference for later articles.
pub fn assign_story(stories: &mut Stories, article: &Article) -> Assignment {
    let (dated, extraction) = extract_for_story(article, |article, extraction| {
        stories.preview_reference_date(article, extraction)
    });
    stories.assign(&dated, &extraction)
}

/// The article as it is assigned (with the date hint its relative dates
/// were resolved against) and its extraction; `preview` asks the story
/// index for the date of the story the article would join. Needs no lock
/// but for `preview`, so that extraction runs beside other articles'.
pub fn extract_for_story(
    article: &Article,
    preview: impl FnOnce(&Article, &ticker_model::Extraction) -> Option<chrono::NaiveDate>,
) -> (Article, ticker_model::Extraction) {
    let extraction = ticker_extract::extract(article);
    let reference =
        ticker_extract::dates::reference_date(article).or_else(|| preview(article, &extraction));
    let Some(reference) = reference else {
        return (article.clone(), extraction);
    };
    let mut dated = article.clone();
    dated.date_hint = Some(reference.to_string());
    let extraction = if article.published_at.is_none() {
        ticker_extract::extract(&dated)
    } else {
        extraction
    };
    (dated, extraction)
}

/// The records one article produces: the article, its extraction, one
/// record per event and claim, its alerts, and its story's new state.
pub fn records(article: &Article, assignment: &Assignment) -> Result<Vec<Outgoing>, KafkaError> {
    let extraction = &assignment.extraction;
    let mut batch = Vec::with_capacity(
        3 + extraction.events.len() + extraction.claims.len() + assignment.alerts.len(),
    );
    batch.push(Outgoing::from_record(article)?);
    batch.push(Outgoing::from_record(extraction)?);
    for event in &extraction.events {
        batch.push(Outgoing::from_record(event)?);
    }
    for claim in &extraction.claims {
        batch.push(Outgoing::from_record(claim)?);
    }
    for alert in &assignment.alerts {
        batch.push(Outgoing::from_record(alert)?);
    }
    batch.push(Outgoing::from_record(&assignment.story)?);
    Ok(batch)
}

/// Tells what a source URL serves: a sitemap, a feed, or else a section
/// page whose article links are the entries.
pub async fn detect_kind(pipeline: &Pipeline, url: &str) -> anyhow::Result<String> {
    let fetched = pipeline
        .client
        .get(url, &Validators::default())
        .await
        .with_context(|| format!("cannot fetch {url}"))?;
    let kind = if ticker_fetch::sitemap::looks_like_sitemap(&fetched.body) {
        "sitemap"
    } else if parse_feed(
        &fetched.body,
        &fetched.final_url,
        fetched.content_type.as_deref(),
    )
    .is_ok()
    {
        "feed"
    } else {
        "page"
    };
    Ok(kind.to_string())
}

/// Polls one source until shutdown (or once), queueing entries not yet done.
#[allow(clippy::too_many_arguments)]
pub async fn poll_source(
    pipeline: &Pipeline,
    source: &SourceConfig,
    sender: mpsc::Sender<WorkItem>,
    in_flight: Arc<Mutex<HashSet<String>>>,
    schedule: crate::schedule::Schedule,
    once: bool,
    mut shutdown: watch::Receiver<bool>,
) {
    let source_ref = SourceRef {
        id: source.id.clone(),
        kind: SourceKind::Feed,
        url: source.url.clone(),
    };
    let mut failures: u32 = 0;
    loop {
        if *shutdown.borrow() {
            return;
        }
        Metrics::add(&pipeline.metrics.polls, 1);
        let poll_started = std::time::Instant::now();
        let outcome = poll_once(
            pipeline,
            source,
            &source_ref,
            &sender,
            &in_flight,
            &mut shutdown,
        )
        .await;
        pipeline.metrics.observe(Stage::Poll, poll_started);
        let now = Utc::now();
        let mut health = pipeline
            .health
            .lock()
            .expect("health lock")
            .get(&source.id)
            .cloned()
            .unwrap_or_default();
        health.last_poll = Some(now.to_rfc3339());
        let wait_at_least;
        match outcome {
            Ok(PollOutcome {
                queued,
                fresh_for,
                gap,
            }) => {
                wait_at_least = fresh_for.unwrap_or_default();
                if let Some(gap) = gap {
                    pipeline
                        .publishing_gaps
                        .lock()
                        .expect("gap lock")
                        .insert(source.id.clone(), gap);
                }
                failures = 0;
                health.last_success = Some(now.to_rfc3339());
                health.entries_seen += queued as u64;
                debug!(source = %source.id, queued, "polled");
            }
            Err(PollError { error, retry_after }) => {
                wait_at_least = retry_after.unwrap_or_default();
                failures += 1;
                Metrics::add(&pipeline.metrics.poll_errors, 1);
                health.last_error = Some(format!("{error:#}"));
                health.last_error_at = Some(now.to_rfc3339());
                warn!(source = %source.id, url = %source.url, error = %format!("{error:#}"), failures, "poll failed");
            }
        }
        health.consecutive_failures = failures;
        // The interval the source's publishing rate calls for; exponential
        // back-off on failures; never sooner than the feed says it stays
        // fresh (ttl, max-age, Expires) or the server asks (Retry-After).
        let publishing_gap = pipeline
            .publishing_gaps
            .lock()
            .expect("gap lock")
            .get(&source.id)
            .copied();
        let interval = schedule.interval(publishing_gap);
        health.interval_secs = Some(interval.as_secs());
        let backoff = schedule.next_delay(interval, failures, wait_at_least);
        let jitter = crate::schedule::jitter(&source.id, backoff);
        health.next_poll = (!once).then(|| {
            (now + chrono::Duration::from_std(backoff + jitter).unwrap_or_default()).to_rfc3339()
        });
        if let Err(error) = pipeline.state.set_source_health(&source.id, &health) {
            warn!(source = %source.id, %error, "cannot store the source's health");
        }
        pipeline
            .health
            .lock()
            .expect("health lock")
            .insert(source.id.clone(), health);
        if once {
            return;
        }
        tokio::select! {
            _ = tokio::time::sleep(backoff + jitter) => {}
            _ = shutdown.changed() => return,
        }
    }
}

async fn poll_once(
    pipeline: &Pipeline,
    source: &SourceConfig,
    source_ref: &SourceRef,
    sender: &mpsc::Sender<WorkItem>,
    in_flight: &Mutex<HashSet<String>>,
    shutdown: &mut watch::Receiver<bool>,
) -> Result<PollOutcome, PollError> {
    let sitemap_max_age = chrono::Duration::hours(pipeline.sitemap_max_age_hours);
    let retrying = pipeline
        .retry_sources
        .lock()
        .expect("retry lock")
        .remove(&source.id);
    let validators = match retrying {
        true => Validators::default(),
        false => pipeline
            .state
            .validators(&source.id)?
            .map(|(etag, last_modified)| Validators {
                etag,
                last_modified,
            })
            .unwrap_or_default(),
    };
    let slot = pipeline.politeness.host_slot(&source.url).await;
    let response = pipeline
        .client_for(&source.id, &source.url)
        .get(&source.url, &validators)
        .await;
    drop(slot);
    let fetched = match response {
        Ok(fetched) => fetched,
        Err(FetchError::NotModified { .. }) => {
            Metrics::add(&pipeline.metrics.polls_not_modified, 1);
            return Ok(PollOutcome {
                queued: 0,
                fresh_for: None,
                gap: None,
            });
        }
        Err(error) => return Err(error.into()),
    };
    let body_hash = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        fetched.body.hash(&mut hasher);
        hasher.finish()
    };
    let unchanged = pipeline
        .body_hashes
        .lock()
        .expect("body hash lock")
        .get(&source.id)
        == Some(&body_hash);
    if unchanged && !retrying {
        Metrics::add(&pipeline.metrics.polls_unchanged, 1);
        return Ok(PollOutcome {
            queued: 0,
            fresh_for: fresh_for(fetched.max_age, None),
            gap: None,
        });
    }
    let (entries, ttl_minutes) = match source.kind.as_str() {
        "sitemap" => (
            sitemap_entries(pipeline, &source.id, &fetched, sitemap_max_age).await?,
            None,
        ),
        "page" => {
            let (html, _) =
                ticker_normalize::charset::decode(&fetched.body, fetched.content_type.as_deref());
            let entries = ticker_fetch::section::article_links(
                &html,
                &fetched.final_url,
                source.link_selector.as_deref(),
            )
            .map_err(|reason| anyhow::anyhow!("section page {}: {reason}", fetched.final_url))?;
            (entries, None)
        }
        _ => {
            let feed = parse_feed(
                &fetched.body,
                &fetched.final_url,
                fetched.content_type.as_deref(),
            )?;
            (feed.entries, feed.ttl_minutes)
        }
    };
    let gap = crate::schedule::publishing_gap(
        entries.iter().filter_map(|entry| entry.published),
        Utc::now(),
    );
    let mut queued = 0;
    let mut interrupted = false;
    for entry in entries {
        let item = WorkItem {
            source_id: source.id.clone(),
            source: source_ref.clone(),
            entry,
            discovered: std::time::Instant::now(),
        };
        if pipeline
            .state
            .is_seen(&source.id, &item.entry.version_key())?
        {
            continue;
        }
        if !in_flight
            .lock()
            .expect("in-flight set lock")
            .insert(item.in_flight_key())
        {
            continue;
        }
        tokio::select! {
            sent = sender.send(item) => {
                if sent.is_err() {
                    interrupted = true;
                    break;
                }
            }
            _ = shutdown.changed() => {
                interrupted = true;
                break;
            }
        }
        queued += 1;
        Metrics::add(&pipeline.metrics.entries_queued, 1);
        pipeline.metrics.queue_depth.inc();
    }
    // Validators are stored only after the entries were queued: a crash in
    // between makes the next poll fetch the whole feed again, never skip it.
    if interrupted {
        return Ok(PollOutcome {
            queued,
            fresh_for: None,
            gap,
        });
    }
    pipeline.state.set_validators(
        &source.id,
        fetched.validators.etag,
        fetched.validators.last_modified,
    )?;
    pipeline
        .body_hashes
        .lock()
        .expect("body hash lock")
        .insert(source.id.clone(), body_hash);
    Ok(PollOutcome {
        queued,
        fresh_for: fresh_for(fetched.max_age, ttl_minutes),
        gap,
    })
}

/// Most child sitemaps of an index read per poll, newest first.
const SITEMAPS_PER_INDEX: usize = 20;
/// Most undated sitemap entries taken per poll.
const UNDATED_SITEMAP_ENTRIES: usize = 500;

/// The recent pages of a sitemap or sitemap index: those published (or
/// modified) within `max_age`; undated ones up to a cap (the seen-entry
/// state drops those already done).
async fn sitemap_entries(
    pipeline: &Pipeline,
    source_id: &str,
    fetched: &ticker_fetch::Fetched,
    max_age: chrono::Duration,
) -> anyhow::Result<Vec<FeedEntry>> {
    use ticker_fetch::sitemap::{parse_sitemap, Sitemap, SitemapUrl};
    let limit = pipeline.client.limits().max_body_bytes;
    let cutoff = Utc::now() - max_age;
    let mut urls: Vec<SitemapUrl> = Vec::new();
    match parse_sitemap(&fetched.body, &fetched.final_url, limit)? {
        Sitemap::Urls(list) => urls = list,
        Sitemap::Index(mut children) => {
            children.retain(|(_, lastmod)| lastmod.is_none_or(|lastmod| lastmod >= cutoff));
            children.sort_by_key(|child| std::cmp::Reverse(child.1));
            for (child, _) in children.into_iter().take(SITEMAPS_PER_INDEX) {
                let child_url = url::Url::parse(&fetched.final_url)
                    .ok()
                    .and_then(|base| base.join(&child).ok())
                    .map_or(child, |u| u.to_string());
                match pipeline
                    .client_for(source_id, &child_url)
                    .get(&child_url, &Validators::default())
                    .await
                {
                    Ok(page) => match parse_sitemap(&page.body, &page.final_url, limit) {
                        Ok(Sitemap::Urls(list)) => urls.extend(list),
                        Ok(Sitemap::Index(_)) => {
                            warn!(sitemap = %child_url, "nested sitemap index skipped")
                        }
                        Err(error) => warn!(%error, "child sitemap does not parse"),
                    },
                    Err(error) => warn!(sitemap = %child_url, %error, "child sitemap not fetched"),
                }
            }
        }
    }
    let base = url::Url::parse(&fetched.final_url).ok();
    let mut undated = 0;
    let mut entries = Vec::new();
    for url in urls {
        let date = url.published.or(url.lastmod);
        match date {
            Some(date) if date < cutoff => continue,
            None if undated >= UNDATED_SITEMAP_ENTRIES => continue,
            None => undated += 1,
            Some(_) => {}
        }
        let Some(link) = base
            .as_ref()
            .and_then(|base| base.join(&url.loc).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https"))
        else {
            continue;
        };
        entries.push(FeedEntry {
            id: url.loc.clone(),
            link: link.to_string(),
            title: url.title,
            summary: None,
            published: date,
            updated: url.lastmod,
            authors: Vec::new(),
        });
    }
    Ok(entries)
}

/// How long a source says its feed stays fresh: `Cache-Control: max-age`
/// or the RSS `<ttl>`, whichever is longer.
fn fresh_for(max_age: Option<u64>, ttl_minutes: Option<u32>) -> Option<Duration> {
    let ttl = ttl_minutes.map(|minutes| u64::from(minutes) * 60);
    max_age.max(ttl).map(Duration::from_secs)
}

/// What one poll found.
struct PollOutcome {
    /// Entries handed to the workers.
    queued: usize,
    /// How long the source says its feed stays fresh.
    fresh_for: Option<Duration>,
    /// How often the source publishes, when this poll read its entries.
    gap: Option<crate::schedule::Gap>,
}

/// Why a poll failed, with the server's `Retry-After` when it sent one.
struct PollError {
    error: anyhow::Error,
    retry_after: Option<Duration>,
}

impl<E: Into<anyhow::Error>> From<E> for PollError {
    fn from(error: E) -> Self {
        let error = error.into();
        let retry_after = match error.downcast_ref::<FetchError>() {
            Some(FetchError::Status {
                retry_after: Some(seconds),
                ..
            }) => Some(Duration::from_secs(*seconds)),
            _ => None,
        };
        PollError { error, retry_after }
    }
}

#[cfg(test)]
mod freshness_tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message_and_the_caller_goes_on() {
        assert_eq!(catch_panic(|| 7), Ok(7));
        let message = catch_panic(|| -> u32 { panic!("byte index 1214 is out of bounds") });
        assert_eq!(message, Err("byte index 1214 is out of bounds".to_string()));
        let formatted = catch_panic(|| -> u32 { panic!("{} > {}", 1214, 1211) });
        assert_eq!(formatted, Err("1214 > 1211".to_string()));
        // A lock poisoned by a panic is taken back, not fatal.
        let lock = Mutex::new(1);
        let _ = catch_panic(|| {
            let _guard = lock.lock().unwrap();
            panic!("while holding the lock");
        });
        assert!(lock.is_poisoned());
        assert_eq!(
            *lock
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
            1
        );
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

    #[test]
    fn freshness_is_the_longer_of_max_age_and_ttl() {
        assert_eq!(fresh_for(Some(60), Some(5)), Some(Duration::from_secs(300)));
        assert_eq!(
            fresh_for(Some(900), Some(5)),
            Some(Duration::from_secs(900))
        );
        assert_eq!(fresh_for(None, None), None);
        let error: PollError = anyhow::Error::from(FetchError::Status {
            url: "u".into(),
            status: 429,
            retry_after: Some(120),
        })
        .into();
        assert_eq!(error.retry_after, Some(Duration::from_secs(120)));
    }
}
