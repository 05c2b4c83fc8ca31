//! Publishing ticker's records to Kafka.
//!
//! [`Publisher`] wraps one idempotent librdkafka producer (acks=all,
//! `enable.idempotence=true`, which librdkafka does not enable by default)
//! and knows the topic prefix. Records go out as JSON with their key and
//! CloudEvents headers in binary mode (`ce_id`, `ce_source`, `ce_type`,
//! `ce_time`, `ce_specversion`, `content-type`).
//!
//! Delivery is tracked per batch: [`Publisher::publish_batch`] returns only
//! when the broker acknowledged every record of the batch, and reports the
//! first failure otherwise. Callers mark their work done (a feed entry seen)
//! only after that, which gives at-least-once delivery end to end. A full
//! local queue (`QueueFull`) is waited out, never turned into an error, so a
//! slow or absent broker backs the pipeline up instead of losing records.

#![deny(missing_docs)]

mod admin;
mod publisher;

pub use admin::{client_config, ensure_topic_set, ensure_topics, list_topics, TopicSettings};
pub use publisher::{DeadLetter, Outgoing, Publisher, PublisherConfig, Stage, SHORT_LINGER_MS};

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
pub enum KafkaError {
    /// The client could not be created (bad configuration).
    #[error("cannot create the Kafka client for {brokers}: {reason}")]
    Client {
        /// The bootstrap servers.
        brokers: String,
        /// What librdkafka said, with the values of the configured
        /// properties blotted out (it quotes the value it refuses, which
        /// may be a password).
        reason: String,
    },
    /// The broker did not acknowledge a record.
    #[error("record for topic {topic} (key {key}) was not delivered: {source}")]
    Delivery {
        /// Full topic name.
        topic: String,
        /// Record key.
        key: String,
        /// The librdkafka error.
        source: Box<rdkafka::error::KafkaError>,
    },
    /// Topic administration failed.
    #[error("cannot {action} on {brokers}: {reason}")]
    Admin {
        /// What was attempted.
        action: &'static str,
        /// The bootstrap servers.
        brokers: String,
        /// Why it failed.
        reason: String,
    },
    /// A record could not be serialised.
    #[error("cannot serialise a {kind} record: {source}")]
    Serialise {
        /// The record schema.
        kind: &'static str,
        /// The serde error.
        source: serde_json::Error,
    },
}

impl KafkaError {
    /// Whether retrying later can succeed (the broker is away, a queue is
    /// full, a timeout) rather than the input or configuration being wrong.
    pub fn is_retryable(&self) -> bool {
        match self {
            KafkaError::Delivery { source, .. } => !matches!(
                source.rdkafka_error_code(),
                Some(
                    rdkafka::types::RDKafkaErrorCode::MessageSizeTooLarge
                        | rdkafka::types::RDKafkaErrorCode::InvalidRecord
                        | rdkafka::types::RDKafkaErrorCode::TopicAuthorizationFailed
                        | rdkafka::types::RDKafkaErrorCode::UnknownTopicOrPartition
                )
            ),
            KafkaError::Admin { .. } => true,
            KafkaError::Client { .. } | KafkaError::Serialise { .. } => false,
        }
    }
}

/// A client-creation error whose message names no value of `properties`.
pub fn client_error(
    brokers: &str,
    source: &rdkafka::error::KafkaError,
    properties: &std::collections::BTreeMap<String, String>,
) -> KafkaError {
    let mut reason = source.to_string();
    for value in properties.values().filter(|value| value.len() >= 3) {
        reason = reason.replace(value.as_str(), "<redacted>");
    }
    KafkaError::Client {
        brokers: brokers.to_string(),
        reason,
    }
}
