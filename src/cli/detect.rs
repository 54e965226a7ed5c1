use std::io::{BufRead, Write};
use std::process::ExitCode;

use crate::client;

#[derive(clap::Args)]
pub struct Args {
    /// The User-Agent string (quote it). Without it, reads one User-Agent per line from
    /// standard input and prints one JSON object per line.
    user_agent: Option<String>,
}

pub fn run(args: Args) -> ExitCode {
    match args.user_agent {
        Some(ua) => match print(&mut std::io::stdout().lock(), &ua) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => super::fail(e),
        },
        None => {
            let stdin = std::io::stdin().lock();
            let mut out = std::io::stdout().lock();
            for line in stdin.lines() {
                let result = line
                    .map_err(|e| e.to_string())
                    .and_then(|ua| print(&mut out, &ua));
                if let Err(e) = result {
                    return super::fail(e);
                }
            }
            ExitCode::SUCCESS
        }
    }
}

/// `{"platform":…,"in_app":…,"os_version":…,"page":…,"device":…}` and a newline.
fn print(out: &mut impl Write, ua: &str) -> Result<(), String> {
    let json = serde_json::to_string(&client::detect(ua)).map_err(|e| e.to_string())?;
    writeln!(out, "{json}").map_err(|e| e.to_string())
}
