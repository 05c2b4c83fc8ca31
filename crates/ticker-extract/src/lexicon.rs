//! Word lists. Everything language-specific the extractor knows is here.

/// A word list from a data file under `data/lists/` (one entry per line;
/// `#` starts a comment line; blank lines and repeated entries are
/// skipped), read once on first use. Adding a language's words is adding
/// lines, or files, there.
pub struct List {
    text: &'static str,
    words: std::sync::OnceLock<Vec<&'static str>>,
}

impl List {
    /// A list over the text of its file.
    pub const fn new(text: &'static str) -> List {
        List {
            text,
            words: std::sync::OnceLock::new(),
        }
    }
}

impl std::ops::Deref for List {
    type Target = [&'static str];

    fn deref(&self) -> &[&'static str] {
        self.words.get_or_init(|| {
            let mut seen = std::collections::HashSet::new();
            self.text
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with('#'))
                .filter(|line| seen.insert(*line))
                .collect()
        })
    }
}

/// Words ending in a period that do not end a sentence.
pub const ABBREVIATIONS: &[&str] = &[
    "Dr.", "Prof.", "Nr.", "St.", "bzw.", "ca.", "vgl.", "Mio.", "Mrd.", "Abs.", "Art.", "Hr.",
    "Fr.", "Jh.", "usw.", "etc.", "Mr.", "Mrs.", "Ms.", "Gen.", "Sen.", "Rep.", "Gov.", "Jan.",
    "Feb.", "Aug.", "Sept.", "Okt.", "Oct.", "Nov.", "Dez.", "Dec.", "No.", "vs.", "Inc.", "Corp.",
];

/// Role nouns and titles that precede a person's name.
pub static PERSON_ROLES: List = List::new(include_str!("../data/lists/person_roles.txt"));

/// Role nouns that refer back to the last person named ("der Staatschef").
pub static ANAPHORIC_ROLES: List = List::new(include_str!("../data/lists/anaphoric_roles.txt"));

/// Personal pronouns that refer back to the last person named.
pub const PRONOUNS: &[&str] = &["er", "sie", "Er", "Sie", "he", "she", "He", "She"];

/// Speech and reporting verbs (cues).
pub static SPEECH_VERBS: List = List::new(include_str!("../data/lists/speech_verbs.txt"));

/// Whether `word` is one of [`SPEECH_VERBS`]: a set lookup, as the
/// quote and entity passes ask it for every word of an article.
pub fn is_speech_verb(word: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| SPEECH_VERBS.iter().copied().collect())
        .contains(word)
}

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
    (
        "United States",
        &["USA", "Vereinigten Staaten", "United States", "US", "U.S."],
    ),
    ("Ukraine", &["Ukraine", "Ukraine's"]),
    ("Kyiv", &["Kiew", "Kyiv", "Kiev"]),
    ("China", &["China", "Chinas"]),
    ("Beijing", &["Peking", "Beijing"]),
    ("France", &["Frankreich", "France"]),
    ("Paris", &["Paris"]),
    (
        "United Kingdom",
        &["Großbritannien", "Britain", "United Kingdom", "UK"],
    ),
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
    // German names the gazetteer's spellings do not start like.
    ("Oświęcim", &["Auschwitz", "Oświęcim"]),
    // Austrian states by their abbreviations in Austrian news.
    ("Niederösterreich", &["NÖ"]),
    ("Oberösterreich", &["OÖ"]),
    // Celestial bodies, which GermEval names as places.
    ("Sun", &["Sonne"]),
    ("Moon", &["Mond", "Mondes"]),
    ("Mercury", &["Merkur"]),
    ("Venus", &["Venus"]),
    ("Mars", &["Mars"]),
    ("Jupiter", &["Jupiter", "Jupiters"]),
    ("Saturn", &["Saturn", "Saturns"]),
    ("Uranus", &["Uranus"]),
    ("Neptune", &["Neptun", "Neptuns"]),
    ("Soviet Union", &["Sowjetunion", "Soviet Union", "UdSSR"]),
    ("Vienna", &["Wien", "Vienna"]),
    ("Zurich", &["Zürich", "Zurich"]),
    ("Bern", &["Bern"]),
    ("Geneva", &["Genf", "Geneva"]),
    ("Hamburg", &["Hamburg"]),
    ("Munich", &["München", "Munich"]),
    ("England", &["England"]),
    ("Scotland", &["Schottland", "Scotland"]),
    ("Wales", &["Wales"]),
    ("Rome", &["Rom", "Rome"]),
    ("Ulm", &["Ulm"]),
    ("Prussia", &["Preußen", "Prussia"]),
    (
        "Gaza Strip",
        &["Gazastreifen", "Gaza-Streifen", "Gaza Strip", "Gaza"],
    ),
    ("West Bank", &["Westjordanland", "West Bank"]),
    ("Bohemia", &["Böhmen", "Bohemia"]),
    ("Moravia", &["Mähren", "Moravia"]),
    ("Abkhazia", &["Abchasien", "Abkhazia"]),
    ("Crimea", &["Krim", "Crimea"]),
    ("Donbas", &["Donbass", "Donbas"]),
    (
        "Mecklenburg-Vorpommern",
        &["Mecklenburg-Vorpommern", "Mecklenburg"],
    ),
    ("Milan", &["Mailand", "Milan"]),
    ("Naples", &["Neapel", "Naples"]),
    ("Venice", &["Venedig", "Venice"]),
    ("Florence", &["Florenz"]),
    ("The Hague", &["Den Haag", "The Hague"]),
    ("Liège", &["Lüttich", "Liège"]),
    ("Wrocław", &["Breslau", "Wrocław", "Wroclaw"]),
    ("Gdańsk", &["Danzig", "Gdańsk", "Gdansk"]),
    ("Szczecin", &["Stettin", "Szczecin"]),
    ("Poznań", &["Posen", "Poznań", "Poznan"]),
    ("Bratislava", &["Pressburg", "Bratislava"]),
    ("Lviv", &["Lemberg", "Lwiw", "Lviv"]),
    ("Kharkiv", &["Charkiw", "Charkow", "Kharkiv"]),
    ("Cape Town", &["Kapstadt", "Cape Town"]),
    ("New Delhi", &["Neu-Delhi", "New Delhi"]),
    ("Mexico City", &["Mexiko-Stadt", "Mexico City"]),
    (
        "Saint Petersburg",
        &["Sankt Petersburg", "St. Petersburg", "Saint Petersburg"],
    ),
    ("Bucharest", &["Bukarest", "Bucharest"]),
    ("Kraków", &["Krakau", "Kraków", "Krakow"]),
    ("Turin", &["Turin"]),
    ("Genoa", &["Genua", "Genoa"]),
    ("Holland", &["Holland"]),
    ("Alsace", &["Elsass", "Alsace"]),
    ("Tyrol", &["Südtirol", "South Tyrol"]),
    ("Bolzano", &["Bozen", "Bolzano"]),
    ("Trento", &["Trient", "Trento"]),
    (
        "North Rhine-Westphalia",
        &["Nordrhein-Westfalen", "NRW", "North Rhine-Westphalia"],
    ),
    ("Westphalia", &["Westfalen", "Westphalia"]),
    ("Siebenbürgen", &["Siebenbürgen", "Transylvania"]),
    (
        "Middle East",
        &["Nahen Osten", "Nahen Ostens", "Nahost", "Middle East"],
    ),
    ("Rhine", &["Rhein", "Rheins", "Rhine"]),
    ("Elbe", &["Elbe"]),
    ("Danube", &["Donau", "Danube"]),
    ("Oder", &["Oder"]),
    ("Weser", &["Weser"]),
    ("Saale", &["Saale"]),
    ("Moselle", &["Mosel", "Moselle"]),
    ("Neckar", &["Neckar"]),
    ("Spree", &["Spree"]),
    ("Havel", &["Havel"]),
    ("Isar", &["Isar"]),
    ("Ruhr", &["Ruhrgebiet", "Ruhr"]),
    ("Baltic Sea", &["Ostsee", "Baltic Sea"]),
    ("North Sea", &["Nordsee", "North Sea"]),
    ("Lake Constance", &["Bodensee", "Lake Constance"]),
    (
        "Mediterranean Sea",
        &["Mittelmeer", "Mittelmeers", "Mediterranean"],
    ),
    (
        "Black Sea",
        &[
            "Schwarzes Meer",
            "Schwarzen Meer",
            "Schwarzen Meeres",
            "Black Sea",
        ],
    ),
    ("Atlantic Ocean", &["Atlantik", "Atlantiks", "Atlantic"]),
    ("Pacific Ocean", &["Pazifik", "Pazifiks", "Pacific"]),
    ("Alps", &["Alpen", "Alps"]),
    ("Harz", &["Harz"]),
    ("Eifel", &["Eifel"]),
    ("Black Forest", &["Schwarzwald", "Black Forest"]),
    ("Erzgebirge", &["Erzgebirge"]),
    ("Allgäu", &["Allgäu"]),
    ("Himalayas", &["Himalaya", "Himalayas"]),
    ("Caucasus", &["Kaukasus", "Caucasus"]),
    ("Ural", &["Ural"]),
    ("Sahara", &["Sahara"]),
    ("Nile", &["Nil", "Nile"]),
    ("Volga", &["Wolga", "Volga"]),
    ("Dnieper", &["Dnjepr", "Dnipro", "Dnieper"]),
    ("Thames", &["Themse", "Thames"]),
    ("Rhône", &["Rhône"]),
    ("Loire", &["Loire"]),
    ("Großglockner", &["Großglockner"]),
    ("Zugspitze", &["Zugspitze"]),
    ("Mont Blanc", &["Mont Blanc"]),
    ("Matterhorn", &["Matterhorn"]),
    ("English Channel", &["Ärmelkanal", "English Channel"]),
    ("Sauerland", &["Sauerland"]),
    ("Münsterland", &["Münsterland"]),
    // Regions of Germany by their German names.
    ("Rhineland", &["Rheinland", "Rheinlands"]),
    ("Palatinate", &["Pfalz"]),
    ("Upper Bavaria", &["Oberbayern", "Oberbayerns"]),
    ("Lower Bavaria", &["Niederbayern", "Niederbayerns"]),
    ("Lusatia", &["Lausitz"]),
    ("Vogtland", &["Vogtland"]),
    ("Emsland", &["Emsland"]),
    ("Hunsrück", &["Hunsrück"]),
    ("Taunus", &["Taunus"]),
    ("Odenwald", &["Odenwald"]),
    ("Spessart", &["Spessart"]),
    ("Rhön", &["Rhön"]),
    ("Eichsfeld", &["Eichsfeld"]),
    ("Uckermark", &["Uckermark"]),
    ("Prignitz", &["Prignitz"]),
    ("Altmark", &["Altmark"]),
    ("Breisgau", &["Breisgau"]),
    // Regions and short forms of countries that CLDR names otherwise.
    ("Balkans", &["Balkan", "Balkans"]),
    ("Siberia", &["Sibirien", "Sibiriens", "Siberia"]),
    (
        "Chechnya",
        &["Tschetschenien", "Tschetscheniens", "Chechnya"],
    ),
    ("Dagestan", &["Dagestan"]),
    ("South Ossetia", &["Südossetien", "South Ossetia"]),
    ("Kurdistan", &["Kurdistan"]),
    ("Bosnia", &["Bosnien", "Bosniens"]),
    ("Herzegovina", &["Herzegowina"]),
    ("Congo", &["Kongo", "Kongos", "Congo"]),
    ("Côte d’Ivoire", &["Elfenbeinküste"]),
    (
        "Scandinavia",
        &["Skandinavien", "Skandinaviens", "Scandinavia"],
    ),
    ("Baltic states", &["Baltikum", "Baltikums"]),
    ("Svalbard", &["Spitzbergen", "Svalbard"]),
    ("Arctic", &["Arktis", "Arctic"]),
    ("North Pole", &["Nordpol", "North Pole"]),
    ("South Pole", &["Südpol", "South Pole"]),
    ("California", &["Kalifornien", "Kaliforniens"]),
    ("Pennsylvania", &["Pennsylvanien", "Pennsylvaniens"]),
];

/// Organisations: (canonical name, variants).
pub const ORGANIZATIONS: &[(&str, &[&str])] = &[
    (
        "CSTO",
        &[
            "OVKS",
            "CSTO",
            "Organisation des Vertrags über kollektive Sicherheit",
            "Collective Security Treaty Organization",
        ],
    ),
    ("NATO", &["Nato", "NATO"]),
    (
        "European Union",
        &[
            "EU",
            "Europäische Union",
            "Europäischen Union",
            "European Union",
        ],
    ),
    (
        "United Nations",
        &["UN", "Uno", "UNO", "Vereinten Nationen", "United Nations"],
    ),
    ("Kremlin", &["Kreml", "Kremlin"]),
    ("OSCE", &["OSZE", "OSCE"]),
    ("AFP", &["AFP"]),
    ("dpa", &["dpa", "DPA"]),
    // News agencies and press-release services that datelines name.
    ("dpa-AFX", &["dpa-AFX"]),
    ("epd", &["epd"]),
    ("KNA", &["KNA", "kna"]),
    ("SID", &["SID", "sid"]),
    ("dapd", &["dapd", "ddp"]),
    ("APA", &["APA"]),
    ("SDA", &["SDA", "sda"]),
    ("ots", &["ots"]),
    ("Reuters", &["Reuters"]),
    ("AP", &["AP"]),
    ("CDU", &["CDU"]),
    // CDU and CSU together, as German news names them.
    ("Union", &["Union"]),
    ("CSU", &["CSU"]),
    ("SPD", &["SPD"]),
    ("FDP", &["FDP"]),
    ("AfD", &["AfD"]),
    (
        "Alliance 90/The Greens",
        &["Grünen", "Grüne", "Bündnis 90/Die Grünen"],
    ),
    (
        "Die Linke",
        &[
            "Linkspartei",
            "Die Linke",
            "Linke",
            "Linken",
            "LINKE",
            "LINKEN",
        ],
    ),
    ("SVP", &["SVP"]),
    ("ÖVP", &["ÖVP"]),
    ("FPÖ", &["FPÖ"]),
    ("Bundestag", &["Bundestag", "Bundestages", "Bundestags"]),
    ("Bundesrat", &["Bundesrat", "Bundesrats", "Bundesrates"]),
    ("Bundeswehr", &["Bundeswehr"]),
    (
        "Bundesverfassungsgericht",
        &["Bundesverfassungsgericht", "Bundesverfassungsgerichts"],
    ),
    ("Bundesliga", &["Bundesliga"]),
    // Competitions, which GermEval names as organisations.
    ("Champions League", &["Champions League"]),
    ("Europa League", &["Europa League"]),
    (
        "Olympic Games",
        &[
            "Olympische Spiele",
            "Olympischen Spiele",
            "Olympischen Spielen",
            "Olympischer Spiele",
            "Olympic Games",
        ],
    ),
    (
        "Paralympics",
        &[
            "Paralympics",
            "Paralympischen Spiele",
            "Paralympischen Spielen",
        ],
    ),
    (
        "FIFA World Cup",
        &["Fußball-WM", "Fußball-Weltmeisterschaft", "FIFA World Cup"],
    ),
    (
        "UEFA European Championship",
        &["Fußball-EM", "Fußball-Europameisterschaft"],
    ),
    // Armed forces.
    ("Rote Armee", &["Rote Armee", "Roten Armee", "Red Army"]),
    ("Royal Air Force", &["Royal Air Force"]),
    ("Royal Navy", &["Royal Navy"]),
    ("US Navy", &["US Navy", "U.S. Navy", "Navy"]),
    ("US Air Force", &["US Air Force", "U.S. Air Force"]),
    (
        "European Commission",
        &[
            "EU-Kommission",
            "Europäische Kommission",
            "Europäischen Kommission",
            "European Commission",
        ],
    ),
    (
        "European Central Bank",
        &[
            "EZB",
            "ECB",
            "Europäische Zentralbank",
            "Europäischen Zentralbank",
        ],
    ),
    ("Federal Reserve", &["Fed", "Federal Reserve"]),
    (
        "IMF",
        &[
            "IWF",
            "IMF",
            "Internationale Währungsfonds",
            "Internationalen Währungsfonds",
        ],
    ),
    ("World Bank", &["Weltbank", "World Bank"]),
    ("WHO", &["WHO", "Weltgesundheitsorganisation"]),
    ("FIFA", &["FIFA", "Fifa"]),
    ("UEFA", &["UEFA", "Uefa"]),
    ("DFB", &["DFB"]),
    ("IOC", &["IOC"]),
    ("ARD", &["ARD"]),
    ("ZDF", &["ZDF"]),
    ("BBC", &["BBC"]),
    ("CNN", &["CNN"]),
    ("Der Spiegel", &["Spiegel", "Spiegel Online"]),
    ("Bild", &["Bild-Zeitung"]),
    (
        "FAZ",
        &[
            "FAZ",
            "Frankfurter Allgemeine Zeitung",
            "Frankfurter Allgemeinen Zeitung",
        ],
    ),
    (
        "Süddeutsche Zeitung",
        &["Süddeutsche Zeitung", "Süddeutschen Zeitung"],
    ),
    ("Berliner Zeitung", &["Berliner Zeitung"]),
    ("New York Times", &["New York Times"]),
    ("Washington Post", &["Washington Post"]),
    ("Tass", &["Tass", "TASS"]),
    ("Interfax", &["Interfax"]),
    ("Xinhua", &["Xinhua"]),
    ("Siemens", &["Siemens"]),
    ("Porsche", &["Porsche"]),
    ("Volkswagen", &["Volkswagen", "VW"]),
    ("BMW", &["BMW"]),
    ("Daimler", &["Daimler", "Mercedes-Benz", "Mercedes"]),
    ("Allianz", &["Allianz"]),
    ("BASF", &["BASF"]),
    ("SAP", &["SAP"]),
    ("Deutsche Telekom", &["Telekom", "Deutsche Telekom"]),
    ("Deutsche Bank", &["Deutsche Bank", "Deutschen Bank"]),
    ("Commerzbank", &["Commerzbank"]),
    ("Lufthansa", &["Lufthansa"]),
    ("Deutsche Bahn", &["Deutsche Bahn", "Deutschen Bahn"]),
    ("Adidas", &["Adidas", "adidas"]),
    ("Airbus", &["Airbus"]),
    ("Boeing", &["Boeing"]),
    ("Google", &["Google"]),
    ("Apple", &["Apple"]),
    ("Microsoft", &["Microsoft"]),
    ("Facebook", &["Facebook"]),
    ("Meta", &["Meta Platforms"]),
    ("Amazon", &["Amazon"]),
    ("Yahoo", &["Yahoo"]),
    ("IBM", &["IBM"]),
    ("Nokia", &["Nokia"]),
    ("Samsung", &["Samsung"]),
    ("Sony", &["Sony"]),
    ("Opel", &["Opel"]),
    ("Ford", &["Ford"]),
    ("General Motors", &["General Motors", "GM"]),
    ("Toyota", &["Toyota"]),
    ("Fiat", &["Fiat"]),
    ("Renault", &["Renault"]),
    ("Nestlé", &["Nestlé", "Nestle"]),
    ("Novartis", &["Novartis"]),
    ("Roche", &["Roche"]),
    ("UBS", &["UBS"]),
    ("Credit Suisse", &["Credit Suisse"]),
    ("Gazprom", &["Gazprom"]),
    ("Rosneft", &["Rosneft"]),
    ("Twitter", &["Twitter"]),
    ("Netflix", &["Netflix"]),
    ("Intel", &["Intel"]),
    ("Tesla", &["Tesla"]),
    ("Ryanair", &["Ryanair"]),
    ("Oracle", &["Oracle"]),
    ("Hewlett-Packard", &["Hewlett-Packard", "HP"]),
    ("Borussia Dortmund", &["Borussia Dortmund", "BVB"]),
    ("Bayern Munich", &["Bayern München", "FC Bayern"]),
    ("Schalke 04", &["Schalke", "Schalke 04"]),
    ("Werder Bremen", &["Werder Bremen", "Werder"]),
    ("Hamburger SV", &["Hamburger SV", "HSV"]),
    ("Real Madrid", &["Real Madrid"]),
    ("FC Barcelona", &["FC Barcelona"]),
    ("Manchester United", &["Manchester United"]),
    ("Taliban", &["Taliban", "Taliban-Milizen"]),
    ("Hamas", &["Hamas"]),
    ("Hisbollah", &["Hisbollah", "Hezbollah"]),
    (
        "Al-Qaeda",
        &["Al-Kaida", "al-Kaida", "Al-Qaida", "al-Qaeda"],
    ),
    (
        "Islamic State",
        &["Islamischer Staat", "Islamischen Staat", "Islamic State"],
    ),
];

/// Words that are capitalised but never names (German nouns that start
/// sentences or follow roles).
pub static NOT_NAMES: List = List::new(include_str!("../data/lists/not_names.txt"));

/// Month names (German and English) with their numbers.
pub const MONTHS: &[(&str, u32)] = &[
    ("Januar", 1),
    ("Jänner", 1),
    ("Februar", 2),
    ("März", 3),
    ("April", 4),
    ("Mai", 5),
    ("Juni", 6),
    ("Juli", 7),
    ("August", 8),
    ("September", 9),
    ("Oktober", 10),
    ("November", 11),
    ("Dezember", 12),
    ("January", 1),
    ("February", 2),
    ("March", 3),
    ("May", 5),
    ("June", 6),
    ("July", 7),
    ("October", 10),
    ("December", 12),
];

/// Weekday names with their number (Monday = 0).
pub const WEEKDAYS: &[(&str, u32)] = &[
    ("Montag", 0),
    ("Dienstag", 1),
    ("Mittwoch", 2),
    ("Donnerstag", 3),
    ("Freitag", 4),
    ("Samstag", 5),
    ("Sonnabend", 5),
    ("Sonntag", 6),
    ("Monday", 0),
    ("Tuesday", 1),
    ("Wednesday", 2),
    ("Thursday", 3),
    ("Friday", 4),
    ("Saturday", 5),
    ("Sunday", 6),
];

/// Number words.
pub const NUMBER_WORDS: &[(&str, f64)] = &[
    ("zwei", 2.0),
    ("drei", 3.0),
    ("vier", 4.0),
    ("fünf", 5.0),
    ("sechs", 6.0),
    ("sieben", 7.0),
    ("acht", 8.0),
    ("neun", 9.0),
    ("zehn", 10.0),
    ("elf", 11.0),
    ("zwölf", 12.0),
    ("zwanzig", 20.0),
    ("dreißig", 30.0),
    ("hundert", 100.0),
    ("tausend", 1000.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("twenty", 20.0),
    ("hundred", 100.0),
    ("thousand", 1000.0),
];

/// Vague amounts: word, typical value, low, high.
pub const VAGUE_AMOUNTS: &[(&str, f64, f64, f64)] = &[
    ("Dutzende", 36.0, 24.0, 99.0),
    ("Dutzenden", 36.0, 24.0, 99.0),
    ("Hunderte", 300.0, 200.0, 999.0),
    ("Hunderten", 300.0, 200.0, 999.0),
    ("Tausende", 3000.0, 2000.0, 9999.0),
    ("Tausenden", 3000.0, 2000.0, 9999.0),
    ("Zehntausende", 30000.0, 20000.0, 99999.0),
    ("Millionen", 3e6, 2e6, 9.99e6),
    ("dozens", 36.0, 24.0, 99.0),
    ("hundreds", 300.0, 200.0, 999.0),
    ("thousands", 3000.0, 2000.0, 9999.0),
    ("tens of thousands", 30000.0, 20000.0, 99999.0),
];

/// Hedge phrases before a number, longest first within each language.
pub const HEDGES: &[(&str, ticker_model::Hedge)] = {
    use ticker_model::Hedge::*;
    &[
        ("mehr als", AtLeast),
        ("über", AtLeast),
        ("mindestens", AtLeast),
        ("wenigstens", AtLeast),
        ("bis zu", AtMost),
        ("höchstens", AtMost),
        ("weniger als", AtMost),
        ("unter", AtMost),
        ("maximal", AtMost),
        ("rund", Approx),
        ("etwa", Approx),
        ("ca.", Approx),
        ("circa", Approx),
        ("fast", Approx),
        ("knapp", Approx),
        ("beinahe", Approx),
        ("ungefähr", Approx),
        ("annähernd", Approx),
        ("gut", Approx),
        ("an die", Approx),
        ("more than", AtLeast),
        ("over", AtLeast),
        ("at least", AtLeast),
        ("up to", AtMost),
        ("at most", AtMost),
        ("fewer than", AtMost),
        ("less than", AtMost),
        ("about", Approx),
        ("around", Approx),
        ("approximately", Approx),
        ("nearly", Approx),
        ("almost", Approx),
        ("roughly", Approx),
        ("some", Approx),
    ]
};

/// Quantity categories: (category, unit, words that signal it near the number).
pub const CATEGORIES: &[(&str, &str, &[&str])] = &[
    (
        "killed",
        "person",
        &[
            "Tote",
            "Toten",
            "Todesopfer",
            "getötet",
            "ums Leben",
            "starben",
            "gestorben",
            "tot",
            "killed",
            "dead",
            "died",
            "deaths",
            "death toll",
        ],
    ),
    (
        "injured",
        "person",
        &[
            "Verletzte",
            "Verletzten",
            "verletzt",
            "verwundet",
            "injured",
            "wounded",
        ],
    ),
    (
        "arrested",
        "person",
        &[
            "festgenommen",
            "Festgenommene",
            "Festnahmen",
            "verhaftet",
            "inhaftiert",
            "Gefangene",
            "arrested",
            "detained",
            "arrests",
            "in detention",
            "in custody",
            "in Haft",
            "in Gewahrsam",
            "Untersuchungshaft",
        ],
    ),
    (
        "troops",
        "soldier",
        &[
            "Soldaten",
            "Truppen",
            "Fallschirmjäger",
            "Einsatzkräfte",
            "Friedenstruppen",
            "troops",
            "soldiers",
            "peacekeepers",
        ],
    ),
    (
        "displaced",
        "person",
        &[
            "Flüchtlinge",
            "geflohen",
            "vertrieben",
            "refugees",
            "displaced",
            "fled",
        ],
    ),
    (
        "investigations",
        "case",
        &[
            "Untersuchungen",
            "Ermittlungsverfahren",
            "Verfahren",
            "investigations",
            "cases",
        ],
    ),
    (
        "protesters",
        "person",
        &[
            "Demonstranten",
            "Demonstrierende",
            "protesters",
            "demonstrators",
        ],
    ),
];

/// Currency words and symbols.
pub const CURRENCIES: &[(&str, &str)] = &[
    ("€", "EUR"),
    ("Euro", "EUR"),
    ("EUR", "EUR"),
    ("$", "USD"),
    ("Dollar", "USD"),
    ("USD", "USD"),
    ("dollars", "USD"),
    ("Franken", "CHF"),
    ("CHF", "CHF"),
    ("Fr.", "CHF"),
    ("£", "GBP"),
    ("Pfund", "GBP"),
    ("pounds", "GBP"),
    ("Rubel", "RUB"),
    ("rubles", "RUB"),
    ("Tenge", "KZT"),
    ("KZT", "KZT"),
    ("GBP", "GBP"),
    ("RUB", "RUB"),
    ("JPY", "JPY"),
    ("Yen", "JPY"),
    ("CNY", "CNY"),
    ("Yuan", "CNY"),
    ("UAH", "UAH"),
    ("Hrywnja", "UAH"),
    ("Hrywnja", "UAH"),
    ("PLN", "PLN"),
    ("Złoty", "PLN"),
    ("Zloty", "PLN"),
    ("SEK", "SEK"),
    ("NOK", "NOK"),
    ("DKK", "DKK"),
    ("Kronen", "SEK"),
    ("CAD", "CAD"),
    ("AUD", "AUD"),
    ("TRY", "TRY"),
    ("Lira", "TRY"),
    ("INR", "INR"),
    ("Rupien", "INR"),
    ("Bitcoin", "BTC"),
    ("Riel", "KHR"),
    ("D-Mark", "DEM"),
];

/// Units of measure: the word or sign after a number, the unit ticker
/// writes, and the category. Longer entries first where one starts
/// another ("km/h" before "km", "Meter pro Sekunde" before "Meter").
pub const MEASURES: &[(&str, &str, &str)] = &[
    ("Stundenkilometern", "km/h", "speed"),
    ("Stundenkilometer", "km/h", "speed"),
    ("Kilometer pro Stunde", "km/h", "speed"),
    ("km/h", "km/h", "speed"),
    ("Meter pro Sekunde", "m/s", "speed"),
    ("Metern pro Sekunde", "m/s", "speed"),
    ("m/s", "m/s", "speed"),
    ("mph", "mph", "speed"),
    ("Knoten", "kn", "speed"),
    ("Quadratkilometern", "km2", "area"),
    ("Quadratkilometer", "km2", "area"),
    ("km²", "km2", "area"),
    ("km2", "km2", "area"),
    ("Quadratmetern", "m2", "area"),
    ("Quadratmeter", "m2", "area"),
    ("m²", "m2", "area"),
    ("m^2", "m2", "area"),
    ("qm", "m2", "area"),
    ("Hektar", "ha", "area"),
    ("ha", "ha", "area"),
    ("square miles", "mi2", "area"),
    ("Kubikmetern", "m3", "volume"),
    ("Kubikmeter", "m3", "volume"),
    ("m³", "m3", "volume"),
    ("Litern", "l", "volume"),
    ("Liter", "l", "volume"),
    ("Milliliter", "ml", "volume"),
    ("ml", "ml", "volume"),
    ("Barrel", "bbl", "volume"),
    ("Kilometern", "km", "length"),
    ("Kilometer", "km", "length"),
    ("km", "km", "length"),
    ("kilometres", "km", "length"),
    ("kilometers", "km", "length"),
    ("Zentimetern", "cm", "length"),
    ("Zentimeter", "cm", "length"),
    ("cm", "cm", "length"),
    ("Millimetern", "mm", "length"),
    ("Millimeter", "mm", "length"),
    ("mm", "mm", "length"),
    ("Mikrometern", "µm", "length"),
    ("Mikrometer", "µm", "length"),
    ("μm", "µm", "length"),
    ("µm", "µm", "length"),
    ("Nanometern", "nm", "length"),
    ("Nanometer", "nm", "length"),
    ("nm", "nm", "length"),
    ("Metern", "m", "length"),
    ("Meter", "m", "length"),
    ("metres", "m", "length"),
    ("meters", "m", "length"),
    ("m", "m", "length"),
    ("Meilen", "mi", "length"),
    ("Meile", "mi", "length"),
    ("miles", "mi", "length"),
    ("Seemeilen", "nmi", "length"),
    ("Fuß", "ft", "length"),
    ("feet", "ft", "length"),
    ("Zoll", "in", "length"),
    ("inches", "in", "length"),
    ("Teelöffel", "tsp", "volume"),
    ("Esslöffel", "tbsp", "volume"),
    ("Kilogramm", "kg", "mass"),
    ("kg", "kg", "mass"),
    ("Tonnen", "t", "mass"),
    ("Tonne", "t", "mass"),
    ("tons", "t", "mass"),
    ("tonnes", "t", "mass"),
    ("Gramm", "g", "mass"),
    ("Terabyte", "TB", "data"),
    ("Gigabyte", "GB", "data"),
    ("Megabyte", "MB", "data"),
    ("TB", "TB", "data"),
    ("GB", "GB", "data"),
    ("MB", "MB", "data"),
    ("Megawatt", "MW", "power"),
    ("Gigawatt", "GW", "power"),
    ("Kilowatt", "kW", "power"),
    ("MW", "MW", "power"),
    ("GW", "GW", "power"),
    ("kW", "kW", "power"),
    ("°C", "°C", "temperature"),
    ("° Celsius", "°C", "temperature"),
    ("°Celsius", "°C", "temperature"),
    ("Grad Celsius", "°C", "temperature"),
    ("°F", "°F", "temperature"),
    ("Grad Fahrenheit", "°F", "temperature"),
    ("degrees Celsius", "°C", "temperature"),
    ("Kelvin", "K", "temperature"),
    ("Celsius", "°C", "temperature"),
    ("Fahrenheit", "°F", "temperature"),
    ("rad", "rad", "angle"),
    ("Grad", "°C", "temperature"),
    ("grad", "°C", "temperature"),
    ("°", "°C", "temperature"),
];

/// Duration units.
pub const DURATIONS: &[(&str, &str)] = &[
    ("Tage", "day"),
    ("Tagen", "day"),
    ("Wochen", "week"),
    ("Monate", "month"),
    ("Monaten", "month"),
    ("Jahre", "year"),
    ("Jahren", "year"),
    ("Stunden", "hour"),
    ("Minuten", "minute"),
    ("days", "day"),
    ("weeks", "week"),
    ("months", "month"),
    ("years", "year"),
    ("hours", "hour"),
];

/// Event types and their trigger word prefixes (see `docs/extraction.md`;
/// names follow PLOVER where it has one).
pub const EVENT_TRIGGERS: &[(&str, &[&str])] = &[
    (
        "protest",
        &["Protest", "protest", "Demonstr", "demonstr", "Kundgebung"],
    ),
    (
        "clash",
        &[
            "Zusammenstö",
            "Ausschreitung",
            "Unruhen",
            "Krawall",
            "Gefecht",
            "clash",
            "riot",
            "unrest",
        ],
    ),
    (
        "arrest",
        &[
            "festgenommen",
            "Festnahme",
            "verhaftet",
            "Verhaftung",
            "arrested",
            "detained",
        ],
    ),
    (
        "casualties",
        &[
            "getötet",
            "ums Leben",
            "Todesopfer",
            "Toten",
            "killed",
            "death toll",
        ],
    ),
    (
        "military_deployment",
        &[
            "entsandt",
            "entsandte",
            "schickte",
            "Verlegung",
            "stationiert",
            "deployed",
            "deployment",
            "sent troops",
        ],
    ),
    (
        "military_withdrawal",
        &[
            "Abzug",
            "zieht",
            "abziehen",
            "zurückziehen",
            "zurückgezogen",
            "verlassen",
            "withdraw",
            "withdrawal",
            "pull out",
        ],
    ),
    ("visit", &["besucht", "Besuch", "visited", "visit"]),
    (
        "meeting",
        &[
            "berieten", "Treffen", "Gipfel", "Beratung", "meeting", "summit", "talks",
        ],
    ),
    (
        "investigation",
        &[
            "Untersuchung",
            "Ermittlung",
            "ermittelt",
            "Anklage",
            "angeklagt",
            "investigation",
            "charged",
        ],
    ),
    (
        "request_aid",
        &["um Hilfe", "bat", "gebeten", "requested", "asked for help"],
    ),
];

/// Adjectives derived from place names, by the place's canonical name: the
/// stem without its ending ("deutsch" for deutsche, deutschen, Deutscher …).
/// A mention of one links the text to the place (flagged `derived`).
pub const PLACE_ADJECTIVES: &[(&str, &[&str])] = &[
    ("Germany", &["deutsch", "bundesdeutsch", "german"]),
    ("Austria", &["österreichisch", "austrian"]),
    ("Switzerland", &["schweizerisch", "swiss"]),
    (
        "United States",
        &["amerikanisch", "us-amerikanisch", "american"],
    ),
    ("United Kingdom", &["britisch", "british"]),
    ("England", &["englisch", "english"]),
    ("Scotland", &["schottisch", "scottish"]),
    ("Wales", &["walisisch", "welsh"]),
    ("Ireland", &["irisch", "irish"]),
    ("France", &["französisch", "french"]),
    ("Italy", &["italienisch", "italian"]),
    ("Spain", &["spanisch", "spanish"]),
    ("Portugal", &["portugiesisch", "portuguese"]),
    ("Netherlands", &["niederländisch", "holländisch", "dutch"]),
    ("Belgium", &["belgisch", "belgian"]),
    ("Luxembourg", &["luxemburgisch"]),
    ("Denmark", &["dänisch", "danish"]),
    ("Sweden", &["schwedisch", "swedish"]),
    ("Norway", &["norwegisch", "norwegian"]),
    ("Finland", &["finnisch", "finnish"]),
    ("Iceland", &["isländisch", "icelandic"]),
    ("Poland", &["polnisch", "polish"]),
    ("Czechia", &["tschechisch", "czech"]),
    ("Slovakia", &["slowakisch", "slovak"]),
    ("Hungary", &["ungarisch", "hungarian"]),
    ("Romania", &["rumänisch", "romanian"]),
    ("Bulgaria", &["bulgarisch", "bulgarian"]),
    ("Greece", &["griechisch", "greek"]),
    ("Serbia", &["serbisch", "serbian"]),
    ("Croatia", &["kroatisch", "croatian"]),
    ("Bosnia & Herzegovina", &["bosnisch", "bosnian"]),
    ("Slovenia", &["slowenisch", "slovenian"]),
    ("Albania", &["albanisch", "albanian"]),
    ("Kosovo", &["kosovarisch"]),
    ("Yugoslavia", &["jugoslawisch", "yugoslav"]),
    ("Russia", &["russisch", "russian"]),
    ("Soviet Union", &["sowjetisch", "soviet"]),
    // Regions, states and peoples' lands whose adjectives the gazetteer
    // does not give.
    ("Arabia", &["arabisch", "arabian"]),
    ("California", &["kalifornisch", "californian"]),
    ("Cyprus", &["zypriotisch", "zyprisch", "cypriot"]),
    (
        "Malaysia",
        &["malaysisch", "malaiisch", "malayisch", "malaysian"],
    ),
    ("South America", &["südamerikanisch", "south american"]),
    ("Latin America", &["lateinamerikanisch", "latin american"]),
    ("Aargau", &["aargauisch"]),
    ("Rhineland", &["rheinisch"]),
    ("Attica", &["attisch"]),
    ("Illyria", &["illyrisch"]),
    ("Babylon", &["babylonisch"]),
    ("North America", &["nordamerikanisch", "north american"]),
    (
        "Central America",
        &["mittelamerikanisch", "zentralamerikanisch"],
    ),
    ("Caribbean", &["karibisch", "caribbean"]),
    ("Scandinavia", &["skandinavisch", "scandinavian"]),
    ("Baltic states", &["baltisch", "baltic"]),
    ("Balkans", &["balkanisch"]),
    ("Caucasus", &["kaukasisch", "caucasian"]),
    ("Siberia", &["sibirisch", "siberian"]),
    ("Persia", &["persisch", "persian"]),
    ("Macedonia", &["makedonisch", "mazedonisch", "macedonian"]),
    ("Texas", &["texanisch", "texan"]),
    ("Frisia", &["friesisch", "frisian"]),
    ("Franconia", &["fränkisch"]),
    ("Baden", &["badisch"]),
    ("Palatinate", &["pfälzisch"]),
    ("Bern", &["bernisch"]),
    ("Zurich", &["zürcherisch"]),
    ("Lucerne", &["luzernisch"]),
    ("Thurgau", &["thurgauisch"]),
    ("Ticino", &["tessinisch"]),
    ("Ukraine", &["ukrainisch", "ukrainian"]),
    ("Belarus", &["belarussisch", "weißrussisch", "belarusian"]),
    ("Lithuania", &["litauisch", "lithuanian"]),
    ("Latvia", &["lettisch", "latvian"]),
    ("Estonia", &["estnisch", "estonian"]),
    ("Georgia", &["georgisch", "georgian"]),
    ("Armenia", &["armenisch", "armenian"]),
    ("Azerbaijan", &["aserbaidschanisch", "azerbaijani"]),
    ("Kazakhstan", &["kasachisch", "kasachstanisch", "kazakh"]),
    ("Kyrgyzstan", &["kirgisisch", "kyrgyz"]),
    ("Uzbekistan", &["usbekisch", "uzbek"]),
    ("Tajikistan", &["tadschikisch", "tajik"]),
    ("Turkmenistan", &["turkmenisch", "turkmen"]),
    ("Turkey", &["türkisch", "turkish"]),
    ("Israel", &["israelisch", "israeli"]),
    (
        "Palestinian Territories",
        &["palästinensisch", "palestinian"],
    ),
    ("Lebanon", &["libanesisch", "lebanese"]),
    ("Syria", &["syrisch", "syrian"]),
    ("Iraq", &["irakisch", "iraqi"]),
    ("Iran", &["iranisch", "iranian"]),
    ("Jordan", &["jordanisch", "jordanian"]),
    ("Saudi Arabia", &["saudisch", "saudi-arabisch", "saudi"]),
    ("Yemen", &["jemenitisch", "yemeni"]),
    ("Qatar", &["katarisch", "qatari"]),
    ("Kuwait", &["kuwaitisch", "kuwaiti"]),
    ("Afghanistan", &["afghanisch", "afghan"]),
    ("Pakistan", &["pakistanisch", "pakistani"]),
    ("India", &["indisch", "indian"]),
    ("China", &["chinesisch", "chinese"]),
    ("Japan", &["japanisch", "japanese"]),
    ("South Korea", &["südkoreanisch", "south korean"]),
    ("North Korea", &["nordkoreanisch", "north korean"]),
    ("Korea", &["koreanisch", "korean"]),
    ("Taiwan", &["taiwanisch", "taiwanese"]),
    ("Vietnam", &["vietnamesisch", "vietnamese"]),
    ("Thailand", &["thailändisch", "thai"]),
    ("Indonesia", &["indonesisch", "indonesian"]),
    ("Philippines", &["philippinisch", "philippine"]),
    ("Mongolia", &["mongolisch", "mongolian"]),
    ("Tibet", &["tibetisch", "tibetan"]),
    ("Egypt", &["ägyptisch", "egyptian"]),
    ("Libya", &["libysch", "libyan"]),
    ("Tunisia", &["tunesisch", "tunisian"]),
    ("Algeria", &["algerisch", "algerian"]),
    ("Morocco", &["marokkanisch", "moroccan"]),
    ("Sudan", &["sudanesisch", "sudanese"]),
    ("Ethiopia", &["äthiopisch", "ethiopian"]),
    ("Somalia", &["somalisch", "somali"]),
    ("Kenya", &["kenianisch", "kenyan"]),
    ("Nigeria", &["nigerianisch", "nigerian"]),
    ("Mali", &["malisch", "malian"]),
    ("South Africa", &["südafrikanisch", "south african"]),
    ("Canada", &["kanadisch", "canadian"]),
    ("Mexico", &["mexikanisch", "mexican"]),
    ("Cuba", &["kubanisch", "cuban"]),
    ("Brazil", &["brasilianisch", "brazilian"]),
    ("Argentina", &["argentinisch", "argentinian", "argentine"]),
    ("Chile", &["chilenisch", "chilean"]),
    ("Peru", &["peruanisch", "peruvian"]),
    ("Colombia", &["kolumbianisch", "colombian"]),
    ("Venezuela", &["venezolanisch", "venezuelan"]),
    ("Australia", &["australisch", "australian"]),
    ("New Zealand", &["neuseeländisch"]),
    ("Europe", &["europäisch", "european"]),
    ("Asia", &["asiatisch", "asian"]),
    ("Africa", &["afrikanisch", "african"]),
    ("Americas", &["lateinamerikanisch"]),
    ("Rome", &["römisch"]),
    ("Prussia", &["preußisch", "preussisch", "prussian"]),
    ("Bayern", &["bayerisch", "bayrisch", "bavarian"]),
    ("Sachsen", &["sächsisch"]),
    ("Hessen", &["hessisch"]),
    ("Schwaben", &["schwäbisch"]),
    ("Westfalen", &["westfälisch"]),
    ("Thüringen", &["thüringisch"]),
    ("Brandenburg", &["brandenburgisch"]),
    ("Mesopotamia", &["mesopotamisch"]),
    ("Tirol", &["tirolerisch"]),
];

/// German adjective endings after a `PLACE_ADJECTIVES` stem.
pub const ADJECTIVE_ENDINGS: &[&str] = &["", "e", "en", "er", "es", "em"];

/// Inhabitant nouns by the place's canonical name, every inflected form.
/// Forms that are also the place's own name ("Polen", "Ungarn") are left out.
pub const DEMONYMS: &[(&str, &[&str])] = &[
    // Peoples of regions and historic lands.
    ("Arabia", &["Araber", "Arabern", "Araberin"]),
    ("Persia", &["Perser", "Persern"]),
    ("California", &["Kalifornier", "Kaliforniern"]),
    ("Texas", &["Texaner", "Texanern"]),
    (
        "Cyprus",
        &["Zypriot", "Zyprioten", "Zypriotin", "Zyprer", "Zyprern"],
    ),
    ("Malaysia", &["Malaysier", "Malaysiern"]),
    ("South America", &["Südamerikaner", "Südamerikanern"]),
    ("Latin America", &["Lateinamerikaner", "Lateinamerikanern"]),
    ("North America", &["Nordamerikaner", "Nordamerikanern"]),
    ("Scandinavia", &["Skandinavier", "Skandinaviern"]),
    ("Baltic states", &["Balte", "Balten", "Baltin"]),
    ("Siberia", &["Sibirier", "Sibiriern"]),
    ("Babylon", &["Babylonier", "Babyloniern"]),
    ("Germania", &["Germane", "Germanen"]),
    ("Germany", &["Deutsche", "Deutschen", "Deutscher"]),
    (
        "France",
        &[
            "Franzose",
            "Franzosen",
            "Französin",
            "Französinnen",
            "Frenchman",
        ],
    ),
    (
        "United Kingdom",
        &[
            "Brite",
            "Briten",
            "Britin",
            "Britinnen",
            "Briton",
            "Britons",
        ],
    ),
    ("England", &["Engländer", "Engländerin", "Engländern"]),
    ("Scotland", &["Schotte", "Schotten", "Schottin"]),
    ("Ireland", &["Ire", "Iren", "Irin"]),
    (
        "United States",
        &[
            "Amerikaner",
            "Amerikanerin",
            "Amerikanern",
            "US-Amerikaner",
            "Americans",
        ],
    ),
    (
        "Russia",
        &["Russe", "Russen", "Russin", "Russinnen", "Russians"],
    ),
    (
        "Italy",
        &["Italiener", "Italienerin", "Italienern", "Italians"],
    ),
    ("Spain", &["Spanier", "Spanierin", "Spaniern"]),
    (
        "Switzerland",
        &["Schweizer", "Schweizerin", "Schweizern", "Eidgenossen"],
    ),
    (
        "Austria",
        &["Österreicher", "Österreicherin", "Österreichern"],
    ),
    (
        "Netherlands",
        &["Niederländer", "Niederländerin", "Holländer", "Holländerin"],
    ),
    ("Belgium", &["Belgier", "Belgierin"]),
    ("Denmark", &["Däne", "Dänen", "Dänin"]),
    ("Sweden", &["Schwede", "Schwedin"]),
    ("Norway", &["Norweger", "Norwegerin", "Norwegern"]),
    ("Finland", &["Finne", "Finnen", "Finnin"]),
    ("Greece", &["Grieche", "Griechen", "Griechin"]),
    ("Turkey", &["Türke", "Türken", "Türkin"]),
    (
        "Israel",
        &["Israeli", "Israelis", "Israelin", "Israelinnen"],
    ),
    (
        "Palestinian Territories",
        &[
            "Palästinenser",
            "Palästinenserin",
            "Palästinensern",
            "Palestinians",
        ],
    ),
    ("China", &["Chinese", "Chinesen", "Chinesin"]),
    ("Japan", &["Japaner", "Japanerin", "Japanern"]),
    (
        "Ukraine",
        &["Ukrainer", "Ukrainerin", "Ukrainern", "Ukrainians"],
    ),
    ("Kazakhstan", &["Kasache", "Kasachen", "Kasachin"]),
    ("Afghanistan", &["Afghane", "Afghanen", "Afghanin"]),
    ("Iraq", &["Iraker", "Irakerin", "Irakern"]),
    ("Iran", &["Iraner", "Iranerin", "Iranern"]),
    ("Syria", &["Syrer", "Syrerin", "Syrern"]),
    ("Egypt", &["Ägypter", "Ägypterin", "Ägyptern"]),
    (
        "Argentina",
        &["Argentinier", "Argentinierin", "Argentiniern"],
    ),
    ("Brazil", &["Brasilianer", "Brasilianerin", "Brasilianern"]),
    ("Mexico", &["Mexikaner", "Mexikanerin", "Mexikanern"]),
    ("Canada", &["Kanadier", "Kanadierin", "Kanadiern"]),
    ("Australia", &["Australier", "Australierin", "Australiern"]),
    ("India", &["Inder", "Inderin", "Indern"]),
    ("Pakistan", &["Pakistaner", "Pakistanerin"]),
    ("Czechia", &["Tscheche", "Tschechen", "Tschechin"]),
    ("Croatia", &["Kroate", "Kroaten", "Kroatin"]),
    ("Serbia", &["Serbe", "Serben", "Serbin"]),
    ("Romania", &["Rumäne", "Rumänen", "Rumänin"]),
    ("Bulgaria", &["Bulgare", "Bulgaren", "Bulgarin"]),
    (
        "Europe",
        &["Europäer", "Europäerin", "Europäern", "Europeans"],
    ),
    ("Africa", &["Afrikaner", "Afrikanerin", "Afrikanern"]),
    ("Asia", &["Asiaten", "Asiatin"]),
    ("Americas", &["Lateinamerikaner", "Lateinamerikanerin"]),
    ("Korea", &["Koreaner", "Koreanerin"]),
    ("Vietnam", &["Vietnamese", "Vietnamesen", "Vietnamesin"]),
];

/// Currency names as they are written in running text: named currencies
/// are MISC entities (GermEval's OTH), keyed by their ISO code.
pub const CURRENCY_NAMES: &[(&str, &[&str])] = &[
    ("EUR", &["Euro", "EUR"]),
    ("USD", &["Dollar", "US-Dollar", "USD"]),
    ("CHF", &["Franken", "CHF"]),
    ("GBP", &["Pfund", "GBP"]),
    ("JPY", &["Yen", "JPY"]),
    ("RUB", &["Rubel", "RUB"]),
    ("CNY", &["Yuan", "Renminbi", "CNY"]),
    ("KZT", &["Tenge", "KZT"]),
    ("UAH", &["Hrywnja", "Griwna", "UAH"]),
    ("TRY", &["Lira"]),
    ("PLN", &["Zloty", "Złoty", "PLN"]),
    ("SEK", &["Kronen", "SEK"]),
    ("DEM", &["D-Mark", "DM"]),
    ("NLG", &["Gulden"]),
];

/// Currency signs, which name their currency as its name does ("40 €").
pub const CURRENCY_SIGNS: &[(char, &str)] =
    &[('€', "EUR"), ('$', "USD"), ('£', "GBP"), ('¥', "JPY")];

/// Figures of history, culture and sport known by one name, which news
/// and feature writing use without a first name or a role ("Goethes
/// Faust", "unter Stalin"). Each is also found in the genitive. Names
/// that are ordinary words or frequent surnames ("Bach", "Mann", "Wagner",
/// "Schmidt") are left out.
pub static FAMOUS_PERSONS: List = List::new(include_str!("../data/lists/famous_persons.txt"));

/// Companies, brands and media often named in news by their name alone,
/// beyond those with variants in [`ORGANIZATIONS`]. Names that are also
/// ordinary German or English words ("Stern", "Blick", "Shell", "Puma",
/// "Delta", "Visa") are left out: capitalisation does not tell them apart.
pub static KNOWN_ORGANIZATIONS: List =
    List::new(include_str!("../data/lists/known_organizations.txt"));

/// Other names (MISC): stock indices and named reforms, which GermEval
/// and news alike treat as names of their own.
pub const MISC_NAMES: &[(&str, &[&str])] = &[
    ("DAX", &["DAX", "Dax"]),
    ("MDAX", &["MDAX", "MDax"]),
    ("SDAX", &["SDAX", "SDax"]),
    ("TecDAX", &["TecDAX", "TecDax"]),
    ("Dow Jones", &["Dow Jones"]),
    ("Nikkei", &["Nikkei"]),
    (
        "Euro Stoxx 50",
        &["Euro Stoxx 50", "Euro Stoxx", "EuroStoxx"],
    ),
    ("FTSE 100", &["FTSE 100", "FTSE"]),
    ("CAC 40", &["CAC 40"]),
    ("Hang Seng", &["Hang Seng"]),
    ("ATX", &["ATX"]),
    ("SMI", &["SMI"]),
    ("Hartz IV", &["Hartz IV", "Hartz-IV"]),
    // Products and software news names without a cue.
    ("Linux", &["Linux"]),
    ("Windows", &["Windows"]),
    ("Android", &["Android"]),
    ("iOS", &["iOS"]),
    ("iPhone", &["iPhone", "iPhones"]),
    ("iPad", &["iPad", "iPads"]),
    ("iPod", &["iPod", "iPods"]),
    ("MacBook", &["MacBook"]),
    ("PlayStation", &["PlayStation", "Playstation"]),
    ("Xbox", &["Xbox"]),
    ("Firefox", &["Firefox"]),
    ("ChatGPT", &["ChatGPT"]),
    ("Bitcoin", &["Bitcoin", "Bitcoins"]),
    ("Ethereum", &["Ethereum"]),
    ("Eurofighter", &["Eurofighter"]),
    ("Airbus A380", &["A380"]),
    ("Boeing 747", &["Boeing 747", "Jumbo-Jet"]),
];

/// People in the news often enough to be known by surname alone: heads of
/// state and government, ministers and other public figures. Keyed by the
/// surname, as every person id is, so that "Putin" here and "Präsident
/// Wladimir Putin" found by its cue get the same id.
pub const PERSONS: &[(&str, &[&str])] = &[
    (
        "Putin",
        &["Putin", "Putins", "Wladimir Putin", "Vladimir Putin"],
    ),
    (
        "Tokajew",
        &[
            "Tokajew",
            "Tokajews",
            "Tokayev",
            "Tokaev",
            "Kassym-Jomart Tokajew",
        ],
    ),
    (
        "Nasarbajew",
        &[
            "Nasarbajew",
            "Nasarbajews",
            "Nazarbayev",
            "Nursultan Nasarbajew",
        ],
    ),
    (
        "Lukaschenko",
        &[
            "Lukaschenko",
            "Lukaschenkos",
            "Lukashenko",
            "Alexander Lukaschenko",
        ],
    ),
    (
        "Selenskyj",
        &[
            "Selenskyj",
            "Selenskyjs",
            "Selenski",
            "Zelensky",
            "Zelenskyy",
            "Wolodymyr Selenskyj",
        ],
    ),
    (
        "Lawrow",
        &[
            "Lawrow",
            "Lawrows",
            "Lavrov",
            "Sergej Lawrow",
            "Sergei Lavrov",
        ],
    ),
    ("Peskow", &["Peskow", "Peskov", "Dmitri Peskow"]),
    ("Schoigu", &["Schoigu", "Shoigu", "Sergej Schoigu"]),
    (
        "Nawalny",
        &["Nawalny", "Nawalnys", "Navalny", "Alexej Nawalny"],
    ),
    ("Biden", &["Biden", "Bidens", "Joe Biden"]),
    ("Trump", &["Trump", "Trumps", "Donald Trump"]),
    ("Obama", &["Obama", "Obamas", "Barack Obama"]),
    ("Blinken", &["Blinken", "Antony Blinken"]),
    ("Harris", &["Kamala Harris"]),
    ("Merkel", &["Merkel", "Merkels", "Angela Merkel"]),
    ("Scholz", &["Scholz", "Olaf Scholz"]),
    (
        "Steinmeier",
        &["Steinmeier", "Steinmeiers", "Frank-Walter Steinmeier"],
    ),
    ("Baerbock", &["Baerbock", "Annalena Baerbock"]),
    ("Habeck", &["Habeck", "Robert Habeck"]),
    ("Lindner", &["Lindner", "Christian Lindner"]),
    ("Söder", &["Söder", "Markus Söder"]),
    ("Merz", &["Merz", "Friedrich Merz"]),
    ("Macron", &["Macron", "Macrons", "Emmanuel Macron"]),
    ("Sarkozy", &["Sarkozy", "Nicolas Sarkozy"]),
    ("Meloni", &["Meloni", "Giorgia Meloni"]),
    ("Orbán", &["Orbán", "Orban", "Viktor Orbán", "Viktor Orban"]),
    (
        "Erdogan",
        &["Erdogan", "Erdoğan", "Erdogans", "Recep Tayyip Erdogan"],
    ),
    (
        "Netanjahu",
        &["Netanjahu", "Netanyahu", "Benjamin Netanjahu"],
    ),
    ("Xi", &["Xi Jinping", "Xi Jinpings"]),
    ("Modi", &["Narendra Modi"]),
    ("Assad", &["Assad", "Baschar al-Assad", "Bashar al-Assad"]),
    ("Chamenei", &["Chamenei", "Khamenei", "Ali Chamenei"]),
    (
        "Guterres",
        &["Guterres", "António Guterres", "Antonio Guterres"],
    ),
    ("Stoltenberg", &["Stoltenberg", "Jens Stoltenberg"]),
    ("Leyen", &["von der Leyen", "Ursula von der Leyen"]),
    (
        "Paschinjan",
        &["Paschinjan", "Pashinyan", "Nikol Paschinjan"],
    ),
    (
        "Mirsijojew",
        &["Mirsijojew", "Mirziyoyev", "Schawkat Mirsijojew"],
    ),
    ("Dschaparow", &["Dschaparow", "Japarov", "Sadyr Dschaparow"]),
    ("Kadyrow", &["Kadyrow", "Kadyrov", "Ramsan Kadyrow"]),
];

/// Occupations and titles that name the person after them as a role does
/// ("Trainer Jürgen Klopp", "Regisseur Wong Kar-wai").
pub static OCCUPATIONS: List = List::new(include_str!("../data/lists/occupations.txt"));

/// Endings of compound roles ("Bundesinnenminister", "SPD-Chef",
/// "Vorstandschef", "Fraktionsvorsitzender").
pub const ROLE_ENDINGS: &[&str] = &[
    "minister",
    "ministerin",
    "chef",
    "chefin",
    "sprecher",
    "sprecherin",
    "präsident",
    "präsidentin",
    "vorsitzender",
    "vorsitzende",
    "direktor",
    "direktorin",
    "trainer",
    "trainerin",
    "leiter",
    "leiterin",
    "kandidat",
    "kandidatin",
    "sekretär",
    "sekretärin",
    "kanzler",
    "kanzlerin",
    "botschafter",
    "manager",
    "kommissar",
    "kommissarin",
];

/// Words that cite a source wherever they stand ("laut X", "X zufolge",
/// "Demnach …").
pub const CITING_WORDS: &[&str] = &["laut", "Laut", "Demnach", "demnach", "zufolge", "gemäß"];

/// Nouns that cite a source wherever they stand ("nach Angaben der
/// Polizei", "ersten Meldungen zufolge").
pub const CITING_NOUNS: &[&str] = &["Angaben", "Einschätzung", "Meldungen"];

/// Nouns that name a source after "nach" or "laut", or before "zufolge"
/// ("nach Ansicht der Richter", "Medienberichten zufolge"); only in that
/// frame are they cues.
pub static SOURCE_NOUNS: List = List::new(include_str!("../data/lists/source_nouns.txt"));

/// Whether `words[index]` is a source noun in its frame: "nach", "laut"
/// or "gemäß" at most three words before it, or "zufolge" right after.
pub fn source_noun_at(words: &[crate::entities::Token<'_>], index: usize) -> bool {
    if !SOURCE_NOUNS.contains(&words[index].text) {
        return false;
    }
    let before = words[index.saturating_sub(3)..index].iter().any(|word| {
        matches!(
            word.text,
            "nach" | "Nach" | "laut" | "Laut" | "gemäß" | "Gemäß"
        )
    });
    let after = words
        .get(index + 1)
        .is_some_and(|word| word.text == "zufolge");
    before || after
}

/// Function words and sentence adverbs of the languages ticker detects
/// (German, English, French, Spanish, Italian, Dutch, Portuguese), lower
/// case: articles, pronouns, prepositions, conjunctions and the adverbs
/// that open sentences ("Según", "Además", "However", "Zudem"). A word on
/// this list is never a name, whatever its capital letter says, and never
/// a part of a story label.
pub static FUNCTION_WORDS: List = List::new(include_str!("../data/lists/function_words.txt"));

/// Whether `word` (any case) is a function word or sentence adverb of a
/// language ticker detects.
pub fn is_function_word(word: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    let set = SET.get_or_init(|| FUNCTION_WORDS.iter().copied().collect());
    let trimmed = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
    if trimmed.is_empty() {
        return false;
    }
    if set.contains(trimmed) {
        return true;
    }
    // An acronym in capitals ("US", "AS", "DA") is a name, not "us".
    let capitals = trimmed.chars().filter(|c| c.is_uppercase()).count();
    if capitals > 1 {
        return false;
    }
    let lower = trimmed.to_lowercase();
    set.contains(lower.as_str())
}
