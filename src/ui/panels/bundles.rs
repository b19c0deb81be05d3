//! The export and import dialogs. They edit plain values and return an
//! [`Action`]; the app writes or reads the bundle and reports back here.

use super::export_consent::{ConsentList, ExportCase};
use super::export_review::ReviewList;
use crate::ui::file_pick::{PickRequest, PickTarget};
use crate::ui::widgets::{error_text, field_id, OK_COLOUR, SENSITIVE_COLOUR};
use crate::ui::{Action, BundleAction};
use crate::bundle::{self, ConsentChoice, Profile};
use crate::i18n::{t, t_args};
use age::secrecy::SecretString;
use egui::RichText;
use std::path::PathBuf;
use uuid::Uuid;
use zeroize::Zeroizing;

/// Everything the app needs to write one bundle.
#[derive(Debug)]
pub struct ExportRequest {
    /// Every selected case: the export leaves out (and counts) those the
    /// consent does not cover and that were not included anyway.
    pub ids: Vec<Uuid>,
    /// How many go out, for the progress line.
    pub going_out: usize,
    pub profile: Profile,
    /// The purpose and the cases included anyway, checked again on export.
    pub consent: ConsentChoice,
    /// `age1…` keys, already checked by the dialog (checked again on export).
    pub recipients: Vec<String>,
    pub passphrase: Option<SecretString>,
    pub path: PathBuf,
    /// Words ticked in the review, to scrub from this export.
    pub scrub: Vec<String>,
    pub reviewed: bool,
    /// Interviewer and interpreter names replaced by their role.
    pub by_role: bool,
}

fn profile_explain(p: Profile) -> String {
    t(match p {
        Profile::Full => "export-profile-full-explain",
        Profile::Pseudonymised => "export-profile-pseudonymised-explain",
        Profile::StatisticsOnly => "export-profile-statistics-explain",
    })
}

/// Suggested bundle file: in the home folder, named by today's date.
pub fn default_export_path() -> String {
    let today = crate::model::now_utc().date();
    let name = format!("testimony-export-{today}.{}", bundle::EXTENSION);
    match std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        Some(home) => PathBuf::from(home).join(name).display().to_string(),
        None => name,
    }
}

pub struct ExportDialog {
    /// Every selected case, in the list's order.
    pub ids: Vec<Uuid>,
    pub profile: Profile,
    /// What the export is for; what goes and what is held back.
    pub consent: ConsentList,
    /// One editable line per recipient key.
    pub recipients: Vec<String>,
    pub use_passphrase: bool,
    passphrase: Zeroizing<String>,
    repeat: Zeroizing<String>,
    pub path: String,
    /// Why the request is not ready, shown after a click on Export.
    problems: Vec<String>,
    /// Set by the app after the export ran.
    pub error: Option<String>,
    pub done: Option<String>,
    /// What may still identify someone under a redacted profile.
    pub review: ReviewList,
    /// Interviewer and interpreter names replaced by their role.
    pub by_role: bool,
}

impl ExportDialog {
    pub fn new(cases: Vec<ExportCase>, organisation_recipients: &[String]) -> ExportDialog {
        let ids = cases.iter().map(|c| c.id).collect();
        let mut recipients: Vec<String> = organisation_recipients.to_vec();
        if recipients.is_empty() {
            recipients.push(String::new());
        }
        ExportDialog {
            ids,
            profile: Profile::Pseudonymised,
            consent: ConsentList::new(cases),
            recipients,
            use_passphrase: false,
            passphrase: Default::default(),
            repeat: Default::default(),
            path: default_export_path(),
            problems: Vec::new(),
            error: None,
            done: None,
            review: ReviewList::default(),
            by_role: false,
        }
    }

    /// The request, or the problems that stop it.
    fn request(&self) -> Result<ExportRequest, Vec<String>> {
        let mut problems = Vec::new();
        let going_out = self.consent.going_out(self.profile);
        if self.ids.is_empty() {
            problems.push(t("export-nothing-selected"));
        } else if going_out.is_empty() {
            problems.push(t("export-none-going-out"));
        }
        let path = self.path.trim();
        if path.is_empty() {
            problems.push(t("export-path-missing"));
        } else if std::path::Path::new(path).exists() {
            // Checked again by the library when writing; said early here.
            problems.push(t_args("export-path-exists", &[("path", path)]));
        }
        let mut recipients = Vec::new();
        let mut passphrase = None;
        if self.use_passphrase {
            if self.passphrase.is_empty() {
                problems.push(t("export-passphrase-missing"));
            } else if *self.passphrase != *self.repeat {
                problems.push(t("export-passphrase-mismatch"));
            } else {
                passphrase = Some(SecretString::from(self.passphrase.to_string()));
            }
        } else {
            for line in self.recipients.iter().map(|r| r.trim()).filter(|r| !r.is_empty()) {
                match bundle::parse_recipient(line) {
                    Ok(_) => recipients.push(line.to_string()),
                    Err(e) => problems.push(e.to_string()),
                }
            }
            if recipients.is_empty() {
                problems.push(t("export-no-recipients"));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let redacted = self.profile != Profile::Full;
        Ok(ExportRequest {
            ids: self.ids.clone(),
            going_out: going_out.len(),
            profile: self.profile,
            consent: self.consent.choice(self.profile),
            recipients,
            passphrase,
            path: PathBuf::from(path),
            scrub: if redacted { self.review.ticked() } else { Vec::new() },
            reviewed: redacted && self.review.reviewed,
            by_role: redacted && self.by_role,
        })
    }

    /// Draw the dialog body. `close` is set when the user leaves it.
    pub fn ui(&mut self, ui: &mut egui::Ui, close: &mut bool) -> Option<Action> {
        let mut action = None;
        ui.heading(t("export-title"));
        ui.label(t_args("export-count", &[("count", &self.ids.len().to_string())]));
        if let Some(done) = &self.done {
            ui.label(RichText::new(done).color(OK_COLOUR));
            if ui.button(t("export-close")).clicked() {
                *close = true;
            }
            return None;
        }
        // The body scrolls on a small window; the buttons below stay in view.
        let limit = (ui.ctx().content_rect().height() - 260.0).max(120.0);
        egui::ScrollArea::vertical().max_height(limit).min_scrolled_height(limit).show(ui, |ui| {
            action = self.body(ui);
        });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(RichText::new(t("export-run")).strong()).clicked() {
                self.error = None;
                match self.request() {
                    Ok(req) => {
                        self.problems.clear();
                        action = Some(Action::Bundle(BundleAction::Export(req)));
                    }
                    Err(p) => self.problems = p,
                }
            }
            if ui.button(t("export-cancel")).clicked() {
                *close = true;
            }
        });
        action
    }

    /// The scrolled part: profile, protection, where to write.
    fn body(&mut self, ui: &mut egui::Ui) -> Option<Action> {
        let mut action = None;
        ui.add_space(6.0);
        ui.strong(t("export-profile"));
        for p in Profile::ALL {
            ui.radio_value(&mut self.profile, p, p.label());
            ui.indent(("export-profile", p.key()), |ui| {
                ui.label(RichText::new(profile_explain(p)).small());
            });
        }
        ui.add_space(6.0);
        if self.consent.ui(ui, self.profile) {
            // The review was made for other cases: made again.
            self.review = ReviewList::default();
        }
        ui.add_space(6.0);
        ui.checkbox(&mut self.use_passphrase, t("export-use-passphrase"));
        if self.use_passphrase {
            let l = ui.label(t("export-passphrase"));
            ui.add(egui::TextEdit::singleline(&mut *self.passphrase).password(true).id(field_id("export.passphrase")))
                .labelled_by(l.id);
            let l = ui.label(t("export-passphrase-repeat"));
            ui.add(egui::TextEdit::singleline(&mut *self.repeat).password(true).id(field_id("export.repeat")))
                .labelled_by(l.id);
        } else {
            self.recipients_ui(ui);
        }
        ui.add_space(6.0);
        let l = ui.label(t("export-path"));
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut self.path).id(field_id("export.path")).desired_width(460.0))
                .labelled_by(l.id);
            if ui.button(t("file-pick-browse")).clicked() {
                action = Some(Action::Browse(PickRequest::new(PickTarget::ExportBundle, &self.path)));
            }
        });
        if self.profile != Profile::Full {
            ui.add_space(6.0);
            ui.checkbox(&mut self.by_role, t("export-by-role"));
            if self.review.profile == Some(self.profile) {
                self.review.ui(ui);
            } else if action.is_none() {
                // Made by the app, which reads the cases; shown next frame.
                action = Some(Action::Bundle(BundleAction::Review(self.profile)));
            }
        }
        for p in &self.problems {
            error_text(ui, p);
        }
        if let Some(e) = &self.error {
            error_text(ui, e);
        }
        action
    }

    /// The age recipients, one editable line each, checked as typed.
    fn recipients_ui(&mut self, ui: &mut egui::Ui) {
        ui.strong(t("export-recipients"));
        ui.label(RichText::new(t("export-recipients-explain")).small());
        let mut remove = None;
        for (i, r) in self.recipients.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                let l = ui.label(t_args("export-recipient-n", &[("n", &(i + 1).to_string())]));
                ui.add(egui::TextEdit::singleline(r).id(field_id(("export.recipient", i))).desired_width(380.0))
                    .labelled_by(l.id);
                if ui.small_button(t("export-recipient-remove")).clicked() {
                    remove = Some(i);
                }
                if !r.trim().is_empty() {
                    match bundle::parse_recipient(r) {
                        Ok(_) => ui.label(RichText::new(t("export-recipient-ok")).color(OK_COLOUR)),
                        Err(_) => ui.label(RichText::new(t("export-recipient-bad")).color(SENSITIVE_COLOUR)),
                    };
                }
            });
        }
        if let Some(i) = remove {
            self.recipients.remove(i);
        }
        if ui.button(t("export-recipient-add")).clicked() {
            self.recipients.push(String::new());
        }
    }
}

/// Room for a dialog's message (three lines, more if it needs), kept
/// whether or not there is one: the dialog and its buttons do not move
/// when an error comes or goes.
fn reserved_message(ui: &mut egui::Ui, message: Option<&str>) {
    let height = ui.text_style_height(&egui::TextStyle::Body) * 3.0 + 8.0;
    let size = egui::vec2(ui.available_width(), height);
    ui.allocate_ui_with_layout(size, egui::Layout::top_down(egui::Align::Min), |ui| {
        ui.set_min_size(size);
        if let Some(m) = message {
            error_text(ui, m);
        }
    });
}

#[derive(Default)]
pub struct ImportDialog {
    pub path: String,
    passphrase: Zeroizing<String>,
    pub error: Option<String>,
    /// The summary after a successful import.
    pub done: Option<String>,
    /// The fingerprint of a signer this vault does not trust, after the
    /// import was refused for it: the dialog then offers to trust it.
    pub untrusted: Option<String>,
    signer_name: String,
    /// Who signed the imported bundle, shown under the summary.
    pub signed_by: Option<String>,
}

impl ImportDialog {
    pub fn ui(&mut self, ui: &mut egui::Ui, close: &mut bool) -> Option<Action> {
        let mut action = None;
        ui.heading(t("import-title"));
        if let Some(done) = &self.done {
            ui.label(RichText::new(done).color(OK_COLOUR));
            if let Some(signed) = &self.signed_by {
                ui.label(RichText::new(signed).small());
            }
            if ui.button(t("export-close")).clicked() {
                *close = true;
            }
            return None;
        }
        ui.label(RichText::new(t("import-explain")).small());
        let l = ui.label(t("import-path"));
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut self.path).id(field_id("import.path")).desired_width(460.0))
                .labelled_by(l.id);
            if ui.button(t("file-pick-browse")).clicked() {
                action = Some(Action::Browse(PickRequest::new(PickTarget::ImportBundle, &self.path)));
            }
        });
        let l = ui.label(t("import-passphrase"));
        ui.add(egui::TextEdit::singleline(&mut *self.passphrase).password(true).id(field_id("import.passphrase")))
            .labelled_by(l.id);
        reserved_message(ui, self.error.as_deref());
        if let Some(a) = self.trust_choice(ui) {
            action = Some(a);
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(RichText::new(t("import-run")).strong()).clicked() {
                action = self.request(None);
            }
            if ui.button(t("export-cancel")).clicked() {
                *close = true;
            }
        });
        action
    }
}

impl ImportDialog {
    /// After a refusal for an unknown signer: its fingerprint, a name, and
    /// the one button that trusts it and imports.
    fn trust_choice(&mut self, ui: &mut egui::Ui) -> Option<Action> {
        let fingerprint = self.untrusted.clone()?;
        ui.add_space(6.0);
        ui.label(RichText::new(t("import-untrusted-fingerprint")).strong());
        ui.label(RichText::new(&fingerprint).monospace().strong());
        ui.label(RichText::new(t("import-untrusted-explain")).small());
        let l = ui.label(t("import-untrusted-name"));
        ui.add(egui::TextEdit::singleline(&mut self.signer_name).id(field_id("import.signer-name")).desired_width(320.0))
            .labelled_by(l.id);
        let named = !self.signer_name.trim().is_empty();
        let button = ui.add_enabled(named, egui::Button::new(RichText::new(t("import-trust-and-import")).strong()));
        if button.clicked() {
            return self.request(Some(self.signer_name.trim().to_string()));
        }
        None
    }

    /// The import asked for, or `None` with the problem shown.
    fn request(&mut self, trust_signer: Option<String>) -> Option<Action> {
        if self.path.trim().is_empty() {
            self.error = Some(t("import-path-missing"));
            return None;
        }
        self.error = None;
        let passphrase = (!self.passphrase.is_empty()).then(|| SecretString::from(self.passphrase.to_string()));
        Some(Action::Bundle(BundleAction::Import { path: PathBuf::from(self.path.trim()), passphrase, trust_signer }))
    }
}

/// Which bundle dialog is open, if any.
#[derive(Default)]
pub enum BundleDialog {
    #[default]
    None,
    Export(ExportDialog),
    Import(ImportDialog),
}

impl BundleDialog {
    pub fn is_open(&self) -> bool {
        !matches!(self, BundleDialog::None)
    }

    /// Draw the open dialog as a modal window.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Action> {
        if !self.is_open() {
            return None;
        }
        let mut close = false;
        let mut action = None;
        egui::Modal::new(egui::Id::unique("bundle-dialog")).show(ctx, |ui| {
            // Never wider than a small window: a dialog sized for a large
            // one opened half off the screen at 900×600.
            ui.set_width((ctx.content_rect().width() - 48.0).clamp(280.0, 620.0));
            action = match self {
                BundleDialog::Export(d) => d.ui(ui, &mut close),
                BundleDialog::Import(d) => d.ui(ui, &mut close),
                BundleDialog::None => None,
            };
        });
        if close {
            *self = BundleDialog::None;
            // egui keeps each field's undo history: drop the passphrases' too.
            ctx.data_mut(|d| {
                for key in ["export.passphrase", "export.repeat", "import.passphrase"] {
                    d.remove::<egui::text_edit::TextEditState>(field_id(key));
                }
            });
        }
        action
    }
}
