//! The IPA on its server: reachable, HEAD and Range, Content-Length, content type; then its
//! zip central directory, Info.plist and provisioning profile read through Range requests
//! only (never the whole file) and compared with the manifest.

use std::collections::BTreeMap;
use std::io::{self, Read, Seek, SeekFrom};

use reqwest::Method;
use time::OffsetDateTime;

use super::fetch::{content_type_finding, Fetcher, ServedAs};
use super::finding::Finding;
use super::manifest::ManifestSummary;
use otadrop_ipa::{self as ipa, AppInfo, ProfileType};

/// Bytes fetched per Range request at least (one block of the cache).
pub const BLOCK: u64 = 64 * 1024;
/// The most the inspection may download in total; past it the read fails.
pub const BUDGET: u64 = 32 * 1024 * 1024;
/// Blocks kept in memory at most.
const MAX_CACHED_BLOCKS: usize = 256;

/// Gives `len` bytes at `start`, exactly.
pub trait RangeSource {
    fn fetch(&mut self, start: u64, len: u64) -> io::Result<Vec<u8>>;
}

/// `Read + Seek` over a [`RangeSource`], with a block cache and a download budget.
pub struct RangeReader<S> {
    source: S,
    size: u64,
    pos: u64,
    cache: BTreeMap<u64, Vec<u8>>,
    /// Bytes downloaded so far.
    pub fetched: u64,
    /// Range requests made so far.
    pub requests: u32,
    budget: u64,
}

impl<S: RangeSource> RangeReader<S> {
    pub fn new(source: S, size: u64, budget: u64) -> Self {
        RangeReader {
            source,
            size,
            pos: 0,
            cache: BTreeMap::new(),
            fetched: 0,
            requests: 0,
            budget,
        }
    }

    /// Makes sure block `first` is cached, fetching it together with the uncached blocks up to
    /// `last` in one request.
    fn load(&mut self, first: u64, last: u64) -> io::Result<()> {
        if self.cache.contains_key(&first) {
            return Ok(());
        }
        let mut end = first;
        while end < last && !self.cache.contains_key(&(end + 1)) {
            end += 1;
        }
        let start = first * BLOCK;
        let stop = ((end + 1) * BLOCK).min(self.size);
        let len = stop.saturating_sub(start);
        if self.fetched + len > self.budget {
            return Err(io::Error::other(format!(
                "reading the archive would take more than {} bytes",
                self.budget
            )));
        }
        let data = self.source.fetch(start, len)?;
        if data.len() as u64 != len {
            return Err(io::Error::other(format!(
                "asked for {len} bytes at {start}, got {}",
                data.len()
            )));
        }
        self.fetched += len;
        self.requests += 1;
        for (i, chunk) in data.chunks(BLOCK as usize).enumerate() {
            self.cache.insert(first + i as u64, chunk.to_vec());
        }
        while self.cache.len() > MAX_CACHED_BLOCKS {
            // Drop the block farthest from where we read.
            let far = self.cache.keys().copied().max_by_key(|k| k.abs_diff(first));
            match far {
                Some(k) if k != first => {
                    self.cache.remove(&k);
                }
                _ => break,
            }
        }
        Ok(())
    }
}

impl<S: RangeSource> Read for RangeReader<S> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos >= self.size || buf.is_empty() {
            return Ok(0);
        }
        let want = (buf.len() as u64).min(self.size - self.pos);
        let first = self.pos / BLOCK;
        let last = (self.pos + want - 1) / BLOCK;
        self.load(first, last)?;
        let Some(block) = self.cache.get(&first) else {
            return Err(io::Error::other("block cache lost a block"));
        };
        let offset = (self.pos - first * BLOCK) as usize;
        let available = block.get(offset..).unwrap_or(&[]);
        let n = available.len().min(want as usize);
        let (dst, src) = (buf.get_mut(..n), available.get(..n));
        match (dst, src) {
            (Some(d), Some(s)) => d.copy_from_slice(s),
            _ => return Err(io::Error::other("short block")),
        }
        self.pos += n as u64;
        Ok(n)
    }
}

impl<S> Seek for RangeReader<S> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::End(d) => self.size.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        let Some(target) = target else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "seek before the start",
            ));
        };
        self.pos = target;
        Ok(target)
    }
}

/// Range requests through the async [`Fetcher`], from a blocking thread.
struct HttpRange {
    fetcher: Fetcher,
    url: String,
    handle: tokio::runtime::Handle,
}

impl RangeSource for HttpRange {
    fn fetch(&mut self, start: u64, len: u64) -> io::Result<Vec<u8>> {
        let end = start + len.saturating_sub(1);
        let range = format!("bytes={start}-{end}");
        let limit = usize::try_from(len).unwrap_or(usize::MAX);
        let resp = self
            .handle
            .block_on(
                self.fetcher
                    .fetch(Method::GET, &self.url, &[("range", range)], limit),
            )
            .map_err(io::Error::other)?;
        if resp.status.as_u16() != 206 {
            return Err(io::Error::other(format!(
                "Range request answered HTTP {}",
                resp.status
            )));
        }
        Ok(resp.body)
    }
}

/// What the IPA checks found, with the app's details when its contents could be read.
pub struct IpaOutcome {
    pub findings: Vec<Finding>,
    pub info: Option<AppInfo>,
    pub size: Option<u64>,
    pub fetched: Option<u64>,
}

/// Checks the IPA at `url` over HTTP and reads its contents with Range requests.
pub async fn check(fetcher: &Fetcher, url: &str) -> IpaOutcome {
    let mut out = IpaOutcome {
        findings: Vec::new(),
        info: None,
        size: None,
        fetched: None,
    };
    let f = &mut out.findings;

    // HEAD: status, length, type.
    let head = fetcher.fetch(Method::HEAD, url, &[], 0).await;
    let mut length = None;
    match &head {
        Err(e) => f.push(Finding::fail(
            "ipa.reachable",
            format!("the IPA cannot be fetched: {e}"),
            "Make the IPA URL reachable from the devices' network.",
        )),
        Ok(r) if r.status.as_u16() == 405 || r.status.as_u16() == 501 => f.push(Finding::warn(
            "ipa.head",
            format!("HEAD on the IPA answers HTTP {}", r.status.as_u16()),
            "Allow HEAD on the IPA URL; installers and proxies use it to learn the size.",
        )),
        Ok(r) if r.status.as_u16() != 200 => f.push(Finding::fail(
            "ipa.reachable",
            format!("the IPA URL answers HTTP {}", r.status.as_u16()),
            "Make the IPA URL answer 200 without cookies or a login: iOS fetches it with its own client.",
        )),
        Ok(r) => {
            f.push(Finding::pass("ipa.reachable", "HEAD answers 200"));
            length = r
                .header("content-length")
                .and_then(|v| v.trim().parse::<u64>().ok());
            f.push(match length {
                Some(n) => Finding::pass("ipa.length", format!("Content-Length {n}")),
                None => Finding::warn(
                    "ipa.length",
                    "the IPA is served without Content-Length",
                    "Serve the IPA with Content-Length so that iOS can show progress and resume.",
                ),
            });
            f.push(content_type_finding(
                &IPA_SERVED_AS,
                r.media_type().as_deref(),
            ));
        }
    }
    if head.is_err() {
        return out;
    }

    // Range.
    let probe = fetcher
        .fetch(Method::GET, url, &[("range", "bytes=0-1".to_string())], 2)
        .await;
    let total = match probe {
        Err(e) => {
            f.push(Finding::fail(
                "ipa.range",
                format!("a Range request for the IPA failed: {e}"),
                "Serve the IPA from a server that answers Range requests (206).",
            ));
            None
        }
        Ok(r) if r.status.as_u16() == 206 => {
            let total = r
                .header("content-range")
                .and_then(|v| v.rsplit_once('/'))
                .and_then(|(_, n)| n.trim().parse::<u64>().ok());
            if r.body.get(..2) == Some(b"PK") {
                f.push(Finding::pass(
                    "ipa.range",
                    "Range requests answered with 206",
                ));
                total.or(length)
            } else {
                f.push(Finding::fail(
                    "ipa.zip",
                    "the IPA does not start like a zip archive (PK)",
                    "Serve the .ipa exactly as Xcode exported it.",
                ));
                None
            }
        }
        Ok(r) if r.status.is_success() => {
            f.push(Finding::fail(
                "ipa.range",
                format!("the IPA server ignores Range requests (answers {} with the whole file)", r.status.as_u16()),
                "Serve the IPA with Range support (206, Accept-Ranges: bytes) so that broken downloads resume.",
            ));
            None
        }
        Ok(r) => {
            f.push(Finding::fail(
                "ipa.range",
                format!(
                    "a Range request for the IPA answers HTTP {}",
                    r.status.as_u16()
                ),
                "Serve the IPA with Range support (206, Accept-Ranges: bytes).",
            ));
            None
        }
    };
    let Some(size) = total else {
        f.push(Finding::warn(
            "ipa.contents",
            "the IPA's contents were not checked (they are read with Range requests only)",
            "Fix the Range support above and run the doctor again.",
        ));
        return out;
    };
    out.size = Some(size);

    // Contents, through the block cache.
    let source = HttpRange {
        fetcher: fetcher.clone(),
        url: url.to_string(),
        handle: tokio::runtime::Handle::current(),
    };
    let joined = tokio::task::spawn_blocking(move || {
        let mut reader = RangeReader::new(source, size, BUDGET);
        let result = ipa::inspect(&mut reader, size);
        (result, reader.fetched, reader.requests)
    })
    .await;
    match joined {
        Err(e) => f.push(Finding::fail(
            "ipa.contents",
            format!("reading the IPA stopped: {e}"),
            "This is a bug in otadrop; please report it.",
        )),
        Ok((Err(e), fetched, _)) => {
            out.fetched = Some(fetched);
            f.push(Finding::fail(
                "ipa.contents",
                format!("the IPA cannot be read: {e}"),
                "Upload the .ipa exactly as Xcode exported it.",
            ));
        }
        Ok((Ok(found), fetched, requests)) => {
            out.fetched = Some(fetched);
            f.push(Finding::pass(
                "ipa.contents",
                format!(
                    "read {} {} ({}) with {requests} Range request{}, {fetched} of {size} bytes",
                    found.info.title,
                    found.info.version,
                    found.info.bundle_id,
                    if requests == 1 { "" } else { "s" }
                ),
            ));
            out.info = Some(found.info);
        }
    }
    out
}

const IPA_SERVED_AS: ServedAs = ServedAs {
    check: "ipa.content-type",
    what: "the IPA",
    right: &["application/octet-stream"],
    page_like: &["text/html", "application/xhtml+xml", "text/plain"],
    page_like_means: "which is what an error or login page looks like",
    fix: "Serve the .ipa as application/octet-stream",
};

/// Warning codes of [`AppInfo::warnings`] (the `ipa::warnings` constants) that [`compare`]
/// reports itself from the profile.
const COVERED: &[&str] = &[
    "app-store-signed",
    "profile-expired",
    "certificate-expired",
    "no-profile",
];

/// How an inspection warning bears on an install: codes for builds iOS refuses are failures.
fn warning_finding(code: &str, message: &str) -> Finding {
    let text = format!("{message} ({code})");
    match code {
        "no-executable" | "simulator-build" | "not-ios" => Finding::fail(
            "ipa.warning",
            text,
            "Archive the app for iOS devices in Xcode and export the .ipa again.",
        ),
        "app-store-signed" | "profile-expired" | "certificate-expired" | "no-profile" => {
            Finding::fail(
                "ipa.warning",
                text,
                "Export the build again with a valid ad-hoc, development or enterprise profile.",
            )
        }
        _ => Finding::warn(
            "ipa.warning",
            text,
            "This alone does not stop an install; fix it when you next export the build.",
        ),
    }
}

/// The IPA's own data against the manifest and the clock.
pub fn compare(info: &AppInfo, manifest: &ManifestSummary, now: OffsetDateTime) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(id) = &manifest.bundle_id {
        out.push(if id == &info.bundle_id {
            Finding::pass("ipa.bundle-id", format!("bundle id {id} matches the manifest"))
        } else {
            Finding::fail(
                "ipa.bundle-id",
                format!("the manifest says bundle-identifier {id}, the IPA is {}", info.bundle_id),
                "Make the manifest's bundle-identifier the IPA's CFBundleIdentifier (generate the manifest from the IPA).",
            )
        });
    }
    if let Some(v) = &manifest.version {
        out.push(if v == &info.version || v == &info.build {
            Finding::pass("ipa.version", format!("version {v} matches the manifest"))
        } else {
            Finding::warn(
                "ipa.version",
                format!(
                    "the manifest says bundle-version {v}, the IPA is {} (build {})",
                    info.version, info.build
                ),
                "Make the manifest's bundle-version the IPA's version (generate the manifest from the IPA).",
            )
        });
    }
    let soon = |t: OffsetDateTime| t > now && t - now < time::Duration::days(14);
    let day = |t: OffsetDateTime| t.date().to_string();
    match &info.profile {
        None => out.push(Finding::warn(
            "ipa.profile",
            "no provisioning profile was read from the IPA (embedded.mobileprovision); an unsigned IPA does not install",
            "Export the IPA from Xcode with an ad-hoc, development or enterprise profile.",
        )),
        Some(p) => {
            let expiry = [p.expires, p.certificate_expires]
                .into_iter()
                .flatten()
                .min();
            out.push(match (p.kind, expiry) {
                (ProfileType::AppStore, _) => Finding::fail(
                    "ipa.profile",
                    "the IPA is signed for the App Store, which cannot be installed over the air",
                    "Export the build with an ad-hoc, development or enterprise profile.",
                ),
                (_, Some(t)) if t <= now => Finding::fail(
                    "ipa.profile",
                    format!("the provisioning profile or its signing certificate expired on {}", day(t)),
                    "Renew the profile (and certificate) and export the build again.",
                ),
                (_, Some(t)) if soon(t) => Finding::warn(
                    "ipa.profile",
                    format!("the provisioning profile or its signing certificate expires on {}", day(t)),
                    "Renew the profile soon and export the build again.",
                ),
                (ProfileType::Enterprise, _) => Finding::pass(
                    "ipa.profile",
                    "enterprise (in-house) profile: users trust the developer in Settings > General > VPN & Device Management before the first launch",
                ),
                (kind, _) => Finding::pass(
                    "ipa.profile",
                    format!(
                        "{} profile: installs only on its {} registered devices, with Developer Mode on (iOS 16+)",
                        if kind == ProfileType::AdHoc { "ad-hoc" } else { "development" },
                        p.devices
                    ),
                ),
            });
        }
    }
    for w in &info.warnings {
        // The profile finding above already says these; without a profile they still count.
        if COVERED.contains(&w.code.as_str()) && (info.profile.is_some() || w.code == "no-profile")
        {
            continue;
        }
        out.push(warning_finding(&w.code, &w.message));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Status;
    use otadrop_ipa::{ProfileInfo, Warning};

    struct Mem(Vec<u8>, Vec<(u64, u64)>);

    impl RangeSource for Mem {
        fn fetch(&mut self, start: u64, len: u64) -> io::Result<Vec<u8>> {
            self.1.push((start, len));
            let s = start as usize;
            Ok(self.0[s..s + len as usize].to_vec())
        }
    }

    #[test]
    fn reader_reads_like_a_file_and_fetches_once_per_block() {
        let data: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut r = RangeReader::new(Mem(data.clone(), vec![]), data.len() as u64, BUDGET);
        let mut all = Vec::new();
        r.read_to_end(&mut all).unwrap();
        assert_eq!(all, data);
        r.seek(SeekFrom::End(-10)).unwrap();
        let mut tail = [0u8; 10];
        r.read_exact(&mut tail).unwrap();
        assert_eq!(&tail, &data[data.len() - 10..]);
        r.seek(SeekFrom::Start(70_000)).unwrap();
        let mut mid = [0u8; 100_000];
        r.read_exact(&mut mid).unwrap();
        assert_eq!(&mid[..], &data[70_000..170_000]);
        assert_eq!(
            r.fetched,
            data.len() as u64,
            "every block fetched exactly once"
        );
        assert!(r.seek(SeekFrom::Current(-1_000_000)).is_err());
    }

    #[test]
    fn reader_stops_at_the_budget() {
        let data = vec![0u8; 1_000_000];
        let mut r = RangeReader::new(Mem(data, vec![]), 1_000_000, 200_000);
        let mut all = Vec::new();
        assert!(r.read_to_end(&mut all).is_err());
        assert!(r.fetched <= 200_000);
    }

    #[test]
    fn inspecting_a_fixture_reads_a_fraction_of_it() {
        let data = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/fixtures/ipa/fastlane__iTanky_2012.ipa"
        ))
        .unwrap();
        let size = data.len() as u64;
        let mut r = RangeReader::new(Mem(data, vec![]), size, BUDGET);
        let found = ipa::inspect(&mut r, size).unwrap();
        assert_eq!(found.info.bundle_id, "at.felixkrause.iTanky");
        assert!(r.fetched * 4 < size, "fetched {} of {size}", r.fetched);
    }

    /// A real fixture's details, set to a known state (no profile, no warnings).
    fn app() -> AppInfo {
        let mut info = ipa::inspect_path(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/fixtures/ipa/icyleaf__embedded.ipa"
        )))
        .unwrap()
        .info;
        info.bundle_id = "com.example.app".into();
        info.version = "1.2".into();
        info.build = "42".into();
        info.profile = None;
        info.warnings = vec![];
        info
    }

    fn profile(kind: ProfileType, expires: OffsetDateTime) -> ProfileInfo {
        ProfileInfo {
            kind,
            name: None,
            team_name: None,
            team_id: None,
            app_id_name: None,
            created: None,
            expires: Some(expires),
            certificate_expires: None,
            devices: 3,
            device_ids: vec![],
            platforms: vec![],
            digest_ok: true,
        }
    }

    fn manifest(id: &str, v: &str) -> ManifestSummary {
        ManifestSummary {
            bundle_id: Some(id.into()),
            version: Some(v.into()),
            ..Default::default()
        }
    }

    fn status(f: &[Finding], check: &str) -> Option<Status> {
        f.iter()
            .filter(|f| f.check == check)
            .map(|f| f.status)
            .max()
    }

    #[test]
    fn bundle_id_mismatch_fails_and_version_mismatch_warns() {
        let now = OffsetDateTime::now_utc();
        let f = compare(&app(), &manifest("com.example.app", "1.2"), now);
        assert_eq!(status(&f, "ipa.bundle-id"), Some(Status::Pass));
        assert_eq!(status(&f, "ipa.version"), Some(Status::Pass));
        let f = compare(&app(), &manifest("com.example.other", "9"), now);
        assert_eq!(status(&f, "ipa.bundle-id"), Some(Status::Fail));
        assert_eq!(status(&f, "ipa.version"), Some(Status::Warn));
    }

    #[test]
    fn profiles_are_judged_by_type_and_expiry() {
        let now = OffsetDateTime::now_utc();
        let later = now + time::Duration::days(100);
        let m = manifest("com.example.app", "1.2");
        let with = |p: ProfileInfo| AppInfo {
            profile: Some(p),
            ..app()
        };
        let f = compare(&with(profile(ProfileType::AdHoc, later)), &m, now);
        assert_eq!(status(&f, "ipa.profile"), Some(Status::Pass));
        let f = compare(&with(profile(ProfileType::Enterprise, later)), &m, now);
        assert_eq!(status(&f, "ipa.profile"), Some(Status::Pass));
        let f = compare(&with(profile(ProfileType::AppStore, later)), &m, now);
        assert_eq!(status(&f, "ipa.profile"), Some(Status::Fail));
        let f = compare(
            &with(profile(ProfileType::AdHoc, now - time::Duration::days(1))),
            &m,
            now,
        );
        assert_eq!(status(&f, "ipa.profile"), Some(Status::Fail));
        let f = compare(
            &with(profile(
                ProfileType::Development,
                now + time::Duration::days(3),
            )),
            &m,
            now,
        );
        assert_eq!(status(&f, "ipa.profile"), Some(Status::Warn));
        let f = compare(&app(), &m, now);
        assert_eq!(status(&f, "ipa.profile"), Some(Status::Warn));
    }

    #[test]
    fn inspection_warnings_are_reported_once() {
        let now = OffsetDateTime::now_utc();
        let w = |code: &str| Warning {
            code: code.into(),
            message: code.into(),
        };
        let info = AppInfo {
            profile: Some(profile(
                ProfileType::AppStore,
                now + time::Duration::days(100),
            )),
            warnings: vec![w("app-store-signed"), w("icon-in-assets-car")],
            ..app()
        };
        let f = compare(&info, &manifest("com.example.app", "1.2"), now);
        assert_eq!(f.iter().filter(|f| f.check == "ipa.warning").count(), 1);
        let info = AppInfo {
            warnings: vec![w("profile-expired")],
            ..app()
        };
        let f = compare(&info, &manifest("com.example.app", "1.2"), now);
        assert_eq!(status(&f, "ipa.warning"), Some(Status::Fail));
        // A build iOS refuses fails; a missing icon only warns; no-profile is said once.
        for (code, want) in [
            ("no-executable", Some(Status::Fail)),
            ("simulator-build", Some(Status::Fail)),
            ("no-icon", Some(Status::Warn)),
            ("no-profile", None),
        ] {
            let info = AppInfo {
                warnings: vec![w(code)],
                ..app()
            };
            let f = compare(&info, &manifest("com.example.app", "1.2"), now);
            assert_eq!(status(&f, "ipa.warning"), want, "{code}");
        }
    }
}
