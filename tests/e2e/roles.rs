//! Roles as separate OS processes joined by the real broker: one fetch,
//! two process and two stories processes (one active, one standing by) on
//! the 181 pages of the shared `aeb` set behind one feed. Mid-run one
//! process member and the active stories process are killed with SIGKILL.
//! Afterwards an independent consumer finds every page's article in
//! `ticker.articles`, each with its extraction and a story, and the
//! duplicates stay bounded.

use std::collections::{HashMap, HashSet};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use rdkafka::message::Message;
use ticker_model::{Article, Extraction, Topic};

use crate::broker::{read_topic, Broker};
use crate::faults::wait_for;

struct Role {
    name: &'static str,
    log: std::path::PathBuf,
    child: Child,
}

fn start(config: &std::path::Path, role: &'static str, log: std::path::PathBuf) -> Role {
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_ticker-test-pipeline"))
        .arg(config)
        .arg(role)
        .env("TICKER_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::from(std::fs::File::create(&log).unwrap()))
        .spawn()
        .unwrap();
    Role {
        name: role,
        log,
        child,
    }
}

impl Role {
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// How often this stories process became the active owner.
    fn activations(&self) -> usize {
        self.log().matches("stories role: active").count()
    }

    /// Whether this stories process owns the stories now: it became
    /// active and did not lose the partition since (a member joining at
    /// the start can move the partition once).
    fn owns(&self) -> bool {
        let log = self.log();
        log.rfind("stories role: active").is_some_and(|active| {
            log.rfind("partition revoked")
                .is_none_or(|lost| lost < active)
        })
    }
}

fn articles(brokers: &str, prefix: &str) -> (usize, HashSet<String>) {
    crate::faults::articles_of(brokers, prefix)
}

/// A deployment of the roles as OS processes on the `aeb` fixture site.
struct Deployment {
    _site: tokio::task::JoinHandle<()>,
    work: tempfile::TempDir,
    broker: Broker,
    config: ticker_pipeline::Config,
    links: Vec<String>,
    /// The first took the partition, the second stands by.
    stories: Vec<Role>,
    processors: [Role; 2],
    fetch: Role,
}

/// Starts two stories processes (the first active), two process
/// processes and one fetch process under `prefix`.
async fn deploy(prefix: &str) -> Deployment {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (files, links) = crate::faults::site(&base, usize::MAX);
    let site = tokio::spawn(async move {
        let _ = ticker_tests::serve(listener, files).await;
    });
    let work = tempfile::tempdir().unwrap();
    let broker = Broker::start(work.path()).await;
    let mut config = crate::faults::config(&broker.address, &base, work.path());
    config.kafka.topic_prefix = prefix.into();
    config.kafka.partitions = 2;
    config.pipeline.workers = 1;
    // About 25 pages a second, so that the kills fall mid-run.
    config.fetch.min_host_interval_ms = 40;
    config.validate().unwrap();
    let config_path = work.path().join("ticker.toml");
    std::fs::write(&config_path, toml::to_string(&config).unwrap()).unwrap();
    let log = |name: &str| work.path().join(format!("{name}.log"));

    let mut stories = vec![start(&config_path, "stories", log("stories-1"))];
    // The first stories process takes the partition; the second stands by.
    let active = wait_for(Duration::from_secs(30), || {
        stories[0].log().contains("waiting for the partition")
    })
    .await;
    assert!(
        active,
        "the stories role did not start: {}",
        stories[0].log()
    );
    stories.push(start(&config_path, "stories", log("stories-2")));
    let processors = [
        start(&config_path, "process", log("process-1")),
        start(&config_path, "process", log("process-2")),
    ];
    let fetch = start(&config_path, "fetch", log("fetch"));
    Deployment {
        _site: site,
        work,
        broker,
        config,
        links,
        stories,
        processors,
        fetch,
    }
}

impl Deployment {
    /// Waits until at least `count` articles are published.
    async fn published(&self, count: usize) -> bool {
        wait_for(Duration::from_secs(90), || {
            articles(&self.broker.address, &self.config.kafka.topic_prefix)
                .1
                .len()
                >= count
        })
        .await
    }

    /// Waits until every page's article is published.
    async fn complete(&self) -> bool {
        let all: HashSet<String> = self.links.iter().cloned().collect();
        wait_for(Duration::from_secs(180), || {
            articles(&self.broker.address, &self.config.kafka.topic_prefix)
                .1
                .is_superset(&all)
        })
        .await
    }

    fn stop(&mut self) {
        for role in self
            .stories
            .iter_mut()
            .chain(self.processors.iter_mut())
            .chain(std::iter::once(&mut self.fetch))
        {
            let _ = role.child.kill();
            let _ = role.child.wait();
        }
    }
}

/// A process member that dies while the stories owner lives: the owner
/// holds the articles that wait for the dead member's pages (fetch order),
/// shows the standby that it is alive meanwhile, and keeps the stories.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_process_member_does_not_move_the_stories_to_the_standby() {
    let mut deployment = deploy("hold.").await;
    assert!(deployment.published(30).await, "nothing was published");
    // (The second stories process joining can move the partition once at
    // the start; what counts is what happens after the kill.)
    let before: Vec<usize> = deployment.stories.iter().map(Role::activations).collect();
    deployment.processors[0].child.kill().unwrap();
    let complete = deployment.complete().await;
    let after: Vec<usize> = deployment.stories.iter().map(Role::activations).collect();
    deployment.stop();
    let logs: Vec<String> = deployment.stories.iter().map(Role::log).collect();
    assert!(complete, "missing after the kill; stories logs:\n{logs:#?}");
    assert_eq!(
        before, after,
        "the stories moved while their owner lived:\n{logs:#?}"
    );
    let (records, _) = articles(&deployment.broker.address, "hold.");
    assert!(
        records <= deployment.links.len() + 20,
        "{records} records for {} pages",
        deployment.links.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roles_in_separate_processes_survive_sigkill_of_a_processor_and_the_active_stories_owner() {
    let mut deployment = deploy("roles.").await;
    let links = deployment.links.clone();
    // Mid-run: SIGKILL one process member and the active stories owner.
    let some = deployment.published(30).await;
    let stories = &mut deployment.stories;
    let owner = stories
        .iter()
        .position(Role::owns)
        .unwrap_or_else(|| panic!("no stories process is active: {}", stories[0].log()));
    let standby_activations = stories[1 - owner].activations();
    if standby_activations > 0 {
        // The partition moved before the kills: say when, against the
        // first article's publication.
        for role in stories.iter() {
            let log = role.log();
            let moves: Vec<&str> = log
                .lines()
                .filter(|line| {
                    line.contains("role: active")
                        || line.contains("revoked")
                        || line.contains("joining")
                })
                .collect();
            eprintln!("roles: moved before the kills ({}): {moves:#?}", role.name);
        }
    }
    deployment.processors[0].child.kill().unwrap();
    stories[owner].child.kill().unwrap();
    let (_, before) = articles(&deployment.broker.address, "roles.");
    assert!(some, "nothing was published before the kills");
    assert!(
        before.len() < links.len(),
        "the run had finished before the kills"
    );
    let killed_at = Instant::now();
    // The takeover, as a figure (printed, not asserted): from the SIGKILL
    // to the standby's restored state.
    let standby_active = wait_for(Duration::from_secs(60), || {
        deployment.stories[1 - owner].activations() > standby_activations
    })
    .await
    .then(|| killed_at.elapsed().as_secs_f64());

    let complete = deployment.complete().await;
    let standby_log = deployment.stories[1 - owner].log();
    let standby_name = deployment.stories[1 - owner].name;
    let took_over = deployment.stories[1 - owner].activations() > standby_activations;
    deployment.stop();
    let broker = &deployment.broker;
    let (records, urls) = articles(&broker.address, "roles.");
    if !complete {
        let count = |topic: Topic| {
            tokio::task::block_in_place(|| read_topic(&broker.address, &topic.name("roles.")).len())
        };
        let broker_log =
            std::fs::read_to_string(deployment.work.path().join("broker.log")).unwrap_or_default();
        let heartbeats: Vec<&str> = broker_log
            .lines()
            .filter(|l| l.contains("heartbeat") || l.contains("rebalance"))
            .take(20)
            .collect();
        eprintln!(
            "pages {}, processed {}, articles {}; broker on heartbeats: {heartbeats:#?}\nprocess-2: {}\nstories: {:?}",
            count(Topic::Pages),
            count(Topic::Processed),
            records,
            deployment.processors[1].log().lines().rev().take(15).collect::<Vec<_>>().join("\n"),
            deployment.stories.iter().map(|role| role.log().lines().filter(|l| l.contains("role:") || l.contains("joining")).map(str::to_string).collect::<Vec<_>>()).collect::<Vec<_>>()
        );
    }
    let all: HashSet<String> = links.iter().cloned().collect();
    assert!(
        complete,
        "missing after the kills: {:?}\nstandby log:\n{}",
        all.difference(&urls).take(5).collect::<Vec<_>>(),
        standby_log
    );
    assert!(took_over, "the standby ({standby_name}) did not take over");
    eprintln!(
        "roles: kills after {} of {} pages; the standby active {} s after the kill; all in {:.0} s later; {records} article records",
        before.len(),
        links.len(),
        standby_active.map_or("?".to_string(), |seconds| format!("{seconds:.1}")),
        killed_at.elapsed().as_secs_f64()
    );
    // Duplicates are bounded by the work in flight at the kills.
    assert!(
        records <= links.len() + 20,
        "{records} records for {} pages",
        links.len()
    );

    // Every article has its extraction, with a story, and the stories
    // topic knows that story.
    let extractions = every_article_has_its_story(&broker.address, "roles.");

    // The same pages through the single process: the stories agree.
    // (Twice: the clusterer depends on the order articles arrive in, which
    // differs between any two runs with parallel workers.)
    for prefix in ["single.", "again."] {
        let mut single = deployment.config.clone();
        single.kafka.topic_prefix = prefix.into();
        single.state.path = deployment.work.path().join(format!("{prefix}redb"));
        let (_stop, shutdown) = tokio::sync::watch::channel(false);
        ticker_pipeline::run(single, ticker_pipeline::RunOptions { once: true }, shutdown)
            .await
            .unwrap();
    }
    let alone = latest_extractions(&broker.address, "single.");
    let again = latest_extractions(&broker.address, "again.");
    let story_of = |map: &HashMap<String, Extraction>| -> HashMap<String, String> {
        map.iter()
            .filter(|(id, _)| extractions.contains_key(*id) && alone.contains_key(*id))
            .map(|(id, extraction)| (id.clone(), extraction.story_id.clone().unwrap_or_default()))
            .collect()
    };
    let (roles_stories, single_stories) = (story_of(&extractions), story_of(&alone));
    assert_eq!(roles_stories.len(), links.len(), "every page in both runs");
    let b3 = b_cubed(&roles_stories, &single_stories);
    let baseline = b_cubed(&story_of(&alone), &story_of(&again));
    eprintln!("roles: B³ F1 roles run ~ single-process run {b3:.4}; two single-process runs {baseline:.4}");
    if b3 < 1.0 {
        // Which articles the two runs put together differently, by title.
        let titles: HashMap<String, String> = tokio::task::block_in_place(|| {
            read_topic(&broker.address, &Topic::Articles.name("single."))
                .iter()
                .filter_map(|m| serde_json::from_slice::<Article>(m.payload()?).ok())
                .map(|a| (a.article_id, a.title))
                .collect()
        });
        let ids: Vec<&String> = roles_stories.keys().collect();
        for (i, left) in ids.iter().enumerate() {
            for right in &ids[i + 1..] {
                let roles_together = roles_stories[*left] == roles_stories[*right];
                let single_together = single_stories[*left] == single_stories[*right];
                if roles_together != single_together {
                    eprintln!(
                        "roles: {} in the roles run: {:?} | {:?}",
                        if roles_together { "together" } else { "apart" },
                        titles.get(*left),
                        titles.get(*right)
                    );
                }
            }
        }
    }
    // The stories role assigns in fetch order whatever order the process
    // members finish in (the clusterer depends on it), so the stories are
    // those of the single process; before it did, runs measured 0.97-1.0.
    assert!(
        b3 >= 0.99,
        "B³ {b3:.4} between the roles run and a single-process run"
    );
}

/// Asserts that every article under `prefix` has its extraction, with a
/// story the stories topic knows; returns the latest extractions.
pub(crate) fn every_article_has_its_story(
    brokers: &str,
    prefix: &str,
) -> HashMap<String, Extraction> {
    let extractions = latest_extractions(brokers, prefix);
    let story_ids: HashSet<String> = tokio::task::block_in_place(|| {
        read_topic(brokers, &Topic::Stories.name(prefix))
            .iter()
            .map(|message| String::from_utf8_lossy(message.key().unwrap()).into_owned())
            .collect()
    });
    let published: Vec<Article> = tokio::task::block_in_place(|| {
        read_topic(brokers, &Topic::Articles.name(prefix))
            .iter()
            .map(|message| serde_json::from_slice(message.payload().unwrap()).unwrap())
            .collect()
    });
    for article in &published {
        let extraction = extractions
            .get(&article.article_id)
            .unwrap_or_else(|| panic!("no extraction for {}", article.article_id));
        let story = extraction.story_id.as_deref().expect("a story id");
        assert!(
            story_ids.contains(story),
            "story {story} is not in the stories topic"
        );
    }
    extractions
}

/// The latest extraction of each article in the topics under `prefix`.
pub(crate) fn latest_extractions(brokers: &str, prefix: &str) -> HashMap<String, Extraction> {
    tokio::task::block_in_place(|| {
        read_topic(brokers, &Topic::Extractions.name(prefix))
            .iter()
            .map(|message| {
                let extraction: Extraction =
                    serde_json::from_slice(message.payload().unwrap()).unwrap();
                (extraction.article_id.clone(), extraction)
            })
            .collect()
    })
}

/// Each cluster's items.
fn members(map: &HashMap<String, String>) -> HashMap<&str, HashSet<&str>> {
    let mut clusters: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (item, cluster) in map {
        clusters
            .entry(cluster.as_str())
            .or_default()
            .insert(item.as_str());
    }
    clusters
}

/// B³ F1 of two clusterings of the same items (item → cluster id).
pub(crate) fn b_cubed(left: &HashMap<String, String>, right: &HashMap<String, String>) -> f64 {
    let (left_clusters, right_clusters) = (members(left), members(right));
    let (mut precision, mut recall) = (0.0, 0.0);
    for (item, cluster) in left {
        let mine = &left_clusters[cluster.as_str()];
        let theirs = &right_clusters[right[item].as_str()];
        let shared = mine.intersection(theirs).count() as f64;
        precision += shared / mine.len() as f64;
        recall += shared / theirs.len() as f64;
    }
    let n = left.len().max(1) as f64;
    let (precision, recall) = (precision / n, recall / n);
    2.0 * precision * recall / (precision + recall).max(f64::EPSILON)
}
