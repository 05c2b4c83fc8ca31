//! A trained entity tagger: an averaged structured perceptron over hashed
//! features with Viterbi decoding over BIO tags (PER, ORG, LOC).
//!
//! It reads the words of one sentence (the extractor's words, punctuation
//! seen only as the gap between them) and, for each word, evidence of
//! three kinds: the word's form (lower case, shape, affixes, its
//! neighbours, the punctuation around it, capitals at a sentence's
//! start), the word lists (German nouns, frequent words, given names,
//! towns, the place and organisation lexicon, role nouns, speech verbs),
//! and what the rule passes of `entities` made of the word (the start or
//! inside of a person, organisation or place, a derived word, part of a
//! compound). The rules are evidence here, not verdicts: training weighs
//! them against everything else.
//!
//! A model is trained by `ticker train ner` from the openly licensed
//! corpora of `shared/data/nlp/ner-train` (never from an evaluation set)
//! and given to [`crate::extract_with`]; `ticker eval ner --tagger`
//! measures it. Training is deterministic: same corpora, same model
//! bytes. No model is built in: on GermEval 2014 dev, no model trained
//! on those corpora did better than the rule passes alone
//! (`docs/benchmarks.md`, "Entity tagger").
//!
//! Feature hashing: FNV-1a of a template number and the feature's bytes,
//! folded into `2^BITS` buckets of eight tag weights (seven used) each.

use std::ops::Range;

use ticker_model::EntityType;

use crate::entities::{self, Entities, Token};

/// Tags, in the order of the weights in a bucket.
pub const TAGS: [&str; 7] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];
const N: usize = TAGS.len();
/// Weights per bucket (the seven tags, padded to a power of two).
const SLOTS: usize = 8;
/// Buckets of the hashed feature space: `2^BITS`.
pub const BITS: u32 = 16;
/// The model file starts with this, then the language it was trained on
/// (two letters: `de`, `en`).
const MAGIC: &[u8; 8] = b"TKNER03\n";

/// What the rule passes said about a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RuleTag(u8);

impl RuleTag {
    /// No rule named the word.
    pub const NONE: RuleTag = RuleTag(0);

    fn new(entity_type: EntityType, begin: bool, derived: bool, part: bool) -> RuleTag {
        let kind = match entity_type {
            EntityType::Person => 1,
            EntityType::Organization => 2,
            EntityType::Location => 3,
            EntityType::Misc => 4,
        };
        let form = if part {
            3
        } else if derived {
            2
        } else if begin {
            0
        } else {
            1
        };
        RuleTag(kind * 4 + form)
    }
}

/// The class of the punctuation between two words.
fn gap_class(gap: &str) -> u8 {
    let mut class = 0u8;
    for ch in gap.chars() {
        class |= match ch {
            ',' | ';' => 1,
            '.' | '!' | '?' | ':' => 2,
            '"' | '„' | '“' | '”' | '«' | '»' | '‚' | '‘' | '’' | '\'' => 4,
            '(' | ')' | '[' | ']' => 8,
            '-' | '–' | '—' | '/' => 16,
            '\n' => 32,
            ch if ch.is_whitespace() => 0,
            _ => 64,
        };
    }
    class
}

/// Slots of each thread's cache of word-list evidence (per language): a
/// stream of articles asks the lists once per word, not once per
/// mention. The cache is direct-mapped (a word's slot is fixed by its
/// key; a newer word takes the slot over), 512 KiB per language, so that
/// it stays in the processor's cache where a hash map of every word seen
/// would not.
const FLAG_CACHE_SLOTS: usize = 1 << 16;

thread_local! {
    static FLAG_CACHE: std::cell::RefCell<[Vec<u64>; 2]> = std::cell::RefCell::new([
        vec![0; FLAG_CACHE_SLOTS],
        vec![0; FLAG_CACHE_SLOTS],
    ]);
}

/// [`word_flags`] through this thread's cache, by the 64-bit key of the
/// word as written (`form`). A slot holds the key's upper 48 bits with
/// the flags in the lower 16 (the slot number comes from the lower bits
/// of the key, so the two together tell words apart by 63 of the key's
/// bits).
fn cached_flags(word: &str, form: u64, lower: &str, english: bool) -> u16 {
    FLAG_CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let slots = &mut cache[usize::from(english)];
        let slot = &mut slots[form as usize & (FLAG_CACHE_SLOTS - 1)];
        // The top bit set: an empty slot (0) matches no word.
        let tag = form & !0xffff | 1 << 63;
        if *slot & !0xffff == tag {
            return *slot as u16;
        }
        let flags = word_flags(word, lower, english);
        *slot = tag | u64::from(flags);
        flags
    })
}

/// Empties this thread's cache of word-list evidence (for measurements
/// of a cold start).
pub fn clear_flag_cache() {
    FLAG_CACHE.with(|cache| {
        cache
            .borrow_mut()
            .iter_mut()
            .for_each(|slots| slots.fill(0))
    });
}

/// What the features read of one word, hashed once.
#[derive(Clone, Copy)]
struct WordKeys {
    /// The word in lower case.
    lower: u64,
    /// The word as written.
    form: u64,
    shape: [u8; 5],
    /// The shape, hashed.
    shape_key: u64,
    /// The first and the last 2, 3 and 4 letters in lower case (0: the
    /// word is not longer than that).
    prefixes: [u64; 3],
    suffixes: [u64; 3],
    /// The parts before the first and after the last hyphen, in lower case.
    hyphen: Option<(u64, u64)>,
}

/// The sentence boundary as a neighbouring word.
const START: u64 = 0x5bd1_e995_1234_5678;
const END: u64 = 0x2545_f491_4f6c_dd1d;

impl WordKeys {
    /// The keys of a word no feature reads.
    const UNREAD: WordKeys = WordKeys {
        lower: 0,
        form: 0,
        shape: [0; 5],
        shape_key: 0,
        prefixes: [0; 3],
        suffixes: [0; 3],
        hyphen: None,
    };

    /// The keys of `word`; those only its own features read (form,
    /// affixes, hyphen parts) only when `own` (the word is a candidate).
    fn new(word: &str, lower: &str, own: bool) -> WordKeys {
        let shape = shape(word);
        let low = lower.as_bytes();
        let mut keys = WordKeys {
            lower: text_key(low),
            form: text_key(word.as_bytes()),
            shape,
            shape_key: text_key(&shape),
            prefixes: [0; 3],
            suffixes: [0; 3],
            hyphen: None,
        };
        if !own {
            return keys;
        }
        let letters = lower.chars().count();
        for (slot, length) in (2..=4).enumerate() {
            if letters > length {
                let cut = lower
                    .char_indices()
                    .nth(length)
                    .map_or(low.len(), |(at, _)| at);
                keys.prefixes[slot] = text_key(&low[..cut]);
                let cut = lower
                    .char_indices()
                    .nth_back(length - 1)
                    .map_or(0, |(at, _)| at);
                keys.suffixes[slot] = text_key(&low[cut..]);
            }
        }
        keys.hyphen = lower.split_once('-').map(|(head, tail)| {
            let tail = tail.rsplit('-').next().unwrap_or(tail);
            (text_key(head.as_bytes()), text_key(tail.as_bytes()))
        });
        keys
    }
}

/// Whether a word may be part of a name: it has a capital or a digit, or
/// it stands between such words ("Institut für angewandte Forschung",
/// "Bank of America") with at most one other word between it and each.
/// The tagger scores candidates only; every other word is outside any
/// name (in training too), which spares most lower-case words the work.
fn candidates(words: &[&str]) -> Vec<bool> {
    let marked: Vec<bool> = words
        .iter()
        .map(|word| word.chars().any(|ch| ch.is_uppercase() || ch.is_numeric()))
        .collect();
    (0..words.len())
        .map(|at| {
            marked[at]
                || (marked[at.saturating_sub(2)..at].contains(&true)
                    && marked[(at + 1).min(words.len())..(at + 3).min(words.len())].contains(&true))
        })
        .collect()
}

/// The words of one sentence with what the tagger reads beside them.
pub struct Sentence<'a> {
    words: Vec<&'a str>,
    candidate: Vec<bool>,
    gaps: Vec<u8>,
    rules: Vec<RuleTag>,
    flags: Vec<u16>,
    keys: Vec<WordKeys>,
}

impl<'a> Sentence<'a> {
    /// The words of `text` inside `range` (`words` are all words of the
    /// text), with the rule passes' reading of them from `found`.
    pub fn new(
        text: &'a str,
        words: &[Token<'a>],
        range: Range<usize>,
        found: &Entities,
        english: bool,
    ) -> Sentence<'a> {
        let first = words.partition_point(|word| word.start < range.start);
        let inside = &words[first..];
        let inside = &inside[..inside
            .iter()
            .take_while(|word| word.start + word.text.len() <= range.end)
            .count()];
        let mut gaps = Vec::with_capacity(inside.len() + 1);
        let mut previous_end = range.start;
        for word in inside {
            gaps.push(gap_class(&text[previous_end..word.start]));
            previous_end = word.start + word.text.len();
        }
        gaps.push(gap_class(&text[previous_end.min(range.end)..range.end]));
        let mut rules = vec![RuleTag::NONE; inside.len()];
        for (entity, mention) in found.within(&range) {
            let found_entity = &found.list[entity];
            let derived = found_entity.derived.contains(&mention.start);
            let first_word =
                inside.partition_point(|word| word.start + word.text.len() <= mention.start);
            for (at, word) in inside.iter().enumerate().skip(first_word) {
                if word.start >= mention.end {
                    break;
                }
                let word_end = word.start + word.text.len();
                let part = word.start > mention.start || word_end < mention.end;
                let part = part && !(word.start >= mention.start && word_end <= mention.end);
                rules[at] = RuleTag::new(
                    found_entity.entity_type,
                    word.start <= mention.start,
                    derived,
                    part,
                );
            }
        }
        let words: Vec<&'a str> = inside.iter().map(|word| word.text).collect();
        let candidate = candidates(&words);
        let mut lower = String::new();
        let mut word_flags = vec![0; words.len()];
        let mut keys = vec![WordKeys::UNREAD; words.len()];
        for (at, word) in words.iter().enumerate() {
            // Features of a candidate read the words up to two before and
            // after it; a word no candidate reads is left unread.
            let read = candidate[at.saturating_sub(2)..(at + 3).min(words.len())].contains(&true);
            if !read {
                continue;
            }
            lower.clear();
            if word.is_ascii() {
                lower.push_str(word);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(word.chars().flat_map(char::to_lowercase));
            }
            let word_keys = WordKeys::new(word, &lower, candidate[at]);
            word_flags[at] = cached_flags(word, word_keys.form, &lower, english);
            keys[at] = word_keys;
        }
        Sentence {
            words,
            candidate,
            gaps,
            rules,
            flags: word_flags,
            keys,
        }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the sentence has no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

const MIX: u64 = 0x9e37_79b9_7f4a_7c15;

/// The murmur3 finaliser: every bit of `x` moves every bit of the result.
const fn finish(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// A 64-bit key of a byte string, eight bytes at a time (the same on
/// every platform).
fn text_key(bytes: &[u8]) -> u64 {
    let mut key = 0x243f_6a88_85a3_08d3 ^ (bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let value = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        key = (key ^ value).wrapping_mul(MIX).rotate_left(31);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        key = (key ^ u64::from_le_bytes(last))
            .wrapping_mul(MIX)
            .rotate_left(31);
    }
    finish(key)
}

/// Seeds of the feature templates.
const SEEDS: [u64; 48] = {
    let mut seeds = [0u64; 48];
    let mut template = 0;
    while template < seeds.len() {
        seeds[template] = finish(template as u64 + 1);
        template += 1;
    }
    seeds
};

/// The bucket of template `template` over `parts` (keys or small values).
fn bucket(template: usize, parts: &[u64]) -> u32 {
    let mut key = SEEDS[template];
    for part in parts {
        key = (key ^ part).wrapping_mul(MIX).rotate_left(29);
    }
    ((key ^ (key >> 32)).wrapping_mul(0xbf58_476d_1ce4_e5b9) >> (64 - BITS)) as u32
}

/// The shape of a word: X for capitals, x for small letters, d for digits,
/// runs collapsed, at most five signs.
fn shape(word: &str) -> [u8; 5] {
    let mut out = [b' '; 5];
    let mut length = 0;
    let mut last = 0u8;
    for ch in word.chars() {
        let class = if ch.is_uppercase() {
            b'X'
        } else if ch.is_lowercase() {
            b'x'
        } else if ch.is_numeric() {
            b'd'
        } else if ch.is_ascii() {
            ch as u8
        } else {
            b'*'
        };
        if class != last {
            if length == out.len() {
                break;
            }
            out[length] = class;
            length += 1;
            last = class;
        }
    }
    out
}

/// Word-list evidence as bits.
fn word_flags(word: &str, lower: &str, english: bool) -> u16 {
    let mut flags = 0u16;
    let capitalised = word.starts_with(char::is_uppercase);
    if capitalised {
        if !english && entities::is_noun(word) {
            flags |= 1;
        }
        if entities::is_common_word(word) {
            flags |= 2;
        }
        if entities::is_given_name(word) {
            flags |= 4;
        }
        if entities::is_town(word) {
            flags |= 8;
        }
        if let Some(entries) = entities::lexicon().get(word) {
            for (_, entity_type, parts) in entries {
                flags |= match (entity_type, parts.len() == 1) {
                    (EntityType::Person, _) => 16,
                    (EntityType::Organization, _) => 32,
                    (EntityType::Location, true) => 64,
                    (EntityType::Location, false) => 128,
                    (EntityType::Misc, _) => 256,
                };
            }
        }
        if entities::is_role(word) || entities::is_person_noun(word) {
            flags |= 512;
        }
        if entities::is_acronym(word) {
            flags |= 1024;
        }
    }
    if crate::lexicon::is_speech_verb(word) {
        flags |= 2048;
    }
    if crate::lexicon::is_function_word(lower) {
        flags |= 4096;
    }
    flags
}

/// Up to seven bytes as one value for [`bucket`] (the top bit set, so
/// that it differs from any count or flag word).
fn small(values: &[u8]) -> u64 {
    values
        .iter()
        .fold(0u64, |packed, value| (packed << 8) | u64::from(*value))
        | (1 << 63)
}

/// The feature buckets of word `at`, passed to `emit`.
fn features(sentence: &Sentence<'_>, at: usize, mut emit: impl FnMut(u32)) {
    let keys = &sentence.keys;
    let own = &keys[at];
    let low = own.lower;
    let before = |back: usize| {
        at.checked_sub(back)
            .map_or(START, |index| keys[index].lower)
    };
    let after = |ahead: usize| keys.get(at + ahead).map_or(END, |word| word.lower);
    let own_shape = own.shape;
    let rule = sentence.rules[at].0;
    let rule_before = at
        .checked_sub(1)
        .map_or(255, |index| sentence.rules[index].0);
    let rule_after = sentence.rules.get(at + 1).map_or(254, |tag| tag.0);
    let first = at == 0 || sentence.gaps[at] & 2 != 0;
    let before_1 = before(1);
    emit(bucket(0, &[]));
    emit(bucket(1, &[low]));
    emit(bucket(2, &[own.form]));
    emit(bucket(3, &[before_1]));
    emit(bucket(4, &[after(1)]));
    emit(bucket(5, &[before(2)]));
    emit(bucket(6, &[after(2)]));
    emit(bucket(7, &[before_1, low]));
    emit(bucket(8, &[low, after(1)]));
    emit(bucket(9, &[own.shape_key]));
    let shape_before = at
        .checked_sub(1)
        .map_or(START, |index| keys[index].shape_key);
    let shape_after = keys.get(at + 1).map_or(END, |word| word.shape_key);
    emit(bucket(10, &[shape_before, own.shape_key, shape_after]));
    for slot in 0..3 {
        if own.suffixes[slot] != 0 {
            emit(bucket(12 + slot, &[own.suffixes[slot]]));
            emit(bucket(22 + slot, &[own.prefixes[slot]]));
        }
    }
    emit(bucket(
        30,
        &[small(&[
            sentence.gaps[at],
            sentence.gaps[at + 1],
            u8::from(first),
            own_shape[0],
            own_shape[1],
        ])],
    ));
    let own_flags = sentence.flags[at];
    emit(bucket(31, &[u64::from(own_flags)]));
    for bit in 0..13u8 {
        if own_flags & (1 << bit) != 0 {
            emit(bucket(32, &[small(&[bit, u8::from(first)])]));
        }
    }
    let flags_before = at
        .checked_sub(1)
        .map_or(0xffff, |index| sentence.flags[index]);
    let flags_after = sentence.flags.get(at + 1).copied().unwrap_or(0xfffe);
    emit(bucket(33, &[u64::from(flags_before)]));
    emit(bucket(34, &[u64::from(flags_after)]));
    emit(bucket(35, &[small(&[rule])]));
    emit(bucket(36, &[small(&[rule, rule_before, rule_after])]));
    emit(bucket(37, &[small(&[rule, own_shape[0], own_shape[1]])]));
    emit(bucket(38, &[small(&[rule]), before_1]));
    if let Some((head, tail)) = own.hyphen {
        emit(bucket(39, &[head]));
        emit(bucket(40, &[tail]));
    }
    emit(bucket(
        41,
        &[
            small(&[u8::from(first), u8::from(own_flags & 1 != 0), own_shape[0]]),
            before_1,
        ],
    ));
}

/// A trained model.
pub struct Model {
    /// Trained on English corpora (with the English rule passes' reading
    /// as features), else German.
    english: bool,
    /// `2^BITS` buckets of `SLOTS` weights.
    emission: Vec<i16>,
    /// Transition weights: `[previous][tag]`, the last row for the start.
    transition: [[i32; N]; N + 1],
}

/// Whether tag `to` may follow tag `from` (`None`: sentence start).
fn allowed(from: Option<usize>, to: usize) -> bool {
    if to == 0 || to % 2 == 1 {
        return true;
    }
    // I-X after B-X or I-X only.
    from.is_some_and(|from| from != 0 && from.div_ceil(2) == to.div_ceil(2))
}

impl Model {
    /// Reads a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        if bytes.starts_with(b"TKNER") && !bytes.starts_with(MAGIC) {
            return Err(
                "a model of another ticker version (its features differ): train it again with `ticker train ner`"
                    .into(),
            );
        }
        let rest = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or("not a ticker NER model")?;
        let (english, rest) = match rest.split_at_checked(2) {
            Some((b"de", rest)) => (false, rest),
            Some((b"en", rest)) => (true, rest),
            _ => return Err("a model of an unknown language".into()),
        };
        let transitions = (N + 1) * N * 4;
        let buckets = 1usize << BITS;
        if rest.len() != transitions + buckets * SLOTS * 2 {
            return Err(format!(
                "model of {} bytes, expected {}",
                bytes.len(),
                MAGIC.len() + 2 + transitions + buckets * SLOTS * 2
            ));
        }
        let mut transition = [[0i32; N]; N + 1];
        for (index, chunk) in rest[..transitions].chunks_exact(4).enumerate() {
            transition[index / N][index % N] =
                i32::from_le_bytes(chunk.try_into().expect("four bytes"));
        }
        let emission = rest[transitions..]
            .chunks_exact(2)
            .map(|chunk| i16::from_le_bytes([chunk[0], chunk[1]]))
            .collect();
        Ok(Model {
            english,
            emission,
            transition,
        })
    }

    /// Reads the model file at `path`; the error names the file.
    pub fn from_file(path: &std::path::Path) -> Result<Model, String> {
        let bytes = std::fs::read(path)
            .map_err(|error| format!("cannot read the tagger model {}: {error}", path.display()))?;
        Model::from_bytes(&bytes)
            .map_err(|error| format!("the tagger model {}: {error}", path.display()))
    }

    /// The language the model was trained on (`de` or `en`): it runs over
    /// articles of that language only.
    pub fn language(&self) -> &'static str {
        if self.english {
            "en"
        } else {
            "de"
        }
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(self.language().as_bytes());
        for row in &self.transition {
            for weight in row {
                out.extend_from_slice(&weight.to_le_bytes());
            }
        }
        for weight in &self.emission {
            out.extend_from_slice(&weight.to_le_bytes());
        }
        out
    }

    /// The best tags of the sentence's words (indices into [`TAGS`]).
    pub fn tag(&self, sentence: &Sentence<'_>) -> Vec<usize> {
        self.decode(&self.scores(sentence))
    }

    /// Each word's score per tag ([`OUTSIDE`] for a word that is no
    /// candidate). (Sums of whole weights, exact in `f32`: a word has
    /// fewer than 60 features of at most 32,767 each, far below 2^24.)
    pub fn scores(&self, sentence: &Sentence<'_>) -> Vec<[f32; N]> {
        (0..sentence.len())
            .map(|at| {
                if !sentence.candidate[at] {
                    return OUTSIDE;
                }
                // Whole sums over all slots of a bucket (the last is
                // padding), which the compiler adds as one vector.
                let mut sum = [0i32; SLOTS];
                features(sentence, at, |bucket| {
                    let base = bucket as usize * SLOTS;
                    let weights: &[i16; SLOTS] = self.emission[base..base + SLOTS]
                        .try_into()
                        .expect("a bucket's slots");
                    for (slot, weight) in sum.iter_mut().zip(weights) {
                        *slot += i32::from(*weight);
                    }
                });
                std::array::from_fn(|tag| sum[tag] as f32)
            })
            .collect()
    }

    /// The best path under `scores`.
    pub fn decode(&self, scores: &[[f32; N]]) -> Vec<usize> {
        viterbi(scores, |from, to| {
            f64::from(self.transition[from.unwrap_or(N)][to])
        })
    }
}

/// The scores of a word that is no candidate: outside, never anything
/// else.
const OUTSIDE: [f32; N] = {
    let mut scores = [f32::NEG_INFINITY; N];
    scores[0] = 0.0;
    scores
};

/// Weights are stored multiplied by this (a perceptron's unit update).
const SCALE: f64 = 1000.0;

/// Best path through per-word scores under transition scores.
fn viterbi(scores: &[[f32; N]], transition: impl Fn(Option<usize>, usize) -> f64) -> Vec<usize> {
    if scores.is_empty() {
        return Vec::new();
    }
    // Transition scores, the last row from the start; never where the
    // tags may not follow each other.
    let mut table = [[f64::NEG_INFINITY; N]; N + 1];
    for (from, row) in table.iter_mut().enumerate() {
        let from = (from < N).then_some(from);
        for (to, cell) in row.iter_mut().enumerate() {
            if allowed(from, to) {
                *cell = transition(from, to);
            }
        }
    }
    let mut best = vec![[f64::NEG_INFINITY; N]; scores.len()];
    let mut back = vec![[0u8; N]; scores.len()];
    for tag in 0..N {
        best[0][tag] = table[N][tag] + f64::from(scores[0][tag]);
    }
    for at in 1..scores.len() {
        let previous = best[at - 1];
        for tag in 0..N {
            let own = f64::from(scores[at][tag]);
            if own == f64::NEG_INFINITY {
                continue;
            }
            let mut top = f64::NEG_INFINITY;
            let mut from_top = 0;
            for (from, before) in previous.iter().enumerate() {
                let score = before + table[from][tag];
                if score > top {
                    top = score;
                    from_top = from;
                }
            }
            best[at][tag] = top + own;
            back[at][tag] = from_top as u8;
        }
    }
    let last = scores.len() - 1;
    let mut tag = (0..N)
        .max_by(|a, b| best[last][*a].total_cmp(&best[last][*b]).then(b.cmp(a)))
        .unwrap_or(0);
    let mut path = vec![0; scores.len()];
    for at in (0..scores.len()).rev() {
        path[at] = tag;
        tag = usize::from(back[at][tag]);
    }
    path
}

/// Entity spans of tags: (first word, last word, type).
pub fn spans(tags: &[usize]) -> Vec<(usize, usize, EntityType)> {
    let mut out: Vec<(usize, usize, EntityType)> = Vec::new();
    for (at, tag) in tags.iter().enumerate() {
        let kind = match tag.div_ceil(2) {
            1 => EntityType::Person,
            2 => EntityType::Organization,
            3 => EntityType::Location,
            _ => continue,
        };
        match out.last_mut() {
            Some(last) if tag % 2 == 0 && last.1 + 1 == at && last.2 == kind => last.1 = at,
            _ => out.push((at, at, kind)),
        }
    }
    out
}

/// One training sentence: the text (tokens joined by spaces) and its
/// entities as byte ranges with types.
pub struct Example {
    /// The sentence.
    pub text: String,
    /// Gold entities.
    pub entities: Vec<(Range<usize>, EntityType)>,
    /// Whether the rule passes' reading is a feature (not for sentences
    /// the rules labelled themselves).
    pub rule_features: bool,
}

/// Sentences of `text` labelled by the rule passes (persons,
/// organisations and places named by whole words), to train on beside
/// gold corpora without the rule features.
pub fn silver(text: &str, english: bool) -> Vec<Example> {
    let words = entities::tokens(text);
    let found = entities::find_in_words(text, &words, english);
    let mut out = Vec::new();
    for range in crate::sentences::split(text) {
        let sentence_text = &text[range.clone()];
        let inside = entities::tokens_in(&words, &range);
        if inside.len() < 4 {
            continue;
        }
        let mut labelled = Vec::new();
        let mut unsure = false;
        for (entity, mention) in found.within(&range) {
            let item = &found.list[entity];
            let whole = inside
                .iter()
                .any(|word| word.start + range.start == mention.start)
                && inside
                    .iter()
                    .any(|word| word.start + word.text.len() + range.start == mention.end);
            if item.entity_type == EntityType::Misc
                || item.derived.contains(&mention.start)
                || !whole
            {
                unsure = true;
                continue;
            }
            labelled.push((
                mention.start - range.start..mention.end - range.start,
                item.entity_type,
            ));
        }
        if !unsure {
            out.push(Example {
                text: sentence_text.to_string(),
                entities: labelled,
                rule_features: false,
            });
        }
    }
    out
}

/// Reads a corpus in `TOKEN<TAB>TAG` lines (BIO over PER, ORG, LOC, MISC;
/// a blank line ends a sentence; `# doc` lines are skipped). MISC
/// entities are left out (the tagger does not predict them).
pub fn read_conll(text: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut current = Example {
        text: String::new(),
        entities: Vec::new(),
        rule_features: true,
    };
    let mut open: Option<(usize, &str)> = None;
    let mut last_end = 0;
    let finish = |current: &mut Example, open: &mut Option<(usize, &str)>, end: usize| {
        if let Some((start, kind)) = open.take() {
            let entity_type = match kind {
                "PER" => Some(EntityType::Person),
                "ORG" => Some(EntityType::Organization),
                "LOC" => Some(EntityType::Location),
                _ => None,
            };
            if let Some(entity_type) = entity_type {
                current.entities.push((start..end, entity_type));
            }
        }
    };
    for line in text.lines() {
        if line.starts_with("# doc ") {
            continue;
        }
        if line.trim().is_empty() {
            finish(&mut current, &mut open, last_end);
            if !current.text.is_empty() {
                out.push(std::mem::replace(
                    &mut current,
                    Example {
                        text: String::new(),
                        entities: Vec::new(),
                        rule_features: true,
                    },
                ));
            }
            continue;
        }
        let Some((token, tag)) = line.rsplit_once('\t') else {
            continue;
        };
        if !current.text.is_empty() {
            current.text.push(' ');
        }
        let start = current.text.len();
        current.text.push_str(token);
        match tag.split_once('-') {
            Some(("B", kind)) => {
                finish(&mut current, &mut open, last_end);
                open = Some((start, kind));
            }
            Some(("I", kind)) if open.is_some_and(|(_, open_kind)| open_kind == kind) => {}
            Some(("I", kind)) => {
                finish(&mut current, &mut open, last_end);
                open = Some((start, kind));
            }
            _ => finish(&mut current, &mut open, last_end),
        }
        last_end = current.text.len();
    }
    finish(&mut current, &mut open, last_end);
    if !current.text.is_empty() {
        out.push(current);
    }
    out
}

/// A training sentence made ready: its words' features and gold tags.
struct Prepared {
    /// Per word; `None` for a word that is no candidate.
    features: Vec<Option<Vec<u32>>>,
    gold: Vec<usize>,
}

fn prepare(example: &Example, english: bool) -> Prepared {
    let text = example.text.as_str();
    let words = entities::tokens(text);
    let found = if example.rule_features {
        entities::find_in_words(text, &words, english)
    } else {
        Entities::default()
    };
    let sentence = Sentence::new(text, &words, 0..text.len(), &found, english);
    let mut gold = vec![0usize; sentence.len()];
    for (range, entity_type) in &example.entities {
        let base = match entity_type {
            EntityType::Person => 1,
            EntityType::Organization => 3,
            EntityType::Location => 5,
            EntityType::Misc => continue,
        };
        let mut begun = false;
        for (at, word) in words.iter().enumerate() {
            if word.start >= range.start && word.start < range.end {
                gold[at] = if begun { base + 1 } else { base };
                begun = true;
            }
        }
    }
    // A name's word that is no candidate leaves the name (the tagger
    // cannot tag it); the word after it opens what remains.
    for at in 0..gold.len() {
        if !sentence.candidate[at] && gold[at] != 0 {
            gold[at] = 0;
            if gold
                .get(at + 1)
                .is_some_and(|next| *next != 0 && next % 2 == 0)
            {
                gold[at + 1] -= 1;
            }
        }
    }
    let features = (0..sentence.len())
        .map(|at| {
            sentence.candidate[at].then(|| {
                let mut list = Vec::with_capacity(48);
                features(&sentence, at, |bucket| list.push(bucket));
                list
            })
        })
        .collect();
    Prepared { features, gold }
}

/// Trains a model on `examples` for `epochs` passes (averaged perceptron;
/// the order of examples is shuffled per pass by a fixed seed). `report`
/// hears each finished pass with its share of words tagged wrong.
pub fn train(
    examples: &[Example],
    english: bool,
    epochs: usize,
    mut report: impl FnMut(usize, f64),
) -> Model {
    let prepared: Vec<Prepared> = examples
        .iter()
        .map(|example| prepare(example, english))
        .filter(|prepared| !prepared.gold.is_empty())
        .collect();
    let size = (1usize << BITS) * SLOTS;
    let mut weights = vec![0f32; size];
    let mut totals = vec![0f64; size];
    let mut transition = [[0f32; N]; N + 1];
    let mut transition_totals = [[0f64; N]; N + 1];
    let mut time = 1f64;
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for epoch in 0..epochs {
        for index in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(index, (seed % (index as u64 + 1)) as usize);
        }
        let mut wrong = 0usize;
        let mut total = 0usize;
        for &index in &order {
            let example = &prepared[index];
            let scores: Vec<[f32; N]> = example
                .features
                .iter()
                .map(|list| {
                    let Some(list) = list else {
                        return OUTSIDE;
                    };
                    let mut score = [0f32; N];
                    for bucket in list {
                        let base = *bucket as usize * SLOTS;
                        for (tag, slot) in score.iter_mut().enumerate() {
                            *slot += weights[base + tag];
                        }
                    }
                    score
                })
                .collect();
            let predicted = viterbi(&scores, |from, to| transition[from.unwrap_or(N)][to] as f64);
            total += predicted.len();
            if predicted != example.gold {
                for at in 0..predicted.len() {
                    let (good, bad) = (example.gold[at], predicted[at]);
                    if good != bad {
                        wrong += 1;
                        for bucket in example.features[at].iter().flatten() {
                            let base = *bucket as usize * SLOTS;
                            weights[base + good] += 1.0;
                            totals[base + good] += time;
                            weights[base + bad] -= 1.0;
                            totals[base + bad] -= time;
                        }
                    }
                    let good_from = at.checked_sub(1).map_or(N, |before| example.gold[before]);
                    let bad_from = at.checked_sub(1).map_or(N, |before| predicted[before]);
                    if (good_from, good) != (bad_from, bad) {
                        transition[good_from][good] += 1.0;
                        transition_totals[good_from][good] += time;
                        transition[bad_from][bad] -= 1.0;
                        transition_totals[bad_from][bad] -= time;
                    }
                }
            }
            time += 1.0;
        }
        report(epoch + 1, wrong as f64 / total.max(1) as f64);
    }
    // Averages: w - totals / time.
    let averaged: Vec<f32> = weights
        .iter()
        .zip(&totals)
        .map(|(weight, total)| (f64::from(*weight) - total / time) as f32)
        .collect();
    let scale = SCALE as f32;
    let emission = averaged
        .iter()
        .map(|weight| (weight * scale).round().clamp(-32767.0, 32767.0) as i16)
        .collect();
    let mut quantised = [[0i32; N]; N + 1];
    for (from, row) in transition.iter().enumerate() {
        for (to, weight) in row.iter().enumerate() {
            let average = f64::from(*weight) - transition_totals[from][to] / time;
            quantised[from][to] = (average * f64::from(scale)).round() as i32;
        }
    }
    Model {
        english,
        emission,
        transition: quantised,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll_sentences_become_text_and_spans() {
        let corpus = "# doc 1\nAngela\tB-PER\nMerkel\tI-PER\nbesucht\tO\nParis\tB-LOC\n.\tO\n\nDie\tO\nEU\tB-ORG\n";
        let examples = read_conll(corpus);
        assert_eq!(examples.len(), 2);
        assert_eq!(examples[0].text, "Angela Merkel besucht Paris .");
        let names: Vec<(&str, EntityType)> = examples[0]
            .entities
            .iter()
            .map(|(range, kind)| (&examples[0].text[range.clone()], *kind))
            .collect();
        assert_eq!(
            names,
            [
                ("Angela Merkel", EntityType::Person),
                ("Paris", EntityType::Location)
            ]
        );
        assert_eq!(&examples[1].text[examples[1].entities[0].0.clone()], "EU");
    }

    #[test]
    fn spans_join_inside_tags_of_one_type_only() {
        // B-PER I-PER O B-LOC I-ORG
        assert_eq!(
            spans(&[1, 2, 0, 5, 4]),
            [
                (0, 1, EntityType::Person),
                (3, 3, EntityType::Location),
                (4, 4, EntityType::Organization)
            ]
        );
    }

    #[test]
    fn viterbi_never_opens_with_an_inside_tag() {
        // The inside tag scores best alone, but may not follow O.
        let scores = [[0.0f32, 0.0, 5.0, 0.0, 0.0, 0.0, 0.0]];
        let path = viterbi(&scores, |_, _| 0.0);
        assert_ne!(path[0], 2);
    }

    #[test]
    fn a_trained_model_learns_its_examples_and_survives_its_bytes() {
        let corpus = "Heute\tO\nsprach\tO\nKarl\tB-PER\nBauer\tI-PER\nin\tO\nWien\tB-LOC\n.\tO\n\n"
            .repeat(3)
            + "Die\tO\nFirma\tO\nAcmeo\tB-ORG\nwächst\tO\n.\tO\n\n";
        let examples = read_conll(&corpus);
        let model = train(&examples, false, 5, |_, _| {});
        let model = Model::from_bytes(&model.to_bytes()).expect("round trip");
        let text = "Heute sprach Karl Bauer in Wien .";
        let words = entities::tokens(text);
        let sentence = Sentence::new(text, &words, 0..text.len(), &Entities::default(), false);
        assert_eq!(model.tag(&sentence), [0, 0, 1, 2, 0, 5]);
    }
}

/// How a tagger's names combine with the rule passes' names (in the
/// configuration: `extract.tagger_mode = "add"` or `"decide"`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The tagger adds the names it finds where the rules found none.
    #[default]
    Add,
    /// The tagger decides: its names replace the rules' whole-word names
    /// of persons, organisations and places they overlap, and such rule
    /// names it does not confirm (same words, same type) are taken back.
    Decide,
}

/// Runs `model` over the sentences of `text` and combines its names with
/// `found` (what the rule passes found) as `mode` says. Derived words
/// ("deutschen"), names inside a compound ("EU" of "EU-Kommission") and
/// other names (events, works) stay the rules' in both modes: the
/// training corpora do not mark them. A name the tagger finds must start
/// with a capital or a digit, and one German word that is a common noun
/// (or a compound ending in one: "Flussmitte", "Borussia-Manager") is no
/// name unless the lexicon lists it.
pub fn apply(
    model: &Model,
    mode: Mode,
    text: &str,
    words: &[Token<'_>],
    sentences: &[Range<usize>],
    found: &mut Entities,
    english: bool,
) {
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    for range in sentences {
        let sentence = Sentence::new(text, words, range.clone(), found, english);
        if sentence.is_empty() {
            continue;
        }
        let first = words.partition_point(|word| word.start < range.start);
        let inside = &words[first..first + sentence.len()];
        let tags = model.tag(&sentence);
        let tagged: Vec<(Range<usize>, EntityType)> = spans(&tags)
            .into_iter()
            .filter(|(a, b, _)| {
                let last = inside[*b].text;
                let tail = last.rsplit('-').next().unwrap_or(last);
                let tail_is_noun = !english
                    && tail.chars().count() > 1
                    && (entities::is_noun(&capitalised_first(tail))
                        || entities::is_common_word(tail))
                    && !entities::lexicon().contains_key(last);
                !(tail_is_noun && (a == b || last.contains('-')))
            })
            .map(|(a, b, kind)| {
                (
                    inside[a].start..inside[b].start + inside[b].text.len(),
                    kind,
                )
            })
            .filter(|(span, _)| {
                let name = &text[span.clone()];
                name.chars()
                    .next()
                    .is_some_and(|ch| ch.is_uppercase() || ch.is_numeric())
                    && !name.contains([')', '(', ';', '[', ']'])
            })
            .collect();
        // The rules' mentions here: (entity, range, a whole-word plain name).
        let mentions: Vec<(usize, Range<usize>, bool)> = found
            .within(range)
            .into_iter()
            .map(|(entity, mention)| {
                let item = &found.list[entity];
                let whole = inside.iter().any(|word| word.start == mention.start)
                    && inside
                        .iter()
                        .any(|word| word.start + word.text.len() == mention.end);
                let plain = whole
                    && item.entity_type != EntityType::Misc
                    && !item.derived.contains(&mention.start);
                (entity, mention, plain)
            })
            .collect();
        if mode == Mode::Decide {
            for (entity, mention, plain) in &mentions {
                let confirmed = tagged.iter().any(|(span, kind)| {
                    span == mention && *kind == found.list[*entity].entity_type
                });
                if *plain && !confirmed {
                    found.remove_mention(mention);
                }
            }
        }
        for (span, kind) in tagged {
            if found.mention_at(&span).is_some() {
                continue;
            }
            let kept = |plain: bool| !plain || mode == Mode::Add;
            if mentions
                .iter()
                .any(|(_, mention, plain)| kept(*plain) && overlaps(mention, &span))
            {
                continue;
            }
            let name = &text[span.clone()];
            found.add(name, kind, name, span);
        }
    }
}

/// `word` with its first letter in upper case.
fn capitalised_first(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
