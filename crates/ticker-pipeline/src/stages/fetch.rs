//! The fetch stage of a worker: robots.txt, the page, its checks, then
//! normalize and hand over to publishing; failures become retries or dead
//! letters.

use super::*;

impl Pipeline {
    /// Takes one feed entry through fetch, normalize, extract and publish.
    /// Marks it done only when Kafka acknowledged its records. Returns the
    /// open delivery, when the records went out: the task that waits for
    /// the acknowledgement and marks the entry done.
    pub async fn process_item(self: &Arc<Self>, item: WorkItem) -> Option<OpenDelivery> {
        let url = item.entry.link.clone();
        let client = self.client_for(&item.source_id, &url);
        if !self.politeness.allowed(client, &url).await {
            warn!(source = %item.source_id, %url, "robots.txt disallows the page; dead letter");
            self.dead_letter_entry(
                DeadLetterStage::Robots,
                "disallowed by the site's robots.txt",
                Vec::new(),
                &item,
            )
            .await;
            return None;
        }
        self.politeness.wait_turn(&url).await;
        let slot = self.politeness.host_slot(&url).await;
        let fetch_started = std::time::Instant::now();
        let response = client.get(&url, &Validators::default()).await;
        self.metrics.observe(Stage::Fetch, fetch_started);
        drop(slot);
        let fetched = match response {
            Ok(fetched) => {
                // An entry that failed before and now fetches is no longer counted.
                self.attempts
                    .lock()
                    .expect("attempts lock")
                    .remove(&item.in_flight_key());
                fetched
            }
            Err(error) => {
                Metrics::add(&self.metrics.fetch_errors, 1);
                self.fetch_failed(&item, error).await;
                return None;
            }
        };
        if let Err(reason) =
            ticker_fetch::content::check_page(fetched.content_type.as_deref(), &fetched.body)
        {
            Metrics::add(&self.metrics.not_pages, 1);
            warn!(source = %item.source_id, %url, %reason, "not a page; dead letter");
            let payload = fetched.body[..fetched.body.len().min(1024)].to_vec();
            self.dead_letter_entry(
                DeadLetterStage::Fetch,
                &format!("{url}: {reason}"),
                payload,
                &item,
            )
            .await;
            return None;
        }
        if self.fetch_only {
            self.hand_over_page(&item, fetched).await;
            return None;
        }
        let meta = InputMeta {
            url: Some(fetched.final_url.clone()),
            source: item.source.clone(),
            content_type: fetched.content_type.clone(),
            fetched_at: Utc::now(),
            feed_title: item.entry.title.clone(),
            feed_published: item.entry.published,
        };
        let normalize_started = std::time::Instant::now();
        // (CPU work stays on the worker's thread: moving it to the blocking
        // pool measured slower and used half again the memory, see
        // docs/benchmarks.md.)
        let body = fetched.body;
        let rules = crate::config::site_rules(&self.sites, &fetched.final_url);
        let normalized = normalize_html_with(&body, &meta, rules.as_ref());
        self.metrics.observe(Stage::Normalize, normalize_started);
        let article = match normalized {
            Ok(article) => article,
            Err(error) => {
                warn!(source = %item.source_id, %url, %error, "page does not normalize; dead letter");
                let payload = body[..body.len().min(DEAD_LETTER_PAYLOAD_LIMIT)].to_vec();
                self.dead_letter_entry(
                    DeadLetterStage::Normalize,
                    &error.to_string(),
                    payload,
                    &item,
                )
                .await;
                return None;
            }
        };
        // A slot for the delivery first: with every slot open, the worker
        // waits here (backpressure) before it does the work.
        let slot = Arc::clone(&self.deliveries)
            .acquire_owned()
            .await
            .expect("the delivery slots are never closed");
        match self.prepare_article(article, Some(&item), false).await {
            Ok(Prepared::Finished(_)) => None,
            Ok(Prepared::Deliver(delivery)) => {
                // Kafka's acknowledgement is waited for beside the worker,
                // which goes on to its next entry.
                let pipeline = Arc::clone(self);
                Some(tokio::spawn(async move {
                    if let Err(error) = pipeline.deliver(*delivery).await {
                        pipeline.delivery_failed(&item, &error);
                    }
                    // The pipeline goes before the slot: whoever waits for
                    // every slot (shutdown) then holds the last of it.
                    drop(pipeline);
                    drop(slot);
                }))
            }
            Err(error) => {
                self.delivery_failed(&item, &error);
                None
            }
        }
    }

    /// An entry whose records Kafka did not acknowledge: counted, and left
    /// undone for the next poll.
    fn delivery_failed(&self, item: &WorkItem, error: &anyhow::Error) {
        Metrics::add(&self.metrics.publish_errors, 1);
        self.retry_at_next_poll(item);
        warn!(source = %item.source_id, url = %item.entry.link, error = %format!("{error:#}"), "not acknowledged by Kafka; the entry is retried at the next poll");
    }

    /// The fetch role: the fetched page goes to the pages topic; the entry
    /// is done once Kafka acknowledged it (the process role takes it from
    /// there).
    async fn hand_over_page(&self, item: &WorkItem, fetched: ticker_fetch::Fetched) {
        let page = ticker_model::Page {
            schema: <ticker_model::Page as ticker_model::Record>::SCHEMA.to_string(),
            page_id: ticker_model::short_id([item.entry.link.as_str()]),
            url: item.entry.link.clone(),
            final_url: fetched.final_url.clone(),
            content_type: fetched.content_type.clone(),
            body: crate::roles::page_body(&fetched.body),
            source: item.source.clone(),
            entry_title: item.entry.title.clone(),
            entry_published: item.entry.published,
            fetched_at: Utc::now(),
        };
        let delivered = match ticker_kafka::Outgoing::from_record(&page) {
            Ok(record) => self.publisher.publish_batch(&[record]).await,
            Err(error) => Err(error),
        };
        match delivered {
            Ok(()) => {
                Metrics::add(&self.metrics.records_published, 1);
                if let Err(error) =
                    self.state
                        .mark_done(Some(&item.source_id), &item.entry.version_key(), None)
                {
                    warn!(source = %item.source_id, url = %item.entry.link, %error, "cannot mark the entry done; it may be fetched again");
                }
                self.metrics.published_after(item.discovered);
                debug!(source = %item.source_id, url = %item.entry.link, "page handed to the process role");
            }
            Err(error) => {
                Metrics::add(&self.metrics.publish_errors, 1);
                self.retry_at_next_poll(item);
                warn!(source = %item.source_id, url = %item.entry.link, %error, "page not acknowledged by Kafka; retried at the next poll");
            }
        }
    }

    /// Dead-letters an entry whose processing panicked (stage `panic`);
    /// the entry is done, since a retry would panic again.
    pub async fn dead_letter_panic(&self, item: &WorkItem, message: &str) {
        let reason = format!("processing panicked: {message}");
        if !self
            .dead_letter_entry(DeadLetterStage::Panic, &reason, Vec::new(), item)
            .await
        {
            warn!(source = %item.source_id, url = %item.entry.link, "the panic's dead letter was not delivered; the entry comes again");
        }
    }

    async fn fetch_failed(&self, item: &WorkItem, error: FetchError) {
        let key = item.in_flight_key();
        let attempts = {
            let mut attempts = self.attempts.lock().expect("attempts lock");
            let count = attempts.entry(key.clone()).or_default();
            *count += 1;
            *count
        };
        if error.is_retryable() && attempts < self.max_attempts {
            self.retry_at_next_poll(item);
            warn!(source = %item.source_id, url = %item.entry.link, %error, attempts, "fetch failed; retried at the next poll");
            return;
        }
        warn!(source = %item.source_id, url = %item.entry.link, %error, attempts, "fetch failed for good; dead letter");
        if self
            .dead_letter_entry(DeadLetterStage::Fetch, &error.to_string(), Vec::new(), item)
            .await
        {
            self.attempts.lock().expect("attempts lock").remove(&key);
        }
    }

    /// Makes the entry's source skip conditional GET at its next poll, so
    /// the entry is seen (and retried) again.
    fn retry_at_next_poll(&self, item: &WorkItem) {
        self.retry_sources
            .lock()
            .expect("retry lock")
            .insert(item.source_id.clone());
    }

    /// Dead-letters a feed entry. Returns false when Kafka did not take the
    /// dead letter: the entry then stays undone and comes again.
    async fn dead_letter_entry(
        &self,
        stage: DeadLetterStage,
        error: &str,
        payload: Vec<u8>,
        item: &WorkItem,
    ) -> bool {
        match self
            .dead_letter(stage, error, &item.entry.link, payload, Some(item))
            .await
        {
            Ok(()) => true,
            Err(error) => {
                Metrics::add(&self.metrics.publish_errors, 1);
                self.retry_at_next_poll(item);
                warn!(url = %item.entry.link, error = %format!("{error:#}"), "dead letter not acknowledged; the entry is retried at the next poll");
                false
            }
        }
    }

    /// Publishes a dead letter and, for a feed entry, marks it done.
    pub async fn dead_letter(
        &self,
        stage: DeadLetterStage,
        error: &str,
        input: &str,
        payload: Vec<u8>,
        item: Option<&WorkItem>,
    ) -> anyhow::Result<()> {
        let letter = DeadLetter {
            stage,
            error: error.to_string(),
            input: input.to_string(),
            payload,
        };
        self.publisher
            .dead_letter(letter)
            .await
            .with_context(|| format!("dead letter for {input}"))?;
        Metrics::add(&self.metrics.deadletters, 1);
        if let Some(item) = item {
            self.state
                .mark_done(Some(&item.source_id), &item.entry.version_key(), None)?;
        }
        Ok(())
    }
}
