//! Language identification from function words.
//!
//! A page's declared language is often wrong (templates that say `en` on
//! every page, or nothing at all). The text decides when it is clear: the
//! share of each language's most frequent function words among the first
//! 2,000 words. The declaration is used when the text is too short or
//! ambiguous. Adding a language is adding a word list.

const LANGUAGES: &[(&str, &[&str])] = &[
    (
        "de",
        &[
            "der", "die", "und", "das", "nicht", "ist", "den", "mit", "sich", "des", "auf", "ein",
            "eine", "dem", "zu", "von", "für", "auch", "wurde", "hat", "im", "nach", "wie", "bei",
            "sind", "werden", "einer", "aus", "sei",
        ],
    ),
    (
        "en",
        &[
            "the", "and", "of", "to", "is", "that", "for", "with", "was", "on", "as", "are", "by",
            "at", "from", "this", "have", "has", "be", "it", "which", "were", "said", "their",
            "an", "will",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "et", "des", "du", "est", "une", "que", "dans", "pour", "qui",
            "sur", "pas", "par", "au", "avec", "sont", "ont", "cette", "aux",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "y", "del", "que", "en", "por", "con", "una", "para", "es", "se",
            "su", "al", "lo", "como", "más", "pero", "fue",
        ],
    ),
    (
        "it",
        &[
            "il", "di", "che", "non", "per", "della", "una", "sono", "gli", "nel", "alla", "anche",
            "come", "delle", "dei", "è", "questo", "ha", "stato",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "van", "en", "niet", "dat", "zijn", "voor", "met", "op", "aan",
            "ook", "wordt", "bij", "naar", "werd", "heeft",
        ],
    ),
];

/// Detects the language of `text`, returning a code and the share of its
/// function words, or None for text too short to tell.
pub fn detect(text: &str) -> Option<(&'static str, f64)> {
    // Each function word with the languages it belongs to, built once:
    // one lookup per word instead of a scan of every list.
    static INDEX: std::sync::OnceLock<std::collections::HashMap<&'static str, Vec<usize>>> =
        std::sync::OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index: std::collections::HashMap<&'static str, Vec<usize>> =
            std::collections::HashMap::new();
        for (language, (_, list)) in LANGUAGES.iter().enumerate() {
            for word in list.iter() {
                index.entry(*word).or_default().push(language);
            }
        }
        index
    });
    let mut hits = vec![0usize; LANGUAGES.len()];
    let mut words = 0usize;
    let mut lower = String::new();
    for word in text
        .split(|ch: char| !ch.is_alphabetic())
        .filter(|word| !word.is_empty())
        .take(1000)
    {
        words += 1;
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        for language in index.get(lower.as_str()).into_iter().flatten() {
            hits[*language] += 1;
        }
    }
    if words < 8 {
        return None;
    }
    // The first language with the most hits, as the scan in list order.
    let mut best: Option<(&'static str, usize)> = None;
    for ((code, _), hits) in LANGUAGES.iter().zip(&hits) {
        if best.is_none_or(|(_, best_hits)| *hits > best_hits) {
            best = Some((code, *hits));
        }
    }
    let (code, hits) = best?;
    let share = hits as f64 / words as f64;
    (share >= 0.08).then_some((code, share))
}

/// The language to record: the text's when it is clear, else the declared one.
pub fn decide(declared: Option<&str>, text: &str) -> Option<String> {
    match (detect(text), declared) {
        (Some((code, _)), _) => Some(code.to_string()),
        (None, Some(declared)) => Some(declared.to_string()),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_german_and_english_and_overrides_a_wrong_declaration() {
        let german = "Die ersten Soldaten sollen das Land nach den Worten des Präsidenten bereits in dieser Woche wieder verlassen, sagte der Staatschef im Parlament.";
        let english = "The first soldiers of the alliance will leave the country this week, the president said in an address to the parliament on Tuesday.";
        assert_eq!(decide(Some("en"), german).as_deref(), Some("de"));
        assert_eq!(decide(None, english).as_deref(), Some("en"));
        assert_eq!(decide(Some("fr"), "Kurz.").as_deref(), Some("fr"));
    }
}
