//! Numbers written in words: German compounds ("einhunderteinunddreißig",
//! "zweihundertsechsundfünfzig", "fünfzehntausend", with or without
//! umlauts), halves and quarters ("zweieinhalb", "anderthalb",
//! "dreiviertel"), and phrases of several words ("zwei Millionen
//! eintausendeinhundertfünfzig", "eine halbe Million", "ein halbes
//! Dutzend", "zwei Komma drei", "drei halbe", "zwei Drittel"); English
//! number words ("twenty-five", "three hundred").

/// A number phrase found in a token sequence: how many tokens it spans and
/// its value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WordNumber {
    /// Tokens it spans, from the first one given.
    pub tokens: usize,
    /// Its value.
    pub value: f64,
    /// Whether it is only an article-like "ein"/"eine" that needs a scale
    /// or fraction after it to count as a number.
    pub needs_scale: bool,
}

const UNITS: &[(&str, u64)] = &[
    ("null", 0),
    ("eins", 1),
    ("ein", 1),
    ("eine", 1),
    ("zwei", 2),
    ("zwo", 2),
    ("drei", 3),
    ("vier", 4),
    ("fünf", 5),
    ("sechs", 6),
    ("sieben", 7),
    ("acht", 8),
    ("neun", 9),
];

const TEENS: &[(&str, u64)] = &[
    ("zehn", 10),
    ("elf", 11),
    ("zwölf", 12),
    ("dreizehn", 13),
    ("vierzehn", 14),
    ("fünfzehn", 15),
    ("sechzehn", 16),
    ("siebzehn", 17),
    ("achtzehn", 18),
    ("neunzehn", 19),
];

const TENS: &[(&str, u64)] = &[
    ("zwanzig", 20),
    ("dreißig", 30),
    ("vierzig", 40),
    ("fünfzig", 50),
    ("sechzig", 60),
    ("siebzig", 70),
    ("achtzig", 80),
    ("neunzig", 90),
];

/// Scale words after a number: "zwei Millionen".
const SCALES: &[(&str, f64)] = &[
    ("million", 1e6),
    ("millionen", 1e6),
    ("mio", 1e6),
    ("milliarde", 1e9),
    ("milliarden", 1e9),
    ("mrd", 1e9),
    ("billion", 1e12),
    ("billionen", 1e12),
    ("dutzend", 12.0),
    ("tausend", 1e3),
    ("hundert", 1e2),
];

/// Fraction nouns after a number: "zwei Drittel", "drei halbe".
const FRACTIONS: &[(&str, f64)] = &[
    ("halbe", 0.5),
    ("halben", 0.5),
    ("drittel", 1.0 / 3.0),
    ("viertel", 0.25),
    ("fünftel", 0.2),
    ("sechstel", 1.0 / 6.0),
    ("achtel", 0.125),
    ("zehntel", 0.1),
];

const ENGLISH_UNITS: &[(&str, u64)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

const ENGLISH_SCALES: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("dozen", 12.0),
];

/// Lower case with the transliterations of umlauts and ß folded back
/// ("fuenf" → "fünf", "dreissig" → "dreißig").
fn fold(word: &str) -> String {
    let lower = word.to_lowercase();
    // (Most words hold no such pair: they need no further copies.)
    if !["ue", "oe", "ae", "ss"]
        .iter()
        .any(|pair| lower.contains(pair))
    {
        return lower;
    }
    lower
        .replace("ue", "ü")
        .replace("oe", "ö")
        .replace("ae", "ä")
        .replace("ss", "ß")
}

/// The value of one German number word, compounds included; None when the
/// word is not a number.
pub fn german_word(word: &str) -> Option<f64> {
    if !could_be_german_number(word) {
        return None;
    }
    let folded = fold(word);
    let folded = folded.trim_end_matches('-');
    if folded.is_empty() {
        return None;
    }
    // Halves and quarters.
    for (whole, value) in [
        ("anderthalb", 1.5),
        ("eineinhalb", 1.5),
        ("einundhalb", 1.5),
        ("einhalb", 0.5),
        ("halb", 0.5),
        ("dreiviertel", 0.75),
    ] {
        if folded == whole {
            return Some(value);
        }
    }
    if let Some(head) = folded.strip_suffix("einhalb") {
        return compound(head).map(|value| value as f64 + 0.5);
    }
    compound(folded).map(|value| value as f64)
}

/// A cheap test before the real parse: every German number word starts
/// with one of these stems.
fn could_be_german_number(word: &str) -> bool {
    const STEMS: &[&str] = &[
        "null",
        "ein",
        "zw",
        "drei",
        "vier",
        "fünf",
        "fuenf",
        "sech",
        "sieb",
        "acht",
        "neun",
        "zehn",
        "elf",
        "hundert",
        "tausend",
        "anderthalb",
        "halb",
    ];
    let mut head = [0u8; 10];
    let mut length = 0;
    for byte in word.bytes().take(head.len()) {
        head[length] = byte.to_ascii_lowercase();
        length += 1;
    }
    let head = &head[..length];
    STEMS.iter().any(|stem| head.starts_with(stem.as_bytes()))
}

/// A German cardinal compound below a million.
fn compound(word: &str) -> Option<u64> {
    if word.is_empty() {
        return None;
    }
    if let Some(at) = word.find("tausend") {
        let (left, right) = (&word[..at], &word[at + "tausend".len()..]);
        let thousands = if left.is_empty() {
            1
        } else {
            below_thousand(left)?
        };
        let rest = if right.is_empty() {
            0
        } else {
            below_thousand(right)?
        };
        return Some(thousands * 1000 + rest);
    }
    below_thousand(word)
}

fn below_thousand(word: &str) -> Option<u64> {
    if let Some(at) = word.find("hundert") {
        let (left, right) = (&word[..at], &word[at + "hundert".len()..]);
        let hundreds = match left {
            "" | "ein" => 1,
            _ => unit(left).filter(|value| *value > 0)?,
        };
        let rest = if right.is_empty() {
            0
        } else {
            below_hundred(right)?
        };
        return Some(hundreds * 100 + rest);
    }
    below_hundred(word)
}

fn below_hundred(word: &str) -> Option<u64> {
    if let Some(value) = lookup(TEENS, word).or_else(|| lookup(TENS, word)) {
        return Some(value);
    }
    if let Some(value) = unit(word) {
        return Some(value);
    }
    // "einunddreißig": a unit, "und", a ten.
    let (left, right) = word.split_once("und")?;
    let ones = match left {
        "ein" => 1,
        _ => unit(left).filter(|value| (1..10).contains(value))?,
    };
    Some(lookup(TENS, right)? + ones)
}

fn unit(word: &str) -> Option<u64> {
    lookup(UNITS, word)
}

fn lookup(table: &[(&str, u64)], word: &str) -> Option<u64> {
    table
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, value)| *value)
}

/// The value of an English number word ("twenty-five" included).
pub fn english_word(word: &str) -> Option<f64> {
    let lower = word.to_lowercase();
    if let Some((tens, ones)) = lower.split_once('-') {
        let tens = lookup(ENGLISH_UNITS, tens).filter(|value| *value >= 20)?;
        let ones = lookup(ENGLISH_UNITS, ones).filter(|value| (1..10).contains(value))?;
        return Some((tens + ones) as f64);
    }
    lookup(ENGLISH_UNITS, &lower).map(|value| value as f64)
}

/// Reads a number phrase at the start of `words` (already split into
/// tokens): a number word with the scales, fractions, "Komma" decimals and
/// further groups that follow it. None when the first token is no number.
pub fn phrase(words: &[&str], english: bool) -> Option<WordNumber> {
    let first = *words.first()?;
    // Every German number word and article starts with a number stem: most
    // tokens of a text end here, before any allocation.
    if !english && !could_be_german_number(first) {
        return None;
    }
    let lower = first.to_lowercase();
    let word_value = |word: &str| match english {
        true => english_word(word),
        false => german_word(word),
    };
    // "eine halbe Million", "ein halbes Dutzend".
    let (mut group, mut used, article) = if matches!(
        lower.as_str(),
        "ein" | "eine" | "einen" | "einem" | "einer" | "a" | "an"
    ) && words
        .get(1)
        .is_some_and(|next| matches!(next.to_lowercase().as_str(), "halbe" | "halbes" | "halben"))
    {
        (0.5, 2, false)
    } else if matches!(lower.as_str(), "einen" | "einem" | "einer" | "a" | "an") {
        (1.0, 1, true)
    } else {
        // "siebenhundert-Euro": the number before a hyphen.
        let value = word_value(first).or_else(|| {
            let (head, _) = first.split_once('-')?;
            word_value(head)
        })?;
        (value, 1, matches!(lower.as_str(), "ein" | "eine"))
    };
    // "zwei Komma drei".
    if !english
        && words
            .get(used)
            .is_some_and(|w| w.eq_ignore_ascii_case("komma"))
    {
        if let Some(decimals) = words.get(used + 1).and_then(|w| german_word(w)) {
            if decimals.fract() == 0.0 && decimals < 1000.0 {
                let digits = format!("{}", decimals as u64);
                group += decimals / 10f64.powi(digits.len() as i32);
                used += 2;
            }
        }
    }
    // "zwei Drittel", "drei halbe", "fünf und drei Viertel".
    if let Some(fraction) = words.get(used).and_then(|w| lookup_f(FRACTIONS, &fold(w))) {
        group *= fraction;
        used += 1;
    } else if !english
        && words.get(used).is_some_and(|w| *w == "und")
        && words
            .get(used + 2)
            .and_then(|w| lookup_f(FRACTIONS, &fold(w)))
            .is_some()
    {
        if let Some(numerator) = words.get(used + 1).and_then(|w| german_word(w)) {
            let fraction = lookup_f(FRACTIONS, &fold(words[used + 2])).unwrap_or(0.0);
            group += numerator * fraction;
            used += 3;
        }
    }
    let mut total = 0.0;
    let mut needs_scale = article;
    let mut last_scale = f64::INFINITY;
    loop {
        let scale = words.get(used).and_then(|w| {
            let folded = fold(w.trim_end_matches('.'));
            let table = if english { ENGLISH_SCALES } else { SCALES };
            lookup_f(table, &folded)
        });
        match scale {
            Some(scale) if scale < last_scale => {
                used += 1;
                needs_scale = false;
                let value = group * scale;
                last_scale = scale;
                // A further group below the scale: "zwei Millionen
                // eintausendeinhundertfünfzig".
                let next = words.get(used).and_then(|w| word_value(w));
                match next {
                    Some(next)
                        if next * 1.0 < scale && !words[used].eq_ignore_ascii_case("ein") =>
                    {
                        total += value;
                        group = next;
                        used += 1;
                    }
                    _ => {
                        total += value;
                        break;
                    }
                }
            }
            _ => {
                total += group;
                break;
            }
        }
    }
    Some(WordNumber {
        tokens: used,
        value: total,
        needs_scale,
    })
}

fn lookup_f(table: &[(&str, f64)], word: &str) -> Option<f64> {
    table
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, value)| *value)
}

/// A Unicode vulgar fraction ("½", "⅙").
pub fn vulgar_fraction(c: char) -> Option<f64> {
    Some(match c {
        '½' => 0.5,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅕' => 0.2,
        '⅙' => 1.0 / 6.0,
        '⅛' => 0.125,
        _ => return None,
    })
}

/// The value of a German ordinal word ("dritte", "fünfundzwanzigster",
/// "einhunderteinunddreißigste", "Milliardsten"), any ending.
pub fn german_ordinal(word: &str) -> Option<f64> {
    let lower = word.to_lowercase();
    for (stem, value) in [("erst", 1.0), ("dritt", 3.0), ("siebt", 7.0), ("acht", 8.0)] {
        if let Some(ending) = lower.strip_prefix(stem) {
            if ORDINAL_ENDINGS.contains(&ending) {
                return Some(value);
            }
        }
    }
    // Scales: "Millionste", "Milliardsten", "Billionste".
    for (stem, value) in [("million", 1e6), ("milliard", 1e9), ("billion", 1e12)] {
        if let Some(ending) = lower
            .strip_prefix(stem)
            .and_then(|rest| rest.strip_prefix("st"))
        {
            if ORDINAL_ENDINGS.contains(&ending) {
                return Some(value);
            }
        }
    }
    // "-ste" from twenty on ("zwanzigste", "hundertste"), "-te" below.
    for suffix in ["st", "t"] {
        for ending in ORDINAL_ENDINGS {
            let Some(stem) = lower
                .strip_suffix(ending)
                .and_then(|rest| rest.strip_suffix(suffix))
            else {
                continue;
            };
            if stem.is_empty() {
                continue;
            }
            let value = german_word(stem).or_else(|| german_word(&format!("{stem}e")));
            let below_twenty = value.is_some_and(|v| v < 20.0);
            if value.is_some_and(|v| v >= 1.0 && v.fract() == 0.0)
                && (suffix == "t") == below_twenty
            {
                return value;
            }
        }
    }
    None
}

/// Endings of German ordinal adjectives after the "-t"/"-st".
const ORDINAL_ENDINGS: &[&str] = &["e", "en", "er", "es", "em"];

/// A position relative to the end of a list or to the current item: "der
/// letzte" is `end+0`, "der vorletzte" `end-1`, "das nächste" `current+1`,
/// "die vorherige" `current-1` (the Recognizers-Text notation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelativeOrdinal {
    /// `end` or `current`.
    pub relative_to: &'static str,
    /// Places from it.
    pub offset: i32,
}

impl std::fmt::Display for RelativeOrdinal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{:+}", self.relative_to, self.offset)
    }
}

/// Relative ordinal words with their byte ranges: "letzte", "vorletzten",
/// "drittletzte", "nächster", "übernächste", "vorherigen", "vorige".
pub fn relative_ordinals(text: &str) -> Vec<(std::ops::Range<usize>, RelativeOrdinal)> {
    const STEMS: &[(&str, &str, i32)] = &[
        ("letzt", "end", 0),
        ("vorletzt", "end", -1),
        ("drittletzt", "end", -2),
        ("viertletzt", "end", -3),
        ("nächst", "current", 1),
        ("übernächst", "current", 2),
        ("vorherig", "current", -1),
        ("vorig", "current", -1),
    ];
    crate::entities::tokens(text)
        .iter()
        .filter_map(|word| {
            let lower = word.text.to_lowercase();
            STEMS.iter().find_map(|(stem, relative_to, offset)| {
                let ending = lower.strip_prefix(stem)?;
                ORDINAL_ENDINGS.contains(&ending).then(|| {
                    (
                        word.start..word.start + word.text.len(),
                        RelativeOrdinal {
                            relative_to,
                            offset: *offset,
                        },
                    )
                })
            })
        })
        .collect()
}

/// Ordinals in a text, with their byte ranges: ordinal words, "zu dritt"
/// (a group of three), "zuerst" (first), and digits with a period between
/// an article and a noun ("die 3. Banane"). They are no quantities: ticker
/// reads them for dates ("am zweiten Mai") and ranks.
pub fn ordinals(text: &str) -> Vec<(std::ops::Range<usize>, f64)> {
    const ARTICLES: &[&str] = &[
        "der", "die", "das", "den", "dem", "des", "zum", "zur", "am", "im", "beim", "vom", "ihr",
        "sein", "seine", "ihre", "ihrem", "seinem",
    ];
    let words = crate::entities::tokens(text);
    let mut found = Vec::new();
    for (index, word) in words.iter().enumerate() {
        let range = word.start..word.start + word.text.len();
        let lower = word.text.to_lowercase();
        if lower == "zuerst" {
            found.push((range, 1.0));
            continue;
        }
        // "zu dritt", "zu elft", "zu zwoelft".
        if index > 0 && words[index - 1].text.eq_ignore_ascii_case("zu") {
            if let Some(stem) = lower.strip_suffix('t') {
                let value = match stem {
                    "drit" => Some(3.0),
                    "sieb" => Some(7.0),
                    "ach" => Some(8.0),
                    _ => german_word(stem),
                };
                if let Some(value) = value.filter(|v| *v >= 2.0 && v.fract() == 0.0) {
                    found.push((range, value));
                    continue;
                }
            }
        }
        if word.text.chars().all(|c| c.is_ascii_digit()) {
            // "die 3. Banane": an article before, a period and a capitalised
            // word after (not a month: those are dates).
            let after = &text[range.end..];
            let article = index > 0 && ARTICLES.contains(&words[index - 1].text);
            let next = words.get(index + 1);
            let noun = next.is_some_and(|next| {
                next.text.starts_with(char::is_uppercase)
                    && !crate::lexicon::MONTHS
                        .iter()
                        .any(|(month, _)| *month == next.text)
            });
            if article && after.starts_with(". ") && noun {
                if let Ok(value) = word.text.parse::<f64>() {
                    found.push((range, value));
                }
            }
            continue;
        }
        if let Some(value) = german_ordinal(word.text) {
            // "einhundert Milliardste": a number word before a scale.
            let scale = [1e6, 1e9, 1e12].contains(&value);
            let factor = (scale && index > 0)
                .then(|| &words[index - 1])
                .filter(|before| text[before.start + before.text.len()..word.start] == *" ")
                .and_then(|before| german_word(before.text).map(|factor| (before.start, factor)));
            match factor {
                Some((start, factor)) => found.push((start..range.end, factor * value)),
                None => found.push((range, value)),
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_ordinals_name_their_anchor() {
        let found: Vec<String> = relative_ordinals("Zeig mir das vorletzte und das nächste.")
            .into_iter()
            .map(|(_, relative)| relative.to_string())
            .collect();
        assert_eq!(found, ["end-1", "current+1"]);
        assert!(relative_ordinals("Die Letztentscheidung fiel.").is_empty());
    }

    #[test]
    fn ordinals_in_words_digits_and_groups() {
        let values =
            |text: &str| -> Vec<f64> { ordinals(text).into_iter().map(|(_, v)| v).collect() };
        assert_eq!(
            values("Karl war zuerst da, Bob war zweiter und Hans vierter."),
            [1.0, 2.0, 4.0]
        );
        assert_eq!(values("Sie ist die einhunderteinunddreißigste."), [131.0]);
        assert_eq!(values("das ist dann die 3. Banane"), [3.0]);
        assert_eq!(values("Sind wir zu elft oder zu zwoelft?"), [11.0, 12.0]);
        assert_eq!(values("der einhundert Milliardste Stern"), [1e11]);
        assert_eq!(
            values("am 13. Januar, die nächsten 3 Bücher, der letzte Satz, von Achtern"),
            Vec::<f64>::new()
        );
    }

    fn value(text: &str) -> Option<f64> {
        let words: Vec<&str> = text.split_whitespace().collect();
        phrase(&words, false).map(|number| number.value)
    }

    #[test]
    fn german_compounds() {
        for (word, expected) in [
            ("zwei", 2.0),
            ("sechzehn", 16.0),
            ("einhunderteinunddreißig", 131.0),
            ("einhundertdrei", 103.0),
            ("eintausendeinhundertfünfzig", 1150.0),
            ("zweihundertsechsundfuenfzig", 256.0),
            (
                "dreihundertneunundneunzigtausendfuenfhundertneun",
                399_509.0,
            ),
            ("fünfzehntausend", 15_000.0),
            ("zehntausend", 10_000.0),
            ("zweieinhalb", 2.5),
            ("anderthalb", 1.5),
            ("dreiviertel", 0.75),
            ("hundert", 100.0),
        ] {
            assert_eq!(german_word(word), Some(expected), "{word}");
        }
        for word in ["Hundertschaft", "einladen", "Elfmeter", "und", "neunmal"] {
            assert_eq!(german_word(word), None, "{word}");
        }
    }

    #[test]
    fn phrases() {
        assert_eq!(
            value("zwei Millionen eintausendeinhundertfünfzig"),
            Some(2_001_150.0)
        );
        assert_eq!(
            value("Eine Million dreihundertneunundneunzigtausendfuenfhundertneun"),
            Some(1_399_509.0)
        );
        assert_eq!(value("eine halbe Million Eier"), Some(500_000.0));
        assert_eq!(value("ein halbes dutzend Leute"), Some(6.0));
        assert_eq!(value("fünf dutzend Bananen"), Some(60.0));
        assert_eq!(value("zwei Komma drei"), Some(2.3));
        assert_eq!(value("drei halbe Schweine"), Some(1.5));
        assert_eq!(value("anderthalb Millionen"), Some(1_500_000.0));
        assert_eq!(value("fünf und drei Viertel Milliarde"), Some(5.75e9));
        assert_eq!(value("achtundsiebzig Millionen Dollar"), Some(78e6));
        let article = phrase(&["ein", "Haus"], false).unwrap();
        assert!(article.needs_scale);
        let words = ["twenty-five", "million"];
        assert_eq!(phrase(&words, true).unwrap().value, 25e6);
    }
}
