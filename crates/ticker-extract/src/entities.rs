//! Named entities with canonical ids.
//!
//! Sources of evidence, in order: the place and organisation lexicon
//! (`lexicon::PLACES`, `lexicon::ORGANIZATIONS`), acronym definitions in the
//! text ("Organisation des Vertrags über kollektive Sicherheit (OVKS)"),
//! role cues before a name ("Präsident Kassym-Jomart Tokajew"), speech
//! verbs before a name ("sagte Putin"), then propagation: once a person is
//! known, every later mention of the surname (also in the genitive,
//! "Tokajews") is theirs, and role nouns such as "der Staatschef" refer
//! back to the last person named.
//!
//! Ids are language-independent: persons are keyed by their folded surname
//! (transliteration variants fold together: Tokajew, Tokayev → "tokaiev"),
//! lexicon entries by their canonical name.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use ticker_model::{short_id, Entity, EntityType};

use crate::lexicon::{NOT_NAMES, ORGANIZATIONS, PERSON_ROLES, PLACES, SPEECH_VERBS};

/// One entity with byte-range mentions.
#[derive(Debug, Clone)]
pub struct FoundEntity {
    /// Canonical id.
    pub id: String,
    /// Type.
    pub entity_type: EntityType,
    /// Display name (the longest form seen, or the lexicon's).
    pub name: String,
    /// Byte ranges into the text, sorted.
    pub mentions: Vec<Range<usize>>,
}

/// All entities of one article.
#[derive(Debug, Default, Clone)]
pub struct Entities {
    /// Entities in order of first mention.
    pub list: Vec<FoundEntity>,
    by_id: HashMap<String, usize>,
    /// Every mention by its start: (end, entity index). Lookups by position
    /// stay logarithmic however many mentions an article has.
    by_start: BTreeMap<usize, Vec<(usize, usize)>>,
    /// The longest mention, which bounds how far back a lookup must look.
    longest: usize,
}

impl Entities {
    /// Adds a mention, creating the entity on first sight. Returns its index.
    pub fn add(
        &mut self,
        key: &str,
        entity_type: EntityType,
        name: &str,
        range: Range<usize>,
    ) -> usize {
        let id = entity_id(entity_type, key);
        let index = match self.by_id.get(&id) {
            Some(index) => *index,
            None => {
                self.list.push(FoundEntity {
                    id: id.clone(),
                    entity_type,
                    name: name.to_string(),
                    mentions: Vec::new(),
                });
                self.by_id.insert(id, self.list.len() - 1);
                self.list.len() - 1
            }
        };
        if self.overlapping(&range).any(|(_, entity)| entity == index) {
            return index;
        }
        let entity = &mut self.list[index];
        if entity_type == EntityType::Person && name.len() > entity.name.len() {
            entity.name = name.to_string();
        }
        self.longest = self.longest.max(range.len());
        self.by_start
            .entry(range.start)
            .or_default()
            .push((range.end, index));
        entity.mentions.push(range);
        index
    }

    /// Mentions overlapping `range`: (mention, entity index).
    fn overlapping<'a>(
        &'a self,
        range: &'a Range<usize>,
    ) -> impl Iterator<Item = (Range<usize>, usize)> + 'a {
        let from = range.start.saturating_sub(self.longest);
        self.by_start
            .range(from..range.end.max(from))
            .flat_map(|(start, ends)| {
                ends.iter()
                    .map(move |(end, entity)| (*start..*end, *entity))
            })
            .filter(move |(mention, _)| overlaps(mention, range))
    }

    /// Whether any entity has a mention overlapping `range`.
    pub fn covers(&self, range: &Range<usize>) -> bool {
        self.overlapping(range).next().is_some()
    }

    /// Entities with a mention inside `range`, with that mention, in text
    /// order (ties in entity order).
    pub fn within(&self, range: &Range<usize>) -> Vec<(usize, Range<usize>)> {
        let mut found: Vec<(usize, Range<usize>)> = self
            .by_start
            .range(range.start..range.end.max(range.start))
            .flat_map(|(start, ends)| {
                ends.iter()
                    .map(move |(end, entity)| (*entity, *start..*end))
            })
            .filter(|(_, mention)| mention.end <= range.end)
            .collect();
        found.sort_by_key(|(entity, mention)| (mention.start, *entity));
        found
    }

    /// The person mentioned last before `position` (the mention that ends
    /// last; ties go to the entity seen first).
    pub fn last_person_before(&self, position: usize) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None; // (end, entity)
        for (start, ends) in self.by_start.range(..position).rev() {
            if best.is_some_and(|(end, _)| start + self.longest < end) {
                break;
            }
            for (end, entity) in ends {
                if *end > position || self.list[*entity].entity_type != EntityType::Person {
                    continue;
                }
                let better = match best {
                    None => true,
                    Some((best_end, best_entity)) => {
                        *end > best_end || (*end == best_end && *entity < best_entity)
                    }
                };
                if better {
                    best = Some((*end, *entity));
                }
            }
        }
        best.map(|(_, entity)| entity)
    }

    /// Converts to records with character offsets.
    pub fn to_records(&self, text: &str, offsets: &[u32]) -> Vec<Entity> {
        self.list
            .iter()
            .map(|entity| {
                let mut mentions = entity.mentions.clone();
                mentions.sort_by_key(|mention| mention.start);
                Entity {
                    entity_id: entity.id.clone(),
                    entity_type: entity.entity_type,
                    name: entity.name.clone(),
                    mentions: mentions
                        .iter()
                        .map(|range| crate::mention(text, offsets, range))
                        .collect(),
                }
            })
            .collect()
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The canonical id of an entity key.
pub fn entity_id(entity_type: EntityType, key: &str) -> String {
    let code = match entity_type {
        EntityType::Person => "PER",
        EntityType::Organization => "ORG",
        EntityType::Location => "LOC",
        EntityType::Misc => "MISC",
    };
    short_id(["entity", code, fold(key).as_str()])
}

/// Folds spelling and transliteration variants together: lower case,
/// umlauts and accents dropped, y/j → i, w → v, sch → sh, doubled letters
/// collapsed.
pub fn fold(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut mapped = String::with_capacity(lower.len());
    for ch in lower.chars() {
        match ch {
            'ä' | 'á' | 'à' | 'â' => mapped.push('a'),
            'ö' | 'ó' | 'ò' | 'ô' => mapped.push('o'),
            'ü' | 'ú' | 'ù' | 'û' => mapped.push('u'),
            'é' | 'è' | 'ê' | 'ë' => mapped.push('e'),
            'ß' => mapped.push_str("ss"),
            'y' | 'j' => mapped.push('i'),
            'w' => mapped.push('v'),
            ch if ch.is_alphanumeric() || ch == ' ' => mapped.push(ch),
            _ => mapped.push(' '),
        }
    }
    let mapped = mapped.replace("sch", "sh").replace("ck", "k");
    let mut folded = String::with_capacity(mapped.len());
    let mut previous = None;
    for ch in mapped.chars() {
        if Some(ch) != previous || ch == ' ' {
            folded.push(ch);
        }
        previous = Some(ch);
    }
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A word of the text with its byte range.
#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    /// The word.
    pub text: &'a str,
    /// Byte offset of its start.
    pub start: usize,
}

impl Token<'_> {
    fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// Splits into words: letters, digits, hyphens and apostrophes inside words.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (index, ch) in text.char_indices() {
        let inside =
            ch.is_alphanumeric() || ((ch == '-' || ch == '\'' || ch == '.') && start.is_some());
        match (inside, start) {
            (true, None) => start = Some(index),
            (false, Some(begin)) => {
                push_token(text, begin, index, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(begin) = start {
        push_token(text, begin, text.len(), &mut out);
    }
    out
}

fn push_token<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Token<'a>>) {
    let word = text[start..end].trim_end_matches(['-', '\'', '.']);
    // Keep the period of known abbreviations such as "U.S." only.
    let word = if text[start..end].ends_with('.') && word.contains('.') {
        &text[start..end]
    } else {
        word
    };
    if !word.is_empty() {
        out.push(Token { text: word, start });
    }
}

fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    first_upper
        && !NOT_NAMES.contains(&word)
        && !PERSON_ROLES.contains(&word)
        && word.chars().any(char::is_lowercase)
}

/// A lexicon variant: canonical name, type, and the variant's words.
type LexiconEntry = (&'static str, EntityType, Vec<&'static str>);

/// The generated place gazetteer (`data/places.tsv`, see `data/LICENSES.md`):
/// canonical English name, tab, variant.
const GAZETTEER: &str = include_str!("../data/places.tsv");

/// Variants by their first word, built once: the built-in lists of
/// `lexicon` and the generated gazetteer.
fn lexicon() -> &'static HashMap<&'static str, Vec<LexiconEntry>> {
    static LEXICON: std::sync::OnceLock<HashMap<&'static str, Vec<LexiconEntry>>> =
        std::sync::OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut lexicon: HashMap<&'static str, Vec<LexiconEntry>> = HashMap::new();
        let mut add = |canonical: &'static str, entity_type: EntityType, variant: &'static str| {
            let parts: Vec<&'static str> = variant.split(' ').collect();
            let entries = lexicon.entry(parts[0]).or_default();
            if !entries.iter().any(|(_, _, known)| *known == parts) {
                entries.push((canonical, entity_type, parts));
            }
        };
        for (table, entity_type) in [
            (PLACES, EntityType::Location),
            (ORGANIZATIONS, EntityType::Organization),
        ] {
            for (canonical, variants) in table {
                for variant in *variants {
                    add(canonical, entity_type, variant);
                }
            }
        }
        for line in GAZETTEER.lines() {
            if let Some((canonical, variant)) = line.split_once('\t') {
                add(canonical, EntityType::Location, variant);
            }
        }
        lexicon
    })
}

/// Finds the entities of `text`.
pub fn find(text: &str) -> Entities {
    let mut entities = Entities::default();
    let words = tokens(text);
    let lexicon = lexicon();
    // 1. Lexicon, including acronym prefixes of compounds ("OVKS-Truppen").
    for (index, token) in words.iter().enumerate() {
        let head = token.text.split('-').next().unwrap_or(token.text);
        for candidate in [token.text, head] {
            let Some(entries) = lexicon.get(candidate) else {
                continue;
            };
            for (canonical, entity_type, parts) in entries {
                let matches = parts.iter().enumerate().all(|(offset, part)| {
                    words.get(index + offset).is_some_and(|word| {
                        word.text == *part
                            || (offset == parts.len() - 1 && parts.len() == 1 && candidate == *part)
                    })
                });
                if matches {
                    let end = if parts.len() == 1 {
                        token.start + candidate.len()
                    } else {
                        words[index + parts.len() - 1].end()
                    };
                    entities.add(canonical, *entity_type, canonical, token.start..end);
                }
            }
            if candidate == head {
                break;
            }
        }
    }
    // 2. Acronym definitions.
    find_acronym_definitions(text, &words, &mut entities);
    // 3. Role cues and speech verbs before names.
    let mut surnames: Vec<(String, String)> = Vec::new();
    for (index, token) in words.iter().enumerate() {
        let cue = PERSON_ROLES.contains(&token.text) || SPEECH_VERBS.contains(&token.text);
        if !cue {
            continue;
        }
        let mut end_index = index + 1;
        while end_index < words.len()
            && end_index - index <= 3
            && is_name_word(words[end_index].text)
        {
            // Names are adjacent words: stop at punctuation between them.
            let gap = &text[words[end_index - 1].end()..words[end_index].start];
            if end_index > index + 1 && !gap.trim().is_empty() {
                break;
            }
            end_index += 1;
        }
        if end_index == index + 1 {
            continue;
        }
        let first = &words[index + 1];
        let last = &words[end_index - 1];
        let range = first.start..last.end();
        if entities.covers(&range) {
            continue;
        }
        // A single word after a speech verb is a name only when it is not
        // a common noun; German nouns are capitalised, so require that it
        // is not followed by a lower-case continuation typical of nouns.
        let name = &text[range.clone()];
        if SPEECH_VERBS.contains(&token.text)
            && end_index - index == 2
            && !looks_like_surname(last.text)
        {
            continue;
        }
        let surname = last.text.to_string();
        entities.add(&surname, EntityType::Person, name, range);
        surnames.push((surname, name.to_string()));
    }
    // 3b. Two name words right before a speech verb ("Patrick Kamanda
    //     sagte", "Anna Muster erklärte"): a first name and a surname.
    for (index, token) in words.iter().enumerate() {
        if index < 2 || !SPEECH_VERBS.contains(&token.text) || token.text == "so" {
            continue;
        }
        let (first, last) = (&words[index - 2], &words[index - 1]);
        let adjacent = text[first.end()..last.start].trim().is_empty()
            && text[last.end()..token.start]
                .trim()
                .trim_matches(',')
                .is_empty();
        if !adjacent
            || !is_name_word(first.text)
            || !is_name_word(last.text)
            || !looks_like_surname(last.text)
        {
            continue;
        }
        // Not at a sentence start, where any German noun is capitalised.
        let before = text[..first.start].trim_end();
        if before.is_empty() || before.ends_with(['.', '!', '?', ':', '»', '«', '"', '“', '”'])
        {
            continue;
        }
        let range = first.start..last.end();
        if entities.covers(&range) {
            continue;
        }
        let surname = last.text.to_string();
        entities.add(&surname, EntityType::Person, &text[range.clone()], range);
        surnames.push((surname.clone(), text[first.start..last.end()].to_string()));
    }
    // 4. Propagate known surnames (and their genitive) to every mention,
    //    surname by surname in the order they were found.
    let mut order: Vec<&str> = Vec::new();
    let mut distinct: HashSet<&str> = HashSet::new();
    for (surname, _) in &surnames {
        if distinct.insert(surname.as_str()) {
            order.push(surname);
        }
    }
    let mut lookup: HashMap<String, Vec<usize>> = HashMap::new();
    for (which, surname) in order.iter().enumerate() {
        lookup.entry(surname.to_string()).or_default().push(which);
        lookup.entry(format!("{surname}s")).or_default().push(which);
    }
    let mut found: Vec<Vec<Range<usize>>> = vec![Vec::new(); order.len()];
    for token in &words {
        for which in lookup.get(token.text).into_iter().flatten() {
            found[*which].push(token.start..token.start + order[*which].len());
        }
    }
    for (which, ranges) in found.into_iter().enumerate() {
        for range in ranges {
            if !entities.covers(&range) {
                entities.add(order[which], EntityType::Person, order[which], range);
            }
        }
    }
    for entity in &mut entities.list {
        entity.mentions.sort_by_key(|mention| mention.start);
    }
    entities
}

/// Surnames in news are rarely common German nouns: this accepts words
/// that do not end like frequent noun suffixes.
fn looks_like_surname(word: &str) -> bool {
    const NOUN_ENDINGS: &[&str] = &[
        "ung", "heit", "keit", "schaft", "tion", "ismus", "chen", "ment", "tät", "ei",
    ];
    !NOUN_ENDINGS.iter().any(|ending| word.ends_with(ending)) && word.chars().count() >= 3
}

fn find_acronym_definitions(text: &str, words: &[Token<'_>], entities: &mut Entities) {
    const FUNCTION_WORDS: &[&str] = &[
        "des", "der", "die", "das", "für", "über", "und", "von", "of", "the", "for", "and", "on",
        "zur", "zum", "in",
    ];
    for (index, token) in words.iter().enumerate() {
        let acronym = token.text;
        let is_acronym =
            (2..=8).contains(&acronym.chars().count()) && acronym.chars().all(|c| c.is_uppercase());
        if !is_acronym || index == 0 {
            continue;
        }
        let before = &text[..token.start];
        if !before.trim_end().ends_with('(') {
            continue;
        }
        let letters: Vec<char> = acronym.chars().flat_map(char::to_lowercase).collect();
        let mut needed = letters.len();
        let mut first_word = index;
        let mut cursor = index;
        while needed > 0 && cursor > 0 && index - cursor < 12 {
            cursor -= 1;
            let word = words[cursor].text;
            if FUNCTION_WORDS.contains(&word) {
                continue;
            }
            let initial = word.chars().next().and_then(|c| c.to_lowercase().next());
            if initial == Some(letters[needed - 1]) {
                needed -= 1;
                first_word = cursor;
            } else {
                break;
            }
        }
        if needed > 0 {
            continue;
        }
        let long_range = words[first_word].start..words[index - 1].end();
        let long_form = &text[long_range.clone()];
        // Known acronyms keep their lexicon id; new ones are keyed by the acronym.
        let key = ORGANIZATIONS
            .iter()
            .find(|(_, variants)| variants.contains(&acronym) || variants.contains(&long_form))
            .map_or(acronym, |(canonical, _)| canonical);
        entities.add(key, EntityType::Organization, long_form, long_range);
        entities.add(
            key,
            EntityType::Organization,
            long_form,
            token.start..token.end(),
        );
        // Every other mention of the acronym.
        for other in words {
            if other.text == acronym || other.text.split('-').next() == Some(acronym) {
                entities.add(
                    key,
                    EntityType::Organization,
                    long_form,
                    other.start..other.start + acronym.len(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliteration_variants_fold_together() {
        assert_eq!(fold("Tokajew"), fold("Tokayev"));
        assert_eq!(fold("Kassym-Jomart"), fold("Kassim-Jomart"));
        assert_ne!(fold("Tokajew"), fold("Putin"));
    }

    #[test]
    fn finds_people_places_and_acronyms() {
        let text = "Präsident Kassym-Jomart Tokajew sprach. Die Organisation des Vertrags über kollektive Sicherheit (OVKS) schickte Truppen nach Kasachstan. Tokajews Rede, sagte Putin.";
        let entities = find(text);
        let names: Vec<(&str, EntityType, usize)> = entities
            .list
            .iter()
            .map(|e| (e.name.as_str(), e.entity_type, e.mentions.len()))
            .collect();
        assert!(
            names.contains(&("Kassym-Jomart Tokajew", EntityType::Person, 2)),
            "{names:?}"
        );
        assert!(
            names.contains(&("Kazakhstan", EntityType::Location, 1)),
            "{names:?}"
        );
        assert!(
            names.contains(&("Putin", EntityType::Person, 1)),
            "{names:?}"
        );
        let csto = entities
            .list
            .iter()
            .find(|e| e.entity_type == EntityType::Organization)
            .unwrap();
        assert_eq!(csto.id, entity_id(EntityType::Organization, "CSTO"));
        assert_eq!(csto.mentions.len(), 2, "{csto:?}");
    }
}
