//! Pathological text: the extractor must finish, bounded, without
//! panicking, and give the same output twice.

mod common;

use std::time::Instant;

fn run(name: &str, text: String) -> ticker_model::Extraction {
    let bytes = text.len();
    let article = common::article("pathological", &text);
    let started = Instant::now();
    let first = ticker_extract::extract(&article);
    eprintln!("{name}: {bytes} bytes in {:?}", started.elapsed());
    let second = ticker_extract::extract(&article);
    assert_eq!(
        serde_json::to_string(&first).unwrap(),
        serde_json::to_string(&second).unwrap(),
        "{name}: output is not deterministic"
    );
    first
}

#[test]
fn one_five_megabyte_sentence() {
    let words = [
        "Der",
        "Präsident",
        "Tokajew",
        "sagte",
        "in",
        "Almaty",
        "rund",
        "10.000",
        "Menschen",
        "seien",
        "festgenommen",
        "worden",
        "und",
        "die",
        "OVKS",
    ];
    let mut text = String::with_capacity(5_100_000);
    let mut index = 0;
    while text.len() < 5_000_000 {
        text.push_str(words[index % words.len()]);
        text.push(' ');
        index += 1;
    }
    text.push('.');
    let extraction = run("5 MB sentence", text);
    assert!(!extraction.quantities.is_empty());
}

#[test]
fn unknown_capitalised_words_in_bulk() {
    // One capitalised word of a megabyte, and a megabyte of unknown names
    // in lists, which the entity pass types by their neighbours.
    run(
        "1 MB word",
        format!("Er sah {}.", "Q".to_owned() + &"wrtz".repeat(250_000)),
    );
    let text = "Sie kamen aus Qwirbel, Plonkau und Mirpfeld nach Zabrowitz. ".repeat(20_000);
    let extraction = run("unknown names in lists", text);
    assert!(!extraction.entities.is_empty());
}

#[test]
fn a_hundred_thousand_quote_marks() {
    for marks in ["„", "“", "\"", "«", "»", "‚", "'"] {
        let text = marks.repeat(100_000);
        run(&format!("100,000 × {marks}"), text);
    }
    // Alternating marks with words in between: 100,000 tiny quotes.
    let text = "„Wir bleiben bis zum Ende hier“, sagte Tokajew. ".repeat(100_000 / 2);
    let extraction = run("50,000 short quotes", text);
    assert!(!extraction.quotes.is_empty());
    // Each with a pronoun for its speaker, which reads the sentence before:
    // still one pass.
    let text = "Der Minister Peter Kaiser sprach. „Wir bleiben bis zum Ende hier und halten \
                durch“, sagte er. "
        .repeat(100_000 / 4);
    let extraction = run("25,000 quotes of a pronoun", text);
    assert!(!extraction.quotes.is_empty());
}

#[test]
fn only_digits_and_separators() {
    run("1 MB of digits", "7".repeat(1_000_000));
    run("digits with separators", "1.000,5 ".repeat(100_000));
    run("dates", "13.01.2022 ".repeat(50_000));
}

#[test]
fn control_characters_and_odd_unicode() {
    let mut text = String::new();
    for code in (0u32..0x3000).step_by(7) {
        if let Some(c) = char::from_u32(code) {
            text.push(c);
        }
    }
    run("odd unicode", text.repeat(20));
    // Multi-byte spaces inside and around numbers.
    run(
        "narrow spaces",
        "40\u{202f}000 ist 40\u{202f}000 \u{2003}7\u{a0}1 ".repeat(10_000),
    );
    run("empty", String::new());
    run("newlines", "\n".repeat(100_000));
}

#[test]
fn many_holidays() {
    // Each holiday reads the words after it for a year; one long text of
    // them must stay linear.
    run(
        "holidays",
        "Zu Ostern und an Pfingsten 2022 ".repeat(50_000),
    );
}

#[test]
fn a_number_that_runs_past_the_end_of_its_sentence() {
    // A bullet line of prices: the sentence the splitter gives ends before
    // the number found in it does; claims must not slice past its end.
    let text = "Der Pfad ist 320 Meter lang – natürlich nur, wenn eure Kinder sich nicht fürchten!\n\n• 13.50 Euro, ermäßigt 12 Euro, Kinder (7–17 Jahre) 10 Euro\n\n2".to_string();
    let extraction = run("number past its sentence", text);
    assert!(
        extraction
            .quantities
            .iter()
            .any(|q| q.text.contains("13.50")),
        "{:?}",
        extraction.quantities
    );
}
