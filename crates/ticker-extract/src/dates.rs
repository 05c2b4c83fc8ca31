//! Dates, absolute and relative, resolved against the article's date.
//!
//! The reference date is the publication date, else the date hint of a
//! plain-text input when it names a day. Absolute dates ("13. Januar 2022",
//! "13.01.2022", "January 13, 2022") resolve without it (a missing year is
//! taken from it); relative ones ("am Donnerstag", "gestern", "vergangene
//! Woche", "in zwei Tagen") need it and are skipped without one. A bare
//! weekday points back in time, unless the sentence speaks of the future
//! ("ab Donnerstag", "soll", "wird", "kommende"), when it points forward.

use std::ops::Range;
use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate};
use regex::Regex;
use ticker_model::{Article, DateMention, TemporalKind};

use crate::entities::{tokens, Token};
use crate::lexicon::{MONTHS, NUMBER_WORDS, WEEKDAYS};

/// A resolved date with its byte range.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundDate {
    /// Byte range.
    pub range: Range<usize>,
    /// ISO date or interval.
    pub value: String,
    /// Resolved against the reference date (not written out in the text).
    pub relative: bool,
    /// What the value names.
    pub kind: TemporalKind,
}

impl FoundDate {
    /// To the record, with character offsets.
    pub fn to_record(&self, text: &str, offsets: &[u32]) -> DateMention {
        DateMention {
            text: text[self.range.clone()].to_string(),
            kind: self.kind,
            value: self.value.clone(),
            start: offsets[self.range.start],
            end: offsets[self.range.end],
        }
    }
}

/// The date relative expressions are resolved against: the publication
/// date; else a day-precise date hint; else the latest absolute date the
/// text names (within the hint's month when there is one): a report that
/// names "13. Januar" is not older than that day.
pub fn reference_date(article: &Article) -> Option<NaiveDate> {
    if let Some(published) = article.published_at {
        return Some(published.date_naive());
    }
    let hint = article.date_hint.as_deref();
    if let Some(day) = hint.and_then(|hint| NaiveDate::parse_from_str(hint, "%Y-%m-%d").ok()) {
        return Some(day);
    }
    let month_hint =
        hint.and_then(|hint| NaiveDate::parse_from_str(&format!("{hint}-01"), "%Y-%m-%d").ok());
    // Dates written out, in sentences that do not speak of the future
    // ("nach dem 23. Januar … werden" names a deadline, not today).
    let text = article.text.as_str();
    let sentences = crate::sentences::split(text);
    // The year comes from the hint, else from a date that writes it out;
    // relative dates resolved against this provisional day are dropped below.
    let provisional = month_hint.or_else(|| {
        find(text, &sentences, None)
            .iter()
            .find_map(|date| NaiveDate::parse_from_str(&date.value, "%Y-%m-%d").ok())
            .and_then(|date| NaiveDate::from_ymd_opt(date.year(), 1, 1))
    })?;
    find(text, &sentences, Some(provisional))
        .into_iter()
        .filter(|date| !date.relative)
        .filter(|date| {
            let sentence = sentences
                .iter()
                .find(|s| s.start <= date.range.start && date.range.end <= s.end);
            sentence.is_none_or(|s| !speaks_of_future("", &text[s.clone()]))
        })
        .filter_map(|date| NaiveDate::parse_from_str(&date.value, "%Y-%m-%d").ok())
        .filter(|date| {
            month_hint
                .is_none_or(|month| date.year() == month.year() && date.month() == month.month())
        })
        .max()
}

/// The date patterns. Word boundaries are ASCII (`(?-u:\b)`): with
/// Unicode ones the fast regex engines give up on the first umlaut and the
/// whole text went through the slow one. Only "übermorgen" starts with a
/// non-ASCII letter; it is matched without a leading boundary.
fn patterns() -> &'static [Regex; 4] {
    static RE: OnceLock<[Regex; 4]> = OnceLock::new();
    RE.get_or_init(|| {
        let months = MONTHS.iter().map(|(name, _)| *name).collect::<Vec<_>>().join("|");
        let weekdays = WEEKDAYS.iter().map(|(name, _)| *name).collect::<Vec<_>>().join("|");
        [
            Regex::new(&format!(r"(?-u:\b)(\d{{1,2}})\.\s?({months})(?:\s+(\d{{4}}))?")).expect("valid regex"),
            Regex::new(r"(?-u:\b)(\d{1,2})\.(\d{1,2})\.(?:(\d{4})(?-u:\b))?").expect("valid regex"),
            Regex::new(&format!(r"(?-u:\b)({months})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?(?-u:\b)")).expect("valid regex"),
            Regex::new(&format!(
                r"(?i)(?-u:\b)(?:(?:am|ab|seit|bis|vom|on|since|by|until|last|next)\s+)?(?:(vergangenen|letzten|kommenden|nächsten)\s+)?({weekdays})(?-u:\b)(?:\s+(kommender|nächster|vergangener|letzter|next|last)\s+(?:Woche|week)(?-u:\b))?|((?-u:\b)(?:gestern|vorgestern|heute|morgen|yesterday|today|tomorrow)|übermorgen)(?-u:\b)|(?-u:\b)(vergangenen?|letzten?|kommenden?|nächsten?|last|next|this|diese[rn]?)\s+(Woche|week|Monat|month|Jahr|year)(?-u:\b)|(?-u:\b)(?:in|vor|in\s+den\s+nächsten|innerhalb\s+von|binnen|within)\s+(\d+|\w+)\s+(Tagen|Wochen|days|weeks)(?-u:\b)"
            )).expect("valid regex"),
        ]
    })
}

/// Easter Sunday of `year` (anonymous Gregorian computus).
pub fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// Holidays: a fixed day (month, day) or days from Easter Sunday.
enum Holiday {
    Fixed(u32, u32),
    Easter(i64),
    /// The first Sunday on or after (month, day).
    Sunday(u32, u32),
}

const HOLIDAYS: &[(&str, Holiday)] = &[
    ("neujahr", Holiday::Fixed(1, 1)),
    ("neujahrstag", Holiday::Fixed(1, 1)),
    ("heilige drei könige", Holiday::Fixed(1, 6)),
    ("dreikönigstag", Holiday::Fixed(1, 6)),
    ("valentinstag", Holiday::Fixed(2, 14)),
    ("tag der arbeit", Holiday::Fixed(5, 1)),
    ("maifeiertag", Holiday::Fixed(5, 1)),
    ("johannistag", Holiday::Fixed(6, 24)),
    ("peter und paul", Holiday::Fixed(6, 29)),
    ("tag der deutschen einheit", Holiday::Fixed(10, 3)),
    ("reformationstag", Holiday::Fixed(10, 31)),
    ("halloween", Holiday::Fixed(10, 31)),
    ("allerheiligen", Holiday::Fixed(11, 1)),
    ("allerseelen", Holiday::Fixed(11, 2)),
    ("martinstag", Holiday::Fixed(11, 11)),
    ("barbaratag", Holiday::Fixed(12, 4)),
    ("nikolaustag", Holiday::Fixed(12, 6)),
    ("heiligabend", Holiday::Fixed(12, 24)),
    ("heiligen abend", Holiday::Fixed(12, 24)),
    ("ersten weihnachtsfeiertag", Holiday::Fixed(12, 25)),
    ("erster weihnachtsfeiertag", Holiday::Fixed(12, 25)),
    ("weihnachten", Holiday::Fixed(12, 25)),
    ("zweiten weihnachtsfeiertag", Holiday::Fixed(12, 26)),
    ("zweiten weihnachtstag", Holiday::Fixed(12, 26)),
    ("zweiter weihnachtsfeiertag", Holiday::Fixed(12, 26)),
    ("stephanstag", Holiday::Fixed(12, 26)),
    ("silvester", Holiday::Fixed(12, 31)),
    ("christmas", Holiday::Fixed(12, 25)),
    ("christmas eve", Holiday::Fixed(12, 24)),
    ("new year's day", Holiday::Fixed(1, 1)),
    ("new year's eve", Holiday::Fixed(12, 31)),
    ("fastnachtssamstag", Holiday::Easter(-50)),
    ("fastnachtssonntag", Holiday::Easter(-49)),
    ("rosenmontag", Holiday::Easter(-48)),
    ("faschingsdienstag", Holiday::Easter(-47)),
    ("aschermittwoch", Holiday::Easter(-46)),
    ("palmsonntag", Holiday::Easter(-7)),
    ("gründonnerstag", Holiday::Easter(-3)),
    ("karfreitag", Holiday::Easter(-2)),
    ("karsamstag", Holiday::Easter(-1)),
    ("ostersonntag", Holiday::Easter(0)),
    ("ostern", Holiday::Easter(0)),
    ("ostermontag", Holiday::Easter(1)),
    ("christi himmelfahrt", Holiday::Easter(39)),
    ("himmelfahrt", Holiday::Easter(39)),
    ("pfingstsonntag", Holiday::Easter(49)),
    ("pfingsten", Holiday::Easter(49)),
    ("pfingstmontag", Holiday::Easter(50)),
    ("fronleichnam", Holiday::Easter(60)),
    ("easter", Holiday::Easter(0)),
    ("weltkindertag", Holiday::Fixed(6, 1)),
    ("augsburger friedensfest", Holiday::Fixed(8, 8)),
    ("frühlingsanfang", Holiday::Fixed(3, 20)),
    ("sommeranfang", Holiday::Fixed(6, 21)),
    ("herbstanfang", Holiday::Fixed(9, 22)),
    ("winteranfang", Holiday::Fixed(12, 21)),
    ("muttertag", Holiday::Sunday(5, 8)),
    ("erntedankfest", Holiday::Sunday(10, 1)),
    ("erntedank", Holiday::Sunday(10, 1)),
    ("volkstrauertag", Holiday::Sunday(11, 13)),
    ("totensonntag", Holiday::Sunday(11, 20)),
    ("ewigkeitssonntag", Holiday::Sunday(11, 20)),
    ("erster advent", Holiday::Sunday(11, 27)),
    ("ersten advent", Holiday::Sunday(11, 27)),
    ("good friday", Holiday::Easter(-2)),
];

/// Ordinal day words: "ersten" … "einunddreißigsten".
fn ordinal_day(word: &str) -> Option<u32> {
    let lower = word.to_lowercase();
    let stem = ["sten", "ster", "ste", "ten", "ter", "te"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix))?;
    let value = match stem {
        "ers" => 1,
        "drit" => 3,
        "sieb" => 7,
        "ach" => 8,
        _ => crate::numbers::german_word(stem)? as u32,
    };
    (1..=31).contains(&value).then_some(value)
}

/// Holidays ("an Ostern", "Pfingsten 2022", "Allerheiligen letzten
/// Jahres") and days written as ordinal words ("am zweiten Mai"), resolved
/// in the reference year unless a year is named.
fn named_days(
    text: &str,
    words: &[Token<'_>],
    reference: NaiveDate,
) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    let year_after = |end: usize| -> (i32, usize) {
        let rest = &text[end..];
        let trimmed = rest.trim_start();
        let skipped = rest.len() - trimmed.len();
        let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
        if digits.len() == 4 {
            if let Ok(year) = digits.parse() {
                return (year, end + skipped + 4);
            }
        }
        // (The phrases are short: lower-casing the next words is enough,
        // where the whole rest of the text would make many holidays in one
        // long text quadratic.)
        let candidate: String = trimmed.chars().take(24).collect::<String>().to_lowercase();
        for (phrase, shift) in [
            ("im jahr ", 0),
            ("nächsten jahres", 1),
            ("im nächsten jahr", 1),
            ("letzten jahres", -1),
            ("im letzten jahr", -1),
            ("vergangenen jahres", -1),
        ] {
            if candidate.starts_with(phrase) {
                if shift == 0 {
                    let after = &trimmed[phrase.len()..];
                    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
                    if let (4, Ok(year)) = (digits.len(), digits.parse()) {
                        return (year, end + skipped + phrase.len() + 4);
                    }
                    continue;
                }
                return (reference.year() + shift, end + skipped + phrase.len());
            }
        }
        (reference.year(), end)
    };
    static NAMES: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(HOLIDAYS.iter().map(|(name, _)| *name))
            .expect("valid holiday names")
    });
    for found_name in names.find_iter(text) {
        let (start, end) = (found_name.start(), found_name.end());
        let bounded = !text[..start].ends_with(char::is_alphanumeric)
            && !text[end..].starts_with(char::is_alphanumeric);
        if !bounded {
            continue;
        }
        let holiday = &HOLIDAYS[found_name.pattern().as_usize()].1;
        let (year, end) = year_after(end);
        let day = match holiday {
            Holiday::Fixed(month, day) => NaiveDate::from_ymd_opt(year, *month, *day),
            Holiday::Easter(offset) => easter(year).map(|e| e + Duration::days(*offset)),
            Holiday::Sunday(month, day) => NaiveDate::from_ymd_opt(year, *month, *day).map(|d| {
                d + Duration::days((6 - d.weekday().num_days_from_monday() as i64).rem_euclid(7))
            }),
        };
        if let Some(day) = day {
            found.push((start..end, day.to_string()));
        }
    }
    for (index, word) in words.iter().enumerate() {
        // (The month first: it is the rarer and cheaper test.)
        let Some(month_word) = words.get(index + 1) else {
            continue;
        };
        let Some(month) = month_number(month_word.text) else {
            continue;
        };
        let Some(day) = ordinal_day(word.text) else {
            continue;
        };
        let end = month_word.start + month_word.text.len();
        let (year, end) = year_after(end);
        if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
            found.push((word.start..end, date.to_string()));
        }
    }
    found.sort_by_key(|(range, _)| range.start);
    found
}

fn month_number(name: &str) -> Option<u32> {
    // (A map: this is asked for every word.)
    static BY_NAME: OnceLock<rustc_hash::FxHashMap<&'static str, u32>> = OnceLock::new();
    BY_NAME
        .get_or_init(|| {
            // The first of a name's entries wins, as in a search of the list.
            let mut map = rustc_hash::FxHashMap::default();
            for (month, number) in MONTHS {
                map.entry(*month).or_insert(*number);
            }
            map
        })
        .get(name)
        .copied()
}

/// Finds and resolves the dates of `text`.
pub fn find(
    text: &str,
    sentences: &[Range<usize>],
    reference: Option<NaiveDate>,
) -> Vec<FoundDate> {
    find_with_words(text, &tokens(text), sentences, reference)
}

/// [`find`] with the words of `text` (from [`tokens`]) at hand.
pub fn find_with_words(
    text: &str,
    words: &[Token<'_>],
    sentences: &[Range<usize>],
    reference: Option<NaiveDate>,
) -> Vec<FoundDate> {
    let [day_month, numeric, english, relative] = patterns();
    let mut found: Vec<FoundDate> = Vec::new();
    // Taken ranges by start, for the overlap check (dates are short, so
    // only starts within the longest date before a range can overlap it).
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut longest = 0usize;
    let reference_year = reference.map(|date| date.year());
    let mut push = |range: Range<usize>, value: Option<String>, relative: bool| {
        if let Some(value) = value {
            let from = range.start.saturating_sub(longest);
            let overlaps = taken
                .range(from..range.end.max(from))
                .any(|(start, end)| *start < range.end && range.start < *end);
            if !overlaps {
                taken.insert(range.start, range.end);
                longest = longest.max(range.len());
                let kind = if value.len() == 10 && !value.contains('/') {
                    TemporalKind::Date
                } else {
                    TemporalKind::DateRange
                };
                found.push(FoundDate {
                    range,
                    value,
                    relative,
                    kind,
                });
            }
        }
    };
    for captures in day_month.captures_iter(text) {
        let day = captures[1].parse().ok();
        let month = month_number(&captures[2]);
        let year = captures
            .get(3)
            .and_then(|y| y.as_str().parse().ok())
            .or(reference_year);
        let value = match (year, month, day) {
            (Some(year), Some(month), Some(day)) => {
                NaiveDate::from_ymd_opt(year, month, day).map(|d| d.to_string())
            }
            _ => None,
        };
        push(
            captures.get(0).map(|m| m.range()).unwrap_or_default(),
            value,
            false,
        );
    }
    for captures in numeric.captures_iter(text) {
        let value = (|| {
            let day = captures[1].parse().ok()?;
            let month = captures[2].parse().ok()?;
            // "am 22.04." takes the reference year; without a word that
            // introduces a date, "3.1." is more likely a number or version.
            let year = match captures.get(3) {
                Some(year) => year.as_str().parse().ok()?,
                None => {
                    let start = captures.get(0)?.start();
                    let before = text[..start]
                        .trim_end()
                        .rsplit(char::is_whitespace)
                        .next()
                        .unwrap_or("")
                        .to_lowercase();
                    let introduces = [
                        "am", "vom", "bis", "zum", "dem", "den", "ab", "seit", "stand:", "bis zum",
                        "on",
                    ]
                    .contains(&before.as_str());
                    if !introduces {
                        return None;
                    }
                    reference_year?
                }
            };
            NaiveDate::from_ymd_opt(year, month, day).map(|d| d.to_string())
        })();
        push(
            captures.get(0).map(|m| m.range()).unwrap_or_default(),
            value,
            false,
        );
    }
    for captures in english.captures_iter(text) {
        let value = (|| {
            let month = month_number(&captures[1])?;
            let day = captures[2].parse().ok()?;
            let year = captures
                .get(3)
                .and_then(|y| y.as_str().parse().ok())
                .or(reference_year)?;
            NaiveDate::from_ymd_opt(year, month, day).map(|d| d.to_string())
        })();
        push(
            captures.get(0).map(|m| m.range()).unwrap_or_default(),
            value,
            false,
        );
    }
    if let Some(reference) = reference {
        for (range, value) in named_days(text, words, reference) {
            push(range, Some(value), false);
        }
        for captures in relative.captures_iter(text) {
            let range = captures.get(0).map(|m| m.range()).unwrap_or_default();
            // Sentences are in text order: the last one starting at or
            // before the match, cut to a window around it.
            let at = sentences.partition_point(|s| s.start <= range.start);
            let sentence = at
                .checked_sub(1)
                .map(|at| &sentences[at])
                .filter(|s| range.end <= s.end)
                .map_or("", |s| {
                    &text[crate::context_window(text, s, range.start, range.end, 600)]
                });
            let next_word = text[range.end..]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_matches(|c: char| !c.is_alphanumeric());
            let value = resolve_relative(&captures, sentence, next_word, reference);
            push(range, value, true);
        }
    }
    found.sort_by_key(|date| date.range.start);
    found
}

/// Whether `word` is a finite verb in the past tense ("kündigte",
/// "hatte", "war"): "Am Dienstag kündigte er an, dass … würden" speaks of
/// a past Tuesday whatever the clause after it says.
fn past_finite_verb(word: &str) -> bool {
    const PAST: &[&str] = &[
        "war", "waren", "hatte", "hatten", "wurde", "wurden", "kam", "kamen", "gab", "ging",
        "gingen", "hieß", "stand", "standen", "fand", "fanden", "traf", "trafen", "sprach", "rief",
        "nahm", "nahmen", "fiel", "fielen", "starb", "starben", "brach", "zog", "zogen", "was",
        "were", "had", "said",
    ];
    const NOT_PAST: &[&str] = &[
        "könnte", "könnten", "sollte", "sollten", "müsste", "müssten", "dürfte", "dürften",
        "möchte", "möchten", "würde", "würden", "hätte", "hätten", "wollte", "wollten",
    ];
    let lower = word.to_lowercase();
    if !word.starts_with(char::is_lowercase) || NOT_PAST.contains(&lower.as_str()) {
        return false;
    }
    PAST.contains(&lower.as_str())
        || (lower.chars().count() > 4 && (lower.ends_with("te") || lower.ends_with("ten")))
        || (lower.ends_with("ed") && lower.len() > 4)
}

fn resolve_relative(
    captures: &regex::Captures<'_>,
    sentence: &str,
    next_word: &str,
    reference: NaiveDate,
) -> Option<String> {
    let whole = captures.get(0)?.as_str().to_lowercase();
    if let Some(weekday) = captures.get(2) {
        let target = WEEKDAYS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(weekday.as_str()))?
            .1 as i64;
        let current = reference.weekday().num_days_from_monday() as i64;
        let modifier = captures.get(1).map(|m| m.as_str().to_lowercase());
        let future = match modifier.as_deref() {
            Some("kommenden" | "nächsten") => true,
            Some(_) => false,
            None => !past_finite_verb(next_word) && speaks_of_future(&whole, sentence),
        };
        if let Some(week) = captures.get(3) {
            // "am Mittwoch kommender Woche": that weekday of the next (or last) week.
            let shift = if matches!(
                week.as_str().to_lowercase().as_str(),
                "vergangener" | "letzter" | "last"
            ) {
                -7
            } else {
                7
            };
            return Some((reference + Duration::days(target - current + shift)).to_string());
        }
        let delta = weekday_delta(current, target, future, modifier.is_some());
        return Some((reference + Duration::days(delta)).to_string());
    }
    if let Some(word) = captures.get(4) {
        let delta = match word.as_str().to_lowercase().as_str() {
            "vorgestern" => -2,
            "gestern" | "yesterday" => -1,
            "heute" | "today" => 0,
            "morgen" | "tomorrow" => 1,
            "übermorgen" => 2,
            _ => return None,
        };
        return Some((reference + Duration::days(delta)).to_string());
    }
    if let (Some(which), Some(unit)) = (captures.get(5), captures.get(6)) {
        let which = which.as_str().to_lowercase();
        let offset = if ["vergangene", "letzte", "last"]
            .iter()
            .any(|w| which.starts_with(w))
        {
            -1
        } else if ["kommende", "nächste", "next"]
            .iter()
            .any(|w| which.starts_with(w))
        {
            1
        } else {
            0
        };
        return Some(match unit.as_str().to_lowercase().as_str() {
            "woche" | "week" => {
                let monday = reference
                    - Duration::days(reference.weekday().num_days_from_monday() as i64)
                    + Duration::weeks(offset);
                format!("{}/{}", monday, monday + Duration::days(6))
            }
            "monat" | "month" => {
                let first = reference.with_day(1)?;
                let shifted = if offset < 0 {
                    first.pred_opt()?.with_day(1)?
                } else if offset > 0 {
                    (first + Duration::days(32)).with_day(1)?
                } else {
                    first
                };
                shifted.format("%Y-%m").to_string()
            }
            _ => format!("{}", reference.year() + offset as i32),
        });
    }
    if let (Some(amount), Some(unit)) = (captures.get(7), captures.get(8)) {
        let count = amount.as_str().parse::<i64>().ok().or_else(|| {
            NUMBER_WORDS
                .iter()
                .find(|(word, _)| word.eq_ignore_ascii_case(amount.as_str()))
                .map(|(_, v)| *v as i64)
        })?;
        let days = if unit.as_str().starts_with(['W', 'w']) {
            count * 7
        } else {
            count
        };
        let sign = if whole.starts_with("vor") { -1 } else { 1 };
        return Some((reference + Duration::days(sign * days)).to_string());
    }
    None
}

/// Days from weekday `current` to weekday `target` (Monday = 0): the next
/// such day when `future` (a week ahead for the same day when the text says
/// "nächsten"/"kommenden", `next_named`), else the last one.
pub(crate) fn weekday_delta(current: i64, target: i64, future: bool, next_named: bool) -> i64 {
    if !future {
        return -((current - target).rem_euclid(7));
    }
    match (target - current).rem_euclid(7) {
        0 if next_named => 7,
        ahead => ahead,
    }
}

pub(crate) fn speaks_of_future(phrase: &str, sentence: &str) -> bool {
    const STARTS: &[&str] = &["ab ", "bis ", "by ", "until ", "next "];
    const FUTURE: &[&str] = &[
        "soll",
        "sollen",
        "solle",
        "wird",
        "werden",
        "werde",
        "würden",
        "will",
        "kommende",
        "kommenden",
        "kommender",
    ];
    if STARTS.iter().any(|start| phrase.starts_with(start)) {
        return true;
    }
    let lower = sentence.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let future = words.iter().any(|word| FUTURE.contains(word))
        || lower.contains(" is to ")
        || lower.contains(" are to ");
    future && !words.contains(&"hatte")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str, reference: &str) -> Vec<String> {
        let reference = NaiveDate::parse_from_str(reference, "%Y-%m-%d").ok();
        find(text, &crate::sentences::split(text), reference)
            .into_iter()
            .map(|d| d.value)
            .collect()
    }

    #[test]
    fn holidays_and_ordinal_days() {
        assert_eq!(easter(2016).unwrap().to_string(), "2016-03-27");
        assert_eq!(easter(2022).unwrap().to_string(), "2022-04-17");
        assert_eq!(
            dates("Wann ist Pfingsten 2022?", "2021-05-04"),
            vec!["2022-06-05"]
        );
        assert_eq!(
            dates("Ich besuche dich an Karsamstag.", "2016-11-07"),
            vec!["2016-03-26"]
        );
        assert_eq!(
            dates(
                "Die Läden bleiben an Heiligabend und Silvester geschlossen.",
                "2021-12-01"
            ),
            vec!["2021-12-24", "2021-12-31"]
        );
        assert_eq!(
            dates(
                "Allerheiligen letzten Jahres war ein Feiertag.",
                "2018-11-07"
            ),
            vec!["2017-11-01"]
        );
        assert_eq!(
            dates("Er kommt am zweiten Mai zurück.", "2016-11-07"),
            vec!["2016-05-02"]
        );
        assert_eq!(
            dates("Am neunundzwanzigsten Mai 2020 begann es.", "2016-11-07"),
            vec!["2020-05-29"]
        );
        // A holiday's name inside another word is none.
        assert!(dates("Die Osterneuheiten kamen.", "2016-11-07").is_empty());
    }

    #[test]
    fn a_past_verb_after_the_weekday_wins() {
        assert_eq!(
            dates(
                "Am Dienstag kündigte Tokajew an, dass die Truppen ab Donnerstag abziehen würden.",
                "2022-01-13"
            ),
            vec!["2022-01-11", "2022-01-13"]
        );
        assert_eq!(
            dates("Am Dienstag soll es regnen, heißt es.", "2022-01-13"),
            vec!["2022-01-18"]
        );
    }

    #[test]
    fn absolute_and_relative() {
        assert_eq!(
            dates("Am 13. Januar 2022 und am 14.01.2022.", "2022-01-20"),
            vec!["2022-01-13", "2022-01-14"]
        );
        assert_eq!(
            dates(
                "Ich komme am 22.04. zurück, Version 3.1. bleibt.",
                "2016-11-07"
            ),
            vec!["2016-04-22"]
        );
        assert_eq!(
            dates("Tokajew hatte Almaty am Mittwoch besucht.", "2022-01-13"),
            vec!["2022-01-12"]
        );
        assert_eq!(
            dates(
                "Die Truppen sollen sich ab Donnerstag zurückziehen.",
                "2022-01-11"
            ),
            vec!["2022-01-13"]
        );
        assert_eq!(
            dates("In zwei Tagen solle der Abzug beginnen.", "2022-01-11"),
            vec!["2022-01-13"]
        );
        assert_eq!(
            dates("Gestern war es ruhig.", "2022-01-13"),
            vec!["2022-01-12"]
        );
        assert_eq!(
            dates("Das war in der vergangenen Woche.", "2022-01-13"),
            vec!["2022-01-03/2022-01-09"]
        );
        assert_eq!(
            dates("Das war vergangene Woche.", "2022-01-13"),
            vec!["2022-01-03/2022-01-09"]
        );
        assert_eq!(
            dates("It happened on January 5.", "2022-01-13"),
            vec!["2022-01-05"]
        );
    }
}
