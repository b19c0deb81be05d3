//! Full-text search over decrypted cases, in memory only.
//!
//! Text is normalised once when a case is indexed (NFC, lower case, full-width
//! forms folded), and each query the same way, so text pasted from macOS
//! (decomposed Hangul) or typed with full-width digits still matches.

use crate::model::Case;
use unicode_normalization::UnicodeNormalization;
use uuid::Uuid;

/// Normalise text for matching: NFKC folds full-width Latin and digits to
/// ASCII and composes Hangul jamo into syllables; then lower case.
pub fn normalise(text: &str) -> String {
    text.nfkc().flat_map(char::to_lowercase).collect()
}

/// Normalised text of every searchable field of each case.
#[derive(Default)]
pub struct SearchIndex {
    ids: Vec<Uuid>,
    haystacks: Vec<String>,
    /// The last query and its hits: typing one more letter only re-checks
    /// the previous hits instead of every case.
    last: Option<(String, Vec<usize>)>,
}

impl SearchIndex {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn build<'a>(cases: impl IntoIterator<Item = &'a Case>) -> Self {
        let mut index = SearchIndex::new();
        for case in cases {
            index.insert(case);
        }
        index
    }

    /// Add or replace one case.
    pub fn insert(&mut self, case: &Case) {
        let text = haystack(case);
        match self.ids.iter().position(|id| *id == case.id) {
            Some(i) => self.haystacks[i] = text,
            None => {
                self.ids.push(case.id);
                self.haystacks.push(text);
            }
        }
        self.last = None;
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Ids of the cases containing every word of `query`.
    pub fn search(&mut self, query: &str) -> Vec<Uuid> {
        let q = normalise(query);
        let words: Vec<&str> = q.split_whitespace().collect();
        if words.is_empty() {
            self.last = None;
            return self.ids.clone();
        }
        let candidates: Vec<usize> = match &self.last {
            Some((prev, hits)) if !prev.is_empty() && q.starts_with(prev.as_str()) && !prev.ends_with(' ') => hits.clone(),
            _ => (0..self.ids.len()).collect(),
        };
        let hits: Vec<usize> = candidates
            .into_iter()
            .filter(|&i| words.iter().all(|w| self.haystacks[i].contains(w)))
            .collect();
        let ids = hits.iter().map(|&i| self.ids[i]).collect();
        self.last = Some((q, hits));
        ids
    }
}

fn haystack(case: &Case) -> String {
    let mut s = String::new();
    for field in case.text_fields() {
        if !field.is_empty() {
            s.push_str(&normalise(field));
            s.push('\n');
        }
    }
    s
}

impl Drop for SearchIndex {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.haystacks.iter_mut().for_each(|h| h.zeroize());
        if let Some((q, _)) = &mut self.last {
            q.zeroize();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_forms_and_width_do_not_matter() {
        let mut case = Case::new("NK-2026-0001");
        let decomposed: String = "요덕 수용소".nfd().collect();
        case.narrative = format!("He was held in {decomposed} in １９９８.");
        let mut index = SearchIndex::build([&case]);
        assert_eq!(index.search("수용소"), vec![case.id]);
        assert_eq!(index.search("1998"), vec![case.id]);
        assert_eq!(index.search("HELD"), vec![case.id]);
        assert!(index.search("화성").is_empty());
    }

    #[test]
    fn narrowing_gives_the_same_result_as_a_fresh_search() {
        let mut a = Case::new("A");
        a.narrative = "public execution in Hyesan".into();
        let mut b = Case::new("B");
        b.narrative = "public meeting".into();
        let mut index = SearchIndex::build([&a, &b]);
        assert_eq!(index.search("public").len(), 2);
        assert_eq!(index.search("public ex"), vec![a.id]);
        assert_eq!(index.search("public"), index.search("public"));
        assert_eq!(index.search("public").len(), 2);
    }
}
