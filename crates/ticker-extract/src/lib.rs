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
    /// passes' (none: the rules alone, the default). It runs over
    /// articles of its own language only.
    pub tagger: Option<(&'a tagger::Model, tagger::Mode)>,
}

/// The extractor as the operator configured it: the rule passes, and
/// trained entity taggers beside them, at most one per language (cheap
/// to clone: the models are shared).
#[derive(Clone, Default)]
pub struct Extractor {
    taggers: Vec<std::sync::Arc<tagger::Model>>,
    mode: tagger::Mode,
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor")
            .field("languages", &self.tagger_languages())
            .field("mode", &self.tagger_mode())
            .finish()
    }
}

impl Extractor {
    /// The rule passes with `models` beside them (each over the articles
    /// of its language), combined as `mode` says. Two models of one
    /// language are refused.
    pub fn with_taggers(
        models: Vec<tagger::Model>,
        mode: tagger::Mode,
    ) -> Result<Extractor, String> {
        let mut languages: Vec<&str> = models.iter().map(tagger::Model::language).collect();
        languages.sort_unstable();
        if let Some(pair) = languages.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(format!("two tagger models for one language ({})", pair[0]));
        }
        Ok(Extractor {
            taggers: models.into_iter().map(std::sync::Arc::new).collect(),
            mode,
        })
    }

    /// [`Extractor::with_taggers`] with the model files at `paths` (from
    /// `ticker train ner`).
    pub fn with_tagger_files(
        paths: &[std::path::PathBuf],
        mode: tagger::Mode,
    ) -> Result<Extractor, String> {
        let models = paths
            .iter()
            .map(|path| tagger::Model::from_file(path))
            .collect::<Result<Vec<_>, _>>()?;
        Extractor::with_taggers(models, mode)
    }

    /// How the taggers combine with the rules (`None`: no tagger).
    pub fn tagger_mode(&self) -> Option<tagger::Mode> {
        (!self.taggers.is_empty()).then_some(self.mode)
    }

    /// The languages a tagger runs over.
    pub fn tagger_languages(&self) -> Vec<&'static str> {
        self.taggers.iter().map(|model| model.language()).collect()
    }

    /// Runs every pass over one article, as [`extract_with`], with the
    /// tagger of the article's language.
    pub fn extract(&self, article: &Article) -> Extraction {
        self.prepare(article).into_extraction(article)
    }
}

/// Runs every pass over one article (none for a language without a model).
pub fn extract(article: &Article) -> Extraction {
    extract_with(article, Options::default())
}

/// [`extract`] with `options`.
pub fn extract_with(article: &Article, options: Options<'_>) -> Extraction {
    prepare_with(article, options).into_extraction(article)
}

/// The passes over one article that do not depend on the day its
/// relative dates are resolved against (sentences, words, entities with
/// the tagger, quotes, quantities), kept so that [`Prepared::finish`] can
/// run the rest (dates and times, events, claims) against more than one
/// reference day without reading the text again.
pub struct Prepared<'a> {
    text: &'a str,
    /// `None`: a language without a model, which runs no pass.
    passes: Option<Passes<'a>>,
}

struct Passes<'a> {
    english: bool,
    offsets: Vec<u32>,
    sentences: Vec<std::ops::Range<usize>>,
    words: Vec<entities::Token<'a>>,
    entities: entities::Entities,
    quotes: Vec<quotes::FoundQuote>,
    quantities: Vec<quantities::FoundQuantity>,
    entity_records: Vec<ticker_model::Entity>,
    quote_records: Vec<ticker_model::Quote>,
    quantity_records: Vec<ticker_model::Quantity>,
}

impl Extractor {
    /// The passes of [`Extractor::extract`] that do not depend on the
    /// reference day, with the tagger of the article's language.
    pub fn prepare<'a>(&self, article: &'a Article) -> Prepared<'a> {
        let language = article.language.as_deref().unwrap_or(DEFAULT_LANGUAGE);
        prepare_with(
            article,
            Options {
                tagger: self
                    .taggers
                    .iter()
                    .find(|model| model.language() == language)
                    .map(|model| (model.as_ref(), self.mode)),
            },
        )
    }
}

/// [`Extractor::prepare`] with `options`.
pub fn prepare_with<'a>(article: &'a Article, options: Options<'_>) -> Prepared<'a> {
    let text = article.text.as_str();
    let language = article.language.as_deref().unwrap_or(DEFAULT_LANGUAGE);
    if !MODELLED_LANGUAGES.contains(&language) {
        return Prepared { text, passes: None };
    }
    let english = language == "en";
    let offsets = char_offset_map(text);
    let sentence_spans = sentences::split(text);
    // (The words are read once and shared by the passes over whole texts
    // and sentences.)
    let words = entities::tokens(text);
    let mut found_entities = entities::find_in_words(text, &words, english);
    if let Some((model, mode)) = options
        .tagger
        .filter(|(model, _)| model.language() == language)
    {
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
    let mut entity_records = found_entities.to_records(text, &offsets);
    // A name made only of function words ("Laut", "However") is none.
    entity_records.retain(|entity| {
        !entity
            .name
            .split_whitespace()
            .all(lexicon::is_function_word)
    });
    let quote_records = found_quotes
        .iter()
        .map(|quote| quote.to_record(&offsets))
        .collect();
    let quantity_records = found_quantities
        .iter()
        .map(|quantity| quantity.to_record(text, &offsets))
        .collect();
    Prepared {
        text,
        passes: Some(Passes {
            english,
            offsets,
            sentences: sentence_spans,
            words,
            entities: found_entities,
            quotes: found_quotes,
            quantities: found_quantities,
            entity_records,
            quote_records,
            quantity_records,
        }),
    }
}

impl Prepared<'_> {
    /// The extraction of `article`, whose text is the one prepared: its
    /// relative dates resolved against `article`'s reference day
    /// ([`times::reference`]: its publication date, else its date hint, else
    /// the dates its text writes out). Equal to [`extract_with`] of
    /// `article` with the options the text was prepared with.
    pub fn finish(&self, article: &Article) -> Extraction {
        let mut extraction = self.dated_parts(article);
        if let Some(passes) = &self.passes {
            extraction.entities = passes.entity_records.clone();
            extraction.quotes = passes.quote_records.clone();
            extraction.quantities = passes.quantity_records.clone();
        }
        extraction
    }

    /// [`Prepared::finish`] for the last reference day asked: the records
    /// of the prepared passes move into the extraction.
    pub fn into_extraction(self, article: &Article) -> Extraction {
        let mut extraction = self.dated_parts(article);
        if let Some(passes) = self.passes {
            extraction.entities = passes.entity_records;
            extraction.quotes = passes.quote_records;
            extraction.quantities = passes.quantity_records;
        }
        extraction
    }

    /// The extraction without the prepared passes' records: the dates,
    /// events and claims against `article`'s reference day.
    fn dated_parts(&self, article: &Article) -> Extraction {
        assert!(
            article.text == self.text,
            "an extraction is finished for the text that was prepared"
        );
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
        let Some(passes) = &self.passes else {
            return extraction;
        };
        let text = self.text;
        let found_dates = times::find_with_words(
            text,
            &passes.words,
            &passes.sentences,
            times::reference(article),
        );
        let context = events::Context {
            article,
            text,
            sentences: &passes.sentences,
            entities: &passes.entities,
            quotes: &passes.quotes,
            quantities: &passes.quantities,
            quantity_records: &passes.quantity_records,
            dates: &found_dates,
        };
        extraction.events = events::find_events(&context);
        extraction.claims = claims::find_claims(&context, passes.english);
        extraction.dates = found_dates
            .iter()
            .map(|date| date.to_record(text, &passes.offsets))
            .collect();
        extraction.stages = STAGES.iter().map(|stage| stage.to_string()).collect();
        extraction
    }
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
