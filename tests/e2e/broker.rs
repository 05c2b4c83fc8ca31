//! A real tansu broker process for the tests.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::OwnedMessage;
use rdkafka::{Message, Offset, TopicPartitionList};

pub struct Broker {
    pub address: String,
    _child: tokio::process::Child,
}

/// A free port on a random address of 127.0.0.0/8 other than 127.0.0.1.
///
/// The port is free when this returns and bound by its user a moment
/// later. On 127.0.0.1 another client's outgoing connection (they all
/// leave from 127.0.0.1) could take it in between, and a broker or
/// listener that cannot bind fails its test; no connection leaves from
/// these addresses.
pub fn free_address() -> String {
    use std::hash::BuildHasher;
    // (Each RandomState has new random keys: a random 64-bit value.)
    let [a, b, c, ..] = std::collections::hash_map::RandomState::new()
        .hash_one(0u8)
        .to_le_bytes();
    let ip = std::net::Ipv4Addr::new(127, 1 + a % 250, b, 1 + c % 250);
    let listener = std::net::TcpListener::bind((ip, 0)).unwrap();
    listener.local_addr().unwrap().to_string()
}

fn tansu_binary() -> String {
    if let Some(path) = std::env::var_os("TANSU_BIN") {
        return path.to_string_lossy().into_owned();
    }
    for dir in std::env::var("PATH")
        .unwrap_or_default()
        .split(':')
        .chain(std::iter::once(concat!(env!("HOME"), "/.cargo/bin")))
    {
        let candidate = Path::new(dir).join("tansu");
        if candidate.is_file() {
            return candidate.display().to_string();
        }
    }
    panic!("the tansu broker is not installed: run `make broker-install` (see README)");
}

/// How long the whole e2e binary may run (it takes 2-4 minutes): a test
/// that hangs, even in a runtime's drop after it failed, ends the run with
/// an error instead of holding CI until its own limit.
const WHOLE_RUN: Duration = Duration::from_secs(20 * 60);

/// Starts, once per test binary, a thread that exits the process when
/// the run outlasts [`WHOLE_RUN`].
fn watchdog() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        std::thread::spawn(|| {
            std::thread::sleep(WHOLE_RUN);
            eprintln!(
                "the e2e tests still run after {WHOLE_RUN:?}: a test hangs (see the ones \
                 \"running for over 60 seconds\" above); exiting"
            );
            std::process::exit(3);
        });
    });
}

impl Broker {
    pub async fn start(dir: &Path) -> Broker {
        Broker::start_at(dir, free_address()).await
    }

    pub async fn start_at(dir: &Path, address: String) -> Broker {
        watchdog();
        // tansu reads the sqlite path relative to its working directory.
        let database = format!("broker-{}.db", address.replace([':', '.'], "-"));
        let log = std::fs::File::create(dir.join("broker.log")).unwrap();
        let child = tokio::process::Command::new(tansu_binary())
            .args([
                "broker",
                "--listener-url",
                &format!("tcp://{address}"),
                "--advertised-listener-url",
                &format!("tcp://{address}"),
                "--storage-engine",
                &format!("sqlite://{database}"),
            ])
            .current_dir(dir)
            .stdout(Stdio::from(log.try_clone().unwrap()))
            .stderr(Stdio::from(log))
            .kill_on_drop(true)
            .spawn()
            .expect("start tansu");
        let deadline = Instant::now() + Duration::from_secs(30);
        while tokio::net::TcpStream::connect(&address).await.is_err() {
            assert!(
                Instant::now() < deadline,
                "tansu did not listen on {address} within 30 s"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Broker {
            address,
            _child: child,
        }
    }
}

/// A header of a record as text (empty when missing).
pub fn header(message: &OwnedMessage, key: &str) -> String {
    use rdkafka::message::Headers as _;
    message
        .headers()
        .and_then(|headers| {
            headers
                .iter()
                .find(|header| header.key == key)
                .and_then(|header| header.value)
        })
        .map(|value| String::from_utf8_lossy(value).into_owned())
        .unwrap_or_default()
}

/// Every record of a topic, from the beginning to the current end.
pub fn read_topic(brokers: &str, topic: &str) -> Vec<OwnedMessage> {
    let consumer: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .set("group.id", "ticker-e2e")
        .set("enable.auto.commit", "false")
        .create()
        .unwrap();
    let timeout = Duration::from_secs(10);
    let metadata = consumer.fetch_metadata(Some(topic), timeout).unwrap();
    let mut assignment = TopicPartitionList::new();
    let mut remaining = 0i64;
    let mut ends = std::collections::HashMap::new();
    for partition in metadata.topics()[0].partitions() {
        let (low, high) = consumer
            .fetch_watermarks(topic, partition.id(), timeout)
            .unwrap();
        if high > low {
            assignment
                .add_partition_offset(topic, partition.id(), Offset::Offset(low))
                .unwrap();
            remaining += high - low;
            ends.insert(partition.id(), high);
        }
    }
    let mut messages = Vec::new();
    if remaining == 0 {
        return messages;
    }
    consumer.assign(&assignment).unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while (messages.len() as i64) < remaining {
        assert!(
            Instant::now() < deadline,
            "read only {} of {remaining} records from {topic}",
            messages.len()
        );
        if let Some(message) = consumer.poll(Duration::from_secs(1)) {
            let message = message.unwrap();
            if message.offset() < ends[&message.partition()] {
                messages.push(message.detach());
            }
        }
    }
    messages
}
