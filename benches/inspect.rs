//! IPA inspection: a small real IPA (in memory) and a generated 1 GiB IPA on disk (the entries
//! of the same real IPA plus one stored entry of 1 GiB of pseudo-random bytes, made once under
//! cargo's target tmp folder). Inspection reads the zip's central directory and the few entries
//! it needs, never the whole file: the setup checks that by counting the bytes read.
//!
//! `cargo bench --bench inspect`

use std::fs::File;
use std::io::{BufWriter, Cursor, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};

const SMALL: &str = "../shared/fixtures/ipa/bitrise__ios-simple-objc.ipa";
const BIG_SIZE: u64 = 1024 * 1024 * 1024;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A reader that counts the bytes it hands out.
struct Counting<R> {
    inner: R,
    read: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

impl<R: Seek> Seek for Counting<R> {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(pos)
    }
}

impl<R: Read> Counting<R> {
    fn new(inner: R) -> Self {
        Counting { inner, read: 0 }
    }
}

/// Fills `buf` with xorshift64* output: incompressible and cheap to make.
fn fill_random(state: &mut u64, buf: &mut [u8]) {
    for chunk in buf.chunks_mut(8) {
        *state ^= *state >> 12;
        *state ^= *state << 25;
        *state ^= *state >> 27;
        let v = state.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes();
        chunk.copy_from_slice(&v[..chunk.len()]);
    }
}

/// The 1 GiB IPA, generated on first use.
fn big_ipa() -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-1GiB.ipa");
    if path.metadata().is_ok_and(|m| m.len() > BIG_SIZE) {
        return path;
    }
    eprintln!("generating {} (once)", path.display());
    let part = path.with_extension("part");
    let mut src = zip::ZipArchive::new(File::open(fixture(SMALL)).unwrap()).unwrap();
    let mut dst = zip::ZipWriter::new(BufWriter::new(File::create(&part).unwrap()));
    let mut app = None;
    for i in 0..src.len() {
        let entry = src.by_index_raw(i).unwrap();
        let name = entry.name().unwrap().to_string();
        if let Some(rest) = name.strip_prefix("Payload/") {
            if let Some((dir, _)) = rest.split_once('/') {
                app.get_or_insert_with(|| dir.to_string());
            }
        }
        dst.raw_copy_file(entry).unwrap();
    }
    let app = app.expect("the fixture has a Payload/*.app");
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(false);
    dst.start_file(format!("Payload/{app}/payload.bin"), options)
        .unwrap();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut buf = vec![0u8; 4 * 1024 * 1024];
    let mut left = BIG_SIZE;
    while left > 0 {
        let n = left.min(buf.len() as u64) as usize;
        fill_random(&mut state, &mut buf[..n]);
        dst.write_all(&buf[..n]).unwrap();
        left -= n as u64;
    }
    dst.finish().unwrap().flush().unwrap();
    std::fs::rename(&part, &path).unwrap();
    path
}

fn small(c: &mut Criterion) {
    let bytes = std::fs::read(fixture(SMALL)).expect("fixture IPA");
    let size = bytes.len() as u64;
    c.bench_function("inspect/small real IPA (48 KiB, in memory)", |b| {
        b.iter(|| otadrop::ipa::inspect(Cursor::new(&bytes), size).expect("inspects"))
    });
}

fn big(c: &mut Criterion) {
    let path = big_ipa();
    let size = path.metadata().unwrap().len();
    let mut counting = Counting::new(File::open(&path).unwrap());
    otadrop::ipa::inspect(&mut counting, size).expect("the generated IPA inspects");
    eprintln!(
        "inspect/1 GiB IPA: {} bytes read of {size} ({:.4}%)",
        counting.read,
        counting.read as f64 * 100.0 / size as f64
    );
    assert!(
        counting.read < 16 * 1024 * 1024,
        "inspection read {} bytes of a 1 GiB IPA",
        counting.read
    );
    c.bench_function("inspect/generated 1 GiB IPA (inspect_path)", |b| {
        b.iter(|| otadrop::ipa::inspect_path(&path).expect("inspects"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(3));
    targets = small, big
}
criterion_main!(benches);
