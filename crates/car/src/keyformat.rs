//! Rendition keys. Each catalog declares its own key layout in the `KEYFORMAT` block
//! (`tmfk`, version, count, then `count` little-endian `u32` attribute ids); a rendition key in
//! the `RENDITIONS` tree is then `count` `u16` values in that order. Facets (`FACETKEYS`) and
//! atlas links (`KLNI`) instead carry `(attribute, value)` pairs.

use crate::bytes::{u16_le, u32_le};
use crate::error::CarError;

/// Attribute ids of the CoreUI theme key (the ones this crate reads).
pub(crate) mod attr {
    pub const PART: u16 = 2;
    pub const APPEARANCE: u16 = 7;
    pub const IDIOM: u16 = 15;
    pub const IDENTIFIER: u16 = 17;
    pub const DISPLAY_GAMUT: u16 = 24;
}

/// Part value of the flattened composite of a tvOS layer stack.
pub(crate) const PART_FLATTENED_IMAGE: u16 = 208;
/// Part value of the blurred "radiosity" image of a tvOS layer stack.
pub(crate) const PART_RADIOSITY_IMAGE: u16 = 209;
/// Part value of an app icon image.
pub(crate) const PART_APP_ICON: u16 = 220;
/// Part value of an Xcode 26 Icon Composer icon (`*.iconstack`).
pub(crate) const PART_ICON_STACK: u16 = 245;

/// More attributes than any catalog uses (the fixtures have 5 to 18).
const MAX_KEY_ATTRIBUTES: u32 = 64;

/// The attribute order of this catalog's rendition keys.
#[derive(Debug, Clone)]
pub(crate) struct KeyFormat {
    attributes: Vec<u16>,
}

impl KeyFormat {
    pub(crate) fn parse(block: &[u8]) -> Result<Self, CarError> {
        if block.get(..4) != Some(b"tmfk") {
            return Err(CarError::corrupt(
                "KEYFORMAT block does not start with tmfk",
            ));
        }
        let count =
            u32_le(block, 8).ok_or_else(|| CarError::corrupt("KEYFORMAT block is truncated"))?;
        if count > MAX_KEY_ATTRIBUTES {
            return Err(CarError::corrupt(format!(
                "KEYFORMAT declares {count} attributes"
            )));
        }
        let attributes = (0..count as usize)
            .map(|i| u32_le(block, 12 + 4 * i).and_then(|a| u16::try_from(a).ok()))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| CarError::corrupt("KEYFORMAT attribute list is truncated or invalid"))?;
        Ok(KeyFormat { attributes })
    }

    pub(crate) fn has(&self, attribute: u16) -> bool {
        self.attributes.contains(&attribute)
    }

    /// One attribute of a raw `RENDITIONS` key; 0 when the format lacks it or the key is
    /// short.
    pub(crate) fn value(&self, raw: &[u8], attribute: u16) -> u16 {
        self.attributes
            .iter()
            .position(|&a| a == attribute)
            .and_then(|i| u16_le(raw, 2 * i))
            .unwrap_or(0)
    }

    /// All values of a raw key, in format order (missing ones 0): comparable with
    /// [`key_from_pairs`](Self::key_from_pairs).
    pub(crate) fn values(&self, raw: &[u8]) -> Vec<u16> {
        (0..self.attributes.len())
            .map(|i| u16_le(raw, 2 * i).unwrap_or(0))
            .collect()
    }

    /// The key values a list of `(attribute, value)` pairs names: absent attributes are 0,
    /// attributes the format lacks are dropped.
    pub(crate) fn key_from_pairs(&self, pairs: &[(u16, u16)]) -> Vec<u16> {
        self.attributes
            .iter()
            .map(|&a| pairs.iter().find(|p| p.0 == a).map_or(0, |p| p.1))
            .collect()
    }
}

/// The `(attribute, value)` pairs of a `FACETKEYS` value: hot spot x, y (`u16` each),
/// pair count (`u16`), then the pairs.
pub(crate) fn facet_pairs(value: &[u8]) -> Vec<(u16, u16)> {
    let count = u16_le(value, 4).unwrap_or(0) as usize;
    read_pairs(value, 6, count)
}

/// Up to `count` little-endian `(u16, u16)` pairs from `at`, stopping at the end of `d`.
pub(crate) fn read_pairs(d: &[u8], at: usize, count: usize) -> Vec<(u16, u16)> {
    (0..count)
        .map_while(|i| Some((u16_le(d, at + 4 * i)?, u16_le(d, at + 4 * i + 2)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(attrs: &[u32]) -> Vec<u8> {
        let mut b = b"tmfk".to_vec();
        b.extend_from_slice(&0u32.to_le_bytes());
        b.extend_from_slice(&(attrs.len() as u32).to_le_bytes());
        for a in attrs {
            b.extend_from_slice(&a.to_le_bytes());
        }
        b
    }

    #[test]
    fn decodes_keys_in_the_catalogs_own_order() {
        let kf = KeyFormat::parse(&format(&[12, 17, 2])).unwrap();
        let raw = [2, 0, 0xc1, 0x1a, 220, 0];
        assert_eq!(kf.value(&raw, 12), 2);
        assert_eq!(kf.value(&raw, attr::IDENTIFIER), 6849);
        assert_eq!(kf.value(&raw, attr::PART), 220);
        assert_eq!(kf.value(&raw, attr::IDIOM), 0);
        // A short key reads the missing values as 0.
        assert_eq!(kf.value(&[3], 12), 0);
        assert_eq!(kf.values(&raw[..4]), [2, 6849, 0]);
        assert_eq!(
            kf.key_from_pairs(&[(17, 6849), (12, 2), (99, 1)]),
            [2, 6849, 0]
        );
    }

    #[test]
    fn rejects_bad_formats() {
        assert!(KeyFormat::parse(b"kfmt").is_err());
        assert!(KeyFormat::parse(&format(&[1; 65])).is_err());
        let mut truncated = format(&[1, 2, 3]);
        truncated.truncate(18);
        assert!(KeyFormat::parse(&truncated).is_err());
    }

    #[test]
    fn reads_facet_pairs() {
        let v = [
            0, 0, 0, 0, 3, 0, 1, 0, 85, 0, 2, 0, 220, 0, 17, 0, 0xc1, 0x1a,
        ];
        assert_eq!(facet_pairs(&v), vec![(1, 85), (2, 220), (17, 6849)]);
        // A count larger than the data stops at the data.
        assert_eq!(
            facet_pairs(&[0, 0, 0, 0, 0xff, 0xff, 1, 0, 85, 0]),
            vec![(1, 85)]
        );
    }
}
