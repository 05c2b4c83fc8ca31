//! The headline of a page.
//!
//! A page states its title several times: JSON-LD `headline`, `og:title`,
//! `twitter:title`, `<title>`, and the `<h1>` a reader sees. The metadata
//! titles are written for search engines and social cards: they carry the
//! site's name, a section label in front ("Chronik: …", "Pressemitteilung:
//! …", "08.11.2021 | …") or a subtitle behind. The visible headline does not,
//! but a page's first `<h1>` is often its logo or "Menu". So the title is
//! the visible headline when the metadata confirms it — the two are the same
//! words, or one holds the other whole — and the first metadata title
//! otherwise, as before.

use std::borrow::Cow;

/// The headline the metadata titles (most trusted first, site name already
/// removed; `<title>` last) and the page's `<h1>` texts (in page order)
/// agree on, if they agree on one. `<title>` confirms a heading only by
/// having the same words: it is where blogs and sites put their own name in
/// front, which would otherwise read as a section label.
pub(crate) fn confirmed(
    meta_titles: &[String],
    html_title: Option<&String>,
    headings: &[Heading],
    site_name: Option<&str>,
) -> Option<String> {
    let site = site_name.map(words_key).unwrap_or_default();
    for Heading {
        text: heading,
        parts,
    } in headings.iter().take(4)
    {
        let key = words_key(heading);
        let words = key.split(' ').filter(|word| !word.is_empty()).count();
        if words < 3 || key == site {
            continue;
        }
        // The same words: the metadata's spelling keeps the punctuation a
        // heading's markup may have dropped.
        if let Some(title) = meta_titles
            .iter()
            .chain(html_title)
            .find(|title| words_key(title) == key)
        {
            return Some(title.clone());
        }
        for title in meta_titles.iter().filter(|title| !title.is_empty()) {
            let title_key = words_key(title);
            if title_key.len() > key.len() && (key.len() * 5 >= title_key.len() * 2) {
                // The metadata adds a section label in front or a subtitle
                // behind the visible headline.
                if title_key.starts_with(&format!("{key} "))
                    || title_key.ends_with(&format!(" {key}"))
                {
                    return Some(heading.clone());
                }
            } else if key.len() > title_key.len() {
                // The heading adds to the metadata title: a kicker in front
                // of it is not part of the headline; words behind it are
                // (a title cut short for search engines), unless they are a
                // date or a list of categories glued to the heading.
                if key.ends_with(&format!(" {title_key}")) {
                    return Some(title.clone());
                }
                if key.starts_with(&format!("{title_key} ")) && !has_furniture(heading) {
                    // Unless the words behind are an element of their own
                    // inside the heading (a subline): then the metadata
                    // title is the headline.
                    let subline = (1..parts.len())
                        .any(|count| words_key(&parts[..count].join(" ")) == title_key);
                    return Some(if subline { title } else { heading }.clone());
                }
            }
        }
    }
    None
}

/// A page's `<h1>`: its text, and the texts of its direct children in
/// order (text runs and elements), so that a subline in an element of its
/// own can be told from words that go on.
#[derive(Debug, Clone, Default)]
pub(crate) struct Heading {
    pub(crate) text: String,
    pub(crate) parts: Vec<String>,
}

impl Heading {
    /// A heading of one run of text.
    #[cfg(test)]
    fn plain(text: &str) -> Heading {
        Heading {
            text: text.to_string(),
            parts: vec![text.to_string()],
        }
    }
}

/// A date ("02.02.2022") or a list separator ("•", "|") in a heading: a
/// byline or a category list the markup put inside the `<h1>`.
fn has_furniture(heading: &str) -> bool {
    let bytes = heading.as_bytes();
    let date = bytes.windows(5).any(|window| {
        window[0].is_ascii_digit()
            && window[1].is_ascii_digit()
            && window[2] == b'.'
            && window[3].is_ascii_digit()
            && window[4].is_ascii_digit()
    });
    date || heading.contains(['•', '|', '·'])
}

/// Lower-case words, everything else one space: "Chronik: Lotte Tobisch
/// ist tot" and "chronik lotte tobisch ist tot" have the same key.
fn words_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// A URL slug given as a title ("adac-kindersitztest-herbst-2018"): one
/// word of lower-case letters and digits joined by two or more hyphens or
/// underscores.
pub(crate) fn is_slug(title: &str) -> bool {
    !title.contains(char::is_whitespace)
        && title.matches(['-', '_']).count() >= 2
        && title
            .chars()
            .all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// A title without the separator a site's name left behind when the page
/// left the name empty ("Headline |", "Headline -"). A closing guillemet
/// right after a word closes a quotation ("«ganz normalem Deutsch»") and
/// stays; one after a space was a separator.
pub(crate) fn without_trailing_separator(title: &str) -> &str {
    let mut title = title.trim_end();
    loop {
        let trimmed = title
            .trim_end_matches(['|', '-', '–', '—', ':', '/'])
            .trim_end();
        let trimmed = match trimmed.strip_suffix(['»', '›']) {
            Some(before) if before.ends_with(char::is_whitespace) => before.trim_end(),
            _ => trimmed,
        };
        if trimmed == title {
            return title;
        }
        title = trimmed;
    }
}

/// Character references left in text that was already unescaped once
/// (JSON-LD written from HTML-escaped fields: "&#8222;Sturm der
/// Liebe&#8220;"): numeric ones and the common named ones.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let decoded = tail
            .get(1..tail.len().min(12))
            .and_then(|window| window.find(';').map(|end| &window[..end]))
            .and_then(|name| reference(name).map(|ch| (ch, name.len() + 2)));
        match decoded {
            Some((ch, length)) => {
                out.push(ch);
                rest = &tail[length..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn reference(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|ch| !ch.is_control() || ch.is_whitespace());
    }
    Some(match name {
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "lt" => '<',
        "gt" => '>',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "bdquo" => '„',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "laquo" => '«',
        "raquo" => '»',
        "hellip" => '…',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "eacute" => 'é',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(meta: &[&str], headings: &[&str]) -> String {
        let meta: Vec<String> = meta.iter().map(|t| t.to_string()).collect();
        let headings: Vec<Heading> = headings.iter().map(|t| Heading::plain(t)).collect();
        confirmed(&meta, None, &headings, Some("Beispiel-Nachrichten"))
            .or_else(|| meta.first().cloned())
            .or_else(|| headings.first().map(|heading| heading.text.clone()))
            .unwrap_or_default()
    }

    #[test]
    fn slugs_are_not_titles_and_a_closing_guillemet_is_not_a_separator() {
        assert!(is_slug("adac-kindersitztest-herbst-2018"));
        assert!(!is_slug("Kindersitztest-Herbst-2018"));
        assert!(!is_slug("e-mail-adresse ändern"));
        assert!(!is_slug("covid-19"));
        assert_eq!(
            without_trailing_separator("Von Sprachregeln und «ganz normalem Deutsch»"),
            "Von Sprachregeln und «ganz normalem Deutsch»"
        );
        assert_eq!(without_trailing_separator("Schlagzeile »"), "Schlagzeile");
        assert_eq!(
            without_trailing_separator("Schlagzeile | - "),
            "Schlagzeile"
        );
    }

    #[test]
    fn the_visible_headline_wins_when_the_metadata_confirms_it() {
        // A section label in front of the metadata title.
        assert_eq!(
            pick(
                &["Chronik: Lotte Tobisch ist tot"],
                &["Lotte Tobisch ist tot"]
            ),
            "Lotte Tobisch ist tot"
        );
        // A subtitle behind it.
        assert_eq!(
            pick(
                &["Alkohol auf dem Boot – Erfahre mehr zu den Risiken"],
                &["Alkohol auf dem Boot"]
            ),
            "Alkohol auf dem Boot"
        );
        // The heading goes on where the metadata stops.
        assert_eq!(
            pick(
                &["Ultium Cells erhöht Gigafactory-Kapazität"],
                &["Ultium Cells erhöht Gigafactory-Kapazität in Tennessee"]
            ),
            "Ultium Cells erhöht Gigafactory-Kapazität in Tennessee"
        );
        // The second metadata title confirms the heading.
        assert_eq!(
            pick(
                &[
                    "Kind krank? Was Arbeitgeber jetzt wissen müssen",
                    "Kind krank: Was Arbeitgeber wissen müssen"
                ],
                &["Menu", "Kind krank: Was Arbeitgeber wissen müssen"]
            ),
            "Kind krank: Was Arbeitgeber wissen müssen"
        );
    }

    #[test]
    fn a_kicker_inside_the_heading_logos_and_unrelated_headings_do_not_win() {
        // The kicker is part of the h1's markup.
        assert_eq!(
            pick(
                &["Luftfahrtbranche hebt nach Corona ab"],
                &["Auftragshoch bei FACC Luftfahrtbranche hebt nach Corona ab"]
            ),
            "Luftfahrtbranche hebt nach Corona ab"
        );
        // Same words, the metadata's punctuation.
        assert_eq!(
            pick(
                &["100. Geburtstag: Margot Friedländer wird 100 Jahre"],
                &["100. Geburtstag Margot Friedländer wird 100 Jahre"]
            ),
            "100. Geburtstag: Margot Friedländer wird 100 Jahre"
        );
        // The site's name as a heading, short headings, unrelated ones.
        assert_eq!(
            pick(
                &["Über uns – Beispiel-Nachrichten"],
                &["Beispiel-Nachrichten"]
            ),
            "Über uns – Beispiel-Nachrichten"
        );
        assert_eq!(
            pick(&["Rasende Polizisten im Tunnel"], &["Polizisten"]),
            "Rasende Polizisten im Tunnel"
        );
        assert_eq!(
            pick(&["Magic Cleaning im Test"], &["Navigation und Service"]),
            "Magic Cleaning im Test"
        );
        // A heading that is a small part of a long title is not its headline.
        assert_eq!(
            pick(
                &["Die Zukunft der Arbeit in Zeiten der Krise und was Unternehmen jetzt tun"],
                &["Die Zukunft der"]
            ),
            "Die Zukunft der Arbeit in Zeiten der Krise und was Unternehmen jetzt tun"
        );
        // A date glued to the heading.
        assert_eq!(
            pick(
                &["Zuschauerrückkehr bei den Proficlubs"],
                &["Zuschauerrückkehr bei den Proficlubs 02.02.2022 • Verband, Presse"]
            ),
            "Zuschauerrückkehr bei den Proficlubs"
        );
        // No metadata: the first heading.
        assert_eq!(pick(&[], &["Titel"]), "Titel");
    }

    #[test]
    fn the_html_title_confirms_a_heading_only_with_the_same_words() {
        let meta = vec!["Kind krank? Was Arbeitgeber jetzt wissen müssen".to_string()];
        let headings = vec![
            Heading::plain("Menu"),
            Heading::plain("Kind krank: Was Arbeitgeber wissen müssen"),
        ];
        let title = "Kind krank: Was Arbeitgeber wissen müssen".to_string();
        assert_eq!(
            confirmed(&meta, Some(&title), &headings, None).as_deref(),
            Some("Kind krank: Was Arbeitgeber wissen müssen")
        );
        // A blog's name in front of the post's title in <title>.
        let headings = vec![Heading::plain("EMACSPEAK The Complete Audio Desktop")];
        let title = "EMACSPEAK The Complete Audio Desktop: Meta-Programming In Emacs".to_string();
        assert_eq!(confirmed(&[], Some(&title), &headings, None), None);
    }

    #[test]
    fn a_subline_in_its_own_element_is_not_part_of_the_headline() {
        let meta = vec!["Schneesport mit Rücksicht auf Wildtiere".to_string()];
        let heading = Heading {
            text: "Schneesport mit Rücksicht auf Wildtiere Verhaltenstipps für den Schneesport"
                .to_string(),
            parts: vec![
                "Schneesport mit Rücksicht auf Wildtiere".to_string(),
                "Verhaltenstipps für den Schneesport".to_string(),
            ],
        };
        assert_eq!(
            confirmed(&meta, None, &[heading], None).as_deref(),
            Some("Schneesport mit Rücksicht auf Wildtiere")
        );
    }

    #[test]
    fn references_left_in_text_are_decoded() {
        assert_eq!(
            decode_entities(
                "Neue Traumfrau bei &#8222;Sturm der Liebe&#8220;: &amp; mehr &#x2013; &hellip;"
            ),
            "Neue Traumfrau bei „Sturm der Liebe“: & mehr – …"
        );
        assert_eq!(
            decode_entities("AT&T & Co; &unknown; &#0;"),
            "AT&T & Co; &unknown; &#0;"
        );
        assert!(matches!(decode_entities("kein Zeichen"), Cow::Borrowed(_)));
    }
}
