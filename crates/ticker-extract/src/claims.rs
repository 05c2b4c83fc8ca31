//! Claims: what an article asserts, in a form that compares across
//! articles of one story.
//!
//! A claim's identity is more than its unit. Two values are one claim only
//! when they count the same thing in the same frame:
//!
//! - **category** (`killed`, `arrested`, `troops`, `money`, …) and, for a
//!   quantity, its **unit**;
//! - **about**: what is counted or priced when the category does not say
//!   it all: the counted noun when it is not a generic one ("Kinder",
//!   "children", "Fallschirmjäger" are not "Menschen"), and for money and
//!   percentages the context noun with the thing it belongs to ("Preis des
//!   iPhone 11 Pro" → `preis iphone 11 pro`). Money and percentages
//!   without such a context make no claim at all: "$1" on a product page
//!   says nothing a story can track;
//! - **place**: a place named with a preposition in the number's clause
//!   ("in Almaty starben 103 Menschen");
//! - **actor**: a name inside the counted phrase ("Soldaten des OVKS");
//! - **scope**: `total` for a running count ("insgesamt", "seit Beginn",
//!   "stieg auf", "so far"), the day for a count of one day ("am Mittwoch
//!   wurden 12 Menschen getötet"), none when the text does not say;
//! - **attributed_to**: who asserts it, when the sentence says.
//!
//! How identities are compared (missing parts, scopes) is the story's
//! business (`ticker-stories`' novelty); this module only reads them off
//! the text. Quote claims are whole attributed statements: a direct quote
//! with a resolved speaker, five words or more, and a word that is not a
//! name or a function word (a clause, not a title or scare quote). Date
//! claims are the start and end of withdrawals, deployments, meetings and
//! visits.

use std::ops::Range;

use ticker_model::{short_id, Claim, ClaimKind, ClaimStatus, EntityType, Record};

use crate::events::{nearest_found_date, triggered, Context};
use crate::lexicon::{is_function_word, EVENT_TRIGGERS};
use crate::quantities::FoundQuantity;

/// Counted nouns that say no more than the category: a count of these is
/// the category's count ("164 Menschen starben" = "164 Tote").
const GENERIC_COUNTED: &[&str] = &[
    "menschen",
    "personen",
    "leute",
    "tote",
    "toten",
    "todesopfer",
    "opfer",
    "verletzte",
    "verletzten",
    "festgenommene",
    "festgenommenen",
    "gefangene",
    "soldaten",
    "truppen",
    "einsatzkräfte",
    "flüchtlinge",
    "demonstranten",
    "demonstrierende",
    "zivilisten",
    "menschenleben",
    "people",
    "persons",
    "person",
    "dead",
    "deaths",
    "victims",
    "casualties",
    "injured",
    "wounded",
    "troops",
    "soldiers",
    "refugees",
    "protesters",
    "demonstrators",
    "civilians",
    "individuals",
    "residents",
    "einwohner",
    "bewohner",
    "others",
    "more",
    "andere",
    "weitere",
    "mehr",
];

/// Nouns of people that a count of casualties, arrests or troops may
/// count ("12 children", "drei Polizisten"), and the endings of German
/// compounds of them ("Sicherheitskräfte", "Polizeibeamte"). A number
/// before any other noun ("335 horsepower", "14 firms") counts no people,
/// whatever category word its sentence has.
const PERSON_NOUNS: &[&str] = &[
    "children",
    "kids",
    "women",
    "men",
    "students",
    "police",
    "policemen",
    "officers",
    "journalists",
    "workers",
    "passengers",
    "fans",
    "migrants",
    "patients",
    "prisoners",
    "inmates",
    "militants",
    "fighters",
    "rebels",
    "insurgents",
    "paratroopers",
    "marines",
    "firefighters",
    "miners",
    "pilgrims",
    "tourists",
    "citizens",
    "americans",
    "israelis",
    "palestinians",
    "ukrainians",
    "russians",
    "suspects",
    "members",
    "supporters",
    "crew",
    "kinder",
    "frauen",
    "männer",
    "schüler",
    "studenten",
    "polizisten",
    "beamte",
    "beamten",
    "journalisten",
    "arbeiter",
    "passagiere",
    "migranten",
    "patienten",
    "häftlinge",
    "kämpfer",
    "rebellen",
    "extremisten",
    "terroristen",
    "bürger",
    "touristen",
    "verdächtige",
    "mitglieder",
    "anhänger",
    "besatzungsmitglieder",
];

/// Endings of German compound nouns of people.
const PERSON_ENDINGS: &[&str] = &[
    "kräfte",
    "beamte",
    "beamten",
    "leute",
    "arbeiter",
    "soldaten",
    "bürger",
    "kinder",
    "opfer",
    "schüler",
    "innen",
    "polizisten",
    "menschen",
    "personen",
    "kämpfer",
];

/// Nouns that give money a context people track ("Preis", "Schaden",
/// "budget"); the thing they belong to follows as a genitive or "of".
const MONEY_CONTEXT: &[&str] = &[
    "preis",
    "preise",
    "kosten",
    "schaden",
    "schäden",
    "strafe",
    "geldstrafe",
    "bußgeld",
    "busgeld",
    "budget",
    "haushalt",
    "etat",
    "umsatz",
    "gewinn",
    "verlust",
    "verluste",
    "gehalt",
    "investition",
    "investitionen",
    "hilfe",
    "hilfen",
    "finanzhilfe",
    "hilfspaket",
    "kredit",
    "kredite",
    "übernahme",
    "kaufpreis",
    "bewertung",
    "kaution",
    "lösegeld",
    "entschädigung",
    "schulden",
    "finanzierung",
    "belohnung",
    "vermögen",
    "steuer",
    "steuern",
    "vergleich",
    "spende",
    "spenden",
    "price",
    "prices",
    "cost",
    "costs",
    "damage",
    "damages",
    "fine",
    "fines",
    "penalty",
    "budget",
    "revenue",
    "revenues",
    "sales",
    "profit",
    "profits",
    "loss",
    "losses",
    "salary",
    "investment",
    "aid",
    "loan",
    "loans",
    "deal",
    "acquisition",
    "takeover",
    "valuation",
    "bail",
    "ransom",
    "compensation",
    "debt",
    "funding",
    "reward",
    "bonus",
    "wealth",
    "tax",
    "settlement",
    "donation",
    "donations",
    "bailout",
    "package",
];

/// Nouns that give a percentage a context ("Wahlbeteiligung", "inflation").
const PERCENT_CONTEXT: &[&str] = &[
    "anteil",
    "zustimmung",
    "wahlbeteiligung",
    "beteiligung",
    "inflation",
    "inflationsrate",
    "arbeitslosenquote",
    "arbeitslosigkeit",
    "quote",
    "stimmen",
    "marktanteil",
    "wachstum",
    "zins",
    "zinsen",
    "leitzins",
    "rendite",
    "mehrheit",
    "turnout",
    "approval",
    "share",
    "votes",
    "vote",
    "unemployment",
    "growth",
    "rate",
    "interest",
    "yield",
    "majority",
    "support",
    "inflation",
];

/// Words that say a count is a running total.
const TOTAL_CUES: &[&str] = &[
    "insgesamt",
    "seit beginn",
    "seit dem beginn",
    "bislang",
    "bisher",
    "mittlerweile",
    "inzwischen",
    "stieg auf",
    "stieg die zahl",
    "gestiegen",
    "erhöhte sich",
    "in total",
    "total of",
    "so far",
    "since the start",
    "since the beginning",
    "rose to",
    "risen to",
    "climbed to",
    "has risen",
    "toll",
    "overall",
];

/// Words that put a count in history ("during the fourteenth century").
const HISTORY_CUES: &[&str] = &["century", "centuries", "jahrhundert", "jahrhunderts"];

/// Prepositions that introduce the place of a count.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "im",
    "bei",
    "nahe",
    "aus",
    "nach",
    "near",
    "at",
    "from",
    "across",
    "throughout",
];

/// Folds a phrase for comparison: lower case, letters and digits, single spaces.
fn fold(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The byte range of the clause around `range` within `sentence`: from the
/// last clause mark before it to the first after it.
fn clause(text: &str, sentence: &Range<usize>, range: &Range<usize>) -> Range<usize> {
    let window = crate::context_window(text, sentence, range.start, range.end, 300);
    let marks = [',', ';', ':', '–', '—', '(', ')', '«', '»', '„', '“', '"'];
    let before = &text[window.start..range.start];
    let start = before
        .rfind(|c: char| marks.contains(&c))
        .map_or(window.start, |at| {
            window.start + at + before[at..].chars().next().map_or(1, char::len_utf8)
        });
    let after = &text[range.end..window.end];
    // A decimal or thousands mark inside a number is not a clause mark.
    let end = after
        .char_indices()
        .find(|(at, c)| {
            marks.contains(c)
                && !(matches!(c, ',' | '.')
                    && after[at + 1..].starts_with(|d: char| d.is_ascii_digit()))
        })
        .map_or(window.end, |(at, _)| range.end + at);
    start..end
}

/// Words of `text` with their byte ranges (relative to `text`).
fn words_of(text: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        let inside = c.is_alphanumeric() || c == '-' || c == '\'' || c == '.' && start.is_some();
        match (inside, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                words.push((from, text[from..at].trim_end_matches(['.', '-'])));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        words.push((from, text[from..].trim_end_matches(['.', '-'])));
    }
    words.retain(|(_, word)| !word.is_empty());
    words
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The counted noun phrase after a number: (the phrase in the article's
/// words, the head noun), in German (capitalised nouns, adjectives before
/// them, a genitive or prepositional phrase after) or English (a run of
/// words up to a verb, a function word or punctuation; its last word is
/// the head).
fn counted_phrase(after: &str, english: bool) -> (Option<&str>, Option<&str>) {
    let words = words_of(after);
    let mut head: Option<usize> = None;
    let mut end_word: Option<usize> = None;
    for (index, (_, word)) in words.iter().enumerate().take(8) {
        let lower = word.to_lowercase();
        if english {
            let verbish = lower.ends_with("ed")
                || lower.ends_with("ing")
                || matches!(
                    lower.as_str(),
                    "were" | "was" | "are" | "is" | "have" | "had" | "has" | "will" | "would"
                );
            if head.is_none() {
                if is_function_word(word) || verbish || index >= 3 {
                    break;
                }
                end_word = Some(index);
                // The run goes on while the next word is no function word or verb.
                let next_stops = words.get(index + 1).is_none_or(|(_, next)| {
                    let next = next.to_lowercase();
                    is_function_word(&next)
                        || next.ends_with("ed")
                        || next.ends_with("ing")
                        || matches!(
                            next.as_str(),
                            "were" | "was" | "are" | "is" | "have" | "had" | "has"
                        )
                });
                if next_stops {
                    head = Some(index);
                }
                continue;
            }
            // After the head: an "of"-phrase belongs to the counted thing.
            if lower == "of" || lower == "the" || is_capitalised(word) {
                if lower != "of" && lower != "the" {
                    end_word = Some(index);
                }
                continue;
            }
            break;
        } else {
            if head.is_none() {
                if is_capitalised(word) && !is_function_word(word) {
                    head = Some(index);
                    end_word = Some(index);
                    continue;
                }
                // Adjectives before the noun ("weitere", "russische").
                if index < 2 && !is_function_word(word) && word.chars().all(char::is_alphabetic) {
                    continue;
                }
                break;
            }
            // After the head: a genitive or prepositional phrase of names
            // and nouns ("des OVKS", "bei den Unruhen").
            if matches!(
                lower.as_str(),
                "des" | "der" | "den" | "dem" | "bei" | "aus" | "von" | "vom" | "beim"
            ) {
                continue;
            }
            if is_capitalised(word) && !is_function_word(word) {
                end_word = Some(index);
                continue;
            }
            break;
        }
    }
    let Some(head) = head else {
        return (None, None);
    };
    let first = words.first().map_or(0, |(at, _)| *at);
    let (last_at, last_word) = words[end_word.unwrap_or(head)];
    let phrase = after[first..last_at + last_word.len()].trim();
    ((!phrase.is_empty()).then_some(phrase), Some(words[head].1))
}

/// Words between an event's trigger and the date that says when it happens.
const DATE_REACH: usize = 10;

/// The day-naming date nearest the trigger at `at`, when no more than
/// [`DATE_REACH`] words lie between them: in "the end of the state of
/// emergency on July 26 … soldiers would be deployed" the date belongs to
/// something else.
fn nearest_date_within(
    context: &Context<'_>,
    sentence: &Range<usize>,
    at: usize,
) -> Option<String> {
    let date = nearest_found_date(context, sentence, at)?;
    let between = if date.range.end <= at {
        &context.text[date.range.end..at]
    } else {
        &context.text[at.min(date.range.start)..date.range.start]
    };
    (between.split_whitespace().count() <= DATE_REACH).then(|| date.value.clone())
}

/// Whether a sentence names armed forces.
fn names_forces(sentence: &str) -> bool {
    const FORCES: &[&str] = &[
        "militär",
        "streitkräfte",
        "armee",
        "bündnis",
        "truppe",
        "military",
        "army",
        "forces",
        "nato",
        "ovks",
        "csto",
        "allianz",
        "alliance",
    ];
    let lower = sentence.to_lowercase();
    FORCES.iter().any(|word| lower.contains(word))
        || crate::lexicon::CATEGORIES
            .iter()
            .filter(|(name, _, _)| *name == "troops")
            .flat_map(|(_, _, words)| words.iter())
            .any(|word| lower.contains(&word.to_lowercase()))
}

/// The singular of a context noun, so that "prices" and "price", "Preise"
/// and "Preis" are one thing.
fn singular(noun: &str) -> String {
    const PLURALS: &[(&str, &str)] = &[
        ("prices", "price"),
        ("costs", "cost"),
        ("damages", "damage"),
        ("fines", "fine"),
        ("revenues", "revenue"),
        ("profits", "profit"),
        ("losses", "loss"),
        ("loans", "loan"),
        ("donations", "donation"),
        ("votes", "vote"),
        ("preise", "preis"),
        ("schäden", "schaden"),
        ("verluste", "verlust"),
        ("kredite", "kredit"),
        ("investitionen", "investition"),
        ("hilfen", "hilfe"),
        ("steuern", "steuer"),
        ("spenden", "spende"),
        ("zinsen", "zins"),
    ];
    PLURALS
        .iter()
        .find(|(plural, _)| *plural == noun)
        .map_or_else(|| noun.to_string(), |(_, one)| one.to_string())
}

/// Whether a number is the word "one", which is a pronoun or an article
/// as often as a count.
fn is_the_word_one(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "one" | "ein" | "eine" | "einer" | "eins"
    )
}

/// A four-digit number from 1800 to 2100 written without separators.
fn is_bare_year(text: &str) -> bool {
    let digits = text.trim();
    digits.len() == 4
        && digits.chars().all(|c| c.is_ascii_digit())
        && digits
            .parse::<u32>()
            .is_ok_and(|year| (1800..=2100).contains(&year))
}

/// Words between money or a share and the noun that says what it is.
const CONTEXT_REACH: usize = 8;

/// The context noun of money or a percentage, and the thing it belongs to,
/// from the words of the clause: "Preis des iPhone 11 Pro" → ("Preis des
/// iPhone 11 Pro", "preis iphone 11 pro").
fn context_noun(clause_text: &str, number_at: usize, nouns: &[&str]) -> Option<(String, String)> {
    let words = words_of(clause_text);
    // The word index of the number; the context noun is the nearest one
    // within CONTEXT_REACH words of it.
    let number_index = words
        .iter()
        .position(|(at, word)| at + word.len() > number_at)
        .unwrap_or(words.len());
    let position = words
        .iter()
        .enumerate()
        .filter(|(_, (_, word))| nouns.contains(&word.to_lowercase().as_str()))
        .map(|(index, _)| index)
        .filter(|index| index.abs_diff(number_index) <= CONTEXT_REACH)
        .min_by_key(|index| index.abs_diff(number_index))?;
    let (mut start, noun) = words[position];
    let mut parts = vec![singular(&noun.to_lowercase())];
    let mut end = start + noun.len();
    // An owner before the noun: "Bitcoin price", "der Bitcoin-Preis".
    if let Some((at, owner)) = position.checked_sub(1).map(|index| words[index]) {
        let adjacent = clause_text[at + owner.len()..start].trim().is_empty();
        if adjacent
            && owner.chars().next().is_some_and(char::is_uppercase)
            && !is_function_word(owner)
        {
            parts.push(owner.to_lowercase());
            start = at;
        }
    }
    // The owner: "des/der/von/of (the)" and the capitalised words or
    // numbers after it ("iPhone 11 Pro").
    let mut index = position + 1;
    let mut linked = false;
    while let Some((at, word)) = words.get(index) {
        let lower = word.to_lowercase();
        if !linked
            && matches!(
                lower.as_str(),
                "des" | "der" | "von" | "vom" | "of" | "for" | "für"
            )
        {
            linked = true;
            index += 1;
            if words
                .get(index)
                .is_some_and(|(_, w)| w.eq_ignore_ascii_case("the"))
            {
                index += 1;
            }
            continue;
        }
        let name_like = word.chars().any(char::is_uppercase)
            || (linked && word.chars().all(|c| c.is_ascii_digit()) && parts.len() > 1);
        if linked && name_like && !is_function_word(word) {
            parts.push(lower);
            end = at + word.len();
            index += 1;
            continue;
        }
        break;
    }
    Some((clause_text[start..end].to_string(), parts.join(" ")))
}

/// The scope of a count: `total`, the day it is about, the period it is
/// about (a year or a range of years: "from 2010 to 2015 … 584 deaths" is
/// history, not today's toll), or none.
fn scope_of(
    context: &Context<'_>,
    dates_by_start: &[usize],
    quantity: &FoundQuantity,
    clause_range: &Range<usize>,
) -> Option<String> {
    // The sentence, but no more than a window around the number: an
    // endless sentence stays linear.
    let window = crate::context_window(
        context.text,
        &quantity.sentence,
        quantity.range.start,
        quantity.range.end,
        SCOPE_BYTES,
    );
    let near = context.text[window.clone()].to_lowercase();
    if HISTORY_CUES.iter().any(|cue| near.contains(cue)) {
        return Some("background".to_string());
    }
    if TOTAL_CUES.iter().any(|cue| near.contains(cue)) {
        return Some("total".to_string());
    }
    // The dates that start in the window, found by binary search.
    let first =
        dates_by_start.partition_point(|&index| context.dates[index].range.start < window.start);
    let in_window = || {
        dates_by_start[first..]
            .iter()
            .map(|&index| &context.dates[index])
            .take_while(|date| date.range.start < window.end)
            .filter(|date| date.kind.names_days() && date.range.end <= window.end)
    };
    // A day or days named in the number's clause ("am Mittwoch", "on
    // Tuesday", "last week"), or a few words after the number ("More than
    // 30 people, many of them children, were killed last week").
    let is_days = |value: &str| value.split('/').all(|part| part.len() == 10);
    let reach_end = (quantity.range.end + 80).min(window.end);
    let day_end = clause_range.end.max(reach_end);
    let day = in_window()
        .filter(|date| is_days(&date.value))
        .filter(|date| date.range.start >= clause_range.start && date.range.end <= day_end)
        .min_by_key(|date| date.range.start.abs_diff(quantity.range.start))
        .map(|date| date.value.clone());
    if day.is_some() {
        return day;
    }
    // A period of years named near it: "2015", "2010/2015" (a week or a
    // month around the story's days is when it happened, not what the
    // count covers).
    let is_years = |value: &str| value.split('/').all(|part| part.len() == 4);
    in_window()
        .filter(|date| is_years(&date.value))
        .min_by_key(|date| date.range.start.abs_diff(quantity.range.start))
        .map(|date| date.value.clone())
}

/// Bytes around a number that its scope is read from.
const SCOPE_BYTES: usize = 300;

/// Words between a count of people and the word that says what happened
/// to them ("starben nach Angaben der Regierung 164 Menschen").
const CATEGORY_REACH: usize = 6;

/// Whether the clause of a count of people says what happened to them:
/// one of its category's words ("starben", "festgenommen", "Tote"), as a
/// whole word, within [`CATEGORY_REACH`] words of the number. A category
/// the sentence names elsewhere ("a hunter killed a rabbit … 28 people
/// were quarantined") does not make a toll.
fn clause_names_category(before: &str, after: &str, category: &str) -> bool {
    let near_before: Vec<&str> = before
        .split_whitespace()
        .rev()
        .take(CATEGORY_REACH)
        .collect();
    let near_after: Vec<&str> = after.split_whitespace().take(CATEGORY_REACH + 1).collect();
    let near = format!(
        " {} {} ",
        near_before.into_iter().rev().collect::<Vec<_>>().join(" "),
        near_after.join(" ")
    )
    .to_lowercase();
    let bounded = |word: &str| {
        near.match_indices(word).any(|(at, _)| {
            let before_ok = near[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = near[at + word.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            before_ok && after_ok
        })
    };
    if crate::lexicon::CATEGORIES
        .iter()
        .filter(|(name, _, _)| *name == category)
        .flat_map(|(_, _, words)| words.iter())
        .any(|word| bounded(&word.to_lowercase()))
    {
        return true;
    }
    // "The death toll from … rose to at least six", "Die Zahl der Toten
    // beläuft sich auf 164": a toll noun anywhere in the clause before a
    // number that "to", "auf" or "bei" introduces.
    let linked = before
        .split_whitespace()
        .rev()
        .take(3)
        .any(|word| matches!(word.to_lowercase().as_str(), "to" | "auf" | "bei" | "at"));
    let lower_before = before.to_lowercase();
    linked
        && TOLL_NOUNS
            .iter()
            .filter(|(name, _)| *name == category)
            .any(|(_, noun)| lower_before.contains(noun))
}

/// Nouns that name a count of a category from afar ("the death toll from
/// the bombing … rose to").
const TOLL_NOUNS: &[(&str, &str)] = &[
    ("killed", "death toll"),
    ("killed", "zahl der toten"),
    ("killed", "zahl der todesopfer"),
    ("killed", "todeszahl"),
    ("killed", "opferzahl"),
    ("injured", "zahl der verletzten"),
    ("injured", "number of injured"),
    ("arrested", "zahl der festnahmen"),
    ("arrested", "zahl der festgenommenen"),
    ("arrested", "number of arrests"),
];

/// The place of a count: a place entity after a place preposition in its clause.
fn place_of(context: &Context<'_>, clause_range: &Range<usize>) -> Option<String> {
    context
        .entities
        .within(clause_range)
        .into_iter()
        .filter(|(entity, _)| context.entities.list[*entity].entity_type == EntityType::Location)
        .find(|(_, mention)| {
            let before = context.text[clause_range.start..mention.start].trim_end();
            let last = before
                .rsplit(char::is_whitespace)
                .next()
                .unwrap_or_default();
            PLACE_PREPOSITIONS.contains(&last.to_lowercase().as_str())
        })
        .map(|(entity, _)| context.entities.list[entity].id.clone())
}

/// The actor of a count: a name inside its counted phrase.
fn actor_of(context: &Context<'_>, phrase: &Range<usize>) -> Option<String> {
    context
        .entities
        .within(phrase)
        .into_iter()
        .find(|(entity, _)| {
            matches!(
                context.entities.list[*entity].entity_type,
                EntityType::Organization | EntityType::Person | EntityType::Location
            )
        })
        .map(|(entity, _)| context.entities.list[entity].id.clone())
}

/// Whether a direct quote is a whole statement: five words or more, and a
/// word that is neither capitalised nor a function word (in German, verbs
/// and most other words of a clause are lower case; in English, a title is
/// capitalised throughout).
fn is_statement(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|word| word.chars().any(char::is_alphabetic))
        .collect();
    words.len() >= 5
        && words
            .iter()
            .any(|word| !is_capitalised(word) && !is_function_word(word))
}

/// Every category a claim can carry (a quantity's category, a dated
/// statement's phase): what `stories.alert_categories` may name.
pub fn claim_categories() -> Vec<&'static str> {
    let mut categories: Vec<&'static str> = crate::lexicon::CATEGORIES
        .iter()
        .map(|(name, _, _)| *name)
        .chain(
            crate::lexicon::MEASURES
                .iter()
                .map(|(_, _, category)| *category),
        )
        .chain(["money", "percent", "start_date", "end_date"])
        .collect();
    categories.sort_unstable();
    categories.dedup();
    categories
}

/// The parts of a claim's identity beside kind, subject, predicate and value.
#[derive(Default)]
struct Frame {
    object: Option<String>,
    about: Option<String>,
    place: Option<String>,
    actor: Option<String>,
    scope: Option<String>,
}

/// Normalized claims of one article.
pub fn find_claims(context: &Context<'_>, english: bool) -> Vec<Claim> {
    let mut claims: Vec<Claim> = Vec::new();
    // Attribution reads the whole sentence: once per sentence, not per number.
    let mut attributions: std::collections::HashMap<(usize, usize), Option<String>> =
        std::collections::HashMap::new();
    let mut attribution = |sentence: &Range<usize>| {
        attributions
            .entry((sentence.start, sentence.end))
            .or_insert_with(|| context.attribution(sentence))
            .clone()
    };
    let mut dates_by_start: Vec<usize> = (0..context.dates.len()).collect();
    dates_by_start.sort_by_key(|&index| context.dates[index].range.start);
    let mut push = |kind: ClaimKind,
                    subject: String,
                    predicate: String,
                    value: String,
                    frame: Frame,
                    attributed_to: Option<String>,
                    sentence: &Range<usize>| {
        let claim_id = short_id([
            context.article.article_id.as_str(),
            &subject,
            &predicate,
            &value,
            frame.about.as_deref().unwrap_or_default(),
            frame.place.as_deref().unwrap_or_default(),
            frame.actor.as_deref().unwrap_or_default(),
            frame.scope.as_deref().unwrap_or_default(),
        ]);
        if claims.iter().any(|claim| claim.claim_id == claim_id) {
            return;
        }
        claims.push(Claim {
            schema: Claim::SCHEMA.to_string(),
            claim_id,
            story_id: context.article.article_id.clone(),
            article_id: context.article.article_id.clone(),
            kind,
            subject,
            predicate,
            value,
            object: frame.object,
            about: frame.about,
            place: frame.place,
            actor: frame.actor,
            scope: frame.scope,
            attributed_to,
            sentence: context.text[sentence.clone()].to_string(),
            status: ClaimStatus::New,
            previous: None,
            sources: 1,
        });
    };
    for quantity in context.quantities {
        let Some(category) = &quantity.category else {
            continue;
        };
        if matches!(category.as_str(), "duration" | "age") {
            continue;
        }
        // People are counted in whole numbers: "2.1 killed" is a rate or a
        // misread figure, not a toll.
        let counts_people = matches!(
            category.as_str(),
            "killed" | "injured" | "arrested" | "troops" | "displaced" | "protesters"
        );
        if counts_people && quantity.value.fract() != 0.0 {
            continue;
        }
        let clause_range = clause(context.text, &quantity.sentence, &quantity.range);
        let clause_text = &context.text[clause_range.clone()];
        let after = &context.text[quantity.range.end..clause_range.end];
        // The words around the number within its sentence: a parenthesis
        // ("84 people, including children, were killed") is no boundary
        // for the word that says what happened, but the reach is short.
        let before = &context.text[clause_range.start..quantity.range.start];
        // (A number may run past the end its sentence was cut at.)
        let sentence_end = quantity.sentence.end.max(quantity.range.end);
        let after_in_sentence = &context.text[quantity.range.end..sentence_end];
        if counts_people && !clause_names_category(before, after_in_sentence, category) {
            continue;
        }
        let mut frame = Frame::default();
        match category.as_str() {
            "money" | "percent" => {
                let nouns = if category == "money" {
                    MONEY_CONTEXT
                } else {
                    PERCENT_CONTEXT
                };
                let number_at = quantity.range.start - clause_range.start;
                let Some((object, about)) = context_noun(clause_text, number_at, nouns) else {
                    // Money or a share of nothing named: no claim.
                    continue;
                };
                frame.object = Some(object);
                frame.about = Some(about);
            }
            _ => {
                let (phrase, head) = counted_phrase(after, english);
                if let Some(phrase) = phrase {
                    let start = quantity.range.end + after.find(phrase).unwrap_or_default();
                    frame.actor = actor_of(context, &(start..start + phrase.len()));
                    frame.object = Some(phrase.to_string());
                }
                // In English a capitalised word after a number is a name or a
                // day ("at least six Friday"), not the counted noun, unless it
                // names people ("10 Americans").
                let head = head.filter(|head| {
                    !english || !is_capitalised(head) || PERSON_NOUNS.contains(&fold(head).as_str())
                });
                if let Some(head) = head {
                    let folded = fold(head.rsplit('-').next().unwrap_or(head));
                    let category_word = crate::lexicon::CATEGORIES
                        .iter()
                        .any(|(_, _, words)| words.iter().any(|w| w.eq_ignore_ascii_case(&folded)));
                    let generic = GENERIC_COUNTED.contains(&folded.as_str()) || category_word;
                    let people = PERSON_NOUNS.contains(&folded.as_str())
                        || PERSON_ENDINGS.iter().any(|ending| folded.ends_with(ending));
                    if counts_people && !generic && !people {
                        // "335 horsepower" in a sentence that says "dead".
                        continue;
                    }
                    if !folded.is_empty() && !generic {
                        frame.about = Some(folded);
                    }
                } else if counts_people && is_bare_year(&context.text[quantity.range.clone()]) {
                    // "In 2009, …": a year, not a toll.
                    continue;
                } else if counts_people && is_the_word_one(&context.text[quantity.range.clone()]) {
                    // "one" without a noun is a pronoun more often than a
                    // count ("that one not assume they are refugees").
                    continue;
                }
            }
        }
        frame.place = place_of(context, &clause_range);
        frame.scope = scope_of(context, &dates_by_start, quantity, &clause_range);
        let subject = quantity.unit.clone().unwrap_or_else(|| "count".to_string());
        push(
            ClaimKind::Quantity,
            subject,
            category.clone(),
            quantity.normalized(),
            frame,
            attribution(&quantity.sentence),
            &quantity.sentence,
        );
    }
    for quote in context.quotes.iter().filter(|quote| quote.direct) {
        let Some(speaker) = &quote.speaker_id else {
            continue;
        };
        if !is_statement(&quote.text) {
            continue;
        }
        push(
            ClaimKind::Quote,
            speaker.clone(),
            "said".to_string(),
            quote.text.clone(),
            Frame::default(),
            Some(speaker.clone()),
            &quote.sentence,
        );
    }
    // Date statements: a withdrawal, deployment or meeting with a date; the
    // date nearest the trigger word is the one it is about.
    for sentence in context.sentences {
        let slice = &context.text[sentence.clone()];
        let triggers = triggered(slice);
        for ((event_type, _), first) in EVENT_TRIGGERS.iter().zip(&triggers) {
            if !matches!(
                *event_type,
                "military_withdrawal" | "military_deployment" | "meeting" | "visit"
            ) {
                continue;
            }
            let Some((trigger_at, _)) = *first else {
                continue;
            };
            let Some(date) = nearest_date_within(context, sentence, sentence.start + trigger_at)
            else {
                continue;
            };
            // A withdrawal or deployment of troops names them: a driver who
            // "withdrew" from a race or a product "deployed" is none.
            if event_type.starts_with("military_") && !names_forces(slice) {
                continue;
            }
            let lower = slice.to_lowercase();
            let phase = if [
                "abgeschlossen",
                "beendet",
                "vollständig",
                "innerhalb",
                "bis ",
                "completed",
                "complete",
                "within",
                "end",
            ]
            .iter()
            .any(|w| lower.contains(w))
            {
                "end"
            } else {
                "start"
            };
            push(
                ClaimKind::Statement,
                (*event_type).to_string(),
                format!("{phase}_date"),
                date,
                Frame::default(),
                attribution(sentence),
                sentence,
            );
        }
    }
    claims
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_phrases_in_german_and_english() {
        assert_eq!(
            counted_phrase(" Soldaten des OVKS im Einsatz", false),
            (Some("Soldaten des OVKS"), Some("Soldaten"))
        );
        assert_eq!(
            counted_phrase(" Menschen festgenommen", false),
            (Some("Menschen"), Some("Menschen"))
        );
        assert_eq!(
            counted_phrase(" russische Fallschirmjäger", false).1,
            Some("Fallschirmjäger")
        );
        assert_eq!(
            counted_phrase(" people were killed", true),
            (Some("people"), Some("people"))
        );
        assert_eq!(
            counted_phrase(" Russian troops arrived", true).1,
            Some("troops")
        );
        assert_eq!(counted_phrase(" killed in the attack", true), (None, None));
    }

    #[test]
    fn a_toll_needs_its_word_near_the_number() {
        assert!(clause_names_category(
            "Dabei starben nach Angaben der Regierung ",
            " Menschen",
            "killed"
        ));
        assert!(clause_names_category("", " people were killed", "killed"));
        assert!(clause_names_category(
            "The death toll from a powerful Taliban truck bombing at the German consulate rose to at least ",
            " Friday",
            "killed"
        ));
        assert!(!clause_names_category(
            "",
            " horsepower and 517 lb-ft of torque in total",
            "killed"
        ));
        assert!(!clause_names_category(
            "a hunter killed and ate a rabbit Credit: Getty - Contributor Health bosses said that ",
            " people in close contact were quarantined",
            "killed"
        ));
    }

    #[test]
    fn money_needs_a_context_noun() {
        assert_eq!(
            context_noun(
                "Der Preis des iPhone 11 Pro liegt bei 1149 Euro",
                38,
                MONEY_CONTEXT
            )
            .map(|(_, about)| about),
            Some("preis iphone 11 pro".to_string())
        );
        assert_eq!(
            context_noun("the price of the iPhone 11 Pro is $999", 35, MONEY_CONTEXT)
                .map(|(_, about)| about),
            Some("price iphone 11 pro".to_string())
        );
        assert_eq!(context_noun("512GB for $1", 10, MONEY_CONTEXT), None);
        assert_eq!(
            context_noun(
                "Losses down to $488 BTC is now priced at the very low $6,427",
                55,
                MONEY_CONTEXT
            ),
            None
        );
        assert_eq!(
            context_noun("Bitcoin prices plunged to below $6,000", 33, MONEY_CONTEXT)
                .map(|(_, about)| about),
            Some("price bitcoin".to_string())
        );
    }

    #[test]
    fn statements_are_clauses_not_titles() {
        assert!(is_statement(
            "Die Hauptmission der OVKS-Truppen ist abgeschlossen."
        ));
        assert!(is_statement("We will not leave until the job is done"));
        assert!(!is_statement("den Versuch eines Staatsstreichs"));
        assert!(!is_statement("terroristischer"));
        assert!(!is_statement("The Lord Of The Rings"));
    }

    #[test]
    fn clauses_stop_at_commas_but_not_inside_numbers() {
        let text = "Dabei starben 164 Menschen, fast 10.000 wurden festgenommen.";
        let sentence = 0..text.len();
        let at = text.find("164").unwrap();
        let range = clause(text, &sentence, &(at..at + 3));
        assert_eq!(&text[range], "Dabei starben 164 Menschen");
        let at = text.find("10.000").unwrap();
        let range = clause(text, &sentence, &(at..at + 6));
        assert_eq!(&text[range], " fast 10.000 wurden festgenommen.");
    }
}
