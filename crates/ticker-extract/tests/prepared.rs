//! The passes prepared once give, against any reference day, the
//! extraction that running every pass against that day gives: the
//! pipeline finishes an undated article a second time against its
//! story's day without reading the text again.

mod common;

use ticker_model::Article;

/// The first `count` German Wikinews texts of the shared de-news-quotes
/// set, and the five seed articles, all without a publication date (so
/// that the reference day comes from the hint or from the text).
fn undated_articles(count: usize) -> Vec<Article> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");
    let lines = std::fs::read_to_string(format!("{root}/data/nlp/de-news-quotes/dev.jsonl"))
        .expect("the shared de-news-quotes set");
    let mut articles: Vec<Article> = lines
        .lines()
        .take(count)
        .map(|line| {
            let row: serde_json::Value = serde_json::from_str(line).unwrap();
            common::article(row["id"].as_str().unwrap(), row["text"].as_str().unwrap())
        })
        .collect();
    let mut seeds: Vec<_> = std::fs::read_dir(format!("{root}/seeds"))
        .expect("the shared seeds")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    seeds.sort();
    for path in seeds {
        let text = std::fs::read_to_string(&path).unwrap();
        articles.push(common::article(&path.display().to_string(), &text));
    }
    for article in &mut articles {
        article.published_at = None;
    }
    articles
}

#[test]
fn a_prepared_article_finished_against_any_day_equals_a_full_extraction() {
    let articles = undated_articles(60);
    assert!(articles.len() >= 60, "{} articles", articles.len());
    let json = |extraction: &ticker_model::Extraction| serde_json::to_value(extraction).unwrap();
    let mut differing_days = 0;
    for article in &articles {
        let prepared = ticker_extract::Extractor::default().prepare(article);
        let own = prepared.finish(article);
        assert_eq!(json(&own), json(&ticker_extract::extract(article)));
        for hint in ["2021-03-01", "2024-12-24"] {
            let mut dated = article.clone();
            dated.date_hint = Some(hint.into());
            let again = prepared.finish(&dated);
            assert_eq!(
                json(&again),
                json(&ticker_extract::extract(&dated)),
                "{} against {hint}",
                article.article_id
            );
            differing_days += usize::from(json(&again) != json(&own));
        }
        // The last day asked moves the records out; the same extraction.
        let mut dated = article.clone();
        dated.date_hint = Some("2024-12-24".into());
        assert_eq!(
            json(&prepared.into_extraction(&dated)),
            json(&ticker_extract::extract(&dated))
        );
    }
    // (The days must matter somewhere, or this compares nothing.)
    assert!(differing_days >= 20, "only {differing_days} differ by day");
}

#[test]
#[should_panic(expected = "the text that was prepared")]
fn a_prepared_article_refuses_another_text() {
    let article = common::article("a", "Am Montag sprach Angela Merkel in Berlin.");
    let other = common::article("a", "Am Dienstag sprach Olaf Scholz in Bonn.");
    ticker_extract::Extractor::default()
        .prepare(&article)
        .finish(&other);
}
