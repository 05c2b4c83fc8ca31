//! Clustering metrics: B-cubed and pairwise precision, recall and F1.

use std::collections::HashMap;

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Scores {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

fn f1(precision: f64, recall: f64) -> Scores {
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Scores {
        precision,
        recall,
        f1,
    }
}

/// B-cubed scores of `predicted` against `gold` (parallel label lists).
pub fn bcubed(gold: &[String], predicted: &[String]) -> Scores {
    assert_eq!(gold.len(), predicted.len());
    let n = gold.len();
    if n == 0 {
        return f1(0.0, 0.0);
    }
    let mut precision = 0.0;
    let mut recall = 0.0;
    let mut pairs: HashMap<(&str, &str), f64> = HashMap::new();
    let mut gold_sizes: HashMap<&str, f64> = HashMap::new();
    let mut predicted_sizes: HashMap<&str, f64> = HashMap::new();
    for (g, p) in gold.iter().zip(predicted) {
        *pairs.entry((g, p)).or_default() += 1.0;
        *gold_sizes.entry(g).or_default() += 1.0;
        *predicted_sizes.entry(p).or_default() += 1.0;
    }
    for (g, p) in gold.iter().zip(predicted) {
        let both = pairs[&(g.as_str(), p.as_str())];
        precision += both / predicted_sizes[p.as_str()];
        recall += both / gold_sizes[g.as_str()];
    }
    f1(precision / n as f64, recall / n as f64)
}

/// Pairwise scores: pairs of items put together, against pairs that belong together.
pub fn pairwise(gold: &[String], predicted: &[String]) -> Scores {
    let choose2 = |k: f64| k * (k - 1.0) / 2.0;
    let mut pairs: HashMap<(&str, &str), f64> = HashMap::new();
    let mut gold_sizes: HashMap<&str, f64> = HashMap::new();
    let mut predicted_sizes: HashMap<&str, f64> = HashMap::new();
    for (g, p) in gold.iter().zip(predicted) {
        *pairs.entry((g, p)).or_default() += 1.0;
        *gold_sizes.entry(g).or_default() += 1.0;
        *predicted_sizes.entry(p).or_default() += 1.0;
    }
    let together: f64 = pairs.values().map(|k| choose2(*k)).sum();
    let predicted_pairs: f64 = predicted_sizes.values().map(|k| choose2(*k)).sum();
    let gold_pairs: f64 = gold_sizes.values().map(|k| choose2(*k)).sum();
    let precision = if predicted_pairs > 0.0 {
        together / predicted_pairs
    } else {
        1.0
    };
    let recall = if gold_pairs > 0.0 {
        together / gold_pairs
    } else {
        1.0
    };
    f1(precision, recall)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn perfect_and_known_values() {
        let gold = labels("a a b b");
        assert_eq!(bcubed(&gold, &labels("x x y y")).f1, 1.0);
        // All in one cluster: precision 0.5, recall 1.
        let all = bcubed(&gold, &labels("x x x x"));
        assert!((all.precision - 0.5).abs() < 1e-12 && (all.recall - 1.0).abs() < 1e-12);
        let pw = pairwise(&gold, &labels("x x x x"));
        assert!((pw.precision - 2.0 / 6.0).abs() < 1e-12 && pw.recall == 1.0);
    }
}
