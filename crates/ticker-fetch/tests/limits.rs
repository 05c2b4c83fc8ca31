//! Fetch limits against real servers on 127.0.0.1: a body that never ends,
//! a server that trickles, a 404 with Retry-After, conditional GET.

use std::time::Duration;

use ticker_fetch::{FetchError, FetchLimits, HttpClient, Validators};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Serves every connection with `respond` after reading the request head.
async fn server<F, Fut>(respond: F) -> String
where
    F: Fn(tokio::net::TcpStream, String) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let respond = std::sync::Arc::new(respond);
    tokio::spawn(async move {
        loop {
            let (mut stream, _) = listener.accept().await.unwrap();
            let respond = respond.clone();
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buffer = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buffer[..n]),
                    }
                }
                respond(stream, String::from_utf8_lossy(&head).into_owned()).await;
            });
        }
    });
    base
}

fn client(timeout_ms: u64, max_body: usize) -> HttpClient {
    HttpClient::new(FetchLimits {
        timeout: Duration::from_millis(timeout_ms),
        max_body_bytes: max_body,
        ..FetchLimits::default()
    })
    .unwrap()
}

#[tokio::test]
async fn endless_body_is_cut_at_the_limit() {
    let base = server(|mut stream, _| async move {
        let _ = stream
            .write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ntransfer-encoding: chunked\r\n\r\n",
            )
            .await;
        let chunk = format!("{:x}\r\n{}\r\n", 65536, "a".repeat(65536));
        while stream.write_all(chunk.as_bytes()).await.is_ok() {}
    })
    .await;
    let error = client(10_000, 1024 * 1024)
        .get(&format!("{base}/endless"), &Validators::default())
        .await
        .unwrap_err();
    assert!(
        matches!(error, FetchError::TooLarge { limit: 1048576, .. }),
        "{error}"
    );
}

#[tokio::test]
async fn trickling_server_hits_the_deadline() {
    let base = server(|mut stream, _| async move {
        let _ = stream
            .write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 100000\r\n\r\n",
            )
            .await;
        loop {
            if stream.write_all(b"x").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    })
    .await;
    let started = std::time::Instant::now();
    let error = client(1_000, 1024 * 1024)
        .get(&format!("{base}/slow"), &Validators::default())
        .await
        .unwrap_err();
    assert!(matches!(error, FetchError::Timeout { .. }), "{error}");
    assert!(error.is_retryable());
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn status_retry_after_and_conditional_get() {
    let base = server(|mut stream, head| async move {
        let response: &[u8] = if head.starts_with("GET /busy") {
            b"HTTP/1.1 503 Service Unavailable\r\nretry-after: 120\r\ncontent-length: 0\r\n\r\n"
        } else if head.to_ascii_lowercase().contains("if-none-match: \"v1\"") {
            b"HTTP/1.1 304 Not Modified\r\ncontent-length: 0\r\n\r\n"
        } else {
            b"HTTP/1.1 200 OK\r\ncontent-type: application/rss+xml\r\netag: \"v1\"\r\ncontent-length: 5\r\n\r\nhello"
        };
        let _ = stream.write_all(response).await;
    })
    .await;
    let client = client(5_000, 1024);
    match client
        .get(&format!("{base}/busy"), &Validators::default())
        .await
        .unwrap_err()
    {
        FetchError::Status {
            status: 503,
            retry_after: Some(120),
            ..
        } => {}
        other => panic!("{other}"),
    }
    let fetched = client
        .get(&format!("{base}/feed"), &Validators::default())
        .await
        .unwrap();
    assert_eq!(fetched.body, b"hello");
    assert_eq!(fetched.validators.etag.as_deref(), Some("\"v1\""));
    let again = client
        .get(&format!("{base}/feed"), &fetched.validators)
        .await
        .unwrap_err();
    assert!(matches!(again, FetchError::NotModified { .. }), "{again}");
}
