//! Turns an `MLEC` body into raw rows. Every decoder writes into a buffer whose final size is
//! known from the header (stride x height), and is read through `Read::take` so that a
//! forged stream can never produce more than that: memory is bounded by the image, not by
//! any length field in the file.
//!
//! `KCBC` chunks (Xcode 7.3+): tag, two unknown `u32`, row count, byte length, then that many
//! compressed bytes; each chunk is an independent stream of `rows x stride` bytes.
//!
//! CoreUI RLE (compression 1, as found in the fixtures): `u32` bytes per pixel, width,
//! height, then one `u32` offset per row (from the start of the data; rows may share one),
//! and per row a run list: a `u32` count with the top bit set is followed by one pixel
//! repeated `count` times, without it by `count` literal pixels.

use crate::bytes::{slice, u32_le};
use crate::csi::{Bitmap, Compression};
use crate::error::CarError;
use flate2::read::{GzDecoder, ZlibDecoder};
use lzfse_rust::LzfseRingDecoder;
use std::io::Read;

const CHUNK_HEADER_LEN: usize = 20;

/// Decompresses `bitmap` to exactly `expected` bytes: rows of `stride` bytes holding pixels
/// of `bpp` bytes.
pub(crate) fn decompress(
    bitmap: &Bitmap<'_>,
    bpp: usize,
    stride: usize,
    expected: usize,
) -> Result<Vec<u8>, CarError> {
    if bitmap.compression == Compression::Rle && !bitmap.chunked {
        return rle(bitmap.data, bpp, stride, expected);
    }
    let mut decoder = Decoder {
        compression: bitmap.compression,
        lzfse: None,
    };
    let mut out = Vec::new();
    out.try_reserve_exact(expected)
        .map_err(|_| CarError::corrupt("not enough memory for the image"))?;
    if !bitmap.chunked {
        decoder.append(bitmap.data, expected, &mut out)?;
    } else {
        let data = bitmap.data;
        let mut at = 0;
        while out.len() < expected {
            let (Some(b"KCBC"), Some(rows), Some(len)) = (
                slice(data, at, 4),
                u32_le(data, at + 12),
                u32_le(data, at + 16),
            ) else {
                return Err(decoder.error("the row chunks end before the image does"));
            };
            let chunk = slice(data, at + CHUNK_HEADER_LEN, len as usize)
                .ok_or_else(|| decoder.error("a row chunk runs past the end of the data"))?;
            let chunk_bytes = (rows as usize)
                .checked_mul(stride)
                .filter(|&n| n > 0 && n <= expected - out.len())
                .ok_or_else(|| decoder.error("a row chunk holds more rows than the image"))?;
            decoder.append(chunk, chunk_bytes, &mut out)?;
            at += CHUNK_HEADER_LEN + len as usize;
        }
    }
    if out.len() != expected {
        return Err(decoder.error(format!(
            "got {} bytes, the header says {expected}",
            out.len()
        )));
    }
    Ok(out)
}

/// Decodes CoreUI RLE (see the module notes) into `expected` bytes of `stride`-byte rows.
fn rle(data: &[u8], bpp: usize, stride: usize, expected: usize) -> Result<Vec<u8>, CarError> {
    let error = |detail: &str| CarError::Decompress {
        compression: Compression::Rle,
        detail: detail.to_owned(),
    };
    let (Some(header_bpp), Some(width), Some(height)) =
        (u32_le(data, 0), u32_le(data, 4), u32_le(data, 8))
    else {
        return Err(error("the header is truncated"));
    };
    let (width, height) = (width as usize, height as usize);
    if header_bpp as usize != bpp
        || width * bpp > stride
        || height.checked_mul(stride) != Some(expected)
    {
        return Err(error("the header does not match the image"));
    }
    let mut out = vec![0u8; expected];
    for (row, dst) in out.chunks_exact_mut(stride).enumerate() {
        let mut at =
            u32_le(data, 12 + 4 * row).ok_or_else(|| error("the row table is truncated"))? as usize;
        let mut filled = 0;
        // Each step fills at least one pixel or fails, so a row takes at most `width` steps.
        while filled < width {
            let word = u32_le(data, at).ok_or_else(|| error("a row ends early"))?;
            let count = (word & 0x7fff_ffff) as usize;
            if count == 0 || count > width - filled {
                return Err(error("a run does not fit its row"));
            }
            let span = filled * bpp..(filled + count) * bpp;
            if word & 0x8000_0000 != 0 {
                let pixel = slice(data, at + 4, bpp).ok_or_else(|| error("a run ends early"))?;
                for d in dst[span].chunks_exact_mut(bpp) {
                    d.copy_from_slice(pixel);
                }
                at += 4 + bpp;
            } else {
                let pixels =
                    slice(data, at + 4, count * bpp).ok_or_else(|| error("a run ends early"))?;
                dst[span].copy_from_slice(pixels);
                at += 4 + count * bpp;
            }
            filled += count;
        }
    }
    Ok(out)
}

struct Decoder {
    compression: Compression,
    /// Reused across chunks: it owns ~640 KiB of ring buffers.
    lzfse: Option<Box<LzfseRingDecoder>>,
}

impl Decoder {
    fn error(&self, detail: impl Into<String>) -> CarError {
        CarError::Decompress {
            compression: self.compression,
            detail: detail.into(),
        }
    }

    /// Appends exactly `len` decompressed bytes of `src` to `out`.
    fn append(&mut self, src: &[u8], len: usize, out: &mut Vec<u8>) -> Result<(), CarError> {
        let start = out.len();
        // One byte more than allowed, to tell "too long" from "exact".
        let cap = len as u64 + 1;
        let result = match self.compression {
            Compression::None => {
                out.extend_from_slice(src.get(..len).unwrap_or(src));
                Ok(0)
            }
            Compression::Zip if src.starts_with(&[0x1f, 0x8b]) => {
                GzDecoder::new(src).take(cap).read_to_end(out)
            }
            Compression::Zip => ZlibDecoder::new(src).take(cap).read_to_end(out),
            Compression::Lzfse => self.lzfse().reader_bytes(src).take(cap).read_to_end(out),
            Compression::Lzvn => {
                // Raw LZVN: give it the `bvxn` block header and end-of-stream marker that
                // LZFSE framing expects.
                let (Ok(raw), Ok(payload)) = (u32::try_from(len), u32::try_from(src.len())) else {
                    return Err(self.error("chunk too large"));
                };
                let mut framed = Vec::with_capacity(src.len() + 16);
                framed.extend_from_slice(b"bvxn");
                framed.extend_from_slice(&raw.to_le_bytes());
                framed.extend_from_slice(&payload.to_le_bytes());
                framed.extend_from_slice(src);
                framed.extend_from_slice(b"bvx$");
                self.lzfse()
                    .reader_bytes(&framed)
                    .take(cap)
                    .read_to_end(out)
            }
            other => return Err(CarError::UnsupportedCompression(other)),
        };
        result.map_err(|e| self.error(e.to_string()))?;
        let got = out.len() - start;
        if got != len {
            return Err(self.error(format!("a stream gave {got} bytes instead of {len}")));
        }
        Ok(())
    }

    fn lzfse(&mut self) -> &mut LzfseRingDecoder {
        self.lzfse.get_or_insert_with(Box::default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn bitmap(compression: Compression, chunked: bool, data: &[u8]) -> Bitmap<'_> {
        Bitmap {
            compression,
            chunked,
            data,
        }
    }

    fn chunk(rows: u32, data: &[u8]) -> Vec<u8> {
        let mut c = b"KCBC".to_vec();
        for x in [0, 0, rows, data.len() as u32] {
            c.extend_from_slice(&x.to_le_bytes());
        }
        c.extend_from_slice(data);
        c
    }

    #[test]
    fn gzip_and_lzfse_round_trip() {
        let raw: Vec<u8> = (0..64u8).collect();
        let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&raw).unwrap();
        let gz = gz.finish().unwrap();
        assert_eq!(
            decompress(&bitmap(Compression::Zip, false, &gz), 4, 8, 64).unwrap(),
            raw
        );

        let mut lz = Vec::new();
        lzfse_rust::encode_bytes(&raw, &mut lz).unwrap();
        assert_eq!(
            decompress(&bitmap(Compression::Lzfse, false, &lz), 4, 8, 64).unwrap(),
            raw
        );
    }

    #[test]
    fn chunks_are_concatenated() {
        let mut data = chunk(1, &[1; 4]);
        data.extend(chunk(2, &[2; 8]));
        let out = decompress(&bitmap(Compression::None, true, &data), 4, 4, 12).unwrap();
        assert_eq!(out, [1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2]);
        // Missing chunk, and a chunk with more rows than the image.
        assert!(decompress(&bitmap(Compression::None, true, &data), 4, 4, 16).is_err());
        assert!(decompress(
            &bitmap(Compression::None, true, &chunk(9, &[0; 36])),
            4,
            4,
            8
        )
        .is_err());
    }

    #[test]
    fn raw_lzvn_is_framed() {
        // LZVN: literal "abcd" (opcode 0xe4 = 4 small literals) then end of stream (0x06 + 7 pad).
        let vn = [0xe4, b'a', b'b', b'c', b'd', 0x06, 0, 0, 0, 0, 0, 0, 0];
        assert_eq!(
            decompress(&bitmap(Compression::Lzvn, false, &vn), 4, 4, 4).unwrap(),
            b"abcd"
        );
    }

    #[test]
    fn a_stream_longer_than_the_header_says_is_refused() {
        let raw = vec![0u8; 1 << 20];
        let mut lz = Vec::new();
        lzfse_rust::encode_bytes(&raw, &mut lz).unwrap();
        let err = decompress(&bitmap(Compression::Lzfse, false, &lz), 4, 4, 16).unwrap_err();
        assert!(matches!(err, CarError::Decompress { .. }), "{err}");
        assert!(matches!(
            decompress(&bitmap(Compression::Deepmap2, false, &[0; 4]), 4, 4, 4),
            Err(CarError::UnsupportedCompression(Compression::Deepmap2))
        ));
    }

    #[test]
    fn rle_runs_and_literals_with_shared_rows() {
        // 3x2 GA8 (bpp 2), stride 8; both rows share one run list: 2 x (1, 2) then literal (3, 4).
        let mut d = Vec::new();
        for v in [2u32, 3, 2, 20, 20] {
            d.extend_from_slice(&v.to_le_bytes());
        }
        d.extend_from_slice(&0x8000_0002u32.to_le_bytes());
        d.extend_from_slice(&[1, 2]);
        d.extend_from_slice(&1u32.to_le_bytes());
        d.extend_from_slice(&[3, 4]);
        let out = decompress(&bitmap(Compression::Rle, false, &d), 2, 8, 16).unwrap();
        assert_eq!(out, [1, 2, 1, 2, 3, 4, 0, 0, 1, 2, 1, 2, 3, 4, 0, 0]);
        // A run longer than the row, a zero run, a truncated table.
        let mut long = d.clone();
        long[20..24].copy_from_slice(&0x8000_0009u32.to_le_bytes());
        assert!(decompress(&bitmap(Compression::Rle, false, &long), 2, 8, 16).is_err());
        let mut zero = d.clone();
        zero[20..24].copy_from_slice(&0u32.to_le_bytes());
        assert!(decompress(&bitmap(Compression::Rle, false, &zero), 2, 8, 16).is_err());
        assert!(decompress(&bitmap(Compression::Rle, false, &d[..14]), 2, 8, 16).is_err());
    }
}
