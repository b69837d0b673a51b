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
