//! The search index's file format: what is written reads back to an index
//! answering the same, and no bytes whatever (a flipped, cut, inserted or
//! overwritten byte in a valid file, or noise) make the decoder or a search
//! on what it accepted panic or point outside the index.

use proptest::prelude::*;
use testimony_vault::sample::sample_case;
use testimony_vault::search::store::{index_from_plaintext, index_plaintext, Rebuilt};
use testimony_vault::search::SearchIndex;
use uuid::Uuid;

const QUERIES: &[&str] = &["", "수용소", "Sinuiju", "Kim Joonsik", "ㅅ", "s", "hyes", "2026 field"];

fn sample_index() -> (SearchIndex, Vec<Uuid>) {
    let cases: Vec<_> = (1..=6).map(|i| sample_case(i, 300)).collect();
    (SearchIndex::build(cases.iter()), cases.iter().map(|c| c.id).collect())
}

fn vault_id() -> Uuid {
    Uuid::from_u128(0x5eed)
}

#[test]
fn an_index_written_reads_back_answering_the_same() {
    let (mut index, _) = sample_index();
    let bytes = index_plaintext(&index, vault_id());
    let mut back = index_from_plaintext(&bytes, vault_id()).unwrap();
    for q in QUERIES {
        assert_eq!(back.search(q), index.search(q), "{q}");
    }
    assert!(matches!(index_from_plaintext(&bytes, Uuid::from_u128(1)), Err(Rebuilt::Damaged)), "another vault's");
}

/// Search what the decoder accepted: no panic, only known cases.
fn search_all(bytes: &[u8], ids: &[Uuid]) {
    if let Ok(mut index) = index_from_plaintext(bytes, vault_id()) {
        for q in QUERIES {
            let _ = index.search(q);
        }
        let mut words = testimony_vault::search::CaseWords::of(&sample_case(99, 100), (1, 1));
        words.id = ids[0];
        index.insert_words(&words);
        let _ = index.search("수용소");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..512)) {
        search_all(&data, &[Uuid::nil()]);
    }

    #[test]
    fn mutated_index_files_never_panic(edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..4, any::<u8>()), 1..6)) {
        let (index, ids) = sample_index();
        let mut bytes = index_plaintext(&index, vault_id()).to_vec();
        for (at, kind, value) in edits {
            if bytes.is_empty() {
                break;
            }
            let i = at.index(bytes.len());
            match kind {
                0 => bytes[i] ^= 1 << (value % 8),
                1 => bytes[i] = value,
                2 => bytes.truncate(i),
                _ => bytes.insert(i, value),
            }
        }
        search_all(&bytes, &ids);
    }
}
