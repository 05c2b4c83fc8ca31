//! The pages and their JSON: stories, one story, alerts (live through
//! server-sent events), sources. Pages are rendered on the server, so they
//! read without JavaScript; the script adds the charts (uPlot, vendored)
//! and the live alert list.

use std::convert::Infallible;
use std::fmt::Write as _;
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use futures::Stream;
use serde::Deserialize;
use ticker_model::{AlertReason, ClaimStatus};

use crate::view::{AlertFilter, AlertView, StorySummary};
use crate::Shared;

const UPLOT_JS: &str = include_str!("../assets/uplot.min.js");
const UPLOT_CSS: &str = include_str!("../assets/uplot.min.css");
const APP_JS: &str = include_str!("../assets/app.js");
const STYLE_CSS: &str = include_str!("../assets/style.css");
const UPLOT_LICENSE: &str = include_str!("../assets/uplot.LICENSE");

/// Stories per page of the list.
const PAGE_SIZE: usize = 50;
/// Alerts on the alerts page.
const ALERTS_SHOWN: usize = 200;

/// The router of every page, its JSON, the event stream and the assets.
pub fn router(shared: Shared) -> Router {
    Router::new()
        .route("/", get(stories_page))
        .route("/story/{id}", get(story_page))
        .route("/alerts", get(alerts_page))
        .route("/sources", get(sources_page))
        .route("/api/stories", get(stories_json))
        .route("/api/story/{id}", get(story_json))
        .route("/api/alerts", get(alerts_json))
        .route("/api/sources", get(sources_json))
        .route("/api/status", get(status_json))
        .route("/events/alerts", get(alert_events))
        .route("/assets/{name}", get(asset))
        .route("/healthz", get(|| async { "ok\n" }))
        .with_state(shared)
}

/// Escapes text for HTML (element content and quoted attributes).
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON for a `<script type="application/json">` block (no `</script>`).
fn script_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".into())
        .replace("</", "<\\/")
}

fn time(value: Option<DateTime<Utc>>) -> String {
    match value {
        Some(t) => format!(
            "<time datetime=\"{}\">{}</time>",
            t.to_rfc3339(),
            t.format("%Y-%m-%d %H:%M UTC")
        ),
        None => "–".to_string(),
    }
}

/// An RFC 3339 time from a source's health, shown like the others.
fn stamp(value: Option<&str>, missing: &str) -> String {
    match value {
        None => esc(missing),
        Some(text) => match DateTime::parse_from_rfc3339(text) {
            Ok(t) => {
                let t = t.with_timezone(&Utc);
                format!(
                    "<time datetime=\"{}\">{}</time>",
                    t.to_rfc3339(),
                    t.format("%Y-%m-%d %H:%M:%S UTC")
                )
            }
            Err(_) => esc(text),
        },
    }
}

fn layout(title: &str, current: &str, body: &str) -> Html<String> {
    let nav = [
        ("/", "Stories"),
        ("/alerts", "Alerts"),
        ("/sources", "Sources"),
    ]
    .iter()
    .map(|(href, name)| {
        let here = if *href == current {
            " aria-current=\"page\""
        } else {
            ""
        };
        format!("<a href=\"{href}\"{here}>{name}</a>")
    })
    .collect::<String>();
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{} · ticker</title><link rel=\"stylesheet\" href=\"/assets/uplot.min.css\">\
<link rel=\"stylesheet\" href=\"/assets/style.css\"></head><body>\
<a class=\"skip\" href=\"#main\">Skip to content</a>\
<header><strong class=\"brand\">ticker</strong><nav aria-label=\"Pages\">{nav}</nav></header>\
<main id=\"main\" tabindex=\"-1\">{body}</main>\
<footer>ticker · charts by <a href=\"/assets/uplot.LICENSE\">uPlot (MIT)</a></footer>\
<script src=\"/assets/uplot.min.js\" defer></script><script src=\"/assets/app.js\" defer></script>\
</body></html>",
        esc(title)
    ))
}

fn reason_name(reason: AlertReason) -> &'static str {
    match reason {
        AlertReason::NewClaim => "new_claim",
        AlertReason::ValueChanged => "value_changed",
    }
}

fn status_name(status: ClaimStatus) -> &'static str {
    match status {
        ClaimStatus::New => "new",
        ClaimStatus::Corroborated => "corroborated",
        ClaimStatus::Changed => "changed",
    }
}

#[derive(Debug, Default, Deserialize)]
struct Paging {
    #[serde(default)]
    page: Option<usize>,
}

fn story_rows(stories: &[StorySummary]) -> String {
    let mut out = String::new();
    for story in stories {
        let chart = script_json(&story.activity);
        let _ = write!(
            out,
            "<tr data-story=\"{id}\"><td><a href=\"/story/{id}\">{label}</a></td>\
<td class=\"num\">{articles}</td><td class=\"num\">{sources}</td><td>{languages}</td>\
<td class=\"num\">{claims}</td><td>{last}</td>\
<td><div class=\"spark\" data-chart=\"spark\" role=\"img\" aria-label=\"articles per hour\">\
<script type=\"application/json\">{chart}</script></div></td></tr>",
            id = esc(&story.story_id),
            label = esc(&story.label),
            articles = story.article_count,
            sources = story.source_count,
            languages = esc(&story.languages.join(", ")),
            claims = story.claim_count,
            last = time(story.last_seen),
        );
    }
    out
}

/// The page of stories `paging` asks for: (page, total, its stories).
fn stories_on(shared: &Shared, paging: &Paging) -> (usize, usize, Vec<crate::view::StorySummary>) {
    let page = paging.page.unwrap_or(1).max(1);
    let (total, stories) = shared
        .view
        .read()
        .expect("view lock")
        .stories((page - 1) * PAGE_SIZE, PAGE_SIZE);
    (page, total, stories)
}

async fn stories_page(State(shared): State<Shared>, Query(paging): Query<Paging>) -> Html<String> {
    let (page, total, stories) = stories_on(&shared, &paging);
    let mut body = format!(
        "<h1>Stories</h1><p class=\"meta\">{total} stories, ranked by articles in the last six hours, then by the latest article.</p>"
    );
    if stories.is_empty() {
        body.push_str("<p class=\"empty\">No stories yet. They appear as articles arrive.</p>");
    } else {
        let _ = write!(
            body,
            "<div class=\"scroll\"><table id=\"stories\"><thead><tr><th scope=\"col\">Story</th>\
<th scope=\"col\" class=\"num\">Articles</th><th scope=\"col\" class=\"num\">Sources</th>\
<th scope=\"col\">Languages</th><th scope=\"col\" class=\"num\">Claims</th><th scope=\"col\">Latest</th>\
<th scope=\"col\">Articles over time</th></tr></thead><tbody>{}</tbody></table></div>",
            story_rows(&stories)
        );
    }
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    if pages > 1 {
        body.push_str("<nav class=\"pager\" aria-label=\"More stories\">");
        if page > 1 {
            let _ = write!(body, "<a href=\"/?page={}\">← Newer</a>", page - 1);
        }
        let _ = write!(body, " <span>page {page} of {pages}</span> ");
        if page < pages {
            let _ = write!(body, "<a href=\"/?page={}\">Older →</a>", page + 1);
        }
        body.push_str("</nav>");
    }
    layout("Stories", "/", &body)
}

async fn stories_json(State(shared): State<Shared>, Query(paging): Query<Paging>) -> Response {
    let (page, total, stories) = stories_on(&shared, &paging);
    Json(serde_json::json!({"total": total, "page": page, "stories": stories})).into_response()
}

fn not_found(what: &str) -> Response {
    (
        StatusCode::NOT_FOUND,
        layout(
            "Not found",
            "",
            &format!("<h1>Not found</h1><p>{}</p>", esc(what)),
        ),
    )
        .into_response()
}

fn alert_item(alert: &AlertView, with_story: bool) -> String {
    let article = match (&alert.article_url, &alert.article_title) {
        (Some(url), title) => format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            esc(url),
            esc(title.as_deref().unwrap_or("article"))
        ),
        (None, _) => esc(&alert.article_id),
    };
    let story = if with_story {
        format!(
            " · <a href=\"/story/{}\">{}</a>",
            esc(&alert.story_id),
            esc(alert.story_label.as_deref().unwrap_or("story"))
        )
    } else {
        String::new()
    };
    format!(
        "<li class=\"alert {reason}\" data-alert=\"{id}\"><span class=\"badge\">{reason_text}</span> \
<span class=\"summary\">{summary}</span><div class=\"meta\">{time}{story} · {article}</div></li>",
        reason = reason_name(alert.reason),
        reason_text = match alert.reason {
            AlertReason::NewClaim => "new claim",
            AlertReason::ValueChanged => "value changed",
        },
        id = esc(&alert.alert_id),
        summary = esc(&alert.summary),
        time = time(Some(alert.received_at)),
    )
}

async fn story_page(State(shared): State<Shared>, Path(id): Path<String>) -> Response {
    let Some(story) = shared.view.read().expect("view lock").story(&id) else {
        return not_found(&format!("No story {id} on this page (yet)."));
    };
    story_html(&story).into_response()
}

/// The page of one story.
pub fn story_html(story: &crate::view::StoryDetail) -> Html<String> {
    let summary = &story.summary;
    let mut body = format!(
        "<p class=\"crumbs\"><a href=\"/\">Stories</a></p><h1>{}</h1>\
<p class=\"meta\">{} articles · {} sources · {} · {} claims · first {} · latest {}</p>",
        esc(&summary.label),
        summary.article_count,
        summary.source_count,
        esc(&summary.languages.join(", ")),
        summary.claim_count,
        time(summary.first_seen),
        time(summary.last_seen),
    );
    let _ = write!(
        body,
        "<section aria-labelledby=\"h-activity\"><h2 id=\"h-activity\">Articles over time</h2>\
<div class=\"chart\" data-chart=\"activity\" role=\"img\" aria-label=\"articles per hour\">\
<script type=\"application/json\">{}</script></div></section>",
        script_json(&summary.activity)
    );

    body.push_str(
        "<section aria-labelledby=\"h-claims\"><h2 id=\"h-claims\">Claims over time</h2>",
    );
    if story.claims.is_empty() {
        body.push_str("<p class=\"empty\">No claims yet.</p>");
    }
    for claim in &story.claims {
        let plotted: Vec<serde_json::Value> = claim
            .values
            .iter()
            .filter_map(|v| {
                Some(serde_json::json!({
                    "t": v.time?.timestamp(),
                    "y": v.number?,
                    "value": v.value,
                    "changed": v.status == ClaimStatus::Changed,
                    "source": v.source,
                }))
            })
            .collect();
        let _ = write!(
            body,
            "<article class=\"claim{changed}\" id=\"claim-{key}\" data-claim-label=\"{label}\">\
<h3>{label}{badge}</h3>",
            changed = if claim.changed { " changed" } else { "" },
            key = esc(&claim.key),
            label = esc(&claim.label),
            badge = if claim.changed {
                " <span class=\"badge value_changed\">changed</span>"
            } else {
                ""
            },
        );
        if plotted.len() > 1 {
            let _ = write!(
                body,
                "<div class=\"chart\" data-chart=\"claim\" role=\"img\" aria-label=\"values of {} over time\">\
<script type=\"application/json\">{}</script></div>",
                esc(&claim.label),
                script_json(&plotted)
            );
        }
        body.push_str("<div class=\"scroll\"><table class=\"values\"><thead><tr><th scope=\"col\">Time</th><th scope=\"col\">Value</th><th scope=\"col\">Status</th><th scope=\"col\">Source</th><th scope=\"col\">Article</th></tr></thead><tbody>");
        for value in &claim.values {
            let previous = value
                .previous
                .as_deref()
                .map(|p| format!(" <span class=\"was\">(was {})</span>", esc(p)))
                .unwrap_or_default();
            let _ = write!(
                body,
                "<tr class=\"{status}\"><td>{time}</td><td class=\"value\">{value}{previous}</td>\
<td>{status}</td><td>{source}</td><td>{title}</td></tr>",
                status = status_name(value.status),
                time = time(value.time),
                value = esc(&value.value),
                source = esc(value.source.as_deref().unwrap_or("–")),
                title = esc(value.article_title.as_deref().unwrap_or(&value.article_id)),
            );
        }
        body.push_str("</tbody></table></div></article>");
    }
    body.push_str("</section>");

    if !story.alerts.is_empty() {
        body.push_str("<section aria-labelledby=\"h-alerts\"><h2 id=\"h-alerts\">Alerts</h2><ul class=\"alerts\">");
        for alert in &story.alerts {
            body.push_str(&alert_item(alert, false));
        }
        body.push_str("</ul></section>");
    }

    let _ = write!(
        body,
        "<section aria-labelledby=\"h-articles\"><h2 id=\"h-articles\">Articles ({})</h2>\
<div class=\"scroll\"><table id=\"articles\"><thead><tr><th scope=\"col\">Time</th><th scope=\"col\">Title</th>\
<th scope=\"col\">Source</th><th scope=\"col\">Lang</th></tr></thead><tbody>",
        story.articles.len()
    );
    for article in &story.articles {
        let title = match &article.url {
            Some(url) => format!(
                "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
                esc(url),
                esc(&article.title)
            ),
            None => esc(&article.title),
        };
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{title}</td><td>{}</td><td>{}</td></tr>",
            time(article.time),
            esc(article.source.as_deref().unwrap_or("–")),
            esc(article.language.as_deref().unwrap_or("")),
        );
    }
    body.push_str("</tbody></table></div></section>");

    let quotes: Vec<String> = story
        .quotes
        .iter()
        .take(60)
        .map(|quote| {
            format!(
                "<li><blockquote>{open}{text}{close}</blockquote><span class=\"speaker\">— {speaker}</span></li>",
                open = if quote.direct { "„" } else { "" },
                close = if quote.direct { "“" } else { "" },
                text = esc(&quote.text),
                speaker = esc(quote.speaker.as_deref().unwrap_or("unattributed")),
            )
        })
        .collect();
    let entities: Vec<String> = story
        .entities
        .iter()
        .take(40)
        .map(|entity| {
            format!(
                "<li><a href=\"/alerts?entity={q}\">{name}</a> <span class=\"type\">{kind:?}</span> <span class=\"count\">{n}</span></li>",
                q = esc(&url_encode(&entity.name)),
                name = esc(&entity.name),
                kind = entity.entity_type,
                n = entity.articles,
            )
        })
        .collect();
    body.push_str("<div class=\"two\">");
    list_section(&mut body, "quotes", "Quotes", &quotes);
    list_section(&mut body, "entities", "Entities", &entities);
    body.push_str("</div>");
    layout(&summary.label, "", &body)
}

/// A section with a heading and a list of `items` (already HTML), or a
/// line saying there are none.
fn list_section(body: &mut String, id: &str, title: &str, items: &[String]) {
    let _ = write!(
        body,
        "<section aria-labelledby=\"h-{id}\"><h2 id=\"h-{id}\">{title}</h2>"
    );
    if items.is_empty() {
        let _ = write!(body, "<p class=\"empty\">No {}.</p>", title.to_lowercase());
    } else {
        let _ = write!(body, "<ul class=\"{id}\">{}</ul>", items.concat());
    }
    body.push_str("</section>");
}

async fn story_json(State(shared): State<Shared>, Path(id): Path<String>) -> Response {
    match shared.view.read().expect("view lock").story(&id) {
        Some(story) => Json(story).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            Json(serde_json::json!({"error": "unknown story"})),
        )
            .into_response(),
    }
}

fn url_encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

async fn alerts_page(
    State(shared): State<Shared>,
    Query(filter): Query<AlertFilter>,
) -> Html<String> {
    let alerts = shared
        .view
        .read()
        .expect("view lock")
        .alerts(&filter, ALERTS_SHOWN);
    let value = |v: &Option<String>| esc(v.as_deref().unwrap_or(""));
    let kind = filter.kind.as_deref().unwrap_or("");
    let option = |name: &str, text: &str| {
        let selected = if kind == name { " selected" } else { "" };
        format!("<option value=\"{name}\"{selected}>{text}</option>")
    };
    let mut body = format!(
        "<h1>Alerts</h1><form class=\"filters\" method=\"get\" action=\"/alerts\">\
<label>Story id <input name=\"story\" value=\"{}\" size=\"16\"></label>\
<label>Entity <input name=\"entity\" value=\"{}\" size=\"18\"></label>\
<label>Kind <select name=\"kind\">{}{}{}</select></label>\
<button type=\"submit\">Filter</button></form>\
<p class=\"meta\" id=\"live\" aria-live=\"polite\">Live: new alerts appear at the top. <span id=\"alert-count\">{}</span> shown.</p>\
<ul class=\"alerts\" id=\"alerts\">",
        value(&filter.story),
        value(&filter.entity),
        option("", "any"),
        option("new_claim", "new claim"),
        option("value_changed", "value changed"),
        alerts.len(),
    );
    for alert in &alerts {
        body.push_str(&alert_item(alert, true));
    }
    body.push_str("</ul>");
    if alerts.is_empty() {
        body.push_str("<p class=\"empty\" id=\"no-alerts\">No alerts yet.</p>");
    }
    layout("Alerts", "/alerts", &body)
}

async fn alerts_json(State(shared): State<Shared>, Query(filter): Query<AlertFilter>) -> Response {
    let alerts = shared
        .view
        .read()
        .expect("view lock")
        .alerts(&filter, ALERTS_SHOWN);
    Json(alerts).into_response()
}

/// New alerts as server-sent events (`event: alert`, the alert as JSON),
/// filtered like the alerts page.
async fn alert_events(
    State(shared): State<Shared>,
    Query(filter): Query<AlertFilter>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = shared.alerts.subscribe();
    let state = (receiver, filter, shared.shutdown.clone());
    let stream = futures::stream::unfold(state, |(mut receiver, filter, mut stop)| async move {
        loop {
            let received = tokio::select! {
                received = receiver.recv() => received,
                Ok(_) = stop.wait_for(|stop| *stop) => return None,
            };
            let event = match received {
                Ok(alert) if filter.matches(&alert) => Event::default()
                    .event("alert")
                    .id(alert.alert_id.clone())
                    .json_data(&alert)
                    .unwrap_or_else(|_| Event::default().comment("unserialisable alert")),
                Ok(_) => continue,
                // A slow reader missed some: the page reloads its list.
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                    Event::default().event("reload").data("lagged")
                }
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
            };
            return Some((Ok(event), (receiver, filter, stop)));
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

async fn sources_page(State(shared): State<Shared>) -> Html<String> {
    let sources = shared.sources.health().await;
    let throughput = shared.view.read().expect("view lock").throughput(180);
    let mut body = format!(
        "<h1>Sources</h1><section aria-labelledby=\"h-throughput\"><h2 id=\"h-throughput\">Articles per minute (last three hours)</h2>\
<div class=\"chart\" data-chart=\"throughput\" role=\"img\" aria-label=\"articles per minute\">\
<script type=\"application/json\">{}</script></div></section>\
<section aria-labelledby=\"h-health\"><h2 id=\"h-health\">Health</h2>",
        script_json(&throughput)
    );
    match &sources {
        Err(reason) => {
            let _ = write!(body, "<p class=\"empty\">{}</p>", esc(reason));
        }
        Ok(list) if list.is_empty() => {
            body.push_str("<p class=\"empty\">No sources reported yet.</p>")
        }
        Ok(list) => {
            body.push_str("<div class=\"scroll\"><table id=\"sources\"><thead><tr><th scope=\"col\">Source</th><th scope=\"col\">State</th>\
<th scope=\"col\">Last success</th><th scope=\"col\">Failures in a row</th><th scope=\"col\">Next poll</th>\
<th scope=\"col\" class=\"num\">Entries</th><th scope=\"col\">Last error</th></tr></thead><tbody>");
            for source in list {
                let failing = source.consecutive_failures > 0;
                let _ = write!(
                    body,
                    "<tr class=\"{class}\"><td>{id}</td><td><span class=\"badge {class}\">{state}</span></td><td>{success}</td>\
<td class=\"num\">{failures}</td><td>{next}</td><td class=\"num\">{entries}</td><td class=\"error\">{error}</td></tr>",
                    class = if failing { "failing" } else { "ok" },
                    state = if failing { "failing" } else { "ok" },
                    id = esc(&source.id),
                    success = stamp(source.last_success.as_deref(), "never"),
                    failures = source.consecutive_failures,
                    next = stamp(source.next_poll.as_deref(), "–"),
                    entries = source.entries_seen,
                    error = esc(source.last_error.as_deref().unwrap_or("")),
                );
            }
            body.push_str("</tbody></table></div>");
        }
    }
    body.push_str("</section>");
    layout("Sources", "/sources", &body)
}

async fn sources_json(State(shared): State<Shared>) -> Response {
    let throughput = shared.view.read().expect("view lock").throughput(180);
    match shared.sources.health().await {
        Ok(sources) => {
            Json(serde_json::json!({"sources": sources, "throughput": throughput})).into_response()
        }
        Err(reason) => {
            Json(serde_json::json!({"sources": [], "error": reason, "throughput": throughput}))
                .into_response()
        }
    }
}

async fn status_json(State(shared): State<Shared>) -> Response {
    let counts = shared.view.read().expect("view lock").counts();
    Json(serde_json::json!({
        "caught_up": shared.status.caught_up(),
        "consumed": shared.status.consumed(),
        "counts": counts,
    }))
    .into_response()
}

async fn asset(Path(name): Path<String>) -> Response {
    let (content_type, body) = match name.as_str() {
        "uplot.min.js" => ("text/javascript; charset=utf-8", UPLOT_JS),
        "uplot.min.css" => ("text/css; charset=utf-8", UPLOT_CSS),
        "app.js" => ("text/javascript; charset=utf-8", APP_JS),
        "style.css" => ("text/css; charset=utf-8", STYLE_CSS),
        "uplot.LICENSE" => ("text/plain; charset=utf-8", UPLOT_LICENSE),
        _ => return (StatusCode::NOT_FOUND, "no such asset\n").into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}
