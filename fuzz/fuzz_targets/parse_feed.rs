//! Any bytes as a feed, a sitemap or a section page: parsing ends in a
//! result or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = ticker_fetch::parse_feed(data, "https://fuzz.example/feed", None);
    let _ = ticker_fetch::parse_feed(data, "https://fuzz.example/feed", Some("text/xml; charset=iso-8859-1"));
    let _ = ticker_fetch::sitemap::parse_sitemap(data, "https://fuzz.example/sitemap.xml", 1 << 20);
    let _ = ticker_fetch::content::check_page(Some("text/html"), data);
    if let Ok(html) = std::str::from_utf8(data) {
        let _ = ticker_fetch::section::article_links(html, "https://fuzz.example/", None);
    }
});
