//! What `Info.plist` says about the bundle: identity, versions, title, OS, devices, platform,
//! executable and declared icons.

use plist::{Dictionary, Value};

use super::{AppInfo, DeviceFamily, IpaError};

/// What an `Info.plist` says: the bundle's fields of [`AppInfo`] (the rest of it, what other
/// files tell, left empty for inspection to fill) and the executable's name.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BundleFields {
    pub info: AppInfo,
    /// `CFBundleExecutable`, else the folder name (what iOS assumes).
    pub executable: String,
}

/// A key's value as text: strings as they are, numbers written out (sloppy build scripts
/// write `CFBundleVersion` as an integer). Empty strings count as absent.
fn text(dict: &Dictionary, key: &str) -> Option<String> {
    let s = match dict.get(key)? {
        Value::String(s) => s.trim().to_string(),
        Value::Integer(i) => i.to_string(),
        Value::Real(r) => r.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// Reads the bundle fields; `folder` is the `.app` folder name without `.app`.
pub(crate) fn bundle_fields(dict: &Dictionary, folder: &str) -> Result<BundleFields, IpaError> {
    let bundle_id =
        text(dict, "CFBundleIdentifier").ok_or(IpaError::MissingKey("CFBundleIdentifier"))?;
    let build_key = text(dict, "CFBundleVersion");
    let version_key = text(dict, "CFBundleShortVersionString");
    let (version, build) = match (version_key, build_key) {
        (Some(v), Some(b)) => (v, b),
        (Some(v), None) => (v.clone(), v),
        (None, Some(b)) => (b.clone(), b),
        // iOS needs a version to install; the build is still described, with a warning.
        (None, None) => (String::new(), String::new()),
    };
    let title = text(dict, "CFBundleDisplayName")
        .or_else(|| text(dict, "CFBundleName"))
        .unwrap_or_else(|| folder.to_string());
    let platform = text(dict, "DTPlatformName").or_else(|| {
        dict.get("CFBundleSupportedPlatforms")
            .and_then(Value::as_array)
            .and_then(|a| a.iter().find_map(Value::as_string))
            .map(str::to_string)
    });
    let info = AppInfo {
        bundle_id,
        version,
        build,
        title,
        minimum_os: text(dict, "MinimumOSVersion").or_else(|| text(dict, "LSMinimumSystemVersion")),
        device_family: device_family(dict.get("UIDeviceFamily"), platform.as_deref()),
        platform,
        extensions: 0,
        has_executable: false,
        size: 0,
        icon: None,
        profile: None,
        warnings: Vec::new(),
    };
    Ok(BundleFields {
        info,
        executable: text(dict, "CFBundleExecutable").unwrap_or_else(|| folder.to_string()),
    })
}

/// `UIDeviceFamily`: an array of numbers (or, in old or hand-made plists, one number or
/// numeric strings). Absent, iOS assumes iPhone; a tvOS or watchOS build its own device.
fn device_family(value: Option<&Value>, platform: Option<&str>) -> Vec<DeviceFamily> {
    let code = |v: &Value| match v {
        Value::Integer(i) => i.as_unsigned(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    let codes: Vec<u64> = match value {
        Some(Value::Array(a)) => a.iter().filter_map(code).collect(),
        Some(v) => code(v).into_iter().collect(),
        None => Vec::new(),
    };
    let mut out: Vec<DeviceFamily> = Vec::new();
    for family in codes.into_iter().filter_map(DeviceFamily::from_code) {
        if !out.contains(&family) {
            out.push(family);
        }
    }
    if value.is_none() {
        out.push(match platform.map(str::to_ascii_lowercase).as_deref() {
            Some("appletvos") => DeviceFamily::Tv,
            Some("watchos") => DeviceFamily::Watch,
            _ => DeviceFamily::Iphone,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict(pairs: &[(&str, Value)]) -> Dictionary {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    fn s(v: &str) -> Value {
        Value::String(v.into())
    }

    #[test]
    fn title_falls_back_to_name_then_folder() {
        let d = dict(&[
            ("CFBundleIdentifier", s("a.b")),
            ("CFBundleVersion", s("7")),
        ]);
        let f = bundle_fields(&d, "Folder Name").unwrap();
        assert_eq!(f.info.title, "Folder Name");
        assert_eq!((f.info.version.as_str(), f.info.build.as_str()), ("7", "7"));
        let d = dict(&[
            ("CFBundleIdentifier", s("a.b")),
            ("CFBundleVersion", Value::Integer(12.into())),
            ("CFBundleName", s("Name")),
            ("CFBundleDisplayName", s(" ")),
        ]);
        let f = bundle_fields(&d, "X").unwrap();
        assert_eq!(f.info.title, "Name");
        assert_eq!(f.info.build, "12");
    }

    #[test]
    fn bundle_id_is_required_versions_are_not() {
        let d = dict(&[("CFBundleVersion", s("1"))]);
        assert!(matches!(
            bundle_fields(&d, "X"),
            Err(IpaError::MissingKey("CFBundleIdentifier"))
        ));
        let d = dict(&[("CFBundleIdentifier", s("a.b"))]);
        let f = bundle_fields(&d, "X").unwrap();
        assert_eq!((f.info.version.as_str(), f.info.build.as_str()), ("", ""));
    }

    #[test]
    fn device_family_forms() {
        use DeviceFamily::*;
        let arr = Value::Array(vec![
            Value::Integer(1.into()),
            s("2"),
            Value::Integer(9.into()),
        ]);
        assert_eq!(device_family(Some(&arr), None), vec![Iphone, Ipad]);
        assert_eq!(
            device_family(Some(&Value::Integer(3.into())), None),
            vec![Tv]
        );
        assert_eq!(device_family(None, Some("appletvos")), vec![Tv]);
        assert_eq!(device_family(None, None), vec![Iphone]);
    }
}
