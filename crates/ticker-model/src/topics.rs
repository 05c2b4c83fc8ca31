//! The topics ticker publishes to and the record kind each one carries.

/// One of ticker's output topics. The actual topic name is
/// `<prefix><suffix>`, with the prefix taken from the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Topic {
    /// Normalized articles, keyed by `article_id`.
    Articles,
    /// Whole extractor output per article, keyed by `article_id`.
    Extractions,
    /// One record per event mention, keyed by `story_id`.
    Events,
    /// One record per claim with its novelty status, keyed by `story_id`.
    Claims,
    /// New or changed claims in existing stories, keyed by `story_id`.
    Alerts,
    /// Latest state of each story, keyed by `story_id`, compacted.
    Stories,
    /// Inputs that could not be processed, with stage and error in headers.
    Deadletter,
    /// Internal, between roles: fetched pages (fetch → process), keyed by
    /// the hash of the entry's link.
    Pages,
    /// Internal, between roles: normalized articles with their extraction
    /// (process → stories); one partition, so one stories process owns the
    /// story index and the others stand by.
    Processed,
    /// Internal: the stories role's state (story index and article
    /// revisions), keyed `story/<id>` and `article/<id>`, compacted; a
    /// standby restores from it.
    StoryState,
    /// Internal, a control topic of the fetch role: each source's
    /// definition and fetch state (validators, recently done entries,
    /// health, next poll), keyed by source id, compacted. Its partitions
    /// spread the sources over the fetch processes of one consumer group.
    Sources,
    /// Internal: alerts on their way to one sink each (stories → notify),
    /// keyed `<sink>/<alert id>`; the notify role's consumer group sends
    /// them and commits once each is taken or a dead letter.
    Deliveries,
}

impl Topic {
    /// Every topic, in the order they are created and listed.
    pub const ALL: [Topic; 7] = [
        Topic::Articles,
        Topic::Extractions,
        Topic::Events,
        Topic::Claims,
        Topic::Alerts,
        Topic::Stories,
        Topic::Deadletter,
    ];

    /// The topics that join the roles of a scaled-out deployment
    /// (`ticker run --role`); a single process does not use them.
    pub const INTERNAL: [Topic; 5] = [
        Topic::Pages,
        Topic::Processed,
        Topic::StoryState,
        Topic::Sources,
        Topic::Deliveries,
    ];

    /// A partition count the topic must have whatever the configuration
    /// says: the stories role's input and state are one partition.
    pub fn fixed_partitions(self) -> Option<i32> {
        matches!(self, Topic::Processed | Topic::StoryState).then_some(1)
    }

    /// The part of the topic name after the configured prefix.
    pub fn suffix(self) -> &'static str {
        match self {
            Topic::Articles => "articles",
            Topic::Extractions => "extractions",
            Topic::Events => "events",
            Topic::Claims => "claims",
            Topic::Alerts => "alerts",
            Topic::Stories => "stories",
            Topic::Deadletter => "deadletter",
            Topic::Pages => "pages",
            Topic::Processed => "processed",
            Topic::StoryState => "story-state",
            Topic::Sources => "sources",
            Topic::Deliveries => "deliveries",
        }
    }

    /// Whether the topic keeps only the latest record per key.
    pub fn compacted(self) -> bool {
        matches!(self, Topic::Stories | Topic::StoryState | Topic::Sources)
    }

    /// The full topic name for a prefix such as `"ticker."`.
    pub fn name(self, prefix: &str) -> String {
        format!("{prefix}{}", self.suffix())
    }
}
