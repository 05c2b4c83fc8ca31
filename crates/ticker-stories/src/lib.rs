//! Stories: online clustering of articles into stories, and claim novelty.
//!
//! Every extraction joins an existing story or opens a new one, in arrival
//! order, with no look-ahead (see `docs/stories.md` for the algorithm and
//! its knobs):
//!
//! - an article is a TF-IDF vector of its content words (title twice;
//!   document frequencies learnt online) plus the set of its PER/ORG/LOC
//!   entity ids, which are language-independent;
//! - candidate stories share one of the article's heaviest terms or one of
//!   its entities (an inverted index, so cost does not grow with the number
//!   of live stories) and are not dormant: their last article is at most
//!   `dormant_after_hours` away from this one;
//! - the score is the cosine to the story's centroid plus a bonus per
//!   shared entity; the best story at or above `threshold` wins, otherwise
//!   the article opens a story;
//! - the story's claims judge the article's claims ([`novelty`]): new,
//!   corroborated (counting distinct sources) or changed, and a story that
//!   existed before the article raises alerts by the configured rules.
//!
//! State is per story ([`StoryState`], serialisable) so that the pipeline
//! can persist each story after Kafka acknowledged its records, and reload
//! the live ones at start.

#![deny(missing_docs)]

pub mod metrics;
pub mod novelty;
pub mod terms;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ticker_model::{
    short_id, Alert, AlertReason, Article, ClaimKind, ClaimStatus, EntityType, Extraction, Record,
    Story, StoryEntity,
};

use crate::novelty::StoredClaim;
use crate::terms::{FastMap, Sparse, TermCounter, TermVector, Vocabulary};

/// Clustering and alerting knobs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StoryConfig {
    /// Lowest score with which an article joins a story.
    pub threshold: f32,
    /// Score added per entity the article shares with the story.
    pub entity_bonus: f32,
    /// Most entity bonus an article can get.
    pub max_entity_bonus: f32,
    /// A story whose last article is longer ago than this is dormant: only
    /// an article scoring at least `revive_threshold` joins it again.
    pub dormant_after_hours: i64,
    /// Lowest score with which an article revives a dormant story.
    pub revive_threshold: f32,
    /// A story quiet for longer than this is archived: only an article
    /// scoring at least `archive_threshold` joins it, and such a late
    /// article does not make the story recent again (so that one strong
    /// follow-up a year on does not reopen the story to everything near it).
    pub archive_after_hours: i64,
    /// Lowest score with which an article joins an archived story.
    pub archive_threshold: f32,
    /// A story quiet for longer than this leaves memory and attracts
    /// nothing more (memory is bounded by this window, not by history).
    pub evict_after_hours: i64,
    /// Terms kept per article vector.
    pub article_terms: usize,
    /// Terms kept per story centroid.
    pub story_terms: usize,
    /// Latest articles a story keeps for member similarity (0: centroid only).
    pub members: usize,
    /// Terms kept per member vector.
    pub member_terms: usize,
    /// Weight of the best member similarity against the centroid's.
    pub member_weight: f32,
    /// Raise `new_claim` alerts (for the kinds below) in existing stories.
    pub alert_new_claims: bool,
    /// Claim kinds that raise alerts: quantity, statement, quote.
    pub alert_kinds: Vec<ClaimKind>,
    /// Categories of quantity and statement claims that raise alerts (the
    /// claim's predicate: `killed`, `money`, `end_date`, …): the kinds of
    /// numbers people watch. Measures (lengths, storage, power) and ages
    /// make claims but no alerts. Quote claims are not filtered by this.
    pub alert_categories: Vec<String>,
    /// Smallest relative change of a quantity (0.1 = 10 %) or change of a
    /// date in days that raises a `value_changed` alert.
    pub min_change: f64,
}

impl Default for StoryConfig {
    fn default() -> Self {
        StoryConfig {
            threshold: 0.15,
            entity_bonus: 0.05,
            max_entity_bonus: 0.15,
            dormant_after_hours: 96,
            revive_threshold: 0.2,
            archive_after_hours: 365 * 24,
            archive_threshold: 0.4,
            evict_after_hours: 3 * 365 * 24,
            article_terms: 100,
            story_terms: 100,
            members: 2,
            member_terms: 30,
            member_weight: 1.0,
            alert_new_claims: true,
            alert_kinds: vec![ClaimKind::Quantity, ClaimKind::Statement],
            alert_categories: DEFAULT_ALERT_CATEGORIES
                .iter()
                .map(|category| category.to_string())
                .collect(),
            min_change: 0.05,
        }
    }
}

/// The claim categories that alert by default: casualties, arrests,
/// troops, people displaced, protesters, money and shares in a stated
/// context, and the dates of withdrawals, deployments, meetings and visits.
pub const DEFAULT_ALERT_CATEGORIES: &[&str] = &[
    "killed",
    "injured",
    "arrested",
    "troops",
    "displaced",
    "protesters",
    "money",
    "percent",
    "start_date",
    "end_date",
];

/// An entity as a story counts it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityTally {
    /// Display name: the most frequent surface form.
    pub name: String,
    /// Type.
    pub entity_type: EntityType,
    /// Articles that mention it.
    pub articles: u32,
    /// Surface forms and how often they were the first mention.
    pub forms: BTreeMap<String, u32>,
    /// Salience summed over the story's articles (see [`salience`]).
    #[serde(default)]
    pub salience: f32,
    /// The story's article count when the entity was first seen: ties of
    /// salience go to the entity the story had first.
    #[serde(default)]
    pub first_article: u32,
}

/// Everything a story remembers; persisted per story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryState {
    /// Stable id (the id of its first article's story seed).
    pub story_id: String,
    /// Time of its first article (publication, else fetch time).
    pub first_seen: DateTime<Utc>,
    /// Time of its latest article.
    pub last_seen: DateTime<Utc>,
    /// Summed article vectors, heaviest `story_terms` kept.
    pub centroid: BTreeMap<String, f32>,
    /// Entities by id.
    pub entities: BTreeMap<String, EntityTally>,
    /// Articles in the story.
    pub articles: BTreeSet<String>,
    /// Distinct sources.
    pub sources: BTreeSet<String>,
    /// Languages of its articles.
    pub languages: BTreeSet<String>,
    /// Claims carried so far.
    pub claims: Vec<StoredClaim>,
    /// The latest day-precise date its articles were published or dated.
    pub reference_date: Option<chrono::NaiveDate>,
    /// Earliest known event time of its articles (publication or date),
    /// which the dormancy windows use; None when no article had one.
    #[serde(default)]
    pub event_first: Option<DateTime<Utc>>,
    /// Latest known event time of its articles.
    #[serde(default)]
    pub event_last: Option<DateTime<Utc>>,
    /// The heaviest terms of its latest articles: an article close to one
    /// of them joins even when the centroid has drifted to other angles.
    #[serde(default)]
    pub members: Vec<TermVector>,
    /// The entity ids the label names, once set (see [`StoryState::label`]).
    #[serde(default)]
    pub label_entities: Vec<String>,
    /// The headline of the story's first article, shortened: the label of a
    /// story whose articles name nothing (a language without an extractor
    /// model, a page of no names).
    #[serde(default)]
    pub headline: Option<String>,
}

impl StoryState {
    /// A story opened at `time` by an article headlined `title`, before
    /// the article is added.
    pub fn opened(story_id: String, time: DateTime<Utc>, title: &str) -> Self {
        StoryState {
            story_id,
            first_seen: time,
            last_seen: time,
            centroid: BTreeMap::new(),
            entities: BTreeMap::new(),
            articles: BTreeSet::new(),
            sources: BTreeSet::new(),
            languages: BTreeSet::new(),
            claims: Vec::new(),
            reference_date: None,
            event_first: None,
            event_last: None,
            members: Vec::new(),
            label_entities: Vec::new(),
            headline: short_headline(title),
        }
    }

    /// The label: the names of the entities in `label_entities`, else the
    /// first article's headline, else the story's three heaviest terms.
    pub fn label(&self) -> String {
        let names: Vec<&str> = self
            .label_entities
            .iter()
            .filter_map(|id| self.entities.get(id))
            .map(|tally| tally.name.as_str())
            .collect();
        if !names.is_empty() {
            return names.join("/");
        }
        // A story restored from a state written before labels were kept.
        let candidates: Vec<&str> = self
            .label_candidates()
            .into_iter()
            .map(|(_, tally)| tally.name.as_str())
            .collect();
        if !candidates.is_empty() {
            return candidates.join("/");
        }
        if let Some(headline) = self.headline.as_deref().filter(|h| !h.is_empty()) {
            return headline.to_string();
        }
        let mut terms: TermVector = self
            .centroid
            .iter()
            .filter(|(term, _)| term.chars().any(char::is_alphabetic))
            .map(|(t, w)| (t.clone(), *w))
            .collect();
        terms.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        terms.truncate(3);
        terms
            .into_iter()
            .map(|(term, _)| term)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The story's `count` most salient places (entity ids).
    fn places(&self, count: usize) -> Vec<String> {
        let mut places: Vec<(&String, &EntityTally)> = self
            .entities
            .iter()
            .filter(|(_, tally)| tally.entity_type == EntityType::Location)
            .collect();
        places.sort_by(|a, b| {
            b.1.salience
                .total_cmp(&a.1.salience)
                .then_with(|| a.0.cmp(b.0))
        });
        places
            .into_iter()
            .take(count)
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// Whether a count is a part of what the story already counts: a named
    /// group ("10 children", "10 Americans") no larger than the story's
    /// count of the same category, or an unnamed count at most half of it
    /// ("five of the dead were relatives", "one person died" beside a toll
    /// of 84). It is a claim, but no alert: the toll has not changed.
    fn is_part(&self, claim: &ticker_model::Claim) -> bool {
        if claim.kind != ClaimKind::Quantity {
            return false;
        }
        let Some(value) = novelty::magnitude(claim.kind, &claim.value) else {
            return false;
        };
        let established = self
            .claims
            .iter()
            .filter(|stored| {
                stored.kind == claim.kind
                    && stored.subject == claim.subject
                    && stored.predicate == claim.predicate
                    && stored.about.is_none()
                    && stored.scope.as_deref() != Some("background")
                    && !novelty::is_vague_value(stored.kind, &stored.value)
            })
            .filter_map(|stored| novelty::magnitude(stored.kind, &stored.value))
            .fold(None, |max: Option<f64>, value| {
                Some(max.map_or(value, |m| m.max(value)))
            });
        let Some(established) = established else {
            return false;
        };
        match claim.about {
            Some(_) => value <= established,
            None => value <= established / 2.0,
        }
    }

    /// The entities a label would name now: the most salient one that can
    /// name a story, then the most salient of another type ("Kasachstan"
    /// and "Tokajew", not two countries), else the second most salient;
    /// ties go to the entity the story had first, then by name.
    fn label_candidates(&self) -> Vec<(&String, &EntityTally)> {
        let mut entities: Vec<(&String, &EntityTally)> = self
            .entities
            .iter()
            .filter(|(_, tally)| can_label(&tally.name))
            .collect();
        entities.sort_by(|a, b| {
            b.1.salience
                .total_cmp(&a.1.salience)
                .then_with(|| a.1.first_article.cmp(&b.1.first_article))
                .then_with(|| a.1.name.cmp(&b.1.name))
        });
        let Some(first) = entities.first().copied() else {
            return Vec::new();
        };
        let second = entities
            .iter()
            .skip(1)
            .find(|(_, tally)| tally.entity_type != first.1.entity_type)
            .or_else(|| entities.get(1))
            .copied();
        std::iter::once(first).chain(second).collect()
    }

    /// Updates the label after an article, by the written rule: a story's
    /// first article sets it; it changes only when the most salient entity
    /// now is not in it and has at least [`LABEL_CHANGE_FACTOR`] times the
    /// salience of the label's first entity. A label does not flicker from
    /// article to article, and a story that has drifted is renamed.
    fn update_label(&mut self) {
        let candidates = self.label_candidates();
        let Some((top_id, top)) = candidates.first() else {
            return;
        };
        let current = self
            .label_entities
            .first()
            .and_then(|id| self.entities.get(id))
            .map(|tally| tally.salience);
        let change = match current {
            None => true,
            Some(_) if self.label_entities.contains(top_id) => {
                // The second place may be filled or refreshed by the same rule.
                self.label_entities.len() < 2
            }
            Some(salience) => top.salience >= LABEL_CHANGE_FACTOR * salience,
        };
        if change {
            self.label_entities = candidates.iter().map(|(id, _)| (*id).clone()).collect();
        }
    }

    /// The story's record for `ticker.stories`.
    pub fn to_record(&self) -> Story {
        let mut entities: Vec<(&String, &EntityTally)> = self.entities.iter().collect();
        entities.sort_by(|a, b| {
            b.1.salience
                .total_cmp(&a.1.salience)
                .then_with(|| b.1.articles.cmp(&a.1.articles))
                .then_with(|| a.1.name.cmp(&b.1.name))
        });
        Story {
            schema: Story::SCHEMA.to_string(),
            story_id: self.story_id.clone(),
            label: self.label(),
            first_seen: self.first_seen,
            last_seen: self.last_seen,
            article_count: self.articles.len() as u32,
            source_count: self.sources.len() as u32,
            languages: self.languages.iter().cloned().collect(),
            top_entities: entities
                .into_iter()
                .take(10)
                .map(|(id, tally)| StoryEntity {
                    entity_id: id.clone(),
                    name: tally.name.clone(),
                    entity_type: tally.entity_type,
                    articles: tally.articles,
                })
                .collect(),
            claim_count: self.claims.len() as u32,
        }
    }
}

/// The last day a claim's time scope covers (a day, the end of a range of
/// days, the last day of a year or range of years).
fn scope_end(claim: &ticker_model::Claim) -> Option<chrono::NaiveDate> {
    let scope = claim.scope.as_deref()?;
    let last = scope.rsplit('/').next().unwrap_or(scope);
    match last.len() {
        10 => chrono::NaiveDate::parse_from_str(last, "%Y-%m-%d").ok(),
        4 => last
            .parse::<i32>()
            .ok()
            .and_then(|year| chrono::NaiveDate::from_ymd_opt(year, 12, 31)),
        _ => None,
    }
}

/// Days before a story began after which a dated count is another event's.
const BACKGROUND_DAYS: i64 = 30;

/// Whether a claim is background to its story: its time scope ended more
/// than [`BACKGROUND_DAYS`] before the story began ("130 killed in Paris on
/// Nov. 13" in a story of July; "in 2015"), or its place is not one of the
/// story's places ("32 killed at the Brussels airport" in a story about
/// Nice). Background compares with nothing.
fn is_background(
    claim: &ticker_model::Claim,
    scope_end: Option<chrono::NaiveDate>,
    story_start: Option<chrono::NaiveDate>,
    story_places: &[String],
) -> bool {
    if claim.scope.as_deref() == Some("background") {
        return true;
    }
    if let Some(place) = &claim.place {
        if !story_places.is_empty() && !story_places.contains(place) {
            return true;
        }
    }
    match (scope_end, story_start) {
        (Some(end), Some(start)) => end < start - Duration::days(BACKGROUND_DAYS),
        _ => false,
    }
}

/// Whether a claim's time scope ended before the story began ("more than
/// 30 people were killed last week" in a story that began today): it may
/// corroborate what the story carries ("2000 Soldaten … in der
/// vergangenen Woche entsandt"), but it is not news to page anyone about.
fn predates_story(
    scope_end: Option<chrono::NaiveDate>,
    story_start: Option<chrono::NaiveDate>,
) -> bool {
    match (scope_end, story_start) {
        (Some(end), Some(start)) => end < start - Duration::days(1),
        _ => false,
    }
}

/// Whether a claim's category alerts: quotes always (their kind decides);
/// quantities and statements when their category is listed, and money and
/// shares only when they name what they belong to ("price of the iPhone 11
/// Pro", not "price"): on unrelated pages merged by topic, an owner-less
/// "price" compares one product with another.
fn alerts_by_category(claim: &ticker_model::Claim, categories: &[String]) -> bool {
    if claim.kind == ClaimKind::Quote {
        return true;
    }
    if !categories.contains(&claim.predicate) {
        return false;
    }
    if novelty::is_vague_value(claim.kind, &claim.value) {
        // "Dozens injured", "Tausende Soldaten": worth a claim, not a page.
        return false;
    }
    if claim.scope.as_deref() == Some("background") {
        // "50 million deaths in the fourteenth century" is background.
        return false;
    }
    if claim.kind == ClaimKind::Statement
        && !matches!(
            claim.subject.as_str(),
            "military_withdrawal" | "military_deployment"
        )
    {
        // Meetings and visits are claims, but their dates are read off
        // words like "visiting" too easily to page anyone.
        return false;
    }
    match claim.predicate.as_str() {
        "money" | "percent" => claim
            .about
            .as_deref()
            .is_some_and(|about| about.split(' ').count() >= 2),
        _ => true,
    }
}

/// How much more salient than the label's first entity another entity must
/// be to rename a story.
pub const LABEL_CHANGE_FACTOR: f32 = 1.5;

/// A headline of at most ten words, or None when there is none worth a label.
fn short_headline(title: &str) -> Option<String> {
    let words: Vec<&str> = title.split_whitespace().collect();
    // A headline of fewer than two content words ("What we do", "Home")
    // names a page, not a story.
    if terms::words(title).count() < 2 {
        return None;
    }
    let mut headline = words[..words.len().min(10)].join(" ");
    if words.len() > 10 {
        headline.push_str(" …");
    }
    Some(headline)
}

/// Whether a name can be part of a label: two letters or more, and not a
/// code that starts with a digit ("512GB", "4PM"). Function words never
/// reach here: the extractor makes no names of them.
fn can_label(name: &str) -> bool {
    name.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !name.starts_with(|c: char| c.is_ascii_digit())
}

/// How much one article makes of an entity: 1 for being named, 2 more when
/// the headline names it, 1 more when the lead or the opening of the text
/// does, and up to 1 more for naming it again and again. Summed over a
/// story's articles, a name that is in every headline outweighs one named
/// often in a single article.
pub fn salience(entity: &ticker_model::Entity, article: &Article) -> f32 {
    let in_title = entity
        .mentions
        .iter()
        .any(|mention| !mention.text.is_empty() && article.title.contains(mention.text.as_str()));
    let in_lead = article.lead.as_deref().is_some_and(|lead| {
        entity
            .mentions
            .iter()
            .any(|mention| !mention.text.is_empty() && lead.contains(mention.text.as_str()))
    }) || entity
        .mentions
        .first()
        .is_some_and(|mention| mention.start < 400);
    let repeated = (entity.mentions.len().saturating_sub(1) as f32 * 0.25).min(1.0);
    1.0 + if in_title { 2.0 } else { 0.0 } + if in_lead { 1.0 } else { 0.0 } + repeated
}

/// What assigning one article produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// The story it joined or opened.
    pub story_id: String,
    /// Whether it opened the story.
    pub opened: bool,
    /// Whether the article had been assigned before (a replay): nothing changed.
    pub replay: bool,
    /// The extraction's claims (and events) with story id, status, previous and sources.
    pub extraction: Extraction,
    /// Alerts raised.
    pub alerts: Vec<Alert>,
    /// The story's record after the article.
    pub story: Story,
}

/// A live story: its persisted state (whose centroid then holds only the
/// label's terms, and whose members are empty) and the term-id vectors that
/// scoring reads.
#[derive(Debug)]
struct Live {
    meta: StoryState,
    centroid: Sparse,
    norm: f32,
    members: Vec<Sparse>,
}

/// The live stories and their index.
#[derive(Debug, Default)]
pub struct Stories {
    config: StoryConfig,
    vocabulary: Vocabulary,
    /// Live stories by slot; an evicted story leaves an empty slot.
    slots: Vec<Option<Box<Live>>>,
    slot_of: FastMap<String, u32>,
    /// Term id → slots of stories among whose heaviest terms it is.
    term_index: FastMap<u32, Vec<u32>>,
    /// Entity id → slots of stories that mention it.
    entity_index: FastMap<String, Vec<u32>>,
    /// Article id → story id, for replays.
    article_story: FastMap<String, String>,
    newest: Option<DateTime<Utc>>,
    /// No live story's last event is older than this (a bound, exact after
    /// an eviction scan), so that [`Stories::evict_dormant`] need not visit
    /// every story to find that none is due.
    oldest: Option<DateTime<Utc>>,
    since_eviction: usize,
}

const INDEX_TERMS: usize = 12;
const POSTINGS_CAP: usize = 64;
const RESCORED_CANDIDATES: usize = 32;

fn push_posting(postings: &mut Vec<u32>, slot: u32) {
    if !postings.contains(&slot) {
        postings.push(slot);
        if postings.len() > POSTINGS_CAP {
            postings.remove(0);
        }
    }
}

impl Stories {
    /// An empty index.
    pub fn new(config: StoryConfig) -> Self {
        Stories {
            config,
            ..Default::default()
        }
    }

    /// Restores persisted live stories (document frequencies are rebuilt
    /// from their centroids: one document per story).
    pub fn restore(&mut self, states: impl IntoIterator<Item = StoryState>) {
        for state in states {
            for article in &state.articles {
                self.article_story
                    .insert(article.clone(), state.story_id.clone());
            }
            self.newest = self.newest.max(state.event_last);
            let live = self.make_live(state);
            let ids: Vec<u32> = live.centroid.iter().map(|(id, _)| *id).collect();
            self.vocabulary.observe(ids.into_iter());
            self.insert_live(live);
        }
    }

    fn make_live(&mut self, mut state: StoryState) -> Live {
        let mut sparse = |vector: &mut dyn Iterator<Item = (String, f32)>| -> Sparse {
            let mut out: Sparse = vector
                .map(|(term, weight)| (self.vocabulary.intern(&term), weight))
                .collect();
            out.sort_by_key(|(id, _)| *id);
            out
        };
        let centroid = sparse(&mut std::mem::take(&mut state.centroid).into_iter());
        let members = std::mem::take(&mut state.members)
            .into_iter()
            .map(|member| sparse(&mut member.into_iter()))
            .collect();
        let norm = terms::norm(&centroid);
        Live {
            meta: state,
            centroid,
            norm,
            members,
        }
    }

    fn insert_live(&mut self, live: Live) -> u32 {
        let slot = match self.slot_of.get(&live.meta.story_id) {
            Some(slot) => *slot,
            None => {
                let slot = self.slots.len() as u32;
                self.slot_of.insert(live.meta.story_id.clone(), slot);
                self.slots.push(None);
                slot
            }
        };
        self.note_last_event(live.meta.event_last);
        self.slots[slot as usize] = Some(Box::new(live));
        self.index_story(slot);
        slot
    }

    /// Keeps [`Stories::oldest`] a bound below a story's last event.
    fn note_last_event(&mut self, last: Option<DateTime<Utc>>) {
        if let Some(last) = last {
            self.oldest = Some(self.oldest.map_or(last, |oldest| oldest.min(last)));
        }
    }

    fn live_story(&self, slot: u32) -> Option<&Live> {
        self.slots
            .get(slot as usize)
            .and_then(|live| live.as_deref())
    }

    /// Number of live stories.
    pub fn live(&self) -> usize {
        self.slot_of.len()
    }

    /// Number of story slots held: the live stories and the slots left
    /// empty (by a revert) since the last eviction.
    pub fn slots_held(&self) -> usize {
        self.slots.len()
    }

    /// A live story's whole state, as it is persisted.
    pub fn story(&self, story_id: &str) -> Option<StoryState> {
        let live = self.live_story(*self.slot_of.get(story_id)?)?;
        let mut state = live.meta.clone();
        state.centroid = live
            .centroid
            .iter()
            .map(|(id, weight)| (self.vocabulary.word(*id).to_string(), *weight))
            .collect();
        state.members = live
            .members
            .iter()
            .map(|member| {
                member
                    .iter()
                    .map(|(id, weight)| (self.vocabulary.word(*id).to_string(), *weight))
                    .collect()
            })
            .collect();
        Some(state)
    }

    /// The reference date of the story that `article` would join, without
    /// changing anything: lets the pipeline resolve an undated article's
    /// relative dates against its story before the claims are judged.
    pub fn preview_reference_date(
        &self,
        article: &Article,
        extraction: &Extraction,
    ) -> Option<chrono::NaiveDate> {
        self.preview_reference_date_with_terms(article, extraction, &ArticleTerms::of(article))
    }

    /// [`Stories::preview_reference_date`] with the article's terms read
    /// beforehand (by the caller's thread).
    pub fn preview_reference_date_with_terms(
        &self,
        article: &Article,
        extraction: &Extraction,
        terms: &ArticleTerms,
    ) -> Option<chrono::NaiveDate> {
        if let Some(story_id) = self.article_story.get(&article.article_id) {
            return self
                .live_story(*self.slot_of.get(story_id)?)?
                .meta
                .reference_date;
        }
        let counts: Vec<(u32, f32)> = terms
            .counts()
            .iter()
            .filter_map(|(term, count)| self.vocabulary.get(term).map(|id| (id, *count)))
            .collect();
        let vector = self
            .vocabulary
            .vectorize(&counts, self.config.article_terms);
        let (slot, _, _) =
            self.best_story(&vector, &entity_ids(extraction), event_time(article))?;
        self.live_story(slot)?.meta.reference_date
    }

    fn index_story(&mut self, slot: u32) {
        // (The story is read while the indexes change: the fields apart.)
        let Stories {
            slots,
            term_index,
            entity_index,
            ..
        } = self;
        let Some(live) = slots.get(slot as usize).and_then(|live| live.as_deref()) else {
            return;
        };
        for (term, _) in terms::heaviest(&live.centroid, INDEX_TERMS * 2) {
            push_posting(term_index.entry(term).or_default(), slot);
        }
        // A story's entities are indexed again at each of its articles (an
        // entity whose postings dropped the story gets it back); an id is
        // copied only the first time it is indexed.
        for entity in live.meta.entities.keys() {
            match entity_index.get_mut(entity) {
                Some(postings) => push_posting(postings, slot),
                None => {
                    entity_index.insert(entity.clone(), vec![slot]);
                }
            }
        }
    }

    /// The best live story for an article vector, with its score.
    fn best_story(
        &self,
        vector: &Sparse,
        entities: &BTreeSet<String>,
        time: Option<DateTime<Utc>>,
    ) -> Option<(u32, f32, bool)> {
        // Candidates share a heavy term or an entity; the approximate score
        // (summed weights of the shared heavy terms, entities counting fully)
        // picks the few that are scored exactly.
        let mut approximate: FastMap<u32, f32> = FastMap::default();
        for (term, weight) in terms::heaviest(vector, INDEX_TERMS) {
            for slot in self.term_index.get(&term).into_iter().flatten() {
                *approximate.entry(*slot).or_default() += weight;
            }
        }
        for entity in entities {
            for slot in self.entity_index.get(entity).into_iter().flatten() {
                *approximate.entry(*slot).or_default() += 1.0;
            }
        }
        let mut candidates: Vec<(u32, f32)> = approximate.into_iter().collect();
        candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(RESCORED_CANDIDATES);

        let dormant = Duration::hours(self.config.dormant_after_hours);
        let evicted = Duration::hours(self.config.evict_after_hours);
        let archived = Duration::hours(self.config.archive_after_hours);
        terms::with_spread(vector, |dot| {
            // (slot, score, whether the story is archived)
            let mut best: Option<(u32, f32, bool)> = None;
            for (slot, _) in candidates {
                let Some(live) = self.live_story(slot) else {
                    continue;
                };
                let story = &live.meta;
                // Without known times on both sides (a file with no date), only
                // the words and entities decide.
                let gap = match (time, story.event_first, story.event_last) {
                    (Some(time), Some(first), Some(last)) => (time - last).max(first - time),
                    _ => Duration::zero(),
                };
                if gap > evicted || live.norm == 0.0 {
                    continue;
                }
                let required = if gap > archived {
                    self.config.archive_threshold
                } else if gap > dormant {
                    self.config.revive_threshold
                } else {
                    self.config.threshold
                };
                let centroid = dot(&live.centroid) / live.norm;
                let member = live.members.iter().map(dot).fold(0.0f32, f32::max);
                let shared = entities
                    .iter()
                    .filter(|id| story.entities.contains_key(*id))
                    .count() as f32;
                let score = centroid.max(member * self.config.member_weight)
                    + (shared * self.config.entity_bonus).min(self.config.max_entity_bonus);
                if score >= required && best.is_none_or(|(_, best_score, _)| score > best_score) {
                    best = Some((slot, score, gap > archived));
                }
            }
            best
        })
    }

    /// Assigns an article (with its extraction) to a story, judges its
    /// claims and raises alerts. Claims count by the article's source id.
    pub fn assign(&mut self, article: &Article, extraction: &Extraction) -> Assignment {
        self.assign_with_terms(article, extraction, &ArticleTerms::of(article))
    }

    /// [`Stories::assign`] with the article's terms read beforehand (by
    /// the caller's thread: a pipeline's owner of the index then spends
    /// its time on the index alone).
    pub fn assign_with_terms(
        &mut self,
        article: &Article,
        extraction: &Extraction,
        terms: &ArticleTerms,
    ) -> Assignment {
        let time = article_time(article);
        let event = event_time(article);
        let source = article.source.id.clone();
        if let Some(story_id) = self.article_story.get(&article.article_id).cloned() {
            if let Some(live) = self
                .slot_of
                .get(&story_id)
                .and_then(|slot| self.live_story(*slot))
            {
                return Assignment {
                    story_id: story_id.clone(),
                    opened: false,
                    replay: true,
                    extraction: with_story(extraction, &story_id),
                    alerts: Vec::new(),
                    story: live.meta.to_record(),
                };
            }
        }
        let counts: Vec<(u32, f32)> = terms
            .counts()
            .iter()
            .zip(&terms.background)
            .map(|((term, count), share)| (self.vocabulary.intern_with(term, |_| *share), *count))
            .collect();
        self.vocabulary.observe(counts.iter().map(|(id, _)| *id));
        let vector = self
            .vocabulary
            .vectorize(&counts, self.config.article_terms);
        let entities = entity_ids(extraction);
        let (slot, opened, archived) = match self.best_story(&vector, &entities, event) {
            Some((slot, _, archived)) => (slot, false, archived),
            None => {
                let story_id = short_id(["story", article.article_id.as_str()]);
                let meta = StoryState::opened(story_id, time, &article.title);
                let slot = self.insert_live(Live {
                    meta,
                    centroid: Vec::new(),
                    norm: 0.0,
                    members: Vec::new(),
                });
                (slot, true, false)
            }
        };
        let config = self.config.clone();
        let live = self.slots[slot as usize]
            .as_deref_mut()
            .expect("the story is live");
        // Centroid: sum of article vectors, heaviest terms kept; members: the
        // latest articles' heaviest terms.
        terms::add_into(&mut live.centroid, &vector);
        terms::keep_heaviest(&mut live.centroid, config.story_terms);
        live.norm = terms::norm(&live.centroid);
        // While live, the state's own centroid holds only the label's terms.
        live.meta.centroid = terms::heaviest(&live.centroid, 3)
            .into_iter()
            .map(|(id, weight)| (self.vocabulary.word(id).to_string(), weight))
            .collect();
        if config.members > 0 {
            let mut member = vector.clone();
            terms::keep_heaviest(&mut member, config.member_terms);
            terms::normalize(&mut member);
            live.members.push(member);
            if live.members.len() > config.members {
                live.members.remove(0);
            }
        }
        let story = &mut live.meta;
        let story_id = story.story_id.clone();
        let article_count = story.articles.len() as u32;
        for entity in &extraction.entities {
            if entity.entity_type == EntityType::Misc {
                continue;
            }
            let tally = story
                .entities
                .entry(entity.entity_id.clone())
                .or_insert_with(|| EntityTally {
                    name: entity.name.clone(),
                    entity_type: entity.entity_type,
                    articles: 0,
                    forms: BTreeMap::new(),
                    salience: 0.0,
                    first_article: article_count,
                });
            tally.articles += 1;
            tally.salience += salience(entity, article);
            if let Some(first) = entity.mentions.first() {
                // A first mention that is part of the entity's full name
                // ("Van" of "Alexander Van", "Tokajew") counts as the full
                // name; another spelling ("Kasachstan" for "Kazakhstan")
                // keeps the article's word.
                let form = if entity.name.len() > first.text.len()
                    && entity.name.contains(first.text.as_str())
                {
                    entity.name.clone()
                } else {
                    first.text.clone()
                };
                *tally.forms.entry(form).or_default() += 1;
                if let Some((form, _)) = tally
                    .forms
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                {
                    tally.name = form.clone();
                }
            }
        }
        story.update_label();
        story.first_seen = story.first_seen.min(time);
        story.last_seen = story.last_seen.max(time);
        // A late follow-up joins an archived story without making it recent.
        if let Some(event) = event.filter(|_| !archived) {
            story.event_first = Some(story.event_first.map_or(event, |first| first.min(event)));
            story.event_last = Some(story.event_last.map_or(event, |last| last.max(event)));
        }
        let last_event = story.event_last;
        story.articles.insert(article.article_id.clone());
        story.sources.insert(source.clone());
        if let Some(language) = &article.language {
            story.languages.insert(language.clone());
        }
        let day_hint = article
            .date_hint
            .as_deref()
            .and_then(|hint| chrono::NaiveDate::parse_from_str(hint, "%Y-%m-%d").ok());
        if let Some(date) = article.published_at.map(|t| t.date_naive()).or(day_hint) {
            story.reference_date = story.reference_date.max(Some(date));
        }
        // Claims.
        let mut extraction = with_story(extraction, &story_id);
        let mut alerts = Vec::new();
        let label = story.label();
        let story_places = story.places(3);
        let story_start = story.event_first.map(|time| time.date_naive());
        for claim in &mut extraction.claims {
            let end = scope_end(claim);
            if is_background(claim, end, story_start, &story_places) {
                claim.scope = Some("background".to_string());
            }
            let part = story.is_part(claim) || predates_story(end, story_start);
            let judgement = novelty::judge(&mut story.claims, claim, &source);
            claim.status = judgement.status;
            claim.previous = judgement.previous.clone();
            claim.sources = judgement.sources;
            if opened || !config.alert_kinds.contains(&claim.kind) {
                continue;
            }
            if part || !alerts_by_category(claim, &config.alert_categories) {
                continue;
            }
            let reason = match claim.status {
                ClaimStatus::Changed => {
                    let before = claim.previous.as_deref().unwrap_or_default();
                    if novelty::relative_change(claim.kind, before, &claim.value)
                        < config.min_change
                    {
                        continue;
                    }
                    AlertReason::ValueChanged
                }
                ClaimStatus::New if config.alert_new_claims => AlertReason::NewClaim,
                _ => continue,
            };
            alerts.push(Alert {
                schema: Alert::SCHEMA.to_string(),
                alert_id: short_id([story_id.as_str(), claim.claim_id.as_str(), "alert"]),
                story_id: story_id.clone(),
                claim_id: claim.claim_id.clone(),
                article_id: article.article_id.clone(),
                reason,
                summary: summary(&label, claim, article),
                previous: claim.previous.clone(),
                current: claim.value.clone(),
            });
        }
        let record = story.to_record();
        self.article_story
            .insert(article.article_id.clone(), story_id.clone());
        self.note_last_event(last_event);
        self.index_story(slot);
        self.newest = self.newest.max(event);
        self.since_eviction += 1;
        if self.since_eviction >= 1000 {
            self.evict_dormant();
        }
        Assignment {
            story_id,
            opened,
            replay: false,
            extraction,
            alerts,
            story: record,
        }
    }

    /// Puts a story back as it was persisted (after Kafka refused the records
    /// of an assignment), or removes it when it was never persisted, and
    /// forgets the article's assignment so that a retry is judged afresh.
    pub fn revert(&mut self, story_id: &str, article_id: &str, persisted: Option<StoryState>) {
        self.article_story.remove(article_id);
        match persisted {
            Some(state) => {
                let live = self.make_live(state);
                self.insert_live(live);
            }
            None => {
                if let Some(slot) = self.slot_of.remove(story_id) {
                    self.slots[slot as usize] = None;
                }
            }
        }
    }

    /// Drops stories quiet for longer than `evict_after_hours` relative to
    /// the newest article seen (memory is bounded by that window).
    pub fn evict_dormant(&mut self) -> usize {
        self.since_eviction = 0;
        let Some(newest) = self.newest else { return 0 };
        let evicted = Duration::hours(self.config.evict_after_hours);
        if self.oldest.is_none_or(|oldest| newest - oldest <= evicted) {
            // No story's last event is old enough.
            return 0;
        }
        let mut removed = Vec::new();
        // The scan also makes the bound exact: the oldest last event of the
        // stories that stay.
        let mut oldest: Option<DateTime<Utc>> = None;
        for (story_id, slot) in &self.slot_of {
            let last = self.slots[*slot as usize]
                .as_ref()
                .and_then(|live| live.meta.event_last);
            match last {
                Some(last) if newest - last > evicted => removed.push(story_id.clone()),
                Some(last) => oldest = Some(oldest.map_or(last, |oldest| oldest.min(last))),
                None => {}
            }
        }
        self.oldest = oldest;
        if removed.is_empty() {
            return 0;
        }
        for story_id in &removed {
            if let Some(slot) = self.slot_of.remove(story_id) {
                self.slots[slot as usize] = None;
            }
        }
        // The live stories move down to the first slots, in their order
        // (candidates of equal score are taken in slot order, so nothing
        // is judged differently), and the empty slots go: the slots hold
        // live stories only, not one per story ever opened.
        let mut moved = vec![u32::MAX; self.slots.len()];
        let mut next = 0;
        for (slot, live) in self.slots.iter().enumerate() {
            if live.is_some() {
                moved[slot] = next;
                next += 1;
            }
        }
        self.slots.retain(Option::is_some);
        for slot in self.slot_of.values_mut() {
            *slot = moved[*slot as usize];
        }
        let renumber = |postings: &mut Vec<u32>| {
            postings.retain(|slot| moved[*slot as usize] != u32::MAX);
            for slot in postings.iter_mut() {
                *slot = moved[*slot as usize];
            }
            !postings.is_empty()
        };
        self.term_index.retain(|_, postings| renumber(postings));
        self.entity_index.retain(|_, postings| renumber(postings));
        let live = &self.slot_of;
        self.article_story
            .retain(|_, story| live.contains_key(story));
        removed.len()
    }
}

/// The time an article is shown at: publication, else fetch.
pub fn article_time(article: &Article) -> DateTime<Utc> {
    article
        .published_at
        .map_or(article.fetched_at, |at| at.with_timezone(&Utc))
}

/// The time an article tells of, for the dormancy windows: publication, else
/// a day-precise date hint, else the fetch time of a fetched page. A local
/// file read today tells nothing of when its story happened.
pub fn event_time(article: &Article) -> Option<DateTime<Utc>> {
    if let Some(published) = article.published_at {
        return Some(published.with_timezone(&Utc));
    }
    let day = article
        .date_hint
        .as_deref()
        .and_then(|hint| chrono::NaiveDate::parse_from_str(hint, "%Y-%m-%d").ok());
    if let Some(noon) = day.and_then(|day| day.and_hms_opt(12, 0, 0)) {
        return Some(noon.and_utc());
    }
    (article.source.kind != ticker_model::SourceKind::File).then_some(article.fetched_at)
}

/// Persons only: places ("Russland", "USA") and organisations (news
/// agencies, parties, companies, acronyms) recur in too many unrelated
/// stories to say that two articles tell one story. Measured on
/// giveme5w1h-dev: persons only 0.924 B-cubed F1, persons and
/// organisations 0.853, no entities 0.911.
/// Term counts of an article: title (twice), text, and the words of its
/// address's slug once each (a page whose text the normalizer could not
/// find still has its headline in the address).
/// What the story index reads of an article's words: the counts of its
/// content words (the title's twice, the text's, and those of its
/// address's slug), sorted by term. Reading them needs no index, so a
/// pipeline worker gathers them beside the extraction and the index's
/// owner only looks the terms up ([`Stories::assign_with_terms`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleTerms {
    counts: TermVector,
    /// Per term, its [`terms::background_share`] (a table lookup, done
    /// here rather than by the owner when the term is new to the index).
    background: Vec<f32>,
}

impl ArticleTerms {
    /// The terms of `article`.
    pub fn of(article: &Article) -> ArticleTerms {
        let mut counter = TermCounter::default();
        counter.add_text(&article.title, 2.0);
        counter.add_text(&article.text, 1.0);
        let url = article
            .canonical_url
            .as_deref()
            .or(article.url.as_deref())
            .unwrap_or_default();
        for word in terms::slug_words(url) {
            counter.add_word(&word, 1.0);
        }
        let counts = counter.into_sorted();
        let background = counts
            .iter()
            .map(|(term, _)| terms::background_share(term))
            .collect();
        ArticleTerms { counts, background }
    }

    /// The terms with their counts, sorted by term.
    pub fn counts(&self) -> &[(String, f32)] {
        &self.counts
    }
}

fn entity_ids(extraction: &Extraction) -> BTreeSet<String> {
    extraction
        .entities
        .iter()
        // Persons named by one word only ("David", "Müller") are shared by
        // too many people across unrelated stories.
        .filter(|entity| entity.entity_type == EntityType::Person && entity.name.contains(' '))
        .map(|entity| entity.entity_id.clone())
        .collect()
}

fn with_story(extraction: &Extraction, story_id: &str) -> Extraction {
    let mut extraction = extraction.clone();
    extraction.story_id = Some(story_id.to_string());
    for event in &mut extraction.events {
        event.story_id = story_id.to_string();
    }
    for claim in &mut extraction.claims {
        claim.story_id = story_id.to_string();
    }
    extraction
}

/// One line a human reads.
fn summary(label: &str, claim: &ticker_model::Claim, article: &Article) -> String {
    let german = article.language.as_deref() != Some("en");
    let mut predicate = describe(&claim.subject, &claim.predicate, german);
    let mut value = display_value(&claim.value, german);
    match (claim.predicate.as_str(), claim.object.as_deref()) {
        ("money", Some(object)) => {
            predicate = format!("{object}:");
            value = format!("{value} {}", claim.subject);
        }
        ("percent", Some(object)) => {
            predicate = format!("{object}:");
            value = format!("{value} %");
        }
        (_, Some(object)) if claim.about.is_some() => {
            predicate = format!("{} ({object})", predicate.trim_end_matches(':'));
            predicate.push(':');
        }
        _ => {}
    }
    if claim.scope.as_deref() == Some("total") {
        predicate = format!(
            "{} {}",
            predicate.trim_end_matches(':'),
            if german { "insgesamt:" } else { "in total:" }
        );
    }
    let previous = claim
        .previous
        .as_deref()
        .map(|previous| {
            format!(
                " ({} {})",
                if german { "zuvor:" } else { "previously" },
                display_value(previous, german)
            )
        })
        .unwrap_or_default();
    let source = if german { "Quelle" } else { "source" };
    format!(
        "{label}: {predicate} {value}{previous} — {source}: {}",
        article.source.id
    )
}

fn describe(subject: &str, predicate: &str, german: bool) -> String {
    let text = match (subject, predicate, german) {
        ("military_withdrawal", "end_date", true) => "Abzug abgeschlossen bis",
        ("military_withdrawal", "end_date", false) => "withdrawal complete by",
        ("military_withdrawal", "start_date", true) => "Abzug beginnt am",
        ("military_withdrawal", "start_date", false) => "withdrawal starts on",
        ("meeting", _, true) => "Treffen am",
        ("meeting", _, false) => "meeting on",
        ("visit", _, true) => "Besuch am",
        ("visit", _, false) => "visit on",
        ("military_deployment", _, true) => "Truppenentsendung am",
        ("military_deployment", _, false) => "deployment on",
        (_, "killed", true) => "Tote:",
        (_, "killed", false) => "killed:",
        (_, "injured", true) => "Verletzte:",
        (_, "injured", false) => "injured:",
        (_, "arrested", true) => "Festnahmen:",
        (_, "arrested", false) => "arrested:",
        (_, "troops", true) => "Soldaten:",
        (_, "troops", false) => "troops:",
        _ => return format!("{subject} {predicate}:").replace('_', " "),
    };
    text.to_string()
}

fn display_value(value: &str, german: bool) -> String {
    let date = |text: &str| {
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .map(|d| {
                if german {
                    d.format("%d.%m.%Y").to_string()
                } else {
                    d.format("%Y-%m-%d").to_string()
                }
            })
    };
    if let Some(date) = date(value) {
        return date;
    }
    let (prefix, number) = if let Some(rest) = value.strip_prefix(">=") {
        (if german { "mindestens " } else { "at least " }, rest)
    } else if let Some(rest) = value.strip_prefix("<=") {
        (if german { "bis zu " } else { "up to " }, rest)
    } else if let Some(rest) = value.strip_prefix('~') {
        (if german { "rund " } else { "about " }, rest)
    } else {
        ("", value)
    };
    format!("{prefix}{number}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quantity(predicate: &str, value: &str) -> ticker_model::Claim {
        crate::novelty::test_claim(ClaimKind::Quantity, predicate, value)
    }

    fn tally(name: &str, entity_type: EntityType, salience: f32, first: u32) -> EntityTally {
        EntityTally {
            name: name.into(),
            entity_type,
            articles: 1,
            forms: BTreeMap::new(),
            salience,
            first_article: first,
        }
    }

    fn story(entities: &[(&str, EntityTally)]) -> StoryState {
        let mut state = StoryState::opened(
            "s".into(),
            Utc::now(),
            "Abzug ausländischer Truppen aus Kasachstan",
        );
        state.entities = entities
            .iter()
            .map(|(id, tally)| (id.to_string(), tally.clone()))
            .collect();
        state
    }

    #[test]
    fn labels_name_two_types_and_change_only_for_a_clearly_more_salient_name() {
        let mut state = story(&[
            ("kz", tally("Kasachstan", EntityType::Location, 6.0, 0)),
            ("ru", tally("Russland", EntityType::Location, 5.0, 0)),
            ("tk", tally("Tokajew", EntityType::Person, 4.0, 0)),
            ("gb", tally("512GB", EntityType::Organization, 9.0, 0)),
        ]);
        state.update_label();
        assert_eq!(state.label(), "Kasachstan/Tokajew");
        // A little more salience elsewhere does not rename the story…
        state.entities.get_mut("ru").unwrap().salience = 8.0;
        state.update_label();
        assert_eq!(state.label(), "Kasachstan/Tokajew");
        // …1.5 times the label's first name does.
        state.entities.get_mut("ru").unwrap().salience = 9.0;
        state.update_label();
        assert_eq!(state.label(), "Russland/Tokajew");
    }

    #[test]
    fn a_story_without_names_is_labelled_by_its_headline() {
        let state = story(&[]);
        assert_eq!(state.label(), "Abzug ausländischer Truppen aus Kasachstan");
        assert_eq!(
            short_headline("one two three four five six seven eight nine ten eleven").as_deref(),
            Some("one two three four five six seven eight nine ten …")
        );
        assert_eq!(short_headline("What we do"), None);
    }

    #[test]
    fn background_is_another_time_or_place_than_the_story() {
        let start = chrono::NaiveDate::from_ymd_opt(2016, 7, 14);
        let places = vec!["nice".to_string(), "france".to_string()];
        let mut paris = quantity("killed", "130");
        paris.scope = Some("2015-11-13".into());
        assert!(is_background(&paris, scope_end(&paris), start, &places));
        let mut last_week = quantity("killed", ">=30");
        last_week.scope = Some("2016-07-04/2016-07-10".into());
        assert!(!is_background(
            &last_week,
            scope_end(&last_week),
            start,
            &places
        ));
        assert!(predates_story(scope_end(&last_week), start));
        let mut brussels = quantity("killed", "32");
        brussels.place = Some("brussels".into());
        assert!(is_background(
            &brussels,
            scope_end(&brussels),
            start,
            &places
        ));
        let mut today = quantity("killed", "84");
        today.scope = Some("2016-07-14".into());
        today.place = Some("nice".into());
        assert!(!is_background(&today, scope_end(&today), start, &places));
        let plain = quantity("killed", "84");
        assert!(!is_background(&plain, scope_end(&plain), start, &places));
    }

    #[test]
    fn only_watched_precise_owned_claims_alert() {
        let categories: Vec<String> = DEFAULT_ALERT_CATEGORIES
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert!(alerts_by_category(&quantity("killed", "164"), &categories));
        assert!(!alerts_by_category(
            &quantity("killed", "24-99"),
            &categories
        ));
        assert!(!alerts_by_category(&quantity("length", "16"), &categories));
        let mut price = quantity("money", "2400");
        price.about = Some("price".into());
        assert!(!alerts_by_category(&price, &categories));
        price.about = Some("price iphone 11 pro".into());
        assert!(alerts_by_category(&price, &categories));
        let mut old = quantity("killed", ">=50000000");
        old.scope = Some("background".into());
        assert!(!alerts_by_category(&old, &categories));
    }

    #[test]
    fn parts_of_a_toll_do_not_alert() {
        let mut state = story(&[]);
        crate::novelty::judge(&mut state.claims, &quantity("killed", ">=84"), "a");
        let mut children = quantity("killed", "10");
        children.about = Some("children".into());
        assert!(state.is_part(&children));
        assert!(state.is_part(&quantity("killed", "1")));
        assert!(!state.is_part(&quantity("killed", "85")));
        assert!(!state.is_part(&quantity("injured", "18")));
    }
}
