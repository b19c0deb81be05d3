/// Unlocking a large vault allocates and frees millions of small strings
/// (summaries, list rows): mimalloc does it in about half the time of the
/// system allocator (README, Scale). The benchmarks use it too.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    testimony_vault::cli::main()
}
