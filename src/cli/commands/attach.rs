//! `attach`: a file encrypted into a case, found by its code or id. The
//! original stays where it is, and the output says so.

use super::{find_case, say, Context};
use crate::cli::args::AttachArgs;
use crate::cli::error::CliError;
use crate::i18n::t_args;
use crate::vault::editor_name;

pub fn run(ctx: &Context, args: AttachArgs) -> Result<(), CliError> {
    let mut vault = ctx.open()?;
    let id = find_case(&vault, &args.case)?;
    let mut stored = vault.load_case(id)?;
    let editor = editor_name(vault.config(), Some(&stored));
    let r = vault.attach_file(&mut stored, &args.file, &args.description, &editor)?;
    say(t_args(
        "attachment-added",
        &[("name", &r.file_name), ("size", &r.size.to_string()), ("sha256", &r.sha256), ("case", &stored.code)],
    ));
    say(t_args("attachment-original-remains", &[("path", &args.file.display().to_string())]));
    Ok(())
}
