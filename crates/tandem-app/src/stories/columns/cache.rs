//! Where a front end keeps campaigns' columns between requests: a few campaigns, the least
//! recently used dropped first, and one lock per campaign so that requests arriving while its
//! columns are read wait for that one read instead of each starting their own.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::CampaignColumns;

/// How many campaigns' columns are kept.
pub const KEPT: usize = 8;

/// Kept columns by campaign id, each with the tick of its last use.
type Entries = HashMap<String, (u64, Arc<CampaignColumns>)>;

/// The kept columns, with a use counter (a tick per access) for eviction, and one lock per
/// campaign held while its columns are read or extended.
#[derive(Debug, Default)]
pub struct ColumnCache {
    entries: Mutex<(u64, Entries)>,
    reading: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

impl ColumnCache {
    /// The kept columns of a campaign, whatever their revision (the caller compares).
    pub(super) fn get(&self, campaign: &str) -> Option<Arc<CampaignColumns>> {
        let mut guard = self.entries.lock().ok()?;
        let (clock, entries) = &mut *guard;
        *clock += 1;
        let entry = entries.get_mut(campaign)?;
        entry.0 = *clock;
        Some(Arc::clone(&entry.1))
    }

    /// Drops every kept campaign: the next page of each reads its stories afresh (tests compare
    /// columns extended with new stories against a fresh read this way).
    pub fn forget(&self) {
        if let Ok(mut guard) = self.entries.lock() {
            guard.1.clear();
        }
    }

    /// The lock for reading one campaign's columns.
    pub(super) fn reading(&self, campaign: &str) -> Arc<tokio::sync::Mutex<()>> {
        let Ok(mut locks) = self.reading.lock() else {
            return Arc::default();
        };
        // Forget the locks nobody holds or waits for, so the map stays as small as the cache.
        locks.retain(|_, lock| Arc::strong_count(lock) > 1);
        Arc::clone(locks.entry(campaign.to_owned()).or_default())
    }

    pub(super) fn put(&self, campaign: String, columns: Arc<CampaignColumns>) {
        let Ok(mut guard) = self.entries.lock() else {
            return;
        };
        let (clock, entries) = &mut *guard;
        *clock += 1;
        entries.insert(campaign, (*clock, columns));
        while entries.len() > KEPT {
            let Some(oldest) = entries
                .iter()
                .min_by_key(|(_, (used, _))| *used)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            entries.remove(&oldest);
        }
    }
}
