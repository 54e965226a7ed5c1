//! Hand-configured OTA hosts on 127.0.0.1 for the doctor's tests: a test CA with a good leaf,
//! a leaf without subjectAltName and an expired leaf (rcgen), and a small HTTPS server (hyper
//! over tokio-rustls) whose routes each test sets, with Range support that can be turned off.

use std::collections::HashMap;
use std::convert::Infallible;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::Full;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    SanType,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use time::{Duration, OffsetDateTime};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

use otadrop::ipa::{self, AppInfo};
use otadrop::store::{Release, ReleaseId};
use otadrop::urls::{PublicUrl, ReleaseUrls};

pub struct Leaf {
    pub chain: Vec<CertificateDer<'static>>,
    key: Vec<u8>,
}

impl Leaf {
    fn key(&self) -> PrivateKeyDer<'static> {
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.key.clone()))
    }
}

pub struct Pki {
    /// The test CA as a PEM file, for `--ca`.
    pub ca_file: PathBuf,
    pub good: Leaf,
    pub no_san: Leaf,
    pub expired: Leaf,
}

pub fn pki(dir: &Path) -> Pki {
    let now = OffsetDateTime::now_utc();
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::default();
    ca.distinguished_name
        .push(DnType::CommonName, "otadrop doctor test CA");
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.not_before = now - Duration::days(1);
    ca.not_after = now + Duration::days(3650);
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let issuer = Issuer::from_params(&ca, &ca_key);
    let ca_file = dir.join("ca.pem");
    std::fs::File::create(&ca_file)
        .unwrap()
        .write_all(ca_cert.pem().as_bytes())
        .unwrap();

    let leaf = |sans: Vec<SanType>, from: OffsetDateTime, until: OffsetDateTime| {
        let key = KeyPair::generate().unwrap();
        let mut p = CertificateParams::default();
        p.distinguished_name.push(DnType::CommonName, "127.0.0.1");
        p.subject_alt_names = sans;
        p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        p.not_before = from;
        p.not_after = until;
        let cert = p.signed_by(&key, &issuer).unwrap();
        Leaf {
            chain: vec![cert.der().clone()],
            key: key.serialize_der(),
        }
    };
    let ip = || vec![SanType::IpAddress("127.0.0.1".parse().unwrap())];
    Pki {
        ca_file,
        good: leaf(ip(), now - Duration::days(1), now + Duration::days(300)),
        no_san: leaf(vec![], now - Duration::days(1), now + Duration::days(300)),
        expired: leaf(ip(), now - Duration::days(400), now - Duration::days(30)),
    }
}

/// What one path answers.
#[derive(Clone)]
pub struct Route {
    pub status: u16,
    pub content_type: Option<&'static str>,
    pub body: Bytes,
    /// Answer `Range: bytes=a-b` with 206.
    pub ranges: bool,
    /// A `Location` header (give a 3xx status with it).
    pub location: Option<String>,
}

impl Route {
    pub fn ok(content_type: &'static str, body: impl Into<Bytes>) -> Self {
        Route {
            status: 200,
            content_type: Some(content_type),
            body: body.into(),
            ranges: true,
            location: None,
        }
    }

    pub fn redirect(to: &str) -> Self {
        Route {
            status: 302,
            content_type: None,
            body: Bytes::new(),
            ranges: false,
            location: Some(to.to_string()),
        }
    }
}

pub struct TestServer {
    /// `https://127.0.0.1:<port>` (or http:// without TLS).
    pub base: String,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    /// Body bytes sent so far.
    pub served: Arc<AtomicU64>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl TestServer {
    pub async fn start(tls: Option<&Leaf>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        let acceptor = tls.map(|leaf| {
            let config = rustls::ServerConfig::builder_with_provider(Arc::new(
                rustls::crypto::ring::default_provider(),
            ))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(leaf.chain.clone(), leaf.key())
            .unwrap();
            TlsAcceptor::from(Arc::new(config))
        });
        let scheme = if acceptor.is_some() { "https" } else { "http" };
        let routes: Arc<Mutex<HashMap<String, Route>>> = Arc::default();
        let served = Arc::new(AtomicU64::new(0));
        let (r, s) = (routes.clone(), served.clone());
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let (routes, served, acceptor) = (r.clone(), s.clone(), acceptor.clone());
                tokio::spawn(async move {
                    let service = service_fn(move |req| {
                        let answer = answer(&routes, &served, req);
                        async move { Ok::<_, Infallible>(answer) }
                    });
                    let http = hyper::server::conn::http1::Builder::new();
                    match acceptor {
                        Some(a) => {
                            if let Ok(tls) = a.accept(stream).await {
                                let _ = http.serve_connection(TokioIo::new(tls), service).await;
                            }
                        }
                        None => {
                            let _ = http.serve_connection(TokioIo::new(stream), service).await;
                        }
                    }
                });
            }
        });
        TestServer {
            base: format!("{scheme}://{addr}"),
            routes,
            served,
            task,
        }
    }

    /// The body a path currently answers with.
    pub fn body(&self, path: &str) -> Bytes {
        self.routes.lock().unwrap()[path].body.clone()
    }

    pub fn route(&self, path: &str, route: Route) {
        self.routes.lock().unwrap().insert(path.to_string(), route);
    }
}

fn answer(
    routes: &Mutex<HashMap<String, Route>>,
    served: &AtomicU64,
    req: Request<hyper::body::Incoming>,
) -> Response<Full<Bytes>> {
    let route = routes.lock().unwrap().get(req.uri().path()).cloned();
    let Some(route) = route else {
        return Response::builder()
            .status(404)
            .body(Full::new(Bytes::from_static(b"not found")))
            .unwrap();
    };
    let len = route.body.len() as u64;
    let mut builder = Response::builder();
    if let Some(ct) = route.content_type {
        builder = builder.header("content-type", ct);
    }
    let range = req
        .headers()
        .get("range")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("bytes="))
        .and_then(|v| v.split_once('-'))
        .and_then(|(a, b)| {
            let a: u64 = a.parse().ok()?;
            let b: u64 = if b.is_empty() {
                len - 1
            } else {
                b.parse().ok()?
            };
            (a <= b && b < len).then_some((a, b.min(len - 1)))
        });
    let (status, body) = match range {
        Some((a, b)) if route.ranges && route.status == 200 => {
            builder = builder.header("content-range", format!("bytes {a}-{b}/{len}"));
            (206, route.body.slice(a as usize..=b as usize))
        }
        _ => (route.status, route.body.clone()),
    };
    if route.ranges {
        builder = builder.header("accept-ranges", "bytes");
    }
    if let Some(to) = &route.location {
        builder = builder.header("location", to);
    }
    builder = builder.header("content-length", body.len());
    let body = if req.method() == hyper::Method::HEAD {
        Bytes::new()
    } else {
        body
    };
    served.fetch_add(body.len() as u64, Ordering::Relaxed);
    builder.status(status).body(Full::new(body)).unwrap()
}

/// An IPA made here: Info.plist, and an executable of `filler` stored (uncompressed) bytes.
pub fn make_ipa(bundle_id: &str, filler: usize) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut info = plist::Dictionary::new();
    for (k, v) in [
        ("CFBundleIdentifier", bundle_id),
        ("CFBundleShortVersionString", "2.0"),
        ("CFBundleVersion", "7"),
        ("CFBundleName", "Doctor Test"),
        ("CFBundleExecutable", "DoctorTest"),
        ("MinimumOSVersion", "15.0"),
    ] {
        info.insert(k.into(), v.into());
    }
    let mut plist_bytes = Vec::new();
    plist::Value::Dictionary(info)
        .to_writer_xml(&mut plist_bytes)
        .unwrap();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = SimpleFileOptions::default();
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("Payload/DoctorTest.app/Info.plist", deflated)
        .unwrap();
    zip.write_all(&plist_bytes).unwrap();
    zip.start_file("Payload/DoctorTest.app/DoctorTest", stored)
        .unwrap();
    let mut x: u32 = 0x1234_5678;
    let block: Vec<u8> = (0..65536)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    let mut left = filler;
    while left > 0 {
        let n = left.min(block.len());
        zip.write_all(&block[..n]).unwrap();
        left -= n;
    }
    zip.finish().unwrap().into_inner()
}

/// A plain RGBA PNG of `size` x `size`.
pub fn png(size: u32) -> Vec<u8> {
    let img = image::RgbaImage::from_pixel(size, size, image::Rgba([20, 120, 220, 255]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// A release of `ipa` at `base`, as otadrop would describe it.
pub fn release(ipa_bytes: &[u8], base: &str, has_icon: bool) -> (Release, ReleaseUrls) {
    let found = ipa::inspect(std::io::Cursor::new(ipa_bytes), ipa_bytes.len() as u64).unwrap();
    let app: AppInfo = found.info;
    let release = Release {
        id: ReleaseId::new(1_700_000_000_000),
        created: OffsetDateTime::now_utc(),
        sha256: String::new(),
        size: ipa_bytes.len() as u64,
        notes: None,
        channel: "default".into(),
        edited: None,
        app,
        has_icon,
    };
    let urls = PublicUrl::parse(base).unwrap().release(&release.id);
    (release, urls)
}

/// Serves a complete, correct OTA release of `ipa` (manifest made by otadrop's own
/// `manifest::manifest_xml`, plain PNG images), with `manifest_xml` passed through `edit`.
pub fn serve_release(
    server: &TestServer,
    ipa: Vec<u8>,
    edit: impl FnOnce(String) -> String,
) -> ReleaseUrls {
    let (release, urls) = release(&ipa, &server.base, true);
    let xml = String::from_utf8(otadrop::manifest::manifest_xml(&release, &urls)).unwrap();
    let path = |url: &str| url.strip_prefix(&server.base).unwrap().to_string();
    server.route(&path(&urls.manifest), Route::ok("text/xml", edit(xml)));
    server.route(&path(&urls.ipa), Route::ok("application/octet-stream", ipa));
    server.route(&path(&urls.icon_small), Route::ok("image/png", png(57)));
    server.route(&path(&urls.icon_large), Route::ok("image/png", png(512)));
    urls
}

pub fn path_of(server: &TestServer, url: &str) -> String {
    url.strip_prefix(&server.base).unwrap().to_string()
}
