//! `export-table`: the selected cases as a table, one row per incident
//! (CSV or XLSX), redacted by a profile (pseudonymised unless told) and
//! encrypted like a bundle unless `--plaintext`, which warns. Consent is
//! checked as for `export`: a table leaves the vault just as a bundle does.

use super::export::{consent_choice, default_path, say_held_back, seal, selection};
use super::{say, Context};
use crate::bundle::{Audience, BundleError};
use crate::cli::args::ExportTableArgs;
use crate::cli::error::{say_error, CliError};
use crate::cli::progress::Progress;
use crate::i18n::{t, t_args};
use crate::interchange::{self, sealed, InterchangeError, TableFormat, TableOptions};

pub fn run(ctx: &Context, args: ExportTableArgs) -> Result<(), CliError> {
    let selection = selection(&args.select)?;
    let a = &args.audience;
    let audience = (!args.plaintext).then(|| Audience::asked(&a.to, &a.recipients_file, a.passphrase_protect)).transpose()?;
    let vault = ctx.open()?;
    let profile = args.profile.into();
    let seal = audience.map(|audience| seal(&vault, audience, a, profile)).transpose()?;
    let ids = selection.select(&vault);
    if ids.is_empty() {
        return Err(BundleError::NothingSelected.into());
    }
    let format = TableFormat::from(args.format);
    let extension = match seal {
        Some(_) => format!("{}.{}", format.key(), sealed::AGE_EXTENSION),
        None => format.key().to_string(),
    };
    let out = args.out.unwrap_or_else(|| default_path(&extension));
    let consent = consent_choice(&vault, &ids, &args.consent)?;
    let options = TableOptions { format, profile, bom: args.bom, seal, consent };
    let report = {
        let _progress = Progress::start(t("cli-progress-exporting"));
        interchange::export_table(&vault, &ids, &options, &out)
    };
    let report = match report {
        Err(InterchangeError::Bundle(BundleError::AllHeldBack { held })) => {
            say_held_back(&held);
            return Err(BundleError::AllHeldBack { held }.into());
        }
        r => r?,
    };
    say_held_back(&report.held_back);
    for h in &report.included_anyway {
        say_error(t_args("cli-export-included", &[("code", &h.code), ("reason", &h.reason.text())]));
    }
    if args.verbose {
        for id in &ids {
            say(vault.summary(*id).map_or_else(String::new, |s| s.code.clone()));
        }
    }
    let path = report.path.display().to_string();
    let (rows, count) = (report.rows.to_string(), report.cases.to_string());
    let profile = profile.label();
    say(t_args("cli-export-table-done", &[("rows", &rows), ("count", &count), ("path", &path), ("profile", &profile)]));
    if report.encrypted {
        say(t_args("cli-export-table-encrypted", &[("path", &path)]));
    } else {
        say_error(t_args("cli-export-table-plaintext-warning", &[("path", &path)]));
    }
    Ok(())
}
