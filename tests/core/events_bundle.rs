//! Events through bundles: two laptops link different incidents to one
//! event and exchange bundles; links merge, differences are kept as
//! conflicts, re-importing changes nothing, and the redaction profiles keep
//! links by id while statistics-only bundles carry no event text.

use crate::common::events::save_small_vault;
use crate::common::*;
use std::path::Path;
use testimony_vault::bundle::{self, ConsentChoice, ExportOptions, ImportReport, Profile, Selection, Unlock};
use testimony_vault::events::{store, Event, EventBook, Link};
use testimony_vault::model::{Case, ViolationType};
use testimony_vault::Vault;

/// These witnesses' consent is not what is tested here: their cases are
/// included explicitly (the manifest records it).
fn anyway() -> ConsentChoice {
    ConsentChoice { include_all: true, ..ConsentChoice::default() }
}

fn send(from: &Vault, to: &mut Vault, profile: Profile, out: &Path) -> ImportReport {
    let ids = Selection { all: true, ..Default::default() }.select(from);
    let options = ExportOptions { recipients: vec![to.key().recipient().clone()], profile, consent: anyway(), ..Default::default() };
    bundle::export_cases(from, &ids, &options, out).unwrap();
    let unlock = Unlock::with_identity(to.key().identity().clone());
    bundle::import_with(to, out, &unlock, "B", &bundle::ImportOptions { trust_signer: Some("laptop".into()) }).unwrap()
}

fn link(case: &Case, n: usize) -> Link {
    Link { case: case.id, incident: case.incidents[n - 1].id }
}

fn edit(vault: &Vault, f: impl FnOnce(&mut EventBook)) {
    let mut book = store::load(vault).unwrap().book;
    f(&mut book);
    store::save(vault, &book).unwrap();
}

#[test]
fn two_laptops_link_different_incidents_to_one_event_and_merge() {
    let _en = english();
    let (da, db, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut a = create_vault(da.path());
    let mut b = create_vault(db.path());
    let [x, y, z] = save_small_vault(&mut a);
    let mut event = Event::new("회령 공개처형", ViolationType::PublicExecution);
    event.links = vec![link(&x, 1)];
    let id = event.id;
    edit(&a, |book| {
        book.add(event).unwrap();
    });
    let r = send(&a, &mut b, Profile::Full, &out.path().join("1.tvb"));
    assert_eq!((r.events.added, r.events.links_added, r.events.conflicts), (1, 1, 0));
    assert!(r.events.summary().unwrap().contains("1 added"));

    // Laptop A links the second witness, laptop B the third.
    edit(&a, |book| assert!(book.link(id, link(&y, 1)).unwrap()));
    edit(&b, |book| assert!(book.link(id, link(&z, 1)).unwrap()));
    let r = send(&a, &mut b, Profile::Full, &out.path().join("2.tvb"));
    assert_eq!((r.events.added, r.events.links_added, r.events.conflicts), (0, 1, 0));
    let r = send(&b, &mut a, Profile::Full, &out.path().join("3.tvb"));
    assert_eq!((r.events.added, r.events.links_added, r.events.conflicts), (0, 1, 0));
    for v in [&a, &b] {
        let book = store::load(v).unwrap().book;
        let mut links = book.get(id).unwrap().links.clone();
        links.sort();
        let mut want = vec![link(&x, 1), link(&y, 1), link(&z, 1)];
        want.sort();
        assert_eq!(links, want, "both laptops hold the three links");
    }

    // Both retitle it: the difference is kept for the user, not dropped.
    edit(&a, |book| book.events[0].title = "Hoeryong execution, March 2010".into());
    edit(&b, |book| book.events[0].title = "회령 시장 공개처형".into());
    let path = out.path().join("4.tvb");
    let r = send(&b, &mut a, Profile::Full, &path);
    assert_eq!(r.events.conflicts, 1);
    let book = store::load(&a).unwrap().book;
    assert_eq!(book.get(id).unwrap().title, "Hoeryong execution, March 2010", "ours untouched");
    assert_eq!(book.conflicts.len(), 1);
    assert_eq!(book.conflicts[0].fields, vec!["title".to_string()]);
    assert_eq!(book.conflicts[0].theirs.title, "회령 시장 공개처형");
    // The same bundle again: nothing new.
    let unlock = Unlock::with_identity(a.key().identity().clone());
    let again = bundle::import(&mut a, &path, &unlock, "A").unwrap();
    assert_eq!(again.events.conflicts, 0);
    assert!(again.is_no_op(), "{:?}", again.events);
    assert_eq!(store::load(&a).unwrap().book.conflicts.len(), 1);
    // Taking theirs settles it.
    edit(&a, |book| assert_eq!(book.resolve(id, true).unwrap(), 1));
    let book = store::load(&a).unwrap().book;
    assert_eq!(book.get(id).unwrap().title, "회령 시장 공개처형");
    assert_eq!(book.get(id).unwrap().links.len(), 3, "links stay");
    assert!(book.conflicts.is_empty());
}

#[test]
fn a_link_to_an_incident_in_another_event_here_is_kept_as_a_conflict() {
    let (da, db, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut a = create_vault(da.path());
    let mut b = create_vault(db.path());
    let [x, _, _] = save_small_vault(&mut a);
    send(&a, &mut b, Profile::Full, &out.path().join("1.tvb"));
    let mut theirs = Event::new("A's event", ViolationType::PublicExecution);
    theirs.links = vec![link(&x, 1)];
    edit(&a, |book| {
        book.add(theirs).unwrap();
    });
    let mut ours = Event::new("B's event", ViolationType::PublicExecution);
    ours.links = vec![link(&x, 1)];
    edit(&b, |book| {
        book.add(ours).unwrap();
    });
    let r = send(&a, &mut b, Profile::Full, &out.path().join("2.tvb"));
    assert_eq!((r.events.added, r.events.links_added, r.events.conflicts), (1, 0, 1));
    let book = store::load(&b).unwrap().book;
    assert_eq!(book.events.len(), 2);
    assert_eq!(book.conflicts[0].blocked_links, vec![link(&x, 1)]);
    assert_eq!(book.event_of(x.incidents[0].id).unwrap().title, "B's event");
}

fn bundle_plaintext(from: &Vault, profile: Profile, out: &Path) -> Vec<u8> {
    let identity = age::x25519::Identity::generate();
    let ids = Selection { all: true, ..Default::default() }.select(from);
    let options = ExportOptions { recipients: vec![identity.to_public()], profile, consent: anyway(), ..Default::default() };
    bundle::export_cases(from, &ids, &options, out).unwrap();
    age::decrypt(&identity, &std::fs::read(out).unwrap()).unwrap()
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn redaction_profiles_keep_links_and_statistics_only_keeps_no_event_text() {
    let (da, db, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut a = create_vault(da.path());
    let [mut x, y, _] = save_small_vault(&mut a);
    x.interviewee.real_name = "홍길순".into();
    a.save_case(&mut x, "A").unwrap();
    let mut event = Event::new("증인 홍길순이 본 처형", ViolationType::PublicExecution);
    event.description = "시장 옆 공터에서".into();
    event.place = "회령 역전".into();
    event.links = vec![link(&x, 1), link(&y, 1)];
    edit(&a, |book| {
        book.add(event).unwrap();
    });
    let full = bundle_plaintext(&a, Profile::Full, &out.path().join("f.tvb"));
    assert!(contains(&full, "events.ron") && contains(&full, "시장 옆 공터에서"));
    let pseudo = bundle_plaintext(&a, Profile::Pseudonymised, &out.path().join("p.tvb"));
    assert!(!contains(&pseudo, "홍길순"), "a removed name is scrubbed from the event too");
    assert!(contains(&pseudo, "시장 옆 공터에서"));
    let stats = bundle_plaintext(&a, Profile::StatisticsOnly, &out.path().join("s.tvb"));
    for text in ["시장 옆 공터에서", "회령 역전", "본 처형"] {
        assert!(!contains(&stats, text), "statistics-only bundle leaks {text}");
    }
    assert!(contains(&stats, &x.incidents[0].id.to_string()), "links travel by id");

    // And a statistics-only import counts the event.
    let mut b = create_vault(db.path());
    let r = send(&a, &mut b, Profile::StatisticsOnly, &out.path().join("s2.tvb"));
    assert_eq!((r.events.added, r.events.links_added), (1, 2));
    let book = store::load(&b).unwrap().book;
    assert_eq!(book.events[0].violation, ViolationType::PublicExecution);
    assert!(book.events[0].title.is_empty());
}

#[test]
fn a_bundle_whose_events_entry_was_changed_is_refused() {
    use testimony_vault::bundle::format::read_archive;
    let (da, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut a = create_vault(da.path());
    let [x, _, _] = save_small_vault(&mut a);
    let mut event = Event::new("EVENT-TITLE-1", ViolationType::PublicExecution);
    event.links = vec![link(&x, 1)];
    edit(&a, |book| {
        book.add(event).unwrap();
    });
    let mut pt = bundle_plaintext(&a, Profile::Full, &out.path().join("f.tvb"));
    let archive = read_archive(&pt[..], Path::new("f"), &mut |_, _| Ok(())).unwrap();
    assert_eq!(archive.events.len(), 1);
    let at = pt.windows(13).position(|w| w == b"EVENT-TITLE-1").unwrap();
    pt[at + 12] = b'2';
    let err = read_archive(&pt[..], Path::new("f"), &mut |_, _| Ok(())).err().expect("refused");
    assert!(err.to_string().contains("events.ron"), "{err}");
}
