//! Article term vectors: TF-IDF over content words, title words counted
//! twice, with document frequencies learnt online (no look-ahead).

use std::collections::HashMap;

/// The crate's hash maps: a hash keyed at random per process (words are
/// the publishers' to choose, so a fixed hash could be made to collide),
/// faster than the standard library's for short keys.
pub(crate) type FastMap<K, V> = HashMap<K, V, ahash::RandomState>;

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
    // Spanish, French, Italian, Portuguese, Dutch: a page in one of them
    // otherwise joins every other page of its language on "que", "del",
    // "les" (their background frequencies are not in the prior).
    "que",
    "del",
    "las",
    "los",
    "una",
    "uno",
    "unos",
    "unas",
    "por",
    "para",
    "con",
    "sin",
    "sobre",
    "entre",
    "desde",
    "hasta",
    "según",
    "además",
    "también",
    "pero",
    "porque",
    "como",
    "más",
    "este",
    "esta",
    "estos",
    "estas",
    "ese",
    "esa",
    "eso",
    "esto",
    "fue",
    "son",
    "está",
    "están",
    "han",
    "hay",
    "sus",
    "les",
    "une",
    "dans",
    "pour",
    "qui",
    "sur",
    "pas",
    "par",
    "avec",
    "est",
    "sont",
    "ont",
    "cette",
    "aux",
    "mais",
    "plus",
    "ces",
    "ses",
    "leur",
    "été",
    "être",
    "fait",
    "comme",
    "della",
    "delle",
    "degli",
    "dei",
    "che",
    "non",
    "per",
    "nel",
    "nella",
    "alla",
    "anche",
    "sono",
    "gli",
    "questo",
    "questa",
    "stato",
    "het",
    "een",
    "van",
    "voor",
    "niet",
    "zijn",
    "dat",
    "met",
    "ook",
    "wordt",
    "naar",
    "werd",
    "heeft",
    "aan",
    "não",
    "uma",
    "com",
    "mais",
    "dos",
    "das",
    "nos",
    "nas",
    "pelo",
    "pela",
    "foi",
    "ser",
    "seu",
    "sua",
];

/// Whether `word` (lower case) is a function word.
fn is_stopword(word: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
        .contains(word)
}

/// Whether a piece of text between separators is a term's shape: a letter,
/// and at least three characters (two for a letter and digit: "S9", "F1").
fn is_term_shape(word: &str) -> bool {
    // Two characters only for model names and codes: "S9", "F1".
    let count = word.chars().count();
    word.chars().any(char::is_alphabetic)
        && (count >= 3 || (count == 2 && word.chars().any(|c| c.is_ascii_digit())))
}

/// The pieces of a text between separators (anything but letters, digits
/// and hyphens), hyphens trimmed.
fn pieces(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .map(|word| word.trim_matches('-'))
}

/// Content words of a text, lower-cased, at least three characters (two
/// for a letter and digit: "S9", "F1").
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    pieces(text)
        .filter(|word| is_term_shape(word))
        .map(str::to_lowercase)
        .filter(|word| !is_stopword(word))
}

/// Terms with weights, as persisted (by term, not by id).
pub type TermVector = Vec<(String, f32)>;

/// Term counts being gathered: the content words of [`words`], each
/// lower-cased into one buffer, so that a word costs an allocation only
/// the first time it is seen (`words` allocates every occurrence).
#[derive(Default)]
pub struct TermCounter {
    counts: FastMap<String, f32>,
    lower: String,
}

impl TermCounter {
    /// Adds `weight` for every content word of `text`.
    pub fn add_text(&mut self, text: &str, weight: f32) {
        for word in pieces(text) {
            if !is_term_shape(word) {
                continue;
            }
            self.lower.clear();
            if word.is_ascii() {
                self.lower.push_str(word);
                self.lower.make_ascii_lowercase();
            } else {
                // (Whole-word lower case: a final sigma is "ς".)
                self.lower.push_str(&word.to_lowercase());
            }
            self.add_lower(weight);
        }
    }

    /// Adds `weight` for a word already in lower case.
    pub fn add_word(&mut self, word: &str, weight: f32) {
        self.lower.clear();
        self.lower.push_str(word);
        self.add_lower(weight);
    }

    fn add_lower(&mut self, weight: f32) {
        if is_stopword(&self.lower) {
            return;
        }
        match self.counts.get_mut(self.lower.as_str()) {
            Some(count) => *count += weight,
            None => {
                self.counts.insert(self.lower.clone(), weight);
            }
        }
    }

    /// The counts, sorted by term: new terms get their ids in that order,
    /// so ties between equal weights break the same way on every run.
    pub fn into_sorted(self) -> TermVector {
        let mut counts: TermVector = self.counts.into_iter().collect();
        counts.sort_unstable_by(|left, right| left.0.cmp(&right.0));
        counts
    }
}

/// Words of the slug in a web address's path, the headline as the site
/// wrote it into the address: "russian-space-experts-regain-control-1st-
/// angola-satellite-52044233" gives "russian", "space", "experts", … A
/// segment counts as a slug when it holds at least three words joined by
/// hyphens or underscores; query and fragment are ignored.
pub fn slug_words(url: &str) -> Vec<String> {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .split_once('/')
        .map_or("", |(_, path)| path);
    let mut out = Vec::new();
    for segment in path.split('/') {
        let segment = segment
            .rsplit_once('.')
            .filter(|(_, extension)| extension.len() <= 5)
            .map_or(segment, |(stem, _)| stem);
        let parts = segment
            .split(['-', '_'])
            .filter(|part| part.chars().any(char::is_alphabetic))
            .count();
        if parts >= 3 {
            out.extend(words(&segment.replace(['_', '-'], " ")));
        }
    }
    out
}

/// Documents without a term assumed beside those seen (see [`Vocabulary::idf`]).
pub const PRIOR_DOCUMENTS: f32 = 200.0;

/// Term ids with weights, sorted by id: dot products are merge joins.
pub type Sparse = Vec<(u32, f32)>;

/// Terms as small ids, with document frequencies learnt online.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    ids: FastMap<String, u32>,
    words: Vec<String>,
    frequencies: Vec<u32>,
    /// Per id: the share of the prior documents that hold the term.
    background: Vec<f32>,
    documents: u32,
}

/// Zipf frequencies (log10 of occurrences per billion words) of common
/// English and German words and of the commonest words of fourteen other
/// languages, from wordfreq (`data/generate_frequencies.py`).
const WORD_FREQUENCIES: &str = include_str!("../data/word_frequencies.tsv");

/// Words of a typical document, for [`background_share`].
pub const DOCUMENT_WORDS: f32 = 2000.0;

/// The share of typical documents that hold `word`: a document of
/// [`DOCUMENT_WORDS`] words holds a word of frequency `f` with probability
/// `1 - exp(-DOCUMENT_WORDS * f)`; words off the list count as rare.
pub fn background_share(word: &str) -> f32 {
    // Word → share, computed once from the Zipf frequencies.
    static TABLE: std::sync::OnceLock<FastMap<&'static str, f32>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        WORD_FREQUENCIES
            .lines()
            .filter_map(|line| {
                let (word, zipf) = line.split_once('\t')?;
                let frequency = 10f32.powf(zipf.parse::<f32>().ok()? - 9.0);
                Some((word, 1.0 - (-DOCUMENT_WORDS * frequency).exp()))
            })
            .collect()
    });
    table.get(word).copied().unwrap_or(0.0)
}

impl Vocabulary {
    /// The id of a term, adding it when new.
    pub fn intern(&mut self, word: &str) -> u32 {
        self.intern_with(word, background_share)
    }

    /// [`Vocabulary::intern`] with the word's [`background_share`] given
    /// by `share` (asked only when the word is new).
    pub fn intern_with(&mut self, word: &str, share: impl FnOnce(&str) -> f32) -> u32 {
        if let Some(id) = self.ids.get(word) {
            return *id;
        }
        let id = self.words.len() as u32;
        self.ids.insert(word.to_string(), id);
        self.words.push(word.to_string());
        self.frequencies.push(0);
        self.background.push(share(word));
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
    /// The corpus is assumed to hold [`PRIOR_DOCUMENTS`] more documents,
    /// typical ones, that hold the term as often as its frequency in
    /// everyday language says ([`background_share`]). A young
    /// index has seen few articles, often of one story: plain IDF would
    /// punish that story's own words for being in all of them, and would
    /// weigh "said" or "heute" like a name because the index has not yet
    /// seen them often. With the prior, IDF starts from general knowledge
    /// of the language and becomes the corpus's own as it grows past the
    /// prior.
    pub fn idf(&self, id: u32) -> f32 {
        let df = self.frequencies.get(id as usize).copied().unwrap_or(0) as f32;
        let documents = self.documents as f32 + PRIOR_DOCUMENTS;
        let background = self.background.get(id as usize).copied().unwrap_or(0.0) * PRIOR_DOCUMENTS;
        ((documents + 1.0) / (df + background + 1.0)).ln() + 1.0
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

/// Calls `f` with a function that gives `vector`'s dot product with
/// another vector, the same to the bit as [`dot`], for many of them.
///
/// `vector` is spread over a table indexed by term id (one per thread,
/// kept between calls), so a product costs one load per term of the other
/// vector, where [`dot`] merges both lists with a branch per step that the
/// processor cannot predict. The sum runs over the other vector's terms in
/// id order, as [`dot`]'s; a term `vector` lacks adds 0, which leaves any
/// sum as it was (weights are finite).
pub fn with_spread<R>(vector: &Sparse, f: impl FnOnce(&dyn Fn(&Sparse) -> f32) -> R) -> R {
    thread_local! {
        static TABLE: std::cell::RefCell<Vec<f32>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    /// Puts the table's entries back to 0 when the call ends, also when
    /// `f` panics.
    struct Spread<'a> {
        table: std::cell::RefMut<'a, Vec<f32>>,
        vector: &'a Sparse,
    }
    impl Drop for Spread<'_> {
        fn drop(&mut self) {
            for (id, _) in self.vector {
                self.table[*id as usize] = 0.0;
            }
        }
    }
    TABLE.with(|table| {
        let mut spread = Spread {
            table: table.borrow_mut(),
            vector,
        };
        if let Some((last, _)) = vector.last() {
            let needed = *last as usize + 1;
            if spread.table.len() < needed {
                spread.table.resize(needed, 0.0);
            }
        }
        for (id, weight) in vector {
            spread.table[*id as usize] = *weight;
        }
        let table: &[f32] = &spread.table;
        f(&|other: &Sparse| {
            let mut sum = 0.0;
            for (id, weight) in other {
                sum += table.get(*id as usize).copied().unwrap_or(0.0) * weight;
            }
            sum
        })
    })
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

    /// Sparse vectors of up to `length` terms out of `ids`, from a seed.
    fn vectors(seed: u64, count: usize, length: usize, ids: u32) -> Vec<Sparse> {
        let mut state = seed;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..count)
            .map(|_| {
                let mut vector: Sparse = (0..length)
                    .map(|_| {
                        let id = (next() % u64::from(ids)) as u32;
                        (id, (next() % 10_000) as f32 / 997.0 + 0.001)
                    })
                    .collect();
                vector.sort_by_key(|(id, _)| *id);
                vector.dedup_by_key(|(id, _)| *id);
                vector
            })
            .collect()
    }

    #[test]
    fn a_spread_vector_gives_dot_products_equal_to_the_bit() {
        let articles = vectors(7, 50, 100, 3_000);
        let stories = vectors(11, 40, 100, 4_000);
        for article in &articles {
            with_spread(article, |spread| {
                for story in &stories {
                    assert_eq!(spread(story).to_bits(), dot(article, story).to_bits());
                    assert_eq!(spread(story).to_bits(), dot(story, article).to_bits());
                }
            });
        }
        // Nothing of the previous vectors stays in the table, also after a
        // panic in the middle of a call.
        let caught = std::panic::catch_unwind(|| {
            with_spread(&articles[0], |_| panic!("a bug while scoring"))
        });
        assert!(caught.is_err());
        let empty: Sparse = Vec::new();
        with_spread(&empty, |spread| {
            for story in &stories {
                assert_eq!(spread(story), 0.0);
            }
        });
    }

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

    #[test]
    fn common_words_weigh_less_before_the_index_has_seen_them() {
        assert!(background_share("said") > 0.5);
        assert!(background_share("heute") > 0.5);
        assert!(background_share("gorilla") < 0.05);
        assert_eq!(background_share("tokajew"), 0.0);
        // The commonest words of languages without an extractor model
        // count too, so that their pages do not join over them.
        for word in ["что", "también", "avec", "anche", "який", "także"] {
            assert!(background_share(word) > 0.5, "{word}");
        }
        let mut vocabulary = Vocabulary::default();
        let [said, heute, gorilla, tokajew] =
            ["said", "heute", "gorilla", "tokajew"].map(|word| vocabulary.intern(word));
        assert!(vocabulary.idf(said) + 1.0 < vocabulary.idf(gorilla));
        assert!(vocabulary.idf(heute) + 1.0 < vocabulary.idf(tokajew));
        assert!(vocabulary.idf(gorilla) <= vocabulary.idf(tokajew));
    }

    #[test]
    fn slugs_give_their_words() {
        assert_eq!(
            slug_words("http://abcnews.go.com/Technology/wireStory/russian-space-experts-regain-control-1st-angola-satellite-52044233"),
            ["russian", "space", "experts", "regain", "control", "1st", "angola", "satellite"]
        );
        assert_eq!(
            slug_words("https://www.rt.com/on-air/414286-angola-satellite-launch-baikonur/?utm_source=a-b-c-d"),
            ["angola", "satellite", "launch", "baikonur"]
        );
        assert_eq!(
            slug_words("https://example.org/2022/01/kasachstan_abzug_der_ovks.html"),
            ["kasachstan", "abzug", "ovks"]
        );
        assert!(slug_words("https://example.org/news/article.php?id=3").is_empty());
        assert!(slug_words("not a url").is_empty());
    }

    #[test]
    fn words_keep_model_names_but_not_bare_numbers() {
        let found: Vec<String> = words("Galaxy S9 leaked, F1 in 2 of 10 cases").collect();
        assert_eq!(found, ["galaxy", "s9", "leaked", "f1", "cases"]);
    }
}
