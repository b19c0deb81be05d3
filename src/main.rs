/// Unlocking a large vault allocates and frees millions of small strings
/// (summaries, list rows): mimalloc does it in about half the time of the
/// system allocator (README, Scale), and every block is wiped as it is freed
/// (`allocator::Wiping`). The benchmarks use it too.
#[global_allocator]
static ALLOCATOR: testimony_vault::allocator::Program = testimony_vault::allocator::PROGRAM;

fn main() -> std::process::ExitCode {
    testimony_vault::cli::main()
}
