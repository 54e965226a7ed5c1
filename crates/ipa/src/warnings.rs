//! The warnings inspection raises: a stable code (part of the JSON contract) and a sentence.

use time::OffsetDateTime;

use super::{AppInfo, ProfileType, Warning};

/// The profile's `ExpirationDate` has passed.
pub const PROFILE_EXPIRED: &str = "profile-expired";
/// The earliest `NotAfter` of the profile's developer certificates has passed.
pub const CERTIFICATE_EXPIRED: &str = "certificate-expired";
/// Signed for the App Store: cannot be installed over the air.
pub const APP_STORE_SIGNED: &str = "app-store-signed";
/// Built for another platform (tvOS, watchOS, visionOS, macOS).
pub const NOT_IOS: &str = "not-ios";
/// Built for the iOS Simulator.
pub const SIMULATOR_BUILD: &str = "simulator-build";
/// No icon at all: no loose icon file, and none in `Assets.car`.
pub const NO_ICON: &str = "no-icon";
/// An icon file is declared and present but cannot be decoded.
pub const ICON_UNREADABLE: &str = "icon-unreadable";
/// `Assets.car` is present but too large or unreadable, or its icon cannot be decoded.
pub const ASSETS_CAR_UNREADABLE: &str = "assets-car-unreadable";
/// The executable named by `CFBundleExecutable` is not in the bundle.
pub const NO_EXECUTABLE: &str = "no-executable";
/// Neither `CFBundleVersion` nor `CFBundleShortVersionString` is set.
pub const NO_VERSION: &str = "no-version";
/// No `embedded.mobileprovision`.
pub const NO_PROFILE: &str = "no-profile";
/// `embedded.mobileprovision` is present but cannot be read.
pub const PROFILE_UNREADABLE: &str = "profile-unreadable";
/// The profile's signature does not cover its content (edited, or not a signed message).
pub const PROFILE_UNVERIFIED: &str = "profile-unverified";

/// The app's title was longer than any screen shows and was cut.
pub const TITLE_TRUNCATED: &str = "title-truncated";

/// Every code, for documentation and tests.
pub const ALL: &[&str] = &[
    PROFILE_EXPIRED,
    CERTIFICATE_EXPIRED,
    APP_STORE_SIGNED,
    NOT_IOS,
    SIMULATOR_BUILD,
    NO_ICON,
    ICON_UNREADABLE,
    ASSETS_CAR_UNREADABLE,
    NO_EXECUTABLE,
    NO_VERSION,
    NO_PROFILE,
    PROFILE_UNREADABLE,
    PROFILE_UNVERIFIED,
];

pub(crate) fn warning(code: &'static str, message: impl Into<String>) -> Warning {
    Warning {
        code: code.to_string(),
        message: message.into(),
    }
}

fn day(t: OffsetDateTime) -> String {
    format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day())
}

/// "N days ago" / "today" for a past instant. Stored messages never carry it (it would be
/// stale the next day): whoever shows a message computes it when showing.
pub fn days_ago(t: OffsetDateTime, now: OffsetDateTime) -> String {
    match (now - t).whole_days() {
        0 => "today".into(),
        1 => "1 day ago".into(),
        n => format!("{n} days ago"),
    }
}

/// The warnings that follow from the inspected facts at `now`. `icon_problem`,
/// `catalog_problem` and `profile_problem` carry why an icon file, `Assets.car` or the
/// profile that exists could not be read.
pub(crate) fn derive(
    info: &AppInfo,
    executable: &str,
    icon_problem: Option<String>,
    catalog_problem: Option<String>,
    profile_problem: Option<String>,
    now: OffsetDateTime,
) -> Vec<Warning> {
    let mut out = Vec::new();
    let platform = info.platform.as_deref().unwrap_or("").to_ascii_lowercase();
    if platform.ends_with("simulator") {
        out.push(warning(
            SIMULATOR_BUILD,
            format!("Built for the simulator ({platform}): devices cannot install it. Archive for a device (Any iOS Device) and export an .ipa."),
        ));
    } else if !platform.is_empty() && platform != "iphoneos" {
        out.push(warning(
            NOT_IOS,
            format!(
                "Built for {} ({platform}), not iOS: iPhones and iPads cannot install it.",
                platform_name(&platform)
            ),
        ));
    } else if platform.is_empty()
        && !info.device_family.is_empty()
        && !info
            .device_family
            .iter()
            .any(|f| matches!(f, super::DeviceFamily::Iphone | super::DeviceFamily::Ipad))
    {
        out.push(warning(
            NOT_IOS,
            "Built for Apple TV or Apple Watch only, not iOS: iPhones and iPads cannot install it.",
        ));
    }
    if !info.has_executable {
        out.push(warning(
            NO_EXECUTABLE,
            format!("The bundle has no executable (\"{executable}\" is missing): iOS will refuse to install it. Export the .ipa again from Xcode."),
        ));
    }
    if info.build.is_empty() {
        out.push(warning(
            NO_VERSION,
            "Info.plist has no CFBundleVersion (nor CFBundleShortVersionString): iOS will refuse to install it. Set a build number in Xcode.",
        ));
    }
    match (&info.icon, icon_problem) {
        (Some(_), _) => {}
        (None, Some(problem)) => out.push(warning(
            ICON_UNREADABLE,
            format!("The app icon file exists but cannot be decoded ({problem}): the pages show a placeholder."),
        )),
        // An unreadable catalog says so below; "no icon" would not be the truth.
        (None, None) if catalog_problem.is_some() => {}
        (None, None) => out.push(warning(
            NO_ICON,
            "No app icon in the bundle (no icon file, and none in Assets.car): the pages show a placeholder. Add an AppIcon set to the app's asset catalog.",
        )),
    }
    if let Some(problem) = catalog_problem {
        let fallback = match &info.icon {
            Some(icon) => format!("the icon comes from {}", icon.file),
            None => "the pages show a placeholder".to_string(),
        };
        out.push(warning(
            ASSETS_CAR_UNREADABLE,
            format!("Assets.car cannot be read for the app icon ({problem}): {fallback}."),
        ));
    }
    match (&info.profile, profile_problem) {
        (None, Some(problem)) => out.push(warning(
            PROFILE_UNREADABLE,
            format!("embedded.mobileprovision cannot be read ({problem}): the signing is unknown."),
        )),
        (None, None) => out.push(warning(
            NO_PROFILE,
            "No provisioning profile (embedded.mobileprovision): this is an unsigned or simulator build, which devices will not install. Export with an ad-hoc, development or enterprise profile.",
        )),
        (Some(p), _) => {
            if p.kind == ProfileType::AppStore {
                out.push(warning(
                    APP_STORE_SIGNED,
                    "Signed for the App Store: iOS cannot install it over the air. Export it with an ad-hoc, development or enterprise profile.",
                ));
            }
            if let Some(t) = p.expires.filter(|t| *t <= now) {
                out.push(warning(
                    PROFILE_EXPIRED,
                    format!("The provisioning profile expired on {}: iOS will not install or launch the app. Re-sign it with a current profile.", day(t)),
                ));
            }
            if let Some(t) = p.certificate_expires.filter(|t| *t <= now) {
                out.push(warning(
                    CERTIFICATE_EXPIRED,
                    format!("The signing certificate expired on {}: iOS will not install the app. Re-sign it with a current certificate.", day(t)),
                ));
            }
            if !p.digest_ok {
                out.push(warning(
                    PROFILE_UNVERIFIED,
                    "The provisioning profile's signature does not match its content (edited, or not a signed profile): iOS will refuse it.",
                ));
            }
        }
    }
    out
}

fn platform_name(platform: &str) -> &'static str {
    match platform {
        "appletvos" => "tvOS",
        "watchos" => "watchOS",
        "xros" => "visionOS",
        "macosx" => "macOS",
        _ => "another platform",
    }
}
