//! Webhooks, received by a local HTTP receiver on 127.0.0.1: every format's shape, the json
//! signature, retries of a failing receiver, and an upload that never waits for a delivery.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use tokio::sync::Notify;

use crate::support::{build_keys, make_ipa, TestServer, TOKEN};

const SECRET: &str = "webhook-secret-42";

/// One request the receiver got.
#[derive(Debug, Clone)]
struct Got {
    path: String,
    query: Option<String>,
    headers: HashMap<String, String>,
    body: Bytes,
}

impl Got {
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("JSON body")
    }
}

/// A receiver: `/flaky` fails twice with 503 then succeeds; `/slow` answers only once
/// `release_slow` is notified; everything else answers 200.
struct Receiver {
    port: u16,
    got: Arc<Mutex<Vec<Got>>>,
    release_slow: Arc<Notify>,
}

impl Receiver {
    async fn start() -> Receiver {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let got: Arc<Mutex<Vec<Got>>> = Default::default();
        let release_slow = Arc::new(Notify::new());
        let (g, slow) = (got.clone(), release_slow.clone());
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let (g, slow) = (g.clone(), slow.clone());
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                        let (g, slow) = (g.clone(), slow.clone());
                        async move { Ok::<_, Infallible>(answer(req, &g, &slow).await) }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Receiver {
            port,
            got,
            release_slow,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn got(&self, path: &str) -> Vec<Got> {
        self.got
            .lock()
            .unwrap()
            .iter()
            .filter(|g| g.path == path)
            .cloned()
            .collect()
    }

    /// Waits (up to a minute) until `path` has had `n` requests.
    async fn wait_for(&self, path: &str, n: usize) -> Vec<Got> {
        for _ in 0..600 {
            let got = self.got(path);
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{path}: expected {n} deliveries, got {:?}", self.got(path));
    }
}

async fn answer(
    req: Request<Incoming>,
    got: &Mutex<Vec<Got>>,
    slow: &Notify,
) -> Response<Full<Bytes>> {
    let path = req.uri().path().to_string();
    let query = req.uri().query().map(str::to_string);
    let headers = req
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let body = req
        .into_body()
        .collect()
        .await
        .map(|c| c.to_bytes())
        .unwrap_or_default();
    let seen = {
        let mut all = got.lock().unwrap();
        all.push(Got {
            path: path.clone(),
            query,
            headers,
            body,
        });
        all.iter().filter(|g| g.path == path).count()
    };
    let status = match path.as_str() {
        "/flaky" if seen <= 2 => 503,
        "/slow" => {
            slow.notified().await;
            200
        }
        _ => 200,
    };
    Response::builder()
        .status(status)
        .body(Full::new(Bytes::from_static(b"ok")))
        .unwrap()
}

/// `otadrop_webhook_deliveries_total{result="<label>"}` in the metrics text.
fn count(metrics: &str, label: &str) -> u64 {
    let line = format!("otadrop_webhook_deliveries_total{{result=\"{label}\"}} ");
    metrics
        .lines()
        .find_map(|l| l.strip_prefix(&line))
        .unwrap_or_else(|| panic!("{line} in {metrics}"))
        .parse()
        .unwrap()
}

fn hmac_hex(secret: &str, body: &[u8]) -> String {
    use hmac::Mac;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

fn config(rx: &Receiver, dir: &std::path::Path) -> std::path::PathBuf {
    let toml = format!(
        r#"
webhook-secret = "{SECRET}"
[[webhooks]]
url = "{json}"
[[webhooks]]
url = "{slack}"
format = "slack"
[[webhooks]]
url = "{lark}"
format = "lark"
[[webhooks]]
url = "{ding}"
format = "dingtalk"
secret = "ding-secret"
[[webhooks]]
url = "{wecom}"
format = "wecom"
[[webhooks]]
url = "{flaky}"
format = "json"
[[webhooks]]
url = "{slow}"
format = "json"
"#,
        json = rx.url("/json"),
        slack = rx.url("/slack"),
        lark = rx.url("/lark"),
        ding = rx.url("/dingtalk?access_token=abc"),
        wecom = rx.url("/wecom"),
        flaky = rx.url("/flaky"),
        slow = rx.url("/slow"),
    );
    let path = dir.join("otadrop.toml");
    std::fs::write(&path, toml).unwrap();
    path
}

#[tokio::test]
async fn every_format_is_delivered_signed_and_retried_without_delaying_the_upload() {
    let rx = Receiver::start().await;
    let conf_dir = tempfile::tempdir().unwrap();
    let conf = config(&rx, conf_dir.path());
    let s = TestServer::start(&[
        "--http",
        "--public-index",
        "--config",
        conf.to_str().unwrap(),
    ]);
    let ipa = make_ipa(
        "Hooked.app",
        &build_keys(
            "com.example.hooked",
            "3.1",
            "31",
            vec![("CFBundleName", "Hooked".into())],
        ),
        &[],
    );
    // The slow receiver holds its answer until the upload has been answered: if publishing
    // waited for deliveries, this upload would never finish.
    let (status, release) = s
        .upload_as(
            ipa,
            &[
                ("x-channel", "beta"),
                ("x-release-notes", "Fixes%20**everything**"),
            ],
        )
        .await;
    assert_eq!(status, 201, "{release}");
    let id = release["id"].as_str().unwrap();
    let page = release["page_url"].as_str().unwrap();
    rx.wait_for("/slow", 1).await;
    rx.release_slow.notify_one();

    // json: our schema, signed.
    let json = &rx.wait_for("/json", 1).await[0];
    let sig = json
        .headers
        .get("x-otadrop-signature")
        .expect("signature header");
    assert_eq!(sig, &format!("sha256={}", hmac_hex(SECRET, &json.body)));
    assert_ne!(
        sig,
        &format!("sha256={}", hmac_hex("another secret", &json.body))
    );
    assert_eq!(json.headers["content-type"], "application/json");
    assert_eq!(json.headers["x-otadrop-event"], "release.published");
    let body = json.json();
    assert_eq!(body["event"], "release.published");
    assert_eq!(body["release"], release, "the same fields as the API");
    assert!(time::OffsetDateTime::parse(
        body["sent_at"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339
    )
    .is_ok());

    let slack = rx.wait_for("/slack", 1).await[0].json();
    let text = slack["text"].as_str().unwrap();
    assert!(
        text.starts_with("*Hooked 3.1 (31) published on beta*"),
        "{text}"
    );
    assert!(text.contains(&format!("<{page}|Install page>")), "{text}");
    assert!(text.contains("Fixes everything"), "{text}");
    assert!(!rx.got("/slack")[0]
        .headers
        .contains_key("x-otadrop-signature"));

    let lark = rx.wait_for("/lark", 1).await[0].json();
    assert_eq!(lark["msg_type"], "text");
    assert!(lark["content"]["text"].as_str().unwrap().contains(page));
    assert!(
        lark["timestamp"].is_string() && lark["sign"].is_string(),
        "signed with the shared secret: {lark}"
    );

    let ding = &rx.wait_for("/dingtalk", 1).await[0];
    let q: HashMap<String, String> =
        url::form_urlencoded::parse(ding.query.as_deref().unwrap().as_bytes())
            .into_owned()
            .collect();
    assert_eq!(q["access_token"], "abc");
    // DingTalk's signature: base64(HMAC-SHA256(secret, "timestamp\nsecret")).
    let want = {
        use base64::Engine;
        use hmac::Mac;
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(b"ding-secret").unwrap();
        mac.update(format!("{}\nding-secret", q["timestamp"]).as_bytes());
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    };
    assert_eq!(q["sign"], want);
    let ding = ding.json();
    assert_eq!(ding["msgtype"], "markdown");
    assert!(ding["markdown"]["title"]
        .as_str()
        .unwrap()
        .contains("Hooked 3.1"));
    assert!(ding["markdown"]["text"]
        .as_str()
        .unwrap()
        .contains(&format!("[Install page]({page})")));

    let wecom = rx.wait_for("/wecom", 1).await[0].json();
    assert_eq!(wecom["msgtype"], "markdown");
    assert!(wecom["markdown"]["content"]
        .as_str()
        .unwrap()
        .contains(page));

    // The flaky receiver: two 503s, then delivered; the same body each time.
    let flaky = rx.wait_for("/flaky", 3).await;
    assert_eq!(flaky[0].body, flaky[2].body);
    // Counted once each answer is in: wait for the seven deliveries.
    let mut metrics = String::new();
    for _ in 0..600 {
        metrics = s.admin_get(s.url("/metrics")).await.text().await.unwrap();
        if count(&metrics, "delivered") >= 7 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(count(&metrics, "delivered"), 7, "{metrics}");
    assert_eq!(count(&metrics, "retried"), 2, "{metrics}");
    assert_eq!(count(&metrics, "failed"), 0);

    // Deleting sends release.deleted.
    let r = s.admin_delete(s.url(&format!("/api/releases/{id}"))).await;
    assert_eq!(r.status(), 204);
    let json = &rx.wait_for("/json", 2).await[1];
    assert_eq!(json.json()["event"], "release.deleted");
    assert_eq!(json.json()["release"]["id"], id);
    assert_eq!(
        json.headers["x-otadrop-signature"],
        format!("sha256={}", hmac_hex(SECRET, &json.body))
    );
    let slack = rx.wait_for("/slack", 2).await[1].json();
    assert!(
        slack["text"].as_str().unwrap().contains("deleted"),
        "{slack}"
    );
}

#[tokio::test]
async fn retention_sends_release_deleted() {
    let rx = Receiver::start().await;
    let hook = format!("json={}", rx.url("/json"));
    let s = TestServer::start(&["--http", "--keep", "1", "--webhook", &hook]);
    let ipa = |build: &str| {
        make_ipa(
            "Kept.app",
            &build_keys(
                "com.example.kept",
                "1.0",
                build,
                vec![("CFBundleName", "Kept".into())],
            ),
            &[],
        )
    };
    let first: serde_json::Value = s.upload_bytes(ipa("1")).await.json().await.unwrap();
    let second = s.upload_bytes(ipa("2")).await;
    assert_eq!(second.status(), 201);
    let got = rx.wait_for("/json", 3).await;
    let events: Vec<(String, String)> = got
        .iter()
        .map(|g| {
            let b = g.json();
            (
                b["event"].as_str().unwrap().to_string(),
                b["release"]["app"]["build"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        events.contains(&("release.deleted".into(), "1".into())),
        "{events:?}"
    );
    let deleted = got
        .iter()
        .find(|g| g.json()["event"] == "release.deleted")
        .unwrap();
    assert_eq!(deleted.json()["release"]["id"], first["id"]);
    // No secret configured: no signature.
    assert!(!deleted.headers.contains_key("x-otadrop-signature"));
}

#[test]
fn a_webhook_that_is_not_http_stops_the_server_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_otadrop"))
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--http",
            "--upload-token",
            TOKEN,
        ])
        .arg("--data")
        .arg(dir.path())
        .args(["--webhook", "file:///etc/passwd"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("must be an http:// or https:// URL"), "{err}");
}
