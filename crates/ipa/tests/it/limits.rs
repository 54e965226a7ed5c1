//! Robustness properties that need whole archives: only the central directory and the
//! needed entries are read, zip bombs and deep plists are refused with a message.
//!
//! Archives are synthesised here: a tiny stored-zip writer over "segments", where a segment
//! of zeros is virtual, so a 1 GiB entry costs no memory or disk.

use std::io::{self, Read, Seek, SeekFrom, Write};

use otadrop_ipa::{inspect_with, IpaError, Options};

enum Segment {
    Bytes(Vec<u8>),
    Zeros(u64),
}

impl Segment {
    fn len(&self) -> u64 {
        match self {
            Segment::Bytes(b) => b.len() as u64,
            Segment::Zeros(n) => *n,
        }
    }
}

/// A Read + Seek file made of segments, counting the bytes it hands out.
struct VirtualFile {
    segments: Vec<Segment>,
    pos: u64,
    bytes_read: u64,
}

impl VirtualFile {
    fn len(&self) -> u64 {
        self.segments.iter().map(Segment::len).sum()
    }
}

impl Read for VirtualFile {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut start = 0u64;
        for seg in &self.segments {
            let end = start + seg.len();
            if self.pos < end {
                let offset = self.pos - start;
                let n = (buf.len() as u64).min(end - self.pos) as usize;
                match seg {
                    Segment::Bytes(b) => {
                        buf[..n].copy_from_slice(&b[offset as usize..offset as usize + n])
                    }
                    Segment::Zeros(_) => buf[..n].fill(0),
                }
                self.pos += n as u64;
                self.bytes_read += n as u64;
                return Ok(n);
            }
            start = end;
        }
        Ok(0)
    }
}

impl Seek for VirtualFile {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let len = self.len() as i128;
        let target = match to {
            SeekFrom::Start(n) => n as i128,
            SeekFrom::End(n) => len + n as i128,
            SeekFrom::Current(n) => self.pos as i128 + n as i128,
        };
        if target < 0 {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "before start"));
        }
        self.pos = target as u64;
        Ok(self.pos)
    }
}

/// One zip entry: its data (possibly virtual), how it is stored, what it declares.
struct Entry {
    name: String,
    data: Segment,
    method: u16,
    crc: u32,
    uncompressed: u32,
}

fn stored(name: &str, bytes: Vec<u8>) -> Entry {
    let mut crc = flate2::Crc::new();
    crc.update(&bytes);
    Entry {
        name: name.into(),
        uncompressed: bytes.len() as u32,
        crc: crc.sum(),
        data: Segment::Bytes(bytes),
        method: 0,
    }
}

fn deflated(name: &str, bytes: &[u8]) -> Entry {
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(bytes).unwrap();
    Entry {
        name: name.into(),
        uncompressed: bytes.len() as u32,
        crc: crc.sum(),
        data: Segment::Bytes(z.finish().unwrap()),
        method: 8,
    }
}

fn zip(entries: Vec<Entry>) -> VirtualFile {
    let mut segments = Vec::new();
    let mut central = Vec::new();
    let mut offset = 0u64;
    let count = entries.len() as u16;
    for e in entries {
        let compressed = e.data.len() as u32;
        let mut local = Vec::new();
        local.extend(0x04034b50u32.to_le_bytes());
        local.extend(20u16.to_le_bytes());
        local.extend(0u16.to_le_bytes());
        local.extend(e.method.to_le_bytes());
        local.extend(0u16.to_le_bytes());
        local.extend(0x21u16.to_le_bytes());
        local.extend(e.crc.to_le_bytes());
        local.extend(compressed.to_le_bytes());
        local.extend(e.uncompressed.to_le_bytes());
        local.extend((e.name.len() as u16).to_le_bytes());
        local.extend(0u16.to_le_bytes());
        local.extend(e.name.as_bytes());

        central.extend(0x02014b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes());
        central.extend(local[4..30].iter());
        central.extend([0u8; 10]); // comment len, disk, internal, external attributes
        central.extend((offset as u32).to_le_bytes());
        central.extend(e.name.as_bytes());

        offset += local.len() as u64 + e.data.len();
        segments.push(Segment::Bytes(local));
        segments.push(e.data);
    }
    let mut end = Vec::new();
    end.extend(0x06054b50u32.to_le_bytes());
    end.extend([0u8; 4]);
    end.extend(count.to_le_bytes());
    end.extend(count.to_le_bytes());
    end.extend((central.len() as u32).to_le_bytes());
    end.extend((offset as u32).to_le_bytes());
    end.extend(0u16.to_le_bytes());
    segments.push(Segment::Bytes(central));
    segments.push(Segment::Bytes(end));
    VirtualFile {
        segments,
        pos: 0,
        bytes_read: 0,
    }
}

fn info_plist(extra: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\"><dict>\
         <key>CFBundleIdentifier</key><string>com.example.big</string>\
         <key>CFBundleVersion</key><string>3</string>\
         <key>CFBundleExecutable</key><string>Big</string>{extra}</dict></plist>"
    )
    .into_bytes()
}

/// An IPA whose executable is `big` bytes of (virtual) zeros, stored, placed first.
fn ipa_with_executable_of(big: u64) -> VirtualFile {
    zip(vec![
        Entry {
            name: "Payload/Big.app/Big".into(),
            data: Segment::Zeros(big),
            method: 0,
            crc: 0, // never read, so never checked
            uncompressed: big as u32,
        },
        stored("Payload/Big.app/Info.plist", info_plist("")),
    ])
}

/// Inspects `file` with the default options, counting what is read from it.
fn inspect(file: &mut VirtualFile) -> Result<otadrop_ipa::Inspection, IpaError> {
    let size = file.len();
    inspect_with(file, size, &Options::default())
}

#[test]
fn a_1_gib_ipa_reads_as_few_bytes_as_a_1_mib_one() {
    let mut counts = Vec::new();
    for big in [1u64 << 20, 1 << 30] {
        let mut file = ipa_with_executable_of(big);
        let size = file.len();
        let found = inspect_with(&mut file, size, &Options::default()).unwrap();
        assert_eq!(found.info.bundle_id, "com.example.big");
        assert!(found.info.has_executable);
        assert_eq!(found.info.size, size);
        counts.push(file.bytes_read);
    }
    eprintln!("bytes read for a 1 MiB and a 1 GiB IPA: {counts:?}");
    // Same work whatever the size of the entries not needed; and only a few KiB of it.
    assert_eq!(counts[0], counts[1], "bytes read: {counts:?}");
    assert!(counts[1] < 64 * 1024, "bytes read: {counts:?}");
}

#[test]
fn a_huge_declared_info_plist_is_refused_without_reading_it() {
    let mut file = zip(vec![Entry {
        name: "Payload/Bomb.app/Info.plist".into(),
        data: Segment::Zeros(4 << 20),
        method: 8,
        crc: 0,
        uncompressed: 4_000_000_000,
    }]);
    let err = inspect(&mut file).unwrap_err();
    assert!(matches!(err, IpaError::Limit(_)), "{err}");
    assert!(err.to_string().contains("4000000000 bytes"), "{err}");
    assert!(file.bytes_read < 64 * 1024, "{}", file.bytes_read);
}

/// A PNG header announcing 4000x4000, then 15 MiB of zeros: deflates about 1000:1.
fn png_bomb() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(4000u32.to_be_bytes());
    png.extend(4000u32.to_be_bytes());
    png.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    png.resize(15 << 20, 0);
    png
}

#[test]
fn a_zip_bomb_icon_is_refused_on_its_ratio() {
    let mut file = zip(vec![
        stored(
            "Payload/B.app/Info.plist",
            info_plist("<key>CFBundleIconFiles</key><array><string>Icon</string></array>"),
        ),
        deflated("Payload/B.app/Icon@2x.png", &png_bomb()),
    ]);
    let err = inspect(&mut file).unwrap_err();
    assert!(matches!(err, IpaError::Limit(_)), "{err}");
    assert!(err.to_string().contains("zip bomb"), "{err}");
}

#[test]
fn a_deeply_nested_info_plist_is_refused() {
    let deep = format!(
        "<key>X</key>{}{}",
        "<array>".repeat(10_000),
        "</array>".repeat(10_000)
    );
    let mut file = zip(vec![stored("Payload/D.app/Info.plist", info_plist(&deep))]);
    let err = inspect(&mut file).unwrap_err();
    assert!(matches!(err, IpaError::BadInfoPlist(_)), "{err}");
    assert!(err.to_string().contains("nested deeper than 64"), "{err}");
}

#[test]
fn an_entry_that_fails_its_crc_is_named() {
    let mut entry = stored("Payload/C.app/Info.plist", info_plist(""));
    entry.crc ^= 1;
    let mut file = zip(vec![entry]);
    let err = inspect(&mut file).unwrap_err();
    assert!(matches!(err, IpaError::BadEntry { .. }), "{err}");
    assert!(
        err.to_string().contains("Payload/C.app/Info.plist"),
        "{err}"
    );
    assert!(err.is_bad_input());
}

#[test]
fn disk_errors_are_not_blamed_on_the_file() {
    struct Failing;
    impl Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("device gone"))
        }
    }
    impl Seek for Failing {
        fn seek(&mut self, _: SeekFrom) -> io::Result<u64> {
            Ok(1000)
        }
    }
    let err = inspect_with(Failing, 1000, &Options::default()).unwrap_err();
    assert!(!err.is_bad_input(), "{err}");
}

/// Issue 13: archives that are ambiguous or hostile in their structure.
mod structure {
    use super::*;

    /// Renames an entry in its local header only (same length), leaving the central directory
    /// as it was.
    fn rename_local(file: &mut VirtualFile, from: &str, to: &str) {
        assert_eq!(from.len(), to.len());
        for seg in &mut file.segments {
            if let Segment::Bytes(b) = seg {
                if b.starts_with(&0x04034b50u32.to_le_bytes()) && b.ends_with(from.as_bytes()) {
                    let at = b.len() - from.len();
                    b[at..].copy_from_slice(to.as_bytes());
                    return;
                }
            }
        }
        panic!("no local header for {from}");
    }

    #[test]
    fn two_info_plists_are_refused() {
        let mut file = zip(vec![
            stored("Payload/A.app/Info.plist", info_plist("")),
            stored(
                "Payload/A.app/Info.plist",
                info_plist("")
                    .into_iter()
                    .map(|b| if b == b'3' { b'4' } else { b })
                    .collect(),
            ),
        ]);
        let err = inspect(&mut file).unwrap_err();
        assert!(matches!(err, IpaError::Ambiguous(_)), "{err}");
        assert!(err.is_bad_input());
    }

    #[test]
    fn a_local_header_naming_another_file_is_refused() {
        let mut file = zip(vec![
            stored("Payload/A.app/Info.plist", info_plist("")),
            stored("Payload/A.app/Big", b"exe".to_vec()),
        ]);
        rename_local(
            &mut file,
            "Payload/A.app/Info.plist",
            "Payload/A.app/Info.plisx",
        );
        let err = inspect(&mut file).unwrap_err();
        assert!(matches!(err, IpaError::Ambiguous(_)), "{err}");
    }

    #[test]
    fn an_app_folder_named_dot_dot_is_refused() {
        let mut file = zip(vec![stored("Payload/...app/Info.plist", info_plist(""))]);
        let err = inspect(&mut file).unwrap_err();
        assert!(matches!(err, IpaError::Ambiguous(_)), "{err}");
        assert!(err.to_string().contains("\"...app\""), "{err}");
    }

    #[test]
    fn more_entries_than_real_builds_have_are_refused() {
        let limit = otadrop_ipa::Limits::default().max_entries;
        let mut entries = vec![stored("Payload/A.app/Info.plist", info_plist(""))];
        entries.extend((0..limit).map(|i| stored(&format!("Payload/A.app/f{i}"), Vec::new())));
        let mut file = zip(entries);
        let err = inspect(&mut file).unwrap_err();
        assert!(matches!(err, IpaError::Limit(_)), "{err}");
        assert!(
            err.to_string().contains(&format!("at most {limit}")),
            "{err}"
        );
        // Refused from the end record's count: the directory itself was not read.
        assert!(file.bytes_read < 4096, "{}", file.bytes_read);
    }

    #[test]
    fn long_titles_are_cut_with_a_warning_and_long_ids_refused() {
        let title = "é".repeat(100_000);
        let mut file = zip(vec![stored(
            "Payload/A.app/Info.plist",
            info_plist(&format!(
                "<key>CFBundleDisplayName</key><string>{title}</string>"
            )),
        )]);
        let found = inspect(&mut file).unwrap();
        let max = otadrop_ipa::Limits::default().max_title_chars;
        assert_eq!(
            found.info.title.chars().count(),
            max + 1,
            "cut, with an ellipsis"
        );
        assert!(found.info.has_warning("title-truncated"));

        let id = "a".repeat(300);
        let plist = info_plist("").into_iter().collect::<Vec<u8>>();
        let plist = String::from_utf8(plist)
            .unwrap()
            .replace("com.example.big", &id);
        let mut file = zip(vec![stored("Payload/A.app/Info.plist", plist.into_bytes())]);
        let err = inspect(&mut file).unwrap_err();
        assert!(matches!(err, IpaError::Limit(_)), "{err}");
        assert!(err.to_string().contains("CFBundleIdentifier"), "{err}");
    }

    /// A plain RGBA PNG of `side` x `side`, all zero.
    fn blank_png(side: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, side, side);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().unwrap();
        w.write_image_data(&vec![0u8; (side * side * 4) as usize])
            .unwrap();
        w.finish().unwrap();
        out
    }

    #[test]
    fn icons_larger_than_real_icons_are_not_decoded() {
        let icon = |side| {
            let mut file = zip(vec![
                stored(
                    "Payload/A.app/Info.plist",
                    info_plist("<key>CFBundleIconFiles</key><array><string>Icon</string></array>"),
                ),
                deflated("Payload/A.app/Icon.png", &blank_png(side)),
            ]);
            inspect(&mut file).unwrap()
        };
        assert!(icon(1024).icon.is_some(), "the App Store size is decoded");
        let big = icon(1100);
        assert!(big.icon.is_none());
        assert!(
            big.info.has_warning("icon-unreadable"),
            "{:?}",
            big.info.warnings
        );
    }
}
