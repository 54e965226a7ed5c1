//! PNG header reading, CgBI conversion, and the 57/512 renditions of the result.
#![no_main]
use libfuzzer_sys::fuzz_target;
use otadrop_ipa::{cgbi, render_icon, Limits};

fuzz_target!(|data: &[u8]| {
    let _ = cgbi::header(data);
    let limits = Limits {
        max_png_side: 1024,
        ..Limits::default()
    };
    if let Ok(png) = cgbi::to_standard_png(data, limits.max_png_side) {
        // The output of a conversion must itself be a readable PNG.
        if png.as_ref() != data {
            let header = cgbi::header(&png).expect("converted PNG has a header");
            assert!(!header.cgbi);
        }
    }
    let _ = render_icon(data, &limits);
});
