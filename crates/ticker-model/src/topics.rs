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
        }
    }

    /// Whether the topic keeps only the latest record per key.
    pub fn compacted(self) -> bool {
        matches!(self, Topic::Stories)
    }

    /// The full topic name for a prefix such as `"ticker."`.
    pub fn name(self, prefix: &str) -> String {
        format!("{prefix}{}", self.suffix())
    }
}
