//! `softskills`: parses the command, loads configuration, starts logging and dispatches.

/// mimalloc instead of the system allocator: a search or an answer save makes many small
/// allocations on several threads, and malloc and free took 12-14 % of the server's CPU
/// (bench/REPORT.md, issue 14).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    softskills::cli::main()
}
