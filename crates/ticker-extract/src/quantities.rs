//! Quantities: numbers with hedge, unit and category.
//!
//! Number formats: German "10.000" and "2,5", Swiss "10'000", English
//! "10,000" and "2.5", plain "2000", scale words ("2,5 Millionen", "3
//! billion"), number words ("zwei", "three") and vague amounts
//! ("Tausende", "hundreds"). Calendar dates, times of day and years are not
//! quantities. The hedge comes from the words before the number; the
//! category and unit from the words after it ("10.000 Menschen festgenommen"),
//! or from the sentence when it names exactly one category ("Die Zahl der
//! Toten liegt bei 164").

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use ticker_model::{Hedge, Quantity};

use crate::lexicon::{CATEGORIES, CURRENCIES, DURATIONS, HEDGES, MEASURES, VAGUE_AMOUNTS};

/// A quantity with byte ranges.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundQuantity {
    /// The whole span, hedge included.
    pub range: Range<usize>,
    /// The stated value.
    pub value: f64,
    /// Lower bound.
    pub low: Option<f64>,
    /// Upper bound.
    pub high: Option<f64>,
    /// Hedge.
    pub hedge: Hedge,
    /// Unit.
    pub unit: Option<String>,
    /// Category.
    pub category: Option<String>,
    /// The sentence it stands in.
    pub sentence: Range<usize>,
}

impl FoundQuantity {
    /// To the record, with character offsets.
    pub fn to_record(&self, text: &str, offsets: &[u32]) -> Quantity {
        Quantity {
            text: text[self.range.clone()].to_string(),
            value: self.value,
            low: self.low,
            high: self.high,
            hedge: self.hedge,
            unit: self.unit.clone(),
            category: self.category.clone(),
            start: offsets[self.range.start],
            end: offsets[self.range.end],
        }
    }

    /// The value normalized for comparison: hedge sign and value, so that
    /// "rund 10'000" and "etwa 10.000" compare equal.
    pub fn normalized(&self) -> String {
        let sign = match self.hedge {
            Hedge::Exact => "",
            Hedge::Approx => "~",
            Hedge::AtLeast => ">=",
            Hedge::AtMost => "<=",
            Hedge::Vague => {
                // Vague amounts are their range: "Hunderte" is "200-999".
                return match (self.low, self.high) {
                    (Some(low), Some(high)) => {
                        format!("{}-{}", format_number(low), format_number(high))
                    }
                    _ => format!("~{}", format_number(self.value)),
                };
            }
        };
        format!("{sign}{}", format_number(self.value))
    }
}

/// Formats a number without a trailing ".0".
pub fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

fn number_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            (?:^|[^\w.,'’/+])
            (?P<neg>[-−])?
            (?P<num>
                \d+/\d+                            # a fraction 1/2 (checked later)
              | \d{1,3}(?:[\x{202f}\x{a0}\ ]\d{3})+(?:,\d+)?  # 1 234 567,89
              | \d{1,3}(?:['’]\d{3})+(?:[.,]\d+)?   # Swiss 10'000
              | \d{1,3}(?:\.\d{3})+(?:,\d+)?        # German 10.000,5
              | \d{1,3}(?:,\d{3})+(?:\.\d+)?        # English 10,000.5
              | \d+(?:[.,]\d+)?                     # 2000, 2,5, 2.5
            )
            (?P<after>\s*(?:%|Prozent|percent|per\ cent))?
        ",
        )
        .expect("valid regex")
    })
}

/// Parses a number as written, with the decimal convention of the language.
pub fn parse_number(raw: &str, english: bool) -> Option<f64> {
    if let Some((numerator, denominator)) = raw.split_once('/') {
        // Only simple fractions: 1/2, 3/4; not 24/7 or 2/2022.
        let numerator: f64 = numerator.parse().ok()?;
        let denominator: f64 = denominator.parse().ok()?;
        let simple = (2.0..=10.0).contains(&denominator) && numerator < denominator;
        return simple.then(|| numerator / denominator);
    }
    let cleaned: String = raw
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let dots = cleaned.matches('.').count();
    let commas = cleaned.matches(',').count();
    let normalized = if dots > 0 && commas > 0 {
        // Both: the last one is the decimal separator.
        if cleaned.rfind(',') > cleaned.rfind('.') {
            cleaned.replace('.', "").replace(',', ".")
        } else {
            cleaned.replace(',', "")
        }
    } else if dots > 0 {
        let grouped = dots > 1
            || cleaned
                .split('.')
                .nth(1)
                .is_some_and(|part| part.len() == 3);
        if (grouped && !english) || dots > 1 {
            cleaned.replace('.', "")
        } else {
            cleaned
        }
    } else if commas > 0 {
        let grouped = commas > 1
            || cleaned
                .split(',')
                .nth(1)
                .is_some_and(|part| part.len() == 3);
        if grouped && (english || commas > 1) {
            cleaned.replace(',', "")
        } else {
            cleaned.replace(',', ".")
        }
    } else {
        cleaned
    };
    normalized.parse().ok()
}

/// Finds the quantities of `text`.
pub fn find(text: &str, sentences: &[Range<usize>], english: bool) -> Vec<FoundQuantity> {
    find_with_words(text, &crate::entities::tokens(text), sentences, english)
}

/// [`find`] with the words of `text` (from [`crate::entities::tokens`]) at
/// hand.
pub fn find_with_words(
    text: &str,
    all_words: &[crate::entities::Token<'_>],
    sentences: &[Range<usize>],
    english: bool,
) -> Vec<FoundQuantity> {
    let mut found = Vec::new();
    for sentence in sentences {
        let slice = &text[sentence.clone()];
        // Most sentences hold no digit; the regex runs only where one is.
        let digits = slice.bytes().any(|byte| byte.is_ascii_digit());
        for captures in
            number_pattern()
                .captures_iter(slice)
                .take(if digits { usize::MAX } else { 0 })
        {
            let Some(number) = captures.name("num") else {
                continue;
            };
            let mut start = sentence.start + number.start();
            let mut end = sentence.start + number.end();
            if in_url(slice, number.start()) || in_code(slice, number.start()) {
                continue;
            }
            let mut raw = number.as_str();
            // "2 1000": a space-grouped number runs on into more digits, so
            // only its first group is a number.
            if raw.contains([' ', '\u{a0}', '\u{202f}'])
                && text[end..].starts_with(|c: char| c.is_ascii_digit())
            {
                let first = raw.find([' ', '\u{a0}', '\u{202f}']).unwrap_or(raw.len());
                raw = &raw[..first];
                end = start + first;
            }
            let after_text = &text[end..sentence.end];
            if is_date_or_time(&text[sentence.start..start], raw, after_text) {
                continue;
            }
            // An exponent ("m^2") is no number of its own.
            if text[..start].ends_with('^') {
                continue;
            }
            let Some(mut value) = parse_number(raw, english) else {
                continue;
            };
            if let Some(sign) = captures.name("neg") {
                value = -value;
                start = sentence.start + sign.start();
            }
            let mut unit = None;
            let mut category = None;
            if let Some(percent) = captures
                .name("after")
                .filter(|m| !m.as_str().trim().is_empty())
            {
                end = sentence.start + percent.end();
                unit = Some("percent".to_string());
                category = Some("percent".to_string());
            }
            let (scale, scale_length) = scale_after(&text[end..sentence.end]);
            // 16,4 Millionen is 16400000, not 16399999.999999998.
            value = significant(value * scale);
            end += scale_length;
            push_quantity(
                text,
                sentence,
                start,
                end,
                value,
                Hedge::Exact,
                None,
                unit,
                category,
                &mut found,
            );
        }
        // Number words, number phrases and vague amounts.
        let words = crate::entities::tokens_in(all_words, sentence);
        let texts: Vec<&str> = words.iter().map(|word| word.text).collect();
        // (A word can be in a link only where the sentence has one.)
        let has_link = slice.contains("://") || slice.contains("www.");
        let mut next_free = 0;
        for (index, word) in words.iter().enumerate() {
            if index < next_free || (has_link && in_url(slice, word.start)) {
                continue;
            }
            let start = sentence.start + word.start;
            let window = &texts[index..(index + 12).min(texts.len())];
            if let Some(number) = crate::numbers::phrase(window, english) {
                let last = &words[index + number.tokens - 1];
                let end = sentence.start + last.start + last.text.len();
                let next = text[end..sentence.end].trim_start();
                // A small number word alone ("vier weitere Staaten", "Acht"
                // as a noun) counts only before a noun or a category word;
                // compounds and phrases always count.
                let lower = word.text.starts_with(char::is_lowercase)
                    && text[end..sentence.end].trim().is_empty();
                // "einen Euro", "ein Pfund": an article before a unit.
                let unit_after = UNIT_NOUNS
                    .iter()
                    .any(|unit| next.split(|c: char| !c.is_alphanumeric()).next() == Some(*unit));
                let accepted = (!number.needs_scale || unit_after)
                    && (lower
                        || number.tokens > 1
                        || number.value >= 13.0
                        || category_for(next).is_some()
                        || next.starts_with(char::is_uppercase));
                if accepted {
                    push_quantity(
                        text,
                        sentence,
                        start,
                        end,
                        number.value,
                        Hedge::Exact,
                        None,
                        None,
                        None,
                        &mut found,
                    );
                    next_free = index + number.tokens;
                    continue;
                }
            }
            let end = start + word.text.len();
            if let Some((_, value, low, high)) = VAGUE_AMOUNTS
                .iter()
                .find(|(name, ..)| *name == word.text || name.eq_ignore_ascii_case(word.text))
            {
                push_quantity(
                    text,
                    sentence,
                    start,
                    end,
                    *value,
                    Hedge::Vague,
                    Some((*low, *high)),
                    None,
                    None,
                    &mut found,
                );
            }
        }
        // Vulgar fractions: "½".
        for (offset, c) in slice.char_indices() {
            if let Some(value) = crate::numbers::vulgar_fraction(c) {
                let start = sentence.start + offset;
                push_quantity(
                    text,
                    sentence,
                    start,
                    start + c.len_utf8(),
                    value,
                    Hedge::Exact,
                    None,
                    None,
                    None,
                    &mut found,
                );
            }
        }
    }
    found.sort_by_key(|quantity| quantity.range.start);
    found.dedup_by(|a, b| a.range.start < b.range.end);
    merge_cents(text, &mut found);
    found
}

/// Nouns of currencies and measures after which "ein"/"einen" is one.
const UNIT_NOUNS: &[&str] = &[
    "Euro",
    "Dollar",
    "Franken",
    "Pfund",
    "Rubel",
    "Cent",
    "Meter",
    "Kilometer",
    "Kilogramm",
    "Kilo",
    "Liter",
    "Tonne",
    "Grad",
    "Prozent",
    "Teelöffel",
    "Esslöffel",
];

/// Whether `offset` of `text` lies inside a URL.
fn in_url(text: &str, offset: usize) -> bool {
    let before = &text[..offset];
    let word_start = before.rfind(char::is_whitespace).map_or(0, |space| {
        space + before[space..].chars().next().map_or(1, char::len_utf8)
    });
    let word = &text[word_start..];
    let word = word.split(char::is_whitespace).next().unwrap_or("");
    word.contains("://") || word.starts_with("www.")
}

/// Whether `offset` of `text` lies inside a phone number ("+1-222-2222",
/// "030/1234-567") or a year-month code ("1995-01"): digits joined by
/// dashes and slashes, not a figure.
fn in_code(text: &str, offset: usize) -> bool {
    let before = &text[..offset];
    let word_start = before.rfind(char::is_whitespace).map_or(0, |space| {
        space + before[space..].chars().next().map_or(1, char::len_utf8)
    });
    let word = text[word_start..]
        .split(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_end_matches(['.', ',', ';', ':', ')']);
    let digits = word.chars().filter(char::is_ascii_digit).count();
    let separators = word.chars().filter(|c| matches!(c, '-' | '/')).count();
    let all_code = word
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '+' | '(' | ')'));
    let phone = word.starts_with('+') && digits >= 6;
    let dashed = separators >= 2 && digits >= 7;
    let year_month = word.len() == 7
        && word.as_bytes()[4] == b'-'
        && word[..4]
            .parse::<u32>()
            .is_ok_and(|year| (1800..=2200).contains(&year))
        && word[5..]
            .parse::<u32>()
            .is_ok_and(|month| (1..=12).contains(&month));
    all_code && (phone || dashed || year_month)
}

/// "15 Dollar und 15 Cent", "zwei Euro fünfzig": the cents join the amount.
fn merge_cents(text: &str, found: &mut Vec<FoundQuantity>) {
    let mut index = 0;
    while index + 1 < found.len() {
        let (amount, cents) = (&found[index], &found[index + 1]);
        let currency = amount
            .unit
            .as_deref()
            .is_some_and(|unit| CURRENCIES.iter().any(|(_, code)| *code == unit));
        // The currency word itself may stand between: "15 Dollar und 15 Cent".
        let mut between = text[amount.range.end..cents.range.start].trim();
        for (symbol, _) in CURRENCIES {
            between = between.strip_prefix(symbol).unwrap_or(between).trim_start();
        }
        let joined = matches!(between, "" | "und" | "and");
        let whole_cents = cents.value.fract() == 0.0 && (1.0..100.0).contains(&cents.value);
        if currency && joined && whole_cents && amount.value.fract() == 0.0 {
            let after = text[cents.range.end..].trim_start();
            let cents_word = ["Cent", "Cents", "ct", "Rappen", "cents"]
                .iter()
                .find(|word| after.starts_with(*word));
            let end = cents.range.end
                + cents_word.map_or(0, |word| {
                    text[cents.range.end..].len() - after.len() + word.len()
                });
            let value = amount.value + cents.value / 100.0;
            let merged = FoundQuantity {
                range: amount.range.start..end,
                value,
                low: Some(value),
                high: Some(value),
                ..amount.clone()
            };
            found[index] = merged;
            found.remove(index + 1);
        }
        index += 1;
    }
}

#[allow(clippy::too_many_arguments)]
fn push_quantity(
    text: &str,
    sentence: &Range<usize>,
    start: usize,
    end: usize,
    value: f64,
    default_hedge: Hedge,
    vague_bounds: Option<(f64, f64)>,
    unit: Option<String>,
    category: Option<String>,
    out: &mut Vec<FoundQuantity>,
) {
    // The context is the sentence, but no more than a window around the
    // number: real sentences fit in it, and a text that is one endless
    // sentence stays linear.
    let window = crate::context_window(text, sentence, start, end, CONTEXT_BYTES);
    let before = &text[window.start..start];
    let (hedge, hedge_length) = hedge_before(before).unwrap_or((default_hedge, 0));
    let hedge = if default_hedge == Hedge::Vague {
        Hedge::Vague
    } else {
        hedge
    };
    let after = &text[end..window.end];
    let mut unit = unit;
    let mut category = category;
    if unit.is_none() {
        if let Some(currency) = currency_near(last_chars(before, 4), after) {
            unit = Some(currency.to_string());
            category = Some("money".to_string());
        } else if ["Prozent", "%", "percent", "per cent"]
            .iter()
            .any(|sign| after.trim_start().starts_with(sign))
        {
            unit = Some("percent".to_string());
            category = Some("percent".to_string());
        } else if let Some(age) = age_near(before, after) {
            unit = Some(age.to_string());
            category = Some("age".to_string());
        } else if let Some((measure, kind)) = measure_after(after) {
            unit = Some(measure.to_string());
            category = Some(kind.to_string());
        } else if let Some(duration) = duration_after(after) {
            unit = Some(duration.to_string());
            category = Some("duration".to_string());
        } else if let Some((name, category_unit)) = category_for(clause_after(after))
            .or_else(|| category_for(clause_before(before)))
            .or_else(|| sentence_category(&text[window.clone()]))
        {
            category = Some(name.to_string());
            unit = Some(category_unit.to_string());
        }
    }
    let (low, high) = match (hedge, vague_bounds) {
        (_, Some((low, high))) => (Some(low), Some(high)),
        (Hedge::Exact, None) => (Some(value), Some(value)),
        (Hedge::Approx, None) => (Some(value * 0.9), Some(value * 1.1)),
        (Hedge::AtLeast, None) => (Some(value), None),
        (Hedge::AtMost, None) => (None, Some(value)),
        (Hedge::Vague, None) => (None, None),
    };
    out.push(FoundQuantity {
        range: start - hedge_length..end,
        value,
        low,
        high,
        hedge,
        unit,
        category,
        sentence: sentence.clone(),
    });
}

/// Bytes of context on either side of a number.
const CONTEXT_BYTES: usize = 600;

fn is_date_or_time(before: &str, number: &str, after: &str) -> bool {
    let after_trimmed = after.trim_start();
    // 13.01.2022, 09:59, "8 Uhr", "13. Januar", years.
    if after.starts_with(':')
        || after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return true;
    }
    if before.ends_with(':')
        || before.ends_with('.')
            && before.len() > 1
            && before[..before.len() - 1].ends_with(|c: char| c.is_ascii_digit())
    {
        return true;
    }
    if after_trimmed.starts_with("Uhr")
        || after_trimmed.starts_with("a.m")
        || after_trimmed.starts_with("p.m")
    {
        return true;
    }
    if after.starts_with(". ")
        && crate::lexicon::MONTHS
            .iter()
            .any(|(month, _)| after[2..].starts_with(month))
    {
        return true;
    }
    if crate::lexicon::MONTHS
        .iter()
        .any(|(month, _)| before.trim_end().ends_with(month))
    {
        return true;
    }
    if number.len() == 4 && !number.contains(['.', ',', '\'']) {
        if let Ok(year) = number.parse::<u32>() {
            let counts_something =
                category_for(after).is_some() || currency_near("", after).is_some();
            if (1900..=2100).contains(&year) && !counts_something {
                return true;
            }
        }
    }
    false
}

/// `value` to 12 significant digits, dropping binary floating-point noise.
fn significant(value: f64) -> f64 {
    format!("{value:.11e}").parse().unwrap_or(value)
}

fn hedge_before(before: &str) -> Option<(Hedge, usize)> {
    let trimmed = before.trim_end();
    let lower = trimmed.to_lowercase();
    for (phrase, hedge) in HEDGES {
        if lower.ends_with(phrase) {
            let boundary = lower.len() - phrase.len();
            let at_word_start =
                boundary == 0 || !lower[..boundary].ends_with(char::is_alphanumeric);
            if at_word_start {
                return Some((*hedge, before.len() - boundary));
            }
        }
    }
    None
}

fn scale_after(after: &str) -> (f64, usize) {
    let trimmed = after.trim_start();
    let skipped = after.len() - trimmed.len();
    for (word, scale) in [
        ("Milliarden", 1e9),
        ("Milliarde", 1e9),
        ("Mrd.", 1e9),
        ("billion", 1e9),
        ("Millionen", 1e6),
        ("Million", 1e6),
        ("Mio.", 1e6),
        ("Mio", 1e6),
        ("Mrd", 1e9),
        ("million", 1e6),
        ("Tausend", 1e3),
        ("thousand", 1e3),
    ] {
        let whole_word = |rest: &str| {
            rest.chars()
                .next()
                .is_none_or(|next| !next.is_alphanumeric())
        };
        if trimmed.strip_prefix(word).is_some_and(whole_word) {
            return (scale, skipped + word.len());
        }
    }
    (1.0, 0)
}

fn currency_near(before: &str, after: &str) -> Option<&'static str> {
    let after = after.trim_start();
    let before = before.trim_end();
    // One adjective may stand between: "16,4 Millionen kanadischen Dollar",
    // "30 kambodschanische Riel".
    let adjective = after
        .split_whitespace()
        .next()
        .filter(|w| {
            w.starts_with(char::is_lowercase)
                && ["e", "en", "er", "es"].iter().any(|end| w.ends_with(end))
        })
        .map(|w| after[w.len()..].trim_start());
    for (symbol, code) in CURRENCIES {
        // Names and codes as whole words ("Euro", not "Europa"), names in
        // any case ("17 dollar").
        let word = symbol.ends_with(char::is_alphabetic);
        let starts = |rest: &str| -> Option<usize> {
            if rest.starts_with(symbol) {
                return Some(symbol.len());
            }
            let head = rest.get(..symbol.len())?;
            (word && symbol.len() >= 4 && head.eq_ignore_ascii_case(symbol)).then_some(symbol.len())
        };
        let after_ok = [Some(after), adjective].into_iter().flatten().any(|text| {
            starts(text)
                .is_some_and(|length| !word || !text[length..].starts_with(char::is_alphanumeric))
        });
        let before_ok = before.strip_suffix(symbol).is_some_and(|rest| {
            !symbol.starts_with(char::is_alphabetic) || !rest.ends_with(char::is_alphanumeric)
        });
        if after_ok || before_ok {
            return Some(code);
        }
    }
    None
}

/// The unit of measure right after a number: "878 km/h", "4,18m^2", "100°
/// Celsius", "24 Grad". A degree before "Winkel" or a form of "drehen" is
/// an angle.
fn measure_after(after: &str) -> Option<(&'static str, &'static str)> {
    let trimmed = after.trim_start();
    let (unit, category, rest) = MEASURES.iter().find_map(|(word, unit, category)| {
        // Names of four letters and more in any case ("liter", "500Km").
        let rest = trimmed.strip_prefix(word).or_else(|| {
            let head = trimmed.get(..word.len())?;
            (word.len() >= 4 || *word == "km")
                .then_some(())
                .filter(|_| head.eq_ignore_ascii_case(word))
                .map(|_| &trimmed[word.len()..])
        })?;
        let bounded =
            !word.ends_with(char::is_alphanumeric) || !rest.starts_with(char::is_alphanumeric);
        bounded.then_some((*unit, *category, rest))
    })?;
    if category == "temperature" {
        let next: Vec<&str> = rest.split_whitespace().take(2).collect();
        if next
            .iter()
            .any(|w| w.starts_with("Winkel") || w.starts_with("dreh") || w.starts_with("gedreht"))
        {
            return Some(("°", "angle"));
        }
    }
    Some((unit, category))
}

/// An age: "500 Jahre alt", "drei Monate alt", "im Alter von 3 Jahren",
/// "ein 45-Jähriger".
fn age_near(before: &str, after: &str) -> Option<&'static str> {
    if age_after_name(before, after) {
        return Some("year");
    }
    let lower_after = after.to_lowercase();
    if lower_after.starts_with("-jährig") {
        return Some("year");
    }
    let words: Vec<&str> = lower_after.split_whitespace().take(3).collect();
    let unit = match words
        .first()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
    {
        Some("jahre" | "jahren" | "jahr" | "years" | "year") => "year",
        Some("monate" | "monaten" | "monat" | "months") => "month",
        Some("wochen" | "woche" | "weeks") => "week",
        Some("tage" | "tagen" | "days") => "day",
        _ => return None,
    };
    let old = words
        .get(1)
        .is_some_and(|w| ["alt", "old"].contains(&w.trim_matches(|c: char| !c.is_alphanumeric())));
    let before = before.trim_end().to_lowercase();
    let at_age = before.ends_with("alter von") || before.ends_with("age of");
    (old || at_age).then_some(unit)
}

/// An age written without a unit: between commas right after a name
/// ("Richard Cousins, 58, chief of …", "Gareth Morgan, 44, also died"), or
/// after "who was", "aged" ("Harambe, who was 17, was shot dead").
fn age_after_name(before: &str, after: &str) -> bool {
    let before = before.trim_end();
    // The last 16 bytes hold every cue (cut on a character boundary).
    let mut from = before.len().saturating_sub(16);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let lower = before[from..].to_lowercase();
    if [
        "who was",
        "who is",
        "aged",
        "im alter von",
        "der war",
        "die war",
    ]
    .iter()
    .any(|cue| lower.ends_with(cue))
    {
        return true;
    }
    let Some(rest) = before.strip_suffix(',') else {
        return false;
    };
    let previous = rest.split_whitespace().next_back().unwrap_or_default();
    previous.chars().next().is_some_and(char::is_uppercase) && after.trim_start().starts_with(',')
}

fn duration_after(after: &str) -> Option<&'static str> {
    let next = after
        .split_whitespace()
        .next()?
        .trim_matches(|c: char| !c.is_alphanumeric());
    DURATIONS
        .iter()
        .find(|(word, _)| *word == next)
        .map(|(_, unit)| *unit)
}

const CLAUSE_BREAKS: &[char] = &[',', ';', ':', '–', '—', '(', ')'];

/// The rest of the clause after a number.
fn clause_after(after: &str) -> &str {
    after.find(CLAUSE_BREAKS).map_or(after, |end| &after[..end])
}

/// The last `count` characters of `text`.
fn last_chars(text: &str, count: usize) -> &str {
    let start = text
        .char_indices()
        .rev()
        .nth(count.saturating_sub(1))
        .map_or(0, |(index, _)| index);
    &text[start..]
}

/// The clause before a number.
fn clause_before(before: &str) -> &str {
    before.rfind(CLAUSE_BREAKS).map_or(before, |start| {
        let break_length = before[start..].chars().next().map_or(1, char::len_utf8);
        &before[start + break_length..]
    })
}

/// The category named in the few words of a clause fragment.
fn category_for(after: &str) -> Option<(&'static str, &'static str)> {
    let window: String = after
        .split_whitespace()
        .take(8)
        .collect::<Vec<_>>()
        .join(" ");
    // The category whose word comes first in the window (ties: the
    // category listed first).
    let (automaton, category_of) = category_words();
    let mut first: Option<(usize, usize)> = None; // (position, category)
    for found in automaton.find_overlapping_iter(window.as_str()) {
        let candidate = (found.start(), category_of[found.pattern().as_usize()]);
        if first.is_none_or(|best| candidate < best) {
            first = Some(candidate);
        }
    }
    first.map(|(_, category)| {
        let (name, unit, _) = CATEGORIES[category];
        (name, unit)
    })
}

/// The category when the sentence names exactly one.
fn sentence_category(sentence: &str) -> Option<(&'static str, &'static str)> {
    let (automaton, category_of) = category_words();
    let mut named: Option<usize> = None;
    for found in automaton.find_overlapping_iter(sentence) {
        let category = category_of[found.pattern().as_usize()];
        match named {
            None => named = Some(category),
            Some(seen) if seen != category => return None,
            Some(_) => {}
        }
    }
    named.map(|category| {
        let (name, unit, _) = CATEGORIES[category];
        (name, unit)
    })
}

/// Every category word in one automaton (searched once per window rather
/// than once per word), with the category of each pattern.
fn category_words() -> &'static (aho_corasick::AhoCorasick, Vec<usize>) {
    static WORDS: std::sync::OnceLock<(aho_corasick::AhoCorasick, Vec<usize>)> =
        std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let mut patterns = Vec::new();
        let mut category_of = Vec::new();
        for (category, (_, _, words)) in CATEGORIES.iter().enumerate() {
            for word in *words {
                patterns.push(*word);
                category_of.push(category);
            }
        }
        let automaton = aho_corasick::AhoCorasick::new(&patterns)
            .expect("the category words build an automaton");
        (automaton, category_of)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_age_after_a_name_has_no_unit_but_is_an_age() {
        assert!(age_after_name(
            "The pilot, Gareth Morgan,",
            ", also died in the crash."
        ));
        assert!(age_after_name("Harambe, who was", ", was shot dead"));
        assert!(!age_after_name("Dabei starben", " Menschen"));
        assert!(!age_after_name("Am Montag, ", " Menschen starben"));
    }

    #[test]
    fn phone_numbers_and_year_months_are_no_quantities() {
        assert!(in_code("Tel. +1-222-2222-2222 ist", 6));
        assert!(in_code("Ruf 030/1234-5678 an", 4));
        assert!(in_code("im 1995-01 Heft", 3));
        assert!(!in_code("2020-2022 stiegen 1.000 Preise", 0));
        assert!(!in_code("rund 10.000 Menschen", 5));
    }
    use crate::sentences;

    fn quantities(text: &str, english: bool) -> Vec<FoundQuantity> {
        find(text, &sentences::split(text), english)
    }

    fn values(text: &str) -> Vec<f64> {
        quantities(text, false).iter().map(|q| q.value).collect()
    }

    #[test]
    fn number_words_phrases_and_formats() {
        assert_eq!(
            values("Zweieinhalb Millionen Menschen sind betroffen."),
            vec![2.5e6]
        );
        assert_eq!(
            values("Es waren zweihundertdreiundzwanzig Verletzte."),
            vec![223.0]
        );
        assert_eq!(
            values("Die Stadt hat 1 234 567 Einwohner."),
            vec![1_234_567.0]
        );
        assert_eq!(
            values("Die Stadt hat 40\u{202f}000 Einwohner."),
            vec![40_000.0]
        );
        assert_eq!(values("Es kostet 15 Dollar und 15 Cent."), vec![15.15]);
        assert_eq!(values("Es kostet zwei Euro fünfzig."), vec![2.5]);
        assert_eq!(values("Nachts sind es -5 Grad."), vec![-5.0]);
        assert_eq!(values("Ein halbes Dutzend Boote lag im Hafen."), vec![6.0]);
        assert_eq!(values("Das Ergebnis ist ½."), vec![0.5]);
        assert_eq!(values("Das sind 1/2 und 24/7."), vec![0.5]);
        assert_eq!(
            values("Siehe https://e.example/a?id=305&x=20 für mehr."),
            Vec::<f64>::new()
        );
        // A small number word before an adjective, and the article "ein",
        // are not quantities by themselves.
        assert_eq!(
            values("Dort sind vier weitere Staaten verbündet."),
            Vec::<f64>::new()
        );
        assert_eq!(values("Ein Haus brannte ab."), Vec::<f64>::new());
        assert_eq!(values("Hast du einen Euro?"), vec![1.0]);
    }

    #[test]
    fn multibyte_clause_breaks_and_currency_context() {
        let found = quantities(
            "Die Bilanz — 12 Tote, dazu ein Preis von €5 und «€»7 Franken.",
            false,
        );
        assert!(
            found
                .iter()
                .any(|q| q.value == 12.0 && q.category.as_deref() == Some("killed")),
            "{found:?}"
        );
    }

    #[test]
    fn units_ages_and_currencies() {
        let units = |text: &str| -> Vec<(f64, Option<String>, Option<String>)> {
            quantities(text, false)
                .into_iter()
                .map(|q| (q.value, q.unit, q.category))
                .collect()
        };
        let one = |value: f64, unit: &str, category: &str| {
            vec![(value, Some(unit.to_string()), Some(category.to_string()))]
        };
        assert_eq!(
            units("Der Zug fuhr 878 km/h schnell."),
            one(878.0, "km/h", "speed")
        );
        assert_eq!(
            units("Das Feld misst 4,18m^2 insgesamt."),
            one(4.18, "m2", "area")
        );
        assert_eq!(
            units("Heute sind es 35 °C im Schatten."),
            one(35.0, "°C", "temperature")
        );
        assert_eq!(
            units("Wir drehen um 45 Grad Winkel weiter."),
            one(45.0, "°", "angle")
        );
        assert_eq!(
            units("Die Mauer ist mehr als 500 Jahre alt."),
            one(500.0, "year", "age")
        );
        assert_eq!(
            units("Der Preis liegt bei 16,4 Millionen kanadischen Dollar."),
            one(16.4e6, "USD", "money")
        );
        assert_eq!(
            units("Es waren zwanzig Prozent der Stimmen."),
            one(20.0, "percent", "percent")
        );
        // A currency name inside a longer word is none.
        assert!(units("Es kamen 5 Europäer an.")
            .iter()
            .all(|(_, unit, _)| unit.as_deref() != Some("EUR")));
    }

    #[test]
    fn number_formats() {
        assert_eq!(parse_number("10.000", false), Some(10000.0));
        assert_eq!(parse_number("10'000", false), Some(10000.0));
        assert_eq!(parse_number("2,5", false), Some(2.5));
        assert_eq!(parse_number("10,000", true), Some(10000.0));
        assert_eq!(parse_number("2.5", true), Some(2.5));
        assert_eq!(parse_number("1.234.567,89", false), Some(1234567.89));
    }

    #[test]
    fn hedges_and_categories() {
        let found = quantities("Dabei starben nach Angaben der Regierung 164 Menschen, fast 10.000 wurden festgenommen.", false);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].normalized(), "164");
        assert_eq!(found[1].normalized(), "~10000");
        assert_eq!(found[1].hedge, Hedge::Approx);
        let found = quantities("Rund 10'000 Menschen wurden festgenommen.", false);
        assert_eq!(found[0].normalized(), "~10000");
        assert_eq!(found[0].category.as_deref(), Some("arrested"));
        let found = quantities("Das Bündnis hatte mehr als 2000 Soldaten entsandt.", false);
        assert_eq!(found[0].hedge, Hedge::AtLeast);
        assert_eq!(found[0].category.as_deref(), Some("troops"));
        let found = quantities(
            "Diese schickte daraufhin Tausende Soldaten in die Ex-Sowjetrepublik.",
            false,
        );
        assert_eq!(found[0].hedge, Hedge::Vague);
        let found = quantities(
            "Am 13.01.2022 um 09:59 Uhr, im Jahr 2022, kostete es 2,5 Millionen Euro.",
            false,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].value, 2_500_000.0);
        assert_eq!(found[0].unit.as_deref(), Some("EUR"));
    }
}
