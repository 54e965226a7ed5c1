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
    /// The in-app browser's name, for the open-in-Safari steps (absent for an unnamed view).
    pub app_name: Option<String>,
    /// Where the in-app browser's menu is, and its "open in Safari" command.
    pub menu: Option<&'static str>,
    pub command: Option<&'static str>,
}

/// The personal part for `visitor` on `release` at `now`.
pub fn personal(release: &Release, visitor: Visitor, now: OffsetDateTime) -> Personal {
    let view = release_view(release, visitor, now);
    let (app_name, menu, command) = match view.lead {
        Lead::OpenInSafari(app) => {
            let (name, menu, command) = safari_words(app);
            (name, Some(menu), Some(command))
        }
        _ => (None, None, None),
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
        app_name,
        menu,
        command,
    }
}
