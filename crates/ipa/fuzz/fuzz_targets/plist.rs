//! The bounded property-list parser (XML, binary, ASCII).
#![no_main]
use libfuzzer_sys::fuzz_target;
use otadrop_ipa::{plist_limited, Limits};

fuzz_target!(|data: &[u8]| {
    let _ = plist_limited::parse(data, &Limits::default());
});
