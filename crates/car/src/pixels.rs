//! From CoreUI's premultiplied rows to straight RGBA8: channel order, alpha
//! un-premultiplication, row stride, and cropping a frame out of a packed atlas.

use crate::csi::PixelFormat;

/// A rectangle in pixels, top-left origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rect {
    pub x: usize,
    pub y: usize,
    pub width: usize,
    pub height: usize,
}

/// Converts `rect` of an image stored as `stride`-byte rows of `format` into straight RGBA8.
/// ARGB is converted in place (the icon's memory is reused: peak memory stays one image);
/// GA8 doubles in size and gets a new buffer. Pixels the raw data does not cover (only
/// possible if the caller's checks were wrong) stay transparent instead of panicking.
pub(crate) fn to_rgba(format: PixelFormat, mut raw: Vec<u8>, stride: usize, rect: Rect) -> Vec<u8> {
    let row_len = rect.width * 4;
    let last_row_end = (rect.y + rect.height).saturating_sub(1) * stride + rect.x * 4 + row_len;
    if format == PixelFormat::Argb && row_len <= stride && last_row_end <= raw.len() {
        // Rows move towards the start (destination offset <= source offset), then each
        // pixel is rewritten where it stands.
        for row in 0..rect.height {
            let src = (rect.y + row) * stride + rect.x * 4;
            raw.copy_within(src..src + row_len, row * row_len);
        }
        raw.truncate(row_len * rect.height);
        for p in raw.chunks_exact_mut(4) {
            let a = p[3];
            let (r, g, b) = (p[2], p[1], p[0]);
            p.copy_from_slice(&[
                unpremultiply(r, a),
                unpremultiply(g, a),
                unpremultiply(b, a),
                a,
            ]);
        }
        return raw;
    }
    copy_to_rgba(format, &raw, stride, rect)
}

fn copy_to_rgba(format: PixelFormat, raw: &[u8], stride: usize, rect: Rect) -> Vec<u8> {
    let bpp = format.bytes_per_pixel();
    let mut out = vec![0u8; rect.width * rect.height * 4];
    for (row, dst) in out.chunks_exact_mut(rect.width * 4).enumerate() {
        let start = (rect.y + row) * stride + rect.x * bpp;
        let Some(src) = raw.get(start..start + rect.width * bpp) else {
            continue;
        };
        for (s, d) in src.chunks_exact(bpp).zip(dst.chunks_exact_mut(4)) {
            let (r, g, b, a) = match format {
                PixelFormat::Argb => (s[2], s[1], s[0], s[3]),
                PixelFormat::Ga8 => (s[0], s[0], s[0], s[1]),
            };
            d.copy_from_slice(&[
                unpremultiply(r, a),
                unpremultiply(g, a),
                unpremultiply(b, a),
                a,
            ]);
        }
    }
    out
}

/// `c * 255 / a`, rounded; 0 when fully transparent.
fn unpremultiply(c: u8, a: u8) -> u8 {
    match a {
        0 => 0,
        255 => c,
        a => ((u32::from(c) * 255 + u32::from(a) / 2) / u32::from(a)).min(255) as u8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: usize, y: usize, width: usize, height: usize) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    #[test]
    fn argb_is_bgra_premultiplied() {
        // One opaque red pixel, one half-transparent white pixel, then 4 bytes of row padding.
        let raw = [0, 0, 255, 255, 128, 128, 128, 128, 9, 9, 9, 9];
        assert_eq!(
            to_rgba(PixelFormat::Argb, raw.to_vec(), 12, rect(0, 0, 2, 1)),
            [255, 0, 0, 255, 255, 255, 255, 128]
        );
    }

    #[test]
    fn ga8_is_gray_then_alpha() {
        let raw = [64, 128, 0, 0];
        assert_eq!(
            to_rgba(PixelFormat::Ga8, raw.to_vec(), 4, rect(0, 0, 2, 1)),
            [128, 128, 128, 128, 0, 0, 0, 0]
        );
    }

    #[test]
    fn crops_with_stride() {
        // 3x2 GA8 image, stride 8; take the pixel at (1, 1).
        let raw = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 200, 255, 0, 0, 0, 0];
        assert_eq!(
            to_rgba(PixelFormat::Ga8, raw.to_vec(), 8, rect(1, 1, 1, 1)),
            [200, 200, 200, 255]
        );
        // A rect outside the data gives transparent pixels, not a panic.
        assert_eq!(
            to_rgba(PixelFormat::Ga8, raw.to_vec(), 8, rect(5, 5, 1, 1)),
            [0, 0, 0, 0]
        );
    }

    #[test]
    fn argb_crop_in_place_matches_the_copying_path() {
        // 3x3 ARGB, stride 16 (4 bytes of padding), crop the 2x2 at (1, 1).
        let raw: Vec<u8> = (0..48u8).map(|i| i.wrapping_mul(37) | 1).collect();
        let rect = rect(1, 1, 2, 2);
        let copied = copy_to_rgba(PixelFormat::Argb, &raw, 16, rect);
        assert_eq!(to_rgba(PixelFormat::Argb, raw.clone(), 16, rect), copied);
        // Data too short for the rect: the copying path, transparent where missing.
        let short = to_rgba(PixelFormat::Argb, raw[..20].to_vec(), 16, rect);
        assert_eq!(short, [0; 16]);
    }

    #[test]
    fn unpremultiply_rounds_and_clamps() {
        assert_eq!(unpremultiply(0, 0), 0);
        assert_eq!(unpremultiply(9, 0), 0);
        assert_eq!(unpremultiply(1, 2), 128);
        assert_eq!(unpremultiply(200, 100), 255);
    }
}
