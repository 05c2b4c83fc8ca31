//! The process role under load (`make bench-roles`): fills the pages
//! topic of fresh topics with the saved pages of `../shared/data/extraction`
//! (each page `COPIES` times under distinct links), then starts `INSTANCES`
//! `ticker run --role process` processes with one member each and reports
//! how fast they move the pages into the processed topic.
//!
//! Usage: ticker-roles-load PATH/TO/ticker BROKERS INSTANCES [COPIES]

use std::io::Read as _;
use std::process::Stdio;
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::producer::{FutureProducer, FutureRecord};
use ticker_model::{Page, Record, SourceKind, SourceRef, Topic};

fn pages(copies: usize) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    use base64::Engine as _;
    let root = ticker_tests::seeds_dir().join("../data/extraction");
    let mut out = Vec::new();
    for set in ["aeb", "trafilatura-dev"] {
        let dir = root.join(set).join("pages");
        let mut names: Vec<_> = std::fs::read_dir(&dir)?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .collect();
        names.sort();
        for path in names {
            let mut html = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(&path)?).read_to_end(&mut html)?;
            let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            std::io::Write::write_all(&mut gzip, &html)?;
            let packed = base64::engine::general_purpose::STANDARD.encode(gzip.finish()?);
            let name = path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .replace(".html.gz", "");
            for copy in 0..copies {
                let url = format!("https://{set}.example/{name}/{copy}.html");
                let page = Page {
                    schema: Page::SCHEMA.into(),
                    page_id: ticker_model::short_id([url.as_str()]),
                    url: url.clone(),
                    final_url: url,
                    content_type: Some("text/html".into()),
                    body: packed.clone(),
                    source: SourceRef {
                        id: set.into(),
                        kind: SourceKind::Feed,
                        url: format!("https://{set}.example/feed"),
                    },
                    entry_title: None,
                    entry_published: None,
                    fetched_at: chrono::Utc::now(),
                };
                out.push((page.page_id.clone(), serde_json::to_vec(&page)?));
            }
        }
    }
    Ok(out)
}

/// Pages done: processed records plus dead letters (pages without an
/// article).
fn processed(brokers: &str, prefix: &str) -> i64 {
    let consumer: BaseConsumer = rdkafka::ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .create()
        .expect("a consumer");
    let count = |topic: Topic, partitions: i32| -> i64 {
        (0..partitions)
            .map(|partition| {
                consumer
                    .fetch_watermarks(&topic.name(prefix), partition, Duration::from_secs(5))
                    .map(|(low, high)| high - low)
                    .unwrap_or(0)
            })
            .sum()
    };
    count(Topic::Processed, 1) + count(Topic::Deadletter, 4)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    anyhow::ensure!(
        args.len() >= 3,
        "usage: ticker-roles-load PATH/TO/ticker BROKERS INSTANCES [COPIES]"
    );
    let (ticker, brokers) = (&args[0], &args[1]);
    let instances: usize = args[2].parse()?;
    let copies: usize = args.get(3).map(|c| c.parse()).transpose()?.unwrap_or(3);
    let prefix = format!("rolesload{}x{instances}.", chrono::Utc::now().timestamp());
    let work = tempfile::tempdir()?;
    let config = work.path().join("ticker.toml");
    std::fs::write(
        &config,
        format!("[kafka]\nbrokers = \"{brokers}\"\ntopic_prefix = \"{prefix}\"\npartitions = 4\n[pipeline]\nworkers = 1\n"),
    )?;
    let status = std::process::Command::new(ticker)
        .args([
            "--config",
            &config.display().to_string(),
            "topics",
            "--roles",
        ])
        .stdout(Stdio::null())
        .status()?;
    anyhow::ensure!(status.success(), "ticker topics --roles failed");
    let producer: FutureProducer = rdkafka::ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .set("linger.ms", "20")
        .set("compression.type", "zstd")
        .set("message.max.bytes", "10000000")
        .create()?;
    let records = pages(copies)?;
    let topic = Topic::Pages.name(&prefix);
    for chunk in records.chunks(500) {
        let sends: Vec<_> = chunk
            .iter()
            .map(|(key, payload)| {
                producer.send(
                    FutureRecord::to(&topic).key(key).payload(payload),
                    Duration::from_secs(60),
                )
            })
            .collect();
        for sent in futures::future::join_all(sends).await {
            sent.map_err(|(error, _)| error)?;
        }
    }
    let total = records.len() as i64;
    eprintln!("{total} pages in {topic}");
    let started = Instant::now();
    let mut children = Vec::new();
    for _ in 0..instances {
        children.push(
            tokio::process::Command::new(ticker)
                .args([
                    "--config",
                    &config.display().to_string(),
                    "run",
                    "--role",
                    "process",
                ])
                .env("TICKER_LOG", "warn")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .kill_on_drop(true)
                .spawn()?,
        );
    }
    // The rate is taken between 10 % and 90 % of the pages, so that
    // joining the group and the tail do not count.
    let (mut from, mut to) = (None, None);
    while started.elapsed() < Duration::from_secs(900) {
        let done = tokio::task::block_in_place(|| processed(brokers, &prefix));
        if from.is_none() && done >= total / 10 {
            from = Some((Instant::now(), done));
        }
        if done >= total * 9 / 10 {
            to = Some((Instant::now(), done));
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    for child in &mut children {
        let _ = child.kill().await;
    }
    let ((t0, n0), (t1, n1)) = (from.expect("10 % processed"), to.expect("90 % processed"));
    let rate = (n1 - n0) as f64 / t1.duration_since(t0).as_secs_f64();
    println!(
        "{{\"instances\": {instances}, \"pages\": {total}, \"articles_per_s\": {rate:.1}, \"seconds_total\": {:.1}}}",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
