//! The decrypted key file's text (an age identity file with comments):
//! errors, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use testimony_vault::vault::VaultKey;

fuzz_target!(|data: &[u8]| {
    let _ = VaultKey::from_key_file(data, std::path::Path::new("fuzz/key.age"));
});
