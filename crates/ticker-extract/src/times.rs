//! Temporal expressions beyond the calendar day: times of day ("um 18.30
//! Uhr", "halb acht", "Viertel nach drei"), parts of days ("am Abend",
//! "Dienstagmorgen"), durations ("drei Stunden", "anderthalb Jahre"),
//! points a duration away ("in fünf Minuten", "drei Wochen später"),
//! recurrences ("jeden Mittwoch um 16 Uhr", "täglich", "montags"), years
//! and months ("2020", "dieses Jahr", "Ende 1989", "im März 2008"), and
//! ranges of any of them ("vom 4. bis zum 23.", "von Montag 7 Uhr bis
//! Freitag 15 Uhr", "ab 14 Uhr", "vor dem Wochenende").
//!
//! Calendar days come from [`crate::dates`]; this pass adds the other
//! pieces as atoms and then joins neighbours: a day and a time make a
//! `datetime`, a day and a part of the day a `datetimerange`, two days
//! joined by "bis" a `daterange`, and so on. Values follow
//! [`TemporalKind`]. Times are wall-clock times as written; a time without
//! a part of the day ("um 7 Uhr") is read on the 24-hour clock, as German
//! writes it. Relative expressions need a reference (the publication date
//! and time) and are skipped without one.

use std::ops::Range;
use std::sync::OnceLock;

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use ticker_model::TemporalKind as Kind;

use crate::dates::{self, FoundDate};
use crate::lexicon::WEEKDAYS;

/// A time of day.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Clock {
    hour: u32,
    minute: u32,
    second: u32,
}

impl Clock {
    fn new(hour: u32, minute: u32, second: u32) -> Option<Self> {
        (hour <= 24 && minute < 60 && second < 60).then_some(Self {
            hour: hour % 24,
            minute,
            second,
        })
    }

    fn iso(self) -> String {
        format!("{:02}:{:02}:{:02}", self.hour, self.minute, self.second)
    }

    /// TIMEX3 notation: `T15`, `T19:13`, `T19:13:05`.
    fn timex(self) -> String {
        match (self.minute, self.second) {
            (0, 0) => format!("T{:02}", self.hour),
            (minute, 0) => format!("T{:02}:{minute:02}", self.hour),
            (minute, second) => format!("T{:02}:{minute:02}:{second:02}", self.hour),
        }
    }

    fn time(self) -> NaiveTime {
        NaiveTime::from_hms_opt(self.hour, self.minute, self.second).unwrap_or(NaiveTime::MIN)
    }

    /// Read in the part of the day `part` names ("8 Uhr abends" is 20:00,
    /// "12 Uhr nachts" midnight).
    fn in_part(self, part: Part) -> Self {
        let hour = match part {
            Part::Afternoon | Part::LateAfternoon if self.hour < 12 => self.hour + 12,
            Part::Evening | Part::LateEvening | Part::Night if self.hour == 12 => 0,
            Part::Evening | Part::LateEvening if self.hour < 12 => self.hour + 12,
            Part::Night if (6..12).contains(&self.hour) => self.hour + 12,
            _ => self.hour,
        };
        Self { hour, ..self }
    }
}

/// Parts of the day, with the hours Recognizers-Text and TIMEX3 give them.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    Morning,
    EarlyMorning,
    Afternoon,
    LateAfternoon,
    Evening,
    LateEvening,
    Night,
}

impl Part {
    fn hours(self) -> (u32, u32) {
        match self {
            Part::Morning => (8, 12),
            Part::EarlyMorning => (8, 10),
            Part::Afternoon => (12, 16),
            Part::LateAfternoon => (14, 16),
            Part::Evening => (16, 20),
            Part::LateEvening => (18, 20),
            Part::Night => (20, 24),
        }
    }

    fn code(self) -> &'static str {
        match self {
            Part::Morning | Part::EarlyMorning => "TMO",
            Part::Afternoon | Part::LateAfternoon => "TAF",
            Part::Evening | Part::LateEvening => "TEV",
            Part::Night => "TNI",
        }
    }

    /// The part a word names: "abends", "Nachmittag", "frühmorgens".
    fn of(word: &str) -> Option<Self> {
        let word = word.strip_suffix('s').unwrap_or(word);
        Some(match word {
            "morgen" | "vormittag" | "früh" => Part::Morning,
            "frühmorgen" => Part::EarlyMorning,
            "nachmittag" => Part::Afternoon,
            "spätnachmittag" => Part::LateAfternoon,
            "abend" => Part::Evening,
            "spätabend" => Part::LateEvening,
            "nacht" => Part::Night,
            _ => return None,
        })
    }

    fn range(self) -> (Clock, Clock) {
        let (from, to) = self.hours();
        let end = if to == 24 {
            Clock {
                hour: 23,
                minute: 59,
                second: 59,
            }
        } else {
            Clock {
                hour: to,
                minute: 0,
                second: 0,
            }
        };
        (
            Clock {
                hour: from,
                minute: 0,
                second: 0,
            },
            end,
        )
    }
}

/// A resolved piece, before or after joining.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    /// A calendar day; `weekday` when the text named only the weekday.
    Day {
        day: NaiveDate,
        weekday: Option<u32>,
    },
    /// Days (both ends included) and how to write them: a month, a year,
    /// an interval.
    Days {
        first: NaiveDate,
        last: NaiveDate,
        label: (String, String),
    },
    /// Day numbers waiting for their month ("vom 4. bis zum 23.").
    DayNumbers(u32, u32),
    /// An open range, written out.
    Open(Kind, String),
    Time {
        clock: Clock,
        part: Option<Part>,
    },
    Times(Clock, Clock),
    Part(Part),
    DateTime(NaiveDateTime),
    DateTimes(NaiveDateTime, NaiveDateTime),
    Duration {
        seconds: f64,
        iso: String,
    },
    Set(String),
}

impl Value {
    fn days(first: NaiveDate, last: NaiveDate) -> Self {
        Value::Days {
            first,
            last,
            label: (first.to_string(), last.to_string()),
        }
    }

    fn year(year: i32) -> Option<Self> {
        Some(Value::Days {
            first: NaiveDate::from_ymd_opt(year, 1, 1)?,
            last: NaiveDate::from_ymd_opt(year, 12, 31)?,
            label: (year.to_string(), year.to_string()),
        })
    }

    fn month(year: i32, month: u32) -> Option<Self> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
        let label = format!("{year:04}-{month:02}");
        Some(Value::Days {
            first,
            last,
            label: (label.clone(), label),
        })
    }

    /// The kind and value of the record.
    fn written(&self) -> Option<(Kind, String)> {
        Some(match self {
            Value::Day { day, .. } => (Kind::Date, day.to_string()),
            Value::Days { label, .. } => {
                let value = if label.0 == label.1 {
                    label.0.clone()
                } else {
                    format!("{}/{}", label.0, label.1)
                };
                (Kind::DateRange, value)
            }
            Value::DayNumbers(..) => return None,
            Value::Open(kind, value) => (*kind, value.clone()),
            Value::Time { clock, .. } => (Kind::Time, clock.iso()),
            Value::Times(from, to) => (Kind::TimeRange, format!("{}/{}", from.iso(), to.iso())),
            Value::Part(part) => {
                let (from, to) = part.range();
                (Kind::TimeRange, format!("{}/{}", from.iso(), to.iso()))
            }
            Value::DateTime(at) => (Kind::DateTime, iso_datetime(*at)),
            Value::DateTimes(from, to) => (
                Kind::DateTimeRange,
                format!("{}/{}", iso_datetime(*from), iso_datetime(*to)),
            ),
            Value::Duration { iso, .. } => (Kind::Duration, iso.clone()),
            Value::Set(timex) => (Kind::Set, timex.clone()),
        })
    }
}

fn iso_datetime(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A word or a single sign, lower-cased.
#[derive(Debug)]
struct Token<'a> {
    range: Range<usize>,
    lower: std::borrow::Cow<'a, str>,
    capital: bool,
}

fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut start: Option<usize> = None;
    let mut push = |range: Range<usize>| {
        let word = &text[range.clone()];
        tokens.push(Token {
            capital: word.starts_with(char::is_uppercase),
            lower: if word.chars().any(char::is_uppercase) {
                std::borrow::Cow::Owned(word.to_lowercase())
            } else {
                std::borrow::Cow::Borrowed(word)
            },
            range,
        });
    };
    for (index, ch) in text.char_indices() {
        if ch.is_alphanumeric() {
            start.get_or_insert(index);
            continue;
        }
        if let Some(begin) = start.take() {
            push(begin..index);
        }
        if !ch.is_whitespace() {
            push(index..index + ch.len_utf8());
        }
    }
    if let Some(begin) = start {
        push(begin..text.len());
    }
    tokens
}

/// An atom: tokens `first..end` and their value.
#[derive(Debug, Clone)]
struct Atom {
    first: usize,
    end: usize,
    value: Value,
    relative: bool,
}

struct Scanner<'a> {
    tokens: &'a [Token<'a>],
    reference: Option<NaiveDateTime>,
    /// Sentence starts (token indices), for capitalised "Morgen".
    sentence_starts: Vec<usize>,
    text: &'a str,
    sentences: &'a [Range<usize>],
}

impl Scanner<'_> {
    fn word(&self, index: usize) -> &str {
        self.tokens.get(index).map_or("", |token| &*token.lower)
    }

    fn is(&self, index: usize, words: &[&str]) -> bool {
        words.contains(&self.word(index))
    }

    /// Tokens `a` and `b` touch (no space between).
    fn touching(&self, a: usize, b: usize) -> bool {
        match (self.tokens.get(a), self.tokens.get(b)) {
            (Some(a), Some(b)) => a.range.end == b.range.start,
            _ => false,
        }
    }

    /// Whether token `index` begins a sentence.
    fn starts_sentence(&self, index: usize) -> bool {
        self.sentence_starts.binary_search(&index).is_ok()
    }

    fn number(&self, index: usize) -> Option<u32> {
        let word = self.word(index);
        if word.is_empty() {
            return None;
        }
        if word.bytes().all(|b| b.is_ascii_digit()) {
            return if word.len() <= 4 {
                word.parse().ok()
            } else {
                None
            };
        }
        let value = crate::numbers::german_word(word)?;
        (value.fract() == 0.0 && (0.0..10_000.0).contains(&value)).then_some(value as u32)
    }

    fn digits(&self, index: usize, len: std::ops::RangeInclusive<usize>) -> Option<u32> {
        let word = self.word(index);
        (len.contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit()))
            .then(|| word.parse().ok())
            .flatten()
    }

    fn reference_day(&self) -> Option<NaiveDate> {
        self.reference.map(|at| at.date())
    }

    /// The clock time at `index`: "18:12", "8:00:31", "18.12 Uhr", "18
    /// Uhr 12", "zehn Uhr", "halb 8", "Viertel nach drei", "Mitternacht".
    /// `strong` when the words say it is a time; a bare number is weak.
    fn clock(&self, index: usize) -> Option<(usize, Clock, bool)> {
        let word = self.word(index);
        match word {
            "mitternacht" | "mitternachts" => return Some((index + 1, Clock::new(0, 0, 0)?, true)),
            "mittag" | "mittagszeit" => return Some((index + 1, Clock::new(12, 0, 0)?, true)),
            "halb" => {
                let hour = self.number(index + 1).filter(|h| (1..=24).contains(h))?;
                return Some((index + 2, Clock::new(hour - 1, 30, 0)?, true));
            }
            "dreiviertel" => {
                let hour = self.number(index + 1).filter(|h| (1..=24).contains(h))?;
                return Some((index + 2, Clock::new(hour - 1, 45, 0)?, true));
            }
            "viertel" => {
                return match self.word(index + 1) {
                    "nach" => {
                        let hour = self.number(index + 2).filter(|h| *h <= 24)?;
                        Some((index + 3, Clock::new(hour, 15, 0)?, true))
                    }
                    "vor" => {
                        let hour = self.number(index + 2).filter(|h| (1..=24).contains(h))?;
                        Some((index + 3, Clock::new(hour - 1, 45, 0)?, true))
                    }
                    _ => {
                        let hour = self.number(index + 1).filter(|h| (1..=24).contains(h))?;
                        Some((index + 2, Clock::new(hour - 1, 15, 0)?, true))
                    }
                };
            }
            _ => {}
        }
        // A number word is a time only before "Uhr" or a part of the day,
        // or as the end of a range ("von 5 bis sieben"); digits always may be.
        let digits = !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit());
        if !digits
            && self.word(index + 1) != "uhr"
            && self.modifier(index + 1).is_none()
            && !(index > 0 && self.is(index - 1, &["bis", "und"]))
        {
            return None;
        }
        let hour = self.number(index).filter(|h| *h <= 24)?;
        // Not a part of a longer number ("1.000", "3,5").
        if self.is(index + 1, &[",", "."]) && self.touching(index, index + 1) {
            if self.word(index + 1) == "." && self.is(index + 3, &["uhr", "h"]) {
                let minute = self.digits(index + 2, 2..=2)?;
                return Some((index + 4, Clock::new(hour, minute, 0)?, true));
            }
            return None;
        }
        if self.word(index + 1) == ":" {
            let minute = self.digits(index + 2, 2..=2)?;
            let mut end = index + 3;
            let mut second = 0;
            if self.word(end) == ":" {
                if let Some(value) = self.digits(end + 1, 2..=2) {
                    second = value;
                    end += 2;
                }
            }
            if self.word(end) == "uhr" {
                end += 1;
            }
            return Some((end, Clock::new(hour, minute, second)?, true));
        }
        if self.word(index + 1) == "uhr" {
            let mut end = index + 2;
            let mut minute = 0;
            let at = if self.word(end) == "und" {
                end + 1
            } else {
                end
            };
            if let Some(value) = self.digits(at, 1..=2).filter(|m| *m < 60) {
                // "18 Uhr 12", not "18 Uhr 12 Menschen".
                if !self.tokens.get(at + 1).is_some_and(|t| t.capital) {
                    minute = value;
                    end = at + 1;
                }
            }
            return Some((end, Clock::new(hour, minute, 0)?, true));
        }
        Some((index + 1, Clock::new(hour, 0, 0)?, false))
    }

    /// A part-of-day word usable as a modifier of a time: "abends",
    /// "Nachmittag", "frühmorgens" (not "morgen", which is tomorrow).
    fn modifier(&self, index: usize) -> Option<Part> {
        let word = self.word(index);
        if word == "morgen" {
            return None;
        }
        Part::of(word)
    }

    /// A time with its modifiers: "abends um 8 Uhr", "9 Uhr morgens",
    /// "gegen 7:56:30 Abends", "um 12 nachts".
    fn time_point(
        &self,
        index: usize,
        require_strong: bool,
    ) -> Option<(usize, Clock, Option<Part>)> {
        let mut at = index;
        let mut part = None;
        if let Some(found) = self.modifier(at) {
            if self.is(at + 1, &["um", "gegen"]) {
                part = Some(found);
                at += 2;
            }
        }
        if part.is_none() && self.is(at, &["um", "gegen", "ca", "etwa"]) {
            at += 1;
        }
        let (mut end, clock, strong) = self.clock(at)?;
        if part.is_none() {
            if let Some(found) = self.modifier(end) {
                part = Some(found);
                end += 1;
            }
        }
        if require_strong && !strong && part.is_none() {
            return None;
        }
        Some((end, clock, part))
    }

    /// "von 17 bis 18 Uhr", "zwischen 4 und 7 Uhr", "morgens von 5 bis
    /// sieben", "von 5 Uhr Nachmittags bis 6 Uhr Nachmittags".
    fn time_range(&self, index: usize) -> Option<(usize, Value)> {
        let mut at = index;
        let mut part = self
            .modifier(at)
            .filter(|_| self.is(at + 1, &["von", "zwischen"]));
        if part.is_some() {
            at += 1;
        }
        let opener = self.word(at).to_string();
        if !["von", "zwischen", "ab"].contains(&opener.as_str()) {
            return None;
        }
        let (end, from, from_part) = self.time_point(at + 1, false)?;
        let joiner = self.word(end);
        let joined = match opener.as_str() {
            "zwischen" => joiner == "und",
            _ => joiner == "bis",
        };
        if !joined {
            return None;
        }
        let (last, to, to_part) = self.time_point(end + 1, false)?;
        let strong = |i: usize| {
            self.clock(i).is_some_and(|(_, _, strong)| strong)
                || self.clock(i + 1).is_some_and(|(_, _, strong)| strong)
        };
        if part.is_none()
            && from_part.is_none()
            && to_part.is_none()
            && !strong(at + 1)
            && !strong(end + 1)
        {
            return None;
        }
        part = part.or(to_part);
        let from = from.in_part(from_part.or(part).unwrap_or(Part::Morning));
        let to = to.in_part(to_part.or(part).unwrap_or(Part::Morning));
        Some((last, Value::Times(from, to)))
    }

    /// A weekday (Monday = 0) resolved against the reference.
    fn weekday_day(&self, weekday: u32, modifier: &str, at: usize) -> Option<NaiveDate> {
        let reference = self.reference_day()?;
        let current = reference.weekday().num_days_from_monday() as i64;
        let target = weekday as i64;
        let future = match modifier {
            "kommenden" | "nächsten" | "kommender" | "nächster" => true,
            "letzten" | "vergangenen" | "letzter" | "vergangener" => false,
            _ => {
                let next = self.sentences.partition_point(|s| s.start <= at);
                let sentence = next
                    .checked_sub(1)
                    .map(|index| &self.sentences[index])
                    .filter(|s| at <= s.end)
                    .map_or("", |s| {
                        &self.text[crate::context_window(self.text, s, at, at, 300)]
                    });
                dates::speaks_of_future("", sentence)
            }
        };
        let next_named = ["kommenden", "nächsten", "kommender", "nächster"].contains(&modifier);
        let delta = dates::weekday_delta(current, target, future, next_named);
        Some(reference + Duration::days(delta))
    }

    /// "Montagnachmittag", "dienstagspätabends", "samstagfrüh".
    fn weekday_part(&self, index: usize) -> Option<(usize, Value)> {
        let word = self.word(index);
        let (weekday, rest) = lower_weekdays().iter().find_map(|(name, number)| {
            word.strip_prefix(name.as_str()).map(|rest| (*number, rest))
        })?;
        let rest = rest
            .strip_prefix('s')
            .filter(|r| Part::of(r).is_some())
            .unwrap_or(rest);
        let part = Part::of(rest)?;
        let modifier = if index > 0 { self.word(index - 1) } else { "" };
        let day = self.weekday_day(weekday, modifier, self.tokens[index].range.start)?;
        let (from, to) = part.range();
        Some((
            index + 1,
            Value::DateTimes(day.and_time(from.time()), day.and_time(to.time())),
        ))
    }

    /// A duration's amount and unit at `index`: "drei Stunden", "3,5
    /// Jahre", "anderthalb Stunden", "eine Viertelstunde", "den ganzen Tag".
    fn duration(&self, index: usize) -> Option<(usize, f64, char, bool)> {
        // (end, amount, unit letter, time unit (after T))
        let single = |word: &str| -> Option<(f64, char, bool)> {
            Some(match word {
                "viertelstunde" => (0.25, 'H', true),
                "dreiviertelstunde" => (0.75, 'H', true),
                _ => return None,
            })
        };
        let word = self.word(index);
        if let Some((amount, unit, time)) = single(word) {
            return Some((index + 1, amount, unit, time));
        }
        // Only where a unit follows: "3 Stunden", "3,5 Jahre", "eine
        // halbe Stunde", "eine Viertelstunde", "ganzen Tag".
        let unit_follows = unit(self.word(index + 1)).is_some()
            || (self.word(index + 1) == "," && unit(self.word(index + 3)).is_some())
            || unit(self.word(index + 2)).is_some()
            || single(self.word(index + 1)).is_some();
        if !unit_follows {
            return None;
        }
        if ["ein", "eine", "einer"].contains(&word) {
            if let Some((amount, unit, time)) = single(self.word(index + 1)) {
                return Some((index + 2, amount, unit, time));
            }
            if self.is(index + 1, &["halbe", "halben"]) {
                let (unit, time) = unit(self.word(index + 2))?;
                return Some((index + 3, 0.5, unit, time));
            }
        }
        if self.is(index, &["ganzen", "ganze"]) {
            let (unit, time) = unit(self.word(index + 1))?;
            if !time && unit != 'Y' {
                return Some((index + 2, 1.0, unit, time));
            }
            return None;
        }
        let (amount, mut end) = if word.bytes().all(|b| b.is_ascii_digit()) && !word.is_empty() {
            let whole: f64 = word.parse().ok()?;
            if self.word(index + 1) == "," && self.touching(index, index + 1) {
                let fraction = self.word(index + 2);
                if fraction.bytes().all(|b| b.is_ascii_digit()) && !fraction.is_empty() {
                    let value: f64 = format!("{whole}.{fraction}").parse().ok()?;
                    (value, index + 3)
                } else {
                    return None;
                }
            } else if self.is(index + 1, &[".", ","]) && self.touching(index, index + 1) {
                return None;
            } else {
                (whole, index + 1)
            }
        } else if word == "beiden" {
            (2.0, index + 1)
        } else {
            let value =
                crate::numbers::german_word(word).or_else(|| crate::numbers::english_word(word))?;
            (value, index + 1)
        };
        let (unit, time) = unit(self.word(end))?;
        end += 1;
        if self.word(end) == "." && self.word(end - 1) == "tg" {
            end += 1;
        }
        Some((end, amount, unit, time))
    }

    /// A duration with what its context makes of it: a point in time ("in
    /// 5 Minuten", "vor drei Tagen", "drei Wochen später"), the next days
    /// ("die nächsten 3 Tage"), a recurrence ("alle zwei Tage") or a length.
    fn duration_value(&self, index: usize) -> Option<(usize, usize, Value, bool)> {
        let (mut end, amount, unit, time) = self.duration(index)?;
        // A hedge between: "vor rund 30 Jahren", "in etwa zwei Wochen".
        let hedged = index > 1
            && self.is(
                index - 1,
                &[
                    "rund",
                    "etwa",
                    "knapp",
                    "fast",
                    "gut",
                    "ungefähr",
                    "about",
                    "nearly",
                ],
            );
        let index = if hedged { index - 1 } else { index };
        // Beyond ten thousand units no calendar arithmetic: a length only.
        if !(0.0..=10_000.0).contains(&amount) {
            return Some((
                index,
                end,
                Value::Duration {
                    seconds: amount * unit_seconds(unit, time),
                    iso: iso_duration(amount, unit, time),
                },
                false,
            ));
        }
        let mut first = index;
        let before = if index > 0 { self.word(index - 1) } else { "" };
        let seconds = amount * unit_seconds(unit, time);
        let shift = |sign: f64| -> Option<Value> {
            let reference = self.reference?;
            let moved = if time || amount.fract() != 0.0 {
                reference
                    .checked_add_signed(Duration::milliseconds((sign * seconds * 1000.0) as i64))?
            } else {
                let whole = amount as u32;
                match unit {
                    'Y' | 'M' => {
                        let months = Months::new(if unit == 'Y' { whole * 12 } else { whole });
                        if sign > 0.0 {
                            reference.checked_add_months(months)?
                        } else {
                            reference.checked_sub_months(months)?
                        }
                    }
                    _ => {
                        reference.checked_add_signed(Duration::seconds((sign * seconds) as i64))?
                    }
                }
            };
            // As precise as the text: "vor 30 Jahren" names a year, "vor
            // drei Monaten" a month, "in zwei Wochen" a day.
            Some(match (time, unit) {
                (true, _) => Value::DateTime(moved),
                (false, 'Y') => Value::year(moved.year())?,
                (false, 'M') => Value::month(moved.year(), moved.month())?,
                _ => Value::Day {
                    day: moved.date(),
                    weekday: None,
                },
            })
        };
        if ["nächsten", "kommenden", "letzten", "vergangenen"].contains(&before) && !time {
            let reference = self.reference_day()?;
            let days = (seconds / 86_400.0).round() as i64;
            if days < 1 {
                return None;
            }
            first = index - 1;
            if index >= 2 && self.is(index - 2, &["die", "den", "der"]) {
                first -= 1;
            }
            let value = if ["nächsten", "kommenden"].contains(&before) {
                Value::days(
                    reference + Duration::days(1),
                    reference + Duration::days(days),
                )
            } else {
                Value::days(
                    reference - Duration::days(days),
                    reference - Duration::days(1),
                )
            };
            return Some((first, end, value, true));
        }
        if before == "alle" {
            return Some((
                index - 1,
                end,
                Value::Set(iso_duration(amount, unit, time)),
                false,
            ));
        }
        if before == "in" && self.reference.is_some() {
            return Some((index - 1, end, shift(1.0)?, true));
        }
        if before == "vor" && self.reference.is_some() && !self.is(end, &["und", "bis"]) {
            return Some((index - 1, end, shift(-1.0)?, true));
        }
        if self.is(end, &["später", "danach", "darauf"]) && self.reference.is_some() {
            end += 1;
            return Some((first, end, shift(1.0)?, true));
        }
        Some((
            first,
            end,
            Value::Duration {
                seconds,
                iso: iso_duration(amount, unit, time),
            },
            false,
        ))
    }

    /// Recurrences: "jeden Tag", "jeden Mittwoch", "alle zwei Tage"
    /// (from durations), "täglich", "montags", "immer Sonnabends".
    fn set(&self, index: usize) -> Option<(usize, String)> {
        let word = self.word(index);
        let simple = match word {
            "täglich" | "daily" => Some("P1D"),
            "wöchentlich" | "weekly" => Some("P1W"),
            "monatlich" | "monthly" => Some("P1M"),
            "jährlich" | "yearly" | "annually" => Some("P1Y"),
            "stündlich" | "hourly" => Some("PT1H"),
            _ => None,
        };
        if let Some(timex) = simple {
            return Some((index + 1, timex.to_string()));
        }
        if ["jeden", "jede", "jedes", "jedem", "every"].contains(&word) {
            let next = self.word(index + 1);
            let timex = match next {
                "tag" | "day" => "P1D".to_string(),
                "woche" | "week" => "P1W".to_string(),
                "monat" | "month" => "P1M".to_string(),
                "jahr" | "year" => "P1Y".to_string(),
                _ => {
                    if let Some(part) = Part::of(next) {
                        part.code().to_string()
                    } else {
                        let weekday = weekday_number(next)?;
                        format!("XXXX-WXX-{}", weekday + 1)
                    }
                }
            };
            return Some((index + 2, timex));
        }
        let at = if word == "immer" { index + 1 } else { index };
        let plural = self.word(at).strip_suffix('s')?;
        let weekday = weekday_number(plural)?;
        // "des Montags" is a genitive, not Mondays.
        if index > 0 && self.is(index - 1, &["des", "eines"]) {
            return None;
        }
        Some((at + 1, format!("XXXX-WXX-{}", weekday + 1)))
    }

    /// Years, months, weeks, weekends and parts of them, and "jetzt".
    fn span(&self, index: usize) -> Option<(usize, Value, bool)> {
        let word = self.word(index);
        let reference = self.reference_day();
        if word == "jetzt" {
            return Some((index + 1, Value::DateTime(self.reference?), true));
        }
        // "Jahr 2009", "im Jahr 2012".
        if word == "jahr" {
            if let Some(year) = self.digits(index + 1, 4..=4) {
                return Some((index + 2, Value::year(year as i32)?, false));
            }
        }
        if let Some(year) = self.year_at(index) {
            return Some((index + 1, Value::year(year)?, false));
        }
        // "Anfang 2020", "Ende des Monats", "Mitte März".
        if ["anfang", "mitte", "ende"].contains(&word) {
            let (end, inner, relative) = if self.is(index + 1, &["des", "dieses"])
                && self.is(index + 2, &["monats", "jahres"])
            {
                let reference = reference?;
                let value = if self.word(index + 2) == "monats" {
                    Value::month(reference.year(), reference.month())?
                } else {
                    Value::year(reference.year())?
                };
                (index + 3, value, true)
            } else {
                self.span(index + 1)?
            };
            let Value::Days {
                first, last, label, ..
            } = inner
            else {
                return None;
            };
            let whole_year = label.0.len() == 4;
            let (from, to) = if whole_year {
                let year = first.year();
                match word {
                    "anfang" => (
                        NaiveDate::from_ymd_opt(year, 1, 1)?,
                        NaiveDate::from_ymd_opt(year, 4, 30)?,
                    ),
                    "mitte" => (
                        NaiveDate::from_ymd_opt(year, 5, 1)?,
                        NaiveDate::from_ymd_opt(year, 8, 31)?,
                    ),
                    _ => (NaiveDate::from_ymd_opt(year, 9, 1)?, last),
                }
            } else {
                match word {
                    "anfang" => (first, first.with_day(10)?),
                    "mitte" => (first.with_day(11)?, first.with_day(20)?),
                    _ => (first.with_day(16)?, last),
                }
            };
            return Some((end, Value::days(from, to), relative));
        }
        // Month names: "im März 2008", "diesen September".
        if let Some(month) = month_number(word) {
            let year = self.digits(index + 1, 4..=4);
            let before = if index > 0 { self.word(index - 1) } else { "" };
            let introduced = [
                "im",
                "diesen",
                "seit",
                "ab",
                "bis",
                "von",
                "vom",
                "anfang",
                "mitte",
                "ende",
                "letzten",
                "vergangenen",
                "nächsten",
                "kommenden",
                "in",
                "since",
                "until",
            ]
            .contains(&before);
            if year.is_none() && !introduced {
                return None;
            }
            let (year, relative) = match year {
                Some(year) => (year as i32, false),
                None => {
                    let reference = reference?;
                    let this = reference.year();
                    let year = match before {
                        "letzten" | "vergangenen" if month >= reference.month() => this - 1,
                        "nächsten" | "kommenden" if month <= reference.month() => this + 1,
                        _ => this,
                    };
                    (year, true)
                }
            };
            let end = index + if relative { 1 } else { 2 };
            return Some((end, Value::month(year, month)?, relative));
        }
        // "am Wochenende", "nach dem Wochenende".
        if word == "wochenende" {
            let reference = reference?;
            let monday =
                reference - Duration::days(reference.weekday().num_days_from_monday() as i64);
            let before = if index > 0 { self.word(index - 1) } else { "" };
            let shift =
                match before {
                    "nächsten" | "nächste" | "nächstes" | "kommenden" | "kommende"
                    | "kommendes" => 7,
                    "letzten" | "letzte" | "letztes" | "vergangenen" | "vergangene"
                    | "vergangenes" => -7,
                    _ => 0,
                };
            let saturday = monday + Duration::days(5 + shift);
            return Some((
                index + 1,
                Value::days(saturday, saturday + Duration::days(1)),
                true,
            ));
        }
        if word == "unter" && self.word(index + 1) == "der" && self.word(index + 2) == "woche" {
            let reference = reference?;
            let monday =
                reference - Duration::days(reference.weekday().num_days_from_monday() as i64);
            return Some((
                index + 3,
                Value::days(monday, monday + Duration::days(4)),
                true,
            ));
        }
        // "dieses Jahr", "letztes Jahr", "vorletztem Jahr", "nächste
        // Arbeitswoche", "des Jahres".
        let offset = relative_offset(word)?;
        let unit_word = self.word(index + 1);
        let reference = reference?;
        match unit_word {
            "jahr" | "jahres" | "jahre" => {
                if self.digits(index + 2, 4..=4).is_some() {
                    return None;
                }
                let year = reference.year() + offset;
                let mut end = index + 2;
                let mut value = Value::year(year)?;
                if self.is(end, &["früh", "früher"]) {
                    value = Value::days(
                        NaiveDate::from_ymd_opt(year, 1, 1)?,
                        NaiveDate::from_ymd_opt(year, 6, 30)?,
                    );
                    end += 1;
                } else if self.is(end, &["später", "spät"]) {
                    value = Value::days(
                        NaiveDate::from_ymd_opt(year, 7, 1)?,
                        NaiveDate::from_ymd_opt(year, 12, 31)?,
                    );
                    end += 1;
                }
                Some((end, value, true))
            }
            "monat" | "monats" => {
                let first = reference.with_day(1)?;
                let shifted = if offset < 0 {
                    first.checked_sub_months(Months::new(offset.unsigned_abs()))?
                } else {
                    first.checked_add_months(Months::new(offset as u32))?
                };
                Some((
                    index + 2,
                    Value::month(shifted.year(), shifted.month())?,
                    true,
                ))
            }
            "woche" | "arbeitswoche" | "werktags" | "werktagswoche" | "woche," => {
                let monday = reference
                    - Duration::days(reference.weekday().num_days_from_monday() as i64)
                    + Duration::weeks(offset as i64);
                let length = if unit_word == "woche" { 6 } else { 4 };
                Some((
                    index + 2,
                    Value::days(monday, monday + Duration::days(length)),
                    true,
                ))
            }
            _ => None,
        }
    }

    /// A year written alone: four digits from 1900 to 2100, not a count
    /// ("2020 Menschen") nor part of a longer number.
    fn year_at(&self, index: usize) -> Option<i32> {
        let year = self.digits(index, 4..=4)? as i32;
        if !(1900..=2100).contains(&year) {
            return None;
        }
        let before = if index > 0 { self.word(index - 1) } else { "" };
        let introduced = [
            "im",
            "jahr",
            "seit",
            "ab",
            "bis",
            "von",
            "vor",
            "nach",
            "anfang",
            "mitte",
            "ende",
            "in",
            "since",
            "until",
            "zwischen",
            "und",
            "frühjahr",
            "herbst",
            "sommer",
            "winter",
        ]
        .contains(&before);
        if introduced {
            return Some(year);
        }
        if [".", ",", "/", "-", ":", "€", "$"].contains(&before)
            && index > 0
            && self.touching(index - 1, index)
        {
            return None;
        }
        if before.bytes().all(|b| b.is_ascii_digit()) && !before.is_empty() {
            return None;
        }
        // Followed by a noun it counts ("2020 Menschen"), or by a number sign.
        match self.tokens.get(index + 1) {
            Some(next) if next.capital && !self.starts_sentence(index + 1) => None,
            Some(next)
                if [",", ".", "%"].contains(&&*next.lower)
                    && self.touching(index, index + 1)
                    && self.digits(index + 2, 1..=3).is_some() =>
            {
                None
            }
            Some(next) if next.lower == "%" => None,
            _ => Some(year),
        }
    }

    /// Dates in other written forms: "29/2", "29/2/2020", "10/1-11/2/2017",
    /// "Sep-23-2020", "2020/Sep/23", "23-2020-September"; and day and
    /// month as ordinals after "am", "den" or a weekday: "am siebter 4.",
    /// "den siebten vierten", "Montag zwölfter fünfter", "am 27. 11.".
    fn other_date(&self, index: usize) -> Option<(usize, Value, bool)> {
        if let Some(found) = self.slashed(index, false) {
            return Some(found);
        }
        let before = if index > 0 { self.word(index - 1) } else { "" };
        // "am 22.04", "für 28.10.": day and month without the year.
        if ["am", "den", "für", "vom", "bis", "zum", "ab", "seit"].contains(&before)
            && self.word(index + 1) == "."
            && self.touching(index, index + 1)
            && self.touching(index + 1, index + 2)
        {
            let day = self.digits(index, 1..=2).filter(|d| (1..=31).contains(d))?;
            let month = self
                .digits(index + 2, 2..=2)
                .filter(|m| (1..=12).contains(m))?;
            let mut end = index + 3;
            if self.word(end) == "." && self.touching(end - 1, end) {
                if self.digits(end + 1, 1..=4).is_some() && self.touching(end, end + 1) {
                    return None;
                }
                end += 1;
            } else if self.is(end, &[",", ":"]) && self.touching(end - 1, end) {
                return None;
            }
            let day = NaiveDate::from_ymd_opt(self.reference_day()?.year(), month, day)?;
            return Some((end, Value::Day { day, weekday: None }, true));
        }
        let introduced =
            ["am", "den", "dem", "der"].contains(&before) || weekday_number(before).is_some();
        if !introduced {
            return None;
        }
        let (day, end) = self.ordinal_or_dotted(index, 31)?;
        let separator = if self.word(end) == "/" { end + 1 } else { end };
        let (month, end) = self.ordinal_or_dotted(separator, 12)?;
        let reference = self.reference_day();
        let (year, end, relative) = match self.digits(end, 4..=4) {
            Some(year) => (year as i32, end + 1, false),
            None => (reference?.year(), end, true),
        };
        let day = NaiveDate::from_ymd_opt(year, month, day)?;
        Some((end, Value::Day { day, weekday: None }, relative))
    }

    /// "7." or "siebter" as a number up to `max`.
    fn ordinal_or_dotted(&self, index: usize, max: u32) -> Option<(u32, usize)> {
        let word = self.word(index);
        if let Some(value) = self.digits(index, 1..=2) {
            if self.word(index + 1) == "." && (1..=max).contains(&value) {
                return Some((value, index + 2));
            }
            return None;
        }
        let value = crate::numbers::german_ordinal(word)?;
        let value = value as u32;
        (1..=max).contains(&value).then_some((value, index + 1))
    }

    fn slashed(&self, index: usize, inner: bool) -> Option<(usize, Value, bool)> {
        // Up to three parts joined by "/" or "-" without spaces.
        let mut parts = vec![index];
        let mut at = index;
        let mut separator = None;
        while parts.len() < 3 && self.touching(at, at + 1) && self.touching(at + 1, at + 2) {
            let sign = self.word(at + 1);
            if !["/", "-"].contains(&sign) || separator.as_deref().is_some_and(|s| s != sign) {
                break;
            }
            separator = Some(sign.to_string());
            parts.push(at + 2);
            at += 2;
        }
        if parts.len() < 2 {
            return None;
        }
        if !inner && index > 0 && self.touching(index - 1, index) && !self.is(index - 1, &["("]) {
            return None;
        }
        let reference = self.reference_day();
        let (mut day, mut month, mut year) = (None, None, None);
        let mut named_month = false;
        for &part in &parts {
            let word = self.word(part);
            if let Some(number) = month_number(word).or_else(|| abbreviated_month(word)) {
                month = Some(number);
                named_month = true;
            } else if let Some(value) = self.digits(part, 4..=4) {
                year = Some(value as i32);
            } else if let Some(value) = self.digits(part, 1..=2) {
                if day.is_none() {
                    day = Some(value);
                } else if month.is_none() {
                    month = Some(value);
                } else {
                    return None;
                }
            } else {
                return None;
            }
        }
        let separator = separator.unwrap_or_default();
        // Numbers alone: day/month with "/", and only standing alone or
        // after a word that introduces a date ("9/11" in running text is a name).
        if !named_month {
            if separator != "/" {
                return None;
            }
            let alone = index == 0
                || self.text[self.tokens[index - 1].range.end..self.tokens[index].range.start]
                    .contains('\n');
            let introduced = index > 0
                && self.is(
                    index - 1,
                    &["am", "den", "vom", "bis", "zum", "für", "ab", "seit"],
                );
            if !(inner || alone || introduced || year.is_some() || self.word(at + 1) == "-") {
                return None;
            }
        } else if parts.len() < 3 || year.is_none() {
            return None;
        }
        let (day, month) = (day?, month?);
        let mut end = at + 1;
        if self.word(end) == "." && self.touching(end - 1, end) {
            end += 1;
        }
        // A range "28/2-1/3" or "10/1-11/2/2017".
        if !named_month && self.word(at + 1) == "-" && self.touching(at, at + 1) {
            // A range that does not resolve ("29/2-1/3/2019") is none.
            if let Some((range_end, Value::Day { day: last, .. }, relative)) =
                self.slashed(at + 2, true)
            {
                let year_given = year.is_some();
                let year = year.unwrap_or(last.year());
                let first = leap_safe(year, month, day, !year_given && relative)?;
                let last = if first.year() != last.year() && relative {
                    NaiveDate::from_ymd_opt(first.year(), last.month(), last.day())?
                } else {
                    last
                };
                return Some((range_end, Value::days(first, last), relative));
            }
            return None;
        }
        let relative = year.is_none();
        let day = match year {
            Some(year) => NaiveDate::from_ymd_opt(year, month, day)?,
            None => leap_safe(reference?.year(), month, day, true)?,
        };
        Some((end, Value::Day { day, weekday: None }, relative))
    }
}

/// `day.month.` in `year`; for a 29 February without a year, the last leap
/// year before.
fn leap_safe(year: i32, month: u32, day: u32, search: bool) -> Option<NaiveDate> {
    if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
        return Some(date);
    }
    if !search || (month, day) != (2, 29) {
        return None;
    }
    (1..8).find_map(|back| NaiveDate::from_ymd_opt(year - back, 2, 29))
}

fn unit(word: &str) -> Option<(char, bool)> {
    Some(match word {
        "sekunde" | "sekunden" | "sek" | "sec" | "second" | "seconds" => ('S', true),
        "minute" | "minuten" | "min" | "minutes" => ('M', true),
        "stunde" | "stunden" | "std" | "hour" | "hours" => ('H', true),
        "tag" | "tage" | "tagen" | "tg" | "day" | "days" => ('D', false),
        "woche" | "wochen" | "week" | "weeks" => ('W', false),
        "monat" | "monate" | "monaten" | "month" | "months" => ('M', false),
        "jahr" | "jahre" | "jahren" | "year" | "years" => ('Y', false),
        _ => return None,
    })
}

/// The first and last day a written year (`2016`), month (`2016-09`) or
/// day (`2016-09-03`) covers.
pub fn days_of(written: &str) -> Option<(NaiveDate, NaiveDate)> {
    match written.len() {
        4 => {
            let year = written.parse().ok()?;
            Some((
                NaiveDate::from_ymd_opt(year, 1, 1)?,
                NaiveDate::from_ymd_opt(year, 12, 31)?,
            ))
        }
        7 => {
            let first = NaiveDate::parse_from_str(&format!("{written}-01"), "%Y-%m-%d").ok()?;
            Some((first, first.checked_add_months(Months::new(1))?.pred_opt()?))
        }
        10 => {
            let day = NaiveDate::parse_from_str(written, "%Y-%m-%d").ok()?;
            Some((day, day))
        }
        _ => None,
    }
}

/// Seconds of an ISO 8601 duration as `duration` values are written
/// (`PT1.5H`, `P3.5Y`; a year is 365 days, a month 30).
pub fn duration_seconds(iso: &str) -> Option<f64> {
    let time = iso.starts_with("PT");
    let body = iso.strip_prefix('P')?.trim_start_matches('T');
    let unit = body.chars().last()?;
    let amount: f64 = body[..body.len() - unit.len_utf8()].parse().ok()?;
    let known = matches!(
        (unit, time),
        ('S' | 'M' | 'H', true) | ('D' | 'W', _) | ('M' | 'Y', false)
    );
    known.then(|| amount * unit_seconds(unit, time))
}

fn unit_seconds(unit: char, time: bool) -> f64 {
    match (unit, time) {
        ('S', true) => 1.0,
        ('M', true) => 60.0,
        ('H', true) => 3_600.0,
        ('D', _) => 86_400.0,
        ('W', _) => 604_800.0,
        ('M', false) => 2_592_000.0,
        _ => 31_536_000.0,
    }
}

fn iso_duration(amount: f64, unit: char, time: bool) -> String {
    let amount = format!("{amount}");
    if time {
        format!("PT{amount}{unit}")
    } else {
        format!("P{amount}{unit}")
    }
}

fn weekday_number(word: &str) -> Option<u32> {
    WEEKDAYS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(word))
        .map(|(_, number)| *number)
}

fn month_number(word: &str) -> Option<u32> {
    // (A map: this is asked for every word.)
    static MONTHS: OnceLock<rustc_hash::FxHashMap<String, u32>> = OnceLock::new();
    MONTHS
        .get_or_init(|| {
            // The first of a name's entries wins, as in a search of the list.
            let mut map = rustc_hash::FxHashMap::default();
            for (name, number) in crate::lexicon::MONTHS {
                map.entry(name.to_lowercase()).or_insert(*number);
            }
            map
        })
        .get(word)
        .copied()
}

fn lower_weekdays() -> &'static [(String, u32)] {
    static WEEKDAY_NAMES: OnceLock<Vec<(String, u32)>> = OnceLock::new();
    WEEKDAY_NAMES.get_or_init(|| {
        WEEKDAYS
            .iter()
            .map(|(name, number)| (name.to_lowercase(), *number))
            .collect()
    })
}

fn abbreviated_month(word: &str) -> Option<u32> {
    const SHORT: &[&str] = &[
        "jan", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez",
    ];
    if let Some(at) = SHORT.iter().position(|short| *short == word) {
        return Some(at as u32 + 1);
    }
    match word {
        "mrz" | "mar" => Some(3),
        "may" => Some(5),
        "sept" => Some(9),
        "oct" => Some(10),
        "dec" => Some(12),
        _ => None,
    }
}

/// "dieses" 0, "letztes" -1, "vorletztem" -2, "nächste" +1, …
fn relative_offset(word: &str) -> Option<i32> {
    let stem = ["es", "en", "em", "er", "e", "s"]
        .iter()
        .find_map(|ending| word.strip_suffix(ending))
        .unwrap_or(word);
    Some(match stem {
        "dies" | "da" | "d" | "this" => 0,
        "letzt" | "vergangen" | "vorig" | "last" => -1,
        "vorletzt" => -2,
        "nächst" | "kommend" | "next" => 1,
        "übernächst" => 2,
        _ => return None,
    })
}

/// The moment relative expressions are resolved against: the reference
/// day of [`dates::reference_date`] at the publication time when the
/// article was published that day, else at midnight.
pub fn reference(article: &ticker_model::Article) -> Option<NaiveDateTime> {
    let day = dates::reference_date(article)?;
    let time = article
        .published_at
        .map(|at| at.naive_local())
        .filter(|at| at.date() == day)
        .map_or(NaiveTime::MIN, |at| at.time());
    Some(day.and_time(time))
}

/// Finds the temporal expressions of `text`: the calendar days of
/// [`dates::find`] joined with times, parts of days, durations,
/// recurrences, years, months and ranges.
pub fn find(
    text: &str,
    sentences: &[Range<usize>],
    reference: Option<NaiveDateTime>,
) -> Vec<FoundDate> {
    find_with_words(text, &crate::entities::tokens(text), sentences, reference)
}

/// [`find`] with the words of `text` (from [`crate::entities::tokens`]) at
/// hand.
pub fn find_with_words(
    text: &str,
    words: &[crate::entities::Token<'_>],
    sentences: &[Range<usize>],
    reference: Option<NaiveDateTime>,
) -> Vec<FoundDate> {
    let days = dates::find_with_words(text, words, sentences, reference.map(|at| at.date()));
    let tokens = tokenize(text);
    if tokens.is_empty() {
        return days;
    }
    let first_token = |byte: usize| tokens.partition_point(|t| t.range.start < byte);
    let sentence_starts: Vec<usize> = sentences.iter().map(|s| first_token(s.start)).collect();
    let scanner = Scanner {
        tokens: &tokens,
        reference,
        sentence_starts,
        text,
        sentences,
    };
    let mut atoms: Vec<Atom> = Vec::new();
    let mut leading_words: std::collections::HashMap<(usize, usize), usize> =
        std::collections::HashMap::new();
    for day in &days {
        let first = first_token(day.range.start);
        let end = first_token(day.range.end);
        // "bis Freitag" is the day Friday after the word "bis", which the
        // joining below reads; a day that joins nothing keeps its word.
        let original_first = first;
        let mut first = first;
        while first + 1 < end
            && scanner.is(
                first,
                &[
                    "am", "ab", "seit", "bis", "vom", "on", "since", "by", "until",
                ],
            )
        {
            first += 1;
        }
        if first >= end {
            continue;
        }
        // "Morgen" the morning, not tomorrow: capitalised inside a
        // sentence, or after "am", "guten" or a weekday.
        if end == first + 1 && scanner.word(first) == "morgen" {
            let capital = tokens[first].capital && !scanner.starts_sentence(first);
            let before = if first > 0 {
                scanner.word(first - 1)
            } else {
                ""
            };
            if capital
                || ["am", "guten", "dieser", "diesen", "jeden", "gegen", "den"].contains(&before)
                || weekday_number(before).is_some()
            {
                continue;
            }
        }
        let value = match NaiveDate::parse_from_str(&day.value, "%Y-%m-%d") {
            Ok(date) if day.value.len() == 10 => {
                let last = &tokens[end - 1].lower;
                let weekday = weekday_number(last).filter(|_| {
                    !tokens[first..end]
                        .iter()
                        .any(|t| t.lower.bytes().all(|b| b.is_ascii_digit()))
                });
                Value::Day { day: date, weekday }
            }
            _ => match span_of(&day.value) {
                Some((first_day, last_day, label)) => Value::Days {
                    first: first_day,
                    last: last_day,
                    label,
                },
                None => continue,
            },
        };
        if first != original_first {
            leading_words.insert((first, end), original_first);
        }
        atoms.push(Atom {
            first,
            end,
            value,
            relative: day.relative,
        });
    }
    for (index, token) in tokens.iter().enumerate() {
        let mut push = |end: usize, value: Value, relative: bool, first: usize| {
            atoms.push(Atom {
                first,
                end,
                value,
                relative,
            });
        };
        if let Some((end, value)) = scanner.time_range(index) {
            push(end, value, false, index);
        } else if let Some((end, clock, part)) = scanner.time_point(index, true) {
            if !scanner.is(index, &["um", "gegen"]) || scanner.modifier(index).is_some() {
                let clock = part.map_or(clock, |part| clock.in_part(part));
                push(end, Value::Time { clock, part }, false, index);
            }
        }
        if let Some((end, value)) = scanner.weekday_part(index) {
            push(end, value, true, index);
        } else if let Some(part) = Part::of(scanner.word(index)) {
            let noun = token.capital && !scanner.starts_sentence(index);
            let before = if index > 0 {
                scanner.word(index - 1)
            } else {
                ""
            };
            let adverb = token.lower.ends_with('s') || token.lower.starts_with("spät");
            let is_morning_word = token.lower == "morgen";
            let introduced =
                ["am", "gegen", "dieser", "diesen", "heute", "zur", "auf"].contains(&before);
            if (noun || introduced || (adverb && !is_morning_word))
                && before != "guten"
                && token.lower != "früh"
            {
                let value = if ["dieser", "diesen", "heute"].contains(&before) {
                    match scanner.reference_day() {
                        Some(day) => {
                            let (from, to) = part.range();
                            Value::DateTimes(day.and_time(from.time()), day.and_time(to.time()))
                        }
                        None => Value::Part(part),
                    }
                } else {
                    Value::Part(part)
                };
                let first = if ["dieser", "diesen", "heute"].contains(&before) {
                    index - 1
                } else {
                    index
                };
                push(index + 1, value, true, first);
            }
        }
        if let Some((first, end, value, relative)) = scanner.duration_value(index) {
            push(end, value, relative, first);
        }
        if let Some((end, timex)) = scanner.set(index) {
            push(end, Value::Set(timex), false, index);
        }
        if let Some((end, value, relative)) = scanner.span(index) {
            push(end, value, relative, index);
        }
        if let Some((end, value, relative)) = scanner.other_date(index) {
            push(end, value, relative, index);
        }
        // Day numbers waiting for a month: "vom 4. bis zum 23.", "zwischen
        // dem 3. und dem 12. September", "November 19-20".
        if let Some(found) = day_numbers(&scanner, index) {
            atoms.push(found);
        }
    }
    // The longest atom wins an overlap; earlier ones first.
    atoms.sort_by(|a, b| {
        a.first
            .cmp(&b.first)
            .then((b.end - b.first).cmp(&(a.end - a.first)))
    });
    let mut kept: Vec<Atom> = Vec::new();
    for atom in atoms {
        if let Some(last) = kept.last() {
            if atom.first < last.end {
                continue;
            }
        }
        kept.push(atom);
    }
    let joined = join(&scanner, kept);
    let mut found: Vec<FoundDate> = joined
        .into_iter()
        .filter_map(|atom| {
            let (kind, value) = atom.value.written()?;
            let first = match atom.value {
                Value::Day { .. } => *leading_words
                    .get(&(atom.first, atom.end))
                    .unwrap_or(&atom.first),
                _ => atom.first,
            };
            let start = tokens[first].range.start;
            let end = tokens[atom.end - 1].range.end;
            Some(FoundDate {
                range: start..end,
                value,
                relative: atom.relative,
                kind,
            })
        })
        .collect();
    found.sort_by_key(|date| date.range.start);
    found
}

/// The days a `dates` value covers: `YYYY-MM`, `YYYY`, `a/b`.
fn span_of(value: &str) -> Option<(NaiveDate, NaiveDate, (String, String))> {
    let (a, b) = value.split_once('/').unwrap_or((value, value));
    let (first, _) = days_of(a)?;
    let (_, last) = days_of(b)?;
    Some((first, last, (a.to_string(), b.to_string())))
}

fn day_numbers(scanner: &Scanner<'_>, index: usize) -> Option<Atom> {
    let word = scanner.word(index);
    // "November 19-20"
    if let Some(month) = month_number(word) {
        let from = scanner.digits(index + 1, 1..=2)?;
        if scanner.word(index + 2) != "-" {
            return None;
        }
        let to = scanner.digits(index + 3, 1..=2)?;
        let year = scanner.reference_day()?.year();
        let first = NaiveDate::from_ymd_opt(year, month, from)?;
        let last = NaiveDate::from_ymd_opt(year, month, to)?;
        return Some(Atom {
            first: index,
            end: index + 4,
            value: Value::days(first, last),
            relative: true,
        });
    }
    let (open, join_words): (&[&str], &[&str]) = match word {
        "vom" | "von" => (&["dem"][..], &["bis"][..]),
        "zwischen" => (&["dem"][..], &["und"][..]),
        _ => return None,
    };
    let mut at = index + 1;
    if open.contains(&scanner.word(at)) {
        at += 1;
    }
    let from = scanner.digits(at, 1..=2).filter(|d| (1..=31).contains(d))?;
    if scanner.word(at + 1) != "." {
        return None;
    }
    at += 2;
    if !join_words.contains(&scanner.word(at)) {
        return None;
    }
    at += 1;
    if scanner.is(at, &["zum", "dem", "den"]) {
        at += 1;
    }
    let to = scanner.digits(at, 1..=2).filter(|d| (1..=31).contains(d))?;
    if scanner.word(at + 1) != "." {
        return None;
    }
    at += 2;
    if let Some(month) = month_number(scanner.word(at)) {
        let (year, end, relative) = match scanner.digits(at + 1, 4..=4) {
            Some(year) => (year as i32, at + 2, false),
            None => (scanner.reference_day()?.year(), at + 1, true),
        };
        return Some(Atom {
            first: index,
            end,
            value: Value::days(
                NaiveDate::from_ymd_opt(year, month, from)?,
                NaiveDate::from_ymd_opt(year, month, to)?,
            ),
            relative,
        });
    }
    Some(Atom {
        first: index,
        end: at,
        value: Value::DayNumbers(from, to),
        relative: true,
    })
}

/// Joins neighbouring atoms left to right.
fn join(scanner: &Scanner<'_>, mut atoms: Vec<Atom>) -> Vec<Atom> {
    // Twice: "von Montag 7 Uhr bis Freitag 15 Uhr" first makes two
    // datetimes, then their range.
    let mut out: Vec<Atom> = Vec::new();
    for _ in 0..2 {
        out = Vec::with_capacity(atoms.len());
        for atom in atoms {
            if let Some(last) = out.last() {
                let between: Vec<&str> = (last.end..atom.first).map(|i| scanner.word(i)).collect();
                if let Some(joined) = join_two(scanner, last, &atom, &between) {
                    out.pop();
                    out.push(joined);
                    continue;
                }
            }
            out.push(atom);
        }
        atoms = out.clone();
    }
    // Open ranges and a month for waiting day numbers.
    let reference = scanner.reference_day();
    out.into_iter()
        .filter_map(|mut atom| {
            if let Value::DayNumbers(from, to) = atom.value {
                let day = reference?;
                atom.value = Value::days(day.with_day(from)?, day.with_day(to)?);
                return Some(atom);
            }
            open_range(scanner, &mut atom);
            Some(atom)
        })
        .collect()
}

/// "ab 14 Uhr", "bis März 2008", "vor 2000", "nach dem Wochenende", "seit
/// dem Jahr 2001". Single days keep their day ("ab Donnerstag" is when
/// something starts).
fn open_range(scanner: &Scanner<'_>, atom: &mut Atom) {
    if atom.first == 0 {
        return;
    }
    let mut at = atom.first - 1;
    if scanner.is(at, &["dem", "den", "zum", "zur"]) && at > 0 {
        at -= 1;
    }
    let word = scanner.word(at).to_string();
    let (kind, value) = match (&atom.value, word.as_str()) {
        (Value::Days { label, .. }, "ab" | "seit" | "since" | "from") => {
            (Kind::DateRange, format!("{}/..", label.0))
        }
        (Value::Days { last, .. }, "nach" | "after") => {
            (Kind::DateRange, format!("{}/..", *last + Duration::days(1)))
        }
        (Value::Days { label, .. }, "bis" | "until") => {
            (Kind::DateRange, format!("../{}", label.1))
        }
        (Value::Days { first, .. }, "vor" | "before") => (
            Kind::DateRange,
            format!("../{}", *first - Duration::days(1)),
        ),
        (Value::Time { clock, .. }, "ab" | "nach" | "seit" | "after" | "from") => {
            (Kind::TimeRange, format!("{}/..", clock.iso()))
        }
        (Value::Time { clock, .. }, "bis" | "vor" | "until" | "before") => {
            (Kind::TimeRange, format!("../{}", clock.iso()))
        }
        _ => return,
    };
    atom.first = at;
    atom.value = Value::Open(kind, value);
}

fn join_two(scanner: &Scanner<'_>, a: &Atom, b: &Atom, between: &[&str]) -> Option<Atom> {
    let joined = |value: Value, first: usize| Atom {
        first,
        end: b.end,
        value,
        relative: a.relative || b.relative,
    };
    let before_a = |words: &[&str]| -> Option<usize> {
        let mut at = a.first.checked_sub(1)?;
        if scanner.is(at, &["dem", "den"]) {
            at = at.checked_sub(1)?;
        }
        words.contains(&scanner.word(at)).then_some(at)
    };
    let is_range_word = matches!(between, ["bis"] | ["bis", "zum" | "zur"] | ["-"] | ["–"]);
    let is_between =
        matches!(between, ["und"] | ["und", "dem" | "den"]) && before_a(&["zwischen"]).is_some();
    let range_start = before_a(&["von", "vom", "zwischen", "from"]).unwrap_or(a.first);
    if is_range_word || is_between {
        match (&a.value, &b.value) {
            (Value::Day { day: from, .. }, Value::Day { day: to, weekday }) => {
                let mut to = *to;
                if weekday.is_some() {
                    while to < *from {
                        to += Duration::days(7);
                    }
                }
                return Some(joined(Value::days(*from, to), range_start));
            }
            (
                Value::Days {
                    first, label: la, ..
                },
                Value::Days {
                    last, label: lb, ..
                },
            ) => {
                return Some(joined(
                    Value::Days {
                        first: *first,
                        last: *last,
                        label: (la.0.clone(), lb.1.clone()),
                    },
                    range_start,
                ));
            }
            (
                Value::Time {
                    clock: from,
                    part: pa,
                },
                Value::Time {
                    clock: to,
                    part: pb,
                },
            ) => {
                let from = match (pa, pb) {
                    (None, Some(part)) => from.in_part(*part),
                    _ => *from,
                };
                return Some(joined(Value::Times(from, *to), range_start));
            }
            (Value::DateTime(from), Value::DateTime(to)) => {
                let mut to = *to;
                while to < *from && b.relative {
                    to += Duration::days(7);
                }
                return Some(joined(Value::DateTimes(*from, to), range_start));
            }
            _ => {}
        }
    }
    let glue = matches!(
        between,
        [] | [","] | ["um"] | ["gegen"] | [",", "um"] | ["am"]
    );
    match (&a.value, &b.value) {
        // "Dienstag, der 25.", "Donnerstag 7. vierter": the date wins.
        (
            Value::Day {
                weekday: Some(_), ..
            },
            Value::Day { weekday: None, .. },
        ) if matches!(between, [] | [","] | [",", "der" | "den"] | ["der" | "den"]) => {
            Some(joined(b.value.clone(), a.first))
        }
        // "nächste Woche Montag", "übernächsten Woche am Donnerstag".
        (
            Value::Days { first, last, .. },
            Value::Day {
                weekday: Some(weekday),
                ..
            },
        ) if (*last - *first).num_days() <= 6 && matches!(between, [] | ["am"]) => {
            let day = *first
                + Duration::days(*weekday as i64 - first.weekday().num_days_from_monday() as i64);
            Some(joined(Value::Day { day, weekday: None }, a.first))
        }
        (Value::Day { day, .. }, Value::Time { clock, .. }) if glue => {
            Some(joined(Value::DateTime(day.and_time(clock.time())), a.first))
        }
        (Value::Day { day, .. }, Value::Times(from, to)) if glue || between.is_empty() => {
            Some(joined(
                Value::DateTimes(day.and_time(from.time()), day.and_time(to.time())),
                a.first,
            ))
        }
        (Value::Day { day, .. }, Value::Part(part)) if matches!(between, [] | [","]) => {
            let (from, to) = part.range();
            Some(joined(
                Value::DateTimes(day.and_time(from.time()), day.and_time(to.time())),
                a.first,
            ))
        }
        // "Sonntag frühmorgens um 8:00", "sonntag spätabend um 10:00".
        (Value::DateTimes(from, _), Value::Time { clock, part: None }) if glue => {
            let part = part_at(from.time());
            let clock = part.map_or(*clock, |part| clock.in_part(part));
            Some(joined(
                Value::DateTime(from.date().and_time(clock.time())),
                a.first,
            ))
        }
        (Value::Set(timex), Value::Time { clock, .. }) if matches!(between, [] | ["um"]) => {
            let timex = if timex.starts_with("XXXX") {
                format!("{timex}{}", clock.timex())
            } else {
                clock.timex()
            };
            Some(joined(Value::Set(timex), a.first))
        }
        (Value::Days { first, last, .. }, Value::DayNumbers(from, to))
            if between.is_empty() && first.month() == last.month() =>
        {
            Some(joined(
                Value::days(first.with_day(*from)?, first.with_day(*to)?),
                a.first,
            ))
        }
        _ => None,
    }
}

/// The part of the day that starts at `time` (for joined day and part).
fn part_at(time: NaiveTime) -> Option<Part> {
    match time.hour() {
        12 => Some(Part::Afternoon),
        14 => Some(Part::LateAfternoon),
        16 => Some(Part::Evening),
        18 => Some(Part::LateEvening),
        20 => Some(Part::Night),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, reference: &str) -> Vec<String> {
        let reference = NaiveDateTime::parse_from_str(reference, "%Y-%m-%d %H:%M").ok();
        find(text, &crate::sentences::split(text), reference)
            .into_iter()
            .map(|d| format!("{} {}", d.kind.as_str(), d.value))
            .collect()
    }

    /// Random sequences of the words the pass reacts to never panic.
    #[test]
    fn word_soup_never_panics() {
        const WORDS: &[&str] = &[
            "am",
            "um",
            "von",
            "vom",
            "bis",
            "zum",
            "zwischen",
            "und",
            "dem",
            "den",
            "der",
            "ab",
            "seit",
            "vor",
            "nach",
            "in",
            "die",
            "nächsten",
            "letzten",
            "jeden",
            "alle",
            "immer",
            "Uhr",
            "halb",
            "viertel",
            "dreiviertel",
            "Mitternacht",
            "abends",
            "Morgen",
            "morgen",
            "Dienstagmorgen",
            "Montag",
            "montags",
            "Mai",
            "Sep",
            "Jahr",
            "Jahres",
            "Monats",
            "Woche",
            "Wochenende",
            "Ende",
            "Anfang",
            "dieses",
            "2020",
            "1989",
            "29",
            "2",
            "31",
            "12",
            "0",
            "99999",
            "3,5",
            "18:12",
            "8:00:31",
            "18.12",
            "22.04",
            "29/2",
            "-",
            "/",
            ",",
            ".",
            ":",
            "Stunden",
            "Tage",
            "Jahren",
            "Minuten",
            "anderthalb",
            "eine",
            "halbe",
            "später",
            "rund",
            "jetzt",
            "täglich",
            "siebten",
            "vierten",
            "Heiligabend",
            "früh",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..5_000 {
            let length = 1 + (next() % 12) as usize;
            let text: Vec<&str> = (0..length)
                .map(|_| WORDS[(next() % WORDS.len() as u64) as usize])
                .collect();
            let text = text.join(if next() % 3 == 0 { "" } else { " " });
            for reference in ["2022-01-13 09:59", "2020-02-29 23:59", "2016-12-31 00:00"] {
                found(&text, reference);
            }
        }
    }

    #[test]
    fn written_values_read_back() {
        assert_eq!(duration_seconds("PT1.5H"), Some(5_400.0));
        assert_eq!(duration_seconds("P3.5Y"), Some(110_376_000.0));
        assert_eq!(duration_seconds("P2H"), None);
        let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
        assert_eq!(
            days_of("2016-09"),
            Some((day("2016-09-01"), day("2016-09-30")))
        );
        assert_eq!(
            days_of("2016"),
            Some((day("2016-01-01"), day("2016-12-31")))
        );
    }

    #[test]
    fn times_of_day() {
        assert_eq!(
            found("Lass uns um 18:12 gehen", "2019-08-05 00:00"),
            ["time 18:12:00"]
        );
        assert_eq!(
            found("Lass uns um 18.12 Uhr gehen", "2019-08-05 00:00"),
            ["time 18:12:00"]
        );
        assert_eq!(
            found("Es ist halb 8.", "2016-11-07 00:00"),
            ["time 07:30:00"]
        );
        assert_eq!(
            found("Viertel nach 8 Abends", "2016-11-07 00:00"),
            ["time 20:15:00"]
        );
        assert_eq!(
            found("Nehmen Sie abends um 8 Uhr einen", "2016-11-07 00:00"),
            ["time 20:00:00"]
        );
        assert_eq!(
            found("um 12 Uhr nachts", "2016-11-07 00:00"),
            ["time 00:00:00"]
        );
        // "um" with a number is no time unless the words say so.
        assert!(found("Die Preise stiegen um 5 Prozent.", "2016-11-07 00:00").is_empty());
    }

    #[test]
    fn joined_expressions() {
        assert_eq!(
            found(
                "Am 14. Oktober um 8:00:31 ist es so weit.",
                "2016-11-07 00:00"
            ),
            ["datetime 2016-10-14T08:00:31"]
        );
        assert_eq!(
            found(
                "Ich bin am 22. April von 5 bis 6 Uhr nachmittags weg",
                "2016-11-07 00:00"
            ),
            ["datetimerange 2016-04-22T17:00:00/2016-04-22T18:00:00"]
        );
        assert_eq!(
            found(
                "Das ist dann nächsten Montagnachmittag.",
                "2016-11-07 16:12"
            ),
            ["datetimerange 2016-11-14T12:00:00/2016-11-14T16:00:00"]
        );
        assert_eq!(
            found("7 Uhr von Montag bis Freitag.", "2021-05-04 00:00"),
            ["time 07:00:00", "daterange 2021-05-03/2021-05-07"]
        );
        assert_eq!(
            found(
                "Ich bin nächsten Monat vom 4. bis zum 23. weg",
                "2016-11-07 00:00"
            ),
            ["daterange 2016-12-04/2016-12-23"]
        );
    }

    #[test]
    fn durations_sets_and_open_ranges() {
        assert_eq!(
            found("Wir haben anderthalb Stunden gewartet.", "2016-11-07 00:00"),
            ["duration PT1.5H"]
        );
        assert_eq!(
            found("Ich bin in 5 Minuten zurück", "2016-11-07 00:00"),
            ["datetime 2016-11-07T00:05:00"]
        );
        assert_eq!(
            found(
                "Der Termin ist jeden Mittwoch um 16 Uhr",
                "2016-11-07 00:00"
            ),
            ["set XXXX-WXX-3T16"]
        );
        assert_eq!(
            found("Das passiert dann jährlich", "2016-11-07 00:00"),
            ["set P1Y"]
        );
        assert_eq!(
            found("die es bis März 2008 verkaufte", "2020-04-30 00:00"),
            ["daterange ../2008-03"]
        );
        assert_eq!(
            found("Was läuft ab 14 Uhr", "2019-09-11 00:00"),
            ["timerange 14:00:00/.."]
        );
        assert_eq!(
            found("Wir hätten es letztes Jahr gekonnt.", "2018-05-28 00:00"),
            ["daterange 2017"]
        );
        assert_eq!(
            found(
                "Unruhen wie seit der Unabhängigkeit vor rund 30 Jahren nicht.",
                "2022-01-13 09:59"
            ),
            ["daterange 1992"]
        );
        assert_eq!(
            found("In zwei Wochen solle der Abzug enden.", "2022-01-13 09:59"),
            ["date 2022-01-27"]
        );
        // Huge amounts stay lengths; nothing panics.
        for text in [
            "vor 99999999999 Jahren",
            "in 9999 Jahren und 9999 Monaten",
            "die nächsten 999999999999 Tage",
            "die nächsten 9999 Tage",
            "alle 0 Tage",
            "vom 1.1.2100 bis Freitag",
            "29/2-29/2/2100",
        ] {
            found(text, "2022-01-13 09:59");
        }
        // A count is no year.
        assert!(found("Es kamen 2020 Menschen.", "2018-05-28 00:00").is_empty());
    }
}
