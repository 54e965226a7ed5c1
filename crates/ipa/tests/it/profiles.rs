//! Every shared provisioning-profile fixture: parsed with the expected values, or refused
//! naming the problem. Values are from SOURCES.md (plistlib + `openssl cms -verify`).

use otadrop_ipa::{parse_profile, Limits, ProfileError, ProfileInfo, ProfileType};

fn profile(name: &str) -> Result<ProfileInfo, ProfileError> {
    let bytes = std::fs::read(format!(
        "{}/../../../shared/fixtures/mobileprovision/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    parse_profile(&bytes, &Limits::default())
}

fn day(t: Option<time::OffsetDateTime>) -> String {
    t.map(|t| t.date().to_string()).unwrap_or_default()
}

struct Expected {
    file: &'static str,
    kind: ProfileType,
    name: &'static str,
    team: Option<&'static str>,
    team_id: &'static str,
    platforms: &'static [&'static str],
    devices: usize,
    created: &'static str,
    expires: &'static str,
    digest_ok: bool,
}

use ProfileType::*;

const NICELIVING: Option<&str> = Some("Niceliving (Beijing) Technology Co., Ltd.");

const EXPECTED: &[Expected] = &[
    Expected {
        file: "icyleaf__ios_adhoc.mobileprovision",
        kind: AdHoc,
        name: "iOS Full AdHoc",
        team: NICELIVING,
        team_id: "WKR87TTKML",
        platforms: &["iOS"],
        devices: 1,
        created: "2020-07-21",
        expires: "2020-10-24",
        digest_ok: true,
    },
    Expected {
        file: "icyleaf__ios_appstore.mobileprovision",
        kind: AppStore,
        name: "iOS Full AppStore",
        team: NICELIVING,
        team_id: "WKR87TTKML",
        platforms: &["iOS"],
        devices: 0,
        created: "2020-07-21",
        expires: "2020-10-24",
        digest_ok: true,
    },
    Expected {
        file: "icyleaf__ios_development.mobileprovision",
        kind: Development,
        name: "iOS Full Development",
        team: NICELIVING,
        team_id: "WKR87TTKML",
        platforms: &["iOS"],
        devices: 1,
        created: "2020-07-21",
        expires: "2021-07-21",
        digest_ok: true,
    },
    Expected {
        file: "icyleaf__profile_free-account-7day.mobileprovision",
        kind: Development,
        name: "iOS Team Provisioning Profile: com.icyleaf.iOS",
        team: Some("Shen Wang"),
        team_id: "KJSWUGJ39S",
        platforms: &["iOS"],
        devices: 1,
        created: "2019-09-16",
        expires: "2019-09-23",
        digest_ok: true,
    },
    // Devices but no get-task-allow: development all the same (development push
    // environment, "Apple Development" certificate); the naive rule says ad-hoc.
    Expected {
        file: "icyleaf__macos_development.provisionprofile",
        kind: Development,
        name: "macOS Full development",
        team: NICELIVING,
        team_id: "WKR87TTKML",
        platforms: &["OSX"],
        devices: 1,
        created: "2020-07-21",
        expires: "2021-07-21",
        digest_ok: true,
    },
    Expected {
        file: "icyleaf-embedded.ipa__Demo_inhouse.mobileprovision",
        kind: Enterprise,
        name: "iOS Team Inhouse Provisioning Profile: com.icyleaf.test.Demo",
        team: Some("Niceliving Beijing Technology Co. Ltd."),
        team_id: "72LA85G59H",
        platforms: &["iOS"],
        devices: 0,
        created: "2021-01-15",
        expires: "2022-01-15",
        digest_ok: true,
    },
    Expected {
        file: "fastlane__test_appstore_2015.mobileprovision",
        kind: AppStore,
        name: "tools.fastlane.app AppStore",
        team: Some("Felix Krause"),
        team_id: "439BBM9367",
        platforms: &["iOS"],
        devices: 0,
        created: "2015-11-08",
        expires: "2016-11-07",
        digest_ok: true,
    },
    Expected {
        file: "fastlane__jigx_test_development_xros.mobileprovision",
        kind: Development,
        name: "jigx test development",
        team: Some("Jigx, Inc"),
        team_id: "VQVYM88YJ2",
        platforms: &["iOS", "xrOS"],
        devices: 1,
        created: "2023-06-30",
        expires: "2024-06-29",
        digest_ok: true,
    },
    // Payload edited after signing (Platform iOS -> OSX): parses, digest fails.
    Expected {
        file: "edge__fastlane__test_tampered.provisionprofile",
        kind: AppStore,
        name: "tools.fastlane.app AppStore",
        team: Some("Felix Krause"),
        team_id: "439BBM9367",
        platforms: &["OSX"],
        devices: 0,
        created: "2015-11-08",
        expires: "2016-11-07",
        digest_ok: false,
    },
    // BER (indefinite lengths), self-signed by fastlane: the digest verifies.
    Expected {
        file: "edge__fastlane__very-capable-app_selfsigned.mobileprovision",
        kind: Development,
        name: "org.fastlane.very-capable-app Development",
        team: Some("TestFixture"),
        team_id: "TestFixture",
        platforms: &["iOS"],
        devices: 1,
        created: "2018-04-07",
        expires: "2019-04-07",
        digest_ok: true,
    },
    // A bare binary plist, no CMS: read, but nothing is verified.
    Expected {
        file: "edge__icyleaf__bplist_raw.mobileprovision",
        kind: Enterprise,
        name: "com.icyleaf.ios",
        team: Some("icyleaf"),
        team_id: "1234567890",
        platforms: &["iOS"],
        devices: 0,
        created: "2019-06-20",
        expires: "2020-06-19",
        digest_ok: false,
    },
];

#[test]
fn every_profile_fixture_is_read_exactly() {
    for e in EXPECTED {
        let p = profile(e.file).unwrap_or_else(|err| panic!("{}: {err}", e.file));
        let ctx = e.file;
        assert_eq!(p.kind, e.kind, "{ctx}");
        assert_eq!(p.name.as_deref(), Some(e.name), "{ctx}");
        assert_eq!(p.team_name.as_deref(), e.team, "{ctx}");
        assert_eq!(p.team_id.as_deref(), Some(e.team_id), "{ctx}");
        assert_eq!(p.platforms, e.platforms, "{ctx}");
        assert_eq!(
            (p.devices, p.device_ids.len()),
            (e.devices, e.devices),
            "{ctx}"
        );
        assert_eq!(day(p.created), e.created, "{ctx}");
        assert_eq!(day(p.expires), e.expires, "{ctx}");
        assert_eq!(p.digest_ok, e.digest_ok, "{ctx}");
        // The bare plist's certificate blob was scrambled when it was sanitised upstream.
        let readable_certificate = e.file != "edge__icyleaf__bplist_raw.mobileprovision";
        assert_eq!(
            p.certificate_expires.is_some(),
            readable_certificate,
            "{ctx}"
        );
    }
}

#[test]
fn certificate_expiry_is_the_earliest_not_after() {
    // Two developer certificates; `openssl x509 -enddate` gives Sep 15 08:01:27 2020 GMT
    // and Jul 22 10:12:39 2020 GMT: the earlier one wins.
    let p = profile("icyleaf__profile_free-account-7day.mobileprovision").unwrap();
    assert_eq!(
        p.certificate_expires,
        Some(time::macros::datetime!(2020-07-22 10:12:39 UTC))
    );
}

#[test]
fn new_style_udids_are_kept_as_they_are() {
    // Since iPhone XS: 8 hex, a dash, 16 hex (25 characters), not 40 hex characters.
    let p = profile("fastlane__jigx_test_development_xros.mobileprovision").unwrap();
    let id = &p.device_ids[0];
    assert_eq!((id.len(), id.find('-')), (25, Some(8)), "{id}");
    let p = profile("icyleaf__ios_adhoc.mobileprovision").unwrap();
    assert_eq!(p.device_ids[0].len(), 40);
}

#[test]
fn broken_profiles_are_refused_naming_the_problem() {
    assert_eq!(
        profile("edge__icyleaf__invalid_empty.mobileprovision"),
        Err(ProfileError::Empty)
    );
    let err = profile("edge__icyleaf__invalid_missing_plist_block.mobileprovision").unwrap_err();
    assert!(matches!(err, ProfileError::Plist(_)), "{err}");
    assert!(err.to_string().contains("property list"), "{err}");
}
