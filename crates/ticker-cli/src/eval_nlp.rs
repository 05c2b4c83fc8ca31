//! `ticker eval ner` and `ticker eval quotes`: the extractor against
//! GermEval 2014 and de-news-quotes, with the metrics the extractor issue
//! asks for.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use anyhow::Context as _;
use serde::Deserialize;
use ticker_model::{Article, EntityType, Hedge, SourceKind, SourceRef, TemporalKind};

/// A bare German article around a text, for the extractor alone.
fn article(id: &str, text: String, date: Option<&str>) -> Article {
    article_in(id, text, date, "de")
}

/// [`article`] in `language`.
fn article_in(id: &str, text: String, date: Option<&str>, language: &str) -> Article {
    let published = date
        .and_then(|date| chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok())
        .and_then(|day| day.and_hms_opt(12, 0, 0))
        .map(|time| time.and_utc());
    let source = SourceRef {
        id: "eval".into(),
        kind: SourceKind::File,
        url: id.into(),
    };
    ticker_normalize::article_from_text(id, source, "", text, Some(language.into()), published)
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn scores(self) -> (f64, f64, f64) {
        crate::eval::precision_recall_f1(self.tp, self.fp, self.fn_)
    }
}

fn print_counts(label: &str, counts: Counts) {
    let (p, r, f) = counts.scores();
    println!(
        "{label:<14} P {p:.4}  R {r:.4}  F1 {f:.4}  (tp {} fp {} fn {})",
        counts.tp, counts.fp, counts.fn_
    );
}

/// GermEval 2014, outer level, strict: a predicted entity counts only with
/// exact token boundaries and type. ticker's MISC is scored as OTH. A
/// mention flagged `derived` ("deutschen", "Berliner") is scored as the
/// type's -deriv, and a name that ends inside a token ("EU" of
/// "EU-Kommission") as the type's -part of the whole token. Names of one
/// type that fill a token joined by slashes ("München/Hamburg") are
/// scored as that token, which GermEval tags once.
pub fn ner(
    dataset: &Path,
    language: &str,
    show_failures: bool,
    split: crate::Split,
    options: ticker_extract::Options<'_>,
) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(dataset)
        .with_context(|| format!("reading {}", dataset.display()))?;
    let mut sentences: Vec<Vec<(String, String)>> = vec![Vec::new()];
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            if !sentences.last().is_some_and(Vec::is_empty) {
                sentences.push(Vec::new());
            }
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        // GermEval: number, token, outer tag, inner tag; CoNLL: token, tag.
        let (token, tag) = match columns.as_slice() {
            [_, token, tag, ..] => (token, tag),
            [token, tag] => (token, tag),
            _ => continue,
        };
        sentences
            .last_mut()
            .expect("one sentence at least")
            .push((token.to_string(), tag.to_string()));
    }
    sentences.retain(|sentence| !sentence.is_empty());
    let sentences: Vec<(usize, Vec<(String, String)>)> = sentences
        .into_iter()
        .enumerate()
        .filter(|(index, _)| split.holds(&format!("s{index}")))
        .collect();
    let mut per_type: BTreeMap<String, Counts> = BTreeMap::new();
    let mut all = Counts::default();
    let started = Instant::now();
    let mut bar = crate::progress::Progress::new("sentences", Some(sentences.len() as u64));
    for (index, sentence) in &sentences {
        bar.inc();
        let mut text = String::new();
        let mut starts = Vec::new();
        for (token, _) in sentence {
            if !text.is_empty() {
                text.push(' ');
            }
            starts.push(text.chars().count() as u32);
            text.push_str(token);
        }
        let ends: Vec<u32> = starts
            .iter()
            .zip(sentence)
            .map(|(start, (token, _))| start + token.chars().count() as u32)
            .collect();
        // Gold spans from the BIO tags.
        let mut gold: Vec<(usize, usize, String)> = Vec::new();
        for (position, (_, tag)) in sentence.iter().enumerate() {
            if let Some(kind) = tag.strip_prefix("B-") {
                gold.push((position, position, kind.to_string()));
            } else if let Some(kind) = tag.strip_prefix("I-") {
                match gold.last_mut() {
                    Some(last) if last.1 + 1 == position && last.2 == kind => last.1 = position,
                    _ => gold.push((position, position, kind.to_string())),
                }
            }
        }
        let extraction = ticker_extract::extract_with(
            &article_in(&format!("s{index}"), text.clone(), None, language),
            options,
        );
        // Mentions as (start, end, type, derived), in characters.
        let mut mentions: Vec<(u32, u32, &str, bool)> = Vec::new();
        for entity in &extraction.entities {
            let kind = match entity.entity_type {
                EntityType::Person => "PER",
                EntityType::Organization => "ORG",
                EntityType::Location => "LOC",
                EntityType::Misc => "OTH",
            };
            for mention in &entity.mentions {
                mentions.push((mention.start, mention.end, kind, mention.derived));
            }
        }
        // GermEval keeps names joined by a slash as one token and tags
        // the token once ("München/Hamburg" is one LOC): names of one
        // type that fill such a token are scored as that token.
        for (position, (token, _)) in sentence.iter().enumerate() {
            let parts = token.split('/').count() as u32;
            if parts < 2 {
                continue;
            }
            let (start, end) = (starts[position], ends[position]);
            let inside: Vec<usize> = (0..mentions.len())
                .filter(|at| mentions[*at].0 >= start && mentions[*at].1 <= end)
                .collect();
            let filled = inside.len() as u32 == parts
                && inside
                    .iter()
                    .all(|at| !mentions[*at].3 && mentions[*at].2 == mentions[inside[0]].2)
                && inside
                    .iter()
                    .map(|at| mentions[*at].1 - mentions[*at].0)
                    .sum::<u32>()
                    + parts
                    - 1
                    == end - start;
            if filled {
                let kind = mentions[inside[0]].2;
                for at in inside.iter().rev() {
                    mentions.remove(*at);
                }
                mentions.push((start, end, kind, false));
            }
        }
        let mut predicted: Vec<(Option<(usize, usize)>, String)> = Vec::new();
        // The words of predictions off GermEval's tokens, for the failure list.
        let mut off_tokens: Vec<String> = Vec::new();
        for (start, end, kind, derived) in mentions {
            let first = token_at(sentence, &starts, &ends, start, false);
            let last = token_at(sentence, &starts, &ends, end, true);
            let (span, suffix) = match (first, last) {
                (Some(first), Some(last)) if first <= last => {
                    (Some((first, last)), if derived { "deriv" } else { "" })
                }
                // A name inside a compound token ("EU-Kommission",
                // "US-Präsident"): GermEval's -part of that token.
                (Some(first), None) if ends[first] > end && !derived => {
                    (Some((first, first)), "part")
                }
                _ => {
                    off_tokens.push(
                        text.chars()
                            .skip(start as usize)
                            .take((end - start) as usize)
                            .collect(),
                    );
                    (None, "")
                }
            };
            predicted.push((span, format!("{kind}{suffix}")));
        }
        let mut off_tokens = off_tokens.into_iter();
        let words = |first: usize, last: usize| {
            sentence[first..=last]
                .iter()
                .map(|(token, _)| token.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        for (span, kind) in &predicted {
            let hit = span
                .is_some_and(|(a, b)| gold.iter().any(|(c, d, k)| (a, b) == (*c, *d) && k == kind));
            if !hit && show_failures {
                match span {
                    Some((first, last)) => {
                        eprintln!("s{index}\tfp\t{kind}\t{}", words(*first, *last))
                    }
                    None => eprintln!(
                        "s{index}\tfp\t{kind}\t{} (not on token boundaries)",
                        off_tokens.next().unwrap_or_default()
                    ),
                }
            }
            let counts = per_type.entry(kind.clone()).or_default();
            if hit {
                counts.tp += 1;
                all.tp += 1;
            } else {
                counts.fp += 1;
                all.fp += 1;
            }
        }
        for (first, last, kind) in &gold {
            let hit = predicted
                .iter()
                .any(|(span, k)| *span == Some((*first, *last)) && k == kind);
            if !hit {
                per_type.entry(kind.clone()).or_default().fn_ += 1;
                all.fn_ += 1;
                if show_failures {
                    eprintln!("s{index}\tfn\t{kind}\t{}", words(*first, *last));
                }
            }
        }
    }
    bar.finish();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "dataset        {} ({} sentences)",
        dataset.display(),
        sentences.len()
    );
    print_counts("overall", all);
    for (kind, counts) in &per_type {
        print_counts(kind, *counts);
    }
    println!(
        "speed          {:.0} sentences/s (one core)",
        sentences.len() as f64 / seconds.max(1e-9)
    );
    Ok(())
}

#[derive(Deserialize)]
struct Span {
    #[serde(default)]
    text: String,
    #[serde(default)]
    spans: Vec<[usize; 2]>,
}

#[derive(Deserialize)]
struct GoldQuote {
    #[serde(rename = "type")]
    kind: String,
    quote: Span,
    #[serde(default)]
    speaker: Option<Span>,
}

#[derive(Deserialize)]
struct QuoteDoc {
    id: String,
    #[serde(default)]
    date: Option<String>,
    text: String,
    quotes: Vec<GoldQuote>,
}

/// Pairs predicted and gold quotes one to one, as many pairs as there can
/// be (a maximum bipartite matching over the pairs that overlap enough).
/// Each prediction tries first the gold quotes of its own kind, then those
/// it overlaps most, so that a direct quote inside reported speech pairs
/// with the direct gold quote, not with the reported speech around it.
/// Returns, for each gold quote, the prediction paired with it.
/// The token of `sentence` (with its character `starts` and `ends`) that a
/// predicted name starts at (`at_end` false) or ends at (`at_end` true):
/// the token it starts or ends with, or one it fills but for signs that
/// GermEval keeps glued to the token: a sentence's period ("A 7.", "Hartz
/// IV.") and punctuation the source lacked a space after (".Austal",
/// "@Paul", ",Irmingard", "S.*").
fn token_at(
    sentence: &[(String, String)],
    starts: &[u32],
    ends: &[u32],
    offset: u32,
    at_end: bool,
) -> Option<usize> {
    let only_signs = |token: &str, skip: u32, take: u32| {
        token
            .chars()
            .skip(skip as usize)
            .take(take as usize)
            .all(|c| !c.is_alphanumeric())
    };
    (0..sentence.len()).find(|at| {
        let (start, end) = (starts[*at], ends[*at]);
        if at_end {
            end == offset
                || (start < offset
                    && offset < end
                    && only_signs(&sentence[*at].0, offset - start, end - offset))
        } else {
            start == offset
                || (start < offset
                    && offset < end
                    && only_signs(&sentence[*at].0, 0, offset - start))
        }
    })
}

fn match_quotes(
    predicted: &[(usize, usize, &str, Option<&str>)],
    gold: &[(usize, usize, &GoldQuote)],
) -> Vec<Option<usize>> {
    let candidates: Vec<Vec<usize>> = predicted
        .iter()
        .map(|(start, end, kind, _)| {
            let mut list: Vec<usize> = (0..gold.len())
                .filter(|&g| overlaps_enough((*start, *end), (gold[g].0, gold[g].1)))
                .collect();
            list.sort_by_key(|&g| {
                let same_kind = (gold[g].2.kind == "Direct") == (*kind == "Direct");
                let overlap = (*end)
                    .min(gold[g].1)
                    .saturating_sub((*start).max(gold[g].0));
                (std::cmp::Reverse(same_kind), std::cmp::Reverse(overlap), g)
            });
            list
        })
        .collect();
    fn augment(
        prediction: usize,
        candidates: &[Vec<usize>],
        owner: &mut [Option<usize>],
        seen: &mut [bool],
    ) -> bool {
        for &g in &candidates[prediction] {
            if seen[g] {
                continue;
            }
            seen[g] = true;
            if owner[g].is_none_or(|other| augment(other, candidates, owner, seen)) {
                owner[g] = Some(prediction);
                return true;
            }
        }
        false
    }
    let mut owner = vec![None; gold.len()];
    for prediction in 0..predicted.len() {
        let mut seen = vec![false; gold.len()];
        augment(prediction, &candidates, &mut owner, &mut seen);
    }
    owner
}

fn overlaps_enough(a: (usize, usize), b: (usize, usize)) -> bool {
    let overlap = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let longer = (a.1 - a.0).max(b.1 - b.0).max(1);
    overlap * 2 >= longer
}

/// de-news-quotes: a predicted quote matches a gold one when their spans
/// overlap by at least half of the longer; predictions and gold quotes are
/// paired one to one by [`match_quotes`]. Recall per gold type; precision
/// per predicted type (direct quotes are "Direct", reported speech
/// "Indirect"); speaker accuracy on matched quotes whose gold has a speaker
/// (the predicted speaker's words inside the gold speaker's, or the reverse).
pub fn quotes(dataset: &Path, show_failures: bool, split: crate::Split) -> anyhow::Result<()> {
    let mut docs: Vec<QuoteDoc> = crate::eval::read_jsonl(dataset)?;
    docs.retain(|doc| split.holds(&doc.id));
    let mut per_type: BTreeMap<String, Counts> = BTreeMap::new();
    let mut all = Counts::default();
    let (mut speakers_right, mut speakers_total) = (0usize, 0usize);
    let started = Instant::now();
    let mut bar = crate::progress::Progress::new("documents", Some(docs.len() as u64));
    for doc in &docs {
        bar.inc();
        let extraction =
            ticker_extract::extract(&article(&doc.id, doc.text.clone(), doc.date.as_deref()));
        let predicted: Vec<(usize, usize, &str, Option<&str>)> = extraction
            .quotes
            .iter()
            .map(|q| {
                (
                    q.start as usize,
                    q.end as usize,
                    if q.direct { "Direct" } else { "Indirect" },
                    q.speaker_text.as_deref(),
                )
            })
            .collect();
        let gold: Vec<(usize, usize, &GoldQuote)> = doc
            .quotes
            .iter()
            .filter_map(|q| {
                let start = q.quote.spans.iter().map(|s| s[0]).min()?;
                let end = q.quote.spans.iter().map(|s| s[1]).max()?;
                Some((start, end, q))
            })
            .collect();
        let used_by = match_quotes(&predicted, &gold);
        let mut used = vec![false; gold.len()];
        for (which, (start, end, kind, speaker)) in predicted.iter().enumerate() {
            let matched = used_by.iter().position(|p| *p == Some(which));
            if let Some(index) = matched {
                used[index] = true;
            }
            match matched {
                Some(index) => {
                    all.tp += 1;
                    let gold_quote = gold[index].2;
                    per_type.entry(gold_quote.kind.clone()).or_default().tp += 1;
                    if let Some(gold_speaker) = gold_quote
                        .speaker
                        .as_ref()
                        .filter(|s| !s.text.trim().is_empty())
                    {
                        speakers_total += 1;
                        let quoted = || {
                            char_slice(&doc.text, *start, *end)
                                .chars()
                                .take(80)
                                .collect::<String>()
                        };
                        if let Some(speaker) = speaker {
                            let (g, p) = (gold_speaker.text.to_lowercase(), speaker.to_lowercase());
                            if g.contains(&p) || p.contains(&g) {
                                speakers_right += 1;
                            } else if show_failures {
                                eprintln!(
                                    "SPEAKER\t{}\tgold {:?}\tfound {p:?}\t{}",
                                    doc.id,
                                    gold_speaker.text,
                                    quoted()
                                );
                            }
                        } else if show_failures {
                            eprintln!(
                                "NOSPEAKER\t{}\tgold {:?}\t{}",
                                doc.id,
                                gold_speaker.text,
                                quoted()
                            );
                        }
                    }
                }
                None => {
                    if show_failures {
                        eprintln!(
                            "FP\t{}\t{kind}\t{}",
                            doc.id,
                            char_slice(&doc.text, *start, *end)
                                .chars()
                                .take(100)
                                .collect::<String>()
                        );
                    }
                    all.fp += 1;
                    per_type.entry((*kind).to_string()).or_default().fp += 1;
                }
            }
        }
        for (index, (_, _, gold_quote)) in gold.iter().enumerate() {
            if !used[index] {
                if show_failures {
                    eprintln!(
                        "FN\t{}\t{}\t{}\tspeaker {:?}",
                        doc.id,
                        gold_quote.kind,
                        char_slice(&doc.text, gold[index].0, gold[index].1)
                            .chars()
                            .take(100)
                            .collect::<String>(),
                        gold_quote.speaker.as_ref().map(|s| s.text.as_str())
                    );
                }
                all.fn_ += 1;
                per_type.entry(gold_quote.kind.clone()).or_default().fn_ += 1;
            }
        }
    }
    bar.finish();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "dataset        {} ({} documents)",
        dataset.display(),
        docs.len()
    );
    print_counts("overall", all);
    for (kind, counts) in &per_type {
        print_counts(kind, *counts);
    }
    println!("speaker        accuracy {:.4} ({speakers_right} of {speakers_total} matched quotes with a gold speaker)", speakers_right as f64 / speakers_total.max(1) as f64);
    println!(
        "speed          {:.0} documents/s (extraction, one core)",
        docs.len() as f64 / seconds.max(1e-9)
    );
    Ok(())
}

/// The characters `start..end` (character offsets) of `text`.
fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

fn read_cases(path: &Path) -> anyhow::Result<Vec<serde_json::Value>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let cases: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .with_context(|| format!("parsing {}", path.display()))?;
    Ok(cases.as_array().cloned().unwrap_or_default())
}

fn number_of(text: &str) -> Option<f64> {
    text.trim()
        .trim_end_matches('%')
        .replace(',', ".")
        .parse()
        .ok()
}

/// The quantity categories a Recognizers-Text model file recognises; None
/// for the plain number models, which take every quantity.
fn q_category(model: &str) -> Option<&'static [&'static str]> {
    Some(match model {
        "PercentModel" => &["percent"],
        "CurrencyModel" => &["money"],
        "AgeModel" => &["age"],
        "TemperatureModel" => &["temperature"],
        "DimensionModel" => &[
            "length", "area", "volume", "mass", "speed", "data", "power", "angle",
        ],
        _ => return None,
    })
}

/// A resolved value as a string both sides write alike: numbers to 9
/// significant places ("256", "1234567.89", "0.25"), an upper-bounded range
/// "(,5)" or "(,5]" as "(,5)", a lower-bounded one as "(5,)", relative
/// ordinals ("end-1") as they are.
fn comparable_value(value: &str) -> String {
    let value = value.trim();
    if let Some(inner) = value
        .strip_prefix(['(', '['])
        .and_then(|v| v.strip_suffix([')', ']']))
    {
        if let Some((low, high)) = inner.split_once(',') {
            let side = |s: &str| number_of(s).map(|n| comparable_value(&n.to_string()));
            return match (side(low), side(high)) {
                (None, Some(high)) => format!("(,{high})"),
                (Some(low), None) => format!("({low},)"),
                (Some(low), Some(high)) => format!("({low},{high})"),
                (None, None) => value.to_string(),
            };
        }
    }
    match number_of(value) {
        Some(number) => {
            let rounded = format!("{number:.9e}").parse::<f64>().unwrap_or(number);
            format!("{rounded}")
        }
        None => value.to_string(),
    }
}

/// The first day of a written side of a range and the day after its last:
/// `2016` → 2016-01-01 and 2017-01-01, `2016-09` → 2016-09-01 and
/// 2016-10-01, `2016-09-03` → 2016-09-03 and 2016-09-04.
fn day_bounds(side: &str) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let (first, last) = ticker_extract::times::days_of(side)?;
    Some((first, last.succ_opt()?))
}

/// Whether one resolution value of a Recognizers-Text case is among
/// ticker's temporal expressions. Date ranges compare by their first day
/// and their end, which Recognizers writes either as the day after the
/// range (months, weeks, "the next 3 days") or as the day the text names
/// last ("vom 4. bis zum 23." ends on the 23rd, "von 2010 bis 2018" on
/// 2018-01-01): both readings of ticker's range count. A value Recognizers
/// cannot resolve either ("30/2") is right when ticker resolves no date.
fn recognizers_value_found(value: &serde_json::Value, found: &[(TemporalKind, &str)]) -> bool {
    let kind = value["type"].as_str().unwrap_or("");
    let text = value["value"].as_str();
    let (start, end) = (value["start"].as_str(), value["end"].as_str());
    if text == Some("not resolved") {
        if kind == "set" {
            let timex = value["timex"].as_str().unwrap_or("");
            return found.contains(&(TemporalKind::Set, timex));
        }
        return !found.iter().any(|(kind, _)| kind.names_days());
    }
    let split = |written: &str| -> (Option<String>, Option<String>) {
        let (a, b) = written.split_once('/').unwrap_or((written, written));
        let side = |s: &str| (s != "..").then(|| s.to_string());
        (side(a), side(b))
    };
    match kind {
        "date" => found.contains(&(TemporalKind::Date, text.unwrap_or(""))),
        "daterange" => found
            .iter()
            .filter(|(kind, _)| *kind == TemporalKind::DateRange)
            .any(|(_, written)| {
                let single = !written.contains('/');
                let (a, b) = split(written);
                let first = a.as_deref().and_then(day_bounds).map(|(first, _)| first);
                let ends = b.as_deref().and_then(day_bounds);
                let start_ok = match start {
                    Some(start) => first.is_some_and(|first| first.to_string() == start),
                    None => first.is_none(),
                };
                let end_ok = match (end, ends) {
                    (Some(end), Some((last_first, after))) => {
                        after.to_string() == end || (!single && last_first.to_string() == end)
                    }
                    (None, None) => true,
                    _ => false,
                };
                start_ok && end_ok
            }),
        "time" => found.contains(&(TemporalKind::Time, text.unwrap_or(""))),
        "timerange" => match text {
            Some(text) => found.iter().any(|(kind, written)| {
                (*kind == TemporalKind::Time && *written == text)
                    || (*kind == TemporalKind::TimeRange
                        && split(written).0.as_deref() == Some(text))
            }),
            None => found.iter().any(|(kind, written)| {
                *kind == TemporalKind::TimeRange
                    && split(written) == (start.map(str::to_string), end.map(str::to_string))
            }),
        },
        "datetime" => {
            let wanted = text.unwrap_or("").replace(' ', "T");
            found.contains(&(TemporalKind::DateTime, wanted.as_str()))
        }
        "datetimerange" => {
            let wanted = (
                start.map(|s| s.replace(' ', "T")),
                end.map(|s| s.replace(' ', "T")),
            );
            found.iter().any(|(kind, written)| {
                *kind == TemporalKind::DateTimeRange && split(written) == wanted
            })
        }
        "duration" => {
            let wanted: Option<f64> = text.and_then(|t| t.parse().ok());
            found.iter().any(|(kind, written)| {
                *kind == TemporalKind::Duration
                    && ticker_extract::times::duration_seconds(written)
                        .zip(wanted)
                        .is_some_and(|(a, b)| (a - b).abs() < 1e-6 * b.abs().max(1.0))
            })
        }
        "set" => {
            let timex = value["timex"].as_str().unwrap_or("");
            found.contains(&(TemporalKind::Set, timex))
        }
        _ => false,
    }
}

/// Microsoft Recognizers-Text German cases. A number case (the `Number`
/// models: numbers, percentages, ordinals, ranges) or number-with-unit case
/// (`NumberWithUnit`: currency, dimension, age, temperature; the value is
/// compared, not the unit) is right when the values ticker extracts are
/// exactly the expected ones. A date-and-time case
/// (`DateTime/DateTimeModel.json`: dates, times, durations, recurrences and
/// their ranges) is right when every expected expression is among ticker's
/// temporal expressions with the same type and resolved value (any of the
/// readings Recognizers lists counts, e.g. past and future) and ticker
/// finds none where none is expected; the second line counts the right
/// cases where ticker found nothing beyond the expected ones.
pub fn recognizers(dataset: &Path, show_failures: bool) -> anyhow::Result<()> {
    let mut report: Vec<(String, usize, usize)> = Vec::new();
    for folder in ["Number", "NumberWithUnit"] {
        let mut files: Vec<_> = std::fs::read_dir(dataset.join(folder))
            .with_context(|| format!("reading {}", dataset.join(folder).display()))?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        files.sort();
        let (mut right, mut total) = (0, 0);
        for file in files {
            for case in read_cases(&file)? {
                total += 1;
                let input = case["Input"].as_str().unwrap_or_default().to_string();
                let expected: Vec<String> = case["Results"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|result| {
                        let resolution = &result["Resolution"];
                        match (
                            resolution["value"].as_str(),
                            resolution["relativeTo"].as_str(),
                            resolution["offset"]
                                .as_str()
                                .and_then(|o| o.parse::<i32>().ok()),
                        ) {
                            (None, Some(relative_to), Some(offset)) => {
                                format!("{relative_to}{offset:+}")
                            }
                            (value, _, _) => comparable_value(value.unwrap_or("")),
                        }
                    })
                    .collect();
                // Ordinals are no quantities: the ordinal cases are scored
                // with the extractor's ordinal recognizer (which the date
                // pass uses), the others with the published quantities.
                let stem = file
                    .file_stem()
                    .map(|stem| stem.to_string_lossy().to_string())
                    .unwrap_or_default();
                let ordinal_model = stem.starts_with("Ordinal");
                let range_model = stem == "NumberRangeModel";
                let mut found: Vec<String> = if ordinal_model {
                    let mut found: Vec<(usize, String)> = ticker_extract::numbers::ordinals(&input)
                        .into_iter()
                        .map(|(range, value)| (range.start, comparable_value(&value.to_string())))
                        .collect();
                    // The "suppress extended types" model leaves relative
                    // ordinals out.
                    let relative = if stem.ends_with("SuppressExtendedTypes") {
                        Vec::new()
                    } else {
                        ticker_extract::numbers::relative_ordinals(&input)
                    };
                    found.extend(
                        relative
                            .into_iter()
                            .map(|(range, relative)| (range.start, relative.to_string())),
                    );
                    found.sort();
                    found.into_iter().map(|(_, value)| value).collect()
                } else {
                    let extraction = ticker_extract::extract(&article("case", input.clone(), None));
                    // Each unit model recognises one kind of quantity.
                    let category = q_category(&stem);
                    extraction
                        .quantities
                        .iter()
                        .filter(|q| {
                            category.is_none_or(|wanted| {
                                q.category.as_deref().is_some_and(|c| wanted.contains(&c))
                            })
                        })
                        .map(|q| match q.hedge {
                            // "weniger als 5", "unter 5": Recognizers' ranges.
                            Hedge::AtMost if range_model => format!("(,{})", q.value),
                            Hedge::AtLeast if range_model => format!("({},)", q.value),
                            _ => comparable_value(&q.value.to_string()),
                        })
                        .collect()
                };
                let mut expected = expected;
                expected.sort();
                found.sort();
                if expected == found {
                    right += 1;
                } else if show_failures {
                    eprintln!("{stem}\t{input}\texpected {expected:?}\tfound {found:?}");
                }
            }
        }
        report.push((folder.to_string(), right, total));
    }
    let (mut right, mut total, mut exact) = (0, 0, 0);
    for case in read_cases(&dataset.join("DateTime/DateTimeModel.json"))? {
        total += 1;
        let reference = case["Context"]["ReferenceDateTime"]
            .as_str()
            .and_then(|at| chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%S%.f").ok());
        let input = case["Input"].as_str().unwrap_or_default().to_string();
        let mut article = article("case", input, None);
        article.published_at = reference.map(|at| at.and_utc().fixed_offset());
        let extraction = ticker_extract::extract(&article);
        let mut found: Vec<(TemporalKind, &str)> = extraction
            .dates
            .iter()
            .map(|d| (d.kind, d.value.as_str()))
            .collect();
        let written = found.len();
        // A day and a time ticker joined ("an Heiligabend um 18 Uhr") also
        // count for the day and the time Recognizers lists apart.
        for date in &extraction.dates {
            if let (TemporalKind::DateTime, Some((day, time))) =
                (date.kind, date.value.split_once('T'))
            {
                found.push((TemporalKind::Date, day));
                found.push((TemporalKind::Time, time));
            }
        }
        let results = case["Results"].as_array().cloned().unwrap_or_default();
        let ok = if results.is_empty() {
            found.is_empty()
        } else {
            results.iter().all(|result| {
                let values = result["Resolution"]["values"].as_array();
                values
                    .into_iter()
                    .flatten()
                    .any(|value| recognizers_value_found(value, &found))
            })
        };
        if ok {
            right += 1;
            if written <= results.len() {
                exact += 1;
            }
        } else if show_failures {
            let wanted: Vec<String> = results
                .iter()
                .map(|result| {
                    result["Resolution"]["values"]
                        .as_array()
                        .and_then(|values| values.last())
                        .map_or(String::new(), |value| {
                            let kind = value["type"].as_str().unwrap_or("");
                            let shown =
                                value["value"]
                                    .as_str()
                                    .map(str::to_string)
                                    .unwrap_or_else(|| {
                                        format!(
                                            "{}/{}",
                                            value["start"].as_str().unwrap_or(".."),
                                            value["end"].as_str().unwrap_or("..")
                                        )
                                    });
                            format!("{kind} {shown}")
                        })
                })
                .collect();
            let shown: Vec<String> = found[..written]
                .iter()
                .map(|(kind, value)| format!("{} {value}", kind.as_str()))
                .collect();
            eprintln!(
                "DateTimeModel\t{}\treference {}\texpected {wanted:?}\tfound {shown:?}",
                case["Input"].as_str().unwrap_or_default(),
                case["Context"]["ReferenceDateTime"].as_str().unwrap_or("-")
            );
        }
    }
    report.push(("DateTime (DateTimeModel)".to_string(), right, total));
    report.push(("  of them nothing extra".to_string(), exact, total));
    println!("dataset        {}", dataset.display());
    for (name, right, total) in report {
        println!(
            "{name:<26} {right:>4} of {total:>4} right ({:.1} %)",
            100.0 * right as f64 / total.max(1) as f64
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fill_tokens_but_for_glued_signs() {
        // ".Austal USA kam @Paul IV." as GermEval tokens.
        let sentence: Vec<(String, String)> =
            [".Austal", "USA", "kam", "@Paul", "IV.", "EU-Kommission"]
                .iter()
                .map(|token| (token.to_string(), "O".to_string()))
                .collect();
        let (mut starts, mut ends) = (Vec::new(), Vec::new());
        let mut at = 0u32;
        for (token, _) in &sentence {
            starts.push(at);
            at += token.chars().count() as u32;
            ends.push(at);
            at += 1;
        }
        // "Austal" (1..7) starts in the first token, "USA" ends the second.
        assert_eq!(token_at(&sentence, &starts, &ends, 1, false), Some(0));
        assert_eq!(token_at(&sentence, &starts, &ends, 11, true), Some(1));
        // "Paul" starts after "@"; "IV" ends before the period.
        assert_eq!(token_at(&sentence, &starts, &ends, 17, false), Some(3));
        assert_eq!(token_at(&sentence, &starts, &ends, 24, true), Some(4));
        // "EU" ends inside a word: no token ends there (a -part name).
        assert_eq!(token_at(&sentence, &starts, &ends, 28, true), None);
        // "kam" minus its first letter starts no token.
        assert_eq!(token_at(&sentence, &starts, &ends, 13, false), None);
    }
}
