//! Faults mid-run: the broker goes away for 20 s, and the pipeline process
//! is killed with SIGKILL. Afterwards an independent consumer finds every
//! feed entry's article in the articles topic, and duplicates stay bounded.
//!
//! The site: the 181 saved pages of the shared `aeb` set behind one RSS
//! feed on 127.0.0.1.

use std::collections::{HashMap, HashSet};
use std::io::Read as _;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rdkafka::message::Message;
use ticker_model::{Article, Topic};
use ticker_pipeline::{Config, RunOptions};
use ticker_tests::SiteFile;

use crate::broker::{free_address, read_topic, Broker};

type Files = Arc<Mutex<HashMap<String, SiteFile>>>;

/// The aeb pages as `/p/<id>.html`, and an RSS feed of the first `listed`.
pub(crate) fn site(base: &str, listed: usize) -> (HashMap<String, SiteFile>, Vec<String>) {
    let dir = ticker_tests::seeds_dir().join("../data/extraction/aeb/pages");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|name| name.strip_suffix(".html.gz").map(str::to_string))
        .collect();
    names.sort();
    let mut files = HashMap::new();
    for name in &names {
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(
            std::fs::File::open(dir.join(format!("{name}.html.gz"))).unwrap(),
        )
        .read_to_end(&mut html)
        .unwrap();
        files.insert(
            format!("/p/{name}.html"),
            SiteFile {
                content_type: "text/html",
                body: html,
            },
        );
    }
    let links: Vec<String> = names
        .iter()
        .map(|name| format!("{base}/p/{name}.html"))
        .collect();
    files.insert(
        "/rss.xml".to_string(),
        rss(&links[..listed.min(links.len())]),
    );
    (files, links)
}

fn rss(links: &[String]) -> SiteFile {
    let items: String = links
        .iter()
        .map(|link| {
            format!("<item><title>Page</title><link>{link}</link><guid>{link}</guid></item>")
        })
        .collect();
    SiteFile {
        content_type: "application/rss+xml",
        body: format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Load</title>{items}</channel></rss>").into_bytes(),
    }
}

/// One feed of many pages on the site, polled every second, politeness
/// lifted.
pub(crate) fn config(brokers: &str, base: &str, work: &std::path::Path) -> Config {
    let mut config = crate::config(brokers, base, work);
    config.sources = vec![crate::source("load", "feed", format!("{base}/rss.xml"))];
    config.pipeline.poll_interval_secs = 1;
    config.pipeline.max_poll_interval_secs = 1;
    config.pipeline.adaptive_polling = false;
    config.pipeline.workers = 4;
    config.fetch.respect_robots = false;
    config.fetch.min_host_interval_ms = 0;
    config.fetch.max_per_host = 0;
    // Deliveries wait out the outage instead of failing.
    config.kafka.message_timeout_ms = 90_000;
    config.validate().unwrap();
    config
}

/// The articles topic as an independent consumer sees it: (records,
/// distinct page URLs).
fn articles(brokers: &str) -> (usize, HashSet<String>) {
    articles_of(brokers, "e2e.")
}

/// (records, distinct page URLs) of the articles topic under `prefix`.
pub(crate) fn articles_of(brokers: &str, prefix: &str) -> (usize, HashSet<String>) {
    // (A blocking consumer: the runtime's other tasks move off this thread.)
    tokio::task::block_in_place(|| {
        let messages = read_topic(brokers, &Topic::Articles.name(prefix));
        let urls = messages
            .iter()
            .map(|message| {
                let article: Article = serde_json::from_slice(message.payload().unwrap()).unwrap();
                article.url.unwrap_or_default()
            })
            .collect();
        (messages.len(), urls)
    })
}

/// Waits until `done` holds, up to `limit`.
pub(crate) async fn wait_for(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if done() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    done()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_20_second_broker_outage_loses_nothing() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (files, links) = site(&base, 60);
    let files: Files = Arc::new(Mutex::new(files));
    let _site = tokio::spawn(ticker_tests::serve_shared(listener, files.clone()));
    let work = tempfile::tempdir().unwrap();
    let address = free_address();
    let broker = Broker::start_at(work.path(), address.clone()).await;
    let config = config(&address, &base, work.path());
    let (trigger, shutdown) = tokio::sync::watch::channel(false);
    let running = tokio::spawn(ticker_pipeline::run(
        config,
        RunOptions { once: false },
        shutdown,
    ));
    let first = links[..60].iter().cloned().collect::<HashSet<_>>();
    assert!(
        wait_for(Duration::from_secs(60), || articles(&address)
            .1
            .is_superset(&first))
        .await,
        "the first 60 pages were not published"
    );
    // The broker goes away; meanwhile the feed lists every page.
    drop(broker);
    files
        .lock()
        .unwrap()
        .insert("/rss.xml".to_string(), rss(&links));
    tokio::time::sleep(Duration::from_secs(20)).await;
    let _broker = Broker::start_at(work.path(), address.clone()).await;
    let all = links.iter().cloned().collect::<HashSet<_>>();
    let complete = wait_for(Duration::from_secs(120), || {
        articles(&address).1.is_superset(&all)
    })
    .await;
    trigger.send(true).unwrap();
    let summary = running.await.unwrap().unwrap();
    let (records, urls) = articles(&address);
    assert!(
        complete,
        "missing after the outage: {:?} ({summary:?})",
        all.difference(&urls).take(5).collect::<Vec<_>>()
    );
    assert_eq!(urls.len(), links.len());
    eprintln!("broker outage: {records} records for {} pages", links.len());
    // Duplicates are bounded by what was in flight when the broker left.
    assert!(
        records <= links.len() + 20,
        "{records} records for {} pages",
        links.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_run_loses_nothing() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (files, links) = site(&base, usize::MAX);
    let _site = tokio::spawn(ticker_tests::serve(listener, files));
    let work = tempfile::tempdir().unwrap();
    let broker = Broker::start(work.path()).await;
    let mut config = config(&broker.address, &base, work.path());
    // About 30 pages a second, so that the kill falls mid-run.
    config.fetch.min_host_interval_ms = 30;
    let config_path = work.path().join("ticker.toml");
    std::fs::write(&config_path, toml::to_string(&config).unwrap()).unwrap();
    let start = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_ticker-test-pipeline"))
            .arg(&config_path)
            .env("TICKER_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let mut first = start();
    // Kill it once some pages are published and others are not yet.
    let some = wait_for(Duration::from_secs(60), || {
        articles(&broker.address).1.len() >= 20
    })
    .await;
    first.kill().unwrap(); // SIGKILL
    first.wait().unwrap();
    assert!(some, "nothing was published before the kill");
    let (_, before) = articles(&broker.address);
    assert!(
        before.len() < links.len(),
        "the run had finished before the kill"
    );
    let mut second = start();
    let all = links.iter().cloned().collect::<HashSet<_>>();
    let complete = wait_for(Duration::from_secs(120), || {
        articles(&broker.address).1.is_superset(&all)
    })
    .await;
    second.kill().unwrap();
    second.wait().unwrap();
    let (records, urls) = articles(&broker.address);
    assert!(
        complete,
        "missing after the restart: {:?}",
        all.difference(&urls).take(5).collect::<Vec<_>>()
    );
    eprintln!(
        "SIGKILL after {} of {} pages: {records} records afterwards",
        before.len(),
        links.len()
    );
    // Duplicates are bounded by the entries in flight at the kill.
    assert!(
        records <= links.len() + 20,
        "{records} records for {} pages",
        links.len()
    );
}
