//! Nothing of an unlocked vault left around it by the operating system.
//!
//! A crash while unlocked would let systemd-coredump (the default on Fedora
//! and Arch) write the vault key and decrypted cases to disk, so the process
//! makes itself not dumpable (`prctl(PR_SET_DUMPABLE, 0)`, which also keeps
//! other processes of the same user from attaching a debugger) and sets its
//! core size limit to 0, first thing, in the window and the command line.
//! The key material is locked in memory where the system permits
//! ([`lock_in_memory`]), so it is not written to swap; failure there is
//! not fatal (a low `RLIMIT_MEMLOCK`): use an encrypted swap.

/// What [`harden_process`] managed; each step is best effort.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hardening {
    pub not_dumpable: bool,
    pub no_core_files: bool,
}

/// Disable core dumps for this process. Call before any secret is read.
pub fn harden_process() -> Hardening {
    imp::harden_process()
}

/// Ask the system to keep the memory of `value` out of swap. Returns
/// whether it agreed. The pages stay locked for the life of the process,
/// which is harmless: they hold a key or are later reused by the allocator.
pub fn lock_in_memory<T: ?Sized>(value: &T) -> bool {
    imp::lock_in_memory(std::ptr::from_ref(value).cast::<u8>(), std::mem::size_of_val(value))
}

#[cfg(target_os = "linux")]
use linux as imp;
#[cfg(not(target_os = "linux"))]
use portable as imp;

#[cfg(target_os = "linux")]
mod linux {
    use super::Hardening;
    use rustix::process::{set_dumpable_behavior, setrlimit, DumpableBehavior, Resource, Rlimit};

    pub fn harden_process() -> Hardening {
        Hardening {
            not_dumpable: set_dumpable_behavior(DumpableBehavior::NotDumpable).is_ok(),
            no_core_files: setrlimit(Resource::Core, Rlimit { current: Some(0), maximum: Some(0) }).is_ok(),
        }
    }

    pub fn lock_in_memory(ptr: *const u8, len: usize) -> bool {
        if len == 0 {
            return true;
        }
        // SAFETY: mlock only changes how the pages are kept; the range is
        // the memory of a live value, which the caller borrows.
        unsafe { rustix::mm::mlock(ptr.cast_mut().cast(), len) }.is_ok()
    }
}

/// Other systems: nothing is asked of them yet (a future port should use
/// `setrlimit` and `mlock` from libc); the program runs as before. Compiled
/// and tested on Linux too, so the fallback cannot rot unseen.
#[cfg_attr(target_os = "linux", allow(dead_code))]
mod portable {
    use super::Hardening;

    pub fn harden_process() -> Hardening {
        Hardening::default()
    }

    pub fn lock_in_memory(_ptr: *const u8, _len: usize) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::{portable, Hardening};

    #[test]
    fn the_fallback_asks_nothing_and_says_so() {
        assert_eq!(portable::harden_process(), Hardening::default());
        let secret = [7u8; 32];
        assert!(!portable::lock_in_memory(secret.as_ptr(), secret.len()));
    }
}
