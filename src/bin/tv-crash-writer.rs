//! Test helper, not part of the product: a process that works on a vault so
//! the reliability tests can kill it (`tests/reliability/crash_loop.rs`) or race it
//! (`tests/reliability/concurrency.rs`).
//!
//! ```text
//! tv-crash-writer <vault-dir> write [seed]   open (or create) and save in a loop
//! tv-crash-writer <vault-dir> hold           open, print OPEN <pid>, wait to be killed
//! tv-crash-writer <vault-dir> create         create a vault, print CREATED
//! tv-crash-writer <vault-dir> import <bundle> <identity-file>
//!                                            open, import the bundle once
//! tv-crash-writer <vault-dir> rotate         open, rotate the vault key once
//! ```
//! The passphrase comes from `TV_PASSPHRASE`; new vaults use the low scrypt
//! work factor of the tests. Every line is printed and flushed only after the
//! operation it names has returned, so a line the test read is a promise:
//!
//! ```text
//! READY <cases>                      vault open
//! SAVED <case-id> <revision> <hash>  save_case returned; hash = content_hash of that revision
//! DRAFT <case-id>                    save_draft returned
//! CONFIG <k>                         set_config returned with editor name "writer-<k>"
//! IMPORTED <added> <updated>         bundle::import returned
//! ROTATED <files>                    rotate_key returned
//! REFUSED <message>                  the vault is held by another process (exit 3)
//! ERROR <message>                    anything else (exit 2)
//! ```

use age::secrecy::SecretString;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use testimony_vault::sample::{narrative, sample_case, SampleRng};
use testimony_vault::vault::{is_vault, CreateOptions, SaveOutcome, Vault, VaultError};

/// Work factor of the test vaults (as in tests/common).
const WORK_FACTOR: u8 = 10;
/// Beyond this many cases the writer only edits, so a long run stays bounded.
const MAX_CASES: usize = 12;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(mode)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: tv-crash-writer <vault-dir> write|hold|create [seed]");
        return ExitCode::from(64);
    };
    let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or_else(|| u64::from(std::process::id()));
    let passphrase = SecretString::from(std::env::var("TV_PASSPHRASE").unwrap_or_else(|_| "correct horse 말 battery".into()));
    let dir = Path::new(dir);
    let result = match mode.as_str() {
        "create" => create(dir, &passphrase).map(|_| say("CREATED")),
        "hold" => open(dir, &passphrase).map(|_vault| {
            say(&format!("OPEN {}", std::process::id()));
            loop {
                std::thread::sleep(std::time::Duration::from_secs(3600));
            }
        }),
        "write" => open(dir, &passphrase).and_then(|mut vault| write_loop(&mut vault, seed)),
        "rotate" => open(dir, &passphrase).and_then(|mut vault| {
            say(&format!("READY {}", vault.len()));
            vault.rotate_key(&passphrase).map(|n| say(&format!("ROTATED {n}")))
        }),
        "import" => match (args.get(3), args.get(4)) {
            (Some(bundle), Some(identity)) => open(dir, &passphrase).and_then(|mut vault| {
                say(&format!("READY {}", vault.len()));
                import_once(&mut vault, Path::new(bundle), Path::new(identity))
            }),
            _ => {
                eprintln!("usage: tv-crash-writer <vault-dir> import <bundle> <identity-file>");
                return ExitCode::from(64);
            }
        },
        other => {
            eprintln!("unknown mode {other}");
            return ExitCode::from(64);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e @ VaultError::AlreadyOpen { .. }) => {
            say(&format!("REFUSED {e}"));
            ExitCode::from(3)
        }
        Err(e) => {
            say(&format!("ERROR {e}"));
            ExitCode::from(2)
        }
    }
}

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    // If the test has gone, there is no one to tell.
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

fn create(dir: &Path, passphrase: &SecretString) -> Result<Vault, VaultError> {
    Vault::create_with(dir, passphrase, &CreateOptions { work_factor: WORK_FACTOR })
}

fn open(dir: &Path, passphrase: &SecretString) -> Result<Vault, VaultError> {
    if is_vault(dir) { Vault::open(dir, passphrase) } else { create(dir, passphrase) }
}

fn write_loop(vault: &mut Vault, seed: u64) -> Result<(), VaultError> {
    let mut rng = SampleRng::new(seed);
    let mut ids: Vec<uuid::Uuid> = vault.summaries().map(|s| s.id).collect();
    ids.sort();
    let mut config_k: u64 =
        vault.config().editor_name.strip_prefix("writer-").and_then(|k| k.parse().ok()).unwrap_or(0);
    say(&format!("READY {}", ids.len()));
    loop {
        let action = rng.below(10);
        if ids.is_empty() || (action < 3 && ids.len() < MAX_CASES) {
            let code = vault.new_case().code.clone();
            let mut case = sample_case(rng.next_u64() as u32 % 10_000, 200 + rng.below(800));
            case.code = code;
            saved(vault.save_case(&mut case, "writer")?, &case);
            ids.push(case.id);
        } else if action < 8 {
            let id = ids[rng.below(ids.len())];
            let mut case = vault.load_case(id)?;
            match rng.below(3) {
                0 => {
                    let chars = 100 + rng.below(1000);
                    case.narrative = narrative(&mut rng, chars);
                }
                1 => case.follow_up = format!("follow-up {}", rng.next_u64()),
                _ => case.tags = vec![format!("태그 {}", rng.next_u64())],
            }
            saved(vault.save_case(&mut case, "writer")?, &case);
        } else if action < 9 {
            let id = ids[rng.below(ids.len())];
            let mut case = vault.load_case(id)?;
            case.interviewer_notes = format!("draft {}", rng.next_u64());
            vault.save_draft(&case)?;
            say(&format!("DRAFT {id}"));
        } else if rng.below(2) == 0 {
            // Events: one more each time, the whole book rewritten.
            let mut book = testimony_vault::events::store::load(vault)?.book;
            let n = book.events.len() + 1;
            let event = testimony_vault::events::Event::new(format!("writer-event-{n}"), testimony_vault::model::ViolationType::Torture);
            let _ = book.add(event);
            testimony_vault::events::store::save(vault, &book)?;
            say(&format!("EVENTS {n}"));
        } else {
            config_k += 1;
            let mut config = vault.config().clone();
            config.editor_name = format!("writer-{config_k}");
            vault.set_config(config)?;
            say(&format!("CONFIG {config_k}"));
        }
    }
}

fn import_once(vault: &mut Vault, bundle: &Path, identity: &Path) -> Result<(), VaultError> {
    use testimony_vault::bundle::{self, BundleError, Unlock};
    let as_vault_error = |e: BundleError| match e {
        BundleError::Vault(e) => e,
        other => VaultError::Io { path: bundle.to_path_buf(), source: std::io::Error::other(other.to_string()) },
    };
    let mut unlock = Unlock::default();
    unlock.add_identity_file(identity).map_err(as_vault_error)?;
    let report = bundle::import_with(vault, bundle, &unlock, "writer", &trusting()).map_err(as_vault_error)?;
    say(&format!("IMPORTED {} {}", report.added(), report.updated()));
    Ok(())
}

fn saved(outcome: SaveOutcome, case: &testimony_vault::Case) {
    if let SaveOutcome::Saved { revision, .. } = outcome {
        say(&format!("SAVED {} {revision} {}", case.id, case.last_hash()));
    }
}

/// The import options of a vault that trusts the sending vault: the
/// bundles here come from a vault made for the test.
fn trusting() -> testimony_vault::bundle::ImportOptions {
    testimony_vault::bundle::ImportOptions { trust_signer: Some("source".into()) }
}
