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
use crate::lexicon::{
    is_speech_verb, source_noun_at, ANAPHORIC_ROLES, CITING_NOUNS, CITING_WORDS, PRONOUNS,
    REPORTED_MARKERS, SOURCE_NOUNS,
};

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
    // The last quote's speaker: (entity, words, paragraph end).
    let mut previous_speaker: Option<(Option<usize>, Option<String>, usize)> = None;
    // The end of the paragraph being scanned, and for each kind of mark the
    // position up to which no closing mark follows: text full of opening
    // marks is scanned once, not once per mark.
    let mut paragraph = (0usize, 0usize); // (start, end)
    let mut no_closer_until = [0usize; PAIRS.len()];
    // The end of the last quote that was found to be a name, a title or
    // a term.
    let mut skipped_until = usize::MAX;
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
        // Listed with a quote that was no speech ("in „Nackt unter Wölfen“
        // oder „Jeder stirbt für sich allein“", "Operation „Cast Lead“
        // („gegossenes Blei“)"), a quote is of its kind.
        if skipped_until <= index
            && matches!(
                text[skipped_until..index].trim(),
                "," | "und" | "oder" | "sowie" | "bzw." | "("
            )
        {
            skipped_until = after_close;
            continue;
        }
        let short = inner.split_whitespace().count() < 4;
        let sentence = enclosing(sentences, index, inner_end).unwrap_or(index..inner_end);
        // The speaker is named near the quote: the sentence around it, but
        // no more than a window on each side, so that a text of endless
        // quote marks stays linear.
        let before = crate::context_window(text, &sentence, index, index, SPEAKER_WINDOW);
        let after_start = after_close.min(sentence.end);
        let after =
            crate::context_window(text, &sentence, after_start, after_start, SPEAKER_WINDOW);
        let outside = [before.start..index, after_start..after.end];
        let (mut speaker, mut speaker_text, mut cue) =
            speaker_near(text, &outside, entities, english);
        if speaker.is_none() && speaker_text.is_none() && cue.is_none() {
            if let Some((entity, words, verb)) =
                speaker_after_quote(text, after_close, sentence.end, entities)
            {
                (speaker, speaker_text, cue) = (entity, Some(words), Some(verb));
            }
        }
        // A short quote ("„haltlos“") is a quote only when the sentence
        // attributes it to a speaker with a speech verb; otherwise it is a
        // title, a name or a scare quote.
        if short && (speaker_text.is_none() || cue.as_deref().is_none_or(|cue| cue == ":")) {
            continue;
        }
        // A quoted web address ("news.bbc.co.uk") is a source's name.
        let address = !inner.contains(char::is_whitespace)
            && inner.contains('.')
            && !inner.ends_with('.')
            && inner.chars().filter(|c| c.is_alphabetic()).count() >= 4;
        if address
            || (cue.is_none() && looks_like_a_name(inner))
            || is_english_title(inner)
            || (english && is_one_word_title(inner))
            || after_title_noun(&text[before.start..index])
            || (short && named_after_article(inner, &text[before.start..index]))
            || named_after_noun(inner, text, before.start..index, entities)
            || named_term(&text[before.start..index])
            || names_a_body_or_law(inner)
            || is_foreign_phrase(inner)
            // A quote glued to the word it is part of ("„Beitrittskandidaten“status").
            || text[after_close..].starts_with(char::is_alphabetic)
        {
            skipped_until = after_close;
            continue;
        }
        if speaker.is_none() && speaker_text.is_none() && index > sentence.start {
            // A quote inside a sentence without a speech verb ("Der
            // Minister zeigte sich besorgt: „…“", "Er bezeichnete die Pläne
            // als „Wortbruch“") is the sentence subject's.
            if let Some((entity, words)) = sentence_subject(text, sentence.start, index, entities) {
                speaker = entity;
                speaker_text = Some(words);
            }
        }
        if speaker.is_none() && speaker_text.is_none() && cue.is_none() {
            // A quote standing alone continues the previous speaker in the
            // paragraph (or early in the next one), named as the text named
            // them there.
            if let Some((entity, words, paragraph)) = &previous_speaker {
                // Or opens the next paragraph soon after.
                let next_paragraph = *paragraph <= index
                    && text[*paragraph..index].matches("\n\n").count() <= 1
                    && index - *paragraph < 300;
                if *paragraph == limit || next_paragraph {
                    speaker = *entity;
                    speaker_text = words.clone();
                }
            }
        }
        if speaker.is_none() && speaker_text.is_none() && cue.is_none() {
            // Failing that, the subject of the sentence before it in the
            // paragraph ("Sadiq Khan … verurteilte die Haltung der
            // Regierung. „Diese Regierung hat …“").
            // Or the speaker of the statement the sentence before tells
            // ("In zwei Tagen solle der Abzug beginnen, sagte der
            // Staatschef. «Die Hauptmission ist abgeschlossen.»").
            let at = sentences.partition_point(|s| s.end <= sentence.start);
            let before = at
                .checked_sub(1)
                .map(|before| &sentences[before])
                .filter(|before| !text[before.end.min(index)..index].contains("\n\n"));
            let subject_before = before.and_then(|before| {
                sentence_subject(text, before.start, before.end, entities).or_else(|| {
                    let window = crate::context_window(
                        text,
                        before,
                        before.start,
                        before.start,
                        SPEAKER_WINDOW,
                    );
                    match speaker_near(text, std::slice::from_ref(&window), entities, english) {
                        (entity, Some(words), Some(cue))
                            if cue != ":"
                                && !text[window.clone()].contains(['„', '«', '»', '“']) =>
                        {
                            Some((entity, words))
                        }
                        _ => None,
                    }
                })
            });
            if let Some((entity, words)) = subject_before {
                speaker = entity;
                speaker_text = Some(words);
            }
        }
        if speaker_text
            .as_deref()
            .is_some_and(|words| PRONOUNS.contains(&words))
        {
            speaker =
                pronoun_referent(text, sentences, &sentence, &[&quotes], entities).or(speaker);
        }
        if speaker.is_some() || speaker_text.is_some() {
            previous_speaker = Some((speaker, speaker_text.clone(), limit));
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
    // The last sentence that carried an attributed quote: (its end, the
    // speaker, the speaker's words).
    let mut previous: Option<(usize, Option<usize>, Option<String>)> = None;
    let mut extra = Vec::new();
    for (position, sentence) in sentences.iter().enumerate() {
        let first = quotes[..direct].partition_point(|quote| quote.range.start < sentence.start);
        if let Some(quote) = quotes[..direct]
            .get(first)
            .filter(|quote| quote.range.end <= sentence.end)
        {
            previous = (quote.speaker.is_some() || quote.speaker_text.is_some())
                .then(|| (sentence.end, quote.speaker, quote.speaker_text.clone()));
            // "Der Staatsanwalt sagte, der Sohn habe sich „… stranguliert“":
            // reported speech around a direct quote is an indirect quote too.
            let (start, end) = (quote.range.start, quote.range.end);
            let from = crate::context_window(text, sentence, start, start, SPEAKER_WINDOW).start;
            let outside = tokens(&text[from..start.max(sentence.start)]);
            let reported_outside = outside.iter().any(|word| SUBJUNCTIVE.contains(&word.text));
            let cue_outside = outside
                .iter()
                .any(|word| is_speech_verb(word.text) && word.text != "so");
            if reported_outside
                && cue_outside
                && quote.cue.as_deref() != Some(":")
                && sentence.len() <= 4 * SPEAKER_WINDOW
            {
                let words = tokens(&text[sentence.clone()]);
                let range = reported_clause(text, sentence, &words, quote.cue.as_deref());
                if range.start < start && range.end >= end {
                    extra.push(FoundQuote {
                        text: text[range.clone()].to_string(),
                        range,
                        speaker: quote.speaker,
                        speaker_id: quote.speaker_id.clone(),
                        speaker_text: quote.speaker_text.clone(),
                        cue: quote.cue.clone(),
                        direct: false,
                        sentence: sentence.clone(),
                    });
                }
            }
            continue;
        }
        // A sentence that a direct quote runs into or out of (a quote of
        // several sentences) is the quote's frame or the quote itself, not
        // reported speech of its own.
        let overlapping =
            quotes[..direct].partition_point(|quote| quote.range.end <= sentence.start);
        if quotes[..direct]
            .get(overlapping)
            .is_some_and(|quote| quote.range.start < sentence.end)
        {
            continue;
        }
        let slice = &text[sentence.clone()];
        let words = tokens(slice);
        // "…, so die Tonbandstimme": "so" after a comma and before a noun
        // phrase or a pronoun cites; elsewhere it is an adverb.
        let citing_so = words.windows(2).any(|pair| {
            pair[0].text == "so"
                && slice[..pair[0].start].trim_end().ends_with(',')
                && (DETERMINERS.contains(&pair[1].text)
                    || PRONOUNS.contains(&pair[1].text)
                    || pair[1].text.starts_with(char::is_uppercase))
        });
        let source_noun = (0..words.len()).any(|at| source_noun_at(&words, at));
        let has_cue = citing_so
            || words
                .iter()
                .any(|word| is_speech_verb(word.text) && word.text != "so")
            || source_noun;
        let reported = words.iter().any(|word| {
            REPORTED_MARKERS.contains(&word.text)
                || matches!(word.text, "dass" | "according")
                || CITING_WORDS.contains(&word.text)
                || CITING_NOUNS.contains(&word.text)
        }) || source_noun
            || (english && words.iter().any(|word| word.text == "that"));
        // Reported speech runs on: a sentence in Konjunktiv I right after
        // an attributed one, in the same paragraph or opening the next, is
        // the same speaker's ("Er sagte, …. Die Lage sei ernst.").
        let subjunctive = words.iter().any(|word| SUBJUNCTIVE.contains(&word.text));
        // (A sentence before whose speaker stayed open passes on nobody.)
        let continues = previous.as_ref().filter(|(end, speaker, speaker_text)| {
            let gap = &text[(*end).min(sentence.start)..sentence.start];
            (speaker.is_some() || speaker_text.is_some())
                && (!gap.contains("\n\n") || gap.trim().is_empty())
        });
        if !has_cue && subjunctive {
            // Without a speaker before it, Konjunktiv I still reports
            // speech; who said it stays open.
            // "Politische Beobachter wiesen darauf hin, dass … sei": the
            // noun phrase opening the sentence, when a verb in the
            // indicative and a comma come before the Konjunktiv.
            let introduced = || {
                let first_subjunctive = words
                    .iter()
                    .find(|word| SUBJUNCTIVE.contains(&word.text))
                    .map(|word| word.start)?;
                let comma = slice[..first_subjunctive].find(',')?;
                let phrase = leading_phrase(text, sentence.start, sentence.start + comma)?;
                let rest = text[phrase.end..sentence.start + comma].trim_start();
                let verb = rest.split_whitespace().next()?;
                // (A modal or an auxiliary tells nothing said: "Mehrere
                // Frauen soll der Angeklagte bedroht haben, was … könne".)
                if SUBJUNCTIVE.contains(&verb)
                    || !verb.starts_with(char::is_lowercase)
                    || MODALS.contains(&verb)
                {
                    return None;
                }
                let inside = speaker_within(entities, &phrase);
                let words = &text[phrase.clone()];
                Some(match inside {
                    Some((entity, mention)) => (0, Some(entity), Some(text[mention].to_string())),
                    // "Er stellt fest, dass …": the pronoun as written, for
                    // the last person named.
                    None if PRONOUNS.contains(&words) => (
                        0,
                        entities.last_person_before(phrase.start),
                        Some(words.to_string()),
                    ),
                    None => (0, None, Some(words.to_string())),
                })
            };
            // Or the subject of the sentence before, in the same
            // paragraph ("Die Behörde stellte Mängel fest. Auch sei die
            // Dokumentation nicht erfolgt.").
            let subject_before = || {
                let before = &sentences[position.checked_sub(1)?];
                if text[before.end.min(sentence.start)..sentence.start].contains("\n\n") {
                    return None;
                }
                let (entity, words) = sentence_subject(text, before.start, before.end, entities)?;
                Some((0, entity, Some(words)))
            };
            // A sentence that names its own speaker, a person, an
            // organisation or a speaking noun ("Die Staatsanwaltschaft gibt
            // an, …"), takes it before the one it would continue.
            let (_, speaker, speaker_text) = introduced()
                .filter(|(_, entity, words)| {
                    entity.is_some() || words.as_deref().is_some_and(is_noun_phrase)
                })
                .or_else(|| continues.cloned())
                .or_else(introduced)
                .or_else(subject_before)
                .unwrap_or_else(|| {
                    // Failing that, the last person named before it in the
                    // same paragraph.
                    let paragraph_start = text[..sentence.start].rfind("\n\n").unwrap_or(0);
                    let person = entities
                        .last_person_before(sentence.start)
                        .filter(|entity| {
                            entities.list[*entity]
                                .mentions
                                .iter()
                                .any(|m| m.start >= paragraph_start && m.end <= sentence.start)
                        });
                    (
                        0,
                        person,
                        person.map(|entity| entities.list[entity].name.clone()),
                    )
                });
            {
                quotes.push(FoundQuote {
                    range: sentence.clone(),
                    text: slice.to_string(),
                    speaker,
                    speaker_id: speaker.map(|entity| entities.list[entity].id.clone()),
                    speaker_text: speaker_text.clone(),
                    cue: None,
                    direct: false,
                    sentence: sentence.clone(),
                });
                previous = Some((sentence.end, speaker, speaker_text));
                continue;
            }
        }
        // A speech act told in the indicative ("Die CDU forderte
        // Aufklärung", "Die Tat bezeichnete er als sinnlos") reports speech
        // too: the whole sentence is the quote.
        // "Dies teilte X mit": the frame of what the sentence before said,
        // not speech of its own.
        let frame = words
            .first()
            .is_some_and(|word| matches!(word.text, "Dies" | "Das" | "Dieses" | "This" | "That"))
            && words.len() <= 14;
        let speech_act = !reported
            && !frame
            && words.iter().enumerate().any(|(at, word)| {
                let speaking = matches!(word.text, "sprach" | "spricht" | "sprachen" | "sprechen");
                let bare = matches!(
                    word.text,
                    "so" | "sagte" | "sagt" | "sagten" | "sagen" | "gesagt" | "hinzu" | "fuhr"
                );
                is_speech_verb(word.text)
                    && word.text.starts_with(char::is_lowercase)
                    && !bare
                    && (!speaking || words[at + 1..].iter().any(|w| w.text == "von"))
            });
        if !(speech_act || (has_cue && reported)) {
            previous = None;
            continue;
        }
        let window = crate::context_window(
            text,
            sentence,
            sentence.start,
            sentence.start,
            2 * SPEAKER_WINDOW,
        );
        let (mut speaker, speaker_text, cue) =
            speaker_near(text, std::slice::from_ref(&window), entities, english);
        if speaker.is_none() && speaker_text.is_none() {
            previous = None;
            continue;
        }
        if speaker_text
            .as_deref()
            .is_some_and(|words| PRONOUNS.contains(&words))
        {
            // (Reported quotes first, as the last found come first.)
            let (direct_quotes, reported) = quotes.split_at(direct);
            speaker = pronoun_referent(
                text,
                sentences,
                sentence,
                &[reported, direct_quotes],
                entities,
            )
            .or(speaker);
        }
        previous = Some((sentence.end, speaker, speaker_text.clone()));
        let range = if speech_act {
            let body = slice.trim_end().trim_end_matches(['.', '!', '?']);
            sentence.start..sentence.start + body.len()
        } else {
            reported_clause(text, sentence, &words, cue.as_deref())
        };
        quotes.push(FoundQuote {
            text: text[range.clone()].to_string(),
            range,
            speaker,
            speaker_id: speaker.map(|entity| entities.list[entity].id.clone()),
            speaker_text,
            cue,
            direct: false,
            sentence: sentence.clone(),
        });
    }
    quotes.extend(extra);
    quotes.retain_mut(|quote| {
        let Some(words) = quote.speaker_text.as_deref() else {
            return true;
        };
        // A statement in the first person ("I wrote a long rant about
        // this last year", "Wir haben damals gesagt, …") is the author's
        // own text or a letter's, not a source's quote: nobody can be
        // named for it.
        if FIRST_PERSON.contains(&words) {
            return false;
        }
        // A speaker that is one function word other than a pronoun
        // ("That said, …", "After all is said and done", "Its statement
        // claimed") names nobody: a reported statement without a speaker
        // is none, a direct quote stays a quote of nobody named.
        let bare = quote.speaker.is_none()
            && !words.contains(char::is_whitespace)
            && words.chars().any(char::is_lowercase)
            && !PRONOUNS.contains(&words)
            && !matches!(words, "they" | "They" | "it" | "It")
            && crate::lexicon::is_function_word(words);
        if bare {
            quote.speaker_text = None;
        }
        !bare || quote.direct
    });
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

/// Cues that name a source rather than a speech act: "laut", "zufolge",
/// "gemäß", "according (to)" and the citing and source nouns ("Angaben",
/// "Ansicht").
fn is_source_cue(cue: &str) -> bool {
    matches!(cue, "laut" | "Laut" | "zufolge" | "according" | "gemäß")
        || CITING_NOUNS.contains(&cue)
        || SOURCE_NOUNS.contains(&cue)
}

/// The clause that ends at `end`: the text after the last of `breaks`
/// between `start` and `end`, leading white space trimmed.
fn clause_before<'t>(text: &'t str, start: usize, end: usize, breaks: &[char]) -> &'t str {
    let clause = &text[start..end];
    clause[last_clause_start(clause, breaks)..].trim_start()
}

/// Where the last clause of `text` starts: after its last of `breaks`.
fn last_clause_start(text: &str, breaks: &[char]) -> usize {
    text.rfind(breaks).map_or(0, |at| {
        at + text[at..].chars().next().map_or(1, char::len_utf8)
    })
}

/// The signs that end a clause before a speaker phrase.
const PHRASE_BREAKS: &[char] = &[',', '.', ':', ';', '“', '”', '"', '»', '«'];

/// Prepositions that open a phrase before the verb that is no subject,
/// beside [`PREPOSITIONS`] (which also end speaker phrases elsewhere).
const MORE_PREPOSITIONS: &[&str] = &[
    "Gegenüber",
    "Aus",
    "Von",
    "Vom",
    "Zu",
    "Trotz",
    "Wegen",
    "Durch",
    "Ohne",
    "An",
    "Beim",
    "Ab",
    "Neben",
];

/// The first person or organisation named inside `range`, with its
/// mention: who a speaker phrase names.
fn speaker_within(entities: &Entities, range: &Range<usize>) -> Option<(usize, Range<usize>)> {
    let found = entities.within(range);
    let of_type = |wanted: EntityType| {
        found
            .iter()
            .find(|(entity, _)| entities.list[*entity].entity_type == wanted)
            .cloned()
    };
    // "JPL scientist Michael Malaska", "BASF-Chef Martin Brudermüller":
    // the person speaks, the organisation before the name is theirs.
    of_type(EntityType::Person).or_else(|| of_type(EntityType::Organization))
}

/// Whether `at` opens a sentence: nothing but white space since the last
/// sentence's end.
fn opens_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', '\n'])
}

/// The subject of a sentence that opens with a phrase and appositions set
/// off by commas, the verb right after the last comma (`verb`): the person
/// or organisation named in the phrase, else the person named in an
/// apposition, else the phrase when it names a speaker.
fn apposed_subject(
    text: &str,
    start: usize,
    verb: usize,
    entities: &Entities,
) -> Option<(Option<usize>, String)> {
    let before = text[start..verb].trim_end().strip_suffix(',')?;
    let mut segments = Vec::new();
    let mut from = start;
    for part in before.split(',') {
        segments.push(from..from + part.len());
        from += part.len() + 1;
    }
    if !(2..=3).contains(&segments.len())
        || segments
            .iter()
            .any(|segment| text[segment.clone()].split_whitespace().count() > 10)
    {
        return None;
    }
    let first = text[start..].split_whitespace().next()?;
    if opens_no_subject(first) {
        return None;
    }
    if let Some((entity, mention)) = speaker_within(entities, &segments[0]) {
        return Some((Some(entity), text[mention].to_string()));
    }
    let (entity, words) = subject_phrase(text, start, segments[0].end, entities, false)?;
    if entity.is_some() {
        return Some((entity, words));
    }
    let named = segments[1..].iter().find_map(|segment| {
        speaker_within(entities, segment)
            .filter(|(entity, _)| entities.list[*entity].entity_type == EntityType::Person)
    });
    Some(match named {
        Some((entity, mention)) => (Some(entity), text[mention].to_string()),
        None => (None, words),
    })
}

/// The speaker named right after a quote, its comma and a verb, whatever
/// the verb ("„Ich trete an …“, strich Romney in Arbutus heraus", "„Wo
/// ist meine Stimme?“, wollen die Demonstranten wissen"): the quote stands
/// first, so the subject follows the verb. (Speaker, its words, the verb.)
fn speaker_after_quote(
    text: &str,
    after_close: usize,
    end: usize,
    entities: &Entities,
) -> Option<(Option<usize>, String, String)> {
    let rest = text.get(after_close..end)?.strip_prefix(',')?;
    let from = after_close + 1;
    let words = tokens(rest);
    let verb = words.first()?;
    if !verb.text.starts_with(char::is_lowercase)
        || DETERMINERS.contains(&verb.text)
        || PRONOUNS.contains(&verb.text)
        || is_clause_opener(verb.text)
    {
        return None;
    }
    let verb_end = from + verb.start + verb.text.len();
    let clause_end = text[verb_end..end]
        .find([',', '.', ';', ':', '(', '„', '“', '"'])
        .map_or(end, |offset| verb_end + offset);
    let phrase = leading_phrase(text, verb_end, clause_end)?;
    let first = text[phrase.clone()].split_whitespace().next()?;
    if !text[verb_end..phrase.start].trim().is_empty()
        || !(DETERMINERS.contains(&first) || first.starts_with(char::is_uppercase))
    {
        return None;
    }
    let (entity, words) = named_by(text, phrase, entities);
    Some((entity, words, verb.text.to_string()))
}

/// A phrase with an article that opens `text[start..end]`, a lower-case
/// verb right after it ("Die Bewohner des Dorfes sehen …").
fn article_subject(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let phrase = leading_phrase(text, start, end).filter(|phrase| phrase.start == start)?;
    let verb = text[phrase.end..end].split_whitespace().next()?;
    (opens_with_article(&text[phrase.clone()]) && verb.starts_with(char::is_lowercase))
        .then_some(phrase)
}

/// Whether `words` open with an article that can open a subject ("Der
/// Flughafen", "Eine Sprecherin").
fn opens_with_article(words: &str) -> bool {
    ["Der ", "Die ", "Das ", "Ein ", "Eine "]
        .iter()
        .any(|article| words.starts_with(article))
}

/// Who a pronoun that names a quote's speaker refers to, when the
/// sentence before, in the same paragraph, tells: the person who spoke a
/// quote there ("„…“, sagte Putin im Gespräch mit Schoigu. Er hoffe, „…“"
/// is Putin's, not Schoigu's, the last person named), else the person
/// named as that sentence's subject ("Macron widersprach. Er sagte: …").
/// `runs` are quotes found so far, each run in text order. `None` leaves
/// the pronoun to the last person named.
fn pronoun_referent(
    text: &str,
    sentences: &[Range<usize>],
    sentence: &Range<usize>,
    runs: &[&[FoundQuote]],
    entities: &Entities,
) -> Option<usize> {
    let at = sentences.partition_point(|s| s.end <= sentence.start);
    let before = &sentences[at.checked_sub(1)?];
    if text[before.end.min(sentence.start)..sentence.start].contains("\n\n") {
        return None;
    }
    let person = |entity: &usize| entities.list[*entity].entity_type == EntityType::Person;
    // Each run of quotes is in text order: only the quotes that start in
    // the sentence before are read, however many the text has.
    let spoke = runs.iter().find_map(|run| {
        let from = run.partition_point(|quote| quote.range.start < before.start);
        let to = run.partition_point(|quote| quote.range.start < before.end);
        run[from..to.max(from)]
            .iter()
            .rev()
            .filter(|quote| quote.range.end <= before.end)
            .find_map(|quote| quote.speaker.filter(person))
    });
    spoke.or_else(|| {
        let (entity, words) = sentence_subject(text, before.start, before.end, entities)?;
        // (A pronoun there refers on, to the last person named.)
        entity
            .filter(person)
            .filter(|_| !PRONOUNS.contains(&words.as_str()))
    })
}

/// Whether `word` is a host name ("faz.net", "t-online.de").
fn is_web_address(word: &str) -> bool {
    word.rsplit_once('.').is_some_and(|(name, tld)| {
        !name.is_empty() && (2..=6).contains(&tld.len()) && tld.chars().all(char::is_alphabetic)
    })
}

/// Articles that open an object, never a subject ("Den Unmut der CDU
/// brachte die Sprecherin zum Ausdruck").
const OBJECT_ARTICLES: &[&str] = &[
    "Den", "Dem", "Einen", "Einem", "Ihren", "Ihrem", "Seinen", "Seinem", "Diesen", "Diesem",
    "Keinen", "Keinem", "Unseren", "Unserem",
];

/// Who a speaker phrase names: the person or organisation inside it, else
/// the phrase's words.
fn named_by(text: &str, phrase: Range<usize>, entities: &Entities) -> (Option<usize>, String) {
    match speaker_within(entities, &phrase) {
        Some((entity, mention)) => (Some(entity), text[mention].to_string()),
        None => (None, text[phrase].to_string()),
    }
}

/// Possessives that open a source's phrase ("laut ihrem Anführer").
const POSSESSIVES: &[&str] = &[
    "ihrer", "seiner", "ihrem", "seinem", "ihren", "seinen", "eigenen",
];

/// Forms of "haben" and "sein" that make a perfect tense with a
/// participle.
const AUXILIARIES: &[&str] = &[
    "hat", "haben", "hatte", "hatten", "habe", "hätte", "hätten", "ist", "sind", "war", "waren",
];

/// Modal verbs in the indicative, and "werden".
const MODALS: &[&str] = &[
    "soll", "sollen", "sollte", "sollten", "kann", "können", "konnte", "konnten", "muss", "müssen",
    "musste", "mussten", "will", "wollen", "wollte", "wollten", "darf", "dürfen", "durfte",
    "durften", "wird", "werden", "wurde", "wurden",
];

/// The speaker of a cue that closes its clause: a separable particle ("gab
/// … bekannt") or a participle after its auxiliary ("hat … angekündigt").
/// The phrase right before such a cue is its object; the subject opens the
/// sentence ("Die Staatsanwaltschaft gab am Montag die Einstellung des
/// Verfahrens bekannt"), follows the finite verb ("Am Freitag hat die
/// Regierung angekündigt", "…, hatte Koch-Mehrin gesagt"), or is the agent
/// of a passive ("wurden von Minister Stolpe als unrealistisch
/// bezeichnet"). `start` opens the sentence; `None` when the cue does not
/// close its clause or its subject names nobody.
fn closing_subject(
    text: &str,
    start: usize,
    cue_at: usize,
    cue: &str,
    entities: &Entities,
) -> Option<(Option<usize>, String)> {
    const PASSIVE: &[&str] = &["wurde", "wurden", "worden", "wird", "werden"];
    let clause_at = start + last_clause_start(&text[start..cue_at], &[',', ';', ':']);
    let words = tokens(&text[clause_at..cue_at]);
    let participle = cue.ends_with('t') || cue.ends_with("en");
    let auxiliary =
        |list: &[&str]| participle && words.iter().any(|word| list.contains(&word.text));
    // (Who "wird von Reuters zitiert" is the speaker, not Reuters.)
    let passive = auxiliary(PASSIVE) && !cue.starts_with("zitiert");
    if !(matches!(cue, "bekannt" | "hinzu") || passive || auxiliary(AUXILIARIES)) {
        return None;
    }
    // A pronoun right before the cue is its subject ("… hat sie erklärt"),
    // which the speaker phrase reads.
    if words
        .last()
        .is_some_and(|word| PRONOUNS.contains(&word.text))
    {
        return None;
    }
    // The verb opening the clause after a comma has its subject after it.
    let verb_first = || {
        let verb = words.first().filter(|word| {
            clause_at > start
                && word.text.starts_with(char::is_lowercase)
                && !DETERMINERS.contains(&word.text)
        })?;
        leading_phrase(text, clause_at + verb.start + verb.text.len(), cue_at)
    };
    let phrase = if passive {
        // The agent, whatever its case ("von den iranischen Behörden").
        let agent = words
            .iter()
            .find(|word| matches!(word.text, "von" | "vom"))?;
        let phrase = leading_phrase(text, clause_at + agent.start + agent.text.len(), cue_at)?;
        return Some(named_by(text, phrase, entities));
    } else if let Some(phrase) = verb_first() {
        phrase
    } else if let Some(subject) = sentence_subject(text, start, cue_at, entities) {
        return Some(subject);
    } else {
        inverted_subject(text, start, cue_at)?
    };
    match named_by(text, phrase, entities) {
        (None, words) => (is_noun_phrase(&words)
            || (!words.contains(' ') && !crate::entities::is_common_word(&words)))
        .then_some((None, words)),
        named => Some(named),
    }
}

/// Looks for a speech verb and a speaker in the given ranges.
fn speaker_near(
    text: &str,
    ranges: &[Range<usize>],
    entities: &Entities,
    english: bool,
) -> (Option<usize>, Option<String>, Option<String>) {
    let mut cue = None;
    let mut cue_position = None;
    for range in ranges {
        let words = tokens(&text[range.clone()]);
        for (at, word) in words.iter().enumerate() {
            if is_speech_verb(word.text) || source_noun_at(&words, at) {
                cue = Some(word.text.to_string());
                cue_position = Some(range.start + word.start);
                break;
            }
        }
        // A source named further on ("bestritt nach Angaben der
        // Nachrichtenagentur") is who the sentence is attributed to.
        let verb = cue
            .as_deref()
            .is_some_and(|cue| cue.starts_with(char::is_lowercase) && !SOURCE_NOUNS.contains(&cue));
        if verb {
            let first = cue_position.unwrap_or(range.start) - range.start;
            let source = words
                .iter()
                .enumerate()
                .find(|(at, word)| {
                    let laut = matches!(word.text, "laut" | "Laut");
                    let citing = CITING_NOUNS.contains(&word.text)
                        && (words[at.saturating_sub(2)..*at].iter().any(|before| {
                            matches!(before.text, "nach" | "Nach" | "laut" | "Laut")
                        }) || words.get(at + 1).is_some_and(|next| next.text == "zufolge"));
                    word.start > first && (laut || citing || source_noun_at(&words, *at))
                })
                .map(|(_, word)| word);
            if let Some(word) = source {
                cue = Some(word.text.to_string());
                cue_position = Some(range.start + word.start);
            }
        }
        if cue.is_some() {
            break;
        }
    }
    // A quote introduced by a colon ("Stegemann bestreitet das: „…“")
    // has the clause before the colon as its introduction.
    if cue_position.is_none() {
        if let Some(first) = ranges.first() {
            let before = text[first.clone()].trim_end();
            if before.ends_with(':') {
                cue = Some(":".to_string());
                cue_position = Some(first.start + before.len() - 1);
            }
        }
    }
    let Some(position) = cue_position else {
        return (None, None, None);
    };
    // The range the cue stands in.
    let cue_range = ranges
        .iter()
        .find(|range| range.start <= position && position < range.end);
    // "Lammert würdigte die Bundeswehr …": a person or organisation that
    // opens the clause right before the speech verb is its subject.
    let verb = cue.as_deref().is_some_and(|cue| {
        cue.starts_with(char::is_lowercase)
            && cue != "so"
            && !CITING_WORDS.contains(&cue)
            && !is_source_cue(cue)
    });
    // "Deren Haltung … bezeichnete er als …": a pronoun right after the
    // verb is its subject, and the phrase before it is the object.
    // (In English only where the pronoun ends the clause, ", said he.":
    // in "Trump said he would raise tariffs" it is the reported clause's
    // subject, and the speaker stands before the verb.)
    let pronoun_after = cue.as_deref().is_some_and(|cue| {
        text[position + cue.len()..]
            .split_whitespace()
            .next()
            .filter(|word| !english || word.ends_with([',', ';', ':', '.']))
            .map(|word| word.trim_end_matches([',', ';', ':', '.']))
            .is_some_and(|word| PRONOUNS.contains(&word))
    });
    if verb && !pronoun_after {
        // "Die Staatsanwaltschaft gab am Montag die Einstellung des
        // Verfahrens bekannt", "Am Freitag hat die Regierung angekündigt,
        // …": a cue that closes its clause has the sentence's subject at
        // its start, or after the finite verb when an adverb or a
        // prepositional phrase opens it; the phrase right before such a cue
        // is its object.
        let closing = cue_range
            .filter(|range| opens_sentence(text, range.start))
            .and_then(|range| {
                closing_subject(text, range.start, position, cue.as_deref()?, entities)
            });
        if let Some((entity, words)) = closing {
            return (entity, Some(words), cue);
        }
        // The phrase opening the clause right before the verb.
        let lead = cue_range
            .and_then(|range| leading_phrase(text, range.start, position))
            .filter(|lead| only_adverbs(&text[lead.end..position]));
        let subject = lead
            .clone()
            // "Gegenüber NDR Info äußerte er sich": a prepositional phrase
            // is no subject.
            .filter(|lead| {
                !text[lead.clone()]
                    .split_whitespace()
                    .next()
                    .is_some_and(|first| MORE_PREPOSITIONS.contains(&first))
            })
            .and_then(|lead| speaker_within(entities, &lead));
        if let Some((entity, mention)) = subject {
            return (Some(entity), Some(text[mention].to_string()), cue);
        }
        // "…, wie die Staatsanwaltschaft Darmstadt mitteilte": the phrase
        // after "wie" in the cue's clause.
        let as_said = cue_range.and_then(|range| {
            // (A stop inside the sentence belongs to an address or an
            // abbreviation: "Wie t-online.de berichtet".)
            let opening = clause_before(text, range.start, position, &[',', ';', ':']);
            let rest = opening
                .strip_prefix("wie ")
                .or_else(|| opening.strip_prefix("Wie "))?;
            // `rest` ends at the cue.
            let from = position - rest.len();
            subject_phrase(text, from, position, entities, false).or_else(|| {
                // A source the extractor does not know ("Wie der Focus in
                // seiner Onlineausgabe berichtet", "Wie t-online.de
                // berichtet"): the words between "wie" and the verb.
                let words = rest.trim_end();
                let source = words.split_whitespace().count() <= 6
                    && !words.contains(',')
                    && words.split_whitespace().next().is_some_and(|first| {
                        DETERMINERS.contains(&first)
                            || first.starts_with(char::is_uppercase)
                            || is_web_address(first)
                            // "Wie de Maizière darlegte"
                            || crate::entities::FOREIGN_PARTICLES.contains(&first)
                            || matches!(first, "von" | "zu")
                    });
                source.then(|| named_by(text, from..from + words.len(), entities))
            })
        });
        if let Some((entity, words)) = as_said {
            return (entity, Some(words), cue);
        }
        // A subject set off by commas ("Der frühere Bürgermeister, Henning
        // Scherf (SPD), warnte die CDU …") runs from the sentence start up
        // to the verb.
        let opening = cue_range
            .filter(|range| opens_sentence(text, range.start))
            .and_then(|range| subject_phrase(text, range.start, position, entities, true));
        if let Some((entity, words)) = opening {
            return (entity, Some(words), cue);
        }
        // Or with an apposition that holds more than names ("Karl-Theodor
        // zu Guttenberg, Obmann der Fraktion im Ausschuss, warf …", "Der
        // Vorsitzende der Gewerkschaft ver.di, Frank Bsirske, würdigte …").
        let apposed = cue_range
            .filter(|range| opens_sentence(text, range.start))
            .and_then(|range| apposed_subject(text, range.start, position, entities));
        if let Some((entity, words)) = apposed {
            return (entity, Some(words), cue);
        }
        // A name the extractor does not know ("Pötsch beschrieb …"): one
        // capitalised word, no ordinary word, opening the clause right
        // before the verb.
        let name = lead.filter(|lead| {
            let word = &text[lead.clone()];
            !word.contains(char::is_whitespace)
                && word.chars().all(|c| c.is_alphabetic() || c == '-')
                && !crate::entities::is_common_word(word)
                && !is_opening_word(word)
                && !DETERMINERS.contains(&word)
                && !PRONOUNS.contains(&word)
        });
        if let Some(lead) = name {
            return (None, Some(text[lead].to_string()), cue);
        }
    }
    // "Der Innenminister zeigte sich besorgt, dass die Fehden ins Ausland
    // getragen würden: „…“": a colon with no speech verb before it gives
    // the quote to the sentence's subject, not to a phrase of the clause
    // right before the colon.
    if cue.as_deref() == Some(":") {
        let subject = cue_range
            .filter(|range| opens_sentence(text, range.start))
            .and_then(|range| {
                sentence_subject(text, range.start, position, entities)
                    .or_else(|| {
                        let phrase = inverted_subject(text, range.start, position)?;
                        Some(named_by(text, phrase, entities))
                    })
                    .or_else(|| {
                        // "Die Bewohner des Dorfes sehen alles gelassen: „…“"
                        let phrase = article_subject(text, range.start, position)?;
                        Some(named_by(text, phrase, entities))
                    })
            });
        if let Some((entity, words)) = subject {
            return (entity, Some(words), cue);
        }
    }
    // "In dem Antrag heißt es: …", "In einer Mitteilung hieß es, …": the
    // document the impersonal cue points to.
    if matches!(cue.as_deref(), Some("heißt" | "hieß")) {
        let document = cue_range.and_then(|range| {
            let opening = clause_before(
                text,
                range.start,
                position,
                &['.', ';', ':', '!', '?', '\n'],
            );
            let rest = opening
                .strip_prefix("In ")
                .or_else(|| opening.strip_prefix("in "))?;
            let from = position - rest.len();
            leading_phrase(text, from, position)
                .filter(|phrase| text[phrase.end..position].trim().is_empty())
        });
        if let Some(phrase) = document {
            return (None, Some(text[phrase].to_string()), cue);
        }
    }
    // The speaker phrase the cue points to ("sagte der Staatsanwalt", "so
    // der Vorstand Uwe Foullong", "Der Staatsanwalt sagte"); a person or
    // organisation named inside it is the speaker.
    let phrase = cue_range
        .and_then(|range| speaker_phrase(text, range, position, cue.as_deref().unwrap_or("")));
    if let Some(phrase) = &phrase {
        let inside = speaker_within(entities, phrase);
        if let Some((entity, mention)) = inside {
            // "Außerdem warf die Staatsanwaltschaft Ertel vor, …": a person
            // named right after a speaking institution's noun is the
            // object, the institution the speaker.
            let head = text[phrase.start..mention.start].trim_end();
            let noun = head.split_whitespace().next_back().unwrap_or("");
            let object = entities.list[entity].entity_type == EntityType::Person
                && noun.starts_with(char::is_uppercase)
                && !DETERMINERS.contains(&noun)
                && !crate::entities::is_role_noun(noun)
                && is_noun_phrase(head);
            if object {
                return (None, Some(head.to_string()), cue);
            }
            return (Some(entity), Some(text[mention].to_string()), cue);
        }
        let words = &text[phrase.clone()];
        // ("der Staatschef in einer Ansprache im Parlament": the role heads
        // the phrase.)
        let head = words
            .split_whitespace()
            .find(|word| word.starts_with(char::is_uppercase) && !DETERMINERS.contains(word));
        if PRONOUNS.contains(&words)
            || ANAPHORIC_ROLES.iter().any(|role| words.ends_with(role))
            || head.is_some_and(|head| ANAPHORIC_ROLES.contains(&head))
        {
            if let Some(entity) = entities.last_person_before(phrase.start) {
                return (Some(entity), Some(words.to_string()), cue);
            }
            // A pronoun with no person before it ("fordern sie, dem
            // Betreiber Vattenfall … zu entziehen") is still the subject:
            // a name inside the reported clause is not.
            if PRONOUNS.contains(&words) {
                return (None, Some(words.to_string()), cue);
            }
        }
        // A noun phrase the cue points to ("die Feuerwehr", "Angaben der
        // Verteidigung") is the speaker even when a person is named nearby;
        // so is whatever a source cue names ("laut faz.net", "Afghanischen
        // Behörden zufolge"): the person the sentence is about is not its
        // source.
        if is_noun_phrase(words) || cue.as_deref().is_some_and(is_source_cue) {
            return (None, Some(words.to_string()), cue);
        }
        // A phrase with an article that opens the sentence right before
        // the verb, no article or pronoun after the verb, is its subject
        // ("Der Flughafen nennt als Hauptursache …").
        let before_verb = phrase.end <= position && only_adverbs(&text[phrase.end..position]);
        // (An article, a pronoun or a name after the verb is the subject,
        // and the phrase its object: "Eine Verschiebung bezeichnete Conze
        // als fatal".)
        let after_cue = &text[(position + cue.as_deref().map_or(0, str::len)).min(text.len())..];
        let next_at = text.len() - after_cue.trim_start().len();
        let next = after_cue.split_whitespace().next().unwrap_or("");
        let object_after = DETERMINERS.contains(&next)
            || PRONOUNS.contains(&next)
            || speaker_within(entities, &(next_at..text.len().min(next_at + 80)))
                .is_some_and(|(_, mention)| mention.start == next_at);
        if before_verb
            && !object_after
            && opens_sentence(text, phrase.start)
            && opens_with_article(words)
        {
            return (None, Some(words.to_string()), cue);
        }
    }
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
    // No entity: the phrase itself names the speaker ("der Staatsanwalt").
    let phrase = phrase.map(|phrase| text[phrase].to_string());
    (None, phrase, cue)
}

/// The reported part of a sentence: after "sagte, (dass)" when the cue
/// opens the sentence's first clause, before ", sagte X" when the cue
/// follows it; else the whole sentence (its final stop left out).
fn reported_clause(
    text: &str,
    sentence: &Range<usize>,
    words: &[crate::entities::Token<'_>],
    cue: Option<&str>,
) -> Range<usize> {
    let slice = &text[sentence.clone()];
    let body_end = sentence.start + slice.trim_end().trim_end_matches(['.', '!', '?']).len();
    let whole = sentence.start..body_end.max(sentence.start);
    let Some(cue) = cue.filter(|cue| {
        !matches!(*cue, ":" | "so")
            && !CITING_WORDS.contains(cue)
            && !CITING_NOUNS.contains(cue)
            && !SOURCE_NOUNS.contains(cue)
    }) else {
        return whole;
    };
    let Some(cue_word) = words.iter().find(|word| word.text == cue) else {
        return whole;
    };
    let cue_start = cue_word.start;
    let cue_end = cue_start + cue_word.text.len();
    // "…, sagte X." — the clause before the comma that precedes the cue.
    if let Some(comma) = slice[..cue_start].trim_end().strip_suffix(',') {
        let end = sentence.start + comma.trim_end().len();
        if end > sentence.start {
            return sentence.start..end;
        }
    }
    // "X sagte, (dass) …" — everything after the first comma after the cue.
    if let Some(comma) = slice[cue_end..].find(',') {
        let mut start = sentence.start + cue_end + comma + 1;
        let rest = &text[start..body_end.max(start)];
        let trimmed = rest.trim_start();
        start += rest.len() - trimmed.len();
        if start < body_end {
            return start..body_end;
        }
    }
    whole
}

/// Konjunktiv I forms that are not also indicative: a sentence with one
/// reports what somebody said.
const SUBJUNCTIVE: &[&str] = &[
    "sei", "seien", "habe", "werde", "könne", "müsse", "solle", "wolle", "dürfe", "gebe", "stehe",
    "gehe", "komme", "bleibe", "liege", "wisse", "brauche",
];

/// Bytes on each side of a quote searched for its speaker.
const SPEAKER_WINDOW: usize = 400;

/// Whether quoted words are a name or a title ("Iceland Nature
/// Conservation Association", "Sacharow-Preis für geistige Freiheit")
/// rather than speech: a few words, no clause punctuation, mostly
/// capitalised.
fn looks_like_a_name(inner: &str) -> bool {
    let words: Vec<&str> = inner.split_whitespace().collect();
    if words.len() > 8 || inner.contains([',', '.', '!', '?', ':', ';']) {
        return false;
    }
    let capitalised = words
        .iter()
        .filter(|word| word.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        .count();
    capitalised * 5 >= words.len() * 3
}

/// Quoted words that are all capitalised, two or more, joined at most by
/// small words of names ("Financial Times", "Department of Vertebrate
/// Zoology", "Ode an die Freude", "Partij voor de Vrijheid"): a name in any
/// sentence, even one with a speech verb. German speech has lower-case
/// verbs, unless it is one noun („Gesindel“).
fn is_english_title(inner: &str) -> bool {
    const JOINERS: &[&str] = &[
        "of", "the", "and", "for", "&", "on", "in", "an", "die", "de", "du", "voor", "van", "von",
        "la", "le", "del", "-",
    ];
    let words: Vec<&str> = inner.split_whitespace().collect();
    // "Sacharow-Preis für geistige Freiheit", "Institut für Weltwirtschaft":
    // a name of the form "X für … Y".
    // Its head names a body or a prize ("Gefahr für Leib und Leben" is
    // speech).
    const NAMED_HEADS: &[&str] = &[
        "preis",
        "institut",
        "zentrum",
        "verein",
        "gesellschaft",
        "stiftung",
        "bündnis",
        "komitee",
        "rat",
        "verband",
        "kommission",
        "amt",
        "ministerium",
        "initiative",
        "akademie",
        "schule",
        "netzwerk",
        "allianz",
        "front",
        "partei",
        "bewegung",
        "forum",
        "programm",
        "fonds",
        "medaille",
        "orden",
        "auszeichnung",
        "gesetz",
        "agentur",
        "behörde",
        "büro",
        "bund",
        "liga",
        "union",
        "vereinigung",
        "kongress",
        "kampagne",
        "festival",
        "biennale",
        "messe",
        "konferenz",
        "gipfel",
    ];
    let named_for = (3..=6).contains(&words.len())
        && words[1] == "für"
        && words[0].starts_with(char::is_uppercase)
        && words[words.len() - 1].starts_with(char::is_uppercase)
        && {
            let head = words[0].to_lowercase();
            head.contains('-') || NAMED_HEADS.iter().any(|noun| head.ends_with(noun))
        };
    // A company with its legal form ("Hvalur hf", "… Baden-Württemberg AG").
    const LEGAL_FORMS: &[&str] = &[
        "AG", "GmbH", "SE", "KG", "KGaA", "Inc.", "Inc", "Ltd.", "Ltd", "plc", "hf", "AB", "ASA",
        "SpA", "S.A.", "N.V.", "e.V.", "LLC", "Corp.",
    ];
    let company = words.len() >= 2
        && words.len() <= 10
        && words[0].starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && words.last().is_some_and(|last| LEGAL_FORMS.contains(last));
    if named_for || company {
        return true;
    }
    let capitalised = words
        .iter()
        .filter(|word| word.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        .count();
    words.len() >= 2
        && words.len() <= 10
        && capitalised >= 2
        && !inner.contains(['!', '?', ':', ';'])
        && !inner.trim_end().ends_with('.')
        && words.iter().all(|word| {
            JOINERS.contains(word)
                || word.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        })
}

/// Whether an English quote is one capitalised word without a sentence's
/// punctuation ("the story of “Alone”", "the “Pose” actor"): a title or a
/// name. (English capitalises no nouns, so a spoken word in quotes is
/// small or ends a sentence: "“Absolutely,” she said".)
fn is_one_word_title(inner: &str) -> bool {
    !inner.contains(char::is_whitespace)
        && inner.starts_with(char::is_uppercase)
        && inner.chars().any(char::is_lowercase)
        && !inner.contains(['.', ',', '!', '?', ';', ':', '…'])
}

/// First-person pronouns as a speaker's words.
const FIRST_PERSON: &[&str] = &["I", "we", "We", "me", "us", "ich", "Ich", "wir", "Wir"];

/// Nouns that announce a title, a motto or a name in quote marks ("sein
/// Buch „Deutschland schafft sich ab“", "unter dem Motto „…“").
const TITLE_NOUNS: &[&str] = &[
    "Buch",
    "Buches",
    "Buchs",
    "Titel",
    "Motto",
    "Slogan",
    "Film",
    "Films",
    "Filmes",
    "Lied",
    "Song",
    "Album",
    "Roman",
    "Romans",
    "Werk",
    "Stück",
    "Oper",
    "Sendung",
    "Serie",
    "Zeitung",
    "Tageszeitung",
    "Wochenzeitung",
    "Zeitschrift",
    "Magazin",
    "Partei",
    "Preis",
    "Preises",
    "Programm",
    "Projekt",
    "Aktion",
    "Kampagne",
    "Ausstellung",
    "Initiative",
    "Organisation",
    "Verein",
    "Bewegung",
    "Festival",
    "Schiff",
    "Operation",
    "Gedicht",
    "Hymne",
    "Spiel",
    "Show",
    "Name",
    "Namen",
    "Thema",
    "Themen",
    "Titeln",
    "book",
    "film",
    "song",
    "album",
    "title",
    "motto",
    "slogan",
    "newspaper",
];

/// A short capitalised quote right after an article or a preposition that
/// takes one ("sagte er dem „Deutschlandfunk“", "laut „Xinhua“", "des
/// „Tagesspiegel“") is the name of a paper, an agency or a work: a quoted
/// word or two that someone said follows a verb or stands on its own
/// ("sprachen von „Panikverkäufen“").
fn named_after_article(inner: &str, before: &str) -> bool {
    const ARTICLES: &[&str] = &[
        "der", "die", "das", "dem", "den", "des", "laut", "zum", "zur", "im", "beim", "seiner",
        "ihrer", "seinem", "ihrem", "seinen", "ihren", "seine", "ihre",
    ];
    inner.starts_with(char::is_uppercase)
        && before
            .split_whitespace()
            .next_back()
            .is_some_and(|last| ARTICLES.contains(&last.to_lowercase().as_str()))
}

/// A capitalised quote of a few words in apposition to a noun
/// ("Nachrichtenagentur „Xinhua“", "Enzyklika „Deus caritas est“", "die
/// Kartoffelsorte „Amflora“") names what the noun is. Not when the word
/// before opens a sentence, is a name (a speaker: "told CNN “…”"), or is a
/// noun for words people say, chant or write ("Parole", "Aufschrift",
/// "die Bezeichnung „Gesindel“").
fn named_after_noun(inner: &str, text: &str, before: Range<usize>, entities: &Entities) -> bool {
    const SLOGAN_NOUNS: &[&str] = &[
        "Parole",
        "Parolen",
        "Aufschrift",
        "Motto",
        "Slogan",
        "Losung",
        "Spruch",
        "Sprüche",
        "Beispiel",
        "Rufe",
        "Rufen",
        "Sprechchöre",
        "Sprechchören",
        "Bezeichnung",
        "Wort",
        "Worte",
        "Worten",
        "Ausdruck",
        "Vorwurf",
        "Vorwürfe",
    ];
    if !inner.starts_with(char::is_uppercase) || inner.split_whitespace().count() > 8 {
        return false;
    }
    let window = &text[before.clone()];
    let trimmed = window.trim_end();
    let Some(word_start) = trimmed.rfind(char::is_whitespace).map(|at| at + 1) else {
        return false;
    };
    let word = &trimmed[word_start..];
    let earlier = trimmed[..word_start].trim_end();
    let opens_sentence = earlier.is_empty() || earlier.ends_with(['.', '!', '?', ':', '“', '"']);
    let start = before.start + word_start;
    word.starts_with(char::is_uppercase)
        && word.chars().all(|c| c.is_alphabetic() || c == '-')
        && !opens_sentence
        && !SLOGAN_NOUNS.contains(&word)
        && !entities.covers(&(start..start + word.len()))
}

/// Whether the words before a quote mark introduce a term or a name, not
/// speech: "so genannte", "sogenannten", "die sich selbst", "der sich
/// als", "nennt sich".
fn named_term(before: &str) -> bool {
    let mut words = before.split_whitespace().rev();
    let (Some(last), Some(second)) = (words.next(), words.next()) else {
        return false;
    };
    let last = last.to_lowercase();
    let second = second.to_lowercase();
    last.starts_with("sogenannt")
        || (second == "so" && last.starts_with("genannt"))
        || (second == "sich" && matches!(last.as_str(), "selbst" | "als"))
        || (last == "sich" && matches!(second.as_str(), "nennt" | "nannte" | "nennen" | "nannten"))
}

/// Whether a short quote without clause punctuation is a phrase of
/// another language in a German text ("Have a nice day", "L’Alliance pour
/// la Planète", "running mate"): a title or a term, not speech. It has a
/// function word of English, French or Spanish and none of German.
fn is_foreign_phrase(inner: &str) -> bool {
    const FOREIGN: &[&str] = &[
        "the", "a", "of", "to", "at", "on", "for", "and", "is", "are", "with", "my", "your", "la",
        "le", "les", "de", "du", "des", "pour", "et", "el", "los", "las", "y", "pro", "mate",
        "d’or",
    ];
    const GERMAN: &[&str] = &[
        "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "mit", "von", "für",
        "auf", "den", "dem", "des", "sich", "es", "wir", "ich", "sie", "er", "im", "sind",
    ];
    let words: Vec<&str> = inner.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && !inner.contains([',', '.', '!', '?', ':', ';'])
        && words
            .iter()
            .any(|word| FOREIGN.contains(&word.to_lowercase().as_str()))
        && !words
            .iter()
            .any(|word| GERMAN.contains(&word.to_lowercase().as_str()))
}

/// Words that head the names of bodies, alliances, laws and prizes
/// ("Rat für Demokratische Reform …", "Gesetz zur Änderung des
/// Passgesetzes").
const BODY_HEADS: &[&str] = &[
    "Gesetz",
    "Gesetzes",
    "Rat",
    "Front",
    "Allianz",
    "Initiative",
    "Preis",
    "Woche",
    "Bündnis",
    "Partei",
    "Union",
    "Verband",
    "Stiftung",
    "Komitee",
    "Organisation",
    "Bewegung",
    "Institut",
    "Zentrum",
    "Aktion",
    "Kampagne",
    "Oberste",
    "Nationale",
    "Vereinigte",
    "United",
    "National",
];

/// Whether a quote of four words or more is the name of a body, an
/// alliance, a law or a prize: a head of [`BODY_HEADS`] first, or an
/// acronym in brackets last ("… Deutschland e.V. (NID)"), and no word
/// between that a clause needs: only capitalised words, adjectives and
/// the small words that join a name.
fn names_a_body_or_law(inner: &str) -> bool {
    const JOINERS: &[&str] = &[
        "der", "die", "das", "des", "dem", "den", "zur", "zum", "für", "gegen", "ohne", "mit",
        "und", "von", "vom", "in", "im", "an", "am", "auf", "über", "unter", "zu", "bei", "nach",
        "aus", "um", "for", "of", "the", "and", "against",
    ];
    let words: Vec<&str> = inner.split_whitespace().collect();
    let headed = words
        .first()
        .is_some_and(|first| BODY_HEADS.contains(first));
    let acronym = words.last().is_some_and(|last| {
        last.len() > 3
            && last.starts_with('(')
            && last.ends_with(')')
            && last[1..last.len() - 1].chars().all(|c| c.is_uppercase())
    });
    words.len() >= 4
        && (headed || acronym)
        && words.iter().all(|word| {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            word.is_empty()
                || word.starts_with(char::is_uppercase)
                || JOINERS.contains(&word)
                || looks_like_adjective(word)
                // (An abbreviation: "e.V.", "GmbH".)
                || word.contains('.')
                || word.chars().all(char::is_uppercase)
        })
}

/// Whether the text before a quote mark ends in a title noun, also as the
/// end of a compound ("Kinofilm", "Wahlkampfmotto").
fn after_title_noun(before: &str) -> bool {
    let mut words = before.split_whitespace().rev();
    let Some(mut last) = words.next() else {
        return false;
    };
    // Or before "wie", "darunter", "namens" that follows it ("Vorträge
    // zu Themen wie „…“", "über 50 Themen, darunter „…“").
    if matches!(last, "wie" | "darunter" | "namens" | "etwa") {
        match words.next() {
            Some(noun) => last = noun,
            None => return false,
        }
    }
    let last = last.trim_end_matches([',', '(']);
    TITLE_NOUNS.iter().any(|noun| {
        last == *noun
            || (last.len() > noun.len() + 2
                && last.ends_with(&noun.to_lowercase())
                && last.starts_with(char::is_uppercase))
            || last.ends_with(&format!("-{noun}"))
    })
}

/// Heads of noun phrases that speak: institutions, their spokespeople,
/// reports and statements ("die Feuerwehr", "Angaben der Verteidigung").
const SPEAKING_NOUN_ENDINGS: &[&str] = &[
    "schaft",
    "polizei",
    "amt",
    "ministerium",
    "regierung",
    "gericht",
    "wehr",
    "verband",
    "partei",
    "behörde",
    "agentur",
    "zeitung",
    "bericht",
    "berichten",
    "angaben",
    "erklärung",
    "mitteilung",
    "sprecher",
    "sprecherin",
    "kommission",
    "ausschuss",
    "verwaltung",
    "konzern",
    "unternehmen",
    "institut",
    "organisation",
    "veranstalter",
    "ermittler",
    "experten",
    "analysten",
    "beobachter",
    "zeugen",
    "medien",
    "sender",
    "agency",
    "police",
    "spokesman",
    "spokeswoman",
    "ministry",
    "government",
    "officials",
    "magazin",
    "blatt",
    "portal",
    "präsident",
    "präsidentin",
    "kanzler",
    "kanzlerin",
    "minister",
    "ministerin",
    "chef",
    "chefin",
    "vorsitzende",
    "vorsitzender",
    "bürgermeister",
    "komitee",
    "gremium",
    "verein",
    "anwalt",
    "anwältin",
    "richter",
    "kritiker",
    "politiker",
    "vertreter",
    "fraktion",
    "opposition",
    "studie",
    "umfrage",
    "stellungnahme",
    "kommentar",
    "kommentator",
    "forscher",
    "wissenschaftler",
    "direktor",
    "leiter",
    "leiterin",
    "trainer",
    "universität",
    "hochschule",
    "schule",
    "kirche",
    "stadt",
    "gemeinde",
    "klinik",
    "krankenhaus",
    "museum",
    "bank",
    "stiftung",
    "firma",
    "hersteller",
    "betreiber",
    "staatssekretär",
    "senator",
    "abgeordnete",
    "abgeordneter",
    "parteien",
    "kreisen",
    "meldung",
    "meldungen",
    "sängerin",
    "sängerinnen",
    "sänger",
];

/// A speaker phrase that names someone who speaks: not an object ("den
/// Vorgang"), and its first noun a speaking institution, a spokesperson,
/// a report or a statement.
fn is_noun_phrase(words: &str) -> bool {
    let mut parts = words.split_whitespace();
    let Some(first) = parts.next() else {
        return false;
    };
    if matches!(first, "den" | "dem" | "einen" | "einem") {
        return false;
    }
    let noun = std::iter::once(first)
        .chain(parts)
        .find(|word| word.starts_with(char::is_uppercase) && !DETERMINERS.contains(word));
    noun.is_some_and(|noun| {
        let lower = noun.to_lowercase();
        SPEAKING_NOUN_ENDINGS
            .iter()
            .any(|ending| lower.ends_with(ending))
            // A word for a person by role or occupation ("der
            // Linkspolitiker", "ein Wissenschaftler", "der Bundestrainer").
            || crate::entities::is_role_noun(noun)
    })
}

/// Whether `word` is an article or determiner ("Der", "eine").
pub(crate) fn is_determiner(word: &str) -> bool {
    DETERMINERS.contains(&word)
}

/// Articles and determiners that open a speaker phrase.
const DETERMINERS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einem", "einer", "einen", "Der",
    "Die", "Das", "Ein", "Eine", "the", "The", "a", "an",
];

/// Prepositions that open an adverbial, not a subject.
const PREPOSITIONS: &[&str] = &[
    "In",
    "Im",
    "Nach",
    "Am",
    "Auf",
    "Bei",
    "Mit",
    "Vor",
    "Für",
    "Gegen",
    "Laut",
    "Wie",
    "Auch",
    "Dabei",
    "Zudem",
    "Außerdem",
    "Deshalb",
    "Daher",
    "Dann",
    "Doch",
    "Aber",
    "Später",
    "Wenn",
    "Darin",
    "So",
    "Als",
    "Da",
    "Dass",
    "Daß",
    "Ob",
    "Weil",
    "Obwohl",
    "Während",
    "Es",
    "Dies",
    "Diese",
    "Dieser",
    "Zum",
    "Zur",
    "Um",
    "Über",
    "Unter",
    "Seit",
    "Bis",
    "Ziel",
    "Grund",
];

/// The speaker phrase a cue word points to, within `range`: after the cue
/// when it is "so"/"laut", a pronoun or an article follows ("sagte der
/// Staatsanwalt", "so der Vorstand Uwe Foullong", "erklärte er"), before it
/// when it is "zufolge", else the noun phrase that opens the clause ("Der
/// Staatsanwalt sagte", "Sonia und Willy Bogner teilten mit:").
fn speaker_phrase(
    text: &str,
    range: &Range<usize>,
    cue_at: usize,
    cue: &str,
) -> Option<Range<usize>> {
    const BREAKS: &[char] = &[
        ',', '.', ':', ';', '„', '“', '”', '"', '«', '»', '(', ')', '–', '—',
    ];
    let cue_end = cue_at + cue.len().max(1);
    let after_start = cue_end.min(range.end);
    let after = &text[after_start..range.end];
    let after_words = tokens(after);
    let first_after = after_words.first().map(|word| word.text);
    // "spricht die Polizei von …": after "sprechen", "von" says what of.
    let speaks_of = matches!(cue, "sprach" | "spricht" | "sprachen" | "sprechen");
    let joins = move |word: &str| {
        matches!(word, "aus" | "und" | "für" | "im" | "in")
            || (!speaks_of && matches!(word, "von" | "vom"))
    };
    let clause_after = |words: &[crate::entities::Token<'_>]| -> Option<Range<usize>> {
        let limit = after.find(BREAKS).unwrap_or(after.len());
        // A noun phrase: articles, adjectives, capitalised words, and the
        // small words that join a name to what it heads ("von", "des").
        // A second article after a noun opens another phrase (the object
        // in "kritisierte die Opposition den Plan"); the genitive "der",
        // "des" joins ("Angaben der Polizei").
        let mut after_noun = false;
        let taken: Vec<_> = words
            .iter()
            .take_while(|word| word.start < limit)
            .take(10)
            .take_while(|word| {
                let new_phrase = after_noun
                    && DETERMINERS.contains(&word.text)
                    && !matches!(word.text, "der" | "des");
                // A lower-case word after the noun is the verb ("Aussage
                // des Ministeriums lebte …"), unless it joins ("von").
                let verb = after_noun
                    && word.text.starts_with(char::is_lowercase)
                    && !DETERMINERS.contains(&word.text)
                    && !joins(word.text);
                after_noun = word.text.starts_with(char::is_uppercase);
                !new_phrase && !verb
            })
            .enumerate()
            .take_while(|(at, word)| {
                word.text.starts_with(char::is_uppercase)
                    || DETERMINERS.contains(&word.text)
                    || joins(word.text)
                    || looks_like_adjective(word.text)
                    // "laut ihrem Anführer"
                    || (*at == 0 && POSSESSIVES.contains(&word.text))
            })
            .map(|(_, word)| word)
            .collect();
        let mut taken = taken;
        while taken
            .last()
            .is_some_and(|word| !word.text.starts_with(char::is_uppercase))
        {
            taken.pop();
        }
        let last = taken.last()?;
        Some(after_start + taken[0].start..after_start + last.start + last.text.len())
    };
    if cue == "zufolge" {
        return trailing_phrase(text, range.start, cue_at);
    }
    let source = CITING_NOUNS.contains(&cue) || SOURCE_NOUNS.contains(&cue);
    if source && first_after == Some("zufolge") {
        // "Offiziellen Angaben zufolge": the source is "Angaben" itself.
        return trailing_phrase(text, range.start, cue_end);
    }
    if source {
        // "nach ersten Angaben der Polizei", "eigenen Angaben": the source
        // with "Angaben", its adjectives before it and its genitive or
        // "von" complement after it, no further.
        let before = tokens(&text[range.start..cue_at]);
        let mut start = cue_at;
        for word in before.iter().rev() {
            let possessive = matches!(
                word.text,
                "deren" | "dessen" | "seinen" | "ihren" | "eigenen" | "unseren"
            );
            let adjective = looks_like_adjective(word.text)
                || (word.text.starts_with(char::is_uppercase)
                    && ["e", "en", "er"].iter().any(|e| word.text.ends_with(e))
                    && !matches!(word.text, "Nach" | "Laut" | "Den" | "Der" | "Die"));
            let gap = &text[range.start + word.start + word.text.len()..start];
            if (possessive || adjective) && gap.trim().is_empty() {
                start = range.start + word.start;
                if possessive {
                    break;
                }
            } else {
                break;
            }
        }
        let complement =
            first_after.is_some_and(|word| matches!(word, "der" | "des" | "von" | "vom" | "aus"));
        let end = if complement {
            clause_after(&after_words).map_or(cue_end, |phrase| phrase.end)
        } else {
            cue_end
        };
        return Some(start..end.max(cue_end));
    }
    if matches!(cue, "so" | "laut" | "Laut" | "according" | "gemäß") {
        // "laut „Welt“": a name in quote marks names the source.
        let from = after_start + (after.len() - after.trim_start().len());
        let quoted = text[from..range.end]
            .strip_prefix(['„', '“', '"', '«', '»', '‚'])
            .and_then(|rest| {
                let name = &rest[..rest.find(['“', '”', '"', '«', '»', '‘'])?];
                (name.starts_with(char::is_uppercase) && name.split_whitespace().count() <= 5)
                    .then_some(name.len())
            });
        if let Some(length) = quoted {
            let start = from + text[from..].chars().next().map_or(1, char::len_utf8);
            return Some(start..start + length);
        }
    }
    if matches!(cue, "laut" | "Laut") {
        // "laut faz.net": a web address names the source.
        let chunk = after.split_whitespace().next().unwrap_or_default();
        let address = chunk.trim_end_matches([',', '.', ';', ':']);
        if is_web_address(address) {
            let start = after_start + (after.len() - after.trim_start().len());
            return Some(start..start + address.len());
        }
    }
    if matches!(cue, "so" | "laut" | "Laut" | "according" | "gemäß") {
        let opens_phrase = first_after.is_some_and(|word| {
            DETERMINERS.contains(&word)
                || word.starts_with(char::is_uppercase)
                || POSSESSIVES.contains(&word)
        });
        return opens_phrase.then(|| clause_after(&after_words)).flatten();
    }
    // A pronoun right before the verb is its subject ("indem er sagte",
    // "hat sie angegeben"): the speaker as written, resolved by the caller.
    let before = &text[range.start.min(cue_at)..cue_at];
    let trimmed = before.trim_end();
    if let Some(pronoun) = PRONOUNS
        .iter()
        .find(|pronoun| trimmed.ends_with(*pronoun))
        .filter(|_| trimmed.len() < before.len())
    {
        let start = range.start + trimmed.len() - pronoun.len();
        let bounded = !text[..start].ends_with(char::is_alphanumeric);
        // (Not the object of a preposition: "Für sie fordert X …".)
        let governed = text[..start]
            .split_whitespace()
            .next_back()
            .is_some_and(|word| {
                matches!(
                    word.to_lowercase().as_str(),
                    "für" | "gegen" | "ohne" | "um" | "durch" | "an" | "auf" | "über"
                )
            });
        if bounded && !governed {
            return Some(start..start + pronoun.len());
        }
    }
    match first_after {
        Some(word) if PRONOUNS.contains(&word) => {
            let word = &after_words[0];
            return Some(after_start + word.start..after_start + word.start + word.text.len());
        }
        Some(word) if DETERMINERS.contains(&word) => {
            // "Der Vertreter Libyens nannte die Sanktionen …": a subject
            // that opens the clause right before the verb makes the phrase
            // after it the object; "den", "dem", "einen", "einem" never
            // open a subject.
            let lead = leading_phrase(text, range.start, cue_at).filter(|lead| {
                let words = &text[lead.clone()];
                // A one-word subject ("Greenpeace fordert die …") that is
                // no adverb opening the sentence ("Dazu gab das …").
                let one_word = !words.contains(char::is_whitespace)
                    && !is_opening_word(words)
                    && !PREPOSITIONS.contains(&words);
                only_adverbs(&text[lead.end..cue_at]) && (one_word || opens_with_article(words))
            });
            if lead.is_some() {
                return lead;
            }
            if matches!(word, "den" | "dem" | "einen" | "einem") {
                return leading_phrase(text, range.start, cue_at);
            }
            return clause_after(&after_words);
        }
        _ => {}
    }
    match leading_phrase(text, range.start, cue_at) {
        // "Die größte Stadt konnten sie nicht für sicher erklären": a
        // pronoun right after the verb that follows the phrase is the
        // subject, and the phrase the object.
        Some(lead) => {
            let after = &text[lead.end..cue_at];
            let mut words = after.split_whitespace();
            let subject = words
                .next()
                .filter(|verb| verb.starts_with(char::is_lowercase))
                .and(words.next())
                .filter(|word| PRONOUNS.contains(word));
            Some(match subject {
                Some(pronoun) => {
                    let at = lead.end + after.find(&format!(" {pronoun}")).map_or(0, |at| at + 1);
                    at..at + pronoun.len()
                }
                None => lead,
            })
        }
        // "Hier sparte der Bundespräsident nicht mit Kritik: „…“", "Dazu
        // gab das Ministerium bekannt": a clause opened by an adverb or a
        // prepositional phrase has its subject after the verb.
        None => inverted_subject(text, range.start, cue_at),
    }
}

/// The subject after the verb of a clause that an adverb or a
/// prepositional phrase opens ("Hier sparte der Bundespräsident …", "Dazu
/// gab das russische Außenministerium bekannt"): the noun phrase that
/// starts with an article right after the first verb (and "sich"), when it
/// is headed by a speaking noun or a word for a person.
fn inverted_subject(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let clause_start = last_clause_start(&text[start..end], PHRASE_BREAKS);
    let words = tokens(&text[start + clause_start..end]);
    let opener = words.first()?.text;
    let adverb = is_clause_opener(&opener.to_lowercase());
    if !(adverb
        || PREPOSITIONS.contains(&opener)
        || MORE_PREPOSITIONS.contains(&opener)
        || OBJECT_ARTICLES.contains(&opener))
    {
        return None;
    }
    // The verb: right after an adverb; after a prepositional phrase or an
    // object, the first lower-case word after its noun.
    let verb = if adverb {
        1
    } else {
        let noun = (1..words.len()).find(|at| words[*at].text.starts_with(char::is_uppercase))?;
        (noun + 1..words.len()).find(|at| {
            let word = words[*at].text;
            word.starts_with(char::is_lowercase) && !DETERMINERS.contains(&word)
        })?
    };
    if !words
        .get(verb)
        .is_some_and(|word| word.text.starts_with(char::is_lowercase))
    {
        return None;
    }
    let mut first = verb + 1;
    if words.get(first).is_some_and(|word| word.text == "sich") {
        first += 1;
    }
    if !words
        .get(first)
        .is_some_and(|word| DETERMINERS.contains(&word.text))
    {
        return None;
    }
    let mut last = None;
    for (at, word) in words.iter().enumerate().skip(first + 1) {
        if word.text.starts_with(char::is_uppercase) {
            last = Some(at);
        } else if !looks_like_adjective(word.text) {
            break;
        }
    }
    let last = &words[last?];
    let base = start + clause_start;
    let range = base + words[first].start..base + last.start + last.text.len();
    is_noun_phrase(&text[range.clone()]).then_some(range)
}

/// The subject that opens a sentence, up to its verb ("Der italienische
/// Innenminister zeigte …", "Dieser Arzt, Antonio Noja, schilderte …",
/// "Er bezeichnete …"): a person or organisation named in it, a pronoun
/// resolved to the last person before it, or a noun phrase headed by a
/// speaking noun. `None` when the sentence opens otherwise.
fn sentence_subject(
    text: &str,
    start: usize,
    limit: usize,
    entities: &Entities,
) -> Option<(Option<usize>, String)> {
    subject_phrase(text, start, limit, entities, false)
}

/// Whether a sentence opened by `word` has no subject at its start: a
/// preposition, an adverb or conjunction capitalised for its place
/// ("Insgesamt spricht die Polizei …" has its subject after the verb), or
/// the article of an object ("Den Unmut der CDU brachte die Sprecherin zum
/// Ausdruck").
fn opens_no_subject(word: &str) -> bool {
    PREPOSITIONS.contains(&word)
        || MORE_PREPOSITIONS.contains(&word)
        || is_clause_opener(&word.to_lowercase())
        || OBJECT_ARTICLES.contains(&word)
}

/// [`sentence_subject`]; with `whole`, the phrase must run up to `limit`
/// (the verb stands right there).
fn subject_phrase(
    text: &str,
    start: usize,
    limit: usize,
    entities: &Entities,
    whole: bool,
) -> Option<(Option<usize>, String)> {
    let words = tokens(&text[start..limit]);
    let first = words.first()?;
    if opens_no_subject(first.text) {
        return None;
    }
    let mut last = None;
    let mut noun = None;
    for (index, word) in words.iter().enumerate().take(12) {
        let capital = word.text.starts_with(char::is_uppercase);
        if capital && !DETERMINERS.contains(&word.text) {
            noun = Some(index);
        }
        let joiner = matches!(word.text, "und" | "von" | "der" | "des") && last.is_some();
        // An adjective stands before its noun: a lower-case word after a
        // noun is the verb ("Die Behörde stellte …").
        let after_noun = index > 0 && noun == Some(index - 1);
        if capital
            || DETERMINERS.contains(&word.text)
            || (index > 0 && !after_noun && looks_like_adjective(word.text))
            || joiner
            || (index == 0 && PRONOUNS.contains(&word.text))
        {
            if capital || PRONOUNS.contains(&word.text) {
                last = Some(index);
            }
            continue;
        }
        // The verb must follow the phrase.
        if whole || !word.text.starts_with(char::is_lowercase) {
            return None;
        }
        break;
    }
    let last = &words[last?];
    let range = start + first.start..start + last.start + last.text.len();
    let phrase = &text[range.clone()];
    if let Some((entity, mention)) = speaker_within(entities, &range) {
        return Some((Some(entity), text[mention].to_string()));
    }
    if PRONOUNS.contains(&phrase) {
        let person = entities.last_person_before(range.start)?;
        return Some((Some(person), phrase.to_string()));
    }
    is_noun_phrase(phrase).then(|| (None, phrase.to_string()))
}

/// Whether a lower-case word looks like an inflected adjective inside a
/// noun phrase ("der zuständige Vorstand"): an adjective ending, and not a
/// pronoun or a form of "sein", "werden" or "haben".
fn looks_like_adjective(word: &str) -> bool {
    // An age or count joined to the adjective ("der 23-jährige Sportler").
    let word = match word.split_once('-') {
        Some((number, rest))
            if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) =>
        {
            rest
        }
        _ => word,
    };
    word.starts_with(char::is_lowercase)
        && ["e", "en", "er", "es"]
            .iter()
            .any(|ending| word.ends_with(ending))
        && !matches!(
            word,
            "sie"
                | "er"
                | "wurde"
                | "werde"
                | "wird"
                | "werden"
                | "hatte"
                | "habe"
                | "sei"
                | "seien"
        )
        // (Nor an adverb: "Die Armeeleitung hingegen sprach …".)
        && !is_clause_opener(word)
}

/// The noun phrase right before `end` ("einem Bericht der Zeitung" in
/// "einem Bericht der Zeitung zufolge"): articles, adjectives and
/// capitalised words, walking back at most eight words.
fn trailing_phrase(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let words = tokens(&text[start..end]);
    let mut first = None;
    for word in words.iter().rev().take(8) {
        let capital = word.text.starts_with(char::is_uppercase);
        let determiner = DETERMINERS.contains(&word.text);
        let adjective = looks_like_adjective(word.text);
        if !(capital || determiner || adjective) || PREPOSITIONS.contains(&word.text) {
            break;
        }
        first = Some(word);
    }
    let first = first?;
    let last = words.last()?;
    last.text
        .starts_with(char::is_uppercase)
        .then(|| start + first.start..start + last.start + last.text.len())
}

/// Adverbs and conjunctions (lower case) that open a sentence or clause
/// before its verb: no speaker phrase nor subject starts with one.
const SENTENCE_ADVERBS: &[&str] = &[
    "dazu",
    "heute",
    "gestern",
    "dann",
    "danach",
    "jetzt",
    "nun",
    "zudem",
    "außerdem",
    "ferner",
    "auch",
    "doch",
    "aber",
    "allerdings",
    "daher",
    "deshalb",
    "trotzdem",
    "dennoch",
    "inzwischen",
    "mittlerweile",
    "bereits",
    "zuvor",
    "zuletzt",
    "zunächst",
    "später",
    "anschließend",
    "hier",
    "dort",
    "da",
    "so",
    "somit",
    "weiterhin",
    "ebenso",
    "ebenfalls",
    "insbesondere",
    "erst",
    "noch",
    "seitdem",
    "daraufhin",
    "offenbar",
    "angeblich",
    "vermutlich",
    "wahrscheinlich",
    "tatsächlich",
    "gleichzeitig",
    "unterdessen",
    "indes",
    "jedoch",
    "dagegen",
    "stattdessen",
    "immerhin",
    "bisher",
    "bislang",
    "kürzlich",
    "schließlich",
    "letztlich",
    "sonst",
];

/// Words that open a sentence before its verb beyond
/// [`SENTENCE_ADVERBS`], asked about a one-word lead ("Dazu gab das
/// Ministerium bekannt", "Das sagte er").
const MORE_OPENING_WORDS: &[&str] = &[
    "morgen", "damals", "dabei", "darum", "deswegen", "schon", "also", "vorher", "seither",
    "darauf", "hierzu", "demnach", "derweil", "gerade", "neulich", "zuerst", "endlich", "dies",
    "das", "es", "man",
];

/// Conjunctions and adverbs that open clauses beyond
/// [`SENTENCE_ADVERBS`] ("Nachdem er …", "Und: „…“").
const MORE_CLAUSE_OPENERS: &[&str] = &[
    "nachdem",
    "wenn",
    "weil",
    "obwohl",
    "während",
    "dass",
    "und",
    "oder",
    "derzeit",
    "damit",
    "sobald",
    "falls",
    "ob",
    "wie",
    "wo",
    "warum",
    "vielmehr",
    "denn",
    "sondern",
    "zwar",
    "einst",
    "nämlich",
    "insgesamt",
    "besonders",
    "weiter",
    "nur",
    "offensichtlich",
    "möglicherweise",
    "hingegen",
    "jedenfalls",
    "künftig",
    "zugleich",
    "überdies",
];

/// Whether `word` is a word that opens a sentence before its verb, in
/// its capitalised form ("Dazu", "Heute", "Das").
fn is_opening_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    let listed =
        SENTENCE_ADVERBS.contains(&lower.as_str()) || MORE_OPENING_WORDS.contains(&lower.as_str());
    let (mut chars, mut lower_chars) = (word.chars(), lower.chars());
    listed
        && chars.next().is_some_and(char::is_uppercase)
        && lower_chars.next().is_some()
        && chars.as_str() == lower_chars.as_str()
}

/// Whether `gap`, between a subject and its verb, holds nothing but
/// adverbs ("Die Armeeleitung hingegen sprach", "Die Polizei selbst
/// teilte mit").
fn only_adverbs(gap: &str) -> bool {
    gap.split_whitespace()
        .all(|word| SENTENCE_ADVERBS.contains(&word) || matches!(word, "selbst" | "hingegen"))
}

/// Whether `lower` (a word in lower case) opens a clause as a conjunction
/// or adverb.
fn is_clause_opener(lower: &str) -> bool {
    SENTENCE_ADVERBS.contains(&lower) || MORE_CLAUSE_OPENERS.contains(&lower)
}

/// The noun phrase that opens the clause ending at `end`: an article,
/// adjectives, capitalised words and names joined by "und".
fn leading_phrase(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let clause_start = last_clause_start(&text[start..end], PHRASE_BREAKS);
    let mut words = tokens(&text[start + clause_start..end]);
    // A conjunction or adverb opening the clause, capitalised for its
    // place alone, is no part of the phrase ("Auch die Sprecherin",
    // "Nachdem er …", "Und: „…“").
    if words
        .first()
        .is_some_and(|first| is_clause_opener(&first.text.to_lowercase()))
    {
        words.remove(0);
    }
    let first = words.first()?;
    if PREPOSITIONS.contains(&first.text) || OBJECT_ARTICLES.contains(&first.text) {
        return None;
    }
    let mut last: Option<usize> = None;
    for (index, word) in words.iter().enumerate().take(8) {
        let capital = word.text.starts_with(char::is_uppercase);
        let determiner = DETERMINERS.contains(&word.text);
        // An adjective stands before its noun: a lower-case word right
        // after a noun is the verb ("Die Bewohner sehen alles gelassen").
        let after_noun = last.is_some_and(|at| {
            let noun = words[at].text;
            at + 1 == index
                && noun.starts_with(char::is_uppercase)
                && !opens_no_subject(noun)
                && !is_opening_word(noun)
        });
        let adjective = index > 0 && !after_noun && looks_like_adjective(word.text);
        let joiner = word.text == "und" && last.is_some();
        if capital || determiner || adjective || joiner {
            if !joiner && !determiner {
                last = Some(index);
            }
            continue;
        }
        break;
    }
    let last = &words[last?];
    // A speaker phrase ends in a noun or a name.
    if !last.text.starts_with(char::is_uppercase) {
        return None;
    }
    let from = start + clause_start + first.start;
    let to = start + clause_start + last.start + last.text.len();
    (to > from).then_some(from..to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{entities, sentences};

    #[test]
    fn opening_words_are_asked_in_their_capitalised_form() {
        assert!(is_opening_word("Dazu") && is_opening_word("Das") && is_opening_word("Auch"));
        assert!(
            !is_opening_word("dazu") && !is_opening_word("DAZU") && !is_opening_word("Polizei")
        );
        assert!(is_clause_opener("nachdem") && is_clause_opener("auch"));
        assert!(!is_clause_opener("das") && !is_clause_opener("Nachdem"));
    }

    #[test]
    fn conjunctions_and_adverbs_open_no_speaker_phrase() {
        let text = "Auch die Sprecherin des Amtes sagte das. Und: wir gehen.";
        let first = text.find(" sagte").unwrap();
        let phrase = leading_phrase(text, 0, first).map(|range| &text[range]);
        assert_eq!(phrase, Some("die Sprecherin des Amtes"));
        let second = text.find("Und").unwrap();
        assert_eq!(leading_phrase(text, second, second + 3), None);
    }

    #[test]
    fn statements_in_the_first_person_are_no_quotes() {
        // The author's own narration names nobody to quote.
        assert_eq!(
            speakers_of("Ich habe damals gesagt, dass die Brücke zu schwach sei."),
            Vec::<Option<String>>::new()
        );
        assert_eq!(
            speakers_of("Wir haben erklärt, dass der Plan gescheitert sei."),
            Vec::<Option<String>>::new()
        );
        // The same statement by a third person is one.
        assert_eq!(
            speakers_of("Er hat damals gesagt, dass die Brücke zu schwach sei."),
            [Some("Er".to_string())]
        );
        assert_eq!(
            english_speakers_of(
                "I wrote last year that Apple focuses less on new hardware. \
                 He wrote last year that Apple focuses less on new hardware."
            ),
            [Some("He".to_string())]
        );
    }

    #[test]
    fn a_person_named_after_their_organisation_speaks() {
        assert_eq!(
            speakers_of(
                "„Das ist ein guter Tag für den Fußball“, sagte FIFA-Präsident Sepp Blatter."
            ),
            [Some("Sepp Blatter".to_string())]
        );
        let (quotes, found) = english_quotes_of(
            "\"Expanding the group of companies is a good step,\" NASA Administrator Jim Bridenstine said in a statement.",
        );
        let speaker = quotes[0]
            .speaker
            .map(|entity| found.list[entity].name.clone());
        assert_eq!(speaker.as_deref(), Some("Jim Bridenstine"));
        // An organisation alone still speaks.
        assert_eq!(
            speakers_of("„Wir prüfen den Fall“, teilte die Staatsanwaltschaft Köln mit."),
            [Some("die Staatsanwaltschaft Köln".to_string())]
        );
    }

    #[test]
    fn in_english_a_pronoun_after_the_verb_is_the_reported_clauses_subject() {
        assert_eq!(
            english_speakers_of("Volker said he had no knowledge of any such efforts."),
            [Some("Volker".to_string())]
        );
        assert_eq!(
            english_speakers_of("\"I frankly cringe when I hear it,\" said he."),
            [Some("he".to_string())]
        );
    }

    #[test]
    fn a_function_word_speaks_for_nobody() {
        let speakers = english_speakers_of;
        assert_eq!(
            speakers("That said, the two companies might have made a good fit for each other."),
            Vec::<Option<String>>::new()
        );
        assert_eq!(
            speakers("They said that the utilities had plenty of power available."),
            [Some("They".to_string())]
        );
        // A direct quote stays, without the word as its speaker.
        assert_eq!(
            speakers(
                "Its statement claimed, “Ms. Alley participated for only a short period of time.”"
            ),
            [None]
        );
    }

    #[test]
    fn one_capitalised_word_in_english_quotes_is_a_title() {
        let text = "The story of “Alone” earns added pathos, Ann added. \
            “Absolutely,” she said. “It was a difficult situation for us,” Lopez said.";
        let quotes: Vec<String> = english_quotes_of(text)
            .0
            .into_iter()
            .filter(|quote| quote.direct)
            .map(|quote| quote.text)
            .collect();
        assert_eq!(
            quotes,
            ["Absolutely,", "It was a difficult situation for us,"]
        );
        assert!(is_one_word_title("Pose") && is_one_word_title("Suresh"));
        assert!(!is_one_word_title("Absolutely,") && !is_one_word_title("NASA"));
        assert!(!is_one_word_title("haltlos") && !is_one_word_title("No!"));
    }

    #[test]
    fn titles_in_quotes_and_frames_of_long_quotes_are_no_speech() {
        let text = "Das meldete die „Financial Times“, sagte der Sprecher. Die Agentur zitiert dazu Néstor Kirchner mit folgenden Worten: „Diese Banken haben ihre Zweckbestimmung verloren. Die Kredite werden für die Tilgung der Altschulden ausgegeben.“ Der Minister nannte sie „Gesindel“, sagte er. Sein Buch „Deutschland schafft sich ab“ kritisierte sie. Analysten sprachen von „Panikverkäufen“. Dies kritisierte die Opposition. Das meldete laut „news.bbc.co.uk“ der Sender. Sie sangen „Ode an die Freude“, sagte er. Er erhielt den „Sacharow-Preis für geistige Freiheit“, sagte sie. Die Firma „Hvalur hf“ sagte nichts.";
        let quotes = quotes_of(text);
        let texts: Vec<(&str, bool)> = quotes.iter().map(|q| (q.text.as_str(), q.direct)).collect();
        assert!(
            !texts.iter().any(|(t, d)| *d && t.contains("Financial")),
            "{texts:?}"
        );
        assert!(
            texts
                .iter()
                .any(|(t, d)| *d && t.starts_with("Diese Banken")),
            "{texts:?}"
        );
        assert!(
            !texts.iter().any(|(t, d)| !*d && t.contains("zitiert")),
            "{texts:?}"
        );
        assert!(texts.contains(&("Gesindel", true)), "{texts:?}");
        assert!(
            !texts.iter().any(|(t, d)| *d
                && ["bbc", "Freude", "Sacharow", "Hvalur"]
                    .iter()
                    .any(|name| t.contains(name))),
            "{texts:?}"
        );
        assert!(texts.contains(&("Panikverkäufen", true)), "{texts:?}");
        // "Dies kritisierte X": a frame of the sentence before, no quote.
        assert!(
            !texts.iter().any(|(t, _)| t.starts_with("Dies kritisierte")),
            "{texts:?}"
        );
        // A speech act in the indicative is reported speech as a whole.
        assert!(
            texts.contains(&(
                "Sein Buch „Deutschland schafft sich ab“ kritisierte sie",
                false
            )),
            "{texts:?}"
        );
        assert!(
            !texts.iter().any(|(t, d)| *d && t.contains("schafft")),
            "{texts:?}"
        );
    }

    #[test]
    fn names_after_articles_and_nouns_are_no_quotes_but_terms_people_use_are() {
        let text = "„Wir ziehen ab“, sagte er dem „Deutschlandfunk“. Das meldete die Nachrichtenagentur „Xinhua“ am Abend. Laut „Welt“ sagte er nichts. Die Partei sprach von „Panikverkäufen“, sagte die Sprecherin. Er verteidigte die Bezeichnung „Gesindel“, sagte er. Sie riefen die Parole „Wir erwarten euch“.";
        let quotes = quotes_of(text);
        let direct: Vec<&str> = quotes
            .iter()
            .filter(|q| q.direct)
            .map(|q| q.text.as_str())
            .collect();
        for name in ["Deutschlandfunk", "Xinhua", "Welt"] {
            assert!(!direct.contains(&name), "{name} in {direct:?}");
        }
        for quote in ["Wir ziehen ab", "Panikverkäufen", "Gesindel"] {
            assert!(direct.contains(&quote), "{quote} not in {direct:?}");
        }
    }

    #[test]
    fn a_subject_before_the_verb_speaks_not_the_object_after_it() {
        for (text, speaker) in [
            (
                "Das Außenministerium kritisierte den Anschlag, er sei eine barbarische Tat.",
                "Das Außenministerium",
            ),
            (
                "Der Vertreter Libyens kritisierte die Sanktionen, sie seien ungerecht.",
                "Der Vertreter Libyens",
            ),
            (
                "Am Abend kritisierte die Opposition den Plan, er sei ungerecht.",
                "die Opposition",
            ),
            (
                "Das US-Magazin Barrons bezeichnete Stratfor als „Schatten-CIA“.",
                // The magazine is known by its name after "Magazin".
                "Barrons",
            ),
            (
                "Norbert Lammert würdigte die Bundeswehr, sie sei eine Armee des Friedens.",
                "Norbert Lammert",
            ),
            (
                "Pötsch beschrieb die Bedeutung des Marktes, sie sei sehr groß.",
                "Pötsch",
            ),
            (
                "Greenpeace fordert die Vernichtung der Lagerbestände, sie seien gefährlich.",
                "Greenpeace",
            ),
            (
                "Der frühere Bürgermeister, Henning Scherf (SPD), warnte die CDU, sie sei populistisch.",
                "Henning Scherf",
            ),
            (
                "Die Entscheidung fiel am Montag, wie die Staatsanwaltschaft Darmstadt mitteilte.",
                "die Staatsanwaltschaft Darmstadt",
            ),
            (
                "Karl-Theodor zu Guttenberg sprach im Bundestag. Deren Haltung gegenüber der PKK bezeichnete er als „zutiefst verlogen und heuchlerisch“.",
                "er",
            ),
            (
                "Dazu erklärte das Ministerium, die Ermittlungen seien abgeschlossen.",
                "das Ministerium",
            ),
        ] {
            assert_eq!(first_speaker(text).as_deref(), Some(speaker), "{text}");
        }
    }

    #[test]
    fn a_quote_in_a_sentence_without_speech_verb_is_its_subjects() {
        let text = "Der italienische Innenminister zeigte sich besorgt: „Das hat es noch nicht gegeben, und das macht uns große Sorgen.“\n\nDas Wetter war gut.\n\nIm Hafen lagen Schiffe mit der Aufschrift „Wir fahren heute nicht mehr aus“.";
        let quotes = quotes_of(text);
        let first = quotes
            .iter()
            .find(|q| q.text.starts_with("Das hat"))
            .unwrap();
        assert_eq!(
            first.speaker_text.as_deref(),
            Some("Der italienische Innenminister"),
            "{quotes:?}"
        );
        // A sentence that opens with an adverbial names no speaker.
        assert!(
            quotes
                .iter()
                .filter(|q| q.text.starts_with("Wir fahren"))
                .all(|q| q.speaker_text.is_none()),
            "{quotes:?}"
        );
    }

    #[test]
    fn a_quote_standing_alone_continues_the_last_speaker_with_their_words() {
        let text = "„Die Lage ist ernst“, sagte der Leiter des Programms. „Das Virus kann sich jederzeit verändern und dann sehr gefährlich werden.“\n\n„Wir müssen uns darauf gut vorbereiten, jetzt und hier.“\n\nSpäter am Tag wurde es ruhig.\n\nDann kam der Regen, und alle gingen nach Hause.\n\n„Niemand hat mit so einem Sturm am Abend gerechnet, wirklich niemand.“";
        let quotes = quotes_of(text);
        let speaker_of = |start: &str| {
            quotes
                .iter()
                .find(|q| q.text.starts_with(start))
                .map(|q| q.speaker_text.clone())
        };
        let leader = Some(Some("der Leiter des Programms".to_string()));
        assert_eq!(speaker_of("Die Lage"), leader, "{quotes:?}");
        assert_eq!(speaker_of("Das Virus"), leader, "{quotes:?}");
        assert_eq!(speaker_of("Wir müssen"), leader, "{quotes:?}");
        // Paragraphs later, nobody is named.
        assert_eq!(speaker_of("Niemand"), Some(None), "{quotes:?}");
    }

    /// The speaker words of the first quote found in `text`.
    fn first_speaker(text: &str) -> Option<String> {
        quotes_of(text).first().and_then(|q| q.speaker_text.clone())
    }

    /// The quotes of a German `text`.
    fn quotes_of(text: &str) -> Vec<FoundQuote> {
        let spans = sentences::split(text);
        let found = entities::find(text);
        find(text, &spans, &found, false)
    }

    /// The quotes of an English `text`, with the entities they name.
    fn english_quotes_of(text: &str) -> (Vec<FoundQuote>, Entities) {
        let spans = sentences::split(text);
        let found = entities::find_in(text, true);
        (find(text, &spans, &found, true), found)
    }

    /// The speakers of the quotes of an English `text` as written.
    fn english_speakers_of(text: &str) -> Vec<Option<String>> {
        english_quotes_of(text)
            .0
            .into_iter()
            .map(|quote| quote.speaker_text)
            .collect()
    }

    /// The speakers of the quotes of `text` as written, in order.
    fn speakers_of(text: &str) -> Vec<Option<String>> {
        quotes_of(text)
            .into_iter()
            .map(|quote| quote.speaker_text)
            .collect()
    }

    #[test]
    fn reported_speech_runs_on_into_the_next_paragraph_only_from_its_last_sentence() {
        let text = "Der Minister sagte, die Lage sei ernst.\n\nDie Vorräte seien knapp.\n\n\
                    Das Wetter war gut. Die Straßen seien frei.";
        let quotes = quotes_of(text);
        let speakers: Vec<(&str, Option<&str>)> = quotes
            .iter()
            .map(|quote| (quote.text.as_str(), quote.speaker_text.as_deref()))
            .collect();
        assert_eq!(
            speakers,
            [
                ("die Lage sei ernst", Some("Der Minister")),
                ("Die Vorräte seien knapp.", Some("Der Minister")),
                ("Die Straßen seien frei.", None),
            ]
        );
    }

    #[test]
    fn a_sentence_whose_speaker_stayed_open_passes_on_nobody() {
        let text = "CDU und FDP setzten dem entgegen, dass es die Entscheidung der Investoren \
                    sei, wie die Bebauung umgesetzt werde. Es dürften nicht zu viele \
                    Vorschriften gemacht werden, da das Vorhaben sonst unattraktiv werde.";
        let quotes = quotes_of(text);
        let last = quotes.last().expect("the second sentence reports speech");
        assert!(last.text.starts_with("Es dürften"), "{quotes:?}");
        assert_eq!(last.speaker_text.as_deref(), Some("CDU"), "{quotes:?}");
    }

    #[test]
    fn a_pronoun_right_before_the_verb_speaks_but_not_after_a_preposition() {
        let text = "Am Montag kam Merkel an. Dort hat sie erklärt, die Lage sei ernst. \
                    Für sie fordert Richter Stefano Palazzi eine Sperre.";
        let quotes = quotes_of(text);
        let speakers: Vec<(&str, Option<&str>, Option<usize>)> = quotes
            .iter()
            .map(|quote| {
                (
                    quote.text.as_str(),
                    quote.speaker_text.as_deref(),
                    quote.speaker,
                )
            })
            .collect();
        let found = entities::find(text);
        let merkel = found.list.iter().position(|entity| entity.name == "Merkel");
        assert!(merkel.is_some());
        assert!(
            speakers.contains(&("die Lage sei ernst", Some("sie"), merkel)),
            "{speakers:?}"
        );
        let demand = speakers
            .iter()
            .find(|(text, ..)| text.starts_with("Für sie fordert"));
        assert_eq!(
            demand.and_then(|(_, speaker, _)| *speaker),
            Some("Stefano Palazzi"),
            "{speakers:?}"
        );
    }

    #[test]
    fn an_age_joined_to_an_adjective_stays_in_the_speaker_phrase() {
        let text = "Klien wies die Anzeige zurück. Der 23-jährige Sportler gab bekannt: \
                    „Ich war an keiner Schlägerei beteiligt. Ich habe niemanden verletzt.“";
        let quotes = quotes_of(text);
        let direct = quotes
            .iter()
            .find(|quote| quote.direct)
            .expect("a direct quote");
        assert!(
            direct
                .speaker_text
                .as_deref()
                .is_some_and(|speaker| speaker.ends_with("23-jährige Sportler")),
            "{quotes:?}"
        );
        assert!(looks_like_adjective("45-jährigen") && !looks_like_adjective("2020-Bericht"));
    }

    #[test]
    fn an_adverb_opening_the_sentence_is_no_subject_and_sprechen_von_says_what_of() {
        let text = "Auch in der achten Nacht gab es Ausschreitungen. Insgesamt spricht die \
                    Polizei von weniger Auseinandersetzungen der beiden Lager.";
        assert_eq!(speakers_of(text), [Some("die Polizei".to_string())]);
    }

    #[test]
    fn a_word_for_a_person_by_role_heads_a_speaker_phrase() {
        let text = "Gegenüber dem Tagesspiegel sagte der Linkspolitiker: „Wir werden \
                    dagegen klagen und bleiben hart.“";
        assert_eq!(speakers_of(text), [Some("der Linkspolitiker".to_string())]);
        assert!(is_noun_phrase("ein Wissenschaftler") && !is_noun_phrase("der Niederländer"));
    }

    #[test]
    fn a_clause_opened_by_an_adverb_has_its_subject_after_the_verb() {
        for (text, speaker) in [
            (
                "Köhler sprach lange. Hier sparte der Bundespräsident auch nicht mit Kritik: \
                 „Jeder sollte wissen, dass kleine Schritte mehr Schritte brauchen.“",
                "der Bundespräsident",
            ),
            (
                "Dazu gab das russische Außenministerium weiter bekannt: „Die Ermittlungen \
                 laufen noch und werden dauern.“",
                "das russische Außenministerium",
            ),
            (
                "Als Begründung sagte ein Wissenschaftler: „Die Proben waren verunreinigt \
                 und nicht brauchbar.“",
                "ein Wissenschaftler",
            ),
        ] {
            let quotes = quotes_of(text);
            let direct = quotes
                .iter()
                .find(|quote| quote.direct)
                .expect("a direct quote");
            assert_eq!(direct.speaker_text.as_deref(), Some(speaker), "{quotes:?}");
        }
    }

    #[test]
    fn a_cue_closing_its_clause_has_the_subject_not_the_object_before_it() {
        for (text, speaker) in [
            // A separable particle: the phrase before it is the object.
            (
                "Die Staatsanwaltschaft Altach gab am Montag, dem 27. März, die Einstellung \
                 des Verfahrens bekannt.",
                "Die Staatsanwaltschaft Altach",
            ),
            // A participle after its auxiliary.
            (
                "Die Regierung Guatemalas hat am 25. November angekündigt, eine Nationale \
                 Kommission gegen Gewalt zu gründen.",
                "Die Regierung Guatemalas",
            ),
            // The auxiliary opens the clause after a comma.
            (
                "Sie wisse, dass ihre Arbeit nicht frei von Schwächen sei, hatte Koch-Mehrin \
                 damals gesagt.",
                "Koch-Mehrin",
            ),
            // The agent of a passive.
            (
                "Die Forderungen wurden von Bundesverkehrsminister Manfred Stolpe als \
                 unrealistisch bezeichnet.",
                "Bundesverkehrsminister Manfred Stolpe",
            ),
            // Whatever its case.
            (
                "Ihr wird von den iranischen Behörden Spionage vorgeworfen.",
                "den iranischen Behörden",
            ),
            // Who is quoted is the speaker, not who quotes.
            (
                "Günther Platter wird von der Nachrichtenagentur Reuters mit den Worten \
                 zitiert, es habe eine positive Resonanz gegeben.",
                "Günther Platter",
            ),
        ] {
            let speakers = speakers_of(text);
            assert!(
                speakers.iter().any(|found| found
                    .as_deref()
                    .is_some_and(|found| found.contains(speaker) || speaker.contains(found))),
                "{text}: {speakers:?}"
            );
        }
    }

    #[test]
    fn a_sentence_naming_its_own_speaker_does_not_continue_the_one_before() {
        let text = "Staatsanwalt Alan Jackson sagte, der Fall sei klar.\n\nDie \
                    Staatsanwaltschaft gibt an, der Angeklagte werde von seinem Fahrer \
                    belastet. Mehrere Frauen soll der Angeklagte bedroht haben, was auch \
                    eine Zeugin belegen könne. Er stellt fest, dass \
                    der Fahrer glaubwürdig sei.";
        let speakers = speakers_of(text);
        assert_eq!(speakers.len(), 4, "{speakers:?}");
        assert_eq!(speakers[1].as_deref(), Some("Die Staatsanwaltschaft"));
        // A modal after the opening phrase introduces no speaker.
        assert_eq!(speakers[2].as_deref(), Some("Die Staatsanwaltschaft"));
        assert_eq!(speakers[3].as_deref(), Some("Er"));
    }

    #[test]
    fn a_colon_without_a_speech_verb_gives_the_quote_to_the_subject() {
        let text = "Der italienische Innenminister zeigte sich besorgt, dass die Fehden nun \
                    auch ins Ausland getragen würden: „Das hat es so noch nicht gegeben.“";
        assert_eq!(
            speakers_of(text),
            [Some("Der italienische Innenminister".to_string())]
        );
        // An object opening the sentence is no subject.
        let text = "Den Unmut der CDU brachte die Sprecherin Annette Widmann-Mauz zum \
                    Ausdruck: „Es gibt keinen Grund, Positionen aufzugeben.“";
        assert_ne!(speakers_of(text), [Some("CDU".to_string())]);
    }

    #[test]
    fn sources_named_after_wie_or_laut_in_their_own_words() {
        for (text, speaker) in [
            (
                "Wie der Focus in seiner Onlineausgabe berichtet, ist HL Tau b möglicherweise \
                 gar kein Planet.",
                "der Focus in seiner Onlineausgabe",
            ),
            (
                "Wie t-online.de berichtet, ist der erste Trailer zum Spiel „Grand Theft \
                 Auto“, kurz „GTA“, im Internet erschienen.",
                "t-online.de",
            ),
            (
                "Thomas Ganswindt wurde verhaftet. Laut „Welt“ soll er sich in der \
                 Justizvollzugsanstalt Landsberg befinden.",
                "Welt",
            ),
        ] {
            assert_eq!(speakers_of(text), [Some(speaker.to_string())], "{text}");
        }
        assert!(is_web_address("faz.net") && !is_web_address("Dr.") && !is_web_address("3.5"));
    }

    #[test]
    fn a_subject_with_appositions_set_off_by_commas_is_the_speaker() {
        for (text, speaker) in [
            (
                "Der Vorsitzende der Gewerkschaft ver.di, Nachfolgeorganisation der ÖTV, Frank \
                 Bsirske, würdigte Heinz Kluncker heute als „eine bedeutende Persönlichkeit \
                 und einen großen Gewerkschafter“.",
                "Frank Bsirske",
            ),
            (
                "Peter Conze, der politische Direktor der UN-Mission im Kongo, \
                 bezeichnete die Reise von Javier Solana als Erfolg.",
                "Peter Conze",
            ),
        ] {
            let speakers = speakers_of(text);
            assert!(
                speakers.contains(&Some(speaker.to_string())),
                "{text}: {speakers:?}"
            );
        }
        // A clause opening the sentence is no subject.
        let text = "Nachdem er von Moderator Matthias Keller-May gefragt wurde, was seine \
                    Partei unterscheide, entgegnete Bernhard Suttner: „Wollen Sie das so \
                    stehen lassen?“";
        let verb = text.find("entgegnete").unwrap();
        assert_eq!(apposed_subject(text, 0, verb, &entities::find(text)), None);
    }

    #[test]
    fn a_phrase_opening_the_sentence_before_the_verb_is_its_subject() {
        let text = "Der Flughafen nennt als Hauptursache des Booms die Geschäftsentwicklung \
                    von Ryanair.";
        assert_eq!(speakers_of(text), [Some("Der Flughafen".to_string())]);
        // With a name after the verb, the phrase is its object.
        let text = "Eine Verschiebung des Wahltermins bezeichnete Peter Conze als fatal.";
        assert_eq!(speakers_of(text), [Some("Peter Conze".to_string())]);
        // An adverb may stand between the subject and the verb; the
        // sentence after, in Konjunktiv I, continues it.
        let text = "Die Armeeleitung hingegen sprach von einem normalen Absturz. Der \
                    Hubschrauber sei abgestürzt, nachdem die Munition explodierte.";
        assert_eq!(
            speakers_of(text),
            [
                Some("Die Armeeleitung".to_string()),
                Some("Die Armeeleitung".to_string())
            ]
        );
        assert!(!looks_like_adjective("hingegen") && looks_like_adjective("zuständige"));
    }

    #[test]
    fn terms_and_names_of_bodies_and_laws_in_quote_marks_are_no_speech() {
        assert!(named_term("ein Test an den so genannten "));
        assert!(named_term("Die Militärjunta, die sich selbst "));
        assert!(named_term("Dann nennt sich "));
        assert!(!named_term("Der Minister sagte: "));
        assert!(names_a_body_or_law("Gesetz zur Änderung des Passgesetzes"));
        assert!(names_a_body_or_law(
            "Rat für Demokratische Reform unter der Konstitutionellen Monarchie (CDRM)"
        ));
        assert!(names_a_body_or_law(
            "Nichtraucher-Initiative Deutschland e.V. (NID)"
        ));
        assert!(!names_a_body_or_law(
            "Union und SPD werden das Gesetz ändern"
        ));
        assert!(!names_a_body_or_law("Rat"));
        let text = "Die Junta, die sich selbst „Rat für nationale Sicherheit und Ordnung“ \
                    nennt, sagte das. Ein Sprecher sagte, die Banken seien nach einem „Gesetz zur \
                    Bekämpfung finanzieller Unterstützung des Terrors“ verpflichtet.";
        assert!(
            quotes_of(text).iter().all(|quote| !quote.direct),
            "{:?}",
            quotes_of(text)
        );
        // Listed with a title, or its translation in brackets.
        let text = "Er spielte im Film „Nackt unter Wölfen“ oder „Jeder stirbt für sich allein“, \
                    sagte sie. Die Operation „Cast Lead“ („gegossenes Blei“) begann, sagte er.";
        let quotes = quotes_of(text);
        assert!(quotes.iter().all(|quote| !quote.direct), "{quotes:?}");
    }

    #[test]
    fn a_person_after_an_institution_is_its_object_and_a_possessive_opens_a_source() {
        let text = "Außerdem warf die Staatsanwaltschaft Peter Ertel vor, Vorschriften \
                    verletzt zu haben.";
        assert_eq!(
            speakers_of(text),
            [Some("die Staatsanwaltschaft".to_string())]
        );
        let text = "Die Garde hatte laut ihrem Anführer starken Zulauf.";
        assert_eq!(speakers_of(text), [Some("ihrem Anführer".to_string())]);
    }

    #[test]
    fn the_phrase_after_a_quote_its_comma_and_any_verb_is_the_speaker() {
        let text = "„Ich trete an als ein konservativer Republikaner“, strich Mitt Romney in \
                    Arbutus heraus. „Wo ist meine Stimme?“, wollen die Demonstranten seit Tagen \
                    wissen.";
        assert_eq!(
            speakers_of(text),
            [
                Some("Mitt Romney".to_string()),
                Some("die Demonstranten".to_string())
            ]
        );
    }

    #[test]
    fn a_phrase_ends_at_the_verb_after_its_noun_and_names_after_wie_keep_their_particle() {
        let text = "Die Bewohner des Dorfes sehen alles gelassen: „Das sind Leute wie du und \
                    ich, lasst die doch in Ruhe.“";
        assert_eq!(
            speakers_of(text),
            [Some("Die Bewohner des Dorfes".to_string())]
        );
        let colon = text.find(':').unwrap();
        assert_eq!(
            leading_phrase(text, 0, colon).map(|range| &text[range]),
            Some("Die Bewohner des Dorfes")
        );
        let text = "Wie de Maizière darlegte, handelte es sich um einen Testkoffer.";
        assert_eq!(speakers_of(text), [Some("de Maizière".to_string())]);
    }

    #[test]
    fn x_fuer_y_is_a_name_only_when_x_names_a_body_or_a_prize() {
        assert!(is_english_title("Institut für Weltwirtschaft"));
        assert!(is_english_title("Kampagne für ein Freies Tibet"));
        assert!(!is_english_title("Gefahr für Leib und Leben"));
        let text = "Der Dezernent sprach von einer „Gefahr für Leib und Leben“.";
        let quotes = quotes_of(text);
        assert!(
            quotes
                .iter()
                .any(|quote| quote.direct && quote.text == "Gefahr für Leib und Leben"),
            "{quotes:?}"
        );
    }

    #[test]
    fn short_phrases_of_other_languages_and_glued_quotes_are_no_speech() {
        // A short capitalised quote after a possessive is a name.
        assert!(named_after_article("Thronrede", "In seiner "));
        assert!(after_title_noun("Vorträge zu Themen wie "));
        assert!(!after_title_noun("Er sagte wie "));
        assert!(is_foreign_phrase("Piper at the Gates of Dawn"));
        assert!(is_foreign_phrase("L’Alliance pour la Planète"));
        assert!(!is_foreign_phrase(
            "besonderes Interesse an einer Veröffentlichung"
        ));
        assert!(!is_foreign_phrase(
            "However, I would hope that the next launch occurs."
        ));
        let text = "Er stellte die neue CD vor, sagte er: „Have a nice day“. Man will den \
                    „Beitrittskandidaten“status zusprechen, sagte der Minister heute.";
        let quotes = quotes_of(text);
        assert!(quotes.iter().all(|quote| !quote.direct), "{quotes:?}");
    }

    #[test]
    fn a_quote_alone_after_a_statement_takes_its_speaker_and_roles_head_phrases() {
        let text = "Präsident Kassym-Jomart Tokajew sprach im Parlament. In zwei Tagen solle \
                    der Abzug beginnen, sagte der Staatschef in einer Ansprache im Parlament. \
                    «Die Hauptmission der Truppen ist abgeschlossen.»";
        let spans = sentences::split(text);
        let found = entities::find(text);
        let quotes = find(text, &spans, &found, false);
        let direct = quotes
            .iter()
            .find(|quote| quote.direct)
            .expect("a direct quote");
        let speaker = direct
            .speaker
            .map(|entity| found.list[entity].name.as_str());
        assert_eq!(speaker, Some("Kassym-Jomart Tokajew"), "{quotes:?}");
    }

    #[test]
    fn a_pronoun_after_the_verb_that_follows_the_opening_phrase_is_the_subject() {
        let text = "Die größte Stadt Almaty konnten sie noch nicht für sicher erklären.";
        assert_eq!(speakers_of(text), [Some("sie".to_string())]);
    }

    #[test]
    fn a_pronoun_speaker_is_who_spoke_in_the_sentence_before_not_who_was_named_last() {
        let text = "“Alles lief wie ein Uhrwerk ab: schnell und effektiv”, sagte Wladimir \
                    Putin bei einem Gespräch mit Verteidigungsminister Sergej Schoigu. Er \
                    hoffe, “dass derartige Einsätze weiter geprüft werden”.";
        let spans = sentences::split(text);
        let found = entities::find(text);
        let quotes = find(text, &spans, &found, false);
        let speakers: Vec<Option<&str>> = quotes
            .iter()
            .filter(|quote| quote.direct)
            .map(|quote| quote.speaker.map(|entity| found.list[entity].name.as_str()))
            .collect();
        assert_eq!(
            speakers,
            [Some("Wladimir Putin"), Some("Wladimir Putin")],
            "{quotes:?}"
        );
    }

    #[test]
    fn a_quote_standing_alone_takes_the_subject_of_the_sentence_before() {
        let text = "Der Abgeordnete Sadiq Khan besuchte gestern eine Schule in Leeds. „Diese \
                    Regierung hat einige große Erfolge zu verzeichnen.“";
        assert_eq!(speakers_of(text), [Some("Sadiq Khan".to_string())]);
    }

    #[test]
    fn a_source_cue_names_the_speaker_not_the_person_the_sentence_is_about() {
        for (text, speaker) in [
            (
                "Laut faz.net appellierte Außenminister Frank-Walter Steinmeier an die Teilnehmer, sich für den Klimaschutz zu engagieren.",
                "faz.net",
            ),
            (
                "Der Vorsitzende der Regionalregierung bestritt nach Angaben der Nachrichtenagentur Xinhua den Vorwurf, er sei verantwortlich.",
                "Xinhua",
            ),
            (
                "Laut Aussage des Justizministeriums lebte Amine El Khalifi seit Jahren illegal im Land.",
                "Aussage des Justizministeriums",
            ),
            (
                "In dem Antrag heißt es wörtlich: „Die Aufhebung der Einstufung ist nicht möglich.“",
                "dem Antrag",
            ),
            // A pronoun after the verb, with no person before it, is the
            // subject; the company in the reported clause is not.
            (
                "Nach dem Störfall fordern sie, dem Betreiber Vattenfall sofort die Lizenz zu entziehen.",
                "sie",
            ),
        ] {
            assert_eq!(first_speaker(text).as_deref(), Some(speaker), "{text}");
        }
    }

    #[test]
    fn reported_speech_after_a_statement_is_its_subjects() {
        let text = "Die Aufsichtsbehörde stellte zahlreiche Abweichungen von den Normen fest. Auch sei die Dokumentation nicht ordnungsgemäß erfolgt.\n\nDas Wetter war gut. Es habe den ganzen Tag nicht geregnet.";
        let quotes = quotes_of(text);
        let speaker_of = |start: &str| {
            quotes
                .iter()
                .find(|q| q.text.starts_with(start))
                .map(|q| q.speaker_text.clone())
        };
        assert_eq!(
            speaker_of("Auch sei"),
            Some(Some("Die Aufsichtsbehörde".to_string())),
            "{quotes:?}"
        );
        // "Das Wetter" is no speaker.
        assert!(
            speaker_of("Es habe").is_none_or(|speaker| speaker.is_none()),
            "{quotes:?}"
        );
    }

    #[test]
    fn an_institution_the_cue_points_to_speaks_not_the_person_nearby() {
        let text = "Der Bürgermeister Hans Meier besuchte den Ort. Nach dem Besuch von Hans Meier sagte die Feuerwehr: „Drei Menschen wurden verletzt.“";
        let quotes = quotes_of(text);
        let quote = quotes.iter().find(|q| q.text.starts_with("Drei")).unwrap();
        assert_eq!(quote.speaker_text.as_deref(), Some("die Feuerwehr"));
        assert_eq!(quote.speaker, None);
    }

    #[test]
    fn sources_named_by_angaben_or_so_keep_their_whole_phrase() {
        for (text, speaker) in [
            (
                "Nach ersten Angaben der Polizei seien zwei Menschen verletzt worden.",
                "ersten Angaben der Polizei",
            ),
            (
                "Eigenen Angaben zufolge habe das Unternehmen einen Partner gefunden.",
                "Eigenen Angaben",
            ),
            (
                "Nach israelischen Angaben sind alle 17 Personen ums Leben gekommen.",
                "israelischen Angaben",
            ),
            (
                "Hans Meier war dort. Die islamische Welt sei herausgefordert worden, so die Tonbandstimme.",
                "die Tonbandstimme",
            ),
            (
                "Nach Ansicht der Richter ist das Gesetz verfassungswidrig.",
                "Ansicht der Richter",
            ),
        ] {
            assert_eq!(first_speaker(text).as_deref(), Some(speaker), "{text}");
        }
    }

    #[test]
    fn direct_quotes_with_speakers() {
        let text = "Präsident Kassym-Jomart Tokajew sprach im Parlament. «Die Hauptmission der OVKS-Truppen ist abgeschlossen», sagte der Staatschef. “Alles lief wie ein Uhrwerk ab: schnell und effektiv”, sagte Putin am Donnerstag. Die \"Friedenstruppen\" ziehen ab.";
        let found = entities::find(text);
        let quotes = quotes_of(text);
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
