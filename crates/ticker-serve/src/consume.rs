//! Reads the topics into the view, in a thread of its own: every partition
//! from its start, no offsets committed. Topics that do not exist yet (a
//! page started before the pipeline) are looked for again every few
//! seconds, and partitions added later are picked up the same way.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::Ordering;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::Message;
use rdkafka::{Offset, TopicPartitionList};
use ticker_model::Topic;
use ticker_pipeline::Config;
use tokio::sync::watch;

use crate::Shared;

/// The topics the page reads, in the order their records are best applied.
const READ: [Topic; 5] = [
    Topic::Stories,
    Topic::Articles,
    Topic::Extractions,
    Topic::Claims,
    Topic::Alerts,
];

/// Longest a new alert waits for its article before it goes out.
const HOLD: Duration = Duration::from_millis(500);

/// How often missing topics and new partitions are looked for.
const DISCOVER_EVERY: Duration = Duration::from_secs(3);

pub(crate) fn spawn(
    config: &Config,
    shared: Shared,
    shutdown: watch::Receiver<bool>,
) -> anyhow::Result<JoinHandle<()>> {
    let properties = config.kafka.resolved_properties()?;
    let consumer: BaseConsumer = ticker_kafka::client_config(&config.kafka.brokers, &properties)
        .set("group.id", "ticker-serve")
        .set("enable.auto.commit", "false")
        .set("enable.auto.offset.store", "false")
        .set("enable.partition.eof", "false")
        .set("auto.offset.reset", "earliest")
        .set("fetch.wait.max.ms", "100")
        // The fetch queue, not the view, would otherwise be most of the
        // memory while a large backlog is read (librdkafka: 64 MB).
        .set("queued.max.messages.kbytes", "8192")
        .set("fetch.max.bytes", "4194304")
        .set("max.partition.fetch.bytes", "1048576")
        .create()
        .map_err(|error| ticker_kafka::client_error(&config.kafka.brokers, &error, &properties))
        .context("creating the consumer of the page")?;
    let topics: HashMap<String, &'static str> = READ
        .iter()
        .map(|topic| (topic.name(&config.kafka.topic_prefix), topic.suffix()))
        .collect();
    Ok(std::thread::Builder::new()
        .name("ticker-serve-reader".into())
        .spawn(move || read(consumer, topics, shared, shutdown))?)
}

fn read(
    consumer: BaseConsumer,
    topics: HashMap<String, &'static str>,
    shared: Shared,
    shutdown: watch::Receiver<bool>,
) {
    let mut assigned: HashSet<(String, i32)> = HashSet::new();
    // The end of each partition when it was assigned: reaching all of them
    // is "caught up".
    let mut ends: HashMap<(String, i32), i64> = HashMap::new();
    let mut discovered_at: Option<Instant> = None;
    let mut all_found = false;
    let mut last_error: Option<Instant> = None;
    // New alerts whose article has not been read yet wait for it (the
    // pipeline publishes both at once, the topics arrive in any order) for
    // up to HOLD, so the live list can link the article.
    let mut held: Vec<(Instant, crate::AlertView)> = Vec::new();
    // A dropped sender is a shutdown too: a caller that unwinds must not
    // leave this thread (and whoever joins it) running for ever.
    while !*shutdown.borrow() && shutdown.has_changed().is_ok() {
        if !held.is_empty() {
            let view = shared.view.read().expect("view lock");
            held.retain(|(since, alert)| {
                if since.elapsed() < HOLD && !view.knows_article(alert) {
                    return true;
                }
                // No page open: nobody to tell.
                let _ = shared.alerts.send(view.enrich(alert));
                false
            });
        }
        if discovered_at.is_none_or(|at| at.elapsed() >= DISCOVER_EVERY) {
            discovered_at = Some(Instant::now());
            all_found = discover(&consumer, &topics, &mut assigned, &mut ends);
        }
        let wait = if held.is_empty() { 100 } else { 20 };
        let Some(result) = consumer.poll(Duration::from_millis(wait)) else {
            if all_found && ends.is_empty() {
                shared.status.caught_up.store(true, Ordering::Relaxed);
            }
            continue;
        };
        let message = match result {
            Ok(message) => message,
            Err(error) => {
                if last_error.is_none_or(|at| at.elapsed() > Duration::from_secs(30)) {
                    tracing::warn!(%error, "the page cannot read the topics (retrying)");
                    last_error = Some(Instant::now());
                }
                continue;
            }
        };
        shared.status.consumed.fetch_add(1, Ordering::Relaxed);
        let topic = message.topic();
        let key = (topic.to_string(), message.partition());
        if let Some(end) = ends.get(&key) {
            if message.offset() + 1 >= *end {
                ends.remove(&key);
            }
        }
        let (Some(suffix), Some(payload)) = (topics.get(topic), message.payload()) else {
            continue;
        };
        let alert = shared
            .view
            .write()
            .expect("view lock")
            .apply_json(suffix, payload);
        if let Some(alert) = alert {
            held.push((Instant::now(), alert));
        }
        if all_found && ends.is_empty() {
            shared.status.caught_up.store(true, Ordering::Relaxed);
        }
    }
}

/// Assigns partitions not assigned yet (from their start) and notes their
/// ends. Returns whether every topic was found.
fn discover(
    consumer: &BaseConsumer,
    topics: &HashMap<String, &'static str>,
    assigned: &mut HashSet<(String, i32)>,
    ends: &mut HashMap<(String, i32), i64>,
) -> bool {
    let timeout = Duration::from_secs(5);
    let mut all_found = true;
    let mut new = TopicPartitionList::new();
    for name in topics.keys() {
        let partitions: Vec<i32> = match consumer.fetch_metadata(Some(name), timeout) {
            Ok(metadata) => metadata
                .topics()
                .iter()
                .filter(|topic| topic.error().is_none())
                .flat_map(|topic| topic.partitions().iter().map(|p| p.id()))
                .collect(),
            Err(error) => {
                tracing::debug!(topic = %name, %error, "no metadata yet");
                Vec::new()
            }
        };
        if partitions.is_empty() {
            all_found = false;
            continue;
        }
        for partition in partitions {
            let key = (name.clone(), partition);
            if assigned.contains(&key) {
                continue;
            }
            match consumer.fetch_watermarks(name, partition, timeout) {
                Ok((low, high)) => {
                    if high > low {
                        ends.insert(key.clone(), high);
                    }
                }
                Err(error) => {
                    tracing::debug!(topic = %name, partition, %error, "no offsets yet");
                    all_found = false;
                    continue;
                }
            }
            if new
                .add_partition_offset(name, partition, Offset::Beginning)
                .is_ok()
            {
                assigned.insert(key);
            }
        }
    }
    if new.count() > 0 {
        if let Err(error) = consumer.incremental_assign(&new) {
            tracing::warn!(%error, "cannot read new partitions");
            for element in new.elements() {
                assigned.remove(&(element.topic().to_string(), element.partition()));
                ends.remove(&(element.topic().to_string(), element.partition()));
            }
            return false;
        }
    }
    all_found
}
