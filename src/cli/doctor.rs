use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use crate::doctor::{self, Options, TrustRoots};

#[derive(clap::Args)]
pub struct Args {
    /// An itms-services:// link (quote it), an https:// page that contains one, a manifest
    /// URL, or `-` to read the link from standard input.
    input: String,
    /// Print the report as one JSON object instead of a checklist.
    #[arg(long)]
    json: bool,
    /// PEM file of a private CA the devices trust (repeatable), e.g. otadrop's
    /// <data>/tls/ca.crt.
    #[arg(long, value_name = "PEM")]
    ca: Vec<PathBuf>,
    /// Seconds allowed for each network step (DNS, connect, TLS, each request).
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    timeout: u64,
}

/// Exit codes: 0 nothing stops an install (warnings allowed), 1 an install would fail,
/// 2 the input or the options cannot be used.
pub fn run(args: Args) -> ExitCode {
    let usage = |msg: String| {
        eprintln!("otadrop: {msg}");
        ExitCode::from(2)
    };
    let input = if args.input == "-" {
        let mut s = String::new();
        if let Err(e) = std::io::stdin().take(1024 * 1024).read_to_string(&mut s) {
            return usage(format!("reading standard input: {e}"));
        }
        s
    } else {
        args.input
    };
    let mut cas = Vec::new();
    for path in &args.ca {
        match doctor::load_ca_file(path) {
            Ok(c) => cas.extend(c),
            Err(e) => return usage(e),
        }
    }
    let roots = match TrustRoots::new(cas) {
        Ok(r) => r,
        Err(e) => return usage(e),
    };
    let options = Options {
        roots,
        timeout: Duration::from_secs(args.timeout.max(1)),
        public_only: false,
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return usage(format!("starting the runtime: {e}")),
    };
    let report = match runtime.block_on(doctor::diagnose(&input, &options)) {
        Ok(r) => r,
        Err(e) => return usage(e.to_string()),
    };
    if args.json {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => println!("{s}"),
            Err(e) => return usage(e.to_string()),
        }
    } else {
        print!("{}", report.render_text());
    }
    ExitCode::from(report.exit_code())
}
