//! The catalog: which facets exist, which renditions belong to an icon set, and picking and
//! decoding the best one. This is the only module that knows what an "app icon" is.

use crate::bom::Bom;
use crate::csi::{layout, Csi, Link, PixelFormat};
use crate::decompress::decompress;
use crate::error::CarError;
use crate::keyformat::{self, attr, facet_pairs, Key, KeyFormat};
use crate::pixels::{to_rgba, Rect};
use crate::{Appearance, Icon, IconRendition, MAX_ATLAS_SIDE, MAX_CAR_BYTES, MAX_ICON_SIDE};
use std::cmp::Reverse;

/// How many candidates `best_icon` tries to decode before giving up (each one is bounded by
/// the pixel limits, so this bounds the work on a hostile file).
const MAX_DECODE_ATTEMPTS: usize = 4;

/// An opened asset catalog. It borrows the file's bytes; nothing is decoded until asked.
pub struct Catalog<'a> {
    format: KeyFormat,
    /// `(name, (attribute, value) pairs)` from `FACETKEYS`.
    facets: Vec<(String, Vec<(u16, u16)>)>,
    /// Appearance attribute value -> name, from `APPEARANCEKEYS`.
    appearances: Vec<(u16, String)>,
    /// `RENDITIONS`: decoded key and raw value.
    renditions: Vec<(Key, &'a [u8])>,
}

/// A rendition of an icon set, resolved enough to be listed or decoded.
struct Candidate<'a> {
    index: usize,
    csi: Csi<'a>,
    /// For an atlas reference: the link and the index of the atlas rendition.
    link: Option<(Link, usize)>,
    appearance: Appearance,
    /// The appearance's name says high contrast (a variant, not the normal icon).
    high_contrast: bool,
    idiom: u16,
    gamut: u16,
}

impl<'a> Catalog<'a> {
    /// Opens a catalog held in memory (the whole `Assets.car`, at most [`MAX_CAR_BYTES`]).
    ///
    /// Reads the BOM index and the `KEYFORMAT`, `FACETKEYS`, `APPEARANCEKEYS` and
    /// `RENDITIONS` trees; no image is decompressed.
    pub fn open(data: &'a [u8]) -> Result<Self, CarError> {
        if data.len() > MAX_CAR_BYTES {
            return Err(CarError::TooLarge {
                size: data.len(),
                limit: MAX_CAR_BYTES,
            });
        }
        let bom = Bom::parse(data)?;
        let raw_renditions = bom.tree("RENDITIONS")?;
        let format = match bom.var("KEYFORMAT") {
            Some(block) => KeyFormat::parse(bom.block(block)?)?,
            None if raw_renditions.is_empty() => KeyFormat::parse(b"tmfk\0\0\0\0\0\0\0\0")?,
            None => {
                return Err(CarError::corrupt(
                    "the catalog has renditions but no KEYFORMAT",
                ))
            }
        };
        let facets = bom
            .tree("FACETKEYS")?
            .into_iter()
            .map(|(name, value)| (text(name), facet_pairs(value)))
            .collect();
        let appearances = bom
            .tree("APPEARANCEKEYS")?
            .into_iter()
            .filter_map(|(name, value)| Some((crate::bytes::u16_le(value, 0)?, text(name))))
            .collect();
        let renditions = raw_renditions
            .into_iter()
            .map(|(key, value)| (format.decode(key), value))
            .collect();
        Ok(Catalog {
            format,
            facets,
            appearances,
            renditions,
        })
    }

    /// Names of the facets that look like app icon sets (`AppIcon`, alternate icons, a tvOS
    /// layered icon with a flattened image), in catalog order.
    pub fn icon_set_names(&self) -> Vec<&str> {
        self.facets
            .iter()
            .filter(|(_, pairs)| self.looks_like_app_icon(pairs))
            .map(|(name, _)| name.as_str())
            .collect()
    }

    /// The renditions of an icon set that hold pixels (bitmaps and atlas references), for
    /// reporting. `set_name` `None` picks the default set as [`best_icon`](Self::best_icon)
    /// does; an unknown set gives an empty list.
    pub fn icon_renditions(&self, set_name: Option<&str>) -> Vec<IconRendition> {
        let Some((name, pairs)) = self.resolve_set(set_name) else {
            return Vec::new();
        };
        self.candidates(pairs)
            .iter()
            .map(|c| IconRendition {
                set_name: name.to_owned(),
                name: text(c.csi.name),
                width: c.csi.width,
                height: c.csi.height,
                scale: c.csi.scale_x100 / 100,
                idiom: c.idiom,
                appearance: c.appearance,
                compression: self
                    .bitmap_csi(c)
                    .and_then(|csi| csi.bitmap())
                    .map(|b| b.compression),
                pixel_format: PixelFormat::from_raw(c.csi.pixel_format),
                in_atlas: c.link.is_some(),
                index: c.index,
            })
            .collect()
    }

    /// Decodes one listed rendition to straight RGBA8.
    pub fn decode(&self, rendition: &IconRendition) -> Result<Icon, CarError> {
        let (_, pairs) = self
            .resolve_set(Some(&rendition.set_name))
            .ok_or_else(|| CarError::corrupt("the rendition's icon set is not in this catalog"))?;
        let candidate = self
            .candidates(pairs)
            .into_iter()
            .find(|c| c.index == rendition.index)
            .ok_or_else(|| CarError::corrupt("the rendition is not in this catalog"))?;
        self.decode_candidate(&candidate, &rendition.set_name)
    }

    /// The largest icon of the set named `set_name` (the app's `CFBundleIconName`) in the
    /// wanted appearance, decoded to straight RGBA8.
    ///
    /// `set_name` `None` picks `AppIcon`, else the first facet that looks like an app icon.
    /// When the set has no rendition in `appearance`, the light (default) one is returned;
    /// [`Icon::appearance`] says which was found. Icons above [`MAX_ICON_SIDE`] are
    /// skipped. `Ok(None)`: no such set, or the set has no bitmap (an empty catalog, an
    /// Icon Composer stack without pre-rendered images). `Err`: the icon exists but could not
    /// be decoded; the loose PNGs of the bundle are then the fallback.
    pub fn best_icon(
        &self,
        set_name: Option<&str>,
        appearance: Appearance,
    ) -> Result<Option<Icon>, CarError> {
        let Some((name, pairs)) = self.resolve_set(set_name) else {
            return Ok(None);
        };
        let all = self.candidates(pairs);
        let mut wanted: Vec<&Candidate<'_>> =
            all.iter().filter(|c| c.appearance == appearance).collect();
        if wanted.is_empty() {
            wanted = all
                .iter()
                .filter(|c| c.appearance == Appearance::Light)
                .collect();
        }
        wanted.retain(|c| c.csi.width <= MAX_ICON_SIDE && c.csi.height <= MAX_ICON_SIDE);
        wanted.sort_by_key(|c| {
            let area = u64::from(c.csi.width) * u64::from(c.csi.height);
            (
                Reverse(area),
                c.high_contrast,
                c.gamut != 0,
                c.link.is_some(),
                c.index,
            )
        });
        let mut first_error = None;
        for candidate in wanted.into_iter().take(MAX_DECODE_ATTEMPTS) {
            match self.decode_candidate(candidate, name) {
                Ok(icon) => return Ok(Some(icon)),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        first_error.map_or(Ok(None), Err)
    }

    /// The facet named `set_name`, or the default icon set.
    fn resolve_set(&self, set_name: Option<&str>) -> Option<(&str, &[(u16, u16)])> {
        let found = match set_name {
            Some(wanted) => self.facets.iter().find(|(n, _)| n == wanted),
            None => self
                .facets
                .iter()
                .find(|(n, _)| n == "AppIcon")
                .or_else(|| {
                    self.facets
                        .iter()
                        .find(|(_, p)| self.looks_like_app_icon(p))
                }),
        };
        found.map(|(n, p)| (n.as_str(), p.as_slice()))
    }

    fn looks_like_app_icon(&self, pairs: &[(u16, u16)]) -> bool {
        let part = pair(pairs, attr::PART);
        part == Some(keyformat::PART_APP_ICON)
            || self
                .members(pairs)
                .any(|(_, (key, _))| key.get(attr::PART) == keyformat::PART_FLATTENED_IMAGE)
    }

    /// Renditions that belong to a facet: same Identifier (or, for key formats without
    /// one, the same Element).
    fn members<'s>(
        &'s self,
        pairs: &'s [(u16, u16)],
    ) -> impl Iterator<Item = (usize, &'s (Key, &'a [u8]))> + 's {
        let (by, value) = if self.format.has(attr::IDENTIFIER) {
            (attr::IDENTIFIER, pair(pairs, attr::IDENTIFIER))
        } else {
            (attr::ELEMENT, pair(pairs, attr::ELEMENT))
        };
        self.renditions
            .iter()
            .enumerate()
            .filter(move |(_, (key, _))| value.is_some_and(|v| key.get(by) == v))
    }

    /// The renditions of a set that hold pixels.
    fn candidates(&self, pairs: &[(u16, u16)]) -> Vec<Candidate<'a>> {
        self.members(pairs)
            .filter_map(|(index, (key, value))| {
                if key.get(attr::PART) == keyformat::PART_RADIOSITY_IMAGE {
                    return None;
                }
                let csi = Csi::parse(value)?;
                if csi.width == 0
                    || csi.height == 0
                    || PixelFormat::from_raw(csi.pixel_format).is_none()
                {
                    return None;
                }
                let link = if csi.layout == layout::INTERNAL_LINK {
                    let link = csi.link()?;
                    Some((link.clone(), self.find_atlas(&link)?))
                } else {
                    csi.bitmap()?;
                    None
                };
                let (appearance, high_contrast) = self.appearance(key.get(attr::APPEARANCE))?;
                Some(Candidate {
                    index,
                    csi,
                    link,
                    appearance,
                    high_contrast,
                    idiom: key.get(attr::IDIOM),
                    gamut: key.get(attr::DISPLAY_GAMUT),
                })
            })
            .collect()
    }

    /// The rendition a link points at: the one whose full key equals the link's key, else
    /// the first whose key contains all of the link's pairs. Only packed images qualify.
    fn find_atlas(&self, link: &Link) -> Option<usize> {
        let exact = self.format.key_from_pairs(&link.key);
        let is_atlas =
            |value: &[u8]| Csi::parse(value).is_some_and(|c| c.layout == layout::PACKED_IMAGE);
        self.renditions
            .iter()
            .position(|(key, value)| *key == exact && is_atlas(value))
            .or_else(|| {
                self.renditions.iter().position(|(key, value)| {
                    link.key
                        .iter()
                        .all(|&(a, v)| !self.format.has(a) || key.get(a) == v)
                        && is_atlas(value)
                })
            })
    }

    /// Classifies an appearance attribute value; `None` for an unnamed non-zero value.
    fn appearance(&self, value: u16) -> Option<(Appearance, bool)> {
        let Some((_, name)) = self.appearances.iter().find(|(v, _)| *v == value) else {
            return (value == 0).then_some((Appearance::Light, false));
        };
        let appearance = if name.contains("Dark") {
            Appearance::Dark
        } else if name.contains("Tint") {
            Appearance::Tinted
        } else {
            Appearance::Light
        };
        Some((appearance, name.contains("HighContrast")))
    }

    /// The CSI that holds a candidate's pixels: its own, or its atlas's.
    fn bitmap_csi(&self, c: &Candidate<'a>) -> Option<Csi<'a>> {
        match &c.link {
            None => Some(c.csi.clone()),
            Some((_, atlas)) => Csi::parse(self.renditions.get(*atlas)?.1),
        }
    }

    fn decode_candidate(&self, c: &Candidate<'a>, set_name: &str) -> Result<Icon, CarError> {
        let (width, height) = match &c.link {
            Some((link, _)) => (link.width, link.height),
            None => (c.csi.width, c.csi.height),
        };
        if width > MAX_ICON_SIDE || height > MAX_ICON_SIDE {
            return Err(CarError::ImageTooLarge {
                width,
                height,
                limit: MAX_ICON_SIDE,
            });
        }
        let source = self
            .bitmap_csi(c)
            .ok_or_else(|| CarError::corrupt("an atlas reference points nowhere"))?;
        let limit = if c.link.is_some() {
            MAX_ATLAS_SIDE
        } else {
            MAX_ICON_SIDE
        };
        let rect = match &c.link {
            None => Rect {
                x: 0,
                y: 0,
                width: width as usize,
                height: height as usize,
            },
            Some((link, _)) => {
                // The frame's y counts from the bottom of the atlas.
                let fits = link
                    .x
                    .checked_add(link.width)
                    .is_some_and(|r| r <= source.width)
                    && link
                        .y
                        .checked_add(link.height)
                        .is_some_and(|t| t <= source.height);
                if !fits || width == 0 || height == 0 {
                    return Err(CarError::corrupt("an icon's frame lies outside its atlas"));
                }
                let top = source.height - link.y - link.height;
                Rect {
                    x: link.x as usize,
                    y: top as usize,
                    width: width as usize,
                    height: height as usize,
                }
            }
        };
        let (format, raw, stride) = decode_bitmap(&source, limit)?;
        Ok(Icon {
            width,
            height,
            rgba: to_rgba(format, &raw, stride, rect),
            set_name: set_name.to_owned(),
            appearance: c.appearance,
        })
    }
}

/// Decompresses a bitmap rendition to raw rows: `(format, rows, stride)`.
fn decode_bitmap(csi: &Csi<'_>, limit: u32) -> Result<(PixelFormat, Vec<u8>, usize), CarError> {
    let format = PixelFormat::from_raw(csi.pixel_format).ok_or_else(|| {
        CarError::UnsupportedPixelFormat(
            String::from_utf8_lossy(&csi.pixel_format.to_be_bytes()).into_owned(),
        )
    })?;
    if csi.width > limit || csi.height > limit {
        return Err(CarError::ImageTooLarge {
            width: csi.width,
            height: csi.height,
            limit,
        });
    }
    let row = csi.width as usize * format.bytes_per_pixel();
    // actool pads rows to 16 bytes; allow a little more, never less than the pixels.
    let stride = csi.bytes_per_row().map_or(row, |s| s as usize);
    if stride < row || stride > row + 64 {
        return Err(CarError::corrupt(format!(
            "row stride {stride} does not fit a width of {} px",
            csi.width
        )));
    }
    let bitmap = csi
        .bitmap()
        .ok_or_else(|| CarError::corrupt("a bitmap rendition has no pixel data"))?;
    let raw = decompress(&bitmap, stride, stride * csi.height as usize)?;
    Ok((format, raw, stride))
}

fn pair(pairs: &[(u16, u16)], attribute: u16) -> Option<u16> {
    pairs.iter().find(|p| p.0 == attribute).map(|p| p.1)
}

/// A NUL-padded name as text.
fn text(raw: &[u8]) -> String {
    let end = raw.iter().position(|&b| b == 0).unwrap_or(raw.len());
    String::from_utf8_lossy(&raw[..end]).into_owned()
}
