//! Extract, assign to a story, publish, mark done.

use super::*;
use crate::notify::{Refused, Sent};
use ticker_stories::ArticleTerms;

/// An article's records, ready to go out, with what marking its entry
/// done needs. It holds the article's key until the delivery is settled.
pub(crate) struct Delivery {
    _guard: KeyedGuard,
    article: Article,
    assignment: Assignment,
    batch: Vec<Outgoing>,
    item: Option<WorkItem>,
}

/// What preparing an article came to.
pub(crate) enum Prepared {
    /// Nothing to deliver (unchanged, or a dead letter went out instead).
    Finished(Published),
    /// Records to deliver.
    Deliver(Box<Delivery>),
}

impl Pipeline {
    /// Extracts and publishes an article unless the same text was already
    /// published; a changed text gets the next revision. Marks the feed
    /// entry (if any) done after Kafka acknowledged everything.
    pub async fn publish_article(
        &self,
        article: Article,
        item: Option<&WorkItem>,
        force: bool,
    ) -> anyhow::Result<Published> {
        match self.prepare_article(article, item, force).await? {
            Prepared::Finished(published) => Ok(published),
            Prepared::Deliver(delivery) => self.deliver(*delivery).await,
        }
    }

    /// The first half of [`Pipeline::publish_article`]: extraction, story
    /// assignment and the records, CPU work of milliseconds; what is left
    /// ([`Pipeline::deliver`]) only waits for Kafka.
    pub(crate) async fn prepare_article(
        &self,
        mut article: Article,
        item: Option<&WorkItem>,
        force: bool,
    ) -> anyhow::Result<Prepared> {
        // The same article reached through two feeds at once: the second
        // waits for the first, then finds it published.
        let guard = self.publishing.lock(&article.article_id).await;
        let previous = self.state.article(&article.article_id)?;
        if let Some(previous) = &previous {
            if previous.content_hash == article.content_hash && !force {
                Metrics::add(&self.metrics.articles_unchanged, 1);
                if let Some(item) = item {
                    self.state
                        .mark_done(Some(&item.source_id), &item.entry.version_key(), None)?;
                }
                debug!(article_id = %article.article_id, "unchanged; not published again");
                return Ok(Prepared::Finished(Published::Unchanged));
            }
            article.revision = if previous.content_hash == article.content_hash {
                previous.revision
            } else {
                previous.revision + 1
            };
        }
        // Extraction is CPU work of milliseconds on this worker, and so is
        // counting the words the story index reads; the index is asked only
        // to preview a reference date (for an article without one) and to
        // assign: jobs of microseconds on its owner thread, so workers
        // extract side by side.
        let extract_started = std::time::Instant::now();
        let terms = std::sync::Arc::new(ArticleTerms::of(&article));
        let prepared = self.extract_with_reference(&article, &terms).await;
        self.metrics.observe(Stage::Extract, extract_started);
        let assign_started = std::time::Instant::now();
        let assigned = match prepared {
            Ok((dated, extraction)) => {
                self.stories
                    .run(move |stories| stories.assign_with_terms(&dated, &extraction, &terms))
                    .await
            }
            Err(message) => Err(message),
        };
        self.metrics.observe(Stage::Assign, assign_started);
        let assignment = match assigned {
            Ok(assignment) => assignment,
            Err(message) => {
                let input = article
                    .url
                    .clone()
                    .unwrap_or_else(|| article.source.url.clone());
                error!(article_id = %article.article_id, %input, %message, "extraction or story assignment panicked; dead letter");
                let payload = article.text.as_bytes()
                    [..article.text.len().min(DEAD_LETTER_PAYLOAD_LIMIT)]
                    .to_vec();
                self.dead_letter(
                    DeadLetterStage::Panic,
                    &format!("extraction panicked: {message}"),
                    &input,
                    payload,
                    item,
                )
                .await?;
                return Ok(Prepared::Finished(Published::Panicked));
            }
        };
        let batch = records(&article, &assignment)?;
        Ok(Prepared::Deliver(Box::new(Delivery {
            _guard: guard,
            article,
            assignment,
            batch,
            item: item.cloned(),
        })))
    }

    /// The second half of [`Pipeline::publish_article`]: sends the records,
    /// waits for Kafka's acknowledgement, and marks the entry done (or
    /// takes the article back out of its story when Kafka refused).
    pub(crate) async fn deliver(&self, delivery: Delivery) -> anyhow::Result<Published> {
        let Delivery {
            _guard,
            article,
            assignment,
            batch,
            item,
        } = delivery;
        let item = item.as_ref();
        let count = batch.len() as u64;
        let publish_started = std::time::Instant::now();
        let delivered = self.publisher.publish_batch(&batch).await;
        self.metrics.observe(Stage::Publish, publish_started);
        if let Err(error) = delivered {
            if !assignment.replay {
                let persisted = self.state.story(&assignment.story_id)?;
                let (story_id, article_id) =
                    (assignment.story_id.clone(), article.article_id.clone());
                if let Err(message) = self
                    .stories
                    .run(move |stories| stories.revert(&story_id, &article_id, persisted))
                    .await
                {
                    warn!(%message, "reverting a story after a failed delivery panicked");
                }
            }
            return Err(anyhow::anyhow!(error));
        }
        Metrics::add(&self.metrics.alerts, assignment.alerts.len() as u64);
        Metrics::add(&self.metrics.records_published, count);
        Metrics::add(&self.metrics.articles_published, 1);
        let state = ArticleState {
            revision: article.revision,
            content_hash: article.content_hash.clone(),
        };
        let version_key = item.map(|item| item.entry.version_key());
        let (source_id, entry_id) = match (item, &version_key) {
            (Some(item), Some(key)) => (Some(item.source_id.as_str()), key.as_str()),
            _ => (None, article.article_id.as_str()),
        };
        let deliveries = self.sinks.deliveries(
            &self.watches,
            &article,
            &assignment,
            Utc::now().timestamp_millis(),
        );
        if !deliveries.is_empty() {
            self.state.outbox_add(&deliveries)?;
        }
        let story_id = assignment.story_id.clone();
        let story = self
            .stories
            .run(move |stories| stories.story(&story_id))
            .await
            .map_err(|message| anyhow::anyhow!("reading the story back: {message}"))?;
        self.state.mark_done_with_story(
            source_id,
            entry_id,
            Some((&article.article_id, &state)),
            story.as_ref(),
        )?;
        info!(article_id = %article.article_id, revision = article.revision, story_id = %assignment.story_id, alerts = assignment.alerts.len(), title = %article.title, records = count, "published");
        if let Some(item) = item {
            self.metrics.published_after(item.discovered);
        }
        Ok(Published::New)
    }

    /// Sends the alert deliveries that are due (see [`crate::notify`]);
    /// returns how many went through.
    pub async fn deliver_due(&self) -> anyhow::Result<usize> {
        let now = Utc::now().timestamp_millis();
        let mut delivered = 0;
        for mut delivery in self.state.outbox_due(now)? {
            delivery.attempts += 1;
            match self.sinks.send(&delivery).await {
                Sent::NoSink => {
                    // The sink left the configuration: nothing to send to.
                    self.state
                        .outbox_update(&delivery.sink, &delivery.alert_id, None)?;
                    continue;
                }
                Sent::Taken => {
                    self.state
                        .outbox_update(&delivery.sink, &delivery.alert_id, None)?;
                    Metrics::add(&self.metrics.notifications, 1);
                    delivered += 1;
                    continue;
                }
                Sent::Failed(reason) => delivery.last_error = Some(reason),
            }
            Metrics::add(&self.metrics.notification_failures, 1);
            let reason = delivery.last_error.clone().unwrap_or_default();
            match self.sinks.refused(&delivery, &reason) {
                Refused::NoSink => continue,
                Refused::DeadLetter(letter) => {
                    self.dead_letter(
                        letter.stage,
                        &letter.error,
                        &letter.input,
                        letter.payload,
                        None,
                    )
                    .await?;
                    self.state
                        .outbox_update(&delivery.sink, &delivery.alert_id, None)?;
                }
                Refused::RetryInMs(wait) => {
                    delivery.next_at_ms = now + wait;
                    self.state.outbox_update(
                        &delivery.sink,
                        &delivery.alert_id,
                        Some(&delivery),
                    )?;
                }
            }
        }
        Ok(delivered)
    }

    /// Whether any sink is configured.
    pub fn has_sinks(&self) -> bool {
        !self.sinks.is_empty()
    }

    /// The article as it is assigned and its extraction (see
    /// [`extract_for_story`]), with the preview asked of the story owner;
    /// a panic in the extractor comes back as its message.
    async fn extract_with_reference(
        &self,
        article: &Article,
        terms: &std::sync::Arc<ArticleTerms>,
    ) -> Result<(Article, ticker_model::Extraction), String> {
        let reading = catch_panic(|| first_reading(&self.extractor, article))?;
        let (prepared, extraction) = match reading {
            Reading::Dated(dated, extraction) => return Ok((dated, extraction)),
            Reading::Undated(prepared, extraction) => (prepared, extraction),
        };
        let (asked, extracted, terms) = (article.clone(), extraction.clone(), terms.clone());
        let story_day = self
            .stories
            .run(move |stories| {
                stories.preview_reference_date_with_terms(&asked, &extracted, &terms)
            })
            .await?;
        catch_panic(|| against_story_day(prepared, article, extraction, story_day))
    }
}

/// Extracts an article (the rule passes alone, as the evaluations measure
/// them) and assigns it to a story. Relative dates are
/// resolved against the article's own date (publication, hint, or the dates
/// its text writes out); an article without one ("am Mittwoch kommender
/// Woche" and nothing else) takes the latest date of the story it would
/// join. That date also becomes the story's reference for later articles.
pub fn assign_story(stories: &mut Stories, article: &Article) -> Assignment {
    let extractor = ticker_extract::Extractor::default();
    let (dated, extraction) = extract_for_story(&extractor, article, |article, extraction| {
        stories.preview_reference_date(article, extraction)
    });
    stories.assign(&dated, &extraction)
}

/// The article as it is assigned (with the date hint its relative dates
/// were resolved against) and its extraction; `preview` asks the story
/// index for the date of the story the article would join. Needs no lock
/// but for `preview`, so that extraction runs beside other articles'.
pub fn extract_for_story(
    extractor: &ticker_extract::Extractor,
    article: &Article,
    preview: impl FnOnce(&Article, &ticker_model::Extraction) -> Option<chrono::NaiveDate>,
) -> (Article, ticker_model::Extraction) {
    match first_reading(extractor, article) {
        Reading::Dated(dated, extraction) => (dated, extraction),
        Reading::Undated(prepared, extraction) => {
            let story_day = preview(article, &extraction);
            against_story_day(prepared, article, extraction, story_day)
        }
    }
}

/// An article read once ([`first_reading`]).
enum Reading<'a> {
    /// It has a reference day of its own: the article with that day as its
    /// hint, and its final extraction.
    Dated(Article, ticker_model::Extraction),
    /// It has none: its extraction without a day, and the passes that do
    /// not read the day, kept to finish it against its story's.
    Undated(ticker_extract::Prepared<'a>, ticker_model::Extraction),
}

/// Extracts `article` against its own reference day when it has one (the
/// day as its hint changes no extraction, and spares reading the day from
/// the text again), else without a day.
fn first_reading<'a>(extractor: &ticker_extract::Extractor, article: &'a Article) -> Reading<'a> {
    let prepared = extractor.prepare(article);
    match ticker_extract::dates::reference_date(article) {
        Some(own) => {
            let dated = dated(article, own);
            let extraction = prepared.into_extraction(&dated);
            Reading::Dated(dated, extraction)
        }
        None => {
            let extraction = prepared.finish(article);
            Reading::Undated(prepared, extraction)
        }
    }
}

/// An undated article with `story_day` (the day of the story it would
/// join) as its hint and only the passes that read the day run again;
/// as it is without a story day.
fn against_story_day(
    prepared: ticker_extract::Prepared<'_>,
    article: &Article,
    extraction: ticker_model::Extraction,
    story_day: Option<chrono::NaiveDate>,
) -> (Article, ticker_model::Extraction) {
    match story_day {
        Some(day) => {
            let dated = dated(article, day);
            let extraction = prepared.into_extraction(&dated);
            (dated, extraction)
        }
        None => (article.clone(), extraction),
    }
}

/// `article` with `day` as its date hint.
fn dated(article: &Article, day: chrono::NaiveDate) -> Article {
    let mut dated = article.clone();
    dated.date_hint = Some(day.to_string());
    dated
}

/// The day an article's relative dates are resolved against, and where it
/// came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reference {
    /// The article's own ([`ticker_extract::dates::reference_date`]): its
    /// extraction already used it.
    Own(chrono::NaiveDate),
    /// The latest date of the story the article would join.
    Story(chrono::NaiveDate),
}

impl Reference {
    /// The article's own reference day, else the one `story` gives.
    pub(crate) fn of(
        article: &Article,
        story: impl FnOnce() -> Option<chrono::NaiveDate>,
    ) -> Option<Reference> {
        match ticker_extract::dates::reference_date(article) {
            Some(own) => Some(Reference::Own(own)),
            None => story().map(Reference::Story),
        }
    }
}

/// The article with `reference` as its date hint, and its extraction
/// made again against that date when the article has no publication date
/// and the date is its story's. (With the article's own day as the hint
/// the extractor resolves against the same day, so the extraction it has
/// is the one it would make again.)
pub(crate) fn with_reference(
    extractor: &ticker_extract::Extractor,
    article: &Article,
    extraction: ticker_model::Extraction,
    reference: Option<Reference>,
) -> (Article, ticker_model::Extraction) {
    let (day, again) = match reference {
        None => return (article.clone(), extraction),
        Some(Reference::Own(day)) => (day, false),
        // (An article with a publication date has a day of its own.)
        Some(Reference::Story(day)) => (day, true),
    };
    let dated = dated(article, day);
    let extraction = if again {
        extractor.extract(&dated)
    } else {
        extraction
    };
    (dated, extraction)
}

/// The records one article produces: the article, its extraction, one
/// record per event and claim, its alerts, and its story's new state.
pub fn records(article: &Article, assignment: &Assignment) -> Result<Vec<Outgoing>, KafkaError> {
    let extraction = &assignment.extraction;
    let mut batch = Vec::with_capacity(
        3 + extraction.events.len() + extraction.claims.len() + assignment.alerts.len(),
    );
    batch.push(Outgoing::from_record(article)?);
    batch.push(Outgoing::from_record(extraction)?);
    for event in &extraction.events {
        batch.push(Outgoing::from_record(event)?);
    }
    for claim in &extraction.claims {
        batch.push(Outgoing::from_record(claim)?);
    }
    for alert in &assignment.alerts {
        batch.push(Outgoing::from_record(alert)?);
    }
    batch.push(Outgoing::from_record(&assignment.story)?);
    Ok(batch)
}
