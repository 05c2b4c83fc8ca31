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
#[derive(Clone)]
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
    /// Further librdkafka properties (security, SASL), as for the producer.
    pub properties: std::collections::BTreeMap<String, String>,
}

impl std::fmt::Debug for TopicSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The properties may hold passwords: their names only.
        f.debug_struct("TopicSettings")
            .field("brokers", &self.brokers)
            .field("prefix", &self.prefix)
            .field("partitions", &self.partitions)
            .field("replication", &self.replication)
            .field("retention_ms", &self.retention_ms)
            .field("properties", &self.properties.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// A client configuration for `brokers` with the configured `properties`
/// (security, SASL) applied, for the admin client and consumers.
pub fn client_config(
    brokers: &str,
    properties: &std::collections::BTreeMap<String, String>,
) -> ClientConfig {
    let mut config = ClientConfig::new();
    config.set("bootstrap.servers", brokers);
    for (key, value) in properties {
        config.set(key, value);
    }
    config
}

/// Creates every missing ticker topic and returns the full names of those
/// it created (existing topics are left as they are).
pub async fn ensure_topics(settings: &TopicSettings) -> Result<Vec<String>, KafkaError> {
    ensure_topic_set(settings, &Topic::ALL).await
}

/// Creates the missing ones of `topics` (partitions from the settings
/// unless the topic fixes its own) and returns the names it created.
pub async fn ensure_topic_set(
    settings: &TopicSettings,
    topics: &[Topic],
) -> Result<Vec<String>, KafkaError> {
    let admin: AdminClient<DefaultClientContext> =
        client_config(&settings.brokers, &settings.properties)
            .set("socket.timeout.ms", "10000")
            .create()
            .map_err(|source| {
                crate::client_error(&settings.brokers, &source, &settings.properties)
            })?;
    let names: Vec<(Topic, String)> = topics
        .iter()
        .map(|topic| (*topic, topic.name(&settings.prefix)))
        .collect();
    let retention = settings.retention_ms.to_string();
    let new_topics: Vec<NewTopic<'_>> = names
        .iter()
        .map(|(topic, name)| {
            let new_topic = NewTopic::new(
                name,
                topic.fixed_partitions().unwrap_or(settings.partitions),
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
pub fn list_topics(
    brokers: &str,
    properties: &std::collections::BTreeMap<String, String>,
    timeout: Duration,
) -> Result<Vec<(String, usize)>, KafkaError> {
    let consumer: BaseConsumer = client_config(brokers, properties)
        .create()
        .map_err(|source| crate::client_error(brokers, &source, properties))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_admin_client_takes_the_configured_properties_and_never_echoes_them() {
        let settings = TopicSettings {
            brokers: "127.0.0.1:1".to_string(),
            prefix: "t.".to_string(),
            partitions: 1,
            replication: 1,
            retention_ms: -1,
            properties: [(
                "security.protocol".to_string(),
                "no-such-protocol".to_string(),
            )]
            .into(),
        };
        // A property librdkafka refuses fails the client before any
        // connection: so the property reached it.
        let error = ensure_topics(&settings).await.unwrap_err().to_string();
        assert!(error.contains("security.protocol"), "{error}");
        assert!(!error.contains("no-such-protocol"), "{error}");
        assert!(!format!("{settings:?}").contains("no-such-protocol"));
        let error = list_topics(
            &settings.brokers,
            &settings.properties,
            Duration::from_secs(1),
        )
        .unwrap_err()
        .to_string();
        assert!(error.contains("security.protocol"), "{error}");
    }
}
