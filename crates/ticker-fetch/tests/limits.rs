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

/// A client for the loopback test servers (the address check is off;
/// `tests/guard.rs` tests it).
fn client(timeout_ms: u64, max_body: usize) -> HttpClient {
    HttpClient::new(FetchLimits {
        timeout: Duration::from_millis(timeout_ms),
        max_body_bytes: max_body,
        allow_private: true,
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

#[tokio::test]
async fn retry_after_dates_and_expires_set_how_long_to_wait() {
    let base = server(|mut stream, head| async move {
        let now = chrono::Utc::now();
        let response = if head.starts_with("GET /storm") {
            let at = (now + chrono::Duration::seconds(600)).to_rfc2822();
            format!("HTTP/1.1 429 Too Many Requests\r\nretry-after: {at}\r\ncontent-length: 0\r\n\r\n")
        } else {
            let date = now.to_rfc2822();
            let expires = (now + chrono::Duration::seconds(900)).to_rfc2822();
            format!("HTTP/1.1 200 OK\r\ndate: {date}\r\nexpires: {expires}\r\ncontent-length: 2\r\n\r\nok")
        };
        let _ = stream.write_all(response.as_bytes()).await;
    })
    .await;
    let client = client(5_000, 1024);
    match client
        .get(&format!("{base}/storm"), &Validators::default())
        .await
        .unwrap_err()
    {
        FetchError::Status {
            status: 429,
            retry_after: Some(seconds),
            ..
        } => assert!((595..=600).contains(&seconds), "{seconds}"),
        other => panic!("{other}"),
    }
    let fetched = client
        .get(&format!("{base}/feed"), &Validators::default())
        .await
        .unwrap();
    assert_eq!(fetched.max_age, Some(900));
}

#[tokio::test]
async fn gzip_bomb_is_cut_after_decompression() {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(&vec![b'a'; 50 * 1024 * 1024]).unwrap();
    let bomb = std::sync::Arc::new(encoder.finish().unwrap());
    assert!(bomb.len() < 200 * 1024, "the bomb is small on the wire");
    let base = server(move |mut stream, _| {
        let bomb = bomb.clone();
        async move {
            let head = format!("HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-encoding: gzip\r\ncontent-length: {}\r\n\r\n", bomb.len());
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.write_all(&bomb).await;
        }
    })
    .await;
    let error = client(10_000, 1024 * 1024)
        .get(&format!("{base}/bomb"), &Validators::default())
        .await
        .unwrap_err();
    assert!(matches!(error, FetchError::TooLarge { .. }), "{error}");
}

#[tokio::test]
async fn redirect_loops_and_long_chains_end_in_an_error() {
    let base = server(|mut stream, head| async move {
        let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
        let response = if path == "/loop" {
            "HTTP/1.1 302 Found\r\nlocation: /loop\r\ncontent-length: 0\r\n\r\n".to_string()
        } else if let Some(n) = path.strip_prefix("/chain/") {
            let n: u32 = n.parse().unwrap_or(0);
            if n == 0 {
                "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok".to_string()
            } else {
                format!(
                    "HTTP/1.1 302 Found\r\nlocation: /chain/{}\r\ncontent-length: 0\r\n\r\n",
                    n - 1
                )
            }
        } else {
            "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok".to_string()
        };
        let _ = stream.write_all(response.as_bytes()).await;
    })
    .await;
    let permissive = HttpClient::new(FetchLimits {
        timeout: Duration::from_secs(5),
        max_redirects: 5,
        allow_private: true,
        ..FetchLimits::default()
    })
    .unwrap();
    let error = permissive
        .get(&format!("{base}/loop"), &Validators::default())
        .await
        .unwrap_err();
    assert!(error.to_string().contains("redirects"), "{error}");
    let error = permissive
        .get(&format!("{base}/chain/20"), &Validators::default())
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("more than 5 redirects"),
        "{error}"
    );
    assert_eq!(
        permissive
            .get(&format!("{base}/chain/3"), &Validators::default())
            .await
            .unwrap()
            .body,
        b"ok"
    );
}

#[tokio::test]
async fn oversized_headers_end_in_an_error() {
    let base = server(|mut stream, _| async move {
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nx-filler: ").await;
        let chunk = vec![b'a'; 64 * 1024];
        for _ in 0..64 {
            if stream.write_all(&chunk).await.is_err() {
                return;
            }
        }
        let _ = stream.write_all(b"\r\ncontent-length: 2\r\n\r\nok").await;
    })
    .await;
    let error = client(5_000, 1024 * 1024)
        .get(&format!("{base}/headers"), &Validators::default())
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            FetchError::Transport { .. } | FetchError::Timeout { .. }
        ),
        "{error}"
    );
}
