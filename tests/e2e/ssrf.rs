//! Links that reach into private networks are refused where the
//! connection is made: an entry link to 127.0.0.1, a sitemap `<loc>` to
//! localhost, a section-page link to a public-looking name that resolves to
//! loopback, a redirect chain that ends on loopback. Each is a dead letter
//! with stage `fetch`; the rest of each source is published; the trusted
//! source (`allow_private`) on loopback works. Every connection goes to
//! 127.0.0.1: the public-looking names are mapped there by `fetch.resolve`.

use std::collections::HashMap;

use rdkafka::message::Message;
use ticker_model::{Article, Topic};
use ticker_pipeline::config::SourceConfig;
use ticker_pipeline::RunOptions;
use ticker_tests::SiteFile;

use crate::broker::{read_topic, Broker};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_into_private_networks_are_dead_letters_and_the_rest_is_published() {
    let seeds = ticker_tests::load_seeds(&ticker_tests::seeds_dir()).expect("seed articles");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    // The trusted site's name, a public-looking name, and loopback spelt out.
    let news = format!("http://news.example:{port}");
    let other = format!("http://other.example:{port}");
    let literal = format!("http://127.0.0.1:{port}");
    let local = format!("http://localhost:{port}");
    let mut files: HashMap<String, SiteFile> = HashMap::new();
    for (index, seed) in seeds.iter().take(3).enumerate() {
        files.insert(
            format!("/a/{index}.html"),
            SiteFile {
                content_type: "text/html; charset=utf-8",
                body: ticker_tests::render_page(seed, index, &news, &seeds).into_bytes(),
            },
        );
    }
    let item = |link: &str| {
        format!("<item><title>Meldung</title><link>{link}</link><guid>{link}</guid></item>")
    };
    files.insert(
        "/rss.xml".to_string(),
        SiteFile {
            content_type: "application/rss+xml",
            body: format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title>{}{}{}{}</channel></rss>",
                item(&format!("{news}/a/0.html")),
                item(&format!("{literal}/a/1.html")),
                item(&format!("{local}/a/1.html")),
                item(&format!("{news}/moved")),
            )
            .into_bytes(),
        },
    );
    files.insert(
        "/moved".to_string(),
        SiteFile::redirect(&format!("{literal}/a/1.html")),
    );
    let now = chrono::Utc::now().to_rfc3339();
    files.insert(
        "/sitemap.xml".to_string(),
        SiteFile {
            content_type: "application/xml",
            body: format!(
                "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>{local}/a/2.html</loc><lastmod>{now}</lastmod></url><url><loc>{news}/a/1.html</loc><lastmod>{now}</lastmod></url></urlset>"
            )
            .into_bytes(),
        },
    );
    files.insert(
        "/section.html".to_string(),
        SiteFile {
            content_type: "text/html",
            body: format!(
                "<html><body><a href=\"{other}/a/0.html\">Eins</a> <a href=\"{news}/a/2.html\">Zwei</a></body></html>"
            )
            .into_bytes(),
        },
    );
    let _site = tokio::spawn(ticker_tests::serve(listener, files));

    let work = tempfile::tempdir().unwrap();
    let broker = Broker::start(work.path()).await;
    let mut config = crate::config(&broker.address, &news, work.path());
    for name in ["news.example", "other.example"] {
        config
            .fetch
            .resolve
            .insert(name.to_string(), "127.0.0.1".to_string());
    }
    config.fetch.respect_robots = false;
    config.sources = vec![
        // With a password in the URL, which nothing may print or publish.
        crate::source(
            "feed",
            "feed",
            format!("http://reader:s3cret@news.example:{port}/rss.xml"),
        ),
        crate::source("sitemap", "sitemap", format!("{news}/sitemap.xml")),
        SourceConfig {
            link_selector: Some("a".to_string()),
            ..crate::source("section", "page", format!("{news}/section.html"))
        },
        // Not trusted: its public-looking name resolves to loopback.
        SourceConfig {
            allow_private: false,
            ..crate::source("sneaky", "feed", format!("{other}/rss.xml"))
        },
    ];
    config.validate().unwrap();
    assert!(!config.fetch.allow_private);

    let (_trigger, shutdown) = tokio::sync::watch::channel(false);
    let summary = ticker_pipeline::run(config.clone(), RunOptions { once: true }, shutdown)
        .await
        .unwrap();
    assert_eq!(summary.poll_errors, 1, "the untrusted source: {summary:?}");
    assert_eq!(summary.articles_published, 3, "{summary:?}");
    assert_eq!(summary.deadletters, 5, "{summary:?}");

    let published: Vec<String> = read_topic(&broker.address, &Topic::Articles.name("e2e."))
        .iter()
        .map(|message| {
            serde_json::from_slice::<Article>(message.payload().unwrap())
                .unwrap()
                .url
                .unwrap_or_default()
        })
        .collect();
    let mut published = published;
    published.sort();
    assert_eq!(
        published,
        [0, 1, 2].map(|index| format!("{news}/a/{index}.html")),
        "only the trusted host's pages"
    );
    for topic in [
        Topic::Articles,
        Topic::Extractions,
        Topic::Deadletter,
        Topic::Stories,
    ] {
        for message in read_topic(&broker.address, &topic.name("e2e.")) {
            let payload = String::from_utf8_lossy(message.payload().unwrap_or_default());
            assert!(!payload.contains("s3cret"), "{payload}");
        }
    }
    let mut refused: Vec<(String, String)> = Vec::new();
    for letter in read_topic(&broker.address, &Topic::Deadletter.name("e2e.")) {
        let header = |key: &str| crate::broker::header(&letter, key);
        assert_eq!(header("ticker_stage"), "fetch");
        let error = header("ticker_error");
        assert!(
            error.contains("refused") && error.contains("loopback"),
            "{error}"
        );
        refused.push((header("ticker_input"), error));
    }
    refused.sort();
    let inputs: Vec<&str> = refused.iter().map(|(input, _)| input.as_str()).collect();
    let mut expected = vec![
        format!("{literal}/a/1.html"),
        format!("{local}/a/1.html"),
        format!("{local}/a/2.html"),
        format!("{news}/moved"),
        format!("{other}/a/0.html"),
    ];
    expected.sort();
    assert_eq!(inputs, expected, "{refused:#?}");
    // The source that is not trusted is refused at its poll, with the reason.
    let store = ticker_pipeline::state::StateStore::open(&config.state.path).unwrap();
    let health = store.source_health().unwrap();
    let error = health["sneaky"].last_error.clone().unwrap_or_default();
    assert!(
        error.contains("other.example is a loopback address"),
        "{error}"
    );
}
