//! IPAs built from each real asset catalog of `../shared/fixtures/assets-car` with the
//! Info.plist (and the loose icons) that shipped beside it: the icon's source and size.

use std::io::{Cursor, Write};
use std::path::Path;

use crate::warning_message;
use otadrop_ipa::{inspect_with, IconSource, Inspection, Options};

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/fixtures/assets-car"
);

fn read(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(DIR).join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The loose PNGs shipped with a catalog, by their name in the bundle.
fn loose_pngs(prefix: &str) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(DIR)
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            let original = name.strip_prefix(&format!("{prefix}__"))?.to_string();
            original.ends_with(".png").then(|| (original, read(&name)))
        })
        .collect();
    out.sort();
    out
}

fn build(info_plist: &[u8], car: Option<&[u8]>, loose: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("Payload/App.app/Info.plist", opts).unwrap();
    zip.write_all(info_plist).unwrap();
    if let Some(car) = car {
        zip.start_file("Payload/App.app/Assets.car", opts).unwrap();
        zip.write_all(car).unwrap();
    }
    for (name, bytes) in loose {
        zip.start_file(format!("Payload/App.app/{name}"), opts)
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn inspect(ipa: &[u8]) -> Inspection {
    inspect_with(Cursor::new(ipa), ipa.len() as u64, &Options::default()).unwrap()
}

fn png_size(png: &[u8]) -> (u32, u32) {
    let info = png::Decoder::new(Cursor::new(png)).read_info().unwrap();
    let i = info.info();
    (i.width, i.height)
}

/// A minimal Info.plist naming an icon set, for catalogs shipped without one.
fn plist_naming(set: Option<&str>) -> Vec<u8> {
    let icons = set.map_or(String::new(), |s| {
        format!(
            "<key>CFBundleIcons</key><dict><key>CFBundlePrimaryIcon</key><dict>\
             <key>CFBundleIconName</key><string>{s}</string></dict></dict>"
        )
    });
    format!(
        "<?xml version=\"1.0\"?><plist version=\"1.0\"><dict>\
         <key>CFBundleIdentifier</key><string>com.example.car</string>\
         <key>CFBundleExecutable</key><string>App</string>\
         <key>CFBundleVersion</key><string>1</string>{icons}</dict></plist>"
    )
    .into_bytes()
}

struct Case {
    prefix: &'static str,
    /// (width, height, set) of the catalog's icon, alone.
    car_only: Option<(u32, u32, &'static str)>,
    /// With the loose PNGs beside it: the source and the side chosen.
    with_loose: (IconSource, u32),
}

const CASES: &[Case] = &[
    Case {
        prefix: "AppiumTestDistribution__appium-flutter-integration-driver__Runner",
        car_only: Some((1024, 1024, "AppIcon")),
        // The 1024 px marketing icon beats the 120/152 px loose files.
        with_loose: (IconSource::AssetsCar, 1024),
    },
    Case {
        prefix: "Haimanu__MobilApp__app",
        car_only: Some((120, 120, "AppIcon")),
        // Thinned catalog (120 px at most): the loose 180 px file is larger.
        with_loose: (IconSource::File, 180),
    },
    Case {
        prefix: "Mosquito1123__WTResign__Runner-lzvn",
        car_only: Some((1024, 1024, "AppIcon")),
        with_loose: (IconSource::AssetsCar, 1024),
    },
    Case {
        prefix: "OpenSourceJailbreaks__H3lix__app",
        car_only: Some((1024, 1024, "AppIcon")),
        with_loose: (IconSource::AssetsCar, 1024),
    },
    Case {
        prefix: "marcinkapturski__wdio-ios-app__thinned",
        car_only: Some((120, 120, "AppIcon")),
        with_loose: (IconSource::File, 180),
    },
    Case {
        prefix: "ioosmeen__xz__Dopamine-alticons",
        car_only: Some((192, 192, "AppIcon")),
        with_loose: (IconSource::AssetsCar, 192),
    },
    Case {
        // tvOS: CFBundlePrimaryIcon is the string "App Icon"; the flattened 800x480 image.
        prefix: "icyleaf__app-info__apple-tv-BilibiliLive",
        car_only: Some((800, 480, "App Icon")),
        with_loose: (IconSource::AssetsCar, 800),
    },
    Case {
        // Catalyst: a top-level CFBundleIconName.
        prefix: "axelfisch__AiXel-MIDI-Player__catalyst",
        car_only: Some((1024, 1024, "AppIcon")),
        with_loose: (IconSource::AssetsCar, 1024),
    },
    Case {
        // macOS, no CFBundleIconName: the default AppIcon set.
        prefix: "pbullett27786__DyKnowLogSender-sourcecode__macos-zip",
        car_only: Some((1024, 1024, "AppIcon")),
        with_loose: (IconSource::AssetsCar, 1024),
    },
    Case {
        // Xcode 5: an empty catalog, the loose CgBI PNGs are the icon.
        prefix: "soffes__lagunitas__Sample-xcode5-empty",
        car_only: None,
        with_loose: (IconSource::File, 152),
    },
];

#[test]
fn every_catalog_with_its_info_plist_gives_the_expected_icon() {
    for case in CASES {
        let ctx = case.prefix;
        let info = read(&format!("{ctx}__Info.plist"));
        let car = read(&format!("{ctx}.car"));

        let alone = inspect(&build(&info, Some(&car), &[]));
        match case.car_only {
            Some((w, h, set)) => {
                let icon = alone.info.icon.as_ref().unwrap_or_else(|| panic!("{ctx}"));
                assert_eq!(icon.source, IconSource::AssetsCar, "{ctx}");
                assert_eq!(icon.file, "Payload/App.app/Assets.car", "{ctx}");
                assert_eq!(icon.set.as_deref(), Some(set), "{ctx}");
                assert_eq!((icon.width, icon.height), (w, h), "{ctx}");
                let images = alone.icon.as_ref().unwrap();
                assert_eq!(png_size(&images.original), (w, h), "{ctx}");
                assert_eq!(png_size(&images.small), (57, 57), "{ctx}");
                assert_eq!(png_size(&images.large), (512, 512), "{ctx}");
                assert!(!alone.info.has_warning("no-icon"), "{ctx}");
            }
            None => {
                assert!(alone.info.icon.is_none(), "{ctx}");
                // An empty catalog is not an unreadable one.
                assert!(alone.info.has_warning("no-icon"), "{ctx}");
                assert!(!alone.info.has_warning("assets-car-unreadable"), "{ctx}");
            }
        }

        let loose = loose_pngs(ctx);
        let both = inspect(&build(&info, Some(&car), &loose));
        let icon = both.info.icon.as_ref().unwrap_or_else(|| panic!("{ctx}"));
        let (source, side) = case.with_loose;
        assert_eq!((icon.source, icon.width), (source, side), "{ctx}");
        assert_eq!(
            png_size(&both.icon.as_ref().unwrap().original).0,
            side,
            "{ctx}"
        );
        assert!(!icon.dark, "{ctx}: no fixture has a dark bitmap");
        assert!(
            both.info
                .warnings
                .iter()
                .all(|w| !w.code.contains("icon") && w.code != "assets-car-unreadable"),
            "{ctx}: {:?}",
            both.info.warnings
        );
    }
}

#[test]
fn a_2048_px_icon_composer_icon_is_served_at_1024() {
    let car = read("se2crid__idevice_pair__macos26-icon.car");
    let found = inspect(&build(&plist_naming(Some("icon")), Some(&car), &[]));
    let icon = found.info.icon.as_ref().unwrap();
    assert_eq!(
        (icon.source, icon.width, icon.set.as_deref()),
        (IconSource::AssetsCar, 2048, Some("icon"))
    );
    assert_eq!(
        png_size(&found.icon.as_ref().unwrap().original),
        (1024, 1024)
    );
}

#[test]
fn the_ipa_server_catalog_alone_and_a_stub_catalog() {
    let car = read("iineva__bom__test_data.car");
    let found = inspect(&build(&plist_naming(Some("AppIcon")), Some(&car), &[]));
    assert_eq!(found.info.icon.as_ref().map(|i| i.width), Some(180));

    // A catalog whose icon set has no renditions: no icon, said plainly, no failure.
    let stub = read("russgreen__BACApp__stub-empty-renditions.car");
    let found = inspect(&build(&plist_naming(None), Some(&stub), &[]));
    assert!(found.info.icon.is_none());
    assert!(found.info.has_warning("no-icon"));
}

#[test]
fn a_damaged_catalog_is_a_warning_and_the_loose_icon_is_used() {
    let prefix = "OpenSourceJailbreaks__H3lix__app";
    let info = read(&format!("{prefix}__Info.plist"));
    let mut car = read(&format!("{prefix}.car"));
    car.truncate(car.len() / 3);
    let loose = loose_pngs(prefix);
    let found = inspect(&build(&info, Some(&car), &loose));
    let icon = found.info.icon.as_ref().unwrap();
    assert_eq!((icon.source, icon.width), (IconSource::File, 180));
    let message = warning_message(&found.info, "assets-car-unreadable");
    assert!(message.contains("AppIcon60x60@3x.png"), "{message}");

    // Without loose icons: the catalog's problem is said, not "no icon".
    let found = inspect(&build(&info, Some(&car), &[]));
    assert!(found.info.icon.is_none());
    assert!(found.info.has_warning("assets-car-unreadable"));
    assert!(!found.info.has_warning("no-icon"));
}

#[test]
fn a_catalog_over_the_size_limit_is_skipped_with_a_warning() {
    let prefix = "Mosquito1123__WTResign__Runner-lzvn";
    let info = read(&format!("{prefix}__Info.plist"));
    let car = read(&format!("{prefix}.car"));
    let options = Options {
        limits: otadrop_ipa::Limits {
            max_car_bytes: 1000,
            ..Default::default()
        },
        ..Options::default()
    };
    let ipa = build(&info, Some(&car), &loose_pngs(prefix));
    let found = inspect_with(Cursor::new(&ipa), ipa.len() as u64, &options).unwrap();
    assert_eq!(
        found.info.icon.as_ref().map(|i| (i.source, i.width)),
        Some((IconSource::File, 180))
    );
    let message = warning_message(&found.info, "assets-car-unreadable");
    assert!(message.contains("at most 1000"), "{message}");
}
