//! Pipeline metrics with fixed names, exported in the Prometheus text format
//! (`pipeline.metrics_listen`) and summarised in the log at exit.

use std::sync::atomic::{AtomicU64, Ordering};

macro_rules! metrics {
    ($($field:ident => $help:literal),* $(,)?) => {
        /// Counters of one pipeline run.
        #[derive(Debug, Default)]
        pub struct Metrics {
            $(#[doc = $help] pub $field: AtomicU64,)*
        }

        /// A snapshot of [`Metrics`].
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
        pub struct Summary {
            $(#[doc = $help] pub $field: u64,)*
        }

        impl Metrics {
            /// The current values.
            pub fn snapshot(&self) -> Summary {
                Summary { $($field: self.$field.load(Ordering::Relaxed),)* }
            }

            /// Prometheus text exposition.
            pub fn render(&self) -> String {
                let mut out = String::new();
                $(
                    out.push_str(&format!(
                        "# HELP ticker_{0}_total {1}\n# TYPE ticker_{0}_total counter\nticker_{0}_total {2}\n",
                        stringify!($field), $help, self.$field.load(Ordering::Relaxed)
                    ));
                )*
                out
            }
        }
    };
}

metrics! {
    polls => "Source polls attempted.",
    poll_errors => "Source polls that failed (fetch or parse).",
    polls_not_modified => "Source polls answered 304 Not Modified.",
    polls_unchanged => "Source polls whose body was the same as the last one (not parsed again).",
    entries_queued => "Feed entries handed to the workers.",
    articles_published => "Articles published (new or changed).",
    articles_unchanged => "Articles skipped because the same text was already published.",
    records_published => "Records acknowledged by Kafka, all topics.",
    fetch_errors => "Article fetches that failed.",
    not_pages => "Article responses that were no page (PDF, image, binary); dead-lettered.",
    deadletters => "Inputs sent to the dead-letter topic.",
    publish_errors => "Batches Kafka did not acknowledge (retried later).",
    alerts => "Alerts published.",
}

impl Metrics {
    /// Adds `count` to a counter.
    pub fn add(counter: &AtomicU64, count: u64) {
        counter.fetch_add(count, Ordering::Relaxed);
    }
}

/// Serves `/metrics` (Prometheus text) and `/sources` (each source's health
/// as JSON, from `sources`) on `listen` until the shutdown signal.
pub async fn serve(
    listen: std::net::SocketAddr,
    metrics: std::sync::Arc<Metrics>,
    sources: std::sync::Arc<dyn Fn() -> String + Send + Sync>,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) -> std::io::Result<()> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind(listen).await?;
    loop {
        let (mut stream, _) = tokio::select! {
            accepted = listener.accept() => accepted?,
            _ = shutdown.changed() => return Ok(()),
        };
        let metrics = metrics.clone();
        let sources = sources.clone();
        tokio::spawn(async move {
            let mut request = [0u8; 1024];
            let _ =
                tokio::time::timeout(std::time::Duration::from_secs(2), stream.read(&mut request))
                    .await;
            let (content_type, body) = if request.starts_with(b"GET /sources") {
                ("application/json", sources())
            } else {
                ("text/plain; version=0.0.4", metrics.render())
            };
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(response.as_bytes()).await;
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_prometheus_text() {
        let metrics = Metrics::default();
        Metrics::add(&metrics.polls, 3);
        let text = metrics.render();
        assert!(text.contains("ticker_polls_total 3\n"), "{text}");
        assert_eq!(metrics.snapshot().polls, 3);
    }
}
