//! Runs the pipeline from a configuration file until killed: the process
//! the fault tests SIGKILL mid-run (the same `ticker_pipeline::run` the
//! `ticker run` command calls).
//!
//! Usage: ticker-test-pipeline CONFIG.toml

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: ticker-test-pipeline CONFIG.toml"))?;
    let config = ticker_pipeline::Config::load(Some(std::path::Path::new(&path)))?;
    let (_trigger, shutdown) = tokio::sync::watch::channel(false);
    let summary = ticker_pipeline::run(
        config,
        ticker_pipeline::RunOptions { once: false },
        shutdown,
    )
    .await?;
    println!("{}", serde_json::to_string(&summary)?);
    Ok(())
}
