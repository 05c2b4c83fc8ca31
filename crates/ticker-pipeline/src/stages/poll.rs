//! Polling sources: feeds, sitemaps and section pages, on their schedule.

use super::*;

/// Tells what a source URL serves: a sitemap, a feed, or else a section
/// page whose article links are the entries.
pub async fn detect_kind(pipeline: &Pipeline, url: &str) -> anyhow::Result<SourceType> {
    let fetched = pipeline
        .client
        .get(url, &Validators::default())
        .await
        .with_context(|| format!("cannot fetch {url}"))?;
    let kind = if ticker_fetch::sitemap::looks_like_sitemap(&fetched.body) {
        SourceType::Sitemap
    } else if parse_feed(
        &fetched.body,
        &fetched.final_url,
        fetched.content_type.as_deref(),
    )
    .is_ok()
    {
        SourceType::Feed
    } else {
        SourceType::Page
    };
    Ok(kind)
}

/// Where a poller puts what it finds: the queue to the workers, and the
/// set of entries queued or being worked on (none is queued twice).
#[derive(Clone)]
pub struct Queue {
    /// The queue to the workers.
    pub sender: mpsc::Sender<WorkItem>,
    /// Keys ([`WorkItem::in_flight_key`]) of the entries queued or in work.
    pub in_flight: Arc<Mutex<HashSet<String>>>,
}

/// How a source is polled.
#[derive(Debug, Clone, Copy)]
pub struct PollPlan {
    /// Intervals and back-off.
    pub schedule: crate::schedule::Schedule,
    /// Poll once and return (else until shutdown).
    pub once: bool,
}

/// Polls one source until shutdown (or once), queueing entries not yet done.
pub async fn poll_source(
    pipeline: &Pipeline,
    source: &SourceConfig,
    queue: Queue,
    plan: PollPlan,
    mut shutdown: watch::Receiver<bool>,
) {
    let Queue { sender, in_flight } = queue;
    let PollPlan { schedule, once } = plan;
    let source_ref = SourceRef {
        id: source.id.clone(),
        kind: SourceKind::Feed,
        // (Published on every article: never with a password.)
        url: ticker_fetch::redact_url(&source.url),
    };
    let mut failures: u32 = 0;
    let mut grant = None;
    loop {
        if *shutdown.borrow() {
            return;
        }
        // The fetch role polls a source only while its group assigns it
        // here, and not before the next poll its last owner planned.
        let polling = match &pipeline.ownership {
            None => None,
            Some(ownership) => match ownership.acquire(&source.id, &mut shutdown).await {
                None => return,
                Some(guard) => Some(guard),
            },
        };
        if let Some(guard) = &polling {
            if grant != Some(guard.grant) {
                grant = Some(guard.grant);
                if let Some(wait) = planned_wait(pipeline, &source.id, schedule.max_interval) {
                    drop(polling);
                    tokio::select! {
                        _ = tokio::time::sleep(wait) => {}
                        _ = shutdown.changed() => return,
                    }
                    continue;
                }
            }
        }
        Metrics::add(&pipeline.metrics.polls, 1);
        let poll_started = std::time::Instant::now();
        let outcome = poll_once(
            pipeline,
            source,
            &source_ref,
            &sender,
            &in_flight,
            &mut shutdown,
        )
        .await;
        pipeline.metrics.observe(Stage::Poll, poll_started);
        let now = Utc::now();
        let mut health = pipeline.health_of(&source.id);
        health.last_poll = Some(now.to_rfc3339());
        let wait_at_least;
        match outcome {
            Ok(PollOutcome {
                queued,
                fresh_for,
                gap,
            }) => {
                wait_at_least = fresh_for.unwrap_or_default();
                if let Some(gap) = gap {
                    pipeline
                        .publishing_gaps
                        .lock()
                        .expect("gap lock")
                        .insert(source.id.clone(), gap);
                }
                failures = 0;
                health.last_success = Some(now.to_rfc3339());
                health.entries_seen += queued as u64;
                debug!(source = %source.id, queued, "polled");
            }
            Err(PollError { error, retry_after }) => {
                wait_at_least = retry_after.unwrap_or_default();
                failures += 1;
                Metrics::add(&pipeline.metrics.poll_errors, 1);
                health.last_error = Some(format!("{error:#}"));
                health.last_error_at = Some(now.to_rfc3339());
                warn!(source = %source.id, url = %ticker_fetch::redact_url(&source.url), error = %format!("{error:#}"), failures, "poll failed");
            }
        }
        health.consecutive_failures = failures;
        // The interval the source's publishing rate calls for; exponential
        // back-off on failures; never sooner than the feed says it stays
        // fresh (ttl, max-age, Expires) or the server asks (Retry-After).
        let publishing_gap = pipeline
            .publishing_gaps
            .lock()
            .expect("gap lock")
            .get(&source.id)
            .copied();
        let interval = schedule.interval(publishing_gap);
        health.interval_secs = Some(interval.as_secs());
        let backoff = schedule.next_delay(interval, failures, wait_at_least);
        let jitter = crate::schedule::jitter(&source.id, backoff);
        health.next_poll = (!once).then(|| {
            (now + chrono::Duration::from_std(backoff + jitter).unwrap_or_default()).to_rfc3339()
        });
        if let Err(error) = pipeline.state.set_source_health(&source.id, &health) {
            warn!(source = %source.id, %error, "cannot store the source's health");
        }
        pipeline
            .health
            .lock()
            .expect("health lock")
            .insert(source.id.clone(), health);
        drop(polling);
        if once {
            return;
        }
        tokio::select! {
            _ = tokio::time::sleep(backoff + jitter) => {}
            _ = shutdown.changed() => return,
        }
    }
}

/// How long until a source's stored next poll (restored from its last
/// owner), at most `limit`; None when it is due.
fn planned_wait(pipeline: &Pipeline, source_id: &str, limit: Duration) -> Option<Duration> {
    let next = pipeline.health_of(source_id).next_poll?;
    let next = chrono::DateTime::parse_from_rfc3339(&next).ok()?;
    let wait = (next.with_timezone(&Utc) - Utc::now()).to_std().ok()?;
    (!wait.is_zero()).then(|| wait.min(limit))
}

async fn poll_once(
    pipeline: &Pipeline,
    source: &SourceConfig,
    source_ref: &SourceRef,
    sender: &mpsc::Sender<WorkItem>,
    in_flight: &Mutex<HashSet<String>>,
    shutdown: &mut watch::Receiver<bool>,
) -> Result<PollOutcome, PollError> {
    let sitemap_max_age = chrono::Duration::hours(pipeline.sitemap_max_age_hours);
    let retrying = pipeline
        .retry_sources
        .lock()
        .expect("retry lock")
        .remove(&source.id);
    let validators = match retrying {
        true => Validators::default(),
        false => pipeline
            .state
            .validators(&source.id)?
            .map(|(etag, last_modified)| Validators {
                etag,
                last_modified,
            })
            .unwrap_or_default(),
    };
    let slot = pipeline.politeness.host_slot(&source.url).await;
    let response = pipeline
        .client_for(&source.id, &source.url)
        .get(&source.url, &validators)
        .await;
    drop(slot);
    let fetched = match response {
        Ok(fetched) => fetched,
        Err(FetchError::NotModified { .. }) => {
            Metrics::add(&pipeline.metrics.polls_not_modified, 1);
            return Ok(PollOutcome {
                queued: 0,
                fresh_for: None,
                gap: None,
            });
        }
        Err(error) => return Err(error.into()),
    };
    let body_hash = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        fetched.body.hash(&mut hasher);
        hasher.finish()
    };
    let unchanged = pipeline
        .body_hashes
        .lock()
        .expect("body hash lock")
        .get(&source.id)
        == Some(&body_hash);
    if unchanged && !retrying {
        Metrics::add(&pipeline.metrics.polls_unchanged, 1);
        return Ok(PollOutcome {
            queued: 0,
            fresh_for: fresh_for(fetched.max_age, None),
            gap: None,
        });
    }
    let (entries, ttl_minutes) = match source.kind {
        SourceType::Sitemap => (
            sitemap_entries(pipeline, &source.id, &fetched, sitemap_max_age).await?,
            None,
        ),
        SourceType::Page => {
            let (html, _) =
                ticker_normalize::charset::decode(&fetched.body, fetched.content_type.as_deref());
            let entries = ticker_fetch::section::article_links(
                &html,
                &fetched.final_url,
                source.link_selector.as_deref(),
            )
            .map_err(|reason| anyhow::anyhow!("section page {}: {reason}", fetched.final_url))?;
            (entries, None)
        }
        SourceType::Feed => {
            let feed = parse_feed(
                &fetched.body,
                &fetched.final_url,
                fetched.content_type.as_deref(),
            )?;
            (feed.entries, feed.ttl_minutes)
        }
    };
    let gap = crate::schedule::publishing_gap(
        entries.iter().filter_map(|entry| entry.published),
        Utc::now(),
    );
    let mut queued = 0;
    let mut interrupted = false;
    for entry in entries {
        let item = WorkItem {
            source_id: source.id.clone(),
            source: source_ref.clone(),
            entry,
            discovered: std::time::Instant::now(),
        };
        if pipeline
            .state
            .is_seen(&source.id, &item.entry.version_key())?
        {
            continue;
        }
        if !in_flight
            .lock()
            .expect("in-flight set lock")
            .insert(item.in_flight_key())
        {
            continue;
        }
        tokio::select! {
            sent = sender.send(item) => {
                if sent.is_err() {
                    interrupted = true;
                    break;
                }
            }
            _ = shutdown.changed() => {
                interrupted = true;
                break;
            }
        }
        queued += 1;
        Metrics::add(&pipeline.metrics.entries_queued, 1);
        pipeline.metrics.queue_depth.inc();
    }
    // Validators are stored only after the entries were queued: a crash in
    // between makes the next poll fetch the whole feed again, never skip it.
    if interrupted {
        return Ok(PollOutcome {
            queued,
            fresh_for: None,
            gap,
        });
    }
    pipeline.state.set_validators(
        &source.id,
        fetched.validators.etag,
        fetched.validators.last_modified,
    )?;
    pipeline
        .body_hashes
        .lock()
        .expect("body hash lock")
        .insert(source.id.clone(), body_hash);
    Ok(PollOutcome {
        queued,
        fresh_for: fresh_for(fetched.max_age, ttl_minutes),
        gap,
    })
}

/// Most child sitemaps of an index read per poll, newest first.
const SITEMAPS_PER_INDEX: usize = 20;
/// Most undated sitemap entries taken per poll.
const UNDATED_SITEMAP_ENTRIES: usize = 500;

/// The recent pages of a sitemap or sitemap index: those published (or
/// modified) within `max_age`; undated ones up to a cap (the seen-entry
/// state drops those already done).
async fn sitemap_entries(
    pipeline: &Pipeline,
    source_id: &str,
    fetched: &ticker_fetch::Fetched,
    max_age: chrono::Duration,
) -> anyhow::Result<Vec<FeedEntry>> {
    use ticker_fetch::sitemap::{parse_sitemap, Sitemap, SitemapUrl};
    let limit = pipeline.client.limits().max_body_bytes;
    let cutoff = Utc::now() - max_age;
    let mut urls: Vec<SitemapUrl> = Vec::new();
    match parse_sitemap(&fetched.body, &fetched.final_url, limit)? {
        Sitemap::Urls(list) => urls = list,
        Sitemap::Index(mut children) => {
            children.retain(|(_, lastmod)| lastmod.is_none_or(|lastmod| lastmod >= cutoff));
            children.sort_by_key(|child| std::cmp::Reverse(child.1));
            for (child, _) in children.into_iter().take(SITEMAPS_PER_INDEX) {
                let child_url = url::Url::parse(&fetched.final_url)
                    .ok()
                    .and_then(|base| base.join(&child).ok())
                    .map_or(child, |u| u.to_string());
                match pipeline
                    .client_for(source_id, &child_url)
                    .get(&child_url, &Validators::default())
                    .await
                {
                    Ok(page) => match parse_sitemap(&page.body, &page.final_url, limit) {
                        Ok(Sitemap::Urls(list)) => urls.extend(list),
                        Ok(Sitemap::Index(_)) => {
                            warn!(sitemap = %child_url, "nested sitemap index skipped")
                        }
                        Err(error) => warn!(%error, "child sitemap does not parse"),
                    },
                    Err(error) => warn!(sitemap = %child_url, %error, "child sitemap not fetched"),
                }
            }
        }
    }
    let base = url::Url::parse(&fetched.final_url).ok();
    let mut undated = 0;
    let mut entries = Vec::new();
    for url in urls {
        let date = url.published.or(url.lastmod);
        match date {
            Some(date) if date < cutoff => continue,
            None if undated >= UNDATED_SITEMAP_ENTRIES => continue,
            None => undated += 1,
            Some(_) => {}
        }
        let Some(link) = base
            .as_ref()
            .and_then(|base| base.join(&url.loc).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https"))
        else {
            continue;
        };
        entries.push(FeedEntry {
            id: url.loc.clone(),
            link: link.to_string(),
            title: url.title,
            summary: None,
            published: date,
            updated: url.lastmod,
            authors: Vec::new(),
        });
    }
    Ok(entries)
}

/// How long a source says its feed stays fresh: `Cache-Control: max-age`
/// or the RSS `<ttl>`, whichever is longer.
fn fresh_for(max_age: Option<u64>, ttl_minutes: Option<u32>) -> Option<Duration> {
    let ttl = ttl_minutes.map(|minutes| u64::from(minutes) * 60);
    max_age.max(ttl).map(Duration::from_secs)
}

/// What one poll found.
struct PollOutcome {
    /// Entries handed to the workers.
    queued: usize,
    /// How long the source says its feed stays fresh.
    fresh_for: Option<Duration>,
    /// How often the source publishes, when this poll read its entries.
    gap: Option<crate::schedule::Gap>,
}

/// Why a poll failed, with the server's `Retry-After` when it sent one.
struct PollError {
    error: anyhow::Error,
    retry_after: Option<Duration>,
}

impl<E: Into<anyhow::Error>> From<E> for PollError {
    fn from(error: E) -> Self {
        let error = error.into();
        let retry_after = match error.downcast_ref::<FetchError>() {
            Some(FetchError::Status {
                retry_after: Some(seconds),
                ..
            }) => Some(Duration::from_secs(*seconds)),
            _ => None,
        };
        PollError { error, retry_after }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freshness_is_the_longer_of_max_age_and_ttl() {
        assert_eq!(fresh_for(Some(60), Some(5)), Some(Duration::from_secs(300)));
        assert_eq!(
            fresh_for(Some(900), Some(5)),
            Some(Duration::from_secs(900))
        );
        assert_eq!(fresh_for(None, None), None);
        let error: PollError = anyhow::Error::from(FetchError::Status {
            url: "u".into(),
            status: 429,
            retry_after: Some(120),
        })
        .into();
        assert_eq!(error.retry_after, Some(Duration::from_secs(120)));
    }
}
