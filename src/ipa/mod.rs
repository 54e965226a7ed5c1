//! Reading an `.ipa`: what the build is, its icon, and how it is signed.
//!
//! Everything here is a plain function over bytes or a file: no HTTP, no storage. The upload
//! path, the `inspect` command, the manifest and the pages all use [`Inspection`].

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// What an IPA says about itself; the JSON form is the `otadrop inspect --json` contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppInfo {
    pub bundle_id: String,
    /// `CFBundleShortVersionString` (falls back to the build when absent).
    pub version: String,
    /// `CFBundleVersion`.
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
    /// Path inside the zip.
    pub file: String,
    pub width: u32,
    pub height: u32,
}

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
    /// Stable, machine-readable code (`profile-expired`, `app-store-signed`, ...).
    pub code: String,
    pub message: String,
}

impl AppInfo {
    /// Whether this warning code was raised.
    pub fn has_warning(&self, code: &str) -> bool {
        self.warnings.iter().any(|w| w.code == code)
    }
}

mod error;
mod inspect;

pub use error::IpaError;
pub use inspect::{inspect, inspect_path, IconImages, Inspection};
