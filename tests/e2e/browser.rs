//! The page in a real browser: headless Chromium driven over WebDriver
//! (Debian's `chromium` and `chromium-driver`) against the page served in
//! the pipeline's process, while the pipeline polls the fixture site into
//! the real broker.
//!
//! The stories page lists the seed story; a keyboard Enter on its link
//! opens it; the alerts page, left open, shows a new alert without a
//! reload when the site publishes an article with a changed death toll;
//! the story page then shows the death-toll timeline with that change.
//!
//! Without the browser packages the test says loudly that it skipped.
//! `TICKER_SCREENSHOTS=DIR` saves a screenshot of each page there.

use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use ticker_pipeline::RunOptions;

use crate::broker::{free_address, Broker};

/// A WebDriver session (the W3C protocol, JSON over HTTP).
struct Session {
    http: reqwest::Client,
    base: String,
}

impl Session {
    async fn start(driver: &str) -> anyhow::Result<Session> {
        let http = reqwest::Client::builder().no_proxy().build()?;
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium_binary().unwrap_or_default(),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1200,1500", "--lang=en-US",
                    // Loopback only: no background traffic, and every host
                    // name but 127.0.0.1 fails to resolve (the pages are there).
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-domain-reliability", "--no-first-run",
                    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
                ]
            }
        }}});
        let answer: Value = http
            .post(format!("{driver}/session"))
            .json(&capabilities)
            .send()
            .await?
            .json()
            .await?;
        let id = answer["value"]["sessionId"]
            .as_str()
            .ok_or_else(|| anyhow::anyhow!("no session: {answer}"))?;
        Ok(Session {
            http,
            base: format!("{driver}/session/{id}"),
        })
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> anyhow::Result<Value> {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let answer: Value = request.send().await?.json().await?;
        if let Some(error) = answer["value"]["error"].as_str() {
            anyhow::bail!("{path}: {error}: {}", answer["value"]["message"]);
        }
        Ok(answer["value"].clone())
    }

    async fn go(&self, url: &str) -> anyhow::Result<()> {
        self.call(reqwest::Method::POST, "/url", Some(json!({"url": url})))
            .await?;
        Ok(())
    }

    async fn script(&self, script: &str) -> anyhow::Result<Value> {
        self.call(
            reqwest::Method::POST,
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
        .await
    }

    /// The element id of the first match of `css`, if any.
    async fn find(&self, css: &str) -> anyhow::Result<Option<String>> {
        let found = self
            .call(
                reqwest::Method::POST,
                "/elements",
                Some(json!({"using": "css selector", "value": css})),
            )
            .await?;
        Ok(found
            .as_array()
            .and_then(|all| all.first())
            .and_then(|element| element.as_object())
            .and_then(|element| element.values().next())
            .and_then(|id| id.as_str())
            .map(str::to_string))
    }

    async fn text_of(&self, css: &str) -> anyhow::Result<String> {
        let script = format!(
            "return Array.from(document.querySelectorAll({})).map(e => e.innerText).join('\\n');",
            serde_json::to_string(css)?
        );
        Ok(self
            .script(&script)
            .await?
            .as_str()
            .unwrap_or("")
            .to_string())
    }

    /// Waits until the text of `css` satisfies `done`; returns that text.
    async fn wait_text(
        &self,
        css: &str,
        limit: Duration,
        done: impl Fn(&str) -> bool,
    ) -> anyhow::Result<String> {
        let deadline = Instant::now() + limit;
        loop {
            let text = self.text_of(css).await?;
            if done(&text) {
                return Ok(text);
            }
            if Instant::now() > deadline {
                anyhow::bail!("waited {limit:?} for {css}; it reads: {text:?}");
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    async fn press_enter(&self, element: &str) -> anyhow::Result<()> {
        self.call(
            reqwest::Method::POST,
            &format!("/element/{element}/value"),
            Some(json!({"text": "\u{E007}"})),
        )
        .await?;
        Ok(())
    }

    async fn screenshot(&self, name: &str) -> anyhow::Result<()> {
        let Some(dir) = std::env::var_os("TICKER_SCREENSHOTS") else {
            return Ok(());
        };
        let png = self.call(reqwest::Method::GET, "/screenshot", None).await?;
        let bytes = base64_decode(png.as_str().unwrap_or(""))?;
        std::fs::create_dir_all(&dir)?;
        std::fs::write(
            std::path::Path::new(&dir).join(format!("{name}.png")),
            bytes,
        )?;
        Ok(())
    }

    async fn close(&self) {
        let _ = self.http.delete(&self.base).send().await;
    }
}

fn base64_decode(text: &str) -> anyhow::Result<Vec<u8>> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for byte in text
        .bytes()
        .filter(|b| !b.is_ascii_whitespace() && *b != b'=')
    {
        let value = ALPHABET
            .iter()
            .position(|c| *c == byte)
            .ok_or_else(|| anyhow::anyhow!("not base64"))? as u32;
        buffer = (buffer << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    Ok(out)
}

fn on_path(name: &str) -> Option<std::path::PathBuf> {
    std::env::var("PATH")
        .unwrap_or_default()
        .split(':')
        .map(|dir| std::path::Path::new(dir).join(name))
        .find(|path| path.is_file())
}

fn chromium_binary() -> Option<String> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find_map(on_path)
        .map(|path| path.display().to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_in_a_real_browser_shows_the_story_its_timeline_and_a_live_alert() {
    let (Some(driver_binary), Some(_)) = (on_path("chromedriver"), chromium_binary()) else {
        eprintln!(
            "\n!!!!!!!!!! SKIPPED the browser test: chromium and chromedriver are not installed \
             (apt-get install chromium chromium-driver; .ci/run installs them) !!!!!!!!!!\n"
        );
        return;
    };
    let seeds = ticker_tests::load_seeds(&ticker_tests::seeds_dir()).expect("seed articles");
    let work = tempfile::tempdir().unwrap();
    let broker = Broker::start(work.path()).await;

    // The fixture site, changeable while it runs.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let files = std::sync::Arc::new(std::sync::Mutex::new(ticker_tests::build_site(
        &seeds, &base,
    )));
    tokio::spawn(ticker_tests::serve_shared(listener, files.clone()));

    // The pipeline, polling every second, with the page in its process.
    let mut config = crate::config(&broker.address, &base, work.path());
    config.kafka.topic_prefix = "browser.".into();
    config.sources.retain(|source| source.id != "broken");
    config.pipeline.poll_interval_secs = 1;
    config.pipeline.max_poll_interval_secs = 1;
    config.pipeline.adaptive_polling = false;
    config.fetch.min_host_interval_ms = 0;
    config.validate().unwrap();
    let page = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let page_url = format!("http://{}", page.local_addr().unwrap());
    let (stop, shutdown) = tokio::sync::watch::channel(false);
    let page_config = config.clone();
    let page_shutdown = shutdown.clone();
    let pipeline = tokio::spawn(ticker_pipeline::run_with(
        config,
        RunOptions { once: false },
        shutdown,
        move |sources| {
            tokio::spawn(async move {
                let feed = ticker_serve::SourceFeed::Local(sources);
                ticker_serve::serve(&page_config, page, feed, page_shutdown)
                    .await
                    .expect("the page serves");
            });
        },
    ));

    // chromedriver on a free loopback port.
    let driver_address = free_address();
    let port = driver_address.rsplit(':').next().unwrap().to_string();
    let mut driver = tokio::process::Command::new(driver_binary)
        .args([format!("--port={port}"), "--allowed-ips=127.0.0.1".into()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("chromedriver starts");
    let driver_url = format!("http://{driver_address}");
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while http
        .get(format!("{driver_url}/status"))
        .send()
        .await
        .is_err()
    {
        assert!(Instant::now() < deadline, "chromedriver did not come up");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let session = Session::start(&driver_url)
        .await
        .expect("a browser session");
    let result = browse(&session, &page_url, &http, &files, &seeds, &base).await;
    session.close().await;
    let _ = driver.kill().await;
    let _ = stop.send(true);
    let _ = tokio::time::timeout(Duration::from_secs(30), pipeline).await;
    result.unwrap();
}

async fn browse(
    session: &Session,
    page_url: &str,
    http: &reqwest::Client,
    files: &std::sync::Arc<
        std::sync::Mutex<std::collections::HashMap<String, ticker_tests::SiteFile>>,
    >,
    seeds: &[ticker_tests::SeedArticle],
    base: &str,
) -> anyhow::Result<()> {
    // Stories: the seed story, once the five articles are in (the
    // clusterer may still split them while they arrive together).
    session.go(&format!("{page_url}/")).await?;
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let stories: Value = http
            .get(format!("{page_url}/api/stories"))
            .send()
            .await?
            .json()
            .await?;
        let articles: u64 = stories["stories"]
            .as_array()
            .map(|all| {
                all.iter()
                    .map(|s| s["article_count"].as_u64().unwrap_or(0))
                    .sum::<u64>()
            })
            .unwrap_or(0);
        if articles >= 5 {
            break;
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "the seed story did not reach the page: {stories}"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    session.go(&format!("{page_url}/")).await?;
    // The story row with its sparkline, drawn by the charting library once
    // the page has read the articles (it may list the story from its story
    // record a moment before: the page is loaded again until then).
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        session.go(&format!("{page_url}/")).await?;
        let listed = session.text_of("#stories tbody").await?;
        let charts = session
            .script("return document.querySelectorAll('#stories .uplot canvas').length;")
            .await?;
        if listed.contains("Kasachstan") && charts.as_u64().unwrap_or(0) >= 1 {
            break;
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "no story row with a chart: {listed:?}"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    session.screenshot("stories").await?;

    // Keyboard: Enter on the story link opens the story.
    let link = session
        .find("#stories tbody a")
        .await?
        .expect("a story link");
    session.press_enter(&link).await?;
    session
        .wait_text("h1", Duration::from_secs(10), |t| t.contains("Kasachstan"))
        .await?;
    let story_path = session.script("return location.pathname;").await?;
    let story_path = story_path.as_str().unwrap_or("").to_string();
    assert!(story_path.starts_with("/story/"), "{story_path}");

    // Alerts, left open: a new alert appears without a reload.
    session.go(&format!("{page_url}/alerts")).await?;
    session
        .wait_text("body", Duration::from_secs(10), |_| true)
        .await?;
    let loaded_at = session.script("return window.tickerLoadedAt;").await?;
    let before = session.text_of("#alerts").await?;
    assert!(!before.contains("225"), "no toll change yet: {before}");
    // Wait for the event stream to be open before the news breaks.
    let deadline = Instant::now() + Duration::from_secs(10);
    while session
        .script("return document.body.dataset.live || '';")
        .await?
        != json!("open")
    {
        anyhow::ensure!(Instant::now() < deadline, "the live list did not connect");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    ticker_tests::publish_update(&mut files.lock().unwrap(), seeds, base);
    let live = match session
        .wait_text("#alerts", Duration::from_secs(60), |t| t.contains("225"))
        .await
    {
        Ok(live) => live,
        Err(error) => {
            // What the page holds, to tell a pipeline fault from a page fault.
            let story = story_path.trim_start_matches("/story/");
            let detail: Value = http
                .get(format!("{page_url}/api/story/{story}"))
                .send()
                .await?
                .json()
                .await?;
            let status: Value = http
                .get(format!("{page_url}/api/status"))
                .send()
                .await?
                .json()
                .await?;
            anyhow::bail!(
                "{error}\nstatus: {status}\nclaims: {}\narticles: {}",
                detail["claims"],
                detail["articles"]
            );
        }
    };
    assert!(
        live.contains("164"),
        "the alert says what the toll was: {live}"
    );
    assert_eq!(
        session.script("return window.tickerLoadedAt;").await?,
        loaded_at,
        "the alert arrived without a reload"
    );
    let fresh = session
        .script("return document.querySelectorAll('#alerts li.fresh').length;")
        .await?;
    assert!(fresh.as_u64().unwrap_or(0) >= 1, "added by the live stream");
    session.screenshot("alerts").await?;

    // The story page, reached from the alert's story link: the death-toll
    // timeline with its change.
    let toll_story = session
        .script(
            "const item = Array.from(document.querySelectorAll('#alerts li')).find(li => li.innerText.includes('225'));\
             return item ? item.querySelector(\"a[href^='/story/']\").getAttribute('href') : '';",
        )
        .await?;
    let toll_story = toll_story.as_str().unwrap_or("").to_string();
    assert!(
        toll_story.starts_with("/story/"),
        "the alert links its story: {toll_story:?}"
    );
    // (The claims are read beside the alert; the page is loaded again
    // until they are in.)
    let deadline = Instant::now() + Duration::from_secs(20);
    let toll = loop {
        session.go(&format!("{page_url}{toll_story}")).await?;
        let toll = session
            .text_of("article.claim.changed[data-claim-label^='killed']")
            .await?;
        if toll.contains("225") {
            break toll;
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "no death-toll timeline with 225: {toll:?}"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    assert!(
        toll.contains("was 164"),
        "the change is marked with the value before: {toll}"
    );
    let plotted = session
        .script("return document.querySelectorAll(\"article.claim.changed[data-claim-label^='killed'] .uplot canvas\").length;")
        .await?;
    assert!(plotted.as_u64().unwrap_or(0) >= 1, "the timeline is drawn");
    session.screenshot("story").await?;

    session.go(&format!("{page_url}/sources")).await?;
    let sources = session
        .wait_text("#sources", Duration::from_secs(10), |t| {
            t.contains("testpost-rss")
        })
        .await?;
    assert!(sources.contains("testpost-atom"), "{sources}");
    session.screenshot("sources").await?;
    Ok(())
}
