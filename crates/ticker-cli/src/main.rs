//! The `ticker` command: a thin layer over the library crates.

mod eval;
mod eval_alerts;
mod eval_extraction;
mod eval_nlp;
mod eval_order;
mod progress;
mod read;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context as _};
use clap::{Parser, Subcommand};
use ticker_model::{SourceKind, SourceRef};
use ticker_pipeline::roles::Role;

/// mimalloc: parsing HTML and building records allocate many small
/// objects, which it serves faster than the system allocator. Built
/// without transparent huge pages (`no_thp`): with them every fresh arena
/// was faulted in and zeroed 2 MiB at a time (a tenth of the pipeline's CPU
/// in `clear_page_erms`), and peak RSS in the load bench was 195–220 MB
/// instead of 134–146 MB at the same articles/s.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use ticker_pipeline::{Config, RunOptions};

/// ticker watches news sources, turns each new article into clean text,
/// entities, quotes, quantities, dates, events and claims, and publishes
/// them as JSON records to Kafka topics (ticker.articles, ticker.extractions,
/// ticker.events, ticker.claims, ...).
///
/// Start with `ticker check-config`, then `ticker run`. Without a broker,
/// `ticker fetch URL`, `ticker normalize FILE.html` and `ticker extract FILE`
/// show what ticker makes of a page.
#[derive(Parser)]
#[command(
    name = "ticker",
    version,
    about,
    long_about,
    after_help = "Logging: set TICKER_LOG (e.g. TICKER_LOG=debug). Config: --config FILE or TICKER_CONFIG; single values via TICKER_<SECTION>__<KEY>."
)]
struct Cli {
    /// Configuration file (default: config/ticker.toml when it exists, else built-in defaults).
    #[arg(long, global = true, env = "TICKER_CONFIG")]
    config: Option<PathBuf>,
    /// Log as JSON lines instead of text.
    #[arg(long, global = true)]
    log_json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the pipeline on the configured sources until Ctrl-C / SIGTERM, then drain and exit.
    Run {
        /// Poll every source once, process what was found, and exit.
        #[arg(long)]
        once: bool,
        /// Which part to run: all (one process, the default), or one role
        /// of a scaled-out deployment joined by Kafka topics: fetch (poll
        /// and fetch into the pages topic), process (normalize and extract;
        /// a consumer group, run as many as the pages topic has
        /// partitions), stories (assign stories and publish; one active,
        /// the others stand by), notify (send the alerts `[[watches]]`
        /// route to `[[sinks]]`; a consumer group). See docs/operations.md.
        #[arg(long, default_value = "all")]
        role: Role,
    },
    /// Fetch one page and print its article text (title, blank line, paragraphs).
    Fetch {
        /// The page URL.
        url: String,
        /// Print the article record as JSON instead.
        #[arg(long)]
        json: bool,
        /// Allow private, loopback and link-local addresses (the page and
        /// its redirects); refused by default.
        #[arg(long)]
        allow_private: bool,
    },
    /// Normalize a saved HTML page and print its article text.
    Normalize {
        /// The saved page.
        file: PathBuf,
        /// The URL it was saved from (resolves relative links, sets the id).
        #[arg(long)]
        url: Option<String>,
        /// Print the article record as JSON instead.
        #[arg(long)]
        json: bool,
    },
    /// Run the extractor over articles (seed-shaped text, saved HTML, or article JSON lines) and print one extraction record (JSON line) each.
    Extract {
        /// Input files or directories.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Pretty-print the JSON.
        #[arg(long)]
        pretty: bool,
        /// A tagger model from `ticker train ner`, run beside the rules
        /// over the articles of its language; repeat it for models of
        /// other languages (default: the configuration's `extract.tagger`).
        #[arg(long)]
        tagger: Vec<PathBuf>,
        /// How the tagger's names combine with the rules' names (default:
        /// the configuration's `extract.tagger_mode`).
        #[arg(long, value_enum)]
        tagger_mode: Option<TaggerMode>,
    },
    /// Push local files through normalize, extract and publish into Kafka (backfill, replay).
    Ingest {
        /// Inputs: files or directories (seed-shaped .txt, saved .html,
        /// article .jsonl, saved feeds and sitemaps, whose entries' pages are
        /// fetched, WARC files .warc/.warc.gz, whose HTML responses are
        /// read) and URLs of feeds, sitemaps and section pages (polled once).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// What URL inputs are: feed, sitemap, page (a section page), or
        /// auto to tell by what they serve.
        #[arg(long, default_value = "auto", value_parser = ["auto", "feed", "sitemap", "page"])]
        kind: String,
        /// The URL saved HTML pages came from.
        #[arg(long)]
        url: Option<String>,
        /// Publish again even when the same text was already published.
        #[arg(long)]
        force: bool,
        /// Let the inputs (URLs, and the links in saved feeds, sitemaps and
        /// pages) reach private, loopback and link-local addresses; refused
        /// by default, as they are for links from any source.
        #[arg(long)]
        allow_private: bool,
        /// Share a WARC backfill over the process group of a scaled-out
        /// deployment: publish each HTML response as a page to the pages
        /// topic instead of processing it here (inputs: WARC files or
        /// directories of them; see docs/operations.md).
        #[arg(long)]
        distributed: bool,
    },
    /// Create the pipeline's topics (when missing) and list the topics on the cluster.
    Topics {
        /// Only list, create nothing.
        #[arg(long)]
        list_only: bool,
        /// Also the topics that join the roles of a scaled-out deployment
        /// (pages, processed, story-state, sources, deliveries; see
        /// docs/operations.md).
        #[arg(long)]
        roles: bool,
    },
    /// Read ticker's topics back and print their records readably.
    Read {
        /// Topics to read, without prefix (articles, extractions, events, claims, alerts, stories, deadletter); default: all.
        topics: Vec<String>,
        /// Print raw JSON lines instead.
        #[arg(long)]
        json: bool,
        /// Keep reading new records until Ctrl-C.
        #[arg(long)]
        follow: bool,
    },
    /// Serve the page analysts keep open (stories, claim timelines, live
    /// alerts, source health), read from the topics of a running pipeline
    /// or deployment, until Ctrl-C / SIGTERM.
    Serve {
        /// `host:port` or a port alone (on loopback); default `serve.listen`,
        /// else 127.0.0.1:8080.
        #[arg(long)]
        listen: Option<String>,
    },
    /// Show each source's health: last poll, last success, last error,
    /// failures in a row, next poll, entries seen. Asks the running pipeline
    /// (pipeline.metrics_listen) when it can, else reads the state store.
    Sources,
    /// Find the feeds of a site: the page's declared feeds, else common feed paths.
    Discover {
        /// A page of the site (usually its home page).
        url: String,
    },
    /// Validate a configuration and say exactly what is wrong.
    CheckConfig,
    /// Evaluation commands on the shared data sets.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Train a model of the extractor from openly licensed corpora.
    #[command(subcommand)]
    Train(TrainCommand),
    /// Write the JSON Schemas of all records into a directory.
    Schemas {
        /// Output directory.
        #[arg(long, default_value = "schemas")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum TrainCommand {
    /// The entity tagger (averaged perceptron over BIO tags): reads
    /// corpora of `TOKEN<TAB>TAG` lines and writes a model file for
    /// `[extract] tagger` (`make ner-model` trains the German one). The
    /// model records its language and runs over articles of it only.
    Ner {
        /// Corpus files (e.g. ../shared/data/nlp/ner-train/smartdata-train.conll).
        #[arg(required = true)]
        corpora: Vec<PathBuf>,
        /// English corpora (the English rule passes give the rule features).
        #[arg(long)]
        english: bool,
        /// News texts (JSON lines with a `text` field) labelled by the
        /// rule passes, trained on without the rule features.
        #[arg(long)]
        silver: Vec<PathBuf>,
        /// Passes over the corpora.
        #[arg(long, default_value_t = 8)]
        epochs: usize,
        /// Model file to write.
        #[arg(long)]
        out: PathBuf,
    },
}

/// `ticker_extract::tagger::Mode` on the command line.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum TaggerMode {
    /// The tagger adds names where the rules found none.
    Add,
    /// The tagger's names replace the rules' plain names.
    Decide,
}

impl From<TaggerMode> for ticker_extract::tagger::Mode {
    fn from(mode: TaggerMode) -> Self {
        match mode {
            TaggerMode::Add => ticker_extract::tagger::Mode::Add,
            TaggerMode::Decide => ticker_extract::tagger::Mode::Decide,
        }
    }
}

/// Which half of an evaluation set to score (fixed by a hash of each
/// item's id, see `docs/benchmarks.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Split {
    /// The half changes are developed on.
    Develop,
    /// The half that only confirms.
    Confirm,
    /// Both halves.
    All,
}

impl Split {
    /// Whether the item with `id` is in this split.
    pub fn holds(self, id: &str) -> bool {
        // FNV-1a: stable across platforms and releases.
        let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        match self {
            Split::All => true,
            Split::Develop => hash % 2 == 0,
            Split::Confirm => hash % 2 == 1,
        }
    }
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Run the feedparser test suite through ticker's feed parsing: pass
    /// rate of the assertions that map to ticker's fields, per folder;
    /// parse failures of well-formed documents; panics.
    Feeds {
        /// The suite folder, e.g. ../shared/data/feeds/feedparser.
        #[arg(long)]
        dataset: PathBuf,
        /// Print every failed assertion to stderr.
        #[arg(long)]
        show_failures: bool,
    },
    /// GermEval 2014 NER (TSV): strict span match on the outer level, P/R/F1
    /// overall and per type. Also reads CoNLL files of two columns (token,
    /// BIO tag), e.g. WikiANN's.
    Ner {
        /// The TSV file, e.g. ../shared/data/nlp/germeval2014/dev.tsv.
        #[arg(long)]
        dataset: PathBuf,
        /// The language of the sentences (de, en).
        #[arg(long, default_value = "de")]
        language: String,
        /// Print every missed and every wrong entity to stderr.
        #[arg(long)]
        show_failures: bool,
        /// Which half of the sentences to score (by a hash of the
        /// sentence's number in the file).
        #[arg(long, value_enum, default_value = "all")]
        split: Split,
        /// A tagger model from `ticker train ner`, run beside the rules.
        #[arg(long)]
        tagger: Option<PathBuf>,
        /// How the tagger's names combine with the rules' names.
        #[arg(long, value_enum, default_value = "add")]
        tagger_mode: TaggerMode,
    },
    /// Microsoft Recognizers-Text German cases: share of number,
    /// number-with-unit and date cases whose resolved values are right.
    Recognizers {
        /// The folder, e.g. ../shared/data/nlp/recognizers-de.
        #[arg(long)]
        dataset: PathBuf,
        /// Print every case that is not right (input, expected, found) to stderr.
        #[arg(long)]
        show_failures: bool,
    },
    /// de-news-quotes (JSONL): quote P/R/F1 per type (spans overlapping by
    /// half of the longer) and speaker accuracy.
    Quotes {
        /// The JSONL file, e.g. ../shared/data/nlp/de-news-quotes/dev.jsonl.
        #[arg(long)]
        dataset: PathBuf,
        /// Print missed and spurious quotes and wrong speakers to stderr.
        #[arg(long)]
        show_failures: bool,
        /// Which half of the set to score (by a hash of each item's id).
        #[arg(long, value_enum, default_value = "all")]
        split: Split,
    },
    /// Score article text extraction on a dataset folder (truth.jsonl +
    /// pages/<id>.html.gz): body metrics (AEB method) or snippet metrics
    /// (trafilatura method), title accuracy where the truth has titles, and
    /// pages per second of normalization on one core.
    Extraction {
        /// The dataset folder, e.g. ../shared/data/extraction/aeb.
        #[arg(long)]
        dataset: PathBuf,
        /// Score another tool's output instead: JSON lines {"id", "text"}.
        #[arg(long)]
        predictions: Option<PathBuf>,
        /// Also list the N worst pages.
        #[arg(long, default_value_t = 0)]
        worst: usize,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Print every missed `with` and every kept `without` snippet to
        /// stderr (snippet sets).
        #[arg(long)]
        show_failures: bool,
        /// Which half of the set to score (by a hash of each item's id).
        #[arg(long, value_enum, default_value = "all")]
        split: Split,
    },
    /// Stream a labelled JSONL set (id, title, text, published, event) in
    /// publication order through the story clusterer; print B-cubed and
    /// pairwise precision/recall/F1 against `event`, and articles per second.
    Clusters {
        /// The JSONL file, e.g. ../shared/data/nlp/clusters/giveme5w1h-dev.jsonl.
        #[arg(long, required_unless_present = "pages", conflicts_with = "pages")]
        dataset: Option<PathBuf>,
        /// Saved pages without gold events (truth.jsonl + pages/), e.g.
        /// ../shared/data/extraction/aeb: only the order stability is measured.
        #[arg(long, requires = "reorder")]
        pages: Option<PathBuf>,
        /// Also stream the articles in N perturbed orders (a random quarter
        /// each 1-60 places late, as after a process member's death) and
        /// print the B-cubed F1 of those stories against the in-order run.
        #[arg(long, default_value_t = 0)]
        reorder: usize,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Write `event<TAB>story<TAB>title` for every article to stderr
        /// (with --pages: `story<TAB>published<TAB>title` for every page).
        #[arg(long)]
        trace: bool,
    },
    /// Alert quality: precision and recall against hand-annotated story
    /// timelines (`--dataset`), and spurious alerts per 1,000 articles on a
    /// stream of unrelated saved pages (`--stream`), split by reason and
    /// claim category, with a check of the story labels.
    Alerts {
        /// The annotated timelines (JSONL), e.g. bench/alerts/timelines.jsonl.
        #[arg(long)]
        dataset: Option<PathBuf>,
        /// The shared folder the timelines' articles are read from (its
        /// `data/nlp/clusters/` and `seeds/`).
        #[arg(long, default_value = "../shared")]
        shared: PathBuf,
        /// Folders of saved pages (truth.jsonl + pages/<id>.html.gz) that
        /// make the unrelated stream, in the order given, e.g.
        /// ../shared/data/extraction/aeb.
        #[arg(long)]
        stream: Vec<PathBuf>,
        /// Print every spurious and missed alert (and bad label) to stderr.
        #[arg(long)]
        show_failures: bool,
        /// Write every claim of the timelines (status and identity parts) to
        /// stderr, for annotators.
        #[arg(long)]
        trace: bool,
    },
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    init_logging(cli.log_json);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(execute(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("TICKER_LOG").unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new("info,rdkafka=warn,html5ever=error")
    });
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

fn load_config(path: Option<&PathBuf>) -> anyhow::Result<Config> {
    let default = PathBuf::from("config/ticker.toml");
    let path = path
        .cloned()
        .or_else(|| default.exists().then_some(default));
    Ok(Config::load(path.as_deref())?)
}

async fn execute(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Run { once, role } => {
            let config = load_config(cli.config.as_ref())?;
            let (trigger, shutdown) = tokio::sync::watch::channel(false);
            tokio::spawn(async move {
                wait_for_signal().await;
                tracing::info!("shutdown requested; draining in-flight work");
                let _ = trigger.send(true);
            });
            // With `serve.listen`, the page runs in this process and shows
            // this pipeline's sources; it stops with the pipeline.
            let page = match config.serve.address() {
                Some(address) => Some((
                    tokio::net::TcpListener::bind(address)
                        .await
                        .with_context(|| format!("serve.listen: cannot listen on {address}"))?,
                    config.clone(),
                )),
                None => None,
            };
            let page_shutdown = shutdown.clone();
            if once && matches!(role, Role::Process | Role::Stories | Role::Notify) {
                bail!(
                    "--once is for the fetch and all roles; process, stories and notify run until stopped"
                );
            }
            let summary = ticker_pipeline::run_role(
                config,
                role,
                RunOptions { once },
                shutdown,
                move |sources| {
                    if let Some((listener, config)) = page {
                        tokio::spawn(async move {
                            let feed = ticker_serve::SourceFeed::Local(sources);
                            if let Err(error) =
                                ticker_serve::serve(&config, listener, feed, page_shutdown).await
                            {
                                tracing::error!(error = %format!("{error:#}"), "the page stopped");
                            }
                        });
                    }
                },
            )
            .await?;
            eprintln!("{}", serde_json::to_string(&summary)?);
        }
        Command::Serve { listen } => {
            let mut config = load_config(cli.config.as_ref())?;
            if let Some(listen) = listen {
                config.serve.listen = listen;
                config.validate()?;
            }
            let address = ticker_serve::listen_address(&config);
            let listener = tokio::net::TcpListener::bind(address)
                .await
                .with_context(|| format!("cannot listen on {address}"))?;
            eprintln!("ticker serve: http://{}/", listener.local_addr()?);
            let (trigger, shutdown) = tokio::sync::watch::channel(false);
            tokio::spawn(async move {
                wait_for_signal().await;
                let _ = trigger.send(true);
            });
            let feed = ticker_serve::SourceFeed::Remote(config.serve.pipelines.clone());
            ticker_serve::serve(&config, listener, feed, shutdown).await?;
        }
        Command::Fetch {
            url,
            json,
            allow_private,
        } => {
            let mut config = load_config(cli.config.as_ref())?;
            config.fetch.allow_private |= allow_private;
            let client = ticker_fetch::HttpClient::new(config.fetch.limits())?;
            let fetched = client.get(&url, &Default::default()).await?;
            let meta = ticker_normalize::InputMeta {
                url: Some(fetched.final_url.clone()),
                source: SourceRef {
                    id: "url".into(),
                    kind: SourceKind::Url,
                    url: url.clone(),
                },
                content_type: fetched.content_type.clone(),
                fetched_at: chrono::Utc::now(),
                feed_title: None,
                feed_published: None,
            };
            let rules = config.site_rules(&fetched.final_url);
            let article =
                ticker_normalize::normalize_html_with(&fetched.body, &meta, rules.as_ref())?;
            print_article(&article, json)?;
        }
        Command::Normalize { file, url, json } => {
            // The configured rules of the page's site, when its URL is given.
            let rules = match &url {
                Some(url) => load_config(cli.config.as_ref())?.site_rules(url),
                None => None,
            };
            let results =
                ticker_pipeline::inputs::read_file_with(&file, url.as_deref(), rules.as_ref());
            for result in results {
                print_article(&result?, json)?;
            }
        }
        Command::Extract {
            files,
            pretty,
            tagger,
            tagger_mode,
        } => {
            let mut config = load_config(cli.config.as_ref())?;
            if !tagger.is_empty() {
                config.extract.tagger = tagger;
            }
            if let Some(mode) = tagger_mode {
                config.extract.tagger_mode = mode.into();
            }
            let extractor = config.extractor()?;
            let files = ticker_pipeline::inputs::expand(&files)?;
            let mut failures = 0;
            for file in &files {
                for result in ticker_pipeline::inputs::read_file(file, None) {
                    match result {
                        Ok(article) => {
                            let extraction = extractor.extract(&article);
                            let line = if pretty {
                                serde_json::to_string_pretty(&extraction)?
                            } else {
                                serde_json::to_string(&extraction)?
                            };
                            println!("{line}");
                        }
                        Err(error) => {
                            failures += 1;
                            eprintln!("error: {error}");
                        }
                    }
                }
            }
            if failures > 0 {
                bail!("{failures} input(s) could not be read");
            }
        }
        Command::Ingest {
            paths,
            url,
            force,
            kind,
            allow_private,
            distributed,
        } => {
            let mut config = load_config(cli.config.as_ref())?;
            config.fetch.allow_private |= allow_private;
            if distributed {
                let files = warc_files(&paths)?;
                let bar = progress::Shared::new("WARC files");
                let summary = ticker_pipeline::roles::publish_warc_pages(
                    &config,
                    &files,
                    &|_pages, done, total| bar.update(done, total),
                )
                .await?;
                bar.finish();
                println!("{}", serde_json::to_string(&summary)?);
                return Ok(());
            }
            let kind = match kind.as_str() {
                "auto" => None,
                given => Some(given.parse().map_err(anyhow::Error::msg)?),
            };
            let bar = progress::Shared::new("inputs");
            let summary = ticker_pipeline::ingest_with(
                config,
                &paths,
                url.as_deref(),
                force,
                kind,
                &|done, total| bar.update(done, total),
            )
            .await?;
            bar.finish();
            println!("{}", serde_json::to_string(&summary)?);
        }
        Command::Topics { list_only, roles } => {
            let config = load_config(cli.config.as_ref())?;
            if !list_only {
                let settings = config.kafka.topic_settings()?;
                let mut created = ticker_kafka::ensure_topics(&settings).await?;
                if roles {
                    created.extend(
                        ticker_kafka::ensure_topic_set(&settings, &ticker_model::Topic::INTERNAL)
                            .await?,
                    );
                }
                for name in created {
                    println!("created {name}");
                }
            }
            let brokers = config.kafka.brokers.clone();
            let properties = config.kafka.resolved_properties()?;
            let topics = tokio::task::spawn_blocking(move || {
                ticker_kafka::list_topics(&brokers, &properties, Duration::from_secs(10))
            })
            .await??;
            for (name, partitions) in topics {
                println!("{name}\t{partitions} partition(s)");
            }
        }
        Command::Read {
            topics,
            json,
            follow,
        } => {
            let config = load_config(cli.config.as_ref())?;
            read::read(&config, &topics, json, follow).await?;
        }
        Command::Sources => {
            let config = load_config(cli.config.as_ref())?;
            let health = match live_source_health(&config).await {
                Some(health) => health,
                None => ticker_pipeline::state::StateStore::open(&config.state.path)
                    .context("reading source health from the state store (a running pipeline shows it live when pipeline.metrics_listen is set)")?
                    .source_health()?,
            };
            println!(
                "{:<16} {:<8} {:<26} {:<26} {:>8} {:>5} {:>8}  last error",
                "source", "enabled", "last success", "next poll", "interval", "fails", "entries"
            );
            for source in &config.sources {
                let h = health.get(&source.id).cloned().unwrap_or_default();
                println!(
                    "{:<16} {:<8} {:<26} {:<26} {:>8} {:>5} {:>8}  {}",
                    source.id,
                    source.enabled,
                    h.last_success.as_deref().unwrap_or("never"),
                    h.next_poll.as_deref().unwrap_or("-"),
                    h.interval_secs
                        .map_or_else(|| "-".to_string(), |secs| format!("{secs}s")),
                    h.consecutive_failures,
                    h.entries_seen,
                    h.last_error
                        .as_deref()
                        .map(|e| format!("{} ({})", e, h.last_error_at.as_deref().unwrap_or("?")))
                        .unwrap_or_default()
                );
            }
        }
        Command::Discover { url } => {
            let config = load_config(cli.config.as_ref())?;
            let client = ticker_fetch::HttpClient::new(config.fetch.limits())?;
            let feeds = ticker_fetch::discover::discover(&client, &url).await?;
            if feeds.is_empty() {
                bail!("no feed found for {url}");
            }
            for feed in feeds {
                println!(
                    "{}\t{}\t{}",
                    feed.url,
                    feed.how,
                    feed.title.unwrap_or_default()
                );
            }
        }
        Command::CheckConfig => {
            let path = cli
                .config
                .clone()
                .or_else(|| Some(PathBuf::from("config/ticker.toml")).filter(|p| p.exists()));
            let config =
                Config::load(path.as_deref()).with_context(|| "the configuration is refused")?;
            let enabled = config
                .sources
                .iter()
                .filter(|source| source.enabled)
                .count();
            println!(
                "configuration OK ({}): {} source(s), {} enabled; brokers {}; topics {}*; state {}",
                path.map_or("built-in defaults".to_string(), |p| p.display().to_string()),
                config.sources.len(),
                enabled,
                config.kafka.brokers,
                config.kafka.topic_prefix,
                config.state.path.display()
            );
            for (key, value) in &config.kafka.properties {
                println!(
                    "kafka property {key} = {}",
                    config.kafka.printable(key, value)
                );
            }
            let trusted: Vec<&str> = config
                .sources
                .iter()
                .filter(|source| source.allow_private)
                .map(|source| source.id.as_str())
                .collect();
            println!(
                "private networks: {}; sources trusted with private addresses (allow_private): {}",
                if config.fetch.allow_private {
                    "ALLOWED for every source and link (fetch.allow_private = true; for tests and demos)"
                } else {
                    "refused for links and redirects (fetch.allow_private = false)"
                },
                if trusted.is_empty() {
                    "none".to_string()
                } else {
                    trusted.join(", ")
                }
            );
            if !config.sinks.is_empty() {
                // (Ids and kinds only: a sink's URL can itself be a secret.)
                let sinks: Vec<String> = config
                    .sinks
                    .iter()
                    .map(|sink| format!("{} ({:?})", sink.id, sink.kind).to_lowercase())
                    .collect();
                let watches: Vec<String> = config
                    .watches
                    .iter()
                    .map(|watch| format!("{} → {}", watch.id, watch.sinks.join(", ")))
                    .collect();
                println!(
                    "alert sinks: {}; watches: {}",
                    sinks.join(", "),
                    if watches.is_empty() {
                        "none (no alert is sent)".to_string()
                    } else {
                        watches.join("; ")
                    }
                );
            }
            if !config.sites.is_empty() {
                let hosts: Vec<&str> = config.sites.iter().map(|site| site.host.as_str()).collect();
                println!("site rules: {}", hosts.join(", "));
            }
            println!(
                "metrics listener: {}",
                config
                    .pipeline
                    .metrics_address()
                    .map_or("off".to_string(), describe_listener)
            );
            println!(
                "page (serve.listen): {}",
                config.serve.address().map_or(
                    format!(
                        "not in `ticker run`; `ticker serve` on {}",
                        describe_listener(ticker_serve::listen_address(&config))
                    ),
                    |address| format!("http://{}", describe_listener(address))
                )
            );
        }
        Command::Eval(EvalCommand::Feeds {
            dataset,
            show_failures,
        }) => {
            let results = ticker_fetch::conformance::run(&dataset, show_failures)
                .with_context(|| format!("running the suite in {}", dataset.display()))?;
            let mut total = ticker_fetch::conformance::FolderResult::default();
            println!(
                "{:<12} {:>6} {:>8} {:>7} {:>9} {:>8} {:>9} {:>8}",
                "folder", "files", "no-parse", "panics", "mappable", "passed", "rate", "unmapped"
            );
            for (folder, r) in &results {
                println!(
                    "{folder:<12} {:>6} {:>8} {:>7} {:>9} {:>8} {:>8.1}% {:>8}",
                    r.files,
                    r.parse_failures,
                    r.panics,
                    r.mappable,
                    r.passed,
                    100.0 * r.passed as f64 / r.mappable.max(1) as f64,
                    r.unmapped
                );
                total.files += r.files;
                total.parse_failures += r.parse_failures;
                total.panics += r.panics;
                total.mappable += r.mappable;
                total.passed += r.passed;
                total.unmapped += r.unmapped;
                total.wellformed_failures += r.wellformed_failures;
            }
            println!(
                "{:<12} {:>6} {:>8} {:>7} {:>9} {:>8} {:>8.1}% {:>8}",
                "all",
                total.files,
                total.parse_failures,
                total.panics,
                total.mappable,
                total.passed,
                100.0 * total.passed as f64 / total.mappable.max(1) as f64,
                total.unmapped
            );
            println!(
                "well-formed documents (bozo: false) that did not parse: {}",
                total.wellformed_failures
            );
        }
        Command::Eval(EvalCommand::Ner {
            dataset,
            language,
            show_failures,
            split,
            tagger,
            tagger_mode,
        }) => {
            let model = match tagger {
                Some(path) => {
                    let model = ticker_extract::tagger::Model::from_file(&path)
                        .map_err(|error| anyhow::anyhow!(error))?;
                    if model.language() != language {
                        anyhow::bail!(
                            "{} is a model for {} sentences, not for {language} (--language)",
                            path.display(),
                            model.language()
                        );
                    }
                    Some(model)
                }
                None => None,
            };
            let options = ticker_extract::Options {
                tagger: model.as_ref().map(|model| (model, tagger_mode.into())),
            };
            eval_nlp::ner(&dataset, &language, show_failures, split, options)?
        }
        Command::Train(TrainCommand::Ner {
            corpora,
            english,
            silver,
            epochs,
            out,
        }) => train_ner(&corpora, &silver, english, epochs, &out)?,
        Command::Eval(EvalCommand::Recognizers {
            dataset,
            show_failures,
        }) => eval_nlp::recognizers(&dataset, show_failures)?,
        Command::Eval(EvalCommand::Quotes {
            dataset,
            show_failures,
            split,
        }) => eval_nlp::quotes(&dataset, show_failures, split)?,
        Command::Eval(EvalCommand::Extraction {
            dataset,
            predictions,
            worst,
            json,
            show_failures,
            split,
        }) => {
            eval_extraction::extraction(
                &dataset,
                predictions.as_deref(),
                worst,
                json,
                show_failures,
                split,
            )?;
        }
        Command::Eval(EvalCommand::Clusters {
            dataset,
            pages,
            reorder,
            json,
            trace,
        }) => {
            let config = load_config(cli.config.as_ref())?;
            match (dataset, pages) {
                (Some(dataset), _) => {
                    eval::clusters(&dataset, config.stories, json, trace, reorder)?;
                }
                (None, Some(pages)) => {
                    eval::page_stability(&pages, config.stories, json, reorder, trace)?
                }
                (None, None) => bail!("give --dataset or --pages"),
            }
        }
        Command::Eval(EvalCommand::Alerts {
            dataset,
            shared,
            stream,
            show_failures,
            trace,
        }) => {
            let config = load_config(cli.config.as_ref())?;
            eval_alerts::alerts(
                dataset.as_deref(),
                &shared,
                &stream,
                config.stories,
                show_failures,
                trace,
            )?;
        }
        Command::Schemas { out } => {
            std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
            for (name, schema) in ticker_model::schemas::all() {
                let path = out.join(name);
                std::fs::write(&path, schema)
                    .with_context(|| format!("writing {}", path.display()))?;
                println!("wrote {}", path.display());
            }
        }
    }
    Ok(())
}

/// The running pipeline's source health, from its metrics endpoint.
async fn live_source_health(
    config: &Config,
) -> Option<std::collections::BTreeMap<String, ticker_pipeline::state::SourceHealth>> {
    let listen = config.pipeline.metrics_address()?;
    let host = if listen.ip().is_unspecified() {
        std::net::IpAddr::from([127, 0, 0, 1])
    } else {
        listen.ip()
    };
    let url = format!(
        "http://{}/sources",
        std::net::SocketAddr::new(host, listen.port())
    );
    // The operator's own listener: its address is trusted.
    let limits = ticker_fetch::FetchLimits {
        timeout: Duration::from_secs(3),
        trusted_hosts: [host.to_string()].into(),
        ..ticker_fetch::FetchLimits::default()
    };
    let response = ticker_fetch::HttpClient::new(limits)
        .ok()?
        .get(&url, &Default::default())
        .await
        .ok()?;
    serde_json::from_slice(&response.body).ok()
}

fn print_article(article: &ticker_model::Article, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(article)?);
    } else {
        print!("{}", ticker_normalize::render_text(article));
    }
    Ok(())
}

/// The WARC files among `paths` (directories are searched one level
/// deep); anything else is refused, since `--distributed` only shares WARC
/// backfills.
fn warc_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("{}", path.display()))?
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|file| ticker_pipeline::warc::is_warc(file))
                .collect();
            found.sort();
            files.extend(found);
        } else if ticker_pipeline::warc::is_warc(path) {
            files.push(path.clone());
        } else {
            bail!(
                "{}: --distributed takes WARC files (.warc, .warc.gz) or directories of them",
                path.display()
            );
        }
    }
    anyhow::ensure!(!files.is_empty(), "no WARC files among the inputs");
    Ok(files)
}

/// A listening address and who can reach it.
fn describe_listener(address: std::net::SocketAddr) -> String {
    let reach = if address.ip().is_loopback() {
        "loopback only"
    } else {
        "reachable from other machines"
    };
    format!("{address} ({reach})")
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => {
                    let _ = tokio::signal::ctrl_c().await;
                    return;
                }
            };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// `ticker train ner`.
fn train_ner(
    corpora: &[PathBuf],
    silver: &[PathBuf],
    english: bool,
    epochs: usize,
    out: &Path,
) -> anyhow::Result<()> {
    let mut examples = Vec::new();
    for path in corpora {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let read = ticker_extract::tagger::read_conll(&text);
        eprintln!("{}: {} sentences", path.display(), read.len());
        examples.extend(read);
    }
    for path in silver {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let before = examples.len();
        for line in text.lines().filter(|line| !line.trim().is_empty()) {
            let row: serde_json::Value = serde_json::from_str(line)
                .with_context(|| format!("a line of {}", path.display()))?;
            if let Some(body) = row["text"].as_str() {
                examples.extend(ticker_extract::tagger::silver(body, english));
            }
        }
        eprintln!(
            "{}: {} sentences labelled by the rules",
            path.display(),
            examples.len() - before
        );
    }
    anyhow::ensure!(!examples.is_empty(), "the corpora hold no sentence");
    let started = std::time::Instant::now();
    let model = ticker_extract::tagger::train(&examples, english, epochs, |epoch, wrong| {
        eprintln!(
            "pass {epoch}: {:.2} % of words tagged wrong ({:.0} s)",
            100.0 * wrong,
            started.elapsed().as_secs_f64()
        );
    });
    std::fs::write(out, model.to_bytes()).with_context(|| format!("writing {}", out.display()))?;
    println!(
        "wrote {} ({} sentences, {epochs} passes)",
        out.display(),
        examples.len()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// `ticker sources` asks the operator's own listener on loopback: the
    /// client that refuses private addresses for links must let it through.
    #[tokio::test]
    async fn source_health_is_read_live_from_the_loopback_listener() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut request = [0u8; 1024];
            let _ = stream.read(&mut request).await.unwrap();
            assert!(request.starts_with(b"GET /sources "));
            let body = r#"{"feed":{"last_poll":null,"last_success":null,"last_error":"HTTP 503","last_error_at":null,"consecutive_failures":2,"next_poll":null,"entries_seen":7,"interval_secs":null}}"#;
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            stream.write_all(response.as_bytes()).await.unwrap();
        });
        let mut config = Config::default();
        config.pipeline.metrics_listen = address.port().to_string();
        let health = live_source_health(&config).await.expect("the live health");
        assert_eq!(health["feed"].entries_seen, 7);
        assert_eq!(health["feed"].consecutive_failures, 2);
    }
}
