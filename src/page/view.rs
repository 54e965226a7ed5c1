//! The view model of a release page: what to say to this visitor about this build. Pure
//! decisions, no markup; both flavors render the same [`ReleaseView`].

use time::{Date, OffsetDateTime};

use crate::client::{Device, InApp, OsVersion, PageKind, Platform, Visitor};
use crate::ipa::{DeviceFamily, ProfileType};
use crate::store::Release;

/// How the build is signed, as far as installing goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signing {
    Enterprise,
    AdHoc {
        devices: usize,
    },
    Development {
        devices: usize,
    },
    AppStore,
    /// No provisioning profile was found.
    Unknown,
}

/// Why an install cannot work, said instead of offering a button that fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocker {
    ProfileExpired(Date),
    CertificateExpired(Date),
    AppStoreSigned,
    /// Built for the Simulator, tvOS, watchOS...: the platform name from Info.plist.
    WrongPlatform,
    /// The build declares neither iPhone nor iPad.
    NoPhoneOrTablet,
    OsTooOld {
        needs: OsVersion,
        has: OsVersion,
    },
    IpadOnlyOnIphone,
}

/// What the page leads with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lead {
    Install,
    OpenInSafari(InApp),
    Qr,
    IosOnly,
    Preview,
    /// The install cannot work: say why (the QR and the button are left out).
    Blocked(Blocker),
}

/// Everything a release page says, decided once.
#[derive(Debug, Clone, PartialEq)]
pub struct ReleaseView {
    pub lead: Lead,
    pub signing: Signing,
    pub iphone: bool,
    pub ipad: bool,
    /// Show the iOS 16+ Developer Mode step (ad-hoc and development builds).
    pub developer_mode: bool,
    /// Show the iOS 18+ "restart if it still will not open" note (enterprise builds).
    pub restart_note: bool,
    /// Days until the profile expires, when it does within 30 days.
    pub expires_soon: Option<i64>,
    /// Plain page for a Mac-or-iPad visitor: script may reveal the install button on a touch
    /// screen (an iPad in desktop mode).
    pub touch_install: bool,
}

impl Blocker {
    /// Whether the blocker is about the visitor's device rather than the build itself.
    pub fn is_about_the_device(self) -> bool {
        matches!(self, Blocker::OsTooOld { .. } | Blocker::IpadOnlyOnIphone)
    }
}

impl Lead {
    /// The lead's name in the visitor JSON (`lead`), kebab-case like [`PageKind`]'s.
    pub fn name(self) -> &'static str {
        match self {
            Lead::Install => "install",
            Lead::OpenInSafari(_) => "open-in-safari",
            Lead::Qr => "qr",
            Lead::IosOnly => "ios-only",
            Lead::Preview => "preview",
            Lead::Blocked(_) => "blocked",
        }
    }
}

/// The two views an AMP document shows before (or without) its personal part: one for any
/// iPhone or iPad browser, one for everything else. Both come from [`release_view`] with a
/// visitor that says no more than CSS can tell: iOS WebKit with no known version or model,
/// and a desktop.
pub struct FirstViews {
    pub ios: ReleaseView,
    pub other: ReleaseView,
}

/// An iOS browser known only to be iOS WebKit (what `@supports (-webkit-touch-callout: none)`
/// tells): no version, no model, no in-app browser.
pub const ANY_IOS: Visitor = Visitor {
    platform: Platform::Ios,
    in_app: None,
    os_version: None,
    page: PageKind::Install,
    device: None,
};

/// Any browser that is not iOS WebKit.
pub const ANY_OTHER: Visitor = Visitor {
    platform: Platform::Desktop,
    in_app: None,
    os_version: None,
    page: PageKind::Qr,
    device: None,
};

pub fn first_views(release: &Release, now: OffsetDateTime) -> FirstViews {
    FirstViews {
        ios: release_view(release, ANY_IOS, now),
        other: release_view(release, ANY_OTHER, now),
    }
}

/// What is wrong with the build itself, whoever visits (`None` when it can install).
pub fn build_problem(release: &Release, now: OffsetDateTime) -> Option<Blocker> {
    let families = &release.app.device_family;
    let iphone = families.is_empty() || families.contains(&DeviceFamily::Iphone);
    let ipad = families.is_empty() || families.contains(&DeviceFamily::Ipad);
    build_blocker(release, now, iphone, ipad)
}

pub fn release_view(release: &Release, visitor: Visitor, now: OffsetDateTime) -> ReleaseView {
    let app = &release.app;
    let signing = match &app.profile {
        None => Signing::Unknown,
        Some(p) => match p.kind {
            ProfileType::Enterprise => Signing::Enterprise,
            ProfileType::AdHoc => Signing::AdHoc { devices: p.devices },
            ProfileType::Development => Signing::Development { devices: p.devices },
            ProfileType::AppStore => Signing::AppStore,
        },
    };
    let families = &app.device_family;
    // No family declared: old builds, which ran on iPhone (and so on iPad).
    let iphone = families.is_empty() || families.contains(&DeviceFamily::Iphone);
    let ipad = families.is_empty() || families.contains(&DeviceFamily::Ipad);
    let minimum_os = app.minimum_os.as_deref().and_then(OsVersion::parse);

    let blocker = build_blocker(release, now, iphone, ipad)
        .or_else(|| visitor_blocker(visitor, minimum_os, iphone));
    let lead = match (visitor.page, blocker) {
        (PageKind::Preview, _) => Lead::Preview,
        (_, Some(b)) => Lead::Blocked(b),
        (PageKind::Install, None) => Lead::Install,
        (PageKind::OpenInSafari, None) => {
            Lead::OpenInSafari(visitor.in_app.unwrap_or(InApp::Webview))
        }
        (PageKind::Qr, None) => Lead::Qr,
        (PageKind::IosOnly, None) => Lead::IosOnly,
    };
    // Unknown version: say it, it costs a line.
    let at_least = |major| visitor.os_version.is_none_or(|v| v.major >= major);
    let expires_soon = app
        .profile
        .as_ref()
        .and_then(|p| p.expires)
        .map(|e| (e - now).whole_days())
        .filter(|d| (0..=30).contains(d));
    ReleaseView {
        lead,
        signing,
        iphone,
        ipad,
        developer_mode: matches!(signing, Signing::AdHoc { .. } | Signing::Development { .. })
            && at_least(16),
        restart_note: signing == Signing::Enterprise && at_least(18),
        expires_soon,
        touch_install: visitor.platform == Platform::MacOrIpad && lead == Lead::Qr,
    }
}

/// The visitor as far as this release's page can tell them apart: the iOS version is reduced
/// to what the decisions above use (below the build's minimum, which the page names exactly;
/// else only whether it reaches iOS 16 and iOS 18), and a minor no iOS has had is treated as
/// unknown. Pages are rendered for, and cached under, this visitor, so a flood of distinct
/// User-Agents costs cache hits, not renders.
pub fn decision_visitor(release: &Release, mut visitor: Visitor) -> Visitor {
    let minimum = release.app.minimum_os.as_deref().and_then(OsVersion::parse);
    visitor.os_version = visitor
        .os_version
        .filter(|v| v.minor <= MAX_PLAUSIBLE_MINOR)
        .map(|v| match minimum {
            Some(min) if v < min => v,
            _ => {
                let class = [18, 16]
                    .into_iter()
                    .find(|&m| v.major >= m)
                    .map_or(OsVersion::new(1, 0), |m| OsVersion::new(m, 0));
                // At least the minimum, so it stays above it; at most `v`, so in its class.
                class.max(minimum.unwrap_or(class))
            }
        });
    visitor
}

/// No iOS release has had a minor version above 7; past this a User-Agent is made up.
const MAX_PLAUSIBLE_MINOR: u16 = 30;

/// Problems of the build itself, whoever visits.
fn build_blocker(
    release: &Release,
    now: OffsetDateTime,
    iphone: bool,
    ipad: bool,
) -> Option<Blocker> {
    let app = &release.app;
    if let Some(p) = &app.profile {
        if p.kind == ProfileType::AppStore {
            return Some(Blocker::AppStoreSigned);
        }
        if let Some(e) = p.expires.filter(|e| *e <= now) {
            return Some(Blocker::ProfileExpired(e.date()));
        }
        if let Some(e) = p.certificate_expires.filter(|e| *e <= now) {
            return Some(Blocker::CertificateExpired(e.date()));
        }
    }
    if app
        .platform
        .as_deref()
        .is_some_and(|p| !p.eq_ignore_ascii_case("iphoneos"))
    {
        return Some(Blocker::WrongPlatform);
    }
    if !iphone && !ipad {
        return Some(Blocker::NoPhoneOrTablet);
    }
    None
}

/// Problems of this build on this visitor's device.
fn visitor_blocker(
    visitor: Visitor,
    minimum_os: Option<OsVersion>,
    iphone: bool,
) -> Option<Blocker> {
    if !matches!(visitor.page, PageKind::Install | PageKind::OpenInSafari) {
        return None;
    }
    if let (Some(needs), Some(has)) = (minimum_os, visitor.os_version) {
        if has < needs {
            return Some(Blocker::OsTooOld { needs, has });
        }
    }
    let on_phone = matches!(visitor.device, Some(Device::Iphone | Device::Ipod));
    if on_phone && !iphone {
        return Some(Blocker::IpadOnlyOnIphone);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::detect;
    use crate::page::testing::{release, SAFARI_17, SAFARI_IPHONE_15, WECHAT};

    fn at(y: i32) -> OffsetDateTime {
        OffsetDateTime::new_utc(
            Date::from_calendar_date(y, time::Month::June, 1).unwrap(),
            time::Time::MIDNIGHT,
        )
    }

    #[test]
    fn the_decision_visitor_keeps_every_decision_and_only_those() {
        use crate::client::OsVersion as V;
        for min in [None, Some("12.0"), Some("16.4"), Some("17.2"), Some("18.3")] {
            let mut r = release(Some(ProfileType::Development));
            r.app.minimum_os = min.map(Into::into);
            let mut reduced = std::collections::HashSet::new();
            for major in 1..=30u16 {
                for minor in 0..=9u16 {
                    let ua = format!("Mozilla/5.0 (iPhone; CPU iPhone OS {major}_{minor} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/{major}.0 Mobile/15E148 Safari/604.1");
                    let v = detect(&ua);
                    let d = decision_visitor(&r, v);
                    assert_eq!(
                        release_view(&r, v, at(2025)),
                        release_view(&r, d, at(2025)),
                        "{min:?} {major}.{minor}"
                    );
                    let needs = min.and_then(V::parse);
                    if needs.is_none_or(|n| V::new(major, minor) >= n) {
                        reduced.insert(d.os_version);
                    }
                }
            }
            assert!(reduced.len() <= 3, "{min:?}: {reduced:?}");
        }
    }

    #[test]
    fn an_enterprise_build_installs_and_says_trust_then_restart_on_18() {
        let r = release(Some(ProfileType::Enterprise));
        let v = release_view(&r, detect(SAFARI_17), at(2025));
        assert_eq!(v.lead, Lead::Install);
        assert_eq!(v.signing, Signing::Enterprise);
        assert!(!v.developer_mode);
        assert!(!v.restart_note, "iOS 17 does not need the restart note");
        let ios26 = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1";
        assert!(release_view(&r, detect(ios26), at(2025)).restart_note);
    }

    #[test]
    fn developer_mode_is_for_ad_hoc_and_development_on_ios_16_and_later() {
        for kind in [ProfileType::AdHoc, ProfileType::Development] {
            let r = release(Some(kind));
            assert!(release_view(&r, detect(SAFARI_17), at(2025)).developer_mode);
            assert!(!release_view(&r, detect(SAFARI_IPHONE_15), at(2025)).developer_mode);
        }
    }

    #[test]
    fn an_expired_profile_blocks_every_visitor_but_bots() {
        let mut r = release(Some(ProfileType::AdHoc));
        let p = r.app.profile.as_mut().unwrap();
        p.expires = Some(at(2024));
        for ua in [
            SAFARI_17,
            WECHAT,
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0",
        ] {
            let v = release_view(&r, detect(ua), at(2025));
            assert!(
                matches!(v.lead, Lead::Blocked(Blocker::ProfileExpired(_))),
                "{ua}"
            );
        }
        let v = release_view(&r, detect("Twitterbot/1.0"), at(2025));
        assert_eq!(v.lead, Lead::Preview);
        // The day before, it still installs, and the page says it expires soon.
        let v = release_view(&r, detect(SAFARI_17), at(2024) - time::Duration::days(1));
        assert_eq!(v.lead, Lead::Install);
        assert_eq!(v.expires_soon, Some(1));
    }

    #[test]
    fn an_expired_certificate_blocks_too() {
        let mut r = release(Some(ProfileType::Enterprise));
        r.app.profile.as_mut().unwrap().certificate_expires = Some(at(2024));
        let v = release_view(&r, detect(SAFARI_17), at(2025));
        assert!(matches!(
            v.lead,
            Lead::Blocked(Blocker::CertificateExpired(_))
        ));
    }

    #[test]
    fn an_app_store_build_is_never_offered() {
        let r = release(Some(ProfileType::AppStore));
        let v = release_view(&r, detect(SAFARI_17), at(2025));
        assert_eq!(v.lead, Lead::Blocked(Blocker::AppStoreSigned));
    }

    #[test]
    fn an_ios_below_the_minimum_is_told_so() {
        let mut r = release(Some(ProfileType::Enterprise));
        r.app.minimum_os = Some("16.4".into());
        let v = release_view(&r, detect(SAFARI_IPHONE_15), at(2025));
        assert_eq!(
            v.lead,
            Lead::Blocked(Blocker::OsTooOld {
                needs: OsVersion::new(16, 4),
                has: OsVersion::new(15, 7)
            })
        );
        // Same in an in-app browser: no point sending them to Safari.
        r.app.minimum_os = Some("18.0".into());
        let v = release_view(&r, detect(WECHAT), at(2025));
        assert!(matches!(v.lead, Lead::Blocked(Blocker::OsTooOld { .. })));
        // A desktop visitor has no iOS version to compare: the QR stays.
        let v = release_view(
            &r,
            detect("Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"),
            at(2025),
        );
        assert_eq!(v.lead, Lead::Qr);
    }

    #[test]
    fn an_ipad_only_app_is_not_offered_to_an_iphone() {
        let mut r = release(Some(ProfileType::Enterprise));
        r.app.device_family = vec![DeviceFamily::Ipad];
        let v = release_view(&r, detect(SAFARI_17), at(2025));
        assert_eq!(v.lead, Lead::Blocked(Blocker::IpadOnlyOnIphone));
        let ipad = "Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
        assert_eq!(release_view(&r, detect(ipad), at(2025)).lead, Lead::Install);
        // An iPhone app installs on an iPad (compatibility mode).
        r.app.device_family = vec![DeviceFamily::Iphone];
        assert_eq!(release_view(&r, detect(ipad), at(2025)).lead, Lead::Install);
    }

    #[test]
    fn a_simulator_build_is_blocked() {
        let mut r = release(Some(ProfileType::Development));
        r.app.platform = Some("iphonesimulator".into());
        let v = release_view(&r, detect(SAFARI_17), at(2025));
        assert_eq!(v.lead, Lead::Blocked(Blocker::WrongPlatform));
    }

    #[test]
    fn leads_follow_the_visitor_page() {
        let r = release(None);
        assert_eq!(
            release_view(&r, detect(WECHAT), at(2025)).lead,
            Lead::OpenInSafari(InApp::Wechat)
        );
        let mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15";
        let v = release_view(&r, detect(mac), at(2025));
        assert_eq!(v.lead, Lead::Qr);
        assert!(v.touch_install);
        let android = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36";
        assert_eq!(
            release_view(&r, detect(android), at(2025)).lead,
            Lead::IosOnly
        );
        assert_eq!(release_view(&r, detect(""), at(2025)).lead, Lead::Qr);
        assert!(!release_view(&r, detect(""), at(2025)).touch_install);
    }
}
