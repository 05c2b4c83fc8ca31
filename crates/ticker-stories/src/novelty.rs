//! Claim novelty: is a claim new to its story, the same as one it carried
//! (corroborated), or the same subject and predicate with another value
//! (changed)?
//!
//! Values compare as intervals, hedges included: "164" is [164 ± 2 %],
//! "rund 10'000" / "fast 10.000" are [9,000, 11,000], "mehr als 10.000" is
//! [10,000, ∞), vague amounts ("Hunderte") are their range. Two values are
//! the same claim when their intervals overlap. A change needs two values
//! that are not vague: "Hunderte Tote" after "164 Tote" is no news; a
//! precise value inside a vague one ("2500" after "Tausende") corroborates
//! and refines it; and a precise value compares with the latest precise one.
//! Dates compare as days (or intervals of days); quotes by their words.
//!
//! Values compare only within one claim identity ([`same_identity`]): the
//! same category and unit, the same thing counted (`about`), agreeing time
//! scopes (a count of one day is not the running total), and no
//! contradiction in place, actor or who asserts it (a part one side does
//! not state agrees with anything).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use ticker_model::{Claim, ClaimKind, ClaimStatus};

/// A claim the story carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredClaim {
    /// Claim kind.
    pub kind: ClaimKind,
    /// Subject.
    pub subject: String,
    /// Predicate.
    pub predicate: String,
    /// Normalized value.
    pub value: String,
    /// Sources that carried it.
    pub sources: BTreeSet<String>,
    /// The claim id of its first appearance.
    pub claim_id: String,
    /// What is counted, folded (see `Claim::about`).
    #[serde(default)]
    pub about: Option<String>,
    /// The place it is about (entity id).
    #[serde(default)]
    pub place: Option<String>,
    /// The actor it is about (entity id).
    #[serde(default)]
    pub actor: Option<String>,
    /// `total`, a day, or none.
    #[serde(default)]
    pub scope: Option<String>,
    /// Who asserted it.
    #[serde(default)]
    pub attributed_to: Option<String>,
}

/// Two optional parts agree when they are equal or one is not stated.
fn agree(left: &Option<String>, right: &Option<String>) -> bool {
    left.is_none() || right.is_none() || left == right
}

/// Time scopes agree when they are the same day, or both are a running
/// total (a count whose scope the text does not say is read as the total
/// so far); a count of one day or period never agrees with a total, and a
/// background count agrees with nothing.
fn scopes_agree(left: Option<&str>, right: Option<&str>) -> bool {
    let total = |scope: Option<&str>| matches!(scope, None | Some("total"));
    if left == Some("background") || right == Some("background") {
        // Counts of the past ("in the fourteenth century") compare with nothing.
        return false;
    }
    (total(left) && total(right)) || left == right
}

/// Whether `stored` and `claim` are one claim (their values aside): the
/// same kind, subject (unit, event type, speaker), predicate (category) and
/// thing counted, agreeing scopes, and no contradiction in place, actor
/// or (for numbers) source of the assertion.
pub fn same_identity(stored: &StoredClaim, claim: &Claim) -> bool {
    // Who asserts a number splits it (the ministry's toll and the
    // activists' are two claims); the schedule of one operation is one
    // claim whoever announces it ("früher als zunächst angekündigt").
    let asserted_apart =
        claim.kind == ClaimKind::Quantity && !agree(&stored.attributed_to, &claim.attributed_to);
    same_frame(stored, claim)
        && !asserted_apart
        && scopes_agree(stored.scope.as_deref(), claim.scope.as_deref())
}

/// Whether `claim` may repeat `stored`: one identity, except that a count
/// of one day may repeat a count that names no day ("nearly 80 killed on
/// Thursday" after "84 killed"): saying the same again needs less than
/// saying it changed.
fn may_repeat(stored: &StoredClaim, claim: &Claim) -> bool {
    let background = |scope: Option<&str>| matches!(scope, Some("background"));
    same_frame(stored, claim)
        && !background(stored.scope.as_deref())
        && !background(claim.scope.as_deref())
        && (stored.scope.is_none()
            || claim.scope.is_none()
            || scopes_agree(stored.scope.as_deref(), claim.scope.as_deref()))
}

/// Every part of the identity but the time scope and who asserts it (the
/// same value from another source corroborates).
fn same_frame(stored: &StoredClaim, claim: &Claim) -> bool {
    stored.kind == claim.kind
        && stored.subject == claim.subject
        && stored.predicate == claim.predicate
        && stored.about == claim.about
        && agree(&stored.place, &claim.place)
        && agree(&stored.actor, &claim.actor)
}

/// The value's number for comparing sizes: the centre of an interval, the
/// bound of a one-sided one (None for dates and quotes).
pub fn magnitude(kind: ClaimKind, value: &str) -> Option<f64> {
    match parse_value(kind, value)? {
        Value::Interval { low, high, .. } if high.is_finite() => Some((low + high) / 2.0),
        Value::Interval { low, .. } => Some(low),
        Value::Days { .. } => None,
    }
}

/// Whether a claim value is vague ("Hunderte", "dozens": a range).
pub fn is_vague_value(kind: ClaimKind, value: &str) -> bool {
    kind == ClaimKind::Quantity && is_vague(kind, value)
}

/// A parsed value.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Value {
    Interval { low: f64, high: f64, vague: bool },
    Days { first: i64, last: i64 },
}

fn parse_value(kind: ClaimKind, value: &str) -> Option<Value> {
    match kind {
        ClaimKind::Quantity => {
            let number = |text: &str| text.parse::<f64>().ok();
            if let Some(rest) = value.strip_prefix(">=") {
                return Some(Value::Interval {
                    low: number(rest)?,
                    high: f64::INFINITY,
                    vague: false,
                });
            }
            if let Some(rest) = value.strip_prefix("<=") {
                return Some(Value::Interval {
                    low: 0.0,
                    high: number(rest)?,
                    vague: false,
                });
            }
            if let Some(rest) = value.strip_prefix('~') {
                let center = number(rest)?;
                return Some(Value::Interval {
                    low: center * 0.9,
                    high: center * 1.1,
                    vague: false,
                });
            }
            if let Some((low, high)) = value.split_once('-') {
                return Some(Value::Interval {
                    low: number(low)?,
                    high: number(high)?,
                    vague: true,
                });
            }
            let exact = number(value)?;
            Some(Value::Interval {
                low: exact * 0.98,
                high: exact * 1.02,
                vague: false,
            })
        }
        ClaimKind::Statement => {
            let day = |text: &str| {
                chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .ok()
                    .map(|d| d.num_days_from_ce() as i64)
            };
            use chrono::Datelike;
            match value.split_once('/') {
                Some((first, last)) => Some(Value::Days {
                    first: day(first)?,
                    last: day(last)?,
                }),
                None => day(value).map(|d| Value::Days { first: d, last: d }),
            }
        }
        ClaimKind::Quote => None,
    }
}

fn same_value(kind: ClaimKind, left: &str, right: &str) -> bool {
    // Two lower bounds ("at least 2", then "at least 6") or two upper
    // bounds compare by the bound: a toll "rose to at least six".
    for sign in [">=", "<="] {
        if let (Some(a), Some(b)) = (left.strip_prefix(sign), right.strip_prefix(sign)) {
            return same_value(kind, a, b);
        }
    }
    match (parse_value(kind, left), parse_value(kind, right)) {
        (
            Some(Value::Interval {
                low: a, high: b, ..
            }),
            Some(Value::Interval {
                low: c, high: d, ..
            }),
        ) => a <= d && c <= b,
        (Some(Value::Days { first: a, last: b }), Some(Value::Days { first: c, last: d })) => {
            a <= d && c <= b
        }
        _ => words_overlap(left, right) >= 0.6,
    }
}

fn is_vague(kind: ClaimKind, value: &str) -> bool {
    if kind == ClaimKind::Quantity && (value.starts_with(">=") || value.starts_with("<=")) {
        // A bound is precise enough to change ("at least 6" after "at least 2").
        return false;
    }
    match parse_value(kind, value) {
        Some(Value::Interval { vague, .. }) => vague,
        Some(Value::Days { first, last }) => first != last,
        None => kind != ClaimKind::Quote,
    }
}

/// Relative difference of two values' centres (1.0 when not comparable).
pub fn relative_change(kind: ClaimKind, before: &str, after: &str) -> f64 {
    let centre = |value: Option<Value>| match value {
        Some(Value::Interval { low, high, .. }) if high.is_finite() => Some((low + high) / 2.0),
        Some(Value::Interval { low, .. }) => Some(low),
        Some(Value::Days { first, last }) => Some((first + last) as f64 / 2.0),
        None => None,
    };
    match (
        centre(parse_value(kind, before)),
        centre(parse_value(kind, after)),
        kind,
    ) {
        (Some(a), Some(b), ClaimKind::Statement) => (a - b).abs(),
        (Some(a), Some(b), _) if a.abs() > 0.0 => ((a - b) / a).abs(),
        _ => 1.0,
    }
}

fn words_overlap(left: &str, right: &str) -> f64 {
    let set = |text: &str| -> BTreeSet<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (left, right) = (set(left), set(right));
    let shared = left.intersection(&right).count() as f64;
    let smaller = left.len().min(right.len()).max(1) as f64;
    shared / smaller
}

/// The outcome of checking one claim against its story.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    /// New, corroborated or changed.
    pub status: ClaimStatus,
    /// For a change: the value the story carried before.
    pub previous: Option<String>,
    /// Distinct sources that carried the claim (this one included).
    pub sources: u32,
}

/// Judges `claim` (from `source`) against the story's claims and records it.
pub fn judge(claims: &mut Vec<StoredClaim>, claim: &Claim, source: &str) -> Judgement {
    let same_key = |stored: &&mut StoredClaim| same_identity(stored, claim);
    let repeats = |stored: &&mut StoredClaim| may_repeat(stored, claim);
    let claim_vague = is_vague(claim.kind, &claim.value);
    // 1. The same value again (a precise value repeats only precise values).
    if let Some(stored) = claims
        .iter_mut()
        .filter(repeats)
        .filter(|stored| claim_vague || !is_vague(claim.kind, &stored.value))
        .find(|stored| same_value(claim.kind, &stored.value, &claim.value))
    {
        stored.sources.insert(source.to_string());
        return Judgement {
            status: ClaimStatus::Corroborated,
            previous: None,
            sources: stored.sources.len() as u32,
        };
    }
    // 2. Another precise value than the latest precise one: a change.
    let previous = claims
        .iter_mut()
        .filter(same_key)
        .filter(|stored| !is_vague(claim.kind, &stored.value))
        .last()
        .map(|stored| stored.value.clone());
    // A meeting or visit on another day is another meeting, not a change.
    let dated_occasion =
        claim.kind == ClaimKind::Statement && matches!(claim.subject.as_str(), "meeting" | "visit");
    let changed =
        previous.is_some() && claim.kind != ClaimKind::Quote && !claim_vague && !dated_occasion;
    // 3. A precise value inside a vague one ("2500" after "Tausende") refines
    //    it: corroborated, and kept so that later values compare with it.
    let refined_sources = if changed {
        None
    } else {
        claims
            .iter_mut()
            .filter(repeats)
            .find(|stored| same_value(claim.kind, &stored.value, &claim.value))
            .map(|stored| {
                stored.sources.insert(source.to_string());
                stored.sources.clone()
            })
    };
    claims.push(StoredClaim {
        kind: claim.kind,
        subject: claim.subject.clone(),
        predicate: claim.predicate.clone(),
        value: claim.value.clone(),
        sources: refined_sources
            .clone()
            .unwrap_or_else(|| BTreeSet::from([source.to_string()])),
        claim_id: claim.claim_id.clone(),
        about: claim.about.clone(),
        place: claim.place.clone(),
        actor: claim.actor.clone(),
        scope: claim.scope.clone(),
        attributed_to: claim.attributed_to.clone(),
    });
    match (changed, refined_sources) {
        (true, _) => Judgement {
            status: ClaimStatus::Changed,
            previous,
            sources: 1,
        },
        (false, Some(sources)) => Judgement {
            status: ClaimStatus::Corroborated,
            previous: None,
            sources: sources.len() as u32,
        },
        (false, None) => Judgement {
            status: ClaimStatus::New,
            previous: None,
            sources: 1,
        },
    }
}

/// A claim of `person` for tests: `kind`, `predicate` and `value`, its id
/// the value, nothing else stated.
#[cfg(test)]
pub(crate) fn test_claim(kind: ClaimKind, predicate: &str, value: &str) -> Claim {
    Claim {
        schema: String::new(),
        claim_id: value.to_string(),
        story_id: String::new(),
        article_id: String::new(),
        kind,
        subject: "person".into(),
        predicate: predicate.into(),
        value: value.into(),
        object: None,
        about: None,
        place: None,
        actor: None,
        scope: None,
        attributed_to: None,
        sentence: String::new(),
        status: ClaimStatus::New,
        previous: None,
        sources: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(kind: ClaimKind, predicate: &str, value: &str) -> Claim {
        test_claim(kind, predicate, value)
    }

    #[test]
    fn hedged_values_corroborate_and_exact_values_change() {
        let mut claims = Vec::new();
        assert_eq!(
            judge(
                &mut claims,
                &claim(ClaimKind::Quantity, "arrested", ">=10000"),
                "a"
            )
            .status,
            ClaimStatus::New
        );
        assert_eq!(
            judge(
                &mut claims,
                &claim(ClaimKind::Quantity, "arrested", "~10000"),
                "b"
            )
            .status,
            ClaimStatus::Corroborated
        );
        let third = judge(
            &mut claims,
            &claim(ClaimKind::Quantity, "arrested", "~10000"),
            "c",
        );
        assert_eq!(
            (third.status, third.sources),
            (ClaimStatus::Corroborated, 3)
        );
        assert_eq!(
            judge(
                &mut claims,
                &claim(ClaimKind::Quantity, "killed", "164"),
                "a"
            )
            .status,
            ClaimStatus::New
        );
        assert_eq!(
            judge(
                &mut claims,
                &claim(ClaimKind::Quantity, "killed", "200-999"),
                "b"
            )
            .status,
            ClaimStatus::New,
            "vague is no change"
        );
        let changed = judge(
            &mut claims,
            &claim(ClaimKind::Quantity, "killed", "225"),
            "c",
        );
        assert_eq!(changed.status, ClaimStatus::Changed);
        assert_eq!(changed.previous.as_deref(), Some("164"));
    }

    #[test]
    fn identity_keeps_apart_what_counts_other_things() {
        let mut claims = Vec::new();
        let mut total = claim(ClaimKind::Quantity, "killed", "164");
        total.place = Some("kasachstan".into());
        total.attributed_to = Some("regierung".into());
        judge(&mut claims, &total, "a");
        // Another place: another claim, not a change.
        let mut almaty = claim(ClaimKind::Quantity, "killed", "103");
        almaty.place = Some("almaty".into());
        assert_eq!(judge(&mut claims, &almaty, "b").status, ClaimStatus::New);
        // One day's count is not the running total.
        let mut one_day = claim(ClaimKind::Quantity, "killed", "12");
        one_day.scope = Some("2022-01-05".into());
        assert_eq!(judge(&mut claims, &one_day, "b").status, ClaimStatus::New);
        // Children are not all the dead.
        let mut children = claim(ClaimKind::Quantity, "killed", "8");
        children.about = Some("kinder".into());
        assert_eq!(judge(&mut claims, &children, "b").status, ClaimStatus::New);
        // Another source of the assertion: a new claim beside the first.
        let mut activists = claim(ClaimKind::Quantity, "killed", "300");
        activists.attributed_to = Some("aktivisten".into());
        activists.place = Some("kasachstan".into());
        assert_eq!(judge(&mut claims, &activists, "d").status, ClaimStatus::New);
        // The total, unscoped or stated as such, with no contradiction: a
        // change of the latest value that agrees.
        let mut later = claim(ClaimKind::Quantity, "killed", "225");
        later.attributed_to = Some("regierung".into());
        later.scope = Some("total".into());
        later.place = Some("kasachstan".into());
        let changed = judge(&mut claims, &later, "e");
        assert_eq!(changed.status, ClaimStatus::Changed);
        assert_eq!(changed.previous.as_deref(), Some("164"));
    }

    #[test]
    fn dates_change_by_day() {
        let mut claims = Vec::new();
        judge(
            &mut claims,
            &claim(ClaimKind::Statement, "end_date", "2022-01-23"),
            "a",
        );
        let changed = judge(
            &mut claims,
            &claim(ClaimKind::Statement, "end_date", "2022-01-19"),
            "b",
        );
        assert_eq!(changed.status, ClaimStatus::Changed);
        assert_eq!(changed.previous.as_deref(), Some("2022-01-23"));
        assert!(
            (relative_change(ClaimKind::Statement, "2022-01-23", "2022-01-19") - 4.0).abs() < 1e-9
        );
    }
}
