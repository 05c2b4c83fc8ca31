//! The page alone under load (`make bench-serve`): publishes 10,000
//! one-article stories and one 500-article story (articles, extractions,
//! claims, story records) into fresh topics of a running broker, starts
//! `ticker serve` on them as its own process, and reports
//!
//! - how long the page took to read them, and its resident memory (RSS now
//!   and peak, from /proc);
//! - the time to answer the 500-article story page over loopback (p50,
//!   p99 of 50 requests);
//! - for 20 alerts published one at a time: the time from Kafka's
//!   acknowledgement of the alert to its arrival on an open event stream
//!   (p50, max).
//!
//! Usage: ticker-serve-load PATH/TO/ticker [BROKERS]

use std::process::Stdio;
use std::time::{Duration, Instant};

use futures::StreamExt;
use rdkafka::producer::{FutureProducer, FutureRecord};
use serde_json::{json, Value};
use ticker_model::Topic;

const STORIES: usize = 10_000;
const BIG: usize = 500;

fn records(prefix: &str) -> Vec<(String, String, Vec<u8>)> {
    let base = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap();
    let mut out = Vec::new();
    let mut add = |story: &str, n: usize, start: usize| {
        for i in 0..n {
            let id = format!("{story}-{i}");
            let fetched = (base + chrono::Duration::seconds((start + i) as i64 * 7)).to_rfc3339();
            let article = json!({
                "schema": "ticker.article/1", "article_id": id, "revision": 1,
                "url": format!("https://news{}.example/politik/{id}.html", i % 40), "canonical_url": null,
                "source": {"id": format!("source-{}", (start + i) % 300), "kind": "feed", "url": "https://news.example/rss"},
                "title": format!("Regierung kündigt nach Protesten in der Hauptstadt neue Maßnahmen an ({id})"),
                "lead": null, "text": "Text.", "language": "de", "authors": [], "published_at": fetched,
                "modified_at": null, "fetched_at": fetched, "word_count": 400, "content_hash": "00",
                "simhash": "00", "section": null, "keywords": [], "image": null, "paywalled": false,
                "page_kind": "article"
            });
            out.push((
                Topic::Articles.name(prefix),
                id.clone(),
                article.to_string().into_bytes(),
            ));
            let entities: Vec<Value> = (0..8)
                .map(|e| json!({"entity_id": format!("e{}", (start + i + e) % 5000), "type": "PER",
                    "name": format!("Person {}", (start + i + e) % 5000), "mentions": [{"text": "x", "start": 0, "end": 1}]}))
                .collect();
            let extraction = json!({
                "schema": "ticker.extraction/1", "article_id": id, "revision": 1, "language": "de",
                "entities": entities,
                "quotes": [{"text": "Wir haben die Lage unter Kontrolle, sagte der Sprecher am Abend vor Journalisten.",
                            "speaker": format!("e{}", (start + i) % 5000), "speaker_text": "Sprecher", "cue": "sagte",
                            "direct": true, "start": 0, "end": 10}],
                "quantities": [], "dates": [], "events": [], "claims": [], "story_id": story, "stages": []
            });
            out.push((
                Topic::Extractions.name(prefix),
                id.clone(),
                extraction.to_string().into_bytes(),
            ));
            for (k, predicate) in ["killed", "injured", "arrested"].iter().enumerate() {
                let claim = json!({
                    "schema": "ticker.claim/1", "claim_id": format!("{id}-c{k}"), "story_id": story,
                    "article_id": id, "kind": "quantity", "subject": "person", "predicate": predicate,
                    "value": format!("{}", 100 + i / 10), "object": "Menschen", "attributed_to": null,
                    "sentence": "Dabei starben nach Angaben der Regierung Menschen.",
                    "status": if i % 10 == 0 { "changed" } else { "corroborated" }, "previous": null, "sources": 3
                });
                out.push((
                    Topic::Claims.name(prefix),
                    story.to_string(),
                    claim.to_string().into_bytes(),
                ));
            }
        }
        let record = json!({
            "schema": "ticker.story/1", "story_id": story, "label": format!("Hauptstadt/Person {}", start % 5000),
            "first_seen": base.to_rfc3339(), "last_seen": (base + chrono::Duration::seconds((start + n) as i64 * 7)).to_rfc3339(),
            "article_count": n, "source_count": n.min(300), "languages": ["de"],
            "top_entities": [{"entity_id": "e1", "name": "Person 1", "type": "PER", "articles": n}], "claim_count": 3
        });
        out.push((
            Topic::Stories.name(prefix),
            story.to_string(),
            record.to_string().into_bytes(),
        ));
    };
    add("big", BIG, 0);
    for s in 0..STORIES {
        add(&format!("s{s}"), 1, BIG + s);
    }
    out
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

fn proc_status(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with(field))?;
    line.split_whitespace()
        .nth(1)?
        .parse::<u64>()
        .ok()
        .map(|kb| kb / 1024)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let ticker = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: ticker-serve-load PATH/TO/ticker [BROKERS]"))?;
    let brokers = args.next().unwrap_or_else(|| "127.0.0.1:9092".into());
    let prefix = format!("serveload{}.", chrono::Utc::now().timestamp());
    ticker_kafka::ensure_topics(&ticker_kafka::TopicSettings {
        brokers: brokers.clone(),
        prefix: prefix.clone(),
        partitions: 2,
        replication: 1,
        retention_ms: -1,
        properties: Default::default(),
    })
    .await?;
    let producer: FutureProducer = rdkafka::ClientConfig::new()
        .set("bootstrap.servers", &brokers)
        .set("linger.ms", "20")
        .set("compression.type", "zstd")
        .create()?;
    let records = records(&prefix);
    let started = Instant::now();
    for chunk in records.chunks(2_000) {
        let deliveries: Vec<_> = chunk
            .iter()
            .map(|(topic, key, payload)| {
                producer.send(
                    FutureRecord::to(topic).key(key).payload(payload),
                    Duration::from_secs(60),
                )
            })
            .collect();
        for delivery in futures::future::join_all(deliveries).await {
            delivery.map_err(|(error, _)| error)?;
        }
    }
    eprintln!(
        "published {} records in {:.1} s",
        records.len(),
        started.elapsed().as_secs_f64()
    );

    let work = tempfile::tempdir()?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let config = work.path().join("serve.toml");
    std::fs::write(
        &config,
        format!("[kafka]\nbrokers = \"{brokers}\"\ntopic_prefix = \"{prefix}\"\n[serve]\nlisten = \"127.0.0.1:{port}\"\n"),
    )?;
    let started = Instant::now();
    let mut child = tokio::process::Command::new(&ticker)
        .args(["--config", &config.display().to_string(), "serve"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let pid = child.id().unwrap_or(0);
    let page = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::builder().no_proxy().build()?;
    let mut status = Value::Null;
    while started.elapsed() < Duration::from_secs(300) {
        if let Ok(response) = http.get(format!("{page}/api/status")).send().await {
            status = response.json().await.unwrap_or(Value::Null);
            if status["caught_up"] == json!(true) {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    anyhow::ensure!(
        status["caught_up"] == json!(true),
        "the page did not catch up: {status}"
    );
    let catch_up = started.elapsed().as_secs_f64();
    // Let the allocator settle, then read memory.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let rss = proc_status(pid, "VmRSS:").unwrap_or(0);
    let peak = proc_status(pid, "VmHWM:").unwrap_or(0);

    let mut page_ms = Vec::new();
    for _ in 0..50 {
        let at = Instant::now();
        let body = http
            .get(format!("{page}/story/big"))
            .send()
            .await?
            .text()
            .await?;
        page_ms.push(at.elapsed().as_secs_f64() * 1e3);
        anyhow::ensure!(
            body.contains("Regierung"),
            "the story page lists its articles"
        );
    }
    page_ms.sort_by(f64::total_cmp);
    let mut list_ms = Vec::new();
    for _ in 0..20 {
        let at = Instant::now();
        http.get(format!("{page}/")).send().await?.text().await?;
        list_ms.push(at.elapsed().as_secs_f64() * 1e3);
    }
    list_ms.sort_by(f64::total_cmp);

    // Alerts: acknowledged by Kafka → on an open event stream.
    let mut stream = http
        .get(format!("{page}/events/alerts"))
        .send()
        .await?
        .bytes_stream();
    let mut latencies = Vec::new();
    let mut buffer = String::new();
    for n in 0..20 {
        let id = format!("load-alert-{n}");
        let alert = json!({
            "schema": "ticker.alert/1", "alert_id": id, "story_id": "big", "claim_id": "c",
            "article_id": "big-1", "reason": "value_changed", "summary": format!("Tote: {} (zuvor: 164)", 200 + n),
            "previous": "164", "current": format!("{}", 200 + n)
        })
        .to_string();
        producer
            .send(
                FutureRecord::to(&Topic::Alerts.name(&prefix))
                    .key("big")
                    .payload(&alert),
                Duration::from_secs(10),
            )
            .await
            .map_err(|(error, _)| error)?;
        let acked = Instant::now();
        let deadline = acked + Duration::from_secs(10);
        while !buffer.contains(&id) {
            let chunk = tokio::time::timeout_at(deadline.into(), stream.next()).await;
            match chunk {
                Ok(Some(Ok(bytes))) => buffer.push_str(&String::from_utf8_lossy(&bytes)),
                _ => anyhow::bail!("alert {id} did not arrive within 10 s"),
            }
        }
        latencies.push(acked.elapsed().as_secs_f64() * 1e3);
        buffer.clear();
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    latencies.sort_by(f64::total_cmp);
    let _ = child.kill().await;

    let report = json!({
        "records": records.len(),
        "stories": status["counts"]["stories"],
        "articles": status["counts"]["articles"],
        "catch_up_s": (catch_up * 10.0).round() / 10.0,
        "rss_mb": rss,
        "peak_rss_mb": peak,
        "story_page_500_articles_ms": {"p50": quantile(&page_ms, 0.5), "p99": quantile(&page_ms, 0.99)},
        "stories_page_ms": {"p50": quantile(&list_ms, 0.5), "max": quantile(&list_ms, 1.0)},
        "alert_ack_to_page_ms": {"p50": quantile(&latencies, 0.5), "max": quantile(&latencies, 1.0)},
    });
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}
