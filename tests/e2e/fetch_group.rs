//! The fetch role spread over two fetch processes by Kafka's group
//! assignment on `ticker.sources`, with two process and two stories
//! processes, all separate OS processes on the real broker: 1,000 articles
//! from 20 sources, released over time on 127.0.0.1. A second fetch
//! process joins mid-run (the group moves sources to it), then one process
//! of each role is killed with SIGKILL. Afterwards an independent consumer
//! finds every article with its extraction and story, the duplicates are
//! bounded, and the site's log shows that no source was ever polled by two
//! fetch processes at the same time.

use std::collections::{HashMap, HashSet};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

use crate::broker::{read_topic, Broker};
use crate::faults::wait_for;
use ticker_model::Topic;

const SOURCES: usize = 20;
const PER_SOURCE: usize = 50;
/// One new article per source every this long (40 articles/s in all).
const RELEASE_EVERY: Duration = Duration::from_millis(500);
/// A feed request takes this long, so that two polls at once would show.
const FEED_DELAY: Duration = Duration::from_millis(150);
const PREFIX: &str = "fgroup.";

/// One feed request as the site saw it.
#[derive(Debug, Clone)]
struct Poll {
    agent: String,
    source: usize,
    start: Instant,
    end: Instant,
}

#[derive(Default)]
struct Site {
    /// When the articles began to be released (None: not yet).
    released_from: Mutex<Option<Instant>>,
    polls: Mutex<Vec<Poll>>,
    /// Article fetches by user agent.
    pages: Mutex<HashMap<String, usize>>,
}

impl Site {
    fn released(&self) -> usize {
        match *self.released_from.lock().unwrap() {
            None => 0,
            Some(from) => ((from.elapsed().as_millis() / RELEASE_EVERY.as_millis()) as usize + 1)
                .min(PER_SOURCE),
        }
    }
}

/// Five stories, each with its own place, people and subject, so that the
/// stories role has real grouping work; every article has its own numbers
/// and wording.
fn article(source: usize, index: usize) -> (String, String) {
    const STORIES: [(&str, &str, &str, &str); 5] = [
        (
            "Rostock",
            "Hafenverwaltung",
            "Greta Lindqvist",
            "Sturmflut an der Ostseeküste",
        ),
        (
            "Passau",
            "Wasserwirtschaftsamt",
            "Anton Brunnhuber",
            "Hochwasser an der Donau",
        ),
        (
            "Leipzig",
            "Stadtwerke Leipzig",
            "Miriam Okonkwo",
            "Stromausfall im Leipziger Osten",
        ),
        (
            "Freiburg",
            "Universitätsklinikum",
            "Jonas Weißhaupt",
            "Streik am Freiburger Klinikum",
        ),
        (
            "Kiel",
            "Landesregierung",
            "Frauke Dittmer",
            "Haushaltsstreit im Kieler Landtag",
        ),
    ];
    let (place, organisation, person, subject) = STORIES[(source + index) % STORIES.len()];
    let number = 10 + (source * 37 + index * 11) % 400;
    let title = format!("{subject}: {number} Betroffene, neue Lage am Tag {index}");
    let body = format!(
        "<p>{place} (dpa) – {subject}: Nach Angaben der {organisation} sind inzwischen {number} Menschen betroffen. \
         {person} sagte am Morgen in {place}: „Wir arbeiten mit allen Kräften daran, die Lage unter Kontrolle zu bringen.“</p>\
         <p>Die {organisation} hatte am Vortag noch von deutlich weniger Betroffenen gesprochen. In {place} blieben \
         am Abend {index} Schulen und {} Kindergärten geschlossen, meldete die Quelle {source} in ihrem Bericht.</p>\
         <p>Wie es weitergeht, ist offen. {person} kündigte für den kommenden Tag eine weitere Pressekonferenz in \
         {place} an, bei der auch Vertreter der {organisation} sprechen sollen.</p>",
        number % 17
    );
    let html = format!(
        "<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <meta property=\"article:published_time\" content=\"2026-12-07T08:{:02}:00Z\"></head>\
         <body><nav><a href=\"/\">Start</a></nav><article><h1>{title}</h1>{body}</article>\
         <footer>Impressum</footer></body></html>",
        index % 60
    );
    (title, html)
}

fn feed(base: &str, source: usize, released: usize) -> String {
    let items: String = (0..released)
        .map(|index| {
            let link = format!("{base}/a/{source}/{index}.html");
            format!(
                "<item><title>Artikel {index}</title><link>{link}</link><guid>{link}</guid></item>"
            )
        })
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Quelle {source}</title>{items}</channel></rss>")
}

/// The site: `/feed/<source>.xml` and `/a/<source>/<index>.html`, logging
/// who polled which feed when.
async fn serve(listener: tokio::net::TcpListener, base: String, site: Arc<Site>) {
    loop {
        let Ok((mut stream, _)) = listener.accept().await else {
            continue;
        };
        let (site, base) = (site.clone(), base.clone());
        tokio::spawn(async move {
            let start = Instant::now();
            let mut request = Vec::new();
            let mut buffer = [0u8; 2048];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") && request.len() < 16 * 1024 {
                match stream.read(&mut buffer).await {
                    Ok(0) | Err(_) => return,
                    Ok(read) => request.extend_from_slice(&buffer[..read]),
                }
            }
            let head = String::from_utf8_lossy(&request).into_owned();
            let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
            let agent = head
                .lines()
                .find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.eq_ignore_ascii_case("user-agent")
                        .then(|| value.trim().to_string())
                })
                .unwrap_or_default();
            let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
            let body = match parts.as_slice() {
                ["feed", name] => {
                    let source: usize = name.trim_end_matches(".xml").parse().unwrap_or(usize::MAX);
                    tokio::time::sleep(FEED_DELAY).await;
                    let body = (source < SOURCES).then(|| feed(&base, source, site.released()));
                    site.polls.lock().unwrap().push(Poll {
                        agent,
                        source,
                        start,
                        end: Instant::now(),
                    });
                    body.map(|body| ("application/rss+xml", body))
                }
                ["a", source, name] => {
                    *site.pages.lock().unwrap().entry(agent).or_default() += 1;
                    let source: usize = source.parse().unwrap_or(usize::MAX);
                    let index: usize = name.trim_end_matches(".html").parse().unwrap_or(usize::MAX);
                    (source < SOURCES && index < PER_SOURCE)
                        .then(|| ("text/html; charset=utf-8", article(source, index).1))
                }
                _ => None,
            };
            let response = match body {
                Some((content_type, body)) => format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                ),
                None => "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".to_string(),
            };
            let _ = stream.write_all(response.as_bytes()).await;
            let _ = stream.shutdown().await;
        });
    }
}

struct Process {
    log: std::path::PathBuf,
    child: Child,
}

impl Process {
    fn start(
        config: &std::path::Path,
        role: &str,
        log: std::path::PathBuf,
        env: &[(&str, String)],
    ) -> Process {
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_ticker-test-pipeline"))
            .arg(config)
            .arg(role)
            .env("TICKER_LOG", "info")
            .envs(env.iter().map(|(key, value)| (*key, value.as_str())))
            .stdout(Stdio::null())
            .stderr(Stdio::from(std::fs::File::create(&log).unwrap()))
            .spawn()
            .unwrap();
        Process { log, child }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn fetch_env(work: &std::path::Path, name: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "TICKER_FETCH__USER_AGENT",
            format!("\"ticker-test {name}\""),
        ),
        (
            "TICKER_STATE__PATH",
            format!("\"{}\"", work.join(format!("{name}.redb")).display()),
        ),
    ]
}

/// Pairs of polls of one source by two fetch processes that overlapped.
fn overlapping(polls: &[Poll]) -> Vec<(Poll, Poll)> {
    let mut found = Vec::new();
    for (index, first) in polls.iter().enumerate() {
        for second in &polls[index + 1..] {
            if first.source == second.source
                && first.agent != second.agent
                && first.start < second.end
                && second.start < first.end
            {
                found.push((first.clone(), second.clone()));
            }
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_fetch_processes_share_the_sources_without_polling_one_twice_and_survive_sigkill() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let site = Arc::new(Site::default());
    let _site = tokio::spawn(serve(listener, base.clone(), site.clone()));
    let work = tempfile::tempdir().unwrap();
    let broker = Broker::start(work.path()).await;
    let mut config = crate::faults::config(&broker.address, &base, work.path());
    config.kafka.topic_prefix = PREFIX.into();
    config.kafka.partitions = 4;
    config.pipeline.workers = 2;
    config.sources = (0..SOURCES)
        .map(|source| {
            crate::source(
                &format!("source-{source}"),
                "feed",
                format!("{base}/feed/{source}.xml"),
            )
        })
        .collect();
    config.validate().unwrap();
    let config_path = work.path().join("ticker.toml");
    std::fs::write(&config_path, toml::to_string(&config).unwrap()).unwrap();
    let log = |name: &str| work.path().join(format!("{name}.log"));
    let start = |role: &str, name: &str, env: &[(&str, String)]| {
        Process::start(&config_path, role, log(name), env)
    };

    let mut stories = vec![start("stories", "stories-1", &[])];
    let ready = wait_for(Duration::from_secs(30), || {
        stories[0].log().contains("waiting for the partition")
    })
    .await;
    assert!(
        ready,
        "the stories role did not start: {}",
        stories[0].log()
    );
    stories.push(start("stories", "stories-2", &[]));
    let mut processors = [
        start("process", "process-1", &[]),
        start("process", "process-2", &[]),
    ];
    let mut fetch_1 = start("fetch", "fetch-1", &fetch_env(work.path(), "fetch-1"));
    let took = wait_for(Duration::from_secs(60), || {
        fetch_1.log().contains("fetch role: took sources")
    })
    .await;
    assert!(took, "the fetch process got no sources: {}", fetch_1.log());
    *site.released_from.lock().unwrap() = Some(Instant::now());

    // A second fetch process joins: the group moves sources to it.
    tokio::time::sleep(Duration::from_secs(4)).await;
    let polls_before_join = site.polls.lock().unwrap().len();
    let mut fetch_2 = start("fetch", "fetch-2", &fetch_env(work.path(), "fetch-2"));
    let agents = ["ticker-test fetch-1", "ticker-test fetch-2"];
    let polled_by = |agent: &str| -> HashSet<usize> {
        site.polls
            .lock()
            .unwrap()
            .iter()
            .filter(|poll| poll.agent == agent)
            .map(|poll| poll.source)
            .collect()
    };
    let shared = wait_for(Duration::from_secs(60), || !polled_by(agents[1]).is_empty()).await;
    assert!(
        shared,
        "the second fetch process polled nothing: {}",
        fetch_2.log()
    );
    let links = SOURCES * PER_SOURCE;
    let some = wait_for(Duration::from_secs(120), || {
        crate::faults::articles_of(&broker.address, PREFIX).1.len() >= links / 3
    })
    .await;
    assert!(some, "too few articles before the kills");

    // SIGKILL one process of each role.
    let owner = stories
        .iter()
        .position(|role| role.log().contains("stories role: active"))
        .expect("an active stories process");
    fetch_1.kill();
    processors[0].kill();
    stories[owner].kill();
    let killed_at = Instant::now();
    let polls_at_kill = site.polls.lock().unwrap().len();
    let (_, before) = crate::faults::articles_of(&broker.address, PREFIX);
    assert!(
        before.len() < links,
        "the run had finished before the kills"
    );

    let all: HashSet<String> = (0..SOURCES)
        .flat_map(|source| (0..PER_SOURCE).map(move |index| (source, index)))
        .map(|(source, index)| format!("{base}/a/{source}/{index}.html"))
        .collect();
    let complete = wait_for(Duration::from_secs(240), || {
        crate::faults::articles_of(&broker.address, PREFIX)
            .1
            .is_superset(&all)
    })
    .await;
    let fetch_2_log = fetch_2.log();
    for process in stories
        .iter_mut()
        .chain(processors.iter_mut())
        .chain([&mut fetch_1, &mut fetch_2])
    {
        process.kill();
    }
    let (records, urls) = crate::faults::articles_of(&broker.address, PREFIX);
    assert!(
        complete,
        "missing after the kills: {} of {links}, e.g. {:?}\nfetch-2:\n{}",
        all.difference(&urls).count(),
        all.difference(&urls).take(3).collect::<Vec<_>>(),
        fetch_2_log
            .lines()
            .filter(|line| line.contains("fetch role"))
            .collect::<Vec<_>>()
            .join("\n")
    );

    let polls = site.polls.lock().unwrap().clone();
    let sources_of = |polls: &[Poll], agent: &str| -> HashSet<usize> {
        polls
            .iter()
            .filter(|poll| poll.agent == agent)
            .map(|poll| poll.source)
            .collect()
    };
    // The join moved sources: some that the first process polled alone
    // were polled by the second before the kill.
    let moved = sources_of(&polls[..polls_before_join], agents[0])
        .intersection(&sources_of(
            &polls[polls_before_join..polls_at_kill],
            agents[1],
        ))
        .count();
    assert!(moved > 0, "no source moved to the process that joined");
    // The survivor took every source over; how long the dead process's
    // sources went unpolled.
    let after_kill = sources_of(&polls[polls_at_kill..], agents[1]);
    assert_eq!(
        after_kill.len(),
        SOURCES,
        "sources the survivor polled after the kill"
    );
    let orphans = sources_of(&polls[..polls_at_kill], agents[0])
        .difference(&sources_of(
            &polls[polls_before_join..polls_at_kill],
            agents[1],
        ))
        .copied()
        .collect::<HashSet<usize>>();
    let takeover = polls[polls_at_kill..]
        .iter()
        .filter(|poll| poll.agent == agents[1] && orphans.contains(&poll.source))
        .map(|poll| poll.start.duration_since(killed_at))
        .min()
        .unwrap_or_default();
    // Never was a source polled by both at once.
    let overlaps = overlapping(&polls);
    assert!(
        overlaps.is_empty(),
        "polled by two fetch processes at once: {:?}",
        &overlaps[..overlaps.len().min(3)]
    );
    let pages = site.pages.lock().unwrap().clone();
    eprintln!(
        "fetch group: {links} articles from {SOURCES} sources; kills after {} articles; all in {:.0} s later; \
         {records} article records ({} duplicates); {} polls, none overlapping; {moved} sources moved at the join; \
         the dead process's sources polled again after {:.1} s; article fetches by process {pages:?}",
        before.len(),
        killed_at.elapsed().as_secs_f64(),
        records - links,
        polls.len(),
        takeover.as_secs_f64()
    );
    // Duplicates are bounded by the work in flight at the kills.
    assert!(
        records <= links + links / 10,
        "{records} records for {links} articles"
    );
    // Every article has its extraction with a story the stories topic has.
    crate::roles::every_article_has_its_story(&broker.address, PREFIX);
    let extractions = tokio::task::block_in_place(|| {
        read_topic(&broker.address, &Topic::Extractions.name(PREFIX)).len()
    });
    assert!(extractions >= links);
}
