//! `export`: the selected cases into a bundle, for the recipients asked
//! (or the organisation's) or sealed with a passphrase. The selection and
//! the audience are read here for `export-table` too.

use super::{say, Context};
use crate::bundle::redact::review::candidates;
use crate::bundle::redact::RedactOptions;
use crate::bundle::{self, Audience, BundleError, ExportOptions, Profile, Selection};
use crate::cli::args::{AudienceArgs, ExportArgs, SelectionArgs};
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
    if args.review && !review(&vault, &ids, &options)? {
        return Ok(());
    }
    let path = args.out.unwrap_or_else(|| default_path(bundle::EXTENSION));
    let report = {
        let _progress = Progress::start(t("cli-progress-exporting"));
        bundle::export_cases(&vault, &ids, &options, &path)?
    };
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
