//! Alerts that reach people: watchlist rules (`[[watches]]`) route alerts
//! to HTTP sinks (`[[sinks]]`: a generic signed webhook, Slack and
//! Mattermost incoming webhooks), besides the alerts topic.
//!
//! Delivery is at least once. When an article's records are acknowledged
//! by Kafka, its alerts that a watch matches are queued per sink in the
//! state store (same key for the same sink and alert id, so a replay adds
//! nothing); a delivery task sends what is due, removes it on a 2xx
//! answer, and otherwise waits longer after each failure, until a sink's
//! `max_attempts`, when the alert becomes a dead letter with stage
//! `notify`. A restart picks up what is still queued. Receivers drop
//! repeats by the alert id (`X-Ticker-Alert-Id`, and `alert_id` in the
//! webhook body).

use sha2::{Digest, Sha256};
use ticker_fetch::HttpClient;
use ticker_model::{Alert, AlertReason, Extraction, Story};

use crate::config::{SinkConfig, SinkKind, WatchConfig};
use crate::state::Delivery;
use crate::Config;

/// The configured sinks with their secrets, and the client that reaches
/// them (their hosts are the operator's own, so they may be private).
pub struct Sinks {
    sinks: Vec<(SinkConfig, Option<String>)>,
    client: HttpClient,
}

/// What follows a refused attempt.
#[derive(Debug)]
pub enum Refused {
    /// The sink's last attempt: the delivery becomes this dead letter.
    DeadLetter(ticker_kafka::DeadLetter),
    /// Try again after this many milliseconds.
    RetryInMs(i64),
    /// No sink of that id is configured (any more).
    NoSink,
}

/// What one attempt to deliver got.
#[derive(Debug, PartialEq)]
pub enum Sent {
    /// The sink answered 2xx.
    Taken,
    /// The sink refused or could not be reached: why.
    Failed(String),
    /// No sink of that id is configured (any more).
    NoSink,
}

impl Sinks {
    /// The sinks of `config`, their secrets read.
    pub fn from_config(config: &Config) -> anyhow::Result<Sinks> {
        Ok(Sinks {
            sinks: config
                .sinks
                .iter()
                .map(|sink| Ok((sink.clone(), sink.resolved_secret()?)))
                .collect::<Result<_, crate::ConfigError>>()?,
            client: HttpClient::new(ticker_fetch::FetchLimits {
                trusted_hosts: config
                    .sinks
                    .iter()
                    .filter_map(|sink| url::Url::parse(&sink.url).ok())
                    .filter_map(|url| url.host_str().map(str::to_ascii_lowercase))
                    .collect(),
                ..config.fetch.limits()
            })?,
        })
    }

    /// Whether any sink is configured.
    pub fn is_empty(&self) -> bool {
        self.sinks.is_empty()
    }

    /// A configured sink by id.
    pub fn sink(&self, id: &str) -> Option<&SinkConfig> {
        self.sinks
            .iter()
            .find(|(sink, _)| sink.id == id)
            .map(|(sink, _)| sink)
    }

    /// The deliveries an assignment's alerts make under `watches` (see
    /// [`article_deliveries`]).
    pub fn deliveries(
        &self,
        watches: &[WatchConfig],
        article: &ticker_model::Article,
        assignment: &ticker_stories::Assignment,
        now_ms: i64,
    ) -> Vec<Delivery> {
        article_deliveries(
            watches,
            |id| self.sink(id).map(|sink| sink.kind),
            article,
            assignment,
            now_ms,
        )
    }

    /// What follows the refusal (for `reason`) of `delivery`, whose
    /// `attempts` counts the refused one: a dead letter with stage
    /// `notify` after the sink's `max_attempts`, else the back-off.
    pub fn refused(&self, delivery: &Delivery, reason: &str) -> Refused {
        let Some(sink) = self.sink(&delivery.sink) else {
            return Refused::NoSink;
        };
        if delivery.attempts < sink.max_attempts {
            return Refused::RetryInMs(backoff_ms(sink.retry_base_ms, delivery.attempts));
        }
        tracing::warn!(sink = %sink.id, alert_id = %delivery.alert_id, %reason, "the sink kept refusing the alert; dead letter");
        Refused::DeadLetter(ticker_kafka::DeadLetter {
            stage: ticker_kafka::Stage::Notify,
            error: format!(
                "sink {} refused alert {} {} times, last: {reason}",
                sink.id, delivery.alert_id, delivery.attempts
            ),
            input: ticker_fetch::redact_url(&sink.url),
            payload: serde_json::to_vec(&delivery.body).unwrap_or_default(),
        })
    }

    /// One attempt: posts the delivery's body to its sink, signed when the
    /// sink has a secret, with the alert id in `X-Ticker-Alert-Id`.
    pub async fn send(&self, delivery: &Delivery) -> Sent {
        let Some((sink, secret)) = self.sinks.iter().find(|(sink, _)| sink.id == delivery.sink)
        else {
            return Sent::NoSink;
        };
        let body = match serde_json::to_vec(&delivery.body) {
            Ok(body) => body,
            Err(error) => return Sent::Failed(error.to_string()),
        };
        let mut headers = vec![("x-ticker-alert-id", delivery.alert_id.clone())];
        if let Some(secret) = secret {
            let signature = signature(secret.as_bytes(), &body);
            headers.push(("x-ticker-signature", format!("sha256={signature}")));
        }
        match self.client.post_json(&sink.url, body, &headers).await {
            Ok(status) if (200..300).contains(&status) => Sent::Taken,
            Ok(status) => Sent::Failed(format!("HTTP {status}")),
            Err(error) => Sent::Failed(error.to_string()),
        }
    }
}

/// Everything a watch may look at besides the alert.
pub struct AlertContext<'a> {
    /// The story the alert is about.
    pub story: &'a Story,
    /// The extraction that raised it (its claims give the category).
    pub extraction: &'a Extraction,
    /// The article's language.
    pub language: Option<&'a str>,
    /// The article's URL and title, for the message.
    pub url: Option<&'a str>,
    /// The article's title.
    pub title: &'a str,
}

fn fold(text: &str) -> String {
    ticker_extract::entities::fold(text)
}

/// Whether `watch` takes `alert`.
pub fn matches(watch: &WatchConfig, alert: &Alert, context: &AlertContext<'_>) -> bool {
    let category = category(alert, context);
    let reason = reason(alert);
    let entity_ok = watch.entities.is_empty()
        || watch.entities.iter().any(|wanted| {
            let wanted = fold(wanted);
            context
                .story
                .top_entities
                .iter()
                .any(|entity| fold(&entity.name) == wanted)
                || context
                    .extraction
                    .entities
                    .iter()
                    .any(|entity| fold(&entity.name) == wanted)
        });
    let label_ok = watch.label_words.is_empty()
        || watch.label_words.iter().any(|word| {
            let word = fold(word);
            context
                .story
                .label
                .split(|c: char| !c.is_alphanumeric())
                .any(|part| fold(part) == word)
        });
    let category_ok = watch.categories.is_empty()
        || category.is_some_and(|category| watch.categories.iter().any(|c| c == category));
    let reason_ok = watch.reasons.is_empty() || watch.reasons.iter().any(|r| r == reason);
    let language_ok = watch.languages.is_empty()
        || context
            .language
            .is_some_and(|language| watch.languages.iter().any(|l| l == language));
    let change_ok = match (watch.min_change, alert.reason, &alert.previous) {
        (Some(minimum), AlertReason::ValueChanged, Some(previous)) => {
            match (number(previous), number(&alert.current)) {
                (Some(before), Some(now)) if before != 0.0 => {
                    ((now - before) / before).abs() >= minimum
                }
                _ => true,
            }
        }
        _ => true,
    };
    entity_ok && label_ok && category_ok && reason_ok && language_ok && change_ok
}

fn reason(alert: &Alert) -> &'static str {
    match alert.reason {
        AlertReason::NewClaim => "new_claim",
        AlertReason::ValueChanged => "value_changed",
    }
}

fn category<'a>(alert: &Alert, context: &'a AlertContext<'_>) -> Option<&'a str> {
    context
        .extraction
        .claims
        .iter()
        .find(|claim| claim.claim_id == alert.claim_id)
        .map(|claim| claim.predicate.as_str())
}

/// The first number in a claim's value ("164", "~10000", "2022-01-19" is none).
fn number(value: &str) -> Option<f64> {
    let digits: String = value
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    if value.contains('-') && value.chars().filter(|c| *c == '-').count() >= 2 {
        return None;
    }
    digits.parse().ok()
}

/// The deliveries the alerts of `article`'s assignment make under
/// `watches` (the story, extraction, language, link and title are what
/// the watches look at and the sinks are sent).
pub fn article_deliveries(
    watches: &[WatchConfig],
    sink_kind: impl Fn(&str) -> Option<SinkKind>,
    article: &ticker_model::Article,
    assignment: &ticker_stories::Assignment,
    now_ms: i64,
) -> Vec<Delivery> {
    if watches.is_empty() || assignment.alerts.is_empty() {
        return Vec::new();
    }
    let context = AlertContext {
        story: &assignment.story,
        extraction: &assignment.extraction,
        language: article.language.as_deref(),
        url: article.url.as_deref(),
        title: &article.title,
    };
    deliveries(watches, sink_kind, &assignment.alerts, &context, now_ms)
}

/// The deliveries `alerts` make under `watches`: one per sink and alert.
/// `sink_kind` tells the kind of a configured sink by its id.
pub fn deliveries(
    watches: &[WatchConfig],
    sink_kind: impl Fn(&str) -> Option<SinkKind>,
    alerts: &[Alert],
    context: &AlertContext<'_>,
    now_ms: i64,
) -> Vec<Delivery> {
    let mut out: Vec<Delivery> = Vec::new();
    for alert in alerts {
        for watch in watches
            .iter()
            .filter(|watch| matches(watch, alert, context))
        {
            for sink in &watch.sinks {
                let Some(kind) = sink_kind(sink) else {
                    continue;
                };
                if out
                    .iter()
                    .any(|d| &d.sink == sink && d.alert_id == alert.alert_id)
                {
                    continue;
                }
                out.push(Delivery {
                    sink: sink.clone(),
                    alert_id: alert.alert_id.clone(),
                    body: body(kind, alert, context),
                    attempts: 0,
                    next_at_ms: now_ms,
                    last_error: None,
                });
            }
        }
    }
    out
}

/// What a sink of `kind` gets for `alert`.
pub fn body(kind: SinkKind, alert: &Alert, context: &AlertContext<'_>) -> serde_json::Value {
    match kind {
        SinkKind::Webhook => serde_json::json!({
            "alert_id": alert.alert_id,
            "reason": reason(alert),
            "summary": alert.summary,
            "previous": alert.previous,
            "current": alert.current,
            "category": category(alert, context),
            "story_id": alert.story_id,
            "story_label": context.story.label,
            "article_id": alert.article_id,
            "article_url": context.url,
            "article_title": context.title,
            "claim_id": alert.claim_id,
            "language": context.language,
        }),
        SinkKind::Slack | SinkKind::Mattermost => {
            let link = match context.url {
                Some(url) => format!("<{url}|{}>", context.title),
                None => context.title.to_string(),
            };
            serde_json::json!({
                "text": format!("*{}*: {} ({link})", context.story.label, alert.summary),
            })
        }
    }
}

/// HMAC-SHA256 of `message` under `key`, as lower-case hex.
pub fn signature(key: &[u8], message: &[u8]) -> String {
    const BLOCK: usize = 64;
    let mut block = [0u8; BLOCK];
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.map(|b| b ^ byte);
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(message)
        .finalize();
    let outer = Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize();
    hex::encode(outer)
}

/// The wait before attempt `attempts + 1`: `base` doubled per failure, at
/// most ten minutes.
pub fn backoff_ms(base: u64, attempts: u32) -> i64 {
    let factor = 1u64 << attempts.saturating_sub(1).min(20);
    (base.saturating_mul(factor)).min(600_000) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_sha256_matches_the_rfc_4231_vector() {
        // RFC 4231, test case 2.
        assert_eq!(
            signature(b"Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: a key longer than the block.
        assert_eq!(
            signature(
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            ),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn backoff_doubles_up_to_ten_minutes() {
        assert_eq!(backoff_ms(1000, 1), 1000);
        assert_eq!(backoff_ms(1000, 2), 2000);
        assert_eq!(backoff_ms(1000, 4), 8000);
        assert_eq!(backoff_ms(1000, 30), 600_000);
    }

    #[test]
    fn numbers_of_claim_values() {
        assert_eq!(number("164"), Some(164.0));
        assert_eq!(number("~10000"), Some(10000.0));
        assert_eq!(number("2022-01-19"), None);
    }
}
