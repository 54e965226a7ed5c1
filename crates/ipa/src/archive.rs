//! The zip side of an IPA: the central directory, where the app bundle is, and reading the
//! few entries inspection needs, within limits. Nothing else in the archive is read, so a
//! 1 GiB IPA costs about what a 1 MiB one does.

use std::collections::BTreeSet;
use std::io::{Read, Seek, SeekFrom};

use zip::result::ZipError;
use zip::ZipArchive;

use super::error::io_is_bad_data;
use super::{IpaError, Limits};

/// The zip and the names of its entries (from the central directory only).
pub(crate) struct Archive<R> {
    zip: ZipArchive<R>,
    names: Vec<String>,
}

/// Where the main app lives: `Payload/<folder>.app/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AppBundle {
    /// `Payload/<folder>.app/`, with the trailing slash.
    pub dir: String,
    /// `<folder>` without `.app`.
    pub folder: String,
}

impl<R: Read + Seek> Archive<R> {
    pub fn open(mut reader: R, limits: &Limits) -> Result<Self, IpaError> {
        // Refuse a huge directory from the count its end record declares, before the zip
        // reader builds it in memory.
        if let Some(declared) = declared_entries(&mut reader)? {
            if declared > limits.max_entries as u64 {
                return Err(too_many(declared, limits));
            }
        }
        let mut zip = ZipArchive::new(reader).map_err(|e| match e {
            ZipError::Io(io) if !io_is_bad_data(&io) => IpaError::Io(io),
            other => IpaError::NotZip(other.to_string()),
        })?;
        if zip.len() > limits.max_entries {
            return Err(too_many(zip.len() as u64, limits));
        }
        // Two entries of one name (which one is the Info.plist?), or a local header that says
        // something else than the central directory: iOS's installer streams the zip and
        // reads the local headers, so what we inspect must be what it reads.
        if zip.has_duplicate_names() {
            return Err(IpaError::Ambiguous("two entries have the same name".into()));
        }
        zip.validate_header_consistency().map_err(|e| match e {
            ZipError::Io(io) if !io_is_bad_data(&io) => IpaError::Io(io),
            other => IpaError::Ambiguous(other.to_string()),
        })?;
        // Names that are not valid UTF-8 (and not CP437-flagged) cannot be ones we look for.
        let names = zip
            .file_names()
            .filter_map(Result::ok)
            .map(|n| n.into_owned())
            .collect();
        Ok(Archive { zip, names })
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    pub fn contains(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// Reads a whole entry of at most `max` bytes, refusing it first on its declared size or
    /// compression ratio (zip bombs), and reading no more than `max` whatever it declares.
    pub fn read(&mut self, name: &str, max: u64, limits: &Limits) -> Result<Vec<u8>, IpaError> {
        let index = self
            .zip
            .index_for_name(name)
            .ok_or_else(|| bad_entry(name, "missing".into()))?;
        let (size, compressed) = {
            let entry = self
                .zip
                .by_index_data(index)
                .map_err(|e| bad_entry(name, e.to_string()))?;
            (entry.size(), entry.compressed_size())
        };
        if size > max {
            return Err(IpaError::Limit(format!(
                "{name} is {size} bytes once unpacked; at most {max} are accepted"
            )));
        }
        if size > limits.ratio_floor && size / compressed.max(1) > limits.max_ratio {
            return Err(IpaError::Limit(format!(
                "{name} would unpack {compressed} bytes into {size} (more than {}:1): \
                 refused as a zip bomb",
                limits.max_ratio
            )));
        }
        self.read_at_most(index, name, max.min(size), true)
    }

    /// Reads the first `n` bytes of an entry (or all of it, if shorter).
    pub fn read_prefix(&mut self, name: &str, n: u64) -> Result<Vec<u8>, IpaError> {
        let index = self
            .zip
            .index_for_name(name)
            .ok_or_else(|| bad_entry(name, "missing".into()))?;
        self.read_at_most(index, name, n, false)
    }

    fn read_at_most(
        &mut self,
        index: usize,
        name: &str,
        n: u64,
        whole: bool,
    ) -> Result<Vec<u8>, IpaError> {
        let mut entry = self.zip.by_index(index).map_err(|e| match e {
            ZipError::Io(io) if !io_is_bad_data(&io) => IpaError::Io(io),
            other => bad_entry(name, other.to_string()),
        })?;
        // The declared size is bounded by the caller; never trust it beyond that.
        let mut buf = Vec::with_capacity(usize::try_from(n.min(1 << 20)).unwrap_or(0));
        (&mut entry)
            .take(n)
            .read_to_end(&mut buf)
            .map_err(|e| match e {
                io if !io_is_bad_data(&io) => IpaError::Io(io),
                bad => bad_entry(name, bad.to_string()),
            })?;
        if whole {
            // Reading one byte past the declared size lets the zip reader check the CRC and
            // catches entries longer than they claim.
            let mut extra = [0u8; 1];
            match entry.read(&mut extra) {
                Ok(0) => {}
                Ok(_) => return Err(bad_entry(name, "longer than its declared size".into())),
                Err(e) => return Err(bad_entry(name, e.to_string())),
            }
        }
        Ok(buf)
    }
}

fn too_many(n: u64, limits: &Limits) -> IpaError {
    IpaError::Limit(format!(
        "the archive lists {n} entries; at most {} are accepted",
        limits.max_entries
    ))
}

/// The entry count that the end of central directory record declares (the ZIP64 one when the
/// classic field says 0xFFFF), or `None` when there is no readable record (the zip reader
/// then says what is wrong). Reads the last 1 KiB (the last 64 KiB when the archive has a
/// long comment) and a few records.
fn declared_entries<R: Read + Seek>(r: &mut R) -> Result<Option<u64>, IpaError> {
    const EOCD: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    const LOCATOR: [u8; 4] = [0x50, 0x4b, 0x06, 0x07];
    const EOCD64: [u8; 4] = [0x50, 0x4b, 0x06, 0x06];
    let len = r.seek(SeekFrom::End(0))?;
    let mut found = None;
    for window in [1024u64, 22 + 65_535] {
        let tail_len = len.min(window);
        r.seek(SeekFrom::Start(len - tail_len))?;
        let mut tail = vec![0u8; tail_len as usize];
        r.read_exact(&mut tail)?;
        if let Some(at) = (0..tail.len().saturating_sub(21))
            .rev()
            .find(|&i| tail[i..i + 4] == EOCD)
        {
            found = Some((tail, at));
            break;
        }
        if tail_len == len {
            break;
        }
    }
    let Some((tail, at)) = found else {
        return Ok(None);
    };
    let u16_at = |i: usize| u64::from(u16::from_le_bytes([tail[i], tail[i + 1]]));
    let total = u16_at(at + 10);
    if total != 0xffff {
        return Ok(Some(total));
    }
    // ZIP64: the locator sits just before the classic record and points at the ZIP64 one.
    let Some(loc) = at.checked_sub(20).filter(|&l| tail[l..l + 4] == LOCATOR) else {
        return Ok(Some(total));
    };
    let mut off = [0u8; 8];
    off.copy_from_slice(&tail[loc + 8..loc + 16]);
    let eocd64 = u64::from_le_bytes(off);
    if eocd64.checked_add(56).is_none_or(|end| end > len) {
        return Ok(None);
    }
    let mut rec = [0u8; 56];
    r.seek(SeekFrom::Start(eocd64))?;
    r.read_exact(&mut rec)?;
    if rec[..4] != EOCD64 {
        return Ok(None);
    }
    let mut n = [0u8; 8];
    n.copy_from_slice(&rec[32..40]);
    Ok(Some(u64::from_le_bytes(n)))
}

fn bad_entry(name: &str, reason: String) -> IpaError {
    IpaError::BadEntry {
        name: name.to_string(),
        reason,
    }
}

/// Finds the main app: the one `Payload/<X>.app/` folder at the top of the archive. Finder's
/// `__MACOSX/` resource forks are ignored. An app nested in a wrapper folder is refused (iOS
/// refuses it too), naming where it was found.
pub(crate) fn find_app(names: &[String]) -> Result<AppBundle, IpaError> {
    let mut apps = BTreeSet::new();
    for name in names {
        if let Some(rest) = name.strip_prefix("Payload/") {
            if let Some((dir, _)) = rest.split_once('/') {
                if let Some(folder) = dir.strip_suffix(".app") {
                    apps.insert(folder.to_string());
                }
            }
        }
    }
    let mut apps = apps.into_iter();
    match (apps.next(), apps.next()) {
        (Some(folder), None)
            if matches!(folder.as_str(), "" | "." | "..") || folder.contains('\\') =>
        {
            Err(IpaError::Ambiguous(format!(
                "the app folder is named {:?}, which is not a folder name iOS can install",
                format!("{folder}.app")
            )))
        }
        (Some(folder), None) => Ok(AppBundle {
            dir: format!("Payload/{folder}.app/"),
            folder,
        }),
        (Some(first), Some(second)) => {
            let mut all = vec![first, second];
            all.extend(apps);
            Err(IpaError::SeveralApps(
                all.iter()
                    .map(|f| format!("{f}.app"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ))
        }
        (None, _) => Err(match nested_app(names) {
            Some(found) => IpaError::NestedPayload { found },
            None => IpaError::NoAppBundle {
                found: summary(names),
            },
        }),
    }
}

/// `wrapper/Payload/X.app` when the app sits under an extra folder.
fn nested_app(names: &[String]) -> Option<String> {
    names
        .iter()
        .filter(|n| !n.starts_with("__MACOSX/"))
        .find_map(|n| {
            let at = n.find("/Payload/")?;
            let rest = &n[at + "/Payload/".len()..];
            let (dir, _) = rest.split_once('/')?;
            dir.ends_with(".app")
                .then(|| format!("{}/Payload/{dir}", &n[..at]))
        })
}

/// The archive's top-level names, for an error message.
fn summary(names: &[String]) -> String {
    let top: BTreeSet<&str> = names
        .iter()
        .filter(|n| !n.starts_with("__MACOSX/"))
        .map(|n| match n.split_once('/') {
            Some((dir, _)) => &n[..dir.len() + 1],
            None => n.as_str(),
        })
        .collect();
    if top.is_empty() {
        return "nothing".into();
    }
    let shown: Vec<String> = top.iter().take(5).map(|n| format!("{n:?}")).collect();
    match top.len() {
        n if n > 5 => format!("{} and {} more", shown.join(", "), n - 5),
        _ => shown.join(", "),
    }
}

/// Number of app extensions: distinct `PlugIns/<Y>.appex/` and `Extensions/<Y>.appex/`
/// folders directly inside the app.
pub(crate) fn count_extensions(names: &[String], app: &AppBundle) -> u32 {
    let mut found = BTreeSet::new();
    for name in names {
        let Some(rest) = name.strip_prefix(app.dir.as_str()) else {
            continue;
        };
        for folder in ["PlugIns/", "Extensions/"] {
            if let Some((dir, _)) = rest.strip_prefix(folder).and_then(|r| r.split_once('/')) {
                if dir.ends_with(".appex") {
                    found.insert((folder, dir));
                }
            }
        }
    }
    u32::try_from(found.len()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn main_app_is_one_level_under_payload() {
        let n = names(&[
            "Payload/",
            "Payload/My App é.app/",
            "Payload/My App é.app/Info.plist",
            "Payload/My App é.app/Watch/W.app/Info.plist",
            "Payload/My App é.app/PlugIns/Share.appex/Info.plist",
        ]);
        let app = find_app(&n).unwrap();
        assert_eq!(app.dir, "Payload/My App é.app/");
        assert_eq!(app.folder, "My App é");
    }

    #[test]
    fn wrapper_folder_is_refused_naming_it() {
        let n = names(&[
            "iOSAppOnly/Payload/Sample.app/Info.plist",
            "__MACOSX/iOSAppOnly/Payload/Sample.app/._Info.plist",
        ]);
        match find_app(&n) {
            Err(IpaError::NestedPayload { found }) => {
                assert_eq!(found, "iOSAppOnly/Payload/Sample.app")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn no_app_names_what_is_there() {
        let err = find_app(&names(&["Payload/", "readme.txt"])).unwrap_err();
        assert!(
            err.to_string().contains("\"Payload/\", \"readme.txt\""),
            "{err}"
        );
    }

    #[test]
    fn dot_dot_app_folders_are_refused() {
        for bad in [
            "Payload/...app/Info.plist",
            "Payload/.app/Info.plist",
            "Payload/..app/Info.plist",
        ] {
            let err = find_app(&names(&[bad])).unwrap_err();
            assert!(matches!(err, IpaError::Ambiguous(_)), "{bad}: {err}");
        }
    }

    #[test]
    fn two_apps_are_refused() {
        let err = find_app(&names(&[
            "Payload/A.app/Info.plist",
            "Payload/B.app/Info.plist",
        ]));
        assert!(matches!(err, Err(IpaError::SeveralApps(s)) if s == "A.app, B.app"));
    }

    #[test]
    fn extensions_are_counted_once_each() {
        let n = names(&[
            "Payload/A.app/PlugIns/One.appex/Info.plist",
            "Payload/A.app/PlugIns/One.appex/One",
            "Payload/A.app/Extensions/Two.appex/Info.plist",
            "Payload/A.app/PlugIns/One.appex/PlugIns/Nested.appex/Info.plist",
            "Payload/A.app/Frameworks/F.framework/PlugIns/X.appex/Info.plist",
        ]);
        let app = find_app(&n).unwrap();
        assert_eq!(count_extensions(&n, &app), 2);
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_names_never_panic(list in proptest::collection::vec(".{0,24}", 0..8)) {
            let list: Vec<String> = list.into_iter().map(|n| format!("Payload/{n}")).collect();
            if let Ok(app) = find_app(&list) {
                proptest::prop_assert!(app.dir.starts_with("Payload/") && app.dir.ends_with(".app/"));
                let _ = count_extensions(&list, &app);
            }
        }
    }
}
