//! The `otadrop` command: one file per subcommand, each with its clap arguments and `run`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod client;
mod detect;
mod doctor;
mod inspect;
mod links;
mod migrate;
mod publish;
mod serve;

#[derive(Parser)]
#[command(
    name = "otadrop",
    version,
    about = "Turns an iOS .ipa into a one-tap install page"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

// Parsed once per run: the size of the largest variant costs nothing worth boxing for.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Run the service (defaults: ./otadrop-data, HTTPS on :8443 with a local CA).
    Serve(Box<serve::Args>),
    /// Upload an .ipa to an otadrop server and print its page URL (or, with --share, a share link).
    Publish(publish::Args),
    /// Make, list and revoke share links on an otadrop server.
    Links(links::Args),
    /// Describe an .ipa: bundle, icon, signing, warnings.
    Inspect(inspect::Args),
    /// Show what otadrop makes of a User-Agent, and which page it would serve.
    Detect(detect::Args),
    /// Find out why an install link does not work (any OTA link, not only otadrop's).
    Doctor(doctor::Args),
    /// Copy a local data folder's releases into an S3-compatible bucket (resumable).
    Migrate(migrate::Args),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => serve::run(*args),
        Command::Publish(args) => publish::run(args),
        Command::Links(args) => links::run(args),
        Command::Inspect(args) => inspect::run(args),
        Command::Detect(args) => detect::run(args),
        Command::Doctor(args) => doctor::run(args),
        Command::Migrate(args) => migrate::run(args),
    }
}

/// Prints `otadrop: <message>` on stderr and returns the failure exit code.
pub(crate) fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("otadrop: {message}");
    ExitCode::FAILURE
}

/// A tokio runtime for a command: on the machine's threads with `multi_thread`, else on this
/// one. One that cannot start is a failure, printed as [`fail`] does.
pub(crate) fn runtime(multi_thread: bool) -> Result<tokio::runtime::Runtime, ExitCode> {
    let mut builder = if multi_thread {
        tokio::runtime::Builder::new_multi_thread()
    } else {
        tokio::runtime::Builder::new_current_thread()
    };
    builder
        .enable_all()
        .build()
        .map_err(|e| fail(format_args!("starting the runtime: {e}")))
}

/// Runs a command's work on a one-thread runtime: success, or its message printed as [`fail`]
/// does.
pub(crate) fn run_to_end(work: impl std::future::Future<Output = Result<(), String>>) -> ExitCode {
    let runtime = match runtime(false) {
        Ok(r) => r,
        Err(code) => return code,
    };
    match runtime.block_on(work) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(message),
    }
}
