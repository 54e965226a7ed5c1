//! Choosing the app icon from what `Info.plist` declares, and rendering the manifest sizes.
//!
//! Declared names are prefixes: `AppIcon60x60` names `AppIcon60x60@2x.png`, `@3x`, `~ipad`.
//! They come from `CFBundleIcons` and `CFBundleIcons~ipad` (`CFBundlePrimaryIcon`, a
//! dictionary with `CFBundleIconFiles` or, in some builds, a plain string), then the legacy
//! top-level `CFBundleIconFiles` and `CFBundleIconFile`. Without any of these keys, iOS
//! looks for `Icon.png`, so do we.

use std::io::Cursor;

use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat, ImageReader};
use plist::{Dictionary, Value};

use super::cgbi;

/// Icon name prefixes in the order the keys are listed above, without duplicates (empty
/// when no key names a file).
pub(crate) fn declared_names(info: &Dictionary) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut add = |value: Option<&Value>| {
        let list: Vec<&str> = match value {
            Some(Value::String(s)) => vec![s.as_str()],
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_string).collect(),
            _ => Vec::new(),
        };
        for name in list {
            let stem = strip_png(name.trim());
            if !stem.is_empty() && !names.iter().any(|n| n == stem) {
                names.push(stem.to_string());
            }
        }
    };
    for key in ["CFBundleIcons", "CFBundleIcons~ipad"] {
        if let Some(primary) = info
            .get(key)
            .and_then(Value::as_dictionary)
            .and_then(|d| d.get("CFBundlePrimaryIcon"))
        {
            match primary {
                Value::Dictionary(d) => add(d.get("CFBundleIconFiles")),
                other => add(Some(other)),
            }
        }
    }
    for key in ["CFBundleIconFiles", "CFBundleIconFile"] {
        add(info.get(key));
    }
    names
}

fn strip_png(name: &str) -> &str {
    match name.len().checked_sub(4) {
        Some(cut) if name.is_char_boundary(cut) && name[cut..].eq_ignore_ascii_case(".png") => {
            &name[..cut]
        }
        _ => name,
    }
}

/// Whether `rest` (what follows a declared prefix in a file stem) is only the scale and
/// device modifiers Xcode appends: `@2x`, `@3x`, `~ipad`, `~iphone`, in that order.
fn modifiers_only(rest: &str) -> bool {
    let rest = match rest.strip_prefix('@') {
        Some(scaled) => {
            let Some(x) = scaled.find('x') else {
                return false;
            };
            let (number, tail) = scaled.split_at(x);
            if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || c == '.') {
                return false;
            }
            &tail[1..]
        }
        None => rest,
    };
    rest.is_empty() || rest == "~ipad" || rest == "~iphone"
}

/// Asset-catalog icon names (`CFBundleIconName`), used only as loose prefixes when no
/// declared file name matches: Xcode names the loose files after them (`AppIcon60x60@2x.png`
/// for `AppIcon`).
pub(crate) fn asset_names(info: &Dictionary) -> Vec<String> {
    ["CFBundleIcons", "CFBundleIcons~ipad"]
        .iter()
        .filter_map(|key| {
            info.get(key)?
                .as_dictionary()?
                .get("CFBundlePrimaryIcon")?
                .as_dictionary()?
                .get("CFBundleIconName")?
                .as_string()
        })
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The files in the app folder (not in subfolders) that a declared name matches, in the
/// order of the declared names. When none matches exactly (name plus `@2x`/`~ipad`
/// modifiers), PNGs whose name merely starts with a declared or asset name are taken, so
/// that `AppIcon` still finds `AppIcon60x60@2x.png`.
pub(crate) fn candidates(
    declared: &[String],
    assets: &[String],
    app_dir: &str,
    names: &[String],
) -> Vec<String> {
    if declared.is_empty() && assets.is_empty() {
        // No icon keys at all: iOS looks for Icon.png (and @2x, ~ipad); so do we, exactly.
        return matching(&["Icon".to_string()], app_dir, names, modifiers_only);
    }
    let strict = matching(declared, app_dir, names, modifiers_only);
    if !strict.is_empty() {
        return strict;
    }
    let loose: Vec<String> = declared.iter().chain(assets).cloned().collect();
    matching(&loose, app_dir, names, |_| true)
}

fn matching(
    declared: &[String],
    app_dir: &str,
    names: &[String],
    rest_ok: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for prefix in declared {
        for name in names {
            let Some(file) = name.strip_prefix(app_dir) else {
                continue;
            };
            if file.contains('/') {
                continue;
            }
            let stem = strip_png(file);
            if stem.len() == file.len() {
                continue; // not a .png
            }
            if let Some(rest) = stem.strip_prefix(prefix.as_str()) {
                if rest_ok(rest) && !out.contains(name) {
                    out.push(name.clone());
                }
            }
        }
    }
    out
}

/// Decodes a standard PNG (at most `max_side` a side, memory bounded accordingly).
pub(crate) fn decode_png(png: &[u8], max_side: u32) -> Result<DynamicImage, String> {
    let mut reader = ImageReader::with_format(Cursor::new(png), ImageFormat::Png);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(max_side);
    limits.max_image_height = Some(max_side);
    limits.max_alloc = Some(u64::from(max_side) * u64::from(max_side) * 8 + (1 << 20));
    reader.limits(limits);
    reader.decode().map_err(|e| e.to_string())
}

/// Decodes a PNG that the strict decoder refuses for its checksums only (some export tools
/// write wrong CRCs; iOS shows such icons): CRC and Adler-32 are not checked, everything
/// else is. Same size and memory bounds as [`decode_png`].
pub(crate) fn decode_png_lenient(png: &[u8], max_side: u32) -> Result<DynamicImage, String> {
    let h = cgbi::header(png).map_err(|e| e.to_string())?;
    if h.width > max_side || h.height > max_side {
        return Err(format!(
            "{}x{} is larger than {max_side} a side",
            h.width, h.height
        ));
    }
    let limits = png::Limits {
        bytes: (max_side as usize) * (max_side as usize) * 8 + (1 << 20),
    };
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(png), limits);
    decoder.ignore_checksums(true);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| "the image is too large".to_string())?;
    let mut buf = vec![0; size];
    let frame = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    buf.truncate(frame.buffer_size());
    let (w, h) = (frame.width, frame.height);
    let bad = || "the decoded image has an unexpected size".to_string();
    Ok(match frame.color_type {
        png::ColorType::Rgba => {
            DynamicImage::ImageRgba8(image::RgbaImage::from_raw(w, h, buf).ok_or_else(bad)?)
        }
        png::ColorType::Rgb => {
            DynamicImage::ImageRgb8(image::RgbImage::from_raw(w, h, buf).ok_or_else(bad)?)
        }
        png::ColorType::GrayscaleAlpha => {
            DynamicImage::ImageLumaA8(image::GrayAlphaImage::from_raw(w, h, buf).ok_or_else(bad)?)
        }
        png::ColorType::Grayscale => {
            DynamicImage::ImageLuma8(image::GrayImage::from_raw(w, h, buf).ok_or_else(bad)?)
        }
        png::ColorType::Indexed => return Err("palette not expanded".into()),
    })
}

/// The image scaled to `side` x `side` (Lanczos3), as PNG bytes.
pub(crate) fn resized(image: &DynamicImage, side: u32) -> Result<Vec<u8>, String> {
    let resized = match image {
        DynamicImage::ImageRgba8(rgba) => {
            image::imageops::resize(rgba, side, side, FilterType::Lanczos3)
        }
        other => image::imageops::resize(&other.to_rgba8(), side, side, FilterType::Lanczos3),
    };
    encode(&DynamicImage::ImageRgba8(resized))
}

/// The image as PNG bytes.
pub(crate) fn encode(image: &DynamicImage) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// `png` with the source's colour chunks put back (the encoder writes none).
pub(crate) fn with_colour(png: Vec<u8>, colour: &[Vec<u8>]) -> Vec<u8> {
    if colour.is_empty() {
        return png;
    }
    cgbi::insert_after_ihdr(&png, colour).unwrap_or(png)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plist_limited::dictionary_of as info;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| format!("Payload/A.app/{s}")).collect()
    }

    #[test]
    fn declared_names_from_every_key() {
        let d = info(
            "<key>CFBundleIcons</key><dict><key>CFBundlePrimaryIcon</key><dict>\
             <key>CFBundleIconFiles</key><array><string>AppIcon60x60</string></array></dict></dict>\
             <key>CFBundleIcons~ipad</key><dict><key>CFBundlePrimaryIcon</key><string>Pad</string></dict>\
             <key>CFBundleIconFiles</key><array><string>Icon.png</string><string>Icon@2x.png</string></array>\
             <key>CFBundleIconFile</key><string>Old</string>",
        );
        assert_eq!(
            declared_names(&d),
            vec!["AppIcon60x60", "Pad", "Icon", "Icon@2x", "Old"]
        );
        assert!(declared_names(&Dictionary::new()).is_empty());
    }

    #[test]
    fn asset_name_is_a_loose_prefix_when_nothing_matches_exactly() {
        let d = info(
            "<key>CFBundleIcons</key><dict><key>CFBundlePrimaryIcon</key><dict>\
             <key>CFBundleIconName</key><string>AppIcon</string></dict></dict>",
        );
        let assets = asset_names(&d);
        assert_eq!(assets, vec!["AppIcon"]);
        let files = names(&["AppIcon60x60@2x.png", "Other.png"]);
        assert_eq!(
            candidates(&declared_names(&d), &assets, "Payload/A.app/", &files),
            names(&["AppIcon60x60@2x.png"])
        );
        // An exact match wins over loose ones.
        let files = names(&["AppIcon60x60@2x.png", "AppIcon.png"]);
        assert_eq!(
            candidates(&["AppIcon".into()], &[], "Payload/A.app/", &files),
            names(&["AppIcon.png"])
        );
    }

    #[test]
    fn prefixes_match_scale_and_device_suffixes_only() {
        let files = names(&[
            "AppIcon60x60@2x.png",
            "AppIcon60x60@3x.png",
            "AppIcon76x76~ipad.png",
            "AppIcon83.5x83.5@2x~ipad.png",
            "AppIcon60x60Background.png",
            "AppIcon60x60.jpg",
            "sub/AppIcon60x60@2x.png",
        ]);
        let decl = vec![
            "AppIcon60x60".to_string(),
            "AppIcon76x76".into(),
            "AppIcon83.5x83.5".into(),
        ];
        assert_eq!(
            candidates(&decl, &[], "Payload/A.app/", &files),
            names(&[
                "AppIcon60x60@2x.png",
                "AppIcon60x60@3x.png",
                "AppIcon76x76~ipad.png",
                "AppIcon83.5x83.5@2x~ipad.png",
            ])
        );
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_names_never_panic(
            declared in proptest::collection::vec(".{0,12}", 0..4),
            files in proptest::collection::vec(".{0,16}", 0..8),
        ) {
            let names: Vec<String> = files.iter().map(|f| format!("Payload/A.app/{f}")).collect();
            for found in candidates(&declared, &declared, "Payload/A.app/", &names) {
                proptest::prop_assert!(names.contains(&found));
            }
        }
    }
}
