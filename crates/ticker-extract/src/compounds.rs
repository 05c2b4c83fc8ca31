//! Names built from a place or an adjective and a head word, found before
//! the lexicon would take their parts apart: "Deutschen Bundestag",
//! "Passauer Neuen Presse", "Universität Gießen", "Bayer Leverkusen",
//! "THW Kiel", "Chicago Bulls", "A 7", "St. Moritz", "Zweiten Weltkrieg",
//! "US-Dollar", "Frankfurter Hauptbahnhof".

use ticker_model::EntityType;

use crate::entities::{
    adjacent_words, is_acronym, is_common_word, is_name_word, place_of, Entities, LexiconEntry,
    Token,
};

/// Lexicon variants by first word (see `entities::lexicon`).
type Lexicon = rustc_hash::FxHashMap<&'static str, Vec<LexiconEntry>>;

/// Heads of organisations that an adjective names ("Deutschen
/// Bundestag", "Hessischen Rundfunks", "Hamburger Mieterverein"): whole
/// words, or the end of a compound for the longer ones.
const ORGANIZATION_HEADS: &[&str] = &[
    "zeitung",
    "rundschau",
    "presse",
    "kurier",
    "rundfunk",
    "bundestag",
    "landtag",
    "parlament",
    "kommission",
    "ministerium",
    "hochschule",
    "universität",
    "verein",
    "verband",
    "partei",
    "gewerkschaft",
    "tageblatt",
    "anzeiger",
    "nachrichten",
    "akademie",
    "institut",
    "stiftung",
    "sparkasse",
    "gerichtshof",
    "agentur",
    "theater",
    "orchester",
    "philharmoniker",
    "landesbank",
    "volksbank",
    "rat",
    "bank",
    "bund",
    "union",
    "bahn",
    "post",
    "oper",
];

/// Adjectives that name organisations without being formed from a place.
const NAME_ADJECTIVES: &[&str] = &[
    "Deutsch",
    "Neu",
    "Allgemein",
    "Frei",
    "Vereinigt",
    "Europäisch",
    "International",
    "National",
    "Olympisch",
    "Rot",
    "Oberst",
    "Evangelisch",
    "Katholisch",
    "Christlich",
    "Sozialdemokratisch",
    "Süddeutsch",
    "Norddeutsch",
    "Westdeutsch",
    "Ostdeutsch",
    "Mitteldeutsch",
];

/// Institutions named by the town they are in ("Universität Gießen",
/// "Landgericht Frankfurt", "TU Berlin").
const INSTITUTIONS: &[&str] = &[
    "Universität",
    "Uni",
    "TU",
    "FH",
    "TH",
    "Hochschule",
    "Fachhochschule",
    "Klinikum",
    "Universitätsklinikum",
    "Staatstheater",
    "Staatsoper",
    "Realschule",
    "Gymnasium",
    "Gesamtschule",
    "Grundschule",
    "Fraunhofer",
    "Kraftwerk",
];

/// Police authorities, named by their district ("Polizeipräsidium
/// Westpfalz", "Polizeidirektion Leipzig").
const POLICE_AUTHORITIES: &[&str] = &[
    "Polizeipräsidium",
    "Polizeidirektion",
    "Polizeiinspektion",
    "Landespolizeidirektion",
];

/// First words of sports clubs named with their town ("Bayer
/// Leverkusen", "Inter Mailand", "Preußen Münster").
const CLUB_WORDS: &[&str] = &[
    "Bayer",
    "Borussia",
    "Preußen",
    "Inter",
    "Juventus",
    "Eintracht",
    "Werder",
    "Fortuna",
    "Alemannia",
    "Arminia",
    "Energie",
    "Dynamo",
    "Dinamo",
    "Kickers",
    "Hansa",
    "Hertha",
    "Real",
    "Atlético",
    "Olympique",
    "Ajax",
    "Sporting",
    "Benfica",
    "Lokomotive",
    "Lok",
    "Spartak",
    "Galatasaray",
    "Fenerbahçe",
    "Beşiktaş",
    "Slavia",
    "Sparta",
    "Rapid",
    "Admira",
    "Sturm",
    "Viktoria",
    "Wacker",
    "Panathinaikos",
    "Olympiakos",
    "Lazio",
    "Union",
    "Holstein",
];

/// English words after a town that make it a club or a newspaper
/// ("Stoke City", "New York Times", "Washington Post").
const TOWN_ORGANIZATION_WORDS: &[&str] = &[
    "City",
    "United",
    "Town",
    "Rovers",
    "County",
    "Athletic",
    "Wanderers",
    "Albion",
    "Times",
    "Post",
    "Herald",
    "Tribune",
    "Journal",
    "Chronicle",
];

/// Landmarks named by an adjective of their town ("Frankfurter
/// Hauptbahnhof", "Tegeler See", "Viernheimer Dreieck").
const LANDMARK_NOUNS: &[&str] = &[
    "Bahnhof",
    "Hauptbahnhof",
    "See",
    "Dreieck",
    "Kreuz",
    "Tor",
    "Brücke",
    "Hafen",
    "Flughafen",
    "Dom",
    "Schloss",
    "Bucht",
    "Kanal",
    "Stadion",
    "Stein",
    "Becken",
    "Land",
    "Bergland",
    "Hochland",
];

/// Road kinds before a number ("Bundesstraße 216", "Autobahn 9").
const ROAD_NOUNS: &[&str] = &[
    "Bundesstraße",
    "Bundesautobahn",
    "Autobahn",
    "Landesstraße",
    "Staatsstraße",
    "Kreisstraße",
    "Route",
    "Highway",
    "Interstate",
];

/// Ordinals before "Weltkrieg".
const WAR_ORDINALS: &[&str] = &[
    "Ersten", "Zweiten", "Erster", "Zweiter", "Erste", "Zweite", "ersten", "zweiten", "erster",
    "zweiter", "erste", "zweite",
];

/// Currency nouns that end a compound ("US-Dollar", "CFA-Franc").
const CURRENCY_TAILS: &[&str] = &[
    "Dollar", "Dollars", "Franc", "Francs", "Franken", "Pfund", "Peso", "Pesos", "Rubel", "Yuan",
    "Kronen", "Krone", "Rupie", "Rupien", "Real", "Dinar", "Rand", "Yen", "Lira", "Mark",
];

/// Whether `word` is a domain name: labels of letters, digits and
/// hyphens, and a common top-level domain ("t-online.de", "Blick.ch").
fn is_domain(word: &str) -> bool {
    const TOP_LEVEL: &[&str] = &[
        "de", "com", "org", "net", "at", "ch", "eu", "info", "uk", "fr", "it", "io",
    ];
    // (A byte search inline: this is asked for every word, and few have a
    // period.)
    let Some(dot) = word.bytes().rposition(|byte| byte == b'.') else {
        return false;
    };
    let (name, top) = (&word[..dot], &word[dot + 1..]);
    TOP_LEVEL.contains(&top)
        && name.len() >= 2
        && name.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && name.chars().any(char::is_alphabetic)
}

/// Whether `words[at]` is followed by `connector` and a capitalised word,
/// all adjacent ("Bundesamt für Gesundheit", "Unterricht und Kultus").
pub(crate) fn joined_by(text: &str, words: &[Token<'_>], at: usize, connector: &str) -> bool {
    at + 2 < words.len()
        && words[at + 1].text == connector
        && words[at + 2].text.starts_with(char::is_uppercase)
        && adjacent_words(text, &words[at], &words[at + 1])
        && adjacent_words(text, &words[at + 1], &words[at + 2])
}

/// Whether `word` is a one-word place of the lexicon.
fn is_place(lexicon: &Lexicon, word: &str) -> bool {
    place_of(lexicon, word).is_some()
}

/// The lexicon entry that matches at `index`, if any: (canonical, type,
/// words).
fn lexicon_match(
    lexicon: &Lexicon,
    words: &[Token<'_>],
    index: usize,
) -> Option<(&'static str, EntityType, usize)> {
    lexicon
        .get(words[index].text)?
        .iter()
        .find(|(_, _, parts)| {
            parts
                .iter()
                .enumerate()
                .all(|(offset, part)| words.get(index + offset).is_some_and(|w| w.text == *part))
        })
        .map(|(canonical, kind, parts)| (*canonical, *kind, parts.len()))
}

/// An adjective that can start a name: formed from a place ("Deutschen",
/// "Passauer", "Eichsfelder"), in "-isch" ("Hessischen",
/// "Medizinischen"), or one of [`NAME_ADJECTIVES`] with its ending.
fn is_name_adjective(word: &str, derived: &dyn Fn(&str) -> bool) -> bool {
    if !word.starts_with(char::is_uppercase) || word.contains('-') {
        return false;
    }
    if derived(word) {
        return true;
    }
    let stem = ["em", "en", "er", "es", "e"]
        .iter()
        .find_map(|ending| word.strip_suffix(ending))
        .unwrap_or(word);
    if stem.ends_with("isch") && stem.chars().count() > 5 {
        return true;
    }
    if NAME_ADJECTIVES.contains(&stem) {
        return true;
    }
    // "Passauer", "Eichsfelder": an uninflected "-er" word that is no
    // ordinary word.
    word.ends_with("er") && word.chars().count() >= 5 && !is_common_word(word)
}

// The lists of this pass a word can be in, one bit each.
const HEAD: u8 = 1;
const LANDMARK: u8 = 1 << 1;
const ROAD: u8 = 1 << 2;
const INSTITUTION: u8 = 1 << 3;
const POLICE: u8 = 1 << 4;
const CLUB: u8 = 1 << 5;
const TOWN_ORGANIZATION: u8 = 1 << 6;

/// The lists `word` is in: [`ORGANIZATION_HEADS`] (by its ending, see
/// [`is_organization_head`]), and by the whole word [`LANDMARK_NOUNS`],
/// [`ROAD_NOUNS`], [`INSTITUTIONS`], [`POLICE_AUTHORITIES`],
/// [`CLUB_WORDS`] and [`TOWN_ORGANIZATION_WORDS`]. (One lookup, where
/// comparing with each list cost a hundred comparisons per word.)
fn kinds_of(word: &str) -> u8 {
    static KINDS: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, u8>> =
        std::sync::OnceLock::new();
    let listed = KINDS.get_or_init(|| {
        let mut kinds = rustc_hash::FxHashMap::default();
        for (list, kind) in [
            (LANDMARK_NOUNS, LANDMARK),
            (ROAD_NOUNS, ROAD),
            (INSTITUTIONS, INSTITUTION),
            (POLICE_AUTHORITIES, POLICE),
            (CLUB_WORDS, CLUB),
            (TOWN_ORGANIZATION_WORDS, TOWN_ORGANIZATION),
        ] {
            for word in list {
                *kinds.entry(*word).or_insert(0) |= kind;
            }
        }
        kinds
    });
    let head = if is_organization_head(word) { HEAD } else { 0 };
    head | listed.get(word).copied().unwrap_or(0)
}

/// Whether `word` is an organisation head ([`ORGANIZATION_HEADS`]), also in
/// the genitive and as the last part of a hyphenated compound.
fn is_organization_head(word: &str) -> bool {
    if !word.starts_with(char::is_uppercase) {
        return false;
    }
    let last = word.rsplit('-').next().unwrap_or(word);
    // (Only the heads with the form's last letter are compared, since this
    // is asked for most capitalised words. Only the first letter differs in
    // case, and it is ASCII in every head.)
    static HEADS: std::sync::OnceLock<crate::entities::ByLastByte> = std::sync::OnceLock::new();
    let heads = HEADS.get_or_init(|| crate::entities::ByLastByte::new(ORGANIZATION_HEADS));
    // The word ends in a head, also in the genitive: the whole word, or a
    // compound's head of six letters or more ("Staatstheater" ends in one;
    // "Stadtrat" in none, "rat" being short).
    let is_head = |form: &str| {
        let last_byte = form.bytes().last().map(|byte| byte.to_ascii_lowercase());
        heads.ending_with(last_byte).iter().any(|head| {
            let whole = form.len() == head.len();
            (whole || (head.len() >= 6 && form.len() > head.len()))
                && form
                    .get(form.len() - head.len()..)
                    .is_some_and(|tail| tail.eq_ignore_ascii_case(head))
        })
    };
    is_head(last)
        || last.strip_suffix("es").is_some_and(is_head)
        || last.strip_suffix('s').is_some_and(is_head)
}

/// Adds `words[from..=to]` as one entity of `kind` unless something
/// already covers it; returns whether it was added.
fn add_span(
    text: &str,
    words: &[Token<'_>],
    entities: &mut Entities,
    from: usize,
    to: usize,
    kind: EntityType,
    key: Option<&str>,
) -> bool {
    let range = words[from].start..words[to].start + words[to].text.len();
    if entities.covers(&range) {
        return false;
    }
    let name = &text[range.clone()];
    entities.add(key.unwrap_or(name), kind, name, range);
    true
}

/// Finds the compound names of `text` (see the module documentation).
/// `derived` tells whether a word is formed from a place.
pub(crate) fn find(
    text: &str,
    words: &[Token<'_>],
    lexicon: &Lexicon,
    derived: &dyn Fn(&str) -> bool,
    entities: &mut Entities,
) {
    let adjacent =
        |from: usize, to: usize| to < words.len() && adjacent_words(text, &words[from], &words[to]);
    // Adds words[from..=to] as one entity and returns the index after it.
    let span = |entities: &mut Entities, from: usize, to: usize, kind: EntityType| -> usize {
        add_span(text, words, entities, from, to, kind, None);
        to + 1
    };
    // Which lists each word is in, judged once per word.
    let kinds: Vec<u8> = words.iter().map(|word| kinds_of(word.text)).collect();
    let is = |at: usize, kind: u8| kinds.get(at).is_some_and(|kinds| kinds & kind != 0);
    let mut index = 0;
    while index < words.len() {
        let word = words[index].text;
        let next = words.get(index + 1).map(|token| token.text);
        // A currency compound: "US-Dollar", "Taiwan-Dollar", "CFA-Franc".
        if let Some((head, tail)) = word.rsplit_once('-') {
            if CURRENCY_TAILS.contains(&tail) && head.starts_with(char::is_uppercase) {
                index = span(entities, index, index, EntityType::Misc);
                continue;
            }
        }
        // A web site by its domain: "stern.de", "www.yasni.de" (a full
        // address with its scheme or path is a link, not a name).
        if is_domain(word)
            && !text[..words[index].start].ends_with(['/', ':', '@'])
            && !text[words[index].start + word.len()..].starts_with(['/', '@'])
        {
            index = span(entities, index, index, EntityType::Misc);
            continue;
        }
        // "Zweiten Weltkrieg", "2. Weltkrieg".
        if next.is_some_and(|next| ["Weltkrieg", "Weltkriegs", "Weltkrieges"].contains(&next)) {
            let ordinal = WAR_ORDINALS.contains(&word)
                || (word.len() == 1
                    && word.starts_with(['1', '2'])
                    && text[words[index].start + 1..words[index + 1].start].trim() == ".");
            if ordinal {
                let key = if word.starts_with(['Z', 'z', '2']) {
                    "Second World War"
                } else {
                    "First World War"
                };
                add_span(
                    text,
                    words,
                    entities,
                    index,
                    index + 1,
                    EntityType::Misc,
                    Some(key),
                );
                index += 2;
                continue;
            }
        }
        // Roads: "A 7", "B 96", "Bundesstraße 216" ("A4" alone is as often
        // a car).
        if let Some(next) = next {
            let number = next.len() <= 3 && next.chars().all(|c| c.is_ascii_digit());
            let road = (["A", "B"].contains(&word) || is(index, ROAD))
                && number
                && text[words[index].start + word.len()..words[index + 1].start] == *" ";
            if road {
                index = span(entities, index, index + 1, EntityType::Location);
                continue;
            }
        }
        // Saints' places and churches: "St. Moritz", "St. Johann Baptist",
        // "Sankt Peter".
        if (word == "St" || word == "Sankt") && index + 1 < words.len() {
            let gap = text[words[index].start + word.len()..words[index + 1].start].trim();
            let joined = if word == "St" {
                gap == "."
            } else {
                gap.is_empty()
            };
            if joined && is_name_word(words[index + 1].text) {
                let mut to = index + 1;
                let given = crate::entities::is_given_name(words[to].text);
                if given && adjacent(to, to + 1) && is_name_word(words[to + 1].text) {
                    to += 1;
                } else if given {
                    // "St. Georg" alone is the saint as often as a place;
                    // after "in" or a church it is the place ("in St.
                    // Moritz", "Kirche St. Peter").
                    let place_before = index > 0 && {
                        let before = words[index - 1].text;
                        ["in", "nach", "aus", "bei"].contains(&before)
                            || ["kirche", "kapelle", "kloster", "dom", "münster"]
                                .iter()
                                .any(|church| before.to_lowercase().ends_with(church))
                    };
                    if !place_before {
                        index += 1;
                        continue;
                    }
                }
                index = span(entities, index, to, EntityType::Location);
                continue;
            }
        }
        // Adjectives and an organisation head: "Deutschen Bundestag",
        // "Passauer Neuen Presse", "Bayerischen Staatsministerium für
        // Unterricht und Kultus", "Medizinischen Hochschule Hannover".
        // (The cheap test first: a head or landmark must follow.)
        let head_follows = |at: usize| is(at, HEAD | LANDMARK);
        if (head_follows(index + 1) || head_follows(index + 2))
            && is_name_adjective(word, derived)
            && lexicon_match(lexicon, words, index).is_none()
        {
            let mut head = index + 1;
            if head < words.len()
                && adjacent(head - 1, head)
                && !is(head, HEAD)
                && is_name_adjective(words[head].text, derived)
            {
                head += 1;
            }
            if head < words.len() && adjacent(head - 1, head) && is(head, HEAD) {
                let mut to = head;
                // "für Unterricht und Kultus".
                if joined_by(text, words, to, "für") {
                    to += 2;
                    if joined_by(text, words, to, "und") {
                        to += 2;
                    }
                } else if adjacent(to, to + 1) && is_place(lexicon, words[to + 1].text) {
                    to += 1;
                }
                // Known organisations keep their id ("Deutschen Bundestag"
                // is the Bundestag).
                let key = lexicon_match(lexicon, words, head)
                    .filter(|(_, kind, len)| *kind == EntityType::Organization && *len == 1)
                    .map(|(canonical, _, _)| canonical);
                add_span(
                    text,
                    words,
                    entities,
                    index,
                    to,
                    EntityType::Organization,
                    key,
                );
                index = to + 1;
                continue;
            }
            // Landmarks: "Frankfurter Hauptbahnhof", "Tegeler See".
            if word.ends_with("er") && adjacent(index, index + 1) && is(index + 1, LANDMARK) {
                index = span(entities, index, index + 1, EntityType::Location);
                continue;
            }
        }
        // Motorway junctions: "Kreuz Hockenheim", "Dreieck Hockenheim".
        if ["Kreuz", "Dreieck", "Autobahnkreuz", "Autobahndreieck"].contains(&word)
            && adjacent(index, index + 1)
            && is_place(lexicon, words[index + 1].text)
        {
            index = span(entities, index, index + 1, EntityType::Location);
            continue;
        }
        // Institutions, clubs and acronyms with their town: "Universität
        // Gießen", "Bayer Leverkusen", "THW Kiel", "MSV Duisburg".
        let institution = is(index, INSTITUTION | POLICE | CLUB)
            || (is_acronym(word) && lexicon_match(lexicon, words, index).is_none());
        // (A research institute by its acronym: "Fraunhofer IAO"; a police
        // authority by its district, which may be a region: "Polizeipräsidium
        // Westpfalz".)
        let institute = adjacent(index, index + 1)
            && ((word == "Fraunhofer" && is_acronym(words[index + 1].text))
                || (is(index, POLICE)
                    && is_name_word(words[index + 1].text)
                    && !is_common_word(words[index + 1].text)));
        if institution
            && adjacent(index, index + 1)
            && (institute || is_place(lexicon, words[index + 1].text))
        {
            // A club's acronym before its name ("ESV Lok Zwickau").
            let from = if index > 0
                && is(index, CLUB)
                && adjacent(index - 1, index)
                && is_acronym(words[index - 1].text)
            {
                index - 1
            } else {
                index
            };
            index = span(entities, from, index + 1, EntityType::Organization);
            continue;
        }
        // A town and a club or paper: "Stoke City", "Mainz 05",
        // "Chicago Bulls", "Detroit Red Wings", "New York Times".
        let inside_name =
            index > 0 && adjacent(index - 1, index) && is_name_word(words[index - 1].text);
        if let Some((_, _, len)) = lexicon_match(lexicon, words, index)
            .filter(|(_, kind, _)| *kind == EntityType::Location && !inside_name)
        {
            let last = index + len - 1;
            let after = last + 1;
            if adjacent(last, after) {
                let following = words[after].text;
                let numbered = following.len() == 2
                    && following.starts_with('0')
                    && following.chars().all(|c| c.is_ascii_digit());
                // A capitalised English plural ("Bulls", "Red Wings"); the
                // German plurals in -s are loan words that follow a town
                // only by chance.
                const LOAN_PLURALS: &[&str] = &[
                    "Fans",
                    "Hotels",
                    "Autos",
                    "Kinos",
                    "Partys",
                    "Jobs",
                    "Teams",
                    "Clubs",
                    "Restaurants",
                    "Tickets",
                    "Euros",
                    "Shops",
                    "Bars",
                    "Handys",
                    "Babys",
                ];
                let team = |at: usize| {
                    let word = words[at].text;
                    word.is_ascii()
                        && word.len() > 3
                        && word.ends_with('s')
                        && !word.ends_with("ss")
                        && is_name_word(word)
                        && !LOAN_PLURALS.contains(&word)
                };
                let to = if numbered || is(after, TOWN_ORGANIZATION) || team(after) {
                    Some(after)
                } else if is_name_word(following)
                    && following.is_ascii()
                    && adjacent(after, after + 1)
                    && team(after + 1)
                {
                    Some(after + 1)
                } else {
                    None
                };
                if let Some(to) = to {
                    index = span(entities, index, to, EntityType::Organization);
                    continue;
                }
            }
        }
        index += 1;
    }
}

#[cfg(test)]
mod tests {
    use ticker_model::EntityType;

    use crate::entities::find;

    /// (mention text, type) of every mention.
    fn found(text: &str) -> Vec<(String, EntityType)> {
        let entities = find(text);
        let mut out = Vec::new();
        for entity in &entities.list {
            for mention in &entity.mentions {
                out.push((text[mention.clone()].to_string(), entity.entity_type));
            }
        }
        out
    }

    /// The mention texts of one type.
    fn of_type(text: &str, kind: EntityType) -> Vec<String> {
        found(text)
            .into_iter()
            .filter(|(_, found_kind)| *found_kind == kind)
            .map(|(name, _)| name)
            .collect()
    }

    fn has(text: &str, name: &str, kind: EntityType) {
        let found = found(text);
        assert!(
            found.contains(&(name.to_string(), kind)),
            "{name} as {kind:?} in {found:?}"
        );
    }

    #[test]
    fn adjectives_and_an_organisation_head_are_one_organisation() {
        let text = "Der Antrag ging an den Deutschen Bundestag, die Passauer Neuen Presse \
                    und das Bayerischen Staatsministerium für Unterricht und Kultus; \
                    die Medizinischen Hochschule Hannover schwieg.";
        has(text, "Deutschen Bundestag", EntityType::Organization);
        has(text, "Passauer Neuen Presse", EntityType::Organization);
        has(
            text,
            "Bayerischen Staatsministerium für Unterricht und Kultus",
            EntityType::Organization,
        );
        has(
            text,
            "Medizinischen Hochschule Hannover",
            EntityType::Organization,
        );
        // The Bundestag keeps its id.
        let entities = find(text);
        let id = crate::entities::entity_id(EntityType::Organization, "Bundestag");
        assert!(entities.list.iter().any(|entity| entity.id == id));
        // No adjective alone is left as a derived place word.
        assert!(!found(text).iter().any(|(name, _)| name == "Deutschen"));
    }

    #[test]
    fn clubs_and_institutions_take_their_town() {
        let text = "Bayer Leverkusen schlug den MSV Duisburg, THW Kiel gewann, \
                    FC Schalke 04 verlor gegen Mainz 05; an der Universität Gießen \
                    sahen Studenten die Chicago Bulls und Stoke City.";
        for name in [
            "Bayer Leverkusen",
            "MSV Duisburg",
            "THW Kiel",
            "FC Schalke 04",
            "Mainz 05",
            "Universität Gießen",
            "Chicago Bulls",
            "Stoke City",
        ] {
            has(text, name, EntityType::Organization);
        }
        assert!(!found(text).iter().any(|(name, _)| name == "Leverkusen"));
        let text = "Nvidia, das Umweltbundesamt, Fraunhofer IAO, das Kraftwerk Datteln und das \
                    Polizeipräsidium Westpfalz.";
        for name in [
            "Polizeipräsidium Westpfalz",
            "Nvidia",
            "Umweltbundesamt",
            "Fraunhofer IAO",
            "Kraftwerk Datteln",
        ] {
            has(text, name, EntityType::Organization);
        }
    }

    #[test]
    fn roads_saints_landmarks_wars_and_currencies() {
        let text = "Auf der A 7 und der Bundesstraße 216 staute es sich bis zum Frankfurter \
                    Hauptbahnhof und zum Kreuz Hockenheim. In Berlin-Mitte \
                    erinnerte man an den Zweiten Weltkrieg; der US-Dollar und der DAX fielen.";
        has(text, "A 7", EntityType::Location);
        has(text, "Bundesstraße 216", EntityType::Location);
        has(text, "Frankfurter Hauptbahnhof", EntityType::Location);
        has(text, "Kreuz Hockenheim", EntityType::Location);
        has(text, "Berlin-Mitte", EntityType::Location);
        has(text, "Zweiten Weltkrieg", EntityType::Misc);
        has(text, "US-Dollar", EntityType::Misc);
        has(text, "DAX", EntityType::Misc);
        has(
            "Das meldete stern.de am Abend.",
            "stern.de",
            EntityType::Misc,
        );
        assert!(!found("Mehr unter https://www.stern.de/politik heute.")
            .iter()
            .any(|(name, _)| name.contains("stern")));
        let text = "Die Kirche St. Johann Baptist steht in St. Michaelskapelle.";
        has(text, "St. Johann Baptist", EntityType::Location);
        // A saint's name alone is the place after "in" or a church.
        let text = "Sie spielten in St. Moritz; die Kirche St. Peter brannte.";
        has(text, "St. Moritz", EntityType::Location);
        has(text, "St. Peter", EntityType::Location);
        assert!(!found("Darstellungen von St. Georg sind überliefert.")
            .iter()
            .any(|(name, kind)| name.contains("Georg") && *kind == EntityType::Location));
    }

    #[test]
    fn states_regions_and_inflected_places() {
        let text = "In Iowa und Kalifornien, im Rheinland, im Kongo, in den Niederlanden \
                    und jenseits des Mittelmeeres.";
        for name in [
            "Iowa",
            "Kalifornien",
            "Rheinland",
            "Kongo",
            "Niederlanden",
            "Mittelmeeres",
        ] {
            has(text, name, EntityType::Location);
        }
    }

    #[test]
    fn what_stays_apart() {
        // A place and a common noun: the place alone.
        let text = "Der Berlin-Besuch des US-Präsidenten endete am Freitag.";
        assert!(!found(text).iter().any(|(name, _)| name == "Berlin-Besuch"));
        has(text, "Berlin", EntityType::Location);
        // A player and his club's town.
        let text = "Gestern traf Marco Reus von Dortmund zweimal.";
        has(text, "Dortmund", EntityType::Location);
        // "A4" alone may be a car.
        let text = "Er fuhr einen A4 nach Hamburg.";
        assert!(!found(text).iter().any(|(name, _)| name == "A4"));
        // Datelines in capitals are places.
        has(
            "TOKIO (dpa) - Die Börse schloss fester.",
            "TOKIO",
            EntityType::Location,
        );
    }

    #[test]
    fn a_second_family_name_after_a_particle_belongs_to_the_person() {
        let text = "Heinrich Gottlob von Miltitz und Gerhard von Scharnhorst.";
        has(text, "Heinrich Gottlob von Miltitz", EntityType::Person);
        has(text, "Gerhard von Scharnhorst", EntityType::Person);
        // Also after a role.
        let text = "Ministerin Ursula von der Leyen reiste ab, Sprecher Max Mustermann zu Beginn.";
        has(text, "Ursula von der Leyen", EntityType::Person);
        has(text, "Max Mustermann", EntityType::Person);
    }

    #[test]
    fn famous_figures_initials_and_given_names_before_a_known_surname() {
        let found = of_type(
            "Unter Stalin litt das Land; Goethes Faust liegt auf dem Tisch. \
             Michael Ballack traf, A. Korsakow schrieb, George W. Bush kam.",
            EntityType::Person,
        );
        for name in [
            "Stalin",
            "Goethes",
            "Michael Ballack",
            "A. Korsakow",
            "George W. Bush",
        ] {
            assert!(found.contains(&name.to_string()), "{name}: {found:?}");
        }
        // An initial before a number or a common noun names no one.
        let found = of_type("Siehe S. 12 und z. B. Haus.", EntityType::Person);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn abbreviations_and_institutions_named_after_people() {
        // Two capitals alone are an abbreviation; before a name, an
        // organisation with it.
        let organizations = of_type(
            "Der GT fuhr vor, die IG Metall und der AK Vorratsdatenspeicherung und der ADAC protestierten.",
            EntityType::Organization,
        );
        for name in ["IG Metall", "AK Vorratsdatenspeicherung", "ADAC"] {
            assert!(
                organizations.contains(&name.to_string()),
                "{name}: {organizations:?}"
            );
        }
        assert!(
            !organizations.contains(&"GT".to_string()),
            "{organizations:?}"
        );
        // A name before an institution's noun is the institution.
        let organizations = of_type(
            "Sie spielte mit der Dave Matthews Band im Lee Strasberg Theatre.",
            EntityType::Organization,
        );
        assert!(
            organizations.contains(&"Dave Matthews Band".to_string()),
            "{organizations:?}"
        );
    }
}
