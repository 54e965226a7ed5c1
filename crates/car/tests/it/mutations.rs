//! Damaged catalogs must give errors or `None`, never a panic, a hang, or a huge allocation:
//! every fixture truncated at many offsets and with bytes flipped at many places
//! (deterministic, so a failure reproduces).

use crate::common::*;
use otadrop_car::{Appearance, Catalog};

/// Runs everything a caller would run on `bytes`; the result does not matter.
fn exercise(bytes: &[u8], also_dark: bool) {
    let Ok(catalog) = Catalog::open(bytes) else {
        return;
    };
    let _ = catalog.icon_set_names();
    let renditions = catalog.icon_renditions(None);
    if let Some(r) = renditions.iter().min_by_key(|r| r.width) {
        let _ = catalog.decode(r);
    }
    let _ = catalog.best_icon(None, Appearance::Light);
    if also_dark {
        let _ = catalog.best_icon(Some("AppIcon"), Appearance::Dark);
    }
}

/// xorshift: deterministic offsets without a dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Offsets worth damaging: the first 4 KiB (BOM header, often trees), the last 16 KiB (the
/// block index and variables usually sit at the end), the CSI, MLEC and KCBC headers of the
/// renditions, and anywhere.
fn offsets(bytes: &[u8], rng: &mut Rng, count: usize) -> Vec<usize> {
    let len = bytes.len();
    let csi: Vec<usize> = bytes
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == b"ISTC")
        .map(|(i, _)| i)
        .collect();
    (0..count)
        .map(|i| match i % 4 {
            0 => rng.below(len.min(4096)),
            1 => len - 1 - rng.below(len.min(16384)),
            2 if !csi.is_empty() => (csi[rng.below(csi.len())] + rng.below(300)).min(len - 1),
            _ => rng.below(len),
        })
        .collect()
}

fn mutate_fixture(name: &str) {
    let original = read(name);
    let len = original.len();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ len as u64);

    // Truncations: evenly spread, plus random ones near the structures.
    let mut cuts: Vec<usize> = (0..32).map(|i| len * i / 32).collect();
    cuts.extend(offsets(&original, &mut rng, 32));
    for cut in cuts {
        exercise(&original[..cut], true);
    }

    // Single-byte changes: flip bits, or set to 0x00 / 0xff (lengths and counts).
    // Fewer where the icon is large: each run decodes it, slowly in a debug build. The fuzz
    // target covers the pixel data in depth.
    let big = Catalog::open(&original)
        .unwrap()
        .icon_renditions(None)
        .iter()
        .any(|r| r.width * r.height >= 512 * 512);
    let (flips, multi) = if big { (32, 4) } else { (160, 10) };
    let mut bytes = original.clone();
    for (i, at) in offsets(&original, &mut rng, flips).into_iter().enumerate() {
        let old = bytes[at];
        bytes[at] = match i % 3 {
            0 => old ^ (1 << (i % 8)),
            1 => 0xff,
            _ => 0,
        };
        exercise(&bytes, i % 8 == 0);
        bytes[at] = old;
    }

    // Several changes at once.
    for _ in 0..multi {
        let mut bytes = original.clone();
        for at in offsets(&original, &mut rng, 8) {
            bytes[at] = rng.below(256) as u8;
        }
        exercise(&bytes, false);
    }
}

macro_rules! mutation_tests {
    ($($test:ident => $file:literal,)*) => {
        $(#[test]
        fn $test() {
            mutate_fixture($file);
        })*

        #[test]
        fn every_fixture_is_mutated() {
            let mut listed = vec![$($file),*];
            listed.sort();
            assert_eq!(listed, car_fixtures());
        }
    };
}

mutation_tests! {
    appium => "AppiumTestDistribution__appium-flutter-integration-driver__Runner.car",
    haimanu => "Haimanu__MobilApp__app.car",
    mosquito_lzvn => "Mosquito1123__WTResign__Runner-lzvn.car",
    h3lix => "OpenSourceJailbreaks__H3lix__app.car",
    catalyst => "axelfisch__AiXel-MIDI-Player__catalyst.car",
    tvos => "icyleaf__app-info__apple-tv-BilibiliLive.car",
    iineva => "iineva__bom__test_data.car",
    dopamine => "ioosmeen__xz__Dopamine-alticons.car",
    wdio => "marcinkapturski__wdio-ios-app__thinned.car",
    macos_zip => "pbullett27786__DyKnowLogSender-sourcecode__macos-zip.car",
    stub => "russgreen__BACApp__stub-empty-renditions.car",
    icon_composer => "se2crid__idevice_pair__macos26-icon.car",
    xcode5_empty => "soffes__lagunitas__Sample-xcode5-empty.car",
}

#[test]
fn garbage_and_tiny_inputs() {
    exercise(b"", true);
    exercise(b"BOMStore", true);
    exercise(&[0xff; 64], true);
    let mut header = b"BOMStore".to_vec();
    header.extend_from_slice(&[0xff; 24]);
    exercise(&header, true);
}
