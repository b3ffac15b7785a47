//! The `gdpr-inbox` binary; everything lives in the library (see `cli`).

fn main() -> std::process::ExitCode {
    gdpr_inbox::cli::main()
}
