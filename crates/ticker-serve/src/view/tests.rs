use super::*;
use serde_json::json;

fn article(id: &str, source: &str, fetched: &str, published: Option<&str>) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "schema": "ticker.article/1", "article_id": id, "revision": 1,
        "url": format!("https://news.example/{id}"), "canonical_url": null,
        "source": {"id": source, "kind": "feed", "url": "https://news.example/rss"},
        "title": format!("Title {id}"), "lead": null, "text": "Text.", "language": "de",
        "authors": [], "published_at": published, "modified_at": null, "fetched_at": fetched,
        "word_count": 1, "content_hash": "00", "simhash": "00", "section": null,
        "keywords": [], "image": null, "paywalled": false, "page_kind": "article"
    }))
    .unwrap()
}

fn extraction(
    id: &str,
    story: &str,
    entities: &[(&str, &str, usize)],
    quote: Option<(&str, &str)>,
) -> Vec<u8> {
    let entities: Vec<_> = entities
        .iter()
        .map(|(eid, name, mentions)| {
            json!({"entity_id": eid, "type": "PER", "name": name,
                   "mentions": (0..*mentions).map(|i| json!({"text": name, "start": i, "end": i + 1})).collect::<Vec<_>>()})
        })
        .collect();
    let quotes: Vec<_> = quote
        .into_iter()
        .map(|(speaker, text)| json!({"text": text, "speaker": speaker, "speaker_text": "er", "cue": "sagte", "direct": true, "start": 0, "end": 1}))
        .collect();
    serde_json::to_vec(&json!({
        "schema": "ticker.extraction/1", "article_id": id, "revision": 1, "language": "de",
        "entities": entities, "quotes": quotes, "quantities": [], "dates": [], "events": [],
        "claims": [], "story_id": story, "stages": ["entities"]
    }))
    .unwrap()
}

fn claim(
    claim_id: &str,
    story: &str,
    article: &str,
    value: &str,
    status: &str,
    previous: Option<&str>,
) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "schema": "ticker.claim/1", "claim_id": claim_id, "story_id": story, "article_id": article,
        "kind": "quantity", "subject": "person", "predicate": "killed", "value": value,
        "object": "Menschen", "attributed_to": null, "sentence": "…", "status": status,
        "previous": previous, "sources": 1
    }))
    .unwrap()
}

fn story(id: &str, label: &str, last_seen: &str, articles: u32) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "schema": "ticker.story/1", "story_id": id, "label": label,
        "first_seen": "2022-01-10T08:00:00Z", "last_seen": last_seen, "article_count": articles,
        "source_count": 1, "languages": ["de"],
        "top_entities": [{"entity_id": "e1", "name": "Kassym-Jomart Tokajew", "type": "PER", "articles": 2}],
        "claim_count": 3
    }))
    .unwrap()
}

fn alert(id: &str, story: &str, article: &str, reason: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "schema": "ticker.alert/1", "alert_id": id, "story_id": story, "claim_id": "c2",
        "article_id": article, "reason": reason, "summary": "Tote: 225 (zuvor: 164)",
        "previous": "164", "current": "225"
    }))
    .unwrap()
}

/// The seed-like story: two articles, a death toll that changes, an alert.
fn seed_view() -> View {
    let mut view = View::new(Limits::default());
    // Out of order on purpose: extraction and claims before the articles.
    view.apply_json(
        "extractions",
        &extraction(
            "a2",
            "s1",
            &[("e1", "Kassym-Jomart Tokajew", 3)],
            Some(("e1", "Die Lage ist stabil")),
        ),
    );
    view.apply_json(
        "claims",
        &claim("c2", "s1", "a2", "225", "changed", Some("164")),
    );
    view.apply_json(
        "articles",
        &article(
            "a1",
            "rss",
            "2022-01-10T08:00:00Z",
            Some("2022-01-10T07:00:00Z"),
        ),
    );
    view.apply_json(
        "extractions",
        &extraction(
            "a1",
            "s1",
            &[("e1", "Kassym-Jomart Tokajew", 1), ("e2", "Almaty", 2)],
            None,
        ),
    );
    view.apply_json("claims", &claim("c1", "s1", "a1", "164", "new", None));
    view.apply_json(
        "articles",
        &article(
            "a2",
            "atom",
            "2022-01-11T08:00:00Z",
            Some("2022-01-11T07:00:00Z"),
        ),
    );
    view.apply_json(
        "stories",
        &story(
            "s1",
            "Kasachstan/Kassym-Jomart Tokajew",
            "2022-01-11T08:00:00Z",
            2,
        ),
    );
    view
}

#[test]
fn records_in_any_order_make_one_story_with_its_timeline() {
    let view = seed_view();
    let detail = view.story("s1").expect("story");
    assert_eq!(detail.summary.label, "Kasachstan/Kassym-Jomart Tokajew");
    let titles: Vec<&str> = detail.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Title a1", "Title a2"], "articles in time order");
    assert_eq!(detail.claims.len(), 1);
    let toll = &detail.claims[0];
    assert_eq!(toll.label, "killed: Menschen");
    assert!(toll.changed);
    let values: Vec<(&str, Option<&str>)> = toll
        .values
        .iter()
        .map(|v| (v.value.as_str(), v.source.as_deref()))
        .collect();
    assert_eq!(values, [("164", Some("rss")), ("225", Some("atom"))]);
    assert_eq!(toll.values[1].previous.as_deref(), Some("164"));
    assert_eq!(detail.quotes.len(), 1);
    assert_eq!(
        detail.quotes[0].speaker.as_deref(),
        Some("Kassym-Jomart Tokajew")
    );
    assert_eq!(detail.entities[0].name, "Kassym-Jomart Tokajew");
    assert_eq!(detail.entities[0].articles, 2);
    // 08:00 on two days: hourly buckets, the empty hours filled, one more on each side.
    let activity = &detail.summary.activity;
    assert_eq!(activity.len(), 24 + 3);
    assert_eq!(activity.iter().map(|(_, n)| n).sum::<u32>(), 2);
    assert!(activity.windows(2).all(|w| w[1].0 - w[0].0 == 3600));
    assert_eq!(
        (activity[0].1, activity[1].1, activity[25].1, activity[26].1),
        (0, 1, 1, 0)
    );
}

#[test]
fn repeated_records_replace_what_they_repeat() {
    let mut view = seed_view();
    view.apply_json(
        "claims",
        &claim("c2", "s1", "a2", "225", "changed", Some("164")),
    );
    view.apply_json(
        "articles",
        &article("a2", "atom", "2022-01-11T08:00:00Z", None),
    );
    assert_eq!(view.story("s1").unwrap().claims[0].values.len(), 2);
    assert!(view
        .apply_json("alerts", &alert("x1", "s1", "a2", "value_changed"))
        .is_some());
    assert!(
        view.apply_json("alerts", &alert("x1", "s1", "a2", "value_changed"))
            .is_none(),
        "a repeat is not news"
    );
    assert_eq!(view.alerts(&AlertFilter::default(), 10).len(), 1);
    assert_eq!(
        view.throughput(60 * 24 * 2)
            .iter()
            .map(|(_, n)| n)
            .sum::<u32>(),
        2,
        "each article counted once"
    );
}

#[test]
fn an_article_moved_to_another_story_leaves_the_first() {
    let mut view = seed_view();
    view.apply_json("extractions", &extraction("a2", "s2", &[], None));
    assert_eq!(view.story("s1").unwrap().articles.len(), 1);
    assert_eq!(view.story("s2").unwrap().articles.len(), 1);
}

#[test]
fn alerts_filter_by_story_entity_and_kind_and_carry_titles() {
    let mut view = seed_view();
    let made = view
        .apply_json("alerts", &alert("x1", "s1", "a2", "value_changed"))
        .unwrap();
    assert_eq!(
        made.story_label.as_deref(),
        Some("Kasachstan/Kassym-Jomart Tokajew")
    );
    assert_eq!(made.article_title.as_deref(), Some("Title a2"));
    view.apply_json("alerts", &alert("x2", "s9", "zz", "new_claim"));
    let filter = |story: &str, entity: &str, kind: &str| AlertFilter {
        story: Some(story.into()),
        entity: Some(entity.into()),
        kind: Some(kind.into()),
    };
    let ids = |f: AlertFilter| {
        view.alerts(&f, 10)
            .into_iter()
            .map(|a| a.alert_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(AlertFilter::default()), ["x2", "x1"], "newest first");
    assert_eq!(ids(filter("s1", "", "")), ["x1"]);
    assert_eq!(ids(filter("", "tokajew", "")), ["x1"]);
    assert_eq!(ids(filter("", "", "new_claim")), ["x2"]);
    assert!(ids(filter("s1", "", "new_claim")).is_empty());
}

#[test]
fn stories_rank_by_recent_articles_and_old_ones_leave() {
    let mut view = View::new(Limits {
        window: Duration::hours(48),
        max_stories: 2,
        max_alerts: 10,
    });
    for (index, (story_id, fetched)) in [
        ("old", "2022-01-01T08:00:00Z"),
        ("busy", "2022-01-10T08:00:00Z"),
        ("busy", "2022-01-10T09:00:00Z"),
        ("quiet", "2022-01-10T09:30:00Z"),
    ]
    .into_iter()
    .enumerate()
    {
        let id = format!("a{index}");
        view.apply_json("articles", &article(&id, "rss", fetched, None));
        view.apply_json("extractions", &extraction(&id, story_id, &[], None));
    }
    let (total, ranked) = view.stories(0, 10);
    assert_eq!(total, 3);
    let order: Vec<&str> = ranked.iter().map(|s| s.story_id.as_str()).collect();
    assert_eq!(order, ["busy", "quiet", "old"]);
    view.apply_json(
        "stories",
        &story("quiet", "Quiet", "2022-01-10T09:30:00Z", 1),
    );
    assert!(view.story("old").is_none(), "beyond the window and the cap");
    assert!(view.story("busy").is_some() && view.story("quiet").is_some());
}

#[test]
fn plotted_numbers_of_claim_values() {
    assert_eq!(plot_number("164"), Some(164.0));
    assert_eq!(plot_number("~10000"), Some(10000.0));
    assert_eq!(plot_number(">=2000"), Some(2000.0));
    assert_eq!(plot_number("200-999"), Some(599.5));
    assert_eq!(plot_number("2022-01-19"), None);
    assert_eq!(plot_number("NaN"), None);
}

#[test]
fn unreadable_records_are_counted_not_applied() {
    let mut view = View::new(Limits::default());
    assert!(view.apply_json("alerts", b"{not json").is_none());
    assert_eq!(view.counts().unreadable, 1);
    assert_eq!(view.counts().alerts, 0);
}
