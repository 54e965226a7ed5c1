//! One rendition value: the CSI header (`ISTC`), its TLV list, and its body. All
//! little-endian.
//!
//! Header (184 bytes): tag, version, flags, width, height, scale x100, pixel format,
//! colour space, modification time, layout (`u16`), padding, name (128 bytes, NUL-padded),
//! TLV length, two unknown `u32`, body length. Then `TLV length` bytes of
//! `(type: u32, length: u32, data)`, then the body.
//!
//! Bodies read here: `MLEC` bitmaps (tag, flags, compression, length, data; data may be
//! `KCBC` row chunks), and internal links (TLV 1010 starting `KLNI`: x, y, w, h of a frame in
//! a packed atlas, measured from the atlas bottom, then the atlas key as pairs).

use crate::bytes::{slice, u16_le, u32_le};
use crate::keyformat::read_pairs;
use std::fmt;

const HEADER_LEN: usize = 184;
/// TLV holding the row stride of a bitmap, in bytes.
const TLV_BYTES_PER_ROW: u32 = 1007;
/// TLV holding an internal link (`KLNI`).
const TLV_LINK: u32 = 1010;

/// Rendition layouts that matter here.
pub(crate) mod layout {
    pub const INTERNAL_LINK: u16 = 1003;
    pub const PACKED_IMAGE: u16 = 1004;
}

/// How a bitmap's pixels are compressed (the `MLEC` compression field).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Compression {
    /// Stored as is.
    None,
    /// CoreUI run-length encoding.
    Rle,
    /// A gzip (or zlib) stream; named "zip" by CoreUI.
    Zip,
    /// Raw LZVN, without the `bvxn` block header.
    Lzvn,
    /// LZFSE (`bvx2`/`bvxn`/`bvx-` blocks ending in `bvx$`).
    Lzfse,
    /// tvOS blurred radiosity image (not decoded).
    Blurred,
    /// deepmap with LZFSE (not decoded).
    DeepmapLzfse,
    /// deepmap2, `dmp2` (not decoded).
    Deepmap2,
    /// Any other value.
    Other(u32),
}

impl Compression {
    pub(crate) fn from_raw(v: u32) -> Self {
        match v {
            0 => Compression::None,
            1 => Compression::Rle,
            2 => Compression::Zip,
            3 => Compression::Lzvn,
            4 => Compression::Lzfse,
            6 => Compression::Blurred,
            10 => Compression::DeepmapLzfse,
            11 => Compression::Deepmap2,
            v => Compression::Other(v),
        }
    }
}

impl fmt::Display for Compression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Compression::None => f.write_str("none"),
            Compression::Rle => f.write_str("rle"),
            Compression::Zip => f.write_str("zip"),
            Compression::Lzvn => f.write_str("lzvn"),
            Compression::Lzfse => f.write_str("lzfse"),
            Compression::Blurred => f.write_str("blurred"),
            Compression::DeepmapLzfse => f.write_str("deepmap-lzfse"),
            Compression::Deepmap2 => f.write_str("deepmap2"),
            Compression::Other(v) => write!(f, "unknown ({v})"),
        }
    }
}

/// Pixel layouts this crate decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PixelFormat {
    /// `ARGB`: 4 bytes per pixel, B G R A in memory, premultiplied alpha.
    Argb,
    /// `GA8 `: 2 bytes per pixel, gray then alpha, premultiplied.
    Ga8,
}

impl PixelFormat {
    pub(crate) fn from_raw(v: u32) -> Option<Self> {
        match &v.to_be_bytes() {
            b"ARGB" => Some(PixelFormat::Argb),
            b"GA8 " => Some(PixelFormat::Ga8),
            _ => None,
        }
    }

    pub(crate) fn bytes_per_pixel(self) -> usize {
        match self {
            PixelFormat::Argb => 4,
            PixelFormat::Ga8 => 2,
        }
    }
}

/// A parsed CSI header with borrowed TLVs and body.
#[derive(Debug, Clone)]
pub(crate) struct Csi<'a> {
    pub width: u32,
    pub height: u32,
    /// Scale factor times 100 (100, 200, 300).
    pub scale_x100: u32,
    /// The raw pixel format tag (`ARGB`, `GA8 `, `DATA`, `JPEG` ...).
    pub pixel_format: u32,
    pub layout: u16,
    pub name: &'a [u8],
    tlvs: &'a [u8],
    pub body: &'a [u8],
}

/// An `MLEC` bitmap body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bitmap<'a> {
    pub compression: Compression,
    /// True when `data` is a sequence of `KCBC` row chunks.
    pub chunked: bool,
    pub data: &'a [u8],
}

/// An internal link into a packed atlas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Link {
    pub x: u32,
    /// Measured from the bottom of the atlas.
    pub y: u32,
    pub width: u32,
    pub height: u32,
    /// The atlas's key as `(attribute, value)` pairs.
    pub key: Vec<(u16, u16)>,
}

impl<'a> Csi<'a> {
    /// Parses a rendition value; `None` when it is not a CSI (empty values, other data).
    pub(crate) fn parse(value: &'a [u8]) -> Option<Self> {
        if value.get(..4)? != b"ISTC" || value.len() < HEADER_LEN {
            return None;
        }
        let name = slice(value, 40, 128)?;
        let name = &name[..name.iter().position(|&b| b == 0).unwrap_or(name.len())];
        let tlv_len = u32_le(value, 168)? as usize;
        let tlvs = slice(value, HEADER_LEN, tlv_len)?;
        Some(Csi {
            width: u32_le(value, 12)?,
            height: u32_le(value, 16)?,
            scale_x100: u32_le(value, 20)?,
            pixel_format: u32_le(value, 24)?,
            layout: u16_le(value, 36)?,
            name,
            tlvs,
            // Trust the data that is there, not the declared body length.
            body: value.get(HEADER_LEN + tlv_len..)?,
        })
    }

    /// The data of the first TLV of type `ty`.
    fn tlv(&self, ty: u32) -> Option<&'a [u8]> {
        let mut at = 0usize;
        // Each TLV advances by at least 8 bytes, so this ends.
        while let (Some(t), Some(len)) = (u32_le(self.tlvs, at), u32_le(self.tlvs, at + 4)) {
            let data = slice(self.tlvs, at + 8, len as usize)?;
            if t == ty {
                return Some(data);
            }
            at += 8 + len as usize;
        }
        None
    }

    /// The row stride the bitmap declares (TLV 1007), if any.
    pub(crate) fn bytes_per_row(&self) -> Option<u32> {
        self.tlv(TLV_BYTES_PER_ROW).and_then(|d| u32_le(d, 0))
    }

    /// The `MLEC` body, if this rendition has one.
    pub(crate) fn bitmap(&self) -> Option<Bitmap<'a>> {
        if self.body.get(..4)? != b"MLEC" {
            return None;
        }
        let compression = Compression::from_raw(u32_le(self.body, 8)?);
        let rest = self.body.get(16..)?;
        if rest.starts_with(b"KCBC") {
            return Some(Bitmap {
                compression,
                chunked: true,
                data: rest,
            });
        }
        let len = u32_le(self.body, 12)? as usize;
        Some(Bitmap {
            compression,
            chunked: false,
            data: rest.get(..len).unwrap_or(rest),
        })
    }

    /// The internal link (TLV 1010, `KLNI`), if any.
    pub(crate) fn link(&self) -> Option<Link> {
        let d = self.tlv(TLV_LINK)?;
        if d.get(..4)? != b"KLNI" {
            return None;
        }
        let key_len = u32_le(d, 26)? as usize;
        let key_bytes = slice(d, 30, key_len).unwrap_or_else(|| d.get(30..).unwrap_or_default());
        let key = read_pairs(key_bytes, 0, key_bytes.len() / 4)
            .into_iter()
            .filter(|&p| p != (0, 0))
            .collect();
        Some(Link {
            x: u32_le(d, 8)?,
            y: u32_le(d, 12)?,
            width: u32_le(d, 16)?,
            height: u32_le(d, 20)?,
            key,
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A CSI value with the given header fields, TLVs and body.
    pub(crate) fn build(
        w: u32,
        h: u32,
        format: &[u8; 4],
        layout: u16,
        tlvs: &[(u32, Vec<u8>)],
        body: &[u8],
    ) -> Vec<u8> {
        let mut v = b"ISTC".to_vec();
        for x in [1, 0, w, h, 200, u32::from_be_bytes(*format), 0, 0] {
            v.extend_from_slice(&x.to_le_bytes());
        }
        v.extend_from_slice(&layout.to_le_bytes());
        v.extend_from_slice(&[0, 0]);
        let mut name = b"icon.png".to_vec();
        name.resize(128, 0);
        v.extend_from_slice(&name);
        let mut t = Vec::new();
        for (ty, data) in tlvs {
            t.extend_from_slice(&ty.to_le_bytes());
            t.extend_from_slice(&(data.len() as u32).to_le_bytes());
            t.extend_from_slice(data);
        }
        for x in [t.len() as u32, 0, 0, body.len() as u32] {
            v.extend_from_slice(&x.to_le_bytes());
        }
        v.extend_from_slice(&t);
        v.extend_from_slice(body);
        v
    }

    pub(crate) fn mlec(compression: u32, data: &[u8]) -> Vec<u8> {
        let mut b = b"MLEC".to_vec();
        for x in [1, compression, data.len() as u32] {
            b.extend_from_slice(&x.to_le_bytes());
        }
        b.extend_from_slice(data);
        b
    }

    #[test]
    fn parses_a_bitmap_rendition() {
        let v = build(
            2,
            1,
            b"ARGB",
            12,
            &[(1007, 8u32.to_le_bytes().to_vec())],
            &mlec(0, &[9; 8]),
        );
        let csi = Csi::parse(&v).unwrap();
        assert_eq!(
            (csi.width, csi.height, csi.layout, csi.name),
            (2, 1, 12, &b"icon.png"[..])
        );
        assert_eq!(
            PixelFormat::from_raw(csi.pixel_format),
            Some(PixelFormat::Argb)
        );
        assert_eq!(csi.bytes_per_row(), Some(8));
        let bitmap = csi.bitmap().unwrap();
        assert_eq!(
            (bitmap.compression, bitmap.chunked, bitmap.data),
            (Compression::None, false, &[9u8; 8][..])
        );
        assert!(csi.link().is_none());
    }

    #[test]
    fn parses_an_atlas_link() {
        // As found in Haimanu__MobilApp__app.car (40x40 at 2,2 of the atlas with Dimension1 = 1).
        let klni = hex("4b4c4e4900000000020000000200000028000000280000000c0018000000010009000200b500080001000c0002000f00010000000000");
        let v = build(40, 40, b"GA8 ", 1003, &[(1010, klni)], &[]);
        let link = Csi::parse(&v).unwrap().link().unwrap();
        assert_eq!((link.x, link.y, link.width, link.height), (2, 2, 40, 40));
        assert_eq!(link.key, vec![(1, 9), (2, 181), (8, 1), (12, 2), (15, 1)]);
    }

    #[test]
    fn short_or_foreign_values_are_not_csi() {
        assert!(Csi::parse(b"").is_none());
        assert!(Csi::parse(b"ISTC").is_none());
        let mut v = build(1, 1, b"ARGB", 12, &[], &[]);
        v[168..172].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(Csi::parse(&v).is_none());
    }

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }
}
