//! Entry point: open the zip's central directory, find the app bundle, read the few entries
//! needed (Info.plist, embedded.mobileprovision, the icon and `Assets.car`), and say what
//! was found.

use std::fs::File;
use std::io::{Read, Seek};
use std::path::Path;

use time::OffsetDateTime;

use super::archive::{self, AppBundle, Archive};
use super::cgbi::{self, PngError};
use super::{assets_car, icon, info_plist, plist_limited, profile, warnings};
use super::{AppInfo, IconInfo, IconSource, IpaError, Limits, ProfileInfo, MAX_ICON_SIDE};
use otadrop_car::Appearance;

/// Bytes of an icon read to learn its size (the CgBI chunk and IHDR fit in 45).
const ICON_HEADER_BYTES: u64 = 64;

/// Icon files fully read and decoded, largest first, before giving up (the catalog, when
/// ranked below them, is still tried): bounds the work a file
/// full of damaged icons can cause.
const ICON_ATTEMPTS: usize = 3;

/// The icon converted to standard PNGs in the sizes the manifest names.
#[derive(Debug, Clone)]
pub struct IconImages {
    /// The chosen icon at its own size, as a standard (non-CgBI) PNG.
    pub original: Vec<u8>,
    /// 57x57 (`display-image`).
    pub small: Vec<u8>,
    /// 512x512 (`full-size-image`).
    pub large: Vec<u8>,
    /// The dark-appearance icon at its own size (at most [`MAX_ICON_SIDE`]), when the asset
    /// catalog has one.
    pub dark: Option<Vec<u8>>,
}

#[derive(Debug, Clone)]
pub struct Inspection {
    pub info: AppInfo,
    pub icon: Option<IconImages>,
}

/// What inspection compares with (the clock, for expiry warnings) and its bounds.
#[derive(Debug, Clone)]
pub struct Options {
    pub now: OffsetDateTime,
    pub limits: Limits,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            now: OffsetDateTime::now_utc(),
            limits: Limits::default(),
        }
    }
}

pub fn inspect_path(path: &Path) -> Result<Inspection, IpaError> {
    let file = File::open(path)?;
    let size = file.metadata()?.len();
    inspect(file, size)
}

/// Inspects an IPA of `size` bytes, now, with the default limits.
pub fn inspect<R: Read + Seek>(reader: R, size: u64) -> Result<Inspection, IpaError> {
    inspect_with(reader, size, &Options::default())
}

pub fn inspect_with<R: Read + Seek>(
    reader: R,
    size: u64,
    options: &Options,
) -> Result<Inspection, IpaError> {
    let limits = &options.limits;
    let mut zip = Archive::open(reader, limits)?;
    let app = archive::find_app(zip.names())?;
    let plist_name = format!("{}Info.plist", app.dir);
    if !zip.contains(&plist_name) {
        return Err(IpaError::NoInfoPlist(
            app.dir.trim_end_matches('/').to_string(),
        ));
    }
    let plist_bytes = zip.read(&plist_name, limits.max_plist_bytes, limits)?;
    let dict = plist_limited::parse_dictionary(&plist_bytes, limits)
        .map_err(|e| IpaError::BadInfoPlist(e.to_string()))?;
    let mut bundle = info_plist::bundle_fields(&dict, &app.folder)?;
    let title_cut = bound_metadata(&mut bundle, limits)?;

    let executable_path = format!("{}{}", app.dir, bundle.executable);
    let has_executable = zip.contains(&executable_path);
    let extensions = archive::count_extensions(zip.names(), &app);

    let (profile, profile_problem) = read_profile(&mut zip, &app, limits)?;
    let IconChoice {
        chosen: chosen_icon,
        icon_problem,
        catalog_problem,
    } = choose_icon(&mut zip, &dict, &app, limits)?;

    let mut info = AppInfo {
        extensions,
        has_executable,
        size,
        icon: chosen_icon.as_ref().map(|(info, _)| info.clone()),
        profile,
        warnings: Vec::new(),
        ..bundle.info
    };
    info.warnings = warnings::derive(
        &info,
        &bundle.executable,
        icon_problem,
        catalog_problem,
        profile_problem,
        options.now,
    );
    if let Some(chars) = title_cut {
        info.warnings.push(warnings::warning(
            warnings::TITLE_TRUNCATED,
            format!(
                "The app's title is {chars} characters long; only the first {} are shown.",
                limits.max_title_chars
            ),
        ));
    }
    Ok(Inspection {
        info,
        icon: chosen_icon.map(|(_, images)| images),
    })
}

/// Refuses identity fields longer than any real build's, and cuts a title longer than any
/// screen shows (returning its length in characters), so that what pages and logs show stays
/// small whatever the plist holds.
fn bound_metadata(
    bundle: &mut info_plist::BundleFields,
    limits: &Limits,
) -> Result<Option<usize>, IpaError> {
    let info = &mut bundle.info;
    for (key, value) in [
        ("CFBundleIdentifier", &info.bundle_id),
        (
            "CFBundleShortVersionString or CFBundleVersion",
            &info.version,
        ),
        ("CFBundleVersion", &info.build),
        ("CFBundleExecutable", &bundle.executable),
    ]
    .into_iter()
    .chain(info.minimum_os.as_ref().map(|m| ("MinimumOSVersion", m)))
    .chain(info.platform.as_ref().map(|p| ("DTPlatformName", p)))
    {
        if value.chars().any(char::is_control) {
            return Err(IpaError::BadInfoPlist(format!(
                "{key} holds control characters ({:?})",
                value.chars().take(80).collect::<String>()
            )));
        }
        if value.len() > limits.max_field_bytes {
            return Err(IpaError::Limit(format!(
                "{key} is {} bytes long; at most {} are accepted",
                value.len(),
                limits.max_field_bytes
            )));
        }
    }
    if info.title.chars().any(char::is_control) {
        info.title = info.title.chars().filter(|c| !c.is_control()).collect();
    }
    let chars = info.title.chars().count();
    if chars <= limits.max_title_chars {
        return Ok(None);
    }
    info.title = info.title.chars().take(limits.max_title_chars).collect();
    info.title.push('…');
    Ok(Some(chars))
}

/// The main app's profile, or why it could not be read (a warning, not an error: the build
/// is still worth describing). Only disk errors and limits stop inspection.
fn read_profile<R: Read + Seek>(
    zip: &mut Archive<R>,
    app: &AppBundle,
    limits: &Limits,
) -> Result<(Option<ProfileInfo>, Option<String>), IpaError> {
    let name = format!("{}embedded.mobileprovision", app.dir);
    if !zip.contains(&name) {
        return Ok((None, None));
    }
    let bytes = match zip.read(&name, limits.max_profile_bytes, limits) {
        Ok(bytes) => bytes,
        Err(IpaError::BadEntry { reason, .. }) => return Ok((None, Some(reason))),
        Err(e) => return Err(e),
    };
    Ok(match profile::parse_profile(&bytes, limits) {
        Ok(p) => (Some(p), None),
        Err(e) => (None, Some(e.to_string())),
    })
}

/// The chosen icon and its renditions.
type ChosenIcon = (IconInfo, IconImages);

/// A source the icon can come from, ranked by pixel area before anything is decoded.
enum Source {
    File {
        name: String,
        width: u32,
        height: u32,
    },
    Catalog {
        width: u32,
        height: u32,
    },
}

impl Source {
    fn area(&self) -> u64 {
        let (w, h) = match self {
            Source::File { width, height, .. } | Source::Catalog { width, height } => {
                (*width, *height)
            }
        };
        u64::from(w) * u64::from(h)
    }
}

/// What choosing the icon found: the icon, why an existing icon could not be read, and
/// why `Assets.car` could not be read (each a warning, never a failed inspection).
struct IconChoice {
    chosen: Option<ChosenIcon>,
    icon_problem: Option<String>,
    catalog_problem: Option<String>,
}

/// The largest icon among the declared loose PNGs and the asset catalog that decodes.
/// PNG headers are read first (a few bytes each) and the catalog's rendition list, to rank
/// the sources by pixel area; the largest is converted, falling back to the next one if it
/// is damaged. On equal sizes the loose file wins (no catalog decode needed). A dark icon
/// is taken from the catalog whenever it has one.
fn choose_icon<R: Read + Seek>(
    zip: &mut Archive<R>,
    dict: &plist::Dictionary,
    app: &AppBundle,
    limits: &Limits,
) -> Result<IconChoice, IpaError> {
    let declared = icon::declared_names(dict);
    let assets = icon::asset_names(dict);
    let files = icon::candidates(&declared, &assets, &app.dir, zip.names());
    let mut ranked: Vec<Source> = Vec::new();
    let mut first_problem = None;
    for file in files.into_iter().take(limits.max_icon_candidates) {
        let head = match zip.read_prefix(&file, ICON_HEADER_BYTES) {
            Ok(head) => head,
            Err(IpaError::BadEntry { reason, .. }) => {
                first_problem.get_or_insert(format!("{file}: {reason}"));
                continue;
            }
            Err(e) => return Err(e),
        };
        match cgbi::header(&head) {
            Ok(h) => ranked.push(Source::File {
                name: file,
                width: h.width,
                height: h.height,
            }),
            // Zero-byte placeholders such as iTanky's "Icon\r" are skipped silently.
            Err(e) if !head.is_empty() => {
                first_problem.get_or_insert(format!("{file}: {e}"));
            }
            Err(_) => {}
        }
    }

    let mut catalog_problem = None;
    let car = match assets_car::read(zip, app, dict, limits)? {
        Some(Ok(car)) => Some(car),
        Some(Err(problem)) => {
            catalog_problem = Some(problem);
            None
        }
        None => None,
    };
    let catalog = car.as_ref().and_then(|car| match car.open() {
        Ok(catalog) => Some((car, catalog)),
        Err(problem) => {
            catalog_problem.get_or_insert(problem);
            None
        }
    });
    if let Some(offer) = catalog.as_ref().and_then(|(car, c)| car.offer(c)) {
        ranked.push(Source::Catalog {
            width: offer.width,
            height: offer.height,
        });
    }

    // Largest first; a stable sort keeps loose files (then the declared order) first among
    // equals.
    ranked.sort_by_key(|s| std::cmp::Reverse(s.area()));
    let mut chosen = None;
    let mut file_attempts = 0;
    for source in ranked {
        let found = match source {
            Source::File {
                name,
                width,
                height,
            } => {
                if file_attempts == ICON_ATTEMPTS {
                    continue;
                }
                file_attempts += 1;
                let rendered = match zip.read(&name, limits.max_icon_bytes, limits) {
                    Ok(bytes) => render_icon(&bytes, limits),
                    Err(IpaError::BadEntry { reason, .. }) => Err(reason),
                    Err(e) => return Err(e),
                };
                match rendered {
                    Ok(images) => {
                        let info = IconInfo {
                            source: IconSource::File,
                            file: name,
                            set: None,
                            width,
                            height,
                            dark: false,
                        };
                        (info, images)
                    }
                    Err(problem) => {
                        first_problem.get_or_insert(format!("{name}: {problem}"));
                        continue;
                    }
                }
            }
            Source::Catalog { .. } => {
                let Some((car, catalog)) = catalog.as_ref() else {
                    continue;
                };
                let rendered = car
                    .icon(catalog, Appearance::Light)
                    .and_then(|icon| icon.ok_or_else(|| "the icon set has no image".to_string()))
                    .and_then(|icon| {
                        let (width, height, set) = (icon.width, icon.height, icon.set_name);
                        render_rgba(width, height, icon.rgba)
                            .map(|images| (width, height, set, images))
                    });
                match rendered {
                    Ok((width, height, set, images)) => {
                        let info = IconInfo {
                            source: IconSource::AssetsCar,
                            file: car.path.clone(),
                            set: Some(set),
                            width,
                            height,
                            dark: false,
                        };
                        (info, images)
                    }
                    Err(problem) => {
                        catalog_problem
                            .get_or_insert(format!("its icon cannot be decoded: {problem}"));
                        continue;
                    }
                }
            }
        };
        chosen = Some(found);
        break;
    }

    // The dark look, from the catalog, whatever the light icon's source.
    if let (Some((info, images)), Some((car, catalog))) = (chosen.as_mut(), catalog.as_ref()) {
        match car.icon(catalog, Appearance::Dark) {
            Ok(Some(dark)) => match render_rgba(dark.width, dark.height, dark.rgba) {
                Ok(dark_images) => {
                    images.dark = Some(dark_images.original);
                    info.dark = true;
                }
                Err(problem) => {
                    catalog_problem
                        .get_or_insert(format!("its dark icon cannot be encoded: {problem}"));
                }
            },
            Ok(None) => {}
            Err(problem) => {
                catalog_problem
                    .get_or_insert(format!("its dark icon cannot be decoded: {problem}"));
            }
        }
    }
    Ok(IconChoice {
        icon_problem: if chosen.is_none() {
            first_problem
        } else {
            None
        },
        chosen,
        catalog_problem,
    })
}

/// A standard PNG of an icon file (CgBI or not) and its 57 and 512 pixel renditions. Colour
/// information (`sRGB`, `iCCP`, `gAMA`, `cHRM`) is kept in all three.
pub fn render_icon(png: &[u8], limits: &Limits) -> Result<IconImages, String> {
    let original = cgbi::to_standard_png(png, limits.max_png_side)
        .map_err(|e: PngError| e.to_string())?
        .into_owned();
    let colour = cgbi::colour_chunks(&original);
    // A PNG whose only fault is its checksums is decoded anyway and served re-encoded.
    let (image, strict) = match icon::decode_png(&original, limits.max_png_side) {
        Ok(image) => (image, true),
        Err(e) => match icon::decode_png_lenient(&original, limits.max_png_side) {
            Ok(image) => (image, false),
            Err(_) => return Err(e),
        },
    };
    let original = if image.width() > MAX_ICON_SIDE || image.height() > MAX_ICON_SIDE {
        icon::with_colour(icon::resized(&image, MAX_ICON_SIDE)?, &colour)
    } else if !strict {
        icon::with_colour(icon::encode(&image)?, &colour)
    } else {
        original
    };
    let small = icon::with_colour(icon::resized(&image, 57)?, &colour);
    let large = icon::with_colour(icon::resized(&image, 512)?, &colour);
    Ok(IconImages {
        original,
        small,
        large,
        dark: None,
    })
}

/// The served PNGs of an icon decoded to straight RGBA8 (`width * height * 4` bytes, as the
/// asset catalog gives it): at its own size (at most [`MAX_ICON_SIDE`]), 57 and 512 px. A
/// larger icon is scaled down once, and the small sizes are made from that copy.
pub fn render_rgba(width: u32, height: u32, rgba: Vec<u8>) -> Result<IconImages, String> {
    let len = rgba.len();
    let image = image::RgbaImage::from_raw(width, height, rgba)
        .ok_or_else(|| format!("{len} bytes are not a {width}x{height} RGBA image"))?;
    let image = if width.max(height) > MAX_ICON_SIDE {
        image::imageops::resize(
            &image,
            MAX_ICON_SIDE,
            MAX_ICON_SIDE,
            image::imageops::FilterType::Lanczos3,
        )
    } else {
        image
    };
    let image = image::DynamicImage::ImageRgba8(image);
    Ok(IconImages {
        original: icon::encode(&image)?,
        small: icon::resized(&image, 57)?,
        large: icon::resized(&image, 512)?,
        dark: None,
    })
}
