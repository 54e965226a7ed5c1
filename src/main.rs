use std::process::ExitCode;

fn main() -> ExitCode {
    otadrop::cli::main()
}
