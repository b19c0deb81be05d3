//! Command-line front end (clap) over the library. With no subcommand the
//! binary opens the GUI.

use clap::Parser;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(name = "testimony-vault", version, about = "Offline, private testimony capture")]
pub struct Cli {}

pub fn main() -> ExitCode {
    let _cli = Cli::parse();
    match crate::ui::run_gui() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("testimony-vault: could not open the window: {e}");
            ExitCode::FAILURE
        }
    }
}
