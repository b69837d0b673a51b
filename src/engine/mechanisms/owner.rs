//! Ownership by a user. Salesforce: the owner of a record has full access to it (read, edit,
//! delete, transfer, share), subject to their object permissions.

use super::{Mechanism, Stage};
use crate::engine::evaluate::Evaluator;
use crate::engine::fast::Fast;
use crate::engine::index::{Owner as RecordOwner, RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::reason::{Grant, Reason};

pub struct Owner;

impl Mechanism for Owner {
    fn id(&self) -> crate::engine::reason::MechanismId {
        crate::engine::reason::MechanismId::Owner
    }

    fn why_not(&self, ev: &Evaluator, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = ev.ix;
        let who = &ix.user(user).name;
        let rec = crate::engine::reason::record_label(ix, record);
        Some(match ix.record(record).owner {
            RecordOwner::User(o) => format!("{who} does not own {rec}; {} does.", ix.user(o).name),
            RecordOwner::Queue(q) => format!(
                "{who} does not own {rec}; the queue '{}' does.",
                ix.queue(q).name
            ),
        })
    }

    fn stage(&self) -> Stage {
        Stage::Share
    }

    fn grants(&self, ev: &Evaluator, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        if ev.ix.record(record).owner == RecordOwner::User(user) {
            out.push(Grant {
                level: Access::Full,
                reason: Reason::Owner,
            });
        }
    }

    fn candidates(&self, fx: &Fast, record: RecordIx) -> Option<Vec<UserIx>> {
        match fx.ix.record(record).owner {
            RecordOwner::User(u) => Some(vec![u]),
            RecordOwner::Queue(_) => Some(vec![]),
        }
    }
}
