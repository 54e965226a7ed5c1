//! What inspecting an IPA costs: bytes read from the file and time, median of 7 runs.
//! `cargo run --release -p otadrop-ipa --example inspect_cost -- App.ipa`; run it under
//! `/usr/bin/time -v` for the peak RSS.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::time::Instant;

/// A reader that counts the bytes read through it.
struct Counting {
    inner: File,
    read: u64,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

impl Seek for Counting {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(to)
    }
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: inspect_cost App.ipa");
        std::process::exit(2);
    };
    let mut times = Vec::new();
    let mut bytes = 0;
    for _ in 0..7 {
        let file = File::open(&path).expect("open");
        let size = file.metadata().expect("metadata").len();
        let mut counting = Counting {
            inner: file,
            read: 0,
        };
        let start = Instant::now();
        let found =
            otadrop_ipa::inspect_with(&mut counting, size, &otadrop_ipa::Options::default())
                .expect("inspect");
        times.push(start.elapsed());
        bytes = counting.read;
        if times.len() == 1 {
            let icon = found.info.icon.as_ref();
            println!(
                "icon: {:?} {:?} {}x{}, dark {}",
                icon.map(|i| i.source),
                icon.and_then(|i| i.set.clone()),
                icon.map_or(0, |i| i.width),
                icon.map_or(0, |i| i.height),
                icon.is_some_and(|i| i.dark)
            );
        }
    }
    times.sort();
    println!(
        "file {} bytes, read {bytes} bytes, median {:.2} ms (min {:.2}, max {:.2})",
        std::fs::metadata(&path).map_or(0, |m| m.len()),
        times[3].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[6].as_secs_f64() * 1e3
    );
}
