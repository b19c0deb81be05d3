//! A decrypted case file (RON, any schema version): errors, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use testimony_vault::vault::format;

fuzz_target!(|data: &[u8]| {
    let file = std::path::Path::new("fuzz/case.age");
    if let Ok(case) = format::decode_case(data, file) {
        // Whatever decodes must encode and decode to the same case.
        let again = format::decode_case(&format::encode_case(&case), file).expect("re-decode");
        assert_eq!(again, case);
    }
});
