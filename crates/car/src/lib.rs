//! A pure-Rust reader for Apple asset catalogs (`Assets.car`), made to find and decode the
//! app icon of an iOS, tvOS or macOS bundle.
//!
//! # Layout
//!
//! - `bytes`: bounds-checked integer reads; the only way other modules touch raw bytes.
//! - `bom`: the BOMStore container: block index, named variables, B+tree leaf walk.
//! - `keyformat`: the catalog's `KEYFORMAT` and the rendition / facet keys it decodes.
//! - `csi`: one rendition: CSI header, TLVs, `MLEC` bitmap body, `KLNI` atlas link.
//! - `decompress`: none / rle / zip (gzip, zlib) / lzvn / lzfse, `KCBC` row chunks,
//!   size-capped.
//! - `pixels`: premultiplied BGRA or gray+alpha rows to straight RGBA8, atlas crops.
//! - `catalog`: [`Catalog`]: icon sets, candidate renditions, picking and decoding the best.
//! - `error`: [`CarError`].
//!
//! # Use
//!
//! ```no_run
//! # fn main() -> Result<(), otadrop_car::CarError> {
//! let bytes = std::fs::read("Payload/App.app/Assets.car").unwrap();
//! let catalog = otadrop_car::Catalog::open(&bytes)?;
//! // The set name is the Info.plist's CFBundleIconName, when there is one.
//! if let Some(icon) = catalog.best_icon(Some("AppIcon"), otadrop_car::Appearance::Light)? {
//!     assert_eq!(icon.rgba.len(), (icon.width * icon.height * 4) as usize);
//! }
//! # Ok(()) }
//! ```
//!
//! # Limits
//!
//! The file is untrusted. Input is at most [`MAX_CAR_BYTES`]; a tree yields at most 262,144
//! entries (`bom::MAX_TREE_ENTRIES`) and a cycle of tree leaves is an error; icons are at most
//! [`MAX_ICON_SIDE`] px per side and packed atlases [`MAX_ATLAS_SIDE`]; every decompressor
//! stops at the size the header declares. Nothing panics on bad input: every failure is a
//! [`CarError`].

mod bom;
mod bytes;
mod catalog;
mod csi;
mod decompress;
mod error;
mod keyformat;
mod pixels;

pub use catalog::Catalog;
pub use csi::{Compression, PixelFormat};
pub use error::CarError;

/// Largest `Assets.car` accepted by [`Catalog::open`]. Callers read the zip entry into
/// memory under this cap (check the entry's declared size first, then read with a
/// `take(MAX_CAR_BYTES + 1)`).
pub const MAX_CAR_BYTES: usize = 128 * 1024 * 1024;

/// Largest icon side decoded, in pixels. App icons are at most 1024 px; Icon Composer
/// catalogs for macOS carry 2048 px renditions.
pub const MAX_ICON_SIDE: u32 = 2048;

/// Largest packed atlas side decoded, in pixels (an atlas holds several small icons).
/// At 4 bytes per pixel this bounds one atlas to 64 MiB.
pub const MAX_ATLAS_SIDE: u32 = 4096;

/// Which look of the icon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Appearance {
    /// The default look (`UIAppearanceAny`, `NSAppearanceNameSystem`, or no appearance).
    Light,
    /// Dark mode (`UIAppearanceDark`, `NSAppearanceNameDarkAqua`).
    Dark,
    /// The tinted, grayscale look of Xcode 26 Icon Composer icons (`ISAppearanceTintable`).
    Tinted,
}

/// A decoded icon.
#[derive(Clone, PartialEq, Eq)]
pub struct Icon {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height` pixels, RGBA8, straight (not premultiplied) alpha, top row first.
    pub rgba: Vec<u8>,
    /// The icon set (facet) it came from.
    pub set_name: String,
    /// The appearance actually found (may be `Light` when another was asked for).
    pub appearance: Appearance,
}

impl std::fmt::Debug for Icon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Icon")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("set_name", &self.set_name)
            .field("appearance", &self.appearance)
            .finish_non_exhaustive()
    }
}

/// One rendition of an icon set, as listed by [`Catalog::icon_renditions`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IconRendition {
    /// The icon set (facet) name.
    pub set_name: String,
    /// The file name actool recorded (`Icon-App-60x60@3x.png`).
    pub name: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Scale factor (1, 2, 3).
    pub scale: u32,
    /// CoreUI idiom: 0 universal, 1 phone, 2 pad, 3 tv, 4 car, 5 watch, 6 marketing,
    /// 7 mac.
    pub idiom: u16,
    /// Light, dark or tinted.
    pub appearance: Appearance,
    /// Compression of the pixels (of the atlas, for an atlas reference); `None` if the
    /// data could not be read.
    pub compression: Option<Compression>,
    /// Pixel format; `None` for one this crate does not decode.
    pub pixel_format: Option<PixelFormat>,
    /// True when the pixels are a frame of a packed atlas.
    pub in_atlas: bool,
    /// Position in the catalog's rendition list.
    pub(crate) index: usize,
}
