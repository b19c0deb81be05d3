//! `export`: the selected cases into a bundle, for the recipients asked
//! (or the organisation's) or sealed with a passphrase.

use super::{say, Context};
use crate::bundle::{self, Audience, BundleError, ExportOptions, Selection};
use crate::cli::args::ExportArgs;
use crate::cli::error::{say_error, CliError};
use crate::cli::secrets::{asked_work_factor, bundle_passphrase};
use crate::i18n::t_args;
use crate::model::{CaseStatus, FuzzyDate};
use std::path::PathBuf;

pub fn run(ctx: &Context, args: ExportArgs) -> Result<(), CliError> {
    let selection = Selection {
        all: args.all,
        codes: args.code,
        statuses: args.status.into_iter().map(CaseStatus::from).collect(),
        from: parse_date(args.from.as_deref())?,
        until: parse_date(args.until.as_deref())?,
    };
    if selection.is_empty() {
        return Err(CliError::NoSelection);
    }
    let audience = Audience::asked(&args.to, &args.recipients_file, args.passphrase_protect)?;
    let vault = ctx.open()?;
    let recipients = audience.recipients(&vault.config().organisation_recipients)?;
    let passphrase = match args.passphrase_protect {
        true => Some(bundle_passphrase(args.bundle_passphrase_file.as_deref(), true)?),
        false => None,
    };
    let options = ExportOptions {
        recipients,
        passphrase,
        work_factor: asked_work_factor(args.work_factor),
        profile: args.profile.into(),
    };
    let ids = selection.select(&vault);
    if ids.is_empty() {
        return Err(BundleError::NothingSelected.into());
    }
    let path = args.out.unwrap_or_else(default_path);
    let report = bundle::export_cases(&vault, &ids, &options, &path)?;
    say(report.summary());
    if !report.attachments_missing.is_empty() {
        let count = report.attachments_missing.len().to_string();
        say_error(t_args("cli-export-attachments-missing", &[("count", &count)]));
    }
    Ok(())
}

fn parse_date(text: Option<&str>) -> Result<Option<FuzzyDate>, CliError> {
    text.map(|x| FuzzyDate::parse(x).map_err(|e| CliError::BadDate { input: x.to_string(), detail: e.to_string() }))
        .transpose()
}

/// `testimony-<UTC time>.tvb` in the current folder.
fn default_path() -> PathBuf {
    let stamp = crate::model::now_utc()
        .format(time::macros::format_description!("[year][month][day]-[hour][minute][second]"))
        .unwrap_or_default();
    PathBuf::from(format!("testimony-{stamp}.{}", bundle::EXTENSION))
}
