//! Ownership by a queue. Salesforce: cases and leads can be owned by a queue; its members
//! (users, groups, roles, roles and subordinates) can access the queue's records and take
//! ownership of them. The queue owns the record the way a user would, so members get the
//! owner's Full access. Users above the members share it only when the queue's "Grant Access
//! Using Hierarchies" (`doesIncludeBosses`) is on (`lifts`).

use super::reason::{Grant, Reason};
use super::{Cx, Declared, Mechanism, SetGrant, Stage};
use crate::engine::index::{Index, Owner, RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::sets::{SetCx, Who};

pub struct QueueMembers;

impl Mechanism for QueueMembers {
    fn id(&self) -> super::reason::MechanismId {
        super::reason::MechanismId::Queue
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let Owner::Queue(q) = cx.ix.record(record).owner else {
            return None;
        };
        Some(format!(
            "{} is owned by the queue '{}', and {} is not one of its members.",
            super::reason::record_label(cx.ix, record),
            cx.ix.queue(q).name,
            cx.ix.user(user).name
        ))
    }

    fn declared(&self) -> Declared {
        Declared {
            stage: Stage::Share,
            lifted: true,
            implies_parent: true,
        }
    }

    fn grants(&self, cx: &Cx, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let Owner::Queue(queue) = cx.ix.record(record).owner else {
            return;
        };
        let membership = cx
            .ix
            .queue(queue)
            .members
            .iter()
            .find_map(|m| cx.ix.membership(user, *m));
        if let Some(membership) = membership {
            out.push(Grant {
                level: Access::Full,
                reason: Reason::QueueMember { queue, membership },
            });
        }
    }

    /// Managers of the members share it only when the queue grants access using hierarchies.
    fn lifts(&self, ix: &Index, _holder: UserIx, reason: &Reason) -> bool {
        matches!(reason, Reason::QueueMember { queue, .. } if ix.queue(*queue).include_bosses)
    }

    /// Members get Full; their managers too when the queue grants access using hierarchies.
    fn share_sets(&self, sx: &SetCx, record: RecordIx, out: &mut Vec<SetGrant>) -> bool {
        let Owner::Queue(q) = sx.ix.record(record).owner else {
            return true;
        };
        let queue = sx.ix.queue(q);
        for m in &queue.members {
            out.push(SetGrant {
                who: Who::Members(*m),
                level: Access::Full,
                lifted: queue.include_bosses,
                implies_parent: true,
            });
        }
        true
    }
}
