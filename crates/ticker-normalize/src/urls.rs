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

/// The identity of a canonical URL, from which the article id is made:
/// scheme (http or https), a leading `www.`, a trailing slash and the order
/// of query parameters do not make another article.
pub fn identity(canonical: &str) -> String {
    let Ok(url) = url::Url::parse(canonical) else {
        return canonical.to_string();
    };
    let Some(host) = url.host_str() else {
        return canonical.to_string();
    };
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let port = url
        .port()
        .map(|port| format!(":{port}"))
        .unwrap_or_default();
    let path = url.path();
    let path = match path.len() > 1 {
        true => path.trim_end_matches('/'),
        false => "",
    };
    let mut pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    pairs.sort();
    let query: Vec<String> = pairs
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    let query = match query.is_empty() {
        true => String::new(),
        false => format!("?{}", query.join("&")),
    };
    format!("{host}{port}{path}{query}")
}

#[cfg(test)]
mod tests {
    use super::{canonicalize, identity};

    #[test]
    fn one_article_whatever_the_scheme_www_slash_or_parameter_order() {
        let one = identity(&canonicalize(
            "https://www.tagesschau.de/ausland/a.html?b=2&a=1",
        ));
        for other in [
            "http://tagesschau.de/ausland/a.html?a=1&b=2",
            "https://WWW.tagesschau.de/ausland/a.html?a=1&b=2&utm_source=rss",
        ] {
            assert_eq!(identity(&canonicalize(other)), one, "{other}");
        }
        assert_eq!(
            identity("https://e.org/dir/"),
            identity("https://e.org/dir")
        );
        assert_ne!(identity("https://e.org/a"), identity("https://e.org/b"));
        assert_ne!(
            identity("https://e.org:8080/a"),
            identity("https://e.org/a")
        );
        assert_ne!(
            identity("https://e.org/a?id=1"),
            identity("https://e.org/a?id=2")
        );
    }

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
