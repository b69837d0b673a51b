//! Creator-based visibility (Teams "CRM As A Service", seed 003). A Member "sees only the
//! leads, opportunities and cases they created"; ownership there is not the point, creation
//! is. A profile's `creator_access` gives its holders that level on every record whose
//! `created_by` is them. Not inherited up the role hierarchy: the app has none.

use super::{Mechanism, Stage};
use crate::engine::evaluate::Evaluator;
use crate::engine::fast::Fast;
use crate::engine::index::{RecordIx, UserIx};
use crate::engine::reason::{Grant, Reason};

pub struct Creator;

impl Mechanism for Creator {
    fn stage(&self) -> Stage {
        Stage::Share
    }

    fn grants(&self, ev: &Evaluator, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let ix = ev.ix;
        if ix.record(record).created_by != Some(user) {
            return;
        }
        if let Some((level, source)) = ix.best_setting(user, |p| p.creator_access) {
            out.push(Grant {
                level: level.access(),
                reason: Reason::Creator { source },
            });
        }
    }

    fn candidates(&self, fx: &Fast, record: RecordIx) -> Option<Vec<UserIx>> {
        Some(fx.ix.record(record).created_by.into_iter().collect())
    }
}
