//! Test harness: the real `otadrop` binary serving on 127.0.0.1 with a temporary data folder,
//! and real HTTP clients that trust its generated CA.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

pub mod share;

pub const TOKEN: &str = "test-token-0123456789";

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures")
}

pub fn fixture(rel: &str) -> PathBuf {
    fixtures().join(rel)
}

/// True when the run must not skip anything (CI sets CI=true).
pub fn strict() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// A running server; killed when dropped.
pub struct TestServer {
    child: Child,
    pub addr: String,
    pub base: String,
    pub data: PathBuf,
    _dir: Option<tempfile::TempDir>,
    pub client: reqwest::Client,
}

impl TestServer {
    /// `otadrop serve` on 127.0.0.1 with a fresh data folder and the default local CA.
    pub fn start(extra: &[&str]) -> TestServer {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().to_path_buf();
        let mut s = Self::start_in(&data, extra);
        s._dir = Some(dir);
        s
    }

    /// `start` with extra environment variables (`OTADROP_*` settings).
    pub fn start_with_env(extra: &[&str], env: &[(&str, &str)]) -> TestServer {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().to_path_buf();
        let mut s = Self::start_in_env(&data, extra, env);
        s._dir = Some(dir);
        s
    }

    /// Same, on an existing data folder (for restarts).
    pub fn start_in(data: &Path, extra: &[&str]) -> TestServer {
        Self::start_in_env(data, extra, &[])
    }

    /// Same, with extra environment variables (`OTADROP_*`, the `AWS_*` of a bucket).
    pub fn start_in_env(data: &Path, extra: &[&str], env: &[(&str, &str)]) -> TestServer {
        let mut child = Command::new(env!("CARGO_BIN_EXE_otadrop"))
            .arg("serve")
            .args(["--listen", "127.0.0.1:0", "--upload-token", TOKEN])
            .arg("--data")
            .arg(data)
            .args(extra)
            .envs(env.iter().copied())
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn otadrop serve");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let mut banner = Vec::new();
            for line in lines.by_ref() {
                let Ok(line) = line else { break };
                let done = line.trim().starts_with("Index:");
                banner.push(line);
                if done {
                    break;
                }
            }
            let _ = tx.send(banner);
            // Keep draining so the server never blocks on a full pipe.
            for _ in lines {}
        });
        let banner = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(b) if b.iter().any(|l| l.trim().starts_with("Index:")) => b,
            other => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("the server did not start: {other:?}");
            }
        };
        let addr = banner
            .iter()
            .find_map(|l| l.strip_prefix("otadrop: listening on "))
            .expect("listening line")
            .trim()
            .to_string();
        let base = banner
            .iter()
            .find_map(|l| l.trim().strip_prefix("Index:"))
            .expect("index line")
            .trim()
            .trim_end_matches('/')
            .to_string();
        let ca = data.join("tls/ca.crt");
        let client = client_trusting(ca.exists().then_some(ca.as_path()));
        TestServer {
            child,
            addr,
            base,
            data: data.to_path_buf(),
            _dir: None,
            client,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn ca_path(&self) -> PathBuf {
        self.data.join("tls/ca.crt")
    }

    /// A client that does not follow redirects (to see `303` and `Set-Cookie`) and keeps no
    /// cookies.
    pub fn bare_client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .use_preconfigured_tls(rustls_client_config(&self.ca_path()))
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap()
    }

    /// Signs in at `/sign-in` with `secret` (the token or the viewer password) and the form's
    /// `next` field; the answer, not followed.
    pub async fn sign_in(&self, secret: &str, next: Option<&str>) -> reqwest::Response {
        let mut form = vec![("secret", secret)];
        if let Some(next) = next {
            form.push(("next", next));
        }
        self.bare_client()
            .post(self.url("/sign-in"))
            .form(&form)
            .send()
            .await
            .unwrap()
    }

    /// The session cookie (`otadrop_session=...`) of a sign-in with `secret`.
    pub async fn session(&self, secret: &str) -> String {
        let r = self.sign_in(secret, None).await;
        assert_eq!(r.status(), 303, "sign-in refused");
        cookie_of(&r).0
    }

    /// A plain GET: no token, no extra headers.
    pub async fn get(&self, url: impl reqwest::IntoUrl) -> reqwest::Response {
        self.request_with(reqwest::Method::GET, url, &[]).await
    }

    /// A request with the admin token and no body.
    pub async fn admin(
        &self,
        method: reqwest::Method,
        url: impl reqwest::IntoUrl,
    ) -> reqwest::Response {
        self.client
            .request(method, url)
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap()
    }

    /// A GET with the admin token.
    pub async fn admin_get(&self, url: impl reqwest::IntoUrl) -> reqwest::Response {
        self.admin(reqwest::Method::GET, url).await
    }

    /// A DELETE with the admin token.
    pub async fn admin_delete(&self, url: impl reqwest::IntoUrl) -> reqwest::Response {
        self.admin(reqwest::Method::DELETE, url).await
    }

    /// `GET /api/releases` with the admin token, parsed.
    pub async fn releases(&self) -> Vec<serde_json::Value> {
        self.admin_get(self.url("/api/releases"))
            .await
            .json()
            .await
            .unwrap()
    }

    /// The body of a plain GET, as text.
    pub async fn text(&self, url: &str) -> String {
        self.get(url).await.text().await.unwrap()
    }

    /// The body of a GET with the admin token (`Authorization: Bearer`), as text.
    pub async fn admin_text(&self, url: &str) -> String {
        let r = self.admin_get(url).await;
        assert!(r.status().is_success(), "{url}: {}", r.status());
        r.text().await.unwrap()
    }

    /// The body of a plain GET, as bytes.
    pub async fn fetch(&self, url: &str) -> bytes::Bytes {
        self.get(url).await.bytes().await.unwrap()
    }

    /// Uploads a multipart form (`ipa` and `notes` fields) with the token.
    pub async fn upload_form(&self, form: reqwest::multipart::Form) -> reqwest::Response {
        self.client
            .post(self.url("/api/releases"))
            .bearer_auth(TOKEN)
            .multipart(form)
            .send()
            .await
            .expect("an answer to the upload, not a reset")
    }

    /// A GET with extra request headers (conditionals, ranges, encodings).
    pub async fn get_with(
        &self,
        url: impl reqwest::IntoUrl,
        headers: &[(&str, &str)],
    ) -> reqwest::Response {
        self.request_with(reqwest::Method::GET, url, headers).await
    }

    /// A request with extra headers and no body (a HEAD, or a POST or DELETE without the
    /// token).
    pub async fn request_with(
        &self,
        method: reqwest::Method,
        url: impl reqwest::IntoUrl,
        headers: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut req = self.client.request(method, url);
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        req.send().await.unwrap()
    }

    /// Uploads being written right now (folders under `<data>/staging`).
    pub fn staged(&self) -> usize {
        std::fs::read_dir(self.data.join("staging"))
            .unwrap()
            .count()
    }

    /// Uploads a file as the raw body.
    pub async fn upload(&self, ipa: &Path) -> reqwest::Response {
        let bytes = std::fs::read(ipa).expect("read ipa");
        self.upload_bytes(bytes).await
    }

    /// Uploads `bytes` (a `Vec<u8>` or shared `Bytes`) as the raw body with the token.
    pub async fn upload_bytes(&self, bytes: impl Into<reqwest::Body>) -> reqwest::Response {
        self.client
            .post(self.url("/api/releases"))
            .bearer_auth(TOKEN)
            .header("content-type", "application/octet-stream")
            .body(bytes)
            .send()
            .await
            .expect("upload request")
    }

    /// Uploads `bytes` as the raw body with extra headers (`Idempotency-Key`, notes,
    /// channel); the answer's status and JSON.
    pub async fn upload_with(
        &self,
        bytes: Vec<u8>,
        headers: &[(&str, &str)],
    ) -> (u16, serde_json::Value) {
        let octets = [("content-type", "application/octet-stream")];
        self.upload_as(bytes, &[&octets[..], headers].concat())
            .await
    }

    /// Uploads `bytes` as the raw body with the token and exactly these headers (no
    /// Content-Type unless given); the answer's status and JSON.
    pub async fn upload_as(
        &self,
        bytes: Vec<u8>,
        headers: &[(&str, &str)],
    ) -> (u16, serde_json::Value) {
        let mut req = self
            .client
            .post(self.url("/api/releases"))
            .bearer_auth(TOKEN);
        for (n, v) in headers {
            req = req.header(*n, *v);
        }
        let r = req.body(bytes).send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap())
    }

    /// `PATCH /api/releases/{id}` with a JSON body, with `token` if given; status and JSON.
    pub async fn patch_release(
        &self,
        id: &str,
        body: &str,
        token: Option<&str>,
    ) -> (u16, serde_json::Value) {
        let mut req = self
            .client
            .patch(self.url(&format!("/api/releases/{id}")))
            .header("content-type", "application/json")
            .body(body.to_string());
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let r = req.send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap())
    }

    /// Uploads and returns the 201 answer's JSON.
    pub async fn publish(&self, ipa: &Path) -> serde_json::Value {
        let r = self.upload(ipa).await;
        let status = r.status();
        let text = r.text().await.expect("body");
        assert_eq!(status, 201, "upload of {} failed: {text}", ipa.display());
        serde_json::from_str(&text).expect("json")
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends SIGTERM and waits for the process to exit.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        for _ in 0..200 {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        self.child.wait().expect("wait")
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends `req` and parses its answer as JSON.
pub async fn json_of(req: reqwest::RequestBuilder) -> serde_json::Value {
    req.send().await.unwrap().json().await.unwrap()
}

/// The `name=value` pair of a response's `Set-Cookie`, and the whole header.
pub fn cookie_of(r: &reqwest::Response) -> (String, String) {
    let set = r
        .headers()
        .get("set-cookie")
        .expect("a Set-Cookie")
        .to_str()
        .unwrap()
        .to_string();
    let pair = set.split(';').next().unwrap().trim().to_string();
    (pair, set)
}

/// A reqwest client that trusts only `ca` (plus nothing else), ring provider, HTTP/1.1.
pub fn client_trusting(ca: Option<&Path>) -> reqwest::Client {
    let mut builder = reqwest::Client::builder().timeout(Duration::from_secs(60));
    if let Some(ca) = ca {
        builder = builder.use_preconfigured_tls(rustls_client_config(ca));
    }
    builder.build().expect("client")
}

pub fn roots(ca: &Path) -> rustls::RootCertStore {
    use rustls_pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    let pem = std::fs::read(ca).expect("read CA");
    for cert in rustls_pki_types::CertificateDer::pem_slice_iter(&pem) {
        roots.add(cert.expect("pem")).expect("add root");
    }
    roots
}

pub fn rustls_client_config(ca: &Path) -> rustls::ClientConfig {
    let roots = roots(ca);
    rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_root_certificates(roots)
        .with_no_client_auth()
}

/// Builds an IPA in memory: `Payload/<app_dir>/Info.plist` (XML) with the given keys, plus an
/// executable, plus `extra` files.
pub fn make_ipa(app_dir: &str, keys: &[(&str, plist::Value)], extra: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut dict = plist::Dictionary::new();
    for (k, v) in keys {
        dict.insert((*k).into(), v.clone());
    }
    let exe = app_dir.trim_end_matches(".app").to_string();
    if !dict.contains_key("CFBundleExecutable") {
        dict.insert("CFBundleExecutable".into(), exe.clone().into());
    }
    let mut info = Vec::new();
    plist::Value::Dictionary(dict)
        .to_writer_xml(&mut info)
        .expect("plist");
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file(format!("Payload/{app_dir}/Info.plist"), opts)
            .expect("zip");
        zip.write_all(&info).expect("zip");
        zip.start_file(format!("Payload/{app_dir}/{exe}"), opts)
            .expect("zip");
        zip.write_all(b"\xcf\xfa\xed\xfe not really a mach-o")
            .expect("zip");
        for (name, bytes) in extra {
            zip.start_file(*name, opts).expect("zip");
            zip.write_all(bytes).expect("zip");
        }
        zip.finish().expect("zip");
    }
    out.into_inner()
}

/// The Info.plist keys that name a build: bundle id, version (`CFBundleShortVersionString`)
/// and build (`CFBundleVersion`), followed by `more`.
pub fn build_keys(
    bundle: &str,
    version: &str,
    build: &str,
    more: Vec<(&'static str, plist::Value)>,
) -> Vec<(&'static str, plist::Value)> {
    let mut keys = vec![
        ("CFBundleIdentifier", bundle.into()),
        ("CFBundleShortVersionString", version.into()),
        ("CFBundleVersion", build.into()),
    ];
    keys.extend(more);
    keys
}

/// The Info.plist keys of an installable-looking iPhone and iPad app with these names and
/// versions.
pub fn app_keys(
    bundle: &str,
    title: &str,
    minimum_os: &str,
    version: &str,
    build: &str,
) -> Vec<(&'static str, plist::Value)> {
    build_keys(
        bundle,
        version,
        build,
        vec![
            ("CFBundleDisplayName", title.into()),
            ("MinimumOSVersion", minimum_os.into()),
            ("DTPlatformName", "iphoneos".into()),
            (
                "UIDeviceFamily",
                plist::Value::Array(vec![1.into(), 2.into()]),
            ),
        ],
    )
}

/// An installable-looking iPhone and iPad app `Demo.app` with these names and versions.
pub fn app_ipa(bundle: &str, title: &str, minimum_os: &str, version: &str, build: &str) -> Vec<u8> {
    make_ipa(
        "Demo.app",
        &app_keys(bundle, title, minimum_os, version, build),
        &[],
    )
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// `n` bytes that do not compress (xorshift64), so an IPA made with them stays large.
pub fn noise(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut out = Vec::with_capacity(n + 8);
    while out.len() < n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.truncate(n);
    out
}

/// OTA hosts that the doctor tests configure by hand (broken certificates, redirects, wrong
/// content types), each on its own 127.0.0.1 port.
pub mod hosts;

/// The AMP validator, Chromium and zbarimg, as the tests run them.
pub mod tools;

/// The real `otadrop` binary, as a command to add arguments to.
pub fn otadrop_command() -> Command {
    Command::new(env!("CARGO_BIN_EXE_otadrop"))
}

/// Runs the real `otadrop` with `args`; its output, whatever the exit code.
pub fn otadrop(args: &[&str]) -> std::process::Output {
    otadrop_command().args(args).output().expect("run otadrop")
}

/// Fails the test, showing the command's stderr, unless it exited 0.
pub fn assert_success(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs `cmd`, which must exit 0 (else the test fails with its stderr); its stdout.
pub fn run_ok(cmd: &mut Command) -> Vec<u8> {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("could not run {cmd:?}: {e}"));
    if !out.status.success() {
        eprintln!("failed: {cmd:?}");
    }
    assert_success(&out);
    out.stdout
}

/// Runs `cmd`, which must exit 0, and parses its stdout as JSON.
pub fn json_stdout(cmd: &mut Command) -> serde_json::Value {
    serde_json::from_slice(&run_ok(cmd)).expect("JSON on stdout")
}

/// `otadrop detect UA` as JSON, from the real binary.
pub fn detect_cli(ua: &str) -> serde_json::Value {
    json_stdout(otadrop_command().args(["detect", ua]))
}
