//! Entry point: open the zip's central directory, find the app bundle, read what is needed.

use std::fs::File;
use std::io::{Read, Seek};
use std::path::Path;

use super::{AppInfo, DeviceFamily, IpaError};

/// Largest Info.plist we accept (real ones are a few KiB).
const MAX_PLIST: u64 = 4 * 1024 * 1024;

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

pub fn inspect_path(path: &Path) -> Result<Inspection, IpaError> {
    let file = File::open(path)?;
    let size = file.metadata()?.len();
    inspect(file, size)
}

pub fn inspect<R: Read + Seek>(reader: R, size: u64) -> Result<Inspection, IpaError> {
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| IpaError::NotZip(e.to_string()))?;
    let mut app_dir: Option<String> = None;
    for name in zip.file_names() {
        let Ok(name) = name else { continue };
        if let Some(rest) = name.strip_prefix("Payload/") {
            if let Some((dir, tail)) = rest.split_once('/') {
                if dir.ends_with(".app") && tail == "Info.plist" {
                    app_dir = Some(format!("Payload/{dir}/"));
                    break;
                }
                if dir.ends_with(".app") && app_dir.is_none() {
                    app_dir = Some(format!("Payload/{dir}/"));
                }
            }
        }
    }
    let app_dir = app_dir.ok_or(IpaError::NoAppBundle)?;
    let plist_name = format!("{app_dir}Info.plist");
    let mut entry = zip
        .by_name(&plist_name)
        .map_err(|_| IpaError::NoInfoPlist(app_dir.trim_end_matches('/').to_string()))?;
    if entry.size() > MAX_PLIST {
        return Err(IpaError::Limit(format!(
            "Info.plist is {} bytes; at most {MAX_PLIST} are accepted",
            entry.size()
        )));
    }
    let mut buf = Vec::with_capacity(entry.size() as usize);
    (&mut entry)
        .take(MAX_PLIST + 1)
        .read_to_end(&mut buf)
        .map_err(|e| IpaError::BadInfoPlist(e.to_string()))?;
    drop(entry);
    let dict: plist::Dictionary =
        plist::from_bytes(&buf).map_err(|e| IpaError::BadInfoPlist(e.to_string()))?;
    let string = |k: &str| dict.get(k).and_then(|v| v.as_string()).map(str::to_owned);
    let bundle_id =
        string("CFBundleIdentifier").ok_or(IpaError::MissingKey("CFBundleIdentifier"))?;
    let build = string("CFBundleVersion").unwrap_or_default();
    let version = string("CFBundleShortVersionString").unwrap_or_else(|| build.clone());
    let folder = app_dir
        .trim_end_matches('/')
        .trim_start_matches("Payload/")
        .trim_end_matches(".app")
        .to_string();
    let title = string("CFBundleDisplayName")
        .or_else(|| string("CFBundleName"))
        .unwrap_or(folder);
    let device_family = dict
        .get("UIDeviceFamily")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_unsigned_integer())
                .filter_map(|n| match n {
                    1 => Some(DeviceFamily::Iphone),
                    2 => Some(DeviceFamily::Ipad),
                    3 => Some(DeviceFamily::Tv),
                    4 => Some(DeviceFamily::Watch),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Inspection {
        info: AppInfo {
            bundle_id,
            version,
            build,
            title,
            minimum_os: string("MinimumOSVersion"),
            device_family,
            platform: string("DTPlatformName"),
            extensions: 0,
            has_executable: true,
            size,
            icon: None,
            profile: None,
            warnings: Vec::new(),
        },
        icon: None,
    })
}
