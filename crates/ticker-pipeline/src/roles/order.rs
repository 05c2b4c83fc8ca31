//! The stories role's order: articles are assigned in the order their
//! pages entered `ticker.pages`, as the single process assigns them in
//! the order it fetches, whatever the order the process members finish
//! them in.
//!
//! The story clusterer depends on the order articles come in. In the
//! single process that is the fetch order (give or take the workers'
//! jitter). In the roles, each process member works through its own
//! partitions of `ticker.pages`, and when one member dies its pages wait
//! for the rebalance and arrive many places late. So the stories role
//! holds what it read ([`Arrivals`]) and assigns an article only when no
//! page that entered `ticker.pages` before it can still bring one: for
//! every partition of `ticker.pages`, it has read an article of that
//! partition that entered as late, or the partition has no page before
//! that time which the process group has not yet done ([`Pages`]), and
//! what the group did is read. An article waits at most [`ORDER_WAIT`];
//! after that it is assigned in the order it has (a page that keeps
//! failing must not stop the stories).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::{Offset, TopicPartitionList};
use ticker_model::{Processed, Topic};

use crate::Config;

/// The longest an article waits for pages that entered before it. A dead
/// process member's partitions move to another member within about 20 s
/// (session timeout, rebalance, the stall check).
pub(crate) const ORDER_WAIT: Duration = Duration::from_secs(30);

/// How often the stories role asks the broker how far the process group
/// is while articles wait.
pub(crate) const ORDER_CHECK: Duration = Duration::from_millis(100);

/// How far the process group is on `ticker.pages`, as last asked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Progress {
    /// Per partition of `ticker.pages`: the group's committed offset (the
    /// next page to process) and the partition's end.
    pub partitions: HashMap<i32, (i64, i64)>,
    /// The end of `ticker.processed`, asked after the committed offsets:
    /// the articles of every page done by then are before it.
    pub processed_end: i64,
}

/// What the stories role asks the broker.
pub(crate) trait Pages {
    /// How far the process group is (at most every [`ORDER_CHECK`]);
    /// `None` while the broker does not answer.
    fn progress(&mut self) -> Option<Progress>;

    /// Whether `partition` has a page from offset `from` on that entered
    /// `ticker.pages` before `time` (ms). Asked only while the broker
    /// answers; an error counts as yes.
    fn earlier_page(&mut self, partition: i32, from: i64, end: i64, time: i64) -> bool;
}

/// An article read from `ticker.processed` and not yet assigned.
struct Waiting {
    processed: Processed,
    /// When its page entered `ticker.pages` (ms).
    time: i64,
    offset: i64,
    since: Instant,
}

/// What the stories role has read and not yet assigned.
#[derive(Default)]
pub(crate) struct Arrivals {
    waiting: Vec<Waiting>,
    /// The latest page time read per partition of `ticker.pages`.
    latest: HashMap<i32, i64>,
    /// The next offset of `ticker.processed` to read.
    read_to: Option<i64>,
}

/// When an article's page entered `ticker.pages` (ms): the page record's
/// time, or the fetch time of an article that came without one.
fn page_time(processed: &Processed) -> i64 {
    processed
        .page
        .and_then(|page| page.time)
        .unwrap_or_else(|| processed.article.fetched_at.timestamp_millis())
}

impl Arrivals {
    /// Takes a record read at `offset` of `ticker.processed` (`None`: not
    /// a processed record, which only moves the read position).
    pub(crate) fn push(&mut self, processed: Option<Processed>, offset: i64, now: Instant) {
        self.read_to = Some(self.read_to.map_or(offset + 1, |to| to.max(offset + 1)));
        let Some(processed) = processed else {
            return;
        };
        let time = page_time(&processed);
        if let Some(page) = processed.page {
            let latest = self.latest.entry(page.partition).or_insert(time);
            *latest = (*latest).max(time);
        }
        self.waiting.push(Waiting {
            processed,
            time,
            offset,
            since: now,
        });
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.waiting.is_empty()
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

    /// Whether no page that entered before `time` can still bring an
    /// article: every partition brought one as late, or has no such page
    /// left to process and what was processed is read.
    fn clear_before(&self, time: i64, progress: &Progress, pages: &mut dyn Pages) -> bool {
        // Partitions whose articles read already vouch for the time.
        let vouched = |partition: &i32| {
            self.latest
                .get(partition)
                .is_some_and(|&latest| latest >= time)
        };
        let mut open = progress
            .partitions
            .iter()
            .filter(|(partition, _)| !vouched(partition))
            .peekable();
        if open.peek().is_none() {
            return true;
        }
        // Unread articles may be earlier: only read ones vouch then.
        if self.read_to.unwrap_or(0) < progress.processed_end {
            return false;
        }
        // Partitions done need no broker; the others ask it.
        open.all(|(&partition, &(done, end))| {
            done >= end || !pages.earlier_page(partition, done, end, time)
        })
    }

    /// The articles that may be assigned now, in page order: the longest
    /// run from the earliest that no earlier page can still precede, and
    /// any that waited [`ORDER_WAIT`] (with all before them).
    pub(crate) fn release(&mut self, pages: &mut dyn Pages, now: Instant) -> Vec<Processed> {
        if self.waiting.is_empty() {
            return Vec::new();
        }
        self.waiting
            .sort_by_key(|waiting| (waiting.time, waiting.offset));
        let by_progress = match pages.progress() {
            None => 0,
            Some(progress) => {
                let mut clear =
                    |waiting: &Waiting| self.clear_before(waiting.time, &progress, pages);
                // Clear before a time means clear before every earlier
                // time. Most often all are: one look at the last first.
                if self.waiting.last().is_some_and(&mut clear) {
                    self.waiting.len()
                } else {
                    self.waiting.partition_point(clear)
                }
            }
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
    checked: Option<(Instant, Option<Progress>)>,
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

    fn ask(&mut self) -> Option<Progress> {
        // Serve the client's events (errors, statistics) so that they do
        // not pile up: it has nothing assigned, so this returns at once.
        let _ = self.group.poll(Duration::ZERO);
        let timeout = Duration::from_secs(2);
        if self.partitions.is_empty() {
            self.partitions = super::partitions_of(&self.group, &self.pages)?;
        }
        let mut list = TopicPartitionList::new();
        for partition in &self.partitions {
            list.add_partition(&self.pages, *partition);
        }
        // Committed offsets first, then the end of `ticker.processed`: every
        // article of a page done by then is before that end.
        let committed = self.group.committed_offsets(list, timeout).ok()?;
        let (_, processed_end) = self
            .group
            .fetch_watermarks(&self.processed, 0, timeout)
            .ok()?;
        let mut partitions = HashMap::new();
        for element in committed.elements() {
            let (start, end) = self
                .group
                .fetch_watermarks(&self.pages, element.partition(), timeout)
                .ok()?;
            let done = match element.offset() {
                Offset::Offset(offset) => offset.max(start),
                _ => start,
            };
            partitions.insert(element.partition(), (done, end));
        }
        Some(Progress {
            partitions,
            processed_end,
        })
    }
}

impl Pages for PagesProgress {
    fn progress(&mut self) -> Option<Progress> {
        if let Some((at, progress)) = &self.checked {
            if at.elapsed() < ORDER_CHECK {
                return progress.clone();
            }
        }
        let progress = self.ask();
        self.checked = Some((Instant::now(), progress.clone()));
        progress
    }

    fn earlier_page(&mut self, partition: i32, from: i64, end: i64, time: i64) -> bool {
        // The first page at or after `time`: any page between `from` and
        // it entered earlier (a partition's pages enter in time order).
        let mut list = TopicPartitionList::new();
        if list
            .add_partition_offset(&self.pages, partition, Offset::Offset(time))
            .is_err()
        {
            return true;
        }
        let Ok(found) = self.group.offsets_for_times(list, Duration::from_secs(2)) else {
            return true;
        };
        match found.elements().first().map(|element| element.offset()) {
            // tansu (0.6) answers 0 where Kafka answers "none" (-1): 0 is
            // taken as "none", so a partition whose every page is later
            // waits for its next article (or to be done) instead.
            Some(Offset::Offset(first)) if first > 0 => first > from,
            // No page at or after `time`: every page left is earlier.
            Some(Offset::Offset(_) | Offset::End) => from < end,
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ticker_model::{PagePosition, Record};

    /// A broker as the stories role sees it: the group's progress and the
    /// time of each partition's next page still to process.
    struct Broker {
        progress: Option<Progress>,
        next: HashMap<i32, i64>,
    }

    impl Broker {
        /// Partitions as (partition, done, end); `ticker.processed` ends at
        /// `processed_end`.
        fn new(partitions: &[(i32, i64, i64)], processed_end: i64) -> Broker {
            Broker {
                progress: Some(Progress {
                    partitions: partitions
                        .iter()
                        .map(|&(partition, done, end)| (partition, (done, end)))
                        .collect(),
                    processed_end,
                }),
                next: HashMap::new(),
            }
        }

        fn next_page(mut self, partition: i32, time: i64) -> Broker {
            self.next.insert(partition, time);
            self
        }
    }

    impl Pages for Broker {
        fn progress(&mut self) -> Option<Progress> {
            self.progress.clone()
        }

        fn earlier_page(&mut self, partition: i32, _from: i64, _end: i64, time: i64) -> bool {
            self.next.get(&partition).is_some_and(|&next| next < time)
        }
    }

    /// An article whose page entered `partition` at second `time`.
    fn processed(id: &str, partition: i32, time: i64) -> Processed {
        let meta = ticker_normalize::InputMeta {
            url: Some(format!("https://news.example/{id}")),
            source: ticker_model::SourceRef {
                id: "test".into(),
                kind: ticker_model::SourceKind::Feed,
                url: "https://news.example/rss".into(),
            },
            content_type: Some("text/plain".into()),
            fetched_at: chrono::Utc::now(),
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
                offset: time,
                time: Some(time * 1000),
            }),
        }
    }

    fn ids(batch: &[Processed]) -> String {
        batch
            .iter()
            .map(|processed| processed.article.url.as_deref().unwrap_or_default())
            .map(|url| url.rsplit('/').next().unwrap_or_default())
            .collect()
    }

    #[test]
    fn articles_wait_for_an_earlier_page_still_in_process_and_go_in_page_order() {
        let now = Instant::now();
        let mut arrivals = Arrivals::default();
        // Partition 1's member is fast; partition 0's first page (second 1)
        // is not processed yet.
        arrivals.push(Some(processed("b", 1, 2)), 0, now);
        arrivals.push(Some(processed("d", 1, 4)), 1, now);
        let mut broker = Broker::new(&[(0, 0, 2), (1, 2, 2)], 2).next_page(0, 1000);
        assert_eq!(ids(&arrivals.release(&mut broker, now)), "");
        assert_eq!(arrivals.commit_offset(), Some(0));
        // Partition 0's pages arrive late: all four go, in page order.
        arrivals.push(Some(processed("a", 0, 1)), 2, now);
        arrivals.push(Some(processed("c", 0, 3)), 3, now);
        let mut broker = Broker::new(&[(0, 2, 2), (1, 2, 2)], 4);
        assert_eq!(ids(&arrivals.release(&mut broker, now)), "abcd");
        assert!(arrivals.is_empty());
        assert_eq!(arrivals.commit_offset(), Some(4));
    }

    #[test]
    fn what_precedes_the_next_page_of_every_partition_goes_and_the_rest_waits() {
        let now = Instant::now();
        let mut arrivals = Arrivals::default();
        arrivals.push(Some(processed("a", 0, 1)), 0, now);
        arrivals.push(Some(processed("b", 1, 2)), 1, now);
        arrivals.push(Some(processed("d", 1, 4)), 2, now);
        arrivals.push(Some(processed("e", 1, 5)), 3, now);
        // Partition 0's next page entered at second 3.
        let mut broker = Broker::new(&[(0, 1, 2), (1, 3, 3)], 4).next_page(0, 3000);
        assert_eq!(ids(&arrivals.release(&mut broker, now)), "ab");
        assert_eq!(arrivals.commit_offset(), Some(2));
        // A partition not done that brought an article as late holds
        // nothing back, even while articles are still unread.
        arrivals.push(Some(processed("c", 0, 3)), 4, now);
        arrivals.push(Some(processed("f", 0, 6)), 5, now);
        let mut broker = Broker::new(&[(0, 2, 9), (1, 3, 9)], 20).next_page(0, 0);
        assert_eq!(ids(&arrivals.release(&mut broker, now)), "cde");
    }

    #[test]
    fn unread_articles_of_done_pages_hold_back_what_no_partition_vouches_for() {
        let now = Instant::now();
        let mut arrivals = Arrivals::default();
        arrivals.push(Some(processed("b", 1, 2)), 0, now);
        // Partition 0 is done, but `ticker.processed` holds more than was
        // read: its articles may be earlier.
        let mut broker = Broker::new(&[(0, 1, 1), (1, 1, 1)], 5);
        assert_eq!(ids(&arrivals.release(&mut broker, now)), "");
        let mut broker = Broker::new(&[(0, 1, 1), (1, 1, 1)], 1);
        assert_eq!(ids(&arrivals.release(&mut broker, now)), "b");
    }

    #[test]
    fn records_without_an_article_only_move_the_read_position() {
        let now = Instant::now();
        let mut arrivals = Arrivals::default();
        arrivals.push(Some(processed("b", 0, 2)), 5, now);
        arrivals.push(None, 6, now);
        arrivals.push(Some(processed("a", 1, 1)), 7, now);
        let mut broker = Broker::new(&[(0, 3, 3), (1, 2, 2)], 8);
        assert_eq!(ids(&arrivals.release(&mut broker, now)), "ab");
        assert_eq!(arrivals.commit_offset(), Some(8));
    }

    #[test]
    fn an_article_that_waited_too_long_goes_with_all_before_it() {
        let start = Instant::now();
        let mut arrivals = Arrivals::default();
        arrivals.push(Some(processed("c", 1, 3)), 0, start);
        let later = start + ORDER_WAIT / 2;
        arrivals.push(Some(processed("b", 1, 2)), 1, later);
        arrivals.push(Some(processed("d", 1, 4)), 2, later);
        // The broker does not answer.
        let mut silent = Broker::new(&[], 0);
        silent.progress = None;
        assert_eq!(ids(&arrivals.release(&mut silent, later)), "");
        assert_eq!(
            ids(&arrivals.release(&mut silent, start + ORDER_WAIT)),
            "bc"
        );
        assert_eq!(arrivals.commit_offset(), Some(2));
        arrivals.clear();
        assert!(arrivals.is_empty());
        assert_eq!(arrivals.commit_offset(), None);
    }
}
