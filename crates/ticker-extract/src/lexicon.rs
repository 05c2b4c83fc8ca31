//! Word lists. Everything language-specific the extractor knows is here.

/// Words ending in a period that do not end a sentence.
pub const ABBREVIATIONS: &[&str] = &[
    "Dr.", "Prof.", "Nr.", "St.", "bzw.", "ca.", "vgl.", "Mio.", "Mrd.", "Abs.", "Art.", "Hr.",
    "Fr.", "Jh.", "usw.", "etc.", "Mr.", "Mrs.", "Ms.", "Gen.", "Sen.", "Rep.", "Gov.", "Jan.",
    "Feb.", "Aug.", "Sept.", "Okt.", "Oct.", "Nov.", "Dez.", "Dec.", "No.", "vs.", "Inc.", "Corp.",
];

/// Role nouns and titles that precede a person's name.
pub const PERSON_ROLES: &[&str] = &[
    "Präsident", "Präsidenten", "Präsidentin", "Staatschef", "Staatschefs", "Kremlchef",
    "Regierungschef", "Regierungschefin", "Kanzler", "Kanzlerin", "Bundeskanzler",
    "Bundeskanzlerin", "Minister", "Ministers", "Ministerin", "Außenminister", "Außenministers",
    "Außenministerin", "Verteidigungsminister", "Innenminister", "Finanzminister",
    "Ministerpräsident", "Ministerpräsidenten", "Premierminister", "Sprecher", "Sprecherin",
    "Sprechers", "Chef", "Chefin", "Generalsekretär", "Botschafter", "Bürgermeister",
    "Vorsitzende", "Vorsitzender", "Parteichef", "Oppositionsführer", "Abgeordnete",
    "Abgeordneter", "Papst", "König", "Königin", "Herr", "Frau", "Senator", "General",
    "President", "Prime", "Minister", "Secretary", "Chancellor", "Spokesman", "Spokeswoman",
    "Mr", "Mrs", "Ms", "Dr", "Governor", "Mayor", "Senator", "Leader", "Pope", "King", "Queen",
    "Analyst", "Analystin", "Experte", "Expertin", "Politologe", "Politologin",
];

/// Role nouns that refer back to the last person named ("der Staatschef").
pub const ANAPHORIC_ROLES: &[&str] = &[
    "Staatschef", "Präsident", "Präsidentin", "Kremlchef", "Regierungschef", "Kanzler",
    "Kanzlerin", "Minister", "Ministerin", "Politiker", "Politikerin", "Sprecher", "Sprecherin",
    "president", "minister", "leader", "spokesman", "spokeswoman",
];

/// Personal pronouns that refer back to the last person named.
pub const PRONOUNS: &[&str] = &["er", "sie", "Er", "Sie", "he", "she", "He", "She"];

/// Speech and reporting verbs (cues).
pub const SPEECH_VERBS: &[&str] = &[
    "sagte", "sagt", "sagten", "gesagt", "erklärte", "erklärt", "erklärten", "betonte", "betont",
    "teilte", "mitteilte", "teilt", "meinte", "meint", "warnte", "warnt", "schrieb", "schreibt",
    "sprach", "kündigte", "ankündigte", "forderte", "fordert", "bekräftigte", "versicherte",
    "berichtete", "berichtet", "bestätigte", "bestätigt", "räumte", "verkündete", "behauptete",
    "kritisierte", "zitiert", "zitierte", "fügte", "hinzu", "so", "laut", "zufolge", "versprach",
    "said", "says", "told", "added", "stated", "announced", "warned", "wrote", "according",
    "insisted", "explained", "claimed", "declared", "asked", "argued", "noted",
];

/// Konjunktiv I and reported-speech markers.
pub const REPORTED_MARKERS: &[&str] = &[
    "sei", "seien", "habe", "haben", "werde", "würden", "könne", "müsse", "solle", "wolle",
    "dürfe", "hätten", "wäre", "wären", "gebe", "stehe", "gehe", "komme", "bleibe",
];

/// Places: (canonical name, variants in German and English).
pub const PLACES: &[(&str, &[&str])] = &[
    ("Kazakhstan", &["Kasachstan", "Kazakhstan", "Kasachstans"]),
    ("Russia", &["Russland", "Russia", "Russlands", "Rußland"]),
    ("Almaty", &["Almaty", "Alma-Ata"]),
    ("Nur-Sultan", &["Nur-Sultan", "Astana"]),
    ("Moscow", &["Moskau", "Moscow"]),
    ("Germany", &["Deutschland", "Germany", "Deutschlands"]),
    ("Switzerland", &["Schweiz", "Switzerland"]),
    ("Austria", &["Österreich", "Austria"]),
    ("United States", &["USA", "Vereinigten Staaten", "United States", "US", "U.S."]),
    ("Ukraine", &["Ukraine", "Ukraine's"]),
    ("Kyiv", &["Kiew", "Kyiv", "Kiev"]),
    ("China", &["China", "Chinas"]),
    ("Beijing", &["Peking", "Beijing"]),
    ("France", &["Frankreich", "France"]),
    ("Paris", &["Paris"]),
    ("United Kingdom", &["Großbritannien", "Britain", "United Kingdom", "UK"]),
    ("London", &["London"]),
    ("Berlin", &["Berlin"]),
    ("Washington", &["Washington"]),
    ("Brussels", &["Brüssel", "Brussels"]),
    ("Belarus", &["Belarus", "Weißrussland"]),
    ("Armenia", &["Armenien", "Armenia"]),
    ("Kyrgyzstan", &["Kirgistan", "Kyrgyzstan"]),
    ("Tajikistan", &["Tadschikistan", "Tajikistan"]),
    ("Uzbekistan", &["Usbekistan", "Uzbekistan"]),
    ("Turkey", &["Türkei", "Turkey"]),
    ("Israel", &["Israel"]),
    ("Iran", &["Iran"]),
    ("Syria", &["Syrien", "Syria"]),
    ("Afghanistan", &["Afghanistan"]),
    ("Poland", &["Polen", "Poland"]),
    ("Italy", &["Italien", "Italy"]),
    ("Spain", &["Spanien", "Spain"]),
    ("Japan", &["Japan"]),
    ("India", &["Indien", "India"]),
    ("Europe", &["Europa", "Europe"]),
    ("Soviet Union", &["Sowjetunion", "Soviet Union", "UdSSR"]),
    ("Vienna", &["Wien", "Vienna"]),
    ("Zurich", &["Zürich", "Zurich"]),
    ("Bern", &["Bern"]),
    ("Geneva", &["Genf", "Geneva"]),
    ("Hamburg", &["Hamburg"]),
    ("Munich", &["München", "Munich"]),
];

/// Organisations: (canonical name, variants).
pub const ORGANIZATIONS: &[(&str, &[&str])] = &[
    ("CSTO", &["OVKS", "CSTO", "Organisation des Vertrags über kollektive Sicherheit", "Collective Security Treaty Organization"]),
    ("NATO", &["Nato", "NATO"]),
    ("European Union", &["EU", "Europäische Union", "Europäischen Union", "European Union"]),
    ("United Nations", &["UN", "Uno", "UNO", "Vereinten Nationen", "United Nations"]),
    ("Kremlin", &["Kreml", "Kremlin"]),
    ("OSCE", &["OSZE", "OSCE"]),
    ("AFP", &["AFP"]),
    ("dpa", &["dpa", "DPA"]),
    ("Reuters", &["Reuters"]),
    ("AP", &["AP"]),
];

/// Words that are capitalised but never names (German nouns that start
/// sentences or follow roles).
pub const NOT_NAMES: &[&str] = &[
    "Die", "Der", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Einer", "Es", "Er", "Sie", "Wir",
    "Ich", "In", "Im", "Am", "An", "Auf", "Bei", "Nach", "Vor", "Mit", "Von", "Zu", "Zum",
    "Zur", "Und", "Oder", "Aber", "Doch", "Auch", "Dabei", "Damit", "Dann", "Diese", "Dieser",
    "Dieses", "The", "A", "An", "In", "On", "At", "He", "She", "It", "They", "We", "This",
    "That", "But", "And", "Mr", "Mrs", "Ms", "Bislang", "Immer", "Einige", "Unklar", "So",
    "Hintergrund", "Wie", "Als", "Wegen", "Seit", "Laut", "Russische", "Russischen",
];

/// Month names (German and English) with their numbers.
pub const MONTHS: &[(&str, u32)] = &[
    ("Januar", 1), ("Jänner", 1), ("Februar", 2), ("März", 3), ("April", 4), ("Mai", 5),
    ("Juni", 6), ("Juli", 7), ("August", 8), ("September", 9), ("Oktober", 10),
    ("November", 11), ("Dezember", 12), ("January", 1), ("February", 2), ("March", 3),
    ("May", 5), ("June", 6), ("July", 7), ("October", 10), ("December", 12),
];

/// Weekday names with their number (Monday = 0).
pub const WEEKDAYS: &[(&str, u32)] = &[
    ("Montag", 0), ("Dienstag", 1), ("Mittwoch", 2), ("Donnerstag", 3), ("Freitag", 4),
    ("Samstag", 5), ("Sonnabend", 5), ("Sonntag", 6), ("Monday", 0), ("Tuesday", 1),
    ("Wednesday", 2), ("Thursday", 3), ("Friday", 4), ("Saturday", 5), ("Sunday", 6),
];

/// Number words.
pub const NUMBER_WORDS: &[(&str, f64)] = &[
    ("zwei", 2.0), ("drei", 3.0), ("vier", 4.0), ("fünf", 5.0), ("sechs", 6.0), ("sieben", 7.0),
    ("acht", 8.0), ("neun", 9.0), ("zehn", 10.0), ("elf", 11.0), ("zwölf", 12.0),
    ("zwanzig", 20.0), ("dreißig", 30.0), ("hundert", 100.0), ("tausend", 1000.0),
    ("two", 2.0), ("three", 3.0), ("four", 4.0), ("five", 5.0), ("six", 6.0), ("seven", 7.0),
    ("eight", 8.0), ("nine", 9.0), ("ten", 10.0), ("eleven", 11.0), ("twelve", 12.0),
    ("twenty", 20.0), ("hundred", 100.0), ("thousand", 1000.0),
];

/// Vague amounts: word, typical value, low, high.
pub const VAGUE_AMOUNTS: &[(&str, f64, f64, f64)] = &[
    ("Dutzende", 36.0, 24.0, 99.0), ("Dutzenden", 36.0, 24.0, 99.0),
    ("Hunderte", 300.0, 200.0, 999.0), ("Hunderten", 300.0, 200.0, 999.0),
    ("Tausende", 3000.0, 2000.0, 9999.0), ("Tausenden", 3000.0, 2000.0, 9999.0),
    ("Zehntausende", 30000.0, 20000.0, 99999.0), ("Millionen", 3e6, 2e6, 9.99e6),
    ("dozens", 36.0, 24.0, 99.0), ("hundreds", 300.0, 200.0, 999.0),
    ("thousands", 3000.0, 2000.0, 9999.0), ("tens of thousands", 30000.0, 20000.0, 99999.0),
];

/// Hedge phrases before a number, longest first within each language.
pub const HEDGES: &[(&str, ticker_model::Hedge)] = {
    use ticker_model::Hedge::*;
    &[
        ("mehr als", AtLeast), ("über", AtLeast), ("mindestens", AtLeast), ("wenigstens", AtLeast),
        ("bis zu", AtMost), ("höchstens", AtMost), ("weniger als", AtMost), ("unter", AtMost),
        ("maximal", AtMost), ("rund", Approx), ("etwa", Approx), ("ca.", Approx), ("circa", Approx),
        ("fast", Approx), ("knapp", Approx), ("beinahe", Approx), ("ungefähr", Approx),
        ("annähernd", Approx), ("gut", Approx), ("an die", Approx),
        ("more than", AtLeast), ("over", AtLeast), ("at least", AtLeast), ("up to", AtMost),
        ("at most", AtMost), ("fewer than", AtMost), ("less than", AtMost), ("about", Approx),
        ("around", Approx), ("approximately", Approx), ("nearly", Approx), ("almost", Approx),
        ("roughly", Approx), ("some", Approx),
    ]
};

/// Quantity categories: (category, unit, words that signal it near the number).
pub const CATEGORIES: &[(&str, &str, &[&str])] = &[
    ("killed", "person", &["Tote", "Toten", "Todesopfer", "getötet", "ums Leben", "starben", "gestorben", "tot", "killed", "dead", "died", "deaths", "death toll"]),
    ("injured", "person", &["Verletzte", "Verletzten", "verletzt", "verwundet", "injured", "wounded"]),
    ("arrested", "person", &["festgenommen", "Festgenommene", "Festnahmen", "verhaftet", "inhaftiert", "Gefangene", "arrested", "detained", "arrests"]),
    ("troops", "soldier", &["Soldaten", "Truppen", "Fallschirmjäger", "Einsatzkräfte", "Friedenstruppen", "troops", "soldiers", "peacekeepers"]),
    ("displaced", "person", &["Flüchtlinge", "geflohen", "vertrieben", "refugees", "displaced", "fled"]),
    ("investigations", "case", &["Untersuchungen", "Ermittlungsverfahren", "Verfahren", "investigations", "cases"]),
    ("protesters", "person", &["Demonstranten", "Demonstrierende", "protesters", "demonstrators"]),
];

/// Currency words and symbols.
pub const CURRENCIES: &[(&str, &str)] = &[
    ("€", "EUR"), ("Euro", "EUR"), ("EUR", "EUR"), ("$", "USD"), ("Dollar", "USD"), ("USD", "USD"),
    ("dollars", "USD"), ("Franken", "CHF"), ("CHF", "CHF"), ("Fr.", "CHF"), ("£", "GBP"),
    ("Pfund", "GBP"), ("pounds", "GBP"), ("Rubel", "RUB"), ("rubles", "RUB"), ("Tenge", "KZT"),
];

/// Duration units.
pub const DURATIONS: &[(&str, &str)] = &[
    ("Tage", "day"), ("Tagen", "day"), ("Wochen", "week"), ("Monate", "month"), ("Monaten", "month"),
    ("Jahre", "year"), ("Jahren", "year"), ("Stunden", "hour"), ("Minuten", "minute"),
    ("days", "day"), ("weeks", "week"), ("months", "month"), ("years", "year"), ("hours", "hour"),
];

/// Event types and their trigger word prefixes (see `docs/extraction.md`;
/// names follow PLOVER where it has one).
pub const EVENT_TRIGGERS: &[(&str, &[&str])] = &[
    ("protest", &["Protest", "protest", "Demonstr", "demonstr", "Kundgebung"]),
    ("clash", &["Zusammenstö", "Ausschreitung", "Unruhen", "Krawall", "Gefecht", "clash", "riot", "unrest"]),
    ("arrest", &["festgenommen", "Festnahme", "verhaftet", "Verhaftung", "arrested", "detained"]),
    ("casualties", &["getötet", "ums Leben", "Todesopfer", "Toten", "killed", "death toll"]),
    ("military_deployment", &["entsandt", "entsandte", "schickte", "Verlegung", "stationiert", "deployed", "deployment", "sent troops"]),
    ("military_withdrawal", &["Abzug", "zieht", "abziehen", "zurückziehen", "zurückgezogen", "verlassen", "withdraw", "withdrawal", "pull out"]),
    ("visit", &["besucht", "Besuch", "visited", "visit"]),
    ("meeting", &["berieten", "Treffen", "Gipfel", "Beratung", "meeting", "summit", "talks"]),
    ("investigation", &["Untersuchung", "Ermittlung", "ermittelt", "Anklage", "angeklagt", "investigation", "charged"]),
    ("request_aid", &["um Hilfe", "bat", "gebeten", "requested", "asked for help"]),
];
