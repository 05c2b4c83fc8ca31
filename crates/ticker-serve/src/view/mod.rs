//! What the page shows, built from the records of the topics as they
//! arrive: stories, their articles, claims, quotes and entities, alerts,
//! and articles per minute. Records come in any order across topics
//! (an extraction may land before its article, a story record after both);
//! each is applied on its own and repeats (at-least-once delivery,
//! revisions) replace what they repeat.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use ticker_model::{
    Alert, AlertReason, Article, Claim, ClaimKind, ClaimStatus, EntityType, Extraction, Story,
};

/// Most entities kept per article (the most mentioned).
const ENTITIES_PER_ARTICLE: usize = 12;
/// Most quotes kept per article.
const QUOTES_PER_ARTICLE: usize = 8;
/// Longest quote text kept, in characters.
const QUOTE_CHARS: usize = 400;
/// Most claim values kept per story (quantities and statements).
const CLAIMS_PER_STORY: usize = 2_000;
/// Minutes of throughput kept.
const THROUGHPUT_MINUTES: i64 = 24 * 60;

/// Limits of the view.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Stories whose last article arrived longer ago leave.
    pub window: Duration,
    /// Most stories kept.
    pub max_stories: usize,
    /// Most alerts kept.
    pub max_alerts: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            window: Duration::hours(168),
            max_stories: 20_000,
            max_alerts: 5_000,
        }
    }
}

/// An entity named in an article.
#[derive(Debug, Clone)]
struct EntityRef {
    id: Arc<str>,
    name: Arc<str>,
    kind: EntityType,
}

/// A quote of an article.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteView {
    /// The quoted words (shortened).
    pub text: String,
    /// Who said it, as named (or the entity's name).
    pub speaker: Option<String>,
    /// Direct (in quote marks) or reported.
    pub direct: bool,
    /// The article it is from.
    pub article_id: String,
}

#[derive(Debug, Default)]
struct ArticleView {
    title: Option<Box<str>>,
    url: Option<Box<str>>,
    source: Option<Arc<str>>,
    language: Option<Arc<str>>,
    published_at: Option<DateTime<Utc>>,
    fetched_at: Option<DateTime<Utc>>,
    story_id: Option<Arc<str>>,
    entities: Vec<EntityRef>,
    quotes: Vec<QuoteView>,
}

impl ArticleView {
    /// When the article happened for a timeline: published, else fetched.
    fn time(&self) -> Option<DateTime<Utc>> {
        self.published_at.or(self.fetched_at)
    }
}

#[derive(Debug, Clone)]
struct ClaimPoint {
    claim_id: Box<str>,
    article_id: Arc<str>,
    /// What makes values one claim: predicate, subject, about, place, actor.
    key: Arc<str>,
    /// How the claim reads for people ("killed: Menschen").
    label: Arc<str>,
    value: Box<str>,
    status: ClaimStatus,
    previous: Option<Box<str>>,
}

#[derive(Debug, Default)]
struct StoryView {
    record: Option<Story>,
    articles: Vec<Arc<str>>,
    claims: Vec<ClaimPoint>,
    /// When the latest of its articles arrived here (by fetched_at, else
    /// the story record's last_seen).
    last_activity: Option<DateTime<Utc>>,
}

/// An alert as the page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct AlertView {
    /// Stable id (receivers drop repeats by it).
    pub alert_id: String,
    /// The story.
    pub story_id: String,
    /// The story's label, when known.
    pub story_label: Option<String>,
    /// The claim that raised it.
    pub claim_id: String,
    /// The article that carried it.
    pub article_id: String,
    /// The article's title and link, when known.
    pub article_title: Option<String>,
    /// The article's URL.
    pub article_url: Option<String>,
    /// `new_claim` or `value_changed`.
    pub reason: AlertReason,
    /// One line a human reads.
    pub summary: String,
    /// The value before, for a change.
    pub previous: Option<String>,
    /// The value now.
    pub current: String,
    /// When this page received it.
    pub received_at: DateTime<Utc>,
    /// Names of the story's main entities (for filtering).
    pub entities: Vec<String>,
}

/// A story in the list.
#[derive(Debug, Clone, Serialize)]
pub struct StorySummary {
    /// Story id.
    pub story_id: String,
    /// Its label.
    pub label: String,
    /// Articles.
    pub article_count: u32,
    /// Distinct sources.
    pub source_count: u32,
    /// Languages.
    pub languages: Vec<String>,
    /// Distinct claims.
    pub claim_count: u32,
    /// First and latest article.
    pub first_seen: Option<DateTime<Utc>>,
    /// Latest article.
    pub last_seen: Option<DateTime<Utc>>,
    /// Articles that arrived in the last six hours of the view's clock.
    pub recent_articles: u32,
    /// Articles per hour: (hour start as Unix seconds, count), oldest first.
    pub activity: Vec<(i64, u32)>,
}

/// An article of a story.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleRow {
    /// Article id.
    pub article_id: String,
    /// Title (or the id when the article record has not arrived).
    pub title: String,
    /// Link.
    pub url: Option<String>,
    /// Source id.
    pub source: Option<String>,
    /// Language.
    pub language: Option<String>,
    /// Published (else fetched) time.
    pub time: Option<DateTime<Utc>>,
}

/// One value of a claim over time.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimValue {
    /// Article time.
    pub time: Option<DateTime<Utc>>,
    /// The value as the claim states it (`164`, `~10000`, `200-999`).
    pub value: String,
    /// A number to plot (the value, or the middle of a range), if any.
    pub number: Option<f64>,
    /// New, corroborated or changed.
    pub status: ClaimStatus,
    /// The value before, for a change.
    pub previous: Option<String>,
    /// The source that carried it.
    pub source: Option<String>,
    /// The article.
    pub article_id: String,
    /// Its title.
    pub article_title: Option<String>,
}

/// A claim's values over time.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimTimeline {
    /// Stable id of the timeline (a hash of its identity).
    pub key: String,
    /// What the claim is about, for people.
    pub label: String,
    /// Whether a value changed.
    pub changed: bool,
    /// Values in time order.
    pub values: Vec<ClaimValue>,
}

/// An entity of a story with the number of its articles naming it.
#[derive(Debug, Clone, Serialize)]
pub struct EntityCount {
    /// Canonical id.
    pub entity_id: String,
    /// Name.
    pub name: String,
    /// PER, ORG, LOC or MISC.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Articles of the story naming it.
    pub articles: u32,
}

/// One story, whole.
#[derive(Debug, Clone, Serialize)]
pub struct StoryDetail {
    /// The summary.
    #[serde(flatten)]
    pub summary: StorySummary,
    /// Articles in time order.
    pub articles: Vec<ArticleRow>,
    /// Claims with their values over time (quantities and statements).
    pub claims: Vec<ClaimTimeline>,
    /// Quotes with speakers, newest article first.
    pub quotes: Vec<QuoteView>,
    /// Entities by articles naming them.
    pub entities: Vec<EntityCount>,
    /// The story's alerts, newest first.
    pub alerts: Vec<AlertView>,
}

/// Filters of the alert list (all given must match).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AlertFilter {
    /// Story id.
    #[serde(default)]
    pub story: Option<String>,
    /// Words of an entity's name (case-insensitive).
    #[serde(default)]
    pub entity: Option<String>,
    /// `new_claim` or `value_changed`.
    #[serde(default)]
    pub kind: Option<String>,
}

impl AlertFilter {
    /// Whether `alert` passes.
    pub fn matches(&self, alert: &AlertView) -> bool {
        fn given(value: &Option<String>) -> Option<&str> {
            value.as_deref().map(str::trim).filter(|v| !v.is_empty())
        }
        if let Some(story) = given(&self.story) {
            if alert.story_id != story {
                return false;
            }
        }
        if let Some(kind) = given(&self.kind) {
            let reason = match alert.reason {
                AlertReason::NewClaim => "new_claim",
                AlertReason::ValueChanged => "value_changed",
            };
            if reason != kind {
                return false;
            }
        }
        if let Some(entity) = given(&self.entity) {
            let wanted = entity.to_lowercase();
            if !alert
                .entities
                .iter()
                .any(|name| name.to_lowercase().contains(&wanted))
            {
                return false;
            }
        }
        true
    }
}

/// Counts of what the view applied.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    /// Records applied, by topic suffix.
    pub records: BTreeMap<String, u64>,
    /// Records that did not parse.
    pub unreadable: u64,
    /// Stories held.
    pub stories: usize,
    /// Articles held.
    pub articles: usize,
    /// Alerts held.
    pub alerts: usize,
}

/// The whole view.
#[derive(Debug, Default)]
pub struct View {
    limits: Limits,
    stories: HashMap<Arc<str>, StoryView>,
    articles: HashMap<Arc<str>, ArticleView>,
    alerts: VecDeque<AlertView>,
    alert_ids: HashSet<String>,
    /// Articles per minute by arrival (fetched_at), Unix minute → count.
    throughput: BTreeMap<i64, u32>,
    counted: HashSet<Arc<str>>,
    /// Interned strings (source ids, languages, entity ids and names, claim keys).
    strings: HashSet<Arc<str>>,
    /// The latest arrival time seen: the view's clock (so a replay of old
    /// records ranks and ages them as they were).
    clock: Option<DateTime<Utc>>,
    counts: Counts,
}

impl View {
    /// An empty view with `limits`.
    pub fn new(limits: Limits) -> View {
        View {
            limits,
            ..View::default()
        }
    }

    fn intern(&mut self, text: &str) -> Arc<str> {
        if let Some(found) = self.strings.get(text) {
            return found.clone();
        }
        let shared: Arc<str> = Arc::from(text);
        self.strings.insert(shared.clone());
        shared
    }

    fn count(&mut self, topic: &str) {
        *self.counts.records.entry(topic.to_string()).or_default() += 1;
    }

    fn advance_clock(&mut self, time: DateTime<Utc>) {
        if self.clock.is_none_or(|clock| time > clock) {
            self.clock = Some(time);
        }
    }

    /// The view's clock: the latest arrival seen, else now.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.unwrap_or_else(Utc::now)
    }

    /// Applies one record given as JSON from topic `suffix` (`articles`,
    /// `extractions`, `claims`, `alerts`, `stories`). Returns the alert
    /// when the record was a new one.
    pub fn apply_json(&mut self, suffix: &str, payload: &[u8]) -> Option<AlertView> {
        let result = match suffix {
            "articles" => serde_json::from_slice(payload)
                .map(|a| self.apply_article(a))
                .map(|_| None),
            "extractions" => serde_json::from_slice(payload)
                .map(|e| self.apply_extraction(e))
                .map(|_| None),
            "claims" => serde_json::from_slice(payload)
                .map(|c| self.apply_claim(c))
                .map(|_| None),
            "alerts" => serde_json::from_slice(payload).map(|a| self.apply_alert(a, Utc::now())),
            "stories" => serde_json::from_slice(payload)
                .map(|s| self.apply_story(s))
                .map(|_| None),
            _ => return None,
        };
        match result {
            Ok(alert) => {
                self.count(suffix);
                alert
            }
            Err(error) => {
                self.counts.unreadable += 1;
                tracing::debug!(topic = suffix, %error, "record the page cannot read");
                None
            }
        }
    }

    fn story_mut(&mut self, story_id: &str) -> &mut StoryView {
        let key = self.intern(story_id);
        self.stories.entry(key).or_default()
    }

    /// An article record: its title, link, source and times.
    pub fn apply_article(&mut self, article: Article) {
        let id = self.intern(&article.article_id);
        let source = self.intern(&article.source.id);
        let language = article.language.as_deref().map(|l| self.intern(l));
        let view = self.articles.entry(id.clone()).or_default();
        view.title = Some(article.title.into_boxed_str());
        view.url = article
            .canonical_url
            .or(article.url)
            .map(String::into_boxed_str);
        view.source = Some(source);
        view.language = language;
        view.published_at = article.published_at.map(|at| at.with_timezone(&Utc));
        view.fetched_at = Some(article.fetched_at);
        let story = view.story_id.clone();
        if self.counted.insert(id) {
            let minute = article.fetched_at.timestamp().div_euclid(60);
            *self.throughput.entry(minute).or_default() += 1;
            let oldest = minute - THROUGHPUT_MINUTES;
            while let Some((&first, _)) = self.throughput.first_key_value() {
                if first >= oldest {
                    break;
                }
                self.throughput.remove(&first);
            }
        }
        self.advance_clock(article.fetched_at);
        if let Some(story) = story {
            self.touch(&story, article.fetched_at);
        }
    }

    fn touch(&mut self, story_id: &str, time: DateTime<Utc>) {
        if let Some(story) = self.stories.get_mut(story_id) {
            if story.last_activity.is_none_or(|last| time > last) {
                story.last_activity = Some(time);
            }
        }
    }

    /// An extraction: which story the article is in, its entities and quotes.
    pub fn apply_extraction(&mut self, extraction: Extraction) {
        let id = self.intern(&extraction.article_id);
        let mut entities: Vec<(&ticker_model::Entity, usize)> = extraction
            .entities
            .iter()
            .map(|entity| (entity, entity.mentions.len()))
            .collect();
        entities.sort_by_key(|entity| std::cmp::Reverse(entity.1));
        let names: HashMap<&str, &str> = extraction
            .entities
            .iter()
            .map(|entity| (entity.entity_id.as_str(), entity.name.as_str()))
            .collect();
        let entity_refs: Vec<EntityRef> = entities
            .iter()
            .take(ENTITIES_PER_ARTICLE)
            .map(|(entity, _)| EntityRef {
                id: self.intern(&entity.entity_id),
                name: self.intern(&entity.name),
                kind: entity.entity_type,
            })
            .collect();
        let quotes: Vec<QuoteView> = extraction
            .quotes
            .iter()
            .take(QUOTES_PER_ARTICLE)
            .map(|quote| QuoteView {
                text: shorten(&quote.text, QUOTE_CHARS),
                speaker: quote
                    .speaker
                    .as_deref()
                    .and_then(|id| names.get(id).map(|name| name.to_string()))
                    .or_else(|| quote.speaker_text.clone()),
                direct: quote.direct,
                article_id: extraction.article_id.clone(),
            })
            .collect();
        let story = extraction.story_id.as_deref().map(|s| self.intern(s));
        let view = self.articles.entry(id.clone()).or_default();
        view.entities = entity_refs;
        view.quotes = quotes;
        let before = std::mem::replace(&mut view.story_id, story.clone());
        let arrived = view.fetched_at;
        if before != story {
            if let Some(before) = before {
                if let Some(old) = self.stories.get_mut(&before) {
                    old.articles.retain(|article| *article != id);
                }
            }
            if let Some(story) = &story {
                self.story_mut(story).articles.push(id.clone());
            }
        }
        if let (Some(story), Some(arrived)) = (story, arrived) {
            self.touch(&story, arrived);
        }
    }

    /// A claim: quantities and statements become points of their timeline;
    /// quotes are listed from the extraction instead.
    pub fn apply_claim(&mut self, claim: Claim) {
        if claim.kind == ClaimKind::Quote {
            return;
        }
        // Values that can be one claim share a timeline: the same thing
        // said of the same thing counted, in the same kind of time scope
        // (a day's count apart from the running total, background apart).
        // Place and actor are left out: the story's claims are mostly of
        // one place, and a part one article leaves unsaid agrees with any.
        let scope = match claim.scope.as_deref() {
            None | Some("total") => "total",
            Some(other) => other,
        };
        let key_text = [
            claim.predicate.as_str(),
            &claim.subject,
            claim.about.as_deref().unwrap_or(""),
            scope,
        ]
        .join("|");
        let key = self.intern(&key_text);
        let label = match claim.object.as_deref().filter(|o| !o.is_empty()) {
            Some(object) => format!("{}: {object}", claim.predicate),
            None => format!("{} ({})", claim.predicate, claim.subject),
        };
        let label = self.intern(&label);
        let article_id = self.intern(&claim.article_id);
        let point = ClaimPoint {
            claim_id: claim.claim_id.into_boxed_str(),
            article_id,
            key,
            label,
            value: claim.value.into_boxed_str(),
            status: claim.status,
            previous: claim.previous.map(String::into_boxed_str),
        };
        let story = self.story_mut(&claim.story_id);
        if let Some(existing) = story
            .claims
            .iter_mut()
            .find(|p| p.claim_id == point.claim_id)
        {
            *existing = point;
        } else if story.claims.len() < CLAIMS_PER_STORY {
            story.claims.push(point);
        }
    }

    /// A story's latest state.
    pub fn apply_story(&mut self, story: Story) {
        let last_seen = story.last_seen;
        self.advance_clock(last_seen);
        let view = self.story_mut(&story.story_id.clone());
        if view.last_activity.is_none_or(|last| last_seen > last) {
            view.last_activity = Some(last_seen);
        }
        view.record = Some(story);
        self.evict();
    }

    /// An alert; returns it (with what the view knows of its story and
    /// article) when it is new.
    pub fn apply_alert(&mut self, alert: Alert, received_at: DateTime<Utc>) -> Option<AlertView> {
        if !self.alert_ids.insert(alert.alert_id.clone()) {
            return None;
        }
        let story = self.stories.get(alert.story_id.as_str());
        let story_label = story
            .and_then(|s| s.record.as_ref())
            .map(|r| r.label.clone());
        let mut entities: Vec<String> = story
            .and_then(|s| s.record.as_ref())
            .map(|r| r.top_entities.iter().map(|e| e.name.clone()).collect())
            .unwrap_or_default();
        let article = self.articles.get(alert.article_id.as_str());
        if let Some(article) = article {
            for entity in &article.entities {
                if !entities.iter().any(|name| **name == *entity.name) {
                    entities.push(entity.name.to_string());
                }
            }
        }
        let view = AlertView {
            alert_id: alert.alert_id,
            story_id: alert.story_id,
            story_label,
            claim_id: alert.claim_id,
            article_id: alert.article_id,
            article_title: article.and_then(|a| a.title.as_deref().map(str::to_string)),
            article_url: article.and_then(|a| a.url.as_deref().map(str::to_string)),
            reason: alert.reason,
            summary: alert.summary,
            previous: alert.previous,
            current: alert.current,
            received_at,
            entities,
        };
        self.alerts.push_front(view.clone());
        while self.alerts.len() > self.limits.max_alerts {
            if let Some(old) = self.alerts.pop_back() {
                self.alert_ids.remove(&old.alert_id);
            }
        }
        Some(view)
    }

    /// `alert` with what the view now knows of its story and article (an
    /// alert may be read before its article or story record).
    pub fn enrich(&self, alert: &AlertView) -> AlertView {
        let mut alert = alert.clone();
        let story = self
            .stories
            .get(alert.story_id.as_str())
            .and_then(|s| s.record.as_ref());
        if let Some(story) = story {
            alert.story_label = Some(story.label.clone());
            for entity in &story.top_entities {
                if !alert.entities.contains(&entity.name) {
                    alert.entities.push(entity.name.clone());
                }
            }
        }
        if let Some(article) = self.articles.get(alert.article_id.as_str()) {
            if alert.article_title.is_none() {
                alert.article_title = article.title.as_deref().map(str::to_string);
                alert.article_url = article.url.as_deref().map(str::to_string);
            }
            for entity in &article.entities {
                if !alert.entities.iter().any(|name| **name == *entity.name) {
                    alert.entities.push(entity.name.to_string());
                }
            }
        }
        alert
    }

    /// Whether the article of `alert` has arrived.
    pub fn knows_article(&self, alert: &AlertView) -> bool {
        self.articles
            .get(alert.article_id.as_str())
            .is_some_and(|article| article.title.is_some())
    }

    /// Drops stories beyond the window or the cap (least recent first),
    /// with their articles.
    fn evict(&mut self) {
        let horizon = self.now() - self.limits.window;
        let over = self.stories.len() > self.limits.max_stories;
        let stale = |story: &StoryView| story.last_activity.is_some_and(|t| t < horizon);
        // The window check runs when the cap is reached, or now and then
        // (each 1,024 stories applied), so it stays cheap.
        let records = self.counts.records.get("stories").copied().unwrap_or(0);
        if !over && records % 1024 != 0 {
            return;
        }
        let mut gone: Vec<Arc<str>> = self
            .stories
            .iter()
            .filter(|(_, story)| stale(story))
            .map(|(id, _)| id.clone())
            .collect();
        if self.stories.len() - gone.len() > self.limits.max_stories {
            let mut by_age: Vec<(Option<DateTime<Utc>>, Arc<str>)> = self
                .stories
                .iter()
                .filter(|(_, story)| !stale(story))
                .map(|(id, story)| (story.last_activity, id.clone()))
                .collect();
            by_age.sort();
            let excess = self.stories.len() - gone.len() - self.limits.max_stories;
            gone.extend(by_age.into_iter().take(excess).map(|(_, id)| id));
        }
        for id in gone {
            if let Some(story) = self.stories.remove(&id) {
                for article in story.articles {
                    self.articles.remove(&article);
                    self.counted.remove(&article);
                }
            }
        }
    }

    fn summary(&self, id: &str, story: &StoryView) -> StorySummary {
        let now = self.now();
        let recent_from = now - Duration::hours(6);
        let mut activity: BTreeMap<i64, u32> = BTreeMap::new();
        let mut recent = 0;
        let mut sources = HashSet::new();
        let mut languages: Vec<String> = Vec::new();
        let mut first: Option<DateTime<Utc>> = None;
        let mut last: Option<DateTime<Utc>> = None;
        for article in story.articles.iter().filter_map(|id| self.articles.get(id)) {
            if let Some(arrived) = article.fetched_at {
                *activity
                    .entry(arrived.timestamp().div_euclid(3600) * 3600)
                    .or_default() += 1;
                if arrived >= recent_from {
                    recent += 1;
                }
                first = Some(first.map_or(arrived, |f| f.min(arrived)));
                last = Some(last.map_or(arrived, |l| l.max(arrived)));
            }
            if let Some(source) = &article.source {
                sources.insert(source.clone());
            }
            if let Some(language) = &article.language {
                if !languages.iter().any(|l| **l == **language) {
                    languages.push(language.to_string());
                }
            }
        }
        let record = story.record.as_ref();
        StorySummary {
            story_id: id.to_string(),
            label: record
                .map(|r| r.label.clone())
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| format!("Story {id}")),
            article_count: record
                .map_or(0, |r| r.article_count)
                .max(story.articles.len() as u32),
            source_count: record
                .map_or(0, |r| r.source_count)
                .max(sources.len() as u32),
            languages: record
                .map(|r| r.languages.clone())
                .filter(|l| !l.is_empty())
                .unwrap_or(languages),
            claim_count: record.map_or(0, |r| r.claim_count),
            first_seen: record.map(|r| r.first_seen).or(first),
            last_seen: record.map(|r| r.last_seen).or(last),
            recent_articles: recent,
            activity: contiguous(activity),
        }
    }

    /// Stories ranked by recent activity: articles of the last six hours,
    /// then the latest activity. `limit` of them from `offset`.
    pub fn stories(&self, offset: usize, limit: usize) -> (usize, Vec<StorySummary>) {
        let now = self.now();
        let recent_from = now - Duration::hours(6);
        // (articles of the last six hours, latest activity, id)
        type Rank<'a> = (u32, Option<DateTime<Utc>>, &'a Arc<str>);
        let mut ranked: Vec<Rank> = self
            .stories
            .iter()
            .filter(|(_, story)| story.record.is_some() || !story.articles.is_empty())
            .map(|(id, story)| {
                let recent = story
                    .articles
                    .iter()
                    .filter_map(|a| self.articles.get(a)?.fetched_at)
                    .filter(|t| *t >= recent_from)
                    .count() as u32;
                (recent, story.last_activity, id)
            })
            .collect();
        let total = ranked.len();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
        let rows = ranked
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|(_, _, id)| self.summary(id, &self.stories[id]))
            .collect();
        (total, rows)
    }

    /// One story, whole; `None` when unknown.
    pub fn story(&self, story_id: &str) -> Option<StoryDetail> {
        let story = self.stories.get(story_id)?;
        let summary = self.summary(story_id, story);
        let mut articles: Vec<ArticleRow> = story
            .articles
            .iter()
            .map(|id| {
                let article = self.articles.get(id);
                ArticleRow {
                    article_id: id.to_string(),
                    title: article
                        .and_then(|a| a.title.as_deref())
                        .filter(|t| !t.is_empty())
                        .map_or_else(|| format!("Article {id}"), str::to_string),
                    url: article.and_then(|a| a.url.as_deref().map(str::to_string)),
                    source: article.and_then(|a| a.source.as_deref().map(str::to_string)),
                    language: article.and_then(|a| a.language.as_deref().map(str::to_string)),
                    time: article.and_then(ArticleView::time),
                }
            })
            .collect();
        articles.sort_by(|a, b| a.time.cmp(&b.time).then(a.article_id.cmp(&b.article_id)));

        let mut timelines: Vec<ClaimTimeline> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut labels: HashMap<(usize, &str), usize> = HashMap::new();
        for point in &story.claims {
            let article = self.articles.get(&point.article_id);
            let at = *index.entry(&point.key).or_insert_with(|| {
                timelines.push(ClaimTimeline {
                    key: ticker_model::short_id([&*point.key]),
                    label: point.label.to_string(),
                    changed: false,
                    values: Vec::new(),
                });
                timelines.len() - 1
            });
            *labels.entry((at, &*point.label)).or_default() += 1;
            let timeline = &mut timelines[at];
            timeline.changed |= point.status == ClaimStatus::Changed;
            timeline.values.push(ClaimValue {
                time: article.and_then(ArticleView::time),
                value: point.value.to_string(),
                number: plot_number(&point.value),
                status: point.status,
                previous: point.previous.as_deref().map(str::to_string),
                source: article.and_then(|a| a.source.as_deref().map(str::to_string)),
                article_id: point.article_id.to_string(),
                article_title: article.and_then(|a| a.title.as_deref().map(str::to_string)),
            });
        }
        // The label most of its values carry names a timeline, one that
        // says what is counted ("killed: Menschen") before a bare one.
        let mut best: HashMap<usize, (bool, usize, &str)> = HashMap::new();
        for ((at, label), count) in labels {
            let rank = (label.contains(':'), count, label);
            let entry = best.entry(at).or_insert(rank);
            if (rank.0, rank.1, std::cmp::Reverse(rank.2))
                > (entry.0, entry.1, std::cmp::Reverse(entry.2))
            {
                *entry = rank;
            }
        }
        for (at, timeline) in timelines.iter_mut().enumerate() {
            if let Some((_, _, label)) = best.get(&at) {
                timeline.label = label.to_string();
            }
            timeline.values.sort_by_key(|value| value.time);
        }
        // Changed claims first, then those carried most often.
        timelines.sort_by(|a, b| {
            b.changed
                .cmp(&a.changed)
                .then(b.values.len().cmp(&a.values.len()))
                .then(a.label.cmp(&b.label))
        });

        let mut quotes: Vec<QuoteView> = Vec::new();
        let mut counts: HashMap<&str, (EntityRef, u32)> = HashMap::new();
        for row in articles.iter().rev() {
            let Some(article) = self.articles.get(row.article_id.as_str()) else {
                continue;
            };
            quotes.extend(article.quotes.iter().cloned());
            for entity in &article.entities {
                counts
                    .entry(&entity.id)
                    .or_insert_with(|| (entity.clone(), 0))
                    .1 += 1;
            }
        }
        let mut entities: Vec<EntityCount> = counts
            .into_values()
            .map(|(entity, articles)| EntityCount {
                entity_id: entity.id.to_string(),
                name: entity.name.to_string(),
                entity_type: entity.kind,
                articles,
            })
            .collect();
        entities.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));
        let alerts = self
            .alerts
            .iter()
            .filter(|alert| alert.story_id == story_id)
            .map(|alert| self.enrich(alert))
            .collect();
        Some(StoryDetail {
            summary,
            articles,
            claims: timelines,
            quotes,
            entities,
            alerts,
        })
    }

    /// Alerts passing `filter`, newest first, at most `limit`.
    pub fn alerts(&self, filter: &AlertFilter, limit: usize) -> Vec<AlertView> {
        self.alerts
            .iter()
            .map(|alert| self.enrich(alert))
            .filter(|alert| filter.matches(alert))
            .take(limit)
            .collect()
    }

    /// Articles per minute over the last `minutes` of the view's clock:
    /// (minute start as Unix seconds, count), every minute present.
    pub fn throughput(&self, minutes: i64) -> Vec<(i64, u32)> {
        let end = self.now().timestamp().div_euclid(60);
        (end - minutes + 1..=end)
            .map(|minute| {
                (
                    minute * 60,
                    self.throughput.get(&minute).copied().unwrap_or(0),
                )
            })
            .collect()
    }

    /// What the view holds.
    pub fn counts(&self) -> Counts {
        Counts {
            stories: self.stories.len(),
            articles: self.articles.len(),
            alerts: self.alerts.len(),
            ..self.counts.clone()
        }
    }
}

/// Articles per hour with the empty hours filled in (and one on each
/// side), or per day when the story spans more than two weeks.
fn contiguous(hours: BTreeMap<i64, u32>) -> Vec<(i64, u32)> {
    let (Some((&first, _)), Some((&last, _))) = (hours.first_key_value(), hours.last_key_value())
    else {
        return Vec::new();
    };
    let step = if last - first > 14 * 86_400 {
        86_400
    } else {
        3_600
    };
    let mut buckets: BTreeMap<i64, u32> = BTreeMap::new();
    for (hour, count) in hours {
        *buckets.entry(hour.div_euclid(step) * step).or_default() += count;
    }
    let start = first.div_euclid(step) * step - step;
    let end = last.div_euclid(step) * step + step;
    (0..=(end - start) / step)
        .map(|i| {
            let at = start + i * step;
            (at, buckets.get(&at).copied().unwrap_or(0))
        })
        .collect()
}

/// The number to plot for a claim value: `164`, `~10000` and `>=2000` plot
/// as themselves, a range `200-999` as its middle, a date as nothing.
pub fn plot_number(value: &str) -> Option<f64> {
    let value = value.trim().trim_start_matches(['~', '>', '<', '=']);
    if let Ok(number) = value.parse::<f64>() {
        return number.is_finite().then_some(number);
    }
    let (low, high) = value.split_once('-')?;
    let (low, high) = (low.parse::<f64>().ok()?, high.parse::<f64>().ok()?);
    (low.is_finite() && high.is_finite() && low <= high).then_some((low + high) / 2.0)
}

fn shorten(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests;
