//! The extractor: [`Article`] → [`Extraction`].
//!
//! A rule- and lexicon-based extractor for German and English news, built
//! for stream speed and deterministic output. It runs in passes over the
//! article text, each pass using the results of the ones before:
//!
//! 1. sentences (`sentences`), with abbreviations that do not end one;
//! 2. entities (`entities`): role cues ("Präsident X"), acronym
//!    definitions ("Organisation … (OVKS)"), a built-in place lexicon, and
//!    propagation of known names to their later short mentions;
//! 3. quotes (`quotes`): every quote-mark style plus reported speech, with
//!    speakers from speech-verb cues and role-noun back-references;
//! 4. quantities (`quantities`) in German, Swiss and English formats with
//!    hedges and categories; 5. dates (`dates`) and the temporal
//!    expressions built on them (`times`: times of day, durations,
//!    recurrences, ranges), resolved against the publication date;
//! 6. events (`events`) and claims (`claims`).
//!
//! Only German and English have a model here. An article in another
//! language (Spanish, French, …) runs no stage: capitals alone would make
//! names of sentence adverbs ("Según", "Además") and claims of any number;
//! its extraction record says so with empty `stages`.
//!
//! All offsets in the output are character offsets into `article.text`.
//! Language-specific knowledge lives in word lists in `lexicon`, so a new
//! language is mostly new lists.

#![deny(missing_docs)]

pub mod claims;
mod compounds;
pub mod dates;
pub mod entities;
pub mod events;
pub mod lexicon;
pub mod numbers;
pub mod quantities;
pub mod quotes;
pub mod sentences;
pub mod tagger;
pub mod times;

use ticker_model::{char_offset_map, Article, Extraction, Mention, Record};

/// Language used when the article does not say.
pub const DEFAULT_LANGUAGE: &str = "de";

/// Languages the extractor has a model for.
pub const MODELLED_LANGUAGES: &[&str] = &["de", "en"];

/// The stages [`extract`] runs for a modelled language, in order.
pub const STAGES: &[&str] = &[
    "entities",
    "quotes",
    "quantities",
    "dates",
    "events",
    "claims",
];

/// Choices for [`extract_with`].
#[derive(Default, Clone, Copy)]
pub struct Options<'a> {
    /// A trained entity tagger and how its names combine with the rule
    /// passes' (none: the rules alone, the default).
    pub tagger: Option<(&'a tagger::Model, tagger::Mode)>,
}

/// The extractor as the operator configured it: the rule passes, and a
/// trained entity tagger beside them when one is given (cheap to clone:
/// the model is shared).
#[derive(Clone, Default)]
pub struct Extractor {
    tagger: Option<(std::sync::Arc<tagger::Model>, tagger::Mode)>,
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor")
            .field("tagger", &self.tagger.as_ref().map(|(_, mode)| mode))
            .finish()
    }
}

impl Extractor {
    /// The rule passes with `model` beside them, combined as `mode` says.
    pub fn with_tagger(model: tagger::Model, mode: tagger::Mode) -> Extractor {
        Extractor {
            tagger: Some((std::sync::Arc::new(model), mode)),
        }
    }

    /// [`Extractor::with_tagger`] with the model file at `path` (from
    /// `ticker train ner`).
    pub fn with_tagger_file(
        path: &std::path::Path,
        mode: tagger::Mode,
    ) -> Result<Extractor, String> {
        let bytes = std::fs::read(path)
            .map_err(|error| format!("cannot read the tagger model {}: {error}", path.display()))?;
        let model = tagger::Model::from_bytes(&bytes)
            .map_err(|error| format!("the tagger model {}: {error}", path.display()))?;
        Ok(Extractor::with_tagger(model, mode))
    }

    /// How the tagger combines with the rules (`None`: no tagger).
    pub fn tagger_mode(&self) -> Option<tagger::Mode> {
        self.tagger.as_ref().map(|(_, mode)| *mode)
    }

    /// Runs every pass over one article, as [`extract_with`].
    pub fn extract(&self, article: &Article) -> Extraction {
        extract_with(
            article,
            Options {
                tagger: self
                    .tagger
                    .as_ref()
                    .map(|(model, mode)| (model.as_ref(), *mode)),
            },
        )
    }
}

/// Runs every pass over one article (none for a language without a model).
pub fn extract(article: &Article) -> Extraction {
    extract_with(article, Options::default())
}

/// [`extract`] with `options`.
pub fn extract_with(article: &Article, options: Options<'_>) -> Extraction {
    let text = article.text.as_str();
    let language = article.language.as_deref().unwrap_or(DEFAULT_LANGUAGE);
    let mut extraction = Extraction {
        schema: Extraction::SCHEMA.to_string(),
        article_id: article.article_id.clone(),
        revision: article.revision,
        language: Some(language.to_string()),
        entities: Vec::new(),
        quotes: Vec::new(),
        quantities: Vec::new(),
        dates: Vec::new(),
        events: Vec::new(),
        claims: Vec::new(),
        story_id: None,
        stages: Vec::new(),
    };
    if !MODELLED_LANGUAGES.contains(&language) {
        return extraction;
    }
    let english = language == "en";
    let offsets = char_offset_map(text);
    let sentence_spans = sentences::split(text);
    // (The words are read once and shared by the passes over whole texts
    // and sentences.)
    let words = entities::tokens(text);
    let mut found_entities = entities::find_in_words(text, &words, english);
    if let Some((model, mode)) = options.tagger {
        tagger::apply(
            model,
            mode,
            text,
            &words,
            &sentence_spans,
            &mut found_entities,
            english,
        );
    }
    let found_quotes = quotes::find(text, &sentence_spans, &found_entities, english);
    let found_quantities = quantities::find_with_words(text, &words, &sentence_spans, english);
    let found_dates =
        times::find_with_words(text, &words, &sentence_spans, times::reference(article));
    let mut entity_records = found_entities.to_records(text, &offsets);
    // A name made only of function words ("Laut", "However") is none.
    entity_records.retain(|entity| {
        !entity
            .name
            .split_whitespace()
            .all(lexicon::is_function_word)
    });
    let quote_records: Vec<_> = found_quotes
        .iter()
        .map(|quote| quote.to_record(&offsets))
        .collect();
    let quantity_records: Vec<_> = found_quantities
        .iter()
        .map(|quantity| quantity.to_record(text, &offsets))
        .collect();
    let date_records: Vec<_> = found_dates
        .iter()
        .map(|date| date.to_record(text, &offsets))
        .collect();
    let context = events::Context {
        article,
        text,
        sentences: &sentence_spans,
        entities: &found_entities,
        quotes: &found_quotes,
        quantities: &found_quantities,
        quantity_records: &quantity_records,
        dates: &found_dates,
    };
    extraction.events = events::find_events(&context);
    extraction.claims = claims::find_claims(&context, english);
    extraction.entities = entity_records;
    extraction.quotes = quote_records;
    extraction.quantities = quantity_records;
    extraction.dates = date_records;
    extraction.stages = STAGES.iter().map(|stage| stage.to_string()).collect();
    extraction
}

/// A mention from a byte range.
pub(crate) fn mention(text: &str, offsets: &[u32], range: &std::ops::Range<usize>) -> Mention {
    Mention {
        text: text[range.clone()].to_string(),
        start: offsets[range.start],
        end: offsets[range.end],
        derived: false,
    }
}

/// `bounds` (a sentence) cut to at most `bytes` before `start` and after
/// `end`, on character boundaries: the context a pass reads around a match,
/// so that one endless sentence keeps every pass linear.
pub(crate) fn context_window(
    text: &str,
    bounds: &std::ops::Range<usize>,
    start: usize,
    end: usize,
    bytes: usize,
) -> std::ops::Range<usize> {
    let mut from = bounds.start.max(start.saturating_sub(bytes));
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = bounds.end.min(end + bytes);
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    from.min(start)..to.max(end)
}
