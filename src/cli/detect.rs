use std::process::ExitCode;

use crate::client;

#[derive(clap::Args)]
pub struct Args {
    /// The User-Agent string (quote it).
    user_agent: String,
}

pub fn run(args: Args) -> ExitCode {
    match serde_json::to_string(&client::detect(&args.user_agent)) {
        Ok(s) => {
            println!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => super::fail(e),
    }
}
