//! HTML page to article: main text by structure and content scoring,
//! metadata from JSON-LD, OpenGraph, `<meta>` and `<time>`.
//!
//! The main text is found in three steps:
//! 1. Boilerplate subtrees are skipped wholesale: `nav`, `aside`, `footer`,
//!    `figure` (captions and photo credits), forms, scripts, and elements
//!    whose class or id names a cookie banner, teaser, related-links box,
//!    share bar, newsletter box, comments, ads or similar.
//! 2. The content root is the element that holds most paragraph text:
//!    each paragraph's text length (less its link text) is credited to its
//!    parent and, halved, to its grandparent, as readability does; an
//!    `<article>` or `<main>` holding most of that text is preferred.
//! 3. Inside the root, block elements become paragraphs in reading order
//!    (headings, paragraphs, list items as "• item", quotes); blocks that
//!    are mostly links or known boilerplate phrases are dropped.

use std::collections::HashMap;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use aho_corasick::AhoCorasick;
use chrono::{DateTime, FixedOffset};
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};
use ticker_model::PageKind;

use crate::text::clean_inline;

/// What the HTML normalizer found on a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Headline without the site suffix.
    pub title: String,
    /// Teaser / description.
    pub lead: Option<String>,
    /// Paragraphs of the main text.
    pub paragraphs: Vec<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// Publication time, with the page's UTC offset.
    pub published_at: Option<DateTime<FixedOffset>>,
    /// Modification time, with the page's UTC offset.
    pub modified_at: Option<DateTime<FixedOffset>>,
    /// Declared language (`de`, `en`), when the page declares one.
    pub declared_language: Option<String>,
    /// Canonical URL as declared (absolute when a base URL was given).
    pub canonical_url: Option<String>,
    /// Lead image.
    pub image: Option<String>,
    /// Section.
    pub section: Option<String>,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Paywall declared or shown.
    pub paywalled: bool,
    /// Article, live ticker or other.
    pub page_kind: PageKind,
}

const MAX_DEPTH: usize = 512;

/// Share of the best block's score its siblings must carry to be taken in.
const SIBLING_SHARE: f64 = 0.3;

/// How many levels above the best block an article split into sections is
/// looked for, how much more text (a share of the block's) an ancestor must
/// add, and how long its added paragraphs must be on average.
const WIDEN_LEVELS: usize = 8;
const WIDEN_GAIN: f64 = 0.5;
const WIDEN_PARAGRAPH: f64 = 150.0;

/// How many levels above the body block a lead set apart is looked for.
const LEAD_LEVELS: usize = 5;

const SKIP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "nav",
    "aside",
    "footer",
    "figure",
    "figcaption",
    "button",
    "select",
    "textarea",
    "iframe",
    "object",
    "video",
    "audio",
    "canvas",
    "menu",
    "dialog",
    "head",
    "picture",
    "img",
    "input",
    "label",
];

const BLOCK_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "td",
    "th",
    "div",
    "section",
    "article",
    "main",
    "header",
    "ul",
    "ol",
    "dl",
    "table",
    "tr",
    "br",
    "hr",
    "address",
    "caption",
    "center",
    "details",
    "summary",
];

/// Class/id fragments that mark boilerplate whatever else the element says.
const ALWAYS_BOILERPLATE: &[&str] = &[
    "comments",
    "leserpost",
    "leserbrief",
    "leserkommentar",
    "user-comment",
    "commentlist",
    "comment-list",
    "comment-respond",
    "cookie",
    "consent",
    "gdpr",
    "newsletter",
    "outbrain",
    "taboola",
    "teaser",
    "promo",
    "advert",
    "anzeige",
    "popup",
    "visually-hidden",
    "sr-only",
    "skip-link",
    "print-only",
];

/// Class/id fragments that mark boilerplate unless the element also looks
/// like content (the readability rule: "unlikely candidate" and not "ok
/// maybe it's a candidate").
const UNLIKELY_CONTENT: &[&str] = &[
    // A paywall prompt is boilerplate; a wrapper named so
    // ("content-behind-paywall") holds the article the page did send.
    "paywall",
    "banner",
    "breadcrumb",
    "comment",
    "community",
    "disqus",
    "footer",
    "header",
    "menu",
    "nav",
    "related",
    "remark",
    "replies",
    "rss",
    "share",
    "sharing",
    "shoutbox",
    "sidebar",
    "rail__",
    "right-rail",
    "left-rail",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "pagination",
    "pager",
    "widget",
    "caption",
    "bildunterschrift",
    "bildtext",
    "bildnachweis",
    "img-desc",
    "image-desc",
    "credit",
    "byline",
    "author",
    "tags",
    "taglist",
    "toolbar",
    "login",
    "signup",
    "subscribe",
    "recommend",
    "read-more",
    "readmore",
    "weiterlesen",
    "mehr-zum",
    "masthead",
    "modal",
    "copyright",
    "meta-",
];

/// Class/id fragments that mark likely content.
const LIKELY_CONTENT: &[&str] = &[
    "article", "body", "column", "content", "main", "story", "entry", "text", "post", "shadow",
];

/// Paragraphs that are boilerplate wherever they stand.
const BOILERPLATE_PHRASES: &[&str] = &[
    "mehr zum thema",
    "subscribe to our newsletter",
    "newsletter abonnieren",
    "alle rechte vorbehalten",
    "all rights reserved",
    "cookies",
    "javascript",
    "diesen artikel teilen",
    "share this article",
    "zur startseite",
    "lesen sie auch",
    "read more:",
    "das könnte sie auch interessieren",
];

/// Lines that only point the reader elsewhere or ask for a reaction; as a
/// paragraph of their own (punctuation around them aside) they are page
/// furniture. ("Weitere Informationen" is not among them: it also heads a
/// section of the text.)
const READER_PROMPTS: &[&str] = &[
    "lesen sie mehr",
    "mehr lesen",
    "weiterlesen",
    "weiter lesen",
    "mehr dazu",
    "mehr erfahren",
    "read more",
    "continue reading",
    "learn more",
    "find out more",
    "gefällt dir dieser beitrag",
    "gefällt ihnen dieser artikel",
    "war dieser artikel hilfreich",
    "was this article helpful",
    "did you like this article",
];

/// Parses a page. `base_url` resolves relative canonical and image URLs.
pub fn parse_page(html: &str, base_url: Option<&url::Url>) -> Page {
    parse_page_with(html, base_url, None)
}

/// What an operator knows about one site's pages, as CSS selectors
/// (`[[sites]]` in the configuration): where the article text is, and
/// what inside or around it is not article text. Site knowledge is data
/// here, never code.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SiteRules {
    /// The element(s) holding the article text; when it matches, the main
    /// text is read from these only (and the page's JSON-LD body does not
    /// replace it).
    pub content: Option<String>,
    /// Elements to leave out wherever they are (teasers, newsletter boxes).
    pub remove: Vec<String>,
}

impl SiteRules {
    /// Whether every selector parses; else which one does not and why.
    pub fn validate(&self) -> Result<(), String> {
        for css in self.content.iter().chain(&self.remove) {
            Selector::parse(css)
                .map_err(|error| format!("{css:?} is not a CSS selector: {error:?}"))?;
        }
        Ok(())
    }
}

/// [`parse_page`] with a site's rules, when the operator gave some.
pub fn parse_page_with(html: &str, base_url: Option<&url::Url>, rules: Option<&SiteRules>) -> Page {
    let html = without_raw_text(html, rules.is_none());
    let mut document = Html::parse_document(&html);
    if let Some(rules) = rules {
        for css in &rules.remove {
            let Ok(selector) = Selector::parse(css) else {
                continue;
            };
            let ids: Vec<NodeId> = document
                .select(&selector)
                .map(|element| element.id())
                .collect();
            for id in ids {
                if let Some(mut node) = document.tree.get_mut(id) {
                    node.detach();
                }
            }
        }
    }
    // The text of the operator's content selector, when it matches.
    let site_text = rules
        .and_then(|rules| rules.content.as_deref())
        .and_then(|css| Selector::parse(css).ok())
        .map(|selector| {
            let inner: String = document
                .select(&selector)
                .map(|element| element.html())
                .collect();
            main_text(&Html::parse_document(&format!(
                "<html><body><article>{inner}</article></body></html>"
            )))
        })
        .filter(|paragraphs| !paragraphs.is_empty());
    let meta = collect_meta(&document);
    let json_ld = collect_json_ld(&document);
    let mut page = Page::default();

    let headings: Vec<crate::titles::Heading> = document
        .select(selector("h1"))
        .map(|element| crate::titles::Heading {
            text: clean_inline(&element.text().collect::<String>()),
            parts: element
                .children()
                .filter_map(|child| match child.value() {
                    Node::Text(text) => Some(clean_inline(text)),
                    Node::Element(_) => ElementRef::wrap(child)
                        .map(|inner| clean_inline(&inner.text().collect::<String>())),
                    _ => None,
                })
                .filter(|part| !part.is_empty())
                .collect(),
        })
        .filter(|heading| !heading.text.is_empty())
        .take(4)
        .collect();
    let h1 = headings.first().map(|heading| heading.text.clone());
    let site_name = meta.get("og:site_name");
    let raw_html_title = first_text(&document, "title")
        .map(|title| clean_inline(&crate::titles::decode_entities(&title)));
    let stated = |title: Option<&String>| {
        title
            .map(|title| clean_inline(&crate::titles::decode_entities(title)))
            .filter(|title| !crate::titles::is_slug(title))
            .map(|title| {
                let guessed = strip_site_suffix(&title, site_name);
                // The <title> is this title with the site's name behind it:
                // a last part of this one that is no domain and not that
                // name is the headline's ("Office 365 – HBDI – die Dritte"
                // of "Office 365 – HBDI – die Dritte | Blog").
                let site_behind = raw_html_title.as_deref().and_then(|html_title| {
                    let rest = html_title.strip_prefix(title.as_str())?;
                    SITE_SEPARATORS
                        .iter()
                        .find_map(|separator| rest.strip_prefix(separator))
                });
                let dropped = title
                    .strip_prefix(guessed.as_str())
                    .unwrap_or_default()
                    .trim_start_matches(|c: char| !c.is_alphanumeric());
                match site_behind {
                    Some(site)
                        if guessed != title
                            && !dropped.contains('.')
                            && !dropped.eq_ignore_ascii_case(site.trim()) =>
                    {
                        title
                    }
                    _ => guessed,
                }
            })
    };
    let headline = stated(json_ld.headline.as_ref());
    let og_title = stated(meta.get("og:title"));
    let html_title = raw_html_title
        .as_ref()
        .map(|title| strip_site_suffix(title, site_name));
    let meta_titles: Vec<String> = [
        headline.clone(),
        og_title.clone(),
        stated(meta.get("twitter:title")),
    ]
    .into_iter()
    .flatten()
    .filter(|title| !title.is_empty())
    .collect();
    // A heading loses the site's name only when the page names its site:
    // the guess from separators alone is for metadata titles.
    let stated_headings: Vec<crate::titles::Heading> = headings
        .iter()
        .map(|heading| crate::titles::Heading {
            text: strip_named_site(&heading.text, site_name)
                .unwrap_or_else(|| heading.text.clone()),
            parts: heading.parts.clone(),
        })
        .collect();
    page.title = crate::titles::confirmed(
        &meta_titles,
        html_title.as_ref(),
        &stated_headings,
        site_name.map(String::as_str),
    )
    .or(headline)
    .or(og_title)
    .or_else(|| h1.as_ref().map(|h1| strip_site_suffix(h1, site_name)))
    .or(html_title)
    .map(|title| crate::titles::without_trailing_separator(&title).to_string())
    .unwrap_or_default();

    page.lead = meta
        .get("og:description")
        .or_else(|| meta.get("description"))
        .or(json_ld.description.as_ref())
        .map(|lead| clean_inline(lead))
        .filter(|lead| !lead.is_empty());

    page.authors = clean_authors(
        json_ld
            .authors
            .iter()
            .cloned()
            .chain(meta.get("author").cloned())
            .chain(
                meta.get("article:author")
                    .filter(|a| !a.starts_with("http"))
                    .cloned(),
            ),
    );

    page.declared_language = first_attr(&document, "html[lang]", "lang")
        .or_else(|| meta.get("content-language").cloned())
        .or_else(|| meta.get("og:locale").cloned())
        .or(json_ld.language.clone())
        .and_then(|lang| language_code(&lang));

    let resolve = |href: &str| -> Option<String> {
        match base_url {
            Some(base) => base.join(href.trim()).ok().map(|url| url.to_string()),
            None => url::Url::parse(href.trim()).ok().map(|url| url.to_string()),
        }
    };
    page.canonical_url = first_attr(&document, "link[rel=canonical]", "href")
        .or_else(|| meta.get("og:url").cloned())
        .and_then(|href| resolve(&href));
    let canonical = page
        .canonical_url
        .as_deref()
        .and_then(|href| url::Url::parse(href).ok());
    page.published_at = crate::dates::published(
        &document,
        &meta,
        [
            json_ld.date_published.as_deref(),
            json_ld.date_created.as_deref(),
        ],
        canonical.as_ref().or(base_url),
    );
    page.modified_at = crate::dates::modified(
        &document,
        &meta,
        json_ld.date_modified.as_deref(),
        page.published_at,
    );
    page.image = meta
        .get("og:image")
        .cloned()
        .or(json_ld.image.clone())
        .and_then(|href| resolve(&href));
    page.section = meta
        .get("article:section")
        .cloned()
        .or(json_ld.section.clone())
        .map(|section| clean_inline(&section));
    let keywords = meta
        .get("keywords")
        .or(meta.get("news_keywords"))
        .cloned()
        .or(json_ld.keywords.clone())
        .unwrap_or_default();
    page.keywords = keywords
        .split(',')
        .map(clean_inline)
        .filter(|keyword| !keyword.is_empty())
        .collect();
    page.paywalled = json_ld.free == Some(false)
        || meta
            .get("article:content_tier")
            .is_some_and(|tier| tier != "free");

    let from_site_rules = site_text.is_some();
    let mut paragraphs = site_text.unwrap_or_else(|| main_text(&document));
    // The headline is the title, not a paragraph.
    if paragraphs.first().is_some_and(|first| {
        same_text(first, &page.title)
            || h1.as_deref().is_some_and(|h| same_text(first, h))
            || meta_titles.iter().any(|title| same_text(first, title))
    }) {
        paragraphs.remove(0);
    }
    // JSON-LD's articleBody wins when the page's own markup gave nothing,
    // far less, or something else: pages that render their text from
    // scripts carry it only there.
    if let Some(body) = json_ld.article_body.as_deref().filter(|_| !from_site_rules) {
        let body_paragraphs = article_body_paragraphs(body);
        let body_length: usize = body_paragraphs.iter().map(String::len).sum();
        let found_length: usize = paragraphs.iter().map(String::len).sum();
        // A body cut off with an ellipsis is a teaser, not the article.
        let teaser = body_paragraphs.last().is_some_and(|last| {
            last.ends_with('…') || last.ends_with("...") || last.ends_with("[…]")
        });
        let replace = paragraphs.is_empty()
            || (body_length >= 400
                && !teaser
                && (found_length * 2 < body_length
                    || shared_words(&body_paragraphs, &paragraphs) < 0.3));
        if replace && !body_paragraphs.is_empty() {
            paragraphs = body_paragraphs;
        }
    }
    // A how-to or recipe page that renders its text from scripts: the
    // steps its JSON-LD carries, when the markup gave next to nothing.
    if let Some(instructions) = json_ld.instructions.as_deref() {
        if paragraphs.iter().map(String::len).sum::<usize>() < 200 {
            let lines = article_body_paragraphs(instructions);
            if !lines.is_empty() {
                paragraphs = lines;
            }
        }
    }
    page.paragraphs = paragraphs;
    page.page_kind = if json_ld.live || meta.get("og:type").is_some_and(|t| t.contains("live")) {
        PageKind::Live
    } else if page.paragraphs.iter().map(|p| p.len()).sum::<usize>() < 200 {
        PageKind::Other
    } else {
        PageKind::Article
    };
    page
}

/// The paragraphs of a JSON-LD articleBody: split at line breaks, or at
/// `<p>` and `<br>` tags when it carries markup, tags left out.
fn article_body_paragraphs(body: &str) -> Vec<String> {
    let mut text = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = &rest[open..];
            break;
        };
        let tag = rest[open + 1..open + close]
            .trim_start_matches('/')
            .to_ascii_lowercase();
        if tag.starts_with('p') || tag.starts_with("br") || tag.starts_with("div") {
            text.push('\n');
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    text.split('\n')
        .map(|paragraph| clean_inline(&decode_entities(paragraph)))
        .filter(|paragraph| !paragraph.is_empty())
        .collect()
}

/// The common HTML entities of text written into JSON.
fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = text.to_string();
    for (entity, plain) in [
        ("&nbsp;", " "),
        ("&hellip;", "…"),
        ("&#8230;", "…"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&apos;", "'"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&amp;", "&"),
    ] {
        out = out.replace(entity, plain);
    }
    std::borrow::Cow::Owned(out)
}

/// Share of the words of `body` that `found` also has: how much of the
/// JSON-LD body the page's own markup gave.
fn shared_words(body: &[String], found: &[String]) -> f64 {
    fn words(paragraphs: &[String]) -> std::collections::HashSet<&str> {
        paragraphs
            .iter()
            .flat_map(|p| p.split_whitespace())
            .collect()
    }
    let body = words(body);
    if body.is_empty() {
        return 1.0;
    }
    let found = words(found);
    body.iter().filter(|word| found.contains(*word)).count() as f64 / body.len() as f64
}

fn same_text(left: &str, right: &str) -> bool {
    clean_inline(left).eq_ignore_ascii_case(&clean_inline(right))
}

/// `<meta name|property|http-equiv=… content=…>`, lower-cased keys, first wins.
fn collect_meta(document: &Html) -> HashMap<String, String> {
    let selector = selector("meta[content]");
    let mut meta = HashMap::new();
    for element in document.select(selector) {
        let value = element.value();
        let Some(key) = value
            .attr("property")
            .or(value.attr("name"))
            .or(value.attr("itemprop"))
            .or(value.attr("http-equiv"))
        else {
            continue;
        };
        let content = value.attr("content").unwrap_or_default().trim();
        if content.is_empty() {
            continue;
        }
        meta.entry(key.trim().to_ascii_lowercase())
            .or_insert_with(|| content.to_string());
    }
    meta
}

#[derive(Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    description: Option<String>,
    article_body: Option<String>,
    authors: Vec<String>,
    date_published: Option<String>,
    date_created: Option<String>,
    date_modified: Option<String>,
    image: Option<String>,
    section: Option<String>,
    keywords: Option<String>,
    language: Option<String>,
    free: Option<bool>,
    live: bool,
    /// The text of a HowTo or Recipe: its description, ingredients and
    /// steps, one per line.
    instructions: Option<String>,
}

/// The text a HowTo or Recipe object carries, one paragraph per line: the
/// description, the ingredients, then each step (steps grouped in
/// sections included).
fn instructions_text(object: &serde_json::Map<String, serde_json::Value>) -> Option<String> {
    let types = type_names(object);
    if !types.iter().any(|t| t == "HowTo" || t == "Recipe") {
        return None;
    }
    fn steps(value: &serde_json::Value, out: &mut Vec<String>, depth: usize) {
        if depth > 4 {
            return;
        }
        match value {
            serde_json::Value::String(text) => out.push(text.clone()),
            serde_json::Value::Array(items) => {
                for item in items {
                    steps(item, out, depth + 1);
                }
            }
            serde_json::Value::Object(step) => {
                if let Some(text) = step.get("text").and_then(|t| t.as_str()) {
                    out.push(text.to_string());
                }
                if let Some(inner) = step.get("itemListElement") {
                    steps(inner, out, depth + 1);
                }
            }
            _ => {}
        }
    }
    let mut lines = Vec::new();
    if let Some(description) = object.get("description").and_then(|d| d.as_str()) {
        lines.push(description.to_string());
    }
    for key in ["recipeIngredient", "step", "recipeInstructions"] {
        if let Some(value) = object.get(key) {
            steps(value, &mut lines, 0);
        }
    }
    let text = lines.join("\n");
    (text.trim().len() >= 200).then_some(text)
}

/// The first `"datePublished": "…"` (or with single quotes) in a script
/// that does not parse as JSON.
fn date_published_in(script: &str) -> Option<String> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r#"["']datePublished["']\s*:\s*["']([^"'<>]{8,40})["']"#)
            .expect("valid regex")
    });
    re.captures(script).map(|captures| captures[1].to_string())
}

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "Report",
    "WebPage",
];

fn collect_json_ld(document: &Html) -> JsonLd {
    let mut candidates = Vec::new();
    // The publication date of a script that is not valid JSON (single
    // quotes, a trailing comma, a line break in a string): read by pattern.
    let mut broken_published = None;
    for script in document.select(selector(r#"script[type="application/ld+json"]"#)) {
        let text: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(text.trim()) else {
            broken_published = broken_published.or_else(|| date_published_in(&text));
            continue;
        };
        flatten_json_ld(value, &mut candidates, 0);
    }
    // Prefer a news article over a generic web page.
    candidates.sort_by_key(|object| {
        let types = type_names(object);
        if types
            .iter()
            .any(|t| t.contains("Article") || t == "BlogPosting" || t == "LiveBlogPosting")
        {
            0
        } else {
            1
        }
    });
    let mut result = JsonLd {
        instructions: candidates.iter().find_map(instructions_text),
        ..JsonLd::default()
    };
    // Dates the first object lacks may be on another of the page's
    // article objects (a WebPage beside its NewsArticle, a graph that
    // splits them).
    let any_string = |key: &str| {
        candidates
            .iter()
            .find_map(|object| object.get(key).and_then(json_text))
    };
    let fallback_published = any_string("datePublished").or(broken_published);
    let fallback_created = any_string("dateCreated");
    let fallback_modified = any_string("dateModified");
    let Some(object) = candidates.into_iter().next() else {
        result.date_published = fallback_published;
        return result;
    };
    let string = |key: &str| object.get(key).and_then(json_text);
    result.headline = string("headline").or_else(|| string("name"));
    result.description = string("description");
    result.article_body = string("articleBody");
    result.date_published = string("datePublished").or(fallback_published);
    result.date_created = string("dateCreated").or(fallback_created);
    result.date_modified = string("dateModified").or(fallback_modified);
    result.section = string("articleSection");
    result.keywords = match object.get("keywords") {
        Some(serde_json::Value::Array(items)) => Some(
            items
                .iter()
                .filter_map(json_text)
                .collect::<Vec<_>>()
                .join(","),
        ),
        Some(other) => json_text(other),
        None => None,
    };
    result.language = string("inLanguage");
    result.image = object.get("image").and_then(|image| match image {
        serde_json::Value::Array(items) => items.first().and_then(json_text),
        other => json_text(other),
    });
    result.free = match object.get("isAccessibleForFree") {
        Some(serde_json::Value::Bool(free)) => Some(*free),
        Some(serde_json::Value::String(free)) => Some(!free.eq_ignore_ascii_case("false")),
        _ => None,
    };
    result.live = type_names(&object).iter().any(|t| t == "LiveBlogPosting");
    if let Some(author) = object.get("author") {
        let items = match author {
            serde_json::Value::Array(items) => items.clone(),
            other => vec![other.clone()],
        };
        result.authors = items.iter().filter_map(json_text).collect();
    }
    result
}

fn flatten_json_ld(
    value: serde_json::Value,
    out: &mut Vec<serde_json::Map<String, serde_json::Value>>,
    depth: usize,
) {
    if depth > 4 {
        return;
    }
    match value {
        serde_json::Value::Array(items) => {
            for item in items {
                flatten_json_ld(item, out, depth + 1);
            }
        }
        serde_json::Value::Object(mut object) => {
            if let Some(graph) = object.remove("@graph") {
                flatten_json_ld(graph, out, depth + 1);
            }
            if type_names(&object)
                .iter()
                .any(|t| ARTICLE_TYPES.contains(&t.as_str()) || t == "HowTo" || t == "Recipe")
            {
                out.push(object);
            }
        }
        _ => {}
    }
}

fn type_names(object: &serde_json::Map<String, serde_json::Value>) -> Vec<String> {
    match object.get("@type") {
        Some(serde_json::Value::String(name)) => vec![name.clone()],
        Some(serde_json::Value::Array(names)) => names
            .iter()
            .filter_map(|n| n.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// A string, or the `name` / `url` / `@id` of an object.
fn json_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Object(object) => object
            .get("name")
            .or_else(|| object.get("url"))
            .and_then(|inner| inner.as_str().map(str::to_string)),
        _ => None,
    }
    .filter(|text| !text.trim().is_empty())
}

/// A CSS selector parsed once per thread and kept: pages are many, the
/// selectors few.
fn selector(css: &'static str) -> &'static Selector {
    thread_local! {
        static CACHE: std::cell::RefCell<HashMap<&'static str, &'static Selector>> =
            std::cell::RefCell::new(HashMap::new());
    }
    CACHE.with(|cache| {
        *cache
            .borrow_mut()
            .entry(css)
            .or_insert_with(|| Box::leak(Box::new(Selector::parse(css).expect("valid selector"))))
    })
}

fn first_text(document: &Html, css: &'static str) -> Option<String> {
    document
        .select(selector(css))
        .map(|element| clean_inline(&element.text().collect::<String>()))
        .find(|text| !text.is_empty())
}

fn first_attr(document: &Html, css: &'static str, attribute: &str) -> Option<String> {
    document
        .select(selector(css))
        .filter_map(|element| element.value().attr(attribute))
        .map(str::trim)
        .find(|value| !value.is_empty())
        .map(str::to_string)
}

/// What stands between a headline and a site's name.
const SITE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " › ", " » "];

/// " | Site", " - Site", " – Site" … removed when the page names its site.
fn strip_named_site(title: &str, site_name: Option<&String>) -> Option<String> {
    let site = site_name?.trim();
    for separator in SITE_SEPARATORS {
        let suffix = format!("{separator}{site}");
        if title.to_lowercase().ends_with(&suffix.to_lowercase()) && title.len() > suffix.len() {
            return title
                .get(..title.len() - suffix.len())
                .map(|kept| kept.trim().to_string());
        }
    }
    None
}

/// Removes " | Site", " - Site", " – Site" suffixes (and prefixes such as
/// "Site: ") when they name the site.
pub fn strip_site_suffix(title: &str, site_name: Option<&String>) -> String {
    let title = title.trim().to_string();
    if let Some(stripped) = strip_named_site(&title, site_name) {
        return stripped;
    }
    // Without a site name: a short last segment after " | " that looks like a
    // domain or a brand is the site.
    for separator in [" | ", " - ", " – ", " — ", " › ", " » "] {
        if let Some(position) = title.rfind(separator) {
            let tail = &title[position + separator.len()..];
            let words = tail.split_whitespace().count();
            let kept = title[..position].trim();
            let kept_words = kept
                .split(|c: char| !c.is_alphanumeric())
                .filter(|word| !word.is_empty())
                .count();
            if words <= 3
                && (tail.contains('.') || words <= 2)
                && position > 8
                && kept_words >= 2
                && !kept.ends_with(['/', '|', ':', '-', '–', '»', '›'])
            {
                return kept.to_string();
            }
        }
    }
    title
}

fn clean_authors(raw: impl Iterator<Item = String>) -> Vec<String> {
    let mut authors: Vec<String> = Vec::new();
    for entry in raw {
        let entry = clean_inline(&entry);
        for name in entry
            .split([',', ';', '/', '&'])
            .flat_map(|part| part.split(" und "))
            .flat_map(|part| part.split(" and "))
        {
            let mut name = name.trim();
            for prefix in ["Von ", "von ", "By ", "by ", "Text: ", "Autor: "] {
                name = name.strip_prefix(prefix).unwrap_or(name).trim();
            }
            // Drop trailing dates and agency tags ("Max Muster, 13.01.2022").
            let name: String = name
                .split_whitespace()
                .take_while(|word| !word.chars().next().is_some_and(|c| c.is_ascii_digit()))
                .collect::<Vec<_>>()
                .join(" ");
            let letters = name.chars().filter(|c| c.is_alphabetic()).count();
            if letters < 3 || name.split_whitespace().count() > 5 || name.starts_with("http") {
                continue;
            }
            if !authors
                .iter()
                .any(|known| known.eq_ignore_ascii_case(&name))
            {
                authors.push(name);
            }
        }
    }
    authors
}

/// `de-CH`, `de_DE`, `German` … to an ISO 639-1 code.
fn language_code(declared: &str) -> Option<String> {
    let code: String = declared
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    match code.len() {
        2 => Some(code),
        _ => match code.as_str() {
            "german" | "deutsch" | "deu" | "ger" => Some("de".to_string()),
            "english" | "eng" => Some("en".to_string()),
            _ => None,
        },
    }
}

/// The page with the contents of `<script>` (except JSON-LD) and
/// `<style>` elements, comments and inline `<svg>` left out. They are half
/// the bytes of a typical news page and nothing of them is read, yet the
/// HTML parser would tokenize them character by character. Comments go
/// whole, so a commented-out `<script>` does not hide the page after it. The cut ends
/// where the parser would end the element: at the first `</script` or
/// `</style`, in any case.
///
/// With `lean`, start tags also lose the attributes nothing here reads
/// ([`READ_ATTRIBUTES`] stay): `data-*`, `srcset`, `onclick` and their
/// kind are a third of what the parser would still see. (Not for a site
/// with operator rules: their selectors may name any attribute.)
pub(crate) fn without_raw_text(html: &str, lean: bool) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let starts_with_ci = |at: usize, what: &[u8]| starts_with_ci(bytes, at, what);
    let find_ci = |from: usize, what: &[u8]| find_ci(bytes, from, what);
    // Leaves `range` out: copies what stands before it since the last cut.
    let cut = |out: &mut Option<String>, copied: &mut usize, range: std::ops::Range<usize>| {
        let out = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
        out.push_str(&html[*copied..range.start]);
        *copied = range.end;
    };
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut at = 0;
    // Where the text of a raw text element ends (tags inside it are text).
    let mut raw_until = 0;
    // Whether elements of [`CUT_ELEMENTS`] are still cut.
    let mut cutting = lean;
    while let Some(offset) = bytes.get(at..).and_then(|rest| memchr::memchr(b'<', rest)) {
        at += offset;
        if bytes[at..].starts_with(b"<!--") {
            // Comments go whole (an unclosed one runs to the end, as the
            // parser reads it).
            let end = html[at + 4..]
                .find("-->")
                .map_or(html.len(), |end| at + 4 + end + 3);
            cut(&mut out, &mut copied, at..end);
            at = end;
            continue;
        }
        // Inline SVG (icons, charts) carries no article text, only long
        // path data: the element goes whole.
        if starts_with_ci(at, b"<svg")
            && bytes
                .get(at + 4)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'>')
        {
            if let Some(close) = find_ci(at + 4, b"</svg") {
                let end = html[close..]
                    .find('>')
                    .map_or(html.len(), |end| close + end + 1);
                cut(&mut out, &mut copied, at..end);
                at = end;
                continue;
            }
        }
        let (name, closer): (&[u8], &[u8]) = if starts_with_ci(at, b"<script") {
            (b"<script", b"</script")
        } else if starts_with_ci(at, b"<style") {
            (b"<style", b"</style")
        } else {
            if lean && at >= raw_until && bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic) {
                if cutting {
                    match cut_element(bytes, at) {
                        Cut::Until(end) => {
                            cut(&mut out, &mut copied, at..end);
                            at = end;
                            continue;
                        }
                        // After one that stays, none is cut: each look
                        // for an end may read to the end of the page,
                        // and a page of nested or unclosed elements must
                        // not be read once per element.
                        Cut::Kept => cutting = false,
                        Cut::NotOne => {}
                    }
                }
                match unread_attributes(bytes, at, |range| cut(&mut out, &mut copied, range)) {
                    Some((name, end)) => {
                        at = end;
                        // Text the tokenizer does not read as markup stays
                        // as it is, up to the element's end tag.
                        if let Some((_, closer)) = RAW_TEXT_ELEMENTS
                            .iter()
                            .find(|(raw, _)| raw.eq_ignore_ascii_case(&bytes[name.clone()]))
                        {
                            raw_until = find_ci(at, closer).unwrap_or(bytes.len());
                        }
                        continue;
                    }
                    // A tag open to the end: nothing after it is markup.
                    None => break,
                }
            }
            at += 1;
            continue;
        };
        // A real start tag: the name ends at whitespace, "/" or ">".
        if !tag_at(bytes, at, name) {
            at += 1;
            continue;
        }
        let after_name = at + name.len();
        let Some(tag_end) = html[after_name..].find('>').map(|end| after_name + end + 1) else {
            break;
        };
        let tag = &html[at..tag_end];
        let keep = name == b"<script" && tag.to_ascii_lowercase().contains("ld+json");
        let Some(close) = find_ci(tag_end, closer) else {
            break;
        };
        if !keep && close > tag_end {
            cut(&mut out, &mut copied, tag_end..close);
        }
        at = close + closer.len();
    }
    match out {
        Some(mut out) => {
            out.push_str(&html[copied..]);
            std::borrow::Cow::Owned(out)
        }
        None => std::borrow::Cow::Borrowed(html),
    }
}

/// Whether `bytes` hold `what` at `at`, ASCII case ignored.
fn starts_with_ci(bytes: &[u8], at: usize, what: &[u8]) -> bool {
    bytes
        .get(at..at + what.len())
        .is_some_and(|found| found.eq_ignore_ascii_case(what))
}

/// The first `<` from `from` on that opens `what` (which starts with
/// `<`), ASCII case ignored.
fn find_ci(bytes: &[u8], from: usize, what: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(offset) = memchr::memchr(b'<', bytes.get(at..)?) {
        at += offset;
        if starts_with_ci(bytes, at, what) {
            return Some(at);
        }
        at += 1;
    }
    None
}

/// Whether the tag `what` (`<name` or `</name`) opens at `at`: its name
/// ends there, at white space, "/" or ">".
fn tag_at(bytes: &[u8], at: usize, what: &[u8]) -> bool {
    starts_with_ci(bytes, at, what)
        && bytes
            .get(at + what.len())
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
}

/// Elements the main text always skips (see [`SKIP_TAGS`]), cut whole
/// before parsing unless they hold a headline, with their end tags:
/// navigation is about a sixth of the shared pages' markup. (`aside` and
/// `footer` stay: the date and author readers look into them, and
/// cutting them changed the dates, authors or text of 10 of the 711
/// shared pages.)
const CUT_ELEMENTS: &[(&[u8], &[u8])] = &[(b"<nav", b"</nav")];

/// What [`cut_element`] found at a start tag.
enum Cut {
    /// No element of [`CUT_ELEMENTS`].
    NotOne,
    /// One that stays: it holds an `<h1>`, or it is left open (the parser
    /// closes it where the text does not say).
    Kept,
    /// One that ends here (after its end tag).
    Until(usize),
}

/// Whether the element whose start tag opens at `at` is one of
/// [`CUT_ELEMENTS`] to cut, and where it ends (elements of the same name
/// inside it counted; comments, scripts and styles inside it skipped).
fn cut_element(bytes: &[u8], at: usize) -> Cut {
    let Some((opener, closer)) = CUT_ELEMENTS
        .iter()
        .find(|(opener, _)| tag_at(bytes, at, opener))
    else {
        return Cut::NotOne;
    };
    element_end(bytes, at, opener, closer).map_or(Cut::Kept, Cut::Until)
}

/// Where the element whose start tag `opener` opens at `at` ends (after
/// `closer`'s tag); `None` when it holds an `<h1>` or is never closed.
fn element_end(bytes: &[u8], at: usize, opener: &[u8], closer: &[u8]) -> Option<usize> {
    const SKIPPED: &[(&[u8], &[u8])] = &[(b"<script", b"</script"), (b"<style", b"</style")];
    let mut depth = 0usize;
    let mut position = at;
    loop {
        if bytes[position..].starts_with(b"<!--") {
            position += 4 + memchr::memmem::find(&bytes[position + 4..], b"-->")? + 3;
        } else if tag_at(bytes, position, closer) {
            depth -= 1;
            if depth == 0 {
                return memchr::memchr(b'>', &bytes[position..]).map(|end| position + end + 1);
            }
            position += 2;
        } else if tag_at(bytes, position, opener) {
            depth += 1;
            position += 1;
        } else if starts_with_ci(bytes, position, b"<h1") {
            // A headline inside (breadcrumbs that end in the page's own
            // heading): the title reader looks for it there.
            return None;
        } else if let Some((_, raw_closer)) = SKIPPED
            .iter()
            .find(|(raw, _)| starts_with_ci(bytes, position, raw))
        {
            position = find_ci(bytes, position + 1, raw_closer)? + raw_closer.len();
        } else {
            position += 1;
        }
        position += memchr::memchr(b'<', bytes.get(position..)?)?;
    }
}

/// Elements whose content the tokenizer reads as text, by name, with
/// their end tags (`<script>` and `<style>` are cut before).
const RAW_TEXT_ELEMENTS: &[(&[u8], &[u8])] = &[
    (b"title", b"</title"),
    (b"textarea", b"</textarea"),
    (b"noscript", b"</noscript"),
    (b"iframe", b"</iframe"),
    (b"noembed", b"</noembed"),
    (b"noframes", b"</noframes"),
    (b"xmp", b"</xmp"),
    (b"plaintext", b"</plaintext"),
];

/// The attributes the normalizer reads (by name, in any case).
const READ_ATTRIBUTES: &[&[u8]] = &[
    b"class",
    b"id",
    b"href",
    b"itemprop",
    b"itemtype",
    b"itemscope",
    b"style",
    b"role",
    b"name",
    b"hidden",
    b"aria-hidden",
    b"type",
    b"title",
    b"pubdate",
    b"property",
    b"http-equiv",
    b"datetime",
    b"content",
    b"rel",
    b"lang",
    b"charset",
];

/// Reads the start tag at `at` as the HTML tokenizer does and hands each
/// attribute not in [`READ_ATTRIBUTES`] to `unread` (the white space
/// before it stays); the tag's name and the position after its `>`.
/// `None` when the tag does not end (the parser drops such a tag).
fn unread_attributes(
    bytes: &[u8],
    at: usize,
    mut unread: impl FnMut(std::ops::Range<usize>),
) -> Option<(std::ops::Range<usize>, usize)> {
    // (The tokenizer's white space is ASCII's: space, tab, LF, FF, CR.)
    let is_space = |b: u8| b.is_ascii_whitespace();
    let mut i = at + 1;
    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
        i += 1;
    }
    let name = at + 1..i;
    loop {
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        if *bytes.get(i)? == b'>' {
            return Some((name, i + 1));
        }
        let name_start = i;
        // (A name may begin with "=": the tokenizer takes it as a letter.)
        i += 1;
        while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let attribute = &bytes[name_start..i];
        let mut end = i;
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            match *bytes.get(i)? {
                quote @ (b'"' | b'\'') => {
                    i += 1 + memchr::memchr(quote, &bytes[i + 1..])? + 1;
                }
                _ => {
                    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' {
                        i += 1;
                    }
                }
            }
            end = i;
        }
        if !READ_ATTRIBUTES
            .iter()
            .any(|read| read.eq_ignore_ascii_case(attribute))
        {
            unread(name_start..end);
        }
        if i >= bytes.len() {
            return None;
        }
    }
}

fn is_boilerplate(element: ElementRef<'_>, strict: bool) -> bool {
    if !is_boilerplate_element(element.value(), strict) {
        // The title block of an article (kicker, headline, byline, time
        // stamps in a <header> with the <h1> and no paragraph): the record
        // carries those apart. A header with paragraphs holds a lead.
        return element.value().name() == "header"
            && element
                .descendants()
                .filter_map(ElementRef::wrap)
                .any(|child| child.value().name() == "h1")
            && element
                .descendants()
                .filter_map(ElementRef::wrap)
                .all(|child| child.value().name() != "p");
    }
    // A page header that was never closed holds the whole page (broken
    // markup nests everything after it inside): with a <main> or
    // <article> inside, it is no header. (Hidden and skipped elements stay
    // out whatever they hold.)
    let value = element.value();
    let header_like = value.name() == "header"
        || value.attr("role") == Some("banner")
        || value
            .attr("class")
            .is_some_and(|class| class.to_ascii_lowercase().contains("header"));
    let shown = !SKIP_TAGS.contains(&value.name())
        && value.attr("hidden").is_none()
        && value.attr("aria-hidden") != Some("true")
        && !value
            .attr("style")
            .is_some_and(|style| style.replace(' ', "").contains("display:none"));
    if shown {
        // Likewise a wrapper named after a widget ("theme-taboola") that
        // holds the page's <main>.
        let (holds_main, holds_article) = holds_main_or_article(element);
        if holds_main || (header_like && holds_article) {
            return false;
        }
    }
    // A block named after the paywall that holds paragraphs of text is the
    // rest of the article the page did send; the prompt is a line or two.
    let walled = element
        .value()
        .attr("class")
        .is_some_and(|class| class.to_ascii_lowercase().contains("paywall"));
    if walled {
        let paragraphs = element
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|child| child.value().name() == "p")
            .count();
        let length: usize = element.text().map(|text| text.trim().len()).sum();
        return !(paragraphs >= 2 && length >= 200);
    }
    true
}

/// `strict` also drops containers whose class only looks unlikely; the
/// lenient pass (after a strict one found too little) keeps them.
fn is_boilerplate_element(element: &scraper::node::Element, strict: bool) -> bool {
    // Page-wide classes on <html> and <body> ("has-sidebar", "nav-open")
    // describe the layout, not the element.
    if matches!(element.name(), "html" | "body") {
        return false;
    }
    if SKIP_TAGS.contains(&element.name()) {
        return true;
    }
    if element.attr("hidden").is_some() || element.attr("aria-hidden") == Some("true") {
        return true;
    }
    if matches!(
        element.attr("role"),
        Some("navigation" | "complementary" | "banner" | "contentinfo" | "dialog" | "alert")
    ) {
        return true;
    }
    if element
        .attr("style")
        .is_some_and(|style| style.replace(' ', "").contains("display:none"))
    {
        return true;
    }
    // An <article> or <main> is the content whatever its classes say
    // ("single-promotion" on a sponsored article is no promo box).
    if matches!(element.name(), "article" | "main") {
        return false;
    }
    // The dek under the headline ("sub-head", itemprop=description) is
    // the record's lead, not its text.
    if element.attr("itemprop") == Some("description")
        && matches!(element.name(), "h2" | "h3" | "h4" | "h5" | "h6")
    {
        return true;
    }
    let mut names = String::new();
    if let Some(id) = element.attr("id") {
        names.push_str(&id.to_ascii_lowercase());
        names.push(' ');
    }
    if let Some(class) = element.attr("class") {
        // Taxonomy classes name what the article is about, not what the
        // element is ("category-native-advertising", "tag-newsletter");
        // negated ones say the opposite ("non-paywall", "no-sidebar").
        let class = class.to_ascii_lowercase();
        for token in class.split_ascii_whitespace() {
            if ["sub-head", "subhead", "standfirst", "dek", "article-dek"].contains(&token) {
                return true;
            }
            if [
                "category-",
                "tag-",
                "postid-",
                "format-",
                "status-",
                "type-",
                "non-",
                "no-",
                "not-",
                "without-",
            ]
            .iter()
            .any(|prefix| token.starts_with(prefix))
            {
                continue;
            }
            names.push_str(token);
            names.push(' ');
        }
    }
    if names.is_empty() {
        return false;
    }
    if markers(&ALWAYS_MATCHER, ALWAYS_BOILERPLATE).is_match(&names) {
        // "article-teaser-text" style leads and body containers stay.
        return !markers(&BODY_MATCHER, BODY_MARKERS).is_match(&names);
    }
    strict
        && markers(&UNLIKELY_MATCHER, UNLIKELY_CONTENT).is_match(&names)
        && !markers(&LIKELY_MATCHER, LIKELY_CONTENT).is_match(&names)
}

/// Class and id parts of body containers, which stay even when they name
/// boilerplate too ("article-teaser-text").
const BODY_MARKERS: &[&str] = &[
    "article-body",
    "articlebody",
    "article__body",
    "story-body",
    "entry-content",
    "article-text",
    "article_content",
    "article-content",
    "textabsatz",
];

static ALWAYS_MATCHER: OnceLock<AhoCorasick> = OnceLock::new();
static BODY_MATCHER: OnceLock<AhoCorasick> = OnceLock::new();
static UNLIKELY_MATCHER: OnceLock<AhoCorasick> = OnceLock::new();
static LIKELY_MATCHER: OnceLock<AhoCorasick> = OnceLock::new();

/// One automaton per marker list: a class string is searched once for all
/// of a list's markers instead of once per marker.
fn markers(cell: &'static OnceLock<AhoCorasick>, list: &[&str]) -> &'static AhoCorasick {
    cell.get_or_init(|| AhoCorasick::new(list).expect("marker lists are plain strings"))
}

thread_local! {
    /// While a document's main text is sought: the elements that hold a
    /// <main> (bit 1) or an <article> (bit 2), computed once instead of a
    /// subtree scan per boilerplate check.
    static HOLDERS: std::cell::RefCell<Option<FxHashMap<NodeId, u8>>> =
        const { std::cell::RefCell::new(None) };
}

/// Whether `element` holds a <main> and whether it holds an <article>.
fn holds_main_or_article(element: ElementRef<'_>) -> (bool, bool) {
    let cached = HOLDERS.with(|holders| {
        holders.borrow().as_ref().map(|holders| {
            let bits = holders.get(&element.id()).copied().unwrap_or(0);
            (bits & 1 != 0, bits & 2 != 0)
        })
    });
    cached.unwrap_or_else(|| {
        let mut found = (false, false);
        for inner in element.descendants().filter_map(ElementRef::wrap) {
            match inner.value().name() {
                "main" => found.0 = true,
                "article" => found.1 = true,
                _ => {}
            }
        }
        found
    })
}

/// The main text of a document, with the holders of <main> and <article>
/// elements known while it is sought.
fn main_text(document: &Html) -> Vec<String> {
    let mut holders: FxHashMap<NodeId, u8> = FxHashMap::default();
    for element in document
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        let bit = match element.value().name() {
            "main" => 1,
            "article" => 2,
            _ => continue,
        };
        for ancestor in element.ancestors() {
            *holders.entry(ancestor.id()).or_insert(0) |= bit;
        }
    }
    HOLDERS.with(|cell| *cell.borrow_mut() = Some(holders));
    let text = main_text_passes(document);
    HOLDERS.with(|cell| *cell.borrow_mut() = None);
    text
}

/// Finds the content root and returns its paragraphs: first with the strict
/// rules; when that finds less than a short article, again with the lenient
/// ones (page-wide wrappers named "header-style" or "sidebar-layout" hold
/// the article on some sites), keeping the longer result.
fn main_text_passes(document: &Html) -> Vec<String> {
    let strict = main_text_with(document, true);
    let length: usize = strict.iter().map(String::len).sum();
    if length >= 500 {
        return strict;
    }
    let lenient = main_text_with(document, false);
    if lenient.iter().map(String::len).sum::<usize>() > length {
        lenient
    } else {
        strict
    }
}

fn main_text_with(document: &Html, strict: bool) -> Vec<String> {
    let body_selector = selector("body");
    let body = document
        .select(body_selector)
        .next()
        .unwrap_or_else(|| document.root_element());

    // Score: paragraph text credited to parent and grandparent.
    let mut scores: FxHashMap<NodeId, f64> = FxHashMap::default();
    // Useful paragraph text and paragraph count under each node (a few
    // levels up from each paragraph).
    let mut subtree: FxHashMap<NodeId, (f64, usize)> = FxHashMap::default();
    let mut order: Vec<NodeId> = Vec::new();
    // (Walks by tag name: a selector's matching machinery costs more than
    // the walk itself on large pages.)
    let elements = || body.descendants().filter_map(ElementRef::wrap);
    let mut memo = BoilerplateMemo::new(strict);
    let paragraphs = elements().filter(|element| {
        matches!(
            element.value().name(),
            "p" | "pre" | "blockquote" | "li" | "h2" | "h3"
        )
    });
    for paragraph in paragraphs {
        if memo.inside(paragraph) {
            continue;
        }
        let (text_length, link_length) = text_and_link_length(paragraph);
        let useful = text_length.saturating_sub(link_length * 2) as f64;
        if useful < 20.0 {
            continue;
        }
        let mut ancestors = paragraph.ancestors();
        for (ancestor, weight) in ancestors.by_ref().take(2).zip([1.0, 0.5]) {
            let score = scores.entry(ancestor.id()).or_insert_with(|| {
                order.push(ancestor.id());
                0.0
            });
            *score += useful * weight;
        }
        for ancestor in paragraph.ancestors().take(WIDEN_LEVELS + 3) {
            let entry = subtree.entry(ancestor.id()).or_insert((0.0, 0));
            entry.0 += useful;
            entry.1 += 1;
        }
    }
    let mut root = body;
    // Text written straight into a <div>, separated by <br> or empty
    // divs, has no <p> to score: such a div counts as its own paragraph.
    for div in elements().filter(|element| element.value().name() == "div") {
        let direct = inline_text_length(*div, 0);
        if direct < 80 || memo.inside(div) {
            continue;
        }
        for (element, weight) in std::iter::once(div)
            .chain(div.parent().and_then(ElementRef::wrap))
            .zip([1.0, 0.5])
        {
            let score = scores.entry(element.id()).or_insert_with(|| {
                order.push(element.id());
                0.0
            });
            *score += direct as f64 * weight;
        }
    }
    // The first of equal scores wins, so the result does not depend on hashing.
    let mut best: Option<(NodeId, f64)> = None;
    for id in &order {
        let score = scores[id];
        if best.is_none_or(|(_, best_score)| score > best_score) {
            best = Some((*id, score));
        }
    }
    // schema.org microdata names the body outright.
    // The longest of them: teaser cards of other stories carry the mark too.
    let marked = elements()
        .filter(|element| element.value().attr("itemprop") == Some("articleBody"))
        .map(|element| {
            let length: usize = element.text().map(|t| t.trim().len()).sum();
            (element, length)
        })
        .filter(|(_, length)| *length >= 200)
        .fold(
            None,
            |longest: Option<(ElementRef<'_>, usize)>, candidate| match longest {
                Some(kept) if kept.1 >= candidate.1 => Some(kept),
                _ => Some(candidate),
            },
        )
        // A mark on far less text than the best block is a card's.
        .filter(|(_, length)| best.is_none_or(|(_, score)| *length as f64 >= 0.5 * score))
        .map(|(element, _)| element);
    if let Some(marked) = marked {
        best = None;
        root = marked;
    }
    if let Some((id, best_score)) = best {
        if let Some(element) = document.tree.get(id).and_then(ElementRef::wrap) {
            root = element;
            // Widen to the parent while the siblings together carry a good
            // share of the paragraph text (articles split into several
            // blocks, readability's sibling step).
            for _ in 0..2 {
                let Some(parent) = root.parent().and_then(ElementRef::wrap) else {
                    break;
                };
                if matches!(parent.value().name(), "body" | "html")
                    || is_boilerplate(parent, strict)
                {
                    break;
                }
                let siblings: f64 = parent
                    .children()
                    .filter(|child| child.id() != root.id())
                    .filter_map(|child| scores.get(&child.id()))
                    .sum();
                if siblings < SIBLING_SHARE * best_score {
                    break;
                }
                root = parent;
            }
            // Widen further up while an ancestor holds much more paragraph
            // text of article shape (long paragraphs): an article split
            // into sections between figures, each in its own wrapper.
            let mut candidate = root;
            for ancestor in root
                .ancestors()
                .filter_map(ElementRef::wrap)
                .take(WIDEN_LEVELS)
            {
                if matches!(ancestor.value().name(), "body" | "html")
                    || is_boilerplate(ancestor, strict)
                {
                    break;
                }
                let (Some(&(outer, outer_count)), Some(&(inner, inner_count))) =
                    (subtree.get(&ancestor.id()), subtree.get(&candidate.id()))
                else {
                    continue;
                };
                let added = outer - inner;
                let added_count = outer_count.saturating_sub(inner_count).max(1);
                if added >= WIDEN_GAIN * inner && added / added_count as f64 >= WIDEN_PARAGRAPH {
                    candidate = ancestor;
                }
            }
            // Past the <article> or <main> the best block sits in only
            // when the page is built of several <article> sections; a
            // single one ends the article (what lies around it is lists
            // of other stories).
            let enclosing = std::iter::once(element)
                .chain(element.ancestors().filter_map(ElementRef::wrap))
                .find(|ancestor| matches!(ancestor.value().name(), "article" | "main"));
            if let Some(enclosing) = enclosing {
                let above = candidate.id() != enclosing.id()
                    && enclosing.ancestors().any(|a| a.id() == candidate.id());
                let sections = || {
                    candidate
                        .descendants()
                        .filter_map(ElementRef::wrap)
                        .filter(|e| e.value().name() == "article")
                        .filter(|e| subtree.contains_key(&e.id()))
                        .take(2)
                        .count()
                };
                if above && sections() < 2 {
                    candidate = enclosing;
                }
            }
            root = candidate;
            // Widen to an enclosing article/main when the best block is a
            // piece of it (the body split into several divs).
            for ancestor in root.ancestors().filter_map(ElementRef::wrap) {
                if matches!(ancestor.value().name(), "article" | "main") {
                    root = ancestor;
                    break;
                }
            }
        }
    }
    let mut paragraphs = Vec::new();
    let mut walker = BlockWalker {
        strict,
        ..BlockWalker::default()
    };
    let lead = lead_before(root);
    if let Some(lead) = lead {
        walker.walk(lead, 0, &mut paragraphs);
        walker.flush(&mut paragraphs);
    }
    // Paragraphs right before the block in the same parent open the
    // article (an intro before a gallery of slides).
    let mut before: Vec<ElementRef<'_>> = Vec::new();
    for sibling in root.prev_siblings() {
        match sibling.value() {
            Node::Text(text) if text.trim().is_empty() => continue,
            Node::Comment(_) => continue,
            Node::Element(element) if element.name() == "p" => {
                let Some(paragraph) = ElementRef::wrap(sibling) else {
                    break;
                };
                if lead.is_some_and(|lead| lead.id() == paragraph.id()) {
                    break;
                }
                let (text_length, link_length) = text_and_link_length(paragraph);
                if text_length.saturating_sub(link_length * 2) < 80
                    || is_boilerplate(paragraph, strict)
                {
                    break;
                }
                before.push(paragraph);
            }
            _ => break,
        }
    }
    for paragraph in before.into_iter().rev() {
        walker.walk(paragraph, 0, &mut paragraphs);
        walker.flush(&mut paragraphs);
    }
    walker.walk(root, 0, &mut paragraphs);
    walker.flush(&mut paragraphs);
    drop_orphan_headings(&mut paragraphs, &walker.headings);
    cut_at_related_heading(&mut paragraphs);
    paragraphs
}

/// An element whose class names it the article's lead ("a-lead",
/// "article__intro", "teaser-text") and that holds a sentence or more; not
/// a heading (headline deks are no leads).
fn is_lead_element(element: ElementRef<'_>) -> bool {
    const LEAD_CLASSES: &[&str] = &[
        "lead",
        "a-lead",
        "article-lead",
        "article__lead",
        "intro",
        "article-intro",
        "article__intro",
        "teaser-text",
        "article-teaser",
        "article-excerpt",
        "intro-text",
        "abstract",
        "vorspann",
        "excerpt",
        "news-description",
    ];
    // A paragraph that the page's microdata names the article's
    // description.
    let described = element.value().attr("itemprop") == Some("description")
        && matches!(element.value().name(), "p" | "div");
    (described
        || element.value().attr("class").is_some_and(|class| {
            class.split_ascii_whitespace().any(|token| {
                LEAD_CLASSES
                    .iter()
                    .any(|lead| token.eq_ignore_ascii_case(lead))
                    || [
                        "einleitung",
                        "-lead",
                        "__lead",
                        "-intro",
                        "__intro",
                        "-excerpt",
                        "-vorspann",
                    ]
                    .iter()
                    .any(|end| {
                        token
                            .len()
                            .checked_sub(end.len())
                            .and_then(|at| token.get(at..))
                            .is_some_and(|tail| tail.eq_ignore_ascii_case(end))
                    })
            })
        }))
        && !matches!(
            element.value().name(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
        )
        && element
            .text()
            .map(|t| t.trim().chars().count())
            .sum::<usize>()
            >= 60
}

/// The lead in `block` or the block itself: a lead sits near the top, so a
/// few hundred elements are looked at, not a whole page header.
fn lead_within(block: ElementRef<'_>) -> Option<ElementRef<'_>> {
    block
        .descendants()
        .filter_map(ElementRef::wrap)
        .take(300)
        .find(|element| is_lead_element(*element))
}

/// The article's lead paragraph when the page sets it apart before the
/// body ("a-lead", "article__intro", "teaser-text"): within five levels
/// above the body block, an earlier element whose class names it a lead and
/// that holds a sentence or more. Headline deks ("sub-head") are no leads.
fn lead_before(root: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let mut child = root;
    for ancestor in root
        .ancestors()
        .filter_map(ElementRef::wrap)
        .take(LEAD_LEVELS)
    {
        if matches!(ancestor.value().name(), "body" | "html") {
            break;
        }
        for sibling in ancestor.children().filter_map(ElementRef::wrap) {
            if sibling.id() == child.id() {
                break;
            }
            if SKIP_TAGS.contains(&sibling.value().name()) {
                continue;
            }
            if let Some(lead) = lead_within(sibling) {
                return Some(lead);
            }
        }
        child = ancestor;
    }
    None
}

/// An anchor that only marks a place to jump to (`<a name="wodarg">`, no
/// address): its text is the paragraph's, not a link's.
fn is_jump_mark(element: &scraper::node::Element) -> bool {
    element.attr("href").is_none()
        && (element.attr("name").is_some() || element.attr("id").is_some())
}

/// Drops headings that head nothing: one right before another heading or
/// at the end of the text ("Most Popular Videos", "Most Popular Articles"
/// over link lists the walker left out).
fn drop_orphan_headings(paragraphs: &mut Vec<String>, headings: &[usize]) {
    if headings.is_empty() {
        return;
    }
    let is_heading = |index: usize| headings.binary_search(&index).is_ok();
    let count = paragraphs.len();
    // Headings in a row before the text starts are its kicker and title
    // block; they stay.
    let first_text = (0..count)
        .find(|index| !is_heading(*index))
        .unwrap_or(count);
    let mut index = 0;
    paragraphs.retain(|paragraph| {
        let here = index;
        index += 1;
        let orphan = here + 1 == count || (here > first_text && is_heading(here + 1));
        // A heading written as a sentence ("Relotius legt auf Facebook ein
        // Fake-Profil an. Es stützt seine Version.") is a pull quote or a
        // summary, text of the article, not a box's title.
        let sentence = paragraph.trim_end().ends_with(['.', '!', '?'])
            && paragraph.split_whitespace().count() >= 6;
        !(is_heading(here) && orphan && !sentence)
    });
}

/// News agencies, as credits name them ("aja/PAP", "Jane Doe / AFP").
const NEWS_AGENCIES: &[&str] = &[
    "pap", "dpa", "afp", "ap", "reuters", "kna", "epd", "apa", "sda", "ddp", "efe", "ansa",
];

/// Picture agencies, further agencies picture credits name, and the words
/// credits use for an agency ("Hector Andrade | Agencia UNO").
const PICTURE_AGENCIES: &[&str] = &[
    "epa",
    "xinhua",
    "agencia",
    "agency",
    "getty",
    "imago",
    "shutterstock",
    "picture alliance",
    "picture-alliance",
    "keystone",
    "istock",
];

/// Headings after which nothing of the article follows: other articles to
/// the end, in the languages ticker reads most, and a press release's
/// contact block. "Related articles", "Lesen Sie auch" and
/// "Leia também" are left out: sites put such boxes in the middle of the
/// article too.
const RELATED_HEADINGS: &[&str] = &[
    "you may like",
    "you might also like",
    "you may also like",
    "recommended for you",
    "read next",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "weitere artikel",
    "weitere beiträge",
    "auch interessant",
    "ähnliche beiträge",
    "ähnliche artikel",
    "verwandte beiträge",
    "verwandte artikel",
    "empfohlene beiträge",
    "empfohlene artikel",
    "beliebte beiträge",
    "schon gelesen?",
    "schon gelesen",
    "related posts",
    "inne artykuły autora",
    "więcej artykułów",
    "você pode gostar",
    "ti potrebbe interessare",
    "potrebbe interessarti",
    "te puede interesar",
    "vous aimerez aussi",
    "関連記事",
    "artikel und videos zum thema",
    "mehr zum thema",
    "keep reading",
    // A press release's contact block ends its text.
    "pressekontakt",
    "medienkontakt",
    "ansprechpartner",
    "ansprechpartnerin",
    "ansprechpartner*in",
    "kontakt für medien",
    "media contact",
    "media contacts",
    "press contact",
    "press contacts",
];

/// Drops a heading that announces other articles ("Você pode gostar...",
/// "Das könnte Sie auch interessieren") and everything after it, once the
/// article has had some text.
fn cut_at_related_heading(paragraphs: &mut Vec<String>) {
    let mut before = 0;
    for (index, paragraph) in paragraphs.iter().enumerate() {
        if before >= 200 && paragraph.chars().count() <= 60 {
            let lower = paragraph
                .trim_start_matches(['#', ' '])
                .trim_end_matches(['.', ':', '…', ' ', '!'])
                .to_lowercase();
            if RELATED_HEADINGS.iter().any(|heading| lower == *heading) {
                paragraphs.truncate(index);
                return;
            }
        }
        before += paragraph.len();
    }
}

/// Inline elements whose text belongs to the block around them.
const INLINE_TAGS: &[&str] = &[
    "span", "em", "strong", "b", "i", "u", "font", "small", "sub", "sup", "mark", "abbr", "cite",
    "q", "time", "br",
];

/// Characters of text in `node` outside its block children: its own text
/// and that of inline elements ("<span><em>…</em></span>"), not links.
fn inline_text_length(node: ego_tree::NodeRef<'_, Node>, depth: usize) -> usize {
    if depth > 32 {
        return 0;
    }
    node.children()
        .map(|child| match child.value() {
            Node::Text(text) => text.trim().chars().count(),
            Node::Element(element) if INLINE_TAGS.contains(&element.name()) => {
                inline_text_length(child, depth + 1)
            }
            _ => 0,
        })
        .sum()
}

/// Whether an element or one of its ancestors is boilerplate, remembered
/// per node: every paragraph and div asks, and without the memo each
/// question walked and re-judged the whole ancestor chain.
struct BoilerplateMemo {
    strict: bool,
    known: FxHashMap<NodeId, bool>,
}

impl BoilerplateMemo {
    fn new(strict: bool) -> Self {
        Self {
            strict,
            known: FxHashMap::default(),
        }
    }

    fn inside(&mut self, element: ElementRef<'_>) -> bool {
        // Walk up to the first node already judged (or the root), then
        // judge the chain top-down.
        let mut chain: Vec<ElementRef<'_>> = Vec::new();
        let mut above = false;
        let mut cursor = Some(element);
        while let Some(node) = cursor {
            if let Some(known) = self.known.get(&node.id()) {
                above = *known;
                break;
            }
            chain.push(node);
            cursor = node.parent().and_then(ElementRef::wrap);
        }
        for node in chain.into_iter().rev() {
            above = above || is_boilerplate(node, self.strict);
            self.known.insert(node.id(), above);
        }
        above
    }
}

fn text_and_link_length(element: ElementRef<'_>) -> (usize, usize) {
    let mut text_length = 0;
    let mut link_length = 0;
    for node in element.descendants() {
        if let Node::Text(text) = node.value() {
            let length = text.trim().chars().count();
            text_length += length;
            if node
                .ancestors()
                .take_while(|a| a.id() != element.id())
                .any(|a| {
                    a.value()
                        .as_element()
                        .is_some_and(|e| e.name() == "a" && !is_jump_mark(e))
                })
            {
                link_length += length;
            }
        }
    }
    (text_length, link_length)
}

#[derive(Default)]
struct BlockWalker {
    strict: bool,
    buffer: String,
    link_chars: usize,
    prefix: &'static str,
    /// Indices (in the output) of paragraphs that were headings.
    headings: Vec<usize>,
}

impl BlockWalker {
    fn walk(&mut self, element: ElementRef<'_>, depth: usize, out: &mut Vec<String>) {
        if depth > MAX_DEPTH {
            return;
        }
        let name = element.value().name();
        let is_block = BLOCK_TAGS.contains(&name);
        if is_block {
            self.flush(out);
        }
        if name == "li" {
            self.prefix = "• ";
        }
        let heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
        let before = out.len();
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.buffer.push_str(text),
                Node::Element(child_element) => {
                    let Some(child_ref) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if is_boilerplate(child_ref, self.strict) {
                        // A page's intro header is furniture, but the lead
                        // it may hold is the article's first paragraph.
                        let intro = child_element.name() == "header"
                            || child_element.attr("class").is_some_and(|class| {
                                let class = class.to_ascii_lowercase();
                                class.contains("header") || class.contains("intro")
                            });
                        if matches!(child_element.name(), "p" | "div") && is_lead_element(child_ref)
                        {
                            self.flush(out);
                            self.walk(child_ref, depth + 1, out);
                            self.flush(out);
                            continue;
                        }
                        if intro && !SKIP_TAGS.contains(&child_element.name()) {
                            if let Some(lead) = lead_within(child_ref) {
                                self.flush(out);
                                self.walk(lead, depth + 1, out);
                                self.flush(out);
                            }
                        }
                        continue;
                    }
                    {
                        // A link; an anchor without an address ("<a
                        // name=…>") is a jump mark, its text plain text.
                        if child_element.name() == "a" && !is_jump_mark(child_element) {
                            let text: String = child_ref.text().collect();
                            self.link_chars += text.trim().chars().count();
                            self.buffer.push_str(&text);
                        } else {
                            self.walk(child_ref, depth + 1, out);
                        }
                    }
                }
                _ => {}
            }
        }
        if is_block {
            self.flush(out);
        }
        if heading && out.len() == before + 1 {
            self.headings.push(before);
        }
    }

    fn flush(&mut self, out: &mut Vec<String>) {
        let text = clean_inline(&self.buffer);
        let link_chars = self.link_chars;
        let prefix = std::mem::take(&mut self.prefix);
        self.buffer.clear();
        self.link_chars = 0;
        if text.is_empty() {
            return;
        }
        let length = text.chars().count();
        // Mostly links: navigation, related articles, tag lists.
        if link_chars * 2 > length {
            return;
        }
        let lower = text.to_lowercase();
        if length < 160
            && BOILERPLATE_PHRASES
                .iter()
                .any(|phrase| lower.contains(phrase))
        {
            return;
        }
        if lower.starts_with("mehr zum thema") || lower.starts_with("subscribe to our newsletter") {
            return;
        }
        // A prompt standing alone: what it points to (a link, a box) is gone.
        let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
        if length < 40 && READER_PROMPTS.contains(&bare) {
            return;
        }
        if is_credit_label_or_date(&lower, length) {
            return;
        }
        // Ad slots and section labels standing alone.
        const LABELS: &[&str] = &[
            "advert",
            "advertisement",
            "anzeige",
            "werbung",
            "sponsored",
            "comments",
            "kommentare",
            "pubblicità",
            "publicidade",
            "publicidad",
            "schlagworte",
            "stichworte",
            "tags",
            "by",
            "von",
            "スポンサードリンク",
        ];
        if length <= 16 && LABELS.contains(&lower.trim_end_matches([':', '.'])) {
            return;
        }
        // Lines that are mostly web addresses (image metadata printed as
        // text).
        let url_chars: usize = text
            .split_whitespace()
            .filter(|word| word.starts_with("http://") || word.starts_with("https://"))
            .map(|word| word.chars().count())
            .sum();
        if url_chars * 2 > length {
            return;
        }
        // Widgets that print their state as text.
        const WIDGETS: &[&str] = &[
            "back to gallery",
            "sharing is caring!",
            "subscribe",
            "like loading...",
            "loading...",
            "loading content ...",
            "suka memuat...",
            "arrow_forward_ios",
            "don't miss",
            "comments (+)",
            "add comment",
            "добавить отзыв",
            "отзывы",
            "iklan",
            "terkait",
            "to read the full story",
            "originalartikel",
            "wird geladen",
            "explore further",
            "kommentare schreiben",
            "kommentar schreiben",
            "war der artikel nützlich?",
            "möchten sie den artikel teilen?",
            "vorschau auf den nächsten artikel",
            "was this article helpful?",
            "gefällt mir wird geladen...",
            "gefällt mir wird geladen …",
        ];
        if length <= 40 && WIDGETS.contains(&lower.as_str()) {
            return;
        }
        if is_interface_line(&lower, length) {
            return;
        }
        // "Updated 3:27 am PST, Wednesday, November 20, 2019", "Published 1
        // day ago": time stamps of the page, not article text.
        if length < 80
            && [
                "updated ",
                "published ",
                "last updated ",
                "aktualisiert am ",
                "veröffentlicht am ",
            ]
            .iter()
            .any(|word| lower.starts_with(word))
            && lower.chars().any(|c| c.is_ascii_digit())
        {
            return;
        }
        out.push(format!("{prefix}{text}"));
    }
}

/// Lines of the page's interface rather than its text: an action ("Bild
/// anzeigen", "Rezept drucken", "Als PDF herunterladen"), a label with its
/// value ("Kategorie: News", "Aufrufe: 523"), an ad marker ("- Anzeige -",
/// "Anzeige, enthält Affiliate Links"), an empty state ("Keine
/// Kommentare").
fn is_interface_line(lower: &str, length: usize) -> bool {
    // A download: "Informationsschreiben PDF | 38 KB".
    if length <= 160
        && (lower.contains("pdf") || lower.contains("docx"))
        && [" kb", " mb"].iter().any(|size| lower.contains(size))
        && lower.contains('|')
    {
        return true;
    }
    // A metadata line of labels and bars: "Aufrufe: 1120 | Hinzugefügt
    // von: Posh | Tags: …".
    if length <= 120 && lower.matches(" | ").count() >= 2 && lower.matches(':').count() >= 2 {
        return true;
    }
    // A time stamp with a comment count: "23.06.2016 um 16:14 Uhr - 91
    // Ergänzungen".
    if length <= 80
        && lower.starts_with(|c: char| c.is_ascii_digit())
        && ["ergänzungen", "kommentare", "comments", "antworten"]
            .iter()
            .any(|word| lower.ends_with(word))
    {
        return true;
    }
    // An empty comment section with its note ("Keine Kommentare
    // (Kommentare erscheinen erst nach unserer Freigabe)"), a photo credit
    // with its story ("Quelle: Foto …"), a feedback prompt about the page.
    if length <= 120
        && (lower.starts_with("keine kommentare")
            || lower.starts_with("quelle: foto")
            || (lower.starts_with("bei fragen") && lower.contains("diesem artikel")))
    {
        return true;
    }
    // A pointer to a web address standing alone: "Weitere Infos unter
    // www.itfjuniors.de."
    if length <= 100
        && [
            "weitere infos",
            "weitere informationen",
            "mehr infos",
            "more info",
        ]
        .iter()
        .any(|start| lower.starts_with(start))
        && (lower.contains("www.") || lower.contains("http"))
    {
        return true;
    }
    // A call to get the site's app: "For the latest stories … download
    // the Nationnews apps for iOS and Android.", "Die Sport BILD-App Jetzt
    // kostenlos für iOS und Android!".
    // (Addressed to the reader: a report that an app is out is text.)
    if length <= 200
        && lower.contains("app")
        && lower.contains("ios")
        && lower.contains("android")
        && (["for the latest", "download", "get the", "hol dir"]
            .iter()
            .any(|start| lower.starts_with(start))
            || ["jetzt kostenlos", "jetzt herunterladen", "jetzt downloaden"]
                .iter()
                .any(|phrase| lower.contains(phrase)))
    {
        return true;
    }
    // A credit line of a picture: "Hector Andrade | Agencia UNO",
    // "Jane Doe / AFP".
    if length <= 60 {
        let credit = lower
            .rsplit_once(" | ")
            .or_else(|| lower.rsplit_once(" / "))
            .map(|(_, agency)| agency.trim());
        if credit.is_some_and(|agency| {
            NEWS_AGENCIES.iter().chain(PICTURE_AGENCIES).any(|name| {
                agency
                    .strip_prefix(name)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
            })
        }) {
            return true;
        }
    }
    // A time stamp of the page's last change: "… - Last Modified:
    // 03-10-2004 2:20pm", "Pubblicato il 19 Febbraio 2020 Ultima modifica …".
    if length <= 120
        && [
            "last modified",
            "ultima modifica",
            "última modificación",
            "dernière mise à jour",
            "zuletzt geändert",
        ]
        .iter()
        .any(|label| {
            lower.find(label).is_some_and(|at| {
                lower[at + label.len()..]
                    .trim_start()
                    .starts_with(|c: char| c == ':' || c.is_ascii_digit())
            })
        })
    {
        return true;
    }
    // Promotions of the print edition and of subscriptions: "Die aktuelle
    // Ausgabe … im Abo, als e-Paper …", "Immediate online access to all
    // issues from 2019. Subscription will auto renew annually."
    if length <= 250
        && ((lower.contains("e-paper") || lower.contains("epaper")) && lower.contains("abo")
            || lower.contains("subscription will auto")
            || lower.starts_with("immediate online access"))
    {
        return true;
    }
    // An invitation to write in and follow: "Puede escribirnos a … o
    // seguir a Materia en Facebook, Twitter …".
    if length <= 300
        && [
            "escribirnos",
            "schreiben sie uns",
            "write to us",
            "écrivez-nous",
        ]
        .iter()
        .any(|phrase| lower.contains(phrase))
        && ["twitter", "facebook", "instagram"]
            .iter()
            .any(|network| lower.contains(network))
    {
        return true;
    }
    // A follow prompt whose networks are icons: "Nos siga no", "Follow us".
    if length <= 20
        && [
            "nos siga",
            "siga-nos",
            "follow us",
            "folgen sie uns",
            "síguenos",
        ]
        .iter()
        .any(|start| lower.starts_with(start))
    {
        return true;
    }
    // Calls to follow the site: "Follow The Gleaner on Twitter and
    // Instagram …", "Síguenos en Telegram, Instagram, Facebook y Twitter".
    if length <= 240
        && [
            "follow ",
            "síguenos",
            "siguenos",
            "nos siga",
            "folgen sie uns",
            "folge uns",
        ]
        .iter()
        .any(|start| lower.starts_with(start))
        && ["twitter", "facebook", "instagram", "telegram", "whatsapp"]
            .iter()
            .any(|network| lower.contains(network))
    {
        return true;
    }
    // Disclaimers of the site: "… is not responsible for the opinions,
    // statements or media content presented by contributors", "advertisers
    // do not influence our picks. We may receive compensation …", and
    // appeals for donations ("Wesprzyj nas darowizną").
    if length <= 300
        && ((lower.contains("not responsible for the")
            && (lower.contains("opinion") || lower.contains("content")))
            || lower.contains("advertisers do not influence")
            || lower.contains("advertiser disclosure")
            || lower.contains("wesprzyj nas"))
    {
        return true;
    }
    // Affiliate notes: "Solche Links kennzeichnen wir mit einem Sternchen
    // (*). Geld erhalten wir, wenn Sie …".
    if length <= 600
        && lower.contains("links")
        && (lower.contains("mit einem sternchen") || lower.contains("affiliate-links"))
        && (lower.contains("provision") || lower.contains("geld erhalten"))
    {
        return true;
    }
    // Calls to subscribe, sign up or write in: "Subscribe
    // now to our eNATION edition for the full story.", "Hazte miembro y
    // disfruta de beneficios exclusivos", "Lust auf mehr? … Newsletter".
    if length <= 200
        && [
            "subscribe now",
            "subscribe to ",
            "sign up for our",
            "submit your letter",
            "instant access to",
            "hazte miembro",
            "suscríbete",
            "zapraszamy też do subskrypcji",
            "zapraszamy do subskrypcji",
            "lust auf mehr?",
            "abonnieren sie unseren",
        ]
        .iter()
        .any(|start| lower.starts_with(start))
    {
        return true;
    }
    // Reading time: "11 minut czytania", "3 Minuten Lesezeit", "5 min read".
    if length <= 30
        && lower.starts_with(|c: char| c.is_ascii_digit())
        && [
            "min read",
            "minuten lesezeit",
            "min. lesezeit",
            "minut czytania",
            "minutos de lectura",
            "minutes read",
        ]
        .iter()
        .any(|unit| lower.contains(unit))
    {
        return true;
    }
    // Instructions for the page's controls: "Mit diesem Button kannst Du
    // diese Episode … hinzufügen".
    if length <= 200 && (lower.contains("diesem button") || lower.contains("this button")) {
        return true;
    }
    // A figure caption written as a paragraph: "Abbildung 4: …".
    if length <= 300
        && ["abbildung", "abb.", "figure ", "fig."]
            .iter()
            .any(|label| lower.starts_with(label))
        && lower
            .get(..20.min(lower.len()))
            .is_some_and(|head| head.contains(':'))
    {
        return true;
    }
    // A licence line: "Dieser Text wurde veröffentlicht unter der Lizenz
    // CC-BY-NC-ND-4.0-DE."
    if length <= 200 && (lower.contains("lizenz cc") || lower.contains("license cc")) {
        return true;
    }
    // A caption that ends in its credit: "Roman Prymula, photo: Archives
    // du Gouvernement tchèque", "… durante el año escolar. Foto: Andina".
    if length <= 200 {
        let credit = [
            ", photo: ",
            ", foto: ",
            ". foto: ",
            ". photo: ",
            " | foto: ",
            " | photo: ",
        ]
        .iter()
        .filter_map(|label| lower.rfind(label).map(|at| &lower[at + label.len()..]))
        .next();
        if credit.is_some_and(|credit| {
            credit.split_whitespace().count() <= 5
                && !credit.trim_end_matches('.').contains(['.', '!', '?'])
        }) {
            return true;
        }
    }
    if length > 60 {
        return false;
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    const ACTIONS: &[&str] = &[
        "anzeigen",
        "drucken",
        "herunterladen",
        "downloaden",
        "anmelden",
        "abonnieren",
        "teilen",
        "merken",
        "drukuj",
        "imprimir",
        "stampa",
        "speichern",
        "schließen",
        "weiterlesen",
        "kommentieren",
        "bewerten",
        "download",
        "print",
        "share",
    ];
    if words.len() <= 5
        && words
            .last()
            .is_some_and(|last| ACTIONS.contains(&last.trim_end_matches(['!', '.', '…'])))
    {
        return true;
    }
    const LABELS: &[&str] = &[
        "kategorie:",
        "kategorien:",
        "rubrik:",
        "schlagworte:",
        "schlagwörter:",
        "stichworte:",
        "tags:",
        "aufrufe:",
        "views:",
        "kommentare insgesamt:",
        "category:",
        "categories:",
        "filed under:",
        "last modified:",
        "zuletzt aktualisiert:",
        "veröffentlichung:",
        "veröffentlicht:",
        "publiziert:",
        "keine kommentare",
    ];
    // A credit line that ends in its label ("Roman Prymula, photo:").
    if length <= 40
        && ["photo:", "foto:", "bild:"]
            .iter()
            .any(|end| lower.ends_with(end))
    {
        return true;
    }
    if LABELS.iter().any(|label| lower.starts_with(label)) {
        return true;
    }
    let bare = lower.trim_matches(|c: char| {
        matches!(c, '-' | '–' | '(' | ')' | '[' | ']') || c.is_whitespace()
    });
    bare == "anzeige"
        || bare.starts_with("anzeige, ")
        || [
            "keine kommentare",
            "no comments",
            "externer inhalt",
            "alle angaben ohne gewähr",
        ]
        .contains(&bare)
        // A box's heading left without its links.
        || ["related stories", "related articles", "related content"].contains(&bare)
}

/// Whether a label before a colon names a part of the page's interface
/// rather than a section of the text.
fn is_interface_label(label: &str) -> bool {
    const LABELS: &[&str] = &[
        "themen",
        "thema",
        "tags",
        "schlagworte",
        "schlagwörter",
        "stichworte",
        "stichwörter",
        "kategorie",
        "kategorien",
        "rubrik",
        "rubriken",
        "teilen",
        "sharen",
        "sharen mit",
        "teilen mit",
        "share",
        "share this",
        "share on",
        "folgen sie uns",
        "folge uns",
        "follow us",
        "follow",
        "lesen sie auch",
        "lesen sie mehr",
        "siehe auch",
        "see also",
        "read more",
        "weiterlesen",
        "quelle",
        "quellen",
        "fotos",
        "foto",
        "bilder",
        "bild",
        "video",
        "videos",
        "audio",
        "anzeige",
        "werbung",
        "links",
        "weblinks",
        "downloads",
        "download",
        "kontakt",
        "ähnliche themen",
        "verwandte themen",
        "related",
        "related topics",
        "topics",
        "categories",
        "category",
        "filed under",
        "posted in",
        "veröffentlicht in",
        "autor",
        "autorin",
        "author",
        "von",
        "by",
        "datum",
        "date",
        "stand",
        "aktualisiert",
        "updated",
        "published",
        "veröffentlicht",
        "zuletzt aktualisiert",
        "newsletter",
        "drucken",
        "print",
        "e-mail",
        "email",
        "kommentare",
        "comments",
        "empfehlen",
        "bewerten",
        "bewertung",
        "merken",
        "news teilen",
        "artikel teilen",
        "beitrag teilen",
        "seite teilen",
        "share article",
        "tagged",
        "tagged with",
        "zusatzinformationen",
        "zum weiterlesen",
        "weiterführende links",
        "veja também",
        "leia também",
        "ver también",
        "lee también",
        "vedi anche",
        "leggi anche",
        "voir aussi",
        "à lire aussi",
        "lire aussi",
        "czytaj także",
        "zobacz też",
        "zobacz także",
        "gefällt mir",
        "originalartikel",
        "original article",
        "originalbeitrag",
    ];
    // "Mehr Kolumnen auf MeinMMO:", "More from the Guardian:": a box of
    // links. (Headings that end the article, RELATED_HEADINGS, never get
    // here.)
    LABELS.contains(&label)
        || ["mehr ", "more ", "weitere ", "noch mehr", "alle "]
            .iter()
            .any(|start| label.starts_with(start))
}

/// Photo credits ("Foto: Ingo Pertramer"), interface labels ("Themen:",
/// "Sharen mit:") and bare dates ("05. Februar 2020", "3:59 PM") standing
/// as paragraphs of their own: page furniture, not article text.
fn is_credit_label_or_date(lower: &str, length: usize) -> bool {
    const CREDITS: &[&str] = &[
        "foto:",
        "fotos:",
        "bild:",
        "bilder:",
        "quelle:",
        "bildquelle:",
        "titelbild:",
        "photo:",
        "photos:",
        "credit:",
        "credits:",
        "image:",
        "©",
    ];
    // (Also in parentheses: "(Quelle: Foto Steven Vangermain)".)
    let unwrapped = lower
        .strip_prefix('(')
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or(lower);
    if length < 80 && CREDITS.iter().any(|credit| unwrapped.starts_with(credit)) {
        return true;
    }
    // An author's initials with the agency, standing alone: "aja/PAP",
    // "dpa/lno", "AFP/AP".
    if length <= 24
        && lower.contains('/')
        && lower.split('/').all(|part| {
            !part.is_empty() && part.len() <= 8 && part.chars().all(char::is_alphabetic)
        })
        && lower.split('/').any(|part| NEWS_AGENCIES.contains(&part))
    {
        return true;
    }
    // An interface label ending in a colon ("Themen:", "Sharen mit:"); a
    // run-in subheading ("Private Solaranlagen:", "Belag:") is text. (A
    // heading announcing other articles stays: it ends the article.)
    if length <= 30
        && lower.ends_with(':')
        && !RELATED_HEADINGS
            .iter()
            .any(|heading| lower.starts_with(heading))
        && is_interface_label(lower.trim_end_matches(':').trim())
    {
        return true;
    }
    // A date line with a byline: "September 10, 2018 | by Catherine",
    // "05/10/2018 - Publicado por: …".
    if length < 120 {
        let year = lower.split(|c: char| !c.is_ascii_digit()).any(|digits| {
            digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"))
        });
        // Starting with the date, or a byline after a bar.
        let starts_dated = lower.starts_with(|c: char| c.is_ascii_digit())
            || [
                "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
                "mär", "mai", "okt", "dez",
            ]
            .iter()
            .any(|month| lower.starts_with(month));
        let byline = lower.contains("| by ")
            || (lower.starts_with("by ") && lower.contains(" | "))
            || (starts_dated
                && [
                    "publicado por",
                    "posted by",
                    " by ",
                    "veröffentlicht von",
                    " von ",
                ]
                .iter()
                .any(|marker| lower.contains(marker)));
        if year && byline {
            return true;
        }
    }
    if length <= 48 {
        const DATE_WORDS: &[&str] = &[
            "januar",
            "februar",
            "märz",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "dezember",
            "january",
            "february",
            "march",
            "may",
            "june",
            "july",
            "october",
            "december",
            "uhr",
            "am",
            "pm",
            "aktualisiert",
            "veröffentlicht",
            "updated",
            "published",
            "stand",
            "jan",
            "feb",
            "mar",
            "apr",
            "jun",
            "jul",
            "aug",
            "sep",
            "sept",
            "oct",
            "nov",
            "dec",
            "et",
            "est",
            "edt",
            "pst",
            "pdt",
            "cst",
            "cdt",
            "gmt",
            "utc",
            "cet",
            "mez",
            "de",
            "às",
            "feira",
            "segunda",
            "terça",
            "quarta",
            "quinta",
            "sexta",
            "sábado",
            "domingo",
            "janeiro",
            "fevereiro",
            "março",
            "abril",
            "maio",
            "junho",
            "julho",
            "agosto",
            "setembro",
            "outubro",
            "novembro",
            "dezembro",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "montag",
            "dienstag",
            "mittwoch",
            "donnerstag",
            "freitag",
            "samstag",
            "sonntag",
        ];
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphabetic())
            .filter(|word| !word.is_empty())
            .collect();
        let only_date_words = words.iter().all(|word| DATE_WORDS.contains(word));
        // A date has a month word, a time or a dotted day ("23.06.2016");
        // a bare number is a table cell or a count.
        let dated = !words.is_empty()
            || lower.contains(':')
            || lower.matches('.').count() >= 2
            || lower.matches('/').count() >= 2
            || (length == 10 && lower.matches('-').count() == 2);
        return only_date_words && dated && lower.chars().any(|c| c.is_ascii_digit());
    }
    false
}

#[cfg(test)]
mod tests {

    #[test]
    fn json_ld_article_body_fills_script_rendered_pages_but_not_over_teasers() {
        let long = "Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen. ".repeat(12);
        let rendered = format!(
            "<html><head><script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\
             \"headline\":\"Gesetz\",\"articleBody\":\"{long}\"}}</script></head>\
             <body><div id=app></div><p>Advertisement</p></body></html>"
        );
        let page = parse_page(&rendered, None);
        assert!(
            page.paragraphs
                .join(" ")
                .contains("neues Gesetz beschlossen"),
            "{page:?}"
        );
        let paragraphs = "<p>Die Regierung in Berlin hat am Morgen einen Plan vorgelegt, der viele Fragen offen lässt und Kritik auslöst.</p>".repeat(8);
        let teaser = format!(
            "<html><head><script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\
             \"headline\":\"Plan\",\"articleBody\":\"{}Ganz anderer Anfang&hellip;\"}}</script></head>\
             <body><article>{paragraphs}</article></body></html>",
            "Ein Anriss des Artikels. ".repeat(20)
        );
        let page = parse_page(&teaser, None);
        assert!(
            page.paragraphs.join(" ").contains("Regierung in Berlin"),
            "{page:?}"
        );
        assert!(!page.paragraphs.join(" ").contains("Anriss"), "{page:?}");
    }

    #[test]
    fn text_in_inline_elements_of_a_div_counts_as_its_paragraph() {
        let sentence = "Veteran actress Kate Henshaw has taken the internet by storm with new photos of herself. ";
        let html = format!(
            "<html><body><nav><a href=/>Home</a></nav><div class=more>{}</div>\
             <div class=post-body>\
             <div><span style=x><span>{}</span></span></div>\
             <div><span><em>{}</em></span><br></div></div></body></html>",
            "<p>Another story about the football results of this weekend.</p>".repeat(3),
            sentence.repeat(3),
            sentence.repeat(3)
        );
        let page = parse_page(&html, None);
        assert!(
            page.paragraphs.join(" ").contains("Kate Henshaw"),
            "{page:?}"
        );
    }

    #[test]
    fn an_article_split_into_sections_between_figures_is_read_whole() {
        let section = |word: &str| {
            format!(
                "<div class=acf><section class=outer><div class=container><div class=section>\
                 <div class=content>{}</div></div></div></section></div>\
                 <figure><img src=x.jpg><figcaption>A picture.</figcaption></figure>",
                format!(
                    "<p>The {word} section of the story goes on with a long paragraph that \
                     explains what researchers found in the lungs of mice and why it matters \
                     to everyone who studies the immune system.</p>"
                )
                .repeat(2)
            )
        };
        let html = format!(
            "<html><body><nav><a href=/>Home</a></nav><main-ish><div class=post>{}{}{}</div>\
             </main-ish><footer><p>Copyright and all the small print of the publisher.</p></footer></body></html>",
            section("first"),
            section("second"),
            section("third")
        );
        let page = parse_page(&html, None);
        let text = page.paragraphs.join(" ");
        for word in ["first", "second", "third"] {
            assert!(
                text.contains(&format!("The {word} section")),
                "{word}: {text}"
            );
        }
        assert!(!text.contains("small print"), "{text}");
    }

    #[test]
    fn taxonomy_classes_do_not_make_an_article_boilerplate() {
        let paragraph = "<p>The platform is adding a mobile marketing pioneer as its first chief strategy officer, the company said.</p>";
        let html = format!(
            "<html><body><div class=\"post type-post category-native-advertising tag-newsletter\">\
             <section class=non-paywall>\
             {}</section></div></body></html>",
            paragraph.repeat(4)
        );
        let page = parse_page(&html, None);
        assert!(
            page.paragraphs.join(" ").contains("chief strategy officer"),
            "{page:?}"
        );
        // A wrapper named after the paywall holds the text the page sent;
        // the prompt beside it goes.
        let walled = format!(
            "<html><body><div class=content-behind-paywall>{}</div>\
             <div class=paywall-prompt><p>Jetzt abonnieren und weiterlesen für nur einen Euro im Monat.</p></div></body></html>",
            paragraph.repeat(4)
        );
        let page = parse_page(&walled, None);
        assert!(
            page.paragraphs.join(" ").contains("chief strategy officer"),
            "{page:?}"
        );
        assert!(
            !page.paragraphs.join(" ").contains("abonnieren"),
            "{page:?}"
        );
        // So does a block named "paywall" that holds paragraphs.
        let rest = format!(
            "<html><body><div class=body>{}<div class=paywall>\
             <p>The rest of the story follows here, with the figures the company reported on Tuesday morning.</p>\
             <p>Management hosts a conference call at nine in the morning to discuss the results with analysts.</p>\
             <p>Shares are up about forty percent this year, easily outpacing the market over the same span.</p></div></div></body></html>",
            paragraph.repeat(6)
        );
        let page = parse_page(&rest, None);
        assert!(
            page.paragraphs.join(" ").contains("forty percent"),
            "{page:?}"
        );
        // An <article> stays whatever its classes say.
        let sponsored = format!(
            "<html><body><article class=\"single single-promotion\">{}</article></body></html>",
            paragraph.repeat(4)
        );
        let page = parse_page(&sponsored, None);
        assert!(
            page.paragraphs.join(" ").contains("chief strategy officer"),
            "{page:?}"
        );
        // A real advertisement still is one.
        let ad = format!(
            "<html><body><article>{}</article><div class=advert-box><p>{}</p></div></body></html>",
            paragraph.repeat(4),
            "Buy the best shoes now at a reduced price in our shop today only."
        );
        let page = parse_page(&ad, None);
        assert!(!page.paragraphs.join(" ").contains("shoes"), "{page:?}");
    }

    #[test]
    fn headings_written_as_sentences_are_no_orphans() {
        let mut paragraphs: Vec<String> = vec![
            "Titel".into(),
            "Der Reporter hat das Magazin in eine Krise gestürzt, schreibt die Redaktion.".into(),
            "Relotius legt auf Facebook ein Fake-Profil an. Es stützt seine Version.".into(),
            "Most Popular Videos".into(),
        ];
        drop_orphan_headings(&mut paragraphs, &[0, 2, 3]);
        assert_eq!(paragraphs.len(), 3, "{paragraphs:?}");
        assert!(paragraphs[2].starts_with("Relotius"), "{paragraphs:?}");
    }

    #[test]
    fn a_you_may_like_heading_ends_the_article() {
        let mut paragraphs: Vec<String> = vec![
            "Viver uma verdadeira experiência amorosa é um dos maiores prazeres da vida.".repeat(4),
            "Você pode gostar...".into(),
            "A vida requer da gente otimismo e coragem para esperar o melhor.".into(),
        ];
        cut_at_related_heading(&mut paragraphs);
        assert_eq!(paragraphs.len(), 1);
        // Not at the very start, and "Related articles" boxes stand mid-article.
        let mut paragraphs: Vec<String> = vec![
            "Hong Kong protests continue.".repeat(10),
            "Related articles".into(),
            "The police said the demonstrators had no option but to surrender.".into(),
        ];
        cut_at_related_heading(&mut paragraphs);
        assert_eq!(paragraphs.len(), 3);
        // A topic list and a press release's contact block end the text.
        for heading in [
            "Mehr zum Thema:",
            "Pressekontakt",
            "Ansprechpartnerin",
            "Keep reading",
        ] {
            let mut paragraphs: Vec<String> = vec![
                "Die Regierung hat am Montag neue Regeln beschlossen.".repeat(5),
                heading.into(),
                "Kasachstan: Russland zieht Truppen ab".into(),
            ];
            cut_at_related_heading(&mut paragraphs);
            assert_eq!(paragraphs.len(), 1, "{heading}");
        }
    }

    #[test]
    fn credits_labels_and_bare_dates_are_page_furniture() {
        for furniture in [
            "foto: ingo pertramer",
            "themen:",
            "sharen mit:",
            "05. februar 2020",
            "23.06.2016",
            "3:59 pm",
            "stand: 13.01.2022 09:59 uhr",
            "2018-08-16",
            "nov. 19, 2019 8:03 am et",
            "segunda-feira, 22 de janeiro de 2018 às 0:13",
            "september 10, 2018 | by catherine",
            "05/10/2018 - publicado por: clarissa borba - categoria: saúde",
            "aja/pap",
            "(quelle: foto steven vangermain)",
            "dpa/lno",
            "tagged:",
            "veja também:",
            "mehr kolumnen auf meinmmo:",
            "gefällt mir:",
        ] {
            assert!(
                is_credit_label_or_date(furniture, furniture.chars().count()),
                "{furniture}"
            );
        }
        for text in [
            // Run-in subheadings are text.
            "private solaranlagen:",
            "belag:",
            "achtung redaktion:",
            "you can use this code:",
            "1",
            "4.565",
            "you may also like:",
            "2019 war ein gutes jahr.",
            "am 13. januar 2022 trafen sich die außenminister in genf zu gesprächen.",
            "the report, written by two economists in 2019, found no effect.",
            "und/oder",
            "ein/e",
        ] {
            assert!(
                !is_credit_label_or_date(text, text.chars().count()),
                "{text}"
            );
        }
    }

    #[test]
    fn a_single_article_is_not_widened_over_the_excerpts_around_it() {
        let paragraph = "<p>The Wild beat the Sabres four to one on Tuesday night, with two goals from Zach Parise, who has found his form again after a slow start to the season.</p>";
        let excerpt = "<div class=card><div class=excerpt><p>Another story by the same writer, about the coach, his lines and the way the team has played from behind this season, with a long excerpt that runs on and on about the players, the games and the standings.</p></div></div>";
        let html = format!(
            "<html><body><div class=wrap><div class=main><article>{}</article></div>\
             <div class=more>{}</div></div></body></html>",
            paragraph.repeat(3),
            excerpt.repeat(4)
        );
        let text = parse_page(&html, None).paragraphs.join("\n");
        assert!(text.contains("Zach Parise"), "{text}");
        assert!(!text.contains("Another story"), "{text}");
    }

    /// The text of an article of eight paragraphs with `middle` between
    /// its two halves.
    fn text_around(paragraph: &str, middle: &str) -> String {
        let half = paragraph.repeat(4);
        let html = format!("<html><body><article>{half}{middle}{half}</article></body></html>");
        parse_page(&html, None).paragraphs.join("\n")
    }

    #[test]
    fn a_prompt_standing_alone_is_not_text_but_the_same_words_in_a_sentence_are() {
        let text = text_around(
            "<p>Die Jugendverbände der Landwirtschaft fordern eine Prämie für alle, die einen Hof neu gründen oder übernehmen wollen.</p>",
            "<p><strong>Lesen Sie mehr</strong></p>\
             <p>Gefällt dir dieser Beitrag?</p><p>War dieser Artikel hilfreich?</p>\
             <p>Wer mehr lesen will, findet die Studie im Netz.</p>",
        );
        assert!(text.contains("Wer mehr lesen will"), "{text}");
        for prompt in ["Lesen Sie mehr", "Gefällt dir", "War dieser Artikel"] {
            assert!(!text.contains(prompt), "{prompt}: {text}");
        }
    }

    #[test]
    fn captions_named_in_german_or_as_image_descriptions_are_not_text() {
        let text = text_around(
            "<p>Die Stadt hat am Freitag die neue Spiel- und Freizeitanlage eröffnet, die Kinder und Jugendliche mitgeplant haben.</p>",
            "<div><span class=bildunterschrift>Zur Einweihung wurde ein Wald gepflanzt (Foto: Stadt)</span></div>\
             <div class=imagebox><p><span class=img-desc>Das neue Auto im endgültigen Design</span></p></div>\
             <span class=image-description>Die meisten Heime haben zu wenig Pflegekräfte</span>",
        );
        assert!(text.contains("Freizeitanlage"), "{text}");
        for caption in ["Wald gepflanzt", "endgültigen Design", "Pflegekräfte"] {
            assert!(!text.contains(caption), "{caption}: {text}");
        }
    }

    #[test]
    fn title_blocks_deks_widgets_and_orphan_headings_are_page_furniture() {
        let paragraph = "<p>The agency said on Monday that the hunter had eaten a wild rabbit before he fell ill, and that the case was isolated.</p>";
        let html = format!(
            "<html><body><article>\
             <header><span class=kicker>BLACK DEATH FEARS</span><h1>Hunter ill</h1>\
             <ul><li>18 Nov 2019, 19:09</li></ul></header>\
             <h2 class=sub-head itemprop=description>A dek that the record keeps as its lead.</h2>\
             {}<p>Back to Gallery</p>\
             <p>http://example.org/a.jpeg 1200 676 admin http://example.org/b.jpeg</p>\
             <h3>Most Popular Videos</h3><h3>Most Popular Articles</h3></article></body></html>",
            paragraph.repeat(4)
        );
        let text = parse_page(&html, None).paragraphs.join("\n");
        assert!(text.contains("wild rabbit"), "{text}");
        for furniture in [
            "BLACK DEATH",
            "18 Nov",
            "A dek",
            "Back to Gallery",
            "example.org",
            "Most Popular",
        ] {
            assert!(!text.contains(furniture), "{furniture}: {text}");
        }
        // A header that holds a paragraph holds the lead: it stays.
        let html = format!(
            "<html><body><article><header><h1>Title</h1><p>The lead paragraph of this story stays in the text.</p></header>{}</article></body></html>",
            paragraph.repeat(4)
        );
        let text = parse_page(&html, None).paragraphs.join("\n");
        assert!(text.contains("lead paragraph"), "{text}");
    }

    #[test]
    fn a_lead_set_apart_before_the_body_opens_the_text() {
        let paragraph = "<p>Die Ministerin sprach mit Vertretern der Landwirtschaft über die Lage der Betriebe und die Folgen der neuen Regeln für die Tierhaltung.</p>";
        let html = format!(
            "<html><body><div class=page><h1>Titel</h1>\
             <p class=a-lead>In einem ersten Gespräch zeigte sich die Ministerin offen für die Anliegen der Bauern.</p>\
             <div class=body>{}</div></div>\
             <div class=other><p class=lead>A lead of another story that is not this article's at all.</p></div></body></html>",
            paragraph.repeat(4)
        );
        let text = parse_page(&html, None).paragraphs.join("\n");
        assert!(text.starts_with("In einem ersten Gespräch"), "{text}");
        assert_eq!(text.matches("ersten Gespräch").count(), 1, "{text}");
        assert!(!text.contains("another story"), "{text}");
    }

    #[test]
    fn excerpts_and_described_paragraphs_before_the_body_are_leads() {
        let paragraph = "<p>Die Ministerin sprach mit Vertretern der Landwirtschaft über die Lage der Betriebe und die Folgen der neuen Regeln für die Tierhaltung.</p>";
        for lead in [
            "<div class=entry-excerpt>Der Mobilfunkanbieter wagt sich mit einer Übernahme auf neues Terrain.</div>",
            "<p itemprop=description class=news-block-text>Der Mobilfunkanbieter wagt sich mit einer Übernahme auf neues Terrain.</p>",
            "<div class=dig-vorspann>Der Mobilfunkanbieter wagt sich mit einer Übernahme auf neues Terrain.</div>",
        ] {
            let html = format!(
                "<html><body><div class=page><h1>Titel</h1>{lead}\
                 <div class=body>{}</div></div></body></html>",
                paragraph.repeat(4)
            );
            let text = parse_page(&html, None).paragraphs.join("\n");
            assert!(text.starts_with("Der Mobilfunkanbieter"), "{text}");
        }
    }

    #[test]
    fn an_unclosed_page_header_does_not_swallow_the_article() {
        let paragraph = "<p>El reconocido artista de la música típica presentó este jueves una solicitud para el registro de su nombre como marca.</p>";
        // The first header is never closed: the parser nests the page in it.
        let html = format!(
            "<html><body><header id=header role=banner><a href=/>Logo</a>\
             <main><article><div class=article-body>{}</div></article></main></body></html>",
            paragraph.repeat(4)
        );
        let text = parse_page(&html, None).paragraphs.join("\n");
        assert!(text.contains("reconocido artista"), "{text}");
        // A wrapper named after a widget that holds the page's <main>.
        let html = format!(
            "<html><body><div id=theme-taboola><main><div class=entry-content>{}</div></main>\
             <div class=taboola-feed><p>Sponsored: you will not believe these ten tricks.</p></div></div></body></html>",
            paragraph.repeat(4)
        );
        let text = parse_page(&html, None).paragraphs.join("\n");
        assert!(text.contains("reconocido artista"), "{text}");
        assert!(!text.contains("Sponsored"), "{text}");
    }

    #[test]
    fn dates_come_from_any_article_object_microdata_or_the_url() {
        let body = "<article><p>Das Militärbündnis hat mit dem Abzug seiner Truppen begonnen, wie das Ministerium am Donnerstag mitteilte.</p></article>";
        let day = |head: &str, url: &str| {
            let html = format!("<html><head>{head}</head><body>{body}</body></html>");
            let url = url::Url::parse(url).unwrap();
            parse_page(&html, Some(&url))
                .published_at
                .map(|at| at.to_rfc3339())
        };
        // The NewsArticle has no date; the WebPage beside it has.
        assert_eq!(
            day(
                r#"<script type="application/ld+json">[{"@type":"WebPage","datePublished":"2022-01-14T00:30:00+01:00"},{"@type":"NewsArticle","headline":"Abzug"}]</script>"#,
                "https://news.example/abzug"
            )
            .as_deref(),
            Some("2022-01-14T00:30:00+01:00")
        );
        // A script that is not valid JSON (single quotes) still gives its date.
        assert_eq!(
            day(
                r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished": '2021-05-12',}</script>"#,
                "https://news.example/abzug"
            )
            .as_deref(),
            Some("2021-05-12T00:00:00+00:00")
        );
        // Microdata on an element, read from its text.
        assert_eq!(
            day(
                r#"</head><body><span itemprop="datePublished">13. Januar 2022, 10:15 Uhr</span><head>"#,
                "https://news.example/abzug"
            )
            .as_deref(),
            Some("2022-01-13T10:15:00+00:00")
        );
        // Nothing on the page: the day in the URL's path.
        assert_eq!(
            day("", "https://news.example/2022/01/15/abzug").as_deref(),
            Some("2022-01-15T00:00:00+00:00")
        );
        assert_eq!(day("", "https://news.example/abzug"), None);
        // Last, a date shown in a byline, not the date of a comment.
        let shown = |html: &str| {
            parse_page(html, None)
                .published_at
                .map(|at| at.to_rfc3339())
        };
        assert_eq!(
            shown(&format!("<html><body><div class=comment-meta>3. Februar 2022 um 10:15</div><div class=article-header__meta>Von Anna Muster, 13.01.2022, 09:59 Uhr</div>{body}</body></html>"))
                .as_deref(),
            Some("2022-01-13T09:59:00+00:00")
        );
        assert_eq!(
            shown(&format!("<html><body><ul class=news-list><li><span class=date>12.01.2022</span></li></ul>{body}</body></html>")),
            None
        );
    }

    #[test]
    fn a_script_rendered_how_to_takes_its_steps_from_json_ld() {
        let html = "<html><head><script type='application/ld+json'>{\"@type\":\"HowTo\",\
            \"name\":\"Runde Tischdecke\",\"description\":\"<p>Unabhängig von Größe und Stil kannst du dich \
            glücklich schätzen, wenn du einen runden Tisch hast.</p>\",\"step\":[{\"@type\":\"HowToStep\",\
            \"itemListElement\":{\"@type\":\"HowToDirection\",\"text\":\"<p>Miss den Durchmesser der \
            Tischplatte und gib an jeder Seite zwanzig Zentimeter für den Überhang dazu.</p>\"}},\
            {\"@type\":\"HowToStep\",\"text\":\"Schneide den Stoff zu einem Quadrat und falte ihn zweimal.\"}]}\
            </script></head><body><div id=app></div></body></html>";
        let text = parse_page(html, None).paragraphs.join("\n");
        assert!(text.starts_with("Unabhängig von Größe"), "{text}");
        assert!(text.contains("Miss den Durchmesser"), "{text}");
        assert!(text.contains("Schneide den Stoff"), "{text}");
    }

    #[test]
    fn an_articlebody_mark_on_teaser_cards_does_not_win_over_the_article() {
        let paragraph = "<p>Rust has been the most loved language in the developer survey for four years in a row, and this post looks at what makes it different from the languages before it.</p>";
        let card = "<div class=card><div class=excerpt itemprop=articleBody>In this series, we examine how to take your application from ordinary to exceptional by implementing micro-interactions with a spring library, so you will not be stuck wishing you knew more about the way a good interface answers every click and every swipe.</div></div>";
        let html = format!(
            "<html><body><main><article><div class=content>{}</div></article></main>\
             <section class=more>{}</section></body></html>",
            paragraph.repeat(6),
            card.repeat(2)
        );
        let text = parse_page(&html, None).paragraphs.join("\n");
        assert!(text.contains("most loved language"), "{text}");
        assert!(!text.contains("micro-interactions"), "{text}");
    }

    #[test]
    fn a_jump_mark_is_no_link() {
        let paragraph = "<p>Christian Drosten: Das stimmt, es gibt natürlich Coronaviren, vier Stück in der menschlichen Bevölkerung, die saisonal vorkommen.</p>";
        let html = format!(
            "<html><body><div class=body><p><a name=wodarg>Was sagt Professor Drosten dazu?</a></p>{}\
             <p><a href=/x>Ein Link zu einem ganz anderen Artikel</a></p></div></body></html>",
            paragraph.repeat(4)
        );
        let text = parse_page(&html, None).paragraphs.join("\n");
        assert!(text.contains("Was sagt Professor Drosten dazu?"), "{text}");
        assert!(!text.contains("ganz anderen Artikel"), "{text}");
    }

    #[test]
    fn a_lead_inside_furniture_within_the_body_block_is_kept() {
        let paragraph = "<p>Die Jugendverbände der Landwirtschaft fordern eine Prämie für die erste Niederlassung, und die Ministerin will das prüfen lassen.</p>";
        let html = format!(
            "<html><body><main class=l-main><div class=wrap>\
             <header class=m-intro-header><h1>Titel</h1><p class=a-lead>In einem ersten Gespräch zeigte sich die Ministerin offen für die Forderung.</p></header>\
             <div class=text>{}</div></div></main></body></html>",
            paragraph.repeat(4)
        );
        let text = parse_page(&html, None).paragraphs.join("\n");
        assert!(text.starts_with("In einem ersten Gespräch"), "{text}");
        let html = format!(
            "<html><body><main><article><div class=container>\
             <p class=article-teaser>Heute längst vergessen, war der Holzhandel einst ein großes Geschäft am Rhein.</p>{}\
             </div></article></main></body></html>",
            paragraph.repeat(4)
        );
        let text = parse_page(&html, None).paragraphs.join("\n");
        assert!(text.starts_with("Heute längst vergessen"), "{text}");
        // A lead named in another way ("DefaultEinleitung") before the body.
        let html = format!(
            "<html><body><div class=bodyContent><p class=DefaultEinleitung>Am vergangenen Freitag hat die Bundesregierung den Gesetzentwurf beschlossen.</p>\
             <div class=DefaultGorgia><div class=frame>{}</div></div></div></body></html>",
            paragraph.repeat(4)
        );
        let text = parse_page(&html, None).paragraphs.join("\n");
        assert!(text.starts_with("Am vergangenen Freitag"), "{text}");
    }

    #[test]
    fn paragraphs_right_before_the_block_open_the_article() {
        let slide = "<div><h2>Warum haben wir Angst?</h2><p>Angst ist ein uraltes Phänomen, dem wir als Spezies unseren Erfolg verdanken, sagen Forscher, die sie seit Jahrzehnten untersuchen.</p></div>";
        let html = format!(
            "<html><body><div class=news-main-text>\
             <p>Die Angst ist ein unausweichlicher Bestandteil der menschlichen Erfahrung, auch wenn sie meist als unerwünscht gilt.</p>\
             <div>{}</div></div></body></html>",
            slide.repeat(6)
        );
        let text = parse_page(&html, None).paragraphs.join("\n");
        assert!(
            text.starts_with("Die Angst ist ein unausweichlicher"),
            "{text}"
        );
    }

    #[test]
    fn interface_lines_are_no_text() {
        for line in [
            "bild anzeigen",
            "rezept drucken",
            "dieses skript als pdf herunterladen",
            "kategorie: news, open3",
            "aufrufe: 523",
            "- anzeige -",
            "anzeige, enthält affiliate links",
            "keine kommentare",
            "veröffentlichung: 2. februar 2022",
            "informationsschreiben vom 14. oktober 2021pdf | 38 kb | datei ist nicht barrierefrei",
            "aufrufe: 1120 | hinzugefügt von: posh | tags: denken, bilder | rating: 0.0/0",
            "dieser text wurde veröffentlicht unter der lizenz cc-by-nc-nd-4.0-de.",
            "publiziert: 03.04.2020, 12:35",
            "23.06.2016 um 16:14 uhr - - 91 ergänzungen",
            "rezept drucken bei pinterest speichern",
            "bild anzeigen bild schließen",
            "(alle angaben ohne gewähr)",
            "abbildung 4: klassische schwachschicht. der unterschied in der kornform ist deutlich.",
            "keine kommentare (kommentare erscheinen erst nach unserer freigabe)",
            "mit diesem button kannst du diese podcast-episode zu einer kurationsliste hinzufügen.",
            "weitere infos unter www.itfjuniors.de.",
            "follow the gleaner on twitter and instagram @jamaicagleaner and on facebook.",
            "11 minut czytania",
            "drukuj",
            "bei fragen und anregungen zu diesem artikel können sie hier mit uns in kontakt treten.",
            "subscribe now to our enation edition for the full story.",
            "now grenada is not responsible for the opinions, statements or media content presented by contributors.",
            "solche links kennzeichnen wir mit einem sternchen (*). geld erhalten wir, wenn sie über diese links einen vertrag abschließen.",
            "we recommend the best products through an independent review process, and advertisers do not influence our picks.",
            "hazte miembro y disfruta de beneficios exclusivos",
            "instant access to the full article pdf.",
            "lust auf mehr? lass dir die besten storys jede woche in deinen posteingang liefern.",
            "for the latest stories and breaking news updates download the nationnews apps for ios and android.",
            "die sport bild-app jetzt kostenlos für ios und android!",
            "nos siga no",
            "hector andrade | agencia uno",
            "jane doe / afp",
            "stunnel_rsync.html - created 03-10-2004 2:20pm - last modified: 03-10-2004 2:20pm",
            "pubblicato il 19 febbraio 2020 ultima modifica 19 febbraio 2020 12:02",
            "die aktuelle ausgabe der l-mag jetzt an jedem bahnhofskiosk, im abo, als e-paper und bei readly erhältlich.",
            "immediate online access to all issues from 2019. subscription will auto renew annually.",
            "puede escribirnos a nuno@esmateria.com o seguir a materia en facebook, twitter o instagram.",
            "roman prymula, photo: archives du gouvernement tchèque",
            "son tres los periodos de vacaciones durante el año escolar. foto: andina",
            "related stories",
        ] {
            assert!(is_interface_line(line, line.chars().count()), "{line}");
        }
        for line in [
            "die regierung will die daten künftig anzeigen.",
            "wir werden die ergebnisse im herbst mit allen teilen, die mitgemacht haben, und sie dann bewerten",
            "anzeigen gegen den bürgermeister häufen sich",
            "the company said users would be able to download the new app from monday, when it launches in twelve countries and several more later this year, with more features to come.",
            "subscribers to the service complained about the price.",
            "apple said users can download the app for free on ios and android from monday.",
            "the photo: a man, a dog and a bicycle in the rain of a long november afternoon in berlin.",
            "the agency said on monday that the vote would be held in may / ap reported.",
            "he said the files were last modified years before the leak, according to the court.",
            "the file was last modified in 2004, the court heard.",
        ] {
            assert!(!is_interface_line(line, line.chars().count()), "{line}");
        }
    }

    #[test]
    fn comment_sections_are_no_article() {
        let paragraph = "<p>Our goal with hosting open threads is to give readers a chance to raise questions about the work.</p>";
        let html = format!(
            "<html><body><article>{paragraph}</article><div id=comments class=comments-area>\
             <p>I made this jam today and it turned out really good, thank you for the recipe!</p>\
             <p>Another reader writes that the pears came from a friend's tree this year.</p></div></body></html>"
        );
        let page = parse_page(&html, None);
        assert!(
            page.paragraphs.join(" ").contains("open threads"),
            "{page:?}"
        );
        assert!(!page.paragraphs.join(" ").contains("jam"), "{page:?}");
    }

    #[test]
    fn raw_text_is_left_out_before_parsing_except_json_ld() {
        let html = "<html><head><STYLE>p{color:red}</style><script>var a = '<p>no</p>';</SCRIPT>\
            <script type=\"application/ld+json\">{\"headline\":\"H\"}</script></head>\
            <body><!-- <script> --><p>Der Text bleibt.</p><scripted>x</scripted></body></html>";
        let out = without_raw_text(html, false);
        assert!(!out.contains("color:red"), "{out}");
        assert!(!out.contains("var a"), "{out}");
        assert!(out.contains("{\"headline\":\"H\"}"), "{out}");
        assert!(out.contains("<p>Der Text bleibt.</p>"), "{out}");
        assert!(!out.contains("<!--"), "{out}");
        let svg = without_raw_text("<p>a</p><SVG viewBox=0><path d=M0/></svg><p>b</p>", false);
        assert_eq!(svg, "<p>a</p><p>b</p>");
        assert!(out.contains("<scripted>x</scripted>"), "{out}");
        // Nothing to leave out: the page is borrowed as it is.
        let plain = "<p>nur Text</p>";
        assert!(matches!(
            without_raw_text(plain, false),
            std::borrow::Cow::Borrowed(_)
        ));
        // An unclosed script keeps the rest, as the parser would read it.
        assert_eq!(without_raw_text("<script>open", false), "<script>open");
    }

    #[test]
    fn lean_pages_lose_their_navigation_unless_it_holds_the_headline() {
        let lean = |html: &str| without_raw_text(html, true).into_owned();
        // Nested, upper case, with a comment and a script that name its
        // end tag.
        assert_eq!(
            lean("<p>a</p><NAV><nav><a>x</a></nav><!-- </nav> --><script>'</nav>'</script></Nav><p>b</p>"),
            "<p>a</p><p>b</p>"
        );
        // Breadcrumbs that end in the page's heading stay for the title.
        let crumbs = "<nav><a>Start</a><h1>Titel</h1></nav><p>b</p>";
        assert_eq!(lean(crumbs), crumbs);
        // Left open: the parser decides where it ends.
        assert_eq!(lean("<nav><a>x</a><p>b</p>"), "<nav><a>x</a><p>b</p>");
        // Other names that start alike, and pages with site rules, keep it.
        assert_eq!(lean("<navbar>x</navbar>"), "<navbar>x</navbar>");
        assert_eq!(
            without_raw_text("<nav>x</nav><p>b</p>", false),
            "<nav>x</nav><p>b</p>"
        );
        // Inside a title it is text.
        assert_eq!(
            lean("<title>a <nav>x</nav></title>"),
            "<title>a <nav>x</nav></title>"
        );
        // After one that stays, none goes: a page of nested or unclosed
        // navigation is read once, not once per element.
        assert_eq!(
            lean("<nav><h1>T</h1></nav><nav>x</nav>"),
            "<nav><h1>T</h1></nav><nav>x</nav>"
        );
        assert_eq!(lean("<nav><nav>x</nav>"), "<nav><nav>x</nav>");
    }

    #[test]
    fn lean_tags_keep_the_attributes_read_and_the_text_as_it_was() {
        let lean = |html: &str| without_raw_text(html, true).into_owned();
        assert_eq!(
            lean(r#"<a data-id="7>8" href='/x' onclick=go()>link</a>"#),
            r#"<a  href='/x' >link</a>"#
        );
        // No space between two attributes, a name without a value, upper case.
        assert_eq!(
            lean(r#"<img SRCSET="a 1x"CLASS=pic loading alt='a "b"'/>"#),
            r#"<img CLASS=pic  />"#
        );
        assert_eq!(
            lean(r#"<div itemprop="articleBody" data-x=1><p lang=de>Text</p></div>"#),
            r#"<div itemprop="articleBody" ><p lang=de>Text</p></div>"#
        );
        // Tags inside a title or a textarea are text: they stay whole.
        let raw = r#"<title>a <b data-x=1> c</title><p data-y=2>d</p>"#;
        assert_eq!(lean(raw), r#"<title>a <b data-x=1> c</title><p >d</p>"#);
        // A tag open to the end of the page is left to the parser.
        assert_eq!(
            lean(r#"<p>a</p><img data-x="1"#),
            r#"<p>a</p><img data-x="1"#
        );
        // What the parser makes of the lean page is the same text.
        let page = r#"<html><body><article><p data-track="1" class="x">Erster Absatz mit genug Worten, um Text zu sein, und noch mehr Worten dazu.</p><p style="color:red" data-a='>'>Zweiter Absatz, ebenso lang genug, damit er als Text gilt, wie der erste.</p></article></body></html>"#;
        assert_eq!(
            main_text(&Html::parse_document(&lean(page))),
            main_text(&Html::parse_document(page))
        );
    }
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="de-DE"><head>
<title>Abzug beginnt | Beispiel-Nachrichten</title>
<meta property="og:site_name" content="Beispiel-Nachrichten">
<meta property="og:title" content="Abzug beginnt">
<meta name="description" content="Die Truppen ziehen ab.">
<link rel="canonical" href="/politik/abzug-beginnt-100.html?utm_source=rss">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Abzug beginnt","datePublished":"2022-01-13T09:59:00+01:00",
 "author":[{"@type":"Person","name":"Von Anna Muster"}],"isAccessibleForFree":true}</script>
</head><body>
<div class="cookie-banner"><p>Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten. Akzeptieren?</p></div>
<nav><ul><li><a href="/">Start</a></li><li><a href="/politik">Politik</a></li></ul></nav>
<main><article>
<h1>Abzug beginnt</h1>
<figure><img src="a.jpg"><figcaption>Soldaten am Flughafen - AFP</figcaption></figure>
<p>Das Militärbündnis hat mit dem Abzug seiner Truppen begonnen, wie das Ministerium am Donnerstag mitteilte.</p>
<h2>Lage beruhigt sich</h2>
<p>Nach den tödlichen Zusammenstößen scheint sich die Lage im ganzen Land wieder zu beruhigen, sagen Beobachter.</p>
<ul><li>Erster Punkt der Liste</li><li>Zweiter Punkt</li></ul>
<div class="teaser"><a href="/x">Auch interessant: Ein ganz anderer Artikel über etwas</a></div>
<p>Mehr zum Thema: <a href="/t/a">Kasachstan</a>, <a href="/t/b">Russland</a></p>
</article>
<aside><p>Meistgelesen: eine lange Liste von anderen Artikeln, die niemand braucht.</p></aside>
</main><footer><p>© Beispiel 2022. Alle Rechte vorbehalten.</p></footer></body></html>"#;

    #[test]
    fn extracts_main_text_and_metadata() {
        let base = url::Url::parse("https://news.example/politik/abzug-beginnt-100.html").unwrap();
        let page = parse_page(PAGE, Some(&base));
        assert_eq!(page.title, "Abzug beginnt");
        assert_eq!(
            page.paragraphs,
            vec![
                "Das Militärbündnis hat mit dem Abzug seiner Truppen begonnen, wie das Ministerium am Donnerstag mitteilte.",
                "Lage beruhigt sich",
                "Nach den tödlichen Zusammenstößen scheint sich die Lage im ganzen Land wieder zu beruhigen, sagen Beobachter.",
                "• Erster Punkt der Liste",
                "• Zweiter Punkt",
            ]
        );
        assert_eq!(page.authors, vec!["Anna Muster"]);
        assert_eq!(
            page.published_at.unwrap().to_rfc3339(),
            "2022-01-13T09:59:00+01:00",
            "the page's offset is kept"
        );
        assert_eq!(
            page.published_at
                .unwrap()
                .with_timezone(&chrono::Utc)
                .to_rfc3339(),
            "2022-01-13T08:59:00+00:00"
        );
        assert_eq!(page.declared_language.as_deref(), Some("de"));
        assert_eq!(
            page.canonical_url.as_deref(),
            Some("https://news.example/politik/abzug-beginnt-100.html?utm_source=rss")
        );
        assert_eq!(page.lead.as_deref(), Some("Die Truppen ziehen ab."));
        assert!(!page.paywalled);
        assert_eq!(page.page_kind, PageKind::Article);
        let nav_only = parse_page(
            "<html><body><nav><a href=/>Start</a></nav><p>Kurz.</p></body></html>",
            None,
        );
        assert_eq!(nav_only.page_kind, PageKind::Other);
    }

    #[test]
    fn site_suffix_is_stripped() {
        assert_eq!(
            strip_site_suffix("Abzug beginnt | tagesschau.de", None),
            "Abzug beginnt"
        );
        assert_eq!(
            strip_site_suffix(
                "Kasachstan: Militärbündnis beginnt mit Abzug - Nau",
                Some(&"Nau".to_string())
            ),
            "Kasachstan: Militärbündnis beginnt mit Abzug"
        );
        assert_eq!(
            strip_site_suffix("Krieg - und Frieden", None),
            "Krieg - und Frieden"
        );
    }

    #[test]
    fn a_title_keeps_a_last_part_that_its_page_title_shows_before_the_sites_name() {
        let title = |head: &str| {
            parse_page(
                &format!("<html><head>{head}</head><body><p>Text.</p></body></html>"),
                None,
            )
            .title
        };
        // The <title> adds the site behind the whole og:title.
        assert_eq!(
            title(
                "<title>Office 365 – HBDI – die Dritte | Damian Duchamps' Blog</title>\
                 <meta property='og:title' content='Office 365 – HBDI – die Dritte'>"
            ),
            "Office 365 – HBDI – die Dritte"
        );
        // The og:title carries the site too (a domain): it goes.
        assert_eq!(
            title(
                "<title>Ein Presse-Event der Extraklasse | MODEPILOT.de | Modepilot.de</title>\
                 <meta property='og:title' content='Ein Presse-Event der Extraklasse | MODEPILOT.de'>"
            ),
            "Ein Presse-Event der Extraklasse"
        );
        // A slug is no title.
        assert_eq!(
            title(
                "<title>ADAC Kindersitz-Test 2018 | ADAC</title>\
                 <meta property='og:title' content='adac-kindersitztest-herbst-2018'>"
            ),
            "ADAC Kindersitz-Test 2018"
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let mut html = String::from("<html><body>");
        for _ in 0..10_000 {
            html.push_str("<div>");
        }
        html.push_str(
            "<p>Tief verschachtelter Text, der dennoch irgendwo gefunden werden kann.</p>",
        );
        let page = parse_page(&html, None);
        assert!(page.paragraphs.len() <= 1);
    }
}
