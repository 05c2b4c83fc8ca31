//! Serves the fixture news site (seed articles as publisher pages, RSS and
//! Atom feeds) on 127.0.0.1 for `make demo`.
//!
//! Usage: ticker-fixture-site [PORT] [--pace SECS] — prints the base URL,
//! serves until killed. With `--pace`, the feeds start with the first seed
//! and list one more every SECS seconds; after the last, a follow-up with
//! a changed death toll appears (the story grows as a page watches it).

use std::sync::{Arc, Mutex};
use std::time::Duration;

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let mut port: u16 = 8808;
    let mut pace: Option<f64> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--pace" => pace = Some(args.next().unwrap_or_default().parse()?),
            other => port = other.parse()?,
        }
    }
    let seeds = ticker_tests::load_seeds(&ticker_tests::seeds_dir())?;
    anyhow::ensure!(
        !seeds.is_empty(),
        "no seed articles found in {}",
        ticker_tests::seeds_dir().display()
    );
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let base = format!("http://{}", listener.local_addr()?);
    let full = ticker_tests::build_site(&seeds, &base);
    println!(
        "fixture site on {base}: {} seed pages, feeds {base}/rss.xml and {base}/atom.xml",
        seeds.len()
    );
    let Some(pace) = pace.filter(|p| *p > 0.0) else {
        ticker_tests::serve(listener, full).await;
        return Ok(());
    };
    let files = Arc::new(Mutex::new(ticker_tests::reveal(&full, &seeds, 1)));
    tokio::spawn(ticker_tests::serve_shared(listener, files.clone()));
    println!("site: published 1 of {} articles", seeds.len());
    for shown in 2..=seeds.len() {
        tokio::time::sleep(Duration::from_secs_f64(pace)).await;
        *files.lock().expect("site lock") = ticker_tests::reveal(&full, &seeds, shown);
        println!("site: published {shown} of {} articles", seeds.len());
    }
    tokio::time::sleep(Duration::from_secs_f64(pace)).await;
    ticker_tests::publish_update(&mut files.lock().expect("site lock"), &seeds, &base);
    println!("site: published the follow-up (death toll 164 -> 225)");
    std::future::pending::<()>().await;
    Ok(())
}
