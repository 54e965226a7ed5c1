//! One builder for the [`Release`]s that unit tests, integration tests and benches make up,
//! instead of the same struct literal written out in each of them. Not part of the service.
//!
//! `fixture::release().signed(ProfileType::AdHoc).title("Tom & Jerry").build()`: every field
//! has a plain default (an iPhone and iPad app "Demo", no profile, no icon); set only what the
//! test is about.

use time::macros::datetime;
use time::OffsetDateTime;

use crate::ipa::{AppInfo, DeviceFamily, ProfileInfo, ProfileType, Warning};
use crate::store::{Release, ReleaseId};

/// The id every fixture release has unless told otherwise.
pub const ID: &str = "01jd5x0000000000000000000a";

/// A release to build; see the module docs.
#[derive(Debug, Clone)]
pub struct ReleaseBuilder(Release);

/// The default release: "Demo" 1.2.3 (45), `com.example.demo`, iPhone and iPad, iOS 14.0+,
/// 12,345,678 bytes, two lines of notes, no profile, no icon.
pub fn release() -> ReleaseBuilder {
    ReleaseBuilder(Release {
        id: ReleaseId::parse(ID).expect("the fixture id is valid"),
        created: datetime!(2025-01-02 10:00 UTC),
        sha256: "ab".repeat(32),
        size: 12_345_678,
        notes: Some("Fixes the login crash.\nNew icon.".into()),
        channel: crate::store::channel::DEFAULT.into(),
        edited: None,
        has_icon: false,
        app: app_info(),
    })
}

/// The release the page tests and benches show: "Field Notes" 2.4.0 (318),
/// `com.example.fieldnotes`, iOS 15.0+, 48,234,112 bytes, uploaded 2026-05-20 09:30 UTC; the
/// rest as [`release`].
pub fn field_notes() -> ReleaseBuilder {
    release()
        .created(datetime!(2026-05-20 9:30 UTC))
        .size(48_234_112)
        .bundle_id("com.example.fieldnotes")
        .version("2.4.0", "318")
        .title("Field Notes")
        .minimum_os(Some("15.0"))
}

/// The default release's [`AppInfo`].
pub fn app_info() -> AppInfo {
    AppInfo {
        bundle_id: "com.example.demo".into(),
        version: "1.2.3".into(),
        build: "45".into(),
        title: "Demo".into(),
        minimum_os: Some("14.0".into()),
        device_family: vec![DeviceFamily::Iphone, DeviceFamily::Ipad],
        platform: Some("iphoneos".into()),
        extensions: 0,
        has_executable: true,
        size: 12_345_678,
        icon: None,
        profile: None,
        warnings: vec![],
    }
}

/// A valid profile of `kind` (valid until 2030; three devices for ad-hoc and development).
pub fn profile(kind: ProfileType) -> ProfileInfo {
    ProfileInfo {
        kind,
        name: Some("Demo profile".into()),
        team_name: Some("Example Team".into()),
        team_id: Some("ABCDE12345".into()),
        app_id_name: None,
        created: Some(datetime!(2025-01-01 0:00 UTC)),
        expires: Some(datetime!(2030-01-01 0:00 UTC)),
        certificate_expires: Some(datetime!(2030-01-01 0:00 UTC)),
        devices: if matches!(kind, ProfileType::AdHoc | ProfileType::Development) {
            3
        } else {
            0
        },
        device_ids: vec![],
        platforms: vec!["iOS".into()],
        digest_ok: true,
    }
}

impl ReleaseBuilder {
    pub fn id(mut self, id: ReleaseId) -> Self {
        self.0.id = id;
        self
    }

    pub fn created(mut self, at: OffsetDateTime) -> Self {
        self.0.created = at;
        self
    }

    /// Signed with a valid profile of `kind` ([`profile`]).
    pub fn signed(self, kind: ProfileType) -> Self {
        self.profile(Some(profile(kind)))
    }

    pub fn profile(mut self, profile: Option<ProfileInfo>) -> Self {
        self.0.app.profile = profile;
        self
    }

    pub fn bundle_id(mut self, id: &str) -> Self {
        self.0.app.bundle_id = id.into();
        self
    }

    pub fn title(mut self, title: &str) -> Self {
        self.0.app.title = title.into();
        self
    }

    pub fn version(mut self, version: &str, build: &str) -> Self {
        self.0.app.version = version.into();
        self.0.app.build = build.into();
        self
    }

    pub fn minimum_os(mut self, v: Option<&str>) -> Self {
        self.0.app.minimum_os = v.map(Into::into);
        self
    }

    pub fn devices(mut self, family: Vec<DeviceFamily>) -> Self {
        self.0.app.device_family = family;
        self
    }

    pub fn extensions(mut self, n: u32) -> Self {
        self.0.app.extensions = n;
        self
    }

    /// The IPA's size, in the release and in its [`AppInfo`].
    pub fn size(mut self, bytes: u64) -> Self {
        self.0.size = bytes;
        self.0.app.size = bytes;
        self
    }

    pub fn sha256(mut self, hex: &str) -> Self {
        self.0.sha256 = hex.into();
        self
    }

    pub fn channel(mut self, channel: &str) -> Self {
        self.0.channel = channel.into();
        self
    }

    pub fn notes(mut self, notes: Option<&str>) -> Self {
        self.0.notes = notes.map(Into::into);
        self
    }

    pub fn has_icon(mut self, yes: bool) -> Self {
        self.0.has_icon = yes;
        self
    }

    pub fn warnings(mut self, warnings: Vec<Warning>) -> Self {
        self.0.app.warnings = warnings;
        self
    }

    pub fn build(self) -> Release {
        self.0
    }
}
