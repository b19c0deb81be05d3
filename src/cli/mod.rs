//! Command-line front end (clap) over the library. With no subcommand the
//! binary opens the GUI.
//!
//! `main` picks the language (before clap parses, so that help and usage
//! errors are in it too), parses and hands each command to its own file
//! under `commands/` (ripgrep's `run` is the model). The clap types are in
//! `args`, every passphrase source and the scrypt cost in `secrets`, the
//! failures and how they are printed in `error`, translated help in `help`.

mod args;
mod commands;
mod error;
mod help;
mod progress;
mod secrets;

pub use args::{Cli, Command};
pub use error::CliError;

use crate::i18n::{self, t_args, Lang};
use commands::Context;
use error::say_error;
use secrets::VaultPassphrase;
use std::ffi::OsString;
use std::process::ExitCode;

pub const ENV_LANG: &str = "TESTIMONY_VAULT_LANG";

/// The language asked for: `--lang`, else `TESTIMONY_VAULT_LANG`.
pub fn asked_language(flag: Option<&str>) -> Option<Lang> {
    flag.map(str::to_owned).or_else(|| std::env::var(ENV_LANG).ok()).and_then(|l| Lang::from_code(&l))
}

/// The language of messages: the one asked for, else the system's.
pub fn choose_language(flag: Option<&str>) -> Lang {
    asked_language(flag).unwrap_or_else(i18n::system_language)
}

pub fn main() -> ExitCode {
    // Before any secret is read, for the window and every command alike.
    crate::harden::harden_process();
    crate::allocator::no_huge_pages();
    let args: Vec<OsString> = std::env::args_os().collect();
    i18n::set_language(choose_language(help::lang_flag(&args).as_deref()));
    let cli = match help::parse(&args, i18n::language()) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    i18n::set_language(choose_language(cli.lang.as_deref()));
    let Some(command) = cli.command else {
        // Only a language asked for (flag or variable) overrides the vault's setting.
        return window(cli.vault, asked_language(cli.lang.as_deref()));
    };
    let passphrase = VaultPassphrase { fd: cli.passphrase_fd, file: cli.passphrase_file };
    match run(&Context { vault: cli.vault, passphrase }, command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say_error(e);
            ExitCode::FAILURE
        }
    }
}

fn window(vault: Option<std::path::PathBuf>, lang: Option<Lang>) -> ExitCode {
    match crate::ui::run_gui(vault, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say_error(t_args("cli-error-window", &[("detail", &e.to_string())]));
            ExitCode::FAILURE
        }
    }
}

/// Carry out one command. Output goes to stdout; failures come back.
fn run(ctx: &Context, command: Command) -> Result<(), CliError> {
    match command {
        Command::Init(args) => commands::init::run(ctx, args),
        Command::List(args) => commands::list::run(ctx, args),
        Command::Export(args) => commands::export::run(ctx, args),
        Command::Import(args) => commands::import::run(ctx, args),
        Command::Verify(args) => commands::verify::run(ctx, args),
        Command::Keygen(args) => commands::keygen::run(args),
        Command::Passwd(args) => commands::passwd::run(ctx, args),
        Command::Attach(args) => commands::attach::run(ctx, args),
        Command::Record(args) => commands::record::run(ctx, args),
        Command::Conflicts => commands::conflicts::run(ctx),
        Command::ForgetMissing => commands::forget_missing::run(ctx),
        Command::Resolve(args) => commands::resolve::run(ctx, args),
        Command::Add(args) => commands::add::run(ctx, args),
        Command::Show(args) => commands::show::run(ctx, args),
        Command::History(args) => commands::history::run(ctx, args),
        Command::Search(args) => commands::search::run(ctx, args),
        Command::ExportTable(args) => commands::export_table::run(ctx, args),
        Command::ImportTable(args) => commands::import_table::run(ctx, args),
        Command::Signer => commands::signer::run(ctx),
        Command::Trust(args) => commands::trust::run(ctx, args),
        Command::Recover(args) => commands::recover::run(ctx, args),
        Command::RotateKey => commands::rotate_key::run(ctx),
        Command::Erase(args) => commands::erase::run(ctx, args),
        Command::Events(args) => commands::events::run(ctx, args),
        Command::Stats(args) => commands::stats::run(ctx, args),
    }
}
