//! A decrypted bundle (tar archive + manifest + cases): errors, never a
//! panic; a bundle that reads must list exactly the cases it holds.
#![no_main]
use libfuzzer_sys::fuzz_target;
use testimony_vault::bundle::format;

fuzz_target!(|data: &[u8]| {
    let file = std::path::Path::new("fuzz/bundle.tvb");
    let mut seen = 0usize;
    let read = format::read_archive(data, file, &mut |_, r| {
        seen += 1;
        std::io::copy(r, &mut std::io::sink()).map(|_| ())
    });
    if let Ok(archive) = read {
        assert_eq!(archive.cases.len(), archive.manifest.cases.len());
        assert_eq!(seen, archive.manifest.attachments.len());
    }
});
