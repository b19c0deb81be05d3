//! A place field with suggestions from the North Korean place list under
//! it. Whatever is typed stays as typed (a village, a camp, a market are not
//! in the list); picking a suggestion, or typing a listed name in any script,
//! puts its Hangul name in the field.

use crate::ui::widgets::{field_label, sensitive_badge};
use crate::i18n;
use crate::korean::places::{self, Place};
use egui::Ui;

/// At most this many suggestions are shown.
const MAX_SUGGESTIONS: usize = 8;

/// What the suggestions are drawn from.
#[derive(Clone, Copy)]
pub enum Scope<'a> {
    /// Any place.
    Any,
    /// First-level divisions only (provinces, province-level cities).
    Provinces,
    /// Cities and counties, those of this province first when it is known.
    CountiesOf(&'a str),
}

/// Keep the places of `found` at the level `scope` asks for; for counties,
/// also returns the province they should be in, when it is known.
fn keep_level(found: &mut Vec<&'static Place>, scope: Scope) -> Option<&'static Place> {
    match scope {
        Scope::Any => None,
        Scope::Provinces => {
            found.retain(|p| p.is_first_level());
            None
        }
        Scope::CountiesOf(province) => {
            found.retain(|p| !p.is_first_level());
            places::province(province)
        }
    }
}

/// Suggestions for `query` in `scope`, best first.
pub fn suggestions(query: &str, scope: Scope) -> Vec<&'static Place> {
    let mut found = places::search_places(query);
    if let Some(p) = keep_level(&mut found, scope) {
        // Stable: keeps the match order within each group.
        found.sort_by_key(|c| c.province != p.hangul);
    }
    found.truncate(MAX_SUGGESTIONS);
    found
}

/// The canonical list entry for what was typed, when it names exactly one
/// place in `scope` in any script or spelling ("North Hamgyong",
/// "Hamgyŏng-pukto" and "함경북도" are one province): stored as its Hangul
/// name, so filters and statistics see one place, not three.
pub fn canonical(typed: &str, scope: Scope) -> Option<&'static str> {
    let mut found = places::named(typed);
    if let Some(p) = keep_level(&mut found, scope) {
        found.retain(|c| c.province == p.hangul);
    }
    match found.as_slice() {
        [one] => Some(one.hangul),
        _ => None,
    }
}

/// Replace `value` by its canonical name; whether it changed.
pub fn settle(value: &mut String, scope: Scope) -> bool {
    match canonical(value, scope) {
        Some(name) if name != value.as_str() => {
            *value = name.to_string();
            true
        }
        _ => false,
    }
}

/// The suggestion list's state between frames.
#[derive(Clone, Copy, Default)]
struct ListState {
    open: bool,
    /// The suggestion Enter takes (the first when none is).
    highlight: Option<usize>,
    /// Where the list was drawn: a press there keeps it open.
    rect: Option<egui::Rect>,
}

/// One grid row: label, text field, and while it is being edited a list of
/// suggestions floating under it (so nothing below moves). The list never
/// takes the keyboard: ↓/↑ highlight, Enter takes the highlighted one (or
/// the first), Esc closes it, Tab goes on to the next field. Leaving the
/// field stores a typed name as its canonical entry. Returns whether the
/// value changed.
pub fn place_row(ui: &mut Ui, id: egui::Id, label: &str, value: &mut String, sensitive: bool, scope: Scope) -> bool {
    let l = field_label(ui, label, sensitive);
    let state_id = id.with("suggest");
    let mut st: ListState = ui.data(|d| d.get_temp(state_id)).unwrap_or_default();
    let query = value.trim().to_string();
    let list = if st.open && !query.is_empty() { suggestions(&query, scope) } else { Vec::new() };
    // A name already picked needs no suggestions.
    let list = if list.iter().any(|p| p.hangul == query) { Vec::new() } else { list };
    let mut changed = false;
    if ui.memory(|m| m.has_focus(id)) && !list.is_empty() {
        changed |= list_keys(ui, &mut st, &list, value);
    }
    let r = ui
        .horizontal(|ui| {
            let r = ui.add(egui::TextEdit::singleline(value).id(id).desired_width(320.0)).labelled_by(l.id);
            if sensitive {
                sensitive_badge(ui);
            }
            r
        })
        .inner;
    ui.end_row();
    if r.changed() {
        changed = true;
        st.open = true;
        st.highlight = None;
    }
    if r.lost_focus() {
        changed |= settle(value, scope);
    }
    let pointer_in_list = st.rect.is_some_and(|rect| ui.input(|i| i.pointer.interact_pos().is_some_and(|p| rect.contains(p))));
    if !r.has_focus() && !pointer_in_list {
        st.open = false;
    }
    st.rect = None;
    // Only under a field in view: a list floating away from its field
    // (scrolled out of sight) would read as belonging to another.
    let in_view = ui.clip_rect().intersects(r.rect);
    if st.open && !list.is_empty() && !changed && in_view {
        if let Some(picked) = show_list(ui, id, r.rect, &list, &mut st) {
            *value = picked.to_string();
            changed = true;
            st.open = false;
            // Back to the field, so Tab goes on from here.
            ui.memory_mut(|m| m.request_focus(id));
        }
    }
    ui.data_mut(|d| d.insert_temp(state_id, st));
    if changed {
        ui.ctx().request_repaint();
    }
    changed
}

/// ↓, ↑, Enter and Esc while the list is open, taken before the text field
/// sees them (Enter would otherwise end the field with the half-typed text).
fn list_keys(ui: &mut Ui, st: &mut ListState, list: &[&'static Place], value: &mut String) -> bool {
    use egui::{Key, Modifiers};
    let (down, up, enter, escape) = ui.input_mut(|i| {
        (
            i.consume_key(Modifiers::NONE, Key::ArrowDown),
            i.consume_key(Modifiers::NONE, Key::ArrowUp),
            i.consume_key(Modifiers::NONE, Key::Enter),
            i.consume_key(Modifiers::NONE, Key::Escape),
        )
    });
    let last = list.len() - 1;
    if down {
        st.highlight = Some(st.highlight.map_or(0, |h| (h + 1).min(last)));
    }
    if up {
        st.highlight = st.highlight.and_then(|h| h.checked_sub(1));
    }
    if escape {
        st.open = false;
    }
    if enter {
        let pick = list[st.highlight.unwrap_or(0).min(last)];
        *value = pick.hangul.to_string();
        st.open = false;
        st.highlight = None;
        return true;
    }
    false
}

/// The floating list under the field; the name clicked, if any.
fn show_list(ui: &Ui, id: egui::Id, field: egui::Rect, list: &[&'static Place], st: &mut ListState) -> Option<&'static str> {
    let lang = i18n::language();
    let mut picked = None;
    let area = egui::Area::new(id.with("suggest-list"))
        .order(egui::Order::Foreground)
        .fixed_pos(field.left_bottom())
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_min_width(field.width());
                for (n, p) in list.iter().enumerate() {
                    // Not focusable: Tab never lands on a suggestion.
                    let b = egui::Button::selectable(st.highlight == Some(n), p.label(lang)).sense(egui::Sense::CLICK);
                    if ui.add(b).clicked() {
                        picked = Some(p.hangul);
                    }
                }
            });
        });
    st.rect = Some(area.response.rect);
    picked
}

#[cfg(test)]
mod tests {
    use super::{suggestions, Scope};

    #[test]
    fn suggestions_follow_the_scope() {
        assert_eq!(suggestions("Sinuiju", Scope::Any).first().map(|p| p.hangul), Some("신의주시"));
        assert!(suggestions("Hamgyong", Scope::Provinces).iter().all(|p| p.is_first_level()));
        let c = suggestions("Hoeryong", Scope::CountiesOf("North Hamgyong"));
        assert_eq!(c.first().map(|p| p.hangul), Some("회령시"));
        assert!(suggestions("", Scope::Any).is_empty());
    }
}
