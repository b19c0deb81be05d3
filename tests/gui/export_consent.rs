//! The export dialog and consent: it lists every case going out and the
//! cases held back with the reason; the purpose changes which; "include
//! anyway" takes one, and the bundle read back holds it with the flag.
//! Screenshots of the dialog at 900×600 in both languages.

use crate::common;
use crate::drive::{click_node, finish_job, harness_sized, options, replace_text, screenshot, serial, shown, unlock, unlocked, wait_until, Gui};
use egui_kittest::kittest::Queryable;
use std::path::Path;
use testimony_vault::bundle::{self, Purpose};
use testimony_vault::i18n::{t, t_args};
use testimony_vault::model::{Consent, ConsentMethod};

/// NK-2026-0001 agreed to the archive, the UN and NGOs; NK-2026-0002 has
/// no consent recorded; NK-2026-0003 agreed to the archive only. Returns
/// each as the dialog names it.
fn three_cases(dir: &Path) -> Vec<String> {
    let mut vault = common::create_vault(dir);
    let agreed = Consent { given: true, method: ConsentMethod::Oral, ..Consent::default() };
    let consents = [Consent { share_with_un: true, share_with_ngos: true, ..agreed.clone() }, Consent::default(), agreed];
    let mut names = Vec::new();
    for (n, consent) in (1..).zip(consents) {
        let mut c = testimony_vault::sample::sample_case(n, 100);
        c.consent = consent;
        vault.save_case(&mut c, "A").unwrap();
        names.push(format!("{} · {}", c.code, c.interviewee.pseudonym));
    }
    names
}

fn open_export(h: &mut Gui, recipient: &str, out: &Path) {
    click_node(h, &t("list-select-shown"));
    click_node(h, &t("list-export"));
    // The selection's consent is read in the background.
    finish_job(h);
    replace_text(h, &t_args("export-recipient-n", &[("n", "1")]), recipient);
    replace_text(h, &t("export-path"), &out.display().to_string());
}

fn counts(h: &Gui, going: usize, held: usize) -> bool {
    let held_shown = held == 0 || shown(h, &t_args("export-held-heading", &[("count", &held.to_string())]));
    shown(h, &t_args("export-going-out", &[("count", &going.to_string())])) && held_shown
}

#[test]
fn the_dialog_lists_both_and_a_case_included_anyway_is_in_the_bundle_with_its_flag() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let names = three_cases(&dir);
    let identity = age::x25519::Identity::generate();
    let out = tmp.path().join("out.tvb");
    let mut h = unlocked(&dir);
    open_export(&mut h, &identity.to_public().to_string(), &out);

    assert!(counts(&h, 2, 1), "the archive takes the two with consent");
    assert!(shown(&h, &names[0]) && shown(&h, &names[1]) && shown(&h, &names[2]), "each case is named in its list");
    assert!(shown(&h, &t("export-held-no-consent")), "the reason is given");
    click_node(&mut h, &Purpose::Un.label());
    assert!(counts(&h, 1, 2), "only one agreed to the UN");
    assert!(shown(&h, &t("export-held-not-for-un")));
    click_node(&mut h, &Purpose::Court.label());
    assert!(counts(&h, 0, 3) && shown(&h, &t("export-none-going-out")), "nothing goes to court");
    click_node(&mut h, &t("export-run"));
    assert!(!out.exists(), "nothing written when nothing goes");

    // Without the held-back case: the summary counts it.
    click_node(&mut h, &Purpose::Archive.label());
    let first = tmp.path().join("first.tvb");
    replace_text(&mut h, &t("export-path"), &first.display().to_string());
    click_node(&mut h, &t("export-run"));
    finish_job(&mut h);
    assert!(first.is_file());
    let held = t_args("export-done-held", &[("count", "1")]);
    assert!(h.query_all_by_label_contains(&held).next().is_some(), "the summary says one was left out");
    click_node(&mut h, &t("export-close"));
    assert_eq!(bundle::read_bundle(&first, &bundle::Unlock::with_identity(identity.clone())).unwrap().manifest.cases.len(), 2);

    // Then with it, included anyway.
    open_export(&mut h, &identity.to_public().to_string(), &out);
    click_node(&mut h, &Purpose::Archive.label());
    click_node(&mut h, &t("export-include-anyway"));
    assert!(counts(&h, 3, 1), "the ticked case goes too");
    assert!(shown(&h, &format!("{} — {}", names[1], t("export-included-anyway"))), "listed as going, marked");
    click_node(&mut h, &t("export-run"));
    finish_job(&mut h);
    assert!(out.is_file(), "the bundle is written");
    drop(h);

    let b = bundle::read_bundle(&out, &bundle::Unlock::with_identity(identity)).unwrap();
    assert_eq!(b.manifest.purpose, Some(Purpose::Archive));
    let lines: Vec<(&str, bool)> =
        b.manifest.cases.iter().map(|c| (c.code.as_str(), c.consent.as_ref().unwrap().included_explicitly)).collect();
    assert_eq!(lines, [("NK-2026-0001", false), ("NK-2026-0002", true), ("NK-2026-0003", false)]);
}

/// The export dialog at 900×600 with cases going out and held back, in
/// English and Korean: into `docs/screenshots/` with `UPDATE_SCREENSHOTS=1`.
#[test]
fn screenshots_of_the_export_dialog_at_900_by_600() {
    use testimony_vault::i18n::{set_language, Lang};
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    three_cases(&dir);
    let out = match std::env::var_os("UPDATE_SCREENSHOTS") {
        Some(_) => Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots"),
        None => Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots"),
    };
    std::fs::create_dir_all(&out).unwrap();
    let mut h = harness_sized(options(&dir), [900.0, 600.0]);
    h.set_render_cursor(false);
    h.run_ok();
    unlock(&mut h, common::PASS);
    wait_until(&mut h, "unlocked", |h| h.state().is_unlocked());
    open_export(&mut h, "", &tmp.path().join("b.tvb"));
    for lang in [Lang::En, Lang::Ko] {
        set_language(lang);
        h.run_ok();
        // The whole dialog in the window: a long review line once pushed it
        // half off the screen, Export and Cancel with it.
        let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(900.0, 600.0));
        for label in [t("export-title"), t("export-run"), t("export-cancel"), t("export-purpose")] {
            let r = h.get_by_label(&label).rect();
            assert!(window.contains_rect(r), "{label} at {r:?} is outside the 900×600 window");
        }
        if !screenshot(&mut h, &out, &format!("small-export-{}", lang.code())) {
            break;
        }
    }
    set_language(Lang::En);
}
