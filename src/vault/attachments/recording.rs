//! A recording's encrypted segments become one attachment of its case:
//! when the recorder stops, or at the next unlock after a crash (then
//! marked "recovered, cut short at mm:ss", in the attachment and in the
//! history). The segments are decrypted one at a time and re-encrypted as
//! one blob through the ordinary attachment path, so a recording has the
//! same hash and custody rules as any other file.

use super::NewBlob;
use crate::audio::decoder;
use crate::audio::segments::{self, JoinedSegments, PendingMeta};
use crate::audio::{AudioError, CODEC};
use crate::i18n::{t, t_args};
use crate::model::recording::{clock, RecordingInfo};
use crate::model::{AttachmentRef, Case};
use crate::vault::Vault;
use uuid::Uuid;

/// What became of one recording folder left at the last session.
#[derive(Debug)]
pub enum Recovered {
    /// Attached to its case; the attachment says where it was cut short.
    Attached { case_code: String, attachment: AttachmentRef },
    /// A crash came before the first few seconds were saved: nothing to keep.
    Empty,
    /// It could not be attached now (its folder is kept for the next try).
    Failed(AudioError),
}

impl Recovered {
    /// What the open report says about it.
    pub fn notice(&self) -> String {
        match self {
            Recovered::Attached { case_code, attachment } => {
                let at = attachment.recording.as_ref().map_or(0.0, |r| r.duration_seconds);
                t_args("notice-recording-recovered", &[("case", case_code), ("name", &attachment.file_name), ("at", &clock(at))])
            }
            Recovered::Empty => t("notice-recording-empty"),
            Recovered::Failed(e) => t_args("notice-recording-not-recovered", &[("detail", &e.to_string())]),
        }
    }
}

impl Vault {
    /// Join the segments of recording `id` into an attachment of its case.
    /// `recovered`: the recording did not stop normally. The folder is
    /// removed only once the case records the attachment. Returns the
    /// case's code and the attachment; `None` when nothing had been saved
    /// yet (the folder is removed).
    pub fn finish_recording(&mut self, id: Uuid, recovered: bool) -> Result<Option<(String, AttachmentRef)>, AudioError> {
        let dir = segments::recording_dir(self.dir(), id);
        let meta = segments::read_meta(&dir, self.key.identity())?;
        let mut case = self.load_case(meta.case_id)?;
        let done = self.finish_into(id, &meta, &mut case, recovered)?;
        Ok(done.map(|a| (case.code.clone(), a)))
    }

    /// As [`Vault::finish_recording`] for a recording that stopped
    /// normally, into `case` as held in memory (the window's form): its
    /// unsaved edits stay unsaved, and it gains the attachment and the
    /// revision recording it.
    pub fn finish_recording_into(&mut self, id: Uuid, case: &mut Case) -> Result<Option<AttachmentRef>, AudioError> {
        let dir = segments::recording_dir(self.dir(), id);
        let meta = segments::read_meta(&dir, self.key.identity())?;
        if meta.case_id != case.id {
            return Ok(self.finish_recording(id, false)?.map(|(_, a)| a));
        }
        self.finish_into(id, &meta, case, false)
    }

    fn finish_into(&mut self, id: Uuid, meta: &PendingMeta, case: &mut Case, recovered: bool) -> Result<Option<AttachmentRef>, AudioError> {
        self.ensure_writable()?;
        let dir = segments::recording_dir(self.dir(), id);
        let identity = self.key.identity().clone();
        // A crash after the case was saved and before the folder went.
        if let Some(done) = case.attachments.iter().find(|a| a.id == meta.attachment_id).cloned() {
            segments::remove(&dir)?;
            return Ok(Some(done));
        }
        let files = segments::segment_files(&dir)?;
        if files.is_empty() {
            segments::remove(&dir)?;
            return Ok(None);
        }
        let facts = decoder::scan(JoinedSegments::new(files.clone(), &identity))?;
        let info = recording_info(meta, facts.seconds(), recovered);
        let new = NewBlob { id: meta.attachment_id, file_name: &meta.file_name, source_path: &dir, recording: Some(info) };
        let mut joined = JoinedSegments::new(files, &identity);
        let attachment = self.attach_stream(case, new, &mut joined, &meta.description, &meta.editor)?;
        segments::remove(&dir)?;
        Ok(Some(attachment))
    }

    /// Recordings a crash left under way, each attached to its case. Called
    /// at every open that can write.
    pub fn recover_recordings(&mut self) -> Vec<Recovered> {
        let mut out = Vec::new();
        for id in segments::pending(self.dir()) {
            out.push(match self.finish_recording(id, true) {
                Ok(Some((case_code, attachment))) => Recovered::Attached { case_code, attachment },
                Ok(None) => Recovered::Empty,
                Err(e) => Recovered::Failed(e),
            });
        }
        out
    }

    /// Recordings under way in this vault (a crash's leftovers, or one being made).
    pub fn pending_recordings(&self) -> Vec<Uuid> {
        segments::pending(self.dir())
    }
}

fn recording_info(meta: &PendingMeta, seconds: f64, recovered: bool) -> RecordingInfo {
    RecordingInfo {
        duration_seconds: seconds,
        codec: CODEC.to_string(),
        sample_rate: meta.sample_rate,
        markers: meta.markers.clone(),
        recovered_cut_at: recovered.then_some(seconds),
        transcript: String::new(),
    }
}

/// What a recording adds to its custody note in the history: its length
/// and, when recovered, where it was cut short (the words stay English like
/// the rest of the note: the history is evidence, not interface).
pub fn custody_words(rec: &RecordingInfo) -> String {
    let mut words = format!(", recording {} {} {} Hz", clock(rec.duration_seconds), rec.codec, rec.sample_rate);
    if !rec.markers.is_empty() {
        words += &format!(", {} markers", rec.markers.len());
    }
    if let Some(at) = rec.recovered_cut_at {
        words += &format!(", recovered, cut short at {}", clock(at));
    }
    words
}
