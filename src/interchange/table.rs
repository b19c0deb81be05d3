//! The one-row-per-incident table: its columns, and cases to rows and back.
//!
//! Analysts count incidents, not interviews, so each incident is a row and
//! the case's own columns repeat on every row of that case (a case with no
//! incident still has one row). Column names are stable keys, lower case
//! with underscores, so an Uwazi (HURIDOCS) template with properties of the
//! same names takes the file as it is (`title` is Uwazi's required column).
//! Fixed choices are written as their keys (`arbitrary-detention`) and read
//! back as keys or as their English or Korean labels; several victims are
//! separated by `|`, Uwazi's separator for multiple values.
//!
//! The four identifying fields (real name, contact, birth year, home
//! county) have no column: a table is for counting and reading, and who the
//! witness is stays in the vault. Free-text columns are left out of a
//! statistics-only table; a pseudonymised one has its text scrubbed as a
//! bundle's is ([`crate::bundle::redact`]).

use super::error::{At, Problem, ProblemKind};
use crate::bundle::{redact, BundleError, Profile};
use crate::i18n::{t_args, t_in, Lang};
use crate::model::{
    Anonymity, Case, CaseStatus, ConsentMethod, DateRange, FuzzyDate, Gender, Incident, Perpetrator, SourceOfKnowledge,
    ViolationType,
};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Title,
    Code,
    Pseudonym,
    Status,
    InterviewDate,
    InterviewPlace,
    Gender,
    HomeProvince,
    ConsentGiven,
    ConsentMethod,
    ShareWithUn,
    ShareWithNgos,
    UseInCourt,
    QuotePublicly,
    Anonymity,
    Incident,
    Violation,
    ViolationOther,
    DateFrom,
    DateTo,
    DatePrecision,
    Province,
    County,
    Place,
    Victims,
    Perpetrator,
    PerpetratorDetail,
    Source,
    IncidentNarrative,
    Narrative,
}

/// Separator of several values in one cell (Uwazi's).
pub const MULTI_SEPARATOR: &str = " | ";

impl Column {
    pub const ALL: [Column; 30] = {
        use Column as C;
        [
            C::Title, C::Code, C::Pseudonym, C::Status, C::InterviewDate, C::InterviewPlace, C::Gender,
            C::HomeProvince, C::ConsentGiven, C::ConsentMethod, C::ShareWithUn, C::ShareWithNgos, C::UseInCourt,
            C::QuotePublicly, C::Anonymity, C::Incident, C::Violation, C::ViolationOther, C::DateFrom, C::DateTo,
            C::DatePrecision, C::Province, C::County, C::Place, C::Victims, C::Perpetrator, C::PerpetratorDetail,
            C::Source, C::IncidentNarrative, C::Narrative,
        ]
    };

    /// The header: also the Uwazi property name.
    pub fn key(self) -> &'static str {
        use Column as C;
        match self {
            C::Title => "title",
            C::Code => "code",
            C::Pseudonym => "pseudonym",
            C::Status => "status",
            C::InterviewDate => "interview_date",
            C::InterviewPlace => "interview_place",
            C::Gender => "gender",
            C::HomeProvince => "home_province",
            C::ConsentGiven => "consent_given",
            C::ConsentMethod => "consent_method",
            C::ShareWithUn => "share_with_un",
            C::ShareWithNgos => "share_with_ngos",
            C::UseInCourt => "use_in_court",
            C::QuotePublicly => "quote_publicly",
            C::Anonymity => "anonymity",
            C::Incident => "incident",
            C::Violation => "violation",
            C::ViolationOther => "violation_other",
            C::DateFrom => "date_from",
            C::DateTo => "date_to",
            C::DatePrecision => "date_precision",
            C::Province => "province",
            C::County => "county",
            C::Place => "place",
            C::Victims => "victims",
            C::Perpetrator => "perpetrator",
            C::PerpetratorDetail => "perpetrator_detail",
            C::Source => "source_of_knowledge",
            C::IncidentNarrative => "incident_narrative",
            C::Narrative => "narrative",
        }
    }

    /// A header as people write it: any case, spaces or hyphens for `_`.
    pub fn from_header(header: &str) -> Option<Column> {
        let wanted = header_key(header);
        Column::ALL.into_iter().find(|c| c.key() == wanted)
    }

    /// Text someone typed; left out of a statistics-only table.
    pub fn is_free_text(self) -> bool {
        use Column as C;
        matches!(
            self,
            C::Title
                | C::Pseudonym
                | C::InterviewPlace
                | C::ViolationOther
                | C::Place
                | C::Victims
                | C::PerpetratorDetail
                | C::IncidentNarrative
                | C::Narrative
        )
    }

    /// Derived from other columns (or a row's position), not read back.
    pub fn is_derived(self) -> bool {
        matches!(self, Column::Title | Column::Incident | Column::DatePrecision)
    }

    /// Describes the incident of its row rather than the case.
    pub fn is_incident(self) -> bool {
        let first = Column::ALL.iter().position(|c| *c == Column::Incident).unwrap_or(0);
        let at = Column::ALL.iter().position(|c| *c == self).unwrap_or(0);
        at >= first && self != Column::Narrative
    }

    /// The cell of this column for `case` and (on an incident's row) its
    /// incident, numbered from 1.
    pub fn value(self, case: &Case, incident: Option<(usize, &Incident)>) -> String {
        use Column as C;
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
        let date = |d: &Option<FuzzyDate>| d.as_ref().map(FuzzyDate::to_iso).unwrap_or_default();
        let (c, i) = (case, incident.map(|(_, i)| i));
        let of = |f: &dyn Fn(&Incident) -> String| i.map(f).unwrap_or_default();
        match self {
            C::Title => match incident {
                Some((n, _)) => format!("{} #{n}", c.code),
                None => c.code.clone(),
            },
            C::Code => c.code.clone(),
            C::Pseudonym => c.interviewee.pseudonym.clone(),
            C::Status => c.status.key().to_string(),
            C::InterviewDate => date(&c.interview.date),
            C::InterviewPlace => c.interview.place.clone(),
            C::Gender => c.interviewee.gender.key().to_string(),
            C::HomeProvince => c.interviewee.home_province.clone(),
            C::ConsentGiven => yes_no(c.consent.given),
            C::ConsentMethod => c.consent.method.key().to_string(),
            C::ShareWithUn => yes_no(c.consent.share_with_un),
            C::ShareWithNgos => yes_no(c.consent.share_with_ngos),
            C::UseInCourt => yes_no(c.consent.use_in_court),
            C::QuotePublicly => yes_no(c.consent.quote_publicly),
            C::Anonymity => c.consent.anonymity.key().to_string(),
            C::Incident => incident.map(|(n, _)| n.to_string()).unwrap_or_default(),
            C::Violation => of(&|i| i.violation.key().to_string()),
            C::ViolationOther => of(&|i| i.violation_other.clone()),
            C::DateFrom => of(&|i| date(&i.date.start)),
            C::DateTo => of(&|i| date(&i.date.end)),
            C::DatePrecision => of(&|i| precision(&i.date)),
            C::Province => of(&|i| i.province.clone()),
            C::County => of(&|i| i.county.clone()),
            C::Place => of(&|i| i.place.clone()),
            C::Victims => of(&|i| i.victims.join(MULTI_SEPARATOR)),
            C::Perpetrator => of(&|i| i.perpetrator.key().to_string()),
            C::PerpetratorDetail => of(&|i| i.perpetrator_detail.clone()),
            C::Source => of(&|i| i.source.key().to_string()),
            C::IncidentNarrative => of(&|i| i.narrative.clone()),
            C::Narrative => c.narrative.clone(),
        }
    }

    /// Put a cell's text into the case or the row's incident. The error is
    /// the reason, in the interface language.
    pub fn apply(self, case: &mut Case, incident: &mut Incident, text: &str) -> Result<(), String> {
        use Column as C;
        // Free text is kept exactly as written; choices, dates and flags
        // are read trimmed. An empty cell is the field's default.
        let (raw, text) = (text, text.trim());
        if raw.is_empty() || text.is_empty() && !self.is_free_text() {
            return Ok(());
        }
        let owned = || raw.to_string();
        match self {
            C::Title | C::Incident | C::DatePrecision | C::Code => {}
            C::Pseudonym => case.interviewee.pseudonym = owned(),
            C::Status => case.status = choice(&CaseStatus::ALL, CaseStatus::key, "status", text)?,
            C::InterviewDate => case.interview.date = date(text)?,
            C::InterviewPlace => case.interview.place = owned(),
            C::Gender => case.interviewee.gender = choice(&Gender::ALL, Gender::key, "gender", text)?,
            C::HomeProvince => case.interviewee.home_province = owned(),
            C::ConsentGiven => case.consent.given = yes_no(text)?,
            C::ConsentMethod => {
                case.consent.method = choice(&ConsentMethod::ALL, ConsentMethod::key, "consent-method", text)?
            }
            C::ShareWithUn => case.consent.share_with_un = yes_no(text)?,
            C::ShareWithNgos => case.consent.share_with_ngos = yes_no(text)?,
            C::UseInCourt => case.consent.use_in_court = yes_no(text)?,
            C::QuotePublicly => case.consent.quote_publicly = yes_no(text)?,
            C::Anonymity => case.consent.anonymity = choice(&Anonymity::ALL, Anonymity::key, "anonymity", text)?,
            C::Violation => incident.violation = choice(&ViolationType::STORED, ViolationType::key, "violation", text)?,
            C::ViolationOther => incident.violation_other = owned(),
            C::DateFrom => incident.date.start = date(text)?,
            C::DateTo => incident.date.end = date(text)?,
            C::Province => incident.province = owned(),
            C::County => incident.county = owned(),
            C::Place => incident.place = owned(),
            C::Victims => {
                incident.victims = text.split('|').map(str::trim).filter(|v| !v.is_empty()).map(String::from).collect()
            }
            C::Perpetrator => {
                incident.perpetrator = choice(&Perpetrator::ALL, Perpetrator::key, "perpetrator", text)?
            }
            C::PerpetratorDetail => incident.perpetrator_detail = owned(),
            C::Source => incident.source = choice(&SourceOfKnowledge::STORED, SourceOfKnowledge::key, "source", text)?,
            C::IncidentNarrative => incident.narrative = owned(),
            C::Narrative => case.narrative = owned(),
        }
        Ok(())
    }
}

/// How precisely an incident is dated: `day`, `month` or `year` (of its
/// start, else its end), `~` in front when approximate.
fn precision(range: &DateRange) -> String {
    let Some(d) = range.start.as_ref().or(range.end.as_ref()) else { return String::new() };
    let p = match (d.month, d.day) {
        (Some(_), Some(_)) => "day",
        (Some(_), None) => "month",
        _ => "year",
    };
    if d.approximate { format!("~{p}") } else { p.to_string() }
}

fn header_key(header: &str) -> String {
    header.trim().trim_start_matches('\u{feff}').to_lowercase().replace([' ', '-'], "_")
}

fn date(text: &str) -> Result<Option<FuzzyDate>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    FuzzyDate::parse(text).map(Some).map_err(|e| e.to_string())
}

fn yes_no(text: &str) -> Result<bool, String> {
    match text.to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "o" | "예" | "네" | "동의" => Ok(true),
        "no" | "n" | "false" | "0" | "x" | "" | "아니오" | "아니요" => Ok(false),
        _ => Err(t_args("interchange-problem-not-yes-no", &[("text", text)])),
    }
}

/// One of a fixed list, by its key or its label in either language
/// (`prefix-key` in the Fluent files).
fn choice<T: Copy>(all: &[T], key: fn(T) -> &'static str, prefix: &str, text: &str) -> Result<T, String> {
    let wanted = crate::search::normalise(text.trim());
    let dashed = wanted.replace([' ', '_'], "-");
    // Keys first: they are what an export writes, and cheap to compare.
    let found = all.iter().copied().find(|v| key(*v) == dashed).or_else(|| {
        all.iter().copied().find(|v| {
            let label = |lang: &Lang| crate::search::normalise(&t_in(*lang, &format!("{prefix}-{}", key(*v)), &[]));
            Lang::ALL.iter().any(|lang| label(lang) == wanted)
        })
    });
    found.ok_or_else(|| {
        let choices = all.iter().map(|v| key(*v)).collect::<Vec<_>>().join(", ");
        t_args("interchange-problem-not-a-choice", &[("text", text), ("choices", &choices)])
    })
}

/// The columns of a table under `profile`.
pub fn columns(profile: Profile) -> Vec<Column> {
    Column::ALL.into_iter().filter(|c| profile != Profile::StatisticsOnly || !c.is_free_text()).collect()
}

/// A table in memory: a header and rows of text cells.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    /// Each row with its line in the file (CSV) or row number (spreadsheet).
    pub rows: Vec<(usize, Vec<String>)>,
}

/// `cases` as a table, redacted by `profile` first.
pub fn cases_to_table(cases: &[Case], profile: Profile) -> Result<Table, BundleError> {
    let cols = columns(profile);
    let mut table = Table { header: cols.iter().map(|c| c.key().to_string()).collect(), rows: Vec::new() };
    for case in cases {
        let case = redact(case, profile)?;
        let mut push = |incident: Option<(usize, &Incident)>| {
            let line = table.rows.len() + 2;
            table.rows.push((line, cols.iter().map(|c| c.value(&case, incident)).collect()));
        };
        if case.incidents.is_empty() {
            push(None);
        }
        for (n, incident) in case.incidents.iter().enumerate() {
            push(Some((n + 1, incident)));
        }
    }
    Ok(table)
}

/// What a table holds: its cases, and the rows that could not be read
/// (each with its line and column). A bad row spoils the whole case it
/// belongs to: no case comes in with an incident missing.
#[derive(Debug, Default)]
pub struct TableCases {
    pub cases: Vec<Case>,
    pub problems: Vec<Problem>,
    /// Rows read (good and bad).
    pub rows: usize,
}

/// Which column each header cell is; `None` for a column to ignore.
pub type Layout = Vec<Option<Column>>;

/// Read `table` laid out by `layout`: rows with the same `code` are one
/// case, one incident a row; with no code every row is its own case.
pub fn table_to_cases(table: &Table, layout: &Layout) -> TableCases {
    let code_at = layout.iter().position(|c| *c == Some(Column::Code));
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<&(usize, Vec<String>)>> = HashMap::new();
    for row in &table.rows {
        let code = code_at.and_then(|i| row.1.get(i)).map(|c| c.trim()).filter(|c| !c.is_empty());
        let key = code.map_or_else(|| format!("\u{0}row{}", row.0), str::to_string);
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(row);
    }
    let mut out = TableCases { rows: table.rows.len(), ..TableCases::default() };
    for key in order {
        match group_to_case(&groups[&key], layout) {
            Ok(case) => out.cases.push(case),
            Err(mut p) => out.problems.append(&mut p),
        }
    }
    out
}

fn group_to_case(rows: &[&(usize, Vec<String>)], layout: &Layout) -> Result<Case, Vec<Problem>> {
    let mut case = Case::new("");
    let mut problems = Vec::new();
    for (n, (line, cells)) in rows.iter().map(|r| (&r.0, &r.1)).enumerate() {
        let mut incident = Incident::default();
        let mut has_incident = false;
        for (column, text) in layout.iter().zip(cells) {
            let Some(column) = column else { continue };
            // The case's columns are read from its first row.
            if !column.is_incident() && n > 0 {
                continue;
            }
            if column.is_incident() && !column.is_derived() && !text.trim().is_empty() {
                has_incident = true;
            }
            let too_long = text.len() > super::json::MAX_TEXT_BYTES;
            let result = if too_long {
                Err(ProblemKind::TooLong { limit: super::json::MAX_TEXT_BYTES })
            } else {
                column.apply(&mut case, &mut incident, text).map_err(|detail| ProblemKind::BadValue { detail })
            };
            if let Err(kind) = result {
                problems.push(Problem { at: At::Row { line: *line }, field: column.key().to_string(), kind });
            }
        }
        if has_incident {
            case.incidents.push(incident);
        }
    }
    if problems.is_empty() && case.status == CaseStatus::Complete && !case.consent.is_recorded() {
        let line = rows.first().map_or(0, |r| r.0);
        problems.push(Problem { at: At::Row { line }, field: "status".into(), kind: ProblemKind::CompleteWithoutConsent });
    }
    if problems.is_empty() { Ok(case) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::{columns, Column};
    use crate::bundle::Profile;

    #[test]
    fn keys_are_unique_and_read_back_loosely() {
        let mut keys: Vec<_> = Column::ALL.iter().map(|c| c.key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), Column::ALL.len());
        assert_eq!(Column::from_header(" Interview Date "), Some(Column::InterviewDate));
        assert_eq!(Column::from_header("\u{feff}title"), Some(Column::Title));
        assert_eq!(Column::from_header("이름"), None);
    }

    #[test]
    fn statistics_only_has_no_free_text_column() {
        let stats = columns(Profile::StatisticsOnly);
        assert!(!stats.contains(&Column::Narrative) && !stats.contains(&Column::Pseudonym));
        assert!(stats.contains(&Column::Violation) && stats.contains(&Column::DateFrom));
        assert_eq!(columns(Profile::Pseudonymised).len(), Column::ALL.len());
    }

    #[test]
    fn choices_take_keys_and_labels_in_both_languages() {
        use crate::model::ViolationType as V;
        let read = |t: &str| super::choice(&V::ALL, V::key, "violation", t);
        assert_eq!(read("arbitrary-detention"), Ok(V::ArbitraryDetention));
        assert_eq!(read("Arbitrary detention"), Ok(V::ArbitraryDetention));
        assert_eq!(read("forced_labour"), Ok(V::ForcedLabour));
        let korean = crate::i18n::t_in(crate::i18n::Lang::Ko, "violation-torture", &[]);
        assert_eq!(read(&korean), Ok(V::Torture));
        assert!(read("picnic").is_err());
    }
}
