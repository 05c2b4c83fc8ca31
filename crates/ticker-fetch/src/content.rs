//! What a fetched body is, whatever its `Content-Type` says: servers send
//! HTML as `application/octet-stream` or without a type, and a link in a
//! feed may lead to a PDF or an image. The body decides; the declared type
//! only names what was refused.

/// Checks that an article response is a page ticker can read (HTML, XHTML
/// or plain text). The error names the declared type and what the body is.
pub fn check_page(content_type: Option<&str>, body: &[u8]) -> Result<(), String> {
    let declared = content_type
        .map(|value| {
            value
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .filter(|value| !value.is_empty());
    let described = declared.as_deref().unwrap_or("no Content-Type");
    if let Some(kind) = binary_kind(body) {
        return Err(format!("not a page: the body is {kind} ({described})"));
    }
    if looks_like_markup(body) {
        return Ok(());
    }
    match declared.as_deref() {
        None
        | Some("text/html" | "application/xhtml+xml" | "text/plain" | "application/octet-stream") => {
            Ok(())
        }
        Some(other) if other.starts_with("text/") => Ok(()),
        Some(other) => Err(format!("not a page: {other} with a body that is no HTML")),
    }
}

/// The kind of a binary body, from its magic number or its control bytes.
fn binary_kind(body: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"RIFF", "a RIFF (WebP, WAV, AVI) file"),
        (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
        (b"\x1f\x8b", "gzip data"),
        (b"ID3", "an MP3 file"),
        (b"\x00\x00\x00", "a binary file"),
        (b"\xd0\xcf\x11\xe0", "an old Office document"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| body.starts_with(magic)) {
        return Some(kind);
    }
    if body.len() >= 8 && body[4..8] == *b"ftyp" {
        return Some("an MP4 video");
    }
    let head = &body[..body.len().min(1024)];
    let utf16 = head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]);
    let control = head
        .iter()
        .filter(|b| **b < 0x20 && !matches!(**b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    (!utf16 && control * 10 > head.len()).then_some("binary data")
}

/// Whether the start of a body looks like HTML or XML markup.
fn looks_like_markup(body: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&body[..body.len().min(4096)]).to_ascii_lowercase();
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<article",
        "<p>",
        "<div",
        "<?xml",
    ]
    .iter()
    .any(|tag| head.contains(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_decides_not_the_header() {
        let html = b"<!DOCTYPE html><html><body><p>Text</p></body></html>";
        assert!(check_page(Some("application/octet-stream"), html).is_ok());
        assert!(check_page(None, html).is_ok());
        assert!(check_page(Some("image/jpeg"), html).is_ok());
        assert!(check_page(Some("text/plain"), b"Titel\n\nAbsatz").is_ok());
        let pdf = check_page(Some("text/html"), b"%PDF-1.7\n%\xe2\xe3").unwrap_err();
        assert!(pdf.contains("PDF") && pdf.contains("text/html"), "{pdf}");
        let image = check_page(None, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert!(
            image.contains("PNG") && image.contains("no Content-Type"),
            "{image}"
        );
        assert!(check_page(Some("application/json"), b"{\"a\": 1}").is_err());
        assert!(check_page(None, &[1u8, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 65]).is_err());
    }
}
