//! What the program asks of the system for its memory. The binary's
//! allocator is [`Program`]: mimalloc, every block wiped as it is freed
//! (`src/main.rs`; the scale benchmarks use it too).

use std::alloc::{GlobalAlloc, Layout};
use zeroize::Zeroize;

/// The allocator of the window and the command line.
pub type Program = Wiping<mimalloc::MiMalloc>;
/// Its one value, for `#[global_allocator]`.
pub const PROGRAM: Program = Wiping(mimalloc::MiMalloc);

/// An allocator that zeroes every block before handing it back to `A`.
///
/// Our own types wipe what they hold (`Case`, keys, decrypted buffers), but
/// dependencies free clear copies: age's 64 KiB chunk buffers, the parser's
/// and the search index's intermediate strings, egui's text buffers. Freed
/// memory stays in the process until reused, so a memory image of a locked
/// laptop (hibernation, swap, a debugger as root) would hold testimony the
/// program no longer uses. Wiping on free closes that for every crate at once
/// (`tests/secrets_in_memory.rs` measures it; the cost is in README, Scale).
pub struct Wiping<A>(pub A);

unsafe impl<A: GlobalAlloc> GlobalAlloc for Wiping<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { self.0.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe { self.0.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // Volatile writes (zeroize): a plain memset before a free is a dead
        // store the optimiser may remove.
        unsafe { std::slice::from_raw_parts_mut(ptr, layout.size()) }.zeroize();
        unsafe { self.0.dealloc(ptr, layout) }
    }

    /// Never the inner allocator's own realloc: moving a block, it would free
    /// the old one unwiped. A new block, a copy, then the old one wiped.
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        let new = unsafe { self.0.alloc(new_layout) };
        if !new.is_null() {
            unsafe {
                std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        new
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::System;
    use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

    /// The system allocator, counting the blocks it gets back with a byte
    /// other than zero in them (read before they are freed: still ours).
    #[derive(Default)]
    struct Inspect(AtomicUsize);

    unsafe impl GlobalAlloc for Inspect {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            if unsafe { std::slice::from_raw_parts(ptr, layout.size()) }.iter().any(|&b| b != 0) {
                self.0.fetch_add(1, SeqCst);
            }
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    /// Fill a block of `size` with 0xA5, grow or shrink it to each of
    /// `sizes` (checking the content moved with it), then free it: how many
    /// blocks reached `A`'s inner allocator holding something.
    fn unwiped(alloc: &impl GlobalAlloc, count: impl Fn() -> usize, size: usize, sizes: &[usize]) -> usize {
        unsafe {
            let mut layout = Layout::from_size_align(size, 8).unwrap();
            let mut ptr = alloc.alloc(layout);
            std::ptr::write_bytes(ptr, 0xA5, size);
            for &next in sizes {
                ptr = alloc.realloc(ptr, layout, next);
                let kept = std::slice::from_raw_parts(ptr, layout.size().min(next));
                assert!(kept.iter().all(|&b| b == 0xA5), "realloc keeps the content");
                std::ptr::write_bytes(ptr, 0xA5, next);
                layout = Layout::from_size_align(next, 8).unwrap();
            }
            alloc.dealloc(ptr, layout);
        }
        count()
    }

    #[test]
    fn every_block_is_wiped_before_the_inner_allocator_gets_it_back() {
        let plain = Inspect::default();
        assert_eq!(unwiped(&plain, || plain.0.load(SeqCst), 100, &[5000, 40, 1 << 20]), 4, "control: the inspector sees them");
        let wiping = Wiping(Inspect::default());
        assert_eq!(unwiped(&wiping, || wiping.0.0.load(SeqCst), 100, &[5000, 40, 1 << 20]), 0);
        assert_eq!(unwiped(&wiping, || wiping.0.0.load(SeqCst), 1, &[]), 0);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn huge_pages_are_turned_off_for_the_process() {
        super::no_huge_pages();
        assert_eq!(rustix::thread::transparent_huge_pages_are_disabled().ok(), Some(true));
    }
}
