//! The interview form: every field of a case, in sections. Dates and numbers
//! are typed as text and parsed as the interviewer types, with the problem
//! shown beside the field; a field that does not parse blocks saving, so a
//! stale value is never saved silently.

use crate::ui::panels::attachments::AttachmentsPanel;
use crate::ui::widgets::place_pick::{place_row, settle, Scope};
use crate::ui::shortcuts::{keys_for, Command};
use crate::ui::panels::recorder::RecorderPanel;
use crate::ui::widgets::*;
use crate::ui::{Action, CaseAction, Nav};
use crate::i18n::{t, t_args};
use crate::model::*;
use egui::{RichText, Ui};
use std::collections::BTreeMap;
use zeroize::Zeroize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LanguageChoice {
    Korean,
    English,
    Other,
}

/// Text typed into fields that are not plain strings in the model.
#[derive(Default)]
struct Texts {
    interview_date: String,
    duration: String,
    birth_year: String,
    departure_year: String,
    arrival_year: String,
    consent_date: String,
    tags: String,
    identifying_words: String,
    language_other: String,
    incidents: Vec<IncidentTexts>,
}

#[derive(Default)]
struct IncidentTexts {
    date: String,
    victims: String,
}

impl Texts {
    fn from_case(case: &Case) -> Texts {
        let year = |y: Option<Year>| y.map(|y| y.to_string()).unwrap_or_default();
        Texts {
            interview_date: case.interview.date.as_ref().map(FuzzyDate::to_iso).unwrap_or_default(),
            duration: case.interview.duration_minutes.map(|d| d.to_string()).unwrap_or_default(),
            birth_year: year(case.interviewee.birth_year),
            departure_year: year(case.interviewee.departure_year),
            arrival_year: year(case.interviewee.arrival_year),
            consent_date: case.consent.date.as_ref().map(FuzzyDate::to_iso).unwrap_or_default(),
            tags: case.tags.join(", "),
            identifying_words: case.interviewee.identifying_words.join(", "),
            language_other: match &case.interview.language {
                Language::Other(l) => l.clone(),
                _ => String::new(),
            },
            incidents: case
                .incidents
                .iter()
                .map(|i| IncidentTexts { date: i.date.to_iso(), victims: i.victims.join(", ") })
                .collect(),
        }
    }
}

impl Drop for Texts {
    fn drop(&mut self) {
        for s in [
            &mut self.interview_date,
            &mut self.duration,
            &mut self.birth_year,
            &mut self.departure_year,
            &mut self.arrival_year,
            &mut self.consent_date,
            &mut self.tags,
            &mut self.identifying_words,
            &mut self.language_other,
        ] {
            s.zeroize();
        }
        for i in &mut self.incidents {
            i.date.zeroize();
            i.victims.zeroize();
        }
    }
}

/// Height of the form's message line at the bottom.
const STATUS_BAR_HEIGHT: f32 = 28.0;

/// Width of the side outline.
const OUTLINE_WIDTH: f32 = 150.0;

/// The parts of the form, as the side outline lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Interview,
    Interviewee,
    Consent,
    /// The incident at this index.
    Incident(usize),
    Narrative,
    Attachments,
    Notes,
}

impl Section {
    pub fn label(self) -> String {
        match self {
            Section::Interview => t("form-section-interview"),
            Section::Interviewee => t("form-section-interviewee"),
            Section::Consent => t("form-section-consent"),
            Section::Incident(n) => t_args("form-incident-title", &[("n", &(n + 1).to_string())]),
            Section::Narrative => t("form-section-narrative"),
            Section::Attachments => t("form-section-attachments"),
            Section::Notes => t("form-section-notes"),
        }
    }
}

/// How the form's edits stand against what is on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Edits {
    /// Nothing to lose: as stored (or a new, untouched case).
    Saved,
    /// Unsaved edits, all of them in the draft on disk.
    InDraft,
    /// Unsaved edits made since the last draft write.
    DraftDue,
}

pub struct CaseForm {
    /// The case as edited. The app saves a copy of it.
    pub case: Case,
    /// Never saved yet.
    pub is_new: bool,
    edits: Edits,
    texts: Texts,
    /// Field path -> why its text does not parse.
    errors: BTreeMap<String, String>,
    /// Set by the app when saving failed, or when validation stopped it.
    pub save_error: Option<String>,
    /// Set by the app: "draft autosaved at …", "restored from autosave".
    pub notice: Option<String>,
    /// Set by the app when writing the draft failed.
    pub autosave_error: Option<String>,
    confirm_remove: Option<usize>,
    /// The Attachments section's typed text and questions.
    pub attachments: AttachmentsPanel,
    /// The status the case was last stored with (what a save keeps when
    /// the one chosen is not allowed).
    stored_status: CaseStatus,
    /// The last save kept the case from being Complete (no consent): the
    /// reason stays beside the consent section until consent is recorded.
    held_back: bool,
    /// The section the outline (or a link) asked to show, this frame.
    scroll_to: Option<Section>,
    /// How far the form is scrolled (kept across a lock).
    scroll: egui::Vec2,
    /// A scroll position to put back at the next frame (after unlock).
    restore_scroll: Option<egui::Vec2>,
    /// The case as stored (or as new): edits that come back to it (a
    /// letter typed and deleted) are no unsaved change. `None` for a
    /// draft, whose stored version the form does not hold.
    baseline: Option<Case>,
    /// The edits came back to the stored case: its draft is redundant.
    draft_redundant: bool,
    /// Which notice is shown since when (notices go after a while).
    notice_seen: Option<(String, f64)>,
    /// The recorder's controls (ui::panels::recorder).
    pub recorder: RecorderPanel,
}

impl CaseForm {
    pub fn new(case: Case, is_new: bool) -> CaseForm {
        let texts = Texts::from_case(&case);
        CaseForm {
            is_new,
            // A new, untouched case has nothing to lose.
            edits: Edits::Saved,
            texts,
            errors: BTreeMap::new(),
            save_error: None,
            notice: None,
            autosave_error: None,
            confirm_remove: None,
            attachments: AttachmentsPanel::default(),
            stored_status: allowed_status(&case),
            held_back: false,
            scroll_to: None,
            scroll: egui::Vec2::ZERO,
            restore_scroll: None,
            baseline: Some(case.clone()),
            draft_redundant: false,
            notice_seen: None,
            recorder: RecorderPanel::default(),
            case,
        }
    }

    /// A form holding autosaved edits: unsaved until the user saves.
    pub fn from_draft(case: Case, is_new: bool) -> CaseForm {
        let mut form = CaseForm::new(case, is_new);
        form.edits = Edits::InDraft;
        form.baseline = None;
        form
    }

    pub fn is_dirty(&self) -> bool {
        self.edits != Edits::Saved
    }

    /// Whether edits were made since the last draft write; clears the flag.
    pub fn take_draft_due(&mut self) -> bool {
        let due = self.edits == Edits::DraftDue;
        if due {
            self.edits = Edits::InDraft;
        }
        due
    }

    /// Keep the draft flag set (the write failed; try again later).
    pub fn draft_failed(&mut self) {
        if self.edits == Edits::InDraft {
            self.edits = Edits::DraftDue;
        }
    }

    /// Whether the edits came back to the stored case since the last
    /// draft write (its draft can go); clears the flag.
    pub fn take_draft_redundant(&mut self) -> bool {
        std::mem::take(&mut self.draft_redundant)
    }

    /// Edit the recording info of attachment `id` (a marker's incident,
    /// the transcription): an edit of the form like any other, saved with it.
    pub fn edit_recording(&mut self, id: uuid::Uuid, edit: impl FnOnce(&mut crate::model::recording::RecordingInfo)) {
        let Some(r) = self.case.attachments.iter_mut().find(|a| a.id == id).and_then(|a| a.recording.as_mut()) else { return };
        edit(r);
        self.changed();
    }

    /// The case was saved as `stored`.
    pub fn mark_saved(&mut self, stored: Case) {
        self.stored_status = stored.status;
        self.baseline = Some(stored.clone());
        self.case = stored;
        self.texts = Texts::from_case(&self.case);
        self.errors.clear();
        self.is_new = false;
        self.edits = Edits::Saved;
        self.save_error = None;
    }

    /// Problems that stop a save: only fields whose text does not parse
    /// (saving them would store a stale value). Everything else is saved
    /// as it is; see [`CaseForm::to_save`].
    pub fn blocking_problems(&self) -> Vec<String> {
        self.errors.keys().map(|_| t("form-fix-fields")).take(1).collect()
    }

    /// The case as it will be stored: place names settled to the list's
    /// entries, and a status the rules allow. A case that cannot be
    /// Complete (no recorded consent) keeps the status it had, and the
    /// form remembers why, to say so beside the consent section.
    pub fn to_save(&mut self) -> Case {
        self.settle_places();
        let mut case = self.case.clone();
        self.held_back = case.validation_problems().iter().any(|p| p.blocks_complete());
        if self.held_back {
            case.status = self.stored_status;
        }
        case
    }

    /// How far the form is scrolled.
    pub fn scroll_offset(&self) -> egui::Vec2 {
        self.scroll
    }

    /// Scroll to `offset` at the next frame (back where it was at a lock).
    pub fn restore_scroll(&mut self, offset: egui::Vec2) {
        self.restore_scroll = Some(offset);
    }

    /// Whether the last save kept the case from being Complete.
    pub fn held_back(&self) -> bool {
        self.held_back
    }

    /// Place fields typed in any script become the list's entry, also when
    /// the field still has the keyboard (Ctrl+S).
    fn settle_places(&mut self) {
        let w = &mut self.case.interviewee;
        settle(&mut w.home_province, Scope::Provinces);
        settle(&mut w.home_county, Scope::CountiesOf(&w.home_province));
        for i in &mut self.case.incidents {
            settle(&mut i.province, Scope::Provinces);
            settle(&mut i.county, Scope::CountiesOf(&i.province));
        }
    }

    fn changed(&mut self) {
        if self.errors.is_empty() && self.baseline.as_ref() == Some(&self.case) {
            // Back to what is stored: nothing to lose.
            self.draft_redundant = self.edits != Edits::Saved;
            self.edits = Edits::Saved;
        } else {
            self.edits = Edits::DraftDue;
        }
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<Action> {
        expire_notice(ui, &mut self.notice, &mut self.notice_seen);
        let mut action = self.header(ui);
        if let Some(a) = self.recorder.ui(ui, !self.is_new) {
            action = Some(a);
        }
        // The messages live in one line at the bottom, reserved whether or
        // not there is one: nothing in the form moves when they come and go.
        egui::Panel::bottom(("form-status", self.case.id)).exact_size(STATUS_BAR_HEIGHT).resizable(false).show(ui, |ui| {
            if self.status_bar(ui) {
                self.scroll_to = Some(Section::Consent);
            }
        });
        // Of fixed width, so a problem mark coming or going moves nothing.
        egui::Panel::left(("form-outline", self.case.id)).resizable(false).exact_size(OUTLINE_WIDTH).show(ui, |ui| {
            if let Some(s) = self.outline(ui) {
                self.scroll_to = Some(s);
            }
        });
        // Files dropped on the window while the form is open are attached.
        if let Some(a) = self.attachments.dropped(ui.ctx()) {
            action = Some(a);
        }
        let mut area = egui::ScrollArea::both().id_salt(("form-scroll", self.case.id)).auto_shrink(false);
        if let Some(offset) = self.restore_scroll.take() {
            area = area.scroll_offset(offset);
        }
        let shown = area.show(ui, |ui| {
            let mut changed = self.interview_section(ui);
            changed |= self.interviewee_section(ui);
            changed |= self.consent_section(ui);
            changed |= self.incidents_section(ui);
            changed |= self.narrative_section(ui);
            if let Some(a) = self.attachments_section(ui) {
                action = Some(a);
            }
            changed |= self.notes_section(ui);
            ui.add_space(40.0);
            if changed {
                self.changed();
            }
        });
        self.scroll = shown.state.clamped_offset();
        self.scroll_to = None;
        action
    }

    /// Code, Save, Close, then the status and saved marks: the buttons come
    /// first so they never slide when a mark changes length. None of them
    /// takes the keyboard (Ctrl+S, Ctrl+W): Tab walks the fields only.
    fn header(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        ui.horizontal(|ui| {
            ui.heading(&self.case.code);
            ui.separator();
            let save = egui::Button::new(RichText::new(t("form-save")).strong()).sense(egui::Sense::CLICK);
            if ui.add(save).on_hover_text(keys_for(Command::Save)).clicked() {
                action = Some(Action::Case(CaseAction::Save));
            }
            if ui.add(egui::Button::new(t("form-close")).sense(egui::Sense::CLICK)).on_hover_text(keys_for(Command::CloseForm)).clicked() {
                action = Some(Action::Nav(Nav::CloseForm));
            }
            ui.separator();
            ui.label(RichText::new(status_label(self.case.status)).weak());
            if self.is_dirty() {
                ui.label(RichText::new(t("form-unsaved")).color(SENSITIVE_COLOUR));
            } else {
                ui.label(RichText::new(t("form-saved")).color(OK_COLOUR));
            }
        });
        ui.separator();
        action
    }

    /// The one message line: a failed save or autosave first, else the last
    /// notice. Returns whether its "go to consent" link was clicked.
    fn status_bar(&self, ui: &mut Ui) -> bool {
        let mut go = false;
        ui.horizontal_centered(|ui| {
            let (text, colour) = match (&self.save_error, &self.autosave_error, &self.notice) {
                (Some(e), _, _) | (None, Some(e), _) => (e.as_str(), ERROR_COLOUR),
                (None, None, Some(n)) => (n.as_str(), ui.visuals().weak_text_color()),
                (None, None, None) => ("", ui.visuals().weak_text_color()),
            };
            if self.consent_message().is_some() {
                go = ui.add(egui::Link::new(t("form-go-to-consent"))).clicked();
            }
            ui.add(egui::Label::new(RichText::new(text).color(colour)).truncate()).on_hover_text(text);
        });
        go
    }

    /// Complete is asked for, or was held back at the last save.
    fn wants_complete(&self) -> bool {
        self.case.status == CaseStatus::Complete || self.held_back
    }

    /// Why the case cannot be Complete, when that applies: shown once, in
    /// the space reserved under the consent heading.
    fn consent_message(&self) -> Option<String> {
        if self.case.consent.is_recorded() {
            return None;
        }
        if self.wants_complete() {
            Some(t("problem-complete-without-consent"))
        } else {
            None
        }
    }

    /// The side outline: one link a section, marked when it holds a
    /// problem. Returns the section clicked.
    fn outline(&self, ui: &mut Ui) -> Option<Section> {
        let mut go = None;
        ui.add_space(6.0);
        for section in self.sections() {
            let mark = if self.section_has_problem(section) { "● " } else { "" };
            let text = RichText::new(format!("{mark}{}", section.label()));
            let text = if mark.is_empty() { text } else { text.color(ERROR_COLOUR) };
            if ui.add(egui::Button::new(text).frame(false).truncate().sense(egui::Sense::CLICK)).clicked() {
                go = Some(section);
            }
        }
        go
    }

    fn sections(&self) -> Vec<Section> {
        let mut out = vec![Section::Interview, Section::Interviewee, Section::Consent];
        out.extend((0..self.case.incidents.len()).map(Section::Incident));
        out.extend([Section::Narrative, Section::Attachments, Section::Notes]);
        out
    }

    fn section_has_problem(&self, section: Section) -> bool {
        let in_errors = |prefix: &str| self.errors.keys().any(|k| k.starts_with(prefix));
        match section {
            Section::Interview => in_errors("interview.") || in_errors("tags"),
            Section::Interviewee => in_errors("interviewee.") || self.case.interviewee.pseudonym.trim().is_empty(),
            Section::Consent => in_errors("consent.") || self.consent_message().is_some(),
            Section::Incident(n) => self.case.incidents.get(n).is_some_and(|i| {
                in_errors(&format!("incidents[{}]", i.id)) || (self.wants_complete() && i.violation == ViolationType::NotChosen)
            }),
            Section::Narrative | Section::Attachments | Section::Notes => false,
        }
    }

    /// A section's heading; scrolled to the top when the outline asked.
    fn heading(&self, ui: &mut Ui, section: Section) {
        let r = section_heading(ui, &section.label());
        if self.scroll_to == Some(section) {
            r.scroll_to_me(Some(egui::Align::TOP));
        }
    }

    fn interview_section(&mut self, ui: &mut Ui) -> bool {
        self.heading(ui, Section::Interview);
        let CaseForm { case, texts, errors, .. } = self;
        let mut changed = false;
        egui::Grid::new("grid-interview").num_columns(2).spacing([16.0, 6.0]).show(ui, |ui| {
            let l = field_label(ui, &t("form-status"), false);
            changed |= enum_combo(ui, "status", l.id, &mut case.status, &CaseStatus::ALL, status_label);
            ui.end_row();
            changed |= parsed_row(ui, &t("form-interview-date"), &mut texts.interview_date, "interview.date", errors, false, |s| {
                parse_optional_date(s).map(|d| case.interview.date = d)
            });
            changed |= place_row(ui, field_id("interview.place"), &t("form-interview-place"), &mut case.interview.place, false, Scope::Any);

            let l = field_label(ui, &t("form-language"), false);
            ui.horizontal(|ui| {
                let mut choice = match case.interview.language {
                    Language::Korean => LanguageChoice::Korean,
                    Language::English => LanguageChoice::English,
                    Language::Other(_) => LanguageChoice::Other,
                };
                let all = [LanguageChoice::Korean, LanguageChoice::English, LanguageChoice::Other];
                let name = |c: LanguageChoice| match c {
                    LanguageChoice::Korean => t("form-language-korean"),
                    LanguageChoice::English => t("form-language-english"),
                    LanguageChoice::Other => t("form-language-other"),
                };
                if enum_combo(ui, "language", l.id, &mut choice, &all, name) {
                    changed = true;
                }
                if choice == LanguageChoice::Other {
                    let r = ui.add(
                        egui::TextEdit::singleline(&mut texts.language_other)
                            .id(field_id("interview.language.other"))
                            .hint_text(t("form-language-other-hint"))
                            .desired_width(160.0),
                    );
                    changed |= r.changed();
                }
                case.interview.language = match choice {
                    LanguageChoice::Korean => Language::Korean,
                    LanguageChoice::English => Language::English,
                    LanguageChoice::Other => Language::Other(texts.language_other.clone()),
                };
            });
            ui.end_row();
            changed |= text_row(ui, field_id("interview.interviewer"), &t("form-interviewer"), &mut case.interview.interviewer, false, None);
            changed |= text_row(ui, field_id("interview.interpreter"), &t("form-interpreter"), &mut case.interview.interpreter, false, None);
            changed |= parsed_row(ui, &t("form-duration"), &mut texts.duration, "interview.duration_minutes", errors, false, |s| {
                parse_optional_number::<u32>(s, 0, 24 * 60).map(|d| case.interview.duration_minutes = d)
            });
            changed |= parsed_row(ui, &t("form-tags"), &mut texts.tags, "tags", errors, false, |s| {
                case.tags = split_list(s);
                Ok(())
            });
        });
        changed
    }

    fn interviewee_section(&mut self, ui: &mut Ui) -> bool {
        self.heading(ui, Section::Interviewee);
        ui.label(RichText::new(t("form-sensitive-explain")).small().color(SENSITIVE_COLOUR));
        let CaseForm { case, texts, errors, .. } = self;
        let w = &mut case.interviewee;
        let mut changed = false;
        egui::Grid::new("grid-interviewee").num_columns(2).spacing([16.0, 6.0]).show(ui, |ui| {
            let missing = w.pseudonym.trim().is_empty().then(|| t("problem-missing-pseudonym"));
            let message = missing.as_deref().map(Message::Warning);
            changed |= message_row(ui, field_id("interviewee.pseudonym"), &t("form-pseudonym"), &mut w.pseudonym, Field::Pseudonym.sensitive(), message);
            changed |= text_row(ui, field_id("interviewee.real_name"), &t("form-real-name"), &mut w.real_name, Field::RealName.sensitive(), None);
            let l = field_label(ui, &t("form-gender"), false);
            changed |= enum_combo(ui, "gender", l.id, &mut w.gender, &Gender::ALL, gender_label);
            ui.end_row();
            changed |= parsed_row(ui, &t("form-birth-year"), &mut texts.birth_year, "interviewee.birth_year", errors, Field::BirthYear.sensitive(), |s| {
                parse_optional_year(s).map(|y| w.birth_year = y)
            });
            changed |= place_row(ui, field_id("interviewee.home_province"), &t("form-home-province"), &mut w.home_province, Field::HomeProvince.sensitive(), Scope::Provinces);
            changed |= place_row(ui, field_id("interviewee.home_county"), &t("form-home-county"), &mut w.home_county, Field::HomeCounty.sensitive(), Scope::CountiesOf(&w.home_province));
            changed |= parsed_row(ui, &t("form-departure-year"), &mut texts.departure_year, "interviewee.departure_year", errors, false, |s| {
                parse_optional_year(s).map(|y| w.departure_year = y)
            });
            changed |= parsed_row(ui, &t("form-arrival-year"), &mut texts.arrival_year, "interviewee.arrival_year", errors, false, |s| {
                parse_optional_year(s).map(|y| w.arrival_year = y)
            });
            changed |= text_row(ui, field_id("interviewee.current_country"), &t("form-current-country"), &mut w.current_country, false, None);
            changed |= text_row(ui, field_id("interviewee.contact"), &t("form-contact"), &mut w.contact, Field::Contact.sensitive(), None);
            let words_key = Field::IdentifyingWords.path();
            changed |= parsed_row(ui, &t("form-identifying-words"), &mut texts.identifying_words, words_key, errors, Field::IdentifyingWords.sensitive(), |s| {
                w.identifying_words = split_list(s);
                Ok(())
            });
        });
        ui.label(RichText::new(t("form-identifying-words-hint")).small());
        changed
    }

    fn consent_section(&mut self, ui: &mut Ui) -> bool {
        self.heading(ui, Section::Consent);
        // Reserved whether or not there is a message: nothing below moves.
        let message = self.consent_message();
        let recorded = self.case.consent.is_recorded();
        reserved_line(ui, |ui| match (&message, recorded) {
            (Some(m), _) => error_text(ui, m),
            (None, false) => {
                ui.label(RichText::new(t("form-consent-not-recorded")).color(SENSITIVE_COLOUR));
            }
            (None, true) => {}
        });
        let CaseForm { case, texts, errors, held_back, .. } = self;
        let c = &mut case.consent;
        let mut changed = false;
        egui::Grid::new("grid-consent").num_columns(2).spacing([16.0, 6.0]).show(ui, |ui| {
            changed |= check_row(ui, &t("form-consent-given"), &mut c.given);
            changed |= parsed_row(ui, &t("form-consent-date"), &mut texts.consent_date, "consent.date", errors, false, |s| {
                parse_optional_date(s).map(|d| c.date = d)
            });
            changed |= combo_row(ui, &t("form-consent-method"), "consent-method", &mut c.method, &ConsentMethod::ALL, consent_method_label);
            changed |= check_row(ui, &t("form-share-un"), &mut c.share_with_un);
            changed |= check_row(ui, &t("form-share-ngos"), &mut c.share_with_ngos);
            changed |= check_row(ui, &t("form-use-in-court"), &mut c.use_in_court);
            changed |= check_row(ui, &t("form-quote-publicly"), &mut c.quote_publicly);
            changed |= combo_row(ui, &t("form-anonymity"), "anonymity", &mut c.anonymity, &Anonymity::ALL, anonymity_label);
        });
        if c.is_recorded() {
            *held_back = false;
        }
        changed
    }

    fn incidents_section(&mut self, ui: &mut Ui) -> bool {
        section_heading(ui, &t("form-section-incidents"));
        let mut changed = false;
        let mut remove = None;
        let scroll_to = self.scroll_to;
        let wants_complete = self.wants_complete();
        let CaseForm { case, texts, errors, confirm_remove, .. } = self;
        texts.incidents.resize_with(case.incidents.len(), IncidentTexts::default);
        for (n, (inc, it)) in case.incidents.iter_mut().zip(texts.incidents.iter_mut()).enumerate() {
            let number = (n + 1).to_string();
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    let title = ui.strong(t_args("form-incident-title", &[("n", &number)]));
                    if scroll_to == Some(Section::Incident(n)) {
                        title.scroll_to_me(Some(egui::Align::TOP));
                    }
                    if *confirm_remove == Some(n) {
                        ui.label(RichText::new(t("form-incident-remove-confirm")).color(ERROR_COLOUR));
                        if ui.button(t("form-incident-remove-yes")).clicked() {
                            remove = Some(n);
                        }
                        if ui.button(t("form-incident-remove-no")).clicked() {
                            *confirm_remove = None;
                        }
                    } else if ui.button(t_args("form-incident-remove", &[("n", &number)])).clicked() {
                        *confirm_remove = Some(n);
                    }
                    // After the buttons, so they never move.
                    if wants_complete && inc.violation == ViolationType::NotChosen {
                        error_text(ui, &t("problem-complete-without-incident-type"));
                    }
                });
                let key = |f: &str| format!("incidents[{}].{f}", inc.id);
                egui::Grid::new(("grid-incident", inc.id)).num_columns(2).spacing([16.0, 6.0]).show(ui, |ui| {
                    changed |= combo_row(ui, &t("form-violation"), ("violation", inc.id), &mut inc.violation, &ViolationType::ALL, violation_label);
                    if inc.violation == ViolationType::Other {
                        changed |= text_row(ui, field_id((inc.id, "violation_other")), &t("form-violation-other"), &mut inc.violation_other, false, None);
                    }
                    changed |= parsed_row(ui, &t("form-incident-date"), &mut it.date, &key("date"), errors, false, |s| {
                        DateRange::parse(s).map(|d| inc.date = d).map_err(|e| e.to_string())
                    });
                    changed |= place_row(ui, field_id((inc.id, "province")), &t("form-incident-province"), &mut inc.province, false, Scope::Provinces);
                    changed |= place_row(ui, field_id((inc.id, "county")), &t("form-incident-county"), &mut inc.county, false, Scope::CountiesOf(&inc.province));
                    changed |= text_row(ui, field_id((inc.id, "place")), &t("form-incident-place"), &mut inc.place, false, None);
                    changed |= parsed_row(ui, &t("form-victims"), &mut it.victims, &key("victims"), errors, false, |s| {
                        inc.victims = split_list(s);
                        Ok(())
                    });
                    changed |= combo_row(ui, &t("form-perpetrator"), ("perpetrator", inc.id), &mut inc.perpetrator, &Perpetrator::ALL, perpetrator_label);
                    changed |= text_row(ui, field_id((inc.id, "perpetrator_detail")), &t("form-perpetrator-detail"), &mut inc.perpetrator_detail, false, None);
                    changed |= combo_row(ui, &t("form-source"), ("source", inc.id), &mut inc.source, &SourceOfKnowledge::ALL, source_label);
                    changed |= multiline_row(ui, field_id((inc.id, "narrative")), &t("form-incident-narrative"), &mut inc.narrative, 4);
                });
            });
            ui.add_space(6.0);
        }
        if let Some(n) = remove {
            let gone = case.incidents.remove(n);
            texts.incidents.remove(n);
            let prefix = format!("incidents[{}]", gone.id);
            errors.retain(|k, _| !k.starts_with(&prefix));
            *confirm_remove = None;
            changed = true;
        }
        if ui.button(t("form-incident-add")).clicked() {
            case.incidents.push(Incident::default());
            texts.incidents.push(IncidentTexts::default());
            changed = true;
        }
        changed
    }

    fn narrative_section(&mut self, ui: &mut Ui) -> bool {
        self.heading(ui, Section::Narrative);
        let l = ui.label(RichText::new(t("form-narrative")).small());
        ui.add(
            egui::TextEdit::multiline(&mut self.case.narrative)
                .id(field_id("narrative"))
                .desired_rows(16)
                .desired_width(f32::INFINITY)
                .hint_text(t("form-narrative-hint")),
        )
        .labelled_by(l.id)
        .changed()
    }

    fn notes_section(&mut self, ui: &mut Ui) -> bool {
        self.heading(ui, Section::Notes);
        let case = &mut self.case;
        let mut changed = false;
        egui::Grid::new("grid-notes").num_columns(2).spacing([16.0, 6.0]).show(ui, |ui| {
            changed |= multiline_row(ui, field_id("interviewer_notes"), &t("form-interviewer-notes"), &mut case.interviewer_notes, 3);
            changed |= multiline_row(ui, field_id("credibility_notes"), &t("form-credibility-notes"), &mut case.credibility_notes, 3);
            changed |= multiline_row(ui, field_id("follow_up"), &t("form-follow-up"), &mut case.follow_up, 3);
        });
        changed
    }

    fn attachments_section(&mut self, ui: &mut Ui) -> Option<Action> {
        self.heading(ui, Section::Attachments);
        self.attachments.ui(ui, &self.case.attachments, &self.case.incidents)
    }
}

/// One grid row of text parsed into a model value by `apply`. A parse
/// failure is recorded under `key` and shown beside the field.
fn parsed_row(
    ui: &mut Ui,
    label: &str,
    text: &mut String,
    key: &str,
    errors: &mut BTreeMap<String, String>,
    sensitive: bool,
    apply: impl FnOnce(&str) -> Result<(), String>,
) -> bool {
    let error = errors.get(key).cloned();
    let changed = message_row(ui, field_id(key), label, text, sensitive, error.as_deref().map(Message::Error));
    if changed {
        match apply(text) {
            Ok(()) => {
                errors.remove(key);
            }
            Err(e) => {
                errors.insert(key.to_string(), e);
            }
        }
    }
    changed
}

/// The status a save may keep: never Complete without recorded consent.
fn allowed_status(case: &Case) -> CaseStatus {
    if case.status == CaseStatus::Complete && !case.consent.is_recorded() { CaseStatus::Draft } else { case.status }
}

fn parse_optional_date(s: &str) -> Result<Option<FuzzyDate>, String> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    FuzzyDate::parse(s).map(Some).map_err(|e| e.to_string())
}

/// A year as people give it, exact or approximate ([`Year::parse`]).
fn parse_optional_year(s: &str) -> Result<Option<Year>, String> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    Year::parse(s).map(Some).map_err(|_| t("form-bad-year"))
}

fn parse_optional_number<N: std::str::FromStr + PartialOrd + Copy + Into<i64>>(s: &str, min: i64, max: i64) -> Result<Option<N>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<N>() {
        Ok(n) if (min..=max).contains(&n.into()) => Ok(Some(n)),
        _ => Err(t_args("form-bad-number", &[("min", &min.to_string()), ("max", &max.to_string())])),
    }
}

/// Comma- or newline-separated items, trimmed, empties dropped.
fn split_list(s: &str) -> Vec<String> {
    s.split([',', '\n', '、']).map(str::trim).filter(|x| !x.is_empty()).map(String::from).collect()
}

#[cfg(test)]
mod tests {
    use super::{parse_optional_date, parse_optional_number, split_list, CaseForm};
    use crate::model::{Case, CaseStatus, FuzzyDate};

    #[test]
    fn lists_and_numbers_parse() {
        assert_eq!(split_list("a, b,,c\n d"), vec!["a", "b", "c", "d"]);
        assert_eq!(parse_optional_number::<i32>("1987", 1900, 2100), Ok(Some(1987)));
        assert_eq!(parse_optional_number::<i32>("", 1900, 2100), Ok(None));
        assert!(parse_optional_number::<i32>("87", 1900, 2100).is_err());
        assert!(parse_optional_number::<u32>("abc", 0, 10).is_err());
        assert_eq!(parse_optional_date("~2019").unwrap(), Some(FuzzyDate::year(2019).approx()));
        assert!(parse_optional_date("2019-13").is_err());
    }

    #[test]
    fn a_letter_typed_and_deleted_is_no_unsaved_change() {
        let mut form = CaseForm::new(Case::new("NK-2026-0001"), false);
        form.case.narrative.push('가');
        form.changed();
        assert!(form.is_dirty());
        assert!(form.take_draft_due());
        form.case.narrative.pop();
        form.changed();
        assert!(!form.is_dirty(), "back to the stored case");
        assert!(form.take_draft_redundant(), "its draft can go");
    }

    #[test]
    fn complete_without_consent_is_saved_as_it_was() {
        let mut case = Case::new("NK-2026-0001");
        case.interviewee.pseudonym = "김영희".into();
        case.interviewee.home_province = "North Hamgyong".into();
        let mut form = CaseForm::new(case, true);
        form.case.status = CaseStatus::Complete;
        assert!(form.blocking_problems().is_empty());
        let saved = form.to_save();
        assert_eq!(saved.status, CaseStatus::Draft);
        assert!(form.held_back());
        assert_eq!(saved.interviewee.home_province, "함경북도");
        form.case.consent.given = true;
        form.case.consent.method = crate::model::ConsentMethod::Written;
        assert_eq!(form.to_save().status, CaseStatus::Complete);
        assert!(!form.held_back());

        // A new incident has no type until one is chosen: not Complete.
        form.case.incidents.push(crate::model::Incident::default());
        assert_eq!(form.case.incidents[0].violation, crate::model::ViolationType::NotChosen);
        assert_eq!(form.to_save().status, CaseStatus::Draft);
        assert!(form.held_back());
        form.case.incidents[0].violation = crate::model::ViolationType::Torture;
        assert_eq!(form.to_save().status, CaseStatus::Complete);
    }
}
