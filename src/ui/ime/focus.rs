//! Korean input through an IME: a syllable is composed (preedit "ㅎ", "희")
//! and then committed. If the focus moves to another field mid-composition,
//! egui keeps the composed text in the first field, and some platforms
//! still deliver the rest of that composition (its commit) to the newly
//! focused field, so the syllable appears twice (cf. egui #3730). The guard
//! drops the IME events of a composition that belongs to a field which no
//! longer has the focus. It complements `ime::guard`, which handles the
//! common case (a key or click ends the composition) by committing first;
//! this one covers focus moved any other way (accessibility tools, code).

use egui::{Event, Id, ImeEvent};

#[derive(Default)]
pub struct ImeGuard {
    /// The field that had the focus when the current composition began.
    composing_in: Option<Id>,
}

impl ImeGuard {
    /// Run at the start of each pass, before any widget reads the input.
    pub fn filter(&mut self, ctx: &egui::Context) {
        let focused = ctx.memory(|m| m.focused());
        let mut composing = self.composing_in;
        ctx.input_mut(|i| {
            i.events.retain(|e| {
                let Event::Ime(ime) = e else { return true };
                let stale = composing.is_some() && composing != focused;
                match ime {
                    ImeEvent::Preedit { text, .. } => {
                        if stale {
                            if text.is_empty() {
                                composing = None;
                            }
                            return false;
                        }
                        composing = if text.is_empty() { None } else { focused };
                        true
                    }
                    ImeEvent::Commit(_) => {
                        composing = None;
                        !stale
                    }
                    _ => !stale,
                }
            });
        });
        self.composing_in = composing;
    }
}
