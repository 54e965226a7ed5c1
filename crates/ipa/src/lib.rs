//! Reading an `.ipa`: what the build is, its icon, and how it is signed.
//!
//! Everything here is a plain function over bytes or a file: no async runtime, no HTTP, no
//! storage, so that anything that needs to read an IPA can use it. otadrop's upload path, its
//! `inspect` command, the manifest and the pages all use [`Inspection`]; the install-link
//! doctor uses it on IPAs read over Range requests.
//!
//! # Layout
//!
//! - `archive`: the zip central directory, finding `Payload/<X>.app/`, bounded entry reads.
//! - `info_plist`: bundle fields; [`plist_limited`]: property lists under [`Limits`].
//! - `icon`: which icon file, and the 57/512 renditions; [`cgbi`]: Apple's crushed PNGs.
//! - `assets_car`: the icon from `Assets.car` (light and dark), through `otadrop-car`.
//! - [`profile`]: `embedded.mobileprovision` (CMS, digest, type); `ber`: BER to DER.
//! - [`warnings`]: the stable warning codes.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// What an IPA says about itself; the JSON form is the `otadrop inspect --json` contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppInfo {
    pub bundle_id: String,
    /// `CFBundleShortVersionString` (falls back to the build when absent; empty, with a
    /// `no-version` warning, when both are absent).
    pub version: String,
    /// `CFBundleVersion` (falls back to the version when absent).
    pub build: String,
    /// `CFBundleDisplayName`, else `CFBundleName`, else the `.app` folder name.
    pub title: String,
    pub minimum_os: Option<String>,
    pub device_family: Vec<DeviceFamily>,
    pub platform: Option<String>,
    /// Number of app extensions (`PlugIns/*.appex`, `Extensions/*.appex`).
    pub extensions: u32,
    pub has_executable: bool,
    /// Size of the IPA in bytes.
    pub size: u64,
    pub icon: Option<IconInfo>,
    pub profile: Option<ProfileInfo>,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeviceFamily {
    Iphone,
    Ipad,
    Tv,
    Watch,
}

/// The chosen source icon inside the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IconInfo {
    /// Where the pixels came from: a loose PNG or the asset catalog.
    #[serde(default)]
    pub source: IconSource,
    /// Path inside the zip (the PNG, or `Assets.car`).
    pub file: String,
    /// The asset-catalog icon set (`CFBundleIconName`) the icon came from; `None` for a
    /// loose file.
    #[serde(default)]
    pub set: Option<String>,
    /// Size of the source image in pixels (the served `icon.png` is at most
    /// [`MAX_ICON_SIDE`] a side).
    pub width: u32,
    pub height: u32,
    /// The catalog also has a dark-appearance icon (served as `icon-dark.png`).
    #[serde(default)]
    pub dark: bool,
}

/// Where the chosen icon came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum IconSource {
    /// A loose PNG in the app folder (`AppIcon60x60@3x.png`).
    #[default]
    #[serde(rename = "file")]
    File,
    /// The app's asset catalog, `Assets.car`.
    #[serde(rename = "assets-car")]
    AssetsCar,
}

impl IconSource {
    /// The word used in the JSON contract (`file`, `assets-car`).
    pub fn as_str(self) -> &'static str {
        match self {
            IconSource::File => "file",
            IconSource::AssetsCar => "assets-car",
        }
    }
}

/// Largest side of the served icon (`icon.png`, `icon-dark.png`): a larger source (the
/// 2048 px renditions of Icon Composer catalogs) is scaled down to it.
pub const MAX_ICON_SIDE: u32 = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProfileType {
    Enterprise,
    AdHoc,
    Development,
    AppStore,
}

/// What `embedded.mobileprovision` says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileInfo {
    #[serde(rename = "type")]
    pub kind: ProfileType,
    pub name: Option<String>,
    pub team_name: Option<String>,
    pub team_id: Option<String>,
    pub app_id_name: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub created: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub expires: Option<OffsetDateTime>,
    /// Earliest `NotAfter` of the `DeveloperCertificates`.
    #[serde(with = "time::serde::rfc3339::option")]
    pub certificate_expires: Option<OffsetDateTime>,
    /// Number of `ProvisionedDevices`.
    pub devices: usize,
    pub device_ids: Vec<String>,
    pub platforms: Vec<String>,
    /// The CMS content digest matched the signed `messageDigest` attribute.
    pub digest_ok: bool,
}

/// A problem with the build that does not stop it being stored, said to people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// Stable, machine-readable code: one of [`warnings::ALL`] (`profile-expired`,
    /// `app-store-signed`, ...).
    pub code: String,
    pub message: String,
}

impl AppInfo {
    /// Whether this warning code was raised.
    pub fn has_warning(&self, code: &str) -> bool {
        self.warnings.iter().any(|w| w.code == code)
    }

    /// Whether iOS could install this build from a link at `now`, as far as the IPA tells:
    /// signed with a profile that is not App Store, for iOS, with an executable, and neither the
    /// profile nor its certificates expired. (Whether a given device is in an ad-hoc or
    /// development profile is for the caller to check against [`ProfileInfo::device_ids`].)
    pub fn installable_over_the_air(&self, now: OffsetDateTime) -> bool {
        let signed_for_links = self
            .profile
            .as_ref()
            .is_some_and(|p| p.kind != ProfileType::AppStore && !p.is_expired(now));
        signed_for_links
            && self.has_executable
            && !self.has_warning(warnings::NOT_IOS)
            && !self.has_warning(warnings::SIMULATOR_BUILD)
    }
}

impl ProfileInfo {
    /// The profile or the earliest of its developer certificates has expired at `now`.
    pub fn is_expired(&self, now: OffsetDateTime) -> bool {
        self.expires.is_some_and(|t| t <= now) || self.certificate_expires.is_some_and(|t| t <= now)
    }

    /// Ad-hoc and development builds install only on the devices listed in the profile.
    pub fn needs_registered_device(&self) -> bool {
        matches!(self.kind, ProfileType::AdHoc | ProfileType::Development)
    }
}

impl ProfileType {
    /// The word used in the JSON contract (`enterprise`, `ad-hoc`, `development`, `app-store`).
    pub fn as_str(self) -> &'static str {
        match self {
            ProfileType::Enterprise => "enterprise",
            ProfileType::AdHoc => "ad-hoc",
            ProfileType::Development => "development",
            ProfileType::AppStore => "app-store",
        }
    }
}

impl DeviceFamily {
    /// `UIDeviceFamily` number (1 iPhone, 2 iPad, 3 Apple TV, 4 Apple Watch).
    pub fn from_code(code: u64) -> Option<DeviceFamily> {
        match code {
            1 => Some(DeviceFamily::Iphone),
            2 => Some(DeviceFamily::Ipad),
            3 => Some(DeviceFamily::Tv),
            4 => Some(DeviceFamily::Watch),
            _ => None,
        }
    }

    /// For people: `iPhone`, `iPad`, `Apple TV`, `Apple Watch`.
    pub fn label(self) -> &'static str {
        match self {
            DeviceFamily::Iphone => "iPhone",
            DeviceFamily::Ipad => "iPad",
            DeviceFamily::Tv => "Apple TV",
            DeviceFamily::Watch => "Apple Watch",
        }
    }
}

mod archive;
mod assets_car;
mod ber;
pub mod cgbi;
mod error;
mod icon;
mod info_plist;
mod inspect;
mod limits;
pub mod plist_limited;
pub mod profile;
pub mod warnings;

pub use error::IpaError;
pub use inspect::{
    inspect, inspect_path, inspect_with, render_icon, render_rgba, IconImages, Inspection, Options,
};
pub use limits::Limits;
pub use profile::{parse_profile, ProfileError};
