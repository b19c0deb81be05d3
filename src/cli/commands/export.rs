//! `export`: the selected cases into a bundle, for the recipients asked
//! (or the organisation's) or sealed with a passphrase. The selection and
//! the audience are read here for `export-table` too. Cases whose consent
//! does not cover `--purpose` are left out and listed, unless named with
//! `--include` (or all with `--include-without-consent`).

use super::{say, Context};
use crate::bundle::redact::review::candidates;
use crate::bundle::redact::RedactOptions;
use crate::bundle::{self, Audience, BundleError, ConsentChoice, ExportOptions, HeldBack, Profile, Selection};
use crate::cli::args::{AudienceArgs, ConsentArgs, ExportArgs, SelectionArgs};
use crate::cli::error::{say_error, CliError};
use crate::cli::progress::Progress;
use crate::cli::secrets::{asked_work_factor, bundle_passphrase};
use crate::i18n::{t, t_args};
use crate::model::{CaseStatus, FuzzyDate};
use crate::vault::Vault;
use std::path::PathBuf;

pub fn run(ctx: &Context, args: ExportArgs) -> Result<(), CliError> {
    let selection = selection(&args.select)?;
    let audience = Audience::asked(&args.audience.to, &args.audience.recipients_file, args.audience.passphrase_protect)?;
    let profile: Profile = args.profile.into();
    if profile == Profile::Full && (args.review || args.roles || !args.scrub.is_empty()) {
        return Err(CliError::ScrubNeedsRedaction);
    }
    let vault = ctx.open()?;
    let mut options = seal(&vault, audience, &args.audience, profile)?;
    options.redact = RedactOptions { scrub: args.scrub.clone(), reviewed: args.reviewed, by_role: args.roles };
    let ids = selection.select(&vault);
    if ids.is_empty() {
        return Err(BundleError::NothingSelected.into());
    }
    options.consent = consent_choice(&vault, &ids, &args.consent)?;
    if args.review && !review(&vault, &ids, &options)? {
        return Ok(());
    }
    let path = args.out.unwrap_or_else(|| default_path(bundle::EXTENSION));
    let report = {
        let _progress = Progress::start(t("cli-progress-exporting"));
        bundle::export_cases(&vault, &ids, &options, &path)
    };
    let report = match report {
        Err(BundleError::AllHeldBack { held }) => {
            say_held_back(&held);
            return Err(BundleError::AllHeldBack { held }.into());
        }
        r => r?,
    };
    say_held_back(&report.held_back);
    say_included(&report, options.consent.purpose);
    if args.verbose {
        for c in &report.manifest.cases {
            say(t_args("cli-export-case", &[("code", &c.code), ("revision", &c.revision.to_string())]));
        }
    }
    say(report.summary());
    if !report.attachments_missing.is_empty() {
        let count = report.attachments_missing.len().to_string();
        say_error(t_args("cli-export-attachments-missing", &[("count", &count)]));
    }
    Ok(())
}

/// What the export is for and the held-back cases named on purpose; a
/// name that is not among the selected cases is refused.
pub(super) fn consent_choice(vault: &Vault, ids: &[uuid::Uuid], args: &ConsentArgs) -> Result<ConsentChoice, CliError> {
    let mut include = Vec::new();
    for code in &args.include {
        let found = ids.iter().copied().find(|id| vault.summary(*id).is_some_and(|s| s.code.eq_ignore_ascii_case(code.trim())));
        include.push(found.ok_or_else(|| CliError::IncludeNotSelected(code.clone()))?);
    }
    Ok(ConsentChoice { purpose: args.purpose.into(), include, include_all: args.include_without_consent })
}

/// Each case left out for consent, then how to include one.
pub(super) fn say_held_back(held: &[HeldBack]) {
    for h in held {
        say_error(t_args("cli-export-held-back", &[("code", &h.code), ("reason", &h.reason.text())]));
    }
    if !held.is_empty() {
        say_error(t_args("cli-export-held-hint", &[("count", &held.len().to_string())]));
    }
}

/// Each case that went although its consent does not cover the export.
fn say_included(report: &bundle::ExportReport, purpose: bundle::Purpose) {
    for c in &report.manifest.cases {
        let Some(flags) = c.consent.as_ref().filter(|f| f.included_explicitly) else { continue };
        let reason = flags.hold_reason(purpose, report.manifest.profile).map(|r| r.text()).unwrap_or_default();
        say_error(t_args("cli-export-included", &[("code", &c.code), ("reason", &reason)]));
    }
}

/// Print what may still identify someone once redacted; whether to go on
/// and export (only when `--reviewed` says the list was read).
fn review(vault: &Vault, ids: &[uuid::Uuid], options: &ExportOptions) -> Result<bool, CliError> {
    let cases = ids.iter().map(|id| vault.load_case(*id)).collect::<Result<Vec<_>, _>>()?;
    let found = candidates(&cases, options.profile, &options.redact)?;
    for c in &found {
        say(t_args(
            "cli-review-candidate",
            &[("code", &c.code), ("field", &c.field.label()), ("kind", &t(c.kind.label_key())), ("text", &c.text), ("context", &c.context)],
        ));
    }
    match found.len() {
        0 => say(t("cli-review-none")),
        n => say(t_args("cli-review-count", &[("count", &n.to_string())])),
    }
    if !options.redact.reviewed {
        say_error(t("cli-review-not-exported"));
    }
    Ok(options.redact.reviewed)
}

/// The cases asked for; asking for none is refused.
pub fn selection(args: &SelectionArgs) -> Result<Selection, CliError> {
    let selection = Selection {
        all: args.all,
        codes: args.code.clone(),
        statuses: args.status.iter().copied().map(CaseStatus::from).collect(),
        from: parse_date(args.from.as_deref())?,
        until: parse_date(args.until.as_deref())?,
    };
    if selection.is_empty() {
        return Err(CliError::NoSelection);
    }
    Ok(selection)
}

/// How the file is sealed: to the keys asked (else the organisation's) or
/// with a passphrase.
pub fn seal(vault: &Vault, audience: Audience, args: &AudienceArgs, profile: Profile) -> Result<ExportOptions, CliError> {
    let recipients = audience.recipients(&vault.config().organisation_recipients)?;
    let passphrase = match args.passphrase_protect {
        true => Some(bundle_passphrase(args.bundle_passphrase_file.as_deref(), true)?),
        false => None,
    };
    Ok(ExportOptions { recipients, passphrase, work_factor: asked_work_factor(args.work_factor), profile, ..Default::default() })
}

fn parse_date(text: Option<&str>) -> Result<Option<FuzzyDate>, CliError> {
    text.map(|x| FuzzyDate::parse(x).map_err(|e| CliError::BadDate { input: x.to_string(), detail: e.to_string() }))
        .transpose()
}

/// `testimony-<UTC time>.<extension>` in the current folder.
pub fn default_path(extension: &str) -> PathBuf {
    let stamp = crate::model::now_utc()
        .format(time::macros::format_description!("[year][month][day]-[hour][minute][second]"))
        .unwrap_or_default();
    PathBuf::from(format!("testimony-{stamp}.{extension}"))
}
