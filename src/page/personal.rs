//! The personal part of an AMP page, as JSON: what the plain page decides for this visitor
//! ([`super::view::release_view`]), in the shape the AMP document's `amp-mustache` template
//! reads. The visitor's own browser fetches it (the AMP page itself is one document for
//! everyone), so the detection here runs on the visitor's User-Agent.
//!
//! `page`, `platform`, `in_app`, `os_version` and `device` are exactly `otadrop detect`'s
//! answer. `lead` names what the page leads with; the booleans after it switch the template's
//! sections (exactly one lead is true), and the strings fill its variables. The field names are
//! the keys of the template in `render.rs`.

use serde::Serialize;
use time::OffsetDateTime;

use super::render::safari_words;
use super::view::{release_view, Blocker, Lead};
use crate::client::Visitor;
use crate::i18n::Lang;
use crate::store::Release;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Personal {
    #[serde(flatten)]
    pub visitor: Visitor,
    /// `install`, `open-in-safari`, `qr`, `ios-only`, `preview` or `blocked`.
    pub lead: &'static str,
    pub install: bool,
    pub open_in_safari: bool,
    pub qr: bool,
    pub ios_only: bool,
    pub preview: bool,
    /// The build itself cannot install (expired, App Store, wrong platform...).
    pub blocked: bool,
    /// This device's iOS is older than the build needs: `needs` and `has` say the versions.
    pub os_too_old: bool,
    /// An iPad-only build on an iPhone.
    pub ipad_only: bool,
    pub needs: Option<String>,
    pub has: Option<String>,
    /// Install steps that depend on the iOS version.
    pub developer_mode: bool,
    pub restart_note: bool,
    /// A Mac User-Agent (a Mac, or an iPad in desktop mode): the QR page offers the button too.
    pub mac_or_ipad: bool,
    /// The open-in-Safari steps' words (all absent for the other leads).
    #[serde(flatten)]
    pub in_app: InAppWords,
}

/// The in-app browser's words for the open-in-Safari steps, in the document's language.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct InAppWords {
    /// The in-app browser's name (absent for an unnamed view).
    pub app_name: Option<String>,
    /// Where the in-app browser's menu is, and its "open in Safari" command.
    pub menu: Option<String>,
    pub command: Option<String>,
}

/// The personal part for `visitor` on `release` at `now`; its words (`app_name`, `menu`,
/// `command`) in `lang`, the language of the AMP document that asks.
pub fn personal(release: &Release, visitor: Visitor, now: OffsetDateTime, lang: Lang) -> Personal {
    let view = release_view(release, visitor, now);
    let in_app = match view.lead {
        Lead::OpenInSafari(app) => {
            let (app_name, menu, command) = safari_words(app, lang);
            InAppWords {
                app_name,
                menu: Some(menu),
                command: Some(command),
            }
        }
        _ => InAppWords::default(),
    };
    let (os_too_old, needs, has) = match view.lead {
        Lead::Blocked(Blocker::OsTooOld { needs, has }) => {
            (true, Some(needs.to_string()), Some(has.to_string()))
        }
        _ => (false, None, None),
    };
    let blocked = matches!(view.lead, Lead::Blocked(b) if !b.is_about_the_device());
    Personal {
        visitor,
        lead: view.lead.name(),
        install: view.lead == Lead::Install,
        open_in_safari: matches!(view.lead, Lead::OpenInSafari(_)),
        qr: view.lead == Lead::Qr,
        ios_only: view.lead == Lead::IosOnly,
        preview: view.lead == Lead::Preview,
        blocked,
        os_too_old,
        ipad_only: view.lead == Lead::Blocked(Blocker::IpadOnlyOnIphone),
        needs,
        has,
        developer_mode: view.developer_mode,
        restart_note: view.restart_note,
        mac_or_ipad: view.touch_install,
        in_app,
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;
    use crate::client::detect;
    use crate::ipa::{DeviceFamily, ProfileType};
    use crate::page::testing::{release, SAFARI_17, SAFARI_IPHONE_15, WECHAT};

    const NOW: OffsetDateTime = datetime!(2026-06-01 12:00 UTC);

    fn json(r: &Release, ua: &str) -> serde_json::Value {
        serde_json::to_value(personal(r, detect(ua), NOW, Lang::En)).unwrap()
    }

    #[test]
    fn the_visitor_fields_are_otadrop_detects() {
        let r = release(Some(ProfileType::Enterprise));
        for ua in [SAFARI_17, WECHAT, "", "Twitterbot/1.0"] {
            let j = json(&r, ua);
            let d = serde_json::to_value(detect(ua)).unwrap();
            for key in ["page", "platform", "in_app", "os_version", "device"] {
                assert_eq!(j[key], d[key], "{key} for {ua:?}");
            }
        }
        let j = json(&r, SAFARI_17);
        assert_eq!(j["page"], "install");
        assert_eq!(j["os_version"], "17.1");
        assert_eq!(j["lead"], "install");
        assert_eq!(j["install"], true);
    }

    #[test]
    fn an_in_app_browser_gets_its_name_and_menu() {
        let j = json(&release(None), WECHAT);
        assert_eq!(j["page"], "open-in-safari");
        assert_eq!(j["in_app"], "wechat");
        assert_eq!(j["open_in_safari"], true);
        assert_eq!(j["app_name"], "WeChat");
        assert_eq!(j["command"], "Open in Safari");
        assert!(j["menu"].as_str().unwrap().contains('⋯'));
        // An unnamed web view: no name, the template says "This app's".
        let webview = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
        let j = json(&release(None), webview);
        assert_eq!(j["open_in_safari"], true);
        assert!(j["app_name"].is_null());
        // In the document's language, with the app's own words.
        let j = serde_json::to_value(personal(&release(None), detect(WECHAT), NOW, Lang::ZhHans))
            .unwrap();
        assert_eq!(j["app_name"], "微信");
        // WeChat's iOS menu item, as its JS-SDK documents it (menuItem:openWithSafari).
        assert_eq!(j["command"], "在Safari中打开");
        assert_eq!(j["menu"], "右上角的 ⋯");
    }

    #[test]
    fn device_blockers_say_why_and_build_blockers_say_blocked() {
        let mut r = release(Some(ProfileType::AdHoc));
        r.app.minimum_os = Some("16.4".into());
        let j = json(&r, SAFARI_IPHONE_15);
        assert_eq!(
            (j["lead"].as_str(), j["os_too_old"].as_bool()),
            (Some("blocked"), Some(true))
        );
        assert_eq!(
            (j["needs"].as_str(), j["has"].as_str()),
            (Some("16.4"), Some("15.7"))
        );
        assert_eq!(j["blocked"], false);
        let mut r = release(Some(ProfileType::Enterprise));
        r.app.device_family = vec![DeviceFamily::Ipad];
        assert_eq!(json(&r, SAFARI_17)["ipad_only"], true);
        let j = json(&release(Some(ProfileType::AppStore)), SAFARI_17);
        assert_eq!(
            (j["blocked"].as_bool(), j["install"].as_bool()),
            (Some(true), Some(false))
        );
    }

    #[test]
    fn steps_follow_the_ios_version_and_the_mac_gets_the_ipad_hint() {
        let r = release(Some(ProfileType::Development));
        assert_eq!(json(&r, SAFARI_17)["developer_mode"], true);
        assert_eq!(json(&r, SAFARI_IPHONE_15)["developer_mode"], false);
        let mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15";
        let j = json(&r, mac);
        assert_eq!(
            (j["qr"].as_bool(), j["mac_or_ipad"].as_bool()),
            (Some(true), Some(true))
        );
        let windows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36";
        assert_eq!(json(&r, windows)["mac_or_ipad"], false);
    }
}
