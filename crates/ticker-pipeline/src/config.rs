//! Configuration: one TOML file, `TICKER_*` environment overrides, defaults
//! in one place ([`Config::default`]), validated at start-up.
//!
//! Override order: environment → file → default. An environment variable
//! `TICKER_<SECTION>__<KEY>` (double underscore between levels) replaces
//! one value, e.g. `TICKER_KAFKA__BROKERS=10.0.0.5:9092` or
//! `TICKER_PIPELINE__WORKERS=8`; the value is read as TOML when it parses
//! (numbers, booleans) and as a string otherwise.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Why a configuration was refused.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read config file {path}: {source}")]
    Read {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The TOML does not parse or does not fit the schema.
    #[error("config {origin}: {message}")]
    Parse {
        /// File or environment.
        origin: String,
        /// What toml/serde said (names the field and line).
        message: String,
    },
    /// A value is out of range.
    #[error("config field `{field}` = {value}: {reason}")]
    Invalid {
        /// The field path, like `sources[2].url`.
        field: String,
        /// The value given.
        value: String,
        /// What is wrong and what is allowed.
        reason: String,
    },
}

/// The whole configuration.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Kafka connection and topics.
    pub kafka: KafkaSection,
    /// Embedded state store.
    pub state: StateSection,
    /// HTTP fetching limits.
    pub fetch: FetchSection,
    /// Stage wiring: workers, queues, polling, shutdown.
    pub pipeline: PipelineSection,
    /// Story clustering and alert rules.
    pub stories: ticker_stories::StoryConfig,
    /// The sources to watch.
    pub sources: Vec<SourceConfig>,
    /// What the operator knows about particular sites' pages (CSS
    /// selectors for the article text and for what to leave out).
    pub sites: Vec<SiteConfig>,
    /// Where alerts go besides the alerts topic.
    pub sinks: Vec<SinkConfig>,
    /// Which alerts go to which sinks.
    pub watches: Vec<WatchConfig>,
    /// The web page of stories, alerts and sources (`ticker serve`).
    pub serve: ServeSection,
    /// The extractor: a trained entity tagger beside the rule passes.
    pub extract: ExtractSection,
}

/// `[extract]`: what runs over each article's text besides the rule
/// passes. Without a tagger (the default) the rules alone find names.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExtractSection {
    /// Models from `ticker train ner` (relative to the working
    /// directory): one path, or a list with at most one model per
    /// language. Each runs beside the rule passes over the articles of
    /// the language it was trained on.
    #[serde(deserialize_with = "one_or_many")]
    pub tagger: Vec<PathBuf>,
    /// How the tagger's names combine with the rules' names.
    pub tagger_mode: ticker_extract::tagger::Mode,
}

/// One path or a list of them.
fn one_or_many<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<PathBuf>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(PathBuf),
        Many(Vec<PathBuf>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(path) => vec![path],
        OneOrMany::Many(paths) => paths,
    })
}

/// `[serve]`: the page analysts keep open. `ticker serve` runs it alone
/// against the topics; `ticker run` runs it in the same process when
/// `listen` is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServeSection {
    /// `host:port` or a port alone (on loopback). Empty: `ticker run`
    /// serves no page; `ticker serve` then listens on 127.0.0.1:8080.
    pub listen: String,
    /// Stories and alerts older than this many hours (by the time their
    /// articles arrived) leave the page.
    pub window_hours: u64,
    /// Most stories the page keeps; the least recently active go first.
    pub max_stories: usize,
    /// Most alerts the page keeps.
    pub max_alerts: usize,
    /// The `/sources` URLs of running pipelines whose source health a
    /// standalone `ticker serve` shows (`http://host:port/sources`, from
    /// their `pipeline.metrics_listen`). Unused in `ticker run`, which
    /// shows its own.
    pub pipelines: Vec<String>,
}

impl Default for ServeSection {
    fn default() -> Self {
        ServeSection {
            listen: String::new(),
            window_hours: 168,
            max_stories: 20_000,
            max_alerts: 5_000,
            pipelines: Vec::new(),
        }
    }
}

impl ServeSection {
    /// The address to listen on: `host:port`, or a port alone (`8080` or
    /// `:8080`) on loopback. `None` when empty or not an address.
    pub fn address(&self) -> Option<std::net::SocketAddr> {
        listen_address(&self.listen)
    }
}

/// `host:port`, or a port alone on loopback; `None` when empty or invalid.
fn listen_address(listen: &str) -> Option<std::net::SocketAddr> {
    let listen = listen.trim();
    if listen.is_empty() {
        return None;
    }
    if let Ok(port) = listen.trim_start_matches(':').parse::<u16>() {
        return Some(std::net::SocketAddr::from(([127, 0, 0, 1], port)));
    }
    listen.parse().ok()
}

/// The body a sink gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SinkKind {
    /// The alert as JSON, signed with HMAC-SHA256 when a secret is set.
    Webhook,
    /// A Slack incoming-webhook message (`{"text": …}`).
    Slack,
    /// A Mattermost incoming-webhook message (`{"text": …}`).
    Mattermost,
}

/// An HTTP endpoint that receives alerts, at least once each: an alert
/// stays queued (in the state store, across restarts) until the endpoint
/// answers 2xx, or becomes a dead letter after `max_attempts`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SinkConfig {
    /// Short unique id.
    pub id: String,
    /// `webhook`, `slack` or `mattermost`.
    #[serde(default = "default_sink_kind")]
    pub kind: SinkKind,
    /// The endpoint (an operator's own address may be private).
    pub url: String,
    /// Key of the `X-Ticker-Signature: sha256=<hex>` header (HMAC-SHA256
    /// of the body); `${env:NAME}` or `${file:PATH}` read it from there.
    #[serde(default)]
    pub secret: Option<String>,
    /// Attempts before the alert becomes a dead letter (stage `notify`).
    #[serde(default = "default_max_attempts")]
    pub max_attempts: u32,
    /// Wait before the second attempt, doubling after each failure (at
    /// most ten minutes), in milliseconds.
    #[serde(default = "default_retry_base_ms")]
    pub retry_base_ms: u64,
}

fn default_sink_kind() -> SinkKind {
    SinkKind::Webhook
}

fn default_max_attempts() -> u32 {
    8
}

fn default_retry_base_ms() -> u64 {
    1000
}

impl SinkConfig {
    /// The signing key, read from where it is written.
    pub fn resolved_secret(&self) -> Result<Option<String>, ConfigError> {
        let Some(secret) = &self.secret else {
            return Ok(None);
        };
        resolve_reference(secret)
            .map(Some)
            .map_err(|reason| ConfigError::Invalid {
                field: format!("sinks.{}.secret", self.id),
                value: "<redacted>".to_string(),
                reason,
            })
    }
}

/// A watchlist rule: the alerts it matches go to its sinks. Every filter
/// given must match; a rule without filters takes every alert.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WatchConfig {
    /// Short unique id.
    pub id: String,
    /// Ids of the sinks the matching alerts go to.
    pub sinks: Vec<String>,
    /// Names one of which the story must name (case and accents folded).
    #[serde(default)]
    pub entities: Vec<String>,
    /// Words one of which the story's label must hold.
    #[serde(default)]
    pub label_words: Vec<String>,
    /// Claim categories (killed, arrested, troops, …).
    #[serde(default)]
    pub categories: Vec<String>,
    /// `new_claim`, `value_changed`.
    #[serde(default)]
    pub reasons: Vec<String>,
    /// Article languages (`de`, `en`).
    #[serde(default)]
    pub languages: Vec<String>,
    /// Smallest relative change of a number for `value_changed` (0.1 = 10 %).
    #[serde(default)]
    pub min_change: Option<f64>,
}

/// One site's rules for the normalizer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The host the rules apply to; its subdomains too
    /// (`example.com` covers `www.example.com`).
    pub host: String,
    /// CSS selector of the element(s) holding the article text.
    #[serde(default)]
    pub content: Option<String>,
    /// CSS selectors of elements to leave out (teasers, boxes).
    #[serde(default)]
    pub remove: Vec<String>,
}

impl SiteConfig {
    /// The normalizer's form of these rules.
    pub fn rules(&self) -> ticker_normalize::SiteRules {
        ticker_normalize::SiteRules {
            content: self.content.clone(),
            remove: self.remove.clone(),
        }
    }
}

impl Config {
    /// The rules of the site `url` is on: the entry whose host is the
    /// URL's host or the closest parent domain of it.
    pub fn site_rules(&self, url: &str) -> Option<ticker_normalize::SiteRules> {
        site_rules(&self.sites, url)
    }
}

/// The rules among `sites` for the site `url` is on (see
/// [`Config::site_rules`]).
pub fn site_rules(sites: &[SiteConfig], url: &str) -> Option<ticker_normalize::SiteRules> {
    let host = url::Url::parse(url).ok()?.host_str()?.to_ascii_lowercase();
    sites
        .iter()
        .filter(|site| {
            let wanted = site.host.trim_start_matches('.').to_ascii_lowercase();
            host == wanted || host.ends_with(&format!(".{wanted}"))
        })
        .max_by_key(|site| site.host.len())
        .map(SiteConfig::rules)
}

/// Kafka connection and topics.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KafkaSection {
    /// Bootstrap servers, `host:port[,host:port]`.
    pub brokers: String,
    /// Prefix of every topic name.
    pub topic_prefix: String,
    /// Partitions of each topic the pipeline creates.
    pub partitions: i32,
    /// Replication factor of each topic the pipeline creates.
    pub replication: i32,
    /// Retention of the non-compacted topics in milliseconds (-1 = forever).
    pub retention_ms: i64,
    /// How long one record may wait for the broker before it counts as failed.
    pub message_timeout_ms: u64,
    /// Compression of the records: none, gzip, snappy, lz4, zstd.
    pub compression: Compression,
    /// The CloudEvents `ce_source` of every record.
    pub ce_source: String,
    /// Further librdkafka properties (security, SASL, …) for the producer,
    /// the admin client and the consumers. A
    /// value `${env:NAME}` is read from the environment variable NAME and
    /// `${file:PATH}` from the file PATH (trailing newline dropped) when
    /// the producer is made, so secrets need not stand in the file; the
    /// values of secret properties are never printed.
    pub properties: std::collections::BTreeMap<String, String>,
}

/// Whether a librdkafka property holds a secret (its value is never
/// printed): passwords, SASL JAAS and OAuth settings, keys, tokens.
pub fn is_secret_property(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    [
        "password",
        "secret",
        "jaas",
        "token",
        "oauthbearer.config",
        "ssl.key",
        "credentials",
    ]
    .iter()
    .any(|word| key.contains(word))
}

impl KafkaSection {
    /// The properties with `${env:…}` and `${file:…}` values read.
    pub fn resolved_properties(
        &self,
    ) -> Result<std::collections::BTreeMap<String, String>, ConfigError> {
        self.properties
            .iter()
            .map(|(key, value)| {
                let resolved = resolve_reference(value).map_err(|reason| ConfigError::Invalid {
                    field: format!("kafka.properties.{key}"),
                    value: self.printable(key, value),
                    reason,
                })?;
                Ok((key.clone(), resolved))
            })
            .collect()
    }

    /// A property's value as it may be printed: references as written,
    /// secrets redacted.
    pub fn printable(&self, key: &str, value: &str) -> String {
        if reference(value, "env").is_some() || reference(value, "file").is_some() {
            value.to_string()
        } else if is_secret_property(key) {
            "<redacted>".to_string()
        } else {
            value.to_string()
        }
    }
}

/// `value` itself, or what `${env:NAME}` or `${file:PATH}` names (a
/// file's trailing newline dropped); else why it cannot be read.
fn resolve_reference(value: &str) -> Result<String, String> {
    if let Some(name) = reference(value, "env") {
        std::env::var(name).map_err(|_| format!("the environment variable {name} is not set"))
    } else if let Some(path) = reference(value, "file") {
        std::fs::read_to_string(path)
            .map(|text| text.trim_end_matches(['\n', '\r']).to_string())
            .map_err(|error| format!("cannot read {path}: {error}"))
    } else {
        Ok(value.to_string())
    }
}

/// The NAME of `${kind:NAME}`.
fn reference<'a>(value: &'a str, kind: &str) -> Option<&'a str> {
    value
        .strip_prefix("${")?
        .strip_suffix('}')?
        .strip_prefix(kind)?
        .strip_prefix(':')
        .filter(|name| !name.is_empty())
}

impl std::fmt::Debug for KafkaSection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let properties: std::collections::BTreeMap<&str, String> = self
            .properties
            .iter()
            .map(|(key, value)| (key.as_str(), self.printable(key, value)))
            .collect();
        f.debug_struct("KafkaSection")
            .field("brokers", &self.brokers)
            .field("topic_prefix", &self.topic_prefix)
            .field("partitions", &self.partitions)
            .field("replication", &self.replication)
            .field("retention_ms", &self.retention_ms)
            .field("message_timeout_ms", &self.message_timeout_ms)
            .field("compression", &self.compression)
            .field("ce_source", &self.ce_source)
            .field("properties", &properties)
            .finish()
    }
}

/// The embedded state store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StateSection {
    /// The store file; its directory is created when missing.
    pub path: PathBuf,
}

/// HTTP limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FetchSection {
    /// Deadline for one whole request, body included, in seconds.
    pub timeout_secs: u64,
    /// Deadline for connecting, in seconds.
    pub connect_timeout_secs: u64,
    /// Largest body accepted (after decompression), in bytes.
    pub max_body_bytes: usize,
    /// Most redirects followed.
    pub max_redirects: usize,
    /// User-Agent, with a contact address for publishers.
    pub user_agent: String,
    /// How often a page that failed with a retryable error is tried before
    /// it goes to the dead-letter topic.
    pub max_attempts: u32,
    /// Connect to private, loopback, link-local and other non-public
    /// addresses for every source and link (tests and demos only; off by
    /// default). Mark one trusted intranet source with its own
    /// `allow_private` instead.
    #[serde(alias = "allow_private_redirects")]
    pub allow_private: bool,
    /// Names resolved to fixed addresses instead of asking DNS, like curl's
    /// `--resolve` (`"news.example" = "127.0.0.1"`); the address check
    /// still applies to them.
    pub resolve: std::collections::BTreeMap<String, String>,
    /// Obey robots.txt for article pages (feeds and sitemaps are meant to be read).
    pub respect_robots: bool,
    /// Least time between two requests to one host, in milliseconds (a
    /// longer Crawl-delay in robots.txt wins).
    pub min_host_interval_ms: u64,
    /// Most requests one host serves from ticker at once (0: no cap).
    pub max_per_host: usize,
}

/// Stage wiring.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PipelineSection {
    /// Article workers (fetch → normalize → extract → publish) in parallel.
    pub workers: usize,
    /// Capacity of the queue between pollers and workers (backpressure).
    pub queue_capacity: usize,
    /// Interval between two polls of a source, in seconds: the shortest
    /// one when polling is adaptive.
    pub poll_interval_secs: u64,
    /// Learn each source's interval from how often it publishes (half the
    /// mean gap between its recent entries, between `poll_interval_secs`
    /// and `max_poll_interval_secs`).
    pub adaptive_polling: bool,
    /// Longest interval adaptive polling chooses for a quiet source, in seconds.
    pub max_poll_interval_secs: u64,
    /// Longest back-off after repeated failures of a source, in seconds.
    pub max_backoff_secs: u64,
    /// How long shutdown waits for in-flight work before it stops anyway.
    pub shutdown_grace_secs: u64,
    /// Address of the operations listener: `/metrics`, `/sources`,
    /// `/healthz`, `/readyz` (empty: off; a port alone listens on loopback).
    pub metrics_listen: String,
    /// `/readyz` fails when entries wait and none finished for this long,
    /// in seconds (a stalled pipeline).
    pub stall_secs: u64,
    /// Sitemap entries published (or modified) longer ago are not taken.
    pub sitemap_max_age_hours: i64,
}

/// One source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceConfig {
    /// Short unique id: lower-case letters, digits, `-`, `_`.
    pub id: String,
    /// `feed` (RSS, Atom, JSON Feed), `sitemap` (news sitemap, sitemap
    /// index, gzip or not) or `page` (an HTML section page whose article
    /// links are followed).
    #[serde(default)]
    pub kind: SourceType,
    /// The feed URL.
    pub url: String,
    /// Expected language of its articles (a hint; the text decides).
    #[serde(default)]
    pub language: Option<String>,
    /// Poll interval for this source, in seconds (default: the pipeline's).
    #[serde(default)]
    pub poll_interval_secs: Option<u64>,
    /// For `page` sources: the CSS selector of the article links (without
    /// one, article links are detected by their URLs).
    #[serde(default)]
    pub link_selector: Option<String>,
    /// Set to false to keep a source in the file without polling it.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// The operator trusts this source with a private address (an
    /// intranet feed): it, and the links it gives on its own host, may be
    /// fetched from private, loopback or link-local addresses. Its links to
    /// other hosts are checked like any other. Off by default.
    #[serde(default)]
    pub allow_private: bool,
}

/// Compression of the records ticker produces (librdkafka's
/// `compression.type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Compression {
    /// None.
    None,
    /// gzip.
    Gzip,
    /// Snappy.
    Snappy,
    /// LZ4 (the default: the least CPU per record for ticker and the
    /// broker; see docs/benchmarks.md).
    Lz4,
    /// Zstandard: smaller batches for more CPU.
    Zstd,
}

impl Compression {
    /// librdkafka's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Compression::None => "none",
            Compression::Gzip => "gzip",
            Compression::Snappy => "snappy",
            Compression::Lz4 => "lz4",
            Compression::Zstd => "zstd",
        }
    }
}

/// What a source's URL serves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceType {
    /// RSS, Atom or JSON Feed.
    #[default]
    Feed,
    /// A news sitemap or sitemap index, gzip or not.
    Sitemap,
    /// An HTML section page whose article links are the entries.
    Page,
}

impl SourceType {
    /// The name used in the configuration: `feed`, `sitemap`, `page`.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceType::Feed => "feed",
            SourceType::Sitemap => "sitemap",
            SourceType::Page => "page",
        }
    }
}

impl std::str::FromStr for SourceType {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        match name {
            "feed" => Ok(SourceType::Feed),
            "sitemap" => Ok(SourceType::Sitemap),
            "page" => Ok(SourceType::Page),
            other => Err(format!(
                "\"{other}\" is no source kind: feed, sitemap or page"
            )),
        }
    }
}

impl std::fmt::Display for SourceType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

fn default_true() -> bool {
    true
}

impl Default for KafkaSection {
    fn default() -> Self {
        KafkaSection {
            brokers: "127.0.0.1:9092".to_string(),
            topic_prefix: "ticker.".to_string(),
            partitions: 3,
            replication: 1,
            retention_ms: 7 * 24 * 3600 * 1000,
            message_timeout_ms: 120_000,
            compression: Compression::Lz4,
            ce_source: "ticker".to_string(),
            properties: Default::default(),
        }
    }
}

impl Default for StateSection {
    fn default() -> Self {
        StateSection {
            path: PathBuf::from("data/state.redb"),
        }
    }
}

impl Default for FetchSection {
    fn default() -> Self {
        FetchSection {
            timeout_secs: 20,
            connect_timeout_secs: 5,
            max_body_bytes: 8 * 1024 * 1024,
            max_redirects: 5,
            user_agent: concat!(
                "ticker/",
                env!("CARGO_PKG_VERSION"),
                " (news monitoring; contact: ops@example.org)"
            )
            .to_string(),
            max_attempts: 5,
            allow_private: false,
            resolve: Default::default(),
            respect_robots: true,
            min_host_interval_ms: 250,
            max_per_host: 2,
        }
    }
}

impl Default for PipelineSection {
    fn default() -> Self {
        PipelineSection {
            workers: 4,
            queue_capacity: 100,
            poll_interval_secs: 120,
            adaptive_polling: true,
            max_poll_interval_secs: 1800,
            max_backoff_secs: 3600,
            shutdown_grace_secs: 30,
            metrics_listen: String::new(),
            stall_secs: 300,
            sitemap_max_age_hours: 48,
        }
    }
}

impl PipelineSection {
    /// The address of the metrics listener: `host:port`, or a port alone
    /// (`9464` or `:9464`), which binds to loopback. `None` when off or
    /// not an address.
    pub fn metrics_address(&self) -> Option<std::net::SocketAddr> {
        listen_address(&self.metrics_listen)
    }
}

impl FetchSection {
    /// The HTTP client limits of this section.
    pub fn limits(&self) -> ticker_fetch::FetchLimits {
        ticker_fetch::FetchLimits {
            timeout: std::time::Duration::from_secs(self.timeout_secs),
            connect_timeout: std::time::Duration::from_secs(self.connect_timeout_secs),
            max_body_bytes: self.max_body_bytes,
            max_redirects: self.max_redirects,
            user_agent: self.user_agent.clone(),
            allow_private: self.allow_private,
            trusted_hosts: Default::default(),
            // (Checked by `Config::validate`.)
            resolve: self
                .resolve
                .iter()
                .filter_map(|(name, address)| Some((name.clone(), address.parse().ok()?)))
                .collect(),
        }
    }
}

impl Config {
    /// The hosts of the sources marked `allow_private`, which may be or
    /// resolve to non-public addresses when fetched for those sources.
    pub fn trusted_hosts(&self) -> std::collections::BTreeSet<String> {
        self.sources
            .iter()
            .filter(|source| source.enabled && source.allow_private)
            .filter_map(|source| url::Url::parse(&source.url).ok())
            .filter_map(|url| url.host_str().map(str::to_ascii_lowercase))
            .collect()
    }
}

impl KafkaSection {
    /// How the pipeline's topics are created.
    pub fn topic_settings(&self) -> Result<ticker_kafka::TopicSettings, ConfigError> {
        Ok(ticker_kafka::TopicSettings {
            brokers: self.brokers.clone(),
            prefix: self.topic_prefix.clone(),
            partitions: self.partitions,
            replication: self.replication,
            retention_ms: self.retention_ms,
            properties: self.resolved_properties()?,
        })
    }

    /// How the producer is made (secrets read from where they are written).
    pub fn publisher_config(&self) -> Result<ticker_kafka::PublisherConfig, ConfigError> {
        Ok(ticker_kafka::PublisherConfig {
            brokers: self.brokers.clone(),
            prefix: self.topic_prefix.clone(),
            ce_source: self.ce_source.clone(),
            message_timeout_ms: self.message_timeout_ms,
            compression: self.compression.as_str().to_string(),
            linger_ms: ticker_kafka::SHORT_LINGER_MS,
            extra: self.resolved_properties()?,
        })
    }
}

impl Config {
    /// Loads a file (or only defaults when `path` is None), applies the
    /// environment, and validates.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let text = match path {
            Some(path) => std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                path: path.to_path_buf(),
                source,
            })?,
            None => String::new(),
        };
        let origin = path.map_or("defaults".to_string(), |p| p.display().to_string());
        Config::from_toml(&text, &origin, std::env::vars())
    }

    /// Parses TOML text with the given environment.
    pub fn from_toml(
        text: &str,
        origin: &str,
        env: impl Iterator<Item = (String, String)>,
    ) -> Result<Config, ConfigError> {
        let mut value: toml::Table = toml::from_str(text).map_err(|error| ConfigError::Parse {
            origin: origin.to_string(),
            message: error.to_string(),
        })?;
        for (name, raw) in env {
            let Some(path) = name.strip_prefix("TICKER_") else {
                continue;
            };
            // TICKER_CONFIG and TICKER_LOG have no "__": they are not overrides.
            if !path.contains("__") {
                continue;
            }
            let keys: Vec<String> = path.split("__").map(str::to_ascii_lowercase).collect();
            let parsed = toml::from_str::<toml::Table>(&format!("v = {raw}"))
                .ok()
                .and_then(|mut table| table.remove("v"))
                .unwrap_or(toml::Value::String(raw.clone()));
            let mut table = &mut value;
            for key in &keys[..keys.len() - 1] {
                let entry = table
                    .entry(key.clone())
                    .or_insert_with(|| toml::Value::Table(Default::default()));
                let Some(inner) = entry.as_table_mut() else {
                    return Err(ConfigError::Parse {
                        origin: format!("environment {name}"),
                        message: format!("`{key}` is not a section"),
                    });
                };
                table = inner;
            }
            table.insert(keys[keys.len() - 1].clone(), parsed);
        }
        let config: Config =
            toml::Value::Table(value)
                .try_into()
                .map_err(|error: toml::de::Error| ConfigError::Parse {
                    origin: origin.to_string(),
                    message: error.to_string(),
                })?;
        config.validate()?;
        Ok(config)
    }

    /// The extractor `[extract]` describes (its tagger model read from
    /// disk).
    pub fn extractor(&self) -> Result<ticker_extract::Extractor, ConfigError> {
        ticker_extract::Extractor::with_tagger_files(&self.extract.tagger, self.extract.tagger_mode)
            .map_err(|reason| ConfigError::Invalid {
                field: "extract.tagger".into(),
                value: format!("{:?}", self.extract.tagger),
                reason,
            })
    }

    /// Checks ranges and cross-field rules.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let invalid =
            |field: &str, value: &dyn std::fmt::Debug, reason: &str| ConfigError::Invalid {
                field: field.to_string(),
                value: format!("{value:?}"),
                reason: reason.to_string(),
            };
        if self.kafka.brokers.trim().is_empty() {
            return Err(invalid(
                "kafka.brokers",
                &self.kafka.brokers,
                "must name at least one host:port",
            ));
        }
        for broker in self.kafka.brokers.split(',') {
            let valid = broker
                .trim()
                .rsplit_once(':')
                .is_some_and(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok());
            if !valid {
                return Err(invalid(
                    "kafka.brokers",
                    &self.kafka.brokers,
                    "each broker must be host:port",
                ));
            }
        }
        if self.kafka.partitions < 1 {
            return Err(invalid(
                "kafka.partitions",
                &self.kafka.partitions,
                "must be at least 1",
            ));
        }
        if self.kafka.replication < 1 {
            return Err(invalid(
                "kafka.replication",
                &self.kafka.replication,
                "must be at least 1",
            ));
        }
        if !self
            .kafka
            .topic_prefix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        {
            return Err(invalid(
                "kafka.topic_prefix",
                &self.kafka.topic_prefix,
                "may hold only letters, digits, '.', '_' and '-'",
            ));
        }
        if self.fetch.timeout_secs == 0 || self.fetch.timeout_secs > 600 {
            return Err(invalid(
                "fetch.timeout_secs",
                &self.fetch.timeout_secs,
                "must be between 1 and 600",
            ));
        }
        if self.fetch.max_body_bytes < 1024 {
            return Err(invalid(
                "fetch.max_body_bytes",
                &self.fetch.max_body_bytes,
                "must be at least 1024",
            ));
        }
        if self.fetch.max_attempts == 0 {
            return Err(invalid(
                "fetch.max_attempts",
                &self.fetch.max_attempts,
                "must be at least 1",
            ));
        }
        if !(0.0..=2.0).contains(&self.stories.threshold) {
            return Err(invalid(
                "stories.threshold",
                &self.stories.threshold,
                "must be between 0 and 2",
            ));
        }
        if self.stories.dormant_after_hours < 1 {
            return Err(invalid(
                "stories.dormant_after_hours",
                &self.stories.dormant_after_hours,
                "must be at least 1",
            ));
        }
        let known = ticker_extract::claims::claim_categories();
        if let Some(unknown) = self
            .stories
            .alert_categories
            .iter()
            .find(|category| !known.contains(&category.as_str()))
        {
            return Err(invalid(
                "stories.alert_categories",
                unknown,
                &format!("is no claim category; known: {}", known.join(", ")),
            ));
        }
        if self.stories.evict_after_hours < self.stories.dormant_after_hours {
            return Err(invalid(
                "stories.evict_after_hours",
                &self.stories.evict_after_hours,
                "must be at least stories.dormant_after_hours",
            ));
        }
        if self.pipeline.sitemap_max_age_hours < 1 {
            return Err(invalid(
                "pipeline.sitemap_max_age_hours",
                &self.pipeline.sitemap_max_age_hours,
                "must be at least 1",
            ));
        }
        if self.pipeline.workers == 0 || self.pipeline.workers > 256 {
            return Err(invalid(
                "pipeline.workers",
                &self.pipeline.workers,
                "must be between 1 and 256",
            ));
        }
        if self.pipeline.queue_capacity == 0 {
            return Err(invalid(
                "pipeline.queue_capacity",
                &self.pipeline.queue_capacity,
                "must be at least 1",
            ));
        }
        if self.pipeline.poll_interval_secs == 0 {
            return Err(invalid(
                "pipeline.poll_interval_secs",
                &self.pipeline.poll_interval_secs,
                "must be at least 1",
            ));
        }
        if self.pipeline.max_poll_interval_secs < self.pipeline.poll_interval_secs {
            return Err(invalid(
                "pipeline.max_poll_interval_secs",
                &self.pipeline.max_poll_interval_secs,
                "must be at least pipeline.poll_interval_secs",
            ));
        }
        if !self.pipeline.metrics_listen.trim().is_empty()
            && self.pipeline.metrics_address().is_none()
        {
            return Err(invalid(
                "pipeline.metrics_listen",
                &self.pipeline.metrics_listen,
                "must be an address such as 127.0.0.1:9464, a port alone (on loopback), or empty",
            ));
        }
        if !self.serve.listen.trim().is_empty() && self.serve.address().is_none() {
            return Err(invalid(
                "serve.listen",
                &self.serve.listen,
                "must be an address such as 127.0.0.1:8080, a port alone (on loopback), or empty",
            ));
        }
        if self.serve.window_hours == 0 || self.serve.max_stories == 0 || self.serve.max_alerts == 0
        {
            return Err(invalid(
                "serve",
                &(
                    self.serve.window_hours,
                    self.serve.max_stories,
                    self.serve.max_alerts,
                ),
                "window_hours, max_stories and max_alerts must be at least 1",
            ));
        }
        for (index, pipeline) in self.serve.pipelines.iter().enumerate() {
            match url::Url::parse(pipeline) {
                Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => {}
                _ => {
                    return Err(invalid(
                        &format!("serve.pipelines[{index}]"),
                        pipeline,
                        "must be an http(s) URL such as http://127.0.0.1:9464/sources",
                    ))
                }
            }
        }
        self.kafka.resolved_properties()?;
        let mut sink_ids = std::collections::HashSet::new();
        for (index, sink) in self.sinks.iter().enumerate() {
            if sink.id.is_empty() || !sink_ids.insert(sink.id.as_str()) {
                return Err(invalid(
                    &format!("sinks[{index}].id"),
                    &sink.id,
                    "must be non-empty and unique",
                ));
            }
            let url_ok = url::Url::parse(&sink.url)
                .is_ok_and(|url| matches!(url.scheme(), "http" | "https") && url.host().is_some());
            if !url_ok {
                return Err(invalid(
                    &format!("sinks[{index}].url"),
                    &ticker_fetch::redact_url(&sink.url),
                    "must be an absolute http or https URL",
                ));
            }
            if sink.max_attempts == 0 {
                return Err(invalid(
                    &format!("sinks[{index}].max_attempts"),
                    &sink.max_attempts,
                    "must be at least 1",
                ));
            }
            sink.resolved_secret()?;
        }
        let categories = ticker_extract::claims::claim_categories();
        for (index, watch) in self.watches.iter().enumerate() {
            let field = |name: &str| format!("watches[{index}].{name}");
            if watch.sinks.is_empty() {
                return Err(invalid(
                    &field("sinks"),
                    &watch.sinks,
                    "must name at least one sink",
                ));
            }
            if let Some(unknown) = watch
                .sinks
                .iter()
                .find(|sink| !sink_ids.contains(sink.as_str()))
            {
                return Err(invalid(
                    &field("sinks"),
                    unknown,
                    "is no sink's id (see [[sinks]])",
                ));
            }
            if let Some(unknown) = watch
                .categories
                .iter()
                .find(|category| !categories.contains(&category.as_str()))
            {
                return Err(invalid(
                    &field("categories"),
                    unknown,
                    &format!("is no claim category; known: {}", categories.join(", ")),
                ));
            }
            if let Some(unknown) = watch
                .reasons
                .iter()
                .find(|reason| !matches!(reason.as_str(), "new_claim" | "value_changed"))
            {
                return Err(invalid(
                    &field("reasons"),
                    unknown,
                    "must be new_claim or value_changed",
                ));
            }
        }
        for (index, site) in self.sites.iter().enumerate() {
            if site.host.trim().is_empty() || site.host.contains('/') {
                return Err(invalid(
                    &format!("sites[{index}].host"),
                    &site.host,
                    "must be a host name such as example.com",
                ));
            }
            if let Err(reason) = site.rules().validate() {
                return Err(invalid(&format!("sites[{index}]"), &site.host, &reason));
            }
        }
        for (name, address) in &self.fetch.resolve {
            if address.parse::<std::net::IpAddr>().is_err() {
                return Err(invalid(
                    &format!("fetch.resolve.{name}"),
                    address,
                    "must be an IP address such as 127.0.0.1 or ::1",
                ));
            }
        }
        let mut ids = std::collections::HashSet::new();
        for (index, source) in self.sources.iter().enumerate() {
            let field = |name: &str| format!("sources[{index}].{name}");
            let id_ok = !source.id.is_empty()
                && source.id.chars().all(|c| {
                    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_')
                });
            if !id_ok {
                return Err(invalid(
                    &field("id"),
                    &source.id,
                    "must be non-empty lower-case letters, digits, '-' or '_'",
                ));
            }
            if !ids.insert(source.id.as_str()) {
                return Err(invalid(
                    &field("id"),
                    &source.id,
                    "is used by another source; ids must be unique",
                ));
            }
            if let Some(selector) = &source.link_selector {
                if let Err(reason) = ticker_fetch::section::validate_selector(selector) {
                    return Err(invalid(
                        &field("link_selector"),
                        selector,
                        &format!("is not a CSS selector: {reason}"),
                    ));
                }
            }
            let url_ok = url::Url::parse(&source.url)
                .is_ok_and(|url| matches!(url.scheme(), "http" | "https") && url.host().is_some());
            if !url_ok {
                return Err(invalid(
                    &field("url"),
                    &source.url,
                    "must be an absolute http or https URL",
                ));
            }
            let private = url::Url::parse(&source.url).ok().and_then(|url| {
                let address = match url.host()? {
                    url::Host::Ipv4(ip) => std::net::IpAddr::V4(ip),
                    url::Host::Ipv6(ip) => std::net::IpAddr::V6(ip),
                    url::Host::Domain(name) if name.eq_ignore_ascii_case("localhost") => {
                        std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)
                    }
                    url::Host::Domain(_) => return None,
                };
                ticker_fetch::guard::non_public_kind(address)
            });
            if let Some(kind) =
                private.filter(|_| !source.allow_private && !self.fetch.allow_private)
            {
                return Err(invalid(
                    &field("url"),
                    &source.url,
                    &format!("is a {kind} address, which ticker refuses to fetch; set allow_private = true on this source if you trust it"),
                ));
            }
            if source.poll_interval_secs == Some(0) {
                return Err(invalid(
                    &field("poll_interval_secs"),
                    &source.poll_interval_secs,
                    "must be at least 1",
                ));
            }
        }
        // A tagger model that cannot be read is refused at start, not at
        // the first article.
        if !self.extract.tagger.is_empty() {
            self.extractor()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, env: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::from_toml(
            text,
            "test.toml",
            env.iter().map(|(k, v)| (k.to_string(), v.to_string())),
        )
    }

    #[test]
    fn tagger_takes_one_model_or_one_per_language() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = ticker_extract::tagger::read_conll("Die\tO\nFirma\tO\nQuorvexa\tB-ORG\n");
        let write = |name: &str, english: bool| {
            let path = dir.path().join(name);
            let model = ticker_extract::tagger::train(&corpus, english, 1, |_, _| {});
            std::fs::write(&path, model.to_bytes()).unwrap();
            path.display().to_string().replace('\\', "/")
        };
        let (de, en, de_again) = (write("de", false), write("en", true), write("de2", false));
        let one = parse(&format!("[extract]\ntagger = \"{de}\"\n"), &[]).unwrap();
        assert_eq!(one.extract.tagger, [PathBuf::from(&de)]);
        assert_eq!(one.extractor().unwrap().tagger_languages(), ["de"]);
        let two = parse(&format!("[extract]\ntagger = [\"{de}\", \"{en}\"]\n"), &[]).unwrap();
        assert_eq!(two.extractor().unwrap().tagger_languages(), ["de", "en"]);
        let error = parse(
            &format!("[extract]\ntagger = [\"{de}\", \"{de_again}\"]\n"),
            &[],
        )
        .unwrap_err()
        .to_string();
        assert!(
            error.contains("two tagger models for one language (de)"),
            "{error}"
        );
        assert!(parse("", &[]).unwrap().extract.tagger.is_empty());
    }

    #[test]
    fn the_shipped_default_config_is_valid() {
        let text = include_str!("../../../config/ticker.toml");
        let config = parse(text, &[]).unwrap();
        assert!(config.sources.len() >= 8);
    }

    #[test]
    fn property_references_are_read_when_resolved_and_secrets_not_printed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("secret");
        std::fs::write(&file, "from-the-file\n").unwrap();
        let mut kafka = KafkaSection::default();
        kafka
            .properties
            .insert("sasl.password".into(), "in-the-config".into());
        kafka.properties.insert(
            "ssl.key.password".into(),
            format!("${{file:{}}}", file.display()),
        );
        kafka
            .properties
            .insert("client.id".into(), "${env:}".into());
        let resolved = kafka.resolved_properties().unwrap();
        assert_eq!(resolved["ssl.key.password"], "from-the-file");
        assert_eq!(resolved["sasl.password"], "in-the-config");
        // "${env:}" names nothing: it is a plain value.
        assert_eq!(resolved["client.id"], "${env:}");
        let debug = format!("{kafka:?}");
        assert!(!debug.contains("in-the-config"), "{debug}");
        assert!(debug.contains("<redacted>"), "{debug}");
        kafka.properties.insert(
            "sasl.username".into(),
            "${env:TICKER_NOT_SET_ANYWHERE}".into(),
        );
        let error = kafka.resolved_properties().unwrap_err().to_string();
        assert!(
            error.contains("TICKER_NOT_SET_ANYWHERE is not set"),
            "{error}"
        );
    }

    #[test]
    fn private_sources_need_allow_private_and_a_bare_port_listens_on_loopback() {
        let source = "[[sources]]\nid = \"intranet\"\nurl = \"http://10.0.0.5/feed\"\n";
        let error = parse(source, &[]).unwrap_err().to_string();
        assert!(error.contains("is a private address"), "{error}");
        assert!(error.contains("allow_private = true"), "{error}");
        let config = parse(&format!("{source}allow_private = true\n"), &[]).unwrap();
        assert_eq!(
            config.trusted_hosts().into_iter().collect::<Vec<_>>(),
            ["10.0.0.5"]
        );
        let error = parse(
            "[[sources]]\nid = \"meta\"\nurl = \"http://169.254.169.254/latest\"\n",
            &[],
        )
        .unwrap_err()
        .to_string();
        assert!(error.contains("link-local (cloud metadata)"), "{error}");
        let error = parse(
            "[[sources]]\nid = \"l\"\nurl = \"http://localhost:8080/\"\n",
            &[],
        )
        .unwrap_err()
        .to_string();
        assert!(error.contains("loopback"), "{error}");
        // The old name of the global switch still reads.
        let config = parse(
            "[fetch]\nallow_private_redirects = true\n[[sources]]\nid = \"l\"\nurl = \"http://127.0.0.1:8080/\"\n",
            &[],
        )
        .unwrap();
        assert!(config.fetch.allow_private);
        let error = parse("[fetch]\nresolve = { \"a.example\" = \"nowhere\" }\n", &[])
            .unwrap_err()
            .to_string();
        assert!(error.contains("fetch.resolve.a.example"), "{error}");
        let config = parse("[pipeline]\nmetrics_listen = \"9464\"\n", &[]).unwrap();
        assert_eq!(
            config.pipeline.metrics_address(),
            Some("127.0.0.1:9464".parse().unwrap())
        );
        let config = parse("[pipeline]\nmetrics_listen = \":9464\"\n", &[]).unwrap();
        assert!(config
            .pipeline
            .metrics_address()
            .unwrap()
            .ip()
            .is_loopback());
        let config = parse("[pipeline]\nmetrics_listen = \"0.0.0.0:9464\"\n", &[]).unwrap();
        assert!(!config
            .pipeline
            .metrics_address()
            .unwrap()
            .ip()
            .is_loopback());
    }

    #[test]
    fn kinds_and_compressions_are_named_choices() {
        let error = parse(
            "[[sources]]\nid = \"a\"\nkind = \"rss\"\nurl = \"https://news.example/\"\n",
            &[],
        )
        .unwrap_err()
        .to_string();
        assert!(error.contains("unknown variant `rss`"), "{error}");
        assert!(error.contains("`feed`, `sitemap`, `page`"), "{error}");
        let error = parse("[kafka]\ncompression = \"brotli\"\n", &[])
            .unwrap_err()
            .to_string();
        assert!(error.contains("unknown variant `brotli`"), "{error}");
        let config = parse(
            "[kafka]\ncompression = \"lz4\"\n[[sources]]\nid = \"a\"\nurl = \"https://news.example/\"\n",
            &[],
        )
        .unwrap();
        assert_eq!(config.kafka.compression.as_str(), "lz4");
        assert_eq!(config.sources[0].kind, SourceType::Feed);
        assert_eq!("page".parse::<SourceType>(), Ok(SourceType::Page));
    }

    #[test]
    fn site_rules_are_checked_and_found_by_host() {
        let config = parse(
            "[[sites]]\nhost = \"news.example\"\ncontent = \"div.story\"\nremove = [\"aside\"]\n\
             [[sites]]\nhost = \"live.news.example\"\ncontent = \"main\"\n",
            &[],
        )
        .unwrap();
        let rules = config.site_rules("https://www.news.example/a").unwrap();
        assert_eq!(rules.content.as_deref(), Some("div.story"));
        assert_eq!(rules.remove, ["aside"]);
        // The closest host wins; other hosts get none.
        assert_eq!(
            config
                .site_rules("https://live.news.example/b")
                .unwrap()
                .content
                .as_deref(),
            Some("main")
        );
        assert!(config.site_rules("https://othernews.example/").is_none());
        let error = parse(
            "[[sites]]\nhost = \"a.example\"\nremove = [\"div[\"]\n",
            &[],
        )
        .unwrap_err()
        .to_string();
        assert!(
            error.contains("sites[0]") && error.contains("is not a CSS selector"),
            "{error}"
        );
        let error = parse("[[sites]]\nhost = \"https://a.example/\"\n", &[])
            .unwrap_err()
            .to_string();
        assert!(error.contains("sites[0].host"), "{error}");
    }

    #[test]
    fn sinks_and_watches_are_checked() {
        let sink = "[[sinks]]\nid = \"ops\"\nurl = \"https://hooks.example/t\"\nsecret = \"${env:TICKER_TEST_NO_SUCH_SECRET}\"\n";
        let error = parse(sink, &[]).unwrap_err().to_string();
        assert!(
            error.contains("TICKER_TEST_NO_SUCH_SECRET is not set"),
            "{error}"
        );
        let ok = "[[sinks]]\nid = \"ops\"\nkind = \"slack\"\nurl = \"https://hooks.example/t\"\n";
        let config = parse(
            &format!("{ok}[[watches]]\nid = \"w\"\nsinks = [\"ops\"]\ncategories = [\"killed\"]\nreasons = [\"value_changed\"]\n"),
            &[],
        )
        .unwrap();
        assert_eq!(config.sinks[0].kind, SinkKind::Slack);
        assert_eq!(config.sinks[0].max_attempts, 8);
        for (watch, wanted) in [
            ("sinks = [\"nobody\"]", "is no sink's id"),
            ("sinks = []", "must name at least one sink"),
            (
                "sinks = [\"ops\"]\ncategories = [\"weather\"]",
                "is no claim category",
            ),
            (
                "sinks = [\"ops\"]\nreasons = [\"maybe\"]",
                "must be new_claim or value_changed",
            ),
        ] {
            let error = parse(&format!("{ok}[[watches]]\nid = \"w\"\n{watch}\n"), &[])
                .unwrap_err()
                .to_string();
            assert!(error.contains(wanted), "{watch}: {error}");
        }
    }

    #[test]
    fn environment_overrides_file() {
        let config = parse(
            "[kafka]\nbrokers = \"a:1\"",
            &[
                ("TICKER_KAFKA__BROKERS", "b:2"),
                ("TICKER_PIPELINE__WORKERS", "7"),
            ],
        )
        .unwrap();
        assert_eq!(config.kafka.brokers, "b:2");
        assert_eq!(config.pipeline.workers, 7);
    }

    #[test]
    fn wrong_values_name_field_value_and_reason() {
        let error = parse("[[sources]]\nid = \"x\"\nurl = \"ftp://x\"", &[])
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "config field `sources[0].url` = \"ftp://x\": must be an absolute http or https URL"
        );
        let error = parse("[kafka]\nbrokerz = \"x\"", &[])
            .unwrap_err()
            .to_string();
        assert!(error.contains("brokerz"), "{error}");
        let error = parse("", &[("TICKER_PIPELINE__WORKERS", "0")])
            .unwrap_err()
            .to_string();
        assert!(error.contains("pipeline.workers"), "{error}");
        let error = parse("[[sources]]\nid = \"a\"\nurl = \"https://a.example/\"\n[[sources]]\nid = \"a\"\nurl = \"https://b.example/\"", &[]).unwrap_err().to_string();
        assert!(error.contains("unique"), "{error}");
        let error = parse("[stories]\nalert_categories = [\"killed\", \"kiled\"]", &[])
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("config field `stories.alert_categories` = \"kiled\": is no claim category; known: "),
            "{error}"
        );
    }
}
