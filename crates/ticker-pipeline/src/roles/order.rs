//! The stories role's order: articles are assigned in the order their
//! pages were fetched, as the single process assigns them, whatever the
//! order the process members finish them in.
//!
//! The story clusterer depends on the order articles come in. In the
//! single process that is the fetch order (give or take the workers'
//! jitter). In the roles, each process member works through its own
//! partitions of `ticker.pages`, and when one member dies its pages wait
//! for the rebalance and arrive many places late. So the stories role
//! holds what it read ([`Arrivals`]) and assigns an article only when no
//! page fetched before it can still come: every partition of
//! `ticker.pages` is either fully processed and read ([`PagesProgress`]),
//! or has already brought an article fetched at the same time or later.
//! An article waits at most [`ORDER_WAIT`]; after that it is assigned in
//! the order it has (a page that keeps failing must not stop the stories).

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::{Offset, TopicPartitionList};
use ticker_model::{Processed, Topic};

use crate::Config;

/// The longest an article waits for pages fetched before it. A dead
/// process member's partitions move to another member within about 20 s
/// (session timeout, rebalance, the stall check).
pub(crate) const ORDER_WAIT: Duration = Duration::from_secs(30);

/// How often the stories role asks the broker how far the process group
/// is while articles wait.
pub(crate) const ORDER_CHECK: Duration = Duration::from_millis(100);

/// How far `ticker.pages` has been processed, as seen by the stories role.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Progress {
    /// Partitions of `ticker.pages` with pages whose articles may still
    /// come: not yet processed, or processed but not yet read.
    pub behind: HashSet<i32>,
}

/// An article read from `ticker.processed` and not yet assigned.
struct Waiting {
    processed: Processed,
    offset: i64,
    since: Instant,
}

/// What the stories role has read and not yet assigned.
#[derive(Default)]
pub(crate) struct Arrivals {
    waiting: Vec<Waiting>,
    /// The latest fetch time read per partition of `ticker.pages`.
    latest: HashMap<i32, DateTime<Utc>>,
    /// The next offset of `ticker.processed` to read.
    read_to: Option<i64>,
}

impl Arrivals {
    /// Takes a record read at `offset` of `ticker.processed` (`None`: not
    /// a processed record, which only moves the read position).
    pub(crate) fn push(&mut self, processed: Option<Processed>, offset: i64, now: Instant) {
        self.read_to = Some(self.read_to.map_or(offset + 1, |to| to.max(offset + 1)));
        let Some(processed) = processed else {
            return;
        };
        if let Some(page) = processed.page {
            let fetched = processed.article.fetched_at;
            let latest = self.latest.entry(page.partition).or_insert(fetched);
            *latest = (*latest).max(fetched);
        }
        self.waiting.push(Waiting {
            processed,
            offset,
            since: now,
        });
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.waiting.is_empty()
    }

    /// The next offset of `ticker.processed` to read, once anything was read.
    pub(crate) fn read_to(&self) -> Option<i64> {
        self.read_to
    }

    /// Forgets everything (the partition moved to another member, which
    /// reads again from the committed offset).
    pub(crate) fn clear(&mut self) {
        *self = Arrivals::default();
    }

    /// The offset to commit: the first article still waiting, or the next
    /// to read. Articles after a waiting one that were assigned already
    /// are read again after a crash and found unchanged.
    pub(crate) fn commit_offset(&self) -> Option<i64> {
        self.waiting
            .iter()
            .map(|waiting| waiting.offset)
            .min()
            .or(self.read_to)
    }

    /// The articles that may be assigned now, in fetch order: those
    /// fetched no later than what every partition still `behind` has
    /// brought, and any that waited [`ORDER_WAIT`] (with all fetched
    /// before them).
    pub(crate) fn release(&mut self, progress: &Progress, now: Instant) -> Vec<Processed> {
        self.waiting
            .sort_by_key(|waiting| (waiting.processed.article.fetched_at, waiting.offset));
        // The earliest of the partitions' latest fetch times; a partition
        // behind that brought nothing yet holds everything.
        let bound = progress
            .behind
            .iter()
            .map(|partition| self.latest.get(partition).copied())
            .try_fold(None::<DateTime<Utc>>, |bound, latest| {
                latest.map(|latest| Some(bound.map_or(latest, |bound| bound.min(latest))))
            });
        let by_progress = match bound {
            // Nothing behind: everything read may go.
            Some(None) => self.waiting.len(),
            Some(Some(bound)) => self
                .waiting
                .iter()
                .take_while(|waiting| waiting.processed.article.fetched_at <= bound)
                .count(),
            None => 0,
        };
        let by_age = self
            .waiting
            .iter()
            .rposition(|waiting| now.duration_since(waiting.since) >= ORDER_WAIT)
            .map_or(0, |last| last + 1);
        self.waiting
            .drain(..by_progress.max(by_age))
            .map(|waiting| waiting.processed)
            .collect()
    }
}

/// Asks the broker how far the process group is on `ticker.pages`.
pub(crate) struct PagesProgress {
    /// A client of the process group that never joins it: it only reads
    /// the group's committed offsets.
    group: BaseConsumer,
    pages: String,
    processed: String,
    partitions: Vec<i32>,
    checked: Option<(Instant, Progress)>,
}

impl PagesProgress {
    pub(crate) fn new(config: &Config) -> anyhow::Result<PagesProgress> {
        let properties = config.kafka.resolved_properties()?;
        let prefix = &config.kafka.topic_prefix;
        let group: BaseConsumer = ticker_kafka::client_config(&config.kafka.brokers, &properties)
            .set("group.id", format!("{prefix}process"))
            .set("enable.auto.commit", "false")
            .create()
            .map_err(|error| {
                ticker_kafka::client_error(&config.kafka.brokers, &error, &properties)
            })?;
        Ok(PagesProgress {
            group,
            pages: Topic::Pages.name(prefix),
            processed: Topic::Processed.name(prefix),
            partitions: Vec::new(),
            checked: None,
        })
    }

    /// The partitions behind, given that `ticker.processed` was read up to
    /// `read_to`; asked at most every [`ORDER_CHECK`]. When the broker does
    /// not answer, every partition counts as behind (articles wait, at
    /// most [`ORDER_WAIT`]).
    pub(crate) fn progress(&mut self, read_to: Option<i64>) -> Progress {
        if let Some((at, progress)) = &self.checked {
            if at.elapsed() < ORDER_CHECK {
                return progress.clone();
            }
        }
        let progress = self.ask(read_to).unwrap_or_else(|| Progress {
            behind: self.partitions.iter().copied().collect(),
        });
        self.checked = Some((Instant::now(), progress.clone()));
        progress
    }

    fn ask(&mut self, read_to: Option<i64>) -> Option<Progress> {
        let timeout = Duration::from_secs(2);
        if self.partitions.is_empty() {
            let metadata = self.group.fetch_metadata(Some(&self.pages), timeout).ok()?;
            self.partitions = metadata
                .topics()
                .iter()
                .flat_map(|topic| topic.partitions().iter().map(|p| p.id()))
                .collect();
        }
        let mut list = TopicPartitionList::new();
        for partition in &self.partitions {
            list.add_partition(&self.pages, *partition);
        }
        // Committed offsets first, then the end of `ticker.processed`: every
        // article of a committed page is before that end.
        let committed = self.group.committed_offsets(list, timeout).ok()?;
        let (_, processed_end) = self
            .group
            .fetch_watermarks(&self.processed, 0, timeout)
            .ok()?;
        let all_read = read_to.unwrap_or(0) >= processed_end;
        let mut behind = HashSet::new();
        for element in committed.elements() {
            let done = match element.offset() {
                Offset::Offset(offset) => offset,
                _ => 0,
            };
            let (_, end) = self
                .group
                .fetch_watermarks(&self.pages, element.partition(), timeout)
                .ok()?;
            if end > 0 && (done < end || !all_read) {
                behind.insert(element.partition());
            }
        }
        Some(Progress { behind })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ticker_model::{PagePosition, Record};

    fn processed(id: &str, partition: i32, fetched_second: i64) -> Processed {
        let meta = ticker_normalize::InputMeta {
            url: Some(format!("https://news.example/{id}.html")),
            source: ticker_model::SourceRef {
                id: "test".into(),
                kind: ticker_model::SourceKind::Feed,
                url: "https://news.example/rss".into(),
            },
            content_type: Some("text/plain".into()),
            fetched_at: DateTime::from_timestamp(1_700_000_000 + fetched_second, 0).unwrap(),
            feed_title: None,
            feed_published: None,
        };
        let article = ticker_normalize::normalize_plain(
            &format!("Bericht {id}.\n\nEin Satz über {id}."),
            &meta,
        )
        .expect("an article");
        Processed {
            schema: Processed::SCHEMA.into(),
            extraction: ticker_extract::extract(&article),
            article,
            page: Some(PagePosition {
                partition,
                offset: fetched_second,
            }),
        }
    }

    fn urls(batch: &[Processed]) -> Vec<String> {
        batch
            .iter()
            .map(|processed| {
                processed
                    .article
                    .url
                    .as_deref()
                    .unwrap_or_default()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect()
    }

    fn behind(partitions: &[i32]) -> Progress {
        Progress {
            behind: partitions.iter().copied().collect(),
        }
    }

    #[test]
    fn articles_wait_for_a_partition_that_is_behind_and_go_in_fetch_order() {
        let now = Instant::now();
        let mut arrivals = Arrivals::default();
        // Partition 1's member is fast; partition 0's pages come late.
        arrivals.push(Some(processed("b", 1, 2)), 0, now);
        arrivals.push(Some(processed("d", 1, 4)), 1, now);
        // Partition 0 brought nothing yet: nothing may go.
        assert!(arrivals.release(&behind(&[0, 1]), now).is_empty());
        assert_eq!(arrivals.commit_offset(), Some(0));
        arrivals.push(Some(processed("a", 0, 1)), 2, now);
        arrivals.push(Some(processed("c", 0, 3)), 3, now);
        // Both behind: up to the earlier latest (second 3).
        assert_eq!(
            urls(&arrivals.release(&behind(&[0, 1]), now)),
            ["a.html", "b.html", "c.html"]
        );
        assert_eq!(arrivals.commit_offset(), Some(1));
        // Partition 0 done and everything read: the rest goes.
        assert_eq!(urls(&arrivals.release(&behind(&[1]), now)), ["d.html"]);
        assert!(arrivals.is_empty());
        assert_eq!(arrivals.commit_offset(), Some(4));
    }

    #[test]
    fn nothing_behind_releases_all_and_records_without_an_article_only_move_the_position() {
        let now = Instant::now();
        let mut arrivals = Arrivals::default();
        arrivals.push(Some(processed("b", 0, 2)), 5, now);
        arrivals.push(None, 6, now);
        arrivals.push(Some(processed("a", 1, 1)), 7, now);
        assert_eq!(arrivals.read_to(), Some(8));
        assert_eq!(
            urls(&arrivals.release(&Progress::default(), now)),
            ["a.html", "b.html"]
        );
        assert_eq!(arrivals.commit_offset(), Some(8));
    }

    #[test]
    fn an_article_that_waited_too_long_goes_with_all_fetched_before_it() {
        let start = Instant::now();
        let mut arrivals = Arrivals::default();
        arrivals.push(Some(processed("c", 1, 3)), 0, start);
        let later = start + ORDER_WAIT / 2;
        arrivals.push(Some(processed("b", 1, 2)), 1, later);
        arrivals.push(Some(processed("d", 1, 4)), 2, later);
        // Partition 0 never brings anything (its member is dead).
        assert!(arrivals.release(&behind(&[0]), later).is_empty());
        assert_eq!(
            urls(&arrivals.release(&behind(&[0]), start + ORDER_WAIT)),
            ["b.html", "c.html"]
        );
        assert_eq!(arrivals.commit_offset(), Some(2));
        arrivals.clear();
        assert!(arrivals.is_empty());
        assert_eq!(arrivals.commit_offset(), None);
    }
}
