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
    fn id(&self) -> crate::engine::reason::MechanismId {
        crate::engine::reason::MechanismId::Creator
    }

    fn why_not(&self, ev: &Evaluator, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = ev.ix;
        if ix
            .profiles
            .iter()
            .chain(&ix.permission_sets)
            .all(|p| p.creator_access == crate::engine::level::ChildAccess::None)
        {
            return None;
        }
        let who = &ix.user(user).name;
        let rec = crate::engine::reason::record_label(ix, record);
        Some(if ix.record(record).created_by == Some(user) {
            format!("{who} created {rec}, but their profile and permission sets give creators no access.")
        } else {
            format!("{who} did not create {rec}.")
        })
    }

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
