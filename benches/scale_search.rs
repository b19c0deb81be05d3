//! Search at archive scale (issue 19, search half). Placeholder while the
//! persisted index is built: generates the shared 100,000-case vault.
#[path = "support/scale.rs"]
mod scale;

fn main() {
    let real = std::env::args().any(|a| a == "--bench");
    let n = if real { 100_000 } else { 200 };
    let t = std::time::Instant::now();
    let dir = scale::scale_vault(n, 10);
    eprintln!("vault {} ready in {:?}", dir.display(), t.elapsed());
}
