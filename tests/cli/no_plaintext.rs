//! After a working session full of marker phrases (Latin, Hangul typed in
//! composed and decomposed form, compatibility jamo, full-width letters, the
//! passphrase itself), no marker is found in any file of the vault folder or
//! in any file the session could have left in the temporary folders, in any
//! Unicode normal form or in UTF-16.
//!
//! To extend: add steps to `session` (store an attachment whose bytes and
//! file name hold a marker; export an encrypted bundle and add its path to
//! the scanned roots; a plaintext export the user asked for is the one
//! exception, written outside the scanned folders).

use crate::common::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use testimony_vault::model::{AttachmentRef, Incident};
use testimony_vault::sample::{sample_case, SampleRng};
use testimony_vault::vault::Vault;
use unicode_normalization::UnicodeNormalization;

/// Markers unique to this run, so nothing else on the machine matches.
fn markers() -> Vec<String> {
    let seed = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_nanos() as u64;
    let mut rng = SampleRng::new(seed);
    let mut hangul = |n: usize| -> String {
        (0..n).map(|_| char::from_u32(0xAC00 + rng.below(11172) as u32).unwrap()).collect()
    };
    let (h1, h2, h3, h4) = (hangul(6), hangul(5), hangul(6), hangul(4));
    vec![
        format!("MARKER-{seed:x}-zebra"),
        format!("증언표지{h1}수용소"),
        // Typed decomposed (macOS input, pasted text).
        format!("실명{h2}").nfd().collect(),
        // Compatibility jamo and full-width letters, as some keyboards send.
        format!("ㅂㅣㅁㅣㄹ{h3}ＳＥＣＲＥＴ"),
        format!("연락처 010-{}-{}", seed % 10_000, h4),
    ]
}

/// Every byte form in which a marker could reach a disk.
fn needles(markers: &[String]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for m in markers {
        let forms: [String; 6] =
            [m.clone(), m.nfc().collect(), m.nfd().collect(), m.nfkc().collect(), m.nfkd().collect(), m.to_lowercase()];
        for f in forms {
            out.push((f.clone(), f.as_bytes().to_vec()));
            out.push((format!("{f} (UTF-16LE)"), f.encode_utf16().flat_map(u16::to_le_bytes).collect()));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Files under `root` (not following links), modified at or after `since`
/// when given. Unreadable entries are skipped: other users' files.
fn files_under(root: &Path, since: Option<SystemTime>, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(root) else { return };
    for e in entries.flatten() {
        let Ok(meta) = e.path().symlink_metadata() else { continue };
        if meta.is_dir() {
            files_under(&e.path(), since, out);
        } else if meta.is_file() && since.is_none_or(|t| meta.modified().is_ok_and(|m| m >= t)) {
            out.push(e.path());
        }
    }
}

/// (bytes scanned, hits as "marker in file").
fn scan(files: &[PathBuf], needles: &[(String, Vec<u8>)]) -> (u64, Vec<String>) {
    let mut bytes = 0;
    let mut hits = Vec::new();
    for f in files {
        let Ok(data) = fs::read(f) else { continue };
        if data.len() > 256 << 20 {
            continue;
        }
        bytes += data.len() as u64;
        for (name, n) in needles {
            if data.windows(n.len()).any(|w| w == &n[..]) {
                hits.push(format!("{name:?} in {}", f.display()));
            }
        }
    }
    (bytes, hits)
}

/// Cases, edits (so previous generations exist), drafts, settings and a
/// passphrase change, all carrying markers; then a second session reading
/// everything back.
/// Returns the bundle file the session exported.
fn session(dir: &Path, m: &[String], outside: &Path, bundle_dir: &Path) -> PathBuf {
    let mut vault = create_vault(dir);
    let mut ids = Vec::new();
    for (n, marker) in m.iter().enumerate() {
        let mut case = sample_case(n as u32 + 1, 300);
        case.narrative = format!("{marker} 그날 아침 {marker}");
        case.interviewee.real_name = marker.clone();
        case.interviewee.contact = m[(n + 1) % m.len()].clone();
        case.tags.push(marker.clone());
        case.incidents.push(Incident { narrative: marker.clone(), victims: vec![marker.clone()], ..Incident::default() });
        case.attachments.push(AttachmentRef {
            id: uuid::Uuid::new_v4(),
            file_name: format!("{marker}.m4a"),
            size: 1,
            media_type: "audio/mp4".into(),
            sha256: String::new(),
            added_at: case.created,
            added_by: marker.clone(),
            description: marker.clone(),
            recording: None,
        });
        vault.save_case(&mut case, marker).unwrap();
        case.follow_up = format!("follow up {marker}");
        vault.save_case(&mut case, marker).unwrap();
        let mut draft = case.clone();
        draft.credibility_notes = format!("unsaved {marker}");
        vault.save_draft(&draft).unwrap();
        ids.push(case.id);
    }
    let mut config = vault.config().clone();
    config.editor_name = m[1].clone();
    config.organisation_recipients = vec![m[0].clone()];
    vault.set_config(config.clone()).unwrap();
    config.editor_name = m[2].clone();
    vault.set_config(config).unwrap();
    // Events with markers in every text, saved twice (a previous generation
    // too); the first links a case, so it travels in the bundle.
    let mut book = testimony_vault::events::EventBook::default();
    for (n, marker) in m[..2].iter().enumerate() {
        let mut event = testimony_vault::events::Event::new(marker.clone(), testimony_vault::model::ViolationType::Torture);
        event.description = format!("{marker} 설명");
        event.place = marker.clone();
        event.perpetrator_detail = marker.clone();
        if n == 0 {
            let first = vault.load_case(ids[0]).unwrap();
            event.links.push(testimony_vault::events::Link { case: first.id, incident: first.incidents[0].id });
        }
        book.add(event).unwrap();
        testimony_vault::events::store::save(&vault, &book).unwrap();
    }
    vault.change_passphrase(&pass(PASS), &pass(&m[3]), TEST_WORK_FACTOR).unwrap();
    drop(vault);

    let mut vault = Vault::open(dir, &pass(&m[3])).unwrap();
    assert_eq!(vault.len(), m.len());
    // A real attachment whose bytes carry the markers, from a folder outside
    // the scanned ones (it is the user's own plaintext original).
    let original = outside.join("recording.m4a");
    fs::write(&original, m.join(" | ")).unwrap();
    let mut case = vault.load_case(ids[0]).unwrap();
    vault.attach_file(&mut case, &original, &m[1], &m[2]).unwrap();
    // A full-profile bundle (attachments included) to the organisation key.
    let org = age::x25519::Identity::generate();
    let bundle = bundle_dir.join("export.tvb");
    let options = testimony_vault::bundle::ExportOptions {
        recipients: vec![org.to_public()],
        passphrase: None,
        work_factor: None,
        profile: testimony_vault::bundle::Profile::Full,
        ..Default::default()
    };
    testimony_vault::bundle::export_cases(&vault, &ids, &options, &bundle).unwrap();
    assert!(fs::metadata(&bundle).unwrap().len() > 0);
    for (n, id) in ids.iter().enumerate() {
        let case = vault.load_case(*id).unwrap();
        assert_eq!(case.interviewee.real_name, m[n], "the markers are really stored");
        assert!(vault.load_draft(*id).unwrap().is_some());
        assert!(vault.load_previous_generation(*id).unwrap().is_some());
    }
    assert_eq!(vault.config().editor_name, m[2]);
    bundle
}

#[test]
fn no_marker_reaches_the_vault_folder_or_the_temporary_folders() {
    let m = markers();
    let needles = needles(&m);
    // The scanner finds a marker in every form it looks for.
    let control = tempfile::tempdir().unwrap();
    fs::write(control.path().join("plain.txt"), m[2].nfc().collect::<String>()).unwrap();
    fs::write(control.path().join("utf16.txt"), m[1].encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>())
        .unwrap();
    let mut files = Vec::new();
    files_under(control.path(), None, &mut files);
    let (_, control_hits) = scan(&files, &needles);
    assert!(control_hits.len() >= 2, "the scanner must see planted markers: {control_hits:?}");
    drop(control);

    let started = SystemTime::now() - std::time::Duration::from_secs(2);
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let bundle_dir = tempfile::tempdir().unwrap();
    let bundle = session(dir.path(), &m, outside.path(), bundle_dir.path());
    let (bundle_bytes, hits) = scan(std::slice::from_ref(&bundle), &needles);
    assert!(hits.is_empty(), "plaintext in the exported bundle: {hits:?}");

    let mut vault_files = Vec::new();
    files_under(dir.path(), None, &mut vault_files);
    let (vault_bytes, hits) = scan(&vault_files, &needles);
    assert!(hits.is_empty(), "plaintext in the vault folder: {hits:?}");

    // Anything written to the temporary folders during the session.
    let mut temp_files = Vec::new();
    for root in [std::env::temp_dir(), PathBuf::from("/dev/shm"), PathBuf::from("/var/tmp")] {
        files_under(&root, Some(started), &mut temp_files);
    }
    temp_files.retain(|f| !f.starts_with(dir.path()) && !f.starts_with(outside.path()));
    let (temp_bytes, hits) = scan(&temp_files, &needles);
    assert!(hits.is_empty(), "plaintext in a temporary folder: {hits:?}");
    println!(
        "no plaintext: {} marker forms; vault folder: {} files, {vault_bytes} bytes scanned; bundle: {bundle_bytes} bytes; temporary folders: {} files changed during the session, {temp_bytes} bytes scanned; 0 hits",
        needles.len(),
        vault_files.len(),
        temp_files.len()
    );
}
