//! `otadrop migrate --to s3://bucket/prefix`: copies every release of a local data folder into
//! a bucket, in the layout `--storage s3://bucket/prefix` serves. Each release is copied IPA
//! first (hashed on the way and checked against the record's SHA-256, then its size checked in
//! the bucket), icons next, and its record last: a release is in the bucket whole or not at
//! all. Resumable: a release whose record is already in the bucket is skipped, so running the
//! command again after a cut copies only what is left. The local folder is only read.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::store::{s3, LocalBackend, S3Location};

#[derive(clap::Args)]
pub struct Args {
    /// The data folder to copy from.
    #[arg(long, env = "OTADROP_DATA", default_value = "otadrop-data")]
    data: PathBuf,
    /// The bucket and prefix to copy to, as given to `serve --storage`. Credentials, region
    /// and endpoint come from the AWS_* variables.
    #[arg(long, value_name = "s3://BUCKET/PREFIX")]
    to: String,
}

pub fn run(args: Args) -> ExitCode {
    let loc = match S3Location::parse(&args.to) {
        Ok(l) => l,
        Err(e) => return super::fail(e),
    };
    let releases = match LocalBackend::read_releases(&args.data) {
        Ok(mut r) => {
            // Oldest first, always in the same order: a rerun resumes where the last run stopped.
            r.sort_by(|a, b| a.0.id.cmp(&b.0.id));
            r
        }
        Err(e) => return super::fail(format_args!("{}: {e}", args.data.display())),
    };
    let runtime = match super::runtime(true) {
        Ok(r) => r,
        Err(code) => return code,
    };
    runtime.block_on(async move {
        let store = match s3::client(&loc) {
            Ok(s) => s,
            Err(e) => return super::fail(e),
        };
        let (mut copied, mut skipped) = (0, 0);
        for (release, dir) in &releases {
            match s3::copy_release(&store, &loc, release, dir).await {
                Ok(true) => {
                    copied += 1;
                    println!(
                        "copied  {} {} ({} bytes, sha256 {})",
                        release.id, release.app.bundle_id, release.size, release.sha256
                    );
                }
                Ok(false) => {
                    skipped += 1;
                    println!("present {} {}", release.id, release.app.bundle_id);
                }
                Err(e) => {
                    return super::fail(format_args!(
                        "release {}: {e} ({copied} copied; run again to resume)",
                        release.id
                    ))
                }
            }
        }
        // The share links and the install counts, unless the bucket already has them (nodes
        // may have changed them since: never overwrite). The first node to start turns the
        // links into one record each; the counts are added to the nodes' own.
        for document in [crate::access::links::DOCUMENT, crate::installs::FILE] {
            match s3::copy_document(&store, &loc, &args.data, document).await {
                Ok(true) => println!("copied  {document}"),
                Ok(false) => {}
                Err(e) => return super::fail(format_args!("{document}: {e}")),
            }
        }
        println!(
            "{} releases: {copied} copied, {skipped} already in {loc}",
            releases.len()
        );
        ExitCode::SUCCESS
    })
}
