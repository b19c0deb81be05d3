//! Consent before export: what a bundle is for, and which cases the
//! witness's consent lets go there. A witness who agreed to the
//! organisation's archive did not agree to the UN or a court; a case with
//! no consent recorded goes nowhere unless someone names it on purpose,
//! and then the manifest says so. Pure functions of the case, shared by
//! the command line and the export dialog, so both decide alike.

use super::redact::Profile;
use crate::i18n::t;
use crate::model::{Anonymity, Case, Consent, ConsentMethod};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What the export is for. The default, the organisation's own archive,
/// asks only that consent was recorded, so the everyday export stays one step.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Purpose {
    #[default]
    Archive,
    Ngos,
    Un,
    Court,
}

impl Purpose {
    pub const ALL: [Purpose; 4] = [Purpose::Archive, Purpose::Ngos, Purpose::Un, Purpose::Court];

    /// Stable identifier for the command line.
    pub fn key(self) -> &'static str {
        match self {
            Purpose::Archive => "archive",
            Purpose::Ngos => "ngos",
            Purpose::Un => "un",
            Purpose::Court => "court",
        }
    }

    pub fn label(self) -> String {
        t(match self {
            Purpose::Archive => "export-purpose-archive",
            Purpose::Ngos => "export-purpose-ngos",
            Purpose::Un => "export-purpose-un",
            Purpose::Court => "export-purpose-court",
        })
    }
}

/// Why a case's consent does not cover the export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HoldReason {
    /// Not given, or given without a recorded method.
    NoConsent,
    NotForNgos,
    NotForUn,
    NotForCourt,
    /// The witness asked not to be named; the full profile carries the name.
    NotNamed,
}

impl HoldReason {
    pub fn text(self) -> String {
        t(match self {
            HoldReason::NoConsent => "export-held-no-consent",
            HoldReason::NotForNgos => "export-held-not-for-ngos",
            HoldReason::NotForUn => "export-held-not-for-un",
            HoldReason::NotForCourt => "export-held-not-for-court",
            HoldReason::NotNamed => "export-held-not-named",
        })
    }
}

/// Why `consent` does not let a case leave for `purpose` under `profile`;
/// `None` when it does.
pub fn hold_reason(consent: &Consent, purpose: Purpose, profile: Profile) -> Option<HoldReason> {
    if !consent.is_recorded() {
        return Some(HoldReason::NoConsent);
    }
    let (allowed, reason) = match purpose {
        Purpose::Archive => (true, HoldReason::NoConsent),
        Purpose::Ngos => (consent.share_with_ngos, HoldReason::NotForNgos),
        Purpose::Un => (consent.share_with_un, HoldReason::NotForUn),
        Purpose::Court => (consent.use_in_court, HoldReason::NotForCourt),
    };
    if !allowed {
        return Some(reason);
    }
    // Outside the organisation the real name travels only if agreed.
    let shared = purpose != Purpose::Archive;
    if shared && profile == Profile::Full && consent.anonymity != Anonymity::FullName {
        return Some(HoldReason::NotNamed);
    }
    None
}

/// The consent a case was exported under, as its manifest line records it
/// (absent from older bundles).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentFlags {
    pub given: bool,
    pub method: ConsentMethod,
    pub share_with_un: bool,
    pub share_with_ngos: bool,
    pub use_in_court: bool,
    pub quote_publicly: bool,
    pub anonymity: Anonymity,
    /// Consent did not cover the export and the user included the case
    /// anyway; why, from the manifest's purpose and these flags.
    #[serde(default)]
    pub included_explicitly: bool,
}

impl ConsentFlags {
    pub fn of(consent: &Consent, included_explicitly: bool) -> ConsentFlags {
        ConsentFlags {
            given: consent.given,
            method: consent.method,
            share_with_un: consent.share_with_un,
            share_with_ngos: consent.share_with_ngos,
            use_in_court: consent.use_in_court,
            quote_publicly: consent.quote_publicly,
            anonymity: consent.anonymity,
            included_explicitly,
        }
    }

    /// Why these flags do not cover `purpose`, as [`hold_reason`] says of
    /// the case (for reading a manifest back).
    pub fn hold_reason(&self, purpose: Purpose, profile: Profile) -> Option<HoldReason> {
        let consent = Consent {
            given: self.given,
            date: None,
            method: self.method,
            share_with_un: self.share_with_un,
            share_with_ngos: self.share_with_ngos,
            use_in_court: self.use_in_court,
            quote_publicly: self.quote_publicly,
            anonymity: self.anonymity,
        };
        hold_reason(&consent, purpose, profile)
    }
}

/// What the export is for and which held-back cases go anyway.
#[derive(Clone, Debug, Default)]
pub struct ConsentChoice {
    pub purpose: Purpose,
    /// Cases named explicitly: exported even though consent does not cover it.
    pub include: Vec<Uuid>,
    /// Every held-back case included (`--include-without-consent`).
    pub include_all: bool,
}

impl ConsentChoice {
    fn includes(&self, id: Uuid) -> bool {
        self.include_all || self.include.contains(&id)
    }
}

/// A case left out of an export, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldBack {
    pub id: Uuid,
    pub code: String,
    pub reason: HoldReason,
}

/// Split `cases` into those that go out (allowed, or held back but
/// included explicitly) and those left out, in the order given.
pub fn split(cases: Vec<Case>, choice: &ConsentChoice, profile: Profile) -> (Vec<Case>, Vec<HeldBack>) {
    let mut out = Vec::with_capacity(cases.len());
    let mut held = Vec::new();
    for case in cases {
        match hold_reason(&case.consent, choice.purpose, profile) {
            Some(reason) if !choice.includes(case.id) => held.push(HeldBack { id: case.id, code: case.code.clone(), reason }),
            _ => out.push(case),
        }
    }
    (out, held)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded() -> Consent {
        Consent { given: true, method: ConsentMethod::Oral, ..Consent::default() }
    }

    #[test]
    fn no_consent_goes_nowhere() {
        for purpose in Purpose::ALL {
            for profile in Profile::ALL {
                assert_eq!(hold_reason(&Consent::default(), purpose, profile), Some(HoldReason::NoConsent));
                let unknown_method = Consent { given: true, ..Consent::default() };
                assert_eq!(hold_reason(&unknown_method, purpose, profile), Some(HoldReason::NoConsent));
            }
        }
    }

    #[test]
    fn each_purpose_needs_its_own_flag() {
        let c = recorded();
        assert_eq!(hold_reason(&c, Purpose::Archive, Profile::Full), None);
        assert_eq!(hold_reason(&c, Purpose::Ngos, Profile::Pseudonymised), Some(HoldReason::NotForNgos));
        assert_eq!(hold_reason(&c, Purpose::Un, Profile::Pseudonymised), Some(HoldReason::NotForUn));
        assert_eq!(hold_reason(&c, Purpose::Court, Profile::Pseudonymised), Some(HoldReason::NotForCourt));
        let all = Consent { share_with_ngos: true, share_with_un: true, use_in_court: true, ..recorded() };
        for purpose in Purpose::ALL {
            assert_eq!(hold_reason(&all, purpose, Profile::Pseudonymised), None, "{purpose:?}");
        }
    }

    #[test]
    fn the_name_leaves_the_organisation_only_when_agreed() {
        let c = Consent { share_with_un: true, anonymity: Anonymity::PseudonymOnly, ..recorded() };
        assert_eq!(hold_reason(&c, Purpose::Un, Profile::Full), Some(HoldReason::NotNamed));
        assert_eq!(hold_reason(&c, Purpose::Un, Profile::Pseudonymised), None);
        assert_eq!(hold_reason(&c, Purpose::Archive, Profile::Full), None);
        let named = Consent { anonymity: Anonymity::FullName, ..c };
        assert_eq!(hold_reason(&named, Purpose::Un, Profile::Full), None);
    }

    #[test]
    fn split_keeps_order_and_honours_explicit_inclusion() {
        let mut cases: Vec<Case> = ["A", "B", "C"].iter().map(|c| Case::new(c.to_string())).collect();
        cases[1].consent = recorded();
        let (out, held) = split(cases.clone(), &ConsentChoice::default(), Profile::Full);
        assert_eq!(out.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(), ["B"]);
        assert_eq!(held.iter().map(|h| h.code.as_str()).collect::<Vec<_>>(), ["A", "C"]);
        assert!(held.iter().all(|h| h.reason == HoldReason::NoConsent));
        let choice = ConsentChoice { include: vec![cases[2].id], ..ConsentChoice::default() };
        let (out, held) = split(cases.clone(), &choice, Profile::Full);
        assert_eq!(out.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(), ["B", "C"]);
        assert_eq!(held.len(), 1);
        let all = ConsentChoice { include_all: true, ..ConsentChoice::default() };
        assert_eq!(split(cases, &all, Profile::Full).0.len(), 3);
    }
}
