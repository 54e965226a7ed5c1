//! The catalog: which facets exist, which renditions belong to an icon set, and picking and
//! decoding the best one. This is the only module that knows what an "app icon" is.

use crate::bom::Bom;
use crate::csi::{layout, Csi, Link, PixelFormat};
use crate::decompress::decompress;
use crate::error::CarError;
use crate::keyformat::{self, attr, facet_pairs, KeyFormat};
use crate::pixels::{to_rgba, Rect};
use crate::{Appearance, Icon, IconRendition, MAX_ATLAS_SIDE, MAX_CAR_BYTES, MAX_ICON_SIDE};
use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

/// How many candidates `best_icon` tries to decode before giving up (each one is bounded by
/// the pixel limits, so this bounds the work on a hostile file).
const MAX_DECODE_ATTEMPTS: usize = 4;

/// An opened asset catalog. It borrows the file's bytes; nothing is decoded until asked.
pub struct Catalog<'a> {
    format: KeyFormat,
    /// `(name, (attribute, value) pairs)` from `FACETKEYS`.
    facets: Vec<(String, Vec<(u16, u16)>)>,
    /// Appearance attribute value -> name, from `APPEARANCEKEYS`.
    appearances: HashMap<u16, String>,
    /// `RENDITIONS`: raw key and raw value.
    renditions: Vec<(&'a [u8], &'a [u8])>,
    /// Rendition indices by Identifier, the attribute that ties renditions to a facet. Empty
    /// when the key format has no Identifier (then no set has renditions: matching on
    /// Element alone would mix every image of the catalog into the icon).
    groups: HashMap<u16, Vec<usize>>,
    /// Identifiers that have a flattened layer-stack image (tvOS icons).
    flattened: HashSet<u16>,
    /// Packed atlases by their full key values, to resolve links without a scan.
    atlases: HashMap<Vec<u16>, usize>,
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
        // Index once, so that no later lookup scans all renditions (a hostile file can
        // have hundreds of thousands).
        let mut groups: HashMap<u16, Vec<usize>> = HashMap::new();
        let mut flattened = HashSet::new();
        let mut atlases = HashMap::new();
        for (index, &(key, value)) in raw_renditions.iter().enumerate() {
            if format.has(attr::IDENTIFIER) {
                let id = format.value(key, attr::IDENTIFIER);
                groups.entry(id).or_default().push(index);
                if format.value(key, attr::PART) == keyformat::PART_FLATTENED_IMAGE {
                    flattened.insert(id);
                }
            }
            if Csi::parse(value).is_some_and(|c| c.layout == layout::PACKED_IMAGE) {
                atlases.entry(format.values(key)).or_insert(index);
            }
        }
        Ok(Catalog {
            format,
            facets,
            appearances,
            renditions: raw_renditions,
            groups,
            flattened,
            atlases,
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

    /// Decodes one rendition listed by [`icon_renditions`](Self::icon_renditions) of this
    /// catalog to straight RGBA8 (refusing sizes above [`MAX_ICON_SIDE`]).
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

    /// An app icon image set, an Icon Composer stack, or a tvOS stack with a flattened image.
    fn looks_like_app_icon(&self, pairs: &[(u16, u16)]) -> bool {
        let part = pair(pairs, attr::PART);
        part == Some(keyformat::PART_APP_ICON)
            || part == Some(keyformat::PART_ICON_STACK)
            || pair(pairs, attr::IDENTIFIER).is_some_and(|g| self.flattened.contains(&g))
    }

    /// Indices of the renditions that belong to a facet: same Identifier.
    fn members(&self, pairs: &[(u16, u16)]) -> &[usize] {
        pair(pairs, attr::IDENTIFIER)
            .and_then(|g| self.groups.get(&g))
            .map_or(&[], Vec::as_slice)
    }

    /// The renditions of a set that hold pixels.
    fn candidates(&self, pairs: &[(u16, u16)]) -> Vec<Candidate<'a>> {
        self.members(pairs)
            .iter()
            .filter_map(|&index| {
                let &(key, value) = self.renditions.get(index)?;
                let get = |attribute| self.format.value(key, attribute);
                if get(attr::PART) == keyformat::PART_RADIOSITY_IMAGE {
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
                    let atlas = self.find_atlas(&link)?;
                    Some((link, atlas))
                } else {
                    csi.bitmap()?;
                    None
                };
                let (appearance, high_contrast) = self.appearance(get(attr::APPEARANCE))?;
                Some(Candidate {
                    index,
                    csi,
                    link,
                    appearance,
                    high_contrast,
                    idiom: get(attr::IDIOM),
                    gamut: get(attr::DISPLAY_GAMUT),
                })
            })
            .collect()
    }

    /// The packed atlas whose full key equals the link's key.
    fn find_atlas(&self, link: &Link) -> Option<usize> {
        self.atlases
            .get(&self.format.key_from_pairs(&link.key))
            .copied()
    }

    /// Classifies an appearance attribute value; `None` for an unnamed non-zero value.
    fn appearance(&self, value: u16) -> Option<(Appearance, bool)> {
        let Some(name) = self.appearances.get(&value) else {
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
            rgba: to_rgba(format, raw, stride, rect),
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
    let raw = decompress(
        &bitmap,
        format.bytes_per_pixel(),
        stride,
        stride * csi.height as usize,
    )?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bom::tests::{build, leaf, tree_block};
    use crate::csi::tests::{build as csi, mlec};

    /// Key format of the synthetic catalogs: appearance, scale, identifier, element, part,
    /// dimension1.
    const FORMAT: [u32; 6] = [7, 12, 17, 1, 2, 8];

    fn key(appearance: u16, identifier: u16, element: u16, part: u16, dim1: u16) -> Vec<u8> {
        [appearance, 2, identifier, element, part, dim1]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect()
    }

    fn facet(identifier: u16, part: u16) -> Vec<u8> {
        let mut v = vec![0, 0, 0, 0, 3, 0];
        for (a, x) in [(1u16, 85u16), (2, part), (17, identifier)] {
            v.extend_from_slice(&a.to_le_bytes());
            v.extend_from_slice(&x.to_le_bytes());
        }
        v
    }

    /// A w x h ARGB bitmap of one premultiplied BGRA colour.
    fn argb(w: u32, h: u32, bgra: [u8; 4]) -> Vec<u8> {
        let pixels: Vec<u8> = bgra.repeat((w * h) as usize);
        csi(w, h, b"ARGB", 12, &[], &mlec(0, &pixels))
    }

    /// `(key, value)` entries of one tree.
    type Entries = Vec<(Vec<u8>, Vec<u8>)>;

    /// Builds a catalog from facets, appearances and `(key, value)` renditions.
    fn catalog_bytes(
        facets: &[(&str, Vec<u8>)],
        appearances: &[(&str, u16)],
        renditions: &[(Vec<u8>, Vec<u8>)],
    ) -> Vec<u8> {
        let mut format = b"tmfk".to_vec();
        format.extend_from_slice(&0u32.to_le_bytes());
        format.extend_from_slice(&(FORMAT.len() as u32).to_le_bytes());
        FORMAT
            .iter()
            .for_each(|a| format.extend_from_slice(&a.to_le_bytes()));

        // Blocks: 1 KEYFORMAT, then per tree: tree block, leaf, then key/value pairs.
        let mut blocks: Vec<Vec<u8>> = vec![format];
        let mut vars = vec![("KEYFORMAT", 1u32)];
        let trees: [(&str, Entries); 3] = [
            (
                "FACETKEYS",
                facets
                    .iter()
                    .map(|(n, v)| (n.as_bytes().to_vec(), v.clone()))
                    .collect(),
            ),
            (
                "APPEARANCEKEYS",
                appearances
                    .iter()
                    .map(|(n, v)| (n.as_bytes().to_vec(), v.to_le_bytes().to_vec()))
                    .collect(),
            ),
            ("RENDITIONS", renditions.to_vec()),
        ];
        for (name, entries) in trees {
            let tree_id = blocks.len() as u32 + 1;
            let first = tree_id + 2;
            let pairs: Vec<(u32, u32)> = (0..entries.len() as u32)
                .map(|i| (first + 2 * i + 1, first + 2 * i))
                .collect();
            blocks.push(tree_block(tree_id + 1));
            blocks.push(leaf(&pairs, 0));
            for (k, v) in entries {
                blocks.push(k);
                blocks.push(v);
            }
            vars.push((name, tree_id));
        }
        let refs: Vec<&[u8]> = blocks.iter().map(Vec::as_slice).collect();
        build(&refs, &vars)
    }

    const APPEARANCES: [(&str, u16); 3] = [
        ("UIAppearanceAny", 0),
        ("UIAppearanceDark", 1),
        ("ISAppearanceTintable", 10),
    ];

    /// `tests/data/light-dark.car`: a catalog with a 64 px light icon (opaque blue) and a
    /// 64 px dark one (opaque orange) in `AppIcon`, for the server's dark-mode tests (no
    /// real fixture has a dark bitmap). This test keeps the file equal to what the builder
    /// makes; `OTADROP_WRITE_FIXTURES=1` rewrites it.
    #[test]
    fn the_light_dark_test_catalog_is_current() {
        let bytes = catalog_bytes(
            &[("AppIcon", facet(6849, 220))],
            &APPEARANCES,
            &[
                (key(0, 6849, 85, 220, 0), argb(64, 64, [255, 80, 0, 255])),
                (key(1, 6849, 85, 220, 0), argb(64, 64, [0, 140, 255, 255])),
            ],
        );
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/light-dark.car");
        if std::env::var_os("OTADROP_WRITE_FIXTURES").is_some() {
            std::fs::write(path, &bytes).unwrap();
        }
        assert_eq!(
            std::fs::read(path).unwrap(),
            bytes,
            "run with OTADROP_WRITE_FIXTURES=1"
        );
        let catalog = Catalog::open(&bytes).unwrap();
        let dark = catalog.best_icon(None, Appearance::Dark).unwrap().unwrap();
        assert_eq!((dark.width, dark.appearance), (64, Appearance::Dark));
        assert_eq!(&dark.rgba[..4], [255, 140, 0, 255]);
    }

    #[test]
    fn picks_the_largest_in_the_wanted_appearance() {
        let bytes = catalog_bytes(
            &[("AppIcon", facet(6849, 220)), ("Other", facet(7, 181))],
            &APPEARANCES,
            &[
                (key(0, 6849, 85, 220, 0), argb(2, 2, [0, 0, 255, 255])),
                (key(0, 6849, 85, 220, 1), argb(4, 4, [0, 0, 200, 255])),
                (key(1, 6849, 85, 220, 0), argb(2, 2, [255, 0, 0, 255])),
                (
                    key(10, 6849, 85, 220, 0),
                    csi(3, 3, b"GA8 ", 12, &[], &mlec(0, &[64, 128].repeat(9))),
                ),
                (key(0, 7, 85, 181, 0), argb(8, 8, [0; 4])),
            ],
        );
        let catalog = Catalog::open(&bytes).unwrap();
        assert_eq!(catalog.icon_set_names(), ["AppIcon"]);
        assert_eq!(catalog.icon_renditions(None).len(), 4);

        let light = catalog.best_icon(None, Appearance::Light).unwrap().unwrap();
        assert_eq!((light.width, light.appearance), (4, Appearance::Light));
        assert_eq!(&light.rgba[..4], [200, 0, 0, 255]);

        let dark = catalog
            .best_icon(Some("AppIcon"), Appearance::Dark)
            .unwrap()
            .unwrap();
        assert_eq!((dark.width, dark.appearance), (2, Appearance::Dark));
        assert_eq!(&dark.rgba[..4], [0, 0, 255, 255]);

        let tinted = catalog
            .best_icon(None, Appearance::Tinted)
            .unwrap()
            .unwrap();
        assert_eq!((tinted.width, tinted.appearance), (3, Appearance::Tinted));
        assert_eq!(&tinted.rgba[..4], [128, 128, 128, 128]);

        assert_eq!(
            catalog
                .best_icon(Some("Missing"), Appearance::Light)
                .unwrap(),
            None
        );
    }

    #[test]
    fn atlas_frames_count_y_from_the_bottom() {
        // A 2x2 GA8 atlas: top row gray 10, bottom row gray 20 (opaque).
        let atlas = csi(
            2,
            2,
            b"GA8 ",
            1004,
            &[],
            &mlec(0, &[10, 255, 10, 255, 20, 255, 20, 255]),
        );
        // The link: frame x=1, y=0 (from the bottom), 1x1, atlas key Element 9, Part 181.
        let mut klni = b"KLNI".to_vec();
        for v in [0u32, 1, 0, 1, 1] {
            klni.extend_from_slice(&v.to_le_bytes());
        }
        klni.extend_from_slice(&12u16.to_le_bytes());
        klni.extend_from_slice(&12u32.to_le_bytes());
        for v in [1u16, 9, 2, 181, 12, 2] {
            klni.extend_from_slice(&v.to_le_bytes());
        }
        let link = csi(1, 1, b"GA8 ", 1003, &[(1010, klni)], &[]);
        let bytes = catalog_bytes(
            &[("AppIcon", facet(6849, 220))],
            &[],
            &[
                (key(0, 0, 9, 181, 0), atlas),
                (key(0, 6849, 85, 220, 0), link),
            ],
        );
        let catalog = Catalog::open(&bytes).unwrap();
        let listed = catalog.icon_renditions(None);
        assert!(listed[0].in_atlas);
        assert_eq!(listed[0].compression, Some(crate::Compression::None));
        let icon = catalog.best_icon(None, Appearance::Light).unwrap().unwrap();
        assert_eq!(icon.rgba, [20, 20, 20, 255]);
    }

    #[test]
    fn many_renditions_do_not_make_lookups_quadratic() {
        // 20 000 renditions in the icon set, all links to one missing atlas, plus 20 000
        // facets: open + list + best must stay linear.
        let mut klni = b"KLNI".to_vec();
        klni.extend_from_slice(&[0; 20]);
        klni.extend_from_slice(&12u16.to_le_bytes());
        klni.extend_from_slice(&4u32.to_le_bytes());
        klni.extend_from_slice(&[1, 0, 9, 0]);
        let link = csi(1, 1, b"ARGB", 1003, &[(1010, klni)], &[]);
        let renditions: Vec<_> = (0..20_000u16)
            .map(|i| (key(0, 6849, 85, 220, i), link.clone()))
            .collect();
        let names: Vec<String> = (0..20_000).map(|i| format!("Set{i}")).collect();
        let facets: Vec<_> = names
            .iter()
            .map(|n| (n.as_str(), facet(6849, 220)))
            .collect();
        let bytes = catalog_bytes(&facets, &[], &renditions);
        let start = std::time::Instant::now();
        let catalog = Catalog::open(&bytes).unwrap();
        assert_eq!(catalog.icon_set_names().len(), 20_000);
        assert!(catalog.icon_renditions(None).is_empty());
        assert_eq!(catalog.best_icon(None, Appearance::Light).unwrap(), None);
        assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
    }

    #[test]
    fn refuses_oversized_inputs_and_images() {
        let big = vec![0u8; MAX_CAR_BYTES + 1];
        assert!(matches!(
            Catalog::open(&big),
            Err(CarError::TooLarge { .. })
        ));
        // A bitmap claiming 4096 px is skipped by best_icon and refused by decode.
        let huge = csi(4096, 4096, b"ARGB", 12, &[], &mlec(4, &[0; 16]));
        let bytes = catalog_bytes(
            &[("AppIcon", facet(1, 220))],
            &[],
            &[(key(0, 1, 85, 220, 0), huge)],
        );
        let catalog = Catalog::open(&bytes).unwrap();
        assert_eq!(catalog.best_icon(None, Appearance::Light).unwrap(), None);
        let listed = catalog.icon_renditions(None);
        assert!(matches!(
            catalog.decode(&listed[0]),
            Err(CarError::ImageTooLarge { .. })
        ));
    }
}
