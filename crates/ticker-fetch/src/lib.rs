//! Fetching for ticker: an HTTP client with hard limits, conditional GET,
//! and feed parsing.
//!
//! Every fetch ends in bounded time and memory: the whole request (connect,
//! headers, body) runs under one deadline, so a server that trickles a byte
//! a second is cut off like one that never answers; the body is read as a
//! stream and refused as soon as it passes the size limit (after
//! decompression, so a gzip bomb is cut off too). Errors name the URL and
//! say what happened.

#![deny(missing_docs)]

mod client;
pub mod conformance;
pub mod content;
pub mod discover;
pub mod feed;
pub mod guard;
mod html_entities;
pub mod robots;
pub mod section;
pub mod sitemap;

pub use client::{redact_url, FetchError, FetchLimits, Fetched, HttpClient, Validators};
pub use feed::{parse_feed, parse_tolerant, FeedEntry, FeedError, ParsedFeed};
