//! `record`: sound from an input device straight into a case, encrypted as
//! it is captured (see `audio`). Ctrl+C or SIGTERM stops it cleanly; a
//! SIGKILL or power cut loses at most the last segment, and the rest is
//! attached at the next unlock. `--list-devices` names the devices.

use super::{find_case, say, Context};
use crate::audio::capture::{self, DeviceSource};
use crate::audio::segments::PendingMeta;
use crate::audio::{recorder, SEGMENT_SECONDS};
use crate::cli::args::RecordArgs;
use crate::cli::error::{say_error, CliError};
use crate::i18n::{t, t_args};
use crate::model::recording::clock;
use crate::vault::editor_name;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

pub fn run(ctx: &Context, args: RecordArgs) -> Result<(), CliError> {
    if args.list_devices {
        return list_devices();
    }
    let code = args.case.as_deref().unwrap_or_default();
    let mut vault = ctx.open()?;
    let case_id = find_case(&vault, code)?;
    let stored = vault.load_case(case_id)?;
    let meta = PendingMeta::starting(&stored, editor_name(vault.config(), Some(&stored)), args.description.clone());
    // `--device` wins over the device saved in Settings; `--device default`
    // is the system's default. A saved device that is gone is an error
    // naming it (a script is not switched to another microphone silently).
    let device = match args.device.as_deref() {
        Some("default") => None,
        Some(name) => Some(name.to_string()),
        None => vault.config().input_device.clone(),
    };
    let source = DeviceSource::new(device);
    let device = source.name_shown();
    let handle = recorder::start(vault.dir(), vault.key().recipient().clone(), meta, Box::new(source), args.seconds)?;
    say(t_args("recording-started", &[("case", &stored.code), ("device", &device), ("seconds", &SEGMENT_SECONDS.to_string())]));
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        let _ = signal_hook::flag::register(signal, stop.clone());
    }
    while !handle.is_finished() && !stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let ended = handle.stop();
    // What was captured is attached first, whatever stopped the recording.
    if let Some(e) = &ended.error {
        say_error(e);
    }
    match vault.finish_recording(ended.recording, false) {
        Ok(Some((case, a))) => {
            let duration = clock(a.recording.as_ref().map_or(ended.seconds, |r| r.duration_seconds));
            say(t_args(
                "recording-saved",
                &[("duration", &duration), ("size", &a.size.to_string()), ("sha256", &a.sha256), ("case", &case)],
            ));
        }
        Ok(None) => {}
        Err(e) => {
            say_error(t("recording-kept-for-next-unlock"));
            return Err(e.into());
        }
    }
    match ended.error {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}

fn list_devices() -> Result<(), CliError> {
    let devices = capture::input_devices()?;
    if devices.is_empty() {
        say(t("recording-no-devices"));
        return Ok(());
    }
    say(t("recording-devices"));
    for d in devices {
        say(format!("{} {}", if d.is_default { "*" } else { " " }, d.name));
    }
    Ok(())
}
