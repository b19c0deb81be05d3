//! Korean 2-beolsik composition in egui text fields laid out as the case
//! form does (labelled single-line and multi-line fields and a Save
//! button), driven with the IME events winit produces. For each way of
//! leaving a field mid-composition (click into another field, Tab, Enter,
//! Save) and each order in which IMEs deliver the final commit (before the
//! key, after it in the same frame, a frame later, never), the last
//! syllable must end up exactly once, in the field where it was typed.
//!
//! Needs a Hangul font: `assets/NanumGothic.ttf`, or Debian's fonts-nanum
//! (`apt-get install -y fonts-nanum`).

use egui::{Event, ImeEvent, Key, Modifiers, TextEdit};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::sync::Arc;
use testimony_vault::ui::ime;

const FONT_PATHS: &[&str] = &[
    concat!(env!("CARGO_MANIFEST_DIR"), "/assets/NanumGothic.ttf"),
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
];

fn install_fonts(ctx: &egui::Context) {
    let bytes = FONT_PATHS
        .iter()
        .find_map(|p| std::fs::read(p).ok())
        .expect("a Hangul font: add assets/NanumGothic.ttf or apt-get install -y fonts-nanum");
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert("hangul".into(), Arc::new(egui::FontData::from_owned(bytes)));
    for fam in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts.families.entry(fam).or_default().push("hangul".into());
    }
    ctx.set_fonts(fonts);
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Record {
    pseudonym: String,
    narrative: String,
    place: String,
}

struct Form {
    guard: bool,
    record: Record,
    saved: Vec<Record>,
}

impl Form {
    fn ui(&mut self, ui: &mut egui::Ui) {
        if self.guard {
            ime::guard(ui.ctx());
        }
        let r = &mut self.record;
        let l = ui.label("Pseudonym");
        ui.add(TextEdit::singleline(&mut r.pseudonym)).labelled_by(l.id);
        let l = ui.label("Narrative");
        ui.add(TextEdit::multiline(&mut r.narrative)).labelled_by(l.id);
        let l = ui.label("Place");
        ui.add(TextEdit::singleline(&mut r.place)).labelled_by(l.id);
        if ui.button("Save").clicked() {
            self.saved.push(self.record.clone());
        }
    }
}

fn harness(guard: bool) -> Harness<'static, Form> {
    Harness::builder()
        .with_size([500.0, 400.0])
        .with_context_setup(install_fonts)
        .build_ui_state(|ui, form: &mut Form| form.ui(ui), Form { guard, record: Record::default(), saved: Vec::new() })
}

fn preedit(s: &str) -> Event {
    Event::Ime(ImeEvent::Preedit { text: s.into(), active_range_chars: None })
}
fn commit(s: &str) -> Event {
    Event::Ime(ImeEvent::Commit(s.into()))
}
fn key(k: Key) -> Event {
    Event::Key { key: k, physical_key: None, pressed: true, repeat: false, modifiers: Modifiers::NONE }
}
fn key_up(k: Key) -> Event {
    Event::Key { key: k, physical_key: None, pressed: false, repeat: false, modifiers: Modifiers::NONE }
}

/// Deliver `events` together in one frame, as winit does for one keystroke.
fn frame(h: &mut Harness<'_, Form>, events: Vec<Event>) {
    h.input_mut().events.extend(events);
    h.step();
}

/// The compatibility jamo of a syllable's initial consonant (ㄱ for 김).
fn initial_jamo(s: char) -> char {
    const INITIALS: [u32; 19] = [
        0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141, 0x3142, 0x3143, 0x3145, 0x3146, 0x3147, 0x3148, 0x3149,
        0x314A, 0x314B, 0x314C, 0x314D, 0x314E,
    ];
    let l = (s as u32 - 0xAC00) / 588;
    char::from_u32(INITIALS[l as usize]).unwrap()
}

/// The syllable without its final consonant (기 for 김).
fn open_syllable(s: char) -> char {
    let n = s as u32 - 0xAC00;
    char::from_u32(0xAC00 + n - n % 28).unwrap()
}

/// Type `word` with a 2-beolsik IME: ㄱ, 기, 김, then on the next initial
/// the IME commits 김 and starts ㅈ... The last syllable is left in
/// composition, as when the user is about to leave the field.
fn compose(h: &mut Harness<'_, Form>, word: &str) {
    let syllables: Vec<char> = word.chars().collect();
    for (i, &s) in syllables.iter().enumerate() {
        let mut first = Vec::new();
        if i > 0 {
            first.push(preedit(""));
            first.push(commit(&syllables[i - 1].to_string()));
        }
        first.push(preedit(&initial_jamo(s).to_string()));
        frame(h, first);
        frame(h, vec![preedit(&open_syllable(s).to_string())]);
        if open_syllable(s) != s {
            frame(h, vec![preedit(&s.to_string())]);
        }
    }
}

/// The IME's own ending of the composition of `last`.
fn ime_commit(last: &str) -> Vec<Event> {
    vec![preedit(""), commit(last)]
}

fn click(h: &mut Harness<'_, Form>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// When, relative to the interrupting action, the IME commits.
#[derive(Clone, Copy, Debug)]
enum Commit {
    /// In the same frame, before the key or click (Windows, most Linux IMEs).
    Before,
    /// In the same frame, after the key (seen with some macOS versions).
    AfterSameFrame,
    /// One frame later, after egui has moved focus (ibus/fcitx on reset).
    Late,
    /// Never: the IME drops its state silently (macOS, Windows on click).
    Never,
}

const ORDERS: [Commit; 4] = [Commit::Before, Commit::AfterSameFrame, Commit::Late, Commit::Never];

/// Perform `action` (events of one frame) with the IME commit of `last`
/// delivered in `order`. No idle frames are run, so a press can still be
/// followed by its release as one click.
fn interrupt(h: &mut Harness<'_, Form>, last: &str, order: Commit, action: Vec<Event>) {
    let mut events = Vec::new();
    match order {
        Commit::Before => {
            events.extend(ime_commit(last));
            events.extend(action);
        }
        Commit::AfterSameFrame => {
            events.extend(action);
            events.extend(ime_commit(last));
        }
        Commit::Late | Commit::Never => events.extend(action),
    }
    frame(h, events);
    if matches!(order, Commit::Late) {
        frame(h, ime_commit(last));
    }
}

fn click_events(h: &Harness<'_, Form>, label: &str) -> Vec<Event> {
    let pos = h.get_by_label(label).rect().center();
    vec![
        Event::PointerMoved(pos),
        Event::PointerButton { pos, button: egui::PointerButton::Primary, pressed: true, modifiers: Modifiers::NONE },
    ]
}

fn release(h: &mut Harness<'_, Form>, label: &str) {
    let pos = h.get_by_label(label).rect().center();
    frame(
        h,
        vec![Event::PointerButton { pos, button: egui::PointerButton::Primary, pressed: false, modifiers: Modifiers::NONE }],
    );
    h.run();
}

fn field<'a>(r: &'a Record, label: &str) -> &'a str {
    match label {
        "Pseudonym" => &r.pseudonym,
        "Narrative" => &r.narrative,
        "Place" => &r.place,
        _ => unreachable!(),
    }
}

/// Everything typed, wherever it landed: no syllable may appear twice.
fn all_text(r: &Record) -> String {
    format!("{}|{}|{}", r.pseudonym, r.narrative, r.place)
}

#[test]
fn composition_without_interruption() {
    for label in ["Pseudonym", "Narrative"] {
        let mut h = harness(true);
        click(&mut h, label);
        compose(&mut h, "김준식");
        // Mid-composition the pre-edit is already visible in the field.
        assert_eq!(field(&h.state().record, label), "김준식");
        frame(&mut h, ime_commit("식"));
        h.run();
        assert_eq!(field(&h.state().record, label), "김준식");
        assert_eq!(all_text(&h.state().record).matches('식').count(), 1);
    }
}

#[test]
fn click_into_another_field_mid_composition() {
    for from in ["Pseudonym", "Narrative"] {
        for order in ORDERS {
            let mut h = harness(true);
            click(&mut h, from);
            compose(&mut h, "김준식");
            let click = click_events(&h, "Place");
            interrupt(&mut h, "식", order, click);
            release(&mut h, "Place");
            compose(&mut h, "회령");
            frame(&mut h, ime_commit("령"));
            h.run();
            let r = &h.state().record;
            assert_eq!(field(r, from), "김준식", "{from} {order:?}: {r:?}");
            assert_eq!(r.place, "회령", "{from} {order:?}: {r:?}");
        }
    }
}

#[test]
fn tab_mid_composition() {
    // Tab moves focus Pseudonym -> Narrative -> Place.
    for (from, to) in [("Pseudonym", "Narrative"), ("Narrative", "Place")] {
        for order in ORDERS {
            let mut h = harness(true);
            click(&mut h, from);
            compose(&mut h, "김준식");
            interrupt(&mut h, "식", order, vec![key(Key::Tab)]);
            frame(&mut h, vec![key_up(Key::Tab)]);
            h.run();
            compose(&mut h, "회령");
            frame(&mut h, ime_commit("령"));
            h.run();
            let r = &h.state().record;
            assert_eq!(field(r, from), "김준식", "{from} {order:?}: {r:?}");
            assert_eq!(field(r, to), "회령", "{from} {order:?}: {r:?}");
            assert_eq!(all_text(r).matches('식').count(), 1, "{order:?}: {r:?}");
        }
    }
}

#[test]
fn enter_mid_composition_in_a_single_line_field() {
    for order in ORDERS {
        let mut h = harness(true);
        click(&mut h, "Pseudonym");
        compose(&mut h, "김준식");
        interrupt(&mut h, "식", order, vec![key(Key::Enter)]);
        frame(&mut h, vec![key_up(Key::Enter)]);
        h.run();
        let r = &h.state().record;
        assert_eq!(r.pseudonym, "김준식", "{order:?}: {r:?}");
        assert_eq!(all_text(r), "김준식||", "{order:?}: {r:?}");
    }
}

#[test]
fn enter_mid_composition_in_a_multi_line_field() {
    for order in ORDERS {
        let mut h = harness(true);
        click(&mut h, "Narrative");
        compose(&mut h, "김준식");
        interrupt(&mut h, "식", order, vec![key(Key::Enter)]);
        frame(&mut h, vec![key_up(Key::Enter)]);
        h.run();
        compose(&mut h, "회령");
        frame(&mut h, ime_commit("령"));
        h.run();
        let r = &h.state().record;
        assert_eq!(r.narrative, "김준식\n회령", "{order:?}: {r:?}");
        assert_eq!(all_text(r), "|김준식\n회령|", "{order:?}: {r:?}");
    }
}

#[test]
fn save_mid_composition() {
    for from in ["Pseudonym", "Narrative"] {
        for order in ORDERS {
            let mut h = harness(true);
            click(&mut h, from);
            compose(&mut h, "김준식");
            let click = click_events(&h, "Save");
            interrupt(&mut h, "식", order, click);
            release(&mut h, "Save");
            let state = h.state();
            assert_eq!(state.saved.len(), 1, "{from} {order:?}");
            // What was saved is what the interviewer saw, once.
            assert_eq!(field(&state.saved[0], from), "김준식", "{from} {order:?}: {:?}", state.saved);
            assert_eq!(state.saved[0], state.record, "{from} {order:?}");
            assert_eq!(all_text(&state.record).matches('식').count(), 1, "{from} {order:?}: {:?}", state.record);
        }
    }
}

/// Other composing input is not disturbed: a word typed across several
/// fields with plain ASCII in between comes out as typed.
#[test]
fn mixed_scripts_and_backspace() {
    let mut h = harness(true);
    click(&mut h, "Narrative");
    frame(&mut h, vec![Event::Text("Kim ".into())]);
    compose(&mut h, "준");
    // Backspace during composition: the IME shrinks the pre-edit (주), then
    // empties it (ㅈ -> nothing), and nothing is committed.
    frame(&mut h, vec![preedit("주")]);
    frame(&mut h, vec![preedit("ㅈ")]);
    frame(&mut h, vec![preedit("")]);
    h.run();
    assert_eq!(h.state().record.narrative, "Kim ");
    compose(&mut h, "김");
    frame(&mut h, ime_commit("김"));
    frame(&mut h, vec![Event::Text(" 1998".into())]);
    h.run();
    assert_eq!(h.state().record.narrative, "Kim 김 1998");
}

/// The reason `ime::guard` exists: without it, egui 0.37 types an IME's
/// late commit into the field that has focus by then. If this test starts
/// failing after an egui upgrade, egui fixed it and the guard can go.
#[test]
fn without_the_guard_egui_duplicates_a_late_commit() {
    let mut h = harness(false);
    click(&mut h, "Pseudonym");
    compose(&mut h, "김준식");
    interrupt(&mut h, "식", Commit::Late, vec![key(Key::Tab)]);
    h.run();
    let r = &h.state().record;
    assert_eq!(r.pseudonym, "김준식");
    assert_eq!(r.narrative, "식", "egui no longer duplicates a late IME commit: {r:?}");
}

/// Also without the guard: a key delivered before the commit in the same
/// frame puts the newline before the last syllable.
#[test]
fn without_the_guard_enter_before_commit_misorders() {
    let mut h = harness(false);
    click(&mut h, "Narrative");
    compose(&mut h, "김준식");
    interrupt(&mut h, "식", Commit::AfterSameFrame, vec![key(Key::Enter)]);
    h.run();
    assert_eq!(h.state().record.narrative, "김준\n식");
}

