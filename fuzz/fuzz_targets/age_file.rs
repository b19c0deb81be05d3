//! Any file in the vault folder, as read from disk (a tamperer controls all
//! of it): decryption gives an error naming the file, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use testimony_vault::vault::crypto;

fuzz_target!(|data: &[u8]| {
    static ID: OnceLock<age::x25519::Identity> = OnceLock::new();
    let id = ID.get_or_init(age::x25519::Identity::generate);
    let _ = crypto::decrypt(id, data, std::path::Path::new("fuzz/file.age"));
});
