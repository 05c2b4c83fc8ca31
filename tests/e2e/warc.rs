//! `ticker ingest` of a WARC file (gzip per record, as Common Crawl News
//! writes them) into the real broker: every HTML response with status 200
//! becomes an article under its target URL; a page without text is a dead
//! letter; other responses are skipped.

use std::io::Write as _;

use ticker_model::Topic;

use crate::broker::{read_topic, Broker};

fn record(kind: &str, url: &str, block: &[u8]) -> Vec<u8> {
    let mut raw = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2022-01-13T09:00:00Z\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    raw.extend_from_slice(block);
    raw.extend_from_slice(b"\r\n\r\n");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(&raw).unwrap();
    encoder.finish().unwrap()
}

fn response(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut block =
        format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n").into_bytes();
    block.extend_from_slice(body);
    block
}

/// A WARC file (gzip per record) with a page per seed, a 404, an image and
/// a page without text.
fn news_warc(seeds: &[ticker_tests::SeedArticle], base: &str) -> Vec<u8> {
    let mut warc = record("warcinfo", "", b"software: e2e\r\n");
    for (index, seed) in seeds.iter().enumerate() {
        let url = format!("{base}/a/{index}.html");
        warc.extend(record("request", &url, b"GET / HTTP/1.1\r\n\r\n"));
        let page = ticker_tests::render_page(seed, index, base, seeds);
        warc.extend(record(
            "response",
            &url,
            &response("200 OK", "text/html; charset=utf-8", page.as_bytes()),
        ));
    }
    warc.extend(record(
        "response",
        &format!("{base}/missing"),
        &response("404 Not Found", "text/html", b"<p>gone</p>"),
    ));
    warc.extend(record(
        "response",
        &format!("{base}/logo.png"),
        &response("200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
    ));
    warc.extend(record(
        "response",
        &format!("{base}/empty.html"),
        &response("200 OK", "text/html", b"<html><body></body></html>"),
    ));
    warc
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_warc_file_is_ingested_page_by_page() {
    let seeds = ticker_tests::load_seeds(&ticker_tests::seeds_dir()).expect("seed articles");
    let work = tempfile::tempdir().unwrap();
    let broker = Broker::start(work.path()).await;
    let config = crate::config(&broker.address, "http://news.example", work.path());
    let base = "https://news.example";
    let warc = news_warc(&seeds, base);
    let path = work.path().join("news.warc.gz");
    std::fs::write(&path, warc).unwrap();

    let summary = ticker_pipeline::ingest(config, &[path], None, false)
        .await
        .unwrap();
    assert_eq!(summary.warc_responses, 8, "{summary:?}");
    assert_eq!(summary.warc_skipped, 2, "{summary:?}");
    assert_eq!(summary.published, seeds.len(), "{summary:?}");
    assert_eq!(summary.dead_letters, 1, "{summary:?}");
    let (records, urls) = crate::faults::articles_of(&broker.address, "e2e.");
    let mut urls: Vec<String> = urls.into_iter().collect();
    urls.sort();
    let expected: Vec<String> = (0..seeds.len())
        .map(|index| format!("{base}/a/{index}.html"))
        .collect();
    assert_eq!(records, expected.len(), "one record per page");
    assert_eq!(urls, expected);
    let letters = read_topic(&broker.address, &Topic::Deadletter.name("e2e."));
    assert_eq!(
        crate::broker::header(&letters[0], "ticker_stage"),
        "normalize"
    );
    assert_eq!(
        crate::broker::header(&letters[0], "ticker_input"),
        format!("{base}/empty.html")
    );
}

/// `ingest --distributed`: the pages go to the pages topic, two process
/// members and a stories owner (the roles, in this process) turn them into
/// the same articles.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_distributed_warc_backfill_is_shared_by_the_process_group() {
    let seeds = ticker_tests::load_seeds(&ticker_tests::seeds_dir()).expect("seed articles");
    let work = tempfile::tempdir().unwrap();
    let broker = Broker::start(work.path()).await;
    let mut config = crate::config(&broker.address, "http://news.example", work.path());
    config.kafka.topic_prefix = "backfill.".into();
    let base = "https://news.example";
    let path = work.path().join("news.warc.gz");
    std::fs::write(&path, news_warc(&seeds, base)).unwrap();

    let progress = std::sync::Mutex::new(Vec::new());
    let summary =
        ticker_pipeline::roles::publish_warc_pages(&config, &[path], &|pages, done, total| {
            progress.lock().unwrap().push((pages, done, total))
        })
        .await
        .unwrap();
    assert_eq!(
        (summary.files, summary.responses, summary.skipped),
        (1, 8, 2),
        "{summary:?}"
    );
    assert_eq!(
        summary.pages,
        seeds.len() + 1,
        "the page without text is a page too"
    );
    assert_eq!(
        progress.lock().unwrap().last(),
        Some(&(seeds.len() + 1, 1, 1))
    );

    let (stop, shutdown) = tokio::sync::watch::channel(false);
    let mut roles = Vec::new();
    for _ in 0..2 {
        let mut member = config.clone();
        member.pipeline.workers = 1;
        roles.push(tokio::spawn(ticker_pipeline::roles::run_process(
            member,
            shutdown.clone(),
        )));
    }
    roles.push(tokio::spawn(ticker_pipeline::roles::run_stories(
        config.clone(),
        shutdown.clone(),
    )));
    let expected: Vec<String> = (0..seeds.len())
        .map(|index| format!("{base}/a/{index}.html"))
        .collect();
    // The page without text may be the last one a member takes up, after
    // every article has landed: wait for both.
    let empty = format!("{base}/empty.html");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let (urls, dead) = loop {
        let mut urls: Vec<String> = crate::faults::articles_of(&broker.address, "backfill.")
            .1
            .into_iter()
            .collect();
        urls.sort();
        let dead = urls.len() >= expected.len()
            && tokio::task::block_in_place(|| {
                read_topic(&broker.address, &Topic::Deadletter.name("backfill."))
            })
            .iter()
            .any(|letter| crate::broker::header(letter, "ticker_input") == empty);
        if (urls.len() >= expected.len() && dead) || std::time::Instant::now() > deadline {
            break (urls, dead);
        }
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    };
    let _ = stop.send(true);
    for role in roles {
        let _ = tokio::time::timeout(std::time::Duration::from_secs(20), role).await;
    }
    assert_eq!(urls, expected);
    assert!(
        dead,
        "the page without text is a dead letter of the process role"
    );
}
