//! The fetch role spread over two fetch processes by Kafka's group
//! assignment on `ticker.sources`, with two process and two stories
//! processes, all separate OS processes on the real broker: 1,000 articles
//! from 20 sources, each on a host of its own (names mapped to 127.0.0.1,
//! so that the sources spread over the partitions by host), released over
//! time. A second fetch
//! process joins mid-run (the group moves sources to it), then one process
//! of each role is killed with SIGKILL. Afterwards an independent consumer
//! finds every article with its extraction and story, the duplicates are
//! bounded, and the site's log shows that no source was ever polled by two
//! fetch processes at the same time.

use std::collections::{HashMap, HashSet};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::AsyncWriteExt as _;

use crate::broker::Broker;
use crate::faults::wait_for;

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

/// Five stories, each with its own place, people, subject and wording, so
/// that the stories role has real grouping work; every article has its
/// own numbers.
fn article(source: usize, index: usize) -> (String, String) {
    let story = (source + index) % 5;
    let n = 10 + (source * 37 + index * 11) % 400;
    let m = 2 + (source * 7 + index * 3) % 90;
    let (title, paragraphs) = match story {
        0 => (
            format!("Sturmflut in Rostock: {n} Keller überflutet"),
            [
                format!("Die Sturmflut an der Ostseeküste hat in Rostock Deiche beschädigt. Die Hafenverwaltung meldete {n} überflutete Keller im Stadtteil Warnemünde."),
                format!("„Der Wasserstand lag {m} Zentimeter über dem Mittel, die Fähren nach Gedser bleiben im Hafen“, sagte Greta Lindqvist, Sprecherin der Hafenverwaltung."),
                "Das Technische Hilfswerk verstärkte die Dünen mit Sandsäcken; der Deutsche Wetterdienst erwartet weiteren Nordoststurm.".to_string(),
            ],
        ),
        1 => (
            format!("Donau-Hochwasser in Passau: Pegel bei {n} Zentimetern"),
            [
                format!("Das Hochwasser der Donau hat in Passau einen Pegel von {n} Zentimetern erreicht. Die Altstadt zwischen Inn und Ilz steht teilweise unter Wasser."),
                format!("Anton Brunnhuber vom Wasserwirtschaftsamt warnte vor weiteren Regenfällen im Bayerischen Wald: „Wir rechnen mit {m} Litern pro Quadratmeter.“"),
                "Feuerwehren aus Niederbayern errichteten mobile Schutzwände am Rathausplatz, Schulen blieben geschlossen.".to_string(),
            ],
        ),
        2 => (
            format!("Stromausfall in Leipzig: {n} Haushalte ohne Strom"),
            [
                format!("Nach einem Kabelbrand im Umspannwerk Stötteritz sind im Leipziger Osten {n} Haushalte ohne Strom. Die Straßenbahnlinien standen still."),
                format!("Miriam Okonkwo von den Stadtwerken Leipzig sagte, Techniker hätten {m} Trafostationen überbrückt: „Die Versorgung kommt schrittweise zurück.“"),
                "Ampeln an der Prager Straße fielen aus, die Polizei regelte den Verkehr an mehreren Kreuzungen von Hand.".to_string(),
            ],
        ),
        3 => (
            format!("Warnstreik am Freiburger Klinikum: {n} Operationen verschoben"),
            [
                format!("Beim Warnstreik der Pflegekräfte am Universitätsklinikum Freiburg sind {n} geplante Operationen verschoben worden. Verdi hatte zu dem Ausstand aufgerufen."),
                format!("Jonas Weißhaupt, Verhandlungsführer der Gewerkschaft, forderte {m} Prozent mehr Lohn: „Die Belegschaft ist am Limit.“"),
                "Die Notaufnahme blieb nach einer Vereinbarung mit dem Vorstand geöffnet; die Tarifverhandlungen gehen kommende Woche weiter.".to_string(),
            ],
        ),
        _ => (
            format!("Haushaltsstreit im Kieler Landtag: Lücke von {n} Millionen Euro"),
            [
                format!("Im Kieler Landtag hat die Opposition den Haushaltsentwurf der Landesregierung scharf kritisiert. Es fehlen {n} Millionen Euro."),
                format!("Finanzministerin Frauke Dittmer verteidigte die Pläne mit der Schuldenbremse: „Wir sparen {m} Stellen in der Verwaltung ein.“"),
                "Die Abstimmung über den Etat für Schleswig-Holstein ist für Dezember angesetzt, die Koalition sieht ihre Mehrheit gesichert.".to_string(),
            ],
        ),
    };
    let body: String = paragraphs
        .iter()
        .map(|text| format!("<p>{text}</p>"))
        .collect();
    let html = format!(
        "<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <meta property=\"article:published_time\" content=\"2026-12-07T08:{:02}:00Z\"></head>\
         <body><nav><a href=\"/\">Start</a></nav><article><h1>{title}</h1>{body}</article>\
         <footer>Impressum</footer></body></html>",
        index % 60
    );
    (title, html)
}

/// A source's own site: `source-<n>.news.example` on the site's port (the
/// config maps those names to 127.0.0.1), so that the sources spread over
/// the partitions of `ticker.sources` by host.
fn source_base(base: &str, source: usize) -> String {
    let port = base.rsplit(':').next().unwrap_or_default();
    format!("http://source-{source}.news.example:{port}")
}

fn feed(base: &str, source: usize, released: usize) -> String {
    let base = source_base(base, source);
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
            let Some(head) = ticker_tests::read_head(&mut stream).await else {
                return;
            };
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
                format!("{}/feed/{source}.xml", source_base(&base, source)),
            )
        })
        .collect();
    config.fetch.resolve = (0..SOURCES)
        .map(|source| {
            (
                format!("source-{source}.news.example"),
                "127.0.0.1".to_string(),
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
        .map(|(source, index)| format!("{}/a/{source}/{index}.html", source_base(&base, source)))
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
    let extractions = crate::roles::every_article_has_its_story(&broker.address, PREFIX);
    assert_eq!(extractions.len(), links);

    // The same articles through the single process: the stories agree.
    let mut single = config.clone();
    single.kafka.topic_prefix = "fgroup-single.".into();
    single.state.path = work.path().join("single.redb");
    let (_stop, shutdown) = tokio::sync::watch::channel(false);
    ticker_pipeline::run(single, ticker_pipeline::RunOptions { once: true }, shutdown)
        .await
        .unwrap();
    let alone = crate::roles::latest_extractions(&broker.address, "fgroup-single.");
    let story_of = |map: &HashMap<String, ticker_model::Extraction>| -> HashMap<String, String> {
        map.iter()
            .filter(|(id, _)| extractions.contains_key(*id) && alone.contains_key(*id))
            .map(|(id, extraction)| (id.clone(), extraction.story_id.clone().unwrap_or_default()))
            .collect()
    };
    let (roles_stories, single_stories) = (story_of(&extractions), story_of(&alone));
    assert_eq!(roles_stories.len(), links, "every article in both runs");
    let b3 = crate::roles::b_cubed(&roles_stories, &single_stories);
    eprintln!(
        "fetch group: B³ F1 of the stories, roles run ~ single-process run {b3:.4} ({} and {} stories)",
        roles_stories.values().collect::<HashSet<_>>().len(),
        single_stories.values().collect::<HashSet<_>>().len()
    );
    assert!(
        b3 >= 0.95,
        "B³ {b3:.4} between the roles run and a single-process run"
    );
}
