//! The app icon from the bundle's asset catalog (`Assets.car`), through `otadrop-car`.
//!
//! The catalog is read whole into memory, so it is read under [`Limits::max_car_bytes`]
//! (declared size checked first, then a bounded read). Anything wrong with it (too large,
//! damaged, an icon that cannot be decoded) is a problem to report, never a failed
//! inspection: the loose PNGs remain the fallback.

use std::io::{Read, Seek};

use otadrop_car::{Appearance, Catalog, Icon};
use plist::{Dictionary, Value};

use super::archive::{AppBundle, Archive};
use super::{IpaError, Limits};

/// A catalog read into memory, with the name of the icon set to look up.
pub(crate) struct CarFile {
    /// Path inside the zip.
    pub path: String,
    pub bytes: Vec<u8>,
    /// `CFBundleIconName` (or tvOS's string `CFBundlePrimaryIcon`); `None`: the default set.
    pub set_name: Option<String>,
}

/// What a readable catalog offers: the largest light icon's pixel area, before decoding.
pub(crate) struct Offer {
    pub width: u32,
    pub height: u32,
}

impl Offer {
    pub fn area(&self) -> u64 {
        u64::from(self.width) * u64::from(self.height)
    }
}

/// The icon set the app names: `CFBundleIconName` in `CFBundleIcons` / `CFBundleIcons~ipad`
/// `CFBundlePrimaryIcon`, the string `CFBundlePrimaryIcon` of tvOS, or the top-level
/// `CFBundleIconName` of macOS and Catalyst bundles.
pub(crate) fn set_name(info: &Dictionary) -> Option<String> {
    let primary = ["CFBundleIcons", "CFBundleIcons~ipad"]
        .iter()
        .find_map(
            |key| match info.get(key)?.as_dictionary()?.get("CFBundlePrimaryIcon")? {
                Value::Dictionary(d) => d.get("CFBundleIconName")?.as_string(),
                Value::String(s) => Some(s.as_str()),
                _ => None,
            },
        );
    primary
        .or_else(|| info.get("CFBundleIconName")?.as_string())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Reads `Payload/X.app/Assets.car` when there is one. `Ok(Err(problem))`: it exists but is
/// too large or unreadable; only disk errors are `Err`.
pub(crate) fn read<R: Read + Seek>(
    zip: &mut Archive<R>,
    app: &AppBundle,
    info: &Dictionary,
    limits: &Limits,
) -> Result<Option<Result<CarFile, String>>, IpaError> {
    let path = format!("{}Assets.car", app.dir);
    if !zip.contains(&path) {
        return Ok(None);
    }
    let max = limits.max_car_bytes.min(otadrop_car::MAX_CAR_BYTES as u64);
    Ok(Some(match zip.read(&path, max, limits) {
        Ok(bytes) => Ok(CarFile {
            path,
            bytes,
            set_name: set_name(info),
        }),
        Err(IpaError::BadEntry { reason, .. }) => Err(reason),
        Err(IpaError::Limit(reason)) => Err(reason),
        Err(e) => return Err(e),
    }))
}

impl CarFile {
    pub fn open(&self) -> Result<Catalog<'_>, String> {
        Catalog::open(&self.bytes).map_err(|e| e.to_string())
    }

    /// The size of the largest light icon the catalog holds (`None`: no icon in it).
    pub fn offer(&self, catalog: &Catalog<'_>) -> Option<Offer> {
        catalog
            .icon_renditions(self.set_name.as_deref())
            .into_iter()
            .filter(|r| {
                r.appearance == Appearance::Light
                    && r.pixel_format.is_some()
                    && r.width <= otadrop_car::MAX_ICON_SIDE
                    && r.height <= otadrop_car::MAX_ICON_SIDE
            })
            .map(|r| Offer {
                width: r.width,
                height: r.height,
            })
            .max_by_key(Offer::area)
    }

    /// The largest icon in `appearance`; `Ok(None)` when the set has none in that
    /// appearance (no fallback to the light one here).
    pub fn icon(
        &self,
        catalog: &Catalog<'_>,
        appearance: Appearance,
    ) -> Result<Option<Icon>, String> {
        match catalog.best_icon(self.set_name.as_deref(), appearance) {
            Ok(Some(icon)) if icon.appearance == appearance => Ok(Some(icon)),
            Ok(_) => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plist_limited::dictionary_of as info;

    #[test]
    fn set_name_from_each_place_apps_put_it() {
        let ios = info(
            "<key>CFBundleIcons</key><dict><key>CFBundlePrimaryIcon</key><dict>\
             <key>CFBundleIconName</key><string>AppIconSJ</string></dict></dict>",
        );
        assert_eq!(set_name(&ios).as_deref(), Some("AppIconSJ"));
        let ipad = info(
            "<key>CFBundleIcons~ipad</key><dict><key>CFBundlePrimaryIcon</key><dict>\
             <key>CFBundleIconName</key><string>Pad</string></dict></dict>",
        );
        assert_eq!(set_name(&ipad).as_deref(), Some("Pad"));
        let tvos = info(
            "<key>CFBundleIcons</key><dict><key>CFBundlePrimaryIcon</key>\
             <string>App Icon</string></dict>",
        );
        assert_eq!(set_name(&tvos).as_deref(), Some("App Icon"));
        let mac = info("<key>CFBundleIconName</key><string>icon</string>");
        assert_eq!(set_name(&mac).as_deref(), Some("icon"));
        assert_eq!(
            set_name(&info("<key>CFBundleIconName</key><string> </string>")),
            None
        );
        assert_eq!(set_name(&Dictionary::new()), None);
    }
}
