//! The rules of redaction that are not scrubbing: where an incident
//! happened when that is also where the witness comes from, and what the
//! history may say about attachments.
//!
//! **The incident-place rule: generalise, never drop.** An incident in the
//! witness's home county is evidence and stays in the record, but the
//! county with the birth year can name a family. So in a redacted copy an
//! incident whose county is the home county keeps its province (filled in
//! from the list of places when it was empty) and loses the county; the
//! county's name is scrubbed from its place and narrative like any other
//! removed value. Incidents elsewhere keep their county. The review before
//! export lists what was generalised, so the interviewer can see it.

use super::scrub::Scrubber;
use crate::korean::places;
use crate::model::Case;

/// Generalise to their province the incidents of `redacted` that happened
/// in the home county of `original`.
pub fn generalise_home_county(original: &Case, redacted: &mut Case) {
    let home = original.interviewee.home_county.trim();
    if home.is_empty() {
        return;
    }
    let county = {
        let mut s = Scrubber::default();
        s.add_place(home);
        s.finish();
        s
    };
    let province = places::search_places(places::without_unit(home).unwrap_or(home))
        .into_iter()
        .find(|p| !p.province.is_empty())
        .map(|p| p.province.to_string());
    for inc in &mut redacted.incidents {
        if is_whole(&county, inc.county.trim()) {
            inc.county.clear();
            if inc.province.trim().is_empty()
                && let Some(p) = &province
            {
                inc.province = p.clone();
            }
        }
    }
}

/// Whether the scrubber finds `text` as a whole (the county field holds
/// the home county, in any spelling).
fn is_whole(s: &Scrubber, text: &str) -> bool {
    !text.is_empty() && s.find(text).iter().any(|r| r.start == 0 && r.end == text.len())
}

/// A revision note about an attachment ("attachment added: \"name\", N
/// bytes, type, SHA-256 …, id …") keeps only what happened: the name, size
/// and hash are functions of the recording, which stays behind.
pub fn plain_custody_note(note: &mut String) {
    for verb in ["added", "removed"] {
        if note.starts_with(&format!("attachment {verb}:")) {
            *note = format!("attachment {verb}");
        }
    }
}
