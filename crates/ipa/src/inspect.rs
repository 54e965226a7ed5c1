//! Entry point: open the zip's central directory, find the app bundle, read the few entries
//! needed (Info.plist, embedded.mobileprovision, the icon), and say what was found.

use std::fs::File;
use std::io::{Read, Seek};
use std::path::Path;

use time::OffsetDateTime;

use super::archive::{self, AppBundle, Archive};
use super::cgbi::{self, PngError};
use super::{icon, info_plist, plist_limited, profile, warnings};
use super::{AppInfo, IconInfo, IpaError, Limits, ProfileInfo};

/// Bytes of an icon read to learn its size (the CgBI chunk and IHDR fit in 45).
const ICON_HEADER_BYTES: u64 = 64;

/// Icons fully read and decoded, largest first, before giving up: bounds the work a file
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
    let (chosen_icon, icon_problem) = choose_icon(&mut zip, &dict, &app, limits)?;

    let mut info = AppInfo {
        bundle_id: bundle.bundle_id,
        version: bundle.version,
        build: bundle.build,
        title: bundle.title,
        minimum_os: bundle.minimum_os,
        device_family: bundle.device_family,
        platform: bundle.platform,
        extensions,
        has_executable,
        size,
        icon: chosen_icon.as_ref().map(|(info, _)| info.clone()),
        profile,
        warnings: Vec::new(),
    };
    info.warnings = warnings::derive(
        &info,
        &bundle.executable,
        icon_problem,
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
    for (key, value) in [
        ("CFBundleIdentifier", &bundle.bundle_id),
        (
            "CFBundleShortVersionString or CFBundleVersion",
            &bundle.version,
        ),
        ("CFBundleVersion", &bundle.build),
        ("CFBundleExecutable", &bundle.executable),
    ]
    .into_iter()
    .chain(bundle.minimum_os.as_ref().map(|m| ("MinimumOSVersion", m)))
    .chain(bundle.platform.as_ref().map(|p| ("DTPlatformName", p)))
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
    if bundle.title.chars().any(char::is_control) {
        bundle.title = bundle.title.chars().filter(|c| !c.is_control()).collect();
    }
    let chars = bundle.title.chars().count();
    if chars <= limits.max_title_chars {
        return Ok(None);
    }
    bundle.title = bundle.title.chars().take(limits.max_title_chars).collect();
    bundle.title.push('…');
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

/// The chosen icon file and its renditions.
type ChosenIcon = (IconInfo, IconImages);

/// The largest declared icon that exists and converts; or why none is usable. Headers are
/// read first (a few bytes each) to rank the candidates by pixel area; the largest is
/// converted, falling back to the next one if it is damaged.
fn choose_icon<R: Read + Seek>(
    zip: &mut Archive<R>,
    dict: &plist::Dictionary,
    app: &AppBundle,
    limits: &Limits,
) -> Result<(Option<ChosenIcon>, Option<String>), IpaError> {
    let declared = icon::declared_names(dict);
    let assets = icon::asset_names(dict);
    let files = icon::candidates(&declared, &assets, &app.dir, zip.names());
    let mut ranked: Vec<(String, u32, u32)> = Vec::new();
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
            Ok(h) => ranked.push((file, h.width, h.height)),
            // Zero-byte placeholders such as iTanky's "Icon\r" are skipped silently.
            Err(e) if !head.is_empty() => {
                first_problem.get_or_insert(format!("{file}: {e}"));
            }
            Err(_) => {}
        }
    }
    // Largest first; a stable sort keeps the declared order among equals.
    ranked.sort_by_key(|(_, w, h)| std::cmp::Reverse(u64::from(*w) * u64::from(*h)));
    for (file, width, height) in ranked.into_iter().take(ICON_ATTEMPTS) {
        let rendered = match zip.read(&file, limits.max_icon_bytes, limits) {
            Ok(bytes) => render_icon(&bytes, limits),
            Err(IpaError::BadEntry { reason, .. }) => Err(reason),
            Err(e) => return Err(e),
        };
        match rendered {
            Ok(images) => {
                let info = IconInfo {
                    file,
                    width,
                    height,
                };
                return Ok((Some((info, images)), None));
            }
            Err(problem) => {
                first_problem.get_or_insert(format!("{file}: {problem}"));
            }
        }
    }
    Ok((None, first_problem))
}

/// A standard PNG of an icon file (CgBI or not) and its 57 and 512 pixel renditions.
pub fn render_icon(png: &[u8], limits: &Limits) -> Result<IconImages, String> {
    let original = cgbi::to_standard_png(png, limits.max_png_side)
        .map_err(|e: PngError| e.to_string())?
        .into_owned();
    let mut sizes = icon::resized_pngs(&original, &[57, 512], limits.max_png_side)?.into_iter();
    let (Some(small), Some(large)) = (sizes.next(), sizes.next()) else {
        return Err("the icon could not be resized".into());
    };
    Ok(IconImages {
        original,
        small,
        large,
    })
}
