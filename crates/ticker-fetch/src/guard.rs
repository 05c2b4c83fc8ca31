//! Which network addresses ticker may connect to.
//!
//! ticker fetches URLs that third parties write (entry links, sitemap
//! `<loc>`s, links on section pages, redirects). None of them may steer a
//! request into the network ticker runs in: the check is made on the
//! addresses a name resolves to, by the HTTP client's own resolver, for
//! every connection and every redirect hop, so a public name that resolves
//! to a private address (DNS rebinding) is refused like a literal one.
//!
//! Refused: loopback, private (RFC 1918), link-local (with the cloud
//! metadata address 169.254.169.254), carrier-grade NAT (100.64/10),
//! unique-local (fc00::/7), link-local IPv6 (fe80::/10), multicast,
//! unspecified, broadcast, "this network" (0/8), the IETF protocol and
//! benchmarking blocks, the documentation blocks, reserved (240/4), and
//! IPv6 forms that carry such an IPv4 address (IPv4-mapped, IPv4-compatible,
//! NAT64 64:ff9b::/96, 6to4 2002::/16).
//!
//! Allowed anyway: everything when the operator switches the check off
//! (`fetch.allow_private`, for tests and demos), and the hosts of sources
//! the operator marked `allow_private` (an intranet feed), for requests
//! made on behalf of that source.

use std::collections::{BTreeMap, BTreeSet};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

/// What kind of non-public address `ip` is, or `None` for a public one.
pub fn non_public_kind(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(ip) => v4_kind(ip),
        IpAddr::V6(ip) => v6_kind(ip),
    }
}

fn v4_kind(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    Some(match (a, b, c) {
        _ if ip.is_loopback() => "loopback",
        _ if ip.is_unspecified() => "unspecified",
        _ if ip.is_broadcast() => "broadcast",
        (169, 254, _) => "link-local (cloud metadata)",
        _ if ip.is_private() => "private",
        (100, 64..=127, _) => "carrier-grade NAT",
        (0, _, _) => "this-network",
        (192, 0, 0) => "IETF protocol",
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => "documentation",
        (198, 18..=19, _) => "benchmarking",
        (224..=239, _, _) => "multicast",
        (240..=255, _, _) => "reserved",
        _ => return None,
    })
}

fn v6_kind(ip: Ipv6Addr) -> Option<&'static str> {
    let segments = ip.segments();
    if ip.is_loopback() {
        return Some("loopback");
    }
    if ip.is_unspecified() {
        return Some("unspecified");
    }
    if let Some(v4) = ip.to_ipv4_mapped() {
        return v4_kind(v4).map(|_| "IPv4-mapped private");
    }
    // IPv4-compatible (::a.b.c.d, deprecated) and NAT64 (64:ff9b::/96)
    // carry an IPv4 address in their last 32 bits.
    let embedded = Ipv4Addr::new(
        (segments[6] >> 8) as u8,
        segments[6] as u8,
        (segments[7] >> 8) as u8,
        segments[7] as u8,
    );
    if segments[..6].iter().all(|segment| *segment == 0)
        || (segments[0] == 0x64 && segments[1] == 0xff9b && segments[2..6].iter().all(|s| *s == 0))
    {
        return v4_kind(embedded).map(|_| "IPv4-embedding private");
    }
    // 6to4 (2002::/16) carries one in bits 16..48.
    if segments[0] == 0x2002 {
        let v4 = Ipv4Addr::new(
            (segments[1] >> 8) as u8,
            segments[1] as u8,
            (segments[2] >> 8) as u8,
            segments[2] as u8,
        );
        return v4_kind(v4).map(|_| "6to4 private");
    }
    match segments[0] {
        first if first & 0xfe00 == 0xfc00 => Some("unique-local"),
        first if first & 0xffc0 == 0xfe80 => Some("link-local"),
        first if first & 0xff00 == 0xff00 => Some("multicast"),
        // Documentation (2001:db8::/32).
        0x2001 if segments[1] == 0x0db8 => Some("documentation"),
        _ => None,
    }
}

/// Why a connection was not made.
#[derive(Debug, Clone, thiserror::Error)]
#[error("refused: {host} is a {kind} address ({address}); links from a source may not reach into a private network (set allow_private on a source the operator trusts)")]
pub struct Refused {
    /// The host of the URL.
    pub host: String,
    /// The address it is or resolves to.
    pub address: IpAddr,
    /// What kind of address that is.
    pub kind: &'static str,
}

/// Which hosts may be or resolve to non-public addresses.
#[derive(Debug, Clone, Default)]
pub struct AddressPolicy {
    /// Every address is allowed (the check is off).
    pub allow_all: bool,
    /// Hosts (lower case, as in URLs: names or address literals) that may.
    pub trusted_hosts: BTreeSet<String>,
}

impl AddressPolicy {
    /// Whether `host` may be reached at `address`.
    pub fn check(&self, host: &str, address: IpAddr) -> Result<(), Refused> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let host = host.trim_start_matches('[').trim_end_matches(']');
        match non_public_kind(address) {
            Some(kind) if !self.allow_all && !self.trusted_hosts.contains(host) => Err(Refused {
                host: host.to_string(),
                address,
                kind,
            }),
            _ => Ok(()),
        }
    }

    /// Checks a URL whose host is an address literal (the resolver never
    /// sees those). Names pass here; the resolver checks them.
    pub fn check_url(&self, url: &url::Url) -> Result<(), Refused> {
        let address = match url.host() {
            Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip),
            Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip),
            _ => return Ok(()),
        };
        self.check(url.host_str().unwrap_or_default(), address)
    }
}

/// The HTTP client's resolver: the system's (or the configured
/// `overrides`), then the policy on every address.
pub(crate) struct GuardedResolver {
    pub(crate) policy: Arc<AddressPolicy>,
    pub(crate) overrides: Arc<BTreeMap<String, IpAddr>>,
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let policy = Arc::clone(&self.policy);
        let overrides = Arc::clone(&self.overrides);
        let host = name.as_str().trim_end_matches('.').to_ascii_lowercase();
        Box::pin(async move {
            let addresses: Vec<SocketAddr> = match overrides.get(&host) {
                Some(address) => vec![SocketAddr::new(*address, 0)],
                None => tokio::net::lookup_host((host.as_str(), 0)).await?.collect(),
            };
            // One non-public address refuses the name: a mixed answer is
            // how rebinding starts.
            for address in &addresses {
                policy.check(&host, address.ip())?;
            }
            let addrs: reqwest::dns::Addrs = Box::new(addresses.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Option<&'static str> {
        non_public_kind(text.parse().unwrap())
    }

    #[test]
    fn every_non_public_range_is_refused() {
        for (address, expected) in [
            ("127.0.0.1", "loopback"),
            ("127.8.9.10", "loopback"),
            ("10.0.0.5", "private"),
            ("172.16.0.1", "private"),
            ("172.31.255.254", "private"),
            ("192.168.1.1", "private"),
            ("169.254.169.254", "link-local (cloud metadata)"),
            ("100.64.0.1", "carrier-grade NAT"),
            ("100.127.255.254", "carrier-grade NAT"),
            ("0.0.0.0", "unspecified"),
            ("0.1.2.3", "this-network"),
            ("255.255.255.255", "broadcast"),
            ("224.0.0.1", "multicast"),
            ("240.0.0.1", "reserved"),
            ("192.0.2.10", "documentation"),
            ("198.18.0.1", "benchmarking"),
            ("::1", "loopback"),
            ("::", "unspecified"),
            ("fc00::1", "unique-local"),
            ("fd12:3456::1", "unique-local"),
            ("fe80::1", "link-local"),
            ("ff02::1", "multicast"),
            ("::ffff:127.0.0.1", "IPv4-mapped private"),
            ("::ffff:169.254.169.254", "IPv4-mapped private"),
            ("::ffff:10.0.0.5", "IPv4-mapped private"),
            ("::127.0.0.1", "IPv4-embedding private"),
            ("64:ff9b::a00:5", "IPv4-embedding private"),
            ("2002:7f00:1::", "6to4 private"),
            ("2001:db8::1", "documentation"),
        ] {
            assert_eq!(kind(address), Some(expected), "{address}");
        }
    }

    #[test]
    fn passwords_in_urls_are_never_shown() {
        use crate::redact_url;
        assert_eq!(
            redact_url("https://reader:s3cret@intranet.example/feed?x=1"),
            "https://reader:***@intranet.example/feed?x=1"
        );
        assert_eq!(
            redact_url("https://news.example/feed"),
            "https://news.example/feed"
        );
        assert_eq!(redact_url("not a url"), "not a url");
    }

    #[test]
    fn public_addresses_pass() {
        for address in [
            "93.184.216.34",
            "8.8.8.8",
            "172.32.0.1",
            "172.15.255.255",
            "100.63.255.255",
            "100.128.0.1",
            "169.253.0.1",
            "192.169.0.1",
            "2606:4700::1111",
            "::ffff:93.184.216.34",
            "64:ff9b::5db8:d822",
            "2002:5db8:d822::",
        ] {
            assert_eq!(kind(address), None, "{address}");
        }
    }

    #[test]
    fn the_policy_trusts_named_hosts_and_the_switch_only() {
        let metadata: IpAddr = "169.254.169.254".parse().unwrap();
        let strict = AddressPolicy::default();
        let refused = strict.check("news.example", metadata).unwrap_err();
        assert_eq!(refused.kind, "link-local (cloud metadata)");
        assert!(refused.to_string().contains("news.example"));
        assert!(strict
            .check("news.example", "93.184.216.34".parse().unwrap())
            .is_ok());
        let trusting = AddressPolicy {
            allow_all: false,
            trusted_hosts: ["intranet.corp".to_string(), "10.0.0.5".to_string()].into(),
        };
        assert!(trusting
            .check("Intranet.Corp.", "10.1.2.3".parse().unwrap())
            .is_ok());
        assert!(trusting
            .check("other.corp", "10.1.2.3".parse().unwrap())
            .is_err());
        let url = url::Url::parse("http://10.0.0.5:8080/feed").unwrap();
        assert!(trusting.check_url(&url).is_ok());
        let url = url::Url::parse("http://10.0.0.6/feed").unwrap();
        assert!(trusting.check_url(&url).is_err());
        let url = url::Url::parse("http://[::ffff:a00:6]/").unwrap();
        assert!(strict.check_url(&url).is_err());
        let open = AddressPolicy {
            allow_all: true,
            ..Default::default()
        };
        assert!(open.check("anything", metadata).is_ok());
    }
}
