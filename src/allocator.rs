//! What the program asks of the system for its memory. The binary's
//! allocator is mimalloc (`src/main.rs`; the scale benchmarks use it too).

/// Turn off transparent huge pages for this process (Linux only; elsewhere
/// nothing). mimalloc asks for them, and with the usual `defrag=madvise`
/// setting a page fault can then wait while the kernel compacts memory and
/// zeroes a whole 2 MB page. A warm command-line search at 100,000 cases
/// spent 0.42–1.80 s in the kernel with them and 0.19–0.23 s without
/// (README, Scale). Best effort: a kernel without the setting runs as before.
pub fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn huge_pages_are_turned_off_for_the_process() {
        super::no_huge_pages();
        assert_eq!(rustix::thread::transparent_huge_pages_are_disabled().ok(), Some(true));
    }
}
