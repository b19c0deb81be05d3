//! Text the program put on the clipboard is taken back at lock and exit.
//!
//! A real name copied from a case would otherwise stay on the system
//! clipboard after the vault is locked, for any program (or the next
//! person at the laptop) to paste. Each frame the copies egui is asked to
//! make are noted, as a SHA-256 only (no second copy of the text stays in
//! memory); at lock and at exit the clipboard is cleared if it still holds
//! that text, so what the user copied since from elsewhere is left alone.
//!
//! Selecting is not copying: egui hands every settled selection in a text
//! field to the X11 and Wayland primary selection, where any program on the
//! display can read it (middle-click paste) and where it stays after the
//! lock. A witness's name selected in the narrative would leave the window
//! unasked, so those commands are dropped; only Ctrl+C copies.

use egui::OutputCommand;
use sha2::{Digest, Sha256};

/// The last text this program copied, as its hash.
#[derive(Default)]
pub struct Copied(Option<[u8; 32]>);

impl Copied {
    pub fn is_some(&self) -> bool {
        self.0.is_some()
    }
}

fn hash(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

/// Note the copies asked for in this frame, and drop its selections for
/// the primary selection (call at the end of the frame).
pub fn note_copies(ctx: &egui::Context, copied: &mut Copied) {
    ctx.output_mut(|o| {
        o.commands.retain(|c| !matches!(c, OutputCommand::TextSelectionSettled(_)));
        for command in &o.commands {
            if let OutputCommand::CopyText(text) = command {
                copied.0 = Some(hash(text));
            }
        }
    });
}

/// Clear the system clipboard when it still holds our last copy. Best
/// effort: without a clipboard (no display, tests) nothing happens.
pub fn clear_if_ours(copied: &mut Copied) {
    let Some(ours) = copied.0.take() else { return };
    let Ok(mut clipboard) = arboard::Clipboard::new() else { return };
    if clipboard.get_text().is_ok_and(|now| hash(&now) == ours) {
        let _ = clipboard.clear();
        // Some clipboard managers keep the last owner's text on clear:
        // an empty text replaces it for them.
        let _ = clipboard.set_text(String::new());
    }
}
