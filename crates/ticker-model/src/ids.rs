//! Identifiers and offsets.
//!
//! Ids are 16 lowercase hex characters: the first 8 bytes of the SHA-256 of
//! the identifying input. 64 bits keep collisions negligible at news volume
//! (a billion ids give a collision chance of about 3 %) while staying short
//! enough to read in a log line or a file name.

use sha2::{Digest, Sha256};

/// Returns the 16-hex-character id of `parts`, joined with a unit separator
/// so that `("ab", "c")` and `("a", "bc")` give different ids.
pub fn short_id<I, S>(parts: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<[u8]>,
{
    let mut hasher = Sha256::new();
    for (index, part) in parts.into_iter().enumerate() {
        if index > 0 {
            hasher.update([0x1f]);
        }
        hasher.update(part.as_ref());
    }
    let digest = hasher.finalize();
    hex::encode(&digest[..8])
}

/// Maps byte offsets of `text` to character offsets.
///
/// Extractors work on bytes (regexes, slices) but the record contract speaks
/// of character offsets, which is what consumers in Python or Java index by.
/// The returned vector has one entry per byte plus one for the end, so
/// `map[byte_offset]` is the character offset of any char boundary.
pub fn char_offset_map(text: &str) -> Vec<u32> {
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut chars = 0u32;
    for (byte_index, ch) in text.char_indices() {
        debug_assert_eq!(map.len(), byte_index);
        for _ in 0..ch.len_utf8() {
            map.push(chars);
        }
        chars += 1;
    }
    map.push(chars);
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_id_is_16_lowercase_hex_and_separates_parts() {
        let id = short_id(["https://example.org/a"]);
        assert_eq!(id.len(), 16);
        assert!(id
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_ne!(short_id(["ab", "c"]), short_id(["a", "bc"]));
        // SHA-256("abc") starts with ba7816bf8f01cfea.
        assert_eq!(short_id(["abc"]), "ba7816bf8f01cfea");
    }

    #[test]
    fn char_offsets_count_characters_not_bytes() {
        let text = "Größe «x»";
        let map = char_offset_map(text);
        assert_eq!(map.len(), text.len() + 1);
        let byte_of_x = text.find('x').unwrap();
        assert_eq!(map[byte_of_x], 7);
        assert_eq!(map[text.len()], text.chars().count() as u32);
    }
}
