//! Every shared property-list fixture through the bounded parser, and Info.plists that are
//! not in the IPA fixtures (tvOS, source project) through a whole inspection.

use std::io::{Cursor, Write};

use crate::warning_message;
use otadrop_ipa::plist_limited::parse;
use otadrop_ipa::{inspect_with, DeviceFamily, Limits, Options};
use plist::Value;

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../../shared/fixtures/plist/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn dict(name: &str) -> plist::Dictionary {
    parse(&read(name), &Limits::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .into_dictionary()
        .unwrap()
}

fn s<'a>(d: &'a plist::Dictionary, key: &str) -> &'a str {
    d.get(key).and_then(Value::as_string).unwrap_or("")
}

#[test]
fn info_plists_parse_with_their_values() {
    for (file, id, version, platform) in [
        (
            "icyleaf__FMDB.framework_Info.plist",
            "org.cocoapods.FMDB",
            "2.7.5",
            "iphoneos",
        ),
        (
            "icyleaf__NotificationService.appex_Info.plist",
            "com.haohaozhu.shaijia.NotificationService",
            "4.20.0",
            "iphoneos",
        ),
        (
            "icyleaf__apple-tv-basic_Info.plist",
            "com.xtremeapp.Xplorer",
            "1.4",
            "appletvos",
        ),
        (
            "ipa-server__Info.plist",
            "com.ineva.test-rtmp.Test",
            "1.0",
            "iphoneos",
        ),
        (
            "fastlane__very-capable-app_Info.plist",
            "org.fastlane.very-capable-app",
            "1.0",
            "iphoneos",
        ),
        (
            "iTanky-2012_Info.plist",
            "at.felixkrause.iTanky",
            "1.0",
            "iphoneos",
        ),
        (
            "fastlane__source-Info.plist",
            "com.krausefx.app",
            "0.9.14",
            "",
        ),
    ] {
        let d = dict(file);
        assert_eq!(s(&d, "CFBundleIdentifier"), id, "{file}");
        assert_eq!(s(&d, "CFBundleShortVersionString"), version, "{file}");
        assert_eq!(s(&d, "DTPlatformName"), platform, "{file}");
    }
}

#[test]
fn binary_plist_vectors_parse() {
    let one = |file: &str| parse(&read(file), &Limits::default()).unwrap();
    for file in [
        "libplist__dictref1byte.bplist",
        "libplist__dictref8bytes.bplist",
        "libplist__off8bytes.bplist",
    ] {
        let d = one(file).into_dictionary().unwrap();
        assert_eq!(s(&d, "A"), "B", "{file}");
    }
    assert_eq!(one("libplist__signed.bplist").as_signed_integer(), Some(-1));
    assert_eq!(
        one("libplist__uid.bplist").as_uid().map(|u| u.get()),
        Some(7)
    );
    let strings = one("apple-tv__zh-Hans_Localizable.strings.bplist")
        .into_dictionary()
        .unwrap();
    assert_eq!(s(&strings, "Cancel"), "取消");
    assert_eq!(
        s(&strings, "Delete this video from your watch later list"),
        "将本视频从你的稍后再看列表删除"
    );
}

/// A minimal IPA around a given Info.plist, with an executable and extra files.
fn ipa(info_plist: &[u8], folder: &str, executable: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file(format!("Payload/{folder}.app/Info.plist"), opts)
        .unwrap();
    zip.write_all(info_plist).unwrap();
    zip.start_file(format!("Payload/{folder}.app/{executable}"), opts)
        .unwrap();
    zip.write_all(b"\xcf\xfa\xed\xfe").unwrap();
    for (name, data) in extra {
        zip.start_file(format!("Payload/{folder}.app/{name}"), opts)
            .unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_tvos_build_is_described_and_warned_about() {
    let bytes = ipa(
        &read("icyleaf__apple-tv-basic_Info.plist"),
        "XplorerTV",
        "XplorerTV",
        &[],
    );
    let found = inspect_with(Cursor::new(&bytes), bytes.len() as u64, &Options::default()).unwrap();
    let info = found.info;
    assert_eq!(info.bundle_id, "com.xtremeapp.Xplorer");
    assert_eq!(info.device_family, vec![DeviceFamily::Tv]);
    assert_eq!(info.platform.as_deref(), Some("appletvos"));
    let codes: Vec<&str> = info.warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(codes, ["not-ios", "no-icon", "no-profile"]);
    assert!(info.warnings[0].message.contains("tvOS"));
    assert!(!info.installable_over_the_air(time::OffsetDateTime::now_utc()));
}

#[test]
fn a_string_primary_icon_and_unicode_folder_are_handled() {
    // The tvOS plist declares CFBundlePrimaryIcon as the string "App Icon - Small".
    let icon = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/cgbi/node-pngdefry__icon.png"
    ))
    .unwrap();
    let bytes = ipa(
        &read("icyleaf__apple-tv-basic_Info.plist"),
        "Xplorer TV é",
        "XplorerTV",
        &[("App Icon - Small@2x.png", &icon)],
    );
    let found = inspect_with(Cursor::new(&bytes), bytes.len() as u64, &Options::default()).unwrap();
    let chosen = found.info.icon.unwrap();
    assert_eq!(
        chosen.file,
        "Payload/Xplorer TV é.app/App Icon - Small@2x.png"
    );
    assert_eq!((chosen.width, chosen.height), (60, 60));
    assert!(found.icon.is_some());
}

#[test]
fn source_project_plist_with_variables_is_still_read() {
    // A pre-build Info.plist: $(EXECUTABLE_NAME) and friends are not expanded, no platform.
    let bytes = ipa(&read("fastlane__source-Info.plist"), "App", "App", &[]);
    let found = inspect_with(Cursor::new(&bytes), bytes.len() as u64, &Options::default()).unwrap();
    assert_eq!(found.info.bundle_id, "com.krausefx.app");
    assert_eq!(found.info.title, "App Name");
    assert_eq!(found.info.platform, None);
    assert_eq!(found.info.device_family, vec![DeviceFamily::Iphone]);
}

#[test]
fn a_build_without_versions_is_described_with_a_warning() {
    let plist = b"<?xml version=\"1.0\"?><plist version=\"1.0\"><dict>\
        <key>CFBundleIdentifier</key><string>com.example.nover</string></dict></plist>";
    let bytes = ipa(plist, "NoVer", "NoVer", &[]);
    let found = inspect_with(Cursor::new(&bytes), bytes.len() as u64, &Options::default()).unwrap();
    assert_eq!(
        (found.info.version.as_str(), found.info.build.as_str()),
        ("", "")
    );
    assert!(found.info.has_warning("no-version"));
}

fn icon_ipa(icons: &[(&str, &[u8])]) -> Vec<u8> {
    let plist = b"<?xml version=\"1.0\"?><plist version=\"1.0\"><dict>\
        <key>CFBundleIdentifier</key><string>com.example.icons</string>\
        <key>CFBundleVersion</key><string>1</string>\
        <key>CFBundleIconFiles</key><array><string>AppIcon60x60</string></array></dict></plist>";
    ipa(plist, "Icons", "Icons", icons)
}

#[test]
fn a_damaged_largest_icon_falls_back_to_the_next() {
    let big = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/cgbi/i-png-normalizer__icon120_multi-IDAT.png"
    ))
    .unwrap();
    let small = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/cgbi/node-pngdefry__icon.png"
    ))
    .unwrap();
    let bytes = icon_ipa(&[
        ("AppIcon60x60@2x.png", &big[..300]),
        ("AppIcon60x60.png", &small),
    ]);
    let found = inspect_with(Cursor::new(&bytes), bytes.len() as u64, &Options::default()).unwrap();
    let icon = found.info.icon.as_ref().unwrap();
    assert_eq!(
        (icon.file.as_str(), icon.width),
        ("Payload/Icons.app/AppIcon60x60.png", 60)
    );
    assert!(!found.info.has_warning("icon-unreadable"));
}

#[test]
fn a_damaged_only_icon_is_a_warning_naming_it() {
    let big = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/cgbi/i-png-normalizer__icon120_multi-IDAT.png"
    ))
    .unwrap();
    let bytes = icon_ipa(&[("AppIcon60x60@2x.png", &big[..300])]);
    let found = inspect_with(Cursor::new(&bytes), bytes.len() as u64, &Options::default()).unwrap();
    assert!(found.info.icon.is_none() && found.icon.is_none());
    let message = warning_message(&found.info, "icon-unreadable");
    assert!(message.contains("AppIcon60x60@2x.png"), "{message}");
}
