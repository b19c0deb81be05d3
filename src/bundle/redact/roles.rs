//! Interviewer and interpreter names replaced by their role for one export
//! ("Interviewer 1", "Interpreter 2"): a partner reading the testimony
//! does not need to know who asked the questions, and a name can lead
//! back to an office, a city and so to the witnesses it met.
//!
//! Numbers are given over the whole export (cases by code), so the same
//! person is the same "Interviewer 1" in every case of the bundle, and
//! the reader can still tell that two testimonies were taken by one
//! person. The names also go from the history's editors and from the free
//! text, where notes often repeat them.

use crate::model::Case;
use unicode_normalization::UnicodeNormalization;

/// A name as compared: composed (NFC), lower case, trimmed.
fn folded(name: &str) -> String {
    name.trim().nfc().flat_map(char::to_lowercase).collect()
}

/// `text` with every occurrence of `name` (already [`folded`]) replaced by
/// `label`, ignoring case; the rest of the text kept as written (composed).
/// `None` when it does not occur.
fn replaced(text: &str, name: &str, label: &str) -> Option<String> {
    let chars: Vec<char> = text.nfc().collect();
    let pat: Vec<char> = name.chars().collect();
    let same = |c: char, p: char| c == p || c.to_lowercase().eq(std::iter::once(p));
    let mut out = String::with_capacity(text.len());
    let (mut i, mut found) = (0, false);
    while i < chars.len() {
        if i + pat.len() <= chars.len() && chars[i..i + pat.len()].iter().zip(&pat).all(|(c, p)| same(*c, *p)) {
            out.push_str(label);
            i += pat.len();
            found = true;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    found.then_some(out)
}

/// Each name met in the export, with the role label that replaces it.
#[derive(Clone, Debug, Default)]
pub struct Roles {
    /// (normalised name, label), longest name first so a longer name is
    /// replaced before a shorter one it contains.
    names: Vec<(String, String)>,
}

impl Roles {
    /// Number the interviewers and the interpreters of `cases`, in the
    /// order of their case codes.
    pub fn of(cases: &[Case]) -> Roles {
        let mut ordered: Vec<&Case> = cases.iter().collect();
        ordered.sort_by(|a, b| a.code.cmp(&b.code));
        let mut names: Vec<(String, String)> = Vec::new();
        let kinds: [(&str, fn(&Case) -> &str); 2] =
            [("role-interviewer", |c| c.interview.interviewer.as_str()), ("role-interpreter", |c| c.interview.interpreter.as_str())];
        for (key, name_of) in kinds {
            let mut count = 0;
            for c in &ordered {
                let n = folded(name_of(c));
                if n.is_empty() || names.iter().any(|(known, _)| *known == n) {
                    continue;
                }
                count += 1;
                names.push((n, crate::i18n::t_args(key, &[("n", &count.to_string())])));
            }
        }
        names.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
        Roles { names }
    }

    /// The label for `name`, if it is one of the names numbered.
    fn label_of(&self, name: &str) -> Option<&str> {
        let n = folded(name);
        self.names.iter().find(|(known, _)| *known == n).map(|(_, l)| l.as_str())
    }

    /// `case` with every numbered name replaced by its label: the
    /// interviewer and interpreter fields, the history's editors, and the
    /// names where free text repeats them.
    pub fn apply(&self, case: &mut Case) {
        for field in [&mut case.interview.interviewer, &mut case.interview.interpreter] {
            if let Some(label) = self.label_of(field) {
                *field = label.to_string();
            }
        }
        for r in &mut case.history {
            if let Some(label) = self.label_of(&r.editor) {
                r.editor = label.to_string();
            }
            self.replace_in(&mut r.note);
        }
        case.each_text_mut(|_, text| self.replace_in(text));
    }

    fn replace_in(&self, text: &mut String) {
        for (name, label) in &self.names {
            if let Some(out) = replaced(text, name, label) {
                *text = out;
            }
        }
    }
}
