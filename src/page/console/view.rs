//! The console's view model: every app with every build (newest first) and what the release
//! manager needs to know about each, and the share links with their state. Pure decisions
//! from the store's records, the install counts and the clock; no markup.

use std::sync::Arc;

use time::{Date, OffsetDateTime};

use crate::access::{Link, LinkState, Target};
use crate::ipa::ProfileType;
use crate::store::{Release, ReleaseId};

/// The whole console.
pub struct ConsoleView {
    /// Apps, the one with the newest build first.
    pub apps: Vec<AppHistory>,
    pub links: Vec<LinkRow>,
}

/// One app and its builds.
pub struct AppHistory {
    pub bundle_id: String,
    /// The title of its newest build.
    pub title: String,
    /// Every build, newest first.
    pub builds: Vec<BuildRow>,
}

/// One build as the console lists it.
pub struct BuildRow {
    pub release: Arc<Release>,
    pub signing: SigningKind,
    /// The earlier of the profile's and the certificate's expiry, when known.
    pub expires: Option<Expiry>,
    /// Manifest fetches by the device's installer: installs started.
    pub installs: Installs,
}

/// A build's install starts: the total, and by iOS version and device model (most first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Installs {
    pub total: u64,
    pub by_ios: Vec<(String, u64)>,
    pub by_model: Vec<(String, u64)>,
}

impl Installs {
    fn from_report(r: crate::installs::Report) -> Installs {
        let most_first = |m: std::collections::BTreeMap<String, u64>| {
            let mut v: Vec<(String, u64)> = m.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        };
        Installs {
            total: r.total,
            by_ios: most_first(r.by_ios),
            by_model: most_first(r.by_model),
        }
    }
}

/// The provisioning profile's type, as the console names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SigningKind {
    Enterprise,
    AdHoc,
    Development,
    AppStore,
    None,
}

impl SigningKind {
    /// Its message id (`console-signing-*`).
    pub fn message(self) -> &'static str {
        match self {
            SigningKind::Enterprise => "console-signing-enterprise",
            SigningKind::AdHoc => "console-signing-ad-hoc",
            SigningKind::Development => "console-signing-development",
            SigningKind::AppStore => "console-signing-app-store",
            SigningKind::None => "console-signing-none",
        }
    }
}

/// When the signing stops working.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expiry {
    pub date: Date,
    pub passed: bool,
}

/// A share link as the console lists it.
pub struct LinkRow {
    pub id: String,
    pub url: String,
    pub target: LinkTarget,
    pub state: LinkRowState,
    pub password: bool,
    pub note: Option<String>,
    pub created: Date,
}

/// What a link shows, in words the console can say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// One build: its app's title, version and build.
    Release {
        title: String,
        version: String,
        build: String,
    },
    /// The newest build of an app (of one channel).
    App {
        title: String,
        channel: Option<String>,
    },
    /// A build or app that is no longer on the server.
    Gone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRowState {
    /// Usable; `until` when it expires.
    Live {
        until: Option<Date>,
    },
    Expired(Date),
    Revoked(Date),
}

impl LinkRowState {
    pub fn is_live(self) -> bool {
        matches!(self, LinkRowState::Live { .. })
    }
}

/// The console for `releases` (every release, newest first, as [`crate::store::Store::list`]
/// gives them), with `installs` giving each one's install counts and `links` (newest first,
/// each with its URL).
pub fn console_view(
    releases: &[Arc<Release>],
    installs: impl Fn(&ReleaseId) -> crate::installs::Report,
    links: &[(Arc<Link>, String)],
    now: OffsetDateTime,
) -> ConsoleView {
    let mut apps: Vec<AppHistory> = Vec::new();
    for r in releases {
        let row = build_row(r, Installs::from_report(installs(&r.id)), now);
        match apps.iter_mut().find(|a| a.bundle_id == r.app.bundle_id) {
            Some(app) => app.builds.push(row),
            None => apps.push(AppHistory {
                bundle_id: r.app.bundle_id.clone(),
                title: r.app.title.clone(),
                builds: vec![row],
            }),
        }
    }
    let now_ms = u64::try_from(now.unix_timestamp_nanos() / 1_000_000).unwrap_or(0);
    let links = links
        .iter()
        .map(|(l, url)| LinkRow {
            id: l.id.to_string(),
            url: url.clone(),
            target: link_target(&l.target, releases, &apps),
            state: match l.state(now_ms) {
                LinkState::Live => LinkRowState::Live {
                    until: l.expires().map(|t| t.date()),
                },
                LinkState::Expired(t) => LinkRowState::Expired(t.date()),
                LinkState::Revoked(t) => LinkRowState::Revoked(t.date()),
            },
            password: l.has_password(),
            note: l.note.clone(),
            created: l.created.date(),
        })
        .collect();
    ConsoleView { apps, links }
}

fn build_row(r: &Arc<Release>, installs: Installs, now: OffsetDateTime) -> BuildRow {
    let profile = r.app.profile.as_ref();
    let signing = match profile.map(|p| p.kind) {
        None => SigningKind::None,
        Some(ProfileType::Enterprise) => SigningKind::Enterprise,
        Some(ProfileType::AdHoc) => SigningKind::AdHoc,
        Some(ProfileType::Development) => SigningKind::Development,
        Some(ProfileType::AppStore) => SigningKind::AppStore,
    };
    let expires = profile
        .and_then(|p| match (p.expires, p.certificate_expires) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        })
        .map(|t| Expiry {
            date: t.date(),
            passed: t <= now,
        });
    BuildRow {
        release: r.clone(),
        signing,
        expires,
        installs,
    }
}

fn link_target(target: &Target, releases: &[Arc<Release>], apps: &[AppHistory]) -> LinkTarget {
    let app_title = |bundle: &str| {
        apps.iter()
            .find(|a| a.bundle_id == bundle)
            .map(|a| a.title.clone())
    };
    match target {
        Target::Release(id) => {
            releases
                .iter()
                .find(|r| &r.id == id)
                .map_or(LinkTarget::Gone, |r| LinkTarget::Release {
                    title: r.app.title.clone(),
                    version: r.app.version.clone(),
                    build: r.app.build.clone(),
                })
        }
        Target::App(bundle) => {
            app_title(bundle).map_or(LinkTarget::Gone, |title| LinkTarget::App {
                title,
                channel: None,
            })
        }
        Target::Channel { app, channel } => {
            app_title(app).map_or(LinkTarget::Gone, |title| LinkTarget::App {
                title,
                channel: Some(channel.clone()),
            })
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::access::LinkId;
    use crate::fixture;
    use time::macros::datetime;

    fn release(
        bundle: &str,
        title: &str,
        version: &str,
        kind: Option<ProfileType>,
    ) -> Arc<Release> {
        let mut r = fixture::release()
            .profile(kind.map(fixture::profile))
            .build();
        r.app.bundle_id = bundle.into();
        r.app.title = title.into();
        r.app.version = version.into();
        r.id = ReleaseId::new(1_700_000_000_000);
        Arc::new(r)
    }

    fn link(target: Target, expires_ms: Option<u64>, revoked: Option<OffsetDateTime>) -> Arc<Link> {
        Arc::new(Link {
            id: LinkId::random().unwrap(),
            target,
            created: datetime!(2026-12-01 10:00 UTC),
            expires_ms,
            password_hash: None,
            note: Some("for QA".into()),
            revoked,
        })
    }

    const NOW: OffsetDateTime = datetime!(2026-12-02 12:00 UTC);

    /// A report of `n` installs: `n - 1` on iOS 17.5 (iPhone15,2) and one on 18.0 (iPad).
    pub(crate) fn report(id: &ReleaseId, n: u64) -> crate::installs::Report {
        let mut r = crate::installs::Report {
            release: id.clone(),
            total: n,
            by_day: Default::default(),
            by_ios: Default::default(),
            by_model: Default::default(),
            rows: vec![],
        };
        if n > 0 {
            r.by_ios.insert("18.0".into(), 1);
            r.by_model.insert("iPad13,4".into(), 1);
        }
        if n > 1 {
            r.by_ios.insert("17.5".into(), n - 1);
            r.by_model.insert("iPhone15,2".into(), n - 1);
        }
        r
    }

    #[test]
    fn builds_are_grouped_by_app_newest_first_with_their_counts() {
        let a2 = release("com.a", "Alpha", "2.0", Some(ProfileType::Enterprise));
        let b1 = release("com.b", "Beta", "1.0", None);
        let a1 = release("com.a", "Alpha old", "1.0", Some(ProfileType::AdHoc));
        let all = vec![a2.clone(), b1.clone(), a1.clone()];
        let counts = |id: &ReleaseId| report(id, if *id == a1.id { 3 } else { 0 });
        let v = console_view(&all, counts, &[], NOW);
        assert_eq!(v.apps.len(), 2);
        assert_eq!(v.apps[0].bundle_id, "com.a");
        assert_eq!(v.apps[0].title, "Alpha", "the newest build's title");
        let versions: Vec<_> = v.apps[0]
            .builds
            .iter()
            .map(|b| b.release.app.version.as_str())
            .collect();
        assert_eq!(versions, ["2.0", "1.0"]);
        let installs = &v.apps[0].builds[1].installs;
        assert_eq!(installs.total, 3);
        assert_eq!(
            installs.by_ios,
            [("17.5".to_string(), 2), ("18.0".to_string(), 1)],
            "most first"
        );
        assert_eq!(installs.by_model[0], ("iPhone15,2".to_string(), 2));
        assert_eq!(v.apps[0].builds[0].installs, Installs::default());
        assert_eq!(v.apps[0].builds[0].signing, SigningKind::Enterprise);
        assert_eq!(v.apps[0].builds[1].signing, SigningKind::AdHoc);
        assert_eq!(v.apps[1].builds[0].signing, SigningKind::None);
        assert_eq!(v.apps[1].builds[0].expires, None);
    }

    #[test]
    fn expiry_is_the_earlier_of_profile_and_certificate_and_says_when_it_passed() {
        let mut r = (*release("com.a", "A", "1", Some(ProfileType::Enterprise))).clone();
        let p = r.app.profile.as_mut().unwrap();
        p.expires = Some(datetime!(2027-05-01 0:00 UTC));
        p.certificate_expires = Some(datetime!(2027-03-01 0:00 UTC));
        let v = console_view(&[Arc::new(r.clone())], |id| report(id, 0), &[], NOW);
        assert_eq!(
            v.apps[0].builds[0].expires,
            Some(Expiry {
                date: time::macros::date!(2027 - 03 - 01),
                passed: false
            })
        );
        r.app.profile.as_mut().unwrap().certificate_expires = Some(datetime!(2026-11-01 0:00 UTC));
        let v = console_view(&[Arc::new(r)], |id| report(id, 0), &[], NOW);
        assert!(v.apps[0].builds[0].expires.unwrap().passed);
    }

    #[test]
    fn links_say_what_they_show_and_whether_they_still_work() {
        let a = release("com.a", "Alpha", "2.0", None);
        let now_ms = (NOW.unix_timestamp() * 1000) as u64;
        let links = vec![
            (
                link(
                    Target::Release(a.id.clone()),
                    Some(now_ms + 86_400_000),
                    None,
                ),
                "https://h/s/1".to_string(),
            ),
            (
                link(Target::App("com.a".into()), Some(now_ms - 1), None),
                "https://h/s/2".into(),
            ),
            (
                link(
                    Target::Channel {
                        app: "com.a".into(),
                        channel: "beta".into(),
                    },
                    None,
                    Some(datetime!(2026-12-02 11:00 UTC)),
                ),
                "https://h/s/3".into(),
            ),
            (
                link(
                    Target::Release(ReleaseId::new(1_600_000_000_000)),
                    None,
                    None,
                ),
                "https://h/s/4".into(),
            ),
        ];
        let v = console_view(&[a], |id| report(id, 0), &links, NOW);
        assert!(
            matches!(&v.links[0].target, LinkTarget::Release { title, version, .. } if title == "Alpha" && version == "2.0")
        );
        assert_eq!(
            v.links[0].state,
            LinkRowState::Live {
                until: Some(time::macros::date!(2026 - 12 - 03))
            }
        );
        assert_eq!(v.links[0].url, "https://h/s/1");
        assert!(matches!(v.links[1].state, LinkRowState::Expired(_)));
        assert_eq!(
            v.links[2].target,
            LinkTarget::App {
                title: "Alpha".into(),
                channel: Some("beta".into())
            }
        );
        assert!(matches!(v.links[2].state, LinkRowState::Revoked(_)));
        assert_eq!(v.links[3].target, LinkTarget::Gone);
        assert!(v.links[3].state.is_live());
    }
}
