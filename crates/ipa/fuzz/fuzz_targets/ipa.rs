//! Whole inspection over arbitrary bytes as an .ipa (zip, plist, profile, icon, CgBI).
#![no_main]
use libfuzzer_sys::fuzz_target;
use otadrop_ipa::{inspect_with, Options};

fuzz_target!(|data: &[u8]| {
    let options = Options::default();
    let _ = inspect_with(std::io::Cursor::new(data), data.len() as u64, &options);
});
