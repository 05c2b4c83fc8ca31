//! Article term vectors: TF-IDF over content words, title words counted
//! twice, with document frequencies learnt online (no look-ahead).

use std::collections::HashMap;

/// Function words of the languages ticker reads, never terms.
const STOPWORDS: &[&str] = &[
    // German
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "einer",
    "eines",
    "einem",
    "einen",
    "und",
    "oder",
    "aber",
    "nicht",
    "ist",
    "sind",
    "war",
    "waren",
    "wird",
    "werden",
    "wurde",
    "wurden",
    "hat",
    "haben",
    "hatte",
    "hatten",
    "sei",
    "seien",
    "mit",
    "von",
    "für",
    "auf",
    "aus",
    "bei",
    "nach",
    "vor",
    "über",
    "unter",
    "zum",
    "zur",
    "auch",
    "noch",
    "nur",
    "schon",
    "wie",
    "als",
    "dass",
    "sich",
    "sie",
    "ihr",
    "ihre",
    "ihren",
    "sein",
    "seine",
    "seiner",
    "seinen",
    "diese",
    "dieser",
    "dieses",
    "durch",
    "gegen",
    "bis",
    "seit",
    "wegen",
    "sowie",
    "dabei",
    "damit",
    "dann",
    "denn",
    "doch",
    "mehr",
    "sehr",
    "kann",
    "können",
    "soll",
    "sollen",
    "solle",
    "muss",
    "man",
    "wir",
    "uns",
    "ihm",
    "ihn",
    "ihnen",
    "alle",
    "allem",
    "einige",
    "immer",
    "wieder",
    "bereits",
    "heute",
    "gestern",
    "jahr",
    "jahren",
    "prozent",
    "sagte",
    "sagt",
    "erklärte",
    "laut",
    "zufolge",
    "mitteilte",
    "hieß",
    "etwa",
    "rund",
    "mehrere",
    "sowohl",
    "dort",
    "hier",
    "dies",
    "zwei",
    "drei",
    "ersten",
    "erste",
    "neue",
    "neuen",
    // English
    "the",
    "and",
    "for",
    "that",
    "with",
    "was",
    "were",
    "are",
    "has",
    "have",
    "had",
    "not",
    "but",
    "from",
    "this",
    "which",
    "will",
    "would",
    "their",
    "they",
    "there",
    "been",
    "his",
    "her",
    "she",
    "its",
    "who",
    "what",
    "when",
    "where",
    "after",
    "before",
    "about",
    "into",
    "over",
    "than",
    "then",
    "them",
    "also",
    "more",
    "said",
    "says",
    "say",
    "told",
    "one",
    "two",
    "three",
    "new",
    "all",
    "can",
    "could",
    "may",
    "out",
    "our",
    "you",
    "your",
    "some",
    "other",
    "year",
    "years",
    "last",
    "first",
    "just",
    "like",
    "did",
    "does",
    "because",
    "while",
    "during",
    "being",
    "those",
    "these",
    "such",
    "any",
    "only",
    "very",
    "most",
    "many",
    "much",
    "him",
    "how",
    "now",
    "according",
    "people",
    "percent",
    "time",
    "made",
    "make",
    "including",
    "between",
    "under",
    "since",
    "still",
    "well",
    "back",
    "get",
    "got",
    "through",
    "per",
    "mr",
    "mrs",
    "ms",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Content words of a text, lower-cased, at least three letters.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .map(|word| word.trim_matches('-'))
        .filter(|word| word.chars().count() >= 3 && word.chars().any(char::is_alphabetic))
        .map(str::to_lowercase)
        .filter(|word| !STOPWORDS.contains(&word.as_str()))
}

/// Terms with weights, as persisted (by term, not by id).
pub type TermVector = Vec<(String, f32)>;

/// Raw term counts of an article (title twice), in word order: new terms
/// get their ids in that order, so ties between equal weights break the
/// same way on every run.
pub fn term_counts(title: &str, text: &str) -> std::collections::BTreeMap<String, f32> {
    let mut counts = std::collections::BTreeMap::<String, f32>::new();
    for word in words(title) {
        *counts.entry(word).or_default() += 2.0;
    }
    for word in words(text) {
        *counts.entry(word).or_default() += 1.0;
    }
    counts
}

/// Documents without a term assumed beside those seen (see [`Vocabulary::idf`]).
pub const PRIOR_DOCUMENTS: f32 = 200.0;

/// Term ids with weights, sorted by id: dot products are merge joins.
pub type Sparse = Vec<(u32, f32)>;

/// Terms as small ids, with document frequencies learnt online.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    ids: HashMap<String, u32>,
    words: Vec<String>,
    frequencies: Vec<u32>,
    documents: u32,
}

impl Vocabulary {
    /// The id of a term, adding it when new.
    pub fn intern(&mut self, word: &str) -> u32 {
        if let Some(id) = self.ids.get(word) {
            return *id;
        }
        let id = self.words.len() as u32;
        self.ids.insert(word.to_string(), id);
        self.words.push(word.to_string());
        self.frequencies.push(0);
        id
    }

    /// The id of a known term.
    pub fn get(&self, word: &str) -> Option<u32> {
        self.ids.get(word).copied()
    }

    /// The term of an id.
    pub fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
    }

    /// Counts one document with these distinct terms.
    pub fn observe(&mut self, ids: impl Iterator<Item = u32>) {
        self.documents += 1;
        for id in ids {
            self.frequencies[id as usize] += 1;
        }
    }

    /// Smoothed inverse document frequency.
    ///
    /// The corpus is assumed to hold [`PRIOR_DOCUMENTS`] more documents that
    /// lack the term. A young index has seen few articles, often of one
    /// story, and plain IDF would punish that story's own words for being in
    /// all of them; with the prior, IDF starts gentle and becomes the usual
    /// one as the corpus grows past the prior.
    pub fn idf(&self, id: u32) -> f32 {
        let df = self.frequencies.get(id as usize).copied().unwrap_or(0) as f32;
        let documents = self.documents as f32 + PRIOR_DOCUMENTS;
        ((documents + 1.0) / (df + 1.0)).ln() + 1.0
    }

    /// TF-IDF unit vector of the `keep` heaviest terms, sorted by id.
    pub fn vectorize(&self, counts: &[(u32, f32)], keep: usize) -> Sparse {
        let mut vector: Sparse = counts
            .iter()
            .map(|(id, count)| (*id, (1.0 + count.ln()) * self.idf(*id)))
            .collect();
        keep_heaviest(&mut vector, keep);
        normalize(&mut vector);
        vector
    }
}

/// Keeps the `keep` heaviest entries (ties by id), sorted by id.
pub fn keep_heaviest(vector: &mut Sparse, keep: usize) {
    if vector.len() > keep {
        vector.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        vector.truncate(keep);
    }
    vector.sort_by_key(|(id, _)| *id);
}

/// The `count` heaviest entries, heaviest first.
pub fn heaviest(vector: &Sparse, count: usize) -> Sparse {
    let mut sorted = vector.clone();
    sorted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    sorted.truncate(count);
    sorted
}

/// Scales to unit length.
pub fn normalize(vector: &mut Sparse) {
    let norm = norm(vector);
    if norm > 0.0 {
        for (_, weight) in vector.iter_mut() {
            *weight /= norm;
        }
    }
}

/// Euclidean length.
pub fn norm(vector: &Sparse) -> f32 {
    vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt()
}

/// Dot product of two vectors sorted by id.
pub fn dot(left: &Sparse, right: &Sparse) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < left.len() && j < right.len() {
        match left[i].0.cmp(&right[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += left[i].1 * right[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Adds `right` into `left` (both sorted by id).
pub fn add_into(left: &mut Sparse, right: &Sparse) {
    let mut merged = Vec::with_capacity(left.len() + right.len());
    let (mut i, mut j) = (0, 0);
    while i < left.len() || j < right.len() {
        if j == right.len() || (i < left.len() && left[i].0 < right[j].0) {
            merged.push(left[i]);
            i += 1;
        } else if i == left.len() || right[j].0 < left[i].0 {
            merged.push(right[j]);
            j += 1;
        } else {
            merged.push((left[i].0, left[i].1 + right[j].1));
            i += 1;
            j += 1;
        }
    }
    *left = merged;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_arithmetic() {
        let a: Sparse = vec![(1, 1.0), (3, 2.0)];
        let mut b: Sparse = vec![(2, 5.0), (3, 1.0)];
        assert_eq!(dot(&a, &b), 2.0);
        add_into(&mut b, &a);
        assert_eq!(b, vec![(1, 1.0), (2, 5.0), (3, 3.0)]);
        keep_heaviest(&mut b, 2);
        assert_eq!(b, vec![(2, 5.0), (3, 3.0)]);
        assert_eq!(heaviest(&b, 1), vec![(2, 5.0)]);
    }
}
