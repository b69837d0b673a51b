//! Ownership by a queue. Salesforce: cases and leads can be owned by a queue; its members
//! (users, groups, roles, roles and subordinates) can access the queue's records and take
//! ownership of them. The queue owns the record the way a user would, so members get the
//! owner's Full access. Users above the members share it only when the queue's "Grant Access
//! Using Hierarchies" (`doesIncludeBosses`) is on; see `Reason::inherited_by_managers`.

use super::{Mechanism, Stage};
use crate::engine::evaluate::Evaluator;
use crate::engine::fast::{Fast, SetGrant};
use crate::engine::index::{Owner, RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::reason::{Grant, Reason};

pub struct QueueMembers;

impl Mechanism for QueueMembers {
    fn id(&self) -> crate::engine::reason::MechanismId {
        crate::engine::reason::MechanismId::Queue
    }

    fn why_not(&self, ev: &Evaluator, user: UserIx, record: RecordIx) -> Option<String> {
        let Owner::Queue(q) = ev.ix.record(record).owner else {
            return None;
        };
        Some(format!(
            "{} is owned by the queue '{}', and {} is not one of its members.",
            crate::engine::reason::record_label(ev.ix, record),
            ev.ix.queue(q).name,
            ev.ix.user(user).name
        ))
    }

    fn stage(&self) -> Stage {
        Stage::Share
    }

    fn grants(&self, ev: &Evaluator, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let Owner::Queue(queue) = ev.ix.record(record).owner else {
            return;
        };
        let membership = ev
            .ix
            .queue(queue)
            .members
            .iter()
            .find_map(|m| ev.ix.membership(user, *m));
        if let Some(membership) = membership {
            out.push(Grant {
                level: Access::Full,
                reason: Reason::QueueMember { queue, membership },
            });
        }
    }

    /// Members get Full; their managers too when the queue grants access using hierarchies.
    fn share_sets(&self, fx: &Fast, record: RecordIx, out: &mut Vec<SetGrant>) -> bool {
        let Owner::Queue(q) = fx.ix.record(record).owner else {
            return true;
        };
        let queue = fx.ix.queue(q);
        for m in &queue.members {
            out.push(SetGrant {
                users: fx.member_set(*m, queue.include_bosses),
                level: Access::Full,
                implies_parent: true,
            });
        }
        true
    }
}
