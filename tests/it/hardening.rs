//! The server as an internet-facing web server: TLS and device trust, hostile clients,
//! caching and compression, shutdown, operations. Real server process, real clients.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use crate::support::{build_keys, fixture, make_ipa, rustls_client_config, TestServer, TOKEN};

/// Opens a TLS connection trusting only `ca`, offering `alpn`; returns the negotiated protocol
/// and the server's leaf certificate.
async fn handshake(addr: &str, ca: &std::path::Path, alpn: &[&[u8]]) -> (Option<Vec<u8>>, Vec<u8>) {
    let mut cfg = rustls_client_config(ca);
    cfg.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    let connector = tokio_rustls::TlsConnector::from(Arc::new(cfg));
    let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let name = rustls_pki_types::ServerName::try_from("localhost").unwrap();
    let tls = connector
        .connect(name, tcp)
        .await
        .expect("handshake with a client that trusts only the CA");
    let (_, conn) = tls.get_ref();
    let leaf = conn.peer_certificates().unwrap()[0].to_vec();
    (conn.alpn_protocol().map(|p| p.to_vec()), leaf)
}

#[tokio::test]
async fn tls_alpn_and_the_generated_certificate() {
    let s = TestServer::start(&[]);
    let ca = s.ca_path();
    let (proto, leaf) = handshake(&s.addr, &ca, &[b"h2", b"http/1.1"]).await;
    assert_eq!(proto.as_deref(), Some(&b"h2"[..]));
    let (proto, _) = handshake(&s.addr, &ca, &[b"http/1.1"]).await;
    assert_eq!(proto.as_deref(), Some(&b"http/1.1"[..]));

    // What iOS 13+ requires of the server certificate.
    let (_, cert) = x509_parser::parse_x509_certificate(&leaf).unwrap();
    let days =
        (cert.validity().not_after.timestamp() - cert.validity().not_before.timestamp()) / 86_400;
    assert!(days <= 825, "valid {days} days");
    assert!(
        cert.extended_key_usage()
            .unwrap()
            .unwrap()
            .value
            .server_auth
    );
    let san = cert.subject_alternative_name().unwrap().unwrap();
    let names: Vec<String> = san
        .value
        .general_names
        .iter()
        .map(|n| n.to_string())
        .collect();
    assert!(names.iter().any(|n| n == "DNSName(localhost)"), "{names:?}");
    assert!(san.value.general_names.iter().any(
        |n| matches!(n, x509_parser::extensions::GeneralName::IPAddress(b) if *b == [127, 0, 0, 1])
    ));
    assert!(
        cert.signature_algorithm
            .algorithm
            .to_id_string()
            .starts_with("1.2.840.10045.4.3"),
        "ECDSA with SHA-2"
    );

    // h2 through a real client too.
    let client = reqwest::Client::builder()
        .use_preconfigured_tls({
            let mut c = rustls_client_config(&ca);
            c.alpn_protocols = vec![b"h2".to_vec()];
            c
        })
        .http2_prior_knowledge()
        .build()
        .unwrap();
    let r = client.get(s.url("/healthz")).send().await.unwrap();
    assert_eq!(r.version(), reqwest::Version::HTTP_2);
    assert_eq!(r.text().await.unwrap(), "ok\n");

    // TLS 1.0/1.1 are not offered: a TLS 1.2-only client still works, which is the floor.
    let cfg = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_protocol_versions(&[&rustls::version::TLS12])
    .unwrap()
    .with_root_certificates(crate::support::roots(&ca))
    .with_no_client_auth();
    let tcp = tokio::net::TcpStream::connect(&s.addr).await.unwrap();
    let tls = tokio_rustls::TlsConnector::from(Arc::new(cfg))
        .connect(
            rustls_pki_types::ServerName::try_from("localhost").unwrap(),
            tcp,
        )
        .await
        .unwrap();
    assert_eq!(
        tls.get_ref().1.protocol_version(),
        Some(rustls::ProtocolVersion::TLSv1_2)
    );
}

#[tokio::test]
async fn ca_certificate_and_configuration_profile() {
    let s = TestServer::start(&[]);
    let ca_der = {
        use rustls_pki_types::pem::PemObject;
        rustls_pki_types::CertificateDer::from_pem_file(s.ca_path())
            .unwrap()
            .to_vec()
    };
    let r = s.get(s.url("/ca.mobileconfig")).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["content-type"],
        "application/x-apple-aspen-config"
    );
    // Byte for byte the profile that carries this server's CA and names its public host (the
    // profile's structure, a root payload with the certificate, is checked in
    // src/mobileconfig.rs).
    let host = s.base.split_once("://").unwrap().1;
    assert_eq!(
        r.bytes().await.unwrap().as_ref(),
        &otadrop::mobileconfig::ca_profile(&ca_der, host)[..]
    );

    let r = s.get(s.url("/ca.crt")).await;
    assert_eq!(r.headers()["content-type"], "application/x-x509-ca-cert");
    assert_eq!(r.bytes().await.unwrap().as_ref(), &ca_der[..]);
    let page = s.get(s.url("/ca")).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("/ca.mobileconfig"));
    assert!(html.contains("Certificate Trust Settings"));
    // No HSTS on a private CA.
    let r = s.get(s.url("/")).await;
    assert!(!r.headers().contains_key("strict-transport-security"));
}

/// A CA and a leaf for 127.0.0.1 signed by it, written as PEM files.
fn issue(
    dir: &std::path::Path,
    tag: &str,
) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(rcgen::DnType::CommonName, format!("test CA {tag}"));
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let issuer = rcgen::Issuer::new(ca, ca_key);
    let key = rcgen::KeyPair::generate().unwrap();
    let mut leaf =
        rcgen::CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])
            .unwrap();
    leaf.distinguished_name
        .push(rcgen::DnType::CommonName, format!("leaf {tag}"));
    let leaf_cert = leaf.signed_by(&key, &issuer).unwrap();
    let (c, k, a) = (
        dir.join("cert.pem"),
        dir.join("key.pem"),
        dir.join(format!("ca-{tag}.pem")),
    );
    std::fs::write(&a, ca_cert.pem()).unwrap();
    // Write to temporary names and rename: the reload never sees half a file.
    std::fs::write(
        dir.join("cert.tmp"),
        format!("{}{}", leaf_cert.pem(), ca_cert.pem()),
    )
    .unwrap();
    std::fs::write(dir.join("key.tmp"), key.serialize_pem()).unwrap();
    std::fs::rename(dir.join("key.tmp"), &k).unwrap();
    std::fs::rename(dir.join("cert.tmp"), &c).unwrap();
    (c, k, a)
}

#[tokio::test]
async fn real_certificate_hsts_and_reload_without_restart() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key, ca_a) = issue(dir.path(), "a");
    let s = TestServer::start(&[
        "--tls-cert",
        cert.to_str().unwrap(),
        "--tls-key",
        key.to_str().unwrap(),
        "--public-url",
        "https://localhost",
    ]);
    let (_, leaf_a) = handshake(&s.addr, &ca_a, &[b"http/1.1"]).await;
    let client = crate::support::client_trusting(Some(&ca_a));
    let r = client
        .get(format!(
            "https://localhost:{}/healthz",
            s.addr.rsplit(':').next().unwrap()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["strict-transport-security"], "max-age=31536000");
    assert_eq!(
        client
            .get(format!(
                "https://localhost:{}/ca.mobileconfig",
                s.addr.rsplit(':').next().unwrap()
            ))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );

    // New files: picked up without a restart.
    std::thread::sleep(Duration::from_millis(1100)); // a different mtime
    let (_, _, ca_b) = issue(dir.path(), "b");
    let mut leaf_b = leaf_a.clone();
    for _ in 0..100 {
        let cfg = rustls_client_config(&ca_b);
        let tcp = tokio::net::TcpStream::connect(&s.addr).await.unwrap();
        if let Ok(tls) = tokio_rustls::TlsConnector::from(Arc::new(cfg))
            .connect(
                rustls_pki_types::ServerName::try_from("localhost").unwrap(),
                tcp,
            )
            .await
        {
            leaf_b = tls.get_ref().1.peer_certificates().unwrap()[0].to_vec();
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_ne!(leaf_a, leaf_b, "the new certificate is served");
}

#[test]
fn slow_and_silent_clients_are_dropped() {
    let s = TestServer::start(&["--http", "--header-timeout", "1"]);
    let closed = |mut tcp: TcpStream| {
        tcp.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut buf = [0u8; 1024];
        loop {
            match tcp.read(&mut buf) {
                Ok(0) => return true,
                Ok(_) => continue, // e.g. a 408 answer before the close
                Err(e)
                    if e.kind() == std::io::ErrorKind::WouldBlock
                        || e.kind() == std::io::ErrorKind::TimedOut =>
                {
                    return false
                }
                Err(_) => return true,
            }
        }
    };
    // Silent: connects and sends nothing.
    let tcp = TcpStream::connect(&s.addr).unwrap();
    assert!(closed(tcp), "a silent connection is closed");
    // Slowloris: a header line, then nothing more.
    let mut tcp = TcpStream::connect(&s.addr).unwrap();
    tcp.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-a: ")
        .unwrap();
    assert!(
        closed(tcp),
        "a connection that never finishes its headers is closed"
    );
    // The server still answers others.
    let mut tcp = TcpStream::connect(&s.addr).unwrap();
    tcp.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut out = String::new();
    tcp.read_to_string(&mut out).unwrap();
    assert!(out.starts_with("HTTP/1.1 200"), "{out}");
}

#[test]
fn oversized_targets_and_headers_and_traversal() {
    let s = TestServer::start(&["--http"]);
    let ask = |req: String| {
        let mut tcp = TcpStream::connect(&s.addr).unwrap();
        tcp.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        tcp.write_all(req.as_bytes()).unwrap();
        let mut out = Vec::new();
        let _ = tcp.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    };
    let long = "a".repeat(3000);
    let r = ask(format!(
        "GET /{long} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    ));
    assert!(r.starts_with("HTTP/1.1 414"), "{}", &r[..r.len().min(80)]);
    let big = "b".repeat(100_000);
    let r = ask(format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {big}\r\nConnection: close\r\n\r\n"
    ));
    assert!(
        r.is_empty() || r.starts_with("HTTP/1.1 431") || r.starts_with("HTTP/1.1 400"),
        "{}",
        &r[..r.len().min(80)]
    );
    for path in [
        "/../../../../etc/passwd",
        "/static/..%2f..%2fCargo.toml",
        "/static/../Cargo.toml",
        "/r/..%2f..%2fupload-token/app.ipa",
        "/r/%2e%2e/app.ipa",
        "/apps/..%2f..%2fupload-token",
        "/upload-token",
        "/releases",
    ] {
        let r = ask(format!(
            "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        ));
        assert!(
            r.starts_with("HTTP/1.1 404") || r.starts_with("HTTP/1.1 400"),
            "{path}: {}",
            &r[..r.len().min(80)]
        );
        assert!(
            !r.contains("[package]") && !r.contains(TOKEN) && !r.contains("root:"),
            "{path} leaked a file"
        );
    }
}

#[tokio::test]
async fn compression_caching_and_security_headers() {
    let s = TestServer::start(&[]);
    let up = s.publish(&fixture("ipa/icyleaf__iphone.ipa")).await;
    let page = up["page_url"].as_str().unwrap();
    let plain = s.get(page).await;
    assert_eq!(plain.headers()["cache-control"], "no-cache");
    let vary: Vec<&str> = plain
        .headers()
        .get_all("vary")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert!(
        vary.contains(&"User-Agent") && vary.contains(&"Accept-Encoding"),
        "{vary:?}"
    );
    let csp = plain.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"));
    assert_eq!(plain.headers()["x-content-type-options"], "nosniff");
    assert!(plain.headers().contains_key("referrer-policy"));
    let etag = plain.headers()["etag"].to_str().unwrap().to_string();
    let identity = plain.bytes().await.unwrap();

    // reqwest here has no decompression: the raw encoded bytes come back.
    for (accept, token) in [("br", "br"), ("gzip", "gzip"), ("gzip, deflate, br", "br")] {
        let r = s.get_with(page, &[("accept-encoding", accept)]).await;
        assert_eq!(r.headers()["content-encoding"], token, "{accept}");
        assert_ne!(
            r.headers()["etag"].to_str().unwrap(),
            etag,
            "each variant has its own ETag"
        );
        let body = r.bytes().await.unwrap();
        let mut out = Vec::new();
        match token {
            "br" => brotli::BrotliDecompress(&mut &body[..], &mut out).unwrap(),
            _ => {
                flate2::read::GzDecoder::new(&body[..])
                    .read_to_end(&mut out)
                    .unwrap();
            }
        }
        assert_eq!(out, identity.as_ref());
        assert!(body.len() < identity.len());
    }
    let r = s.get_with(page, &[("if-none-match", &etag)]).await;
    assert_eq!(r.status(), 304);

    // The manifest: immutable, compressed on request.
    let r = s
        .get_with(
            up["manifest_url"].as_str().unwrap(),
            &[("accept-encoding", "gzip")],
        )
        .await;
    assert_eq!(r.headers()["content-encoding"], "gzip");
    assert!(r.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    // The IPA: never re-encoded.
    let r = s
        .get_with(
            up["ipa_url"].as_str().unwrap(),
            &[("accept-encoding", "gzip, br")],
        )
        .await;
    assert!(!r.headers().contains_key("content-encoding"));
    assert!(r.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
}

fn metric(text: &str, line_start: &str) -> u64 {
    text.lines()
        .find(|l| l.starts_with(line_start))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
async fn metrics_follow_requests() {
    let s = TestServer::start(&[]);
    let before = s.admin_text(&s.url("/metrics")).await;
    assert_eq!(metric(&before, "otadrop_install_starts_total"), 0);
    let up = s.publish(&fixture("ipa/icyleaf__iphone.ipa")).await;
    s.fetch(up["manifest_url"].as_str().unwrap()).await;
    s.fetch(up["ipa_url"].as_str().unwrap()).await;
    s.fetch(up["page_url"].as_str().unwrap()).await;
    s.fetch(&s.url("/nope")).await;
    let r = s.upload_bytes(b"not a zip".to_vec()).await;
    assert_eq!(r.status(), 400);
    let after = s.admin_get(s.url("/metrics")).await;
    assert!(after.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    let after = after.text().await.unwrap();
    assert_eq!(metric(&after, "otadrop_install_starts_total"), 1);
    assert_eq!(metric(&after, "otadrop_ipa_downloads_completed_total"), 1);
    assert_eq!(
        metric(&after, "otadrop_uploads_total{result=\"published\"}"),
        1
    );
    assert_eq!(
        metric(&after, "otadrop_uploads_total{result=\"refused\"}"),
        1
    );
    assert_eq!(
        metric(
            &after,
            "otadrop_http_requests_total{route=\"page\",status=\"200\"}"
        ),
        1
    );
    assert_eq!(
        metric(
            &after,
            "otadrop_http_requests_total{route=\"other\",status=\"404\"}"
        ),
        1
    );
    assert_eq!(metric(&after, "otadrop_releases"), 1);
    assert!(metric(&after, "otadrop_http_response_bytes_total") > 42_699);
    assert!(metric(&after, "otadrop_active_connections") >= 1);
}

#[tokio::test]
async fn redirect_listener_points_at_the_public_url() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let s = TestServer::start(&["--redirect-http", &format!("127.0.0.1:{port}")]);
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut r = None;
    for _ in 0..50 {
        if let Ok(resp) = client
            .get(format!("http://127.0.0.1:{port}/r/x?y=1"))
            .header("host", "evil.example")
            .send()
            .await
        {
            r = Some(resp);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let r = r.expect("redirect listener answers");
    assert_eq!(r.status(), 308);
    assert_eq!(
        r.headers()["location"],
        format!("{}/r/x?y=1", s.base).as_str()
    );
}

#[tokio::test]
async fn delete_and_retention_never_break_a_running_download() {
    let s = TestServer::start(&["--keep", "2"]);
    let ipa = |v: &str, pad: usize| {
        make_ipa(
            "Keep.app",
            &build_keys("com.example.keep", v, v, vec![]),
            &[("Payload/Keep.app/pad.bin", &vec![7u8; pad])],
        )
    };
    let first = ipa("1", 8 * 1024 * 1024);
    let up1: serde_json::Value = s.upload_bytes(first.clone()).await.json().await.unwrap();
    // Start downloading release 1, read a little, then make it go away.
    let mut dl = s.get(up1["ipa_url"].as_str().unwrap()).await;
    let mut got = dl.chunk().await.unwrap().unwrap().to_vec();
    let release_url = s.url(&format!("/api/releases/{}", up1["id"].as_str().unwrap()));
    let r = s
        .request_with(reqwest::Method::DELETE, &release_url, &[])
        .await;
    assert_eq!(r.status(), 401, "deleting needs the token");
    let r = s.admin_delete(&release_url).await;
    assert_eq!(r.status(), 204);
    assert_eq!(
        s.client
            .get(up1["page_url"].as_str().unwrap())
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    while let Some(c) = dl.chunk().await.unwrap() {
        got.extend_from_slice(&c);
    }
    assert_eq!(got, first, "the running download finished intact");

    // Retention: keep the newest 2 of an app.
    let mut ids = Vec::new();
    for v in ["2", "3", "4"] {
        let up: serde_json::Value = s.upload_bytes(ipa(v, 10)).await.json().await.unwrap();
        ids.push(up["id"].as_str().unwrap().to_string());
    }
    let list: Vec<serde_json::Value> = s.releases().await;
    let kept: Vec<&str> = list
        .iter()
        .map(|r| r["app"]["version"].as_str().unwrap())
        .collect();
    assert_eq!(kept, ["4", "3"]);
    assert_eq!(
        std::fs::read_dir(s.data.join("releases")).unwrap().count(),
        2
    );
}

#[tokio::test]
async fn graceful_shutdown_lets_a_download_finish() {
    let mut s = TestServer::start(&["--shutdown-grace", "30"]);
    let big = make_ipa(
        "Big.app",
        &[
            ("CFBundleIdentifier", "com.example.big".into()),
            ("CFBundleVersion", "1".into()),
        ],
        &[(
            "Payload/Big.app/blob.bin",
            &crate::support::noise(48 * 1024 * 1024),
        )],
    );
    let up: serde_json::Value = s.upload_bytes(big.clone()).await.json().await.unwrap();
    let mut dl = s.get(up["ipa_url"].as_str().unwrap()).await;
    let mut got = dl.chunk().await.unwrap().unwrap().to_vec();
    // SIGTERM while the download runs (terminate() waits for exit, so signal by hand).
    std::process::Command::new("kill")
        .args(["-TERM", &s_pid(&s)])
        .status()
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    // New connections are refused now...
    assert!(
        TcpStream::connect(&s.addr).is_err(),
        "listener closed on SIGTERM"
    );
    // ...while the running download completes.
    while let Some(c) = dl.chunk().await.unwrap() {
        got.extend_from_slice(&c);
    }
    assert_eq!(
        crate::support::sha256_hex(&got),
        crate::support::sha256_hex(&big)
    );
    let status = s.terminate();
    assert!(status.success(), "clean exit after draining: {status:?}");
}

fn s_pid(s: &TestServer) -> String {
    s.pid().to_string()
}

#[test]
fn config_file_settings() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("otadrop.toml");
    std::fs::write(&cfg, "http = true\nmax-upload = 1234\nkeep = 5\n").unwrap();
    let s = TestServer::start(&["--config", cfg.to_str().unwrap()]);
    assert!(s.base.starts_with("http://"), "{}", s.base);
    std::fs::write(&cfg, "http = true\nno-such-setting = 1\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_otadrop"))
        .args(["serve", "--config", cfg.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no-such-setting"), "{err}");
}

#[tokio::test]
async fn doctor_web_form_diagnoses_without_reaching_local_addresses() {
    let s = TestServer::start(&["--http"]);
    let form = s.get(s.url("/doctor")).await;
    assert_eq!(form.status(), 200);
    assert!(form.text().await.unwrap().contains("<form"));
    let link = "itms-services://?action=download-manifest&amp;amp;url=https://127.0.0.1:9/m.plist";
    let encoded = percent_encoding::utf8_percent_encode(link, percent_encoding::NON_ALPHANUMERIC);
    let r = s.get(s.url(&format!("/doctor?link={encoded}"))).await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("link.escaping"),
        "the double escaping is found"
    );
    assert!(html.contains("would fail"));
    assert!(
        !html.contains("Connection refused"),
        "a stranger's input must not make the server connect to its own network"
    );
    let metrics = s.admin_text(&s.url("/metrics")).await;
    assert!(metrics.contains("route=\"doctor\",status=\"200\"} 2"));
}
