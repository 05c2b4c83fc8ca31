//! End-to-end: a real tansu broker process, the fixture news site on
//! 127.0.0.1, the whole pipeline, and every topic read back with an
//! rdkafka consumer.

mod broker;
mod browser;
mod content;
mod discover;
mod faults;
mod fetch_group;
mod notify;
mod operations;
mod roles;
mod serve;
mod ssrf;
mod warc;

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use rdkafka::message::{Headers, Message};
use ticker_model::{short_id, Article, Extraction, Topic};
use ticker_pipeline::config::SourceConfig;
use ticker_pipeline::{Config, RunOptions};

use broker::{read_topic, Broker};

pub(crate) fn config(brokers: &str, base: &str, state: &std::path::Path) -> Config {
    let mut config = Config::default();
    config.kafka.brokers = brokers.to_string();
    config.kafka.topic_prefix = "e2e.".to_string();
    config.kafka.partitions = 2;
    config.kafka.message_timeout_ms = 30_000;
    config.state.path = state.join("state.redb");
    config.pipeline.workers = 2;
    config.pipeline.shutdown_grace_secs = 10;
    config.fetch.timeout_secs = 5;
    config.sources = vec![
        source("testpost-rss", "feed", format!("{base}/rss.xml")),
        source("testpost-atom", "feed", format!("{base}/atom.xml")),
        source("broken", "feed", format!("{base}/broken.xml")),
    ];
    config.validate().expect("test config is valid");
    config
}

/// A German source of the given kind.
pub(crate) fn source(id: &str, kind: &str, url: String) -> SourceConfig {
    SourceConfig {
        id: id.to_string(),
        kind: kind.parse().unwrap(),
        url,
        language: Some("de".to_string()),
        poll_interval_secs: None,
        link_selector: None,
        enabled: true,
        allow_private: true,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feeds_to_kafka_end_to_end_and_restart_publishes_nothing_twice() {
    let seeds = ticker_tests::load_seeds(&ticker_tests::seeds_dir()).expect("seed articles");
    assert_eq!(seeds.len(), 5, "expected the five seed articles");
    let (base, _site) = ticker_tests::start_site(&seeds).await.unwrap();
    let work = tempfile::tempdir().unwrap();
    let broker = Broker::start(work.path()).await;
    let config = config(&broker.address, &base, work.path());

    let (_trigger, shutdown) = tokio::sync::watch::channel(false);
    let summary = ticker_pipeline::run(config.clone(), RunOptions { once: true }, shutdown.clone())
        .await
        .unwrap();
    assert_eq!(summary.articles_published, 5, "{summary:?}");
    assert_eq!(
        summary.poll_errors, 1,
        "the broken feed fails, the others go on: {summary:?}"
    );
    assert_eq!(
        summary.deadletters, 2,
        "the missing page and the page robots.txt disallows are dead letters: {summary:?}"
    );

    // Each source's health is on record: the broken feed with its error.
    {
        let store = ticker_pipeline::state::StateStore::open(&config.state.path).unwrap();
        let health = store.source_health().unwrap();
        assert_eq!(health["testpost-rss"].entries_seen, 5, "{health:?}");
        assert!(health["testpost-rss"].last_error.is_none());
        assert_eq!(health["broken"].consecutive_failures, 1);
        assert!(
            health["broken"]
                .last_error
                .as_deref()
                .unwrap()
                .contains("does not parse"),
            "{health:?}"
        );
    }

    // Articles: one per seed, keyed by the hash of the canonical URL
    // (tracking parameters stripped), text close to the seed, no boilerplate.
    let articles = read_topic(&broker.address, &Topic::Articles.name("e2e."));
    assert_eq!(articles.len(), 5);
    let mut by_path: HashMap<String, Article> = HashMap::new();
    for message in &articles {
        let article: Article = serde_json::from_slice(message.payload().unwrap()).unwrap();
        assert_eq!(message.key().unwrap(), article.article_id.as_bytes());
        let headers: HashMap<String, String> = message
            .headers()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h.key.to_string(),
                    String::from_utf8_lossy(h.value.unwrap()).into_owned(),
                )
            })
            .collect();
        for name in [
            "ce_id",
            "ce_source",
            "ce_type",
            "ce_time",
            "ce_specversion",
            "content-type",
        ] {
            assert!(
                headers.contains_key(name),
                "header {name} missing: {headers:?}"
            );
        }
        assert_eq!(headers["ce_type"], "ticker.article.v1");
        assert_eq!(headers["content-type"], "application/json");
        let canonical = article.canonical_url.clone().unwrap();
        assert!(!canonical.contains("utm_"), "{canonical}");
        assert_eq!(
            article.article_id,
            short_id([ticker_normalize::urls::identity(&canonical).as_str()])
        );
        let path = url::Url::parse(&canonical).unwrap().path().to_string();
        by_path.insert(path, article);
    }
    for seed in &seeds {
        let article = by_path
            .get(&seed.path)
            .unwrap_or_else(|| panic!("no article for {}", seed.path));
        assert_eq!(article.title, seed.title);
        let similarity = ticker_tests::token_f1(&seed.paragraphs.join("\n\n"), &article.text);
        assert!(
            similarity >= 0.97,
            "{}: token F1 {similarity:.3}\n{}",
            seed.name,
            article.text
        );
        for boilerplate in [
            "Cookies",
            "Auch interessant",
            "Mehr zum Thema",
            "Foto: Testpost",
            "Meistgelesen",
            "Newsletter",
            "© 2022",
            "Startseite",
        ] {
            assert!(
                !article.text.contains(boilerplate),
                "{}: {boilerplate:?} in text",
                seed.name
            );
        }
        assert_eq!(article.language.as_deref(), Some("de"));
    }
    let stand = &by_path[&seeds[2].path];
    // The page's own offset is kept; the instant is the same.
    assert_eq!(
        stand.published_at.unwrap().to_rfc3339(),
        "2022-01-13T09:59:00+01:00"
    );
    assert_eq!(
        stand.published_at.unwrap().timestamp(),
        chrono::DateTime::parse_from_rfc3339("2022-01-13T08:59:00Z")
            .unwrap()
            .timestamp()
    );

    // Extractions: one per article; the arrests in seed 002 are there.
    let extractions = read_topic(&broker.address, &Topic::Extractions.name("e2e."));
    assert_eq!(extractions.len(), 5);
    let extraction: Extraction = extractions
        .iter()
        .map(|m| serde_json::from_slice::<Extraction>(m.payload().unwrap()).unwrap())
        .find(|e| e.article_id == stand.article_id)
        .unwrap();
    assert!(
        extraction
            .quantities
            .iter()
            .any(|q| q.category.as_deref() == Some("arrested") && q.value == 10000.0),
        "{:?}",
        extraction.quantities
    );
    assert!(extraction
        .entities
        .iter()
        .any(|e| e.name.contains("Tokajew")));
    let events = read_topic(&broker.address, &Topic::Events.name("e2e."));
    let claims = read_topic(&broker.address, &Topic::Claims.name("e2e."));
    assert!(!events.is_empty() && !claims.is_empty());

    // The five seeds are one story; its record counts them, and the story
    // gained claims after its first article: alerts.
    let story_ids: HashSet<String> = extractions
        .iter()
        .map(|m| {
            serde_json::from_slice::<Extraction>(m.payload().unwrap())
                .unwrap()
                .story_id
                .unwrap()
        })
        .collect();
    assert_eq!(story_ids.len(), 1, "{story_ids:?}");
    let story_id = story_ids.into_iter().next().unwrap();
    let stories = read_topic(&broker.address, &Topic::Stories.name("e2e."));
    let latest: ticker_model::Story = stories
        .iter()
        .map(|m| serde_json::from_slice::<ticker_model::Story>(m.payload().unwrap()).unwrap())
        .max_by_key(|story| story.article_count)
        .unwrap();
    assert_eq!(
        (latest.story_id.as_str(), latest.article_count),
        (story_id.as_str(), 5)
    );
    assert!(stories
        .iter()
        .all(|m| m.key().unwrap() == story_id.as_bytes()));
    let alerts = read_topic(&broker.address, &Topic::Alerts.name("e2e."));
    assert!(!alerts.is_empty());
    for message in &alerts {
        let alert: ticker_model::Alert =
            serde_json::from_slice(message.payload().unwrap()).unwrap();
        assert_eq!(alert.story_id, story_id);
        assert!(!alert.summary.is_empty());
    }

    // Dead letters name their stage and input in headers.
    let dead = read_topic(&broker.address, &Topic::Deadletter.name("e2e."));
    let mut stages: Vec<(String, String)> = dead
        .iter()
        .map(|message| {
            let header = |key: &str| {
                let value = message
                    .headers()
                    .unwrap()
                    .iter()
                    .find(|h| h.key == key)
                    .and_then(|h| h.value)
                    .unwrap();
                String::from_utf8_lossy(value).into_owned()
            };
            (header("ticker_stage"), header("ticker_input"))
        })
        .collect();
    stages.sort();
    assert_eq!(
        stages,
        vec![
            (
                "fetch".to_string(),
                format!("{base}/ausland/geloescht.html")
            ),
            ("robots".to_string(), format!("{base}/intern/entwurf.html")),
        ]
    );

    // Restart on the same state: nothing is published again.
    let counts_before: Vec<usize> = Topic::ALL
        .iter()
        .map(|t| read_topic(&broker.address, &t.name("e2e.")).len())
        .collect();
    let summary = ticker_pipeline::run(config.clone(), RunOptions { once: true }, shutdown)
        .await
        .unwrap();
    assert_eq!(summary.articles_published, 0, "{summary:?}");
    assert_eq!(summary.deadletters, 0, "{summary:?}");
    let counts_after: Vec<usize> = Topic::ALL
        .iter()
        .map(|t| read_topic(&broker.address, &t.name("e2e.")).len())
        .collect();
    assert_eq!(counts_before, counts_after);

    // Replaying the seed files through `ingest` adds them as file articles
    // once; a second replay adds nothing.
    let first = ticker_pipeline::ingest(config.clone(), &[ticker_tests::seeds_dir()], None, false)
        .await
        .unwrap();
    assert_eq!((first.files, first.published, first.unchanged), (5, 5, 0));
    let second = ticker_pipeline::ingest(config, &[ticker_tests::seeds_dir()], None, false)
        .await
        .unwrap();
    assert_eq!((second.published, second.unchanged), (0, 5));
    let ids: HashSet<Vec<u8>> = read_topic(&broker.address, &Topic::Articles.name("e2e."))
        .iter()
        .map(|m| m.key().unwrap().to_vec())
        .collect();
    assert_eq!(ids.len(), 10);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broker_that_is_down_at_start_is_waited_for() {
    let seeds = ticker_tests::load_seeds(&ticker_tests::seeds_dir()).expect("seed articles");
    let (base, _site) = ticker_tests::start_site(&seeds).await.unwrap();
    let work = tempfile::tempdir().unwrap();
    let address = broker::free_address();
    let mut config = config(&address, &base, work.path());
    config.sources.truncate(1);
    let (_trigger, shutdown) = tokio::sync::watch::channel(false);
    let run = tokio::spawn(ticker_pipeline::run(
        config,
        RunOptions { once: true },
        shutdown,
    ));
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(
        !run.is_finished(),
        "the pipeline must wait for the broker, not exit"
    );
    let broker = Broker::start_at(work.path(), address).await;
    let summary = tokio::time::timeout(Duration::from_secs(120), run)
        .await
        .expect("finishes once the broker is up")
        .unwrap()
        .unwrap();
    assert_eq!(summary.articles_published, 3, "{summary:?}");
    assert_eq!(
        read_topic(&broker.address, &Topic::Articles.name("e2e.")).len(),
        3
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn news_sitemaps_publish_their_recent_pages() {
    let seeds = ticker_tests::load_seeds(&ticker_tests::seeds_dir()).expect("seed articles");
    let (base, _site) = ticker_tests::start_site(&seeds).await.unwrap();
    let work = tempfile::tempdir().unwrap();
    let broker = Broker::start(work.path()).await;
    let mut config = config(&broker.address, &base, work.path());
    config.sources = vec![source(
        "testpost-sitemap",
        "sitemap",
        format!("{base}/sitemap-index.xml"),
    )];
    let (_trigger, shutdown) = tokio::sync::watch::channel(false);
    let summary = ticker_pipeline::run(config, RunOptions { once: true }, shutdown)
        .await
        .unwrap();
    assert_eq!(
        (summary.entries_queued, summary.articles_published),
        (2, 2),
        "{summary:?}"
    );
    let titles: HashSet<String> = read_topic(&broker.address, &Topic::Articles.name("e2e."))
        .iter()
        .map(|m| {
            serde_json::from_slice::<Article>(m.payload().unwrap())
                .unwrap()
                .title
        })
        .collect();
    assert_eq!(
        titles,
        HashSet::from([seeds[3].title.clone(), seeds[4].title.clone()])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn section_pages_publish_their_article_links() {
    let seeds = ticker_tests::load_seeds(&ticker_tests::seeds_dir()).expect("seed articles");
    let (base, _site) = ticker_tests::start_site(&seeds).await.unwrap();
    let work = tempfile::tempdir().unwrap();
    let broker = Broker::start(work.path()).await;
    let mut config = config(&broker.address, &base, work.path());
    config.sources = vec![source("testpost-start", "page", format!("{base}/"))];
    let (_trigger, shutdown) = tokio::sync::watch::channel(false);
    let summary = ticker_pipeline::run(config, RunOptions { once: true }, shutdown)
        .await
        .unwrap();
    assert_eq!(
        (summary.entries_queued, summary.articles_published),
        (5, 5),
        "{summary:?}"
    );
    assert_eq!(
        read_topic(&broker.address, &Topic::Articles.name("e2e.")).len(),
        5
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ingest_takes_sitemaps_section_pages_feeds_and_saved_feed_files() {
    let seeds = ticker_tests::load_seeds(&ticker_tests::seeds_dir()).expect("seed articles");
    let (base, _site) = ticker_tests::start_site(&seeds).await.unwrap();
    let work = tempfile::tempdir().unwrap();
    let broker = Broker::start(work.path()).await;
    let mut config = config(&broker.address, &base, work.path());
    // The site is on loopback: what `ticker ingest --allow-private` does.
    config.fetch.allow_private = true;
    let ingest = |inputs: Vec<std::path::PathBuf>, kind: &'static str| {
        let kind = (kind != "auto").then(|| kind.parse().unwrap());
        let config = config.clone();
        async move {
            ticker_pipeline::ingest_with_kind(config, &inputs, None, false, kind)
                .await
                .unwrap()
        }
    };
    // A sitemap index URL, told by its body: its two recent pages.
    let sitemap = ingest(vec![format!("{base}/sitemap-index.xml").into()], "auto").await;
    assert_eq!(
        (sitemap.sources, sitemap.entries, sitemap.published),
        (1, 2, 2),
        "{sitemap:?}"
    );
    // The home page as a section page: five links, two already published.
    let page = ingest(vec![format!("{base}/").into()], "auto").await;
    assert_eq!(
        (page.entries, page.published, page.unchanged),
        (5, 3, 2),
        "{page:?}"
    );
    // A saved Atom file: its entries' pages are fetched, all known by now.
    let atom = work.path().join("atom.xml");
    let body = fixture_body(&format!("{base}/atom.xml")).await;
    std::fs::write(&atom, body).unwrap();
    let saved = ingest(vec![atom], "auto").await;
    assert_eq!(
        (
            saved.sources,
            saved.entries,
            saved.published,
            saved.unchanged
        ),
        (1, 3, 0, 3),
        "{saved:?}"
    );
    // The RSS feed URL given as a feed: its missing page and the page
    // robots.txt disallows become dead letters.
    let feed = ingest(vec![format!("{base}/rss.xml").into()], "feed").await;
    assert_eq!(
        (feed.entries, feed.unchanged, feed.dead_letters),
        (5, 3, 2),
        "{feed:?}"
    );
    assert_eq!(
        read_topic(&broker.address, &Topic::Articles.name("e2e.")).len(),
        5
    );
}

/// `[extract] tagger`: the model the operator trained runs over every
/// article the pipeline publishes. Its made-up firm, which the rules take
/// for a person, arrives as an organisation in `ticker.extractions`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_configured_tagger_runs_in_the_pipeline() {
    use ticker_extract::tagger;
    let work = tempfile::tempdir().unwrap();
    let broker = Broker::start(work.path()).await;
    let model = work.path().join("firm.model");
    let corpus = include_str!("../../crates/ticker-extract/tests/fixtures/made-up-firm.conll");
    let trained = tagger::train(&tagger::read_conll(corpus), false, 5, |_, _| {});
    std::fs::write(&model, trained.to_bytes()).unwrap();
    let text = work.path().join("quorvexa.txt");
    std::fs::write(
        &text,
        "Rekord bei Quorvexa\n\nQuorvexa meldete am Dienstag einen Rekord. Der Umsatz stieg \
         im Herbst, und die Zahl der Kunden wuchs in allen Regionen des Landes.\n",
    )
    .unwrap();
    let address = broker.address.clone();
    let types = |config: Config| {
        let (text, address) = (text.clone(), address.clone());
        async move {
            let prefix = config.kafka.topic_prefix.clone();
            let summary = ticker_pipeline::ingest_with_kind(config, &[text], None, false, None)
                .await
                .unwrap();
            assert_eq!(summary.published, 1, "{summary:?}");
            let extractions = read_topic(&address, &Topic::Extractions.name(&prefix));
            assert_eq!(extractions.len(), 1);
            let extraction: Extraction =
                serde_json::from_slice(extractions[0].payload().unwrap()).unwrap();
            extraction
                .entities
                .into_iter()
                .filter(|entity| entity.name == "Quorvexa")
                .map(|entity| entity.entity_type)
                .collect::<Vec<_>>()
        }
    };
    let mut rules = config(&broker.address, "http://127.0.0.1:9", work.path());
    rules.kafka.topic_prefix = "rules.".into();
    rules.state.path = work.path().join("rules.redb");
    assert_eq!(types(rules).await, [ticker_model::EntityType::Person]);
    let mut tagged = config(&broker.address, "http://127.0.0.1:9", work.path());
    tagged.extract.tagger = vec![model];
    tagged.extract.tagger_mode = tagger::Mode::Decide;
    tagged.validate().expect("the model file is read");
    assert_eq!(
        types(tagged).await,
        [ticker_model::EntityType::Organization]
    );
}

/// GETs a fixture file through ticker's own client.
async fn fixture_body(url: &str) -> Vec<u8> {
    let client = ticker_fetch::HttpClient::new(ticker_fetch::FetchLimits {
        allow_private: true,
        ..ticker_fetch::FetchLimits::default()
    })
    .unwrap();
    client
        .get(url, &ticker_fetch::Validators::default())
        .await
        .unwrap()
        .body
}
