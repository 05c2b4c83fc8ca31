//! JSON Schemas generated from the record types.
//!
//! `schemas/` at the repository root holds one file per record kind. They
//! are generated, never edited: run
//! `TICKER_UPDATE_SCHEMAS=1 cargo test -p ticker-model` after changing a
//! type (or `ticker schemas --out schemas`), and commit the result.

use schemars::{schema_for, JsonSchema};

use crate::records::{Alert, Article, Claim, Event, Extraction, Story};

/// The file name and pretty-printed JSON Schema of every record kind.
pub fn all() -> Vec<(&'static str, String)> {
    vec![
        ("article.schema.json", render::<Article>()),
        ("extraction.schema.json", render::<Extraction>()),
        ("event.schema.json", render::<Event>()),
        ("claim.schema.json", render::<Claim>()),
        ("alert.schema.json", render::<Alert>()),
        ("story.schema.json", render::<Story>()),
    ]
}

fn render<T: JsonSchema>() -> String {
    let schema = schema_for!(T);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn committed_schemas_match_the_types() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schemas");
        let update = std::env::var_os("TICKER_UPDATE_SCHEMAS").is_some();
        let mut stale = Vec::new();
        for (name, generated) in super::all() {
            let path = dir.join(name);
            if update {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, &generated).unwrap();
                continue;
            }
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            if committed != generated {
                stale.push(name);
            }
        }
        assert!(
            stale.is_empty(),
            "schemas out of date: {stale:?}; run TICKER_UPDATE_SCHEMAS=1 cargo test -p ticker-model and commit schemas/"
        );
    }
}
