//! Provisioning profiles: CMS (DER and BER), digest check, plist, certificates.
#![no_main]
use libfuzzer_sys::fuzz_target;
use otadrop_ipa::{parse_profile, Limits};

fuzz_target!(|data: &[u8]| {
    let _ = parse_profile(data, &Limits::default());
});
