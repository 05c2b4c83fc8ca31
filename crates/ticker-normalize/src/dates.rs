//! When a page says it was published and modified.
//!
//! The signals, most reliable first: the article's JSON-LD
//! (`datePublished`, else `dateCreated`), publication `<meta>` tags of the
//! common vocabularies (OpenGraph, Dublin Core, schema.org microdata,
//! Parse.ly, Sailthru, PRISM, Highwire citations), schema.org microdata on
//! any element (`itemprop="datePublished"` with `content`, `datetime` or
//! `title`, else its text), `<time pubdate>`, the first `<time datetime>`
//! (else the date a `<time>` shows), a date in the URL's path
//! (`/2022/05/03/`), and last what the page shows: the first date in a
//! short element whose class or id names a date or byline
//! (`class="article-date"`, `"meta-date"`, `"byline"`), else in a line
//! labelled as the publication date ("Datum:", "Veröffentlicht am",
//! "Pressemitteilung vom"), else in a short text beside the `<h1>`; never
//! inside comments, lists, sidebars or teasers that link to other
//! articles, whose dates are other articles' or later.
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
    // The first <h1>, looked for once and only when a shown date is needed.
    let first_h1 = std::cell::OnceCell::new();
    let headline = || *first_h1.get_or_init(|| headline(document));
    json_ld
        .into_iter()
        .flatten()
        .find_map(parse_date)
        .or_else(|| from_meta(meta, PUBLISHED_KEYS))
        .or_else(|| from_microdata(document, "datePublished"))
        .or_else(|| from_time_elements(document, headline))
        .or_else(|| url.and_then(from_url))
        .or_else(|| from_dated_elements(document, headline()))
        .or_else(|| from_labelled_dates(document, DATE_LABELS, headline()))
        .or_else(|| from_headline_block(headline()?))
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
/// article's: comments, lists of other articles, sidebars, embedded posts.
/// (A "teaser" is another article's when it links somewhere.)
const OTHER_WORDS: &[&str] = &[
    "comment",
    "kommentar",
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

/// Whether `element` lies in a part of the page that shows other
/// articles' dates (comments, teasers, sidebars, the page's footer). The
/// classes of `<html>` and `<body>` describe the whole page
/// (`pageLayout--related`), not a part of it, and are not read; nor are
/// those of a part that holds the page's headline (a layout named
/// `zen-one-sidebar-second` around the article), since a part that holds
/// the article is not another article's.
fn in_other_part(element: &scraper::ElementRef, headline: Option<scraper::ElementRef>) -> bool {
    let holds_headline = |above: &scraper::ElementRef| {
        headline.is_some_and(|headline| headline.ancestors().any(|node| node.id() == above.id()))
    };
    element
        .ancestors()
        .filter_map(scraper::ElementRef::wrap)
        .chain([*element])
        .filter(|above| !matches!(above.value().name(), "html" | "body"))
        .filter(|above| !holds_headline(above))
        .any(|above| {
            let names = names(above.value());
            matches!(above.value().name(), "aside" | "nav" | "footer")
                || OTHER_WORDS.iter().any(|word| names.contains(word))
                || (names.contains("teaser") && links_elsewhere(&above))
        })
}

/// Whether an element holds a link: a teaser that links to its article is
/// another article's; the article's own "teaser" (its lead, its date line)
/// links nowhere.
fn links_elsewhere(element: &scraper::ElementRef) -> bool {
    element.value().name() == "a"
        || element
            .descendent_elements()
            .any(|inner| inner.value().name() == "a" && inner.value().attr("href").is_some())
}

/// The text of an element on one line, when it is short (at most 100
/// characters): a date line, not a paragraph that mentions a date.
fn short_text(element: &scraper::ElementRef) -> Option<String> {
    let text: String = element.text().collect();
    let text = crate::text::clean_inline(&text);
    (text.chars().count() <= 100).then_some(text)
}

/// The first date shown in a short element named for a date or a byline,
/// outside the parts of a page that show other articles' dates.
fn from_dated_elements<'a>(
    document: &'a scraper::Html,
    headline: Option<scraper::ElementRef<'a>>,
) -> Option<DateTime<FixedOffset>> {
    document
        .root_element()
        .descendent_elements()
        .filter(|element| {
            let names = names(element.value());
            DATED_WORDS.iter().any(|word| names.contains(word))
        })
        .filter(|element| !in_other_part(element, headline))
        .find_map(|element| shown_date(&short_text(&element)?))
}

/// Words that label a publication date at the start of a line ("Datum:
/// 26. Januar 2022", "Veröffentlicht am 03.11.2021", "Pressemitteilung vom
/// 25. Januar 2022", "Published: May 3, 2021"). "Stand" and "Updated" label
/// a later version and are left out.
const DATE_LABELS: &[&str] = &[
    "datum",
    "veröffentlicht",
    "erschienen",
    "publiziert",
    "erstellt",
    "pressemitteilung",
    "published",
    "posted",
    "date",
];

/// Words that label the date of a later version at the start of a line
/// ("Stand: 25.01.2022", "Aktualisiert am 3. Mai 2021", "Updated: May 3,
/// 2021"): the modification date when the metadata gives none.
const UPDATE_LABELS: &[&str] = &[
    "stand",
    "aktualisiert",
    "zuletzt aktualisiert",
    "letzte änderung",
    "geändert",
    "updated",
    "last updated",
    "last modified",
];

/// Whether a text starts with a date label, alone or followed by a colon,
/// "am", "vom" or "on", and then a number, a month or a weekday ("Datum",
/// "Datum: 26.", "Veröffentlicht am Mo., 3. Mai", "Erstellt am: 30.01.",
/// "Published on May 3"; not "Date of birth").
fn starts_with_label(text: &str, labels: &[&str]) -> bool {
    // A label and its connector fit in the first 40 characters; the rest
    // of a long text is not lowered (this runs on every text of a page).
    if !text.trim_start().starts_with(char::is_alphabetic) {
        return false;
    }
    let text: String = text
        .trim_start()
        .chars()
        .take(40)
        .flat_map(char::to_lowercase)
        .collect();
    let separators = |c: char| c == ':' || c == ',' || c.is_whitespace();
    labels.iter().any(|label| {
        let Some(rest) = text.strip_prefix(label) else {
            return false;
        };
        if rest.starts_with(char::is_alphanumeric) {
            return false;
        }
        let mut rest = rest.trim_start_matches(separators);
        for connector in ["am", "vom", "on"] {
            if let Some(after) = rest.strip_prefix(connector) {
                if !after.starts_with(char::is_alphanumeric) {
                    rest = after.trim_start_matches(separators);
                    break;
                }
            }
        }
        let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
        rest.is_empty()
            || rest.starts_with(|c: char| c.is_ascii_digit())
            || month_number(&word).is_some()
            || WEEKDAYS.split_whitespace().any(|day| day == word)
    })
}

/// German and English weekdays and their abbreviations, lower case.
const WEEKDAYS: &str = "mo di mi do fr sa so montag dienstag mittwoch donnerstag freitag samstag \
                        sonntag mon tue wed thu fri sat sun monday tuesday wednesday thursday \
                        friday saturday sunday";

/// The first date in the opening of an element whose text starts with one
/// of `labels`, outside the parts of a page that show other articles'
/// dates. The label's element may hold only the label ("<span>Datum:</span>
/// 26. Januar 2022"), so the date is read from the element's parent too.
fn from_labelled_dates<'a>(
    document: &'a scraper::Html,
    labels: &[&str],
    headline: Option<scraper::ElementRef<'a>>,
) -> Option<DateTime<FixedOffset>> {
    // An element qualifies by its first text; with no text that starts
    // with a label (most pages), none does, and one pass over the texts
    // saves a pass over every element's.
    if !document
        .root_element()
        .text()
        .any(|text| starts_with_label(text, labels))
    {
        return None;
    }
    document
        .root_element()
        .descendent_elements()
        .filter(|element| {
            element
                .text()
                .find(|text| !text.trim().is_empty())
                .is_some_and(|text| starts_with_label(text, labels))
        })
        .filter(|element| !in_other_part(element, headline))
        .find_map(|element| {
            shown_date(&opening(&element)).or_else(|| {
                let parent = scraper::ElementRef::wrap(element.parent()?)?;
                shown_date(&short_text(&parent)?)
            })
        })
}

/// The first 60 characters of an element's text on one line: a label's
/// date may open a paragraph ("Pressemitteilung vom 25. Januar 2022 |
/// Berlin – Die …").
fn opening(element: &scraper::ElementRef) -> String {
    let mut text = String::new();
    for piece in element.text() {
        text.push_str(piece);
        if text.len() > 240 {
            break;
        }
    }
    crate::text::clean_inline(&text).chars().take(60).collect()
}

/// The first date shown in a short text beside the visible headline: in the
/// block of the first `<h1>` (its parent, else up to two levels above),
/// before the article's first paragraph, where publishers put the date
/// line. A date inside the text is an event's, so the search stops at the
/// first text longer than 150 characters (a lead of one or two lines
/// before the date line is passed over).
fn from_headline_block(headline: scraper::ElementRef) -> Option<DateTime<FixedOffset>> {
    let mut block = headline;
    for _ in 0..3 {
        block = scraper::ElementRef::wrap(block.parent()?)?;
        if matches!(block.value().name(), "body" | "html") {
            return None;
        }
        let found = block
            .descendants()
            .filter_map(|node| Some((node, node.value().as_text()?)))
            .take_while(|(_, text)| crate::text::clean_inline(text).chars().count() <= 150)
            .filter_map(|(node, _)| node.parent().and_then(scraper::ElementRef::wrap))
            .filter(|element| {
                !matches!(element.value().name(), "script" | "style" | "noscript")
                    && !in_other_part(element, Some(headline))
            })
            .find_map(|element| shown_date(&short_text(&element)?));
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The page's first `<h1>`.
fn headline(document: &scraper::Html) -> Option<scraper::ElementRef<'_>> {
    document.select(heading_selector()).next()
}

fn heading_selector() -> &'static scraper::Selector {
    static SELECTOR: OnceLock<scraper::Selector> = OnceLock::new();
    SELECTOR.get_or_init(|| scraper::Selector::parse("h1").expect("valid selector"))
}

/// A date somewhere in a short text: "Bonn, 11.10.2021", "Erstellt am
/// 09.02.2022, 10:15", "2021-05-12", "By Carrie Arnold November 15, 2019".
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
    static ISO: OnceLock<Regex> = OnceLock::new();
    let iso = ISO.get_or_init(|| {
        Regex::new(r"(?:^|[^\d-])(\d{4}-\d{1,2}-\d{1,2})(?:$|[^\d-])").expect("valid regex")
    });
    // A date written for people comes first; an ISO date in the same text
    // is often a machine stamp of the last change.
    let iso_date = || {
        let captures = iso.captures(text)?;
        NaiveDate::parse_from_str(&captures[1], "%Y-%m-%d")
            .ok()
            .and_then(at_midnight)
    };
    parse_words(text)
        .or_else(iso_date)
        .filter(|date| YEARS.contains(&chrono::Datelike::year(&date.date_naive())))
}

/// The modification time: JSON-LD, `<meta>`, microdata, else a line
/// labelled as an update ("Stand:", "Aktualisiert am", "Updated:") that is
/// not before `published`.
pub(crate) fn modified(
    document: &scraper::Html,
    meta: &HashMap<String, String>,
    json_ld: Option<&str>,
    published: Option<DateTime<FixedOffset>>,
) -> Option<DateTime<FixedOffset>> {
    json_ld
        .and_then(parse_date)
        .or_else(|| from_meta(meta, MODIFIED_KEYS))
        .or_else(|| from_microdata(document, "dateModified"))
        .or_else(|| {
            // A shown update date has no time zone and often no time: one
            // before the publication is that day's, not a later version.
            from_labelled_dates(document, UPDATE_LABELS, headline(document))
                .filter(|shown| published.is_none_or(|published| *shown >= published))
        })
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

/// `<time pubdate datetime=…>`, else the first `<time datetime=…>`, else
/// the first date a `<time>` shows.
fn from_time_elements<'a>(
    document: &'a scraper::Html,
    headline: impl Fn() -> Option<scraper::ElementRef<'a>>,
) -> Option<DateTime<FixedOffset>> {
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
        .or_else(|| {
            // A `datetime` in no standard form ("01-11-2023 10:29"): the
            // date the element shows, outside other articles' parts.
            let headline = headline();
            times
                .iter()
                .filter(|time| !in_other_part(time, headline))
                .find_map(|time| shown_date(&short_text(time)?))
        })
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
        assert_eq!(
            shown("Erschienen 2021-05-12").as_deref(),
            Some("2021-05-12T00:00:00+00:00")
        );
        assert_eq!(shown("Seite 12.345 von 13.000"), None);
        assert_eq!(shown("ISBN 978-3-16-148410-0"), None);
        assert_eq!(shown("Ausgabe 3/2022"), None);
    }

    /// The publication day `published` finds in a page with no metadata.
    fn day_of(page: &str) -> Option<String> {
        let document = scraper::Html::parse_document(page);
        published(&document, &HashMap::new(), [None, None], None)
            .map(|date| date.date_naive().to_string())
    }

    #[test]
    fn a_date_line_is_found_by_its_label_its_class_its_time_or_beside_the_headline() {
        for (page, day) in [
            // A label in its own element, the date beside it.
            (
                "<ul class=info><li><span>Datum:</span> 26. Januar 2022</li></ul><p>Text</p>",
                "2022-01-26",
            ),
            // A label with a connector, the date opening a long paragraph.
            (
                "<p>Pressemitteilung vom 25. Januar 2022 | Berlin – Die künftige Exekutivdirektorin \
                 des Welternährungsprogramms sprach heute mit der Ministerin über die Lage.</p>",
                "2022-01-25",
            ),
            ("<small>Erstellt am: 30.01.2022 18:36</small>", "2022-01-30"),
            ("<p>Published on May 3, 2021</p>", "2021-05-03"),
            // A class that names a date, on a page whose <body> class names
            // a related-articles layout (which says nothing of the part).
            (
                "<body class='pageLayout--related'><span class='meta__date'>06.12.2022</span></body>",
                "2022-12-06",
            ),
            // A <time> whose datetime is in no standard form.
            (
                "<time datetime='01-11-2023 10:29'>1. November 2023 10:29</time>",
                "2023-11-01",
            ),
            // The date line in the headline's block, before the text.
            (
                "<div><h1>Boot Tulln abgesagt</h1><div><span>dpa</span> am 24.01.2022</div>\
                 <p>Die Messe findet auch in diesem Jahr nicht statt, teilte der Veranstalter am \
                 Montag mit; die Aussteller waren schon im November informiert worden.</p></div>",
                "2022-01-24",
            ),
            // A layout named for a sidebar that holds the headline holds
            // the article.
            (
                "<div class='zen-one-sidebar-second'><h1>Libre cours</h1>\
                 <span class='field-published-at'>le 07 Mai 2020</span></div>\
                 <aside><span class=date>08.05.2020</span></aside>",
                "2020-05-07",
            ),
            // The article's own teaser (its lead) links nowhere.
            (
                "<div class='teaser-meta'>02.01.2022</div><h1>Land zahlte</h1>",
                "2022-01-02",
            ),
        ] {
            assert_eq!(day_of(page).as_deref(), Some(day), "{page}");
        }
    }

    #[test]
    fn dates_of_other_articles_comments_and_the_text_are_not_the_articles() {
        for page in [
            // A teaser that links to another article.
            "<div class='teaser'><a href='/other'>Other</a><span class=date>02.01.2022</span></div>",
            // A comment's date.
            "<div class='comment'><span class='date'>19. Juni 2018 um 15:28 Uhr</span></div>",
            // A date inside the text after the headline.
            "<div><h1>Title</h1><p>Die Messe findet auch in diesem Jahr nicht statt, teilte der \
             Veranstalter am Montag mit; die Aussteller waren schon im November informiert \
             worden, sagte ein Sprecher.</p><p>Am 24.01.2022</p></div>",
            // A label that is not a date's.
            "<p>Date of birth: 3 May 1990</p>",
            "<p>Datumsangabe 03.05.2020</p>",
        ] {
            assert_eq!(day_of(page), None, "{page}");
        }
    }

    #[test]
    fn an_update_line_gives_the_modification_date_when_it_is_not_before_the_publication() {
        let modified = |page: &str, published: Option<&str>| {
            let document = scraper::Html::parse_document(page);
            let published = published.and_then(parse_date);
            modified(&document, &HashMap::new(), None, published)
                .map(|date| date.date_naive().to_string())
        };
        assert_eq!(
            modified("<p>Stand: 25.01.2022</p>", Some("2022-01-20")).as_deref(),
            Some("2022-01-25")
        );
        assert_eq!(
            modified("<div><span>Aktualisiert am</span> 17.01.2021</div>", None).as_deref(),
            Some("2021-01-17")
        );
        assert_eq!(
            modified("<p>Last updated: 13 July 2020</p>", None).as_deref(),
            Some("2020-07-13")
        );
        // Before the publication: not a later version.
        assert_eq!(
            modified("<p>Stand: 01.11.2021</p>", Some("2021-11-01T08:00:00Z")),
            None
        );
        // A word that only starts like a label.
        assert_eq!(modified("<p>Standort: Berlin, 01.11.2021</p>", None), None);
        // An update line is no publication date.
        assert_eq!(day_of("<p>Stand: 25.01.2022</p>"), None);
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
