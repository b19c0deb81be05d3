//! Decrypted settings: errors, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use testimony_vault::vault::format;

fuzz_target!(|data: &[u8]| {
    let file = std::path::Path::new("fuzz/config.age");
    if let Ok(config) = format::decode_config(data, file) {
        let again = format::decode_config(&format::encode_config(&config), file).expect("re-decode");
        assert_eq!(again, config);
    }
});
