//! `--storage s3://...`: otadrop nodes on one bucket of a real S3 server (s3s-fs, installed by
//! tests/tools/setup-s3.sh) on 127.0.0.1, the nodes over HTTPS with their local CA.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::support::share::{bare, get, install_from, link_for, INSTALLER, SAFARI};
use crate::support::{app_ipa, fixture, sha256_hex, TestServer, TOKEN};

const BUCKET: &str = "otadrop";
const KEY: &str = "test-access-key";
const SECRET: &str = "test-secret-key-0123456789";
/// The share links' signing key every node (and a migrated folder's server) has.
const SIGNING_KEY: &str = "shared-signing-key-0123456789abcdef";

/// A running s3s-fs over a temporary root; killed when dropped.
pub struct S3Server {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

impl S3Server {
    fn binary() -> Option<PathBuf> {
        let root = std::env::var_os("OTADROP_TOOLS")
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache/otadrop-tools"))
            })?;
        let bin = root.join("bin/s3s-fs");
        if bin.is_file() {
            return Some(bin);
        }
        let on_path = Command::new("s3s-fs")
            .arg("--help")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        on_path.is_ok().then(|| PathBuf::from("s3s-fs"))
    }

    /// Starts the server, or returns None (test skipped) when s3s-fs is missing outside CI;
    /// under CI=true a missing s3s-fs fails the test.
    pub fn start() -> Option<S3Server> {
        let bin = Self::binary();
        if !crate::support::tools::present("s3s-fs (tests/tools/setup-s3.sh)", bin.is_some()) {
            return None;
        }
        let bin = bin?;
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(BUCKET)).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(bin)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .args(["--access-key", KEY, "--secret-key", SECRET])
            .arg(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn s3s-fs");
        let s = S3Server { child, port, dir };
        let until = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < until, "s3s-fs did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(s)
    }

    pub fn env(&self) -> Vec<(String, String)> {
        [
            ("AWS_ACCESS_KEY_ID", KEY.to_string()),
            ("AWS_SECRET_ACCESS_KEY", SECRET.to_string()),
            ("AWS_REGION", "us-east-1".to_string()),
            (
                "AWS_ENDPOINT_URL",
                format!("http://127.0.0.1:{}", self.port),
            ),
            ("AWS_ALLOW_HTTP", "true".to_string()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Files under the bucket's `prefix/sub` folder (recursively), as paths relative to it.
    pub fn files(&self, rel: &str) -> Vec<String> {
        let base = self.dir.path().join(BUCKET).join(rel);
        let mut out = Vec::new();
        let mut stack = vec![base.clone()];
        while let Some(d) = stack.pop() {
            let Ok(rd) = std::fs::read_dir(&d) else {
                continue;
            };
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    out.push(p.strip_prefix(&base).unwrap().display().to_string());
                }
            }
        }
        out
    }

    /// Whether nothing of an unfinished upload is left under `prefix`: no multipart upload in
    /// progress, no staging marker, no blob.
    pub fn no_upload_left(&self, prefix: &str) -> bool {
        self.pending_parts().is_empty()
            && self.files(&format!("{prefix}/staging")).is_empty()
            && self.files(&format!("{prefix}/blobs")).is_empty()
    }

    /// Waits (up to `limit`) until nothing of an unfinished upload is left under `prefix`.
    pub async fn wait_until_no_upload_left(&self, prefix: &str, limit: Duration) {
        let what = format!("nothing of an unfinished upload left under {prefix}/");
        wait_for(&what, limit, || async { self.no_upload_left(prefix) }).await;
    }

    /// Multipart uploads in progress (s3s-fs keeps their parts and info at its root).
    pub fn pending_parts(&self) -> Vec<String> {
        std::fs::read_dir(self.dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".upload"))
            .collect()
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A node on `s3://otadrop/<prefix>` with its own data folder (scratch and TLS only).
fn node(s3: &S3Server, prefix: &str, extra: &[&str]) -> (TestServer, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    (start_node(s3, dir.path(), prefix, extra), dir)
}

/// A node on `s3://otadrop/<prefix>` with the data folder `data` (for restarts): a sync every
/// second, the signing key all nodes share.
fn start_node(s3: &S3Server, data: &Path, prefix: &str, extra: &[&str]) -> TestServer {
    let storage = format!("s3://{BUCKET}/{prefix}");
    let mut args = vec![
        "--storage",
        storage.as_str(),
        "--sync-interval",
        "1",
        "--signing-key",
        SIGNING_KEY,
    ];
    args.extend_from_slice(extra);
    let env = s3.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    TestServer::start_in_env(data, &args, &env)
}

/// Polls `check` until it holds; how long that took (a failure past `limit`).
async fn wait_for<F, Fut>(what: &str, limit: Duration, mut check: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    let until = start + limit;
    loop {
        if check().await {
            let took = start.elapsed();
            // Figures for the README (run with --no-capture to see them).
            eprintln!("converged in {took:?}: {what}");
            return took;
        }
        assert!(Instant::now() < until, "not within {limit:?}: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// How long the nodes may take to agree (the issue's bound).
const CONVERGE: Duration = Duration::from_secs(10);

/// Two nodes on one prefix, and a release published on A that B lists.
async fn two_nodes_and_a_release(
    s3: &S3Server,
    prefix: &str,
) -> [(TestServer, tempfile::TempDir); 2] {
    let a = node(s3, prefix, &[]);
    let b = node(s3, prefix, &[]);
    let bytes = app_ipa("com.example.nodes", "Nodes", "15.0", "1.0", "1");
    let (st, up) = a.0.upload_with(bytes, &[]).await;
    assert_eq!(st, 201, "{up}");
    let id = up["id"].as_str().unwrap().to_string();
    wait_for("B lists A's release", CONVERGE, || async {
        b.0.releases().await.iter().any(|r| r["id"] == id.as_str())
    })
    .await;
    [a, b]
}

/// `url` (a URL on `from`) on the node `to`.
fn on(to: &TestServer, from: &TestServer, url: &str) -> String {
    to.url(url.strip_prefix(from.base.as_str()).unwrap())
}

async fn status_of(s: &TestServer, url: &str) -> u16 {
    get(&bare(s), url, SAFARI, None).await.status().as_u16()
}

async fn revoke(s: &TestServer, link: &serde_json::Value) -> u16 {
    let id = link["id"].as_str().unwrap();
    let r = s.admin_delete(s.url(&format!("/api/links/{id}"))).await;
    r.status().as_u16()
}

/// The ids of `GET /api/links`.
async fn link_ids(s: &TestServer) -> Vec<String> {
    let list: Vec<serde_json::Value> = s.admin_get(s.url("/api/links")).await.json().await.unwrap();
    list.iter()
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect()
}

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[tokio::test]
async fn two_nodes_on_one_bucket_converge_on_publish_and_delete() {
    let Some(s3) = S3Server::start() else { return };
    let (a, _da) = node(&s3, "team", &[]);
    let (b, _db) = node(&s3, "team", &[]);
    let ipa = std::fs::read(fixture("ipa/fastlane__iTanky_2012.ipa")).unwrap();
    let up = a.publish(&fixture("ipa/fastlane__iTanky_2012.ipa")).await;
    assert!(up["icon_url"].is_string(), "{up}");
    let id = up["id"].as_str().unwrap().to_string();

    wait_for("B lists A's release", Duration::from_secs(10), || async {
        b.releases().await.iter().any(|r| r["id"] == id.as_str())
    })
    .await;
    // B serves the page, the manifest and the IPA (bytes equal, Range and HEAD right).
    let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1";
    let page = b
        .get_with(b.url(&format!("/r/{id}")), &[("user-agent", iphone)])
        .await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains(&format!("/r/{id}")), "{html}");
    let manifest = b.text(&b.url(&format!("/r/{id}/manifest.plist"))).await;
    assert!(
        manifest.contains(&format!("{}/r/{id}/app.ipa", b.base)),
        "{manifest}"
    );
    let ipa_url = b.url(&format!("/r/{id}/app.ipa"));
    let got = b.fetch(&ipa_url).await;
    assert_eq!(sha(&got), sha(&ipa));
    assert_eq!(up["sha256"].as_str(), Some(sha(&ipa).as_str()));
    let part = b.get_with(&ipa_url, &[("range", "bytes=1000-4999")]).await;
    assert_eq!(part.status(), 206);
    assert_eq!(
        part.headers()["content-range"],
        format!("bytes 1000-4999/{}", ipa.len()).as_str()
    );
    assert_eq!(&part.bytes().await.unwrap()[..], &ipa[1000..5000]);
    let tail = b.get_with(&ipa_url, &[("range", "bytes=-100")]).await;
    assert_eq!(&tail.bytes().await.unwrap()[..], &ipa[ipa.len() - 100..]);
    // If-Range with another validator: the whole file.
    let stale = b
        .get_with(
            &ipa_url,
            &[("range", "bytes=0-9"), ("if-range", "\"not-this-one\"")],
        )
        .await;
    assert_eq!(stale.status(), 200);
    assert_eq!(stale.bytes().await.unwrap().len(), ipa.len());
    let head = b.request_with(reqwest::Method::HEAD, &ipa_url, &[]).await;
    assert_eq!(head.status(), 200);
    assert_eq!(
        head.headers()["content-length"],
        ipa.len().to_string().as_str()
    );
    let icon = b.get(b.url(&format!("/r/{id}/icon.png"))).await;
    if up["icon_url"].is_string() {
        assert_eq!(icon.status(), 200);
        assert!(icon.bytes().await.unwrap().starts_with(b"\x89PNG"));
    } else {
        assert_eq!(icon.status(), 404);
    }

    // Delete on B: A answers 404 within 10 s, and the objects are gone.
    let del = b.admin_delete(b.url(&format!("/api/releases/{id}"))).await;
    assert!(del.status().is_success(), "{}", del.status());
    wait_for(
        "A forgets the deleted release",
        Duration::from_secs(10),
        || async {
            let p = a.get(a.url(&format!("/r/{id}"))).await;
            let i = a.get(a.url(&format!("/r/{id}/app.ipa"))).await;
            p.status() == 404 && i.status() == 404
        },
    )
    .await;
    assert!(s3.files("team/releases").is_empty());
    assert!(
        s3.files("team/blobs").is_empty(),
        "{:?}",
        s3.files("team/blobs")
    );
}

#[tokio::test]
async fn a_node_killed_mid_upload_leaves_nothing_visible_and_the_sweep_removes_its_parts() {
    let Some(s3) = S3Server::start() else { return };
    let (mut a, _da) = node(&s3, "crash", &[]);
    let (b, _db) = node(&s3, "crash", &["--sweep-age", "3"]);
    // A body that sends 20 MiB (two parts go to the bucket) and then stalls.
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(4);
    let body = reqwest::Body::wrap_stream(tokio_stream_from(rx));
    let client = a.client.clone();
    let url = a.url("/api/releases");
    let upload = tokio::spawn(async move {
        client
            .post(url)
            .bearer_auth(TOKEN)
            .header("content-type", "application/octet-stream")
            .body(body)
            .send()
            .await
    });
    let ipa = crate::support::hosts::make_ipa("com.example.crash", 24 * 1024 * 1024);
    for chunk in ipa[..20 * 1024 * 1024].chunks(1024 * 1024) {
        tx.send(Ok(chunk.to_vec())).await.unwrap();
    }
    wait_for(
        "a part of A's upload reaches the bucket",
        Duration::from_secs(20),
        || async { !s3.pending_parts().is_empty() && !s3.files("crash/staging").is_empty() },
    )
    .await;
    Command::new("kill")
        .args(["-KILL", &a.pid().to_string()])
        .status()
        .unwrap();
    a.terminate();
    drop(tx);
    let _ = upload.await;
    assert!(b.releases().await.is_empty());
    assert!(s3.files("crash/releases").is_empty());
    // B's sweep (age 3 s) aborts the multipart upload and removes the marker and the blobs.
    s3.wait_until_no_upload_left("crash", Duration::from_secs(20))
        .await;
    assert!(b.releases().await.is_empty());
}

fn tokio_stream_from(
    rx: tokio::sync::mpsc::Receiver<Result<Vec<u8>, std::io::Error>>,
) -> impl futures_util::Stream<Item = Result<Vec<u8>, std::io::Error>> {
    futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|x| (x, rx)) })
}

#[tokio::test]
async fn a_failed_upload_aborts_its_multipart_upload_at_once() {
    let Some(s3) = S3Server::start() else { return };
    let (a, _da) = node(&s3, "bad", &[]);
    // 12 MiB that are not an IPA: one part is uploaded, then the inspection refuses it.
    let r = a.upload_bytes(vec![7u8; 12 * 1024 * 1024]).await;
    assert_eq!(r.status(), 400);
    // The refused upload is cleaned up.
    s3.wait_until_no_upload_left("bad", Duration::from_secs(10))
        .await;
    assert!(a.releases().await.is_empty());
}

#[tokio::test]
async fn presigned_redirect_sends_the_installer_to_the_bucket() {
    let Some(s3) = S3Server::start() else { return };
    let (a, _da) = node(
        &s3,
        "cdn",
        &["--ipa-redirect", "presigned", "--presign-ttl", "60"],
    );
    let ipa = std::fs::read(fixture("ipa/icyleaf__iphone.ipa")).unwrap();
    let up = a.publish(&fixture("ipa/icyleaf__iphone.ipa")).await;
    let no_follow = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .use_preconfigured_tls(crate::support::rustls_client_config(&a.ca_path()))
        .build()
        .unwrap();
    let r = no_follow
        .get(up["ipa_url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 302);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let location = r.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with(&format!("http://127.0.0.1:{}/{BUCKET}/cdn/blobs/", s3.port)),
        "{location}"
    );
    assert!(location.contains("X-Amz-Expires=60"), "{location}");
    // The presigned URL itself serves the bytes, with Range.
    let plain = reqwest::Client::new();
    let got = plain.get(&location).send().await.unwrap();
    assert_eq!(got.status(), 200);
    assert_eq!(sha(&got.bytes().await.unwrap()), sha(&ipa));
    let part = plain
        .get(&location)
        .header("range", "bytes=10-19")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(&part.bytes().await.unwrap()[..], &ipa[10..20]);
    // A tampered signature is refused by the bucket.
    let at = location.find("X-Amz-Signature=").unwrap() + "X-Amz-Signature=".len();
    let mut bad = location.clone();
    let flipped = if &location[at..at + 1] == "0" {
        "1"
    } else {
        "0"
    };
    bad.replace_range(at..at + 1, flipped);
    assert_eq!(plain.get(&bad).send().await.unwrap().status().as_u16(), 403);
}

fn migrate(data: &Path, to: &str, s3: &S3Server) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_otadrop"))
        .args(["migrate", "--data"])
        .arg(data)
        .args(["--to", to])
        .envs(s3.env())
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[tokio::test]
async fn migrate_copies_a_data_folder_verified_and_resumable() {
    let Some(s3) = S3Server::start() else { return };
    let mut local = TestServer::start(&["--signing-key", SIGNING_KEY]);
    let one = local.publish(&fixture("ipa/icyleaf__iphone.ipa")).await;
    let two = local
        .publish(&fixture("ipa/bitrise__ios-simple-objc.ipa"))
        .await;
    // A share link and an install: both carried over.
    let link = link_for(&local, &one, serde_json::json!({})).await;
    install(&local, one["manifest_url"].as_str().unwrap(), 1).await;
    local.terminate();
    let to = format!("s3://{BUCKET}/moved");

    // A corrupted IPA is refused (its SHA-256 differs from the record) and nothing of it is
    // visible; the other release may be copied already.
    let bad_ipa = local
        .data
        .join("releases")
        .join(two["id"].as_str().unwrap())
        .join("app.ipa");
    let good = std::fs::read(&bad_ipa).unwrap();
    let mut flipped = good.clone();
    flipped[100] ^= 1;
    std::fs::write(&bad_ipa, &flipped).unwrap();
    let (ok, text) = migrate(&local.data, &to, &s3);
    assert!(!ok, "{text}");
    assert!(text.contains("SHA-256"), "{text}");
    assert!(!s3
        .files("moved/releases")
        .iter()
        .any(|f| f.contains(two["id"].as_str().unwrap())));
    assert!(s3.pending_parts().is_empty(), "{:?}", s3.pending_parts());

    // Repaired, the rerun copies what is left only.
    std::fs::write(&bad_ipa, &good).unwrap();
    let (ok, text) = migrate(&local.data, &to, &s3);
    assert!(ok, "{text}");
    assert!(text.contains("2 releases: 1 copied, 1 already"), "{text}");
    let (ok, text) = migrate(&local.data, &to, &s3);
    assert!(ok, "{text}");
    assert!(text.contains("0 copied, 2 already"), "{text}");

    let (node, _d) = node(&s3, "moved", &[]);
    let listed = node.releases().await;
    assert_eq!(listed.len(), 2);
    // The node made the migrated links document one record per link, and counts the install.
    assert_eq!(
        status_of(&node, &on(&node, &local, link["url"].as_str().unwrap())).await,
        200
    );
    assert_eq!(s3.files("moved/records/links").len(), 1);
    assert!(s3
        .files("moved/records/documents")
        .iter()
        .all(|f| f != "links.json"));
    assert_eq!(total(&node, one["id"].as_str().unwrap()).await, 1);
    for (up, file) in [
        (one, "ipa/icyleaf__iphone.ipa"),
        (two, "ipa/bitrise__ios-simple-objc.ipa"),
    ] {
        let id = up["id"].as_str().unwrap();
        let got = node.fetch(&node.url(&format!("/r/{id}/app.ipa"))).await;
        assert_eq!(sha(&got), sha(&std::fs::read(fixture(file)).unwrap()));
    }
}

/// Peak RSS growth (kB) of `pid` while `upload` runs: VmHWM after minus VmRSS before, the
/// high-water mark reset just before.
async fn peak_growth_kib<F: std::future::Future<Output = ()>>(pid: u32, upload: F) -> i64 {
    let status = |key: &str| -> i64 {
        let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        s.lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap()
    };
    let before = status("VmRSS:");
    std::fs::write(format!("/proc/{pid}/clear_refs"), "5").unwrap();
    upload.await;
    status("VmHWM:") - before
}

#[tokio::test]
async fn a_large_upload_to_the_bucket_keeps_memory_as_flat_as_the_local_folder() {
    let Some(s3) = S3Server::start() else { return };
    // 256 MiB here (the 1 GiB figure is measured by benches/load.sh on a release build).
    let ipa = bytes::Bytes::from(crate::support::hosts::make_ipa(
        "com.example.big",
        256 << 20,
    ));
    let local = TestServer::start(&[]);
    let (bucket, _d) = node(&s3, "big", &[]);
    let mut growth = Vec::new();
    for s in [&local, &bucket] {
        let body = ipa.clone();
        let g = peak_growth_kib(s.pid(), async {
            let r = s.upload_bytes(body).await;
            assert_eq!(r.status(), 201);
        })
        .await;
        growth.push(g);
    }
    let (local_kib, bucket_kib) = (growth[0], growth[1]);
    eprintln!("peak RSS growth: local {local_kib} kB, bucket {bucket_kib} kB");
    // The bucket holds one 5 MiB part per upload more than the local folder: allow that and a
    // little slack, nothing like the upload's size.
    assert!(
        bucket_kib <= local_kib + 8 * 1024,
        "local {local_kib} kB, bucket {bucket_kib} kB"
    );
    let listed = bucket.releases().await;
    assert_eq!(listed[0]["size"].as_u64(), Some(ipa.len() as u64));
}

#[tokio::test]
async fn a_share_link_made_on_one_node_opens_on_the_other_and_a_revocation_reaches_both() {
    let Some(s3) = S3Server::start() else { return };
    let [(a, _da), (b, _db)] = two_nodes_and_a_release(&s3, "links").await;
    let release = a.releases().await.remove(0);
    let link = link_for(&a, &release, serde_json::json!({"note": "for QA"})).await;
    let on_b = on(&b, &a, link["url"].as_str().unwrap());

    // B has not re-listed the links yet: the token's link is looked up in the bucket.
    wait_for("B opens A's new link", CONVERGE, || async {
        status_of(&b, &on_b).await == 200
    })
    .await;
    let html = get(&bare(&b), &on_b, SAFARI, None)
        .await
        .text()
        .await
        .unwrap();
    let ipa = install_from(&b, &html, &on_b).await;
    assert_eq!(sha256_hex(&ipa), release["sha256"].as_str().unwrap());

    // Revoked on B: A, which holds the link live in memory, answers 410.
    assert_eq!(revoke(&b, &link).await, 204);
    let on_a = link["url"].as_str().unwrap();
    wait_for("A sees B's revocation", CONVERGE, || async {
        status_of(&a, on_a).await == 410
    })
    .await;
    assert_eq!(status_of(&a, &format!("{on_a}/manifest.plist")).await, 410);
    assert_eq!(status_of(&b, &on_b).await, 410);

    // Two links made at the same moment on A and B both survive, on both nodes; two
    // revocations at the same moment too.
    let (one, two) = tokio::join!(
        link_for(&a, &release, serde_json::json!({"note": "one"})),
        link_for(&b, &release, serde_json::json!({"note": "two"})),
    );
    let both = [one["id"].as_str().unwrap(), two["id"].as_str().unwrap()];
    for s in [&a, &b] {
        wait_for("both concurrent links listed", CONVERGE, || async {
            let ids = link_ids(s).await;
            both.iter().all(|id| ids.iter().any(|i| i == id))
        })
        .await;
    }
    assert_eq!(s3.files("links/records/links").len(), 3);
    // Made on A and revoked on B at once, before B's sync has read it: B looks it up.
    let three = link_for(&a, &release, serde_json::json!({"note": "three"})).await;
    assert_eq!(revoke(&b, &three).await, 204);
    let on_a = three["url"].as_str().unwrap();
    wait_for(
        "A sees B's revocation of a link B had not read",
        CONVERGE,
        || async { status_of(&a, on_a).await == 410 },
    )
    .await;
    let (r1, r2) = tokio::join!(revoke(&a, &two), revoke(&b, &one));
    assert_eq!((r1, r2), (204, 204));
    for (s, from, link) in [
        (&a, &a, &one),
        (&a, &b, &two),
        (&b, &a, &one),
        (&b, &b, &two),
    ] {
        let url = on(s, from, link["url"].as_str().unwrap());
        wait_for("both concurrent revocations seen", CONVERGE, || async {
            status_of(s, &url).await == 410
        })
        .await;
    }
}

#[tokio::test]
async fn notes_edited_on_one_node_show_on_the_other() {
    let Some(s3) = S3Server::start() else { return };
    let [(a, _da), (b, _db)] = two_nodes_and_a_release(&s3, "notes").await;
    let first = a.releases().await.remove(0);
    let (st, second) = b
        .upload_with(
            app_ipa("com.example.other", "Other", "15.0", "2.0", "2"),
            &[],
        )
        .await;
    assert_eq!(st, 201);
    let ids = [
        first["id"].as_str().unwrap().to_string(),
        second["id"].as_str().unwrap().to_string(),
    ];
    wait_for("A lists B's release", CONVERGE, || async {
        a.releases().await.len() == 2
    })
    .await;
    // B renders (and caches) the page before the edit.
    let page_on_b = b.url(&format!("/r/{}", ids[0]));
    assert!(!b.text(&page_on_b).await.contains("Fixed on A"));

    // At the same moment: A edits one release, B the other.
    let (ea, eb) = tokio::join!(
        a.patch_release(&ids[0], r#"{"notes": "**Fixed on A**"}"#, Some(TOKEN)),
        b.patch_release(&ids[1], r#"{"notes": "Fixed on B"}"#, Some(TOKEN)),
    );
    assert_eq!((ea.0, eb.0), (200, 200));
    let want = [(&ids[0], "**Fixed on A**"), (&ids[1], "Fixed on B")];
    for s in [&a, &b] {
        wait_for("both edits on both nodes", CONVERGE, || async {
            let all = s.releases().await;
            want.iter().all(|(id, notes)| {
                all.iter()
                    .any(|r| r["id"] == id.as_str() && r["notes"] == *notes)
            })
        })
        .await;
    }
    // The page B cached is dropped: it shows the new notes, rendered. (The sync updates the
    // catalogue first and drops the cached pages right after, so the list may be new a moment
    // before the page is.)
    wait_for("B's page shows A's edit", CONVERGE, || async {
        b.text(&page_on_b)
            .await
            .contains("<strong>Fixed on A</strong>")
    })
    .await;
}

/// `n` manifest fetches by the device installer.
async fn install(s: &TestServer, manifest: &str, n: usize) {
    for _ in 0..n {
        let r = s.get_with(manifest, &[("user-agent", INSTALLER)]).await;
        assert_eq!(r.status(), 200);
    }
}

/// A release's install count as a node reports it.
async fn total(s: &TestServer, id: &str) -> u64 {
    let url = s.url(&format!("/api/releases/{id}/installs"));
    let counts: serde_json::Value = s.admin_get(&url).await.json().await.unwrap();
    counts["total"].as_u64().unwrap()
}

#[tokio::test]
async fn install_counts_of_two_nodes_add_up() {
    let Some(s3) = S3Server::start() else { return };
    let [(a, _da), (mut b, db)] = two_nodes_and_a_release(&s3, "counts").await;
    let release = a.releases().await.remove(0);
    let id = release["id"].as_str().unwrap();
    let manifest = release["manifest_url"].as_str().unwrap();
    // Installs on both nodes at the same time: 3 on A, 2 on B.
    let manifest_on_b = on(&b, &a, manifest);
    tokio::join!(install(&a, manifest, 3), install(&b, &manifest_on_b, 2));
    for s in [&a, &b] {
        wait_for("install counts add up on both nodes", CONVERGE, || async {
            total(s, id).await == 5
        })
        .await;
    }
    // Each node wrote only its own record.
    assert_eq!(s3.files("counts/records/installs").len(), 2);
    // B restarts (same data folder, same node name): its counts are still there, once.
    assert!(b.terminate().success());
    let b = start_node(&s3, db.path(), "counts", &[]);
    install(&b, &on(&b, &a, manifest), 1).await;
    for s in [&a, &b] {
        wait_for("counts after a restart", CONVERGE, || async {
            total(s, id).await == 6
        })
        .await;
    }
    assert_eq!(s3.files("counts/records/installs").len(), 2);
}

#[tokio::test]
async fn an_upload_retried_on_another_node_with_the_same_key_gives_one_release() {
    let Some(s3) = S3Server::start() else { return };
    let a = node(&s3, "keys", &[]);
    let b = node(&s3, "keys", &[]);
    let (a, b) = (&a.0, &b.0);
    let bytes = app_ipa("com.example.retry", "Retry", "15.0", "1.0", "1");
    let key = [("idempotency-key", "retry-on-another-node")];
    let (st, first) = a.upload_with(bytes.clone(), &key).await;
    assert_eq!(st, 201, "{first}");
    // At once, before B's sync has read A's release.
    let (st, again) = b.upload_with(bytes.clone(), &key).await;
    assert_eq!(st, 200, "{again}");
    assert_eq!(again["id"], first["id"]);
    let other = app_ipa("com.example.retry", "Retry", "15.0", "1.1", "2");
    let (st, refused) = b.upload_with(other.clone(), &key).await;
    assert_eq!(st, 422, "{refused}");

    // Two attempts with one key at the same moment on A and B: one release.
    let key = [("idempotency-key", "two-at-once")];
    let ((s1, r1), (s2, r2)) = tokio::join!(
        a.upload_with(other.clone(), &key),
        b.upload_with(other.clone(), &key)
    );
    let mut statuses = [s1, s2];
    statuses.sort();
    assert_eq!(statuses, [200, 201], "{r1} {r2}");
    assert_eq!(r1["id"], r2["id"]);
    for s in [a, b] {
        wait_for("both nodes list the two releases", CONVERGE, || async {
            s.releases().await.len() == 2
        })
        .await;
    }
    assert_eq!(s3.files("keys/releases").len(), 2);
    assert_eq!(s3.files("keys/records/idempotency").len(), 2);
}
