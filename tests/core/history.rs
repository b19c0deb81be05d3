//! Earlier revisions rebuilt from what each save kept (model::history):
//! every one checked against the hash it recorded, a changed kept value
//! caught, old revisions said to be not kept, nothing old in a redacted
//! bundle, and the cost in file size.

use crate::common::*;
use std::path::Path;
use testimony_vault::bundle::{self, ExportOptions, Profile, Selection, Unlock};
use testimony_vault::model::history::{at_revision, rebuild_all, Past, Step};
use testimony_vault::model::{Case, Incident, ViolationType, Year};
use testimony_vault::sample::sample_case;
use testimony_vault::vault::custody::{check_revision, RevisionCheck};
use testimony_vault::vault::Vault;

/// Edit number `k` of a case: each touches other kinds of field (text in
/// both scripts, numbers, flags, lists of records, a list left out of the
/// record when empty).
fn edit(c: &mut Case, k: usize) {
    match k % 10 {
        0 => c.narrative.push_str(&format!(" 추가 진술 {k}번: 보위부 구류장에서 열흘.")),
        1 => c.narrative = c.narrative.replacen("추가", "보충", 1),
        2 => c.interviewee.pseudonym = format!("가명 {k}"),
        3 => c.interviewee.birth_year = Some(Year::around(1960 + k as i32)),
        4 => c.consent.use_in_court = !c.consent.use_in_court,
        5 => c.incidents.push(Incident { violation: ViolationType::Torture, narrative: format!("사건 {k}"), ..Default::default() }),
        6 => c.interviewee.identifying_words.clear(),
        7 => c.interviewee.identifying_words.push(format!("마을 {k}")),
        8 => {
            if let Some(i) = c.incidents.first_mut() {
                i.place = format!("They were held at camp {k}, near the river");
            }
        }
        _ => c.tags.push(format!("tag {k}")),
    }
}

/// A vault holding one case saved `edits + 1` times; the case as each
/// save stored it, in order.
fn edited_case(dir: &Path, edits: usize) -> (Vault, Vec<Case>) {
    let mut vault = create_vault(dir);
    let mut case = sample_case(3, 600);
    vault.save_case(&mut case, "면담자 A").unwrap();
    let mut saved = vec![case.clone()];
    for k in 0..edits {
        edit(&mut case, k);
        vault.save_case(&mut case, if k % 2 == 0 { "면담자 A" } else { "Interviewer B" }).unwrap();
        saved.push(case.clone());
    }
    (vault, saved)
}

fn rebuilt(p: &Past) -> &Case {
    match p {
        Past::Rebuilt(c) => c,
        other => panic!("expected a rebuilt revision, got {other:?}"),
    }
}

#[test]
fn every_revision_of_a_twenty_edit_case_is_rebuilt_and_matches_its_hash() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, saved) = edited_case(tmp.path(), 20);
    let case = vault.load_case(saved[0].id).unwrap();
    assert_eq!(case.history.len(), 21);
    let pasts = rebuild_all(&case);
    assert_eq!(pasts.len(), 21);
    for (n, (past, expected)) in pasts.iter().zip(&saved).enumerate() {
        let c = rebuilt(past);
        assert_eq!(c.content_hash(), case.history[n].content_hash, "revision {}", n + 1);
        assert_eq!(c.content_bytes(), expected.content_bytes(), "revision {} is not what was saved", n + 1);
        assert_eq!(c.history.len(), n + 1, "the history as it stood at revision {}", n + 1);
        assert_eq!(c.narrative, expected.narrative);
    }
    // Revision 3 by number.
    assert_eq!(rebuilt(&at_revision(&case, 3).unwrap()).interviewee.pseudonym, saved[2].interviewee.pseudonym);
    assert!(at_revision(&case, 99).is_none());
    // The signatures still check: what a revision keeps is not signed text,
    // it is bound by the content hash it rebuilds.
    for r in &case.history {
        assert!(matches!(check_revision(case.id, r), RevisionCheck::Valid(_)), "revision {}", r.number);
    }
}

#[test]
fn a_changed_kept_value_or_current_content_is_a_mismatch_never_shown_as_true() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, saved) = edited_case(tmp.path(), 10);
    let case = vault.load_case(saved[0].id).unwrap();

    // A word of the old pseudonym changed in what revision 4 kept (edit 2
    // set the pseudonym), the JSON still well formed.
    let mut forged = case.clone();
    let before = forged.history[3].before.as_mut().unwrap();
    let kept = before.iter_mut().find(|f| f.field == "interviewee.pseudonym").expect("revision 4 kept the pseudonym");
    let put = kept.edit.iter_mut().find_map(|s| if let Step::Put(t) = s { Some(t) } else { None }).unwrap();
    put.push_str("위조");
    let pasts = rebuild_all(&forged);
    assert!(pasts[..3].iter().all(|p| matches!(p, Past::Mismatch)), "revisions 1-3 came from a changed value: {pasts:?}");
    assert!(pasts[3..].iter().all(|p| matches!(p, Past::Rebuilt(_))), "later revisions are untouched");

    // A step count that no longer fits the text.
    let mut forged = case.clone();
    let before = forged.history[5].before.as_mut().unwrap();
    for f in before.iter_mut() {
        f.edit.insert(0, Step::Keep(3));
    }
    let pasts = rebuild_all(&forged);
    assert!(pasts[..5].iter().all(|p| matches!(p, Past::Mismatch)), "{:?}", &pasts[..5]);

    // Current content changed without a revision: nothing is vouched for.
    let mut forged = case.clone();
    forged.narrative.push_str(" 몰래 덧붙임");
    assert!(rebuild_all(&forged).iter().all(|p| matches!(p, Past::Mismatch)));
}

#[test]
fn revisions_from_before_earlier_content_was_kept_are_reported_as_not_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, saved) = edited_case(tmp.path(), 4);
    let mut case = vault.load_case(saved[0].id).unwrap();
    // As a vault written before this change has them.
    for r in &mut case.history[..3] {
        r.before = None;
    }
    let pasts = rebuild_all(&case);
    assert!(matches!(pasts[0], Past::NotKept) && matches!(pasts[1], Past::NotKept), "{pasts:?}");
    // Revision 3 is rebuilt from what revision 4 kept; it kept nothing of 2.
    assert!(matches!(pasts[2], Past::Rebuilt(_)) && matches!(pasts[4], Past::Rebuilt(_)));

    // The schema 1 fixture recorded no hashes: nothing of it is vouched
    // for, even its current revision; the first save after it is.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault-v1");
    let dir = tmp.path().join("v1");
    for f in all_files(&fixture) {
        let rel = f.strip_prefix(&fixture).unwrap();
        std::fs::create_dir_all(dir.join(rel).parent().unwrap()).unwrap();
        std::fs::copy(&f, dir.join(rel)).unwrap();
    }
    let mut v1 = Vault::open(&dir, &pass("fixture passphrase v1")).unwrap();
    let mut old = v1.load_all().into_iter().map(Result::unwrap).max_by_key(|c| c.history.len()).unwrap();
    let n = old.history.len();
    assert!(rebuild_all(&old).iter().all(|p| matches!(p, Past::NotKept)));
    old.follow_up.push_str(" 다시 연락");
    v1.save_case(&mut old, "면담자 A").unwrap();
    let pasts = rebuild_all(&v1.load_case(old.id).unwrap());
    assert!(matches!(pasts[n], Past::Rebuilt(_)), "{pasts:?}");
    assert!(pasts[..n].iter().all(|p| matches!(p, Past::NotKept)), "{pasts:?}");
}

#[test]
fn a_name_removed_later_is_history_in_the_vault_and_a_full_bundle_but_not_in_a_pseudonymised_one() {
    let _en = english();
    let tmp = tempfile::tempdir().unwrap();
    let mut a = create_vault(&tmp.path().join("a"));
    let b = create_vault(&tmp.path().join("b"));
    let name = "최금순";
    let mut case = sample_case(5, 300);
    case.narrative = format!("그날 밤 이웃 {name}이 보위부에 끌려갔다. 나는 다음 날 떠났다.");
    a.save_case(&mut case, "면담자 A").unwrap();
    // The witness asks for the neighbour's name to go: it is not theirs to give.
    case.narrative = "그날 밤 이웃 한 명이 보위부에 끌려갔다. 나는 다음 날 떠났다.".into();
    a.save_case(&mut case, "면담자 A").unwrap();
    let stored = a.load_case(case.id).unwrap();
    assert!(rebuilt(&rebuild_all(&stored)[0]).narrative.contains(name), "the vault keeps the history");

    let ids = Selection { all: true, ..Default::default() }.select(&a);
    let unlock = Unlock::with_identity(b.key().identity().clone());
    for profile in [Profile::Full, Profile::Pseudonymised, Profile::StatisticsOnly] {
        let path = tmp.path().join(format!("{profile:?}.tvb"));
        let options = ExportOptions { recipients: vec![b.key().recipient().clone()], profile, ..Default::default() };
        bundle::export_cases(&a, &ids, &options, &path).unwrap();
        let plain = age::decrypt(b.key().identity(), &std::fs::read(&path).unwrap()).unwrap();
        let carried = String::from_utf8_lossy(&plain).contains(name);
        let read = bundle::read_bundle(&path, &unlock).unwrap();
        let pasts = rebuild_all(&read.cases[0]);
        if profile == Profile::Full {
            assert!(carried, "a full bundle carries the history");
            assert!(rebuilt(&pasts[0]).narrative.contains(name));
        } else {
            assert!(!carried, "{profile:?} bundle carries the removed name");
            assert!(read.cases[0].history.iter().all(|r| r.before.is_none()), "{profile:?}");
            assert!(pasts[0..].iter().all(|p| !matches!(p, Past::Rebuilt(c) if c.narrative.contains(name))));
        }
    }
}

/// What keeping earlier values costs: the case file after 50 saves that
/// each change a few words of a 3,000-character account, against the file
/// of the same case saved once.
#[test]
fn fifty_edits_of_a_long_narrative_grow_the_case_file_by_little() {
    let tmp = tempfile::tempdir().unwrap();
    let mut vault = create_vault(tmp.path());
    let mut case = sample_case(9, 3000);
    assert!(case.narrative.chars().count() >= 3000);
    vault.save_case(&mut case, "면담자 A").unwrap();
    let size = |v: &Vault, c: &Case| std::fs::metadata(v.case_path(c.id)).unwrap().len();
    let first = size(&vault, &case);
    for k in 0..50 {
        // A sentence added, or a word changed in the middle.
        if k % 2 == 0 {
            case.narrative.push_str(&format!(" 그리고 {k}일째에 다시 불려갔다."));
        } else {
            let mid = case.narrative.char_indices().nth(case.narrative.chars().count() / 2).unwrap().0;
            case.narrative.insert_str(mid, &format!(" (정정 {k}) "));
        }
        vault.save_case(&mut case, "면담자 A").unwrap();
    }
    let after = size(&vault, &case);
    let per_save = (after - first) / 50;
    eprintln!("case file: {first} bytes after 1 save, {after} after 51; {per_save} bytes a save");
    // A whole copy of the account each save would be over 6,000 bytes a
    // save (Hangul is 3 bytes a character); the revision itself (time,
    // editor, hashes, signature) is most of what a save adds.
    assert!(per_save < 1500, "{per_save} bytes a save");
    let stored = vault.load_case(case.id).unwrap();
    assert!(rebuild_all(&stored).iter().all(|p| matches!(p, Past::Rebuilt(_))));
    // Of that, what the kept earlier values take (before compression), and
    // what whole old values would have taken.
    let kept: usize = stored.history.iter().map(|r| ron::to_string(&r.before).unwrap().len()).sum();
    let whole: usize = rebuild_all(&stored)[..50].iter().map(|p| if let Past::Rebuilt(c) = p { c.narrative.len() } else { 0 }).sum();
    eprintln!("kept earlier values: {kept} bytes in all; whole old narratives would be {whole} bytes");
    assert!(kept * 20 < whole, "{kept} vs {whole}");
}

/// After an import and a conflict merged field by field, our revisions and
/// the merge open; the other version's revisions copied in are not kept
/// here (their content never was), and every signature still checks.
#[test]
fn a_merged_conflict_keeps_our_revisions_rebuildable() {
    use testimony_vault::model::Field;
    let tmp = tempfile::tempdir().unwrap();
    let mut a = create_vault(&tmp.path().join("a"));
    let mut b = create_vault(&tmp.path().join("b"));
    let mut case = sample_case(2, 300);
    a.save_case(&mut case, "A").unwrap();
    let send = |from: &Vault, to: &mut Vault, name: &str| {
        let path = tmp.path().join(name);
        let ids = Selection { all: true, ..Default::default() }.select(from);
        let options = ExportOptions { recipients: vec![to.key().recipient().clone()], profile: Profile::Full, ..Default::default() };
        bundle::export_cases(from, &ids, &options, &path).unwrap();
        let unlock = Unlock::with_identity(to.key().identity().clone());
        bundle::import_with(to, &path, &unlock, "B", &bundle::ImportOptions { trust_signer: Some("sender".into()) }).unwrap();
    };
    send(&a, &mut b, "1.tvb");
    let mut ours = b.load_case(case.id).unwrap();
    ours.narrative.push_str(" B가 덧붙인 문장.");
    b.save_case(&mut ours, "B").unwrap();
    case.tags.push("from A".into());
    a.save_case(&mut case, "A").unwrap();
    send(&a, &mut b, "2.tvb");
    let conflict = b.list_conflicts()[0].as_ref().unwrap().id;
    let merged = b.merge_conflict(conflict, &[Field::Tags], "B").unwrap();
    let pasts = rebuild_all(&merged);
    let n = merged.history.len();
    assert!(matches!(pasts[n - 1], Past::Rebuilt(_)), "{pasts:?}");
    for (r, p) in merged.history.iter().zip(&pasts) {
        let copied = r.note.starts_with("from the other version");
        assert_eq!(matches!(p, Past::NotKept), copied, "revision {} ({}): {p:?}", r.number, r.note);
        assert!(!matches!(p, Past::Mismatch), "revision {}", r.number);
        assert!(matches!(check_revision(merged.id, r), RevisionCheck::Valid(_)), "revision {}", r.number);
    }
    let before_b = rebuilt(&pasts[1]);
    assert!(!before_b.narrative.contains("B가 덧붙인"), "the import, before B's edit");
}
