//! The view model of a release page: what to say to this visitor about this build. Pure
//! decisions, no markup; both flavors render the same [`ReleaseView`].

use time::{Date, OffsetDateTime};

use crate::client::{Device, InApp, OsVersion, PageKind, Platform, Visitor};
use crate::i18n::Arg;
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

/// Something the page says, as a message id of `locales/*/otadrop.ftl` and its arguments: the
/// renderer resolves it in the visitor's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    pub id: &'static str,
    pub args: Vec<(&'static str, MsgArg)>,
}

/// An argument of a [`Msg`]; dates are formatted in the page's language when rendered.
#[derive(Debug, Clone, PartialEq)]
pub enum MsgArg {
    Plain(Arg),
    Date(Date),
    /// A moment: its date and time of day in UTC.
    Time(time::OffsetDateTime),
    /// Another message, in the same language.
    Message(&'static str),
}

impl Msg {
    pub fn new(id: &'static str) -> Msg {
        Msg { id, args: vec![] }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, MsgArg::Plain(value.into())));
        self
    }

    pub fn date(mut self, name: &'static str, d: Date) -> Msg {
        self.args.push((name, MsgArg::Date(d)));
        self
    }

    /// A moment, told as a date and a time of day in UTC.
    pub fn time(mut self, name: &'static str, t: time::OffsetDateTime) -> Msg {
        self.args.push((name, MsgArg::Time(t)));
        self
    }

    /// An argument that is another message, in the same language.
    pub fn message(mut self, name: &'static str, id: &'static str) -> Msg {
        self.args.push((name, MsgArg::Message(id)));
        self
    }
}

/// One step of the install list (see [`ReleaseView::install_steps`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub msg: Msg,
    /// The visitor JSON flag the step depends on, and whether it holds for this view.
    pub when: Option<(&'static str, bool)>,
}

impl Signing {
    /// How the details list says it.
    pub fn message(self) -> Msg {
        match self {
            Signing::Enterprise => Msg::new("signing-enterprise"),
            Signing::AdHoc { devices } => Msg::new("signing-ad-hoc").arg("devices", devices),
            Signing::Development { devices } => {
                Msg::new("signing-development").arg("devices", devices)
            }
            Signing::AppStore => Msg::new("signing-app-store"),
            Signing::Unknown => Msg::new("signing-none"),
        }
    }
}

impl Blocker {
    /// Why, in one paragraph. `platform` is the build's platform name from Info.plist.
    pub fn message(self, platform: Option<&str>) -> Msg {
        match self {
            Blocker::ProfileExpired(d) => Msg::new("blocked-profile-expired").date("date", d),
            Blocker::CertificateExpired(d) => {
                Msg::new("blocked-certificate-expired").date("date", d)
            }
            Blocker::AppStoreSigned => Msg::new("blocked-app-store"),
            Blocker::WrongPlatform => match platform {
                Some(p) => Msg::new("blocked-wrong-platform").arg("platform", p),
                None => {
                    let mut m = Msg::new("blocked-wrong-platform");
                    m.args
                        .push(("platform", MsgArg::Message("blocked-other-platform")));
                    m
                }
            },
            Blocker::NoPhoneOrTablet => Msg::new("blocked-no-family"),
            Blocker::OsTooOld { needs, has } => Msg::new("blocked-os-too-old")
                .arg("needs", needs.to_string())
                .arg("has", has.to_string()),
            Blocker::IpadOnlyOnIphone => Msg::new("blocked-ipad-only"),
        }
    }
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

impl ReleaseView {
    /// The numbered steps after the Install button, for this build's signing. `team` is the
    /// profile's team name, which the trust step shows as iOS lists it. A step that depends on
    /// the visitor's iOS version carries the visitor JSON's flag for it (the AMP template shows
    /// it in that section) and whether it holds for this view.
    pub fn install_steps(&self, team: Option<&str>) -> Vec<Step> {
        let always = |msg| Step { msg, when: None };
        let mut steps = vec![always(Msg::new("step-tap-install"))];
        match self.signing {
            Signing::Enterprise => {
                steps.push(always(match team {
                    Some(team) => Msg::new("step-trust").arg("team", team),
                    None => Msg::new("step-trust").message("team", "team-unknown"),
                }));
                steps.push(Step {
                    msg: Msg::new("step-restart"),
                    when: Some(("restart_note", self.restart_note)),
                });
            }
            Signing::AdHoc { devices } | Signing::Development { devices } => {
                steps.push(always(Msg::new("step-registered").arg("devices", devices)));
                steps.push(Step {
                    msg: Msg::new("step-developer-mode"),
                    when: Some(("developer_mode", self.developer_mode)),
                });
            }
            Signing::Unknown => steps.push(always(Msg::new("step-no-profile"))),
            Signing::AppStore => {}
        }
        steps
    }

    /// The warning that the profile expires soon, when it does and the page still offers it.
    pub fn expiry_warning(&self) -> Option<Msg> {
        let days = self.expires_soon?;
        if matches!(self.lead, Lead::Blocked(_) | Lead::Preview) {
            return None;
        }
        Some(Msg::new("expires-soon").arg("days", days))
    }
}

/// Where an app keeps its "open in Safari" command, as far as we know it: the step that says
/// where to tap and what to choose, in that app's words.
pub fn safari_step(app: InApp) -> Msg {
    let (menu, command) = match app {
        InApp::Facebook | InApp::Messenger | InApp::Instagram => {
            ("menu-top-right", "command-open-in-external-browser")
        }
        InApp::Linkedin | InApp::Tiktok => ("menu-top-right", "command-open-in-browser"),
        InApp::Google => ("menu-bottom-right", "command-open-in-safari"),
        InApp::Twitter => ("menu-share", "command-open-in-safari"),
        InApp::Webview => ("menu-webview", "command-open-in-safari"),
        InApp::Wechat
        | InApp::Line
        | InApp::Snapchat
        | InApp::Dingtalk
        | InApp::Qq
        | InApp::Weibo
        | InApp::Kakaotalk
        | InApp::Pinterest
        | InApp::Telegram
        | InApp::Whatsapp => ("menu-top-right", "command-open-in-safari"),
    };
    Msg::new("safari-step-menu")
        .message("menu", menu)
        .message("command", command)
}

/// The sentence that this app's browser cannot install, with the app's name as the page's
/// language writes it (brand names stay as they are).
pub fn cannot_install_here(app: InApp) -> Msg {
    let named = Msg::new("safari-cannot-named");
    match app {
        InApp::Webview => Msg::new("safari-cannot-generic"),
        InApp::Wechat => named.message("app", "app-wechat"),
        InApp::Dingtalk => named.message("app", "app-dingtalk"),
        InApp::Weibo => named.message("app", "app-weibo"),
        InApp::Kakaotalk => named.message("app", "app-kakaotalk"),
        InApp::Google => named.message("app", "app-google"),
        other => named.arg("app", other.display_name()),
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

/// What a "Previous builds" entry offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildAction {
    /// Its own install button (a visitor whose browser installs).
    Install,
    /// A link to its own page, which leads the visitor as a release page does (QR, Safari...).
    Page,
    /// It cannot install: the reason, no button.
    Refused(Blocker),
}

/// One earlier build of an app, as its app page lists it.
#[derive(Debug, Clone)]
pub struct PreviousBuild<'a> {
    pub release: &'a Release,
    pub action: BuildAction,
}

/// The app page's "Previous builds", newest first. `visitor` is the plain page's visitor; the
/// AMP document (the same for everyone) passes `None` and gets each build's own problems only.
pub fn previous_builds<'a>(
    releases: &'a [std::sync::Arc<Release>],
    visitor: Option<Visitor>,
    now: OffsetDateTime,
) -> Vec<PreviousBuild<'a>> {
    releases
        .iter()
        .map(|r| {
            let action = match visitor {
                Some(v) => match release_view(r, v, now).lead {
                    Lead::Install => BuildAction::Install,
                    Lead::Blocked(b) => BuildAction::Refused(b),
                    _ => BuildAction::Page,
                },
                None => build_problem(r, now).map_or(BuildAction::Page, BuildAction::Refused),
            };
            PreviousBuild { release: r, action }
        })
        .collect()
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
    fn previous_builds_offer_their_own_install_or_say_why_not() {
        let ok = std::sync::Arc::new(release(Some(ProfileType::Enterprise)));
        let mut old = release(Some(ProfileType::AdHoc));
        old.app.profile.as_mut().unwrap().expires = Some(at(2024));
        let old = std::sync::Arc::new(old);
        let list = vec![ok, old];
        let on_iphone = previous_builds(&list, Some(detect(SAFARI_17)), at(2025));
        assert_eq!(on_iphone[0].action, BuildAction::Install);
        assert!(matches!(
            on_iphone[1].action,
            BuildAction::Refused(Blocker::ProfileExpired(_))
        ));
        let in_wechat = previous_builds(&list, Some(detect(WECHAT)), at(2025));
        assert_eq!(in_wechat[0].action, BuildAction::Page);
        let amp = previous_builds(&list, None, at(2025));
        assert_eq!(amp[0].action, BuildAction::Page);
        assert!(matches!(amp[1].action, BuildAction::Refused(_)));
    }

    #[test]
    fn install_steps_follow_the_signing() {
        let ids = |kind, ua| {
            let r = release(kind);
            release_view(&r, detect(ua), at(2025))
                .install_steps(Some("Example Team"))
                .iter()
                .filter(|s| s.when.is_none_or(|(_, holds)| holds))
                .map(|s| s.msg.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids(Some(ProfileType::Enterprise), SAFARI_17),
            ["step-tap-install", "step-trust"]
        );
        assert_eq!(
            ids(Some(ProfileType::AdHoc), SAFARI_17),
            ["step-tap-install", "step-registered", "step-developer-mode"]
        );
        assert_eq!(
            ids(Some(ProfileType::Development), SAFARI_IPHONE_15),
            ["step-tap-install", "step-registered"]
        );
        assert_eq!(
            ids(None, SAFARI_17),
            ["step-tap-install", "step-no-profile"]
        );
        let r = release(Some(ProfileType::Enterprise));
        let v = release_view(&r, detect(SAFARI_17), at(2025));
        assert_eq!(
            v.install_steps(None)[1].msg.args,
            [("team", MsgArg::Message("team-unknown"))]
        );
    }

    #[test]
    fn chat_apps_get_their_own_words() {
        assert_eq!(
            cannot_install_here(InApp::Wechat).args,
            [("app", MsgArg::Message("app-wechat"))]
        );
        assert_eq!(
            cannot_install_here(InApp::Webview).id,
            "safari-cannot-generic"
        );
        assert_eq!(
            safari_step(InApp::Facebook).args[1],
            (
                "command",
                MsgArg::Message("command-open-in-external-browser")
            )
        );
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
