//! Test helpers: fixture paths, ground-truth PNG decoding (including Xcode's CgBI PNGs), and
//! pixel comparisons.
#![allow(dead_code)]

use std::io::{Read, Write};

/// `/work/shared/fixtures/assets-car/` seen from `crates/car` of any checkout next to
/// `shared/`.
pub const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/fixtures/assets-car/"
);

pub fn read(name: &str) -> Vec<u8> {
    let path = format!("{FIXTURES}{name}");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// All `.car` fixtures, by file name.
pub fn car_fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(FIXTURES)
        .expect("fixtures directory")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".car"))
        .collect();
    names.sort();
    names
}

/// A decoded ground-truth image, RGBA8 premultiplied.
pub struct Truth {
    pub width: u32,
    pub height: u32,
    pub premultiplied: Vec<u8>,
}

/// Decodes a PNG, plain or CgBI, into premultiplied RGBA.
pub fn decode_png(bytes: &[u8]) -> Truth {
    let (bytes, cgbi) = match cgbi_to_png(bytes) {
        Some(converted) => (converted, true),
        None => (bytes.to_vec(), false),
    };
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    // Haimanu's loose PNGs have IDAT chunks with wrong CRCs (iOS does not check them).
    decoder.ignore_checksums(true);
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("png data");
    buf.truncate(info.buffer_size());
    let rgba: Vec<u8> = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::Rgb => buf
            .chunks(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        png::ColorType::GrayscaleAlpha => buf
            .chunks(2)
            .flat_map(|p| [p[0], p[0], p[0], p[1]])
            .collect(),
        png::ColorType::Grayscale => buf.iter().flat_map(|&g| [g, g, g, 255]).collect(),
        other => panic!("unexpected colour type {other:?}"),
    };
    let premultiplied = if cgbi {
        // CgBI pixels are already premultiplied, in BGRA order.
        rgba.chunks(4)
            .flat_map(|p| [p[2], p[1], p[0], p[3]])
            .collect()
    } else {
        premultiply(&rgba)
    };
    Truth {
        width: info.width,
        height: info.height,
        premultiplied,
    }
}

pub fn premultiply(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks(4)
        .flat_map(|p| {
            let a = u32::from(p[3]);
            let m = |c: u8| ((u32::from(c) * a + 127) / 255) as u8;
            [m(p[0]), m(p[1]), m(p[2]), p[3]]
        })
        .collect()
}

/// Largest per-channel difference between two premultiplied images of the same size.
pub fn max_diff(a: &[u8], b: &[u8]) -> u8 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .map(|(x, y)| x.abs_diff(*y))
        .max()
        .unwrap_or(0)
}

/// Mean absolute per-channel difference.
pub fn mean_diff(a: &[u8], b: &[u8]) -> f64 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .map(|(x, y)| f64::from(x.abs_diff(*y)))
        .sum::<f64>()
        / a.len() as f64
}

/// Box-downscales premultiplied RGBA by an integer factor.
pub fn downscale(rgba: &[u8], width: u32, factor: u32) -> Vec<u8> {
    let (w, f) = (width as usize, factor as usize);
    let out_w = w / f;
    let out_h = rgba.len() / 4 / w / f;
    let mut out = Vec::with_capacity(out_w * out_h * 4);
    for oy in 0..out_h {
        for ox in 0..out_w {
            for c in 0..4 {
                let mut sum = 0usize;
                for y in 0..f {
                    for x in 0..f {
                        sum += rgba[((oy * f + y) * w + ox * f + x) * 4 + c] as usize;
                    }
                }
                out.push((sum / (f * f)) as u8);
            }
        }
    }
    out
}

/// The PNG entries of an `.icns` file, by type (`ic10` ...).
pub fn icns_pngs(bytes: &[u8]) -> Vec<([u8; 4], Vec<u8>)> {
    let mut out = Vec::new();
    let mut at = 8;
    while at + 8 <= bytes.len() {
        let ty: [u8; 4] = bytes[at..at + 4].try_into().unwrap();
        let len = u32::from_be_bytes(bytes[at + 4..at + 8].try_into().unwrap()) as usize;
        let data = &bytes[at + 8..at + len];
        if data.starts_with(b"\x89PNG") {
            out.push((ty, data.to_vec()));
        }
        at += len;
    }
    out
}

/// Rewrites an Xcode CgBI PNG as a standard one (zlib-wrapped IDAT, no CgBI chunk); the
/// pixels stay BGRA premultiplied. `None` for a PNG without CgBI.
fn cgbi_to_png(bytes: &[u8]) -> Option<Vec<u8>> {
    let chunks = chunks(bytes);
    if !chunks.iter().any(|(ty, _)| ty == b"CgBI") {
        return None;
    }
    let idat: Vec<u8> = chunks
        .iter()
        .filter(|(ty, _)| ty == b"IDAT")
        .flat_map(|(_, d)| d.iter().copied())
        .collect();
    let mut raw = Vec::new();
    flate2::read::DeflateDecoder::new(&idat[..])
        .read_to_end(&mut raw)
        .expect("CgBI deflate");
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    z.write_all(&raw).unwrap();
    let zlib = z.finish().unwrap();
    let mut out = bytes[..8].to_vec();
    let mut wrote_idat = false;
    for (ty, data) in &chunks {
        match ty {
            b"CgBI" => {}
            b"IDAT" if wrote_idat => {}
            b"IDAT" => {
                push_chunk(&mut out, b"IDAT", &zlib);
                wrote_idat = true;
            }
            _ => push_chunk(&mut out, ty, data),
        }
    }
    Some(out)
}

fn chunks(bytes: &[u8]) -> Vec<([u8; 4], Vec<u8>)> {
    let mut out = Vec::new();
    let mut at = 8;
    while at + 12 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        let ty: [u8; 4] = bytes[at + 4..at + 8].try_into().unwrap();
        out.push((ty, bytes[at + 8..at + 8 + len].to_vec()));
        at += 12 + len;
    }
    out
}

fn push_chunk(out: &mut Vec<u8>, ty: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(ty);
    out.extend_from_slice(data);
    let mut crc = flate2::Crc::new();
    crc.update(ty);
    crc.update(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
}
