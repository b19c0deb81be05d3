//! Where the interviewer was when the vault locked, so that unlocking
//! returns there: the same case in the form at the same scroll position
//! (its unsaved edits restored from the draft the lock wrote, without a
//! question when nothing conflicts), or the list with its sort and filters.
//! Kept in memory only and holding no testimony: a case id, a view, a
//! scroll offset, the sort and the filter choices. The search text is
//! not kept (it may be a name).

use super::session::Session;
use super::View;
use crate::i18n::t;
use crate::ui::panels::case_form::CaseForm;
use crate::ui::panels::case_list::{Filters, SortColumn};
use crate::vault::Vault;
use std::path::PathBuf;
use uuid::Uuid;

pub(super) struct Resume {
    /// The vault's folder: another vault unlocked next starts afresh.
    dir: PathBuf,
    view: View,
    /// The case open in the form.
    case: Option<Uuid>,
    scroll: egui::Vec2,
    sort: (SortColumn, bool),
    filters: Filters,
}

impl Resume {
    /// Where `s` is now; `dir` is its vault's folder.
    pub(super) fn capture(s: &Session, dir: PathBuf) -> Resume {
        let form = s.form.as_ref().filter(|_| s.view == View::Form);
        Resume {
            dir,
            view: s.view,
            case: form.map(|f| f.case.id),
            scroll: form.map(CaseForm::scroll_offset).unwrap_or_default(),
            sort: s.list.sort(),
            filters: s.list.filters.clone(),
        }
    }

    /// Put `s`, just opened on `vault`, back where it was.
    pub(super) fn apply(self, s: &mut Session, vault: &Vault) {
        if vault.dir() != self.dir {
            return;
        }
        s.list.set_sort(self.sort.0, self.sort.1);
        s.list.filters = self.filters;
        let Some(id) = self.case.filter(|_| self.view == View::Form) else { return };
        let Some(mut form) = reopen(vault, id) else { return };
        form.restore_scroll(self.scroll);
        s.drafts.retain(|d| d.id != id);
        if s.drafts.is_empty() {
            s.dialog = None;
        }
        s.form = Some(form);
        s.view = View::Form;
    }
}

/// The case `id` in a form: from its draft when the draft continues the
/// stored revision (or the case was never saved), else as stored when
/// there is no draft. `None` when the draft and the stored case disagree
/// (the case changed meanwhile, e.g. by an import): the drafts dialog asks.
fn reopen(vault: &Vault, id: Uuid) -> Option<CaseForm> {
    let exists = vault.contains(id);
    let stored = if exists { vault.load_case(id).ok() } else { None };
    if vault.drafts().contains(&id) {
        let draft = vault.load_draft(id).ok()??;
        let continues = match &stored {
            Some(c) => c.revision() == draft.revision() && c.last_hash() == draft.last_hash(),
            None => !exists,
        };
        if !continues {
            return None;
        }
        let mut form = CaseForm::from_draft(draft, !exists);
        form.notice = Some(t("form-restored-draft"));
        return Some(form);
    }
    stored.map(|c| CaseForm::new(c, false))
}
