fn main() -> std::process::ExitCode {
    testimony_vault::cli::main()
}
