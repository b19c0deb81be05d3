//! End-to-end tests through a real Korean input method: ibus-hangul over
//! XIM, under a virtual X server, typing into the real `testimony-vault`
//! window. `ime.rs` proves egui's side with synthesized events; this proves
//! the whole chain (X keys → ibus-x11 → ibus-hangul → XIM → winit → egui →
//! the form → the vault), including a click into another field while a
//! syllable is still being composed, and a jamo taken back and Ctrl+S while
//! one is. The result is read back from the saved case through the
//! library, never from pixels.
//!
//! The test starts everything it needs in one process group of its own:
//! Xvfb on a free display (`-displayfd`), a private D-Bus session, and
//! ibus-daemon with its own HOME (the user's ibus settings are not touched);
//! the group is killed at the end, also when the test fails. Missing tools
//! print SKIPPED, except under `CI`, where they fail the test.
//!
//! Where to click comes from the layout, not from numbers: the same `App` is
//! laid out by egui_kittest at the real window's size and in the same state,
//! and each widget's rectangle is read from its accessibility node. Pixels
//! are read only to wait until the window shows the expected screen.

use crate::common::{self, have, TEST_WORK_FACTOR};
use crate::drive::{self, Gui};
use egui::{Color32, Pos2, Rect};
use egui_kittest::kittest::Queryable;
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use testimony_vault::i18n::{t, Lang};
use testimony_vault::ui::AppOptions;
use testimony_vault::vault::{CreateOptions, Vault};

/// What the test runs; Debian packages in scripts/debian-packages.txt.
const TOOLS: &[&str] = &["Xvfb", "dbus-daemon", "ibus-daemon", "ibus", "xdotool", "import"];
/// Where the ibus-hangul package registers its engine with ibus.
const HANGUL_ENGINE: &str = "/usr/share/ibus/component/hangul.xml";
/// ASCII: typed before Hangul mode is switched on.
const PASSPHRASE: &str = "open sesame 42";
/// A slow machine gets this long for each step to show.
const PATIENCE: Duration = Duration::from_secs(60);

/// The virtual display, the session bus and the input method, as one
/// process group that is killed on drop.
struct Desktop {
    group: Option<u32>,
    children: Vec<Child>,
    env: Vec<(String, String)>,
    home: tempfile::TempDir,
}

impl Desktop {
    fn start() -> Desktop {
        let home = tempfile::tempdir().unwrap();
        let mut env = vec![("HOME".to_string(), home.path().display().to_string())];
        for (var, sub) in [("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"), ("XDG_DATA_HOME", "data")] {
            env.push((var.into(), home.path().join(sub).display().to_string()));
        }
        // No dconf writes, no accessibility bus: nothing outside HOME.
        env.push(("GSETTINGS_BACKEND".into(), "memory".into()));
        env.push(("NO_AT_BRIDGE".into(), "1".into()));
        // XIM needs a UTF-8 locale to carry Hangul.
        env.push(("LC_ALL".into(), "C.UTF-8".into()));
        let mut d = Desktop { group: None, children: Vec::new(), env, home };
        let display = d.spawn_and_read_line(Command::new("Xvfb").args(["-displayfd", "1", "-screen", "0", "1400x900x24", "-nolisten", "tcp"]));
        d.env.push(("DISPLAY".into(), format!(":{}", display.trim())));
        let bus = d.spawn_and_read_line(Command::new("dbus-daemon").args(["--session", "--nofork", "--print-address=1"]));
        d.env.push(("DBUS_SESSION_BUS_ADDRESS".into(), bus.trim().to_string()));
        let ibus_log = std::fs::File::create(d.home.path().join("ibus.log")).unwrap();
        let mut ibus = Command::new("ibus-daemon");
        ibus.args(["--xim", "--replace", "--panel=disable", "--emoji-extension=disable"]).stderr(ibus_log);
        d.spawn(&mut ibus);
        wait_for("ibus to take the hangul engine", || {
            d.command("ibus").args(["engine", "hangul"]).output().is_ok_and(|o| o.status.success())
                && d.output(d.command("ibus").arg("engine")).trim() == "hangul"
        });
        d
    }

    /// A command with this desktop's environment, in its process group.
    fn command(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        c.env_remove("WAYLAND_DISPLAY").envs(self.env.iter().map(|(k, v)| (k, v))).stdin(Stdio::null());
        c.process_group(self.group.unwrap_or(0) as i32);
        c
    }

    fn spawn(&mut self, cmd: &mut Command) -> u32 {
        cmd.env_remove("WAYLAND_DISPLAY").envs(self.env.iter().map(|(k, v)| (k, v))).stdin(Stdio::null());
        cmd.process_group(self.group.unwrap_or(0) as i32);
        let child = cmd.spawn().unwrap_or_else(|e| panic!("start {cmd:?}: {e}"));
        let pid = child.id();
        self.group.get_or_insert(pid);
        self.children.push(child);
        pid
    }

    /// Start a server that prints one line (its display, its address) when ready.
    fn spawn_and_read_line(&mut self, cmd: &mut Command) -> String {
        cmd.stdout(Stdio::piped());
        self.spawn(cmd);
        let stdout = self.children.last_mut().unwrap().stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        match rx.recv_timeout(PATIENCE) {
            Ok(line) if !line.trim().is_empty() => line,
            other => panic!("{cmd:?} printed no line: {other:?}"),
        }
    }

    fn output(&self, cmd: &mut Command) -> String {
        let out = cmd.output().unwrap_or_else(|e| panic!("run {cmd:?}: {e}"));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn xdotool(&self, args: &[&str]) {
        let status = self.command("xdotool").args(args).status().expect("run xdotool");
        assert!(status.success(), "xdotool {args:?} failed");
    }

    /// The whole screen, as it is now.
    fn screen(&self) -> Option<image::RgbImage> {
        // Kept after the test, to look at when it fails.
        let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("real-ime-screen.png");
        let ok = self.command("import").args(["-window", "root"]).arg(&shot).status().is_ok_and(|s| s.success());
        Some(image::open(&shot).ok().filter(|_| ok)?.to_rgb8())
    }

    /// The colour of the screen at `p`.
    fn pixel(&self, p: Pos2) -> Option<Color32> {
        let [r, g, b] = self.screen()?.get_pixel_checked(p.x as u32, p.y as u32)?.0;
        Some(Color32::from_rgb(r, g, b))
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        if let Some(group) = self.group {
            for signal in ["-TERM", "-KILL"] {
                let _ = Command::new("kill").args([signal, "--", &format!("-{group}")]).status();
                std::thread::sleep(Duration::from_millis(300));
            }
        }
        for child in &mut self.children {
            let _ = child.wait();
        }
    }
}

/// Poll `cond` until it holds; fail after [`PATIENCE`].
fn wait_for(what: &str, mut cond: impl FnMut() -> bool) {
    let start = Instant::now();
    while !cond() {
        assert!(start.elapsed() < PATIENCE, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The real window, started on `desktop` with the Korean input method.
struct Window {
    app: Child,
    origin: Pos2,
    size: [f32; 2],
}

impl Window {
    fn open(desktop: &mut Desktop, vault: &Path, log: &Path) -> Window {
        let mut cmd = desktop.command(env!("CARGO_BIN_EXE_testimony-vault"));
        cmd.arg("--vault").arg(vault).args(["--lang", "en"]).env("XMODIFIERS", "@im=ibus");
        let mut app = cmd.stderr(std::fs::File::create(log).unwrap()).spawn().expect("start the program");
        let pid = app.id().to_string();
        let mut id = String::new();
        wait_for("the window", || {
            assert!(app.try_wait().unwrap().is_none(), "the program ended: {}", std::fs::read_to_string(log).unwrap());
            // Not `--name .`: ibus owns windows too.
            id = desktop.output(desktop.command("xdotool").args(["search", "--pid", &pid])).lines().next().unwrap_or("").into();
            !id.is_empty()
        });
        let geometry = desktop.output(desktop.command("xdotool").args(["getwindowgeometry", "--shell", &id]));
        let value = |key: &str| -> f32 {
            geometry.lines().find_map(|l| l.strip_prefix(key)?.strip_prefix('=')?.parse().ok()).unwrap_or_else(|| panic!("{key} in {geometry}"))
        };
        // Without a window manager keys go nowhere until the window is
        // focused; that fails until it is mapped.
        wait_for("the window to take the focus", || {
            desktop.command("xdotool").args(["windowfocus", "--sync", &id]).status().is_ok_and(|s| s.success())
        });
        Window { origin: Pos2::new(value("X"), value("Y")), size: [value("WIDTH"), value("HEIGHT")], app }
    }

    /// Whether the program holds its vault open (the lock file is one of its
    /// open files): unlocked, in other words.
    fn holds_vault(&self, vault: &Path) -> bool {
        let lock = vault.join("vault.lock");
        std::fs::read_dir(format!("/proc/{}/fd", self.app.id()))
            .into_iter()
            .flatten()
            .flatten()
            .any(|fd| std::fs::read_link(fd.path()).is_ok_and(|p| p == lock))
    }
}

/// A point just inside the left edge of `rect` (a field's empty background,
/// a button's fill), in screen coordinates.
fn inside(w: &Window, rect: Rect) -> Pos2 {
    w.origin + egui::vec2(rect.left() + 4.0, rect.center().y)
}

fn centre(w: &Window, rect: Rect) -> Pos2 {
    w.origin + rect.center().to_vec2()
}

fn click_at(desktop: &Desktop, p: Pos2) {
    desktop.xdotool(&["mousemove", &format!("{}", p.x as i32), &format!("{}", p.y as i32), "click", "1"]);
}

/// Wait until the screen at `p` has `colour` (within rounding).
fn wait_for_colour(desktop: &Desktop, what: &str, p: Pos2, colour: Color32) {
    wait_for(what, || {
        desktop.pixel(p).is_some_and(|c| {
            let d = |a: u8, b: u8| a.abs_diff(b) <= 6;
            d(c.r(), colour.r()) && d(c.g(), colour.g()) && d(c.b(), colour.b())
        })
    });
}

/// Wait until the last character of `typed` is drawn in the field at
/// `rect` (the window's layout, as the shadow has it) and the field's ink
/// has stayed the same for a second: the input method has answered every
/// key, so what is clicked next cannot overtake a keystroke. Ink where the
/// last syllable goes is not enough alone: its first jamo (ㅎ of 희) is
/// drawn there too while the rest are still on their way.
/// The text starts at the field's first column with grey ink; only the
/// columns of the last character are looked at (the text cursor after the
/// others is left of them).
fn wait_for_typed(desktop: &Desktop, w: &Window, shadow: &Gui, rect: Rect, typed: &str) {
    let width = |text: &str| {
        let font = egui::TextStyle::Body.resolve(&shadow.ctx.global_style());
        shadow.ctx.fonts_mut(|f| f.layout_no_wrap(text.into(), font, Color32::WHITE).size().x)
    };
    let before: String = typed.chars().take(typed.chars().count() - 1).collect();
    let (from, to) = (width(&before) + 3.0, width(typed) - 2.0);
    let bg = shadow.ctx.global_style().visuals.text_edit_bg_color().to_array();
    let (x0, x1) = ((w.origin.x + rect.left() + 3.0) as u32, (w.origin.x + rect.right() - 2.0) as u32);
    let (y0, y1) = ((w.origin.y + rect.top() + 2.0) as u32, (w.origin.y + rect.bottom() - 2.0) as u32);
    let mut last_seen: Option<(Vec<bool>, Instant)> = None;
    wait_for(&format!("{typed} in the field"), || {
        let Some(screen) = desktop.screen() else { return false };
        // Text is grey; the focus frame and the text cursor are blue.
        let ink = |p: &image::Rgb<u8>| {
            let (lo, hi) = (*p.0.iter().min().unwrap(), *p.0.iter().max().unwrap());
            hi - lo < 16 && hi.abs_diff(bg[0]) > 60
        };
        let inked = |x: u32| (y0..y1).any(|y| screen.get_pixel_checked(x, y).is_some_and(ink));
        let Some(start) = (x0..x1).find(|&x| inked(x)) else { return false };
        if !(start + from as u32..start + to as u32).any(inked) {
            return false;
        }
        // The text cursor after it blinks: only the text's columns count.
        let mask: Vec<bool> = (x0..start + to as u32).flat_map(|x| (y0..y1).map(move |y| (x, y))).map(|(x, y)| screen.get_pixel_checked(x, y).is_some_and(ink)).collect();
        match &last_seen {
            Some((seen, since)) if *seen == mask => since.elapsed() >= Duration::from_secs(1),
            _ => {
                last_seen = Some((mask, Instant::now()));
                false
            }
        }
    });
}

/// Click the field at `rect` and wait until it has the keyboard (its frame
/// turns the blue of focus): keys sent before that would reach the window
/// before it has asked the input method for Hangul.
fn click_into(desktop: &Desktop, w: &Window, rect: Rect) {
    click_at(desktop, centre(w, rect));
    let y = (w.origin.y + rect.center().y) as u32;
    let (x0, x1) = ((w.origin.x + rect.left() - 1.0) as u32, (w.origin.x + rect.left() + 3.0) as u32);
    wait_for("the field to take the keyboard", || {
        desktop.screen().is_some_and(|screen| {
            (x0..x1).any(|x| screen.get_pixel_checked(x, y).is_some_and(|p| p.0[2] > 100 && p.0[2] > p.0[0].saturating_add(40)))
        })
    });
}

fn rect_of(h: &Gui, label: &str) -> Rect {
    h.get_by_label(label).rect()
}

/// Whether the tools are here; without them SKIPPED, or a failure under CI.
fn tools_present() -> bool {
    let mut missing: Vec<&str> = TOOLS.iter().copied().filter(|t| !have(t)).collect();
    if !Path::new(HANGUL_ENGINE).exists() {
        missing.push("ibus-hangul");
    }
    if missing.is_empty() {
        return true;
    }
    let why = format!("missing {missing:?} (apt-get install ibus ibus-hangul dbus-x11 xdotool xvfb imagemagick)");
    assert!(std::env::var_os("CI").is_none(), "CI must have the real input method: {why}");
    eprintln!("SKIPPED: {why}");
    false
}

/// Unlock by typing the passphrase, then open a new case; the shadow follows.
fn unlock_and_start_a_case(desktop: &Desktop, w: &Window, shadow: &mut Gui, dir: &Path) {
    let visuals = shadow.ctx.global_style().visuals.clone();
    let passphrase = rect_of(shadow, &t("unlock-passphrase"));
    wait_for_colour(desktop, "the unlock screen", inside(w, passphrase), visuals.text_edit_bg_color());
    click_at(desktop, centre(w, passphrase));
    desktop.xdotool(&["type", "--delay", "40", PASSPHRASE]);
    desktop.xdotool(&["key", "Return"]);
    wait_for("the vault to be unlocked", || w.holds_vault(dir));
    drive::unlock(shadow, PASSPHRASE);

    let new_case = rect_of(shadow, &t("list-new-case"));
    wait_for_colour(desktop, "the case list", inside(w, new_case), visuals.widgets.inactive.weak_bg_fill);
    click_at(desktop, centre(w, new_case));
    drive::click(shadow, &t("list-new-case"));
    let pseudonym = rect_of(shadow, &t("form-pseudonym"));
    wait_for_colour(desktop, "the case form", inside(w, pseudonym), visuals.text_edit_bg_color());
}

/// Type Hangul in the pseudonym, click into the interviewer field while 주 is
/// still being composed, type more Hangul there, save: each syllable is
/// saved exactly once, in the field where it was typed.
#[test]
fn real_korean_input_method_into_the_real_window() {
    if !tools_present() {
        return;
    }
    let _serial = drive::serial();
    let tmp = tempfile::tempdir().unwrap();
    let (desktop, w, mut shadow, pseudonym) = hangul_in_the_pseudonym(tmp.path());
    desktop.xdotool(&["type", "--delay", "80", "tlsdmlwn"]); // 신의주, 주 still composing
    // Once the form is edited its "give a pseudonym" hint goes: lay out the
    // shadow the same way before asking where the next field is.
    drive::type_into(&mut shadow, &t("form-pseudonym"), "신의주");
    let interviewer = rect_of(&shadow, &t("form-interviewer"));
    // The click goes straight to the window, each key round the input
    // method: wait until it has answered the last one.
    wait_for_typed(&desktop, &w, &shadow, pseudonym, "신의주");
    click_into(&desktop, &w, interviewer);
    desktop.xdotool(&["type", "--delay", "80", "rladudgml"]); // 김영희, 희 still composing
    wait_for_typed(&desktop, &w, &shadow, interviewer, "김영희");
    drive::type_into(&mut shadow, &t("form-interviewer"), "김영희");
    click_at(&desktop, centre(&w, rect_of(&shadow, &t("form-save"))));
    drive::click(&mut shadow, &t("form-save"));

    let case = saved_case_after_quitting(desktop, w, &shadow, tmp.path());
    assert_eq!(case.interviewee.pseudonym, "신의주", "the syllable being composed at the click is kept once");
    assert_eq!(case.interview.interviewer, "김영희", "typed in the field clicked into, nothing lost at Save");
}

/// Backspace inside a syllable takes back its last jamo (희 → 흐), and
/// Ctrl+S pressed while 흐 is still being composed saves it: the shortcut
/// does not overtake the syllable.
#[test]
fn a_jamo_taken_back_then_ctrl_s_while_composing_saves_what_was_typed() {
    if !tools_present() {
        return;
    }
    let _serial = drive::serial();
    let tmp = tempfile::tempdir().unwrap();
    let (desktop, w, mut shadow, pseudonym) = hangul_in_the_pseudonym(tmp.path());
    desktop.xdotool(&["type", "--delay", "80", "rladudgml"]); // 김영희, 희 still composing
    wait_for_typed(&desktop, &w, &shadow, pseudonym, "김영희");
    desktop.xdotool(&["key", "BackSpace"]); // ㅣ taken back: 흐, still composing
    wait_for_typed(&desktop, &w, &shadow, pseudonym, "김영흐");
    // Held as a hand holds it: xdotool's own chord lasts a few
    // milliseconds, less than the round trip through the input method,
    // and was then sometimes not seen as Ctrl+S at all.
    desktop.xdotool(&["keydown", "ctrl", "sleep", "0.2", "key", "s", "sleep", "0.2", "keyup", "ctrl"]);
    drive::type_into(&mut shadow, &t("form-pseudonym"), "김영흐");
    drive::click(&mut shadow, &t("form-save"));

    let case = saved_case_after_quitting(desktop, w, &shadow, tmp.path());
    assert_eq!(case.interviewee.pseudonym, "김영흐", "the jamo taken back is gone, the syllable being composed at Ctrl+S is saved");
}

/// A vault in `tmp` opened in the real window on a new case, and the
/// same window laid out by egui_kittest, step by step with the real one;
/// the pseudonym field (its rectangle) has the keyboard, in Hangul mode.
fn hangul_in_the_pseudonym(tmp: &Path) -> (Desktop, Window, Gui, Rect) {
    let (dir, shadow_dir) = (tmp.join("vault"), tmp.join("shadow"));
    for d in [&dir, &shadow_dir] {
        Vault::create_with(d, &common::pass(PASSPHRASE), &CreateOptions { work_factor: TEST_WORK_FACTOR }).unwrap();
    }
    let mut desktop = Desktop::start();
    let w = Window::open(&mut desktop, &dir, &tmp.join("app.log"));
    let options = AppOptions { language: Some(Lang::En), ..drive::options(&shadow_dir) };
    let mut shadow = drive::harness_sized(options, w.size);
    shadow.run_ok();
    unlock_and_start_a_case(&desktop, &w, &mut shadow, &dir);
    let pseudonym = rect_of(&shadow, &t("form-pseudonym"));
    click_into(&desktop, &w, pseudonym);
    desktop.xdotool(&["key", "shift+space"]); // ibus-hangul: Hangul mode on
    (desktop, w, shadow, pseudonym)
}

/// Wait for the one case file, lock (the vault is closed), end the
/// program, and read the case back through the library.
fn saved_case_after_quitting(desktop: Desktop, w: Window, shadow: &Gui, tmp: &Path) -> testimony_vault::model::Case {
    let (dir, log) = (&tmp.join("vault"), tmp.join("app.log"));
    wait_for("the case file", || common::all_files(&dir.join("cases")).iter().any(|p| p.extension().is_some_and(|e| e == "age")));
    click_at(&desktop, centre(&w, rect_of(shadow, &t("nav-lock"))));
    wait_for("the vault to be locked", || !w.holds_vault(dir));
    let mut app = w.app;
    let _ = Command::new("kill").arg(app.id().to_string()).status();
    let _ = app.wait();
    drop(desktop);

    let vault = Vault::open(dir, &common::pass(PASSPHRASE)).expect("the vault opens after the window is gone");
    let ids: Vec<_> = vault.summaries().map(|s| s.id).collect();
    assert_eq!(ids.len(), 1, "one case saved: {}", std::fs::read_to_string(&log).unwrap_or_default());
    vault.load_case(ids[0]).unwrap()
}
