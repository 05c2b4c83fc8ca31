//! The embedded state store (redb, one file under `data/`).
//!
//! Tables:
//! - `seen`: `source id ␟ entry id` → when the entry was done and which
//!   article it produced. An entry is written here only after Kafka
//!   acknowledged every record it produced, so a crash re-delivers it.
//! - `articles`: `article_id` → latest published revision and content
//!   hash, so the same article reached through two feeds, or replayed, is
//!   not published twice, and a changed text gets `revision + 1`.
//! - `validators`: `source id` → ETag / Last-Modified for conditional GET.
//! - `sources`: `source id` → its health (last success, last error, next
//!   poll, entries seen), for `ticker sources`.
//! - `stories`: `story id` → the story's state (centroid, entities, claims),
//!   written with the entry that changed it, after Kafka's acknowledgement.
//!
//! The file is locked by redb: a second ticker on the same file is refused
//! with a clear message instead of corrupting it.

// redb's error enum is large; it only travels the cold failure path here.
#![allow(clippy::result_large_err)]

use std::path::{Path, PathBuf};

use redb::{Database, ReadableTableMetadata, TableDefinition};
use serde::{Deserialize, Serialize};

const SEEN: TableDefinition<&str, &[u8]> = TableDefinition::new("seen");
const ARTICLES: TableDefinition<&str, &[u8]> = TableDefinition::new("articles");
const VALIDATORS: TableDefinition<&str, &[u8]> = TableDefinition::new("validators");
const STORIES: TableDefinition<&str, &[u8]> = TableDefinition::new("stories");
const SOURCES: TableDefinition<&str, &[u8]> = TableDefinition::new("sources");
const OUTBOX: TableDefinition<&str, &[u8]> = TableDefinition::new("outbox");

/// An alert waiting to be delivered to one sink (at least once: it stays
/// here until the sink took it or it became a dead letter).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Delivery {
    /// The sink's id.
    pub sink: String,
    /// The alert's id (receivers deduplicate by it).
    pub alert_id: String,
    /// The body to send.
    pub body: serde_json::Value,
    /// Attempts made so far.
    pub attempts: u32,
    /// When the next attempt is due (milliseconds since the Unix epoch).
    pub next_at_ms: i64,
    /// What the last attempt got.
    #[serde(default)]
    pub last_error: Option<String>,
}

fn delivery_key(sink: &str, alert_id: &str) -> String {
    format!("{sink}\u{1f}{alert_id}")
}

/// A state store failure.
#[derive(Debug, thiserror::Error)]
#[error("state store {path}: {reason}")]
pub struct StateError {
    /// The store file.
    pub path: PathBuf,
    /// What failed.
    pub reason: String,
}

/// What the store remembers of a published article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleState {
    /// Latest published revision.
    pub revision: u32,
    /// Content hash of that revision.
    pub content_hash: String,
}

/// A source's stored ETag and Last-Modified.
pub type StoredValidators = (Option<String>, Option<String>);

/// A source's health, as `ticker sources` shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceHealth {
    /// When it was last polled (RFC 3339).
    pub last_poll: Option<String>,
    /// When a poll last succeeded.
    pub last_success: Option<String>,
    /// The last error, as logged.
    pub last_error: Option<String>,
    /// When that error happened.
    pub last_error_at: Option<String>,
    /// Failed polls in a row (the back-off grows with them).
    pub consecutive_failures: u32,
    /// When the next poll is due.
    pub next_poll: Option<String>,
    /// New entries handed to the workers, all time.
    pub entries_seen: u64,
    /// The source's current polling interval in seconds (adaptive, before
    /// back-off).
    #[serde(default)]
    pub interval_secs: Option<u64>,
}

/// What the store remembers of a done feed entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenEntry {
    /// The article it produced, or None when it went to the dead letters.
    pub article_id: Option<String>,
    /// When it was done (RFC 3339).
    pub done_at: String,
}

/// The store.
pub struct StateStore {
    database: Database,
    path: PathBuf,
}

impl StateStore {
    /// Opens (or creates) the store file, creating its directory.
    pub fn open(path: &Path) -> Result<Self, StateError> {
        let error = |reason: String| StateError {
            path: path.to_path_buf(),
            reason,
        };
        if let Some(parent) = path
            .parent()
            .filter(|parent| !parent.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent)
                .map_err(|e| error(format!("cannot create directory {}: {e}", parent.display())))?;
        }
        let database = Database::create(path).map_err(|e| match e {
            redb::DatabaseError::DatabaseAlreadyOpen => error(
                "already open in another ticker process; stop it or use another state.path"
                    .to_string(),
            ),
            other => error(other.to_string()),
        })?;
        let store = StateStore {
            database,
            path: path.to_path_buf(),
        };
        store.write(|txn| {
            txn.open_table(SEEN)?;
            txn.open_table(ARTICLES)?;
            txn.open_table(VALIDATORS)?;
            txn.open_table(STORIES)?;
            txn.open_table(SOURCES)?;
            txn.open_table(OUTBOX)?;
            Ok(())
        })?;
        Ok(store)
    }

    fn error(&self, error: impl std::fmt::Display) -> StateError {
        StateError {
            path: self.path.clone(),
            reason: error.to_string(),
        }
    }

    fn write(
        &self,
        body: impl FnOnce(&redb::WriteTransaction) -> Result<(), redb::Error>,
    ) -> Result<(), StateError> {
        let txn = self.database.begin_write().map_err(|e| self.error(e))?;
        body(&txn).map_err(|e| self.error(e))?;
        txn.commit().map_err(|e| self.error(e))
    }

    fn read<T: for<'de> Deserialize<'de>>(
        &self,
        table: TableDefinition<&str, &[u8]>,
        key: &str,
    ) -> Result<Option<T>, StateError> {
        let txn = self.database.begin_read().map_err(|e| self.error(e))?;
        let table = txn.open_table(table).map_err(|e| self.error(e))?;
        let Some(value) = table.get(key).map_err(|e| self.error(e))? else {
            return Ok(None);
        };
        serde_json::from_slice(value.value())
            .map(Some)
            .map_err(|e| self.error(e))
    }

    /// Whether a feed entry is done.
    pub fn is_seen(&self, source_id: &str, entry_id: &str) -> Result<bool, StateError> {
        Ok(self
            .read::<SeenEntry>(SEEN, &seen_key(source_id, entry_id))?
            .is_some())
    }

    /// The published state of an article.
    pub fn article(&self, article_id: &str) -> Result<Option<ArticleState>, StateError> {
        self.read(ARTICLES, article_id)
    }

    /// The validators of a source's last fetch.
    pub fn validators(&self, source_id: &str) -> Result<Option<StoredValidators>, StateError> {
        self.read(VALIDATORS, source_id)
    }

    /// Stores a source's validators.
    pub fn set_validators(
        &self,
        source_id: &str,
        etag: Option<String>,
        last_modified: Option<String>,
    ) -> Result<(), StateError> {
        let value = serde_json::to_vec(&(etag, last_modified)).map_err(|e| self.error(e))?;
        self.write(|txn| {
            txn.open_table(VALIDATORS)?
                .insert(source_id, value.as_slice())?;
            Ok(())
        })
    }

    /// Marks an entry done and, when it produced an article, records the
    /// article's published state, in one transaction.
    pub fn mark_done(
        &self,
        source_id: Option<&str>,
        entry_id: &str,
        article: Option<(&str, &ArticleState)>,
    ) -> Result<(), StateError> {
        self.mark_done_with_story(source_id, entry_id, article, None)
    }

    /// [`StateStore::mark_done`] that also stores a story's state, in the
    /// same transaction.
    pub fn mark_done_with_story(
        &self,
        source_id: Option<&str>,
        entry_id: &str,
        article: Option<(&str, &ArticleState)>,
        story: Option<&ticker_stories::StoryState>,
    ) -> Result<(), StateError> {
        let story_value = match story {
            Some(story) => Some(serde_json::to_vec(story).map_err(|e| self.error(e))?),
            None => None,
        };
        let seen = SeenEntry {
            article_id: article.map(|(id, _)| id.to_string()),
            done_at: chrono::Utc::now().to_rfc3339(),
        };
        let seen_value = serde_json::to_vec(&seen).map_err(|e| self.error(e))?;
        let article_value = match article {
            Some((_, state)) => Some(serde_json::to_vec(state).map_err(|e| self.error(e))?),
            None => None,
        };
        self.write(|txn| {
            if let Some(source_id) = source_id {
                txn.open_table(SEEN)?.insert(
                    seen_key(source_id, entry_id).as_str(),
                    seen_value.as_slice(),
                )?;
            }
            if let (Some((article_id, _)), Some(value)) = (article, &article_value) {
                txn.open_table(ARTICLES)?
                    .insert(article_id, value.as_slice())?;
            }
            if let (Some(story), Some(value)) = (story, &story_value) {
                txn.open_table(STORIES)?
                    .insert(story.story_id.as_str(), value.as_slice())?;
            }
            Ok(())
        })
    }

    /// Queues deliveries; one already queued for the same sink and alert
    /// is kept as it is (its attempts go on).
    pub fn outbox_add(&self, deliveries: &[Delivery]) -> Result<(), StateError> {
        let values = deliveries
            .iter()
            .map(|delivery| {
                serde_json::to_vec(delivery)
                    .map(|value| (delivery_key(&delivery.sink, &delivery.alert_id), value))
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.error(e))?;
        self.write(|txn| {
            use redb::ReadableTable;
            let mut table = txn.open_table(OUTBOX)?;
            for (key, value) in &values {
                if table.get(key.as_str())?.is_none() {
                    table.insert(key.as_str(), value.as_slice())?;
                }
            }
            Ok(())
        })
    }

    /// Deliveries due at `now_ms`, oldest first by key order.
    pub fn outbox_due(&self, now_ms: i64) -> Result<Vec<Delivery>, StateError> {
        use redb::ReadableTable;
        let txn = self.database.begin_read().map_err(|e| self.error(e))?;
        let table = txn.open_table(OUTBOX).map_err(|e| self.error(e))?;
        let mut due = Vec::new();
        for row in table.iter().map_err(|e| self.error(e))? {
            let (_, value) = row.map_err(|e| self.error(e))?;
            let delivery: Delivery =
                serde_json::from_slice(value.value()).map_err(|e| self.error(e))?;
            if delivery.next_at_ms <= now_ms {
                due.push(delivery);
            }
        }
        Ok(due)
    }

    /// Stores a delivery's new state (after a failed attempt), or removes
    /// it (`None`: delivered or given up).
    pub fn outbox_update(
        &self,
        sink: &str,
        alert_id: &str,
        delivery: Option<&Delivery>,
    ) -> Result<(), StateError> {
        let key = delivery_key(sink, alert_id);
        let value = match delivery {
            Some(delivery) => Some(serde_json::to_vec(delivery).map_err(|e| self.error(e))?),
            None => None,
        };
        self.write(|txn| {
            let mut table = txn.open_table(OUTBOX)?;
            match &value {
                Some(value) => {
                    table.insert(key.as_str(), value.as_slice())?;
                }
                None => {
                    table.remove(key.as_str())?;
                }
            }
            Ok(())
        })
    }

    /// A source's most recently done entries, newest first, at most
    /// `limit` (what the fetch role hands to the next owner of the source).
    pub fn recent_seen(
        &self,
        source_id: &str,
        limit: usize,
    ) -> Result<Vec<(String, SeenEntry)>, StateError> {
        let prefix = seen_key(source_id, "");
        let end = format!("{source_id}\u{20}");
        let txn = self.database.begin_read().map_err(|e| self.error(e))?;
        let table = txn.open_table(SEEN).map_err(|e| self.error(e))?;
        let mut entries = Vec::new();
        for row in table
            .range(prefix.as_str()..end.as_str())
            .map_err(|e| self.error(e))?
        {
            let (key, value) = row.map_err(|e| self.error(e))?;
            let Some(entry_id) = key.value().strip_prefix(prefix.as_str()) else {
                continue;
            };
            let seen: SeenEntry =
                serde_json::from_slice(value.value()).map_err(|e| self.error(e))?;
            entries.push((entry_id.to_string(), seen));
        }
        // RFC 3339 times of one clock sort as text.
        entries.sort_by(|a, b| b.1.done_at.cmp(&a.1.done_at).then_with(|| a.0.cmp(&b.0)));
        entries.truncate(limit);
        Ok(entries)
    }

    /// Marks entries of a source done as another process recorded them
    /// (the fetch role taking a source over); entries already known stay.
    pub fn restore_seen(
        &self,
        source_id: &str,
        entries: &[(String, SeenEntry)],
    ) -> Result<(), StateError> {
        let values = entries
            .iter()
            .map(|(entry_id, seen)| {
                serde_json::to_vec(seen).map(|value| (seen_key(source_id, entry_id), value))
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.error(e))?;
        self.write(|txn| {
            use redb::ReadableTable;
            let mut table = txn.open_table(SEEN)?;
            for (key, value) in &values {
                if table.get(key.as_str())?.is_none() {
                    table.insert(key.as_str(), value.as_slice())?;
                }
            }
            Ok(())
        })
    }

    /// Stores a source's health.
    pub fn set_source_health(
        &self,
        source_id: &str,
        health: &SourceHealth,
    ) -> Result<(), StateError> {
        let value = serde_json::to_vec(health).map_err(|e| self.error(e))?;
        self.write(|txn| {
            txn.open_table(SOURCES)?
                .insert(source_id, value.as_slice())?;
            Ok(())
        })
    }

    /// Every source's stored health.
    pub fn source_health(
        &self,
    ) -> Result<std::collections::BTreeMap<String, SourceHealth>, StateError> {
        use redb::ReadableTable;
        let txn = self.database.begin_read().map_err(|e| self.error(e))?;
        let table = txn.open_table(SOURCES).map_err(|e| self.error(e))?;
        let mut health = std::collections::BTreeMap::new();
        for row in table.iter().map_err(|e| self.error(e))? {
            let (key, value) = row.map_err(|e| self.error(e))?;
            health.insert(
                key.value().to_string(),
                serde_json::from_slice(value.value()).map_err(|e| self.error(e))?,
            );
        }
        Ok(health)
    }

    /// A persisted story.
    pub fn story(&self, story_id: &str) -> Result<Option<ticker_stories::StoryState>, StateError> {
        self.read(STORIES, story_id)
    }

    /// Every persisted story (the pipeline keeps the live ones).
    pub fn stories(&self) -> Result<Vec<ticker_stories::StoryState>, StateError> {
        use redb::ReadableTable;
        let txn = self.database.begin_read().map_err(|e| self.error(e))?;
        let table = txn.open_table(STORIES).map_err(|e| self.error(e))?;
        let mut stories = Vec::new();
        for row in table.iter().map_err(|e| self.error(e))? {
            let (_, value) = row.map_err(|e| self.error(e))?;
            stories.push(serde_json::from_slice(value.value()).map_err(|e| self.error(e))?);
        }
        Ok(stories)
    }

    /// Counts of (seen entries, articles).
    pub fn counts(&self) -> Result<(u64, u64), StateError> {
        let txn = self.database.begin_read().map_err(|e| self.error(e))?;
        let seen = txn
            .open_table(SEEN)
            .map_err(|e| self.error(e))?
            .len()
            .map_err(|e| self.error(e))?;
        let articles = txn
            .open_table(ARTICLES)
            .map_err(|e| self.error(e))?
            .len()
            .map_err(|e| self.error(e))?;
        Ok((seen, articles))
    }
}

fn seen_key(source_id: &str, entry_id: &str) -> String {
    format!("{source_id}\u{1f}{entry_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_across_reopen_and_refuses_a_second_opener() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/state.redb");
        {
            let store = StateStore::open(&path).unwrap();
            assert!(!store.is_seen("s", "e1").unwrap());
            let state = ArticleState {
                revision: 1,
                content_hash: "abc".into(),
            };
            store
                .mark_done(Some("s"), "e1", Some(("a1", &state)))
                .unwrap();
            store
                .set_validators("s", Some("\"etag\"".into()), None)
                .unwrap();
            assert!(
                StateStore::open(&path).is_err(),
                "a second opener must be refused"
            );
        }
        let store = StateStore::open(&path).unwrap();
        assert!(store.is_seen("s", "e1").unwrap());
        assert_eq!(store.article("a1").unwrap().unwrap().revision, 1);
        assert_eq!(
            store.validators("s").unwrap().unwrap().0.as_deref(),
            Some("\"etag\"")
        );
        assert_eq!(store.counts().unwrap(), (1, 1));
    }
}
