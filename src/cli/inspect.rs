use std::path::PathBuf;
use std::process::ExitCode;

use crate::ipa;

#[derive(clap::Args)]
pub struct Args {
    /// The .ipa file.
    ipa: PathBuf,
    /// Print one JSON object (the documented contract) instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> ExitCode {
    match ipa::inspect_path(&args.ipa) {
        Ok(found) => {
            if args.json {
                match serde_json::to_string_pretty(&found.info) {
                    Ok(s) => println!("{s}"),
                    Err(e) => return super::fail(e),
                }
            } else {
                println!(
                    "{} {} ({})",
                    found.info.title, found.info.version, found.info.build
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => super::fail(format_args!("{}: {e}", args.ipa.display())),
    }
}
