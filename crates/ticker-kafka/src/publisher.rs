//! The idempotent producer and batch delivery tracking.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use futures::future::join_all;
use rdkafka::config::ClientConfig;
use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord, Producer};
use rdkafka::util::Timeout;
use ticker_model::{records::Record, Topic};

use crate::KafkaError;

/// Producer settings.
#[derive(Debug, Clone)]
pub struct PublisherConfig {
    /// Bootstrap servers, `host:port[,host:port]`.
    pub brokers: String,
    /// Prefix of every topic name (`ticker.`).
    pub prefix: String,
    /// The CloudEvents `ce_source` of every record (`ticker/<instance>`).
    pub ce_source: String,
    /// How long librdkafka keeps retrying one record before reporting it
    /// failed, in milliseconds.
    pub message_timeout_ms: u64,
    /// `compression.type`: none, gzip, snappy, lz4 or zstd.
    pub compression: String,
    /// `linger.ms`: how long the producer gathers records into a batch. A
    /// caller that waits for each acknowledgement before its next record
    /// wants it short; one that keeps many deliveries open gets fewer,
    /// larger batches (less broker work per record) from a longer one.
    pub linger_ms: u32,
    /// Further librdkafka properties, passed through as they are (they
    /// override the settings above).
    pub extra: BTreeMap<String, String>,
}

/// The `linger.ms` of a publisher whose callers wait for each batch.
pub const SHORT_LINGER_MS: u32 = 5;

/// One record ready to be produced.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// Which topic.
    pub topic: Topic,
    /// Message key.
    pub key: String,
    /// JSON payload.
    pub payload: Vec<u8>,
    /// CloudEvents id (stable for the same record).
    pub ce_id: String,
    /// CloudEvents type.
    pub ce_type: &'static str,
    /// Extra headers (dead letters carry stage and error here).
    pub headers: Vec<(String, String)>,
}

impl Outgoing {
    /// Serialises a record with its key and ids.
    pub fn from_record<R: Record>(record: &R) -> Result<Self, KafkaError> {
        let payload = serde_json::to_vec(record).map_err(|source| KafkaError::Serialise {
            kind: R::SCHEMA,
            source,
        })?;
        Ok(Outgoing {
            topic: R::TOPIC,
            key: record.key().to_string(),
            payload,
            ce_id: record.record_id(),
            ce_type: R::EVENT_TYPE,
            headers: Vec::new(),
        })
    }
}

/// The stage where an input failed, written as the dead letter's
/// `ticker_stage` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Fetching the page (HTTP errors, limits, refused addresses, not a page).
    Fetch,
    /// The site's robots.txt disallows the page.
    Robots,
    /// The page or text gives no article.
    Normalize,
    /// Processing panicked (a bug): the entry is done.
    Panic,
    /// A local file could not be read.
    Read,
    /// A local file's content does not parse (a bad JSON line).
    Parse,
    /// An alert that a sink kept refusing.
    Notify,
}

impl Stage {
    /// The header value: `fetch`, `robots`, `normalize`, `panic`, `read`,
    /// `parse`, `notify`.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Fetch => "fetch",
            Stage::Robots => "robots",
            Stage::Normalize => "normalize",
            Stage::Panic => "panic",
            Stage::Read => "read",
            Stage::Parse => "parse",
            Stage::Notify => "notify",
        }
    }
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What could not be processed, for `ticker.deadletter`.
#[derive(Debug, Clone)]
pub struct DeadLetter {
    /// The stage that failed.
    pub stage: Stage,
    /// The error, as a user reads it.
    pub error: String,
    /// What failed: a URL, a file path, a feed.
    pub input: String,
    /// The raw input, when there is one worth keeping (capped by the caller).
    pub payload: Vec<u8>,
}

impl DeadLetter {
    /// Turns the dead letter into a record keyed by its input.
    pub fn into_outgoing(self) -> Outgoing {
        let ce_id = ticker_model::short_id([
            self.stage.as_str(),
            self.input.as_str(),
            self.error.as_str(),
        ]);
        Outgoing {
            topic: Topic::Deadletter,
            key: self.input.clone(),
            payload: self.payload,
            ce_id,
            ce_type: "ticker.deadletter.v1",
            headers: vec![
                ("ticker_stage".to_string(), self.stage.as_str().to_string()),
                ("ticker_error".to_string(), self.error),
                ("ticker_input".to_string(), self.input),
            ],
        }
    }
}

/// An idempotent producer bound to ticker's topics.
pub struct Publisher {
    producer: FutureProducer,
    config: PublisherConfig,
}

impl Publisher {
    /// Creates the producer. Nothing is sent yet; a broker that is down
    /// shows up as delivery errors later, not here.
    pub fn new(config: PublisherConfig) -> Result<Self, KafkaError> {
        let mut client = ClientConfig::new();
        client
            .set("bootstrap.servers", &config.brokers)
            .set("enable.idempotence", "true")
            .set("acks", "all")
            .set("compression.type", &config.compression)
            .set("message.timeout.ms", config.message_timeout_ms.to_string())
            .set("linger.ms", config.linger_ms.to_string())
            .set("client.id", "ticker");
        for (key, value) in &config.extra {
            client.set(key, value);
        }
        let producer = client
            .create()
            .map_err(|source| crate::client_error(&config.brokers, &source, &config.extra))?;
        Ok(Publisher { producer, config })
    }

    /// The full name of a topic.
    pub fn topic_name(&self, topic: Topic) -> String {
        topic.name(&self.config.prefix)
    }

    /// Produces every record and waits for all acknowledgements. Returns
    /// the first delivery error, if any; records of the batch that did get
    /// through stay delivered (keys and ids make the retry idempotent for
    /// consumers).
    pub async fn publish_batch(&self, batch: &[Outgoing]) -> Result<(), KafkaError> {
        let now = Utc::now();
        let sends = batch.iter().map(|record| self.send_one(record, now));
        let results = join_all(sends).await;
        results.into_iter().collect::<Result<Vec<()>, _>>()?;
        Ok(())
    }

    /// Publishes one dead letter and waits for it.
    pub async fn dead_letter(&self, letter: DeadLetter) -> Result<(), KafkaError> {
        self.publish_batch(&[letter.into_outgoing()]).await
    }

    async fn send_one(&self, record: &Outgoing, now: DateTime<Utc>) -> Result<(), KafkaError> {
        let topic = self.topic_name(record.topic);
        let time = now.to_rfc3339_opts(SecondsFormat::Millis, true);
        let mut headers = OwnedHeaders::new_with_capacity(6 + record.headers.len())
            .insert(header("ce_specversion", "1.0"))
            .insert(header("ce_id", &record.ce_id))
            .insert(header("ce_source", &self.config.ce_source))
            .insert(header("ce_type", record.ce_type))
            .insert(header("ce_time", &time))
            .insert(header("content-type", content_type(record.topic)));
        for (key, value) in &record.headers {
            headers = headers.insert(header(key, value));
        }
        let message = FutureRecord::to(&topic)
            .key(record.key.as_bytes())
            .payload(&record.payload)
            .headers(headers);
        // Timeout::Never: a full local queue is waited out (backpressure).
        match self.producer.send(message, Timeout::Never).await {
            Ok(_) => Ok(()),
            Err((source, _message)) => Err(KafkaError::Delivery {
                topic,
                key: record.key.clone(),
                source: Box::new(source),
            }),
        }
    }

    /// Waits up to `timeout` for records still in flight (shutdown).
    pub fn flush(&self, timeout: Duration) -> Result<(), KafkaError> {
        self.producer
            .flush(timeout)
            .map_err(|source| KafkaError::Delivery {
                topic: "*".to_string(),
                key: "*".to_string(),
                source: Box::new(source),
            })
    }
}

fn header<'a>(key: &'a str, value: &'a str) -> Header<'a, &'a str> {
    Header {
        key,
        value: Some(value),
    }
}

fn content_type(topic: Topic) -> &'static str {
    match topic {
        Topic::Deadletter => "application/octet-stream",
        _ => "application/json",
    }
}
