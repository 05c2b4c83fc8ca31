//! `ticker read`: the topics read back and printed for people.

use std::time::Duration;

use anyhow::Context as _;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::{Headers, Message};
use rdkafka::{Offset, TopicPartitionList};
use serde_json::Value;
use ticker_model::Topic;
use ticker_pipeline::Config;

pub async fn read(
    config: &Config,
    topics: &[String],
    json: bool,
    follow: bool,
) -> anyhow::Result<()> {
    let selected: Vec<Topic> = if topics.is_empty() {
        Topic::ALL.to_vec()
    } else {
        topics
            .iter()
            .map(|name| {
                Topic::ALL
                    .into_iter()
                    .find(|topic| topic.suffix() == name.trim_start_matches(&config.kafka.topic_prefix))
                    .with_context(|| format!("unknown topic {name:?}; use articles, extractions, events, claims, alerts, stories or deadletter"))
            })
            .collect::<anyhow::Result<_>>()?
    };
    let config = config.clone();
    tokio::task::spawn_blocking(move || read_blocking(&config, &selected, json, follow)).await?
}

fn read_blocking(
    config: &Config,
    topics: &[Topic],
    json: bool,
    follow: bool,
) -> anyhow::Result<()> {
    let consumer: BaseConsumer =
        ticker_kafka::client_config(&config.kafka.brokers, &config.kafka.resolved_properties()?)
            .set("group.id", "ticker-read")
            .set("enable.auto.commit", "false")
            .set("enable.partition.eof", "false")
            .create()
            .context("creating the consumer")?;
    let timeout = Duration::from_secs(10);
    for topic in topics {
        let name = topic.name(&config.kafka.topic_prefix);
        let metadata = consumer
            .fetch_metadata(Some(&name), timeout)
            .with_context(|| format!("metadata of {name}"))?;
        let partitions: Vec<i32> = metadata
            .topics()
            .iter()
            .flat_map(|t| t.partitions().iter().map(|p| p.id()))
            .collect();
        let mut ends = Vec::new();
        let mut assignment = TopicPartitionList::new();
        for partition in &partitions {
            let (low, high) = consumer
                .fetch_watermarks(&name, *partition, timeout)
                .with_context(|| format!("offsets of {name}/{partition}"))?;
            if high > low || follow {
                assignment.add_partition_offset(&name, *partition, Offset::Offset(low))?;
                ends.push((*partition, high));
            }
        }
        if !json {
            let total: i64 = ends.iter().map(|(_, high)| high).sum();
            println!("\n=== {name} ({total} record(s)) ===");
        }
        if ends.is_empty() {
            continue;
        }
        consumer.assign(&assignment)?;
        let mut remaining: std::collections::HashMap<i32, i64> = ends.into_iter().collect();
        // A busy broker may pause; only a long silence is an error.
        let mut silent = 0;
        while follow || remaining.values().any(|high| *high > 0) {
            let Some(message) = consumer.poll(Duration::from_secs(5)) else {
                silent += 1;
                if follow || silent < 6 {
                    continue;
                }
                anyhow::bail!("no record from {name} within 30 s although the broker reports more");
            };
            silent = 0;
            let message = message?;
            if let Some(high) = remaining.get_mut(&message.partition()) {
                if message.offset() + 1 >= *high {
                    *high = 0;
                }
            }
            let payload = message.payload().unwrap_or_default();
            let headers: Vec<(String, String)> = message
                .headers()
                .map(|headers| {
                    headers
                        .iter()
                        .map(|h| {
                            (
                                h.key.to_string(),
                                String::from_utf8_lossy(h.value.unwrap_or_default()).into_owned(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            if json {
                println!("{}", String::from_utf8_lossy(payload));
            } else {
                print_record(*topic, payload, &headers);
            }
        }
    }
    Ok(())
}

fn text(value: &Value, key: &str) -> String {
    match &value[key] {
        Value::String(s) => s.clone(),
        Value::Null => "-".to_string(),
        other => other.to_string(),
    }
}

fn print_record(topic: Topic, payload: &[u8], headers: &[(String, String)]) {
    let Ok(value) = serde_json::from_slice::<Value>(payload) else {
        let header = |key: &str| {
            headers
                .iter()
                .find(|(k, _)| k == key)
                .map_or("-", |(_, v)| v.as_str())
                .to_string()
        };
        println!(
            "- [{}] {} — {}",
            header("ticker_stage"),
            header("ticker_input"),
            header("ticker_error")
        );
        return;
    };
    match topic {
        Topic::Articles => {
            println!(
                "\n## {} [{}] ({} words, {}, rev {})",
                text(&value, "title"),
                text(&value, "article_id"),
                text(&value, "word_count"),
                text(&value, "language"),
                text(&value, "revision")
            );
            println!(
                "   {} | published {}",
                text(&value, "url"),
                text(&value, "published_at")
            );
            for paragraph in text(&value, "text").split("\n\n") {
                println!("   {paragraph}");
            }
        }
        Topic::Extractions => {
            println!("\n## extraction of {}", text(&value, "article_id"));
            let empty = Vec::new();
            let entities: Vec<String> = value["entities"]
                .as_array()
                .unwrap_or(&empty)
                .iter()
                .map(|e| {
                    format!(
                        "{} ({}, {}x)",
                        text(e, "name"),
                        text(e, "type"),
                        e["mentions"].as_array().map_or(0, Vec::len)
                    )
                })
                .collect();
            println!("   entities: {}", entities.join("; "));
            for quantity in value["quantities"].as_array().unwrap_or(&empty) {
                println!(
                    "   quantity: {:?} = {} [{}] {} {}",
                    text(quantity, "text"),
                    text(quantity, "value"),
                    text(quantity, "hedge"),
                    text(quantity, "category"),
                    text(quantity, "unit")
                );
            }
            for quote in value["quotes"].as_array().unwrap_or(&empty) {
                let direct = if quote["direct"].as_bool() == Some(true) {
                    "direct"
                } else {
                    "reported"
                };
                println!(
                    "   quote ({direct}): «{}» — {} ({})",
                    text(quote, "text"),
                    text(quote, "speaker_text"),
                    text(quote, "cue")
                );
            }
            for date in value["dates"].as_array().unwrap_or(&empty) {
                // Records written before `kind` existed name days.
                let kind = date["kind"].as_str().unwrap_or("date");
                println!(
                    "   {kind}: {:?} → {}",
                    text(date, "text"),
                    text(date, "value")
                );
            }
        }
        Topic::Events => println!(
            "- event {} [{}] trigger {:?}, time {}, attribution {}",
            text(&value, "type"),
            text(&value, "article_id"),
            text(&value, "trigger"),
            text(&value, "time"),
            text(&value, "attribution")
        ),
        Topic::Claims => println!(
            "- claim {}: {} {} = {} ({}, sources {})",
            text(&value, "kind"),
            text(&value, "subject"),
            text(&value, "predicate"),
            text(&value, "value"),
            text(&value, "status"),
            text(&value, "sources")
        ),
        Topic::Alerts => println!("- ALERT {}", text(&value, "summary")),
        Topic::Stories => println!(
            "- story {} — {} articles, {} sources",
            text(&value, "label"),
            text(&value, "article_count"),
            text(&value, "source_count")
        ),
        Topic::Deadletter => println!("- {}", String::from_utf8_lossy(payload)),
        // Between roles (not offered by `ticker read`, printed if asked).
        Topic::Deliveries => println!(
            "- to {}: alert {} (attempts {})",
            text(&value, "sink"),
            text(&value, "alert_id"),
            text(&value, "attempts")
        ),
        Topic::Pages | Topic::Processed | Topic::StoryState | Topic::Sources => {
            println!("- {} bytes", payload.len())
        }
    }
}
