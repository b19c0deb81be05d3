//! Driving the whole app through egui_kittest, with one vocabulary for every
//! GUI test:
//! - `harness*` builds the window at its start screen, `unlocked*` builds it
//!   and unlocks it with [`PASS`]; `unlock` types a passphrase and asks;
//!   `create_in_window` makes a new vault from the start screen.
//! - `click` and `type_into` go through egui's pointer and keyboard input, as
//!   a user's would; `click_node` and `replace_text` go through the
//!   accessibility tree, for dialogs that change size as they are filled in
//!   and for replacing a field's whole text.
//! - `wait_until` steps until a condition holds (background threads answer
//!   asynchronously), `finish_job` until the running job has ended.

use crate::common::{self, Tmpfs, PASS, TEST_WORK_FACTOR};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use testimony_vault::i18n::t;
use testimony_vault::ui::{fonts, App, AppOptions, JobGate};

/// The whole app in a test harness.
pub type Gui = Harness<'static, App>;

/// The interface language is process-wide and the machine is small: one GUI
/// test at a time.
static SERIAL: Mutex<()> = Mutex::new(());

pub fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// Run the shell `script` on a fresh Xvfb screen of 1280x800 (the real
/// binary's default window fits), `home` as its HOME; what it printed.
pub fn on_xvfb(script: &str, home: &Path) -> String {
    let out = std::process::Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x800x24", "sh", "-c", script])
        .env("HOME", home)
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn options(dir: &Path) -> AppOptions {
    AppOptions {
        work_factor: TEST_WORK_FACTOR,
        vault_dir: Some(dir.to_path_buf()),
        autosave_every: Duration::from_millis(100),
        job_gate: None,
        language: None,
    }
}

/// The start screen for the vault in `dir`.
pub fn harness(dir: &Path) -> Gui {
    harness_with_gate(dir, None)
}

/// With a gate, background jobs wait at their start until it is opened.
pub fn harness_with_gate(dir: &Path, job_gate: Option<JobGate>) -> Gui {
    harness_with(AppOptions { job_gate, ..options(dir) })
}

pub fn harness_with(options: AppOptions) -> Gui {
    harness_sized(options, [1280.0, 900.0])
}

/// The window at a given size (the real window's, to lay it out the same).
pub fn harness_sized(options: AppOptions, size: [f32; 2]) -> Gui {
    Harness::builder()
        .with_size(size)
        .with_max_steps(64)
        .with_context_setup(fonts::install)
        .build_eframe(move |cc| App::new(&cc.egui_ctx, options))
}

/// The vault in `dir` unlocked with [`PASS`], its full text loaded.
pub fn unlocked(dir: &Path) -> Gui {
    unlocked_with_gate(dir, None)
}

pub fn unlocked_with_gate(dir: &Path, gate: Option<JobGate>) -> Gui {
    let mut h = harness_with_gate(dir, gate);
    h.run_ok();
    unlock(&mut h, PASS);
    wait_until(&mut h, "unlocked", |h| h.state().is_unlocked());
    wait_until(&mut h, "full text loaded", |h| h.state().full_text_ready());
    h
}

/// Create a vault through the start screen, with [`PASS`].
pub fn create_in_window(h: &mut Gui) {
    h.run_ok();
    type_into(h, &t("unlock-passphrase"), PASS);
    type_into(h, &t("unlock-confirm"), PASS);
    click(h, &t("unlock-create"));
    wait_until(h, "the vault is created", |h| h.state().is_unlocked());
}

/// Type `passphrase` and ask to unlock (the answer comes asynchronously).
pub fn unlock(h: &mut Gui, passphrase: &str) {
    type_into(h, &t("unlock-passphrase"), passphrase);
    click(h, &t("unlock-open"));
}

/// Step until `cond` holds (background threads answer asynchronously).
pub fn wait_until(h: &mut Gui, what: &str, cond: impl Fn(&mut Gui) -> bool) {
    let start = Instant::now();
    while !cond(h) {
        assert!(start.elapsed() < Duration::from_secs(60), "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run_ok();
}

/// Export, import, attaching and saving a copy run in the background:
/// step until the running one (if any) has ended and its result is shown.
pub fn finish_job(h: &mut Gui) {
    wait_until(h, "the background job ends", |h| h.state().job_status().is_none());
}

/// Focus the field labelled `label` and type `text` at its end.
pub fn type_into(h: &mut Gui, label: &str, text: &str) {
    let node = h.get_by_label(label);
    node.focus();
    node.type_text(text);
    h.run_ok();
}

/// Click the widget labelled `label` with the pointer.
pub fn click(h: &mut Gui, label: &str) {
    h.get_by_label(label).click();
    h.run_ok();
}

/// Click through accesskit: dialogs change size as they are filled in.
pub fn click_node(h: &mut Gui, label: &str) {
    h.get_by_label(label).click_accesskit();
    h.run_ok();
}

/// Replace the whole text of the field labelled `label`, through accesskit.
pub fn replace_text(h: &mut Gui, label: &str, text: &str) {
    h.get_by_label(label).set_text_value_accesskit(text);
    h.run_ok();
}

/// Whether some node is labelled `label` (messages may show in two places).
/// Render the window to `dir/name.png`; `false` (said) where no renderer
/// exists. A blank frame (few distinct colours) fails.
pub fn screenshot(h: &mut Gui, dir: &Path, name: &str) -> bool {
    h.run_ok();
    match h.render() {
        Ok(image) => {
            let mut colours: Vec<[u8; 4]> = image.pixels().map(|p| p.0).collect();
            colours.sort();
            colours.dedup();
            assert!(colours.len() > 20, "{name} looks blank");
            image.save(dir.join(format!("{name}.png"))).unwrap();
            true
        }
        Err(e) => {
            eprintln!("SKIPPED: no renderer for screenshots here: {e}");
            false
        }
    }
}

pub fn shown(h: &Gui, label: &str) -> bool {
    h.query_all_by_label(label).next().is_some()
}

/// A vault on a small tmpfs remounted read-only, unlocked in the window:
/// saves fail as on a disk the system has turned read-only. `None` where
/// mounting needs root and the test is skipped; keep the `Tmpfs` alive.
pub fn unlocked_read_only() -> Option<(Tmpfs, Gui)> {
    let fs = Tmpfs::mount("16m")?;
    let dir = fs.path.join("vault");
    drop(common::create_vault(&dir));
    assert!(fs.remount_read_only(), "remount read-only");
    let mut h = harness(&dir);
    h.run_ok();
    unlock(&mut h, PASS);
    wait_until(&mut h, "unlocked", |h| h.state().is_unlocked());
    Some((fs, h))
}
