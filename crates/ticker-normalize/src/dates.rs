//! When a page says it was published and modified.
//!
//! The signals, most reliable first: the article's JSON-LD
//! (`datePublished`, else `dateCreated`), publication `<meta>` tags of the
//! common vocabularies (OpenGraph, Dublin Core, schema.org microdata,
//! Parse.ly, Sailthru, PRISM, Highwire citations), schema.org microdata on
//! any element (`itemprop="datePublished"` with `content`, `datetime` or
//! `title`, else its text), `<time pubdate>`, the first `<time datetime>`,
//! a date in the URL's path (`/2022/05/03/`), and last the first date shown
//! in a short element whose class or id names a date or byline
//! (`class="article-date"`, `"meta-date"`, `"byline"`) outside comments,
//! teasers, lists and sidebars, whose dates are other articles' or later.
//!
//! A time keeps the UTC offset the page gave, so that the date part of
//! `published_at` is the publisher's day: "2018-12-22T00:00:00+01:00" is the
//! 22nd, which in UTC would be the 21st. A time without an offset is taken
//! as UTC; a date without a time is midnight of that day.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use regex::Regex;

/// `<meta>` keys (lower case) that carry the publication time, in the order
/// they are trusted.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "og:published_time",
    "published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "pubdate",
    "date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dc:date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "datecreated",
    "prism.publicationdate",
    "citation_publication_date",
    "citation_date",
    "original-publish-date",
];

/// `<meta>` keys (lower case) that carry the modification time.
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
];

/// Years outside this range are not publication dates (a copyright year
/// typo, a placeholder such as 0001-01-01).
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// The publication time: JSON-LD, `<meta>`, microdata, `<time>`, the URL.
pub(crate) fn published(
    document: &scraper::Html,
    meta: &HashMap<String, String>,
    json_ld: [Option<&str>; 2],
    url: Option<&url::Url>,
) -> Option<DateTime<FixedOffset>> {
    json_ld
        .into_iter()
        .flatten()
        .find_map(parse_date)
        .or_else(|| from_meta(meta, PUBLISHED_KEYS))
        .or_else(|| from_microdata(document, "datePublished"))
        .or_else(|| from_time_elements(document))
        .or_else(|| url.and_then(from_url))
        .or_else(|| from_dated_elements(document))
}

/// Class and id words of an element that shows a date or a byline.
const DATED_WORDS: &[&str] = &[
    "date",
    "datum",
    "time",
    "zeit",
    "published",
    "posted",
    "byline",
    "dateline",
    "meta",
];

/// Class and id words of a part of the page whose dates are not the
/// article's: comments, teasers and lists of other articles, sidebars,
/// embedded posts.
const OTHER_WORDS: &[&str] = &[
    "comment",
    "kommentar",
    "teaser",
    "related",
    "sidebar",
    "tweet",
    "list",
    "recommend",
    "widget",
    "footer",
    "reply",
    "antwort",
];

/// The class and id of an element, lower case.
fn names(element: &scraper::node::Element) -> String {
    let mut names = element.attr("class").unwrap_or_default().to_lowercase();
    names.push(' ');
    names.push_str(&element.attr("id").unwrap_or_default().to_lowercase());
    names
}

/// The first date shown in a short element named for a date or a byline,
/// outside the parts of a page that show other articles' dates.
fn from_dated_elements(document: &scraper::Html) -> Option<DateTime<FixedOffset>> {
    document
        .root_element()
        .descendent_elements()
        .filter(|element| {
            let names = names(element.value());
            DATED_WORDS.iter().any(|word| names.contains(word))
        })
        .filter(|element| {
            !element
                .ancestors()
                .filter_map(scraper::ElementRef::wrap)
                .chain([*element])
                .any(|above| {
                    matches!(above.value().name(), "aside" | "nav" | "footer")
                        || OTHER_WORDS
                            .iter()
                            .any(|word| names(above.value()).contains(word))
                })
        })
        .find_map(|element| {
            let text: String = element.text().collect();
            let text = crate::text::clean_inline(&text);
            (text.chars().count() <= 100)
                .then(|| shown_date(&text))
                .flatten()
        })
}

/// A date somewhere in a short text: "Bonn, 11.10.2021", "Erstellt am
/// 09.02.2022, 10:15", "By Carrie Arnold November 15, 2019".
fn shown_date(text: &str) -> Option<DateTime<FixedOffset>> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?:^|[^\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?:,?\s*(?:um\s*|-\s*|/\s*)?(\d{1,2})[:.](\d{2}))?",
        )
        .expect("valid regex")
    });
    if let Some(captures) = re.captures(text) {
        let day = NaiveDate::from_ymd_opt(
            captures[3].parse().ok()?,
            captures[2].parse().ok()?,
            captures[1].parse().ok()?,
        )?;
        let time = captures
            .get(4)
            .zip(captures.get(5))
            .and_then(|(hour, minute)| {
                NaiveTime::from_hms_opt(
                    hour.as_str().parse().ok()?,
                    minute.as_str().parse().ok()?,
                    0,
                )
            })
            .unwrap_or(NaiveTime::MIN);
        return Some(day.and_time(time).and_utc().fixed_offset())
            .filter(|date| YEARS.contains(&chrono::Datelike::year(&date.date_naive())));
    }
    parse_words(text).filter(|date| YEARS.contains(&chrono::Datelike::year(&date.date_naive())))
}

/// The modification time: JSON-LD, `<meta>`, microdata.
pub(crate) fn modified(
    document: &scraper::Html,
    meta: &HashMap<String, String>,
    json_ld: Option<&str>,
) -> Option<DateTime<FixedOffset>> {
    json_ld
        .and_then(parse_date)
        .or_else(|| from_meta(meta, MODIFIED_KEYS))
        .or_else(|| from_microdata(document, "dateModified"))
}

fn from_meta(meta: &HashMap<String, String>, keys: &[&str]) -> Option<DateTime<FixedOffset>> {
    keys.iter()
        .filter_map(|key| meta.get(*key))
        .find_map(|value| parse_date(value))
}

/// `itemprop="… datePublished …"` on any element: its `content`,
/// `datetime` or `title` attribute, else its text.
fn from_microdata(document: &scraper::Html, property: &str) -> Option<DateTime<FixedOffset>> {
    document
        .root_element()
        .descendent_elements()
        .filter(|element| {
            element
                .value()
                .attr("itemprop")
                .is_some_and(|names| names.split_whitespace().any(|name| name == property))
        })
        .find_map(|element| {
            let value = element.value();
            ["content", "datetime", "title"]
                .iter()
                .filter_map(|attribute| value.attr(attribute))
                .find_map(parse_date)
                .or_else(|| parse_date(&element.text().collect::<String>()))
        })
}

/// `<time pubdate datetime=…>`, else the first `<time datetime=…>`.
fn from_time_elements(document: &scraper::Html) -> Option<DateTime<FixedOffset>> {
    let times: Vec<_> = document
        .root_element()
        .descendent_elements()
        .filter(|element| element.value().name() == "time")
        .collect();
    times
        .iter()
        .filter(|time| time.value().attr("pubdate").is_some())
        .chain(times.iter())
        .filter_map(|time| time.value().attr("datetime"))
        .find_map(parse_date)
}

/// A date in the URL's path: `/2022/05/03/`, `/2022-05-03/`,
/// `/2022/5/3/slug`.
pub fn from_url(url: &url::Url) -> Option<DateTime<FixedOffset>> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"/((?:19|20)\d\d)([/-])(\d{1,2})([/-])(\d{1,2})(?:[/._-]|$)")
            .expect("valid regex")
    });
    let captures = re.captures(url.path())?;
    if captures[2] != captures[4] {
        return None;
    }
    let day = NaiveDate::from_ymd_opt(
        captures[1].parse().ok()?,
        captures[3].parse().ok()?,
        captures[5].parse().ok()?,
    )?;
    at_midnight(day)
}

/// Parses the date formats found on news pages: RFC 3339 and ISO 8601
/// variants (with or without offset, seconds, fractions, `T`), RFC 2822,
/// JavaScript's `Date.toString()`, C's `ctime`, `13.01.2022, 10:15 Uhr`,
/// `13. Januar 2022`, `January 13, 2022`, `13 Jan 2022 07:09 GMT`. The
/// offset is kept; without one the time is UTC.
pub fn parse_date(text: &str) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if text.is_empty() || text.len() > 120 {
        return None;
    }
    parse_machine(text)
        .or_else(|| parse_words(text))
        .filter(|date| YEARS.contains(&chrono::Datelike::year(&date.date_naive())))
}

fn parse_machine(text: &str) -> Option<DateTime<FixedOffset>> {
    if let Ok(date) = DateTime::parse_from_rfc3339(text) {
        return Some(date);
    }
    if let Ok(date) = DateTime::parse_from_rfc2822(text) {
        return Some(date);
    }
    // "…Z" where RFC 3339 does not allow it (no seconds): an offset of 0.
    let zulu;
    let text = match text.strip_suffix('Z') {
        Some(rest) if rest.contains(':') => {
            zulu = format!("{rest}+00:00");
            zulu.as_str()
        }
        _ => text,
    };
    // JavaScript's Date.toString(): "Tue Nov 19 2019 03:05:46 GMT+0000 (…)".
    let javascript = text.split(" (").next().unwrap_or(text);
    for (candidate, format) in [
        (text, "%Y-%m-%dT%H:%M:%S%.f%z"),
        (text, "%Y-%m-%dT%H:%M%z"),
        (text, "%Y-%m-%d %H:%M:%S%.f%z"),
        (text, "%Y-%m-%d %H:%M%z"),
        (text, "%Y-%m-%d %H:%M:%S %z"),
        (javascript, "%a %b %d %Y %H:%M:%S GMT%z"),
    ] {
        if let Ok(date) = DateTime::parse_from_str(candidate, format) {
            return Some(date);
        }
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%a %b %e %H:%M:%S %Y",
        "%d.%m.%Y %H:%M",
        "%d.%m.%Y, %H:%M",
        "%d.%m.%Y - %H:%M",
        "%d.%m.%Y %H:%M:%S",
    ] {
        if let Ok(date) = NaiveDateTime::parse_from_str(text, format) {
            return Some(date.and_utc().fixed_offset());
        }
    }
    // A date, perhaps followed by something that is not a time we read.
    let date_part = text.get(..10).unwrap_or(text);
    for format in ["%Y-%m-%d", "%d.%m.%Y", "%Y/%m/%d"] {
        if let Ok(date) = NaiveDate::parse_from_str(date_part, format) {
            return at_midnight(date);
        }
    }
    None
}

/// Dates with month names, German or English, with an optional time:
/// "13. Januar 2022, 10:15 Uhr", "13 Jan 2022 07:09 GMT", "January 13,
/// 2022". Day-month-year with a month name is unambiguous; numeric dates
/// with slashes are not (US and European order) and are not read.
fn parse_words(text: &str) -> Option<DateTime<FixedOffset>> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?ix)
            (?: (?P<d1>\d{1,2})\.?\s+(?P<m1>\p{L}{3,10})\.?,?\s+(?P<y1>\d{4})
              | (?P<m2>\p{L}{3,10})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}) )
            (?: ,?\s*(?:um\s+|at\s+|-\s*)?(?P<h>\d{1,2})[:.](?P<min>\d{2})\s*(?P<ampm>[ap]\.?m\.?)? )?",
        )
        .expect("valid regex")
    });
    let captures = re.captures(text)?;
    let (day, month, year) = match (captures.name("d1"), captures.name("d2")) {
        (Some(day), _) => (day, &captures["m1"], &captures["y1"]),
        (None, Some(day)) => (day, &captures["m2"], &captures["y2"]),
        (None, None) => return None,
    };
    let date = NaiveDate::from_ymd_opt(
        year.parse().ok()?,
        month_number(month)?,
        day.as_str().parse().ok()?,
    )?;
    let time = captures.name("h").and_then(|hour| {
        let mut hour: u32 = hour.as_str().parse().ok()?;
        let minute: u32 = captures["min"].parse().ok()?;
        if let Some(ampm) = captures.name("ampm") {
            let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
            hour = match (hour, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (hour, true) => hour + 12,
                (hour, false) => hour,
            };
        }
        NaiveTime::from_hms_opt(hour, minute, 0)
    });
    Some(
        date.and_time(time.unwrap_or(NaiveTime::MIN))
            .and_utc()
            .fixed_offset(),
    )
}

/// A month's number from its German or English name or abbreviation.
fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&[&str]; 12] = [
        &["januar", "jänner", "january", "jan"],
        &["februar", "feber", "february", "feb"],
        &["märz", "maerz", "march", "mar", "mär"],
        &["april", "apr"],
        &["mai", "may"],
        &["juni", "june", "jun"],
        &["juli", "july", "jul"],
        &["august", "aug"],
        &["september", "sept", "sep"],
        &["oktober", "october", "okt", "oct"],
        &["november", "nov"],
        &["dezember", "december", "dez", "dec"],
    ];
    let name = name.to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&name.as_str()))
        .map(|index| index as u32 + 1)
}

fn at_midnight(day: NaiveDate) -> Option<DateTime<FixedOffset>> {
    Some(day.and_time(NaiveTime::MIN).and_utc().fixed_offset())
}

/// A UTC time as a time with offset 0 (feeds and stamps give UTC).
pub fn utc(time: DateTime<Utc>) -> DateTime<FixedOffset> {
    time.fixed_offset()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Option<String> {
        parse_date(text).map(|date| date.to_rfc3339())
    }

    #[test]
    fn machine_formats_keep_the_offset_the_page_gave() {
        for (written, read) in [
            ("2018-12-22T00:00:00+0100", "2018-12-22T00:00:00+01:00"),
            ("2019-11-20 12:32:13+08:00", "2019-11-20T12:32:13+08:00"),
            ("2019-11-20T10:43Z", "2019-11-20T10:43:00+00:00"),
            (
                "Mon, 18 Nov 2019 16:07:38 -0600",
                "2019-11-18T16:07:38-06:00",
            ),
            (
                "Tue Nov 19 2019 03:05:46 GMT+0000 (Coordinated Universal Time)",
                "2019-11-19T03:05:46+00:00",
            ),
            ("Fri Feb 18 10:27:24 2022", "2022-02-18T10:27:24+00:00"),
            ("2021-05-11 09:49:18", "2021-05-11T09:49:18+00:00"),
            ("2022-5-3T23:57:00", "2022-05-03T23:57:00+00:00"),
            ("2022-01-14", "2022-01-14T00:00:00+00:00"),
            ("11.11.2021", "2021-11-11T00:00:00+00:00"),
        ] {
            assert_eq!(show(written).as_deref(), Some(read), "{written}");
        }
    }

    #[test]
    fn dates_with_month_names_in_german_and_english() {
        for (written, read) in [
            ("13. Januar 2022, 10:15 Uhr", "2022-01-13T10:15:00+00:00"),
            ("19 Nov 2019 07:09 GMT", "2019-11-19T07:09:00+00:00"),
            ("November 19, 2019", "2019-11-19T00:00:00+00:00"),
            (
                "Published March 3rd, 2021 at 5:22 pm",
                "2021-03-03T17:22:00+00:00",
            ),
            ("3. Mai 2021", "2021-05-03T00:00:00+00:00"),
        ] {
            assert_eq!(show(written).as_deref(), Some(read), "{written}");
        }
    }

    #[test]
    fn ambiguous_impossible_and_implausible_dates_are_refused() {
        // Month/day order unknown.
        assert_eq!(show("10/05/2022 05:22 pm"), None);
        // No year.
        assert_eq!(show("01:38:07 PM IST Nov 20"), None);
        assert_eq!(show("31.02.2022"), None);
        assert_eq!(show("0001-01-01T00:00:00Z"), None);
        assert_eq!(show("Montag"), None);
        assert_eq!(show(""), None);
    }

    #[test]
    fn a_date_shown_in_a_short_text_is_found_inside_it() {
        let shown = |text: &str| shown_date(text).map(|date| date.to_rfc3339());
        assert_eq!(
            shown("Bonn, 11.10.2021").as_deref(),
            Some("2021-10-11T00:00:00+00:00")
        );
        assert_eq!(
            shown("Erstellt am 09.02.2022, 10:15").as_deref(),
            Some("2022-02-09T10:15:00+00:00")
        );
        assert_eq!(
            shown("By Carrie Arnold November 15, 2019").as_deref(),
            Some("2019-11-15T00:00:00+00:00")
        );
        assert_eq!(shown("Seite 12.345 von 13.000"), None);
        assert_eq!(shown("Ausgabe 3/2022"), None);
    }

    #[test]
    fn a_date_in_the_path_is_the_last_resort() {
        let url = |text: &str| url::Url::parse(text).unwrap();
        let date = |text: &str| from_url(&url(text)).map(|d| d.date_naive().to_string());
        assert_eq!(
            date("https://news.example/2022/05/03/slug").as_deref(),
            Some("2022-05-03")
        );
        assert_eq!(
            date("https://news.example/politik/2021-11-9-wahl.html").as_deref(),
            Some("2021-11-09")
        );
        // Mixed separators, no day, an impossible day: no date.
        assert_eq!(date("https://news.example/2022/05-03/slug"), None);
        assert_eq!(date("https://news.example/2022/05/slug"), None);
        assert_eq!(date("https://news.example/2022/13/40/slug"), None);
    }
}
