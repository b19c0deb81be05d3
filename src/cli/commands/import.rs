//! `import`: a bundle merged into the vault, one line a case, then who
//! signed it. `--trust-signer NAME` is the explicit step that trusts a
//! signer the vault does not know yet.

use super::{say, Context};
use crate::bundle::{self, ImportOptions, MergeOutcome, Unlock};
use crate::cli::args::ImportArgs;
use crate::cli::error::CliError;
use crate::cli::secrets::bundle_unlock;
use crate::cli::progress::Progress;
use crate::i18n::{t, t_args};
use crate::vault::editor_name;

pub fn run(ctx: &Context, args: ImportArgs) -> Result<(), CliError> {
    let mut vault = ctx.open()?;
    let own = Unlock::with_identity(vault.key().identity().clone());
    let unlock = bundle_unlock(own, &args.file, &args.identity, args.bundle_passphrase_file.as_deref())?;
    let editor = editor_name(vault.config(), None);
    let options = ImportOptions { trust_signer: args.trust_signer };
    let report = {
        let progress = Progress::start(t("cli-progress-importing"));
        vault.set_batch_progress(progress.batch_hook());
        bundle::import_with(&mut vault, &args.file, &unlock, &editor, &options)?
    };
    // A 10,000-case bundle is a summary, not 10,000 lines: only what needs
    // the user (conflicts) is listed, unless --verbose.
    for (_, code, outcome) in &report.cases {
        let needs_attention = matches!(outcome, MergeOutcome::Conflict { .. } | MergeOutcome::ConflictAlreadyStored);
        if args.verbose || needs_attention {
            say(outcome_line(code, outcome));
        }
    }
    say(report.signed_by());
    say(report.summary());
    if let Some(events) = report.events.summary() {
        say(events);
    }
    Ok(())
}

fn outcome_line(code: &str, outcome: &MergeOutcome) -> String {
    match outcome {
        MergeOutcome::Added => t_args("cli-import-added", &[("code", code)]),
        MergeOutcome::Updated { from_revision, to_revision } => t_args(
            "cli-import-updated",
            &[("code", code), ("from", &from_revision.to_string()), ("to", &to_revision.to_string())],
        ),
        MergeOutcome::Unchanged | MergeOutcome::AlreadyNewer => t_args("cli-import-unchanged", &[("code", code)]),
        MergeOutcome::Conflict { conflict } => t_args("cli-import-conflict", &[("code", code), ("id", &conflict.to_string())]),
        MergeOutcome::ConflictAlreadyStored => t_args("cli-import-conflict-known", &[("code", code)]),
    }
}
