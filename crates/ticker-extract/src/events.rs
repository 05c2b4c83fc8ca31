//! Events and claims.
//!
//! Events: each sentence is matched against the trigger lexicon
//! (`lexicon::EVENT_TRIGGERS`, taxonomy in `docs/extraction.md`); one event
//! per sentence and type, with the persons and organisations of the
//! sentence as actors, its places, its first resolved date, its quantities
//! and, when the sentence is attributed ("laut X", "wie X mitteilte", a
//! quote's speaker), the attribution.
//!
//! Claims are read off the same passes in `claims`.

use std::ops::Range;

use ticker_model::{short_id, Article, EntityType, Event, Quantity, Record};

use crate::dates::FoundDate;
use crate::entities::Entities;
use crate::lexicon::EVENT_TRIGGERS;
use crate::quantities::FoundQuantity;
use crate::quotes::FoundQuote;

/// What the event and claim passes read.
pub struct Context<'a> {
    /// The article.
    pub article: &'a Article,
    /// Its text.
    pub text: &'a str,
    /// Sentence ranges.
    pub sentences: &'a [Range<usize>],
    /// Entities.
    pub entities: &'a Entities,
    /// Quotes.
    pub quotes: &'a [FoundQuote],
    /// Quantities.
    pub quantities: &'a [FoundQuantity],
    /// The quantities as records (same order).
    pub quantity_records: &'a [Quantity],
    /// Dates.
    pub dates: &'a [FoundDate],
}

impl Context<'_> {
    fn story_id(&self) -> String {
        // Until the stories stage assigns one, an article is its own story.
        self.article.article_id.clone()
    }

    pub(crate) fn attribution(&self, sentence: &Range<usize>) -> Option<String> {
        self.quotes
            .iter()
            .find(|quote| quote.sentence.start == sentence.start)
            .and_then(|quote| {
                quote
                    .speaker
                    .map(|entity| self.entities.list[entity].id.clone())
            })
            .or_else(|| {
                let slice = &self.text[sentence.clone()];
                // ("wie " alone is no cue: "wie viele", "so wie".)
                let attributed = [
                    "laut ",
                    "zufolge",
                    "nach Angaben",
                    "according to",
                    "mitteilte",
                    "teilte",
                ]
                .iter()
                .any(|cue| slice.contains(cue));
                if !attributed {
                    return None;
                }
                self.entities
                    .within(sentence)
                    .into_iter()
                    .find(|(entity, _)| {
                        matches!(
                            self.entities.list[*entity].entity_type,
                            EntityType::Person | EntityType::Organization
                        )
                    })
                    .map(|(entity, _)| self.entities.list[entity].id.clone())
                    .or_else(|| attribution_phrase(slice))
            })
    }
}

/// "nach Angaben der Regierung" → "Regierung": the words after an
/// attribution cue, up to three, stopping at punctuation or a number.
fn attribution_phrase(sentence: &str) -> Option<String> {
    for cue in [
        "nach Angaben der ",
        "nach Angaben des ",
        "laut ",
        "according to the ",
        "according to ",
    ] {
        let Some(position) = sentence.find(cue) else {
            continue;
        };
        let mut words = Vec::new();
        for word in sentence[position + cue.len()..].split_whitespace().take(3) {
            if word.starts_with(|c: char| c.is_ascii_digit()) {
                break;
            }
            let trimmed = word.trim_end_matches([',', '.', ';', ':']);
            words.push(trimmed);
            if trimmed.len() != word.len() {
                break;
            }
        }
        if !words.is_empty() {
            return Some(words.join(" "));
        }
    }
    None
}

/// The resolved date in `sentence` nearest to byte position `at`.
pub(crate) fn nearest_date(
    context: &Context<'_>,
    sentence: &Range<usize>,
    at: usize,
) -> Option<String> {
    nearest_found_date(context, sentence, at).map(|date| date.value.clone())
}

/// The day-naming date in `sentence` nearest to byte position `at`.
pub(crate) fn nearest_found_date<'c>(
    context: &Context<'c>,
    sentence: &Range<usize>,
    at: usize,
) -> Option<&'c FoundDate> {
    context
        .dates
        .iter()
        .filter(|date| date.kind.names_days())
        .filter(|date| date.range.start >= sentence.start && date.range.end <= sentence.end)
        .min_by_key(|date| {
            date.range
                .start
                .abs_diff(at)
                .min(date.range.end.abs_diff(at))
        })
}

/// For each event type that a sentence triggers: the earliest trigger
/// (position, word), found in one pass over the sentence.
pub(crate) fn triggered(sentence: &str) -> Vec<Option<(usize, &'static str)>> {
    static AUTOMATON: std::sync::OnceLock<(aho_corasick::AhoCorasick, Vec<(usize, &'static str)>)> =
        std::sync::OnceLock::new();
    let (automaton, patterns) = AUTOMATON.get_or_init(|| {
        let patterns: Vec<(usize, &'static str)> = EVENT_TRIGGERS
            .iter()
            .enumerate()
            .flat_map(|(index, (_, triggers))| {
                triggers.iter().map(move |trigger| (index, *trigger))
            })
            .collect();
        let automaton = aho_corasick::AhoCorasick::new(patterns.iter().map(|(_, trigger)| trigger))
            .expect("valid patterns");
        (automaton, patterns)
    });
    let mut first: Vec<Option<(usize, &'static str)>> = vec![None; EVENT_TRIGGERS.len()];
    for found in automaton.find_overlapping_iter(sentence) {
        let (event, trigger) = patterns[found.pattern().as_usize()];
        let candidate = (found.start(), trigger);
        if first[event].is_none_or(|known| candidate < known) {
            first[event] = Some(candidate);
        }
    }
    first
}

/// Typed event mentions.
pub fn find_events(context: &Context<'_>) -> Vec<Event> {
    let mut events = Vec::new();
    for sentence in context.sentences {
        let slice = &context.text[sentence.clone()];
        let triggers = triggered(slice);
        for ((event_type, _), first) in EVENT_TRIGGERS.iter().zip(&triggers) {
            let Some((trigger_offset, trigger)) = *first else {
                continue;
            };
            let mut actors = Vec::new();
            let mut places = Vec::new();
            for (entity, _) in context.entities.within(sentence) {
                let found = &context.entities.list[entity];
                let list = if found.entity_type == EntityType::Location {
                    &mut places
                } else {
                    &mut actors
                };
                if !list.contains(&found.id) {
                    list.push(found.id.clone());
                }
            }
            let trigger_at = sentence.start + trigger_offset;
            let time = nearest_date(context, sentence, trigger_at);
            let quantities: Vec<Quantity> = context
                .quantities
                .iter()
                .zip(context.quantity_records)
                .filter(|(found, _)| found.sentence == *sentence)
                .map(|(_, record)| record.clone())
                .collect();
            events.push(Event {
                schema: Event::SCHEMA.to_string(),
                event_id: short_id([
                    context.article.article_id.as_str(),
                    event_type,
                    &sentence.start.to_string(),
                ]),
                article_id: context.article.article_id.clone(),
                story_id: context.story_id(),
                event_type: (*event_type).to_string(),
                trigger: trigger.to_string(),
                sentence: slice.to_string(),
                actors,
                places,
                time,
                quantities,
                attribution: context.attribution(sentence),
            });
        }
    }
    events
}
