//! Serving-side costs outside the request loop: the manifest of a release, and the catalogue
//! with 10,000 releases (opening the data folder at start-up, and finding one release).
//! The request loop itself is measured against nginx by `benches/load.sh`.
//!
//! `cargo bench --bench serve`

use std::path::Path;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use otadrop::fixture;
use otadrop::store::{Release, ReleaseId, Store};
use otadrop::urls::PublicUrl;

const RELEASES: usize = 10_000;

fn release(i: usize) -> Release {
    fixture::release()
        .id(ReleaseId::new(1_600_000_000_000 + i as u64))
        .created(time::OffsetDateTime::UNIX_EPOCH)
        .sha256("8412b48390243aa11064c707247ca48dd74e4cd4cd2d0dbde76f161b2433c861")
        .size(42_699)
        .notes(Some("Fixes the crash on launch & speeds up <sync>."))
        .has_icon(true)
        .bundle_id(&format!("com.example.app{}", i % 50))
        .title("Tom & Jerry <beta>")
        .minimum_os(Some("15.0"))
        .extensions(1)
        .build()
}

fn manifest(c: &mut Criterion) {
    let r = release(1);
    let base = PublicUrl::parse("https://apps.example.com").unwrap();
    c.bench_function("manifest/urls + manifest.plist XML", |b| {
        b.iter(|| {
            let urls = base.release(&r.id);
            otadrop::manifest::manifest_xml(&r, &urls)
        })
    });
}

/// A data folder with `n` releases written as the store writes them.
fn data_folder(dir: &Path, n: usize) -> Vec<ReleaseId> {
    let releases = dir.join("releases");
    std::fs::create_dir_all(&releases).unwrap();
    (0..n)
        .map(|i| {
            let r = release(i);
            let folder = releases.join(r.id.as_str());
            std::fs::create_dir(&folder).unwrap();
            std::fs::write(
                folder.join("release.json"),
                serde_json::to_vec_pretty(&r).unwrap(),
            )
            .unwrap();
            r.id
        })
        .collect()
}

fn catalogue(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let ids = data_folder(dir.path(), RELEASES);
    let mut group = c.benchmark_group("store");
    group.sample_size(10);
    group.bench_function("open a data folder with 10,000 releases", |b| {
        b.iter_batched(
            || (),
            |()| Store::open_local(dir.path()).unwrap(),
            BatchSize::PerIteration,
        )
    });
    let store = Store::open_local(dir.path()).unwrap();
    let oldest = ids.first().unwrap().clone();
    group.sample_size(50);
    group.bench_function("get the oldest of 10,000 releases", |b| {
        b.iter(|| store.get(&oldest).unwrap())
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(50)
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(3));
    targets = manifest, catalogue
}
criterion_main!(benches);
