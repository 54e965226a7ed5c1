//! The main listener and the `--redirect-http` listener share one connection cap.

use std::io::Write;
use std::time::Duration;

use crate::support::TestServer;

fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

#[tokio::test]
async fn the_redirect_listener_counts_against_the_connection_cap() {
    let port = free_port();
    let s = TestServer::start(&[
        "--redirect-http",
        &format!("127.0.0.1:{port}"),
        "--max-connections",
        "1",
        "--header-timeout",
        "30",
    ]);
    // Wait until the redirect listener answers, on a connection that is then closed.
    let mut up = false;
    for _ in 0..50 {
        if let Ok(mut c) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            let _ = c.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            let mut buf = Vec::new();
            use std::io::Read;
            let _ = c.read_to_end(&mut buf);
            if buf.starts_with(b"HTTP/1.1 308") {
                up = true;
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(up, "the redirect listener answers");
    // Give the server a moment to see that connection closed and free its permit.
    tokio::time::sleep(Duration::from_millis(200)).await;

    // Hold the only permit with an idle connection to the redirect port.
    let held = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let client = s.client.clone();
    let url = s.url("/healthz");
    let request = tokio::spawn(async move { client.get(url).send().await.map(|r| r.status()) });
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(
        !request.is_finished(),
        "the main listener served a request while the redirect listener held the only permit"
    );
    drop(held);
    let status = tokio::time::timeout(Duration::from_secs(20), request)
        .await
        .expect("served once the permit is free")
        .unwrap()
        .unwrap();
    assert_eq!(status, 200);
}
