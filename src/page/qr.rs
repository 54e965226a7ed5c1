//! The QR code of a page URL as inline SVG: one `<path>` of dark runs on a white square with
//! the 4-module quiet zone, so it scans in dark mode too and is valid in AMP.
//!
//! Encoding costs about half a millisecond, far more than rendering the rest of a page: the
//! HTTP layer encodes each release's URL once and keeps it in its cache, and hands it to the
//! page in [`super::ReleaseContext::qr_svg`].

use std::fmt::Write;

use qrcode::{Color, EcLevel, QrCode};

/// Modules of white border around the code (the QR specification's quiet zone).
const QUIET: usize = 4;
/// The SVG for `text`. `None` when the text is too long for a QR code (a URL never is: the
/// public URL and an id).
pub fn encode(text: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text, EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET;
    let mut path = String::with_capacity(width * width);
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row.get(x) != Some(&Color::Dark) {
                x += 1;
                continue;
            }
            let start = x;
            while row.get(x) == Some(&Color::Dark) {
                x += 1;
            }
            // A run of dark modules: a 1-high rectangle.
            let _ = write!(
                path,
                "M{} {}h{}v1h-{}z",
                start + QUIET,
                y + QUIET,
                x - start,
                x - start
            );
        }
    }
    Some(format!(
        "<svg class=\"qr\" viewBox=\"0 0 {size} {size}\" \
         shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR code of this page's link\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

/// The dark modules of an SVG made by [`encode`], read back from its path (the inverse of
/// `encode`, for tests and tools that rasterise the code): the side in modules, quiet zone
/// included, and one flag per module, row by row. `None` for any other SVG.
pub fn modules(svg: &str) -> Option<(usize, Vec<bool>)> {
    let size: usize = svg
        .split("viewBox=\"0 0 ")
        .nth(1)?
        .split(' ')
        .next()?
        .parse()
        .ok()?;
    let d = svg.split(" d=\"").nth(1)?.split('"').next()?;
    let mut grid = vec![false; size.checked_mul(size)?];
    for run in d.split('M').filter(|s| !s.is_empty()) {
        let (xy, rest) = run.split_once('h')?;
        let (x, y) = xy.split_once(' ')?;
        let (x, y): (usize, usize) = (x.parse().ok()?, y.parse().ok()?);
        let n: usize = rest.split('v').next()?.parse().ok()?;
        for i in x..x.checked_add(n)? {
            *grid.get_mut(y.checked_mul(size)?.checked_add(i)?)? = true;
        }
    }
    Some((size, grid))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_draws_exactly_the_dark_modules_inside_the_quiet_zone() {
        let url = "https://ota.example.com/r/01jd5x0000000000000000000a";
        let svg = encode(url).unwrap();
        let code = QrCode::with_error_correction_level(url, EcLevel::M).unwrap();
        let w = code.width();
        let (size, grid) = modules(&svg).unwrap();
        assert_eq!(size, w + 8);
        let colors = code.to_colors();
        for y in 0..size {
            for x in 0..size {
                let inside = (QUIET..QUIET + w).contains(&x) && (QUIET..QUIET + w).contains(&y);
                let want = inside && colors[(y - QUIET) * w + (x - QUIET)] == Color::Dark;
                assert_eq!(grid[y * size + x], want, "module {x},{y}");
            }
        }
    }

    #[test]
    fn text_too_long_for_a_qr_code_gives_none() {
        assert!(encode(&"x".repeat(8000)).is_none());
    }
}
