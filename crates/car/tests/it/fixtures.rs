//! Every catalog in `shared/fixtures/assets-car` (see its SOURCES.md): the icon chosen, and
//! its pixels against the ground truth that shipped in the same bundle, as exactly as
//! SOURCES.md says they can match.

use crate::common::*;
use otadrop_car::{Appearance, Catalog, Compression, Icon};

fn open(bytes: &[u8]) -> Catalog<'_> {
    Catalog::open(bytes).expect("catalog opens")
}

fn best(catalog: &Catalog<'_>, set: Option<&str>) -> Icon {
    catalog
        .best_icon(set, Appearance::Light)
        .expect("decodes")
        .expect("has an icon")
}

/// The smallest max-difference between `truth` and any same-sized rendition of the set.
fn closest_rendition(catalog: &Catalog<'_>, set: &str, truth: &Truth) -> u8 {
    catalog
        .icon_renditions(Some(set))
        .iter()
        .filter(|r| r.width == truth.width && r.height == truth.height)
        .map(|r| {
            let icon = catalog
                .decode(r)
                .unwrap_or_else(|e| panic!("{}: {e}", r.name));
            max_diff(&premultiply(&icon.rgba), &truth.premultiplied)
        })
        .min()
        .unwrap_or_else(|| panic!("no {}x{} rendition in {set}", truth.width, truth.height))
}

/// The best icon of the set `AppIcon` of `catalog`, checked to be `width`x`height`.
fn best_app_icon(catalog: &Catalog<'_>, (width, height): (u32, u32)) -> Icon {
    let icon = best(catalog, Some("AppIcon"));
    assert_eq!((icon.width, icon.height), (width, height));
    icon
}

fn assert_looks_like_an_icon(icon: &Icon) {
    assert_eq!(icon.rgba.len(), (icon.width * icon.height * 4) as usize);
    let opaque = icon.rgba.chunks(4).filter(|p| p[3] == 255).count();
    assert!(
        opaque > icon.rgba.len() / 8,
        "mostly transparent: {opaque} opaque pixels"
    );
    let first = &icon.rgba[..4];
    assert!(icon.rgba.chunks(4).any(|p| p != first), "a single colour");
}

/// Checks that `catalog` has the one icon set `set` and that its best icon, chosen with no
/// set named, is a `width`x`height` icon of that set.
fn assert_the_one_set(catalog: &Catalog<'_>, set: &str, (width, height): (u32, u32)) -> Icon {
    assert_eq!(catalog.icon_set_names(), [set]);
    let icon = best(catalog, None);
    assert_eq!(
        (icon.width, icon.height, icon.set_name.as_str()),
        (width, height, set)
    );
    assert_looks_like_an_icon(&icon);
    icon
}

/// Whether every icon rendition of `catalog` is stored with `compression`.
fn all_compressed_with(catalog: &Catalog<'_>, compression: Compression) -> bool {
    catalog
        .icon_renditions(None)
        .iter()
        .all(|r| r.compression == Some(compression))
}

#[test]
fn iineva_bom_lzfse_chunks() {
    let bytes = read("iineva__bom__test_data.car");
    let catalog = open(&bytes);
    assert_the_one_set(&catalog, "AppIcon", (180, 180));
    assert!(all_compressed_with(&catalog, Compression::Lzfse));
}

#[test]
fn xcode5_empty_catalog_has_no_icon() {
    let bytes = read("soffes__lagunitas__Sample-xcode5-empty.car");
    let catalog = open(&bytes);
    assert!(catalog.icon_set_names().is_empty());
    assert!(catalog.icon_renditions(None).is_empty());
    assert_eq!(catalog.best_icon(None, Appearance::Light).unwrap(), None);
    assert_eq!(
        catalog
            .best_icon(Some("AppIcon"), Appearance::Dark)
            .unwrap(),
        None
    );
}

#[test]
fn haimanu_gray_atlas_crops_equal_the_loose_pngs() {
    let compared = compare_where_sizes_exist("Haimanu__MobilApp__app.car", 0);
    // 40, 58, 80, 120 px have a rendition (9 loose files have those sizes); the other
    // loose sizes are not in this thinned car.
    assert_eq!(compared, 9);
    let icon = best_app_icon(&open(&read("Haimanu__MobilApp__app.car")), (120, 120));
    // GA8: gray.
    assert!(icon.rgba.chunks(4).all(|p| p[0] == p[1] && p[1] == p[2]));
}

/// Compares the loose AppIcon PNGs shipped beside `car` (`<car name>__AppIcon*.png`) that
/// have a same-sized rendition, within `tolerance`; the others are skipped. The number
/// compared.
fn compare_where_sizes_exist(car: &str, tolerance: u8) -> usize {
    let prefix = format!("{}__AppIcon", car.trim_end_matches(".car"));
    let bytes = read(car);
    let catalog = open(&bytes);
    let sizes: Vec<(u32, u32)> = catalog
        .icon_renditions(Some("AppIcon"))
        .iter()
        .map(|r| (r.width, r.height))
        .collect();
    let mut compared = 0;
    for name in std::fs::read_dir(FIXTURES)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
    {
        if !(name.starts_with(&prefix) && name.ends_with(".png")) {
            continue;
        }
        let truth = decode_png(&read(&name));
        if !sizes.contains(&(truth.width, truth.height)) {
            continue;
        }
        let diff = closest_rendition(&catalog, "AppIcon", &truth);
        assert!(
            diff <= tolerance,
            "{name}: differs by {diff} (tolerance {tolerance})"
        );
        compared += 1;
    }
    compared
}

#[test]
fn wdio_thinned_atlases_match_the_colour_converted_loose_pngs() {
    // SOURCES.md: the loose PNGs carry an iCCP profile; the car copy differs by up to 23/255.
    let car = "marcinkapturski__wdio-ios-app__thinned.car";
    let compared = compare_where_sizes_exist(car, 23);
    // 40, 58, 80 and 120 (twice: 40@3x and 60@2x) have a rendition in this thinned car.
    assert_eq!(compared, 5);
    best_app_icon(&open(&read(car)), (120, 120));
}

#[test]
fn lzvn_catalog_matches_the_cgbi_loose_pngs() {
    // Raw LZVN in KCBC chunks; CgBI loose PNGs colour-converted by up to 26/255.
    let car = "Mosquito1123__WTResign__Runner-lzvn.car";
    let compared = compare_where_sizes_exist(car, 26);
    assert_eq!(compared, 8);
    let bytes = read(car);
    let catalog = open(&bytes);
    assert!(all_compressed_with(&catalog, Compression::Lzvn));
    let icon = best_app_icon(&catalog, (1024, 1024));
    assert_looks_like_an_icon(&icon);
}

#[test]
fn h3lix_bitmaps_and_atlas_crops_equal_the_cgbi_loose_pngs() {
    let car = "OpenSourceJailbreaks__H3lix__app.car";
    let compared = compare_where_sizes_exist(car, 0);
    assert_eq!(compared, 24);
    let icon = best_app_icon(&open(&read(car)), (1024, 1024));
    assert_looks_like_an_icon(&icon);
}

#[test]
fn flutter_unthinned_palette_pngs_equal_the_atlas_crops() {
    let car = "AppiumTestDistribution__appium-flutter-integration-driver__Runner.car";
    let compared = compare_where_sizes_exist(car, 0);
    assert_eq!(compared, 2);
    let bytes = read(car);
    let catalog = open(&bytes);
    best_app_icon(&catalog, (1024, 1024));
    let rle: Vec<_> = catalog
        .icon_renditions(None)
        .into_iter()
        .filter(|r| r.compression == Some(Compression::Rle))
        .collect();
    assert_eq!(rle.len(), 1, "the 29x29 icon is rle");
    // The rle 29 px iPhone icon is the same image as the 29 px iPad atlas frame.
    let rle_icon = catalog.decode(&rle[0]).unwrap();
    let atlas_29 = catalog
        .icon_renditions(None)
        .into_iter()
        .find(|r| r.width == 29 && r.in_atlas)
        .unwrap();
    let atlas_icon = catalog.decode(&atlas_29).unwrap();
    assert_eq!((rle_icon.width, rle_icon.height), (29, 29));
    assert_eq!(rle_icon.rgba, atlas_icon.rgba);
}

#[test]
fn dopamine_alternate_icon_sets() {
    let bytes = read("ioosmeen__xz__Dopamine-alticons.car");
    let catalog = open(&bytes);
    assert_eq!(
        catalog.icon_set_names(),
        [
            "AppIcon",
            "AppIcon_Blue",
            "AppIcon_ElleKit",
            "AppIcon_Purple",
            "AppIcon_Red"
        ]
    );
    let primary = best_app_icon(&catalog, (192, 192));
    assert_looks_like_an_icon(&primary);
    let blue = best(&catalog, Some("AppIcon_Blue"));
    assert_eq!(
        (blue.width, blue.height, blue.set_name.as_str()),
        (192, 192, "AppIcon_Blue")
    );
    assert_ne!(primary.rgba, blue.rgba);
    assert_eq!(
        catalog
            .best_icon(Some("NoSuchSet"), Appearance::Light)
            .unwrap(),
        None
    );
}

#[test]
fn tvos_layered_icon_uses_the_flattened_image() {
    let bytes = read("icyleaf__app-info__apple-tv-BilibiliLive.car");
    let catalog = open(&bytes);
    assert_the_one_set(&catalog, "App Icon", (800, 480));
    // No dark flattened image: the light one is returned and says so.
    let dark = catalog
        .best_icon(Some("App Icon"), Appearance::Dark)
        .unwrap()
        .unwrap();
    assert_eq!(dark.appearance, Appearance::Light);
}

#[test]
fn macos_zip_bitmaps_equal_the_icns_pngs() {
    let bytes = read("pbullett27786__DyKnowLogSender-sourcecode__macos-zip.car");
    let catalog = open(&bytes);
    assert!(all_compressed_with(&catalog, Compression::Zip));
    let icon = best(&catalog, None);
    assert_eq!((icon.width, icon.height), (1024, 1024));
    let icns = read("pbullett27786__DyKnowLogSender-sourcecode__macos-zip__AppIcon.icns");
    let entries = icns_pngs(&icns);
    assert_eq!(entries.len(), 5);
    for (ty, png) in entries {
        let truth = decode_png(&png);
        let diff = closest_rendition(&catalog, "AppIcon", &truth);
        assert_eq!(
            diff,
            0,
            "{}: differs by {diff}",
            String::from_utf8_lossy(&ty)
        );
    }
}

#[test]
fn catalyst_icon_resembles_the_icns() {
    // No size overlaps (SOURCES.md): downscale the 1024 px icon to the 256 px ic13 entry.
    let bytes = read("axelfisch__AiXel-MIDI-Player__catalyst.car");
    let catalog = open(&bytes);
    let icon = best_app_icon(&catalog, (1024, 1024));
    let icns = read("axelfisch__AiXel-MIDI-Player__catalyst__AppIcon.icns");
    let (_, png) = icns_pngs(&icns)
        .into_iter()
        .find(|(ty, _)| ty == b"ic13")
        .unwrap();
    let truth = decode_png(&png);
    assert_eq!((truth.width, truth.height), (256, 256));
    let small = downscale(&premultiply(&icon.rgba), icon.width, 4);
    let mean = mean_diff(&small, &truth.premultiplied);
    assert!(mean < 8.0, "mean difference {mean}");
}

#[test]
fn icon_composer_macos_catalog_has_light_bitmaps_only() {
    let bytes = read("se2crid__idevice_pair__macos26-icon.car");
    let catalog = open(&bytes);
    // The set is named `icon`, not AppIcon: the default finds it.
    assert_eq!(catalog.icon_set_names(), ["icon"]);
    let icon = best(&catalog, None);
    assert_eq!(
        (icon.width, icon.height, icon.set_name.as_str()),
        (2048, 2048, "icon")
    );
    assert_eq!(icon.appearance, Appearance::Light);
    // Dark and tinted exist only as iconstack layers: the light bitmap is the fallback.
    for wanted in [Appearance::Dark, Appearance::Tinted] {
        assert_eq!(
            catalog
                .best_icon(Some("icon"), wanted)
                .unwrap()
                .unwrap()
                .appearance,
            Appearance::Light
        );
    }
    // icon.png is the dark export: same shape, other colours. Compare the alpha only.
    let truth = decode_png(&read("se2crid__idevice_pair__macos26-icon__icon.png"));
    assert_eq!((truth.width, truth.height), (1024, 1024));
    let small = downscale(&premultiply(&icon.rgba), icon.width, 2);
    let alpha = |v: &[u8]| v.chunks(4).map(|p| p[3]).collect::<Vec<u8>>();
    let mean = mean_diff(&alpha(&small), &alpha(&truth.premultiplied));
    assert!(mean < 8.0, "alpha mean difference {mean}");
}

#[test]
fn stub_catalog_with_empty_renditions_has_no_icon() {
    let bytes = read("russgreen__BACApp__stub-empty-renditions.car");
    let catalog = open(&bytes);
    // The Icon Composer set is listed, but all its renditions are empty.
    assert_eq!(catalog.icon_set_names(), ["BACIcon"]);
    assert_eq!(catalog.best_icon(None, Appearance::Light).unwrap(), None);
    assert_eq!(
        catalog
            .best_icon(Some("BACIcon"), Appearance::Dark)
            .unwrap(),
        None
    );
    assert!(catalog.icon_renditions(Some("BACIcon")).is_empty());
}

#[test]
fn every_fixture_is_covered() {
    // A new fixture must get its own test above.
    assert_eq!(car_fixtures().len(), 13);
    for name in car_fixtures() {
        let bytes = read(&name);
        let catalog = open(&bytes);
        let _ = catalog
            .best_icon(None, Appearance::Light)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}
