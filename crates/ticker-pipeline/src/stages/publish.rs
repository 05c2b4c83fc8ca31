//! Extract, assign to a story, publish, mark done.

use super::*;

impl Pipeline {
    /// Extracts and publishes an article unless the same text was already
    /// published; a changed text gets the next revision. Marks the feed
    /// entry (if any) done after Kafka acknowledged everything.
    pub async fn publish_article(
        &self,
        mut article: Article,
        item: Option<&WorkItem>,
        force: bool,
    ) -> anyhow::Result<Published> {
        // The same article reached through two feeds at once: the second
        // waits for the first, then finds it published.
        let _guard = self.publishing.lock(&article.article_id).await;
        let previous = self.state.article(&article.article_id)?;
        if let Some(previous) = &previous {
            if previous.content_hash == article.content_hash && !force {
                Metrics::add(&self.metrics.articles_unchanged, 1);
                if let Some(item) = item {
                    self.state
                        .mark_done(Some(&item.source_id), &item.entry.version_key(), None)?;
                }
                debug!(article_id = %article.article_id, "unchanged; not published again");
                return Ok(Published::Unchanged);
            }
            article.revision = if previous.content_hash == article.content_hash {
                previous.revision
            } else {
                previous.revision + 1
            };
        }
        // Extraction is CPU work of milliseconds: it runs outside the stories
        // lock, which is held only to preview a reference date and to
        // assign (microseconds each), so two workers extract at once.
        let extract_started = std::time::Instant::now();
        let prepared = catch_panic(|| {
            extract_for_story(&article, |article, extraction| {
                self.stories
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .preview_reference_date(article, extraction)
            })
        });
        self.metrics.observe(Stage::Extract, extract_started);
        let (dated, extraction) = match prepared {
            Ok(prepared) => prepared,
            Err(message) => {
                let input = article
                    .url
                    .clone()
                    .unwrap_or_else(|| article.source.url.clone());
                error!(article_id = %article.article_id, %input, %message, "extraction panicked; dead letter");
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
                return Ok(Published::Panicked);
            }
        };
        let assign_started = std::time::Instant::now();
        let assignment = self
            .stories
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .assign(&dated, &extraction);
        self.metrics.observe(Stage::Assign, assign_started);
        let batch = records(&article, &assignment)?;
        let count = batch.len() as u64;
        let publish_started = std::time::Instant::now();
        let delivered = self.publisher.publish_batch(batch).await;
        self.metrics.observe(Stage::Publish, publish_started);
        if let Err(error) = delivered {
            if !assignment.replay {
                let persisted = self.state.story(&assignment.story_id)?;
                self.stories
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .revert(&assignment.story_id, &article.article_id, persisted);
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
        let story = self
            .stories
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .story(&assignment.story_id);
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
}

/// Extracts an article and assigns it to a story. Relative dates are
/// resolved against the article's own date (publication, hint, or the dates
/// its text writes out); an article without one ("am Mittwoch kommender
/// Woche" and nothing else) takes the latest date of the story it would
/// join. That date also becomes the story's reference for later articles.
pub fn assign_story(stories: &mut Stories, article: &Article) -> Assignment {
    let (dated, extraction) = extract_for_story(article, |article, extraction| {
        stories.preview_reference_date(article, extraction)
    });
    stories.assign(&dated, &extraction)
}

/// The article as it is assigned (with the date hint its relative dates
/// were resolved against) and its extraction; `preview` asks the story
/// index for the date of the story the article would join. Needs no lock
/// but for `preview`, so that extraction runs beside other articles'.
pub fn extract_for_story(
    article: &Article,
    preview: impl FnOnce(&Article, &ticker_model::Extraction) -> Option<chrono::NaiveDate>,
) -> (Article, ticker_model::Extraction) {
    let extraction = ticker_extract::extract(article);
    let reference =
        ticker_extract::dates::reference_date(article).or_else(|| preview(article, &extraction));
    let Some(reference) = reference else {
        return (article.clone(), extraction);
    };
    let mut dated = article.clone();
    dated.date_hint = Some(reference.to_string());
    let extraction = if article.published_at.is_none() {
        ticker_extract::extract(&dated)
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
