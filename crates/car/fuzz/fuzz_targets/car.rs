//! Catalog::open, the listing, and best_icon in every appearance on arbitrary bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use otadrop_car::{Appearance, Catalog, MAX_ICON_SIDE};

fuzz_target!(|data: &[u8]| {
    let Ok(catalog) = Catalog::open(data) else {
        return;
    };
    let _ = catalog.icon_set_names();
    for r in catalog.icon_renditions(None).iter().take(4) {
        if let Ok(icon) = catalog.decode(r) {
            assert_eq!(icon.rgba.len(), icon.width as usize * icon.height as usize * 4);
        }
    }
    for appearance in [Appearance::Light, Appearance::Dark, Appearance::Tinted] {
        if let Ok(Some(icon)) = catalog.best_icon(None, appearance) {
            assert!(icon.width <= MAX_ICON_SIDE && icon.height <= MAX_ICON_SIDE);
            assert_eq!(icon.rgba.len(), icon.width as usize * icon.height as usize * 4);
        }
    }
});
