//! Wrong content types and charsets, through the pipeline into tansu: a
//! feed served as `text/html` in Windows-1252 under a UTF-8 declaration,
//! German pages in ISO-8859-1 and Windows-1252 without (or with a wrong)
//! charset, a page without any Content-Type, and a PDF behind an article
//! link, which becomes a dead letter instead of an article of garbage.

use std::collections::HashMap;

use rdkafka::message::Message;
use ticker_model::{Article, Topic};
use ticker_pipeline::config::SourceConfig;
use ticker_pipeline::RunOptions;
use ticker_tests::SiteFile;

use crate::broker::{read_topic, Broker};

fn page(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!("<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\n{body}</article></body></html>")
}

fn latin1(text: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1252.encode(text).0.into_owned()
}

const PARAGRAPHS: &[&str] = &[
    "Der Präsident der Republik äußerte sich am Donnerstag in Almaty über die Lage im Süden des Landes und kündigte weitere Gespräche mit den Nachbarstaaten an.",
    "„Wir werden die Ordnung wiederherstellen“, sagte er vor Journalisten. Die Straßen der größten Stadt seien inzwischen wieder ruhig, berichteten Augenzeugen übereinstimmend.",
    "Beobachter rechnen damit, dass die Regierung in den kommenden Wochen über die Rückkehr der Truppen entscheiden wird. Eine Stellungnahme des Außenministeriums stand zunächst aus.",
];

fn site(base: &str) -> HashMap<String, SiteFile> {
    let mut files = HashMap::new();
    files.insert(
        "/latin1.html".to_string(),
        SiteFile {
            content_type: "text/html",
            body: latin1(&page("Präsident äußert sich zur Lage", PARAGRAPHS)),
        },
    );
    files.insert(
        "/luegt.html".to_string(),
        SiteFile {
            content_type: "text/html; charset=utf-8",
            body: latin1(&page("Grüße aus Almaty – „Ruhe“ kehrt zurück", PARAGRAPHS)),
        },
    );
    files.insert(
        "/ohne-typ.html".to_string(),
        SiteFile {
            content_type: "",
            body: page("Straßen wieder geöffnet", PARAGRAPHS).into_bytes(),
        },
    );
    files.insert(
        "/bericht.html".to_string(),
        SiteFile {
            content_type: "text/html; charset=utf-8",
            body: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n".to_vec(),
        },
    );
    let items: String = [
        ("Präsident äußert sich", "/latin1.html"),
        ("Grüße aus Almaty", "/luegt.html"),
        ("Straßen geöffnet", "/ohne-typ.html"),
        ("Bericht (PDF)", "/bericht.html"),
    ]
    .iter()
    .map(|(title, path)| format!("<item><title>{title}</title><link>{base}{path}</link></item>\n"))
    .collect();
    // Windows-1252 bytes under a UTF-8 declaration, served as text/html.
    let feed = format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>Altlasten – Übersicht</title>\n{items}</channel></rss>\n");
    files.insert(
        "/legacy.xml".to_string(),
        SiteFile {
            content_type: "text/html",
            body: latin1(&feed),
        },
    );
    files
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_content_types_and_charsets_come_out_right_or_as_dead_letters() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let _site = tokio::spawn(ticker_tests::serve(listener, site(&base)));
    let work = tempfile::tempdir().unwrap();
    let broker = Broker::start(work.path()).await;
    let mut config = crate::config(&broker.address, &base, work.path());
    config.sources = vec![crate::source(
        "legacy",
        "feed",
        format!("{base}/legacy.xml"),
    )];
    let (_trigger, shutdown) = tokio::sync::watch::channel(false);
    let summary = ticker_pipeline::run(config, RunOptions { once: true }, shutdown)
        .await
        .unwrap();
    assert_eq!(
        (
            summary.entries_queued,
            summary.articles_published,
            summary.deadletters
        ),
        (4, 3, 1),
        "{summary:?}"
    );
    let articles: HashMap<String, Article> =
        read_topic(&broker.address, &Topic::Articles.name("e2e."))
            .iter()
            .map(|m| serde_json::from_slice::<Article>(m.payload().unwrap()).unwrap())
            .map(|article| (article.url.clone().unwrap_or_default(), article))
            .collect();
    let by_path = |path: &str| &articles[&format!("{base}{path}")];
    assert_eq!(
        by_path("/latin1.html").title,
        "Präsident äußert sich zur Lage"
    );
    assert_eq!(
        by_path("/luegt.html").title,
        "Grüße aus Almaty – „Ruhe“ kehrt zurück"
    );
    assert_eq!(by_path("/ohne-typ.html").title, "Straßen wieder geöffnet");
    for article in articles.values() {
        assert!(
            article
                .text
                .contains("Der Präsident der Republik äußerte sich"),
            "{}",
            article.text
        );
        assert!(
            article
                .text
                .contains("„Wir werden die Ordnung wiederherstellen“"),
            "{}",
            article.text
        );
        assert!(!article.text.contains('\u{fffd}'), "{}", article.text);
    }
    let letters = read_topic(&broker.address, &Topic::Deadletter.name("e2e."));
    assert_eq!(letters.len(), 1);
    let header = |key: &str| crate::broker::header(&letters[0], key);
    assert_eq!(header("ticker_stage"), "fetch");
    assert_eq!(header("ticker_input"), format!("{base}/bericht.html"));
    let error = header("ticker_error");
    assert!(error.contains("PDF"), "{error}");
}

fn atom(base: &str, updated: &str) -> SiteFile {
    SiteFile {
        content_type: "application/atom+xml",
        body: format!("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Live</title><id>urn:live</id><updated>{updated}</updated><entry><title>Lage in Almaty</title><id>urn:live:1</id><link href=\"{base}/lage.html?utm_source=atom\"/><updated>{updated}</updated></entry></feed>").into_bytes(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_updated_entry_with_changed_text_is_published_as_the_next_revision() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let files = std::sync::Arc::new(std::sync::Mutex::new(HashMap::from([
        ("/live.xml".to_string(), atom(&base, "2022-01-13T08:00:00Z")),
        (
            "/lage.html".to_string(),
            SiteFile {
                content_type: "text/html; charset=utf-8",
                body: page("Lage in Almaty", &PARAGRAPHS[..2]).into_bytes(),
            },
        ),
    ])));
    let _site = tokio::spawn(ticker_tests::serve_shared(listener, files.clone()));
    let work = tempfile::tempdir().unwrap();
    let broker = Broker::start(work.path()).await;
    let mut config = crate::config(&broker.address, &base, work.path());
    config.sources = vec![
        crate::source("live", "feed", format!("{base}/live.xml")),
        // The same page through a second source, with tracking parameters.
        SourceConfig {
            link_selector: Some("a".to_string()),
            ..crate::source("start", "page", format!("{base}/start.html"))
        },
    ];
    files.lock().unwrap().insert(
        "/start.html".to_string(),
        SiteFile {
            content_type: "text/html",
            body: format!("<html><body><a href=\"{base}/lage.html?utm_medium=startseite#oben\">Lage</a></body></html>")
                .into_bytes(),
        },
    );
    let run = |config: ticker_pipeline::Config| async move {
        let (_trigger, shutdown) = tokio::sync::watch::channel(false);
        ticker_pipeline::run(config, RunOptions { once: true }, shutdown)
            .await
            .unwrap()
    };
    let first = run(config.clone()).await;
    assert_eq!(
        (first.articles_published, first.articles_unchanged),
        (1, 1),
        "{first:?}"
    );
    // Same entry, same `updated`: not fetched again.
    let again = run(config.clone()).await;
    assert_eq!(
        (again.entries_queued, again.articles_published),
        (0, 0),
        "{again:?}"
    );
    // The page gains a paragraph and the feed marks the entry updated.
    files.lock().unwrap().extend([
        ("/live.xml".to_string(), atom(&base, "2022-01-13T10:30:00Z")),
        (
            "/lage.html".to_string(),
            SiteFile {
                content_type: "text/html; charset=utf-8",
                body: page("Lage in Almaty", PARAGRAPHS).into_bytes(),
            },
        ),
    ]);
    let updated = run(config).await;
    assert_eq!(
        (updated.entries_queued, updated.articles_published),
        (1, 1),
        "{updated:?}"
    );
    let revisions: Vec<(String, u32)> = read_topic(&broker.address, &Topic::Articles.name("e2e."))
        .iter()
        .map(|m| serde_json::from_slice::<Article>(m.payload().unwrap()).unwrap())
        .map(|article| (article.article_id, article.revision))
        .collect();
    assert_eq!(revisions.len(), 2, "{revisions:?}");
    assert_eq!(revisions[0].0, revisions[1].0);
    assert_eq!((revisions[0].1, revisions[1].1), (1, 2));
}
