//! The keyboard shortcuts, in one table: the app's handler reads it to
//! know what each key does, and the help overlay (F1) lists it, so a
//! shortcut cannot exist without being shown, or be shown without working.
//! README's table is checked against it by a test.

use egui::{Key, KeyboardShortcut, Modifiers};

/// What a shortcut asks for. The app turns each into an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Save the case in the form.
    Save,
    /// Start a new case.
    NewCase,
    /// Go to the case list's search box.
    Search,
    /// Leave the form (asks first when there are unsaved edits).
    CloseForm,
    /// Lock the vault now.
    Lock,
    /// Show or hide the list of shortcuts.
    Help,
}

/// One row of the table: the keys, the command, and the Fluent key of
/// the text the help overlay shows.
pub struct Shortcut {
    pub keys: KeyboardShortcut,
    pub command: Command,
    pub label_key: &'static str,
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn bare(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

/// Every shortcut of the window. Tab / Shift+Tab (next and previous
/// field) and the arrows and Enter of a suggestion list are egui's and
/// the place field's own; the overlay lists them from `help-keys-*` too.
pub const SHORTCUTS: &[Shortcut] = &[
    Shortcut { keys: ctrl(Key::S), command: Command::Save, label_key: "help-save" },
    Shortcut { keys: ctrl(Key::N), command: Command::NewCase, label_key: "help-new-case" },
    Shortcut { keys: ctrl(Key::F), command: Command::Search, label_key: "help-search" },
    Shortcut { keys: ctrl(Key::W), command: Command::CloseForm, label_key: "help-close-form" },
    Shortcut { keys: ctrl(Key::L), command: Command::Lock, label_key: "help-lock" },
    Shortcut { keys: bare(Key::F1), command: Command::Help, label_key: "help-help" },
];

/// Keys handled by the widgets themselves, listed in the overlay after
/// the table: (keys as written, Fluent key).
pub const WIDGET_KEYS: &[(&str, &str)] = &[
    ("Tab / Shift+Tab", "help-keys-tab"),
    ("↓ / ↑", "help-keys-arrows"),
    ("Enter", "help-keys-enter"),
    ("Esc", "help-keys-escape"),
];

/// The shortcut's keys as the user reads them ("Ctrl+S", "Shift+F6").
pub fn keys_text(keys: &KeyboardShortcut) -> String {
    let mut out = String::new();
    if keys.modifiers.command || keys.modifiers.ctrl {
        out.push_str("Ctrl+");
    }
    if keys.modifiers.shift {
        out.push_str("Shift+");
    }
    if keys.modifiers.alt {
        out.push_str("Alt+");
    }
    out.push_str(keys.logical_key.name());
    out
}

/// The keys of `command` as the user reads them, for hover texts.
pub fn keys_for(command: Command) -> String {
    SHORTCUTS.iter().find(|s| s.command == command).map(|s| keys_text(&s.keys)).unwrap_or_default()
}

/// The commands whose keys were pressed this frame, taken out of the
/// input so no text field also types them.
pub fn take_pressed(ctx: &egui::Context) -> Vec<Command> {
    ctx.input_mut(|i| SHORTCUTS.iter().filter(|s| i.consume_shortcut(&s.keys)).map(|s| s.command).collect())
}

#[cfg(test)]
mod tests {
    use super::{keys_text, SHORTCUTS};

    #[test]
    fn every_shortcut_has_distinct_keys_and_a_text() {
        let mut seen = std::collections::HashSet::new();
        for s in SHORTCUTS {
            assert!(seen.insert(keys_text(&s.keys)), "{} used twice", keys_text(&s.keys));
            for lang in [crate::i18n::Lang::En, crate::i18n::Lang::Ko] {
                assert!(!crate::i18n::t_in(lang, s.label_key, &[]).starts_with(s.label_key), "{} has no text", s.label_key);
            }
        }
        assert_eq!(keys_text(&SHORTCUTS[0].keys), "Ctrl+S");
    }

    #[test]
    fn readme_lists_every_shortcut() {
        let readme = include_str!("../../README.md");
        for s in SHORTCUTS {
            assert!(readme.contains(&format!("`{}`", keys_text(&s.keys))), "README lacks {}", keys_text(&s.keys));
        }
    }
}
