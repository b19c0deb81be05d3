//! The interview form: every field of a case, in sections. Dates and numbers
//! are typed as text and parsed as the interviewer types, with the problem
//! shown beside the field; a field that does not parse blocks saving, so a
//! stale value is never saved silently.

use crate::ui::panels::attachments::AttachmentsPanel;
use crate::ui::widgets::place_pick::{place_row, Scope};
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
        let year = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_default();
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
}

impl CaseForm {
    pub fn new(case: Case, is_new: bool) -> CaseForm {
        let texts = Texts::from_case(&case);
        CaseForm {
            case,
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
        }
    }

    /// A form holding autosaved edits: unsaved until the user saves.
    pub fn from_draft(case: Case, is_new: bool) -> CaseForm {
        let mut form = CaseForm::new(case, is_new);
        form.edits = Edits::InDraft;
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

    /// The case was saved as `stored`.
    pub fn mark_saved(&mut self, stored: Case) {
        self.case = stored;
        self.texts = Texts::from_case(&self.case);
        self.errors.clear();
        self.is_new = false;
        self.edits = Edits::Saved;
        self.save_error = None;
    }

    /// Problems that stop a save: fields that do not parse, then the
    /// model's own blocking rules.
    pub fn blocking_problems(&self) -> Vec<String> {
        let mut out: Vec<String> = self.errors.keys().map(|_| t("form-fix-fields")).take(1).collect();
        out.extend(
            self.case
                .validation_problems()
                .into_iter()
                .filter(|p| p.blocks_save())
                .map(|p| t(&format!("problem-{}", p.key()))),
        );
        out
    }

    fn changed(&mut self) {
        self.edits = Edits::DraftDue;
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        ui.horizontal(|ui| {
            ui.heading(&self.case.code);
            ui.label(RichText::new(status_label(self.case.status)).weak());
            ui.separator();
            if ui.button(RichText::new(t("form-save")).strong()).clicked() {
                action = Some(Action::Case(CaseAction::Save));
            }
            if ui.button(t("form-close")).clicked() {
                action = Some(Action::Nav(Nav::CloseForm));
            }
            ui.separator();
            if self.is_dirty() {
                ui.label(RichText::new(t("form-unsaved")).color(SENSITIVE_COLOUR));
            } else {
                ui.label(RichText::new(t("form-saved")).color(OK_COLOUR));
            }
            if let Some(n) = &self.notice {
                ui.label(RichText::new(n).small().weak());
            }
        });
        for e in [&self.save_error, &self.autosave_error].into_iter().flatten() {
            error_text(ui, e);
        }
        for p in self.case.validation_problems() {
            let text = t(&format!("problem-{}", p.key()));
            if p.blocks_save() {
                error_text(ui, &text);
            } else {
                ui.label(RichText::new(text).color(SENSITIVE_COLOUR));
            }
        }
        ui.separator();
        // Files dropped on the window while the form is open are attached.
        if let Some(a) = self.attachments.dropped(ui.ctx()) {
            action = Some(a);
        }
        egui::ScrollArea::vertical().id_salt(("form-scroll", self.case.id)).auto_shrink(false).show(ui, |ui| {
            let mut changed = self.interview_section(ui);
            changed |= self.interviewee_section(ui);
            changed |= self.consent_section(ui);
            changed |= self.incidents_section(ui);
            changed |= self.narrative_section(ui);
            changed |= self.notes_section(ui);
            if let Some(a) = self.attachments_section(ui) {
                action = Some(a);
            }
            ui.add_space(40.0);
            if changed {
                self.changed();
            }
        });
        action
    }

    fn interview_section(&mut self, ui: &mut Ui) -> bool {
        section_heading(ui, &t("form-section-interview"));
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
        section_heading(ui, &t("form-section-interviewee"));
        ui.label(RichText::new(t("form-sensitive-explain")).small().color(SENSITIVE_COLOUR));
        let CaseForm { case, texts, errors, .. } = self;
        let w = &mut case.interviewee;
        let mut changed = false;
        egui::Grid::new("grid-interviewee").num_columns(2).spacing([16.0, 6.0]).show(ui, |ui| {
            changed |= text_row(ui, field_id("interviewee.pseudonym"), &t("form-pseudonym"), &mut w.pseudonym, Field::Pseudonym.sensitive(), None);
            changed |= text_row(ui, field_id("interviewee.real_name"), &t("form-real-name"), &mut w.real_name, Field::RealName.sensitive(), None);
            let l = field_label(ui, &t("form-gender"), false);
            changed |= enum_combo(ui, "gender", l.id, &mut w.gender, &Gender::ALL, gender_label);
            ui.end_row();
            changed |= parsed_row(ui, &t("form-birth-year"), &mut texts.birth_year, "interviewee.birth_year", errors, Field::BirthYear.sensitive(), |s| {
                parse_optional_number::<i32>(s, 1900, 2100).map(|y| w.birth_year = y)
            });
            changed |= place_row(ui, field_id("interviewee.home_province"), &t("form-home-province"), &mut w.home_province, Field::HomeProvince.sensitive(), Scope::Provinces);
            changed |= place_row(ui, field_id("interviewee.home_county"), &t("form-home-county"), &mut w.home_county, Field::HomeCounty.sensitive(), Scope::CountiesOf(&w.home_province));
            changed |= parsed_row(ui, &t("form-departure-year"), &mut texts.departure_year, "interviewee.departure_year", errors, false, |s| {
                parse_optional_number::<i32>(s, 1900, 2100).map(|y| w.departure_year = y)
            });
            changed |= parsed_row(ui, &t("form-arrival-year"), &mut texts.arrival_year, "interviewee.arrival_year", errors, false, |s| {
                parse_optional_number::<i32>(s, 1900, 2100).map(|y| w.arrival_year = y)
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
        section_heading(ui, &t("form-section-consent"));
        let CaseForm { case, texts, errors, .. } = self;
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
        if !c.is_recorded() {
            ui.label(RichText::new(t("form-consent-not-recorded")).small().color(SENSITIVE_COLOUR));
        }
        changed
    }

    fn incidents_section(&mut self, ui: &mut Ui) -> bool {
        section_heading(ui, &t("form-section-incidents"));
        let mut changed = false;
        let mut remove = None;
        let CaseForm { case, texts, errors, confirm_remove, .. } = self;
        texts.incidents.resize_with(case.incidents.len(), IncidentTexts::default);
        for (n, (inc, it)) in case.incidents.iter_mut().zip(texts.incidents.iter_mut()).enumerate() {
            let number = (n + 1).to_string();
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.strong(t_args("form-incident-title", &[("n", &number)]));
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
        section_heading(ui, &t("form-section-narrative"));
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
        section_heading(ui, &t("form-section-notes"));
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
        section_heading(ui, &t("form-section-attachments"));
        self.attachments.ui(ui, &self.case.attachments)
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
    let changed = text_row(ui, field_id(key), label, text, sensitive, error.as_deref());
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

fn parse_optional_date(s: &str) -> Result<Option<FuzzyDate>, String> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    FuzzyDate::parse(s).map(Some).map_err(|e| e.to_string())
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
    fn complete_without_consent_blocks_saving() {
        let mut case = Case::new("NK-2026-0001");
        case.interviewee.pseudonym = "김영희".into();
        case.status = CaseStatus::Complete;
        let form = CaseForm::new(case, true);
        assert_eq!(form.blocking_problems().len(), 1);
    }
}
