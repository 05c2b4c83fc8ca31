//! The operations listener of a running pipeline: `/healthz`, `/readyz`,
//! `/metrics` with latency histograms per stage and queue gauges, and
//! `/sources`, read over HTTP on 127.0.0.1 while the pipeline works on the
//! fixture site into the real broker.

use std::time::Duration;

use ticker_pipeline::RunOptions;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::broker::Broker;

/// GETs `path` from `address`: (status, body).
async fn get(address: &str, path: &str) -> Option<(u16, String)> {
    let mut stream = tokio::net::TcpStream::connect(address).await.ok()?;
    let request = format!("GET {path} HTTP/1.1\r\nhost: {address}\r\nconnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.ok()?;
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response.split_whitespace().nth(1)?.parse().ok()?;
    let body = response.split_once("\r\n\r\n")?.1.to_string();
    Some((status, body))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_readiness_metrics_and_sources_are_served_while_running() {
    let seeds = ticker_tests::load_seeds(&ticker_tests::seeds_dir()).expect("seed articles");
    let (base, _site) = ticker_tests::start_site(&seeds).await.unwrap();
    let work = tempfile::tempdir().unwrap();
    let broker = Broker::start(work.path()).await;
    let mut config = crate::config(&broker.address, &base, work.path());
    let address = crate::broker::free_address();
    config.pipeline.metrics_listen = address.clone();
    config.pipeline.poll_interval_secs = 3600;
    config.pipeline.max_poll_interval_secs = 3600;
    let (trigger, shutdown) = tokio::sync::watch::channel(false);
    let running = tokio::spawn(ticker_pipeline::run(
        config,
        RunOptions { once: false },
        shutdown,
    ));
    // Ready once the topics exist and the workers run; the five seed
    // articles are then published.
    let mut metrics = String::new();
    for _ in 0..300 {
        if let Some((200, body)) = get(&address, "/metrics").await {
            // Published, and the rest (a missing page, a page robots.txt
            // disallows, the Atom feed's copies) done too.
            if body.contains("ticker_articles_published_total 5\n")
                && body.contains("ticker_queue_depth 0\n")
                && body.contains("ticker_in_flight 0\n")
            {
                metrics = body;
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        !metrics.is_empty(),
        "five articles were not published in time"
    );
    for stage in ["poll", "fetch", "normalize", "extract", "assign", "publish"] {
        let count = format!("ticker_stage_seconds_count{{stage=\"{stage}\"}} ");
        assert!(metrics.contains(&count), "{stage}: {metrics}");
        let bucket = format!("ticker_stage_seconds_bucket{{le=\"0.00025\",stage=\"{stage}\"}} ");
        let alternative =
            format!("ticker_stage_seconds_bucket{{stage=\"{stage}\",le=\"0.00025\"}} ");
        assert!(
            metrics.contains(&bucket) || metrics.contains(&alternative),
            "{stage} buckets: {metrics}"
        );
    }
    assert!(metrics.contains("ticker_panics_total 0\n"), "{metrics}");
    assert_eq!(
        get(&address, "/healthz").await,
        Some((200, "ok\n".to_string()))
    );
    assert_eq!(
        get(&address, "/readyz").await,
        Some((200, "ready\n".to_string()))
    );
    let (status, sources) = get(&address, "/sources").await.unwrap();
    assert_eq!(status, 200);
    let sources: serde_json::Value = serde_json::from_str(&sources).unwrap();
    assert_eq!(sources["testpost-rss"]["entries_seen"], 5, "{sources}");
    assert!(sources["broken"]["last_error"].is_string(), "{sources}");
    assert_eq!(
        get(&address, "/nothing").await.map(|(status, _)| status),
        Some(404)
    );

    trigger.send(true).unwrap();
    let summary = running.await.unwrap().unwrap();
    assert_eq!(summary.articles_published, 5, "{summary:?}");
    assert_eq!(summary.restarts, 0, "{summary:?}");
}
