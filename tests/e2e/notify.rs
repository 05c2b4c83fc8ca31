//! Alerts that reach people: a watchlist routes the seed story's alerts to
//! a signed webhook on 127.0.0.1 that fails its first two requests, and to
//! a sink that always fails. Every alert of the alerts topic arrives at the
//! webhook (once, after dropping repeats by id) with a valid signature;
//! the failing sink's alerts end as dead letters with stage `notify`.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rdkafka::message::Message;
use ticker_model::{Alert, Topic};
use ticker_pipeline::config::{SinkConfig, SinkKind, WatchConfig};
use ticker_pipeline::RunOptions;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::broker::{header, read_topic, Broker};

/// The requests a receiver kept: (headers, body).
type Requests = Arc<Mutex<Vec<(HashMap<String, String>, Vec<u8>)>>>;

/// A receiver that answers 500 to its first `failures` requests, then 200
/// (or always `status`); keeps (headers, body) of every request.
async fn receiver(failures: usize, status: u16) -> (String, Requests) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let seen: Requests = Arc::default();
    let kept = seen.clone();
    tokio::spawn(async move {
        let mut count = 0;
        loop {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut request = Vec::new();
            let mut buffer = [0u8; 4096];
            let head_end = loop {
                let read = stream.read(&mut buffer).await.unwrap_or(0);
                if read == 0 {
                    break None;
                }
                request.extend_from_slice(&buffer[..read]);
                if let Some(at) = request.windows(4).position(|w| w == b"\r\n\r\n") {
                    break Some(at);
                }
            };
            let Some(head_end) = head_end else { continue };
            let head = String::from_utf8_lossy(&request[..head_end]).into_owned();
            let headers: HashMap<String, String> = head
                .lines()
                .skip(1)
                .filter_map(|line| line.split_once(':'))
                .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
                .collect();
            let length: usize = headers
                .get("content-length")
                .and_then(|l| l.parse().ok())
                .unwrap_or(0);
            let mut body = request[head_end + 4..].to_vec();
            while body.len() < length {
                let read = stream.read(&mut buffer).await.unwrap_or(0);
                if read == 0 {
                    break;
                }
                body.extend_from_slice(&buffer[..read]);
            }
            count += 1;
            let answer = if count <= failures { 500 } else { status };
            if answer == 200 {
                kept.lock().unwrap().push((headers, body));
            }
            let response =
                format!("HTTP/1.1 {answer} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
            let _ = stream.write_all(response.as_bytes()).await;
        }
    });
    (url, seen)
}

/// The alert ids the receiver took.
fn delivered(received: &Requests) -> HashSet<String> {
    received
        .lock()
        .unwrap()
        .iter()
        .map(|(headers, _)| headers["x-ticker-alert-id"].clone())
        .collect()
}

/// Every request the receiver took is signed with "test-secret".
fn assert_signed(received: &Requests) {
    for (headers, body) in received.lock().unwrap().iter() {
        let expected = format!(
            "sha256={}",
            ticker_pipeline::notify::signature(b"test-secret", body)
        );
        assert_eq!(headers["x-ticker-signature"], expected);
    }
}

/// A watch on "Kasachstan" routed to a signed webhook at `hook` (8
/// attempts, back-off from `retry_ms`) and to a Slack sink at `dead` (2
/// attempts).
fn watch_kasachstan(
    config: &mut ticker_pipeline::Config,
    hook: String,
    dead: String,
    retry_ms: u64,
) {
    config.sinks = vec![
        SinkConfig {
            id: "ops".to_string(),
            kind: SinkKind::Webhook,
            url: hook,
            secret: Some("test-secret".to_string()),
            max_attempts: 8,
            retry_base_ms: retry_ms,
        },
        SinkConfig {
            id: "broken".to_string(),
            kind: SinkKind::Slack,
            url: dead,
            secret: None,
            max_attempts: 2,
            retry_base_ms: 50,
        },
    ];
    config.watches = vec![WatchConfig {
        id: "kasachstan".to_string(),
        sinks: vec!["ops".to_string(), "broken".to_string()],
        entities: vec!["Kasachstan".to_string()],
        ..WatchConfig::default()
    }];
    config.validate().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alerts_reach_a_signed_webhook_once_each_and_a_dead_sink_ends_in_dead_letters() {
    let seeds = ticker_tests::load_seeds(&ticker_tests::seeds_dir()).expect("seed articles");
    let (base, _site) = ticker_tests::start_site(&seeds).await.unwrap();
    let (hook, received) = receiver(2, 200).await;
    let (dead, _) = receiver(0, 503).await;
    let work = tempfile::tempdir().unwrap();
    let broker = Broker::start(work.path()).await;
    let mut config = crate::config(&broker.address, &base, work.path());
    watch_kasachstan(&mut config, hook, dead, 50);
    let (trigger, shutdown) = tokio::sync::watch::channel(false);
    let running = tokio::spawn(ticker_pipeline::run(
        config,
        RunOptions { once: false },
        shutdown,
    ));

    // The alerts the pipeline published.
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(300)).await;
        // (All five articles first: their alerts come with them.)
        let articles = tokio::task::block_in_place(|| {
            read_topic(&broker.address, &Topic::Articles.name("e2e.")).len()
        });
        let alerts = alert_ids(&broker.address, "e2e.");
        let delivered = delivered(&received);
        let notify_letters = notify_errors(&broker.address, "e2e.").len();
        if articles == 5
            && !alerts.is_empty()
            && delivered == alerts
            && notify_letters == alerts.len()
        {
            break;
        }
    }
    trigger.send(true).unwrap();
    let summary = running.await.unwrap().unwrap();
    // Every alert the topic holds now, read after the run.
    let alerts = alert_ids(&broker.address, "e2e.");
    assert!(
        !alerts.is_empty(),
        "the seed story raised no alert: {summary:?}"
    );
    assert_eq!(delivered(&received), alerts, "{summary:?}");
    assert_signed(&received);
    let received = received.lock().unwrap();
    for (headers, body) in received.iter() {
        let json: serde_json::Value = serde_json::from_slice(body).unwrap();
        assert_eq!(
            json["alert_id"].as_str().unwrap(),
            headers["x-ticker-alert-id"]
        );
        assert!(
            json["story_label"]
                .as_str()
                .is_some_and(|label| !label.is_empty()),
            "{json}"
        );
    }
    let notify = notify_errors(&broker.address, "e2e.");
    assert_eq!(notify.len(), alerts.len(), "{notify:?}");
    assert!(
        notify
            .iter()
            .all(|error| error.contains("refused alert") && error.contains("HTTP 503")),
        "{notify:?}"
    );
    assert!(
        summary.notifications as usize >= alerts.len(),
        "{summary:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_one_off_run_sends_its_alerts_before_it_exits() {
    let seeds = ticker_tests::load_seeds(&ticker_tests::seeds_dir()).expect("seed articles");
    let (base, _site) = ticker_tests::start_site(&seeds).await.unwrap();
    let (hook, received) = receiver(0, 200).await;
    let work = tempfile::tempdir().unwrap();
    let broker = Broker::start(work.path()).await;
    let mut config = crate::config(&broker.address, &base, work.path());
    config.sinks = vec![SinkConfig {
        id: "chat".to_string(),
        kind: SinkKind::Mattermost,
        url: hook,
        secret: None,
        max_attempts: 3,
        retry_base_ms: 50,
    }];
    config.watches = vec![WatchConfig {
        id: "everything".to_string(),
        sinks: vec!["chat".to_string()],
        ..WatchConfig::default()
    }];
    let (_trigger, shutdown) = tokio::sync::watch::channel(false);
    let summary = ticker_pipeline::run(config, RunOptions { once: true }, shutdown)
        .await
        .unwrap();
    let alerts = read_topic(&broker.address, &Topic::Alerts.name("e2e.")).len();
    assert!(alerts > 0, "{summary:?}");
    let received = received.lock().unwrap();
    let ids: HashSet<&str> = received
        .iter()
        .map(|(headers, _)| headers["x-ticker-alert-id"].as_str())
        .collect();
    assert_eq!(ids.len(), alerts, "{summary:?}");
    for (_, body) in received.iter() {
        let message: serde_json::Value = serde_json::from_slice(body).unwrap();
        assert!(
            message["text"]
                .as_str()
                .is_some_and(|text| text.starts_with('*')),
            "{message}"
        );
    }
}

/// The errors of the dead letters with stage `notify` under `prefix`.
fn notify_errors(brokers: &str, prefix: &str) -> Vec<String> {
    tokio::task::block_in_place(|| read_topic(brokers, &Topic::Deadletter.name(prefix)))
        .iter()
        .filter(|l| header(l, "ticker_stage") == "notify")
        .map(|l| header(l, "ticker_error"))
        .collect()
}

/// The alert ids of the alerts topic under `prefix`.
fn alert_ids(brokers: &str, prefix: &str) -> HashSet<String> {
    tokio::task::block_in_place(|| {
        read_topic(brokers, &Topic::Alerts.name(prefix))
            .iter()
            .map(|m| {
                serde_json::from_slice::<Alert>(m.payload().unwrap())
                    .unwrap()
                    .alert_id
            })
            .collect()
    })
}

/// A scaled-out deployment (fetch, process and stories roles, in this
/// process): the stories role puts each delivery a watch wants on
/// `ticker.deliveries`, and the notify role sends it. The first notify
/// process (an OS process) is killed with SIGKILL after the webhook took
/// its first alert, while other deliveries wait out their back-off; a
/// second one takes the group over. Every alert reaches the signed webhook
/// (after dropping repeats by id) and the dead sink's alerts end as dead
/// letters of the notify role.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_notify_role_sends_what_the_stories_role_routes_and_survives_sigkill() {
    use ticker_pipeline::roles::{self, Role};
    let seeds = ticker_tests::load_seeds(&ticker_tests::seeds_dir()).expect("seed articles");
    let (base, _site) = ticker_tests::start_site(&seeds).await.unwrap();
    // The first request fails: that delivery waits out its back-off.
    let (hook, received) = receiver(1, 200).await;
    let (dead, _) = receiver(0, 503).await;
    let work = tempfile::tempdir().unwrap();
    let broker = Broker::start(work.path()).await;
    let mut config = crate::config(&broker.address, &base, work.path());
    config.kafka.topic_prefix = "routed.".into();
    // A long back-off: the SIGKILL comes while the refused one waits.
    watch_kasachstan(&mut config, hook, dead, 10_000);

    let (stop, shutdown) = tokio::sync::watch::channel(false);
    let mut running = vec![
        tokio::spawn(ticker_pipeline::run_role(
            config.clone(),
            Role::Fetch,
            RunOptions { once: false },
            shutdown.clone(),
            |_| {},
        )),
        tokio::spawn(roles::run_process(config.clone(), shutdown.clone())),
        tokio::spawn(roles::run_stories(config.clone(), shutdown.clone())),
    ];
    let config_path = work.path().join("ticker.toml");
    std::fs::write(&config_path, toml::to_string(&config).unwrap()).unwrap();
    let notify_log = work.path().join("notify-1.log");
    let mut first = std::process::Command::new(env!("CARGO_BIN_EXE_ticker-test-pipeline"))
        .arg(&config_path)
        .arg("notify")
        .env("TICKER_LOG", "info")
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&notify_log).unwrap())
        .spawn()
        .unwrap();

    // Until the alerts exist and the first attempts have been made.
    let mut alerts = HashSet::new();
    for _ in 0..200 {
        tokio::time::sleep(Duration::from_millis(200)).await;
        alerts = alert_ids(&broker.address, "routed.");
        if !alerts.is_empty() && !received.lock().unwrap().is_empty() {
            break;
        }
    }
    assert!(!alerts.is_empty(), "the seed story raised no alert");
    assert!(
        !received.lock().unwrap().is_empty(),
        "the first notify process delivered nothing: {}",
        std::fs::read_to_string(&notify_log).unwrap_or_default()
    );
    first.kill().unwrap();
    first.wait().unwrap();
    let before = delivered(&received);
    running.push(tokio::spawn(roles::run_notify(
        config.clone(),
        shutdown.clone(),
    )));

    let mut letters = Vec::new();
    for _ in 0..200 {
        tokio::time::sleep(Duration::from_millis(300)).await;
        alerts = alert_ids(&broker.address, "routed.");
        let delivered = delivered(&received);
        letters = notify_errors(&broker.address, "routed.");
        let dead: HashSet<&str> = letters
            .iter()
            .filter_map(|error| error.split_whitespace().nth(4))
            .collect();
        if delivered == alerts && dead.len() == alerts.len() {
            break;
        }
    }
    let _ = stop.send(true);
    for role in running {
        let _ = tokio::time::timeout(Duration::from_secs(20), role).await;
    }
    assert_eq!(
        delivered(&received),
        alerts,
        "every alert reached the webhook"
    );
    eprintln!(
        "notify role: {} of {} alerts delivered when the first notify process was killed",
        before.len(),
        alerts.len()
    );
    assert!(
        before.len() < alerts.len(),
        "the kill left nothing to take over"
    );
    assert_signed(&received);
    // Each of the dead sink's alerts is a dead letter ("sink broken
    // refused alert <id> 2 times, …"); a repeat after the hand-over may
    // add a second letter for one alert, never miss one.
    let dead: HashSet<&str> = letters
        .iter()
        .filter_map(|error| error.split_whitespace().nth(4))
        .collect();
    assert_eq!(
        dead,
        alerts.iter().map(String::as_str).collect::<HashSet<_>>(),
        "{letters:?}"
    );
    assert!(letters.iter().all(|error| error.contains("HTTP 503")));
}
