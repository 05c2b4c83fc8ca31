//! Direct and reported quotes with speakers.
//!
//! Direct quotes are spans between matching quote marks of any style
//! („…“, «…», »…«, “…”, "…", ‚…‘). Spans of fewer than four words are
//! titles or scare quotes ("Friedenstruppen") and are skipped. The
//! speaker is found in the sentence around the quote: a person or
//! organisation next to a speech verb ("sagte Putin", "so der Staatschef",
//! "erklärte Tokajew:"), a role noun that refers back to the last person
//! named, or, for a quote standing alone, the speaker of the sentence before.
//!
//! Reported speech is a sentence with a speech verb and a reported-speech
//! marker (Konjunktiv I such as "sei", "habe", "werde"; "dass"; "laut X",
//! "X zufolge"; "according to", "said that").

use std::ops::Range;

use ticker_model::{EntityType, Quote};

use crate::entities::{tokens, Entities};
use crate::lexicon::{ANAPHORIC_ROLES, PRONOUNS, REPORTED_MARKERS, SPEECH_VERBS};

/// A quote with byte ranges.
#[derive(Debug, Clone)]
pub struct FoundQuote {
    /// The quoted text's range (without marks).
    pub range: Range<usize>,
    /// The quoted text.
    pub text: String,
    /// Entity index of the speaker.
    pub speaker: Option<usize>,
    /// Speaker id.
    pub speaker_id: Option<String>,
    /// Speaker as written.
    pub speaker_text: Option<String>,
    /// The cue word.
    pub cue: Option<String>,
    /// In quote marks.
    pub direct: bool,
    /// The sentence (byte range) it stands in.
    pub sentence: Range<usize>,
}

impl FoundQuote {
    /// To the record, with character offsets.
    pub fn to_record(&self, offsets: &[u32]) -> Quote {
        Quote {
            text: self.text.clone(),
            speaker: self.speaker_id.clone(),
            speaker_text: self.speaker_text.clone(),
            cue: self.cue.clone(),
            direct: self.direct,
            start: offsets[self.range.start],
            end: offsets[self.range.end],
        }
    }
}

const PAIRS: &[(char, &[char])] = &[
    ('„', &['“', '”', '"']),
    ('«', &['»']),
    ('»', &['«']),
    ('“', &['”', '“']),
    ('"', &['"']),
    ('‚', &['‘', '’']),
    ('‹', &['›']),
];

/// Finds quotes, with speakers resolved against `entities`.
pub fn find(
    text: &str,
    sentences: &[Range<usize>],
    entities: &Entities,
    english: bool,
) -> Vec<FoundQuote> {
    let mut quotes = Vec::new();
    let mut covered_until = 0;
    let mut previous_speaker: Option<(usize, usize)> = None; // (entity, paragraph end)
                                                             // The end of the paragraph being scanned, and for each kind of mark the
                                                             // position up to which no closing mark follows: text full of opening
                                                             // marks is scanned once, not once per mark.
    let mut paragraph = (0usize, 0usize); // (start, end)
    let mut no_closer_until = [0usize; PAIRS.len()];
    for (index, ch) in text.char_indices() {
        if index < covered_until {
            continue;
        }
        let Some(pair) = PAIRS.iter().position(|(open, _)| *open == ch) else {
            continue;
        };
        let closers = PAIRS[pair].1;
        let inner_start = index + ch.len_utf8();
        if inner_start >= paragraph.1 || inner_start < paragraph.0 {
            paragraph = (inner_start, paragraph_end(text, inner_start));
        }
        let limit = paragraph.1;
        if no_closer_until[pair] == limit && inner_start <= limit {
            continue;
        }
        let Some(close_offset) = text[inner_start..limit].find(|c: char| closers.contains(&c))
        else {
            no_closer_until[pair] = limit;
            continue;
        };
        let inner_end = inner_start + close_offset;
        let inner = &text[inner_start..inner_end];
        let after_close = inner_end + text[inner_end..].chars().next().map_or(1, char::len_utf8);
        covered_until = after_close;
        if inner.split_whitespace().count() < 4 {
            continue;
        }
        let sentence = enclosing(sentences, index, inner_end).unwrap_or(index..inner_end);
        let outside = [
            sentence.start..index,
            after_close.min(sentence.end)..sentence.end,
        ];
        let (mut speaker, mut speaker_text, cue) = speaker_near(text, &outside, entities);
        if speaker.is_none() && cue.is_none() {
            // A quote standing alone continues the previous speaker in the paragraph.
            if let Some((entity, paragraph)) = previous_speaker {
                if paragraph == limit {
                    speaker = Some(entity);
                    speaker_text = None;
                }
            }
        }
        if let Some(entity) = speaker {
            previous_speaker = Some((entity, limit));
        }
        quotes.push(FoundQuote {
            range: inner_start..inner_end,
            text: inner.to_string(),
            speaker,
            speaker_id: speaker.map(|entity| entities.list[entity].id.clone()),
            speaker_text,
            cue,
            direct: true,
            sentence,
        });
    }
    // Reported speech in sentences without a direct quote.
    // Direct quotes are in text order and do not overlap, so their ends are
    // in order too: the first one starting in a sentence tells.
    let direct = quotes.len();
    for sentence in sentences {
        let first = quotes[..direct].partition_point(|quote| quote.range.start < sentence.start);
        if quotes[..direct]
            .get(first)
            .is_some_and(|quote| quote.range.end <= sentence.end)
        {
            continue;
        }
        let slice = &text[sentence.clone()];
        let words = tokens(slice);
        let has_cue = words
            .iter()
            .any(|word| SPEECH_VERBS.contains(&word.text) && word.text != "so");
        let reported = words.iter().any(|word| {
            REPORTED_MARKERS.contains(&word.text)
                || matches!(word.text, "dass" | "laut" | "zufolge" | "according")
        }) || (english && words.iter().any(|word| word.text == "that"));
        if !(has_cue && reported) {
            continue;
        }
        let (speaker, speaker_text, cue) =
            speaker_near(text, std::slice::from_ref(sentence), entities);
        if speaker.is_none() {
            continue;
        }
        quotes.push(FoundQuote {
            range: sentence.clone(),
            text: slice.to_string(),
            speaker,
            speaker_id: speaker.map(|entity| entities.list[entity].id.clone()),
            speaker_text,
            cue,
            direct: false,
            sentence: sentence.clone(),
        });
    }
    quotes.sort_by_key(|quote| quote.range.start);
    quotes
}

fn paragraph_end(text: &str, from: usize) -> usize {
    text[from..]
        .find("\n\n")
        .map_or(text.len(), |offset| from + offset)
}

/// The sentences from the one holding `start` to the one holding `end`
/// (sentences are in text order and do not overlap).
fn enclosing(sentences: &[Range<usize>], start: usize, end: usize) -> Option<Range<usize>> {
    let at = sentences
        .partition_point(|s| s.start <= start)
        .checked_sub(1)?;
    let first = &sentences[at];
    if start >= first.end.max(first.start + 1) {
        return None;
    }
    let last = sentences
        .partition_point(|s| s.start <= end)
        .checked_sub(1)
        .map(|at| &sentences[at])
        .filter(|s| end <= s.end)
        .unwrap_or(first);
    Some(first.start..last.end.max(first.end))
}

/// Looks for a speech verb and a speaker in the given ranges.
fn speaker_near(
    text: &str,
    ranges: &[Range<usize>],
    entities: &Entities,
) -> (Option<usize>, Option<String>, Option<String>) {
    let mut cue = None;
    let mut cue_position = None;
    for range in ranges {
        for word in tokens(&text[range.clone()]) {
            if SPEECH_VERBS.contains(&word.text) {
                cue = Some(word.text.to_string());
                cue_position = Some(range.start + word.start);
                break;
            }
        }
        if cue.is_some() {
            break;
        }
    }
    let Some(position) = cue_position else {
        return (None, None, None);
    };
    // Nearest person (then organisation) mention in the ranges.
    let mut best: Option<(usize, Range<usize>, usize)> = None;
    for range in ranges {
        for (entity, mention) in entities.within(range) {
            let kind = entities.list[entity].entity_type;
            let rank = match kind {
                EntityType::Person => 0,
                EntityType::Organization => 1,
                _ => continue,
            };
            let distance = mention.start.abs_diff(position) + rank * 200;
            if best
                .as_ref()
                .is_none_or(|(_, _, best_distance)| distance < *best_distance)
            {
                best = Some((entity, mention, distance));
            }
        }
    }
    if let Some((entity, mention, _)) = best {
        return (Some(entity), Some(text[mention].to_string()), cue);
    }
    // "so der Staatschef", "sagte er": refer back to the last person named.
    for range in ranges {
        for word in tokens(&text[range.clone()]) {
            if ANAPHORIC_ROLES.contains(&word.text) || PRONOUNS.contains(&word.text) {
                let at = range.start + word.start;
                if let Some(entity) = entities.last_person_before(at) {
                    return (Some(entity), Some(word.text.to_string()), cue);
                }
            }
        }
    }
    (None, None, cue)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{entities, sentences};

    #[test]
    fn direct_quotes_with_speakers() {
        let text = "Präsident Kassym-Jomart Tokajew sprach im Parlament. «Die Hauptmission der OVKS-Truppen ist abgeschlossen», sagte der Staatschef. “Alles lief wie ein Uhrwerk ab: schnell und effektiv”, sagte Putin am Donnerstag. Die \"Friedenstruppen\" ziehen ab.";
        let spans = sentences::split(text);
        let found = entities::find(text);
        let quotes = find(text, &spans, &found, false);
        assert_eq!(quotes.len(), 2, "{quotes:?}");
        assert_eq!(
            quotes[0].text,
            "Die Hauptmission der OVKS-Truppen ist abgeschlossen"
        );
        assert_eq!(
            found.list[quotes[0].speaker.unwrap()].name,
            "Kassym-Jomart Tokajew"
        );
        assert_eq!(quotes[0].cue.as_deref(), Some("sagte"));
        assert_eq!(found.list[quotes[1].speaker.unwrap()].name, "Putin");
    }
}
