//! The address check where connections are made, against a real server on
//! 127.0.0.1. Names that look public are mapped to loopback by the
//! client's resolver overrides; nothing here sends traffic anywhere but
//! 127.0.0.0/8.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use ticker_fetch::{FetchError, FetchLimits, HttpClient, Validators};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A server on 127.0.0.1 that counts requests: `/to/<url>` redirects to
/// `<url>`, everything else answers "ok".
async fn server() -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let requests = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&requests);
    tokio::spawn(async move {
        loop {
            let (mut stream, _) = listener.accept().await.unwrap();
            let counter = Arc::clone(&counter);
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buffer = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buffer[..n]),
                    }
                }
                counter.fetch_add(1, Ordering::SeqCst);
                let head = String::from_utf8_lossy(&head).into_owned();
                let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
                let response = match path.strip_prefix("/to/") {
                    Some(target) => format!(
                        "HTTP/1.1 302 Found\r\nlocation: {target}\r\ncontent-length: 0\r\n\r\n"
                    ),
                    None => "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok".to_string(),
                };
                let _ = stream.write_all(response.as_bytes()).await;
            });
        }
    });
    (port, requests)
}

fn client(trusted: &[&str]) -> HttpClient {
    HttpClient::new(FetchLimits {
        timeout: Duration::from_secs(5),
        trusted_hosts: trusted.iter().map(|host| host.to_string()).collect(),
        resolve: [
            ("news.example", "127.0.0.1"),
            ("intranet.example", "127.0.0.1"),
        ]
        .into_iter()
        .map(|(name, address)| (name.to_string(), address.parse().unwrap()))
        .collect(),
        ..FetchLimits::default()
    })
    .unwrap()
}

async fn refused(client: &HttpClient, url: &str) -> String {
    match client.get(url, &Validators::default()).await {
        Err(error @ FetchError::Refused { .. }) => {
            assert!(!error.is_retryable());
            error.to_string()
        }
        other => panic!("{url}: expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn links_into_loopback_are_refused_before_any_connection() {
    let (port, requests) = server().await;
    let strict = client(&[]);
    // An address literal, localhost, and a public-looking name that
    // resolves to loopback.
    let reason = refused(&strict, &format!("http://127.0.0.1:{port}/page")).await;
    assert!(reason.contains("loopback"), "{reason}");
    let reason = refused(&strict, &format!("http://[::ffff:127.0.0.1]:{port}/page")).await;
    assert!(reason.contains("private"), "{reason}");
    let reason = refused(&strict, &format!("http://localhost:{port}/page")).await;
    assert!(
        reason.contains("localhost is a loopback address"),
        "{reason}"
    );
    let reason = refused(&strict, &format!("http://news.example:{port}/page")).await;
    assert!(
        reason.contains("news.example is a loopback address (127.0.0.1)"),
        "{reason}"
    );
    assert_eq!(
        requests.load(Ordering::SeqCst),
        0,
        "no request reached the server"
    );
}

#[tokio::test]
async fn a_trusted_host_is_fetched_and_its_redirects_out_of_it_are_refused() {
    let (port, requests) = server().await;
    let trusting = client(&["intranet.example"]);
    let fetched = trusting
        .get(
            &format!("http://intranet.example:{port}/feed"),
            &Validators::default(),
        )
        .await
        .unwrap();
    assert_eq!(fetched.body, b"ok");
    // A redirect on the same host is followed.
    let fetched = trusting
        .get(
            &format!("http://intranet.example:{port}/to/http://intranet.example:{port}/next"),
            &Validators::default(),
        )
        .await
        .unwrap();
    assert_eq!(fetched.body, b"ok");
    assert_eq!(requests.load(Ordering::SeqCst), 3);
    // Redirect chains that end on loopback under another name.
    for target in [
        format!("http://127.0.0.1:{port}/secret"),
        format!("http://localhost:{port}/secret"),
        format!("http://news.example:{port}/secret"),
    ] {
        let url = format!("http://intranet.example:{port}/to/{target}");
        let reason = refused(&trusting, &url).await;
        assert!(reason.contains("loopback"), "{reason}");
    }
    // Only the three redirecting requests reached the server.
    assert_eq!(requests.load(Ordering::SeqCst), 6);
    // The same hosts through a client that trusts nothing.
    let strict = client(&[]);
    refused(&strict, &format!("http://intranet.example:{port}/feed")).await;
    assert_eq!(requests.load(Ordering::SeqCst), 6);
}

#[tokio::test]
async fn the_global_switch_allows_everything() {
    let (port, _) = server().await;
    let open = HttpClient::new(FetchLimits {
        allow_private: true,
        ..FetchLimits::default()
    })
    .unwrap();
    let fetched = open
        .get(
            &format!("http://127.0.0.1:{port}/to/http://localhost:{port}/x"),
            &Validators::default(),
        )
        .await
        .unwrap();
    assert_eq!(fetched.body, b"ok");
}
