//! The configured extractor: a trained tagger beside the rule passes,
//! read from its model file, and what each mode does with the rules'
//! names.

mod common;

use ticker_extract::tagger::{self, Mode};
use ticker_extract::Extractor;
use ticker_model::EntityType;

/// A model of a corpus in which a made-up firm, "Quorvexa", is an
/// organisation whenever it stands before "meldete" or after "Firma";
/// nothing in the rule passes' lists knows the name.
fn model() -> tagger::Model {
    model_of(false)
}

/// [`model`], trained as an English (`english`) or a German model.
fn model_of(english: bool) -> tagger::Model {
    let corpus = include_str!("fixtures/made-up-firm.conll");
    tagger::train(&tagger::read_conll(corpus), english, 5, |_, _| {})
}

/// The types `extractor` gives the name "Quorvexa" in `text`.
fn types_of_quorvexa(extractor: &Extractor, text: &str) -> Vec<EntityType> {
    types_in(extractor, "de", text)
}

/// [`types_of_quorvexa`] in an article of `language`.
fn types_in(extractor: &Extractor, language: &str, text: &str) -> Vec<EntityType> {
    let mut article = common::article("tagger", text);
    article.language = Some(language.into());
    extractor
        .extract(&article)
        .entities
        .into_iter()
        .filter(|entity| entity.name == "Quorvexa")
        .map(|entity| entity.entity_type)
        .collect()
}

#[test]
fn a_configured_tagger_decides_where_the_rules_guess() {
    let text = "Quorvexa meldete am Dienstag einen Rekord. Der Umsatz stieg im Herbst.";
    // The rules take an unknown capitalised subject for a person.
    assert_eq!(
        types_of_quorvexa(&Extractor::default(), text),
        [EntityType::Person]
    );
    let path = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(path.path(), model().to_bytes()).unwrap();
    // Adding, the tagger leaves the rules' names alone.
    let paths = [path.path().to_path_buf()];
    let adding = Extractor::with_tagger_files(&paths, Mode::Add).expect("a model file");
    assert_eq!(adding.tagger_mode(), Some(Mode::Add));
    assert_eq!(types_of_quorvexa(&adding, text), [EntityType::Person]);
    // Deciding, it names the firm as it learnt.
    let deciding = Extractor::with_tagger_files(&paths, Mode::Decide).expect("a model file");
    assert_eq!(
        types_of_quorvexa(&deciding, text),
        [EntityType::Organization]
    );
}

#[test]
fn a_file_that_is_no_model_is_refused_with_its_path() {
    let path = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(path.path(), b"not a model").unwrap();
    let error = Extractor::with_tagger_files(&[path.path().to_path_buf()], Mode::Add).unwrap_err();
    assert!(
        error.contains(&path.path().display().to_string()),
        "{error}"
    );
    assert!(error.contains("not a ticker NER model"), "{error}");
    let missing = path.path().with_extension("missing");
    let error = Extractor::with_tagger_files(&[missing], Mode::Add).unwrap_err();
    assert!(error.contains("cannot read"), "{error}");
}

#[test]
fn a_model_runs_over_the_articles_of_its_language_only() {
    let text = "Quorvexa meldete am Dienstag einen Rekord. Der Umsatz stieg im Herbst.";
    let german = model_of(false);
    let english = model_of(true);
    assert_eq!((german.language(), english.language()), ("de", "en"));
    // The language survives the model file.
    let read = tagger::Model::from_bytes(&english.to_bytes()).unwrap();
    assert_eq!(read.language(), "en");
    // A German model leaves an English article to the rules, whole.
    let german_only = Extractor::with_taggers(vec![model_of(false)], Mode::Decide).unwrap();
    assert_eq!(german_only.tagger_languages(), ["de"]);
    let mut article = common::article("english", text);
    article.language = Some("en".into());
    let rules = ticker_extract::extract(&article);
    assert_eq!(
        serde_json::to_value(german_only.extract(&article)).unwrap(),
        serde_json::to_value(&rules).unwrap()
    );
    assert_eq!(
        types_of_quorvexa(&german_only, text),
        [EntityType::Organization]
    );
    // With one model per language, each article gets its own.
    let both = Extractor::with_taggers(vec![english, german], Mode::Decide).unwrap();
    assert_eq!(types_in(&both, "en", text), [EntityType::Organization]);
    assert_eq!(types_of_quorvexa(&both, text), [EntityType::Organization]);
    // Nor does the bare entry point run a model over another language.
    let options = ticker_extract::Options {
        tagger: Some((&read, Mode::Decide)),
    };
    assert_eq!(
        serde_json::to_value(ticker_extract::extract_with(
            &common::article("de", text),
            options
        ))
        .unwrap(),
        serde_json::to_value(ticker_extract::extract(&common::article("de", text))).unwrap()
    );
}

#[test]
fn two_models_of_one_language_are_refused() {
    let error = Extractor::with_taggers(vec![model(), model()], Mode::Add).unwrap_err();
    assert!(
        error.contains("two tagger models for one language (de)"),
        "{error}"
    );
}

#[test]
fn a_model_of_the_earlier_format_is_refused_with_a_request_to_train_again() {
    let mut bytes = model().to_bytes();
    bytes[..8].copy_from_slice(b"TKNER02\n");
    let error = tagger::Model::from_bytes(&bytes).err().expect("refused");
    assert!(error.contains("train it again"), "{error}");
}
