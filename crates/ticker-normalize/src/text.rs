//! Text clean-up, word counts and hashes.

use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

/// Cleans one paragraph: Unicode NFC, soft hyphens and zero-width characters
/// removed, every run of white space (including no-break spaces) folded into
/// one space, trimmed.
pub fn clean_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for ch in text.nfc() {
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
    let words: Vec<String> = text
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut weights = [0i64; 64];
    let shingle_count = words
        .len()
        .saturating_sub(2)
        .max(usize::from(!words.is_empty()));
    for index in 0..shingle_count {
        let end = (index + 3).min(words.len());
        let shingle = words[index..end].join(" ");
        let digest = Sha256::digest(shingle.as_bytes());
        let bits = u64::from_be_bytes(digest[..8].try_into().expect("8 bytes"));
        for (bit, weight) in weights.iter_mut().enumerate() {
            if bits >> bit & 1 == 1 {
                *weight += 1;
            } else {
                *weight -= 1;
            }
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
        assert_eq!(word_count("Das ist 1 Test."), 4);
    }
}
