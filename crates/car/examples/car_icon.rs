//! Lists the icon renditions of an Assets.car, decodes the best icon, and reports the time
//! taken. Used for the README's measurements:
//!
//! ```sh
//! cargo build --release --example car_icon
//! /usr/bin/time -v target/release/examples/car_icon path/to/Assets.car [SetName] [light|dark|tinted]
//! ```
use otadrop_car::{Appearance, Catalog};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: car_icon Assets.car [set name] [light|dark|tinted]");
        std::process::exit(2);
    };
    let set = args.next().filter(|s| !s.is_empty());
    let appearance = match args.next().as_deref() {
        Some("dark") => Appearance::Dark,
        Some("tinted") => Appearance::Tinted,
        _ => Appearance::Light,
    };
    let bytes = std::fs::read(&path).expect("read the file");
    let start = Instant::now();
    let catalog = match Catalog::open(&bytes) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let opened = start.elapsed();
    let best = catalog.best_icon(set.as_deref(), appearance);
    let total = start.elapsed();
    println!("file: {path} ({} bytes)", bytes.len());
    println!("icon sets: {:?}", catalog.icon_set_names());
    for r in catalog.icon_renditions(set.as_deref()) {
        println!(
            "  {:<4}x{:<4} @{}x idiom {} {:?} {:<14} {:?}{} {}",
            r.width,
            r.height,
            r.scale,
            r.idiom,
            r.appearance,
            r.compression.map_or("?".to_string(), |c| c.to_string()),
            r.pixel_format,
            if r.in_atlas { " (atlas)" } else { "" },
            r.name
        );
    }
    match best {
        Ok(Some(icon)) => println!(
            "best: {}x{} from {:?} ({:?}), {} RGBA bytes",
            icon.width,
            icon.height,
            icon.set_name,
            icon.appearance,
            icon.rgba.len()
        ),
        Ok(None) => println!("best: none"),
        Err(e) => println!("best: error: {e}"),
    }
    println!("time: open {:?}, open + best icon {:?}", opened, total);
}
