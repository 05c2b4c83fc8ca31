//! Test support for ticker: a fixture news site built from the seed
//! articles, served by a small HTTP/1.1 server on 127.0.0.1.
//!
//! Each seed becomes a realistic publisher page (navigation, cookie banner,
//! breadcrumb, byline, lead image with caption and credit, teaser box,
//! "Mehr zum Thema" links, share bar, footer) so that the normalizer has to
//! find the article among the boilerplate. The site also serves an RSS and
//! an Atom feed listing the articles, a feed that does not parse, and an
//! entry whose page is missing. The seeds themselves are read from
//! `../shared/seeds` at run time, never copied into the repository.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// One file of the site.
#[derive(Debug, Clone)]
pub struct SiteFile {
    /// Content-Type header (empty: none is sent; [`REDIRECT`]: the file
    /// is a redirect to the URL in its body).
    pub content_type: &'static str,
    /// Body.
    pub body: Vec<u8>,
}

/// The `content_type` of a file that redirects (301) to its body.
pub const REDIRECT: &str = "redirect";

impl SiteFile {
    /// A permanent redirect to `location`.
    pub fn redirect(location: &str) -> SiteFile {
        SiteFile {
            content_type: REDIRECT,
            body: location.as_bytes().to_vec(),
        }
    }
}

/// A seed article as the site shows it.
#[derive(Debug, Clone)]
pub struct SeedArticle {
    /// File stem (`002_350a11ec01cad79f`).
    pub name: String,
    /// Title line, markers removed.
    pub title: String,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
    /// Path of its page on the site.
    pub path: String,
}

/// Where the seeds are: `TICKER_SEEDS`, else `../shared/seeds` from the
/// repository root.
pub fn seeds_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("TICKER_SEEDS") {
        return PathBuf::from(dir);
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds")
}

/// Reads the seeds in file order.
pub fn load_seeds(dir: &Path) -> std::io::Result<Vec<SeedArticle>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    let mut seeds = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path)?;
        let parsed = ticker_normalize::plain::parse(&text);
        let name = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let path = format!("/ausland/{}.html", name.replace('_', "-"));
        seeds.push(SeedArticle {
            name,
            title: parsed.title,
            paragraphs: parsed.paragraphs,
            path,
        });
    }
    Ok(seeds)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Renders one seed as a publisher page.
pub fn render_page(seed: &SeedArticle, index: usize, base: &str, others: &[SeedArticle]) -> String {
    let mut body = String::new();
    let mut in_list = false;
    for (number, paragraph) in seed.paragraphs.iter().enumerate() {
        if let Some(item) = paragraph.strip_prefix("• ") {
            if !in_list {
                body.push_str("<ul class=\"summary\">\n");
                in_list = true;
            }
            body.push_str(&format!("  <li>{}</li>\n", escape(item)));
            continue;
        }
        if in_list {
            body.push_str("</ul>\n");
            in_list = false;
        }
        let is_heading = paragraph.chars().count() < 80
            && !paragraph.ends_with(['.', '»', '“', '"', ':', '!', '?']);
        if is_heading {
            body.push_str(&format!("<h2>{}</h2>\n", escape(paragraph)));
        } else {
            body.push_str(&format!("<p>{}</p>\n", escape(paragraph)));
        }
        if number == 3 {
            let other = &others[(index + 1) % others.len()];
            body.push_str(&format!(
                "<div class=\"teaser-box\"><span>Auch interessant</span><a href=\"{}\"><h3>{}</h3><p>Lesen Sie hier den ganzen Bericht unserer Korrespondenten.</p></a></div>\n",
                other.path,
                escape(&other.title)
            ));
        }
    }
    if in_list {
        body.push_str("</ul>\n");
    }
    let related: String = others
        .iter()
        .filter(|other| other.name != seed.name)
        .map(|other| {
            format!(
                "<li><a href=\"{}\">{}</a></li>",
                other.path,
                escape(&other.title)
            )
        })
        .collect();
    let published = if seed.name.starts_with("002") {
        "\"datePublished\": \"2022-01-13T09:59:00+01:00\","
    } else {
        ""
    };
    format!(
        r#"<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>{title} | Ticker Testpost</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="Ticker Testpost">
<meta property="og:type" content="article">
<meta property="og:title" content="{title}">
<meta property="og:image" content="{base}/img/{name}.jpg">
<link rel="canonical" href="{base}{path}?utm_source=rss&amp;utm_medium=feed">
<link rel="alternate" type="application/rss+xml" href="{base}/rss.xml">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "{json_title}", {published} "author": {{"@type": "Organization", "name": "Ticker Testpost"}}, "isAccessibleForFree": true}}</script>
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"page": "{name}"}});</script>
<style>.cookie-banner {{ position: fixed; bottom: 0; }}</style>
</head>
<body>
<div id="cookie-consent" class="cookie-banner" role="dialog"><p>Wir verwenden Cookies und ähnliche Technologien, um Inhalte zu personalisieren und Zugriffe zu analysieren. Mit „Akzeptieren“ stimmen Sie zu.</p><button>Akzeptieren</button><button>Einstellungen</button></div>
<header class="site-header"><a class="logo" href="/">Ticker Testpost</a>
<nav class="main-nav"><ul><li><a href="/">Startseite</a></li><li><a href="/inland">Inland</a></li><li><a href="/ausland">Ausland</a></li><li><a href="/wirtschaft">Wirtschaft</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main id="content">
<article class="article">
<div class="breadcrumb"><a href="/">Start</a> › <a href="/ausland">Ausland</a> › <a href="/ausland/asien">Asien</a></div>
<h1 class="article-title">{title}</h1>
<p class="byline">Von Ticker Testpost mit Agenturen · Lesezeit 3 Minuten</p>
<figure class="lead-image"><img src="/img/{name}.jpg" alt="Soldaten am Flughafen"><figcaption>Soldaten eines Militärbündnisses am Flughafen von Almaty. Foto: Testpost-Archiv/AFP</figcaption></figure>
<div class="article-body">
{body}</div>
<div class="share-bar"><a href="https://twitter.example/share">Auf Twitter teilen</a> <a href="mailto:?subject=x">Per E-Mail senden</a></div>
<section class="related"><h2>Mehr zum Thema</h2><ul>{related}</ul></section>
<div class="newsletter-box"><p>Jeden Morgen die wichtigsten Nachrichten: Abonnieren Sie unseren Newsletter.</p><form><input type="email"><button>Abonnieren</button></form></div>
</article>
<aside class="sidebar"><h2>Meistgelesen</h2><ol><li><a href="/a">Ein anderer Artikel mit einem langen Titel über etwas ganz anderes</a></li></ol></aside>
</main>
<footer class="site-footer"><p>© 2022 Ticker Testpost · Impressum · Datenschutz</p></footer>
</body>
</html>
"#,
        title = escape(&seed.title),
        json_title = seed.title.replace('\\', "\\\\").replace('"', "\\\""),
        name = seed.name,
        path = seed.path,
    )
}

/// Builds the whole site for `base` (`http://127.0.0.1:PORT`).
pub fn build_site(seeds: &[SeedArticle], base: &str) -> HashMap<String, SiteFile> {
    let mut files = HashMap::new();
    for (index, seed) in seeds.iter().enumerate() {
        files.insert(
            seed.path.clone(),
            SiteFile {
                content_type: "text/html; charset=utf-8",
                body: render_page(seed, index, base, seeds).into_bytes(),
            },
        );
    }
    // RSS lists the first three seeds and a missing page; Atom the last three.
    let day = |index: usize| format!("Thu, {:02} Jan 2022 09:00:00 +0100", 10 + index);
    let mut items = String::new();
    for (index, seed) in seeds.iter().enumerate().take(3) {
        items.push_str(&format!(
            "<item><title>{}</title><link>{base}{}?utm_source=rss</link><guid isPermaLink=\"false\">testpost-{}</guid><pubDate>{}</pubDate><description>{}</description></item>\n",
            escape(&seed.title), seed.path, seed.name, day(index), escape(seed.paragraphs.first().map_or("", String::as_str)),
        ));
    }
    items.push_str(&format!("<item><title>Verschwundener Artikel</title><link>{base}/ausland/geloescht.html</link><guid>testpost-missing</guid></item>\n"));
    items.push_str(&format!("<item><title>Interner Entwurf</title><link>{base}/intern/entwurf.html</link><guid>testpost-draft</guid></item>\n"));
    let rss = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Ticker Testpost – Ausland</title><link>{base}/</link><description>Testfeed</description><language>de</language><ttl>5</ttl>\n{items}</channel></rss>\n");
    files.insert(
        "/rss.xml".to_string(),
        SiteFile {
            content_type: "application/rss+xml; charset=utf-8",
            body: rss.into_bytes(),
        },
    );
    let mut entries = String::new();
    for (index, seed) in seeds.iter().enumerate().skip(2) {
        entries.push_str(&format!(
            "<entry><title>{}</title><id>urn:testpost:{}</id><link rel=\"alternate\" href=\"{base}{}\"/><updated>2022-01-{:02}T09:00:00Z</updated></entry>\n",
            escape(&seed.title), seed.name, seed.path, 10 + index,
        ));
    }
    let atom = format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Ticker Testpost</title><id>urn:testpost</id><updated>2022-01-14T09:00:00Z</updated>\n{entries}</feed>\n");
    files.insert(
        "/atom.xml".to_string(),
        SiteFile {
            content_type: "application/atom+xml",
            body: atom.into_bytes(),
        },
    );
    // A news sitemap (gzip, behind a sitemap index): two seeds published an
    // hour ago, one ten days ago (too old to be taken).
    let now = chrono::Utc::now();
    let mut urls = String::new();
    for (seed, age) in [
        (&seeds[3], chrono::Duration::hours(1)),
        (&seeds[4], chrono::Duration::hours(1)),
        (&seeds[0], chrono::Duration::days(10)),
    ] {
        urls.push_str(&format!(
            "<url><loc>{base}{}</loc><news:news><news:publication><news:name>Ticker Testpost</news:name><news:language>de</news:language></news:publication><news:publication_date>{}</news:publication_date><news:title>{}</news:title></news:news></url>\n",
            seed.path,
            (now - age).to_rfc3339(),
            escape(&seed.title),
        ));
    }
    let sitemap = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n{urls}</urlset>\n");
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gzip, sitemap.as_bytes()).expect("in-memory gzip");
    files.insert(
        "/news-sitemap.xml.gz".to_string(),
        SiteFile {
            content_type: "application/gzip",
            body: gzip.finish().expect("in-memory gzip"),
        },
    );
    let index = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>{base}/news-sitemap.xml.gz</loc><lastmod>{}</lastmod></sitemap></sitemapindex>\n", now.to_rfc3339());
    files.insert(
        "/sitemap-index.xml".to_string(),
        SiteFile {
            content_type: "application/xml",
            body: index.into_bytes(),
        },
    );
    files.insert(
        "/robots.txt".to_string(),
        SiteFile {
            content_type: "text/plain",
            body: b"User-agent: *\nDisallow: /intern/\n".to_vec(),
        },
    );
    files.insert(
        "/intern/entwurf.html".to_string(),
        SiteFile {
            content_type: "text/html; charset=utf-8",
            body: b"<html><body><p>Nicht zur Veroeffentlichung.</p></body></html>".to_vec(),
        },
    );
    files.insert(
        "/broken.xml".to_string(),
        SiteFile {
            content_type: "application/rss+xml",
            body: b"<rss><channel><title>kaputt & <item>".to_vec(),
        },
    );
    let index: String = seeds
        .iter()
        .map(|seed| {
            format!(
                "<li><a href=\"{}\">{}</a></li>",
                seed.path,
                escape(&seed.title)
            )
        })
        .collect();
    files.insert("/".to_string(), SiteFile { content_type: "text/html; charset=utf-8", body: format!("<html><head><title>Ticker Testpost</title><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss.xml\"></head><body><ul>{index}</ul></body></html>").into_bytes() });
    files
}

/// Serves `files` on `listener` until the task is dropped: HTTP/1.1,
/// GET only, one request per connection, 404 for anything else.
pub async fn serve(listener: TcpListener, files: HashMap<String, SiteFile>) {
    serve_shared(listener, Arc::new(std::sync::Mutex::new(files))).await
}

/// [`serve`] with files a test may change while the site runs.
pub async fn serve_shared(
    listener: TcpListener,
    files: Arc<std::sync::Mutex<HashMap<String, SiteFile>>>,
) {
    loop {
        let Ok((mut stream, _)) = listener.accept().await else {
            continue;
        };
        let files = files.clone();
        tokio::spawn(async move {
            let Some(head) = read_head(&mut stream).await else {
                return;
            };
            let target = head.split_whitespace().nth(1).unwrap_or("/");
            let path = target.split('?').next().unwrap_or("/");
            let file = files.lock().expect("site lock").get(path).cloned();
            let response = match file {
                Some(file) if file.content_type == REDIRECT => format!(
                    "HTTP/1.1 301 Moved Permanently\r\nlocation: {}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                    String::from_utf8_lossy(&file.body)
                )
                .into_bytes(),
                Some(file) => {
                    let content_type = match file.content_type {
                        "" => String::new(),
                        declared => format!("content-type: {declared}\r\n"),
                    };
                    let mut response = format!("HTTP/1.1 200 OK\r\n{content_type}content-length: {}\r\nconnection: close\r\n\r\n", file.body.len()).into_bytes();
                    response.extend_from_slice(&file.body);
                    response
                }
                None => b"HTTP/1.1 404 Not Found\r\ncontent-type: text/plain\r\ncontent-length: 9\r\nconnection: close\r\n\r\nnot found".to_vec(),
            };
            let _ = stream.write_all(&response).await;
            let _ = stream.shutdown().await;
        });
    }
}

/// Reads an HTTP request's head (up to the blank line, at most 16 KiB);
/// None when the client went away first.
pub async fn read_head(stream: &mut tokio::net::TcpStream) -> Option<String> {
    let mut request = Vec::new();
    let mut buffer = [0u8; 2048];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") && request.len() < 16 * 1024 {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return None,
            Ok(read) => request.extend_from_slice(&buffer[..read]),
        }
    }
    Some(String::from_utf8_lossy(&request).into_owned())
}

/// Starts the site on an ephemeral port of 127.0.0.1; returns its base URL.
pub async fn start_site(
    seeds: &[SeedArticle],
) -> std::io::Result<(String, tokio::task::JoinHandle<()>)> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let files = build_site(seeds, &base);
    Ok((base, tokio::spawn(serve(listener, files))))
}

/// Token-multiset F1 of two texts (words as `\w+`), for "close to" checks.
pub fn token_f1(reference: &str, prediction: &str) -> f64 {
    let words = |text: &str| -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            *counts.entry(word.to_string()).or_default() += 1;
        }
        counts
    };
    let reference = words(reference);
    let prediction = words(prediction);
    let shared: usize = reference
        .iter()
        .map(|(word, count)| (*count).min(*prediction.get(word).unwrap_or(&0)))
        .sum();
    let reference_total: usize = reference.values().sum();
    let prediction_total: usize = prediction.values().sum();
    if shared == 0 {
        return 0.0;
    }
    let precision = shared as f64 / prediction_total as f64;
    let recall = shared as f64 / reference_total as f64;
    2.0 * precision * recall / (precision + recall)
}

/// A follow-up to the fourth seed in which the death toll rose from 164
/// to 225: the changed article of the browser test and the demo.
pub fn update_article(seeds: &[SeedArticle]) -> SeedArticle {
    let mut update = seeds[3.min(seeds.len() - 1)].clone();
    update.name = "005_update".into();
    update.title = "Kasachstan: Zahl der Toten steigt auf 225".into();
    update.path = "/ausland/kasachstan-tote-225.html".into();
    for paragraph in &mut update.paragraphs {
        *paragraph = paragraph
            .replace("164 Menschen", "225 Menschen")
            .replace("Zahl der Toten auf 164", "Zahl der Toten auf 225");
    }
    update
}

/// Publishes [`update_article`] on the site: its page, and an entry in the
/// Atom feed (the RSS feed asks for a five-minute TTL).
pub fn publish_update(files: &mut HashMap<String, SiteFile>, seeds: &[SeedArticle], base: &str) {
    let update = update_article(seeds);
    let mut others = seeds.to_vec();
    others.push(update.clone());
    files.insert(
        update.path.clone(),
        SiteFile {
            content_type: "text/html; charset=utf-8",
            body: render_page(&update, seeds.len(), base, &others).into_bytes(),
        },
    );
    if let Some(atom) = files.get_mut("/atom.xml") {
        let entry = format!(
            "<entry><title>{}</title><id>urn:testpost:update</id><link rel=\"alternate\" href=\"{base}{}\"/><updated>2022-01-15T09:00:00Z</updated></entry>\n</feed>",
            escape(&update.title),
            update.path
        );
        let text = String::from_utf8_lossy(&atom.body).replace("</feed>", &entry);
        atom.body = text.into_bytes();
    }
}

/// The feeds of `full` (from [`build_site`]) listing only the first
/// `shown` seeds, without the RSS TTL: the paced site of the demo.
pub fn reveal(
    full: &HashMap<String, SiteFile>,
    seeds: &[SeedArticle],
    shown: usize,
) -> HashMap<String, SiteFile> {
    let hidden: Vec<&str> = seeds
        .iter()
        .skip(shown)
        .map(|seed| seed.path.as_str())
        .collect();
    let strip = |body: &[u8], tag: &str| -> Vec<u8> {
        let text = String::from_utf8_lossy(body).replace("<ttl>5</ttl>", "");
        let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(start) = rest.find(&open) {
            let Some(end) = rest[start..]
                .find(&close)
                .map(|end| start + end + close.len())
            else {
                break;
            };
            out.push_str(&rest[..start]);
            let entry = &rest[start..end];
            if !hidden.iter().any(|path| {
                entry.contains(&format!("{path}\""))
                    || entry.contains(&format!("{path}?"))
                    || entry.contains(&format!("{path}<"))
            }) {
                out.push_str(entry);
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        out.into_bytes()
    };
    let mut files = full.clone();
    for (path, tag) in [("/rss.xml", "item"), ("/atom.xml", "entry")] {
        if let Some(file) = files.get_mut(path) {
            file.body = strip(&file.body, tag);
        }
    }
    files
}
