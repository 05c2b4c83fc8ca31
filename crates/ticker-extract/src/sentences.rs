//! Sentence splitting.
//!
//! A sentence ends at `.`, `!` or `?` (optionally followed by closing quote
//! marks or brackets) before white space and an upper-case letter, a digit
//! or an opening quote, and at every paragraph break. Abbreviations ("Dr.",
//! "z.B.", "u.a.", "Nr.") and ordinals ("13. Januar") do not end one.

use std::ops::Range;

use crate::lexicon::ABBREVIATIONS;

/// Byte ranges of the sentences of `text`, trimmed.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (index, ch) in text.char_indices() {
        let mut end = None;
        if ch == '\n' && bytes.get(index + 1) == Some(&b'\n') {
            end = Some(index);
        } else if matches!(ch, '.' | '!' | '?') {
            let mut after = index + ch.len_utf8();
            while let Some(next) = text[after..].chars().next() {
                if matches!(next, '"' | '“' | '”' | '«' | '»' | '‘' | '’' | ')' | '\'') {
                    after += next.len_utf8();
                } else {
                    break;
                }
            }
            let rest = &text[after..];
            let next_visible = rest.trim_start().chars().next();
            let has_space = rest.starts_with(char::is_whitespace);
            let starts_new = next_visible.is_some_and(|c| {
                c.is_uppercase()
                    || c.is_ascii_digit()
                    || matches!(c, '„' | '"' | '«' | '»' | '“' | '‚' | '•')
            });
            if has_space
                && starts_new
                && !(ch == '.' && is_abbreviation_or_ordinal(&text[start..index]))
            {
                end = Some(after);
            }
        }
        if let Some(end) = end {
            push_trimmed(text, start..end, &mut sentences);
            start = end;
        }
    }
    push_trimmed(text, start..text.len(), &mut sentences);
    sentences
}

fn is_abbreviation_or_ordinal(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or_default();
    if word.is_empty() {
        return false;
    }
    if word.chars().all(|c| c.is_ascii_digit()) && word.len() <= 2 {
        return true;
    }
    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        return true;
    }
    ABBREVIATIONS.contains(&format!("{word}.").as_str()) || word.contains('.')
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let leading = slice.len() - slice.trim_start().len();
    let trailing = slice.len() - slice.trim_end().len();
    let start = range.start + leading;
    let end = range.end - trailing;
    if start < end {
        out.push(start..end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_sentence_ends_only() {
        let text = "Am 13. Januar sprach Dr. Meier. Er sagte: «Es ist vorbei.» Dann ging er.\n\nNeuer Absatz ohne Punkt";
        let parts: Vec<&str> = split(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            parts,
            vec![
                "Am 13. Januar sprach Dr. Meier.",
                "Er sagte: «Es ist vorbei.»",
                "Dann ging er.",
                "Neuer Absatz ohne Punkt"
            ]
        );
    }
}
