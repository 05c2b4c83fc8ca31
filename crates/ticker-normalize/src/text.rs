//! Text clean-up, word counts and hashes.

use sha2::{Digest, Sha256};
use unicode_normalization::{IsNormalized, UnicodeNormalization};

/// Cleans one paragraph: Unicode NFC, soft hyphens and zero-width characters
/// removed, every run of white space (including no-break spaces) folded into
/// one space, trimmed.
pub fn clean_inline(text: &str) -> String {
    // Most text is in NFC already (the quick check settles that without
    // decomposing anything); only the rest goes through the normaliser.
    if unicode_normalization::is_nfc_quick(text.chars()) == IsNormalized::Yes {
        clean_chars(text.chars(), text.len())
    } else {
        clean_chars(text.nfc(), text.len())
    }
}

fn clean_chars(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut pending_space = false;
    for ch in chars {
        match ch {
            '\u{00ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {}
            ch if ch.is_whitespace() || ch.is_control() => pending_space = true,
            ch => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(ch);
            }
        }
    }
    out
}

/// Number of words (runs of alphanumeric characters).
pub fn word_count(text: &str) -> u32 {
    let mut count = 0;
    let mut in_word = false;
    for ch in text.chars() {
        let is_word = ch.is_alphanumeric();
        if is_word && !in_word {
            count += 1;
        }
        in_word = is_word;
    }
    count
}

/// SHA-256 prefix of the text (16 hex characters).
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    hex(&digest[..8])
}

/// 64-bit SimHash over lower-cased word 3-shingles, as 16 hex characters.
/// The same story with small edits differs in a few bits; unrelated texts
/// differ in about half of them.
pub fn simhash(text: &str) -> String {
    let lower = text.to_lowercase();
    let words: Vec<u64> = lower
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| word_hash(word.as_bytes()))
        .collect();
    let mut weights = [0i64; 64];
    let mut add = |bits: u64| {
        for (bit, weight) in weights.iter_mut().enumerate() {
            *weight += ((bits >> bit) & 1) as i64 * 2 - 1;
        }
    };
    if words.len() < 3 {
        if !words.is_empty() {
            add(shingle_hash(&words));
        }
    } else {
        for shingle in words.windows(3) {
            add(shingle_hash(shingle));
        }
    }
    let mut hash = 0u64;
    for (bit, weight) in weights.iter().enumerate() {
        if *weight > 0 {
            hash |= 1 << bit;
        }
    }
    format!("{hash:016x}")
}

/// FNV-1a of a word: stable across platforms and releases, unlike the
/// standard library's hashers.
fn word_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A shingle's hash: its words' hashes combined in order, then mixed
/// (SplitMix64's finaliser) so that every output bit depends on every input
/// bit, as SimHash needs.
fn shingle_hash(words: &[u64]) -> u64 {
    let mut hash = words.iter().enumerate().fold(0u64, |hash, (index, word)| {
        hash ^ word.rotate_left(21 * index as u32)
    });
    hash ^= hash >> 30;
    hash = hash.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    hash ^= hash >> 27;
    hash = hash.wrapping_mul(0x94d0_49bb_1331_11eb);
    hash ^ (hash >> 31)
}

/// Hamming distance between two SimHashes in hex.
pub fn simhash_distance(left: &str, right: &str) -> Option<u32> {
    let left = u64::from_str_radix(left, 16).ok()?;
    let right = u64::from_str_radix(right, 16).ok()?;
    Some((left ^ right).count_ones())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_inline_folds_space_and_drops_soft_hyphens() {
        assert_eq!(
            clean_inline("  Ab\u{00ad}zug\u{00a0} der\n\tTruppen "),
            "Abzug der Truppen"
        );
        // NFC: a + combining diaeresis becomes ä.
        assert_eq!(clean_inline("a\u{0308}"), "ä");
    }

    #[test]
    fn simhash_is_close_for_near_duplicates() {
        let a = "Die ersten Soldaten eines von Russland geführten Militärbündnisses sollen Kasachstan bereits in dieser Woche wieder verlassen, sagte der Präsident.";
        let b = "Die ersten Soldaten eines von Russland geführten Militärbündnisses sollen Kasachstan schon in dieser Woche wieder verlassen, sagte der Präsident.";
        let c = "Der Bundestag hat am Freitag den Haushalt für das kommende Jahr mit großer Mehrheit beschlossen.";
        let near = simhash_distance(&simhash(a), &simhash(b)).unwrap();
        let far = simhash_distance(&simhash(a), &simhash(c)).unwrap();
        assert!(near < far, "near {near} far {far}");
        assert!(near <= 16, "near {near}");
        assert!(far >= 20, "far {far}");
        // Stable across runs and platforms: records carry it.
        assert_eq!(simhash(a), simhash(&a.to_uppercase()));
        assert_eq!(
            simhash("a"),
            format!("{:016x}", shingle_hash(&[word_hash(b"a")]))
        );
        // Word order matters inside a shingle.
        assert_ne!(simhash("eins zwei drei"), simhash("drei zwei eins"));
        assert_eq!(word_count("Das ist 1 Test."), 4);
    }
}
