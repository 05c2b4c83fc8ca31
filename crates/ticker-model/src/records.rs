//! The records of the `ticker.*` topics.

use chrono::{DateTime, FixedOffset, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::topics::Topic;

/// What every published record type has in common.
pub trait Record: Serialize {
    /// The `schema` value, `ticker.<kind>/<major>`.
    const SCHEMA: &'static str;
    /// The topic the record is published to.
    const TOPIC: Topic;
    /// The CloudEvents `ce_type` of the record.
    const EVENT_TYPE: &'static str;
    /// The Kafka message key (partitioning and compaction).
    fn key(&self) -> &str;
    /// A stable id for the CloudEvents `ce_id` header: the same record
    /// published twice carries the same id, so consumers can deduplicate.
    fn record_id(&self) -> String;
}

/// Where an article came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SourceRef {
    /// The source's id from the configuration (`tagesschau`), or `file` for
    /// local inputs.
    pub id: String,
    /// What kind of source produced the entry.
    pub kind: SourceKind,
    /// The feed, sitemap or page URL, or the file path for local inputs.
    pub url: String,
}

/// The kinds of sources ticker reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// An RSS, Atom or JSON Feed.
    Feed,
    /// A (news) sitemap.
    Sitemap,
    /// An HTML section page whose article links are followed.
    Page,
    /// A single URL fetched on request (`ticker fetch`).
    Url,
    /// A local file (`ticker ingest`, `ticker normalize`).
    File,
}

/// What a page turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// A regular article.
    #[default]
    Article,
    /// A live ticker / live blog: many short timestamped updates.
    Live,
    /// Not an article (index page, video page, gallery, error page).
    Other,
}

/// A normalized article: topic `ticker.articles`, key `article_id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Article {
    /// Always `ticker.article/1`.
    pub schema: String,
    /// Hash of the canonical URL (of the text for file inputs).
    pub article_id: String,
    /// Starts at 1 and grows each time the article's text changes.
    pub revision: u32,
    /// The URL the page was fetched from.
    pub url: Option<String>,
    /// The page's canonical URL, tracking parameters stripped.
    pub canonical_url: Option<String>,
    /// The source the article came from.
    pub source: SourceRef,
    /// The headline, without the site name.
    pub title: String,
    /// The teaser or standfirst, when the page has one.
    pub lead: Option<String>,
    /// The article body: paragraphs separated by one blank line.
    pub text: String,
    /// ISO 639-1 language code, when known.
    pub language: Option<String>,
    /// Author names, without "Von"/"By" and without dates.
    pub authors: Vec<String>,
    /// When the article was first published, with the UTC offset the page
    /// gave (so that its date part is the publisher's day); UTC when the
    /// page gave none (written `Z`, as before).
    #[serde(with = "stated_time")]
    #[schemars(with = "Option<DateTime<FixedOffset>>")]
    pub published_at: Option<DateTime<FixedOffset>>,
    /// When the article was last modified (offset as for `published_at`).
    #[serde(with = "stated_time")]
    #[schemars(with = "Option<DateTime<FixedOffset>>")]
    pub modified_at: Option<DateTime<FixedOffset>>,
    /// When ticker fetched (or read) it.
    pub fetched_at: DateTime<Utc>,
    /// A date hint without a time, such as `2022-01` from a plain-text
    /// input's ` date 2022-01` marker; used to resolve relative dates.
    pub date_hint: Option<String>,
    /// Number of words in `text`.
    pub word_count: u32,
    /// SHA-256 prefix of the normalized text: changes exactly when the text does.
    pub content_hash: String,
    /// 64-bit SimHash of the text's word shingles (16 hex characters): near
    /// duplicates (the same agency story on several sites) differ in few bits.
    pub simhash: String,
    /// The site section, when the page declares one.
    pub section: Option<String>,
    /// Keywords or tags the page declares.
    pub keywords: Vec<String>,
    /// The lead image URL.
    pub image: Option<String>,
    /// Whether the page declares (or shows) a paywall.
    pub paywalled: bool,
    /// Whether this is an article, a live ticker or something else.
    pub page_kind: PageKind,
}

impl Record for Article {
    const SCHEMA: &'static str = "ticker.article/1";
    const TOPIC: Topic = Topic::Articles;
    const EVENT_TYPE: &'static str = "ticker.article.v1";
    fn key(&self) -> &str {
        &self.article_id
    }
    fn record_id(&self) -> String {
        crate::short_id([self.article_id.as_str(), &self.revision.to_string()])
    }
}

/// Entity types, following the CoNLL / GermEval outer labels.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum EntityType {
    /// A person.
    #[serde(rename = "PER")]
    Person,
    /// An organisation.
    #[serde(rename = "ORG")]
    Organization,
    /// A location.
    #[serde(rename = "LOC")]
    Location,
    /// Anything else with a name (events, nationalities, products).
    #[serde(rename = "MISC")]
    Misc,
}

/// A span of the article text. Offsets are character offsets into `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Mention {
    /// The text as it stands in the article.
    pub text: String,
    /// Character offset of the first character.
    pub start: u32,
    /// Character offset after the last character.
    pub end: u32,
    /// The mention is a word derived from the name rather than the name:
    /// an adjective or demonym ("deutschen", "Berliner", "Franzose" for a
    /// place). Only entity mentions set it; absent means false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub derived: bool,
}

/// A named entity with all its mentions in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Entity {
    /// Canonical id, the same across articles and spelling variants.
    pub entity_id: String,
    /// PER, ORG, LOC or MISC.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// The canonical (longest or gazetteer) name.
    pub name: String,
    /// Every mention in the text.
    pub mentions: Vec<Mention>,
}

/// A quotation, direct (in quote marks) or reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quote {
    /// The quoted words, without the quote marks.
    pub text: String,
    /// The speaker's `entity_id`, when resolved.
    pub speaker: Option<String>,
    /// The speaker as written in the text.
    pub speaker_text: Option<String>,
    /// The speech verb or phrase (`sagte`, `laut`, `according to`).
    pub cue: Option<String>,
    /// True for words in quote marks.
    pub direct: bool,
    /// Character offset of the quote's start.
    pub start: u32,
    /// Character offset after the quote's end.
    pub end: u32,
}

/// How exact a quantity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Hedge {
    /// As stated ("164").
    Exact,
    /// "rund", "etwa", "fast", "about", "nearly".
    Approx,
    /// "mehr als", "mindestens", "more than", "at least".
    AtLeast,
    /// "bis zu", "höchstens", "up to", "at most".
    AtMost,
    /// Number words for vague amounts: "Tausende", "Dutzende", "hundreds".
    Vague,
}

/// A number with what it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quantity {
    /// The text as it stands, hedge included.
    pub text: String,
    /// The stated value (the midpoint for ranges, a typical value for vague amounts).
    pub value: f64,
    /// Lower bound, when known.
    pub low: Option<f64>,
    /// Upper bound, when known.
    pub high: Option<f64>,
    /// How exact the value is.
    pub hedge: Hedge,
    /// The unit: `person`, `soldier`, `EUR`, `USD`, `percent`, `day`, ….
    pub unit: Option<String>,
    /// What is counted: killed, injured, arrested, troops, money, percent, duration, ….
    pub category: Option<String>,
    /// Character offset of the start.
    pub start: u32,
    /// Character offset after the end.
    pub end: u32,
}

/// What a temporal expression names (the TIMEX3 / Recognizers-Text types).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TemporalKind {
    /// A calendar day: `2022-01-13`.
    #[default]
    Date,
    /// Days: a month `2022-01`, a year `2022`, or an interval of days
    /// `2022-01-10/2022-01-16` (both ends included; `..` for an open end).
    DateRange,
    /// A time of day: `18:30:00`.
    Time,
    /// Times of day: `17:00:00/18:00:00` (`..` for an open end).
    TimeRange,
    /// A day and time: `2022-01-13T18:30:00`.
    DateTime,
    /// Between two day-and-times: `2022-01-13T16:00:00/2022-01-13T20:00:00`.
    DateTimeRange,
    /// A length of time as an ISO 8601 duration: `PT3H`, `P2.5D`.
    Duration,
    /// A recurrence, in TIMEX3 notation: `P1D` (daily), `XXXX-WXX-1`
    /// (Mondays), `XXXX-WXX-3T16` (Wednesdays at 16:00), `T19:13` (daily at).
    Set,
}

impl TemporalKind {
    /// The name records carry: `date`, `daterange`, `time`, ….
    pub fn as_str(self) -> &'static str {
        match self {
            TemporalKind::Date => "date",
            TemporalKind::DateRange => "daterange",
            TemporalKind::Time => "time",
            TemporalKind::TimeRange => "timerange",
            TemporalKind::DateTime => "datetime",
            TemporalKind::DateTimeRange => "datetimerange",
            TemporalKind::Duration => "duration",
            TemporalKind::Set => "set",
        }
    }

    /// Whether the value names days (with or without a time), which events
    /// can take as their time.
    pub fn names_days(self) -> bool {
        matches!(
            self,
            TemporalKind::Date
                | TemporalKind::DateRange
                | TemporalKind::DateTime
                | TemporalKind::DateTimeRange
        )
    }
}

/// A temporal expression resolved to an ISO date, time, interval, duration
/// or recurrence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DateMention {
    /// The text as it stands.
    pub text: String,
    /// What the expression names; `date` in records written before it existed.
    #[serde(default)]
    pub kind: TemporalKind,
    /// The resolved value, in the notation its `kind` gives.
    pub value: String,
    /// Character offset of the start.
    pub start: u32,
    /// Character offset after the end.
    pub end: u32,
}

/// An event mention: topic `ticker.events`, key `story_id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    /// Always `ticker.event/1`.
    pub schema: String,
    /// Stable id of this event mention.
    pub event_id: String,
    /// The article it was found in.
    pub article_id: String,
    /// The story the article belongs to (the article id until stories exist).
    pub story_id: String,
    /// Event type from the taxonomy in `docs/extraction.md`.
    #[serde(rename = "type")]
    pub event_type: String,
    /// The word that signals the event.
    pub trigger: String,
    /// The sentence the event was found in.
    pub sentence: String,
    /// Entity ids of the actors.
    pub actors: Vec<String>,
    /// Entity ids of the places.
    pub places: Vec<String>,
    /// Resolved date of the event, when stated.
    pub time: Option<String>,
    /// Quantities in the sentence.
    pub quantities: Vec<Quantity>,
    /// Who reports the event, when attributed.
    pub attribution: Option<String>,
}

impl Record for Event {
    const SCHEMA: &'static str = "ticker.event/1";
    const TOPIC: Topic = Topic::Events;
    const EVENT_TYPE: &'static str = "ticker.event.v1";
    fn key(&self) -> &str {
        &self.story_id
    }
    fn record_id(&self) -> String {
        self.event_id.clone()
    }
}

/// Kinds of claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// A number about something ("164 killed").
    Quantity,
    /// Words attributed to a speaker.
    Quote,
    /// Any other assertion (an event took place, a date was set).
    Statement,
}

/// A claim's novelty within its story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    /// The story has not carried this claim before.
    #[default]
    New,
    /// The same claim, carried again (possibly by another source).
    Corroborated,
    /// Same subject and predicate, a different value.
    Changed,
}

/// A claim: topic `ticker.claims`, key `story_id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Claim {
    /// Always `ticker.claim/1`.
    pub schema: String,
    /// Stable id of this claim in this article.
    pub claim_id: String,
    /// The story the claim belongs to.
    pub story_id: String,
    /// The article it was found in.
    pub article_id: String,
    /// Quantity, quote or statement.
    pub kind: ClaimKind,
    /// What the claim is about (an entity id or a normalized phrase).
    pub subject: String,
    /// What is said about it (`killed`, `arrested`, `said`, …).
    pub predicate: String,
    /// The normalized value ("~10000", "164", a quote's text).
    pub value: String,
    /// What is counted or stated, in the article's words: the counted noun
    /// phrase with its qualifiers ("Menschen festgenommen bei den
    /// Protesten", "Preis des iPhone 11 Pro").
    #[serde(default)]
    pub object: Option<String>,
    /// The folded key of what is counted, which identity compares: the
    /// thing counted or priced ("price iphone 11 pro"), empty when the
    /// category says it all (killed, arrested).
    #[serde(default)]
    pub about: Option<String>,
    /// The place the claim is about (an entity id), when its clause names one.
    #[serde(default)]
    pub place: Option<String>,
    /// The actor the claim is about (an entity id: whose troops, whose
    /// budget), when its phrase names one.
    #[serde(default)]
    pub actor: Option<String>,
    /// The time scope: `total` for a running toll ("insgesamt", "seit
    /// Beginn", "so far"), a day (`2022-01-05`) for a count of one day or
    /// incident, a period (`2015`, `2010/2015`) for a count of a year or
    /// years, `background` for a count of another time or place than the
    /// story's (centuries past, days before the story began, a place the
    /// story is not about), none when the text does not say.
    #[serde(default)]
    pub scope: Option<String>,
    /// Who the claim is attributed to, when stated.
    pub attributed_to: Option<String>,
    /// The sentence it was found in.
    pub sentence: String,
    /// New, corroborated or changed, relative to the story.
    pub status: ClaimStatus,
    /// The value the story carried before, for a change.
    pub previous: Option<String>,
    /// How many distinct sources have carried the claim.
    pub sources: u32,
}

impl Record for Claim {
    const SCHEMA: &'static str = "ticker.claim/1";
    const TOPIC: Topic = Topic::Claims;
    const EVENT_TYPE: &'static str = "ticker.claim.v1";
    fn key(&self) -> &str {
        &self.story_id
    }
    fn record_id(&self) -> String {
        self.claim_id.clone()
    }
}

/// The extractor's whole output for one article: topic
/// `ticker.extractions`, key `article_id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Extraction {
    /// Always `ticker.extraction/1`.
    pub schema: String,
    /// The article this extraction is of.
    pub article_id: String,
    /// The article revision the extraction was made from.
    pub revision: u32,
    /// The language the extractor used.
    pub language: Option<String>,
    /// Named entities.
    pub entities: Vec<Entity>,
    /// Direct and reported quotes.
    pub quotes: Vec<Quote>,
    /// Numbers with what they count.
    pub quantities: Vec<Quantity>,
    /// Resolved date expressions.
    pub dates: Vec<DateMention>,
    /// Event mentions.
    pub events: Vec<Event>,
    /// Claims.
    pub claims: Vec<Claim>,
    /// The story the article was assigned to, once stories run.
    pub story_id: Option<String>,
    /// The extractor stages that ran (`entities`, `quotes`, `quantities`,
    /// `dates`, `events`, `claims`). Empty for a language ticker has no
    /// extractor model for (anything but German and English): such an
    /// article still flows, with its text, but no names or claims are
    /// guessed from capitals alone.
    #[serde(default)]
    pub stages: Vec<String>,
}

impl Record for Extraction {
    const SCHEMA: &'static str = "ticker.extraction/1";
    const TOPIC: Topic = Topic::Extractions;
    const EVENT_TYPE: &'static str = "ticker.extraction.v1";
    fn key(&self) -> &str {
        &self.article_id
    }
    fn record_id(&self) -> String {
        crate::short_id([
            self.article_id.as_str(),
            &self.revision.to_string(),
            "extraction",
        ])
    }
}

/// Why an alert was raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AlertReason {
    /// A story that already existed gained a claim it had not carried.
    NewClaim,
    /// A claim's value changed beyond the tolerance of its hedges.
    ValueChanged,
}

/// An alert: topic `ticker.alerts`, key `story_id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Alert {
    /// Always `ticker.alert/1`.
    pub schema: String,
    /// Stable id of the alert.
    pub alert_id: String,
    /// The story concerned.
    pub story_id: String,
    /// The claim that raised it.
    pub claim_id: String,
    /// The article that carried the claim.
    pub article_id: String,
    /// Why it was raised.
    pub reason: AlertReason,
    /// One line a human reads.
    pub summary: String,
    /// The value before, for a change.
    pub previous: Option<String>,
    /// The value now.
    pub current: String,
}

impl Record for Alert {
    const SCHEMA: &'static str = "ticker.alert/1";
    const TOPIC: Topic = Topic::Alerts;
    const EVENT_TYPE: &'static str = "ticker.alert.v1";
    fn key(&self) -> &str {
        &self.story_id
    }
    fn record_id(&self) -> String {
        self.alert_id.clone()
    }
}

/// An entity with its weight in a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StoryEntity {
    /// Canonical entity id.
    pub entity_id: String,
    /// Display name.
    pub name: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Number of articles of the story that mention it.
    pub articles: u32,
}

/// A story's latest state: topic `ticker.stories`, key `story_id`, compacted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Story {
    /// Always `ticker.story/1`.
    pub schema: String,
    /// Stable for the life of the story.
    pub story_id: String,
    /// A label built from the story's top entities and terms.
    pub label: String,
    /// When the story's first article arrived.
    pub first_seen: DateTime<Utc>,
    /// When its latest article arrived.
    pub last_seen: DateTime<Utc>,
    /// Number of articles in the story.
    pub article_count: u32,
    /// Number of distinct sources.
    pub source_count: u32,
    /// Languages of its articles.
    pub languages: Vec<String>,
    /// The most mentioned entities.
    pub top_entities: Vec<StoryEntity>,
    /// Number of distinct claims.
    pub claim_count: u32,
}

impl Record for Story {
    const SCHEMA: &'static str = "ticker.story/1";
    const TOPIC: Topic = Topic::Stories;
    const EVENT_TYPE: &'static str = "ticker.story.v1";
    fn key(&self) -> &str {
        &self.story_id
    }
    fn record_id(&self) -> String {
        crate::short_id([
            self.story_id.as_str(),
            &self.article_count.to_string(),
            &self.claim_count.to_string(),
        ])
    }
}

/// A fetched page on its way from the fetch role to the process role:
/// topic `ticker.pages` (internal to a scaled-out deployment), key: the
/// page id, so one page always lands on one partition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// Always `ticker.page/1`.
    pub schema: String,
    /// Hash of the entry's link.
    pub page_id: String,
    /// The entry's link.
    pub url: String,
    /// The URL after redirects.
    pub final_url: String,
    /// The HTTP `Content-Type`.
    pub content_type: Option<String>,
    /// The body as fetched (after HTTP decompression), gzip, then base64.
    pub body: String,
    /// The source that listed it.
    pub source: SourceRef,
    /// The feed entry's title, a hint for the normalizer.
    pub entry_title: Option<String>,
    /// The feed entry's publication time, a hint for the normalizer.
    pub entry_published: Option<DateTime<Utc>>,
    /// When it was fetched.
    pub fetched_at: DateTime<Utc>,
}

impl Record for Page {
    const SCHEMA: &'static str = "ticker.page/1";
    const TOPIC: Topic = Topic::Pages;
    const EVENT_TYPE: &'static str = "ticker.page.v1";
    fn key(&self) -> &str {
        &self.page_id
    }
    fn record_id(&self) -> String {
        crate::short_id([self.page_id.as_str(), &self.fetched_at.to_rfc3339(), "page"])
    }
}

/// A normalized article with its extraction, on its way from the process
/// role to the stories role: topic `ticker.processed` (internal, one
/// partition), key `article_id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Processed {
    /// Always `ticker.processed/1`.
    pub schema: String,
    /// The article (revision not yet decided: the stories role owns it).
    pub article: Article,
    /// Its extraction against the article's own date (the stories role
    /// extracts again when the article has none and its story gives one).
    pub extraction: Extraction,
    /// Where its page stood in `ticker.pages`, so that the stories role can
    /// tell whether an earlier-fetched page is still being processed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<PagePosition>,
}

/// A page record's place in `ticker.pages`: partition, offset and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PagePosition {
    /// The partition of `ticker.pages`.
    pub partition: i32,
    /// The page's offset in that partition.
    pub offset: i64,
    /// When the page entered the topic (the record's time, ms since the
    /// epoch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<i64>,
}

impl Record for Processed {
    const SCHEMA: &'static str = "ticker.processed/1";
    const TOPIC: Topic = Topic::Processed;
    const EVENT_TYPE: &'static str = "ticker.processed.v1";
    fn key(&self) -> &str {
        &self.article.article_id
    }
    fn record_id(&self) -> String {
        crate::short_id([
            self.article.article_id.as_str(),
            &self.article.content_hash,
            "processed",
        ])
    }
}

/// A time as its source stated it: RFC 3339 with the source's UTC offset,
/// `Z` when the offset is zero (so that UTC times read as they always have).
mod stated_time {
    use chrono::{DateTime, FixedOffset, SecondsFormat};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        value: &Option<DateTime<FixedOffset>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(time) => {
                serializer.serialize_some(&time.to_rfc3339_opts(SecondsFormat::AutoSi, true))
            }
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        Option::<DateTime<FixedOffset>>::deserialize(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, FixedOffset};
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct Stamp {
        #[serde(with = "super::stated_time")]
        at: Option<DateTime<FixedOffset>>,
    }

    #[test]
    fn a_stated_time_keeps_its_offset_and_utc_reads_as_before() {
        for (text, written) in [
            (
                "2018-12-22T00:00:00+01:00",
                r#"{"at":"2018-12-22T00:00:00+01:00"}"#,
            ),
            (
                "2019-11-19T13:03:00+00:00",
                r#"{"at":"2019-11-19T13:03:00Z"}"#,
            ),
            (
                "2019-11-19T13:03:00.250Z",
                r#"{"at":"2019-11-19T13:03:00.250Z"}"#,
            ),
        ] {
            let stamp = Stamp {
                at: Some(DateTime::parse_from_rfc3339(text).unwrap()),
            };
            let json = serde_json::to_string(&stamp).unwrap();
            assert_eq!(json, written);
            assert_eq!(serde_json::from_str::<Stamp>(&json).unwrap(), stamp);
        }
        let none = Stamp { at: None };
        assert_eq!(serde_json::to_string(&none).unwrap(), r#"{"at":null}"#);
        assert_eq!(
            serde_json::from_str::<Stamp>(r#"{"at":null}"#).unwrap(),
            none
        );
    }
}
