//! `/metrics` in the Prometheus text format (version 0.0.4). Counters are plain atomics in
//! fixed arrays indexed by route and status, so counting costs no lock and no allocation.

use std::fmt::Write;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering::Relaxed};

/// The routes requests are counted under (a label, so a fixed, small set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Index,
    Page,
    AmpPage,
    AppPage,
    /// The AMP page's personal part (`/r/<id>/visitor.json`).
    AmpVisitor,
    Manifest,
    Ipa,
    Icon,
    Static,
    Ca,
    Doctor,
    ApiList,
    ApiGet,
    ApiUpload,
    ApiDelete,
    ApiEdit,
    Health,
    Metrics,
    SignIn,
    SharePage,
    ShareFile,
    ApiLinks,
    Console,
    Other,
}

const ROUTES: [(Route, &str); 24] = [
    (Route::Index, "index"),
    (Route::Page, "page"),
    (Route::AmpPage, "amp_page"),
    (Route::AppPage, "app_page"),
    (Route::AmpVisitor, "amp_visitor"),
    (Route::Manifest, "manifest"),
    (Route::Ipa, "ipa"),
    (Route::Icon, "icon"),
    (Route::Static, "static"),
    (Route::Ca, "ca"),
    (Route::Doctor, "doctor"),
    (Route::ApiList, "api_list"),
    (Route::ApiGet, "api_get"),
    (Route::ApiUpload, "api_upload"),
    (Route::ApiDelete, "api_delete"),
    (Route::ApiEdit, "api_edit"),
    (Route::Health, "healthz"),
    (Route::Metrics, "metrics"),
    (Route::SignIn, "sign_in"),
    (Route::SharePage, "share_page"),
    (Route::ShareFile, "share_file"),
    (Route::ApiLinks, "api_links"),
    (Route::Console, "console"),
    (Route::Other, "other"),
];

/// Statuses counted one by one; anything else lands in its class (`2xx`...).
const STATUSES: [u16; 22] = [
    200, 201, 204, 206, 301, 303, 304, 308, 400, 401, 403, 404, 405, 408, 410, 412, 413, 414, 415,
    416, 429, 500,
];
const CLASSES: [&str; 5] = ["1xx", "2xx", "3xx", "4xx", "5xx"];
const STATUS_SLOTS: usize = STATUSES.len() + CLASSES.len();

fn status_slot(code: u16) -> usize {
    match STATUSES.iter().position(|&s| s == code) {
        Some(i) => i,
        None => STATUSES.len() + (code / 100).clamp(1, 5) as usize - 1,
    }
}

fn status_label(slot: usize) -> String {
    match STATUSES.get(slot) {
        Some(code) => code.to_string(),
        None => CLASSES[slot - STATUSES.len()].to_string(),
    }
}

#[derive(Debug, Clone, Copy)]
pub enum UploadResult {
    Published,
    Refused,
    Failed,
}

pub struct Metrics {
    requests: [[AtomicU64; STATUS_SLOTS]; ROUTES.len()],
    bytes_sent: AtomicU64,
    uploads: [AtomicU64; 3],
    upload_bytes: AtomicU64,
    install_starts: AtomicU64,
    ipa_downloads_completed: AtomicU64,
    active_connections: AtomicI64,
    connections_total: AtomicU64,
    page_renders: AtomicU64,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            requests: std::array::from_fn(|_| std::array::from_fn(|_| AtomicU64::new(0))),
            bytes_sent: AtomicU64::new(0),
            uploads: std::array::from_fn(|_| AtomicU64::new(0)),
            upload_bytes: AtomicU64::new(0),
            install_starts: AtomicU64::new(0),
            ipa_downloads_completed: AtomicU64::new(0),
            active_connections: AtomicI64::new(0),
            connections_total: AtomicU64::new(0),
            page_renders: AtomicU64::new(0),
        }
    }
}

impl Metrics {
    pub fn request(&self, route: Route, status: u16) {
        let r = ROUTES
            .iter()
            .position(|(x, _)| *x == route)
            .unwrap_or(ROUTES.len() - 1);
        self.requests[r][status_slot(status)].fetch_add(1, Relaxed);
    }

    pub fn bytes_sent(&self, n: u64) {
        self.bytes_sent.fetch_add(n, Relaxed);
    }

    pub fn upload(&self, result: UploadResult, bytes: u64) {
        self.uploads[result as usize].fetch_add(1, Relaxed);
        self.upload_bytes.fetch_add(bytes, Relaxed);
    }

    /// A manifest fetch: the device has accepted the install prompt.
    pub fn install_started(&self) {
        self.install_starts.fetch_add(1, Relaxed);
    }

    pub fn ipa_download_completed(&self) {
        self.ipa_downloads_completed.fetch_add(1, Relaxed);
    }

    /// A release page was rendered (a page-cache miss).
    pub fn page_rendered(&self) {
        self.page_renders.fetch_add(1, Relaxed);
    }

    pub fn connection_opened(&self) {
        self.active_connections.fetch_add(1, Relaxed);
        self.connections_total.fetch_add(1, Relaxed);
    }

    pub fn connection_closed(&self) {
        self.active_connections.fetch_sub(1, Relaxed);
    }

    /// The text exposition; `releases` is the current number of releases, `skipped` the
    /// records left out at start-up.
    pub fn render(&self, releases: usize, skipped: usize) -> String {
        let mut out = String::with_capacity(4096);
        let _ = writeln!(
            out,
            "# HELP otadrop_http_requests_total HTTP requests answered, by route and status."
        );
        let _ = writeln!(out, "# TYPE otadrop_http_requests_total counter");
        for (r, (_, route)) in ROUTES.iter().enumerate() {
            for slot in 0..STATUS_SLOTS {
                let n = self.requests[r][slot].load(Relaxed);
                if n > 0 {
                    let _ = writeln!(
                        out,
                        "otadrop_http_requests_total{{route=\"{route}\",status=\"{}\"}} {n}",
                        status_label(slot)
                    );
                }
            }
        }
        for (name, help, value) in [
            (
                "otadrop_http_response_bytes_total",
                "Body bytes of responses sent (files counted as they are read).",
                &self.bytes_sent,
            ),
            (
                "otadrop_install_starts_total",
                "Manifest fetches: installs the device has started.",
                &self.install_starts,
            ),
            (
                "otadrop_ipa_downloads_completed_total",
                "Whole-IPA downloads sent to the end.",
                &self.ipa_downloads_completed,
            ),
            (
                "otadrop_upload_bytes_total",
                "Bytes received in uploads.",
                &self.upload_bytes,
            ),
            (
                "otadrop_page_renders_total",
                "Release pages rendered (page-cache misses).",
                &self.page_renders,
            ),
            (
                "otadrop_connections_total",
                "Connections accepted.",
                &self.connections_total,
            ),
        ] {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {}",
                value.load(Relaxed)
            );
        }
        let _ = writeln!(
            out,
            "# HELP otadrop_uploads_total Uploads by result.\n# TYPE otadrop_uploads_total counter"
        );
        for (i, label) in ["published", "refused", "failed"].iter().enumerate() {
            let _ = writeln!(
                out,
                "otadrop_uploads_total{{result=\"{label}\"}} {}",
                self.uploads[i].load(Relaxed)
            );
        }
        let _ = writeln!(
            out,
            "# HELP otadrop_active_connections Connections open now.\n# TYPE otadrop_active_connections gauge\notadrop_active_connections {}",
            self.active_connections.load(Relaxed)
        );
        let _ = writeln!(
            out,
            "# HELP otadrop_releases Releases stored.\n# TYPE otadrop_releases gauge\notadrop_releases {releases}"
        );
        let _ = writeln!(
            out,
            "# HELP otadrop_release_records_skipped Release records left out at start-up (unreadable or invalid; see the log).\n# TYPE otadrop_release_records_skipped gauge\notadrop_release_records_skipped {skipped}"
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_render_in_prometheus_text_format() {
        let m = Metrics::default();
        m.request(Route::Page, 200);
        m.request(Route::Page, 200);
        m.request(Route::Ipa, 206);
        m.request(Route::Other, 418);
        m.upload(UploadResult::Refused, 10);
        m.install_started();
        m.connection_opened();
        let text = m.render(3, 2);
        assert!(text.contains("otadrop_http_requests_total{route=\"page\",status=\"200\"} 2"));
        assert!(text.contains("otadrop_http_requests_total{route=\"ipa\",status=\"206\"} 1"));
        assert!(text.contains("otadrop_http_requests_total{route=\"other\",status=\"4xx\"} 1"));
        assert!(text.contains("otadrop_uploads_total{result=\"refused\"} 1"));
        assert!(text.contains("otadrop_install_starts_total 1"));
        assert!(text.contains("otadrop_active_connections 1"));
        assert!(text.contains("otadrop_releases 3"));
        assert!(text.contains("otadrop_release_records_skipped 2"));
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let (name, value) = line.rsplit_once(' ').unwrap();
            assert!(value.parse::<f64>().is_ok(), "{line}");
            assert!(name.starts_with("otadrop_"), "{line}");
        }
    }
}
