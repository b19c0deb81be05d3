//! What must survive: SIGKILL in the middle of saves, tampered files, a full
//! disk, two writers at once; and what keeps keys from leaking (keys). See RELIABILITY.md.

#[path = "../common/mod.rs"]
mod common;
#[path = "../writer/mod.rs"]
mod writer;
mod concurrency;
mod crash_loop;
mod full_disk;
mod index_migration;
mod keys;
mod recording_crash;
mod recording_full_disk;
mod tamper;
