//! The Events screen's actions: open it (the book and every account read
//! from the vault), accept or reject a suggestion, create, edit or delete
//! an event, link and unlink, set the standard. Each change is saved to `events.age` before the screen shows
//! it; a failed save leaves the screen as it was and says why.

use super::jobs::VaultHandle;
use super::session::Session;
use super::View;
use crate::events::{account, store, Event, EventBook, EventError, Target};
use crate::ui::EventAction;
use crate::ui::panels::events::EventsPanel;
use crate::vault::Vault;

/// The Events screen over the vault as it is now.
pub fn show_events(s: &mut Session, vault: &VaultHandle) {
    let v = vault.read();
    match store::load(&v) {
        Ok(loaded) => {
            // A few hundred cases at a time: the screen keeps the incidents,
            // never every case at once (100,000 would be the whole vault).
            let ids: Vec<_> = v.summaries().map(|s| s.id).collect();
            let mut accounts = Vec::new();
            for chunk in ids.chunks(512) {
                let cases: Vec<_> = v.load_cases(chunk).into_iter().filter_map(Result::ok).collect();
                accounts.extend(account::accounts(&cases));
            }
            let mut panel = EventsPanel::new(loaded.book, accounts);
            panel.error = (!loaded.warnings.is_empty()).then(|| loaded.warnings.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"));
            s.events = Some(panel);
            s.view = View::Events;
        }
        Err(e) => s.error = Some(e.to_string()),
    }
}

/// The lines the review of a case shows: which event each incident is in.
pub fn review_lines(vault: &Vault, case: &crate::model::Case) -> Vec<String> {
    let Ok(loaded) = store::load(vault) else { return Vec::new() };
    case.incidents
        .iter()
        .enumerate()
        .filter_map(|(i, inc)| {
            let e = loaded.book.event_of(inc.id)?;
            Some(crate::i18n::t_args("events-review-line", &[("number", &(i + 1).to_string()), ("title", &e.title), ("count", &e.links.len().to_string())]))
        })
        .collect()
}

fn apply(book: &mut EventBook, panel: &EventsPanel, action: EventAction) -> Result<Option<uuid::Uuid>, EventError> {
    match action {
        EventAction::Accept(s) => match s.target {
            Target::Event(e) => book.link(e, s.incident).map(|_| Some(e)),
            Target::Incident(other) => {
                let first = account::find(&panel.accounts, &s.incident).ok_or(EventError::NotLinked(s.incident.incident))?;
                let mut event = Event::from_account(first);
                event.links.push(other);
                book.add(event).map(Some)
            }
        },
        EventAction::Reject(r) => {
            book.reject(r);
            Ok(None)
        }
        EventAction::Unlink(incident) => book.unlink(incident).map(Some),
        EventAction::SetStandard(standard) => {
            book.standard = standard;
            Ok(panel.selected)
        }
        EventAction::Resolve { event, take_theirs } => book.resolve(event, take_theirs).map(|_| Some(event)),
        EventAction::Create(event) => book.add(event).map(Some),
        EventAction::Update(event) => book.update(&event).map(|_| Some(event.id)),
        EventAction::Delete(event) => book.remove(event).map(|_| None),
        EventAction::Link { event, link } => book.link(event, link).map(|_| Some(event)),
    }
}

/// The standard's section of Settings; none when the events do not open.
pub fn standard_section(vault: &VaultHandle) -> Option<crate::ui::panels::standard::StandardSection> {
    store::load(&vault.read()).ok().map(|l| crate::ui::panels::standard::StandardSection::new(l.book.standard))
}

/// The standard saved from Settings (no Events screen open).
fn save_standard(s: &mut Session, vault: &VaultHandle, standard: crate::events::Standard) {
    let v = vault.read();
    let result = store::load(&v).and_then(|mut loaded| {
        loaded.book.standard = standard;
        store::save(&v, &loaded.book)
    });
    let Some(panel) = s.settings.as_mut() else { return };
    match result {
        Ok(()) => {
            panel.standard = Some(crate::ui::panels::standard::StandardSection::new(standard));
            panel.notice = Some(crate::i18n::t("settings-saved"));
        }
        Err(e) => panel.error = Some(e.to_string()),
    }
}

pub fn act_on_events(s: &mut Session, vault: VaultHandle, action: EventAction) {
    if let (EventAction::SetStandard(standard), None) = (&action, &s.events) {
        return save_standard(s, &vault, *standard);
    }
    let Some(panel) = s.events.as_mut() else { return };
    let mut book = panel.book.clone();
    let result = apply(&mut book, panel, action).and_then(|selected| {
        store::save(&vault.read(), &book)?;
        Ok(selected)
    });
    match result {
        Ok(selected) => {
            panel.error = None;
            // Saved: the form and the question are done with. On an error
            // they stay as they were, so nothing typed is lost.
            panel.editor = None;
            panel.confirm_delete = None;
            panel.set_book(book);
            if selected.is_some() {
                panel.selected = selected;
                panel.tab = crate::ui::panels::events::Tab::Events;
            }
        }
        Err(e) => panel.error = Some(e.to_string()),
    }
}
