//! An *account*: one incident as one witness gave it, with what the
//! events need of its case (code, pseudonym). Copied out of the case so
//! that matching, corroboration and counting never hold whole cases.

use super::Link;
use crate::model::{Case, CaseStatus, DateRange, Perpetrator, SourceOfKnowledge, ViolationType};
use serde::Serialize;
use uuid::Uuid;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Account {
    pub case: Uuid,
    pub code: String,
    pub pseudonym: String,
    pub status: CaseStatus,
    pub incident: Uuid,
    /// 1-based position of the incident in its case, as the form shows it.
    pub number: usize,
    pub violation: ViolationType,
    pub date: DateRange,
    pub province: String,
    pub county: String,
    pub place: String,
    pub perpetrator: Perpetrator,
    pub perpetrator_detail: String,
    pub source: SourceOfKnowledge,
    pub narrative: String,
}

impl Account {
    pub fn link(&self) -> Link {
        Link { case: self.case, incident: self.incident }
    }

    /// `NK-2026-0042 #2`, as tables name an incident.
    pub fn label(&self) -> String {
        format!("{} #{}", self.code, self.number)
    }
}

/// Testimony copied out of a case is wiped when dropped, as the case is.
impl Drop for Account {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        for text in [&mut self.pseudonym, &mut self.province, &mut self.county, &mut self.place, &mut self.perpetrator_detail, &mut self.narrative] {
            text.zeroize();
        }
    }
}

/// Every incident of `cases`, in case then incident order.
pub fn accounts<'a>(cases: impl IntoIterator<Item = &'a Case>) -> Vec<Account> {
    let mut out = Vec::new();
    for case in cases {
        for (i, inc) in case.incidents.iter().enumerate() {
            out.push(Account {
                case: case.id,
                code: case.code.clone(),
                pseudonym: case.interviewee.pseudonym.clone(),
                status: case.status,
                incident: inc.id,
                number: i + 1,
                violation: inc.violation,
                date: inc.date.clone(),
                province: inc.province.clone(),
                county: inc.county.clone(),
                place: inc.place.clone(),
                perpetrator: inc.perpetrator,
                perpetrator_detail: inc.perpetrator_detail.clone(),
                source: inc.source,
                narrative: inc.narrative.clone(),
            });
        }
    }
    out
}

/// The account of `link`, if its case and incident are among `accounts`.
pub fn find<'a>(accounts: &'a [Account], link: &Link) -> Option<&'a Account> {
    accounts.iter().find(|a| a.incident == link.incident && a.case == link.case)
}
