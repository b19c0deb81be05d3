//! Korean (and any) IME composition made safe across focus changes.
//!
//! egui 0.37 writes the syllable being composed (the pre-edit, e.g. 식 while
//! typing 김준식) into the field's text and replaces it when the IME commits.
//! When the user leaves the field mid-composition (clicks another field or
//! Save, presses Tab, Enter or an arrow), the pre-edit stays as ordinary text,
//! which is right, but many IMEs (ibus-hangul, fcitx5, macOS in some
//! versions) then commit that same syllable a frame later. By then another
//! field has focus and egui types it there: the syllable is duplicated in
//! the wrong field. If the key arrives before the commit in the same frame,
//! a multi-line field also puts the newline before the syllable ("김준\n식").
//!
//! [`guard`] runs first in each frame and rewrites the frame's input: when
//! a key or click would end a composition, it commits the pre-edit itself,
//! right before that event, and drops the IME's own late commit of the same
//! text if it comes. Nothing else is touched.
//!
//! Use: call `ime::guard(ui.ctx())` at the start of the app's `ui` (before
//! any widget is drawn), once per frame. Text fields need nothing else.

pub(crate) mod focus;

use egui::{Context, Event, Id, ImeEvent, Key};

#[derive(Clone, Default)]
struct ImeState {
    /// The pre-edit text the IME last reported, while a composition is open.
    composing: Option<String>,
    /// Text we committed on the IME's behalf; its late commit is dropped.
    committed_for_ime: Option<String>,
}

fn state_id() -> Id {
    Id::unique("testimony-vault/ime-guard")
}

/// Rewrite this frame's input so an interrupted composition is committed
/// exactly once, into the field where it was typed. Call before any widget.
pub fn guard(ctx: &Context) {
    let mut state: ImeState = ctx.data(|d| d.get_temp(state_id())).unwrap_or_default();
    ctx.input_mut(|input| {
        if !input.events.iter().any(|e| matches!(e, Event::Ime(_)) || ends_composition(e)) {
            return;
        }
        let events = std::mem::take(&mut input.events);
        input.events = rewrite(&mut state, events);
    });
    ctx.data_mut(|d| d.insert_temp(state_id(), state));
}

fn rewrite(state: &mut ImeState, events: Vec<Event>) -> Vec<Event> {
    let mut out = Vec::with_capacity(events.len() + 1);
    for event in events {
        match &event {
            Event::Ime(ImeEvent::Preedit { text, .. }) => {
                if text.is_empty() {
                    state.composing = None;
                } else {
                    state.composing = Some(text.clone());
                    state.committed_for_ime = None;
                }
            }
            Event::Ime(ImeEvent::Commit(text)) => {
                state.composing = None;
                if state.committed_for_ime.take().is_some_and(|done| done == *text) {
                    // Already committed where it was typed.
                    continue;
                }
            }
            e if ends_composition(e) => {
                if let Some(text) = state.composing.take() {
                    out.push(Event::Ime(ImeEvent::Commit(text.clone())));
                    state.committed_for_ime = Some(text);
                }
            }
            _ => {}
        }
        out.push(event);
    }
    out
}

/// Input after which the composition cannot continue in the same place.
fn ends_composition(event: &Event) -> bool {
    match event {
        Event::PointerButton { pressed: true, .. } | Event::Paste(_) | Event::Cut => true,
        Event::Key { key, pressed: true, .. } => matches!(
            key,
            Key::Tab
                | Key::Enter
                | Key::ArrowLeft
                | Key::ArrowRight
                | Key::ArrowUp
                | Key::ArrowDown
                | Key::Home
                | Key::End
                | Key::PageUp
                | Key::PageDown
        ),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{rewrite, ImeState};
    use egui::{Event, ImeEvent, Key};

    fn preedit(s: &str) -> Event {
        Event::Ime(ImeEvent::Preedit { text: s.into(), active_range_chars: None })
    }
    fn commit(s: &str) -> Event {
        Event::Ime(ImeEvent::Commit(s.into()))
    }
    fn key(k: Key) -> Event {
        Event::Key { key: k, physical_key: None, pressed: true, repeat: false, modifiers: Default::default() }
    }

    #[test]
    fn key_during_composition_commits_first_and_drops_the_late_copy() {
        let mut s = ImeState::default();
        assert_eq!(rewrite(&mut s, vec![preedit("시"), preedit("식")]).len(), 2);
        let out = rewrite(&mut s, vec![key(Key::Tab)]);
        assert_eq!(out, vec![commit("식"), key(Key::Tab)]);
        assert_eq!(rewrite(&mut s, vec![preedit(""), commit("식")]), vec![preedit("")]);
        // A later, real composition of the same syllable is kept.
        let out = rewrite(&mut s, vec![preedit("ㅅ"), preedit("식"), preedit(""), commit("식")]);
        assert_eq!(out.len(), 4);
    }

    #[test]
    fn nothing_changes_when_no_composition_is_open() {
        let mut s = ImeState::default();
        let events = vec![key(Key::Tab), commit("가"), key(Key::Enter), preedit("")];
        assert_eq!(rewrite(&mut s, events.clone()), events);
        // Commit before the key: the composition had already ended.
        let events = vec![preedit("식"), preedit(""), commit("식"), key(Key::Enter)];
        assert_eq!(rewrite(&mut s, events.clone()), events);
    }

    #[test]
    fn a_different_late_commit_is_kept() {
        let mut s = ImeState::default();
        rewrite(&mut s, vec![preedit("식")]);
        rewrite(&mut s, vec![key(Key::Enter)]);
        assert_eq!(rewrite(&mut s, vec![commit("싞")]), vec![commit("싞")]);
    }
}
