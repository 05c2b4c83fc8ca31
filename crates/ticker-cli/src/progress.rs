//! Progress of long commands (`ticker eval …`, `ticker ingest`) on stderr:
//! a bar redrawn in place with count, rate and time left on a terminal;
//! plain lines (one every ten seconds, and one at the end) when stderr is
//! a file or a pipe, so logs stay readable. Results go to stdout as before.

use std::io::{IsTerminal as _, Write as _};
use std::time::{Duration, Instant};

/// How often the bar is redrawn on a terminal.
const REDRAW: Duration = Duration::from_millis(100);
/// How often a plain line is written when stderr is no terminal.
const PLAIN_EVERY: Duration = Duration::from_secs(10);

/// The progress of one command.
pub struct Progress {
    label: &'static str,
    total: Option<u64>,
    done: u64,
    started: Instant,
    last: Instant,
    terminal: bool,
    quiet: bool,
}

impl Progress {
    /// Starts counting `total` items (unknown: `None`).
    pub fn new(label: &'static str, total: Option<u64>) -> Progress {
        let now = Instant::now();
        Progress {
            label,
            total,
            done: 0,
            started: now,
            last: now,
            terminal: std::io::stderr().is_terminal(),
            // Scripts and tests that want clean stderr can turn it off.
            quiet: std::env::var_os("TICKER_NO_PROGRESS").is_some(),
        }
    }

    /// The number of items, once known.
    pub fn set_total(&mut self, total: u64) {
        self.total = Some(total);
    }

    /// `done` items done so far.
    pub fn set_done(&mut self, done: u64) {
        self.done = done;
        self.draw();
    }

    /// One more item done.
    pub fn inc(&mut self) {
        self.done += 1;
        self.draw();
    }

    /// Redraws the bar (or writes a plain line) when it is time to.
    fn draw(&mut self) {
        let now = Instant::now();
        let every = if self.terminal { REDRAW } else { PLAIN_EVERY };
        if !self.quiet && now.duration_since(self.last) >= every {
            self.last = now;
            let line = line(
                self.label,
                self.done,
                self.total,
                now - self.started,
                self.terminal,
            );
            let mut stderr = std::io::stderr().lock();
            let _ = if self.terminal {
                write!(stderr, "\r\x1b[2K{line}")
            } else {
                writeln!(stderr, "{line}")
            };
            let _ = stderr.flush();
        }
    }

    /// The end: the bar is cleared, or a last plain line is written.
    pub fn finish(&mut self) {
        if self.quiet {
            return;
        }
        let mut stderr = std::io::stderr().lock();
        let _ = if self.terminal {
            write!(stderr, "\r\x1b[2K")
        } else {
            writeln!(
                stderr,
                "{}",
                line(
                    self.label,
                    self.done,
                    self.total,
                    self.started.elapsed(),
                    false
                )
            )
        };
        let _ = stderr.flush();
    }
}

/// One progress line: "label 120/530 ████░░░░ 23 % · 45.2/s · 9 s left".
fn line(label: &str, done: u64, total: Option<u64>, elapsed: Duration, bar: bool) -> String {
    let seconds = elapsed.as_secs_f64().max(1e-9);
    let rate = done as f64 / seconds;
    match total {
        Some(total) if total > 0 => {
            let share = (done as f64 / total as f64).min(1.0);
            let left = if rate > 0.0 {
                format!("{} left", clock((total.saturating_sub(done)) as f64 / rate))
            } else {
                "time left unknown".to_string()
            };
            let drawn = if bar {
                let filled = (share * 20.0).round() as usize;
                format!(" {}{}", "█".repeat(filled), "░".repeat(20 - filled))
            } else {
                String::new()
            };
            format!(
                "{label} {done}/{total}{drawn} {:.0} % · {rate:.1}/s · {left}",
                share * 100.0
            )
        }
        _ => format!("{label} {done} · {rate:.1}/s · {} so far", clock(seconds)),
    }
}

/// Seconds as "9 s", "3 min 05 s" or "1 h 02 min".
fn clock(seconds: f64) -> String {
    let seconds = seconds.round() as u64;
    match seconds {
        0..=59 => format!("{seconds} s"),
        60..=3599 => format!("{} min {:02} s", seconds / 60, seconds % 60),
        _ => format!("{} h {:02} min", seconds / 3600, seconds % 3600 / 60),
    }
}

/// A [`Progress`] that callbacks from other threads update (done of total).
pub struct Shared(std::sync::Mutex<Progress>);

impl Shared {
    /// A bar counting `label`, total not yet known.
    pub fn new(label: &'static str) -> Shared {
        Shared(std::sync::Mutex::new(Progress::new(label, None)))
    }

    /// `done` of `total` now.
    pub fn update(&self, done: usize, total: usize) {
        let mut bar = self.0.lock().expect("progress lock");
        bar.set_total(total as u64);
        bar.set_done(done as u64);
    }

    /// The last line.
    pub fn finish(&self) {
        self.0.lock().expect("progress lock").finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_tell_count_share_rate_and_time_left() {
        let plain = line("pages", 120, Some(530), Duration::from_secs(4), false);
        assert_eq!(plain, "pages 120/530 23 % · 30.0/s · 14 s left");
        let drawn = line("pages", 265, Some(530), Duration::from_secs(2), true);
        assert!(
            drawn.starts_with("pages 265/530 ██████████░░░░░░░░░░ 50 %"),
            "{drawn}"
        );
        let open = line("entries", 40, None, Duration::from_secs(80), false);
        assert_eq!(open, "entries 40 · 0.5/s · 1 min 20 s so far");
        assert_eq!(clock(3725.0), "1 h 02 min");
        let stalled = line("pages", 0, Some(10), Duration::from_secs(1), false);
        assert!(stalled.ends_with("time left unknown"), "{stalled}");
    }
}
