//! Server time of the story page: a 500-article story (with claims,
//! quotes and entities) among 10,000 stories, from the view to the HTML.

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::json;
use ticker_serve::view::{Limits, View};

fn big_view() -> View {
    let mut view = View::new(Limits::default());
    let base = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap();
    let mut add = |story: &str, n: usize, start: usize| {
        for i in 0..n {
            let id = format!("{story}-{i}");
            let fetched = (base + chrono::Duration::minutes((start + i) as i64)).to_rfc3339();
            let article = json!({
                "schema": "ticker.article/1", "article_id": id, "revision": 1,
                "url": format!("https://news{}.example/{id}", i % 40), "canonical_url": null,
                "source": {"id": format!("source-{}", i % 40), "kind": "feed", "url": "https://news.example/rss"},
                "title": format!("Headline number {i} of the story about something that happened"),
                "lead": null, "text": "", "language": "de", "authors": [], "published_at": fetched,
                "modified_at": null, "fetched_at": fetched, "word_count": 400, "content_hash": "00",
                "simhash": "00", "section": null, "keywords": [], "image": null, "paywalled": false,
                "page_kind": "article"
            });
            view.apply_json("articles", &serde_json::to_vec(&article).unwrap());
            let entities: Vec<_> = (0..8).map(|e| json!({"entity_id": format!("e{}", (i + e) % 60), "type": "PER",
                "name": format!("Person Number {}", (i + e) % 60), "mentions": [{"text": "x", "start": 0, "end": 1}]})).collect();
            let extraction = json!({
                "schema": "ticker.extraction/1", "article_id": id, "revision": 1, "language": "de",
                "entities": entities,
                "quotes": [{"text": "Wir haben die Lage unter Kontrolle, sagte der Sprecher am Abend vor Journalisten.", "speaker": "e1",
                            "speaker_text": "Sprecher", "cue": "sagte", "direct": true, "start": 0, "end": 10}],
                "quantities": [], "dates": [], "events": [], "claims": [], "story_id": story, "stages": []
            });
            view.apply_json("extractions", &serde_json::to_vec(&extraction).unwrap());
            for (k, predicate) in ["killed", "injured", "arrested"].iter().enumerate() {
                let claim = json!({
                    "schema": "ticker.claim/1", "claim_id": format!("{id}-c{k}"), "story_id": story, "article_id": id,
                    "kind": "quantity", "subject": "person", "predicate": predicate, "value": format!("{}", 100 + i / 10),
                    "object": "Menschen", "attributed_to": null, "sentence": "", "status": if i % 10 == 0 { "changed" } else { "corroborated" },
                    "previous": null, "sources": 3
                });
                view.apply_json("claims", &serde_json::to_vec(&claim).unwrap());
            }
        }
    };
    add("big", 500, 0);
    for s in 0..10_000 {
        add(&format!("s{s}"), 1, s);
    }
    view
}

fn story_page(c: &mut Criterion) {
    let view = big_view();
    c.bench_function("story page, 500 articles (view + HTML)", |b| {
        b.iter(|| {
            let detail = view.story("big").expect("story");
            ticker_serve::web::story_html(&detail).0.len()
        })
    });
    c.bench_function("stories page, first 50 of 10,001", |b| {
        b.iter(|| view.stories(0, 50).1.len())
    });
}

criterion_group!(benches, story_page);
criterion_main!(benches);
