//! Bounds on everything an IPA can make us read, decompress, parse or decode.
//!
//! Each limit is far above what real builds need (noted beside it) and far below what would
//! hurt the server: a hostile upload is refused quickly with a message naming the limit.

/// The bounds used by [`inspect_with`](super::inspect_with) and the parsers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Most entries in the zip's central directory. The shared fixture IPAs hold 12 to 34;
    /// large apps with many localisations and frameworks hold thousands. 50,000 leaves room
    /// for those and bounds the directory the zip reader builds (BENCHMARKS.md has the peak).
    pub max_entries: usize,
    /// Largest `Info.plist` (real ones: 1-100 KiB).
    pub max_plist_bytes: u64,
    /// Deepest nesting of arrays and dictionaries in a property list (real ones: under 10).
    pub max_plist_depth: usize,
    /// Most values (events) in one property list, which also stops binary plists whose
    /// objects refer to one another many times over (real ones: a few thousand).
    pub max_plist_items: usize,
    /// Most bytes of strings and data in one property list once references are expanded.
    pub max_plist_value_bytes: u64,
    /// Largest `embedded.mobileprovision` (real ones: 5-60 KiB).
    pub max_profile_bytes: u64,
    /// Largest icon file (real ones: under 1 MiB).
    pub max_icon_bytes: u64,
    /// Most candidate icon files whose headers are read to find the largest.
    pub max_icon_candidates: usize,
    /// Largest `Assets.car` read to find the icon; it is read whole into memory (real ones:
    /// a few hundred KiB to tens of MiB; a larger one is skipped with a warning).
    pub max_car_bytes: u64,
    /// Widest or tallest loose PNG decoded: app icons are 1024 at most (the App Store icon); an
    /// icon this size decodes into at most 8 MiB (16-bit RGBA). Asset-catalog icons (up to
    /// 2048, Icon Composer) are decoded under the catalog reader's own limit.
    pub max_png_side: u32,
    /// Largest decompression ratio accepted for an entry above [`Self::ratio_floor`]: deflate
    /// reaches about 1032:1 only on degenerate input; real plists and PNGs stay under 20:1.
    pub max_ratio: u64,
    /// Entries smaller than this are not checked for ratio.
    pub ratio_floor: u64,
    /// Longest app title kept, in characters; a longer one is cut with a warning (the home
    /// screen shows about a dozen, the install alert a few dozen).
    pub max_title_chars: usize,
    /// Longest bundle id, version, build or minimum OS accepted, in bytes (Apple allows 155
    /// for a bundle id; versions are a few dozen at most).
    pub max_field_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entries: 50_000,
            max_plist_bytes: 8 * 1024 * 1024,
            max_plist_depth: 64,
            max_plist_items: 500_000,
            max_plist_value_bytes: 64 * 1024 * 1024,
            max_profile_bytes: 4 * 1024 * 1024,
            max_icon_bytes: 16 * 1024 * 1024,
            max_icon_candidates: 64,
            max_car_bytes: 64 * 1024 * 1024,
            max_png_side: 1024,
            max_ratio: 200,
            ratio_floor: 1024 * 1024,
            max_title_chars: 256,
            max_field_bytes: 255,
        }
    }
}
