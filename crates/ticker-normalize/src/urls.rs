//! Canonical URLs: tracking parameters stripped, host lower-cased, fragment
//! dropped, so that the same article reached through several feeds gets
//! the same id.

const TRACKING_PREFIXES: &[&str] = &["utm_", "mc_", "pk_", "at_", "wt_"];
const TRACKING_NAMES: &[&str] = &[
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "ref", "ref_src", "cmpid", "icid",
    "ocid", "xtor", "wt.mc_id", "s_cid", "feature", "rss", "r",
];

/// Canonicalizes a URL; input that is not a URL comes back unchanged.
pub fn canonicalize(input: &str) -> String {
    let Ok(mut url) = url::Url::parse(input.trim()) else {
        return input.trim().to_string();
    };
    url.set_fragment(None);
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(name, _)| {
            let lower = name.to_ascii_lowercase();
            !TRACKING_PREFIXES
                .iter()
                .any(|prefix| lower.starts_with(prefix))
                && !TRACKING_NAMES.contains(&lower.as_str())
        })
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    if let Some(host) = url.host_str() {
        let host = host.to_ascii_lowercase();
        let _ = url.set_host(Some(&host));
    }
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::canonicalize;

    #[test]
    fn strips_tracking_and_fragment() {
        assert_eq!(
            canonicalize("https://WWW.Example.org/a/b.html?utm_source=rss&utm_medium=x&id=7#top"),
            "https://www.example.org/a/b.html?id=7"
        );
        assert_eq!(
            canonicalize("https://e.org/x?fbclid=abc"),
            "https://e.org/x"
        );
        assert_eq!(canonicalize("not a url"), "not a url");
    }
}
