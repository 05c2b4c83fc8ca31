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
    let corpus = include_str!("fixtures/made-up-firm.conll");
    tagger::train(&tagger::read_conll(corpus), false, 5, |_, _| {})
}

/// The types `extractor` gives the name "Quorvexa" in `text`.
fn types_of_quorvexa(extractor: &Extractor, text: &str) -> Vec<EntityType> {
    extractor
        .extract(&common::article("tagger", text))
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
    let adding = Extractor::with_tagger_file(path.path(), Mode::Add).expect("a model file");
    assert_eq!(adding.tagger_mode(), Some(Mode::Add));
    assert_eq!(types_of_quorvexa(&adding, text), [EntityType::Person]);
    // Deciding, it names the firm as it learnt.
    let deciding = Extractor::with_tagger_file(path.path(), Mode::Decide).expect("a model file");
    assert_eq!(
        types_of_quorvexa(&deciding, text),
        [EntityType::Organization]
    );
}

#[test]
fn a_file_that_is_no_model_is_refused_with_its_path() {
    let path = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(path.path(), b"not a model").unwrap();
    let error = Extractor::with_tagger_file(path.path(), Mode::Add).unwrap_err();
    assert!(
        error.contains(&path.path().display().to_string()),
        "{error}"
    );
    assert!(error.contains("not a ticker NER model"), "{error}");
    let missing = path.path().with_extension("missing");
    let error = Extractor::with_tagger_file(&missing, Mode::Add).unwrap_err();
    assert!(error.contains("cannot read"), "{error}");
}
