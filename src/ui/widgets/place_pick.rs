//! A place field with suggestions from the North Korean place list under
//! it. Whatever is typed stays as typed (a village, a camp, a market are not
//! in the list); picking a suggestion puts its Hangul name in the field.

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

/// Suggestions for `query` in `scope`, best first.
pub fn suggestions(query: &str, scope: Scope) -> Vec<&'static Place> {
    let mut found = places::search_places(query);
    match scope {
        Scope::Any => {}
        Scope::Provinces => found.retain(|p| p.is_first_level()),
        Scope::CountiesOf(province) => {
            found.retain(|p| !p.is_first_level());
            if let Some(p) = places::province(province) {
                // Stable: keeps the match order within each group.
                found.sort_by_key(|c| c.province != p.hangul);
            }
        }
    }
    found.truncate(MAX_SUGGESTIONS);
    found
}

/// One grid row: label, text field, and suggestions while the field is
/// being edited. Returns whether the value changed.
pub fn place_row(ui: &mut Ui, id: egui::Id, label: &str, value: &mut String, sensitive: bool, scope: Scope) -> bool {
    let l = field_label(ui, label, sensitive);
    let open_id = id.with("suggest");
    let mut changed = false;
    ui.vertical(|ui| {
        let r = ui
            .horizontal(|ui| {
                let r = ui.add(egui::TextEdit::singleline(value).id(id).desired_width(320.0)).labelled_by(l.id);
                if sensitive {
                    sensitive_badge(ui);
                }
                r
            })
            .inner;
        changed = r.changed();
        let mut open = ui.data(|d| d.get_temp::<bool>(open_id)).unwrap_or(false);
        if r.has_focus() || r.changed() {
            open = true;
        }
        let query = value.trim().to_string();
        let list = if open && !query.is_empty() { suggestions(&query, scope) } else { Vec::new() };
        // A name already picked needs no suggestions.
        let exact = list.iter().any(|p| p.hangul == query);
        if !list.is_empty() && !exact {
            let lang = i18n::language();
            let shown = ui.horizontal_wrapped(|ui| {
                for p in &list {
                    if ui.small_button(p.label(lang)).clicked() {
                        *value = p.hangul.to_string();
                        changed = true;
                        open = false;
                    }
                }
            });
            // Closed once the focus went elsewhere (not onto a suggestion).
            if !r.has_focus() && !shown.response.contains_pointer() && !changed {
                open = false;
            }
        } else if !r.has_focus() {
            open = false;
        }
        ui.data_mut(|d| d.insert_temp(open_id, open));
    });
    ui.end_row();
    changed
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
