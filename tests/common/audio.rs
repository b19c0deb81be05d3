//! A real sound server for the recording tests: a private PulseAudio with
//! a 440 Hz sine source, in its own runtime folder and with its own HOME
//! (whose `.asoundrc` routes ALSA's default device to it), so a test can
//! stop its server without touching another test's. Without `pulseaudio`
//! the tests skip with a reason, except under CI, where they fail.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use testimony_vault::audio::decoder;
use testimony_vault::model::AttachmentRef;
use testimony_vault::vault::Vault;

pub struct PulseServer {
    child: Option<Child>,
    dir: tempfile::TempDir,
}

impl PulseServer {
    /// Start one, or say why not (None) when not under CI.
    pub fn start(test: &str) -> Option<PulseServer> {
        Self::start_with(test, &[], "sine")
    }

    /// As [`PulseServer::start`], with more modules loaded (other sources)
    /// and `source` as the default.
    pub fn start_with(test: &str, modules: &[&str], source: &str) -> Option<PulseServer> {
        if !super::have("pulseaudio") || !super::have("pactl") {
            assert!(std::env::var("CI").is_err(), "{test}: pulseaudio and pactl are required under CI (scripts/debian-packages.txt)");
            eprintln!("{test}: skipped, pulseaudio is not installed");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let runtime = dir.path().join("run");
        std::fs::create_dir(&runtime).unwrap();
        std::fs::set_permissions(&runtime, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
        std::fs::write(dir.path().join(".asoundrc"), "pcm.!default { type pulse }\nctl.!default { type pulse }\n").unwrap();
        let mut server = PulseServer { child: None, dir };
        let child = server
            .command("pulseaudio")
            .args(["--daemonize=no", "--exit-idle-time=-1", "-n", "--disable-shm=yes"])
            .arg("--load=module-native-protocol-unix auth-anonymous=1")
            .arg("--load=module-null-sink sink_name=null")
            .arg("--load=module-sine-source frequency=440 source_name=sine")
            .args(modules.iter().map(|m| format!("--load={m}")))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start pulseaudio");
        server.child = Some(child);
        let start = Instant::now();
        while !server.command("pactl").args(["set-default-source", source]).stderr(Stdio::null()).status().is_ok_and(|s| s.success()) {
            assert!(start.elapsed() < Duration::from_secs(15), "{test}: pulseaudio did not come up");
            std::thread::sleep(Duration::from_millis(100));
        }
        Some(server)
    }

    /// A command that talks to this server (its runtime folder and HOME).
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut c = Command::new(program);
        self.env(&mut c);
        c
    }

    pub fn env(&self, c: &mut Command) {
        c.env("XDG_RUNTIME_DIR", self.runtime()).env("HOME", self.dir.path()).env_remove("PULSE_SERVER");
    }

    fn runtime(&self) -> PathBuf {
        self.dir.path().join("run")
    }

    pub fn home(&self) -> &Path {
        self.dir.path()
    }

    /// Stop the server, as if the device were unplugged.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for PulseServer {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Decrypt and decode a recording attachment (mono, 48 kHz).
pub fn decode_attachment(vault: &Vault, a: &AttachmentRef) -> Vec<f32> {
    let reader = vault.open_attachment(a).expect("open attachment");
    decoder::decode_all(reader).expect("decode")
}

/// The strongest frequency in `samples`, in Hz (rustfft over the middle second).
pub fn dominant_frequency(samples: &[f32], rate: u32) -> f32 {
    use rustfft::num_complex::Complex;
    let n = (rate as usize).min(samples.len());
    let start = (samples.len() - n) / 2;
    let mut buf: Vec<Complex<f32>> = samples[start..start + n].iter().map(|&s| Complex::new(s, 0.0)).collect();
    rustfft::FftPlanner::new().plan_fft_forward(n).process(&mut buf);
    let (bin, _) = buf[1..n / 2].iter().enumerate().max_by(|a, b| a.1.norm().total_cmp(&b.1.norm())).unwrap();
    (bin + 1) as f32 * rate as f32 / n as f32
}
