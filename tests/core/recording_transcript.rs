//! A recording's transcription and marker labels are testimony: a full
//! bundle carries them; a redacted bundle (pseudonymised, statistics only)
//! carries no attachment, so neither its transcription nor its markers,
//! and not the witness's name written in them; the walk over a case's text
//! visits them, so search finds and wiping clears them. Recording facts
//! written before transcriptions existed read unchanged.

use crate::common::*;
use crate::recording::{record_tone, vault_with_case};
use testimony_vault::bundle::redact::{redact_with, RedactOptions};
use testimony_vault::bundle::{self, ExportOptions, Profile, Selection, Unlock};
use testimony_vault::model::recording::RecordingInfo;

const TRANSCRIPT: &str = "[00:01] 박영호는 회령에서 잡혔다. [00:02] 영호 씨의 형도 함께.";

#[test]
fn a_transcript_travels_in_a_full_bundle_and_no_redacted_bundle_carries_it_or_the_witness_name() {
    let (a_dir, b_dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut a, mut case) = vault_with_case(a_dir.path());
    record_tone(&mut a, &case, 2.0);
    case = a.load_case(case.id).unwrap();
    case.interviewee.real_name = "박영호".into();
    let rec = case.attachments[0].recording.as_mut().unwrap();
    rec.transcript = TRANSCRIPT.into();
    rec.markers[0].label = "박영호 체포".into();
    a.save_case(&mut case, "A").unwrap();
    let last = case.history.last().unwrap();
    assert!(last.changed_fields.iter().any(|f| f == "attachments[0].recording.transcript"), "{last:?}");

    // Full: the transcription arrives whole.
    let mut b = create_vault(b_dir.path());
    let path = out.path().join("full.tvb");
    let ids = Selection { all: true, ..Default::default() }.select(&a);
    let options = ExportOptions { recipients: vec![b.key().recipient().clone()], profile: Profile::Full, ..Default::default() };
    bundle::export_cases(&a, &ids, &options, &path).unwrap();
    let unlock = Unlock::with_identity(b.key().identity().clone());
    bundle::import_with(&mut b, &path, &unlock, "B", &bundle::ImportOptions { trust_signer: Some("a".into()) }).unwrap();
    let got = b.load_case(case.id).unwrap();
    assert_eq!(got.attachments[0].recording.as_ref().unwrap().transcript, TRANSCRIPT);

    // The bundles' decrypted bytes: the full one holds the name (so the
    // search can find it); the redacted ones hold neither the name nor
    // the transcription.
    let identity = age::x25519::Identity::generate();
    for profile in [Profile::Full, Profile::Pseudonymised, Profile::StatisticsOnly] {
        let path = out.path().join(format!("{profile:?}.tvb"));
        let options = ExportOptions { recipients: vec![identity.to_public()], profile, ..Default::default() };
        bundle::export_cases(&a, &ids, &options, &path).unwrap();
        let plain = age::decrypt(&identity, &std::fs::read(&path).unwrap()).unwrap();
        let has = |needle: &str| plain.windows(needle.len()).any(|w| w == needle.as_bytes());
        if profile == Profile::Full {
            assert!(has("박영호는 회령에서") && has("박영호 체포"), "the full bundle carries the transcription and marker");
        } else {
            for needle in ["박영호", "영호", "회령에서 잡혔다", "체포"] {
                assert!(!has(needle), "{needle} left in a {profile:?} bundle");
            }
        }
    }
    // The redaction itself: no attachment, so no transcription, is kept.
    for profile in [Profile::Pseudonymised, Profile::StatisticsOnly] {
        let red = redact_with(&case, profile, &RedactOptions::default()).unwrap();
        assert!(red.attachments.is_empty(), "{profile:?}");
    }
    // Search reads it like any text of the case.
    let mut seen = Vec::new();
    case.each_text(|field, text| seen.push((field, text.clone())));
    assert!(seen.contains(&(testimony_vault::model::Field::RecordingTranscript, TRANSCRIPT.to_string())));
}

#[test]
fn recording_facts_written_before_transcripts_and_links_read_unchanged() {
    let old = r#"(duration_seconds:61.5,codec:"opus",sample_rate:48000,markers:[(at_seconds:3.0,label:"경계")])"#;
    let info: RecordingInfo = ron::from_str(old).unwrap();
    assert_eq!((info.transcript.as_str(), info.markers[0].incident), ("", None));
    // Written back the same way, so content hashes do not move.
    assert_eq!(ron::to_string(&info).unwrap(), old);
}
