//! `discover` against the fixture site on 127.0.0.1.

use ticker_fetch::{discover::discover, FetchLimits, HttpClient};

#[tokio::test]
async fn discovers_the_fixture_sites_feeds() {
    let seeds = ticker_tests::load_seeds(&ticker_tests::seeds_dir()).unwrap();
    let (base, _site) = ticker_tests::start_site(&seeds).await.unwrap();
    let client = HttpClient::new(FetchLimits {
        allow_private: true,
        ..FetchLimits::default()
    })
    .unwrap();
    let feeds = discover(&client, &format!("{base}/")).await.unwrap();
    assert_eq!(feeds.len(), 1, "{feeds:?}");
    assert_eq!(feeds[0].url, format!("{base}/rss.xml"));
    assert_eq!(feeds[0].how, "declared");
    // A feed URL is its own feed.
    let feeds = discover(&client, &format!("{base}/atom.xml"))
        .await
        .unwrap();
    assert_eq!(feeds[0].title.as_deref(), Some("Ticker Testpost"));
}
