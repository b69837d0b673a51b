//! Creator-based visibility (Teams "CRM As A Service", seed 003). A Member "sees only the
//! leads, opportunities and cases they created"; ownership there is not the point, creation
//! is. A profile's `creator_access` gives its holders that level on every record whose
//! `created_by` is them. Not inherited up the role hierarchy: the app has none.

use super::reason::{Grant, Reason};
use super::{Cx, Declared, Mechanism, Stage};
use crate::engine::index::{RecordIx, UserIx};
use crate::engine::sets::SetCx;

pub struct Creator;

impl Mechanism for Creator {
    fn id(&self) -> super::reason::MechanismId {
        super::reason::MechanismId::Creator
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = cx.ix;
        if ix
            .profiles
            .iter()
            .chain(&ix.permission_sets)
            .all(|p| p.creator_access == crate::engine::level::ChildAccess::None)
        {
            return None;
        }
        let who = &ix.user(user).name;
        let rec = super::reason::record_label(ix, record);
        Some(if ix.record(record).created_by == Some(user) {
            format!("{who} created {rec}, but their profile and permission sets give creators no access.")
        } else {
            format!("{who} did not create {rec}.")
        })
    }

    fn declared(&self) -> Declared {
        Declared {
            stage: Stage::Share,
            lifted: false,
            implies_parent: false,
        }
    }

    fn grants(&self, cx: &Cx, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let ix = cx.ix;
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

    fn candidates(&self, sx: &SetCx, record: RecordIx) -> Option<Vec<UserIx>> {
        Some(sx.ix.record(record).created_by.into_iter().collect())
    }
}
