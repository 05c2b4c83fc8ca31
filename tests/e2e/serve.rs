//! `ticker serve` alone, against the topics of a running pipeline: started
//! before the pipeline has created its topics, it finds them, reads the
//! seed story, asks the pipeline's `/sources` for source health, streams a
//! new alert to an open event stream (and not to one filtered for another
//! story), and escapes what the records say.

use std::time::{Duration, Instant};

use futures::StreamExt;
use rdkafka::producer::{FutureProducer, FutureRecord};
use serde_json::{json, Value};
use ticker_model::Topic;
use ticker_pipeline::RunOptions;

use crate::broker::{free_address, Broker};

async fn get_text(http: &reqwest::Client, url: &str) -> String {
    http.get(url).send().await.unwrap().text().await.unwrap()
}

async fn get_json(http: &reqwest::Client, url: &str) -> Value {
    http.get(url).send().await.unwrap().json().await.unwrap()
}

async fn wait_json(
    http: &reqwest::Client,
    url: &str,
    limit: Duration,
    done: impl Fn(&Value) -> bool,
) -> Value {
    let deadline = Instant::now() + limit;
    loop {
        let value = get_json(http, url).await;
        if done(&value) {
            return value;
        }
        assert!(
            Instant::now() < deadline,
            "waited {limit:?} on {url}: {value}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Reads an event stream until `wanted` appears in it or `limit` passes.
async fn stream_has<B: AsRef<[u8]>>(
    stream: &mut (impl futures::Stream<Item = reqwest::Result<B>> + Unpin),
    wanted: &str,
    limit: Duration,
) -> bool {
    let deadline = tokio::time::Instant::now() + limit;
    let mut seen = String::new();
    while !seen.contains(wanted) {
        match tokio::time::timeout_at(deadline, stream.next()).await {
            Ok(Some(Ok(bytes))) => seen.push_str(&String::from_utf8_lossy(bytes.as_ref())),
            _ => return false,
        }
    }
    true
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_alone_finds_the_topics_reads_the_story_and_streams_alerts() {
    let seeds = ticker_tests::load_seeds(&ticker_tests::seeds_dir()).expect("seed articles");
    let work = tempfile::tempdir().unwrap();
    let broker = Broker::start(work.path()).await;
    let (base, _site) = ticker_tests::start_site(&seeds).await.unwrap();
    let metrics = free_address();
    let mut config = crate::config(&broker.address, &base, work.path());
    config.kafka.topic_prefix = "page.".into();
    config.pipeline.metrics_listen = metrics.clone();
    config.serve.pipelines = vec![format!("http://{metrics}/sources")];
    config.validate().unwrap();

    // The page first: no topics yet.
    let (stop, shutdown) = tokio::sync::watch::channel(false);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let page = format!("http://{}", listener.local_addr().unwrap());
    let page_config = config.clone();
    let page_shutdown = shutdown.clone();
    let served = tokio::spawn(async move {
        let feed = ticker_serve::SourceFeed::Remote(page_config.serve.pipelines.clone());
        ticker_serve::serve(&page_config, listener, feed, page_shutdown).await
    });
    // A request that never answers fails the test instead of hanging it.
    let http = reqwest::Client::builder()
        .no_proxy()
        .connect_timeout(Duration::from_secs(5))
        .read_timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let status = wait_json(
        &http,
        &format!("{page}/api/status"),
        Duration::from_secs(10),
        |_| true,
    )
    .await;
    assert_eq!(
        status["caught_up"],
        json!(false),
        "no topics, nothing read: {status}"
    );
    let sources = get_text(&http, &format!("{page}/sources")).await;
    assert!(
        sources.contains("No pipeline answered"),
        "the page says why it shows no sources"
    );

    // Then the pipeline, polling continuously with its metrics listener.
    let pipeline = tokio::spawn(ticker_pipeline::run(
        config.clone(),
        RunOptions { once: false },
        shutdown,
    ));
    let stories = wait_json(
        &http,
        &format!("{page}/api/stories"),
        Duration::from_secs(90),
        |v| {
            v["stories"].as_array().is_some_and(|all| {
                all.iter()
                    .map(|s| s["article_count"].as_u64().unwrap_or(0))
                    .sum::<u64>()
                    >= 5
            })
        },
    )
    .await;
    let story_id = stories["stories"][0]["story_id"]
        .as_str()
        .unwrap()
        .to_string();
    let detail = wait_json(
        &http,
        &format!("{page}/api/story/{story_id}"),
        Duration::from_secs(30),
        // The page reads the topics side by side: a story can name an
        // article whose own record, or whose extraction (its quotes and
        // entities), has not been read yet.
        |v| {
            v["claims"].as_array().is_some_and(|c| !c.is_empty())
                && v["articles"]
                    .as_array()
                    .is_some_and(|a| a.iter().all(|a| a["url"].is_string()))
                && v["quotes"].as_array().is_some_and(|q| !q.is_empty())
                && v["entities"].as_array().is_some_and(|e| !e.is_empty())
        },
    )
    .await;
    assert!(
        detail["articles"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["url"].as_str().unwrap_or("").starts_with(&base)),
        "{}",
        detail["articles"]
    );
    assert!(
        detail["quotes"].as_array().is_some_and(|q| !q.is_empty()),
        "quotes with speakers: {}",
        detail["quotes"]
    );
    assert!(detail["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["name"].as_str().unwrap_or("").contains("Kasachstan")
            || e["name"].as_str().unwrap_or("").contains("Kazakhstan")));
    let missing = http
        .get(format!("{page}/story/0000000000000000"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);

    // Source health from the pipeline's /sources.
    let health = wait_json(
        &http,
        &format!("{page}/api/sources"),
        Duration::from_secs(20),
        |v| v["sources"].as_array().is_some_and(|s| s.len() == 3),
    )
    .await;
    let broken = health["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "broken")
        .unwrap()
        .clone();
    assert!(
        broken["consecutive_failures"].as_u64().unwrap() >= 1,
        "{broken}"
    );
    let page_html = get_text(&http, &format!("{page}/sources")).await;
    assert!(page_html.contains("failing") && page_html.contains("testpost-atom"));

    // A new alert: on the open stream, not on one filtered for another story.
    let mut all = http
        .get(format!("{page}/events/alerts"))
        .send()
        .await
        .unwrap()
        .bytes_stream();
    let mut other = http
        .get(format!("{page}/events/alerts?story=ffffffffffffffff"))
        .send()
        .await
        .unwrap()
        .bytes_stream();
    let producer: FutureProducer = rdkafka::ClientConfig::new()
        .set("bootstrap.servers", &broker.address)
        .create()
        .unwrap();
    let title = "<script>alert(1)</script> Tote: 300";
    let alert = json!({
        "schema": "ticker.alert/1", "alert_id": "e2e-page-alert", "story_id": story_id, "claim_id": "c",
        "article_id": "nope", "reason": "value_changed", "summary": title, "previous": "225", "current": "300"
    });
    producer
        .send(
            FutureRecord::to(&Topic::Alerts.name("page."))
                .key(&story_id)
                .payload(&alert.to_string()),
            Duration::from_secs(10),
        )
        .await
        .unwrap();
    assert!(
        stream_has(&mut all, "e2e-page-alert", Duration::from_secs(30)).await,
        "the alert reached the open stream"
    );
    assert!(
        !stream_has(&mut other, "e2e-page-alert", Duration::from_secs(2)).await,
        "a stream filtered for another story stays quiet"
    );
    let html = get_text(&http, &format!("{page}/alerts")).await;
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Tote: 300"),
        "record text is escaped"
    );
    assert!(!html.contains("<script>alert(1)"));
    let filtered: Value = get_json(&http, &format!("{page}/api/alerts?kind=new_claim")).await;
    assert!(filtered
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["reason"] == "new_claim"));

    let _ = stop.send(true);
    tokio::time::timeout(Duration::from_secs(30), served)
        .await
        .expect("the page stops on shutdown, open streams and all")
        .unwrap()
        .unwrap();
    let _ = tokio::time::timeout(Duration::from_secs(30), pipeline).await;
}
