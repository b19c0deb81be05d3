//! `keygen`: a new age identity, printed or written to a file only its
//! owner can read. Needs no vault.

use super::say;
use crate::bundle;
use crate::cli::args::KeygenArgs;
use crate::cli::error::CliError;
use crate::i18n::t_args;
use std::io::Write;
use std::path::Path;

pub fn run(args: KeygenArgs) -> Result<(), CliError> {
    let identity = age::x25519::Identity::generate();
    let text = bundle::keys::new_identity_file(&identity);
    match args.out {
        None => say(text.trim_end()),
        Some(path) => {
            write_new_private_file(&path, text.as_bytes())?;
            say(t_args("cli-keygen-written", &[("path", &path.display().to_string())]));
            say(t_args("cli-keygen-public", &[("recipient", &identity.to_public().to_string())]));
        }
    }
    Ok(())
}

/// Create `path` readable by the owner only; never replace a file.
fn write_new_private_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => CliError::FileExists(path.to_path_buf()),
        _ => CliError::io(path, e),
    })?;
    file.write_all(bytes).and_then(|_| file.sync_all()).map_err(|e| CliError::io(path, e))
}
