//! When to poll a source next.
//!
//! A source's normal interval is learnt from how often it publishes: half
//! the mean gap between its entries of the last week (so a new entry waits
//! half a gap on average), kept between the configured shortest and longest
//! interval. Failures double it up to the longest back-off; the server's
//! word (`<ttl>`, `Cache-Control: max-age`, `Expires`, `Retry-After`) is a
//! floor. Jitter keeps sources that started together from polling together.

use std::time::Duration;

use chrono::{DateTime, Utc};

/// Entries older than this do not count for the publishing rate.
const RATE_WINDOW_DAYS: i64 = 7;
/// Longest wait a server can ask for (a broken `Retry-After` of a year is
/// not obeyed to the letter).
const MAX_SERVER_WAIT: Duration = Duration::from_secs(24 * 3600);

/// The polling knobs of one source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    /// The shortest interval (the configured one when not adaptive).
    pub base: Duration,
    /// The longest interval adaptive polling chooses.
    pub max_interval: Duration,
    /// The longest back-off after failures.
    pub max_backoff: Duration,
    /// Whether the interval follows the publishing rate.
    pub adaptive: bool,
}

impl Schedule {
    /// The interval before back-off: the base, or for an adaptive schedule
    /// half the source's publishing gap within [base, max_interval]; a
    /// source with dated entries, none of them recent, gets the longest.
    pub fn interval(&self, publishing_gap: Option<Gap>) -> Duration {
        if !self.adaptive {
            return self.base;
        }
        let longest = self.max_interval.max(self.base);
        match publishing_gap {
            Some(Gap::Every(gap)) => (gap / 2).clamp(self.base, longest),
            Some(Gap::Quiet) => longest,
            None => self.base,
        }
    }

    /// The delay until the next poll, without jitter.
    pub fn next_delay(&self, interval: Duration, failures: u32, server_wait: Duration) -> Duration {
        let backoff = interval
            .saturating_mul(2u32.saturating_pow(failures.min(16)))
            .min(self.max_backoff.max(interval));
        backoff.max(server_wait.min(MAX_SERVER_WAIT))
    }
}

/// How often a source publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// One entry every so often (the mean gap over the last week).
    Every(Duration),
    /// Dated entries, none from the last week.
    Quiet,
}

/// The publishing gap from the dates of a source's entries: over the last
/// week, the time since the oldest of them divided by their number (a feed
/// lists only its latest entries, so the span they cover is what counts).
/// Entries dated in the future (more than an hour, a clock or a typo) are
/// ignored; None when no entry is dated.
pub fn publishing_gap(
    dates: impl IntoIterator<Item = DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<Gap> {
    let window_start = now - chrono::Duration::days(RATE_WINDOW_DAYS);
    let latest_allowed = now + chrono::Duration::hours(1);
    let mut dated = 0usize;
    let mut recent = 0u32;
    let mut oldest = now;
    for date in dates {
        if date > latest_allowed {
            continue;
        }
        dated += 1;
        if date >= window_start {
            recent += 1;
            oldest = oldest.min(date);
        }
    }
    match (dated, recent) {
        (0, _) => None,
        (_, 0) => Some(Gap::Quiet),
        _ => {
            let span = (now - oldest)
                .to_std()
                .unwrap_or_default()
                .max(Duration::from_secs(60));
            Some(Gap::Every(span / recent))
        }
    }
}

/// Up to a tenth of `delay` of jitter, different for each source and poll.
pub fn jitter(source_id: &str, delay: Duration) -> Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let seed = source_id
        .bytes()
        .fold(nanos, |acc, byte| acc.rotate_left(5) ^ u32::from(byte));
    Duration::from_millis(u64::from(seed) % (delay.as_millis() as u64 / 10 + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEDULE: Schedule = Schedule {
        base: Duration::from_secs(120),
        max_interval: Duration::from_secs(1800),
        max_backoff: Duration::from_secs(3600),
        adaptive: true,
    };

    fn minutes_ago(now: DateTime<Utc>, minutes: &[i64]) -> Vec<DateTime<Utc>> {
        minutes
            .iter()
            .map(|m| now - chrono::Duration::minutes(*m))
            .collect()
    }

    #[test]
    fn the_gap_follows_how_often_a_source_publishes() {
        let now = Utc::now();
        // Twenty entries over the last 200 minutes: one every 10 minutes.
        let busy: Vec<i64> = (1..=20).map(|n| n * 10).collect();
        let gap = publishing_gap(minutes_ago(now, &busy), now);
        assert_eq!(gap, Some(Gap::Every(Duration::from_secs(600))));
        assert_eq!(SCHEDULE.interval(gap), Duration::from_secs(300));
        // Three a day: polled at the longest interval.
        let slow = publishing_gap(minutes_ago(now, &[60, 500, 1000, 1400]), now);
        assert_eq!(SCHEDULE.interval(slow), Duration::from_secs(1800));
        // A wire service publishing every minute: the shortest interval.
        let wire: Vec<i64> = (1..=50).collect();
        assert_eq!(
            SCHEDULE.interval(publishing_gap(minutes_ago(now, &wire), now)),
            Duration::from_secs(120)
        );
        // Nothing in the last week; nothing dated; only future dates.
        let old = publishing_gap(minutes_ago(now, &[20_000, 30_000]), now);
        assert_eq!(old, Some(Gap::Quiet));
        assert_eq!(SCHEDULE.interval(old), Duration::from_secs(1800));
        assert_eq!(publishing_gap(Vec::new(), now), None);
        assert_eq!(SCHEDULE.interval(None), Duration::from_secs(120));
        assert_eq!(publishing_gap(minutes_ago(now, &[-600]), now), None);
        let fixed = Schedule {
            adaptive: false,
            ..SCHEDULE
        };
        assert_eq!(fixed.interval(slow), Duration::from_secs(120));
    }

    #[test]
    fn failures_back_off_and_the_server_sets_a_floor() {
        let interval = Duration::from_secs(300);
        assert_eq!(SCHEDULE.next_delay(interval, 0, Duration::ZERO), interval);
        assert_eq!(
            SCHEDULE.next_delay(interval, 2, Duration::ZERO),
            Duration::from_secs(1200)
        );
        assert_eq!(
            SCHEDULE.next_delay(interval, 30, Duration::ZERO),
            Duration::from_secs(3600)
        );
        // ttl / max-age / Expires / Retry-After: never sooner than asked,
        // even beyond the longest back-off, but not beyond a day.
        assert_eq!(
            SCHEDULE.next_delay(interval, 0, Duration::from_secs(900)),
            Duration::from_secs(900)
        );
        assert_eq!(
            SCHEDULE.next_delay(interval, 1, Duration::from_secs(7200)),
            Duration::from_secs(7200)
        );
        assert_eq!(
            SCHEDULE.next_delay(interval, 0, Duration::from_secs(10_000_000)),
            MAX_SERVER_WAIT
        );
    }

    #[test]
    fn jitter_stays_within_a_tenth() {
        for _ in 0..100 {
            assert!(jitter("tagesschau", Duration::from_secs(100)) <= Duration::from_secs(10));
        }
        assert_eq!(jitter("x", Duration::ZERO), Duration::ZERO);
    }
}
