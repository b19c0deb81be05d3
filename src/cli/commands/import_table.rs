//! `import-table FILE`: cases from a table (CSV in any encoding Excel
//! writes, or XLSX; maybe age-encrypted), columns named as `export-table`
//! names them or through `--mapping`. Every row is checked first; bad rows
//! are listed with their line, and nothing is added unless all are good
//! (or `--skip-bad`). `--dry-run` shows what would be added.

use super::add::list_cases;
use super::{say, Context};
use crate::bundle::Unlock;
use crate::cli::args::ImportTableArgs;
use crate::cli::error::{say_error, CliError};
use crate::cli::progress::Progress;
use crate::cli::secrets::bundle_unlock;
use crate::i18n::{t, t_args};
use crate::interchange::{self, sealed, InterchangeError, Mapping, TableRead};
use crate::vault::editor_name;

pub fn run(ctx: &Context, args: ImportTableArgs) -> Result<(), CliError> {
    let mapping = match &args.mapping {
        Some(path) => Mapping::read_file(path)?,
        None => Mapping::default(),
    };
    let mut vault = ctx.open()?;
    let own = Unlock::with_identity(vault.key().identity().clone());
    let encrypted = std::fs::read(&args.file).is_ok_and(|b| sealed::is_age(&b));
    let unlock = match encrypted {
        true => bundle_unlock(own, &args.file, &args.identity, args.bundle_passphrase_file.as_deref())?,
        false => own,
    };
    let read = {
        let _progress = Progress::start(t("cli-progress-reading"));
        interchange::read_table_file(&args.file, &unlock, &mapping)?
    };
    describe(&args, &read);
    if args.dry_run {
        if !read.found.problems.is_empty() && !args.skip_bad {
            return Err(InterchangeError::Refused { problems: read.found.problems }.into());
        }
        say(t("cli-import-table-would-add"));
        for c in &read.found.cases {
            let incidents = c.incidents.len().to_string();
            say(t_args("cli-import-table-would-add-case", &[("pseudonym", &c.interviewee.pseudonym), ("incidents", &incidents)]));
        }
        return Ok(());
    }
    let editor = editor_name(vault.config(), None);
    let what = args.file.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let added = {
        let progress = Progress::start(t("cli-progress-adding"));
        vault.set_batch_progress(progress.batch_hook());
        interchange::store_table(&mut vault, read, args.skip_bad, &editor, &what)?
    };
    if args.verbose {
        list_cases(&added);
    }
    let code = |c: Option<&crate::model::Case>| c.map_or(String::new(), |c| c.code.clone());
    say(t_args(
        "cli-add-done",
        &[("count", &added.len().to_string()), ("first", &code(added.first())), ("last", &code(added.last()))],
    ));
    Ok(())
}

/// What the file holds, and the rows that --skip-bad leaves out.
fn describe(args: &ImportTableArgs, read: &TableRead) {
    let encoding = read.encoding.map_or("XLSX", |e| e.label());
    let (rows, cases) = (read.found.rows.to_string(), read.found.cases.len().to_string());
    let path = args.file.display().to_string();
    say(t_args("cli-import-table-read", &[("path", &path), ("rows", &rows), ("cases", &cases), ("encoding", encoding)]));
    if args.skip_bad && !read.found.problems.is_empty() {
        say_error(t_args("cli-import-table-skipped", &[("count", &read.found.problems.len().to_string())]));
        for p in &read.found.problems {
            say_error(format!("  {p}"));
        }
    }
}
