//! The HTTP client.

use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use reqwest::header::{
    HeaderMap, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED,
};
use reqwest::{redirect, StatusCode};

/// Limits every fetch obeys.
#[derive(Debug, Clone)]
pub struct FetchLimits {
    /// Deadline for the whole request, body included.
    pub timeout: Duration,
    /// Deadline for establishing the connection.
    pub connect_timeout: Duration,
    /// Largest body accepted, after decompression.
    pub max_body_bytes: usize,
    /// Most redirects followed.
    pub max_redirects: usize,
    /// The User-Agent header, with a contact.
    pub user_agent: String,
    /// Connect to private, loopback, link-local and other non-public
    /// addresses anywhere (off by default: a feed must not steer ticker
    /// into the local network; see [`crate::guard`]). For tests and demos.
    pub allow_private: bool,
    /// Hosts that may be or resolve to non-public addresses: the hosts of
    /// sources the operator trusts (`allow_private` on a source).
    pub trusted_hosts: BTreeSet<String>,
    /// Names resolved to fixed addresses instead of asking DNS (like curl's
    /// `--resolve`); the address policy still applies.
    pub resolve: BTreeMap<String, IpAddr>,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits {
            timeout: Duration::from_secs(20),
            connect_timeout: Duration::from_secs(5),
            max_body_bytes: 8 * 1024 * 1024,
            max_redirects: 5,
            user_agent: concat!(
                "ticker/",
                env!("CARGO_PKG_VERSION"),
                " (+https://example.invalid/ticker)"
            )
            .to_string(),
            allow_private: false,
            trusted_hosts: BTreeSet::new(),
            resolve: BTreeMap::new(),
        }
    }
}

/// Conditional GET validators from an earlier response.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// The `ETag` the server sent.
    pub etag: Option<String>,
    /// The `Last-Modified` the server sent.
    pub last_modified: Option<String>,
}

/// A successful response.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL after redirects.
    pub final_url: String,
    /// The status code (2xx).
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// Validators for the next conditional GET.
    pub validators: Validators,
    /// The decompressed body.
    pub body: Vec<u8>,
    /// How long the server says the response stays fresh (`Cache-Control:
    /// max-age`), in seconds: a poller need not come back sooner.
    pub max_age: Option<u64>,
}

/// Why a fetch failed.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The server said the resource has not changed since the validators.
    #[error("{url}: not modified")]
    NotModified {
        /// The URL.
        url: String,
    },
    /// A non-success status.
    #[error("{url}: HTTP {status}")]
    Status {
        /// The URL.
        url: String,
        /// The status code.
        status: u16,
        /// `Retry-After` in seconds, when the server sent one.
        retry_after: Option<u64>,
    },
    /// The whole request took longer than the deadline.
    #[error("{url}: no complete response within {seconds} s")]
    Timeout {
        /// The URL.
        url: String,
        /// The deadline.
        seconds: u64,
    },
    /// The body was larger than the limit.
    #[error("{url}: body larger than {limit} bytes")]
    TooLarge {
        /// The URL.
        url: String,
        /// The limit.
        limit: usize,
    },
    /// The URL (or a redirect hop, or the address its name resolves to)
    /// lies in a network ticker may not reach from there.
    #[error("{url}: {reason}")]
    Refused {
        /// The URL.
        url: String,
        /// Which host, which address, and why.
        reason: String,
    },
    /// Connection, TLS, redirect or protocol failure.
    #[error("{url}: {reason}")]
    Transport {
        /// The URL.
        url: String,
        /// What went wrong.
        reason: String,
    },
}

impl FetchError {
    /// Whether a later retry may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            FetchError::Status { status, .. } => *status == 429 || *status >= 500,
            FetchError::Timeout { .. } | FetchError::Transport { .. } => true,
            FetchError::NotModified { .. }
            | FetchError::TooLarge { .. }
            | FetchError::Refused { .. } => false,
        }
    }
}

/// The HTTP client shared by all fetchers (it pools connections).
#[derive(Debug, Clone)]
pub struct HttpClient {
    client: reqwest::Client,
    limits: FetchLimits,
    policy: Arc<crate::guard::AddressPolicy>,
}

impl HttpClient {
    /// Builds a client with the given limits.
    pub fn new(limits: FetchLimits) -> Result<Self, FetchError> {
        let policy = Arc::new(crate::guard::AddressPolicy {
            allow_all: limits.allow_private,
            trusted_hosts: limits
                .trusted_hosts
                .iter()
                .map(|host| host.trim_end_matches('.').to_ascii_lowercase())
                .collect(),
        });
        let resolver = crate::guard::GuardedResolver {
            policy: Arc::clone(&policy),
            overrides: Arc::new(
                limits
                    .resolve
                    .iter()
                    .map(|(name, address)| (name.to_ascii_lowercase(), *address))
                    .collect(),
            ),
        };
        let client = reqwest::Client::builder()
            .user_agent(limits.user_agent.clone())
            .connect_timeout(limits.connect_timeout)
            .redirect(redirect_policy(limits.max_redirects, Arc::clone(&policy)))
            .dns_resolver(Arc::new(resolver))
            // A proxy from the environment would connect in our stead,
            // past the address check.
            .no_proxy()
            .build()
            .map_err(|error| FetchError::Transport {
                url: String::new(),
                reason: format!("cannot build the HTTP client: {error}"),
            })?;
        Ok(HttpClient {
            client,
            limits,
            policy,
        })
    }

    /// The limits in force.
    pub fn limits(&self) -> &FetchLimits {
        &self.limits
    }

    /// GETs `url`, conditionally when validators are given.
    pub async fn get(&self, url: &str, validators: &Validators) -> Result<Fetched, FetchError> {
        let deadline = self.limits.timeout;
        match tokio::time::timeout(deadline, self.get_unbounded(url, validators)).await {
            Ok(result) => result,
            Err(_) => Err(FetchError::Timeout {
                url: redact_url(url),
                seconds: deadline.as_secs(),
            }),
        }
    }

    /// POSTs `body` as JSON with `headers` (a webhook delivery) under the
    /// same address policy as every request; returns the status code.
    pub async fn post_json(
        &self,
        url: &str,
        body: Vec<u8>,
        headers: &[(&str, String)],
    ) -> Result<u16, FetchError> {
        self.check_literal(url)?;
        let mut request = self
            .client
            .post(url)
            .header(CONTENT_TYPE, "application/json")
            .timeout(self.limits.timeout)
            .body(body);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let response = request
            .send()
            .await
            .map_err(|error| request_error(url, error))?;
        Ok(response.status().as_u16())
    }

    /// Refuses a URL whose host is an address literal the policy refuses
    /// (the resolver never sees those; names are checked when resolved).
    fn check_literal(&self, url: &str) -> Result<(), FetchError> {
        match url::Url::parse(url) {
            Ok(parsed) => self
                .policy
                .check_url(&parsed)
                .map_err(|refused| FetchError::Refused {
                    url: redact_url(url),
                    reason: refused.to_string(),
                }),
            Err(_) => Ok(()),
        }
    }

    async fn get_unbounded(
        &self,
        url: &str,
        validators: &Validators,
    ) -> Result<Fetched, FetchError> {
        let transport = |error: reqwest::Error| request_error(url, error);
        self.check_literal(url)?;
        let mut request = self.client.get(url);
        if let Some(etag) = &validators.etag {
            request = request.header(IF_NONE_MATCH, etag);
        }
        if let Some(last_modified) = &validators.last_modified {
            request = request.header(IF_MODIFIED_SINCE, last_modified);
        }
        let response = request.send().await.map_err(transport)?;
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED {
            return Err(FetchError::NotModified {
                url: redact_url(url),
            });
        }
        if !status.is_success() {
            return Err(FetchError::Status {
                url: redact_url(url),
                status: status.as_u16(),
                retry_after: retry_after(response.headers()),
            });
        }
        let final_url = response.url().to_string();
        let headers = response.headers().clone();
        let limit = self.limits.max_body_bytes;
        if response
            .content_length()
            .is_some_and(|length| length as usize > limit)
        {
            return Err(FetchError::TooLarge {
                url: redact_url(url),
                limit,
            });
        }
        let mut body = Vec::new();
        let mut stream = response.bytes_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(transport)?;
            if body.len() + chunk.len() > limit {
                return Err(FetchError::TooLarge {
                    url: redact_url(url),
                    limit,
                });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched {
            final_url,
            status: status.as_u16(),
            content_type: header_string(&headers, CONTENT_TYPE.as_str()),
            validators: Validators {
                etag: header_string(&headers, ETAG.as_str()),
                last_modified: header_string(&headers, LAST_MODIFIED.as_str()),
            },
            body,
            max_age: max_age(&headers),
        })
    }
}

/// Follows at most `max` redirects (a loop ends there too), none to an
/// address literal the policy refuses (names are checked when resolved).
fn redirect_policy(max: usize, policy: Arc<crate::guard::AddressPolicy>) -> redirect::Policy {
    redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() > max {
            return attempt.error(format!("more than {max} redirects"));
        }
        if let Err(refused) = policy.check_url(attempt.url()) {
            return attempt.error(refused);
        }
        attempt.follow()
    })
}

/// A failed request as ticker reports it: a refused address when the
/// guard said no somewhere in the chain, else the transport error, with
/// the URL given apart and without its password.
fn request_error(url: &str, error: reqwest::Error) -> FetchError {
    match refusal(&error) {
        Some(reason) => FetchError::Refused {
            url: redact_url(url),
            reason,
        },
        None => FetchError::Transport {
            url: redact_url(url),
            reason: error_chain(&error.without_url()),
        },
    }
}

/// The address refusal somewhere in an error's chain, if any.
fn refusal(error: &(dyn std::error::Error + 'static)) -> Option<String> {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(error) = current {
        if let Some(refused) = error.downcast_ref::<crate::guard::Refused>() {
            return Some(refused.to_string());
        }
        current = error.source();
    }
    None
}

fn header_string(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::to_string)
}

/// Seconds the response stays fresh: `Cache-Control: max-age` (or
/// `s-maxage`), else `Expires` minus the server's `Date` (or now).
fn max_age(headers: &HeaderMap) -> Option<u64> {
    let from_cache_control = header_string(headers, "cache-control").and_then(|cache_control| {
        cache_control
            .split(',')
            .filter_map(|directive| {
                let directive = directive.trim();
                directive
                    .strip_prefix("max-age=")
                    .or_else(|| directive.strip_prefix("s-maxage="))
            })
            .find_map(|value| value.trim().trim_matches('"').parse().ok())
    });
    from_cache_control.or_else(|| {
        let expires = http_date(&header_string(headers, "expires")?)?;
        let now = header_string(headers, "date")
            .and_then(|date| http_date(&date))
            .unwrap_or_else(chrono::Utc::now);
        u64::try_from((expires - now).num_seconds()).ok()
    })
}

/// `Retry-After` in seconds: delta seconds or an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<u64> {
    let value = header_string(headers, "retry-after")?;
    let value = value.trim();
    value.parse().ok().or_else(|| {
        let at = http_date(value)?;
        Some(u64::try_from((at - chrono::Utc::now()).num_seconds()).unwrap_or(0))
    })
}

/// An HTTP date (RFC 9110 IMF-fixdate; RFC 850 and asctime are obsolete
/// and read as absent).
fn http_date(value: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc2822(value.trim())
        .ok()
        .map(|date| date.with_timezone(&chrono::Utc))
}

/// `url` with the password of its user information replaced by `***`,
/// for everything ticker prints or publishes (errors, logs, the source of
/// article records); the request itself uses the URL as written.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_string(),
    }
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
