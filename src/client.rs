//! Who is visiting: from the User-Agent, the platform, the in-app browser (if any), the iOS
//! version, and so which page can work for them.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Platform {
    Ios,
    MacOrIpad,
    Android,
    Desktop,
    Bot,
    Unknown,
}

/// The page a visitor gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageKind {
    Install,
    OpenInSafari,
    Qr,
    IosOnly,
    Preview,
}

/// A detected visitor. Cheap to compute and `Copy`, so it can key a cache of rendered pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Visitor {
    pub platform: Platform,
    /// The app whose embedded browser this is (`facebook`, `wechat`, ..., or `webview`).
    pub in_app: Option<&'static str>,
    /// iOS (major, minor) for iOS visitors.
    #[serde(serialize_with = "ser_version")]
    pub os_version: Option<(u16, u16)>,
    pub page: PageKind,
}

fn ser_version<S: serde::Serializer>(v: &Option<(u16, u16)>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some((major, minor)) => s.serialize_some(&format!("{major}.{minor}")),
        None => s.serialize_none(),
    }
}

/// Detects the visitor from a User-Agent string (empty when the header is missing).
pub fn detect(ua: &str) -> Visitor {
    let ios = ua.contains("iPhone") || ua.contains("iPad") || ua.contains("iPod");
    let (platform, page) = if ios {
        (Platform::Ios, PageKind::Install)
    } else if ua.contains("Android") {
        (Platform::Android, PageKind::IosOnly)
    } else if ua.contains("Macintosh") {
        (Platform::MacOrIpad, PageKind::Qr)
    } else {
        (Platform::Unknown, PageKind::Qr)
    };
    Visitor {
        platform,
        in_app: None,
        os_version: None,
        page,
    }
}
