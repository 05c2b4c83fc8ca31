//! Serves the fixture news site (seed articles as publisher pages, RSS and
//! Atom feeds) on 127.0.0.1 for `make demo`.
//!
//! Usage: ticker-fixture-site [PORT] — prints the base URL, serves until killed.

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let port: u16 = std::env::args()
        .nth(1)
        .map(|p| p.parse())
        .transpose()?
        .unwrap_or(8808);
    let seeds = ticker_tests::load_seeds(&ticker_tests::seeds_dir())?;
    anyhow::ensure!(
        !seeds.is_empty(),
        "no seed articles found in {}",
        ticker_tests::seeds_dir().display()
    );
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let base = format!("http://{}", listener.local_addr()?);
    let files = ticker_tests::build_site(&seeds, &base);
    println!(
        "fixture site on {base}: {} seed pages, feeds {base}/rss.xml and {base}/atom.xml",
        seeds.len()
    );
    ticker_tests::serve(listener, files).await;
    Ok(())
}
