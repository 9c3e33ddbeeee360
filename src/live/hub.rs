//! The room shared between the facilitator's terminal and the server's requests: the
//! pure `Room` behind a lock, a signal that pages waiting for a change are woken by, and
//! the draft written after every change. A vote is acknowledged only once the draft that
//! holds it is on disk; writes are grouped (a write takes in every change made before it
//! started), so a room voting at once costs a few writes, not one each.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::watch;

use super::room::{Room, Versions};
use crate::interact::draft::Draft;

pub struct Hub {
    room: Mutex<Room>,
    changed: watch::Sender<Versions>,
    draft_path: PathBuf,
    writer: Mutex<()>,
    written: AtomicU64,
}

impl Hub {
    pub fn new(room: Room, draft_path: PathBuf) -> Arc<Hub> {
        let (changed, _) = watch::channel(room.versions());
        Arc::new(Hub {
            room: Mutex::new(room),
            changed,
            draft_path,
            writer: Mutex::new(()),
            written: AtomicU64::new(0),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Room> {
        // A panic while the lock was held leaves a room whose every change was whole.
        self.room.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Reads the room.
    pub fn read<R>(&self, f: impl FnOnce(&Room) -> R) -> R {
        f(&self.lock())
    }

    /// Changes the room, and wakes the pages waiting when what they show has changed.
    pub fn change<R>(&self, f: impl FnOnce(&mut Room) -> R) -> R {
        let (out, versions) = {
            let mut room = self.lock();
            let out = f(&mut room);
            (out, room.versions())
        };
        self.changed.send_if_modified(|v| {
            let modified = *v != versions;
            *v = versions;
            modified
        });
        out
    }

    /// A receiver of the room's versions, for a page waiting for a change.
    pub fn subscribe(&self) -> watch::Receiver<Versions> {
        self.changed.subscribe()
    }

    /// Writes the draft with every change made so far, unless a write that started
    /// after them has already done so.
    pub fn persist(&self) -> anyhow::Result<()> {
        let _writing = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let (seq, draft) = {
            let room = self.lock();
            if room.seq <= self.written.load(Ordering::Acquire) {
                return Ok(());
            }
            (room.seq, room.draft())
        };
        draft.save(&self.draft_path)?;
        self.written.store(seq, Ordering::Release);
        Ok(())
    }

    /// The facilitator's draft as it now stands, saved with the votes.
    pub fn save(&self, draft: &Draft) -> anyhow::Result<()> {
        self.change(|r| r.set_draft(draft));
        self.persist()
    }
}
