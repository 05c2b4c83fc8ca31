//! Runs the pipeline, or one role of it, from a configuration file until
//! killed: the process the fault and role tests SIGKILL mid-run (the same
//! `ticker_pipeline::run_role` the `ticker run --role` command calls).
//!
//! Usage: ticker-test-pipeline CONFIG.toml [all|fetch|process|stories|notify]

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: ticker-test-pipeline CONFIG.toml [ROLE]"))?;
    let role: ticker_pipeline::roles::Role = args
        .next()
        .unwrap_or_else(|| "all".into())
        .parse()
        .map_err(|error: String| anyhow::anyhow!(error))?;
    if std::env::var_os("TICKER_LOG").is_some() {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_env("TICKER_LOG"))
            .with_writer(std::io::stderr)
            .try_init();
    }
    let config = ticker_pipeline::Config::load(Some(std::path::Path::new(&path)))?;
    let (_trigger, shutdown) = tokio::sync::watch::channel(false);
    let summary = ticker_pipeline::run_role(
        config,
        role,
        ticker_pipeline::RunOptions { once: false },
        shutdown,
        |_| {},
    )
    .await?;
    println!("{}", serde_json::to_string(&summary)?);
    Ok(())
}
