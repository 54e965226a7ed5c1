//! Every shared IPA fixture, with values written from what the fixture really contains
//! (checked against ../shared/fixtures/SOURCES.md, which was made with Python's zipfile,
//! plistlib and `openssl cms`).

use std::path::Path;

use otadrop_ipa::{inspect_with, DeviceFamily, IconSource, IpaError, Options, ProfileType};
use time::macros::datetime;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/fixtures/ipa");

fn options() -> Options {
    Options {
        now: datetime!(2026-01-01 0:00 UTC),
        ..Options::default()
    }
}

fn inspect(name: &str) -> Result<otadrop_ipa::Inspection, IpaError> {
    let path = Path::new(DIR).join(name);
    let file = std::fs::File::open(&path).unwrap();
    let size = file.metadata().unwrap().len();
    inspect_with(file, size, &options())
}

struct Expected {
    file: &'static str,
    bundle_id: &'static str,
    version: &'static str,
    build: &'static str,
    title: &'static str,
    minimum_os: &'static str,
    family: &'static [DeviceFamily],
    extensions: u32,
    executable: bool,
    icon: Option<(&'static str, u32)>,
    profile: (
        ProfileType,
        Option<&'static str>,
        &'static str,
        &'static str,
        usize,
    ),
    warnings: &'static [&'static str],
}

use DeviceFamily::{Ipad, Iphone};
use ProfileType::*;

const EXPECTED: &[Expected] = &[
    Expected {
        file: "icyleaf__iphone.ipa",
        bundle_id: "com.icyleaf.AppInfoDemo",
        version: "1.2.3",
        build: "5",
        title: "AppInfoDemo",
        minimum_os: "9.3",
        family: &[Iphone],
        extensions: 0,
        executable: true,
        icon: None,
        profile: (
            Development,
            Some("QYER Inc"),
            "5PJA6N5A3B",
            "2017-07-27",
            100,
        ),
        warnings: &["no-icon", "profile-expired", "certificate-expired"],
    },
    Expected {
        file: "icyleaf__ipad.ipa",
        bundle_id: "com.icyleaf.bundle",
        version: "1.0",
        build: "1",
        title: "bundle",
        minimum_os: "9.3",
        family: &[Ipad],
        extensions: 0,
        executable: true,
        icon: Some(("Payload/bundle.app/AppIcon83.5x83.5@2x~ipad.png", 167)),
        profile: (AppStore, Some("QYER Inc"), "5PJA6N5A3B", "2017-04-12", 0),
        warnings: &["app-store-signed", "profile-expired", "certificate-expired"],
    },
    Expected {
        file: "icyleaf__embedded.ipa",
        bundle_id: "com.icyleaf.test.Demo",
        version: "1.0",
        build: "1",
        title: "Demo",
        minimum_os: "14.3",
        family: &[Iphone, Ipad],
        extensions: 1,
        executable: true,
        icon: None,
        profile: (
            Enterprise,
            Some("Niceliving Beijing Technology Co. Ltd."),
            "72LA85G59H",
            "2022-01-15",
            0,
        ),
        warnings: &["no-icon", "profile-expired", "certificate-expired"],
    },
    Expected {
        file: "ipa-server__ipa.ipa",
        bundle_id: "com.ineva.test-rtmp.Test",
        version: "1.0",
        build: "1",
        title: "Test",
        minimum_os: "13.1",
        family: &[Iphone, Ipad],
        extensions: 0,
        executable: true,
        // Declared AppIcon60x60, but the icon is only in Assets.car: its 180 px bitmap.
        icon: Some(("Payload/Test.app/Assets.car", 180)),
        profile: (
            Development,
            Some("Qin Junru"),
            "GC6FQHF5NF",
            "2022-05-09",
            35,
        ),
        warnings: &["profile-expired", "certificate-expired"],
    },
    Expected {
        file: "fastlane__very-capable-app.ipa",
        bundle_id: "org.fastlane.very-capable-app",
        version: "1.0",
        build: "1",
        title: "very-capable-app",
        minimum_os: "11.2",
        family: &[Iphone, Ipad],
        extensions: 0,
        executable: true,
        icon: None,
        // Re-signed by fastlane (BER, self-signed): the digest still verifies.
        profile: (
            Development,
            Some("TestFixture"),
            "TestFixture",
            "2019-04-07",
            1,
        ),
        warnings: &["no-icon", "profile-expired"],
    },
    Expected {
        file: "fastlane__iTanky_2012.ipa",
        bundle_id: "at.felixkrause.iTanky",
        version: "1.0",
        build: "1.0",
        title: "iTanky",
        minimum_os: "5.0",
        family: &[Iphone],
        extensions: 0,
        executable: false,
        // Icon.png is declared but absent ("Icon\r" is a 0-byte resource-fork leftover).
        icon: Some(("Payload/iTanky.app/Icon@2x.png", 114)),
        profile: (AdHoc, None, "A83XXT7P9C", "2012-07-23", 24),
        warnings: &["no-executable", "profile-expired", "certificate-expired"],
    },
    Expected {
        file: "fastlane__ExampleProductName_cocoapods.ipa",
        bundle_id: "net.sunapps.9",
        version: "1.0",
        build: "1",
        title: "ExampleProductName",
        minimum_os: "9.0",
        family: &[Iphone],
        extensions: 0,
        executable: true,
        // 16 loose PNGs, none declared as the icon, no Icon.png.
        icon: None,
        profile: (
            AppStore,
            Some("SunApps GmbH"),
            "5A997XSHK2",
            "2016-02-10",
            0,
        ),
        warnings: &[
            "no-icon",
            "app-store-signed",
            "profile-expired",
            "certificate-expired",
        ],
    },
    Expected {
        file: "bitrise__ios-simple-objc.ipa",
        bundle_id: "Bitrise.ios-simple-objc",
        version: "1.0",
        build: "1",
        title: "ios-simple-objc",
        minimum_os: "8.1",
        family: &[Iphone, Ipad],
        extensions: 0,
        executable: true,
        icon: None,
        profile: (
            Development,
            Some("BITFALL FEJLESZTO KORLATOLT FELELOSSEGU TARSASAG"),
            "72SA8V3WYL",
            "2018-02-17",
            1,
        ),
        warnings: &["no-icon", "profile-expired", "certificate-expired"],
    },
    Expected {
        file: "pliney__pliney-test.ipa",
        bundle_id: "computer.versus.pliney-test",
        version: "1.0",
        build: "1",
        title: "pliney-test",
        minimum_os: "8.2",
        family: &[Iphone],
        extensions: 0,
        executable: true,
        icon: None,
        profile: (
            Development,
            Some("Eric Monti"),
            "UL736KYQR9",
            "2016-04-20",
            1,
        ),
        warnings: &["no-icon", "profile-expired", "certificate-expired"],
    },
    Expected {
        file: "run_loop__chou.ipa",
        bundle_id: "com.xamarin.chou",
        version: "1.0",
        build: "1.0",
        title: "chou",
        minimum_os: "7.0",
        family: &[Iphone, Ipad],
        extensions: 0,
        executable: true,
        icon: None,
        profile: (
            Development,
            Some("Joshua Moody"),
            "7S6YLL52WH",
            "2016-01-05",
            10,
        ),
        warnings: &["no-icon", "profile-expired", "certificate-expired"],
    },
];

#[test]
fn every_ipa_fixture_is_described_exactly() {
    for e in EXPECTED {
        let found = inspect(e.file).unwrap_or_else(|err| panic!("{}: {err}", e.file));
        let info = &found.info;
        let ctx = e.file;
        assert_eq!(info.bundle_id, e.bundle_id, "{ctx}");
        assert_eq!(info.version, e.version, "{ctx}");
        assert_eq!(info.build, e.build, "{ctx}");
        assert_eq!(info.title, e.title, "{ctx}");
        assert_eq!(info.minimum_os.as_deref(), Some(e.minimum_os), "{ctx}");
        assert_eq!(info.device_family, e.family, "{ctx}");
        assert_eq!(info.platform.as_deref(), Some("iphoneos"), "{ctx}");
        assert_eq!(info.extensions, e.extensions, "{ctx}");
        assert_eq!(info.has_executable, e.executable, "{ctx}");
        let size = std::fs::metadata(Path::new(DIR).join(e.file))
            .unwrap()
            .len();
        assert_eq!(info.size, size, "{ctx}");
        match e.icon {
            Some((file, side)) => {
                let icon = info
                    .icon
                    .as_ref()
                    .unwrap_or_else(|| panic!("{ctx}: no icon"));
                assert_eq!(
                    (icon.file.as_str(), icon.width, icon.height),
                    (file, side, side)
                );
                let source = if file.ends_with("Assets.car") {
                    IconSource::AssetsCar
                } else {
                    IconSource::File
                };
                assert_eq!(icon.source, source, "{ctx}");
                assert_eq!(icon.set.is_some(), source == IconSource::AssetsCar, "{ctx}");
                let images = found.icon.as_ref().unwrap();
                assert_eq!(png_size(&images.original), (side, side), "{ctx}");
                assert_eq!(png_size(&images.small), (57, 57), "{ctx}");
                assert_eq!(png_size(&images.large), (512, 512), "{ctx}");
            }
            None => {
                assert!(info.icon.is_none() && found.icon.is_none(), "{ctx}");
            }
        }
        let p = info
            .profile
            .as_ref()
            .unwrap_or_else(|| panic!("{ctx}: no profile"));
        let (kind, team, team_id, expires, devices) = e.profile;
        assert_eq!(p.kind, kind, "{ctx}");
        assert_eq!(p.team_name.as_deref(), team, "{ctx}");
        assert_eq!(p.team_id.as_deref(), Some(team_id), "{ctx}");
        assert_eq!(
            p.expires.map(|t| t.date().to_string()).as_deref(),
            Some(expires),
            "{ctx}"
        );
        assert_eq!((p.devices, p.device_ids.len()), (devices, devices), "{ctx}");
        assert!(p.digest_ok, "{ctx}");
        let codes: Vec<&str> = info.warnings.iter().map(|w| w.code.as_str()).collect();
        assert_eq!(codes, e.warnings, "{ctx}");
    }
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    (reader.info().width, reader.info().height)
}

#[test]
fn expiry_depends_on_the_injected_clock() {
    let path = Path::new(DIR).join("icyleaf__embedded.ipa");
    let file = std::fs::File::open(&path).unwrap();
    let before = Options {
        now: datetime!(2021-06-01 0:00 UTC),
        ..Options::default()
    };
    let found = inspect_with(file, 0, &before).unwrap();
    assert!(!found.info.has_warning("profile-expired"));
    assert!(!found.info.has_warning("certificate-expired"));
    assert!(found.info.installable_over_the_air(before.now));
    assert!(!found
        .info
        .installable_over_the_air(datetime!(2022-02-01 0:00 UTC)));
}

#[test]
fn bad_archives_are_refused_naming_the_problem() {
    let err = inspect("edge__fastlane__not-an-ipa.ipa").unwrap_err();
    assert!(matches!(err, IpaError::NotZip(_)), "{err}");
    assert!(err.is_bad_input());

    let err = inspect("edge__fastlane__no-app-bundle.ipa").unwrap_err();
    assert!(matches!(err, IpaError::NoAppBundle { .. }), "{err}");
    assert!(err.to_string().contains("\"Payload/\""), "{err}");

    let err = inspect("edge__fastlane__iOSAppOnly_nested-root.ipa").unwrap_err();
    assert!(
        err.to_string().contains("iOSAppOnly/Payload/Sample.app"),
        "{err}"
    );
    assert!(err.is_bad_input());
}
