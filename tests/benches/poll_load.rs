//! Load bench: 10,000 feeds of 20 entries each, served from a local server
//! on 127.0.0.1, polled once through ticker's HTTP client, feed parser and
//! seen-entry lookups in the state store, 64 polls in flight (politeness
//! lifted). Prints polls per second, the cost of 10,000 idle poller tasks
//! waking on their schedule, and the peak resident memory.
//!
//! Run: cargo bench -p ticker-tests --bench poll_load

use std::time::{Duration, Instant};

use futures::StreamExt;
use ticker_fetch::{parse_feed, FetchLimits, HttpClient, Validators};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const FEEDS: usize = 10_000;
const ENTRIES: usize = 20;
const IN_FLIGHT: usize = 64;

fn feed(number: usize) -> String {
    let mut items = String::new();
    for entry in 0..ENTRIES {
        items.push_str(&format!(
            "<item><title>Meldung {entry} der Quelle {number}</title><link>http://127.0.0.1/n/{number}/{entry}.html</link><guid>q{number}-e{entry}</guid><pubDate>Thu, 13 Jan 2022 09:{:02}:00 +0100</pubDate><description>Kurzfassung der Meldung {entry} mit ein paar Worten mehr, wie Feeds sie tragen.</description></item>",
            entry % 60
        ));
    }
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Quelle {number}</title><link>http://127.0.0.1/</link><description>Last</description>{items}</channel></rss>")
}

async fn serve(listener: tokio::net::TcpListener) {
    loop {
        let Ok((mut stream, _)) = listener.accept().await else {
            continue;
        };
        tokio::spawn(async move {
            let mut buffer = vec![0u8; 4096];
            let mut read = 0;
            loop {
                match stream.read(&mut buffer[read..]).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => read += n,
                }
                while let Some(end) = buffer[..read].windows(4).position(|w| w == b"\r\n\r\n") {
                    let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
                    buffer.copy_within(end + 4..read, 0);
                    read -= end + 4;
                    let number: usize = head
                        .split_whitespace()
                        .nth(1)
                        .and_then(|p| {
                            p.trim_start_matches("/feed/")
                                .trim_end_matches(".xml")
                                .parse()
                                .ok()
                        })
                        .unwrap_or(0);
                    let body = feed(number);
                    let response = format!("HTTP/1.1 200 OK\r\ncontent-type: application/rss+xml\r\ncontent-length: {}\r\n\r\n{body}", body.len());
                    if stream.write_all(response.as_bytes()).await.is_err() {
                        return;
                    }
                }
            }
        });
    }
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(serve(listener));
        let client = HttpClient::new(FetchLimits { timeout: Duration::from_secs(30), allow_private: true, ..FetchLimits::default() }).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let state = std::sync::Arc::new(ticker_pipeline::state::StateStore::open(&dir.path().join("state.redb")).unwrap());

        // Polls: fetch, parse, look up every entry in the state store.
        let started = Instant::now();
        let entries: usize = futures::stream::iter(0..FEEDS)
            .map(|number| {
                let client = client.clone();
                let state = state.clone();
                let url = format!("{base}/feed/{number}.xml");
                async move {
                    let fetched = client.get(&url, &Validators::default()).await.expect("local feed");
                    let feed = parse_feed(&fetched.body, &fetched.final_url, fetched.content_type.as_deref()).expect("valid feed");
                    let source = format!("s{number}");
                    feed.entries.iter().filter(|entry| !state.is_seen(&source, &entry.id).unwrap()).count()
                }
            })
            .buffer_unordered(IN_FLIGHT)
            .fold(0, |sum, count| async move { sum + count })
            .await;
        let seconds = started.elapsed().as_secs_f64();
        assert_eq!(entries, FEEDS * ENTRIES);
        println!("polls            {FEEDS} feeds x {ENTRIES} entries in {seconds:.2} s: {:.0} polls/s ({:.0} entries/s)", FEEDS as f64 / seconds, entries as f64 / seconds);

        // Scheduler: 10,000 idle pollers waking every 100 ms, 5 rounds.
        let started = Instant::now();
        let cpu_before = cpu_seconds();
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..FEEDS {
            tasks.spawn(async {
                let mut interval = tokio::time::interval(Duration::from_millis(100));
                for _ in 0..5 {
                    interval.tick().await;
                }
            });
        }
        while tasks.join_next().await.is_some() {}
        let wall = started.elapsed().as_secs_f64();
        let cpu = cpu_seconds() - cpu_before;
        println!("scheduler        {FEEDS} pollers x 5 wake-ups in {wall:.2} s wall, {cpu:.2} s CPU: {:.1} µs CPU per wake-up", cpu * 1e6 / (FEEDS * 5) as f64);
        println!("peak RSS         {:.0} MB (server, client, state store and the 10,000 pollers)", peak_rss_mb());
    });
}

fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|stat| {
            let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
            let ticks =
                fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
}
