//! The images the manifest names: PNGs, not CgBI, at the sizes Apple documents
//! (`display-image` 57x57, `full-size-image` 512x512). None of this stops an install: a bad
//! image is a warning.

use super::finding::Finding;

/// Largest image read.
pub const MAX_IMAGE: usize = 4 * 1024 * 1024;

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// What the first chunks of a PNG say.
#[derive(Debug, PartialEq, Eq)]
pub struct PngHead {
    pub cgbi: bool,
    pub width: u32,
    pub height: u32,
}

/// Reads the signature, an optional `CgBI` chunk, and `IHDR`.
pub fn png_head(bytes: &[u8]) -> Option<PngHead> {
    let mut rest = bytes.strip_prefix(PNG_SIGNATURE)?;
    let mut cgbi = false;
    for _ in 0..2 {
        let len = u32::from_be_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let kind = rest.get(4..8)?;
        let data = rest.get(8..8usize.checked_add(len)?)?;
        match kind {
            b"CgBI" => {
                cgbi = true;
                rest = rest.get(12usize.checked_add(len)?..)?;
            }
            b"IHDR" => {
                let width = u32::from_be_bytes(data.get(..4)?.try_into().ok()?);
                let height = u32::from_be_bytes(data.get(4..8)?.try_into().ok()?);
                return Some(PngHead {
                    cgbi,
                    width,
                    height,
                });
            }
            _ => return None,
        }
    }
    None
}

/// Judges one fetched image of manifest asset `kind`.
pub fn check(kind: &str, url: &str, status: u16, bytes: &[u8]) -> Finding {
    let check = if kind == "display-image" {
        "image.display"
    } else {
        "image.full-size"
    };
    let want = if kind == "display-image" { 57 } else { 512 };
    if status != 200 {
        return Finding::warn(
            check,
            format!("{kind} {url} answers HTTP {status}"),
            "Fix the image URL; iOS shows a blank icon while installing otherwise.",
        );
    }
    match png_head(bytes) {
        None => Finding::warn(
            check,
            format!("{kind} {url} is not a PNG"),
            "Serve a standard PNG; iOS shows a blank icon otherwise.",
        ),
        Some(h) if h.cgbi => Finding::warn(
            check,
            format!("{kind} is an Xcode-optimised CgBI PNG, which only Apple's own decoders read"),
            "Serve a standard PNG (convert the icon from CgBI, as otadrop does).",
        ),
        Some(h) if h.width != want || h.height != want => Finding::warn(
            check,
            format!(
                "{kind} is {}x{}; Apple documents {want}x{want}",
                h.width, h.height
            ),
            format!("Serve a {want}x{want} PNG."),
        ),
        Some(_) => Finding::pass(check, format!("{kind} is a {want}x{want} PNG")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Status;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/../../../shared/fixtures/cgbi/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn reads_plain_and_cgbi_heads() {
        let plain = fixture("ref__i-png-normalizer__AppIcon57.normal.png");
        assert_eq!(
            png_head(&plain),
            Some(PngHead {
                cgbi: false,
                width: 57,
                height: 57
            })
        );
        let cgbi = fixture("i-png-normalizer__AppIcon57.png");
        assert_eq!(
            png_head(&cgbi),
            Some(PngHead {
                cgbi: true,
                width: 57,
                height: 57
            })
        );
        assert_eq!(png_head(b"GIF89a"), None);
        assert_eq!(png_head(&plain[..20]), None);
    }

    #[test]
    fn judges_kind_size_and_cgbi() {
        let plain = fixture("ref__i-png-normalizer__AppIcon57.normal.png");
        assert_eq!(
            check("display-image", "u", 200, &plain).status,
            Status::Pass
        );
        assert_eq!(
            check("full-size-image", "u", 200, &plain).status,
            Status::Warn
        );
        let cgbi = fixture("i-png-normalizer__AppIcon57.png");
        assert_eq!(check("display-image", "u", 200, &cgbi).status, Status::Warn);
        assert_eq!(
            check("display-image", "u", 404, &plain).status,
            Status::Warn
        );
        assert_eq!(
            check("display-image", "u", 200, b"<html>").status,
            Status::Warn
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(tail in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            let mut bytes = PNG_SIGNATURE.to_vec();
            bytes.extend(&tail);
            let _ = png_head(&bytes);
            let _ = check("display-image", "u", 200, &bytes);
        }
    }
}
