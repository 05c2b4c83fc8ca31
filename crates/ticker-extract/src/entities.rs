//! Named entities with canonical ids.
//!
//! Sources of evidence, in order: the place and organisation lexicon
//! (`lexicon::PLACES`, `lexicon::ORGANIZATIONS`), acronym definitions in the
//! text ("Organisation des Vertrags über kollektive Sicherheit (OVKS)"),
//! role cues before a name ("Präsident Kassym-Jomart Tokajew"), speech
//! verbs before a name ("sagte Putin"), then propagation: once a person is
//! known, every later mention of the surname (also in the genitive,
//! "Tokajews") is theirs, and role nouns such as "der Staatschef" refer
//! back to the last person named. Last, in German text, capitalised words
//! that are no German noun (`data/nouns.txt`) are names of the kind their
//! context gives (`find_unknown_names`).
//!
//! Ids are language-independent: persons are keyed by their folded surname
//! (transliteration variants fold together: Tokajew, Tokayev → "tokaiev"),
//! lexicon entries by their canonical name.

use std::collections::BTreeMap;

// Fast hashing: the word lists are asked for nearly every word of an
// article, and their keys are fixed tables, not attacker-chosen maps.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

use ticker_model::{short_id, Entity, EntityType};

use crate::lexicon::{
    is_speech_verb, ADJECTIVE_ENDINGS, CURRENCY_NAMES, DEMONYMS, MISC_NAMES, NOT_NAMES,
    ORGANIZATIONS, PERSONS, PERSON_ROLES, PLACES, PLACE_ADJECTIVES,
};

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
    /// Starts of the mentions that are derived words ("deutschen" for
    /// Germany), not the name itself.
    pub derived: Vec<usize>,
}

/// Prepositions, in lower case, with their contractions with the article.
const PREPOSITIONS: &[&str] = &[
    "ab", "an", "auf", "aus", "bei", "bis", "durch", "für", "gegen", "in", "mit", "nach", "ohne",
    "seit", "um", "unter", "von", "vor", "zu", "im", "am", "zum", "zur", "ins", "beim", "vom",
    "über", "nahe",
];

/// All entities of one article.
#[derive(Debug, Default, Clone)]
pub struct Entities {
    /// Entities in order of first mention.
    pub list: Vec<FoundEntity>,
    by_id: HashMap<String, usize>,
    /// The entity of each key seen, so that a key's id (a hash of its
    /// folded form) is computed once per article.
    by_key: HashMap<(EntityType, String), usize>,
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
        self.add_mention(key, entity_type, name, range, false)
    }

    /// Adds a mention that is a word derived from the entity's name (an
    /// adjective or demonym), creating the entity on first sight.
    pub fn add_derived(
        &mut self,
        key: &str,
        entity_type: EntityType,
        range: Range<usize>,
    ) -> usize {
        self.add_mention(key, entity_type, key, range, true)
    }

    /// The entity of a key not seen before: an entity of the same id
    /// (another spelling of the key), else a new one.
    fn index_of_new_key(&mut self, key: &str, entity_type: EntityType, name: &str) -> usize {
        let id = entity_id(entity_type, key);
        let index = match self.by_id.get(&id) {
            Some(index) => *index,
            None => {
                self.list.push(FoundEntity {
                    id: id.clone(),
                    entity_type,
                    name: name.to_string(),
                    mentions: Vec::new(),
                    derived: Vec::new(),
                });
                self.by_id.insert(id, self.list.len() - 1);
                self.list.len() - 1
            }
        };
        self.by_key.insert((entity_type, key.to_string()), index);
        index
    }

    fn add_mention(
        &mut self,
        key: &str,
        entity_type: EntityType,
        name: &str,
        range: Range<usize>,
        derived: bool,
    ) -> usize {
        let known = self.by_key.get(&(entity_type, key.to_string())).copied();
        let index = match known {
            Some(index) => index,
            None => self.index_of_new_key(key, entity_type, name),
        };
        if self.overlapping(&range).any(|(_, entity)| entity == index) {
            return index;
        }
        let entity = &mut self.list[index];
        if derived {
            entity.derived.push(range.start);
        } else if entity_type == EntityType::Person && name.len() > entity.name.len() {
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

    /// Adds a mention of the entity at `index` (a name's form that its
    /// key does not give, such as a genitive).
    fn add_to(&mut self, index: usize, range: Range<usize>) {
        if self.covers(&range) {
            return;
        }
        self.longest = self.longest.max(range.len());
        self.by_start
            .entry(range.start)
            .or_default()
            .push((range.end, index));
        self.list[index].mentions.push(range);
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

    /// The mention exactly at `range`: (entity index, derived).
    pub fn mention_at(&self, range: &Range<usize>) -> Option<(usize, bool)> {
        self.by_start.get(&range.start).and_then(|ends| {
            ends.iter()
                .find(|(end, _)| *end == range.end)
                .map(|(_, entity)| (*entity, self.list[*entity].derived.contains(&range.start)))
        })
    }

    /// Whether the mention exactly at `range` names a person.
    pub fn person_at(&self, range: &Range<usize>) -> bool {
        self.mention_at(range).is_some_and(|(entity, derived)| {
            !derived && self.list[entity].entity_type == EntityType::Person
        })
    }

    /// Whether the words at `range` are free, or a person read alone that
    /// a fuller name may take over ("George" of "George W. Bush").
    fn free_or_person(&self, range: &Range<usize>) -> bool {
        !self.covers(range) || self.person_at(range)
    }

    /// Adds a name over `range` that the mentions inside it are part of
    /// ("Las Vegas" in a title, "Meuron" in "Herzog & de Meuron"): they
    /// are taken back first.
    fn add_over(&mut self, text: &str, entity_type: EntityType, range: Range<usize>) {
        for (_, inside) in self.within(&range) {
            self.remove_mention(&inside);
        }
        if !self.covers(&range) {
            let name = &text[range.clone()];
            self.add(name, entity_type, name, range);
        }
    }

    /// Takes back the mention exactly at `range`, when a later pass reads
    /// its words better ("Werner" of "Werner Borchert" is no inhabitant of
    /// Werne). An entity left without mentions is not reported.
    pub fn remove_mention(&mut self, range: &Range<usize>) {
        let Some((index, _)) = self.mention_at(range) else {
            return;
        };
        if let Some(ends) = self.by_start.get_mut(&range.start) {
            ends.retain(|(end, entity)| !(*end == range.end && *entity == index));
            if ends.is_empty() {
                self.by_start.remove(&range.start);
            }
        }
        let entity = &mut self.list[index];
        entity.mentions.retain(|mention| mention != range);
        entity.derived.retain(|start| *start != range.start);
    }

    /// The type of the entity named (not derived) by a mention that
    /// overlaps `range`, if any.
    pub fn type_at(&self, range: &Range<usize>) -> Option<EntityType> {
        self.overlapping(range)
            .find(|(mention, entity)| !self.list[*entity].derived.contains(&mention.start))
            .map(|(_, entity)| self.list[entity].entity_type)
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

    /// Converts to records with character offsets. A mention that runs
    /// over a line break (a heading or list item glued to the next
    /// paragraph: "Amazon\n\nSince") names nothing and is left out.
    pub fn to_records(&self, text: &str, offsets: &[u32]) -> Vec<Entity> {
        let names_something = |range: &Range<usize>| !text[range.clone()].contains('\n');
        self.list
            .iter()
            .filter(|entity| entity.mentions.iter().any(names_something))
            .map(|entity| {
                let mut mentions: Vec<Range<usize>> = entity
                    .mentions
                    .iter()
                    .filter(|range| names_something(range))
                    .cloned()
                    .collect();
                mentions.sort_by_key(|mention| mention.start);
                Entity {
                    entity_id: entity.id.clone(),
                    entity_type: entity.entity_type,
                    name: entity.name.clone(),
                    mentions: mentions
                        .iter()
                        .map(|range| crate::Mention {
                            derived: entity.derived.contains(&range.start),
                            ..crate::mention(text, offsets, range)
                        })
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
    // (Bytes, with characters decoded only outside ASCII: every pass of the
    // extractor starts here.)
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut start = None;
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        let (alphanumeric, width) = if byte.is_ascii() {
            (byte.is_ascii_alphanumeric(), 1)
        } else {
            let ch = text[index..].chars().next().unwrap_or(' ');
            (ch.is_alphanumeric(), ch.len_utf8())
        };
        let inside = alphanumeric || (matches!(byte, b'-' | b'\'' | b'.') && start.is_some());
        match (inside, start) {
            (true, None) => start = Some(index),
            (false, Some(begin)) => {
                push_token(text, begin, index, &mut out);
                start = None;
            }
            _ => {}
        }
        index += width;
    }
    if let Some(begin) = start {
        push_token(text, begin, text.len(), &mut out);
    }
    out
}

/// The words of `all` (the words of a whole text) that lie inside
/// `range`, with offsets from the range's start: what [`tokens`] gives for
/// that slice when the slice starts and ends between words, without
/// reading the text again.
pub fn tokens_in<'a>(all: &[Token<'a>], range: &Range<usize>) -> Vec<Token<'a>> {
    let first = all.partition_point(|word| word.start < range.start);
    all[first..]
        .iter()
        .take_while(|word| word.end() <= range.end)
        .map(|word| Token {
            text: word.text,
            start: word.start - range.start,
        })
        .collect()
}

fn push_token<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Token<'a>>) {
    let whole = &text[start..end];
    let trimmed = whole.trim_end_matches(['-', '\'', '.']);
    // Keep the period of known abbreviations such as "U.S." only.
    let word = if whole.ends_with('.') && trimmed.contains('.') {
        whole
    } else {
        trimmed
    };
    if !word.is_empty() {
        out.push(Token { text: word, start });
    }
}

pub(crate) fn is_name_word(word: &str) -> bool {
    // (A set: this is asked for every capitalised word, often twice.)
    static NOT_NAME_WORDS: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    let first_upper = word.starts_with(char::is_uppercase);
    first_upper
        && word.chars().any(char::is_lowercase)
        && !NOT_NAME_WORDS
            .get_or_init(|| {
                NOT_NAMES
                    .iter()
                    .chain(PERSON_ROLES.iter())
                    .copied()
                    .collect()
            })
            .contains(word)
}

/// A lexicon variant: canonical name, type, and the variant's words.
pub(crate) type LexiconEntry = (&'static str, EntityType, Vec<&'static str>);

/// The generated place gazetteer (`data/places.tsv`, see `data/LICENSES.md`):
/// canonical English name, tab, variant.
const GAZETTEER: &str = include_str!("../data/places.tsv");

/// Variants by their first word, built once: the built-in lists of
/// `lexicon` and the generated gazetteer.
pub(crate) fn lexicon() -> &'static HashMap<&'static str, Vec<LexiconEntry>> {
    static LEXICON: std::sync::OnceLock<HashMap<&'static str, Vec<LexiconEntry>>> =
        std::sync::OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut lexicon: HashMap<&'static str, Vec<LexiconEntry>> = HashMap::default();
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
            (PERSONS, EntityType::Person),
            (MISC_NAMES, EntityType::Misc),
        ] {
            for (canonical, variants) in table {
                for variant in *variants {
                    add(canonical, entity_type, variant);
                }
            }
        }
        for name in crate::lexicon::KNOWN_ORGANIZATIONS.iter() {
            add(name, EntityType::Organization, name);
        }
        for name in crate::lexicon::FAMOUS_PERSONS.iter() {
            add(name, EntityType::Person, name);
            if !name.ends_with(['s', 'ß', 'x', 'z']) {
                let genitive: &'static str = Box::leak(format!("{name}s").into_boxed_str());
                add(name, EntityType::Person, genitive);
            }
        }
        for line in GAZETTEER.lines() {
            if let Some((canonical, variant)) = line.split_once('\t') {
                add(canonical, EntityType::Location, variant);
            }
        }
        // The longest variant first: "Frankfurt am Main" before "Frankfurt".
        for entries in lexicon.values_mut() {
            entries.sort_by_key(|(_, _, parts)| std::cmp::Reverse(parts.len()));
        }
        lexicon
    })
}

/// Finds the entities of German `text` (see `find_in`).
pub fn find(text: &str) -> Entities {
    find_in(text, false)
}

/// Finds the entities of an article in English (`english`) or German. The
/// last pass, unknown names, reads German only: it knows names as the
/// capitalised words that are no German noun.
pub fn find_in(text: &str, english: bool) -> Entities {
    find_in_words(text, &tokens(text), english)
}

/// [`find_in`] with the words of `text` (from [`tokens`]) at hand.
pub fn find_in_words(text: &str, words: &[Token<'_>], english: bool) -> Entities {
    let mut entities = Entities::default();
    let lexicon = lexicon();
    // 0. Streets, before the lexicon's districts take their nouns; clubs,
    //    before it takes their towns ("VfL Osnabrück", "SC Paderborn").
    find_clubs(text, words, lexicon, &mut entities);
    // 0a. Compound names: "Deutschen Bundestag", "Universität Gießen",
    //     "THW Kiel", "A 7", "St. Moritz", "Zweiten Weltkrieg".
    let senses = word_senses();
    let derived = |word: &str| {
        matches!(senses.get(word), Some(WordSense::Derived(_)))
            || town_of_inhabitant(word, lexicon).is_some()
    };
    crate::compounds::find(text, words, lexicon, &derived, &mut entities);
    find_streets(text, words, &mut entities);
    // 1. Lexicon, including acronym prefixes of compounds ("OVKS-Truppen").
    for (index, token) in words.iter().enumerate() {
        let head = token.text.split('-').next().unwrap_or(token.text);
        // A dateline in capitals ("TOKIO", "BOCHUM") is a place's name.
        let title_case = (token.text.chars().count() >= 4
            && token.text.chars().all(char::is_uppercase))
        .then(|| {
            let lower = token.text.to_lowercase();
            capitalised(&lower)
        })
        .filter(|title| title.len() == token.text.len());
        let mut matched = false;
        for candidate in [token.text, title_case.as_deref().unwrap_or(head), head] {
            let Some(entries) = lexicon.get(candidate) else {
                continue;
            };
            let is_title_case = title_case.as_deref() == Some(candidate);
            for (canonical, entity_type, parts) in entries {
                if is_title_case && (*entity_type != EntityType::Location || parts.len() > 1) {
                    continue;
                }
                let matches = parts.iter().enumerate().all(|(offset, part)| {
                    words.get(index + offset).is_some_and(|word| {
                        word.text == *part
                            || (offset == parts.len() - 1 && parts.len() == 1 && candidate == *part)
                    })
                });
                // A one-word place right after a given name is a surname
                // ("Uta Hagen").
                // Nor is one after a given name and "von" ("Gerhard von
                // Scharnhorst").
                let after_given_name = parts.len() == 1
                    && *entity_type == EntityType::Location
                    && index > 0
                    && text[words[index - 1].end()..token.start] == *" "
                    && (is_given_name(words[index - 1].text)
                        || (index > 1
                            && ["von", "zu"].contains(&words[index - 1].text)
                            && text[words[index - 2].end()..words[index - 1].start] == *" "
                            && is_given_name(words[index - 2].text)));
                if matches && !after_given_name {
                    let end = if parts.len() == 1 {
                        // A district or a pair of places written as one
                        // word ("Berlin-Mitte", "Düsseldorf-Gerresheim",
                        // "Rhein-Sieg-Kreis") is one place.
                        if *entity_type == EntityType::Location
                            && candidate == head
                            && head != token.text
                            && head.chars().any(char::is_lowercase)
                            && place_compound(&token.text[head.len() + 1..], lexicon)
                        {
                            token.end()
                        } else {
                            token.start + candidate.len()
                        }
                    } else {
                        words[index + parts.len() - 1].end()
                    };
                    // A known surname keeps the given names before it
                    // ("Michael Ballack", "Karl-Heinz Rummenigge").
                    let mut start = token.start;
                    if *entity_type == EntityType::Person && parts.len() == 1 {
                        let mut at = index;
                        while at > 0
                            && index - at < 3
                            && adjacent_words(text, &words[at - 1], &words[at])
                            && is_given_name(words[at - 1].text)
                        {
                            at -= 1;
                        }
                        start = words[at].start;
                    }
                    // People are shown by the fullest form the text gives.
                    let name = if *entity_type == EntityType::Person {
                        &text[start..end]
                    } else {
                        canonical
                    };
                    let range = start..end;
                    if !entities.covers(&range) {
                        entities.add(canonical, *entity_type, name, range);
                    }
                    matched = true;
                    break;
                }
            }
            if matched || candidate == head {
                break;
            }
        }
    }
    // 1a. A name broken at its hyphen by a line end ("Mecklenburg-
    //     Vorpommern"): the lexicon's name, over both parts.
    for index in 0..words.len().saturating_sub(1) {
        let (first, second) = (&words[index], &words[index + 1]);
        if text[first.end()..second.start] != *"- " || !second.text.starts_with(char::is_uppercase)
        {
            continue;
        }
        let joined = format!("{}-{}", first.text, second.text);
        let Some(entries) = lexicon.get(joined.as_str()) else {
            continue;
        };
        if let Some((canonical, entity_type, _)) =
            entries.iter().find(|(_, _, parts)| parts.len() == 1)
        {
            let range = first.start..second.end();
            for (_, inside) in entities.within(&range) {
                entities.remove_mention(&inside);
            }
            let first_range = first.start..first.end();
            entities.remove_mention(&first_range);
            if !entities.covers(&range) {
                entities.add(canonical, *entity_type, canonical, range);
            }
        }
    }
    // 1b. Inflected one-word places: genitives ("Europas", "Bremens",
    //     "Griechenlandes") and datives of plural names ("in den
    //     Niederlanden").
    for token in words {
        let word = token.text;
        let range = token.start..token.end();
        if !word.ends_with(['s', 'n']) || entities.covers(&range) {
            continue;
        }
        let stems = [
            word.strip_suffix("es"),
            word.strip_suffix('s'),
            word.strip_suffix('n')
                .filter(|stem| stem.ends_with("lande")),
        ];
        let place = stems
            .into_iter()
            .flatten()
            .filter(|stem| stem.chars().count() >= 4)
            .find_map(|stem| place_of(lexicon, stem));
        if let Some(canonical) = place {
            entities.add(canonical, EntityType::Location, canonical, range);
        }
    }
    // 1c. Parts of places ("Ostdeutschland", "Süditaliens") and spas
    //     ("Bad Füssing").
    find_place_shapes(text, words, lexicon, &mut entities);
    // 1d. Words derived from places, and named currencies.
    find_derived_and_currencies(text, words, lexicon, &mut entities);
    // 2. Acronym definitions.
    find_acronym_definitions(text, words, &mut entities);
    // 2a. Organisation shapes: companies ("Stoxx Limited", "Saperion AG"), then acronyms on
    //     their own ("ADAC", "SPD-Führung").
    find_organization_shapes(text, words, &mut entities);
    // 2b. Institutions named by what they are for ("Zentrum für
    //     Antisemitismusforschung", "Hochschule für Technik und Wirtschaft
    //     des Saarlandes").
    find_institutions_for(text, words, &mut entities);
    // 3. Role cues and speech verbs before names.
    let mut surnames: Vec<(String, String)> = Vec::new();
    for (index, token) in words.iter().enumerate() {
        let cue = is_role(token.text) || is_speech_verb(token.text);
        if !cue {
            continue;
        }
        // The name follows in the same paragraph ("so der Staatschef.
        // ⏎ Schicksal von …" names no one).
        if words
            .get(index + 1)
            .is_some_and(|next| text[token.end()..next.start].contains('\n'))
        {
            continue;
        }
        let mut end_index = index + 1;
        while end_index < words.len()
            && end_index - index <= 3
            && (is_name_word(words[end_index].text)
                || (end_index > index + 1 && is_arabic_surname(words[end_index].text)))
        {
            // Names are adjacent words: stop at punctuation between them.
            // After the role itself, only an abbreviation's period or a
            // colon may come between ("Dr. Meier", "Liga-Präsident:
            // Hulk"), no comma ("Bundespräsident, Bundesregierung").
            let gap = &text[words[end_index - 1].end()..words[end_index].start];
            let gap = gap.trim();
            if !gap.is_empty() && (end_index > index + 1 || !(gap == "." || gap == ":")) {
                break;
            }
            end_index += 1;
        }
        if end_index == index + 1 {
            continue;
        }
        // A particle and the family name ("Ministerin Ursula von der
        // Leyen", "Präsident Horst zu Eltz").
        let mut particle_end = end_index;
        while particle_end < words.len()
            && particle_end - end_index < 2
            && adjacent_words(text, &words[particle_end - 1], &words[particle_end])
            && NAME_PARTICLES.contains(&words[particle_end].text)
            && (particle_end > end_index
                || !["der", "den", "das", "des", "la", "le", "al"]
                    .contains(&words[particle_end].text))
        {
            particle_end += 1;
        }
        if particle_end > end_index
            && particle_end < words.len()
            && adjacent_words(text, &words[particle_end - 1], &words[particle_end])
            && is_surname_word(words[particle_end].text)
            // "zu Beginn", "von Anfang an": one particle before a common
            // noun is no name; two ("von der Leyen") are.
            && (particle_end - end_index == 2 || !is_common_word(words[particle_end].text))
            && !entities.covers(&(words[particle_end].start..words[particle_end].end()))
        {
            end_index = particle_end + 1;
        }
        // A compound role before the name ("SAGA-Sprecher Mario
        // Spitzmüller", "Landrat Heinz Seiffert"): the name starts at the
        // given name.
        // Likewise after a role that a speech verb precedes ("kritisierte
        // Bundesinnenminister Schäuble").
        let after_role = (index + 1..end_index.saturating_sub(1))
            .rev()
            .find(|at| is_role(words[*at].text))
            .map_or(index + 1, |at| at + 1);
        let start_index = (after_role..end_index.saturating_sub(1))
            .find(|at| is_given_name(words[*at].text))
            .unwrap_or(after_role);
        let first = &words[start_index];
        let last = &words[end_index - 1];
        let range = first.start..last.end();
        if entities.covers(&range) {
            continue;
        }
        // A single word after a speech verb is a name only when it is not
        // a common noun; German nouns are capitalised, so require that it
        // is not followed by a lower-case continuation typical of nouns.
        let name = &text[range.clone()];
        if is_speech_verb(token.text)
            && end_index - start_index == 1
            && (!looks_like_surname(last.text) || is_common_word(last.text))
        {
            continue;
        }
        let surname = last.text.to_string();
        entities.add(&surname, EntityType::Person, name, range);
        surnames.push((surname, name.to_string()));
    }
    // 3a. A given name and a surname ("Angela Merkel", "Thomas de
    //     Maizière", "Frank-Walter Steinmeier").
    find_given_name_persons(text, words, &mut entities, &mut surnames);
    // 3b. "Lady" belongs to the name ("Lady Gaga", "Lady Diana"); "Sir"
    //     and "Lord" stand before it, as GermEval reads them ("Sir
    //     George Carew").
    for index in 0..words.len().saturating_sub(1) {
        if words[index].text != "Lady"
            || !adjacent_words(text, &words[index], &words[index + 1])
            || !is_name_word(words[index + 1].text)
        {
            continue;
        }
        let first = &words[index + 1];
        // A person found already ("Elton John") is the name; else one or
        // two free name words.
        let known = entities
            .overlapping(&(first.start..first.end()))
            .find(|(mention, entity)| {
                mention.start == first.start
                    && entities.list[*entity].entity_type == EntityType::Person
            })
            .map(|(mention, _)| mention);
        let name_range = match known {
            Some(mention) => mention,
            None if !entities.covers(&(first.start..first.end())) => {
                let mut end = first.end();
                if let Some(next) = words.get(index + 2) {
                    if adjacent_words(text, first, next)
                        && is_surname_word(next.text)
                        && !entities.covers(&(next.start..next.end()))
                    {
                        end = next.end();
                    }
                }
                first.start..end
            }
            None => continue,
        };
        entities.remove_mention(&name_range);
        let range = words[index].start..name_range.end;
        let name = &text[range.clone()];
        let key = name.rsplit(' ').next().unwrap_or(name);
        entities.add(key, EntityType::Person, name, range);
    }
    // 3c. Two name words right before a speech verb ("Patrick Kamanda
    //     sagte", "Anna Muster erklärte"): a first name and a surname.
    for (index, token) in words.iter().enumerate() {
        if index < 2 || !is_speech_verb(token.text) || token.text == "so" {
            continue;
        }
        let (first, last) = (&words[index - 2], &words[index - 1]);
        let adjacent = text[first.end()..last.start].trim().is_empty()
            && text[last.end()..token.start]
                .trim()
                .trim_matches(',')
                .is_empty();
        // (Nor an adjective and its noun: "im Auswärtigen Ausschuss sagte".)
        if !adjacent
            || !is_name_word(first.text)
            || !is_name_word(last.text)
            || !looks_like_surname(last.text)
            || ((ADJECTIVE_FORMS
                .iter()
                .any(|ending| first.text.ends_with(ending))
                || is_common_word(&first.text.to_lowercase()))
                && is_noun(last.text))
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
    // 3d. An initial and a surname ("A. Korsakow"), also after a given
    //     name ("George W. Bush").
    for index in 0..words.len().saturating_sub(1) {
        let initial = words[index].text;
        let surname = &words[index + 1];
        let gap = &text[words[index].end()..surname.start];
        if initial.chars().count() != 1
            || !initial.starts_with(char::is_uppercase)
            || !(gap == ". " || gap == " . ")
            || !is_surname_word(surname.text)
            || is_common_word(surname.text)
            || entities.covers(&(surname.start..surname.end()))
        {
            continue;
        }
        // The given name before may have been read alone already
        // ("US-Präsident George W. Bush"): it is this person's.
        let given_range = index
            .checked_sub(1)
            .map(|at| words[at].start..words[at].end());
        let given = index > 0
            && adjacent_words(text, &words[index - 1], &words[index])
            && is_given_name(words[index - 1].text)
            && given_range
                .as_ref()
                .is_some_and(|range| entities.free_or_person(range));
        if given {
            if let Some(range) = &given_range {
                entities.remove_mention(range);
            }
        }
        let start = if given {
            words[index - 1].start
        } else {
            words[index].start
        };
        let range = start..surname.end();
        let name = text[range.clone()].to_string();
        entities.add(surname.text, EntityType::Person, &name, range);
        surnames.push((surname.text.to_string(), name));
    }
    // 4. Propagate known surnames (and their genitive) to every mention,
    //    surname by surname in the order they were found.
    let mut order: Vec<&str> = Vec::new();
    let mut distinct: HashSet<&str> = HashSet::default();
    for (surname, _) in &surnames {
        if distinct.insert(surname.as_str()) {
            order.push(surname);
        }
    }
    let mut lookup: HashMap<String, Vec<usize>> = HashMap::default();
    for (which, surname) in order.iter().enumerate() {
        lookup.entry(surname.to_string()).or_default().push(which);
        lookup.entry(format!("{surname}s")).or_default().push(which);
    }
    let mut found: Vec<Vec<Range<usize>>> = vec![Vec::new(); order.len()];
    for token in words {
        for which in lookup.get(token.text).into_iter().flatten() {
            // The genitive's "s" is the name's ("in Papens Vizekanzlei").
            found[*which].push(token.start..token.end());
        }
    }
    for (which, ranges) in found.into_iter().enumerate() {
        for range in ranges {
            // A place of the gazetteer that is the surname of a person of
            // this article is that person ("Alan Jackson … Jackson geht
            // davon aus"), unless a preposition governs it ("in Jackson").
            let place = entities
                .mention_at(&range)
                .is_some_and(|(entity, derived)| {
                    !derived && entities.list[entity].entity_type == EntityType::Location
                });
            let governed = text[..range.start]
                .split_whitespace()
                .next_back()
                .is_some_and(|word| PREPOSITIONS.contains(&word.to_lowercase().as_str()));
            if place && !governed {
                entities.remove_mention(&range);
            }
            if !entities.covers(&range) {
                entities.add(order[which], EntityType::Person, order[which], range);
            }
        }
    }
    // 4. (cont.) Persons the lexicon found by their full name ("Antony
    //    Blinken") are named again by their surname's genitive ("die
    //    Bedenken Blinkens"), which joins them.
    let known: Vec<(String, usize)> = entities
        .list
        .iter()
        .enumerate()
        .filter(|(_, entity)| {
            entity.entity_type == EntityType::Person && !entity.mentions.is_empty()
        })
        .filter_map(|(index, entity)| {
            let (_, surname) = entity.name.rsplit_once(' ')?;
            (is_surname_word(surname) && !distinct.contains(surname))
                .then(|| (format!("{surname}s"), index))
        })
        .collect();
    for token in words {
        if let Some((_, index)) = known.iter().find(|(genitive, _)| genitive == token.text) {
            entities.add_to(*index, token.start..token.end());
        }
    }
    // 4a. "v. Chr.", "n. Chr.": Christ, by GermEval's convention a
    //     person, with the abbreviation's period.
    for index in 1..words.len() {
        let token = &words[index];
        let after = &text[token.end()..];
        if token.text == "Chr"
            && ["v", "n"].contains(&words[index - 1].text)
            && text[words[index - 1].end()..token.start].trim() == "."
            && after.trim_start_matches(' ').starts_with('.')
        {
            let end = token.end() + after.find('.').unwrap_or(0) + 1;
            entities.add("Christus", EntityType::Person, "Christus", token.start..end);
        }
    }
    // 4b. Places named with a geographic word of another language ("Lido
    //     di Spina", "Cerro San Félix", "Via Roma", "Hudson River").
    find_foreign_places(text, words, &mut entities);
    // 4c. Models of products: "der S800", "Boeing 737", "Gotha Go 345".
    find_models(text, words, &mut entities);
    // 4d. Compounds named after a person ("Karl-Marx-Stadt",
    //     "Otto-Schott-Gymnasium").
    find_person_compounds(words, &mut entities);
    // 4e. Titles in lists of works: "* Gerhart Jander: Lehrbuch der
    //     analytischen Chemie."
    find_listed_titles(text, words, &mut entities);
    // 5. Firms named with an ampersand ("Herzog & de Meuron") and titles
    //    in quotes after the noun that says what they are.
    find_ampersand_firms(text, words, &mut entities);
    find_quoted_titles(text, words, &mut entities);
    // 5a. Towns' "-er" words before a noun, for towns nothing knows
    //     ("im Ahltener Wald", "Leeraner Bürger").
    find_unknown_town_adjectives(text, words, &mut entities);
    // 5b. A name after a word for a place, even one shaped like a noun
    //     ("Kanton Baselland", "Gemeinde Taiskirchen").
    find_names_after_place_nouns(text, words, &mut entities);
    // 5b. (cont.) Towns named like a word ("in Halle", "OLG Hamm").
    find_towns_named_like_words(text, words, &mut entities);
    // 5c. Landmarks named as compounds after an article ("am
    //     Friedrichsborn", "dem Rierkogel", "zum Schiffbauerdamm").
    find_landmark_compounds(text, words, &mut entities);
    // 5d. The organisation before a compound role ("Haniel-Chef",
    //     "Borussia-Manager", "telegate-Vorstandschef").
    find_organizations_before_roles(words, &mut entities);
    // 6. Words that are no German noun and no frequent word: names
    //    nothing above knew ("Leadbitter", "Odobaldus").
    if !english {
        find_unknown_names(text, words, &mut entities);
    }
    // 6a. A one-word place right after a word for a person is that
    //     person's name ("Präsident Cleveland", "Onkel Gallus").
    find_persons_named_like_places(text, words, lexicon, &mut entities);
    // 6b. Named wars, pacts, constitutions and laws ("Dreißigjährigen
    //     Krieg", "Warschauer Pakt", "Maxwellschen Gleichungen").
    find_named_events(text, words, &mut entities);
    // 6c. Persons read in parts ("Tayler" and "Jane Geddes", "Hadden" and
    //     "Dolores") are one person.
    join_adjacent_persons(text, &mut entities);
    // 6d. A town's adjective before a word for a body, paper or firm
    //     ("Hamburger Mieterverein", "Berliner Zeitung").
    find_town_organizations(text, words, &mut entities);
    // 6e. Names after a word for an organisation, made of words that are
    //     no German noun ("Fluggesellschaft Air One", "Versicherung Swiss
    //     Life", "Gewerkschaft Ver.di").
    find_names_after_organization_nouns(text, words, &mut entities);
    // 6f. English names of organisations by their head ("California
    //     Institute of Technology", "Danish Refugee Council").
    find_english_organizations(text, words, &mut entities);
    // 7. Organisations whose names go on in words that are no German
    //    noun ("Mitsubishi UFJ", "Mærsk Line", "Yahoo!").
    extend_organizations(text, words, &mut entities);
    for entity in &mut entities.list {
        entity.mentions.sort_by_key(|mention| mention.start);
    }
    entities
}

/// Heads of institutions named by what they are for.
const INSTITUTION_FOR_HEADS: &[&str] = &[
    "zentrum",
    "institut",
    "hochschule",
    "akademie",
    "ministerium",
    "amt",
    "bundesamt",
    "bundesanstalt",
    "anstalt",
    "stiftung",
    "bundesstiftung",
    "gesellschaft",
    "kommission",
    "agentur",
    "verband",
    "verein",
    "rat",
    "gericht",
    "museum",
    "schule",
    "klinik",
    "büro",
    "behörde",
    "forum",
    "bündnis",
];

/// Institutions named by what they are for: a head after a definite
/// article, an adjective or nothing, "für", "zur" or "zum", capitalised
/// words joined by "und", and a genitive ("Zentrum für
/// Antisemitismusforschung", "Hochschule für Technik und Wirtschaft des
/// Saarlandes", "Bundesstiftung zur Aufarbeitung der SED-Diktatur"). Not
/// after an indefinite article: "ein Zentrum für Flüchtlinge" is any.
fn find_institutions_for(text: &str, words: &[Token<'_>], entities: &mut Entities) {
    let adjacent = |from: usize, to: usize| adjacent_words(text, &words[from], &words[to]);
    let capital = |at: usize| {
        words.get(at).is_some_and(|word| {
            word.text.starts_with(char::is_uppercase) && !is_calendar_word(word.text)
        })
    };
    let mut index = 0;
    while index + 2 < words.len() {
        let head = words[index].text;
        let is_head = head.starts_with(char::is_uppercase)
            && ["für", "zur", "zum"].contains(&words[index + 1].text)
            && INSTITUTION_FOR_HEADS
                .iter()
                .any(|noun| ends_with_folded(head, noun));
        if !is_head
            || !adjacent(index, index + 1)
            || !adjacent(index + 1, index + 2)
            || !capital(index + 2)
            || indefinite_before(words, index)
        {
            index += 1;
            continue;
        }
        let mut end = index + 2;
        // "und Wirtschaft", "und Kultus".
        while end + 2 < words.len()
            && words[end + 1].text == "und"
            && adjacent(end, end + 1)
            && adjacent(end + 1, end + 2)
            && capital(end + 2)
        {
            end += 2;
        }
        // "des Saarlandes", "der SED-Diktatur".
        if end + 2 < words.len()
            && ["des", "der"].contains(&words[end + 1].text)
            && adjacent(end, end + 1)
            && adjacent(end + 1, end + 2)
            && capital(end + 2)
        {
            end += 2;
        }
        // The institution's own name opens it when it is a name found
        // already ("Bundesstiftung"); names inside become its.
        let range = words[index].start..words[end].end();
        entities.add_over(text, EntityType::Organization, range);
        index = end + 1;
    }
}

/// A fixed word list as a set, built once: for lists asked about every
/// word.
fn word_set(
    cell: &'static std::sync::OnceLock<HashSet<&'static str>>,
    list: &'static [&'static str],
) -> &'static HashSet<&'static str> {
    cell.get_or_init(|| list.iter().copied().collect())
}

/// Whether `word` ends in `ending`, the ending's first letter in either
/// case ("Stadt" and "Hauptstadt" end in "stadt"), without allocating.
fn ends_with_folded(word: &str, ending: &str) -> bool {
    word.len() >= ending.len()
        && word.is_char_boundary(word.len() - ending.len())
        && word[word.len() - ending.len()..].eq_ignore_ascii_case(ending)
}

/// Names after a word for an organisation ("Fluggesellschaft Air One",
/// "Versicherung Swiss Life", "Rockband Fold Zandura"): up to four
/// adjacent words that are acronyms or capitalised words that are no
/// German noun, found as nothing but an organisation, a person read alone
/// or a derived word ("Swiss").
fn find_names_after_organization_nouns(text: &str, words: &[Token<'_>], entities: &mut Entities) {
    const MORE_NOUNS: &[&str] = &[
        "gewerkschaft",
        "vereinigung",
        "versicherung",
        "fluggesellschaft",
        "betrieb",
        "büro",
        "produktion",
        "provider",
        "namens",
    ];
    let mut index = 0;
    while index + 1 < words.len() {
        let word = words[index].text;
        // (A capitalised word must follow: the cheapest test, as this runs
        // over every word; the ending before the noun test.)
        let names = words[index + 1].text.starts_with(char::is_uppercase)
            && adjacent_words(text, &words[index], &words[index + 1])
            && (word == "namens" || word.starts_with(char::is_uppercase))
            && ORGANIZATION_NOUNS
                .iter()
                .chain(MORE_NOUNS)
                .any(|noun| ends_with_folded(word, noun))
            && (word == "namens" || is_noun(word));
        if !names {
            index += 1;
            continue;
        }
        let mut end = index + 1;
        while end < words.len()
            && end - index <= 4
            && adjacent_words(text, &words[end - 1], &words[end])
        {
            let token = &words[end];
            let range = token.start..token.end();
            let name_word = is_acronym(token.text)
                || (is_name_word(token.text)
                    && !is_noun(token.text)
                    && !is_calendar_word(token.text)
                    && !is_role(token.text));
            let free = match entities.mention_at(&range) {
                Some((entity, derived)) => {
                    derived
                        || entities.list[entity].entity_type == EntityType::Organization
                        || entities.person_at(&range)
                }
                None => !entities.covers(&range),
            };
            if !name_word || !free {
                break;
            }
            end += 1;
        }
        if end > index + 1 {
            let range = words[index + 1].start..words[end - 1].end();
            entities.add_over(text, EntityType::Organization, range);
        }
        index = end.max(index + 1);
    }
}

/// Endings of words for bodies, papers and firms that a town's adjective
/// before names ("Hamburger Mieterverein", "Berliner Zeitung",
/// "Veitscher Magnesitwerke"); not armies, police or councils, which
/// GermEval leaves unnamed.
const TOWN_ORGANIZATION_HEADS: &[&str] = &[
    "verband",
    "verbände",
    "verbandes",
    "verein",
    "vereine",
    "vereins",
    "werke",
    "werken",
    "zeitung",
    "tageblatt",
    "kurier",
    "anzeiger",
    "nachrichten",
    "rundschau",
    "presse",
    "allgemeine",
    "morgenpost",
    "abendblatt",
    "stadtwerke",
    "verkehrsbetriebe",
    "sparkasse",
    "volksbank",
    "bank",
    "verlag",
    "verlags",
    "philharmoniker",
    "symphoniker",
    "sinfoniker",
    "orchester",
    "frauenhilfe",
    "tafel",
];

/// A town's adjective before a word for a body, paper or firm names an
/// organisation ("Hamburger Mieterverein", "Berliner Zeitung").
fn find_town_organizations(text: &str, words: &[Token<'_>], entities: &mut Entities) {
    for index in 0..words.len().saturating_sub(1) {
        let (word, next) = (&words[index], &words[index + 1]);
        // (A town's "-er" word, not a country's adjective: "Bayerische
        // Vereine" are many.)
        if !word.text.starts_with(char::is_uppercase)
            || !word.text.ends_with("er")
            || !next.text.starts_with(char::is_uppercase)
            || !adjacent_words(text, word, next)
        {
            continue;
        }
        let derived = entities
            .mention_at(&(word.start..word.end()))
            .is_some_and(|(_, derived)| derived);
        if !derived || entities.covers(&(next.start..next.end())) {
            continue;
        }
        if TOWN_ORGANIZATION_HEADS
            .iter()
            .any(|head| ends_with_folded(next.text, head))
        {
            entities.add_over(text, EntityType::Organization, word.start..next.end());
        }
    }
}

/// English words that end names of organisations.
const ENGLISH_ORGANIZATION_HEADS: &[&str] = &[
    "Institute",
    "Council",
    "Commission",
    "Federation",
    "Laboratory",
    "Laboratories",
    "Railway",
    "Airways",
    "Airlines",
    "Comics",
    "University",
    "College",
    "Association",
    "Society",
    "Company",
    "Corporation",
    "Foundation",
    "Agency",
    "Authority",
    "Committee",
    "Board",
    "Systems",
    "Industries",
    "Games",
    "Records",
    "Pictures",
    "Studios",
    "Entertainment",
    "Holdings",
    "Partners",
    "Bank",
    "Band",
    "Orchestra",
    "Theatre",
    "Museum",
    "School",
    "Academy",
    "League",
    "Union",
    "Force",
    "Army",
    "Navy",
    "Party",
    "Church",
    "Hospital",
    // Public bodies: "Food and Drug Administration", "Federal Bureau of
    // Investigation", "Department of Health and Human Services".
    "Administration",
    "Department",
    "Bureau",
    "Ministry",
    "Service",
    "Services",
    "Organization",
    "Organisation",
    "Fund",
    "Trust",
    "Alliance",
    "Coalition",
    // (Only with its field after it: see FIELD_ONLY_HEADS.)
    "Office",
    // Newspapers, named by their town: "Hartford Courant", "Pittsburgh
    // Post-Gazette", "Miami Herald" (the town is then part of the name).
    "Times",
    "Post",
    "Post-Gazette",
    "Tribune",
    "Courant",
    "Gazette",
    "Herald",
    "Journal",
    "Chronicle",
    "Inquirer",
    "Examiner",
    "Observer",
    "Telegraph",
    "Dispatch",
    // Events, which GermEval names as organisations.
    "Open",
    "Race",
    "Cup",
    "Championship",
    "Championships",
    "Festival",
    "Jamboree",
    "Trophy",
    "Masters",
];

/// Heads that name an organisation only with the field after them
/// ("Office of Management and Budget", "Office for National Statistics";
/// not "Oval Office").
const FIELD_ONLY_HEADS: &[&str] = &["Office"];

/// English names of organisations, found by their head: up to four
/// capitalised words or acronyms before it ("Danish Refugee Council",
/// "2nd Tactical Air Force", "Jet Propulsion Laboratory") and what follows
/// after "of", "on" or "for" ("California Institute of Technology",
/// "International Council on Security and Development"). Names read
/// inside become the organisation's.
fn find_english_organizations(text: &str, words: &[Token<'_>], entities: &mut Entities) {
    let adjacent = |from: usize, to: usize| adjacent_words(text, &words[from], &words[to]);
    let capital = |at: usize| {
        let word = words[at].text;
        (word.starts_with(char::is_uppercase) || word.starts_with(|c: char| c.is_ascii_digit()))
            && !DETERMINERS.contains(&word)
            && !is_calendar_word(word)
    };
    static HEADS: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    let is_head = |at: usize| word_set(&HEADS, ENGLISH_ORGANIZATION_HEADS).contains(words[at].text);
    // A word that "and" joins inside a name is no person's, place's or
    // other name read so far (an organisation's part is fine: "U.S.
    // Securities" of "U.S. Securities and Exchange Commission")...
    let in_no_other_name = |entities: &Entities, at: usize| {
        entities
            .overlapping(&(words[at].start..words[at].end()))
            .all(|(mention, entity)| {
                entities.list[entity].entity_type == EntityType::Organization
                    && !entities.list[entity].derived.contains(&mention.start)
                    && !is_lexicon_name(&text[mention])
            })
    };
    // ... and, before the head, an ordinary word ("Food and Drug
    // Administration", "Health and Human Services"), not a name of its own
    // ("SpaceX and Tyvak", "United Nations and European Union", "Baltimore
    // Sun and Hartford Courant").
    let joinable = |entities: &Entities, at: usize| {
        is_common_word(words[at].text) && !is_head(at) && in_no_other_name(entities, at)
    };
    // (A possessor is not part of a name: "South Dakota's Department of
    // Social Services".)
    let possessive = |at: usize| words[at].text.ends_with("'s") || words[at].text.ends_with("’s");
    // What "and" joins after the head: a run of capitalised ordinary
    // words ("Department of Health and Human Services"), not the next name
    // ("… of Investigation and South Dakota's Department").
    let plain_run = |entities: &Entities, at: usize| {
        let mut next = at;
        while next < words.len() && (next == at || adjacent(next - 1, next)) && capital(next) {
            if !is_common_word(words[next].text)
                || possessive(next)
                || !in_no_other_name(entities, next)
            {
                return false;
            }
            next += 1;
        }
        next > at
    };
    let mut index = 1;
    while index < words.len() {
        if !words[index].text.starts_with(char::is_uppercase) || !is_head(index) {
            index += 1;
            continue;
        }
        let mut from = index;
        loop {
            if from > 0
                && index - from < 4
                && adjacent(from - 1, from)
                && capital(from - 1)
                && !possessive(from - 1)
            {
                from -= 1;
            } else if from > 1
                && from < index
                && index - from < 3
                && words[from - 1].text == "and"
                && adjacent(from - 2, from - 1)
                && adjacent(from - 1, from)
                && capital(from - 2)
                && joinable(entities, from - 2)
                && joinable(entities, from)
            {
                // Words joined by "and" inside the name: "Securities and
                // Exchange Commission", "Food and Drug Administration".
                from -= 2;
            } else {
                break;
            }
        }
        // ("The" opens the name: "The Face", "The Lindsey School"; not
        // when it opens the sentence: "The Food and Drug Administration
        // said".)
        if from > 0
            && words[from - 1].text == "The"
            && adjacent(from - 1, from)
            && !opens_sentence(text, words[from - 1].start)
        {
            from -= 1;
        }
        // A degree's field is no organisation: "Master of Business
        // Administration", "Bachelor of Public Administration".
        if from >= 2
            && words[from - 1].text == "of"
            && ["Master", "Masters", "Bachelor", "Doctor"].contains(&words[from - 2].text)
        {
            index += 1;
            continue;
        }
        let mut to = index;
        if to + 2 < words.len()
            && ["of", "on", "for"].contains(&words[to + 1].text)
            && adjacent(to, to + 1)
            && adjacent(to + 1, to + 2)
            && capital(to + 2)
        {
            to += 2;
            while to + 2 < words.len()
                && to - index < 8
                && (capital(to + 1) && adjacent(to, to + 1)
                    || (["and", "of", "the"].contains(&words[to + 1].text)
                        && adjacent(to, to + 1)
                        && adjacent(to + 1, to + 2)
                        && capital(to + 2)
                        && (words[to + 1].text != "and" || plain_run(entities, to + 2))))
            {
                to += if capital(to + 1) { 1 } else { 2 };
            }
        }
        // A head alone names nothing ("the Board"), unless what follows
        // it names its field ("Department of Health", "Bureau of
        // Investigation"); nor does a sentence's first word before it.
        if from == index && to == index
            || opens_sentence(text, words[from].start) && from + 1 == index && to == index
            || to == index && FIELD_ONLY_HEADS.contains(&words[index].text)
        {
            index += 1;
            continue;
        }
        let range = words[from].start..words[to].end();
        entities.add_over(text, EntityType::Organization, range);
        index = to + 1;
    }
}

/// Whether `name` is, word for word, a name of the lexicon ("United
/// Nations", "European Union"): a whole name, not part of a longer one.
fn is_lexicon_name(name: &str) -> bool {
    let first = name.split(' ').next().unwrap_or(name);
    lexicon().get(first).is_some_and(|entries| {
        entries
            .iter()
            .any(|(_, _, known)| known.iter().copied().eq(name.split(' ')))
    })
}

/// Joins persons whose mentions follow each other with one space between
/// ("Tayler" and "Jane Geddes", "Mata" and "Haris"): one person, keyed by
/// the last word.
fn join_adjacent_persons(text: &str, entities: &mut Entities) {
    let persons: Vec<Range<usize>> = entities
        .by_start
        .iter()
        .flat_map(|(start, ends)| {
            ends.iter()
                .map(move |(end, entity)| (*start..*end, *entity))
        })
        .filter(|(mention, entity)| {
            entities.list[*entity].entity_type == EntityType::Person
                && !entities.list[*entity].derived.contains(&mention.start)
        })
        .map(|(mention, _)| mention)
        .collect();
    let mut at = 0;
    while at + 1 < persons.len() {
        let mut last = at;
        // (Not a name said twice: "Greenberg Joseph Greenberg".)
        let repeats = |first: &Range<usize>, second: &Range<usize>| {
            text[second.clone()]
                .split(' ')
                .any(|word| text[first.clone()].split(' ').any(|other| other == word))
        };
        while last + 1 < persons.len()
            && persons[last].end + 1 == persons[last + 1].start
            && text[persons[last].end..persons[last + 1].start] == *" "
            && !repeats(&persons[at], &persons[last + 1])
        {
            last += 1;
        }
        if last > at {
            for mention in &persons[at..=last] {
                entities.remove_mention(mention);
            }
            let range = persons[at].start..persons[last].end;
            let name = &text[range.clone()];
            let key = name.rsplit(' ').next().unwrap_or(name);
            entities.add(key, EntityType::Person, name, range);
        }
        at = last + 1;
    }
}

/// Organisations whose names go on: up to three adjacent words after a
/// one-word organisation that are acronyms or capitalised words that are
/// no German noun ("Mitsubishi UFJ", "PKN Orlen", "Mærsk Line", "TEVA
/// Pharmaceutical Industries Ltd"), but no place ("SPD Berlin") and no
/// full name of a person; and "Yahoo!" with its exclamation mark.
fn extend_organizations(text: &str, words: &[Token<'_>], entities: &mut Entities) {
    let mut index = 0;
    while index + 1 < words.len() {
        let range = words[index].start..words[index].end();
        let organization = entities
            .mention_at(&range)
            .is_some_and(|(entity, derived)| {
                !derived && entities.list[entity].entity_type == EntityType::Organization
            });
        if !organization {
            index += 1;
            continue;
        }
        if words[index].text == "Yahoo" {
            let after = &text[range.end..];
            let after = after.strip_prefix(' ').unwrap_or(after);
            if after.starts_with('!') {
                let end = text.len() - after.len() + 1;
                entities.add_over(text, EntityType::Organization, range.start..end);
            }
            index += 1;
            continue;
        }
        let mut end = index + 1;
        while end < words.len()
            && end - index <= 3
            && adjacent_words(text, &words[end - 1], &words[end])
        {
            let word = &words[end];
            let word_range = word.start..word.end();
            let continues = (is_acronym(word.text)
                || (is_name_word(word.text)
                    && !is_noun(word.text)
                    && !is_calendar_word(word.text)
                    && !is_role(word.text)))
                && entities.type_at(&word_range).is_none_or(|kind| {
                    kind == EntityType::Organization
                        || (kind == EntityType::Person && entities.person_at(&word_range))
                })
                && !entities
                    .mention_at(&word_range)
                    .is_some_and(|(_, derived)| derived);
            if !continues {
                break;
            }
            end += 1;
        }
        if end > index + 1 {
            let whole = words[index].start..words[end - 1].end();
            // A legal form after the name joins it as well.
            let whole = match words.get(end) {
                Some(next)
                    if COMPANY_SUFFIXES.contains(&next.text)
                        && adjacent_words(text, &words[end - 1], next) =>
                {
                    whole.start..next.end()
                }
                _ => whole,
            };
            entities.add_over(text, EntityType::Organization, whole);
        }
        index = end;
    }
}

/// Whether a word is a model designation: capital letters and digits
/// mixed ("S800", "D3A", "B737-900ER", "Il-86", "Dm3"), but no chemical
/// or technical term ("CO2", "MP3", "5G").
fn is_model_designation(word: &str) -> bool {
    const NOT_MODELS: &[&str] = &[
        "CO2", "MP3", "MP4", "H2O", "NO2", "SO2", "G7", "G8", "G20", "H1N1", "H5N1", "U2", "M2M",
        "ORF1", "ORF2", "ORF3",
    ];
    // (Cheap tests first: this is asked for every word.)
    if !word.starts_with(|c: char| c.is_ascii_uppercase())
        || !word.bytes().any(|byte| byte.is_ascii_digit())
    {
        return false;
    }
    // Each part of a compound is part of the designation ("B737-900ER",
    // not "F1-Zirkus").
    if word.contains('-')
        && word
            .split('-')
            .any(|part| part.chars().any(char::is_lowercase) && part.chars().count() > 2)
    {
        return false;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let digits = word.chars().filter(char::is_ascii_digit).count();
    if !word.starts_with(|c: char| c.is_ascii_uppercase())
        || letters == 0
        || digits == 0
        || !word.chars().all(|c| c.is_alphanumeric() || c == '-')
        || NOT_MODELS.contains(&word)
    {
        return false;
    }
    true
}

/// Whether a designation names a road, a train line or a quarter ("A7",
/// "B27", "S1", "U12", "Q2"), unless a maker's name comes before it
/// ("Airbus A320").
fn is_road_or_line(word: &str) -> bool {
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    let rest = chars.as_str();
    let numbered = |max: usize| {
        !rest.is_empty() && rest.len() <= max && rest.chars().all(|c| c.is_ascii_digit())
    };
    ("ABELK".contains(first) && numbered(3))
        || ("SUM".contains(first) && numbered(2))
        || (first == 'Q' && numbered(1))
}

/// Models of products: a model designation after an article ("der
/// S800", "den Q7"), or a maker's name and its model ("Boeing 737",
/// "Mercedes 208", "Gotha Go 345", "Aichi D3A"). Names read inside
/// become the model's.
fn find_models(text: &str, words: &[Token<'_>], entities: &mut Entities) {
    let adjacent = |from: usize, to: usize| adjacent_words(text, &words[from], &words[to]);
    // A number of two to four digits that is no year.
    let model_number = |word: &str| {
        (2..=4).contains(&word.len())
            && word.chars().all(|c| c.is_ascii_digit())
            && !(word.len() == 4 && (word.starts_with("19") || word.starts_with("20")))
    };
    let mut index = 0;
    while index < words.len() {
        let word = words[index].text;
        let designation = is_model_designation(word);
        if !designation && !model_number(word) {
            index += 1;
            continue;
        }
        // The maker's name: one or two words before, each a name found
        // as an organisation or place, an acronym, or a word that is no
        // German noun and no frequent word (not "Bundesstraße 216", "Bis
        // 1457", "Brigitte Weigl 20 Pullover").
        let kind_at = |at: usize| entities.type_at(&(words[at].start..words[at].end()));
        // (A preposition opening the sentence is no maker: "Ab Q1 2010".)
        let maker_word = |at: usize| {
            let word = words[at].text;
            if PREPOSITIONS.contains(&word.to_lowercase().as_str()) {
                return false;
            }
            match kind_at(at) {
                Some(kind) => kind == EntityType::Organization || kind == EntityType::Location,
                None => {
                    is_acronym(word)
                        || (is_name_word(word) && !is_common_word(word) && !is_noun(word))
                }
            }
        };
        let mut from = index;
        while from > 0 && index - from < 2 && adjacent(from - 1, from) && maker_word(from - 1) {
            from -= 1;
        }
        // A bare number needs a maker known as an organisation or an
        // acronym ("Mercedes 208"), or two words ("Gotha Go 345"): a place
        // and a number name a club ("Mainz 05").
        // (Nor is a number that counts the noun after it, "23 Runden", or
        // dates a day, "12. Juni"; nor a club's, "SG 01".)
        let counts = !designation
            && words.get(index + 1).is_some_and(|next| {
                is_calendar_word(next.text)
                    || (adjacent(index, index + 1)
                        && next.text.starts_with(char::is_uppercase)
                        && is_noun(next.text))
            });
        let named = from < index
            && !counts
            && !CLUB_PREFIXES.contains(&words[from].text)
            && (designation
                || index - from == 2
                || kind_at(from) == Some(EntityType::Organization)
                || is_acronym(words[from].text))
            && (designation || !entities.covers(&(words[index].start..words[index].end())));
        let after_article = index > 0
            && DETERMINERS.contains(&words[index - 1].text)
            && words[index - 1].text.chars().all(char::is_alphabetic);
        let standalone = designation && after_article && !is_road_or_line(word);
        if !(named || standalone) {
            index += 1;
            continue;
        }
        // A second designation belongs to the model ("EC 135 T1").
        let mut end = index + 1;
        if end < words.len() && adjacent(end - 1, end) && is_model_designation(words[end].text) {
            end += 1;
        }
        let range = words[if named { from } else { index }].start..words[end - 1].end();
        entities.add_over(text, EntityType::Misc, range);
        index = end;
    }
}

/// Compounds named after a person: a given name, a family name and a
/// noun joined by hyphens. Schools, institutes and foundations so named
/// are organisations ("Otto-Schott-Gymnasium"); in anything else the
/// person is a part of the word ("Karl-Marx-Stadt",
/// "Gustav-Heinemann-Bürgerhauses").
fn find_person_compounds(words: &[Token<'_>], entities: &mut Entities) {
    const INSTITUTION_HEADS: &[&str] = &[
        "Gymnasium",
        "Schule",
        "Realschule",
        "Gesamtschule",
        "Grundschule",
        "Institut",
        "Stiftung",
        "Universität",
        "Hochschule",
        "Klinik",
        "Klinikum",
        "Museum",
        "Preis",
    ];
    for token in words {
        // (Cheap test first: this runs over every word.)
        if token.text.bytes().filter(|byte| *byte == b'-').count() < 2 {
            continue;
        }
        let parts: Vec<&str> = token.text.split('-').collect();
        if parts.len() < 3 || entities.covers(&(token.start..token.end())) {
            continue;
        }
        let last = parts[parts.len() - 1];
        let names = &parts[..parts.len() - 1];
        let person = is_given_name(names[0])
            && names[1..]
                .iter()
                .all(|part| is_surname_word(part) || is_given_name(part))
            && last.starts_with(char::is_uppercase)
            && is_noun(last);
        if !person {
            continue;
        }
        // Streets and squares so named are places ("Karl-Marx-Allee").
        let lower = last.to_lowercase();
        if STREET_ENDINGS.iter().any(|ending| lower.ends_with(ending)) {
            let name = token.text;
            entities.add(name, EntityType::Location, name, token.start..token.end());
        } else if INSTITUTION_HEADS.iter().any(|head| last.starts_with(head)) {
            let name = token.text;
            entities.add(
                name,
                EntityType::Organization,
                name,
                token.start..token.end(),
            );
        } else {
            let length = token.text.len() - last.len() - 1;
            let name = &token.text[..length];
            let surname = names[names.len() - 1];
            entities.add(
                surname,
                EntityType::Person,
                name,
                token.start..token.start + length,
            );
        }
    }
}

/// A name after a word for a place that the noun test took for a
/// compound ("Kanton Baselland", "Gemeinde Taiskirchen", "Stausee
/// Taiskirchen"): a capitalised word that is no listed noun, frequent word
/// or given name, right after the place word, is the place's name.
fn find_names_after_place_nouns(text: &str, words: &[Token<'_>], entities: &mut Entities) {
    for index in 0..words.len().saturating_sub(1) {
        let (noun, name) = (&words[index], &words[index + 1]);
        if !noun.text.starts_with(char::is_uppercase)
            || !name.text.starts_with(char::is_uppercase)
            || !adjacent_words(text, noun, name)
            || entities.covers(&(name.start..name.end()))
        {
            continue;
        }
        if !PLACE_NOUNS
            .iter()
            .any(|place| ends_with_folded(noun.text, place))
            || !is_noun(noun.text)
            || is_listed_noun(name.text)
            || is_common_word(name.text)
            || is_given_name(name.text)
            || !name.text.chars().all(|c| c.is_alphabetic() || c == '-')
            || name.text.chars().count() < 4
        {
            continue;
        }
        entities.add(
            name.text,
            EntityType::Location,
            name.text,
            name.start..name.end(),
        );
    }
}

/// Towns whose names are also words or given names, which the gazetteer
/// leaves out (`AMBIGUOUS` in `data/generate_places.py`): (the name, the
/// town's canonical name).
const TOWNS_NAMED_LIKE_WORDS: &[(&str, &str)] = &[
    ("Essen", "Essen"),
    ("Halle", "Halle (Saale)"),
    ("Hof", "Hof"),
    ("Hamm", "Hamm"),
    ("Worms", "Worms"),
    ("Marl", "Marl"),
    ("Alexandria", "Alexandria"),
    ("Lagos", "Lagos"),
    ("Lima", "Lima"),
    ("Santiago", "Santiago"),
    ("Split", "Split"),
    ("Bergen", "Bergen"),
];

/// A town named like a word is a place where only a place can stand:
/// after "in", "nach" or "aus" with no article ("in Halle", "aus Hof"),
/// after a word for a place, a branch or a court ("Stadt Halle",
/// "Niederlassung Hof", "OLG Hamm"); not before a number ("in Halle 5",
/// a hall).
fn find_towns_named_like_words(text: &str, words: &[Token<'_>], entities: &mut Entities) {
    for index in 1..words.len() {
        let word = &words[index];
        if !word.text.starts_with(char::is_uppercase) {
            continue;
        }
        let Some((_, canonical)) = TOWNS_NAMED_LIKE_WORDS
            .iter()
            .find(|(name, _)| *name == word.text)
        else {
            continue;
        };
        let before = words[index - 1].text;
        let lower = before.to_lowercase();
        let place_word = matches!(lower.as_str(), "in" | "nach" | "aus")
            || (before.starts_with(char::is_uppercase)
                && (PLACE_NOUNS.iter().any(|noun| lower.ends_with(noun))
                    || lower.ends_with("gericht")
                    || matches!(before, "OLG" | "LG" | "AG" | "Niederlassung" | "Standort")));
        let number_after = text[word.end()..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit());
        if place_word
            && !number_after
            && adjacent_words(text, &words[index - 1], word)
            && !entities.covers(&(word.start..word.end()))
        {
            entities.add(
                canonical,
                EntityType::Location,
                canonical,
                word.start..word.end(),
            );
        }
    }
}

/// Heads of compounds that name landmarks.
const LANDMARK_HEADS: &[&str] = &[
    "brunnen", "kogel", "hütte", "damm", "ufer", "pfad", "born", "berg", "bergen", "tal", "see",
    "denkmal", "pfalz", "steig", "horn", "spitze", "kreis",
];

/// Landmarks named as compounds: after a definite article, a capitalised
/// compound that ends in a landmark's head and is no listed noun itself
/// ("am Friedrichsborn", "dem Rierkogel", "zum Schiffbauerdamm", "das
/// Kyffhäuserdenkmal"); not a compass side ("am Ostufer"). Listed
/// compounds ("Weinberg") are common nouns.
fn find_landmark_compounds(text: &str, words: &[Token<'_>], entities: &mut Entities) {
    const ARTICLES: &[&str] = &[
        "am", "zum", "im", "dem", "den", "der", "die", "das", "vom", "beim", "zur", "Am", "Im",
        "Zum", "Vom", "Der", "Die", "Das", "Den", "Dem", "Zur", "Beim",
    ];
    static ARTICLE_SET: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    let articles = word_set(&ARTICLE_SET, ARTICLES);
    for index in 1..words.len() {
        let word = &words[index];
        if !word.text.starts_with(char::is_uppercase)
            || !articles.contains(words[index - 1].text)
            || !LANDMARK_HEADS
                .iter()
                .any(|head| word.text.len() > head.len() + 2 && ends_with_folded(word.text, head))
            || !adjacent_words(text, &words[index - 1], word)
            || ["Ost", "West", "Nord", "Süd"]
                .iter()
                .any(|side| word.text.starts_with(side))
            || entities.covers(&(word.start..word.end()))
            || is_listed_noun(word.text)
        {
            continue;
        }
        // The landmark's head must be the compound's head: "Eigenkapital"
        // ends in "Kapital", not in "Tal".
        let head = LANDMARK_HEADS
            .iter()
            .filter(|head| ends_with_folded(word.text, head))
            .map(|head| head.len())
            .max()
            .unwrap_or(0);
        let longer_head = word
            .text
            .char_indices()
            .skip(1)
            .map(|(at, _)| &word.text[at..])
            .filter(|ending| ending.len() > head && ending.len() >= 4)
            .any(is_listed_noun);
        if longer_head {
            continue;
        }
        entities.add(
            word.text,
            EntityType::Location,
            word.text,
            word.start..word.end(),
        );
    }
}

/// The organisation a compound role names ("Haniel-Chef",
/// "Borussia-Manager", "telegate-Vorstandschef", "Mibrag-Betriebsrat"):
/// the part before the hyphen, when nothing else claimed it and it is no
/// German noun, frequent word or given name, is an organisation, a part
/// of the word. (Places and known people before a role are found by the
/// lexicon: "Berlin-Korrespondent", "Merkel-Sprecher".)
fn find_organizations_before_roles(words: &[Token<'_>], entities: &mut Entities) {
    for token in words {
        let Some((head, tail)) = token.text.split_once('-') else {
            continue;
        };
        if head.chars().count() < 3
            || !tail.starts_with(char::is_uppercase)
            || tail.contains('-')
            || !is_role(tail)
            || entities.covers(&(token.start..token.end()))
            || !head.chars().all(char::is_alphabetic)
            || (head.starts_with(char::is_lowercase) && is_common_word(head))
            || is_noun(head)
            || is_given_name(head)
        {
            continue;
        }
        entities.add(
            head,
            EntityType::Organization,
            head,
            token.start..token.start + head.len(),
        );
    }
}

/// A one-word place right after a word for a person is that person's
/// name ("Präsident Cleveland", "Onkel Gallus"), unless it is a place's
/// genitive ("Ministerpräsident Sachsens") or a capitalised word follows.
fn find_persons_named_like_places(
    text: &str,
    words: &[Token<'_>],
    lexicon: &HashMap<&'static str, Vec<LexiconEntry>>,
    entities: &mut Entities,
) {
    for index in 1..words.len() {
        let range = words[index].start..words[index].end();
        let place = entities
            .mention_at(&range)
            .is_some_and(|(entity, derived)| {
                !derived && entities.list[entity].entity_type == EntityType::Location
            });
        // (Not a place's genitive: "Ministerpräsident Sachsens".)
        let genitive = || {
            ["s", "es"].iter().any(|ending| {
                words[index]
                    .text
                    .strip_suffix(ending)
                    .is_some_and(|stem| place_of(lexicon, stem).is_some())
            })
        };
        if place
            && !genitive()
            && adjacent_words(text, &words[index - 1], &words[index])
            && words[index - 1].text.starts_with(char::is_uppercase)
            && is_person_noun(words[index - 1].text)
            && !entities.covers(&(words[index - 1].start..words[index - 1].end()))
            && !words
                .get(index + 1)
                .is_some_and(|next| next.text.starts_with(char::is_uppercase))
        {
            entities.remove_mention(&range);
            let name = words[index].text;
            entities.add(name, EntityType::Person, name, range);
        }
    }
}

/// Heads of named wars, pacts, constitutions and laws.
const NAMED_EVENT_HEADS: &[&str] = &[
    "Krieg",
    "Krieges",
    "Kriegs",
    "Pakt",
    "Paktes",
    "Pakts",
    "Verfassung",
    "Frieden",
    "Friedens",
    "Vertrag",
    "Vertrages",
    "Vertrags",
    "Revolution",
    "Gleichungen",
    "Gleichung",
    "Konzil",
    "Konzils",
];

/// Named wars, pacts, constitutions and laws: a capitalised adjective
/// inside a sentence before such a head ("im Dreißigjährigen Krieg", "des
/// Warschauer Paktes", "der Weimarer Verfassung", "die Maxwellschen
/// Gleichungen") is MISC, the adjective's place taken back.
fn find_named_events(text: &str, words: &[Token<'_>], entities: &mut Entities) {
    static HEADS: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    let heads = word_set(&HEADS, NAMED_EVENT_HEADS);
    for index in 1..words.len() {
        if !words[index].text.starts_with(char::is_uppercase) || !heads.contains(words[index].text)
        {
            continue;
        }
        let adjective = &words[index - 1];
        let shaped = adjective.text.starts_with(char::is_uppercase)
            && has_adjective_ending(adjective.text)
            && !DETERMINERS.contains(&adjective.text);
        if !shaped
            || !adjacent_words(text, adjective, &words[index])
            || opens_sentence(text, adjective.start)
        {
            continue;
        }
        let range = adjective.start..words[index].end();
        let inside_only = entities
            .within(&range)
            .iter()
            .all(|(entity, _)| entities.list[*entity].entity_type == EntityType::Location);
        if inside_only {
            entities.add_over(text, EntityType::Misc, range);
        }
    }
}

/// A town's "-er" word before a noun, for towns that no list holds ("im
/// Ahltener Wald", "Leeraner Bürger"): a
/// capitalised word in "-er" that is no noun, given name or frequent word,
/// right before a capitalised noun, is derived from a place.
fn find_unknown_town_adjectives(text: &str, words: &[Token<'_>], entities: &mut Entities) {
    for index in 1..words.len().saturating_sub(1) {
        let (word, next) = (&words[index], &words[index + 1]);
        let Some(stem) = word.text.strip_suffix("er") else {
            continue;
        };
        // (Not a participle: "Regierender Bürgermeister".)
        if stem.chars().count() < 3
            || stem.ends_with("end")
            || !word.text.starts_with(char::is_uppercase)
            || !word.text.chars().all(char::is_alphabetic)
            || !next.text.starts_with(char::is_uppercase)
            || !adjacent_words(text, word, next)
            || opens_sentence(text, word.start)
            || entities.covers(&(word.start..word.end()))
            || is_common_word(word.text)
            || is_given_name(word.text)
            || is_noun(word.text)
            || !is_noun(next.text)
        {
            continue;
        }
        entities.add_derived(stem, EntityType::Location, word.start..word.end());
    }
}

/// Titles in lists of works, after their authors and a colon: "*
/// Gerhart Jander: Lehrbuch der analytischen und präparativen
/// anorganischen Chemie.", "Gustav Büscher, A. Wiegemann: Kleines ABC der
/// Elektroakustik." The item must open a line or follow a bullet, so that
/// "Merkel: Wir schaffen das" stays a quote; the title runs to the
/// period, bracket or line end, at most 16 words.
fn find_listed_titles(text: &str, words: &[Token<'_>], entities: &mut Entities) {
    for index in 1..words.len() {
        let gap = &text[words[index - 1].end()..words[index].start];
        if !(gap == ": " || gap == " : ") || !words[index].text.starts_with(char::is_uppercase) {
            continue;
        }
        // The authors: persons, separated by commas, the first opening a
        // line or following a bullet.
        let Some(author) = entities
            .overlapping(&(words[index - 1].start..words[index - 1].end()))
            .find(|(mention, entity)| {
                mention.end == words[index - 1].end()
                    && entities.list[*entity].entity_type == EntityType::Person
            })
            .map(|(mention, _)| mention)
        else {
            continue;
        };
        let mut first = author.start;
        loop {
            let before = text[..first].trim_end_matches(' ');
            let Some(before) = before.strip_suffix(',') else {
                break;
            };
            let before = before.trim_end_matches(' ');
            let previous = entities
                .overlapping(&(before.len().saturating_sub(1)..before.len()))
                .find(|(mention, entity)| {
                    mention.end == before.len()
                        && entities.list[*entity].entity_type == EntityType::Person
                })
                .map(|(mention, _)| mention);
            match previous {
                Some(mention) => first = mention.start,
                None => break,
            }
        }
        let opening = text[..first].trim_end_matches(' ');
        if !(opening.is_empty() || opening.ends_with(['\n', '*', '•', '·'])) {
            continue;
        }
        // The title: to the period, a bracket or the line end.
        let mut end = index;
        while end + 1 < words.len() && end - index < 16 {
            let between = &text[words[end].end()..words[end + 1].start];
            if between.contains(['.', '(', ')', '\n', '“', '"', ':', ';']) {
                break;
            }
            end += 1;
        }
        let after = text[words[end].end()..].trim_start_matches(' ');
        if !(after.is_empty() || after.starts_with(['.', '(', ')', '\n'])) {
            continue;
        }
        let range = words[index].start..words[end].end();
        entities.add_over(text, EntityType::Misc, range);
    }
}

/// Geographic words of other languages that open a place's name.
const FOREIGN_PLACE_HEADS: &[&str] = &[
    "San", "Santa", "Santo", "São", "Sao", "Lido", "Isola", "Isla", "Île", "Ile", "Valle", "Val",
    "Cerro", "Monte", "Mont", "Río", "Rio", "Porto", "Puerto", "Punta", "Capo", "Cabo", "Lago",
    "Lac", "Playa", "Sierra", "Piz", "Pic", "Golfo", "Bahía", "Ciudad", "Piazza", "Plaza", "Via",
    "Rue", "Pont", "Ponte", "Gorge", "Mount", "Lake", "Cape",
    // German prefixes of place names ("Neu Lübbenau", "Wildbad Kreuth").
    "Neu", "Alt", "Wildbad", "Port",
];

/// English geographic words that close a place's name ("Hudson River").
const FOREIGN_PLACE_TAILS: &[&str] = &[
    "River",
    "Island",
    "Islands",
    "Bay",
    "Valley",
    "Mountains",
    "Creek",
    "Canyon",
    "Peninsula",
    "Tableland",
    "Hall",
    "House",
    "Center",
    "Centre",
    "Avenue",
    "Square",
    "Park",
    "Bridge",
    "Tower",
    "Falls",
    "Airport",
    "Stadium",
    "Castle",
    "Palace",
    "Cathedral",
    "Abbey",
    "Road",
    "Heights",
    "Hills",
    "Beach",
    "Harbour",
    "Harbor",
    "Zero",
];

/// Particles inside foreign place names ("Lido delle Nazioni", "Pont
/// del Diable", "Gorge de la Langouette").
const PLACE_PARTICLES: &[&str] = &[
    "di", "de", "del", "della", "delle", "dei", "degli", "da", "do", "dos", "das", "du", "des",
    "la", "le", "el", "los", "las",
];

/// Places named with a geographic word of another language: a head and
/// up to two names, particles between ("Lido di Spina", "Cerro San
/// Félix", "Gorge de la Langouette"), or names and an English tail
/// ("Hudson River", "Canning Town"). Names read inside become the place's.
fn find_foreign_places(text: &str, words: &[Token<'_>], entities: &mut Entities) {
    static HEADS: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    static TAILS: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    let heads = word_set(&HEADS, FOREIGN_PLACE_HEADS);
    let tails = word_set(&TAILS, FOREIGN_PLACE_TAILS);
    // A town's district after it ("Norderstedt Mitte", "Frankfurt Süd").
    for index in 1..words.len() {
        if !["Mitte", "Nord", "Süd", "Ost", "West"].contains(&words[index].text)
            || !adjacent_words(text, &words[index - 1], &words[index])
        {
            continue;
        }
        let town = words[index - 1].start..words[index - 1].end();
        let place = entities.mention_at(&town).is_some_and(|(entity, derived)| {
            !derived && entities.list[entity].entity_type == EntityType::Location
        });
        if place {
            entities.add_over(text, EntityType::Location, town.start..words[index].end());
        }
    }
    let adjacent = |from: usize, to: usize| adjacent_words(text, &words[from], &words[to]);
    let name_at = |at: usize, entities: &Entities| {
        let word = words[at].text;
        is_name_word(word)
            && (!is_common_word(word)
                || entities.type_at(&(words[at].start..words[at].end()))
                    == Some(EntityType::Location))
    };
    let mut index = 0;
    while index + 1 < words.len() {
        // (Cheap test first: this runs over every word.)
        if !words[index].text.starts_with(char::is_uppercase) {
            index += 1;
            continue;
        }
        if heads.contains(words[index].text) && adjacent(index, index + 1) {
            let mut at = index + 1;
            while at < words.len()
                && at - index <= 2
                && adjacent(at - 1, at)
                && PLACE_PARTICLES.contains(&words[at].text)
            {
                at += 1;
            }
            let mut end = at;
            while end < words.len()
                && end - at < 2
                && adjacent(end - 1, end)
                && (name_at(end, entities) || heads.contains(words[end].text))
            {
                end += 1;
            }
            if end > at && !heads.contains(words[end - 1].text) {
                let range = words[index].start..words[end - 1].end();
                entities.add_over(text, EntityType::Location, range);
                index = end;
                continue;
            }
        }
        // (Not a person's surname: "Jason Hall".)
        if words[index + 1].text.starts_with(char::is_uppercase)
            && tails.contains(words[index + 1].text)
            && adjacent(index, index + 1)
            && name_at(index, entities)
            && !is_given_name(words[index].text)
        {
            let mut from = index;
            if from > 0 && adjacent(from - 1, from) && name_at(from - 1, entities) {
                from -= 1;
            }
            let range = words[from].start..words[index + 1].end();
            entities.add_over(text, EntityType::Location, range);
            index += 2;
            continue;
        }
        index += 1;
    }
}

/// Firms named with an ampersand: "Herzog & de Meuron", "Procter &
/// Gamble", "Royal P & O Nedlloyd NV". Up to two capitalised words on
/// each side (a particle may open the right side), a legal form after;
/// at least one word must be no common noun or frequent word, so that
/// "Rock & Pop" stays two genres. Names found inside become the firm's.
fn find_ampersand_firms(text: &str, words: &[Token<'_>], entities: &mut Entities) {
    const PARTICLES: &[&str] = &["de", "van", "von", "der", "la", "le", "du"];
    let capitalised_word = |token: &Token<'_>| token.text.starts_with(char::is_uppercase);
    for (index, word) in words.iter().enumerate().skip(1) {
        // The word after the ampersand.
        if text[words[index - 1].end()..word.start] != *" & " {
            continue;
        }
        let mut first = index - 1;
        if !capitalised_word(&words[first]) {
            continue;
        }
        while first > 0
            && index - first < 2
            && adjacent_words(text, &words[first - 1], &words[first])
            && capitalised_word(&words[first - 1])
            && !is_noun(words[first - 1].text)
            && !opens_sentence(text, words[first - 1].start)
        {
            first -= 1;
        }
        let mut last = index;
        if PARTICLES.contains(&words[last].text) {
            if words
                .get(last + 1)
                .is_none_or(|next| !adjacent_words(text, &words[last], next))
            {
                continue;
            }
            last += 1;
        }
        if !capitalised_word(&words[last]) {
            continue;
        }
        while last + 1 < words.len()
            && last - index < 2
            && adjacent_words(text, &words[last], &words[last + 1])
            && capitalised_word(&words[last + 1])
            && (COMPANY_SUFFIXES.contains(&words[last + 1].text) || !is_noun(words[last + 1].text))
        {
            last += 1;
        }
        let named = words[first..=last]
            .iter()
            .filter(|token| capitalised_word(token))
            .any(|token| {
                COMPANY_SUFFIXES.contains(&token.text)
                    || token.text.chars().count() == 1
                    || (!is_noun(token.text) && !is_common_word(token.text))
            });
        if !named {
            continue;
        }
        entities.add_over(
            text,
            EntityType::Organization,
            words[first].start..words[last].end(),
        );
    }
}

/// Whether the word at `start` opens a sentence, a quote or a colon's
/// clause, where any word is capitalised.
fn opens_sentence(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', ':', '"', '„', '“'])
}

/// Titles in quotes right after a noun that says what they name: a work
/// ("Song „One Bullet Left“", "Film "My Blueberry Nights"", MISC) or a
/// periodical ("Zeitschrift „Eckart“", ORG). A name inside the title ("Las
/// Vegas" of "The Rat Pack - live from Las Vegas") is part of it.
fn find_quoted_titles(text: &str, words: &[Token<'_>], entities: &mut Entities) {
    for word in words {
        if !word.text.starts_with(char::is_uppercase) {
            continue;
        }
        // A colon, "wie" or "namens" may come between ("mit dem Titel: „…“",
        // "Dokumentationen wie „ARD-exclusiv“").
        let rest = &text[word.end()..];
        let opening = [" :", ":", " wie", " namens"]
            .iter()
            .find_map(|joint| rest.strip_prefix(joint))
            .map_or(word.end(), |after| text.len() - after.len());
        // (The quote first: this is asked after every capitalised word.)
        if quoted_title(text, opening).is_none() {
            continue;
        }
        let lower = word.text.to_lowercase();
        // A person's genitive before a quoted title names its author
        // ("Jacksons „Black or White“").
        let authors = word.text.ends_with('s')
            && (entities.person_at(&(word.start..word.end()))
                || entities
                    .within(&(word.start.saturating_sub(64)..word.end()))
                    .last()
                    .is_some_and(|(entity, mention)| {
                        mention.end == word.end()
                            && entities.list[*entity].entity_type == EntityType::Person
                    }));
        let entity_type = if PERIODICAL_NOUNS.iter().any(|noun| lower.ends_with(noun)) {
            EntityType::Organization
        } else if authors || WORK_NOUNS.iter().any(|noun| lower.ends_with(noun)) {
            EntityType::Misc
        } else {
            continue;
        };
        // The title, and further ones joined to it ("Serien „Unsere 50er
        // Jahre“ und „Unsere 60er Jahre“").
        let mut from = opening;
        while let Some((range, after)) = quoted_title(text, from) {
            entities.add_over(text, entity_type, range);
            let rest = &text[after..];
            let Some(next) = [" und ", ", ", " , ", " sowie ", " oder "]
                .iter()
                .find_map(|joint| rest.strip_prefix(joint))
            else {
                break;
            };
            from = text.len() - next.len();
        }
    }
}

/// The title in quotes that opens `text[from..]` (after one space): its
/// range without the marks, and the position after the closing mark. A
/// title starts with a capital or a digit and ends within 160 bytes on
/// the same line.
fn quoted_title(text: &str, from: usize) -> Option<(Range<usize>, usize)> {
    const OPENING: &[char] = &['„', '"', '“', '»', '«'];
    const CLOSING: &[char] = &['“', '"', '”', '«', '»'];
    const LONGEST_TITLE: usize = 160;
    let rest = &text[from..];
    let quoted = rest
        .strip_prefix(' ')
        .unwrap_or(rest)
        .strip_prefix(OPENING)?;
    let start = text.len() - quoted.len();
    let (length, closing) = quoted
        .char_indices()
        .take_while(|(at, _)| *at <= LONGEST_TITLE)
        .find(|(_, c)| CLOSING.contains(c) || *c == '\n')
        .filter(|(_, c)| *c != '\n')?;
    let inner = &quoted[..length];
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    let title = inner.trim();
    if title.is_empty() || !title.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
        return None;
    }
    Some((
        start + lead..start + length - trail,
        start + length + closing.len_utf8(),
    ))
}

/// Nouns after which a quoted title names a periodical, an organisation
/// in GermEval's and in readers' eyes ("Literaturzeitschrift „Eckart“").
const PERIODICAL_NOUNS: &[&str] = &[
    "zeitschrift",
    "zeitung",
    "magazin",
    "magazins",
    "handelsmarke",
    "label",
];

/// Runs of unknown capitalised words that no pass above claimed. German
/// capitalises every noun, so a word counts as unknown only when it is no
/// form of a German noun, ends in none ("Stoffwechselweg"), is no frequent
/// German or English word and has no noun, adjective or verb shape; a
/// sentence's first word only when it is not shaped like an adverb. The
/// run's kind comes from its context, in this order: a person's name it
/// joins, a genitive next to a noun (a person), a known name in the same
/// list, a noun before it ("Gemeinde", "Firma", "Orkan"), "in", "nach" or
/// "aus", a place's ending or a town's name (a place); after an article, a
/// possessive, "von" or a foreign particle nothing is tagged; otherwise it
/// is a person, the most frequent kind of name in news.
fn find_unknown_names(text: &str, words: &[Token<'_>], entities: &mut Entities) {
    let unknown = |token: &Token<'_>, entities: &Entities| {
        let word = token.text;
        // Cheap tests first: most capitalised words are frequent nouns.
        word.starts_with(char::is_uppercase)
            && !is_common_word(word)
            && word.chars().count() >= 3
            && word.split('-').all(|part| {
                part.chars().count() >= 2
                    && part.starts_with(char::is_uppercase)
                    && part.chars().all(char::is_alphabetic)
            })
            // Nor is the head of a truncated compound ("Persönlichkeits-
            // und Datenschutz").
            && !text[token.end()..].starts_with('-')
            && !entities.covers(&(token.start..token.end()))
            && !ADJECTIVE_FORMS.iter().any(|ending| word.ends_with(ending))
            && !word.split('-').any(is_noun)
            && !is_nominalised_verb(word)
            && is_surname_word(word)
            && !is_role(word)
    };
    // Two words with a single space between them.
    let spaced = |left: usize, right: usize| text[words[left].end()..words[right].start] == *" ";
    let mut index = 0;
    while index < words.len() {
        let first = &words[index];
        if !first.text.starts_with(char::is_uppercase) {
            index += 1;
            continue;
        }
        let before = text[..first.start].trim_end();
        // A sentence's first word is capitalised for its place alone; it
        // is a name still when it has no shape of an adverb, adjective or
        // participle ("Schließlich", "Eigenartig", "Bezugnehmend"). After
        // a quote mark, a bracket or a colon, titles and terms are too
        // common to tell.
        let starts_text = before.is_empty() || before.ends_with(['.', '!', '?']);
        let opens_sentence = !starts_text && before.ends_with(SENTENCE_OPENERS);
        // A short word before a period is an abbreviation ("v. Chr.").
        let abbreviation = first.text.chars().count() <= 3 && text[first.end()..].starts_with('.');
        let word_shaped = abbreviation
            || (starts_text
                && (SENTENCE_START_ENDINGS
                    .iter()
                    .any(|ending| first.text.ends_with(ending))
                    || text[first.end()..].starts_with('.')));
        if opens_sentence || word_shaped || !unknown(first, entities) {
            index += 1;
            continue;
        }
        let mut end = index + 1;
        while end < words.len()
            && end - index < 3
            && spaced(end - 1, end)
            && unknown(&words[end], entities)
        {
            end += 1;
        }
        // A capitalised word right before or after that is no German noun
        // belongs to the same name although it is a frequent (English)
        // word ("Grant Leadbitter", "Heath Miller", "Buena Vista Winery").
        let foreign_neighbour = |at: usize, entities: &Entities| {
            let word = &words[at];
            is_name_word(word.text)
                && !is_noun(word.text)
                && !entities.covers(&(word.start..word.end()))
        };
        let opens = |at: usize| {
            let before = text[..words[at].start].trim_end();
            before.is_empty() || before.ends_with(SENTENCE_OPENERS)
        };
        // A one-word person right before is this name's first part
        // ("Nelson Valdez", "Ray Petri"): the two are one person.
        let person_before = index > 0
            && spaced(index - 1, index)
            && entities.person_at(&(words[index - 1].start..words[index - 1].end()));
        if person_before {
            entities.remove_mention(&(words[index - 1].start..words[index - 1].end()));
            index -= 1;
        } else if index > 0 && spaced(index - 1, index) && foreign_neighbour(index - 1, entities) {
            if opens(index - 1) {
                index = end;
                continue;
            }
            index -= 1;
        }
        while end < words.len()
            && end - index < 4
            && spaced(end - 1, end)
            && foreign_neighbour(end, entities)
        {
            end += 1;
        }
        let first = &words[index];
        let last = &words[end - 1];
        let range = first.start..last.end();
        let name = &text[range.clone()];
        let previous = index.checked_sub(1).map(|at| words[at].text);
        // In a list, a name is of its neighbours' kind ("Kumpula, Oikari
        // und Saunakylä").
        let listed = coordinated_type(text, words, index, end, entities);
        // A noun before the name says what it names ("Gemeinde
        // Pflückuff", "Firma Cosworth", "Orkan Kyrill"); any other noun
        // leaves it open.
        let named_by_noun = previous
            .filter(|word| {
                word.starts_with(char::is_uppercase) && spaced(index - 1, index) && is_noun(word)
            })
            .map(|word| {
                // A word for a person ("Tante Cilli", "Psychologe Baldwin",
                // "der Franzose Louis Saha") names one.
                if is_person_noun(word) {
                    return Some(EntityType::Person);
                }
                let lower = word.to_lowercase();
                let heads = [
                    (EntityType::Location, PLACE_NOUNS),
                    (EntityType::Organization, ORGANIZATION_NOUNS),
                    (EntityType::Misc, WORK_NOUNS),
                ];
                // ("zum Beispiel" ends in "Spiel" and names nothing.)
                heads
                    .into_iter()
                    .filter(|_| !lower.ends_with("beispiel"))
                    .find(|(_, nouns)| nouns.iter().any(|noun| lower.ends_with(noun)))
                    .map(|(entity_type, _)| entity_type)
            });
        // A name in the genitive next to a noun is a person's ("Sieg
        // Roddicks", "in Papens Vizekanzlei"): places' genitives are in
        // the gazetteer.
        let next_noun = words.get(end).is_some_and(|next| {
            spaced(end - 1, end) && next.text.starts_with(char::is_uppercase) && is_noun(next.text)
        });
        // (After a noun, the noun must follow a lower-case word: "einen
        // Sieg Roddicks", not "Jet Airways".)
        let after_noun = matches!(named_by_noun, Some(None))
            && index >= 2
            && words[index - 2].text.starts_with(char::is_lowercase);
        // A stem that ends like a place is a place's genitive
        // ("Jugoslawiens", "Wolfsburgs").
        let stem = last.text.strip_suffix('s').unwrap_or(last.text);
        let place_like =
            stem.ends_with("ien") || PLACE_ENDINGS.iter().any(|ending| stem.ends_with(ending));
        let genitive = last.text.ends_with('s')
            && !last.text.ends_with("ss")
            && !place_like
            && (next_noun || after_noun);
        // A name right before a speech verb is a person's, even when a
        // village has it ("Röttgen bestätigte im Ausschuss").
        let speaks = words.get(end).is_some_and(|next| {
            spaced(end - 1, end)
                && next.text.starts_with(char::is_lowercase)
                && is_speech_verb(next.text)
        });
        let entity_type = if person_before || genitive || speaks {
            Some(EntityType::Person)
        } else if let Listed::Among(entity_type) = listed {
            Some(entity_type)
        } else if let Listed::AmongNouns = listed {
            None
        } else if let Some(entity_type) = named_by_noun {
            entity_type
        } else if indefinite_before(words, index) {
            // A thing one of many ("ein Bachtal", "einen Glasberg",
            // "einem Seitental") is no place's name, whatever its ending.
            None
        } else if previous
            .is_some_and(|word| ["in", "nach", "aus", "In", "Nach", "Aus"].contains(&word))
            || PLACE_ENDINGS
                .iter()
                .any(|ending| last.text.ends_with(ending))
            // German names of lands and regions ("Aquitanien").
            || (last.text.ends_with("ien") && last.text.chars().count() >= 6)
            || (index + 1 == end && is_town(first.text))
        {
            Some(EntityType::Location)
        } else if previous == Some("von") {
            after_von(words, index, end)
        } else if previous
            .is_some_and(|word| DETERMINERS.contains(&word) || FOREIGN_PARTICLES.contains(&word))
            || after_article_and_adjective(words, index)
        {
            // People are named without an article; things with one. After
            // "von" come places and makers alike.
            None
        } else {
            Some(EntityType::Person)
        };
        match entity_type {
            Some(EntityType::Person) => {
                entities.add(last.text, EntityType::Person, name, range);
            }
            Some(entity_type) => {
                entities.add(name, entity_type, name, range);
            }
            None => {}
        }
        index = end;
    }
}

/// The kind of an unknown name after "von" (`words[start..end]`), where
/// places and makers alike follow: a place when a route goes on ("von
/// Wilson nach Downsview"), when a direction, a word for a place or an
/// office comes before ("südlich von Modrava", "Provinzhauptstadt von
/// Helmand", "Erzbischof von Trient"); a person as the agent of a
/// participle ("von Corea komponiert"); else open.
fn after_von(words: &[Token<'_>], start: usize, end: usize) -> Option<EntityType> {
    const DIRECTIONS: &[&str] = &[
        "nördlich",
        "südlich",
        "östlich",
        "westlich",
        "nordöstlich",
        "nordwestlich",
        "südöstlich",
        "südwestlich",
        "Norden",
        "Süden",
        "Osten",
        "Westen",
        "Nordosten",
        "Nordwesten",
        "Südosten",
        "Südwesten",
        "Nähe",
        "nahe",
        "Umgebung",
        "Rand",
        "Zentrum",
    ];
    let next = words.get(end).map(|word| word.text);
    if next.is_some_and(|word| ["nach", "bis"].contains(&word)) {
        return Some(EntityType::Location);
    }
    if let Some(before) = start.checked_sub(2).map(|at| words[at].text) {
        let lower = before.to_lowercase();
        if DIRECTIONS.contains(&before)
            || (before.starts_with(char::is_uppercase)
                && (is_role(before) || PLACE_NOUNS.iter().any(|noun| lower.ends_with(noun))))
        {
            return Some(EntityType::Location);
        }
    }
    // A participle: "komponiert", "gestaltete", "geleiteten".
    let participle = next.is_some_and(|word| {
        word.chars().count() >= 6
            && word.starts_with(char::is_lowercase)
            && word.get(..6).is_some_and(|head| head.contains("ge"))
            && ["t", "te", "ten", "tem", "ter", "tes"]
                .iter()
                .any(|ending| word.ends_with(ending))
    });
    participle.then_some(EntityType::Person)
}

/// Endings of words for people by kin, company, rivalry or occupation,
/// after which an unknown name is a person's ("Tante Cilli",
/// "Parteikollegen McCain", "Menschenrechtsaktivist Barghuti").
const PERSON_NOUN_ENDINGS: &[&str] = &[
    "tante",
    "onkel",
    "mutter",
    "vater",
    "sohn",
    "tochter",
    "bruder",
    "schwester",
    "enkel",
    "enkelin",
    "neffe",
    "nichte",
    "cousin",
    "cousine",
    "witwe",
    "witwer",
    "ehefrau",
    "ehemann",
    "gattin",
    "gatte",
    "freund",
    "freundin",
    "kollege",
    "kollegen",
    "kollegin",
    "partner",
    "partnerin",
    "gegner",
    "gegnerin",
    "kontrahent",
    "kontrahentin",
    "nachfolger",
    "nachfolgerin",
    "vorgänger",
    "vorgängerin",
    "sänger",
    "sängerin",
    "spieler",
    "spielerin",
    "fahrer",
    "fahrerin",
    "autor",
    "autorin",
    "regisseur",
    "regisseurin",
    "künstler",
    "künstlerin",
    "aktivist",
    "aktivistin",
    "politiker",
    "politikerin",
    "keeper",
    "torwart",
    "stürmer",
    "schauspieler",
    "schauspielerin",
    "musiker",
    "musikerin",
    "maler",
    "malerin",
    "dichter",
    "dichterin",
    "schriftsteller",
    "schriftstellerin",
    "journalist",
    "journalistin",
    "inspektor",
    "inspektorin",
    "psychologe",
    "psychologin",
    "theologe",
    "theologen",
    "philosoph",
    "surrealisten",
    "bischof",
    "könig",
    "königin",
    "kaiser",
    "kaiserin",
    "prinz",
    "prinzessin",
    "herzog",
    "herzogin",
    "oberst",
    "general",
    "kapitän",
    "jäger",
    "bauer",
    "bäuerin",
    "komponist",
    "komponistin",
    "sportler",
    "sportlerin",
    "athlet",
    "athletin",
    "boxer",
    "läufer",
    "läuferin",
    "pilot",
    "pilotin",
    "anwalt",
    "anwältin",
    "richter",
    "richterin",
    "arzt",
    "ärztin",
    "professor",
    "professorin",
    "lehrer",
    "lehrerin",
    "schüler",
    "schülerin",
    "student",
    "studentin",
    "priester",
    "pfarrer",
    "pfarrerin",
    "mönch",
    "nonne",
    "sohnes",
];

/// Whether a capitalised noun names a person by role, kin, occupation or
/// people ("Sohn", "Teamkollegen", "Franzose", "Esten").
pub(crate) fn is_person_noun(word: &str) -> bool {
    is_role_noun(word)
        || (word.starts_with(char::is_uppercase)
            && matches!(word_senses().get(word), Some(WordSense::Derived(_))))
}

/// A word for a person by role, occupation or kin ("Linkspolitiker",
/// "Wissenschaftler", "Tante"), not by people ("Niederländer").
pub(crate) fn is_role_noun(word: &str) -> bool {
    if is_role(word) || crate::lexicon::ANAPHORIC_ROLES.contains(&word) {
        return true;
    }
    let lower = word.to_lowercase();
    PERSON_NOUN_ENDINGS
        .iter()
        .any(|ending| lower.ends_with(ending))
}

/// Characters after which a capitalised word may be capitalised for its
/// place alone: sentence ends, quotes, brackets, dashes.
const SENTENCE_OPENERS: &[char] = &[
    '.', '!', '?', ':', ';', '(', '»', '«', '"', '“', '”', '„', '–', '-', '|', '\'', '’', '‘', '/',
];

/// Endings of words that open a sentence as adverbs, adjectives or
/// participles ("Eigenartig", "Bezugnehmend", "Aufgeschoben", "Ersterer").
const SENTENCE_START_ENDINGS: &[&str] = &[
    "ig", "lich", "isch", "bar", "end", "ernd", "elnd", "los", "sam", "haft", "voll", "weise",
    "ben", "terer", "mter", "erter",
];

/// The kind of a name in the same list as the words `words[start..end]`
/// ("Hokkala, Koskimäki-Huhtala, Kumpula und Oikari"): the nearest item
/// before or after them that is already known, across items that are
/// single capitalised words.
fn coordinated_type(
    text: &str,
    words: &[Token<'_>],
    start: usize,
    end: usize,
    entities: &Entities,
) -> Listed {
    const CONJUNCTIONS: &[&str] = &["und", "oder", "sowie", "and", "or"];
    const MAX_ITEMS: usize = 12;
    let comma =
        |left: usize, right: usize| text[words[left].end()..words[right].start].trim() == ",";
    let known = |at: usize| entities.type_at(&(words[at].start..words[at].end()));
    let item = |at: usize| words[at].text.starts_with(char::is_uppercase);
    // The item right next to the name is a common noun ("Formenbau und
    // Igelbus"): a list of things.
    let noun = |at: usize| item(at) && known(at).is_none() && is_noun(words[at].text);
    let mut among_nouns = false;
    // Backwards: "X, " or "X und " before the item at `at`.
    let mut at = start;
    for _ in 0..MAX_ITEMS {
        let before = if at >= 1 && comma(at - 1, at) {
            at - 1
        } else if at >= 2 && CONJUNCTIONS.contains(&words[at - 1].text) {
            at - 2
        } else {
            break;
        };
        if let Some(found) = known(before) {
            return Listed::Among(found);
        }
        among_nouns |= at == start && noun(before);
        if !item(before) {
            break;
        }
        at = before;
    }
    // Forwards: ", X" or " und X" after the item ending at `at`.
    let mut at = end - 1;
    for _ in 0..MAX_ITEMS {
        let after = if at + 1 < words.len() && comma(at, at + 1) {
            at + 1
        } else if at + 2 < words.len() && CONJUNCTIONS.contains(&words[at + 1].text) {
            at + 2
        } else {
            break;
        };
        if let Some(found) = known(after) {
            return Listed::Among(found);
        }
        among_nouns |= at == end - 1 && noun(after);
        if !item(after) {
            break;
        }
        at = after;
    }
    if among_nouns {
        Listed::AmongNouns
    } else {
        Listed::Alone
    }
}

/// What the list around a name says of its kind.
enum Listed {
    /// A known name of this kind is in the same list.
    Among(EntityType),
    /// Its neighbour in the list is a common noun.
    AmongNouns,
    /// It is in no list, or the list says nothing.
    Alone,
}

/// Nouns (lower case, also as the end of a compound) that put a place's
/// name after them: "Gemeinde Riniken", "Nachbardorf Holungen".
const PLACE_NOUNS: &[&str] = &[
    "stadt",
    "städte",
    "dorf",
    "dörfer",
    "gemeinde",
    "gemeinden",
    "ort",
    "orte",
    "ortschaft",
    "ortsteil",
    "weiler",
    "siedlung",
    "insel",
    "inseln",
    "fluss",
    "flusses",
    "berg",
    "berges",
    "gipfel",
    "region",
    "provinz",
    "bezirk",
    "kreis",
    "kanton",
    "tal",
    "hafen",
    "viertel",
    "bundesstaat",
    "grafschaft",
    "département",
    "départements",
    "departement",
    "see",
    "bucht",
    "halbinsel",
    "gebirge",
    "vulkan",
    "wüste",
    "metropole",
    "hauptstadt",
    "oase",
];

/// Nouns that put an organisation's name after them: "Firma Cosworth",
/// "Erstligisten Litex Lovech", "Bankhaus Credito Emiliano".
const ORGANIZATION_NOUNS: &[&str] = &[
    "firma",
    "unternehmen",
    "konzern",
    "verein",
    "vereins",
    "band",
    "partei",
    "label",
    "bank",
    "bankhaus",
    "team",
    "teams",
    "club",
    "klub",
    "verlag",
    "verlags",
    "zeitung",
    "zeitschrift",
    "magazin",
    "sender",
    "hersteller",
    "herstellers",
    "gesellschaft",
    "ligist",
    "ligisten",
    "brauerei",
    "ensemble",
    "kette",
    "marke",
    "organisation",
    "agentur",
    "airline",
    "mannschaft",
    "gruppe",
];

/// Nouns that put the title of a work, a product or a named event after
/// them, bare or in quotes: "Roman Ulysses", "Orkan Kyrill", "Song „One
/// Bullet Left“".
const WORK_NOUNS: &[&str] = &[
    "album",
    "albums",
    "film",
    "films",
    "roman",
    "romans",
    "serie",
    "serien",
    "song",
    "songs",
    "lied",
    "single",
    "oper",
    "orkan",
    "orkans",
    "sturm",
    "hurrikan",
    "spiel",
    "spiels",
    "buch",
    "buches",
    "modell",
    "schiff",
    "software",
    "betriebssystem",
    "hit",
    "sendung",
    "sendereihe",
    "revue",
    "version",
    "ouvertüre",
    "motto",
    "stück",
    "stücks",
    "musical",
    "dokumentation",
    "gedicht",
    "ausstellung",
    "titel",
    "standard",
    "codename",
    "codenamen",
    "dokumentationen",
    "reihe",
    "kolumne",
    "slogan",
];

/// Articles and determiners, after which a capitalised word names a
/// thing, not a person.
const DETERMINERS: &[&str] = &[
    "der", "die", "das", "des", "dem", "den", "Der", "Die", "Das", "Des", "Dem", "Den", "ein",
    "eine", "einen", "einem", "eines", "einer", "Ein", "Eine", "im", "am", "vom", "zum", "zur",
    "beim", "ins", "Im", "Am", "Vom", "Zum", "Zur", "Beim", "sein", "seine", "seinen", "seinem",
    "seiner", "seines", "ihr", "ihre", "ihren", "ihrem", "ihrer", "ihres", "dieser", "diese",
    "diesen", "diesem", "dieses", "kein", "keine", "keinen", "keinem", "keiner", "keines", "unser",
    "unsere", "unseren", "unserem", "unserer", "unseres", "the", "The", "a", "an",
];

/// Particles of other languages inside a longer name ("Lido delle
/// Nazioni", "Ruta del Vino en el Valle", "Droits d'Enregistrement"):
/// what follows one is part of that name, whose kind this cannot tell.
pub(crate) const FOREIGN_PARTICLES: &[&str] = &[
    "de", "di", "del", "della", "delle", "dei", "degli", "da", "do", "dos", "el", "la", "le",
    "les", "los", "las", "il", "lo", "of", "to", "and", "y", "et", "en", "du", "van", "upre", "La",
    "Le", "Il", "El",
];

/// Whether `word` ends like an inflected adjective ("wichtigen",
/// "Dreißigjährigen").
fn has_adjective_ending(word: &str) -> bool {
    ADJECTIVE_ENDINGS
        .iter()
        .any(|ending| !ending.is_empty() && word.ends_with(ending))
}

/// Whether an indefinite article or "kein" comes before `words[index]`,
/// alone or with an adjective ("ein Bachtal", "in einen tiefen Glasberg").
fn indefinite_before(words: &[Token<'_>], index: usize) -> bool {
    let indefinite = |word: &str| {
        let lower = word.to_lowercase();
        ["ein", "kein"].iter().any(|stem| {
            lower
                .strip_prefix(stem)
                .is_some_and(|rest| ["", "e", "en", "em", "er", "es"].contains(&rest))
        })
    };
    index >= 1
        && (indefinite(words[index - 1].text)
            || (index >= 2
                && words[index - 1].text.starts_with(char::is_lowercase)
                && has_adjective_ending(words[index - 1].text)
                && indefinite(words[index - 2].text)))
}

/// Whether the words before `index` are a determiner and an inflected
/// adjective ("einen wichtigen", "der primären"): the capitalised word
/// after them is a noun, not a name.
fn after_article_and_adjective(words: &[Token<'_>], index: usize) -> bool {
    index >= 2 && {
        let adjective = words[index - 1].text;
        adjective.starts_with(char::is_lowercase)
            && has_adjective_ending(adjective)
            && DETERMINERS.contains(&words[index - 2].text)
    }
}

/// The generated list of towns worldwide (`data/towns.txt`, see
/// `data/LICENSES.md`): one-word names that are no German noun, frequent
/// word or common personal name, and not in the place gazetteer.
const TOWNS: &str = include_str!("../data/towns.txt");

/// Whether an unknown name is a town's: it then names the place, not a
/// person ("nach Argentan", "Maribor").
pub(crate) fn is_town(word: &str) -> bool {
    static TOWN_SET: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    TOWN_SET
        .get_or_init(|| TOWNS.lines().collect())
        .contains(word)
}

/// Whether a capitalised word is a verb with its prefix used as a noun
/// ("Umleiten", "Absinken", "Inbrandsetzen"): a prefix and a frequent
/// infinitive.
fn is_nominalised_verb(word: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "ab", "an", "auf", "aus", "bei", "ein", "fest", "fort", "her", "hin", "inbrand", "los",
        "mit", "nach", "um", "vor", "weg", "zu", "zurück", "zusammen", "be", "ent", "er", "ver",
        "zer",
    ];
    let lower = word.to_lowercase();
    lower.ends_with("en")
        && PREFIXES.iter().any(|prefix| {
            lower
                .strip_prefix(prefix)
                .is_some_and(|verb| verb.chars().count() >= 5 && is_common_word(verb))
        })
}

/// Endings of inflected adjectives used as nouns ("Befallene",
/// "Volkswirtschaftlichen") and of the dative plural of nouns in "-er"
/// ("Abfüllern", "Schotterern"), which are no names.
const ADJECTIVE_FORMS: &[&str] = &[
    "ige", "igen", "iger", "liche", "lichen", "licher", "ische", "ischen", "ischer", "ene", "enen",
    "ete", "eten", "bare", "baren", "ierte", "ierten", "erern", "lern", "nern", "tern",
];

/// Endings of German place names ("Lusental", "Randegg" does not count).
const PLACE_ENDINGS: &[&str] = &[
    "tal", "see", "burg", "dorf", "hausen", "heim", "ingen", "stadt", "feld", "bach", "berg",
    "brück", "furt", "hagen", "rode", "leben", "stedt", "wald", "kirchen", "münster", "land",
];

/// Nouns that end names as often as compounds ("Thälmann", "Marksburg",
/// "Taiskirchen"): a word ending in one is a noun only when it is listed
/// itself ("Kaufmann", "Weinberg"). `data/generate_nouns.py` keeps the same
/// list, so those compounds are listed.
const NAME_ENDINGS: &[&str] = &[
    "mann", "manns", "burg", "berg", "bergs", "dorf", "dorfs", "feld", "felds", "hausen", "heim",
    "heims", "stein", "steins", "bach", "bachs", "kirchen",
];

/// The generated list of German noun forms (`data/nouns.txt`, lower case,
/// see `data/LICENSES.md`), without those that end in a shorter listed
/// form.
const NOUNS: &str = include_str!("../data/nouns.txt");

fn noun_set() -> &'static rustc_hash::FxHashSet<&'static str> {
    static NOUN_SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    NOUN_SET.get_or_init(|| NOUNS.lines().collect())
}

/// Whether a word is itself a listed German noun form ("Konzern"), not
/// only a compound's ending.
fn is_listed_noun(word: &str) -> bool {
    noun_set().contains(word.to_lowercase().as_str())
}

/// Whether a word is a German noun: a listed form, or a compound that ends
/// in one after at least three letters ("Stoffwechselweges").
pub(crate) fn is_noun(word: &str) -> bool {
    with_lower_case(word, is_lower_case_noun)
}

/// [`is_noun`] for a word in lower case.
fn is_lower_case_noun(lower: &str) -> bool {
    let nouns = noun_set();
    // Swiss spelling writes "ss" for "ß" ("Zusammenstösse").
    if lower.contains("ss") && !lower.contains('ß') && is_noun(&lower.replace("ss", "ß")) {
        return true;
    }
    // No listed form is longer than 34 letters: longer endings need no
    // lookup (and a word of megabytes costs one pass, not one per letter).
    const LONGEST_FORM_BYTES: usize = 72;
    // Three-letter heads count after four letters or more
    // ("Priesteramt", "Ministerialrat", "Igelbus"); other short nouns end
    // names too often ("Türkei", "Pustertal").
    const SHORT_HEADS: &[&str] = &[
        "amt", "rat", "bus", "zug", "weg", "tor", "hof", "bau", "eis", "tag", "teil",
    ];
    nouns.contains(lower)
        || lower
            .char_indices()
            .skip(3)
            .map(|(at, _)| &lower[at..])
            .skip_while(|ending| ending.len() > LONGEST_FORM_BYTES)
            .take_while(|ending| ending.len() >= 4)
            .any(|ending| nouns.contains(ending) && !NAME_ENDINGS.contains(&ending))
        || SHORT_HEADS.iter().any(|head| {
            lower.len() >= head.len() + 4
                && lower.ends_with(head)
                && lower.is_char_boundary(lower.len() - head.len())
        })
}

/// The generated given-name list (`data/first_names.txt`, see
/// `data/LICENSES.md`), one name per line.
const FIRST_NAMES: &str = include_str!("../data/first_names.txt");

fn first_names() -> &'static HashSet<&'static str> {
    static NAMES: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        FIRST_NAMES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    })
}

/// A given name, or a hyphenated pair whose first part is one
/// ("Frank-Walter", "Kassym-Jomart" when "Kassym" is known).
pub(crate) fn is_given_name(word: &str) -> bool {
    // (Every listed name is capitalised, which spares most words the
    // lookup.)
    if !word.starts_with(char::is_uppercase) {
        return false;
    }
    let names = first_names();
    names.contains(word)
        || word
            .split_once('-')
            .is_some_and(|(first, rest)| names.contains(first) && is_name_word(rest))
}

/// Lower-case words inside names: "de Maizière", "van der Vaart",
/// "bin Salman".
const NAME_PARTICLES: &[&str] = &[
    "von",
    // ("Johannes des Kappadokers"; only before a word that is no noun.)
    "des",
    "van",
    "de",
    "der",
    "den",
    "di",
    "da",
    "del",
    "della",
    "du",
    "le",
    "la",
    "bin",
    "ibn",
    "al",
    "zu",
    "ten",
    "ter",
    "dos",
    "das",
    // Titles of nobility inside a name ("Franz Freiherr Gedult von
    // Jungenfeld", "Otto Graf Lambsdorff").
    "Freiherr",
    "Freifrau",
    "Graf",
    "Gräfin",
    "Fürst",
    "Fürstin",
    "Prinz",
    "Prinzessin",
    "Ritter",
    "Edler",
];

/// Nouns after a person's name that make the whole an institution named
/// after them.
const NAMED_INSTITUTIONS: &[&str] = &[
    "Band",
    "School",
    "College",
    "University",
    "Theatre",
    "Theater",
    "Hotel",
    "Museum",
    "Stiftung",
    "Foundation",
    "Institute",
    "Institut",
    "Gymnasium",
    "Schule",
    "Realschule",
    "Orchestra",
    "Orchester",
    "Quartet",
    "Quartett",
    "Ensemble",
    "Group",
    "Company",
];

/// Whether two words stand next to each other in a name: at most two
/// characters of white space and no punctuation between them.
pub(crate) fn adjacent_words(text: &str, first: &Token<'_>, second: &Token<'_>) -> bool {
    let gap = &text[first.end()..second.start];
    gap.len() <= 2 && gap.chars().all(char::is_whitespace)
}

/// Given names followed by one surname, adjacent and without punctuation
/// between them: middle names are further given names ("Tayler Jane
/// Geddes"), particles come only before the surname ("Thomas de
/// Maizière"). When no surname follows, the last of two or more given
/// names is the surname ("Sigmar Gabriel").
fn find_given_name_persons(
    text: &str,
    words: &[Token<'_>],
    entities: &mut Entities,
    surnames: &mut Vec<(String, String)>,
) {
    let adjacent = |from: usize, to: usize| adjacent_words(text, &words[from], &words[to]);
    let mut index = 0;
    while index < words.len() {
        if !is_given_name(words[index].text) {
            index += 1;
            continue;
        }
        // Further given names.
        let mut given_end = index + 1;
        while given_end < words.len()
            && given_end - index < 3
            && adjacent(given_end - 1, given_end)
            && is_given_name(words[given_end].text)
        {
            given_end += 1;
        }
        // Particles, then the surname.
        let mut next = given_end;
        while next < words.len()
            && next - given_end < 3
            && adjacent(next - 1, next)
            && NAME_PARTICLES.contains(&words[next].text)
            // A title of nobility is one only before the family name
            // ("Otto Graf Lambsdorff"; "Steffi Graf" ends with it).
            && (!words[next].text.starts_with(char::is_uppercase)
                || words.get(next + 1).is_some_and(|after| {
                    adjacent(next, next + 1) && is_surname_word(after.text)
                }))
        {
            next += 1;
        }
        // The family name may be known alone already ("Lambsdorff"): the
        // full name takes it over.
        // A particle of another language before a word read as a place
        // ("Ana de Sousa") makes it a family name; after "von" or "zu" it
        // may be the place ("Marco Reus von Dortmund").
        let foreign_particle = next > given_end
            && !["von", "zu", "der", "den"].contains(&words[next - 1].text)
            && words[next - 1].text.starts_with(char::is_lowercase);
        let surname_at = (next < words.len()
            && adjacent(next - 1, next)
            && !(words[next - 1].text == "des" && is_noun(words[next].text))
            && (is_surname_word(words[next].text)
                || (next == given_end && is_arabic_surname(words[next].text)))
            && (next == given_end
                || entities.free_or_person(&(words[next].start..words[next].end()))
                || (foreign_particle
                    && entities.type_at(&(words[next].start..words[next].end()))
                        == Some(EntityType::Location))))
        .then_some(next);
        if let Some(at) = surname_at.filter(|_| foreign_particle) {
            entities.remove_mention(&(words[at].start..words[at].end()));
        }
        if let Some(at) = surname_at.filter(|at| *at > given_end) {
            let surname = words[at].start..words[at].end();
            if entities.person_at(&surname) {
                entities.remove_mention(&surname);
            }
        }
        let mut last = match surname_at {
            // A second family name after a particle ("Heinrich Gottlob von
            // Miltitz", "Fernando Collor de Mello").
            Some(last) => {
                let mut at = last + 1;
                while at < words.len()
                    && at - last <= 2
                    && adjacent(at - 1, at)
                    && NAME_PARTICLES.contains(&words[at].text)
                    && (at > last + 1
                        || !["der", "den", "das", "des", "la", "le", "al"]
                            .contains(&words[at].text))
                {
                    at += 1;
                }
                let second = at > last + 1
                    && at < words.len()
                    && adjacent(at - 1, at)
                    && is_surname_word(words[at].text)
                    && !is_common_word(words[at].text)
                    && !is_acronym(words[at].text)
                    // Not a name found already: "Marco Reus von Dortmund"
                    // is a player and his club's town.
                    && !entities.covers(&(words[at].start..words[at].end()));
                if second {
                    at
                } else {
                    last
                }
            }
            None if given_end - index >= 2 => given_end - 1,
            // A given name on its own ("Sein Sohn Tobias", "Antoine stellt
            // ihn zur Rede") names a person when it is no ordinary word.
            None if !words[index].text.contains('-')
                && !is_common_word(words[index].text)
                && !surnames
                    .iter()
                    .any(|(surname, _)| surname == words[index].text) =>
            {
                index
            }
            None => {
                index += 1;
                continue;
            }
        };
        // A name before an institution's noun names the institution ("Dave
        // Matthews Band", "Matthew Humberstone School", "Lee Strasberg
        // Theatre").
        if words
            .get(last + 1)
            .is_some_and(|next| adjacent(last, last + 1) && NAMED_INSTITUTIONS.contains(&next.text))
        {
            let range = words[index].start..words[last + 1].end();
            if !entities.covers(&range) {
                let name = &text[range.clone()];
                entities.add(name, EntityType::Organization, name, range);
            }
            index = last + 2;
            continue;
        }
        let mut range = words[index].start..words[last].end();
        // An initial for the surname ("Claudia B.", "Nico G."): the person
        // as the text names them.
        // (The period may be set apart, as in tokenised text: "R .".)
        let period_after = |token: &Token<'_>| {
            let after = &text[token.end()..];
            let after = after.strip_prefix(' ').unwrap_or(after);
            after.starts_with('.').then(|| text.len() - after.len() + 1)
        };
        let mut initial = surname_at.is_none()
            && words.get(last + 1).is_some_and(|next| {
                adjacent(last, last + 1)
                    && next.text.chars().count() == 1
                    && next.text.starts_with(char::is_uppercase)
                    && period_after(next).is_some()
            });
        // A middle initial before the surname ("George W. Bush", "Julio A.
        // Roca"): the whole name.
        if initial
            && words.get(last + 2).is_some_and(|surname| {
                let surname_range = surname.start..surname.end();
                [". ", " . "].contains(&&text[words[last + 1].end()..surname.start])
                    && is_surname_word(surname.text)
                    && !is_common_word(surname.text)
                    // (Nor is a place after a middle initial: "Robert R.
                    // Livingston".)
                    && (entities.free_or_person(&surname_range)
                        || entities.type_at(&surname_range) == Some(EntityType::Location))
            })
        {
            initial = false;
            last += 2;
            range.end = words[last].end();
            // A surname known alone ("Bush") is this person's.
            entities.remove_mention(&(words[last].start..words[last].end()));
        } else if initial {
            range.end = period_after(&words[last + 1]).unwrap_or(words[last + 1].end() + 1);
        }
        // A regnal number ("Elisabeth II.", "Bernhard IV."): part of the
        // name.
        let regnal = !initial
            && words.get(last + 1).is_some_and(|next| {
                adjacent(last, last + 1)
                    && (1..=5).contains(&next.text.len())
                    && next.text.chars().all(|c| "IVX".contains(c))
                    && text[next.end()..].starts_with('.')
            });
        if regnal {
            range.end = words[last + 1].end();
        }
        // A given name and a surname outweigh a word read as an
        // inhabitant or a nationality ("Werner Borchert", "Christiane
        // Holländer").
        if last > index {
            for word in &words[index..=last] {
                let word_range = word.start..word.end();
                if entities
                    .mention_at(&word_range)
                    .is_some_and(|(_, derived)| derived)
                {
                    entities.remove_mention(&word_range);
                }
            }
        }
        if entities.covers(&range) {
            index += 1;
            continue;
        }
        if initial {
            let key = format!("given name {}", &text[range.clone()]);
            entities.add(&key, EntityType::Person, &text[range.clone()], range);
            index = last + 2;
            continue;
        }
        if last == index {
            // A lone given name is no surname: its key keeps it apart
            // from the surname of the same spelling ("David" and "Larry
            // David"), and later surname mentions do not resolve to it.
            let name = &text[range.clone()];
            let key = format!("given name {name}");
            entities.add(&key, EntityType::Person, name, range);
            index += if regnal { 2 } else { 1 };
            continue;
        }
        let surname = words[last].text.to_string();
        entities.add(
            &surname,
            EntityType::Person,
            &text[range.clone()],
            range.clone(),
        );
        surnames.push((surname, text[range].to_string()));
        index = last + 1;
    }
}

/// A word that can be a surname: capitalised, not a function word, role,
/// calendar word or common-noun shape, and not a street ("…straße").
/// A family name with the Arabic article joined to it ("al-Nuaimi").
fn is_arabic_surname(word: &str) -> bool {
    ["al-", "el-"]
        .iter()
        .any(|article| word.strip_prefix(article).is_some_and(is_surname_word))
}

fn is_surname_word(word: &str) -> bool {
    is_name_word(word)
        && looks_like_surname(word)
        && !is_calendar_word(word)
        && !STREET_ENDINGS.iter().any(|ending| word.ends_with(ending))
}

/// Abbreviations in capitals that name no organisation.
const NOT_ORGANIZATIONS: &[&str] = &[
    "TV", "PC", "CD", "DVD", "CEO", "CFO", "WM", "EM", "PS", "KW", "MB", "GB", "KB", "TB", "DNA",
    "HIV", "AIDS", "SMS", "USB", "PDF", "HTML", "IT", "OK", "CO", "UV", "BIP", "NS", "WLAN", "GPS",
    "LKW", "PKW", "AG", "SE", "KG", "GMBH", "XL", "AM", "PM", "FM", "MP", "ID", "SUV", "LED",
    "LCD", "DJ", "VIP", "PR", "AKW", "KKW", "DDR", "BRD", "USA", "UdSSR", "UK", "US", "EUR", "USD",
    "CHF", "GBP", "DM", "ABC", "FAQ", "URL", "API", "CPU", "GPU", "RAM", "SSD", "HD", "UHD", "DSL",
    "ISDN", "UMTS", "LTE", "NATO", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII",
    "CSV", "XML", "JSON", "MRT", "OP", "BH", "WC", "ICE", "IC", "SB", "RE", "BMI", "COVID", "SARS",
    "MERS", "BSE", "EHEC", "TBC", "ADHS", "ZDF", "ARD", "ISBN", "ISSN", "DOI", "PMID", "MBA",
    "PHD", "GPL", "EBIT", "EBITDA", "MDAX", "SDAX", "KGV", "UKW", "FCKW", "KFZ", "PIN", "TAN",
    "IBAN", "BIC", "MWST", "UST", "AGB", "USP", "KMU", "CO2", "NOX", "RNA", "DNS", "HTTP", "HTTPS",
    "WWW", "SQL", "PHP", "CSS", "GIF", "JPEG", "PNG", "MP4", "AI", "KI", "VR", "AR", "OLED", "QR",
    "ABS", "ESP", "NFT", "PLZ", "SGB", "BGB", "HGB", "ZPO", "StPO", "ABM", "RDS", "SDK", "NADPH",
    "NADH", "ADP", "RBI", "MVP", "SUVs", "PKWs", "LKWs", "CDs", "DVDs",
];

/// Club prefixes ("FC Augsburg", "1. FC Köln", "VfB Stuttgart").
const CLUB_PREFIXES: &[&str] = &[
    "FC", "SV", "VfB", "VfL", "TSV", "SC", "TSG", "FSV", "SpVgg", "BSC", "SG", "TuS", "KFC", "AC",
    "AS", "SSC", "RB", "CF",
];

/// Legal forms after a company name.
const COMPANY_SUFFIXES: &[&str] = &[
    "AG", "GmbH", "SE", "KG", "KGaA", "Inc", "Inc.", "Corp", "Corp.", "Ltd", "Ltd.", "Limited",
    "LLC", "plc", "PLC", "SA", "S.A.", "N.V.", "NV", "e.V.", "eG", "e.G.", "Holding", "Holdings",
    "Group", "Gruppe", "Konzern",
];

pub(crate) fn is_acronym(word: &str) -> bool {
    // (One pass that stops at the first letter in lower case: this is
    // asked for most words.)
    let (mut letters, mut capitals) = (0, 0);
    for c in word.chars() {
        letters += 1;
        if letters > 6 {
            return false;
        }
        if c.is_uppercase() {
            capitals += 1;
        } else if !c.is_ascii_digit() {
            return false;
        }
    }
    letters >= 2 && capitals >= 2 && !is_roman_numeral(word) && !NOT_ORGANIZATIONS.contains(&word)
}

/// A Roman numeral as texts use them: regnal numbers, volumes and
/// centuries up to 89 ("II", "XIV", "LXXX"). "DLV", "MDM" and "CDC" are
/// acronyms.
fn is_roman_numeral(word: &str) -> bool {
    let rest = word.strip_prefix('L').unwrap_or(word);
    let rest = rest
        .strip_prefix("XXX")
        .or_else(|| rest.strip_prefix("XX"))
        .or_else(|| rest.strip_prefix("XL"))
        .or_else(|| rest.strip_prefix('X'))
        .unwrap_or(rest);
    let rest = ["VIII", "VII", "VI", "V", "IX", "IV", "III", "II", "I"]
        .iter()
        .find_map(|unit| rest.strip_prefix(unit))
        .unwrap_or(rest);
    rest.is_empty() && !word.is_empty()
}

/// Clubs, companies with a legal form, and acronyms that nothing else
/// claimed, as organisations.
/// Clubs: a club prefix and the name after it ("FC Augsburg", "1. FC
/// Köln", "VfL Osnabrück").
fn find_clubs(
    text: &str,
    words: &[Token<'_>],
    lexicon: &HashMap<&'static str, Vec<LexiconEntry>>,
    entities: &mut Entities,
) {
    for index in 0..words.len() {
        if !CLUB_PREFIXES.contains(&words[index].text)
            || index + 1 >= words.len()
            || !adjacent_words(text, &words[index], &words[index + 1])
            || !is_name_word(words[index + 1].text)
        {
            continue;
        }
        let from = if index > 0
            && words[index - 1].text.chars().all(|c| c.is_ascii_digit())
            && text[words[index - 1].end()..words[index].start].trim() == "."
        {
            index - 1
        } else {
            index
        };
        // The town or number after the name belongs to it ("FC Schalke
        // 04", "FC Chelsea London", "SC DHfK Leipzig", "FC Carl Zeiss
        // Jena"): up to two more name words when a town or number ends them.
        let mut to = index + 1;
        for extra in 1..=3 {
            let at = index + 1 + extra;
            if at >= words.len() || !adjacent_words(text, &words[at - 1], &words[at]) {
                break;
            }
            let word = words[at].text;
            // (Not a result's number: "1. FC Köln 1:1", "FC Valencia 1:0".)
            let score = text[words[at].end()..].starts_with(':');
            if place_of(lexicon, word).is_some()
                || (word.len() <= 4 && word.chars().all(|c| c.is_ascii_digit()) && !score)
            {
                to = at;
                break;
            }
            if !is_name_word(word) {
                break;
            }
        }
        let range = words[from].start..words[to].end();
        if !entities.covers(&range) {
            let name = &text[range.clone()];
            entities.add(name, EntityType::Organization, name, range);
        }
    }
}

fn find_organization_shapes(text: &str, words: &[Token<'_>], entities: &mut Entities) {
    let adjacent = |from: usize, to: usize| adjacent_words(text, &words[from], &words[to]);
    let add = |entities: &mut Entities, from: usize, to: usize| {
        let range = words[from].start..words[to].end();
        if !entities.covers(&range) {
            let name = &text[range.clone()];
            entities.add(name, EntityType::Organization, name, range);
        }
    };
    for index in 0..words.len() {
        let word = words[index].text;
        // (Clubs, "FC Augsburg", are found before the lexicon.)
        // Federal and state bodies: "Bundesärztekammer",
        // "Bundesjustizministerium", "Bundesamt für Gesundheit".
        const BODY_HEADS: &[&str] = &[
            "amt",
            "kammer",
            "ministerium",
            "nachrichtendienst",
            "verband",
            "stiftung",
            "anstalt",
            "agentur",
            "gericht",
            "gerichtshof",
            "rat",
            "bank",
            "polizei",
            "verwaltung",
        ];
        // (Also inside a compound: "Umweltbundesamt", "Kraftfahrt-Bundesamt".)
        if (["Bundes", "Landes"]
            .iter()
            .any(|prefix| word.starts_with(prefix))
            || (word.starts_with(char::is_uppercase)
                && ["bundesamt", "bundesanstalt", "-Bundesamt"]
                    .iter()
                    .any(|body| word.ends_with(body))))
            && word.len() >= 9
            && BODY_HEADS.iter().any(|head| word.ends_with(head))
        {
            let mut to = index;
            if crate::compounds::joined_by(text, words, index, "für") {
                to = index + 2;
            }
            add(entities, index, to);
            continue;
        }
        // Publishers: "Hirzel Verlag", "Verlag Paul Haupt".
        if word == "Verlag" {
            if index > 0 && adjacent(index - 1, index) && is_name_word(words[index - 1].text) {
                // Up to three capitalised words before ("Rowohlt Theater
                // Verlag"), and the town after ("Mitteldeutscher Verlag
                // Halle"); names read inside are the publisher's
                // ("Leibniz", "Thüringer").
                let mut from = index - 1;
                while from > 0
                    && index - from < 3
                    && adjacent(from - 1, from)
                    && words[from - 1].text.starts_with(char::is_uppercase)
                    && !crate::quotes::is_determiner(words[from - 1].text)
                    && !DETERMINERS.contains(&words[from - 1].text)
                {
                    from -= 1;
                }
                let mut to = index;
                if let Some(next) = words.get(index + 1) {
                    let next_range = next.start..next.end();
                    if adjacent(index, index + 1)
                        && entities.type_at(&next_range) == Some(EntityType::Location)
                        && entities.mention_at(&next_range).is_some()
                    {
                        to = index + 1;
                    }
                }
                // (Names read inside are the publisher's; one reaching
                // outside keeps it from being added.)
                entities.add_over(
                    text,
                    EntityType::Organization,
                    words[from].start..words[to].end(),
                );
                continue;
            }
            if index + 1 < words.len()
                && adjacent(index, index + 1)
                && is_name_word(words[index + 1].text)
            {
                let to = if index + 2 < words.len()
                    && adjacent(index + 1, index + 2)
                    && is_name_word(words[index + 2].text)
                {
                    index + 2
                } else {
                    index + 1
                };
                add(entities, index, to);
                continue;
            }
        }
        // "Stoxx Limited", "Saperion AG": one or two name words before.
        if COMPANY_SUFFIXES.contains(&word) && index > 0 && adjacent(index - 1, index) {
            let mut from = index - 1;
            // A name found already is the firm's ("Audi AG", "Google
            // Inc."): the legal form joins it.
            let before = words[from].start..words[from].end();
            let known = entities
                .overlapping(&before)
                .find(|(mention, _)| mention.end == before.end)
                .filter(|(mention, entity)| {
                    !entities.list[*entity].derived.contains(&mention.start)
                });
            if let Some((known, _)) = known {
                let mut end = words[index].end();
                if text[end..].starts_with('.') && ["Inc", "Corp", "Ltd", "Co"].contains(&word) {
                    end += 1;
                }
                entities.add_over(text, EntityType::Organization, known.start..end);
                continue;
            }
            if !is_name_word(words[from].text) && !is_acronym(words[from].text) {
                continue;
            }
            // A second name word, but no common noun ("das Unternehmen
            // Läpple AG").
            if from > 0
                && adjacent(from - 1, from)
                && is_name_word(words[from - 1].text)
                && !is_noun(words[from - 1].text)
            {
                let before = text[..words[from - 1].start].trim_end();
                if !before.is_empty() && !before.ends_with(['.', '!', '?', ':']) {
                    from -= 1;
                }
            }
            add(entities, from, index);
            continue;
        }
    }
    // Acronyms of three letters or more, also as the head of a compound
    // ("SPD-Führung").
    for (index, token) in words.iter().enumerate() {
        let head = token.text.split('-').next().unwrap_or(token.text);
        if !is_acronym(head) {
            continue;
        }
        // Two capitals alone are abbreviations far more often ("GT", "VS",
        // "SA"; the organisations among them are in the lexicon); before a
        // name they are its organisation's kind ("IG Bau", "AK
        // Vorratsdatenspeicherung").
        if head.chars().count() < 3 {
            let named = head == token.text
                && words.get(index + 1).is_some_and(|next| {
                    adjacent_words(text, token, next) && is_name_word(next.text)
                });
            if named {
                let next = &words[index + 1];
                let range = token.start..next.end();
                if !entities.covers(&range) {
                    let name = &text[range.clone()];
                    entities.add(name, EntityType::Organization, name, range);
                }
            }
            continue;
        }
        let range = token.start..token.start + head.len();
        if !entities.covers(&range) {
            entities.add(head, EntityType::Organization, head, range);
        }
    }
}

/// A role, title or occupation before a name: the built-in roles,
/// occupations, and compounds ending in a role ("Bundesinnenminister",
/// "SPD-Chef").
pub(crate) fn is_role(word: &str) -> bool {
    if let Some((_, tail)) = word.rsplit_once('-') {
        if tail.starts_with(char::is_uppercase) && is_role(tail) {
            return true;
        }
    }
    // (A set: this is asked for every word of an article.)
    static ROLES: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    let roles = ROLES.get_or_init(|| {
        PERSON_ROLES
            .iter()
            .chain(crate::lexicon::OCCUPATIONS.iter())
            .copied()
            .collect()
    });
    // (Only the endings with the word's last letter, for the same reason.)
    static ENDINGS: std::sync::OnceLock<ByLastByte> = std::sync::OnceLock::new();
    roles.contains(word)
        || (word.starts_with(char::is_uppercase)
            && ENDINGS
                .get_or_init(|| ByLastByte::new(crate::lexicon::ROLE_ENDINGS))
                .ending_with(word.bytes().last())
                .iter()
                .any(|ending| word.len() > ending.len() + 2 && word.ends_with(ending)))
}

/// Words grouped by their last byte: the endings a word can have are only
/// those with its last byte, which spares comparing most of a list.
pub(crate) struct ByLastByte(Vec<Vec<&'static str>>);

impl ByLastByte {
    pub(crate) fn new(words: &[&'static str]) -> Self {
        let mut groups = vec![Vec::new(); 256];
        for word in words {
            if let Some(last) = word.bytes().last() {
                groups[usize::from(last)].push(*word);
            }
        }
        ByLastByte(groups)
    }

    /// The words whose last byte is `last` (none for no byte).
    pub(crate) fn ending_with(&self, last: Option<u8>) -> &[&'static str] {
        last.map_or(&[], |last| &self.0[usize::from(last)])
    }
}

/// Month and weekday names, which follow given names in dates of saints
/// and holidays but are no surnames.
fn is_calendar_word(word: &str) -> bool {
    crate::lexicon::MONTHS
        .iter()
        .any(|(month, _)| *month == word)
        || crate::lexicon::WEEKDAYS.iter().any(|(day, _)| *day == word)
}

/// The generated list of frequent German and English words
/// (`data/common_words.txt`, lower case, see `data/LICENSES.md`).
const COMMON_WORDS: &str = include_str!("../data/common_words.txt");

/// Whether a capitalised word is, lower-cased, one of the frequent German
/// or English words: most likely a noun rather than a name.
pub(crate) fn is_common_word(word: &str) -> bool {
    static WORDS: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| COMMON_WORDS.lines().collect());
    with_lower_case(word, |lower| {
        // The list is case-folded: "außerdem" stands as "ausserdem".
        words.contains(lower)
            || (lower.contains('ß') && words.contains(lower.replace('ß', "ss").as_str()))
    })
}

/// Calls `f` with `word` in lower case, copied on the stack when it is
/// short and ASCII (most words are), else allocated.
fn with_lower_case<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buffer = [0u8; 32];
    if word.len() <= buffer.len() && word.is_ascii() {
        let lower = &mut buffer[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        // (ASCII stays ASCII, which is UTF-8.)
        match std::str::from_utf8(lower) {
            Ok(lower) => f(lower),
            Err(_) => f(&word.to_lowercase()),
        }
    } else {
        f(&word.to_lowercase())
    }
}

/// Whether the parts after a place in a hyphenated word name a part of
/// it or a neighbour ("Mitte", "Gerresheim", "Sieg-Kreises") rather than
/// something about it ("Besuch", "Präsident", "Fans").
fn place_compound(tail: &str, lexicon: &HashMap<&'static str, Vec<LexiconEntry>>) -> bool {
    const DISTRICT_WORDS: &[&str] = &["Mitte", "Nord", "Süd", "Ost", "West", "Land", "Stadt"];
    let parts: Vec<&str> = tail.split('-').collect();
    let last = parts.last().copied().unwrap_or_default();
    if ["Kreis", "Kreises"].contains(&last) && parts.len() >= 2 {
        return parts[..parts.len() - 1]
            .iter()
            .all(|part| part.starts_with(char::is_uppercase));
    }
    parts.iter().all(|part| {
        part.starts_with(char::is_uppercase)
            && part.chars().count() >= 3
            && (DISTRICT_WORDS.contains(part)
                || place_of(lexicon, part).is_some()
                || (part.chars().any(char::is_lowercase)
                    && !is_common_word(part)
                    && looks_like_surname(part)
                    && !is_role(part)
                    && !part.ends_with("er")))
    })
}

/// Compass and position prefixes of regions ("Ostdeutschland").
const REGION_PREFIXES: &[&str] = &[
    "Nordost", "Nordwest", "Südost", "Südwest", "Nord", "Süd", "Ost", "West", "Mittel", "Ober",
    "Nieder", "Zentral",
];

/// [`REGION_PREFIXES`] in lower case, for adjectives that have them inside.
const REGION_PREFIXES_LOWER: &[&str] = &[
    "nordost", "nordwest", "südost", "südwest", "nord", "süd", "ost", "west", "mittel", "ober",
    "nieder", "zentral",
];

/// Endings of street names written as one word.
const STREET_ENDINGS: &[&str] = &["straße", "strasse", "allee", "gasse", "chaussee"];

/// Street nouns after an adjective of a place ("Gubener Straße").
const STREET_NOUNS: &[&str] = &[
    "Straße",
    "Strasse",
    "Allee",
    "Gasse",
    "Platz",
    "Ring",
    "Damm",
    "Weg",
    "Landstraße",
    "Chaussee",
    "Ufer",
    "Markt",
];

/// Streets: one word ("Schwanitzstraße") or an adjective of a place and
/// a street noun ("Gubener Straße", "Friedberger Landstraße"). Before the
/// lexicon, whose districts ("Landstraße" in Vienna) would take the noun.
fn find_streets(text: &str, words: &[Token<'_>], entities: &mut Entities) {
    for (index, token) in words.iter().enumerate() {
        let word = token.text;
        if !word.starts_with(char::is_uppercase) {
            continue;
        }
        if let Some(next) = words.get(index + 1) {
            // (Not an article or another small word in "-er": "Der Weg
            // führt …", "Über Straßen".)
            const SMALL_ER_WORDS: &[&str] = &[
                "Aber", "Oder", "Über", "Unter", "Hinter", "Wieder", "Immer", "Jeder", "Jener",
                "Euer", "Unser", "Einer", "Keiner", "Dieser", "Welcher", "Solcher", "Mancher",
            ];
            if text[token.end()..next.start] == *" "
                && word.ends_with("er")
                && STREET_NOUNS.contains(&next.text)
                && !DETERMINERS.contains(&word)
                && !SMALL_ER_WORDS.contains(&word)
            {
                let range = token.start..next.end();
                let name = &text[range.clone()];
                entities.add(name, EntityType::Location, name, range);
                continue;
            }
        }
        let range = token.start..token.end();
        // The ending first: the common-word test lower-cases the word.
        if STREET_ENDINGS
            .iter()
            .any(|ending| word.len() > ending.len() + 2 && word.ends_with(ending))
            && !entities.covers(&range)
            && !is_common_word(word)
        {
            entities.add(word, EntityType::Location, word, range);
        }
    }
}

fn find_place_shapes(
    text: &str,
    words: &[Token<'_>],
    lexicon: &HashMap<&'static str, Vec<LexiconEntry>>,
    entities: &mut Entities,
) {
    let is_place = |word: &str| place_of(lexicon, word).is_some();
    for (index, token) in words.iter().enumerate() {
        let word = token.text;
        let range = token.start..token.end();
        if entities.covers(&range) || !word.starts_with(char::is_uppercase) {
            continue;
        }
        // "Ostdeutschland", "Süd-Sudan", "Oberitaliens".
        let region = REGION_PREFIXES.iter().find_map(|prefix| {
            let rest = word.strip_prefix(prefix)?;
            let rest = rest.strip_prefix('-').unwrap_or(rest);
            let place = capitalised(rest);
            let place = if is_place(&place) {
                place
            } else {
                place.strip_suffix('s').filter(|p| is_place(p))?.to_string()
            };
            Some(place)
        });
        if region.is_some() {
            let key = word
                .strip_suffix('s')
                .filter(|_| !is_place(word))
                .unwrap_or(word);
            entities.add(key, EntityType::Location, key, range);
            continue;
        }
        // A country, region or river opening a compound ("Europaminister",
        // "Sibirientagebuch", "Nepalprojekts"): the place is a part of
        // the word. Only places with a word derived from them, since town
        // names are word stems too ("Leiden" of "Leidenschaft").
        if let Some(length) = place_opening_compound(word, lexicon) {
            let part = token.start..token.start + length;
            let place = place_of(lexicon, &word[..length]).unwrap_or(&word[..length]);
            entities.add(place, EntityType::Location, place, part);
            continue;
        }
        let Some(next) = words.get(index + 1) else {
            continue;
        };
        let adjacent = text[token.end()..next.start] == *" ";
        // "Bad Schussenried".
        if adjacent && word == "Bad" && is_name_word(next.text) && !is_common_word(next.text) {
            let range = token.start..next.end();
            if !entities.covers(&range) {
                let name = &text[range.clone()];
                entities.add(name, EntityType::Location, name, range);
            }
        }
    }
}

/// The length of a country, region or river that opens a compound noun
/// ("Europa" of "Europaminister", "Ostsee" of "Ostseeraum"), if any.
fn place_opening_compound(
    word: &str,
    lexicon: &HashMap<&'static str, Vec<LexiconEntry>>,
) -> Option<usize> {
    if word.len() < 9 || word.contains('-') {
        return None;
    }
    // One anchored automaton over the names of places with a derived
    // word: the longest that opens the word, in one pass.
    static MAJOR: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    let automaton = MAJOR.get_or_init(|| {
        let major: HashSet<&'static str> = word_senses()
            .values()
            .filter_map(|sense| match sense {
                WordSense::Derived(place) => Some(*place),
                WordSense::Currency(_) => None,
            })
            .collect();
        let names: Vec<&'static str> = lexicon
            .iter()
            .filter(|(name, _)| name.len() >= 4)
            .filter(|(name, _)| place_of(lexicon, name).is_some_and(|place| major.contains(place)))
            .map(|(name, _)| *name)
            .collect();
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(names)
            .ok()
    });
    let found = automaton
        .as_ref()?
        .find(aho_corasick::Input::new(word).anchored(aho_corasick::Anchored::Yes))?;
    let at = found.end();
    // Not a derived word ("Afrikanische") or a noun of its own
    // ("Indienststellung").
    if word.len() - at < 4 || word_senses().contains_key(word) || is_listed_noun(word) {
        return None;
    }
    let rest = &word[at..];
    let rest = rest
        .strip_prefix('s')
        .filter(|rest| rest.len() >= 4)
        .filter(|rest| is_noun(&capitalised(rest)))
        .unwrap_or(rest);
    is_noun(&capitalised(rest)).then_some(at)
}

/// What a single word stands for, outside the name lexicon: a place it
/// is derived from, or a currency (by ISO code).
#[derive(Debug, Clone, Copy)]
enum WordSense {
    Derived(&'static str),
    Currency(&'static str),
}

/// Derived place words and currency names by their exact form, built once.
/// German adjectives come with every ending and capitalised (sentence
/// start, nominal use: "Deutsche"); English ones only capitalised, as
/// English writes them.
fn word_senses() -> &'static HashMap<String, WordSense> {
    static SENSES: std::sync::OnceLock<HashMap<String, WordSense>> = std::sync::OnceLock::new();
    SENSES.get_or_init(|| {
        let mut senses = HashMap::default();
        for (place, stems) in PLACE_ADJECTIVES {
            for stem in *stems {
                if stem.ends_with("sch") {
                    for ending in ADJECTIVE_ENDINGS {
                        let form = format!("{stem}{ending}");
                        senses.insert(capitalised(&form), WordSense::Derived(place));
                        senses.insert(form, WordSense::Derived(place));
                    }
                } else {
                    senses.insert(capitalised(stem), WordSense::Derived(place));
                }
            }
        }
        for (place, forms) in DEMONYMS {
            for form in *forms {
                senses.insert(form.to_string(), WordSense::Derived(place));
                // Women and their plural ("Amerikanerin", "Kanadierinnen").
                if form.ends_with("er") {
                    for ending in ["in", "innen"] {
                        senses
                            .entry(format!("{form}{ending}"))
                            .or_insert(WordSense::Derived(place));
                    }
                }
            }
        }
        // Adjectives and people of German place names in "-ien"
        // ("Kalifornien" → "kalifornischen", "Tunesien" → "tunesische",
        // "Tunesier"), where the lists above have none.
        for line in GAZETTEER.lines() {
            let Some((place, variant)) = line.split_once('\t') else {
                continue;
            };
            let Some(stem) = variant.strip_suffix("ien") else {
                continue;
            };
            if stem.chars().count() < 3 || stem.contains([' ', '-']) {
                continue;
            }
            // Their people in "-ier" ("Bosnier", "Tunesierin").
            for ending in ["ier", "iers", "iern", "ierin", "ierinnen"] {
                senses
                    .entry(format!("{stem}{ending}"))
                    .or_insert(WordSense::Derived(place));
            }
            let stem = format!("{}isch", stem.to_lowercase());
            for ending in ADJECTIVE_ENDINGS {
                let form = format!("{stem}{ending}");
                senses
                    .entry(capitalised(&form))
                    .or_insert(WordSense::Derived(place));
                senses.entry(form).or_insert(WordSense::Derived(place));
            }
        }
        for (code, forms) in CURRENCY_NAMES {
            for form in *forms {
                senses.insert(form.to_string(), WordSense::Currency(code));
            }
        }
        senses
    })
}

/// The first letter upper-cased (each word of a multi-word form).
fn capitalised(word: &str) -> String {
    word.split(' ')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Adjectives and demonyms of places ("deutschen", "Franzosen"), the
/// inhabitants of towns ("Berliner", "Münchner", "Itzehoer") and named
/// currencies, where no name already covers the word.
fn find_derived_and_currencies(
    text: &str,
    words: &[Token<'_>],
    lexicon: &HashMap<&'static str, Vec<LexiconEntry>>,
    entities: &mut Entities,
) {
    // Currency signs are no words; they name their currency too. (Only
    // the bytes that can start a sign are decoded.)
    const SIGN_LEAD_BYTES: [bool; 256] = {
        let mut leads = [false; 256];
        let mut index = 0;
        while index < crate::lexicon::CURRENCY_SIGNS.len() {
            let mut bytes = [0; 4];
            let encoded = crate::lexicon::CURRENCY_SIGNS[index]
                .0
                .encode_utf8(&mut bytes);
            leads[encoded.as_bytes()[0] as usize] = true;
            index += 1;
        }
        leads
    };
    for (at, byte) in text.bytes().enumerate() {
        if !SIGN_LEAD_BYTES[usize::from(byte)] {
            continue;
        }
        let Some(sign) = text[at..].chars().next() else {
            continue;
        };
        if let Some((_, code)) = crate::lexicon::CURRENCY_SIGNS
            .iter()
            .find(|(known, _)| *known == sign)
        {
            let range = at..at + sign.len_utf8();
            if !entities.covers(&range) {
                entities.add(code, EntityType::Misc, code, range);
            }
        }
    }
    let senses = word_senses();
    for (index, token) in words.iter().enumerate() {
        let range = token.start..token.end();
        // A people after a place ("US-Amerikanerin", "Deutsch-Kanadier"):
        // the whole word is the people's, the place read in its head
        // taken back.
        if token.text.contains('-')
            && token
                .text
                .rsplit('-')
                .next()
                .is_some_and(|last| last.starts_with(char::is_uppercase))
        {
            if let Some(place) = compound_adjective_place(token.text, senses) {
                for (_, inside) in entities.within(&range) {
                    entities.remove_mention(&inside);
                }
                if !entities.covers(&range) {
                    entities.add_derived(place, EntityType::Location, range);
                }
                continue;
            }
        }
        if entities.covers(&range) {
            continue;
        }
        // A language named by its noun ("Russisch", "Herero") is MISC,
        // not a word derived from a place.
        if let Some(language) = language_of(token.text) {
            entities.add(language, EntityType::Misc, language, range);
            continue;
        }
        // Its adjective before a word for words or texts ("in hebräischer
        // Sprache", "eine deutsche Synchronfassung", "vom englischen „to
        // flatter“") names the language, not the place.
        if let Some(language) = language_adjective(token.text) {
            let next = words
                .get(index + 1)
                .filter(|next| adjacent_words(text, token, next))
                .map(|next| next.text.to_lowercase());
            let names_language = next.is_some_and(|next| {
                // ("französischen Vornamen" are of French origin.)
                next.starts_with("name")
                    || LANGUAGE_CONTEXT_NOUNS
                        .iter()
                        .any(|noun| next.ends_with(noun))
            }) || text[token.end()..]
                .trim_start()
                .starts_with(['"', '„', '“', '»', '«']);
            if names_language {
                entities.add_derived(language, EntityType::Misc, range);
                continue;
            }
        }
        // A language opening a compound ("deutschsprachigen",
        // "Englischunterricht") is a part of the word.
        if let Some((language, length)) = language_in_compound(token.text) {
            entities.add(
                language,
                EntityType::Misc,
                language,
                token.start..token.start + length,
            );
            continue;
        }
        // Styles and epochs of art ("Gotik", "barocke", "Barockkirchen").
        if let Some((style, length, derived)) = art_style(token.text) {
            let part = token.start..token.start + length;
            if derived {
                entities.add_derived(style, EntityType::Misc, part);
            } else {
                entities.add(style, EntityType::Misc, style, part);
            }
            continue;
        }
        match senses.get(token.text) {
            Some(WordSense::Derived(place)) => {
                entities.add_derived(place, EntityType::Location, range);
                continue;
            }
            Some(WordSense::Currency(code)) => {
                // "Franken" is the currency after an amount ("23 Mio.
                // Franken"), else Franconia or its people ("aus Franken",
                // "gegen die Franken").
                if token.text == "Franken" && !after_amount(words, index) {
                    if index > 0 && ["die", "den"].contains(&words[index - 1].text) {
                        entities.add_derived("Franconia", EntityType::Location, range);
                    } else {
                        entities.add("Franconia", EntityType::Location, "Franconia", range);
                    }
                    continue;
                }
                entities.add(code, EntityType::Misc, code, range);
                continue;
            }
            None => {}
        }
        // A compass part before the adjective ("norddeutschen",
        // "Westsudanesischen"), and adjectives joined by hyphens
        // ("deutsch-israelische", "kroatisch-bosniakischen"), whose last
        // part gives the place.
        if let Some(place) = compound_adjective_place(token.text, senses) {
            entities.add_derived(place, EntityType::Location, range);
            continue;
        }
        // After a given name an "-er" word is a surname ("Toni Brunner").
        let after_given_name = index > 0
            && adjacent_words(text, &words[index - 1], token)
            && is_given_name(words[index - 1].text);
        if let Some(place) = town_of_inhabitant(token.text, lexicon).filter(|_| !after_given_name) {
            entities.add_derived(place, EntityType::Location, range);
        }
    }
}

/// Whether an amount comes right before `words[index]`: a number or a
/// word for a large number ("23", "Mio", "Millionen").
fn after_amount(words: &[Token<'_>], index: usize) -> bool {
    index > 0 && {
        let before = words[index - 1].text;
        before.starts_with(|c: char| c.is_ascii_digit())
            || [
                "Mio",
                "Mrd",
                "Million",
                "Millionen",
                "Milliarde",
                "Milliarden",
                "Tausend",
                "tausend",
                "hundert",
                "Hundert",
                "Bio",
                "Billionen",
            ]
            .contains(&before)
            || crate::lexicon::NUMBER_WORDS
                .iter()
                .any(|(number, _)| *number == before)
    }
}

/// The place of an adjective with a compass part ("süddeutschen") or of
/// hyphen-joined adjectives ("deutsch-israelische"): the last part's.
fn compound_adjective_place(
    word: &str,
    senses: &HashMap<String, WordSense>,
) -> Option<&'static str> {
    // Every such adjective ends in "-sch" and an ending.
    if !word.contains("sch") && !word.contains('-') {
        return None;
    }
    let derived = |part: &str| match senses.get(part) {
        Some(WordSense::Derived(place)) => Some(*place),
        _ => None,
    };
    if let Some((head, last)) = word.rsplit_once('-') {
        let heads_derived = head
            .split('-')
            .all(|part| derived(part).is_some() || derived(&part.to_lowercase()).is_some());
        // A people after a place or adjective ("US-Amerikanerin",
        // "Deutsch-Kanadier") is that people.
        let head_place = head.split('-').all(|part| {
            part.chars().all(|c| c.is_uppercase())
                || derived(part).is_some()
                || derived(&part.to_lowercase()).is_some()
        });
        if last.starts_with(char::is_uppercase) {
            return derived(last).filter(|_| head_place);
        }
        return derived(last).filter(|_| heads_derived);
    }
    let lower = word.to_lowercase();
    REGION_PREFIXES_LOWER.iter().find_map(|prefix| {
        let rest = lower.strip_prefix(prefix)?;
        // "südamerikanisch" is South American, not of the United States.
        if rest.starts_with("amerikan") || rest.chars().count() < 5 {
            return None;
        }
        derived(rest)
    })
}

/// The generated list of languages (`data/languages.tsv`, CLDR via Babel,
/// see `data/LICENSES.md`): English name, tab, German name.
const LANGUAGES: &str = include_str!("../data/languages.tsv");

/// The language a capitalised word names in German, by its English name.
fn language_of(word: &str) -> Option<&'static str> {
    static NAMES: std::sync::OnceLock<HashMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    if !word.starts_with(char::is_uppercase) {
        return None;
    }
    NAMES
        .get_or_init(|| {
            LANGUAGES
                .lines()
                .filter_map(|line| line.split_once('\t'))
                .map(|(english, german)| (german, english))
                .collect()
        })
        .get(word)
        .copied()
}

/// Nouns after which a language's adjective names the language.
const LANGUAGE_CONTEXT_NOUNS: &[&str] = &[
    "sprache",
    "bezeichnung",
    "fassung",
    "übersetzung",
    "wort",
    "wörter",
    "begriff",
    "text",
    "texte",
    "version",
    "untertitel",
    "schreibweise",
    "aussprache",
    "dialekt",
    "mundart",
    "inschrift",
    "urkunde",
];

/// The language of an adjective ("hebräischer" → Hebrew).
fn language_adjective(word: &str) -> Option<&'static str> {
    if !word.starts_with(char::is_lowercase) || word.len() < 6 {
        return None;
    }
    // (Its "-sch" ends the word or comes before an ending of at most two
    // letters: the cheap test first, since this is asked for most words.)
    let bytes = word.as_bytes();
    if !(0..=2).any(|ending| bytes[..bytes.len() - ending].ends_with(b"sch")) {
        return None;
    }
    // "deutsch" ends in "-sch"; "lateinisch" names "Latein".
    ["en", "er", "es", "em", "e", ""].iter().find_map(|ending| {
        let stem = word.strip_suffix(ending)?;
        if !stem.ends_with("sch") {
            return None;
        }
        language_of(&capitalised(stem)).or_else(|| {
            stem.strip_suffix("isch")
                .filter(|root| root.chars().count() >= 3)
                .and_then(|root| language_of(&capitalised(root)))
        })
    })
}

/// A language opening a compound: "deutschsprachigen", "Englischunterricht"
/// → (language, length of its part).
fn language_in_compound(word: &str) -> Option<(&'static str, usize)> {
    const HEADS: &[&str] = &[
        "sprachig",
        "unterricht",
        "kenntnisse",
        "kurs",
        "lehrer",
        "übersetzung",
        "wörterbuch",
    ];
    // (One automaton over the heads, which are lower case inside the
    // word: this is asked for every word.)
    static AUTOMATON: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    // (Every language named so ends in "-sch": "deutsch", "Englisch".)
    if word.len() < 8 || !word.as_bytes().windows(3).any(|three| three == b"sch") {
        return None;
    }
    let automaton = AUTOMATON.get_or_init(|| {
        aho_corasick::AhoCorasick::new(HEADS).expect("fixed patterns build an automaton")
    });
    automaton.find_iter(word).find_map(|found| {
        let at = Some(found.start()).filter(|at| *at >= 4)?;
        let part = &word[..at];
        let part = part.strip_suffix('-').unwrap_or(part);
        language_of(&capitalised(part)).map(|language| (language, part.len()))
    })
}

/// Styles and epochs of art, which GermEval names as OTH.
const ART_STYLES: &[(&str, &str)] = &[
    ("Gotik", "gotisch"),
    ("Romanik", "romanisch"),
    ("Barock", "barock"),
    ("Rokoko", ""),
    ("Renaissance", ""),
    ("Klassizismus", "klassizistisch"),
    ("Historismus", "historistisch"),
    ("Biedermeier", ""),
    ("Jugendstil", ""),
    ("Antike", "antik"),
];

/// A style of art named by its noun, its adjective or at the start of a
/// compound ("Spätgotik", "barocke", "Barockkirchen"): (style, length of
/// the part that names it, whether the word is derived).
fn art_style(word: &str) -> Option<(&'static str, usize, bool)> {
    let first = word.chars().next()?;
    // (Cheap tests first: this is asked for every word.)
    const INNER: &[&str] = &[
        "otik",
        "otisch",
        "omani",
        "arock",
        "okoko",
        "enaissance",
        "lassizis",
        "istoris",
        "iedermeier",
        "ugendstil",
        "ntik",
    ];
    static AUTOMATON: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    if word.len() < 5 || !"GRBKHJSNFAgrbkhjsnfa".contains(first) {
        return None;
    }
    let automaton = AUTOMATON.get_or_init(|| {
        aho_corasick::AhoCorasick::new(INNER).expect("fixed patterns build an automaton")
    });
    if !automaton.is_match(word) {
        return None;
    }
    let lower = word.to_lowercase();
    // A period prefix ("Spätgotik", "neugotische") belongs to the name.
    let prefix = ["spät", "früh", "hoch", "neu"]
        .iter()
        .find(|prefix| lower.starts_with(*prefix))
        .map_or(0, |prefix| prefix.len());
    let rest = &lower[prefix..];
    for (noun, adjective) in ART_STYLES {
        let noun_lower = noun.to_lowercase();
        if word.starts_with(char::is_uppercase) && rest.starts_with(&noun_lower) {
            let tail = &rest[noun_lower.len()..];
            // The noun alone, in the genitive, or opening a compound
            // ("Barockkirchen"), which must be a noun then.
            if tail.is_empty() || tail == "s" {
                return Some((noun, word.len(), false));
            }
            if is_noun(&capitalised(tail)) && tail.chars().count() >= 4 && prefix == 0 {
                return Some((noun, prefix + noun_lower.len(), false));
            }
        }
        if !adjective.is_empty()
            && word.starts_with(char::is_lowercase)
            && rest.starts_with(adjective)
            && ADJECTIVE_ENDINGS.contains(&&rest[adjective.len()..])
        {
            return Some((noun, word.len(), true));
        }
    }
    None
}

/// The place a capitalised "-er" word is formed from: Berliner → Berlin,
/// Itzehoer → Itzehoe, Bremer → Bremen, Münchner → München.
fn town_of_inhabitant(
    word: &str,
    lexicon: &HashMap<&'static str, Vec<LexiconEntry>>,
) -> Option<&'static str> {
    // The dative plural ("den Nürnbergern", "Bremern").
    if let Some(stem) = word.strip_suffix("ern") {
        let singular = format!("{stem}er");
        // "Konzern" is a noun of its own, no plural of "Konzer";
        // "Nürnbergern" is the plural of the listed "Nürnberger".
        if is_listed_noun(word) && !is_listed_noun(&singular) {
            return None;
        }
        return town_of_inhabitant(&singular, lexicon);
    }
    let stem = word.strip_suffix("er")?;
    // Ordinary nouns that look like inhabitants ("Sieger" of Siegen).
    const NOT_INHABITANTS: &[&str] = &[
        "Sieger", "Meter", "Lager", "Leser", "Maler", "Ritter", "Kenner", "Retter", "Täter",
        "Wetter", "Finger", "Körper", "Partner", "Nutzer", "Bürger", "Mieter", "Sender", "Halter",
        "Hammer", "Keller", "Zimmer", "Muster", "Becher",
    ];
    if !word.starts_with(char::is_uppercase)
        || stem.chars().count() < 3
        || NOT_INHABITANTS.contains(&word)
    {
        return None;
    }
    // "Darmstädter" of Darmstadt, "Sauerländer" of the Sauerland.
    let without_umlaut = [("städt", "stadt"), ("länd", "land")]
        .iter()
        .find_map(|(umlaut, plain)| stem.strip_suffix(umlaut).map(|head| (head, *plain)))
        .unwrap_or(("", ""));
    let without_n = stem
        .strip_suffix('n')
        .map_or(("", ""), |short| (short, "en"));
    // (One buffer for the candidates: this is asked for every "-er" word.)
    let mut candidate = String::with_capacity(stem.len() + 3);
    [
        (stem, ""),
        (stem, "e"),
        (stem, "en"),
        without_n,
        without_umlaut,
    ]
    .into_iter()
    .filter(|(head, _)| !head.is_empty())
    .find_map(|(head, tail)| {
        candidate.clear();
        candidate.push_str(head);
        candidate.push_str(tail);
        place_of(lexicon, &candidate)
    })
}

/// The canonical name of a one-word place of the lexicon.
pub(crate) fn place_of(
    lexicon: &HashMap<&'static str, Vec<LexiconEntry>>,
    word: &str,
) -> Option<&'static str> {
    lexicon
        .get(word)?
        .iter()
        .find_map(|(canonical, kind, parts)| {
            (*kind == EntityType::Location && parts.len() == 1).then_some(*canonical)
        })
}

/// Surnames in news are rarely common German nouns: this accepts words
/// that do not end like frequent noun suffixes.
fn looks_like_surname(word: &str) -> bool {
    const NOUN_ENDINGS: &[&str] = &[
        "ung", "heit", "keit", "schaft", "tion", "ismus", "chen", "ment", "tät", "ei",
    ];
    // (An ending counts after three letters at least: "Jung" and "Sung"
    // are names, "Leitung" is a noun.)
    !NOUN_ENDINGS
        .iter()
        .any(|ending| word.len() >= ending.len() + 3 && word.ends_with(ending))
        && word.chars().count() >= 3
}

/// The first word of the long form that the acronym's `letters` (lower
/// case) abbreviate, reading back from `words[index]`: one letter per
/// word or per part of a hyphenated word ("Verkehrsbetriebe
/// Hamburg-Holstein AG (VHH)"), small words and legal forms skipped unless
/// their letter is wanted ("Bundesverband deutscher Banken (BdB)").
fn long_form_start(words: &[Token<'_>], index: usize, letters: &[char]) -> Option<usize> {
    const FUNCTION_WORDS: &[&str] = &[
        "des", "der", "die", "das", "für", "über", "und", "von", "of", "the", "for", "and", "on",
        "zur", "zum", "in", "de", "la", "le", "du", "et", "y",
    ];
    let mut needed = letters.len();
    let mut first_word = None;
    let mut cursor = index;
    while needed > 0 && cursor > 0 && index - cursor < 12 {
        cursor -= 1;
        let word = words[cursor].text;
        let skippable = FUNCTION_WORDS.contains(&word)
            || (cursor + 1 == index && COMPANY_SUFFIXES.contains(&word));
        for part in word.rsplit('-').filter(|part| !part.is_empty()) {
            if needed == 0 {
                break;
            }
            let initial = part.chars().next().and_then(|c| c.to_lowercase().next());
            if initial == Some(letters[needed - 1]) {
                needed -= 1;
                first_word = Some(cursor);
            } else if skippable || COMPANY_SUFFIXES.contains(&part) {
                continue;
            } else {
                return None;
            }
        }
    }
    // The long form opens with a capital.
    first_word.filter(|first| needed == 0 && words[*first].text.starts_with(char::is_uppercase))
}

fn find_acronym_definitions(text: &str, words: &[Token<'_>], entities: &mut Entities) {
    for (index, token) in words.iter().enumerate() {
        let acronym = token.text;
        // Abbreviations of degrees, licences and substances ("Master of
        // Business Administration (MBA)", "GPL") define no organisation.
        // Small letters may stand for small words ("BdB", "RFdS").
        let is_acronym = (2..=8).contains(&acronym.chars().count())
            && acronym.starts_with(char::is_uppercase)
            && acronym.chars().all(char::is_alphabetic)
            && acronym.chars().filter(|c| c.is_uppercase()).count() >= 2
            && !NOT_ORGANIZATIONS.contains(&acronym);
        if !is_acronym || index == 0 {
            continue;
        }
        let before = &text[..token.start];
        if !before.trim_end().ends_with('(') {
            continue;
        }
        let letters: Vec<char> = acronym.chars().flat_map(char::to_lowercase).collect();
        // A legal form the long form leaves out ("Deutsche
        // Vermögensberatung (DVAG)").
        let first_word = long_form_start(words, index, &letters).or_else(|| {
            let shorter = letters.strip_suffix(&['a', 'g'])?;
            (shorter.len() >= 2)
                .then(|| long_form_start(words, index, shorter))
                .flatten()
        });
        let Some(first_word) = first_word else {
            continue;
        };
        let long_range = words[first_word].start..words[index - 1].end();
        let long_form = &text[long_range.clone()];
        // Known acronyms keep their lexicon id; new ones are keyed by the acronym.
        let key = ORGANIZATIONS
            .iter()
            .find(|(_, variants)| variants.contains(&acronym) || variants.contains(&long_form))
            .map_or(acronym, |(canonical, _)| canonical);
        // Names read inside are the organisation's words ("Deutschen" of
        // "Deutsche Vermögensberatung").
        for (_, inside) in entities.within(&long_range) {
            entities.remove_mention(&inside);
        }
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
    fn newspapers_named_by_their_town_are_organisations() {
        let text = "The report was first published by the Hartford Courant and quoted by the Pittsburgh Post-Gazette on Monday.";
        let found = find_in(text, true);
        let names: Vec<(&str, EntityType)> = found
            .list
            .iter()
            .filter(|entity| !entity.mentions.is_empty())
            .map(|entity| (&text[entity.mentions[0].clone()], entity.entity_type))
            .collect();
        assert!(
            names.contains(&("Hartford Courant", EntityType::Organization)),
            "{names:?}"
        );
        assert!(
            names.contains(&("Pittsburgh Post-Gazette", EntityType::Organization)),
            "{names:?}"
        );
        assert!(
            !names.iter().any(|(name, _)| *name == "Hartford"),
            "{names:?}"
        );
    }

    #[test]
    fn a_mention_over_a_line_break_is_no_name() {
        let text = "See it now: Amazon\n\nSince the launch, Amazon sold more.";
        let mut found = Entities::default();
        let glued = text.find("Amazon").unwrap();
        found.add(
            "Amazon Since",
            EntityType::Organization,
            "Amazon Since",
            glued..glued + 14,
        );
        let alone = text.rfind("Amazon").unwrap();
        found.add(
            "Amazon",
            EntityType::Organization,
            "Amazon",
            alone..alone + 6,
        );
        let offsets = ticker_model::char_offset_map(text);
        let records = found.to_records(text, &offsets);
        let mentions: Vec<&str> = records
            .iter()
            .flat_map(|entity| entity.mentions.iter().map(|mention| mention.text.as_str()))
            .collect();
        // The glued mention's entity has no other mention: it is gone.
        assert_eq!(mentions, ["Amazon"]);
        assert_eq!(records.len(), 1);
    }

    #[test]
    fn every_given_name_is_capitalised() {
        // is_given_name asks the list only for capitalised words.
        assert!(first_names().len() > 10_000);
        assert!(first_names()
            .iter()
            .all(|name| name.starts_with(char::is_uppercase)));
        assert!(is_given_name("Frank-Walter") && !is_given_name("frank"));
    }

    #[test]
    fn words_of_a_sentence_are_the_words_of_its_slice() {
        let text = "Der U.S.-Präsident sagte: „Wir bleiben.“ Tokajew (OVKS) kam - spät. \
                    Am 13.01.2022 begann's.\n\nNeuer Absatz... mit 10'000 Leuten!";
        let all = tokens(text);
        let sentences = crate::sentences::split(text);
        assert!(sentences.len() >= 3);
        for sentence in &sentences {
            let shared: Vec<(&str, usize)> = tokens_in(&all, sentence)
                .iter()
                .map(|word| (word.text, word.start))
                .collect();
            let own: Vec<(&str, usize)> = tokens(&text[sentence.clone()])
                .iter()
                .map(|word| (word.text, word.start))
                .collect();
            assert_eq!(shared, own, "{:?}", &text[sentence.clone()]);
        }
        assert!(tokens_in(&all, &(0..0)).is_empty());
    }

    /// Asserts that each of `names` is a mention of that type, derived or
    /// not.
    fn assert_mentions(
        found: &[(String, EntityType, bool)],
        names: &[&str],
        entity_type: EntityType,
        derived: bool,
    ) {
        for name in names {
            assert!(
                found.contains(&(name.to_string(), entity_type, derived)),
                "{name}: {found:?}"
            );
        }
    }

    /// Asserts that each name is a mention (not derived) of its type.
    fn assert_named(found: &[(String, EntityType, bool)], names: &[(&str, EntityType)]) {
        for (name, entity_type) in names {
            assert!(
                found.contains(&(name.to_string(), *entity_type, false)),
                "{name}: {found:?}"
            );
        }
    }

    /// Asserts that none of `words` is a mention of any entity.
    fn assert_no_mentions(found: &[(String, EntityType, bool)], words: &[&str]) {
        for word in words {
            assert!(
                !found.iter().any(|(text, _, _)| text == word),
                "{word}: {found:?}"
            );
        }
    }

    /// The type found at each occurrence of `word` in `text`, in order.
    fn kinds_of(text: &str, word: &str) -> Vec<Option<EntityType>> {
        let found = find(text);
        text.match_indices(word)
            .map(|(at, name)| found.type_at(&(at..at + name.len())))
            .collect()
    }

    fn mentions_of(entities: &Entities, text: &str) -> Vec<(String, EntityType, bool)> {
        let mut out = Vec::new();
        for entity in &entities.list {
            for mention in &entity.mentions {
                out.push((
                    text[mention.clone()].to_string(),
                    entity.entity_type,
                    entity.derived.contains(&mention.start),
                ));
            }
        }
        out
    }

    #[test]
    fn derived_place_words_link_to_the_place() {
        let text = "Die deutschen Truppen und ein Franzose trafen Berliner und Münchner Fans; 40 Millionen Euro.";
        let entities = find(text);
        let found = mentions_of(&entities, text);
        assert_mentions(
            &found,
            &["deutschen", "Franzose", "Berliner", "Münchner"],
            EntityType::Location,
            true,
        );
        assert!(
            found.contains(&("Euro".to_string(), EntityType::Misc, false)),
            "{found:?}"
        );
        // A currency's sign names it too.
        // A language is named, not derived from a place.
        let text = "Er spricht Russisch und Herero.";
        let languages = mentions_of(&find(text), text);
        assert_mentions(&languages, &["Russisch", "Herero"], EntityType::Misc, false);
        let signs = find("Das kostet 40 € oder 45 $.");
        let euro = signs.list.iter().find(|e| e.name == "EUR").unwrap();
        assert_eq!(euro.mentions.len(), 1);
        assert!(signs.list.iter().any(|e| e.name == "USD"));
        let germany = entities.list.iter().find(|e| e.name == "Germany").unwrap();
        assert_eq!(germany.id, entity_id(EntityType::Location, "Germany"));
        let munich = entities.list.iter().find(|e| e.name == "Munich").unwrap();
        assert_eq!(munich.derived.len(), 1);
    }

    #[test]
    fn adjectives_with_a_compass_part_or_joined_by_hyphens_are_derived_from_their_place() {
        let text = "Die norddeutschen Länder, die westsudanesischen Dörfer, das deutsch-israelische Abkommen und die tunesische Regierung; südamerikanische Staaten. Ein Tunesier kam.";
        let entities = find(text);
        let found = mentions_of(&entities, text);
        assert_mentions(
            &found,
            &[
                "norddeutschen",
                "westsudanesischen",
                "deutsch-israelische",
                "tunesische",
                "Tunesier",
            ],
            EntityType::Location,
            true,
        );
        let israel = entities.list.iter().find(|e| e.name == "Israel").unwrap();
        assert_eq!(israel.derived.len(), 1);
        // South American is of South America, not of the United States.
        let south_america = entities
            .list
            .iter()
            .find(|e| e.name == "South America")
            .unwrap();
        assert_eq!(south_america.derived.len(), 1);
        let united_states = entities.list.iter().find(|e| e.name == "United States");
        assert!(united_states.is_none_or(|e| e.mentions.is_empty()));
    }

    #[test]
    fn inhabitants_in_the_plural_and_with_an_umlaut_are_derived_from_their_place() {
        // A noun of its own that looks like such a plural is none.
        let text = "Er dankte den Nürnbergern und den Darmstädter Fans; der Konzern schwieg.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Nürnbergern", "Darmstädter"],
            EntityType::Location,
            true,
        );
        assert_no_mentions(&found, &["Konzern"]);
    }

    #[test]
    fn words_that_are_no_german_noun_are_names_of_the_kind_their_context_gives() {
        let text = "Das Tor schoss Hardiknut nach einer Flanke. Ramelow erklärte das. Sie wohnt in Pflückuff, die Gemeinde Riniken liegt am Rhein. Die Dörfer Hokkala, Koskimäki-Huhtala, Kumpula und Oikari gehören zu Finnland. Die Firma Cosworth baute den Motor, der Orkan Kyrill zog vorbei. Die Truppen brachten Argentan unter Kontrolle. Er stammt aus Tranomaro. Alle erwarteten einen Sieg Roddicks, nach Buurmanns Ausscheiden. Doch die Regierung Jugoslawiens schwieg.";
        let found = mentions_of(&find(text), text);
        assert_named(
            &found,
            &[
                ("Hardiknut", EntityType::Person),
                ("Ramelow", EntityType::Person),
                ("Pflückuff", EntityType::Location),
                ("Riniken", EntityType::Location),
                ("Koskimäki-Huhtala", EntityType::Location),
                ("Kumpula", EntityType::Location),
                ("Oikari", EntityType::Location),
                ("Cosworth", EntityType::Organization),
                ("Argentan", EntityType::Location),
                ("Tranomaro", EntityType::Location),
                // Genitives next to a noun: persons.
                ("Roddicks", EntityType::Person),
                ("Buurmanns", EntityType::Person),
                ("Kyrill", EntityType::Misc),
            ],
        );
        // A place's genitive is none ("Jugoslawiens").
        assert!(
            !found.contains(&("Jugoslawiens".to_string(), EntityType::Person, false)),
            "{found:?}"
        );
    }

    #[test]
    fn quoted_titles_after_the_noun_that_says_what_they_are() {
        let text = "Der Song „One Bullet Left“ lief in der Revue \"The Rat Pack - live from Las Vegas\". Er schrieb für die Literaturzeitschrift „Eckart“. Das sei „ein Fehler“, sagte er. Sie sang Peter Gabriels „Blood of Eden“. Es liefen die Serien „Unsere 50er Jahre“ und „Unsere 60er Jahre“.";
        let found = mentions_of(&find(text), text);
        assert_named(
            &found,
            &[
                ("One Bullet Left", EntityType::Misc),
                ("The Rat Pack - live from Las Vegas", EntityType::Misc),
                ("Eckart", EntityType::Organization),
                ("Blood of Eden", EntityType::Misc),
                ("Unsere 50er Jahre", EntityType::Misc),
                ("Unsere 60er Jahre", EntityType::Misc),
            ],
        );
        // A place inside a title is part of it; a quote is no title.
        assert!(
            !found
                .iter()
                .any(|(text, _, _)| text == "Las Vegas" || text == "ein Fehler"),
            "{found:?}"
        );
    }

    #[test]
    fn middle_initials_and_regnal_numbers_are_part_of_the_name() {
        let text = "Das sagte US-Präsident George W. Bush. Julio A. Roca regierte, Elisabeth II. herrschte. Verteidigungsminister Franz Josef Jung widersprach. Damals sagte Otto Graf Lambsdorff, Steffi Graf siege.";
        let found = mentions_of(&find(text), text);
        // (Two given names after a role: the name starts at the first.)
        assert_mentions(
            &found,
            &[
                "George W. Bush",
                "Julio A. Roca",
                "Elisabeth II",
                "Franz Josef Jung",
                // A title of nobility inside a name, and one that ends it.
                "Otto Graf Lambsdorff",
                "Steffi Graf",
            ],
            EntityType::Person,
            false,
        );
        assert_no_mentions(
            &found,
            &["George", "W. Bush", "Julio A.", "A. Roca", "Elisabeth"],
        );
    }

    #[test]
    fn firms_named_with_an_ampersand() {
        let text = "Die Architekten Herzog & de Meuron bauen für Procter & Gamble. Im Radio lief Rock & Pop.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Herzog & de Meuron", "Procter & Gamble"],
            EntityType::Organization,
            false,
        );
        assert_no_mentions(
            &found,
            &["Rock & Pop", "Meuron", "Architekten Herzog & de Meuron"],
        );
    }

    #[test]
    fn a_legal_form_joins_the_firm_named_before_it() {
        let text = "Die Audi AG kooperiert mit Google Inc. und dem Unternehmen Läpple AG.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Audi AG", "Google Inc.", "Läpple AG"],
            EntityType::Organization,
            false,
        );
        assert_no_mentions(&found, &["Audi", "Google", "Unternehmen Läpple AG"]);
    }

    #[test]
    fn christ_in_era_dates_is_a_person_with_the_period() {
        let text = "Die Stadt wurde 456 v. Chr. erobert und bestand bis 69 n. Chr. fort.";
        let found = mentions_of(&find(text), text);
        assert_mentions(&found, &["Chr."], EntityType::Person, false);
        assert_eq!(found.iter().filter(|(name, ..)| name == "Chr.").count(), 2);
    }

    #[test]
    fn languages_named_by_adjective_or_in_compounds_and_styles_of_art() {
        let text = "Er schrieb in hebräischer Sprache für die deutschsprachigen Leser. \
                    Der gotische Kreuzgang der Kirche aus der Spätgotik und die Barockkirchen \
                    stehen im Stadtteil. Die hebräische Regierung tagte.";
        let found = mentions_of(&find(text), text);
        assert_mentions(&found, &["hebräischer", "gotische"], EntityType::Misc, true);
        let text = "Vom antiken Amphitheater blickt man auf das Tal.";
        let found_antique = mentions_of(&find(text), text);
        assert_mentions(&found_antique, &["antiken"], EntityType::Misc, true);
        // Parts of compounds: the language or style only.
        assert_mentions(
            &found,
            &["deutsch", "Barock", "Spätgotik"],
            EntityType::Misc,
            false,
        );
        // The adjective before any other noun stays the place's.
        assert!(!found.contains(&("hebräische".to_string(), EntityType::Misc, true)));
        // "deutsch" ends in "-sch"; "lateinisch" names Latin.
        let text = "Eine deutsche Synchronfassung fehlt, eine lateinische Urkunde nicht.";
        let found = mentions_of(&find(text), text);
        assert_mentions(&found, &["deutsche", "lateinische"], EntityType::Misc, true);
    }

    #[test]
    fn places_named_with_geographic_words_of_other_languages() {
        let text = "Die Straße führt zum Lido delle Nazioni und zur Gorge de la Langouette, \
                    dann über den Cerro San Félix und den Hudson River bis zur Via Roma.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &[
                "Lido delle Nazioni",
                "Gorge de la Langouette",
                "Cerro San Félix",
                "Hudson River",
                "Via Roma",
            ],
            EntityType::Location,
            false,
        );
        assert_no_mentions(&found, &["Félix", "Roma", "Lido"]);
        let text = "Der Zug fuhr von der Westminster Hall nach Bedford Falls, Jason Hall blieb.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Westminster Hall", "Bedford Falls"],
            EntityType::Location,
            false,
        );
        assert_mentions(&found, &["Jason Hall"], EntityType::Person, false);
        let text = "Die Klausur in Wildbad Kreuth, der Bus nach Norderstedt Mitte. Der Weg \
                    führt nach Neu Lübbenau.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Wildbad Kreuth", "Norderstedt Mitte", "Neu Lübbenau"],
            EntityType::Location,
            false,
        );
        assert_no_mentions(&found, &["Der Weg"]);
    }

    #[test]
    fn initials_and_foreign_particles_complete_given_names() {
        let text = "Die 16-jährige Susanne R. hat gestanden. Jefferson sandte Robert R. \
                    Livingston nach Paris. Ihr Name war Ana de Sousa. Ölminister Ali \
                    al-Nuaimi sprach.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &[
                "Susanne R.",
                "Robert R. Livingston",
                "Ana de Sousa",
                "Ali al-Nuaimi",
            ],
            EntityType::Person,
            false,
        );
        assert_no_mentions(&found, &["Livingston", "Sousa"]);
        let text = "Der Kreis um Edgar Jung traf sich, die Entmachtung Johannes des \
                    Kappadokers folgte. Maria des Jahres wurde gewählt.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Edgar Jung", "Johannes des Kappadokers"],
            EntityType::Person,
            false,
        );
        assert_no_mentions(&found, &["Maria des Jahres"]);
    }

    #[test]
    fn acronyms_of_roman_numeral_letters_and_competitions() {
        let text = "Bis zur DLV-Gala kommt der IDM-Neuling. Papst Johannes XXIII. und \
                    Ludwig XIV. starben. Bei den Olympischen Spielen und in der Champions \
                    League spielte er; die Rote Armee marschierte.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &[
                "DLV",
                "IDM",
                "Olympischen Spielen",
                "Champions League",
                "Rote Armee",
            ],
            EntityType::Organization,
            false,
        );
        assert!(
            !found
                .iter()
                .any(|(name, kind, _)| *kind == EntityType::Organization
                    && (name == "XXIII" || name == "XIV")),
            "{found:?}"
        );
        for numeral in ["II", "XIV", "XXIII", "XL", "LXXX", "IX"] {
            assert!(is_roman_numeral(numeral), "{numeral}");
        }
        for acronym in ["DLV", "IDM", "DVV", "CDC", "MDM", "IIX"] {
            assert!(!is_roman_numeral(acronym), "{acronym}");
        }
    }

    #[test]
    fn models_of_products_with_their_maker() {
        let text = "Die Boeing 737 und der Airbus A320 fliegen, im Krieg flog die Aichi D3A. \
                    Der S800 fuhr, doch die A1 ist gesperrt und die U12 fährt nicht. Mainz 05 \
                    gewann, McLaren-Mercedes fuhr 23 Runden, am 12. Juni 2008. Ab Q1 2010 \
                    steigt der Umsatz.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Boeing 737", "Airbus A320", "Aichi D3A", "S800"],
            EntityType::Misc,
            false,
        );
        for (name, kind, _) in &found {
            assert!(
                *kind != EntityType::Misc
                    || !["A1", "U12", "Mainz 05", "12", "23", "Ab"]
                        .iter()
                        .any(|word| name.contains(word)),
                "{name}: {found:?}"
            );
        }
    }

    #[test]
    fn an_unknown_name_after_a_word_for_a_person_is_a_person() {
        let text = "Er lebte bei seiner Tante Cilli und dem Psychologen Baldwin. Auch der \
                    Menschenrechtsaktivist Barghuti und der Franzose Louis Saha kamen.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Cilli", "Barghuti", "Louis Saha"],
            EntityType::Person,
            false,
        );
    }

    #[test]
    fn a_persons_surname_that_names_a_place_is_the_person_unless_governed() {
        let text = "Der Staatsanwalt Alan Jackson sprach. Jackson geht davon aus, dass er \
                    schuldig ist. Der Prozess findet in Jackson statt.";
        assert_eq!(
            kinds_of(text, "Jackson")[1..],
            [Some(EntityType::Person), Some(EntityType::Location)]
        );
    }

    #[test]
    fn a_name_before_a_speech_verb_is_a_person_even_when_a_village_has_it() {
        let text = "Röttgen bestätigte im Ausschuss die Pläne. Er fuhr nach Röttgen.";
        assert_eq!(
            kinds_of(text, "Röttgen"),
            [Some(EntityType::Person), Some(EntityType::Location)]
        );
    }

    #[test]
    fn towns_named_like_words_only_where_a_place_stands() {
        let text = "Er zog nach Halle und arbeitete in der Niederlassung Hof. Das OLG Hamm \
                    entschied. Die Messe in Halle 5 war voll. Der Hof war leer. Das Essen war gut.";
        let at = |word: &str, nth: usize| kinds_of(text, word)[nth];
        assert_eq!(at("Halle", 0), Some(EntityType::Location));
        assert_eq!(at("Hof", 0), Some(EntityType::Location));
        assert_eq!(at("Hamm", 0), Some(EntityType::Location));
        assert_eq!(at("Halle", 1), None);
        assert_eq!(at("Hof", 1), None);
        assert_eq!(at("Essen", 0), None);
    }

    #[test]
    fn an_adjective_and_its_noun_before_a_speech_verb_name_nobody() {
        let text = "Der Obmann im Auswärtigen Ausschuss sagte das. Der Sprecher im Großen \
                    Rat erklärte es. Gestern kam Patrick Kamanda, sagte er.";
        let found = mentions_of(&find(text), text);
        assert_no_mentions(&found, &["Auswärtigen Ausschuss", "Großen Rat"]);
        assert_mentions(&found, &["Patrick Kamanda"], EntityType::Person, false);
    }

    #[test]
    fn an_unknown_name_after_von_by_what_surrounds_it() {
        let text = "Die Strecke führt von Downsview nach Toronto, sechs Kilometer südlich \
                    von Modrava. Der Bürgermeister von Werthern kam. Das Relief wurde von \
                    Weinert gestaltet. Die Kunden von Spezstroi zahlen.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Downsview", "Modrava", "Werthern"],
            EntityType::Location,
            false,
        );
        assert_mentions(&found, &["Weinert"], EntityType::Person, false);
        // Nothing tells a maker from a place here.
        assert_no_mentions(&found, &["Spezstroi"]);
    }

    #[test]
    fn no_place_after_an_indefinite_article() {
        let text = "Die Burg wird durch ein Bachtal getrennt. Sie fiel in einen tiefen \
                    Glasberg. Der Weg führt nach Pramtal und Gudmedorf.";
        let found = mentions_of(&find(text), text);
        assert_no_mentions(&found, &["Bachtal", "Glasberg"]);
        assert_mentions(
            &found,
            &["Pramtal", "Gudmedorf"],
            EntityType::Location,
            false,
        );
    }

    #[test]
    fn organisations_go_on_in_words_that_are_no_german_noun() {
        let text = "Mitsubishi UFJ lagen vorn, Mærsk Line folgte. Die SPD Berlin tagte, \
                    die NATO Kommission auch. Yahoo! kaufte, Yahoo ! verlor.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Mitsubishi UFJ", "Mærsk Line", "Yahoo!", "Yahoo !"],
            EntityType::Organization,
            false,
        );
        assert_mentions(&found, &["SPD", "NATO"], EntityType::Organization, false);
        assert_mentions(&found, &["Berlin"], EntityType::Location, false);
    }

    #[test]
    fn persons_read_in_parts_are_one_person() {
        let text = "Chefinspektor Hadden Dolores kam. Tayler Jane Geddes ist die Tochter. \
                    Die Lehre von Greenberg Joseph Greenberg blieb.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Hadden Dolores", "Tayler Jane Geddes"],
            EntityType::Person,
            false,
        );
        assert_no_mentions(
            &found,
            &["Greenberg Joseph Greenberg", "Dolores", "Jane Geddes"],
        );
    }

    #[test]
    fn countries_opening_compounds_are_parts_of_the_word() {
        let text = "Der Europaminister kam zur Europameisterschaft. Afrikanische Währungen \
                    fielen, die Indienststellung und die Leidenschaft auch.";
        let found = mentions_of(&find(text), text);
        assert_mentions(&found, &["Europa"], EntityType::Location, false);
        assert_eq!(
            found.iter().filter(|(name, ..)| name == "Europa").count(),
            2
        );
        assert_no_mentions(&found, &["Afrika", "Indien", "Leiden"]);
    }

    #[test]
    fn acronyms_defined_with_small_letters_hyphenated_words_and_legal_forms() {
        let text = "Der Bundesverband deutscher Banken (BdB) warnte. Die Verkehrsbetriebe \
                    Hamburg-Holstein AG (VHH) fahren. So die Deutsche Vermögensberatung (DVAG).";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &[
                "Bundesverband deutscher Banken",
                "BdB",
                "Verkehrsbetriebe Hamburg-Holstein AG",
                "VHH",
                "Deutsche Vermögensberatung",
                "DVAG",
            ],
            EntityType::Organization,
            false,
        );
    }

    #[test]
    fn a_towns_word_before_a_word_for_a_body_or_paper_names_an_organisation() {
        let text = "Der Hamburger Mieterverein und die Kölner Frauenhilfe klagten, die \
                    Hamburger Polizei und Bayerische Vereine nicht.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Hamburger Mieterverein", "Kölner Frauenhilfe"],
            EntityType::Organization,
            false,
        );
        assert_mentions(&found, &["Hamburger"], EntityType::Location, true);
        assert_no_mentions(&found, &["Hamburger Polizei", "Bayerische Vereine"]);
    }

    #[test]
    fn a_name_broken_at_its_hyphen_is_the_name() {
        let text = "Er lebt in Mecklenburg- Vorpommern, sie in Mecklenburg-Vorpommern.";
        let entities = find(text);
        let found = mentions_of(&entities, text);
        assert_mentions(
            &found,
            &["Mecklenburg- Vorpommern", "Mecklenburg-Vorpommern"],
            EntityType::Location,
            false,
        );
        assert_eq!(
            entities
                .list
                .iter()
                .filter(|e| !e.mentions.is_empty())
                .count(),
            1
        );
    }

    #[test]
    fn names_after_a_word_for_an_organisation() {
        let text = "Die Tochter der Versicherung Swiss Life und die Gewerkschaft Ver.di \
                    stritten mit dem Weinbaubetrieb Buena Vista Winery.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Swiss Life", "Ver.di", "Buena Vista Winery"],
            EntityType::Organization,
            false,
        );
    }

    #[test]
    fn institutions_named_by_what_they_are_for() {
        let text = "Er lehrt an der Hochschule für Technik und Wirtschaft des Saarlandes. \
                    Ein Zentrum für Flüchtlinge entsteht.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Hochschule für Technik und Wirtschaft des Saarlandes"],
            EntityType::Organization,
            false,
        );
        assert_no_mentions(&found, &["Zentrum für Flüchtlinge", "Saarlandes"]);
    }

    #[test]
    fn publishers_take_over_the_names_they_are_named_after() {
        let text = "Erschienen im Leibniz Verlag und beim Mitteldeutschen Verlag Halle.";
        let found = mentions_of(&find(text), text);
        assert_mentions(&found, &["Leibniz Verlag"], EntityType::Organization, false);
        assert_no_mentions(&found, &["Leibniz", "beim Mitteldeutschen Verlag"]);
    }

    #[test]
    fn titles_in_lists_of_works_after_their_authors() {
        let text = "Literatur\n* Peter Laslett: Verlorene Lebenswelten, Geschichte der \
                    vorindustriellen Gesellschaft. Berlin 1995.\nKanzlerin Angela Merkel: Wir \
                    schaffen das.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Verlorene Lebenswelten, Geschichte der vorindustriellen Gesellschaft"],
            EntityType::Misc,
            false,
        );
        assert_no_mentions(&found, &["Wir schaffen das"]);
    }

    #[test]
    fn quoted_titles_after_a_colon_or_wie() {
        let text = "Er schrieb ein Buch mit dem Titel: „Die Algebra des Überlebens“ und \
                    drehte Dokumentationen wie „ARD-exclusiv“, „Das rote Quadrat“.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &[
                "Die Algebra des Überlebens",
                "ARD-exclusiv",
                "Das rote Quadrat",
            ],
            EntityType::Misc,
            false,
        );
    }

    #[test]
    fn a_role_names_no_word_behind_a_comma_and_short_heads_make_nouns() {
        let text = "Alle, Bundespräsident, Bundesregierung und Opposition, stimmten zu. \
                    Oberarzt Dr. Meier kam. Er ist Ministerialrat und fährt Igelbus.";
        let found = mentions_of(&find(text), text);
        assert_no_mentions(&found, &["Bundesregierung", "Ministerialrat", "Igelbus"]);
        assert_mentions(&found, &["Meier"], EntityType::Person, false);
    }

    #[test]
    fn compounds_named_after_a_person() {
        let text = "Er spielte für Motor Karl-Marx-Stadt und besuchte das \
                    Otto-Schott-Gymnasium, aber keinen Tante-Emma-Laden.";
        let found = mentions_of(&find(text), text);
        assert_mentions(&found, &["Karl-Marx"], EntityType::Person, false);
        assert_mentions(
            &found,
            &["Otto-Schott-Gymnasium"],
            EntityType::Organization,
            false,
        );
        assert_no_mentions(&found, &["Tante-Emma", "Emma"]);
    }

    #[test]
    fn unknown_towns_words_before_a_noun_are_derived_from_a_place() {
        let text = "Die Burg lag im Ahltener Wald, Leeraner Bürger kamen. Der \
                    Regierender Bürgermeister kam.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Ahltener", "Leeraner"],
            EntityType::Location,
            true,
        );
        assert_no_mentions(&found, &["Regierender"]);
    }

    #[test]
    fn a_name_after_a_word_for_a_place_is_the_place() {
        let text = "Der Kanton Baselland erhöht die Steuern, die Gemeinde Kirchborgum nicht. \
                    Die Stadt Zukunft ist eine Idee.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Baselland", "Kirchborgum"],
            EntityType::Location,
            false,
        );
        assert_no_mentions(&found, &["Zukunft"]);
    }

    #[test]
    fn english_names_of_organisations_by_their_head() {
        let text = "Der Aufsatz erschien beim California Institute of Technology, das Jet \
                    Propulsion Laboratory baute die Sonde, der Danish Refugee Council half.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &[
                "California Institute of Technology",
                "Jet Propulsion Laboratory",
                "Danish Refugee Council",
            ],
            EntityType::Organization,
            false,
        );
        assert_no_mentions(&found, &["California", "Danish"]);
        let text = "Sampras startete bei den US Open, danach beim Red Bull Air Race.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["US Open", "Red Bull Air Race"],
            EntityType::Organization,
            false,
        );
    }

    #[test]
    fn english_public_bodies_with_and_and_of_in_their_names() {
        let text = "The Food and Drug Administration approved it, the U.S. Securities and \
                    Exchange Commission did not. Officials at the Federal Bureau of \
                    Investigation and South Dakota's Department of Social Services agreed. \
                    The Department of Health and Human Services paid.";
        let found = mentions_of(&find_in(text, true), text);
        assert_mentions(
            &found,
            &[
                "Food and Drug Administration",
                "U.S. Securities and Exchange Commission",
                "Federal Bureau of Investigation",
                "Department of Social Services",
                "Department of Health and Human Services",
            ],
            EntityType::Organization,
            false,
        );
        assert_no_mentions(
            &found,
            &[
                "The Food and Drug Administration",
                "South Dakota's Department of Social Services",
            ],
        );
        // Names joined by "and" stay apart; a degree's field and a head
        // alone name no organisation.
        let text = "Both the United Nations and European Union objected. She holds a Master \
                    of Business Administration and sits on the Board.";
        let found = mentions_of(&find_in(text, true), text);
        assert_mentions(
            &found,
            &["United Nations", "European Union"],
            EntityType::Organization,
            false,
        );
        assert_no_mentions(
            &found,
            &[
                "United Nations and European Union",
                "Business Administration",
                "Board",
            ],
        );
    }

    #[test]
    fn the_organisation_before_a_compound_role() {
        let text = "Es ist Tradition, dass der Haniel-Chef dem Kontrollorgan angehört. Der \
                    Fraktions-Chef und der Ex-Chef schwiegen.";
        let found = mentions_of(&find(text), text);
        assert_mentions(&found, &["Haniel"], EntityType::Organization, false);
        assert_no_mentions(&found, &["Fraktions", "Ex"]);
    }

    #[test]
    fn a_one_word_place_after_a_word_for_a_person_is_the_persons_name() {
        let text = "Nachdem Präsident Cleveland die Wahl verloren hatte, zog sein Onkel \
                    Gallus um. Der Ministerpräsident Sachsens kam aus Dresden.";
        let found = mentions_of(&find(text), text);
        assert_mentions(&found, &["Cleveland", "Gallus"], EntityType::Person, false);
        assert_mentions(
            &found,
            &["Sachsens", "Dresden"],
            EntityType::Location,
            false,
        );
    }

    #[test]
    fn named_wars_pacts_and_constitutions() {
        let text = "Im Dreißigjährigen Krieg brannte der Ort, mit dem Zerfall des \
                    Warschauer Paktes endete die Ära. Den Krieg wollte niemand.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Dreißigjährigen Krieg", "Warschauer Paktes"],
            EntityType::Misc,
            false,
        );
        assert_no_mentions(&found, &["Den Krieg", "Warschauer"]);
    }

    #[test]
    fn peoples_after_a_place_and_women_of_a_people() {
        let text = "Die US-Amerikanerin Lindsey Vonn siegte, der Deutsch-Kanadier traf, \
                    die Amerikanerin jubelte.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["US-Amerikanerin", "Deutsch-Kanadier", "Amerikanerin"],
            EntityType::Location,
            true,
        );
        assert_no_mentions(&found, &["US"]);
    }

    #[test]
    fn landmarks_named_as_compounds_and_lands_in_ien() {
        let text = "Der Weg führt zum Schiffbauerdamm und am Friedrichsborn vorbei, nicht \
                    am Ostufer und nicht über den Weinberg. Davon war Aquitanien betroffen.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Schiffbauerdamm", "Friedrichsborn", "Aquitanien"],
            EntityType::Location,
            false,
        );
        assert_no_mentions(&found, &["Ostufer", "Weinberg"]);
        let text = "Die Salmhütte liegt im Innkreis, das Eigenkapital sank.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Salmhütte", "Innkreis"],
            EntityType::Location,
            false,
        );
        assert_no_mentions(&found, &["Eigenkapital"]);
    }

    #[test]
    fn franken_is_the_currency_only_after_an_amount() {
        let text = "Er zahlte 500 Franken und 23 Mio. Franken; ein Freund aus Franken kam, \
                    das Spiel gegen die Franken ging verloren. In NÖ regnete es.";
        let found = mentions_of(&find(text), text);
        let franken: Vec<_> = found
            .iter()
            .filter(|(name, ..)| name == "Franken")
            .collect();
        assert_eq!(
            franken
                .iter()
                .filter(|(_, kind, _)| *kind == EntityType::Misc)
                .count(),
            2,
            "{found:?}"
        );
        assert!(franken.contains(&&("Franken".to_string(), EntityType::Location, false)));
        assert!(franken.contains(&&("Franken".to_string(), EntityType::Location, true)));
        assert_mentions(&found, &["NÖ"], EntityType::Location, false);
    }

    #[test]
    fn lady_belongs_to_the_name_and_an_example_names_nothing() {
        let text = "Popstar Lady Gaga sang, Sir Elton John spielte. Dagegen war zum \
                    Beispiel Advocaat für Borussia.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Lady Gaga", "Elton John"],
            EntityType::Person,
            false,
        );
        assert!(
            !found
                .iter()
                .any(|(name, kind, _)| name == "Advocaat" && *kind == EntityType::Misc),
            "{found:?}"
        );
    }

    #[test]
    fn a_lexicon_persons_genitive_is_that_person() {
        let text = "US-Außenminister Antony Blinken äußerte sich besorgt. Einige teilen \
                    die Bedenken Blinkens.";
        let entities = find(text);
        let blinken: Vec<_> = entities
            .list
            .iter()
            .filter(|entity| {
                entity
                    .mentions
                    .iter()
                    .any(|m| text[m.clone()].contains("Blinken"))
            })
            .collect();
        assert_eq!(blinken.len(), 1, "{:?}", entities.list);
        assert_eq!(blinken[0].mentions.len(), 2);
    }

    #[test]
    fn a_full_name_outweighs_its_parts_read_alone() {
        // A given name read as an inhabitant, a surname read as a
        // nationality, and a person known by one word before an unknown
        // surname.
        let text = "Die Firma wird von Werner Borchert geführt, sagt Christiane Holländer. Es traf Bremens Stürmer Nelson Valdez.";
        let found = mentions_of(&find(text), text);
        assert_mentions(
            &found,
            &["Werner Borchert", "Christiane Holländer", "Nelson Valdez"],
            EntityType::Person,
            false,
        );
        assert_no_mentions(&found, &["Werner", "Holländer", "Nelson", "Valdez"]);
    }

    #[test]
    fn nouns_and_noun_shapes_are_no_unknown_names() {
        // A compound of a listed noun, a Swiss spelling, a nominalised
        // adjective, a dative plural, a truncated compound, adverbs and
        // adjectives opening a sentence (one with "ß", which the word
        // list folds to "ss"), a title in quotes, a word after an article
        // and a verb with its prefix used as a noun.
        let text = "Er fand einen Stoffwechselweg. Es gab Zusammenstösse mit Befallenen und Abfüllern, Persönlichkeits- und Datenschutz. Außerdem kam er. Eigenartig war das. Er las „Ratfale“. Er sah die Transposons. Es half kein Umleiten.";
        let found = mentions_of(&find(text), text);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn given_names_open_person_names() {
        let text = "Gestern trafen sich Angela Merkel, Thomas de Maizière und SAGA-Sprecher Mario Spitzmüller in der Schwanitzstraße. Renate Schmidt traf den Nerv.";
        let entities = find(text);
        let found = mentions_of(&entities, text);
        assert_mentions(
            &found,
            &[
                "Angela Merkel",
                "Thomas de Maizière",
                "Mario Spitzmüller",
                "Renate Schmidt",
            ],
            EntityType::Person,
            false,
        );
        assert!(
            !found
                .iter()
                .any(|(text, kind, _)| *kind == EntityType::Person
                    && (text.contains("Nerv") || text.contains("straße"))),
            "{found:?}"
        );
    }

    #[test]
    fn a_given_name_alone_is_a_person_apart_from_the_surname_of_that_spelling() {
        let text = "Sein Sohn Tobias spielte mit David. Larry David lachte. Die Karl-Marx-Allee war voll. Dann ging David. Es kam Claudia B. dazu.";
        let entities = find(text);
        let found = mentions_of(&entities, text);
        assert_mentions(
            &found,
            &["Tobias", "David", "Larry David", "Claudia B."],
            EntityType::Person,
            false,
        );
        let id_of = |name: &str| {
            entities
                .list
                .iter()
                .find(|entity| entity.name == name)
                .map(|entity| entity.id.clone())
        };
        assert_ne!(id_of("David"), id_of("Larry David"), "{:?}", entities.list);
        // After the full name, the name alone is the surname of that person.
        let last = text.rfind("David").unwrap();
        let larry = entities
            .list
            .iter()
            .find(|entity| entity.name == "Larry David")
            .unwrap();
        assert!(
            larry.mentions.iter().any(|mention| mention.start == last),
            "{larry:?}"
        );
        // The street is a place, named after no one found here.
        assert!(
            !found
                .iter()
                .any(|(text, kind, _)| text.starts_with("Karl") && *kind == EntityType::Person),
            "{found:?}"
        );
    }

    #[test]
    fn federal_bodies_and_publishers_are_organisations() {
        let text = "Das Bundesamt für Gesundheit warnte, die Bundesärztekammer schwieg, und der Hirzel Verlag druckte es. Später kam das Buch im Rowohlt Theater Verlag heraus.";
        let entities = find(text);
        let found = mentions_of(&entities, text);
        assert_mentions(
            &found,
            &[
                "Bundesamt für Gesundheit",
                "Bundesärztekammer",
                "Hirzel Verlag",
                "Rowohlt Theater Verlag",
            ],
            EntityType::Organization,
            false,
        );
    }

    #[test]
    fn clubs_named_after_towns_are_organisations() {
        let text = "Der VfL Osnabrück schlug den 1. FC Köln, und in Osnabrück wurde gefeiert.";
        let entities = find(text);
        let found = mentions_of(&entities, text);
        assert_mentions(
            &found,
            &["VfL Osnabrück", "1. FC Köln"],
            EntityType::Organization,
            false,
        );
        assert!(
            found.contains(&("Osnabrück".to_string(), EntityType::Location, false)),
            "{found:?}"
        );
    }

    #[test]
    fn a_result_is_no_part_of_a_club() {
        let text = "Ergebnisse: VfL Wolfsburg - 1. FC Köln 1:1, FC Schalke 04 - FC Valencia 1:0.";
        let entities = find(text);
        let found = mentions_of(&entities, text);
        assert_mentions(
            &found,
            &[
                "VfL Wolfsburg",
                "1. FC Köln",
                "FC Schalke 04",
                "FC Valencia",
            ],
            EntityType::Organization,
            false,
        );
    }

    #[test]
    fn participles_open_sentences_without_naming_anyone() {
        let text =
            "Strafmildernd wurde ihnen zugerechnet, dass sie halfen. Zögernd stimmte Kowalczyk zu.";
        let found = mentions_of(&find(text), text);
        assert_eq!(
            found,
            [("Kowalczyk".to_string(), EntityType::Person, false)],
            "{found:?}"
        );
    }

    #[test]
    fn compound_roles_and_occupations_name_the_person_after_them() {
        let text = "Gestern kritisierte Bundesinnenminister Schäuble den Plan, den SPD-Chef Beck und Regisseur Wenders lobten.";
        let entities = find(text);
        let found = mentions_of(&entities, text);
        assert_mentions(
            &found,
            &["Schäuble", "Beck", "Wenders"],
            EntityType::Person,
            false,
        );
    }

    #[test]
    fn streets_regions_and_spas_are_places() {
        let text = "Die Friedberger Landstraße beginnt hier. In Ostdeutschland und Süditaliens Dörfern, in der Schwanitzstraße und in Bad Schussenried. Der Flugplatz liegt am Rhein.";
        let entities = find(text);
        let found = mentions_of(&entities, text);
        assert_mentions(
            &found,
            &[
                "Friedberger Landstraße",
                "Ostdeutschland",
                "Süditaliens",
                "Schwanitzstraße",
                "Bad Schussenried",
                "Rhein",
            ],
            EntityType::Location,
            false,
        );
        assert_no_mentions(&found, &["Flugplatz"]);
    }

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
        // A degree's abbreviation defines no organisation.
        let text = "Sie erwarb einen Master of Business Administration (MBA) in Köln.";
        let degree = find(text);
        assert!(
            !degree
                .list
                .iter()
                .any(|e| e.entity_type == EntityType::Organization),
            "{:?}",
            degree.list
        );
    }
}
