//! PNG headers and Apple's CgBI ("crushed") PNGs.
//!
//! Xcode stores loose icons as CgBI: a `CgBI` chunk before `IHDR`, the image data as raw
//! deflate (no zlib header) possibly split over several `IDAT` chunks, pixels in BGRA order
//! with premultiplied alpha. [`to_standard_png`] turns one into an ordinary PNG (RGBA,
//! straight alpha); any other PNG passes through unchanged.

use std::borrow::Cow;
use std::io::Read;

use flate2::read::DeflateDecoder;
use thiserror::Error;

const SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";

#[derive(Debug, Error, PartialEq, Eq)]
pub enum PngError {
    #[error("not a PNG file")]
    NotPng,
    #[error("the PNG is cut short")]
    Truncated,
    #[error("the PNG is malformed: {0}")]
    Malformed(&'static str),
    #[error("the PNG is {0}x{1}; at most {2} pixels a side are accepted")]
    TooLarge(u32, u32, u32),
    #[error(
        "CgBI PNG with bit depth {0} and colour type {1} is not supported (only 8-bit RGB/RGBA)"
    )]
    Unsupported(u8, u8),
    #[error("CgBI PNG image data cannot be decompressed: {0}")]
    Deflate(String),
    #[error("the PNG cannot be encoded: {0}")]
    Encode(String),
}

/// What a PNG's first chunks say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PngHeader {
    pub width: u32,
    pub height: u32,
    pub bit_depth: u8,
    pub color_type: u8,
    pub interlaced: bool,
    /// An Apple `CgBI` chunk comes before `IHDR`.
    pub cgbi: bool,
}

struct Chunk<'a> {
    kind: [u8; 4],
    data: &'a [u8],
}

/// Iterates over chunks after the signature; stops at the first malformed one.
fn chunks(bytes: &[u8]) -> impl Iterator<Item = Result<Chunk<'_>, PngError>> {
    let mut rest = bytes.get(SIGNATURE.len()..).unwrap_or_default();
    let mut failed = false;
    std::iter::from_fn(move || {
        if failed || rest.is_empty() {
            return None;
        }
        let parsed = (|| {
            let len_bytes: [u8; 4] = rest.get(0..4)?.try_into().ok()?;
            let len = usize::try_from(u32::from_be_bytes(len_bytes)).ok()?;
            let kind: [u8; 4] = rest.get(4..8)?.try_into().ok()?;
            let end = 8usize.checked_add(len)?;
            let data = rest.get(8..end)?;
            // 4-byte CRC follows; CgBI writers do not always keep it right, so it is not checked.
            let next = rest.get(end.checked_add(4)?..)?;
            Some((Chunk { kind, data }, next))
        })();
        match parsed {
            Some((chunk, next)) => {
                rest = next;
                Some(Ok(chunk))
            }
            None => {
                failed = true;
                Some(Err(PngError::Truncated))
            }
        }
    })
}

/// Reads the header from the first bytes of a PNG (64 are enough, CgBI chunk included).
pub fn header(bytes: &[u8]) -> Result<PngHeader, PngError> {
    if !bytes.starts_with(SIGNATURE) {
        return Err(PngError::NotPng);
    }
    let mut cgbi = false;
    for chunk in chunks(bytes).take(2) {
        let chunk = chunk?;
        match &chunk.kind {
            b"CgBI" if !cgbi => cgbi = true,
            b"IHDR" => {
                let d = chunk.data;
                if d.len() != 13 {
                    return Err(PngError::Malformed("IHDR is not 13 bytes"));
                }
                let word = |i: usize| u32::from_be_bytes([d[i], d[i + 1], d[i + 2], d[i + 3]]);
                let (width, height) = (word(0), word(4));
                if width == 0 || height == 0 {
                    return Err(PngError::Malformed("zero width or height"));
                }
                return Ok(PngHeader {
                    width,
                    height,
                    bit_depth: d[8],
                    color_type: d[9],
                    interlaced: d[12] != 0,
                    cgbi,
                });
            }
            _ => return Err(PngError::Malformed("IHDR is not the first chunk")),
        }
    }
    Err(PngError::Truncated)
}

/// Returns a standard PNG: CgBI converted, anything else unchanged. Refuses images wider or
/// taller than `max_side`.
pub fn to_standard_png(bytes: &[u8], max_side: u32) -> Result<Cow<'_, [u8]>, PngError> {
    let h = header(bytes)?;
    if h.width > max_side || h.height > max_side {
        return Err(PngError::TooLarge(h.width, h.height, max_side));
    }
    if !h.cgbi {
        return Ok(Cow::Borrowed(bytes));
    }
    let channels = match (h.bit_depth, h.color_type) {
        (8, 6) => 4usize,
        (8, 2) => 3usize,
        (depth, colour) => return Err(PngError::Unsupported(depth, colour)),
    };
    let (width, height) = (h.width as usize, h.height as usize);
    let passes = if h.interlaced {
        adam7_passes(width, height)
    } else {
        vec![Pass::whole(width, height)]
    };
    let expected: usize = passes.iter().map(|p| p.filtered_len(channels)).sum();

    let mut idat = Vec::new();
    let mut colour = Vec::new();
    for chunk in chunks(bytes) {
        let chunk = chunk?;
        match &chunk.kind {
            b"IDAT" => idat.extend_from_slice(chunk.data),
            b"IEND" => break,
            b"sRGB" | b"gAMA" | b"cHRM" => colour.push(raw_chunk(&chunk.kind, chunk.data)),
            // Apple writes the profile as raw deflate too; a standard PNG needs zlib.
            b"iCCP" => colour.extend(standard_iccp(chunk.data)),
            _ => {}
        }
    }
    if idat.is_empty() {
        return Err(PngError::Malformed("no IDAT chunk"));
    }
    let mut filtered = Vec::with_capacity(expected);
    DeflateDecoder::new(idat.as_slice())
        .take(expected as u64)
        .read_to_end(&mut filtered)
        .map_err(|e| PngError::Deflate(e.to_string()))?;
    if filtered.len() < expected {
        return Err(PngError::Deflate(format!(
            "{} bytes of image data where {expected} are needed",
            filtered.len()
        )));
    }
    let mut pixels = if h.interlaced {
        deinterlace(&filtered, &passes, width, height, channels)?
    } else {
        unfilter(&filtered, width * channels, channels, height)?
    };
    for px in pixels.chunks_exact_mut(channels) {
        px.swap(0, 2);
        if channels == 4 {
            unpremultiply(px);
        }
    }
    let png = encode(&pixels, h.width, h.height, channels)?;
    Ok(Cow::Owned(match insert_after_ihdr(&png, &colour) {
        Some(with_colour) => with_colour,
        None => png,
    }))
}

/// One image of an interlaced PNG's seven (or the whole image): its first column and row in
/// the full image, the steps between its pixels, and its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pass {
    x0: usize,
    y0: usize,
    dx: usize,
    dy: usize,
    width: usize,
    height: usize,
}

impl Pass {
    fn whole(width: usize, height: usize) -> Pass {
        Pass {
            x0: 0,
            y0: 0,
            dx: 1,
            dy: 1,
            width,
            height,
        }
    }

    /// Bytes of filtered data: a filter byte and a row of samples per row (an empty pass
    /// has none, not even filter bytes).
    fn filtered_len(&self, channels: usize) -> usize {
        if self.width == 0 {
            0
        } else {
            (self.width * channels + 1) * self.height
        }
    }
}

/// The seven Adam7 passes of a `width` x `height` image (PNG spec section 8.2).
fn adam7_passes(width: usize, height: usize) -> Vec<Pass> {
    const STEPS: [(usize, usize, usize, usize); 7] = [
        (0, 0, 8, 8),
        (4, 0, 8, 8),
        (0, 4, 4, 8),
        (2, 0, 4, 4),
        (0, 2, 2, 4),
        (1, 0, 2, 2),
        (0, 1, 1, 2),
    ];
    STEPS
        .iter()
        .map(|&(x0, y0, dx, dy)| Pass {
            x0,
            y0,
            dx,
            dy,
            width: width.saturating_sub(x0).div_ceil(dx),
            height: height.saturating_sub(y0).div_ceil(dy),
        })
        .collect()
}

/// Unfilters each pass and puts its pixels in their places in the full image.
fn deinterlace(
    data: &[u8],
    passes: &[Pass],
    width: usize,
    height: usize,
    channels: usize,
) -> Result<Vec<u8>, PngError> {
    let mut out = vec![0u8; width * height * channels];
    let mut offset = 0;
    for pass in passes {
        let len = pass.filtered_len(channels);
        if len == 0 {
            continue;
        }
        let slice = data.get(offset..offset + len).ok_or(PngError::Truncated)?;
        offset += len;
        let stride = pass.width * channels;
        let pixels = unfilter(slice, stride, channels, pass.height)?;
        for (row, line) in pixels.chunks_exact(stride).enumerate() {
            let y = pass.y0 + row * pass.dy;
            for (col, px) in line.chunks_exact(channels).enumerate() {
                let x = pass.x0 + col * pass.dx;
                let at = (y * width + x) * channels;
                if let Some(dest) = out.get_mut(at..at + channels) {
                    dest.copy_from_slice(px);
                }
            }
        }
    }
    Ok(out)
}

/// A chunk as bytes: length, type, data, CRC.
fn raw_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 12);
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
    out
}

/// Largest ICC profile carried over (real ones: 0.5-4 KiB; Display P3 is 536 bytes).
const MAX_ICC_BYTES: u64 = 1 << 20;

/// A CgBI `iCCP` chunk rewritten with its profile zlib-compressed, as standard PNG wants
/// (Apple's tools compress it as raw deflate, like the image data). `None`: the profile
/// cannot be read, and is dropped rather than copied broken.
fn standard_iccp(data: &[u8]) -> Option<Vec<u8>> {
    let nul = data.iter().position(|&b| b == 0)?;
    let (name, rest) = (&data[..nul], data.get(nul + 2..)?);
    if name.is_empty() || name.len() > 79 || data.get(nul + 1) != Some(&0) {
        return None;
    }
    let mut profile = Vec::new();
    let zlib_ok = flate2::read::ZlibDecoder::new(rest)
        .take(MAX_ICC_BYTES)
        .read_to_end(&mut profile)
        .is_ok();
    if zlib_ok && !profile.is_empty() {
        return Some(raw_chunk(b"iCCP", data));
    }
    profile.clear();
    DeflateDecoder::new(rest)
        .take(MAX_ICC_BYTES)
        .read_to_end(&mut profile)
        .ok()?;
    if profile.is_empty() || profile.len() as u64 >= MAX_ICC_BYTES {
        return None;
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut z, &profile).ok()?;
    let mut out = data[..nul + 2].to_vec();
    out.extend(z.finish().ok()?);
    Some(raw_chunk(b"iCCP", &out))
}

/// The colour chunks of a standard PNG (`sRGB`, `iCCP`, `gAMA`, `cHRM`), as raw chunks, to
/// carry over to its resized copies.
pub(crate) fn colour_chunks(png: &[u8]) -> Vec<Vec<u8>> {
    if !png.starts_with(SIGNATURE) {
        return Vec::new();
    }
    chunks(png)
        .map_while(Result::ok)
        .take_while(|c| &c.kind != b"IDAT" && &c.kind != b"PLTE")
        .filter(|c| matches!(&c.kind, b"sRGB" | b"iCCP" | b"gAMA" | b"cHRM"))
        .map(|c| raw_chunk(&c.kind, c.data))
        .collect()
}

/// `png` (a standard PNG whose first chunk is `IHDR`) with `extra` raw chunks right after
/// `IHDR`, where colour chunks belong. `None` if `png` does not start that way.
pub(crate) fn insert_after_ihdr(png: &[u8], extra: &[Vec<u8>]) -> Option<Vec<u8>> {
    const IHDR_END: usize = 8 + 8 + 13 + 4;
    if png.len() < IHDR_END || !png.starts_with(SIGNATURE) || png.get(12..16)? != b"IHDR" {
        return None;
    }
    let mut out = Vec::with_capacity(png.len() + extra.iter().map(Vec::len).sum::<usize>());
    out.extend_from_slice(&png[..IHDR_END]);
    for chunk in extra {
        out.extend_from_slice(chunk);
    }
    out.extend_from_slice(&png[IHDR_END..]);
    Some(out)
}

/// Undoes PNG scanline filters (PNG spec section 9) for 8-bit samples.
fn unfilter(data: &[u8], stride: usize, bpp: usize, height: usize) -> Result<Vec<u8>, PngError> {
    let mut out = vec![0u8; stride * height];
    let mut prev = vec![0u8; stride];
    for row in 0..height {
        let start = row * (stride + 1);
        let filter = data[start];
        let line = &data[start + 1..start + 1 + stride];
        let cur = &mut out[row * stride..(row + 1) * stride];
        cur.copy_from_slice(line);
        match filter {
            0 => {}
            1 => {
                for i in bpp..stride {
                    cur[i] = cur[i].wrapping_add(cur[i - bpp]);
                }
            }
            2 => {
                for i in 0..stride {
                    cur[i] = cur[i].wrapping_add(prev[i]);
                }
            }
            3 => {
                for i in 0..stride {
                    let left = if i >= bpp { cur[i - bpp] } else { 0 };
                    let avg = ((u16::from(left) + u16::from(prev[i])) / 2) as u8;
                    cur[i] = cur[i].wrapping_add(avg);
                }
            }
            4 => {
                for i in 0..stride {
                    let (a, c) = if i >= bpp {
                        (cur[i - bpp], prev[i - bpp])
                    } else {
                        (0, 0)
                    };
                    cur[i] = cur[i].wrapping_add(paeth(a, prev[i], c));
                }
            }
            _ => return Err(PngError::Malformed("unknown scanline filter")),
        }
        prev.copy_from_slice(cur);
    }
    Ok(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// Premultiplied to straight alpha, rounding to nearest: c = round(c' * 255 / a).
fn unpremultiply(px: &mut [u8]) {
    let a = u32::from(px[3]);
    match a {
        0 => px[..3].fill(0),
        255 => {}
        _ => {
            for c in &mut px[..3] {
                *c = ((u32::from(*c) * 255 + a / 2) / a).min(255) as u8;
            }
        }
    }
}

fn encode(pixels: &[u8], width: u32, height: u32, channels: usize) -> Result<Vec<u8>, PngError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(if channels == 4 {
        png::ColorType::Rgba
    } else {
        png::ColorType::Rgb
    });
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder
        .write_header()
        .map_err(|e| PngError::Encode(e.to_string()))?;
    writer
        .write_image_data(pixels)
        .map_err(|e| PngError::Encode(e.to_string()))?;
    writer
        .finish()
        .map_err(|e| PngError::Encode(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Builds a chunk with a correct CRC.
    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend(kind);
        out.extend(data);
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend(crc.sum().to_be_bytes());
        out
    }

    fn ihdr(w: u32, h: u32, colour: u8) -> Vec<u8> {
        let mut d = w.to_be_bytes().to_vec();
        d.extend(h.to_be_bytes());
        d.extend([8, colour, 0, 0, 0]);
        chunk(b"IHDR", &d)
    }

    /// A CgBI PNG of the given BGRA (premultiplied) rows, filter 0, split over two IDATs.
    fn cgbi(w: u32, rows: &[Vec<u8>], colour: u8) -> Vec<u8> {
        let mut raw = Vec::new();
        for r in rows {
            raw.push(0);
            raw.extend(r);
        }
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut z, &raw).unwrap();
        let data = z.finish().unwrap();
        let (a, b) = data.split_at(data.len() / 2);
        let mut png = SIGNATURE.to_vec();
        png.extend(chunk(b"CgBI", &[0x50, 0, 0x20, 0x06]));
        png.extend(ihdr(w, rows.len() as u32, colour));
        png.extend(chunk(b"IDAT", a));
        png.extend(chunk(b"IDAT", b));
        png.extend(chunk(b"IEND", &[]));
        png
    }

    fn decode(bytes: &[u8]) -> (png::OutputInfo, Vec<u8>) {
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        (info, buf)
    }

    #[test]
    fn bgra_premultiplied_becomes_rgba_straight() {
        // Opaque blue (BGRA), half-transparent red premultiplied (128 of 255 -> 64), clear.
        let png = cgbi(3, &[vec![255, 0, 0, 255, 0, 0, 64, 128, 9, 9, 9, 0]], 6);
        let out = to_standard_png(&png, 4096).unwrap();
        let (info, px) = decode(&out);
        assert_eq!((info.width, info.height), (3, 1));
        assert_eq!(info.color_type, png::ColorType::Rgba);
        assert_eq!(px, vec![0, 0, 255, 255, 128, 0, 0, 128, 0, 0, 0, 0]);
    }

    #[test]
    fn bgr_colour_type_2_is_swapped() {
        let png = cgbi(2, &[vec![1, 2, 3, 4, 5, 6]], 2);
        let (info, px) = decode(&to_standard_png(&png, 4096).unwrap());
        assert_eq!(info.color_type, png::ColorType::Rgb);
        assert_eq!(px, vec![3, 2, 1, 6, 5, 4]);
    }

    #[test]
    fn plain_png_passes_through_unchanged() {
        let mut png = SIGNATURE.to_vec();
        png.extend(ihdr(1, 1, 6));
        png.extend(chunk(b"IEND", &[]));
        assert!(matches!(to_standard_png(&png, 4096), Ok(Cow::Borrowed(b)) if b == png));
    }

    #[test]
    fn unfilter_handles_every_filter_type() {
        // Row 0 "sub", row 1 "up", row 2 "average", row 3 "paeth"; 1 byte per pixel.
        let data = [1, 5, 1, 1, 2, 1, 1, 1, 3, 2, 2, 2, 4, 1, 1, 1];
        let out = unfilter(&data, 3, 1, 4).unwrap();
        assert_eq!(&out[0..3], &[5, 6, 7]);
        assert_eq!(&out[3..6], &[6, 7, 8]);
        // average: 2 + (0+6)/2 = 5; 2 + (5+7)/2 = 8; 2 + (8+8)/2 = 10
        assert_eq!(&out[6..9], &[5, 8, 10]);
        // paeth(a=0,b=5,c=0) -> b: 6; paeth(6,8,5) -> p=9: pa=3,pb=1,pc=4 -> b=8: 9;
        // paeth(9,10,8) -> p=11: pa=2,pb=1,pc=3 -> b=10: 11
        assert_eq!(&out[9..12], &[6, 9, 11]);
    }

    #[test]
    fn oversized_and_short_images_are_refused() {
        let png = cgbi(3, &[vec![0; 12]], 6);
        assert_eq!(to_standard_png(&png, 2), Err(PngError::TooLarge(3, 1, 2)));
        let mut short = SIGNATURE.to_vec();
        short.extend(chunk(b"CgBI", &[0; 4]));
        short.extend(ihdr(100, 100, 6));
        short.extend(chunk(b"IDAT", &[3, 0]));
        assert!(matches!(
            to_standard_png(&short, 4096),
            Err(PngError::Deflate(_))
        ));
        assert_eq!(header(b"GIF89a"), Err(PngError::NotPng));
    }

    /// An Adam7-interlaced CgBI PNG of opaque BGRA pixels (`px(x, y)`), filter 0 per row.
    fn interlaced_cgbi(w: u32, h: u32, px: impl Fn(usize, usize) -> [u8; 4]) -> Vec<u8> {
        let mut raw = Vec::new();
        for pass in adam7_passes(w as usize, h as usize) {
            if pass.width == 0 {
                continue;
            }
            for row in 0..pass.height {
                raw.push(0);
                for col in 0..pass.width {
                    raw.extend(px(pass.x0 + col * pass.dx, pass.y0 + row * pass.dy));
                }
            }
        }
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut z, &raw).unwrap();
        let mut d = w.to_be_bytes().to_vec();
        d.extend(h.to_be_bytes());
        d.extend([8, 6, 0, 0, 1]);
        let mut png = SIGNATURE.to_vec();
        png.extend(chunk(b"CgBI", &[0x50, 0, 0x20, 0x06]));
        png.extend(chunk(b"IHDR", &d));
        png.extend(chunk(b"IDAT", &z.finish().unwrap()));
        png.extend(chunk(b"IEND", &[]));
        png
    }

    #[test]
    fn adam7_interlaced_cgbi_decodes_every_pixel_in_place() {
        // Sizes that leave some passes empty (1x1, 2x3) and some partial (10x9).
        for (w, h) in [(1u32, 1u32), (2, 3), (10, 9), (17, 8)] {
            let bgra = |x: usize, y: usize| [x as u8, y as u8, (x * 7 + y * 13) as u8, 255];
            let png = interlaced_cgbi(w, h, bgra);
            let (info, px) = decode(&to_standard_png(&png, 4096).unwrap());
            assert_eq!((info.width, info.height), (w, h));
            let mut expected = Vec::new();
            for y in 0..h as usize {
                for x in 0..w as usize {
                    let [b, g, r, a] = bgra(x, y);
                    expected.extend([r, g, b, a]);
                }
            }
            assert_eq!(px, expected, "{w}x{h}");
        }
    }

    #[test]
    fn truncated_interlaced_data_is_an_error_not_a_panic() {
        let mut png = interlaced_cgbi(10, 9, |x, y| [x as u8, y as u8, 0, 255]);
        // Cut the IDAT short: rebuild with half of its data.
        let at = png.windows(4).position(|w| w == b"IDAT").unwrap() - 4;
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let data = png[at + 8..at + 8 + len / 2].to_vec();
        png.truncate(at);
        png.extend(chunk(b"IDAT", &data));
        png.extend(chunk(b"IEND", &[]));
        assert!(to_standard_png(&png, 4096).is_err());
    }

    #[test]
    fn colour_chunks_are_kept_and_the_cgbi_profile_becomes_zlib() {
        let profile: Vec<u8> = (0..600u32).map(|i| (i * 31 % 251) as u8).collect();
        // Apple's iCCP: name, method 0, raw deflate.
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut z, &profile).unwrap();
        let mut iccp = b"Display P3\0\0".to_vec();
        iccp.extend(z.finish().unwrap());
        let plain = cgbi(1, &[vec![1, 2, 3, 255]], 6);
        let ihdr_end = 8 + 12 + 4 + 12 + 13;
        let mut png = plain[..ihdr_end].to_vec();
        png.extend(chunk(b"iCCP", &iccp));
        png.extend(chunk(b"gAMA", &45455u32.to_be_bytes()));
        png.extend(&plain[ihdr_end..]);

        let out = to_standard_png(&png, 4096).unwrap();
        let reader = png::Decoder::new(std::io::Cursor::new(&out[..]))
            .read_info()
            .unwrap();
        let info = reader.info();
        assert_eq!(info.icc_profile.as_deref(), Some(&profile[..]));
        assert_eq!(
            info.gama_chunk.map(|g| g.into_scaled()),
            Some(45455),
            "gAMA kept"
        );
        // Carried over to a re-encoded copy.
        let copies = colour_chunks(&out);
        assert_eq!(copies.len(), 2);
        let again = insert_after_ihdr(&encode(&[1, 2, 3, 4], 1, 1, 4).unwrap(), &copies).unwrap();
        let reader = png::Decoder::new(std::io::Cursor::new(&again[..]))
            .read_info()
            .unwrap();
        assert_eq!(reader.info().icc_profile.as_deref(), Some(&profile[..]));
    }

    #[test]
    fn an_unreadable_profile_is_dropped_not_copied_broken() {
        assert_eq!(standard_iccp(b"name\0\0not deflate at all \xff\xff"), None);
        assert_eq!(standard_iccp(b"no terminator"), None);
        assert_eq!(standard_iccp(b"\0\0x"), None);
    }

    proptest! {
        #[test]
        fn unpremultiply_inverts_premultiply(r: u8, g: u8, b: u8, a in 1u8..=255) {
            let pre = |c: u8| ((u32::from(c) * u32::from(a) + 127) / 255) as u8;
            let mut px = [pre(r), pre(g), pre(b), a];
            unpremultiply(&mut px);
            // Premultiplying again gives back exactly what was stored.
            prop_assert_eq!([pre(px[0]), pre(px[1]), pre(px[2])], [pre(r), pre(g), pre(b)]);
        }

        #[test]
        fn arbitrary_bytes_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..300)) {
            let mut bytes = SIGNATURE.to_vec();
            bytes.extend(chunk(b"CgBI", &[0; 4]));
            bytes.extend(tail);
            let _ = to_standard_png(&bytes, 4096);
        }
    }
}
