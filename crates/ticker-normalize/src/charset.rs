//! Bytes to text: the charset from the BOM, the HTTP header, the document's
//! own declaration, and the bytes themselves when those lie or are missing.
//!
//! Order of trust, following the HTML standard's sniffing with one addition
//! for real-world news pages: a BOM wins; then the `Content-Type` charset;
//! then `<meta charset>` / `http-equiv` in the first 4 KiB. A declaration of
//! UTF-8 over bytes that are not UTF-8 is a lie that legacy German pages
//! tell often: those bytes are decoded as Windows-1252 (the WHATWG superset
//! of ISO-8859-1). A legacy declaration over bytes that are valid UTF-8 with
//! multi-byte sequences is taken to be UTF-8.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Decodes `bytes` to a string, returning the text and the encoding used.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> (String, &'static str) {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return (text.into_owned(), encoding.name());
    }
    let declared = content_type
        .and_then(charset_from_content_type)
        .or_else(|| charset_from_meta(bytes));
    let is_utf8 = std::str::from_utf8(bytes).is_ok();
    let encoding = match declared {
        Some(encoding) if encoding == UTF_8 && !is_utf8 => WINDOWS_1252,
        Some(encoding) if encoding != UTF_8 && is_utf8 && !bytes.is_ascii() => UTF_8,
        Some(encoding) => encoding,
        None if is_utf8 => UTF_8,
        None => WINDOWS_1252,
    };
    let (text, _, _) = encoding.decode(bytes);
    (text.into_owned(), encoding.name())
}

fn charset_from_content_type(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let start = lower.find("charset=")? + "charset=".len();
    let value = lower[start..]
        .trim_start_matches(['"', '\''])
        .split([';', '"', '\'', ' '])
        .next()?;
    Encoding::for_label(value.as_bytes()).map(|encoding| encoding.output_encoding())
}

fn charset_from_meta(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut position = 0;
    while let Some(found) = find(&lower[position..], b"charset") {
        let mut index = position + found + b"charset".len();
        while index < lower.len() && matches!(lower[index], b' ' | b'=' | b'"' | b'\'') {
            index += 1;
        }
        let end = lower[index..]
            .iter()
            .position(|byte| !(byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b':')))
            .map_or(lower.len(), |offset| index + offset);
        if let Some(encoding) = Encoding::for_label(&lower[index..end]) {
            return Some(encoding.output_encoding());
        }
        position = end.max(position + found + 1);
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_meta_bom_and_lies() {
        let latin1 = b"<meta charset=\"iso-8859-1\"><p>Gr\xf6\xdfe</p>";
        assert_eq!(
            decode(latin1, None).0,
            "<meta charset=\"iso-8859-1\"><p>Größe</p>"
        );
        // Header says UTF-8, bytes are Latin-1: decoded as Windows-1252.
        let (text, name) = decode(b"<p>M\xfcnchen</p>", Some("text/html; charset=utf-8"));
        assert_eq!(text, "<p>München</p>");
        assert_eq!(name, "windows-1252");
        // Declared Latin-1, bytes are UTF-8.
        let (text, _) = decode(
            "<p>Zürich</p>".as_bytes(),
            Some("text/html; charset=ISO-8859-1"),
        );
        assert_eq!(text, "<p>Zürich</p>");
        let mut bom = vec![0xef, 0xbb, 0xbf];
        bom.extend_from_slice("Ä".as_bytes());
        assert_eq!(decode(&bom, Some("text/html; charset=latin1")).0, "Ä");
        // No declaration, not UTF-8.
        assert_eq!(decode(b"\x84Zitat\x93", None).0, "„Zitat“");
    }
}
