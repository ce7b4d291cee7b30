//! `softskills`: parses the command, loads configuration, starts logging and dispatches.

fn main() -> std::process::ExitCode {
    softskills::cli::main()
}
