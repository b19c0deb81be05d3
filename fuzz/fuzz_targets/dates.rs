//! Dates as typed by people: errors, never a panic; what parses prints back
//! to the same value.
#![no_main]
use libfuzzer_sys::fuzz_target;
use testimony_vault::model::{DateRange, FuzzyDate};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(d) = FuzzyDate::parse(text) {
        assert_eq!(FuzzyDate::parse(&d.to_iso()).as_ref(), Ok(&d));
        assert_eq!(FuzzyDate::parse(&d.to_korean()).as_ref(), Ok(&d));
    }
    if let Ok(r) = DateRange::parse(text) {
        assert_eq!(DateRange::parse(&r.to_iso()).as_ref(), Ok(&r));
    }
});
