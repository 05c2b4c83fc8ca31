//! Topic administration: many brokers do not auto-create topics, so the
//! pipeline creates its own at start, with partitions, replication and
//! compaction from the configuration.

use std::time::Duration;

use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::types::RDKafkaErrorCode;
use ticker_model::Topic;

use crate::KafkaError;

/// How the pipeline's topics are created.
#[derive(Debug, Clone)]
pub struct TopicSettings {
    /// Bootstrap servers, `host:port[,host:port]`.
    pub brokers: String,
    /// Prefix of every topic name (`ticker.`).
    pub prefix: String,
    /// Partitions per topic.
    pub partitions: i32,
    /// Replication factor per topic.
    pub replication: i32,
    /// Retention of the non-compacted topics, in milliseconds (-1: forever).
    pub retention_ms: i64,
}

/// Creates every missing ticker topic and returns the full names of those
/// it created (existing topics are left as they are).
pub async fn ensure_topics(settings: &TopicSettings) -> Result<Vec<String>, KafkaError> {
    let admin: AdminClient<DefaultClientContext> = ClientConfig::new()
        .set("bootstrap.servers", &settings.brokers)
        .set("socket.timeout.ms", "10000")
        .create()
        .map_err(|source| crate::client_error(&settings.brokers, &source, &Default::default()))?;
    let names: Vec<(Topic, String)> = Topic::ALL
        .iter()
        .map(|topic| (*topic, topic.name(&settings.prefix)))
        .collect();
    let retention = settings.retention_ms.to_string();
    let new_topics: Vec<NewTopic<'_>> = names
        .iter()
        .map(|(topic, name)| {
            let new_topic = NewTopic::new(
                name,
                settings.partitions,
                TopicReplication::Fixed(settings.replication),
            );
            if topic.compacted() {
                new_topic.set("cleanup.policy", "compact")
            } else {
                new_topic.set("retention.ms", &retention)
            }
        })
        .collect();
    let options = AdminOptions::new().operation_timeout(Some(Duration::from_secs(15)));
    let results = admin
        .create_topics(new_topics.iter(), &options)
        .await
        .map_err(|error| KafkaError::Admin {
            action: "create topics",
            brokers: settings.brokers.clone(),
            reason: error.to_string(),
        })?;
    let mut created = Vec::new();
    for result in results {
        match result {
            Ok(name) => created.push(name),
            Err((_, RDKafkaErrorCode::TopicAlreadyExists)) => {}
            Err((name, code)) => {
                return Err(KafkaError::Admin {
                    action: "create topics",
                    brokers: settings.brokers.clone(),
                    reason: format!("topic {name}: {code}"),
                })
            }
        }
    }
    Ok(created)
}

/// Lists the topics on the cluster with their partition counts.
pub fn list_topics(brokers: &str, timeout: Duration) -> Result<Vec<(String, usize)>, KafkaError> {
    let consumer: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .create()
        .map_err(|source| crate::client_error(brokers, &source, &Default::default()))?;
    let metadata = consumer
        .fetch_metadata(None, timeout)
        .map_err(|error| KafkaError::Admin {
            action: "list topics",
            brokers: brokers.to_string(),
            reason: error.to_string(),
        })?;
    let mut topics: Vec<(String, usize)> = metadata
        .topics()
        .iter()
        .map(|topic| (topic.name().to_string(), topic.partitions().len()))
        .collect();
    topics.sort();
    Ok(topics)
}
