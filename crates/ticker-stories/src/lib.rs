//! Story clustering and claim novelty.
//!
//! Status: not built yet (its own issue). Until it is, the pipeline treats
//! each article as its own story: events and claims carry the article id as
//! `story_id`, extractions carry `story_id: null`, and nothing is published
//! to `ticker.stories` or `ticker.alerts`. This crate exists now so that the
//! workspace layout, and the stage boundary between extraction and
//! publishing, are in place for it.
