//! Extraction throughput on the de-news-quotes dev texts (150 German
//! Wikinews articles), one core, with the allocator the `ticker` binary
//! uses; once with the rule passes alone, then with a tagger trained on
//! the SmartData training corpus (`../shared/data/nlp/ner-train`) beside
//! them. The tagger keeps the word-list evidence of the words it has seen
//! per thread: `with_tagger_add` runs as a process that has read the 150
//! texts before (as a pipeline's workers have read earlier articles),
//! `with_tagger_add_cold` empties that cache before each pass over them.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ticker_model::Article;

// The tests' article constructor.
#[path = "../tests/common/mod.rs"]
mod common;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn articles() -> Vec<Article> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/nlp/de-news-quotes/dev.jsonl"
    );
    let text = std::fs::read_to_string(path).expect("the shared de-news-quotes set");
    text.lines()
        .map(|line| {
            let row: serde_json::Value = serde_json::from_str(line).unwrap();
            let published =
                chrono::NaiveDate::parse_from_str(row["date"].as_str().unwrap_or(""), "%Y-%m-%d")
                    .ok()
                    .and_then(|day| day.and_hms_opt(12, 0, 0))
                    .map(|time| time.and_utc().fixed_offset());
            let mut article =
                common::article(row["id"].as_str().unwrap(), row["text"].as_str().unwrap());
            article.title = row["title"].as_str().unwrap_or("").into();
            article.published_at = published;
            article.fetched_at = chrono::Utc::now();
            article
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let articles = articles();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Elements(articles.len() as u64));
    group.sample_size(20);
    group.bench_function("de_news_quotes_dev_150_articles", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|article| ticker_extract::extract(article).quantities.len())
                .sum::<usize>()
        })
    });
    let corpus = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/nlp/ner-train/smartdata-train.conll"
    );
    let examples = ticker_extract::tagger::read_conll(
        &std::fs::read_to_string(corpus).expect("the shared SmartData corpus"),
    );
    let model = ticker_extract::tagger::train(&examples, false, 8, |_, _| {});
    let entities = |options: ticker_extract::Options<'_>| {
        articles
            .iter()
            .map(|article| {
                ticker_extract::extract_with(article, options)
                    .entities
                    .len()
            })
            .sum::<usize>()
    };
    for (name, mode) in [
        ("with_tagger_add", ticker_extract::tagger::Mode::Add),
        ("with_tagger_decide", ticker_extract::tagger::Mode::Decide),
    ] {
        let options = ticker_extract::Options {
            tagger: Some((&model, mode)),
        };
        group.bench_function(name, |b| b.iter(|| entities(options)));
    }
    let options = ticker_extract::Options {
        tagger: Some((&model, ticker_extract::tagger::Mode::Add)),
    };
    group.bench_function("with_tagger_add_cold", |b| {
        b.iter(|| {
            ticker_extract::tagger::clear_flag_cache();
            entities(options)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
