//! The story index's one owner: a thread that holds [`Stories`] and runs
//! the jobs workers send it (preview a reference date, assign, revert,
//! read a story) one after another. No lock is shared: a worker waits only
//! for its own job (microseconds), never while another worker extracts or
//! publishes, and a panic inside one job is caught there and answered as
//! an error, so the index and the other workers go on.

use ticker_stories::Stories;

use super::catch_panic;

type Job = Box<dyn FnOnce(&mut Stories) + Send>;

/// A handle on the owner thread; the thread ends when the last handle goes.
pub(crate) struct StoryOwner {
    jobs: std::sync::mpsc::Sender<Job>,
}

impl StoryOwner {
    /// Starts the owner thread with the index.
    pub(crate) fn spawn(stories: Stories) -> std::io::Result<StoryOwner> {
        let (jobs, queue) = std::sync::mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("ticker-stories".to_string())
            .spawn(move || {
                let mut stories = stories;
                for job in queue {
                    job(&mut stories);
                }
            })?;
        Ok(StoryOwner { jobs })
    }

    /// Runs `work` on the index and returns its result, or the message of
    /// its panic.
    pub(crate) async fn run<R: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Stories) -> R + Send + 'static,
    ) -> Result<R, String> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |stories| {
            let _ = reply.send(catch_panic(|| work(stories)));
        });
        let stopped = || "the story index's owner thread has stopped".to_string();
        self.jobs.send(job).map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn jobs_run_in_order_and_a_panicking_job_leaves_the_owner_working() {
        let owner = StoryOwner::spawn(Stories::new(Default::default())).unwrap();
        assert_eq!(owner.run(|stories| stories.live()).await, Ok(0));
        let panicked = owner
            .run(|_| -> usize { panic!("a bug in one assignment") })
            .await
            .unwrap_err();
        assert!(panicked.contains("a bug in one assignment"), "{panicked}");
        assert_eq!(owner.run(|stories| stories.live()).await, Ok(0));
    }
}
