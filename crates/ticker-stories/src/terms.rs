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

/// Documents without a term assumed beside those seen (see [`DocumentFrequencies::idf`]).
pub const PRIOR_DOCUMENTS: f32 = 200.0;

/// Document frequencies learnt from the articles seen so far.
#[derive(Debug, Default, Clone)]
pub struct DocumentFrequencies {
    counts: HashMap<String, u32>,
    documents: u32,
}

impl DocumentFrequencies {
    /// Adds one document's distinct terms.
    pub fn observe<'a>(&mut self, terms: impl Iterator<Item = &'a String>) {
        self.documents += 1;
        for term in terms {
            *self.counts.entry(term.clone()).or_default() += 1;
        }
    }

    /// Smoothed inverse document frequency.
    ///
    /// The corpus is assumed to hold `PRIOR_DOCUMENTS` more documents that
    /// lack the term. A young index has seen few articles, often of one
    /// story, and plain IDF would punish that story's own words for being in
    /// all of them; with the prior, IDF starts gentle and becomes the usual
    /// one as the corpus grows past the prior.
    pub fn idf(&self, term: &str) -> f32 {
        let df = self.counts.get(term).copied().unwrap_or(0) as f32;
        let documents = self.documents as f32 + PRIOR_DOCUMENTS;
        ((documents + 1.0) / (df + 1.0)).ln() + 1.0
    }

    /// Number of documents seen.
    pub fn documents(&self) -> u32 {
        self.documents
    }
}

/// A sparse unit vector, sorted by weight (heaviest first).
pub type TermVector = Vec<(String, f32)>;

/// Raw term counts of an article (title twice).
pub fn term_counts(title: &str, text: &str) -> HashMap<String, f32> {
    let mut counts: HashMap<String, f32> = HashMap::new();
    for word in words(title) {
        *counts.entry(word).or_default() += 2.0;
    }
    for word in words(text) {
        *counts.entry(word).or_default() += 1.0;
    }
    counts
}

/// TF-IDF unit vector of the `keep` heaviest terms.
pub fn weigh(
    counts: &HashMap<String, f32>,
    frequencies: &DocumentFrequencies,
    keep: usize,
) -> TermVector {
    let mut vector: TermVector = counts
        .iter()
        .map(|(term, count)| (term.clone(), (1.0 + count.ln()) * frequencies.idf(term)))
        .collect();
    sort_and_truncate(&mut vector, keep);
    normalize(&mut vector);
    vector
}

/// Sorts heaviest first (ties by term, for determinism) and keeps `keep`.
pub fn sort_and_truncate(vector: &mut TermVector, keep: usize) {
    vector.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    vector.truncate(keep);
}

/// Scales to unit length.
pub fn normalize(vector: &mut TermVector) {
    let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, weight) in vector.iter_mut() {
            *weight /= norm;
        }
    }
}
