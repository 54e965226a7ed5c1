//! CgBI conversion of every shared PNG fixture, decoded by the `png` crate and compared
//! pixel by pixel with the `ref__*` plain PNGs where they exist.
//!
//! Tolerance: CgBI stores premultiplied colour, c' = round(c * a / 255). For alpha a < 255,
//! up to 255/a + 1 straight values map to the same stored c', so any straight value in that
//! bucket is a correct conversion and converters differ in which one they pick. Measured:
//! `ref__i-png-normalizer__AppIcon57.normal.png` and `ref__cgbi-to-png__png-image.png` both
//! keep the premultiplied colour (SOURCES.md says so of the second only), and premultiplying
//! our straight output reproduces them exactly on every translucent pixel (224 and 4301),
//! while straight values differ by up to 2 and 254 respectively. So those comparisons are
//! exact after premultiplying ours; swift-png's straightened reference is fully opaque and
//! compared exactly. Opaque pixels must match exactly everywhere; fully transparent ones only in
//! alpha (their colour is lost in CgBI).

use std::borrow::Cow;

use otadrop_ipa::cgbi::{header, to_standard_png, PngError};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/fixtures/cgbi");

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}/{name}")).unwrap()
}

/// Decodes our output to 8-bit RGBA (or RGB) samples, checksums checked.
fn decode(bytes: &[u8]) -> (u32, u32, usize, Vec<u8>) {
    decode_with(bytes, false)
}

/// Decodes a third-party reference: `ref__cgbi-to-png__png-image.png` was written with a
/// wrong IDAT CRC by its converter, so checksums are not checked there.
fn decode_reference(name: &str) -> (u32, u32, usize, Vec<u8>) {
    decode_with(&read(name), true)
}

fn decode_with(bytes: &[u8], ignore_checksums: bool) -> (u32, u32, usize, Vec<u8>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.ignore_checksums(ignore_checksums);
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    let channels = info.color_type.samples();
    (info.width, info.height, channels, buf)
}

fn convert(name: &str) -> Vec<u8> {
    let bytes = read(name);
    let out = to_standard_png(&bytes, 4096).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(matches!(out, Cow::Owned(_)), "{name} should be converted");
    let out = out.into_owned();
    assert!(!header(&out).unwrap().cgbi);
    out
}

fn premultiply(c: u8, a: u8) -> i32 {
    ((u32::from(c) * u32::from(a) + 127) / 255) as i32
}

/// Compares our straight RGBA with a reference that keeps premultiplied colour; returns
/// the number of translucent pixels compared.
fn compare_with_premultiplied(ours: &[u8], reference: &[u8]) -> usize {
    assert_eq!(ours.len(), reference.len());
    let mut translucent = 0;
    for (i, (o, r)) in ours.chunks(4).zip(reference.chunks(4)).enumerate() {
        let a = o[3];
        assert_eq!(a, r[3], "alpha differs at pixel {i}");
        match a {
            0 => {}
            255 => assert_eq!(o, r, "opaque pixel {i}"),
            _ => {
                translucent += 1;
                for c in 0..3 {
                    assert_eq!(
                        premultiply(o[c], a),
                        i32::from(r[c]),
                        "pixel {i} channel {c}: ours {o:?}, reference {r:?}"
                    );
                }
            }
        }
    }
    translucent
}

/// Converts the square RGBA icon `cgbi` (`side` pixels), checks the reference has its size,
/// and compares them with [`compare_with_premultiplied`]: the translucent pixels compared.
fn matches_premultiplied_reference(cgbi: &str, reference: &str, side: u32) -> usize {
    let (w, h, ch, ours) = decode(&convert(cgbi));
    let (rw, rh, rch, reference) = decode_reference(reference);
    assert_eq!((w, h, ch), (side, side, 4));
    assert_eq!((rw, rh, rch), (w, h, ch));
    compare_with_premultiplied(&ours, &reference)
}

#[test]
fn single_idat_icon_matches_reference() {
    let compared = matches_premultiplied_reference(
        "i-png-normalizer__AppIcon57.png",
        "ref__i-png-normalizer__AppIcon57.normal.png",
        57,
    );
    assert_eq!(compared, 224);
}

#[test]
fn multi_idat_icon_matches_reference() {
    let compared = matches_premultiplied_reference(
        "i-png-normalizer__icon120_multi-IDAT.png",
        "ref__i-png-normalizer__icon120.normal.png",
        120,
    );
    // Fully opaque or fully transparent icon: no translucent pixel to compare.
    assert_eq!(compared, 0);
}

#[test]
fn cgbi_to_png_reference_keeps_premultiplied_alpha() {
    let compared = matches_premultiplied_reference(
        "cgbi-to-png__cgbi-image.png",
        "ref__cgbi-to-png__png-image.png",
        180,
    );
    assert_eq!(compared, 4301);
}

#[test]
fn large_apple_cgbi_matches_swift_png_decode() {
    let (w, h, ch, ours) = decode(&convert("swift-png__iPhoneOptimized.png"));
    let (rw, rh, rch, reference) = decode_reference("ref__swift-png__iPhoneOptimized-rgb8.png");
    assert_eq!((w, h, ch), (1280, 641, 4));
    assert_eq!((rw, rh, rch), (1280, 641, 3));
    // swift-png documents the first storage bytes as [25,0,1,255, 16,8,8,255] (BGRA,
    // premultiplied): opaque, so RGBA is the BGR swapped.
    assert_eq!(&ours[..8], &[1, 0, 25, 255, 8, 8, 16, 255]);
    // The reference straightened alpha, then dropped it. This image is fully opaque (all
    // 820,480 pixels), so every pixel must match exactly.
    for (i, (o, r)) in ours.chunks(4).zip(reference.chunks(3)).enumerate() {
        assert_eq!((&o[..3], o[3]), (r, 255), "pixel {i}");
    }
}

#[test]
fn bgr_colour_type_2_matches_reference_exactly() {
    let (w, h, ch, ours) = decode(&convert("swift-png__iPhoneOptimized-bgr8.png"));
    let (_, _, _, reference) = decode_reference("ref__swift-png__iPhoneOptimized-rgb8.png");
    assert_eq!((w, h, ch), (1280, 641, 3));
    assert_eq!(ours, reference);
}

#[test]
fn other_cgbi_icons_convert_to_their_size() {
    for (name, side) in [
        ("rust-pngdefry__iphone.png", 29),
        ("node-pngdefry__icon.png", 60),
    ] {
        let (w, h, ch, px) = decode(&convert(name));
        assert_eq!((w, h, ch), (side, side, 4), "{name}");
        // Not all black: the channels were read, not lost.
        assert!(px.chunks(4).any(|p| p[..3] != [0, 0, 0]), "{name}");
    }
}

#[test]
fn plain_pngs_pass_through_unchanged() {
    for name in [
        "neg__i-png-normalizer__icon96_palette.png",
        "neg__cocoapods__NotificationButtonBackground@2x.png",
        "ref__i-png-normalizer__AppIcon57.normal.png",
    ] {
        let bytes = read(name);
        match to_standard_png(&bytes, 4096) {
            Ok(Cow::Borrowed(out)) => assert_eq!(out, bytes.as_slice(), "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn limits_and_non_pngs_are_refused() {
    let bytes = read("swift-png__iPhoneOptimized.png");
    assert_eq!(
        to_standard_png(&bytes, 1024),
        Err(PngError::TooLarge(1280, 641, 1024))
    );
    assert_eq!(to_standard_png(b"not a png", 1024), Err(PngError::NotPng));
    // Cut in the middle of the image data.
    let cut = &bytes[..bytes.len() / 2];
    assert!(to_standard_png(cut, 4096).is_err());
}
