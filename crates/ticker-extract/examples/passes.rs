//! Time per extraction pass, in µs per article, over the 150
//! de-news-quotes dev texts (40 rounds, one core, the `ticker` binary's
//! allocator). With a model file as the argument (`make ner-model` writes
//! `models/ner-de.model`) the tagger runs in `add` mode after the rules.
//!
//! `cargo run --profile quick -p ticker-extract --example passes [-- MODEL]`

use std::time::Instant;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ROUNDS: usize = 40;

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/nlp/de-news-quotes/dev.jsonl"
    );
    let lines = std::fs::read_to_string(path).expect("the shared de-news-quotes set");
    let texts: Vec<String> = lines
        .lines()
        .map(|line| {
            let row: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            row["text"].as_str().expect("a text").to_string()
        })
        .collect();
    let model = std::env::args().nth(1).map(|path| {
        ticker_extract::tagger::Model::from_file(std::path::Path::new(&path))
            .expect("a model from `ticker train ner`")
    });
    let reference =
        chrono::NaiveDate::from_ymd_opt(2020, 1, 1).and_then(|day| day.and_hms_opt(12, 0, 0));
    const PASSES: [&str; 8] = [
        "sentences",
        "words",
        "entities (rules)",
        "tagger",
        "quotes",
        "quantities",
        "dates",
        "times (with dates)",
    ];
    let mut seconds = [0f64; PASSES.len()];
    for _ in 0..ROUNDS {
        for text in &texts {
            let mut marks = [Instant::now(); PASSES.len() + 1];
            let sentences = ticker_extract::sentences::split(text);
            marks[1] = Instant::now();
            let words = ticker_extract::entities::tokens(text);
            marks[2] = Instant::now();
            let mut entities = ticker_extract::entities::find_in_words(text, &words, false);
            marks[3] = Instant::now();
            if let Some(model) = &model {
                ticker_extract::tagger::apply(
                    model,
                    ticker_extract::tagger::Mode::Add,
                    text,
                    &words,
                    &sentences,
                    &mut entities,
                    false,
                );
            }
            marks[4] = Instant::now();
            let quotes = ticker_extract::quotes::find(text, &sentences, &entities, false);
            marks[5] = Instant::now();
            let quantities =
                ticker_extract::quantities::find_with_words(text, &words, &sentences, false);
            marks[6] = Instant::now();
            let dates = ticker_extract::dates::find_with_words(
                text,
                &words,
                &sentences,
                reference.map(|at| at.date()),
            );
            marks[7] = Instant::now();
            let times = ticker_extract::times::find_with_words(text, &words, &sentences, reference);
            marks[8] = Instant::now();
            std::hint::black_box((quotes.len(), quantities.len(), dates.len(), times.len()));
            for (pass, pair) in marks.windows(2).enumerate() {
                seconds[pass] += (pair[1] - pair[0]).as_secs_f64();
            }
        }
    }
    let articles = (ROUNDS * texts.len()) as f64;
    for (pass, total) in PASSES.iter().zip(seconds) {
        println!("{pass:20} {:7.1} µs per article", total / articles * 1e6);
    }
}
