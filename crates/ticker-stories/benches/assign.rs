//! Story assignment with 100,000 live stories in the index.
//!
//! Synthetic articles: each story has 30 topic words out of a 200,000-word
//! vocabulary and two entities; an article has 60 topic words and 20
//! random ones, published within the live window. The index is filled with
//! 100,000 stories first (one opening article each), then assignments of
//! further articles, half to existing stories and half new, are timed:
//! with the article's terms counted inside the assignment (as `assign`
//! does), and with them counted beforehand (as a pipeline's workers do,
//! leaving the index's owner `assign_with_terms`). Last, the counting
//! alone, over the five seed articles (`../shared/seeds`, real German news
//! of 2,000–4,000 characters).

use chrono::{Duration, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use ticker_model::{
    Article, Entity, EntityType, Extraction, Mention, PageKind, SourceKind, SourceRef,
};
use ticker_stories::{ArticleTerms, Stories, StoryConfig};

const STORIES: u64 = 100_000;
const VOCABULARY: u64 = 200_000;

/// A small deterministic generator (xorshift).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// SplitMix64: topic words spread over the vocabulary.
fn mix(mut value: u64) -> u64 {
    value = value.wrapping_add(0x9e37_79b9_7f4a_7c15);
    value = (value ^ (value >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    value = (value ^ (value >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    value ^ (value >> 31)
}

fn word(index: u64) -> String {
    format!("wort{index}x")
}

fn article(topic: u64, serial: u64, random: &mut Random) -> (Article, Extraction) {
    let mut text = String::new();
    for position in 0..60 {
        text.push_str(&word(mix(topic * 31 + position % 30) % VOCABULARY));
        text.push(' ');
    }
    for _ in 0..20 {
        text.push_str(&word(random.next() % VOCABULARY));
        text.push(' ');
    }
    let time = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
        + Duration::minutes((serial % 5000) as i64);
    let id = format!("{serial:016x}");
    let article = Article {
        schema: "ticker.article/1".into(),
        article_id: id.clone(),
        revision: 1,
        url: None,
        canonical_url: None,
        source: SourceRef {
            id: format!("source{}", serial % 50),
            kind: SourceKind::Feed,
            url: String::new(),
        },
        title: word(mix(topic) % VOCABULARY),
        lead: None,
        text,
        language: Some("de".into()),
        authors: Vec::new(),
        published_at: Some(time.fixed_offset()),
        modified_at: None,
        fetched_at: time,
        date_hint: None,
        word_count: 80,
        content_hash: id.clone(),
        simhash: id.clone(),
        section: None,
        keywords: Vec::new(),
        image: None,
        paywalled: false,
        page_kind: PageKind::Article,
    };
    let entity = |n: u64, entity_type| Entity {
        entity_id: format!("e{:015x}", n),
        entity_type,
        name: format!("Name{n}"),
        mentions: vec![Mention {
            text: format!("Name{n}"),
            start: 0,
            end: 4,
            derived: false,
        }],
    };
    let extraction = Extraction {
        schema: "ticker.extraction/1".into(),
        article_id: id,
        revision: 1,
        language: Some("de".into()),
        entities: vec![
            entity(topic, EntityType::Person),
            entity(topic + 1_000_000, EntityType::Organization),
        ],
        quotes: Vec::new(),
        quantities: Vec::new(),
        dates: Vec::new(),
        events: Vec::new(),
        claims: Vec::new(),
        story_id: None,
        stages: vec!["entities".into()],
    };
    (article, extraction)
}

fn bench(c: &mut Criterion) {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let mut stories = Stories::new(StoryConfig::default());
    for topic in 0..STORIES {
        let (article, extraction) = article(topic, topic, &mut random);
        stories.assign(&article, &extraction);
    }
    eprintln!("live stories: {}", stories.live());
    let mut group = c.benchmark_group("stories");
    group.throughput(Throughput::Elements(1));
    group.sample_size(20);
    // Every iteration assigns an article not seen before (an article seen
    // before would only be replayed), made outside the timing: half join
    // an existing story, half open one.
    let mut serial = STORIES;
    let mut fresh = move || {
        serial += 1;
        let topic = if serial % 2 == 0 {
            random.next() % STORIES
        } else {
            serial
        };
        article(topic, serial, &mut random)
    };
    group.bench_function("assign_with_100k_live_stories", |b| {
        b.iter_batched(
            &mut fresh,
            |(article, extraction)| stories.assign(&article, &extraction),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("assign_with_terms_100k_live_stories", |b| {
        b.iter_batched(
            || {
                let (article, extraction) = fresh();
                let terms = ArticleTerms::of(&article);
                (article, extraction, terms)
            },
            |(article, extraction, terms)| stories.assign_with_terms(&article, &extraction, &terms),
            BatchSize::SmallInput,
        )
    });
    let mut random = Random(0x2545_f491_4f6c_dd1d);
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds");
    let mut seed_articles = Vec::new();
    for entry in std::fs::read_dir(seeds).expect("the shared seed articles") {
        let path = entry.expect("a seed").path();
        if path.extension().is_some_and(|extension| extension == "txt") {
            let (mut seed, _) = article(0, seed_articles.len() as u64, &mut random);
            seed.text = std::fs::read_to_string(&path).expect("a seed's text");
            seed_articles.push(seed);
        }
    }
    seed_articles.sort_by(|left, right| left.text.cmp(&right.text));
    group.throughput(Throughput::Elements(seed_articles.len() as u64));
    group.bench_function("terms_of_the_seed_articles", |b| {
        b.iter(|| {
            seed_articles
                .iter()
                .map(|article| ArticleTerms::of(article).counts().len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
