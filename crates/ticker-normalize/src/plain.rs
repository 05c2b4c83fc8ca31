//! Plain-text articles shaped like the seed files.
//!
//! The first line is the title. It may start with a ` date YYYY-MM` marker
//! (a date hint, removed from the title) and end with a "Stand: 13.01.2022
//! 09:59 Uhr" stamp (the publication time, also removed). A first line
//! longer than a title can be is the first paragraph of a text without a
//! title line; its first sentence is then the title. Every further
//! non-empty line is a paragraph; bullets ("  • …") are kept as "• …".

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use regex::Regex;
use std::sync::OnceLock;

use crate::text::clean_inline;

/// A parsed plain-text article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlainArticle {
    /// The title line, markers removed.
    pub title: String,
    /// The paragraphs.
    pub paragraphs: Vec<String>,
    /// The ` date YYYY-MM` hint.
    pub date_hint: Option<String>,
    /// The time of a "Stand:" stamp.
    pub published_at: Option<DateTime<Utc>>,
}

fn date_marker() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s+").expect("valid regex")
    })
}

fn stand_stamp() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\s*(?:Stand|Aktualisiert(?: am)?|Updated):?\s*(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s*(\d{1,2})[:.](\d{2})\s*(?:Uhr)?)?")
            .expect("valid regex")
    })
}

/// Parses seed-shaped text.
pub fn parse(text: &str) -> PlainArticle {
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines();
    let mut article = PlainArticle::default();
    let mut title = lines.next().unwrap_or_default().to_string();
    if let Some(captures) = date_marker().captures(&title) {
        article.date_hint = Some(captures[1].to_string());
        title = title[captures.get(0).map_or(0, |m| m.end())..].to_string();
    }
    if let Some((published, range)) = find_stand(&title) {
        article.published_at = Some(published);
        title.replace_range(range, "");
    }
    let title = clean_inline(&title);
    // A first line that is a paragraph, not a title (a file without a
    // title line): it stays the first paragraph, so that nothing in it is
    // lost to extraction, and its first sentence is the title.
    if title.chars().count() > TITLE_MAX {
        article.title = first_sentence(&title).to_string();
        article.paragraphs.push(title);
    } else {
        article.title = title;
    }
    for line in lines {
        let paragraph = clean_inline(line);
        if !paragraph.is_empty() {
            article.paragraphs.push(paragraph);
        }
    }
    article
}

/// The longest first line read as a title, in characters; a longer one
/// is a paragraph.
const TITLE_MAX: usize = 250;

/// The first sentence of a paragraph, at most [`TITLE_MAX`] characters (cut
/// at a space when it has no sentence end before).
fn first_sentence(paragraph: &str) -> &str {
    let limit = paragraph
        .char_indices()
        .nth(TITLE_MAX)
        .map_or(paragraph.len(), |(at, _)| at);
    let head = &paragraph[..limit];
    let end = head
        .match_indices(['.', '!', '?'])
        .map(|(at, _)| at + 1)
        .find(|&at| {
            paragraph[at..].strip_prefix(' ').is_some_and(|rest| {
                rest.starts_with(|c: char| c.is_uppercase() || "„“\"«»".contains(c))
            })
        });
    match end {
        Some(end) => &paragraph[..end],
        None => head.rfind(' ').map_or(head, |at| &head[..at]),
    }
}

/// Finds a "Stand: dd.mm.yyyy HH:MM Uhr" stamp (German local time) and
/// returns its UTC time and byte range.
pub fn find_stand(text: &str) -> Option<(DateTime<Utc>, std::ops::Range<usize>)> {
    let captures = stand_stamp().captures(text)?;
    let number = |index: usize| {
        captures
            .get(index)
            .and_then(|m| m.as_str().parse::<u32>().ok())
    };
    let day = number(1)?;
    let month = number(2)?;
    let year = i32::try_from(number(3)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let time = date.and_hms_opt(number(4).unwrap_or(0), number(5).unwrap_or(0), 0)?;
    Some((german_local_to_utc(time), captures.get(0)?.range()))
}

/// Central European time to UTC: +1 in winter, +2 between the last Sundays
/// of March and October (EU rule since 1996).
pub fn german_local_to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    let year = local.date().year_ce().1 as i32;
    let last_sunday = |month: u32| {
        let mut day =
            NaiveDate::from_ymd_opt(year, month, 31).expect("March and October have 31 days");
        while day.weekday() != chrono::Weekday::Sun {
            day = day.pred_opt().expect("in range");
        }
        day.and_hms_opt(2, 0, 0).expect("valid time")
    };
    use chrono::Datelike;
    let summer = local >= last_sunday(3) && local < last_sunday(10);
    let offset = if summer { 2 } else { 1 };
    Utc.from_utc_datetime(&(local - chrono::Duration::hours(offset)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_seed_header() {
        let parsed = parse(" date 2022-01 Kasachstan Militärbündnis beginnt mit Abzug Stand: 13.01.2022 09:59 Uhr\n\nErster Absatz.\n\n  • Punkt eins\n\nZweiter Absatz.");
        assert_eq!(parsed.title, "Kasachstan Militärbündnis beginnt mit Abzug");
        assert_eq!(parsed.date_hint.as_deref(), Some("2022-01"));
        assert_eq!(
            parsed.published_at.unwrap().to_rfc3339(),
            "2022-01-13T08:59:00+00:00"
        );
        assert_eq!(
            parsed.paragraphs,
            vec!["Erster Absatz.", "• Punkt eins", "Zweiter Absatz."]
        );
    }

    #[test]
    fn a_first_line_that_is_a_paragraph_stays_text_and_gives_its_first_sentence_as_title() {
        let first = format!(
            " date 2022-01 Putin hat den Einsatz gelobt. “Alles lief wie ein Uhrwerk ab”, sagte \
             Putin. {}",
            "Er hoffe auf weitere Einsätze. ".repeat(8)
        );
        let parsed = parse(&format!("{first}\n\nZweiter Absatz."));
        assert_eq!(parsed.title, "Putin hat den Einsatz gelobt.");
        assert_eq!(parsed.date_hint.as_deref(), Some("2022-01"));
        assert_eq!(parsed.paragraphs.len(), 2);
        assert!(parsed.paragraphs[0].contains("Uhrwerk"));
        // A long line with no sentence end is cut at a space.
        assert!(first_sentence(&"Wort ".repeat(100)).chars().count() <= TITLE_MAX);
    }

    #[test]
    fn summer_time_is_two_hours() {
        let local = NaiveDate::from_ymd_opt(2022, 7, 1)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap();
        assert_eq!(
            german_local_to_utc(local).to_rfc3339(),
            "2022-07-01T10:00:00+00:00"
        );
    }
}
