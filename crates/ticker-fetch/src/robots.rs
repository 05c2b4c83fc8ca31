//! robots.txt for article pages, and per-host pacing.
//!
//! Rules are read for ticker's product token (the first word of the
//! User-Agent, e.g. `ticker`) or, failing that, `*`; the longest matching
//! `Allow`/`Disallow` prefix wins (`*` and `$` patterns supported), `Allow`
//! on a tie. A missing robots.txt (4xx) or one that cannot be fetched allows
//! everything. Files are cached per origin for an hour. `Crawl-delay` sets
//! the host's pace when it is longer than the configured one.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::{HttpClient, Validators};

/// The rules of one robots.txt for one agent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rules {
    /// (pattern, allow) pairs.
    rules: Vec<(String, bool)>,
    /// `Crawl-delay`.
    pub crawl_delay: Option<Duration>,
}

impl Rules {
    /// Parses robots.txt for `agent` (case-insensitive product token).
    pub fn parse(text: &str, agent: &str) -> Rules {
        let agent = agent.to_ascii_lowercase();
        let mut specific: Option<Rules> = None;
        let mut any: Option<Rules> = None;
        let mut current_agents: Vec<String> = Vec::new();
        let mut current = Rules::default();
        let mut in_rules = false;
        let finish = |agents: &[String],
                      rules: &Rules,
                      specific: &mut Option<Rules>,
                      any: &mut Option<Rules>| {
            if agents
                .iter()
                .any(|a| !a.is_empty() && agent.starts_with(a.as_str()) && a != "*")
            {
                specific.get_or_insert_with(Rules::default).merge(rules);
            } else if agents.iter().any(|a| a == "*") {
                any.get_or_insert_with(Rules::default).merge(rules);
            }
        };
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
            match key.as_str() {
                "user-agent" => {
                    if in_rules {
                        finish(&current_agents, &current, &mut specific, &mut any);
                        current_agents.clear();
                        current = Rules::default();
                        in_rules = false;
                    }
                    current_agents.push(value.to_ascii_lowercase());
                }
                "allow" | "disallow" => {
                    in_rules = true;
                    if !value.is_empty() {
                        current.rules.push((value.to_string(), key == "allow"));
                    }
                }
                "crawl-delay" => {
                    in_rules = true;
                    current.crawl_delay = value
                        .parse::<f64>()
                        .ok()
                        .filter(|d| d.is_finite() && *d >= 0.0)
                        .map(|d| Duration::from_secs_f64(d.min(60.0)));
                }
                _ => {}
            }
        }
        finish(&current_agents, &current, &mut specific, &mut any);
        specific.or(any).unwrap_or_default()
    }

    fn merge(&mut self, other: &Rules) {
        self.rules.extend(other.rules.iter().cloned());
        self.crawl_delay = self.crawl_delay.or(other.crawl_delay);
    }

    /// Whether a path (with query) may be fetched.
    pub fn allowed(&self, path: &str) -> bool {
        let mut best: Option<(usize, bool)> = None;
        for (pattern, allow) in &self.rules {
            if matches(pattern, path) {
                let length = pattern.len();
                if best.is_none_or(|(best_length, best_allow)| {
                    length > best_length || (length == best_length && *allow && !best_allow)
                }) {
                    best = Some((length, *allow));
                }
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// robots.txt pattern match: a prefix, with `*` for any run and a final `$`
/// for the end.
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(stripped) => (stripped, true),
        None => (pattern, false),
    };
    let parts: Vec<&str> = pattern.split('*').collect();
    let Some(first) = parts.first() else {
        return true;
    };
    if !path.starts_with(first) {
        return false;
    }
    let mut position = first.len();
    let last_index = parts.len() - 1;
    for (index, part) in parts.iter().enumerate().skip(1) {
        if index == last_index && anchored {
            return path.len() >= position + part.len() && path.ends_with(part);
        }
        match path[position..].find(part) {
            Some(found) => position += found + part.len(),
            None => return false,
        }
    }
    !anchored || position == path.len()
}

/// robots.txt per origin, fetched once an hour, and each host's pace.
pub struct Politeness {
    agent: String,
    respect_robots: bool,
    min_interval: Duration,
    robots: Mutex<HashMap<String, (Rules, Instant)>>,
    next_slot: Mutex<HashMap<String, tokio::time::Instant>>,
    max_per_host: usize,
    host_slots: Mutex<HashMap<String, std::sync::Arc<tokio::sync::Semaphore>>>,
}

/// A request slot of one host: the host's concurrency cap counts it until
/// it is dropped.
pub type HostSlot = Option<tokio::sync::OwnedSemaphorePermit>;

const ROBOTS_TTL: Duration = Duration::from_secs(3600);

impl Politeness {
    /// `user_agent`'s first word is the product token robots.txt rules name.
    pub fn new(user_agent: &str, respect_robots: bool, min_interval: Duration) -> Self {
        let agent = user_agent
            .split(['/', ' '])
            .next()
            .unwrap_or("ticker")
            .to_string();
        Politeness {
            agent,
            respect_robots,
            min_interval,
            robots: Mutex::default(),
            next_slot: Mutex::default(),
            max_per_host: 0,
            host_slots: Mutex::default(),
        }
    }

    /// Caps the requests one host serves at once (0: no cap).
    pub fn with_max_per_host(mut self, max_per_host: usize) -> Self {
        self.max_per_host = max_per_host;
        self
    }

    /// Waits for a free request slot of `url`'s host; hold it for the whole
    /// request. Without a cap (or a host) there is nothing to wait for.
    pub async fn host_slot(&self, url: &str) -> HostSlot {
        if self.max_per_host == 0 {
            return None;
        }
        let host = url::Url::parse(url).ok()?.host_str()?.to_ascii_lowercase();
        let semaphore = self
            .host_slots
            .lock()
            .expect("host slot lock")
            .entry(host)
            .or_insert_with(|| std::sync::Arc::new(tokio::sync::Semaphore::new(self.max_per_host)))
            .clone();
        semaphore.acquire_owned().await.ok()
    }

    /// Whether robots.txt allows `url` (fetching robots.txt when needed).
    pub async fn allowed(&self, client: &HttpClient, url: &str) -> bool {
        if !self.respect_robots {
            return true;
        }
        let Ok(parsed) = url::Url::parse(url) else {
            return true;
        };
        let origin = parsed.origin().ascii_serialization();
        let cached = self
            .robots
            .lock()
            .expect("robots lock")
            .get(&origin)
            .filter(|(_, at)| at.elapsed() < ROBOTS_TTL)
            .map(|(rules, _)| rules.clone());
        let rules = match cached {
            Some(rules) => rules,
            None => {
                let rules = match client
                    .get(&format!("{origin}/robots.txt"), &Validators::default())
                    .await
                {
                    Ok(fetched) => {
                        Rules::parse(&String::from_utf8_lossy(&fetched.body), &self.agent)
                    }
                    Err(_) => Rules::default(),
                };
                self.robots
                    .lock()
                    .expect("robots lock")
                    .insert(origin, (rules.clone(), Instant::now()));
                rules
            }
        };
        let path = match parsed.query() {
            Some(query) => format!("{}?{query}", parsed.path()),
            None => parsed.path().to_string(),
        };
        rules.allowed(&path)
    }

    /// Waits for the host's next slot: requests to one host are spaced by
    /// the configured interval, or its Crawl-delay when longer.
    pub async fn wait_turn(&self, url: &str) {
        let Some(host) = url::Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
        else {
            return;
        };
        let delay = {
            let robots = self.robots.lock().expect("robots lock");
            let crawl_delay = robots
                .iter()
                .find(|(origin, _)| origin.contains(&host))
                .and_then(|(_, (rules, _))| rules.crawl_delay);
            crawl_delay.unwrap_or_default().max(self.min_interval)
        };
        if delay.is_zero() {
            return;
        }
        let wait = {
            let mut slots = self.next_slot.lock().expect("slot lock");
            let now = tokio::time::Instant::now();
            let slot = slots
                .get(&host)
                .copied()
                .filter(|slot| *slot > now)
                .unwrap_or(now);
            slots.insert(host, slot + delay);
            slot - now
        };
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROBOTS: &str = "# comment\nUser-agent: *\nDisallow: /private/\nAllow: /private/open\nDisallow: /*.pdf$\n\nUser-agent: ticker\nDisallow: /no-ticker/\nCrawl-delay: 2\n";

    #[test]
    fn agent_groups_longest_match_and_wildcards() {
        let ours = Rules::parse(ROBOTS, "ticker");
        assert!(!ours.allowed("/no-ticker/a.html"));
        assert!(
            ours.allowed("/private/x"),
            "our own group replaces the * group"
        );
        assert_eq!(ours.crawl_delay, Some(Duration::from_secs(2)));
        let others = Rules::parse(ROBOTS, "otherbot");
        assert!(!others.allowed("/private/x"));
        assert!(others.allowed("/private/open/y"));
        assert!(!others.allowed("/files/report.pdf"));
        assert!(others.allowed("/files/report.pdf?download=1"));
        assert!(!others.allowed("/a.pdf.pdf"));
        assert!(matches("/exact$", "/exact") && !matches("/exact$", "/exact/more"));
        assert!(Rules::parse("", "ticker").allowed("/anything"));
    }

    #[tokio::test(start_paused = true)]
    async fn hosts_serve_at_most_their_cap_at_once() {
        let politeness = std::sync::Arc::new(
            Politeness::new("ticker/0.1", false, Duration::ZERO).with_max_per_host(2),
        );
        let running = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let most = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for n in 0..6 {
            let (politeness, running, most) = (politeness.clone(), running.clone(), most.clone());
            tasks.push(tokio::spawn(async move {
                let url = if n == 5 {
                    "https://other.example/x"
                } else {
                    "https://e.example/a"
                };
                let _slot = politeness.host_slot(url).await;
                let now = running.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                most.fetch_max(now, std::sync::atomic::Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(100)).await;
                running.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
            }));
        }
        let started = tokio::time::Instant::now();
        for task in tasks {
            task.await.unwrap();
        }
        // Five requests to one host, two at a time: three rounds; the other
        // host's request runs alongside.
        assert_eq!(started.elapsed(), Duration::from_millis(300));
        assert_eq!(most.load(std::sync::atomic::Ordering::SeqCst), 3);
    }

    #[tokio::test(start_paused = true)]
    async fn hosts_are_paced() {
        let politeness = Politeness::new("ticker/0.1", false, Duration::from_millis(500));
        let started = tokio::time::Instant::now();
        for _ in 0..3 {
            politeness.wait_turn("https://e.example/a").await;
        }
        politeness.wait_turn("https://other.example/a").await;
        assert_eq!(started.elapsed(), Duration::from_millis(1000));
    }
}
