//! Which index shards exist, so a vanished one is noticed.
//!
//! The index is a cache rebuilt from the case files, so a deleted shard
//! used to read as empty: a case file deleted together with its shard left
//! no trace at all. `index/shards.age` lists the shards written and the
//! shards found vanished; a listed shard absent at open is reported (as a
//! vanished case is, at every open until [`Vault::forget_missing`]), even
//! when the shard is rebuilt from the case files left.

use super::error::{Result, VaultError};
use super::{atomic, crypto, shard_path, Vault, INDEX_DIR};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The list of shards, in the index folder.
pub const SHARD_LIST: &str = "shards.age";

/// What `shards.age` records.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShardList {
    pub present: BTreeSet<u8>,
    /// Listed once and found vanished: reported until forgotten.
    pub lost: BTreeSet<u8>,
}

impl ShardList {
    fn encode(&self) -> String {
        let hex = |set: &BTreeSet<u8>| set.iter().map(|s| format!("{s:02x}")).collect::<Vec<_>>().join(" ");
        format!("shards 1\npresent: {}\nlost: {}\n", hex(&self.present), hex(&self.lost))
    }

    fn decode(text: &str) -> Option<ShardList> {
        let mut lines = text.lines();
        if lines.next()? != "shards 1" {
            return None;
        }
        let mut set = |prefix: &str| -> Option<BTreeSet<u8>> {
            let rest = lines.next()?.strip_prefix(prefix)?;
            rest.split_whitespace().map(|h| u8::from_str_radix(h, 16).ok()).collect()
        };
        Some(ShardList { present: set("present:")?, lost: set("lost:")? })
    }
}

impl Vault {
    fn shard_list_path(&self) -> PathBuf {
        self.dir.join(INDEX_DIR).join(SHARD_LIST)
    }

    /// The shards present on disk now.
    fn shards_on_disk(&self) -> BTreeSet<u8> {
        let index_dir = self.dir.join(INDEX_DIR);
        (0..=255u8).filter(|s| shard_path(&index_dir, *s).is_file()).collect()
    }

    /// At open, before the index is read: report every listed shard that
    /// has vanished (and those still unforgiven), and remember them.
    pub(crate) fn check_shard_list(&mut self) {
        let path = self.shard_list_path();
        let now = self.shards_on_disk();
        let stored = match self.read_encrypted(&path) {
            Ok(Some(bytes)) => std::str::from_utf8(&bytes).ok().and_then(ShardList::decode),
            // Missing (a vault older than the list) or damaged: a cache.
            _ => None,
        };
        let mut list = ShardList { present: now.clone(), lost: BTreeSet::new() };
        if let Some(stored) = &stored {
            list.lost = stored.lost.iter().chain(stored.present.difference(&now)).copied().collect();
        }
        for shard in &list.lost {
            self.report.damaged.push(VaultError::ShardMissing { shard: *shard });
        }
        self.report.lost_shards = list.lost.iter().copied().collect();
        self.shard_list = Some(list.clone());
        if stored.as_ref() != Some(&list) && self.lock.is_some() {
            self.shard_list = None;
            let _ = self.write_shard_list(list);
        }
    }

    /// Record the shards present after an index write (and `lost`), when
    /// that differs from what is recorded.
    pub(crate) fn update_shard_list(&mut self, forget_lost: bool) -> Result<()> {
        let lost = match (&self.shard_list, forget_lost) {
            (Some(l), false) => l.lost.clone(),
            _ => BTreeSet::new(),
        };
        let list = ShardList { present: self.shards_on_disk(), lost };
        if self.shard_list.as_ref() == Some(&list) {
            return Ok(());
        }
        self.write_shard_list(list)
    }

    fn write_shard_list(&mut self, list: ShardList) -> Result<()> {
        let path = self.shard_list_path();
        let ciphertext = crypto::encrypt(&[&self.key.recipient], list.encode().as_bytes(), "the list of index shards")?;
        atomic::write_atomic(&path, &ciphertext, false)?;
        self.shard_list = Some(list);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::ShardList;

    #[test]
    fn the_list_round_trips() {
        let list = ShardList { present: [0u8, 0x3a, 0xff].into(), lost: [7u8].into() };
        assert_eq!(ShardList::decode(&list.encode()), Some(list));
        assert_eq!(ShardList::decode(&ShardList::default().encode()), Some(ShardList::default()));
        assert_eq!(ShardList::decode("nonsense"), None);
    }
}
