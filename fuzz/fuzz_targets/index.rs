//! A decrypted index file: errors, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use testimony_vault::vault::format;

fuzz_target!(|data: &[u8]| {
    let file = std::path::Path::new("fuzz/index.age");
    if let Ok(index) = format::decode_index(data, file) {
        let again = format::decode_index(&format::encode_index(&index), file).expect("re-decode");
        assert_eq!(again.entries.len(), index.entries.len());
    }
});
