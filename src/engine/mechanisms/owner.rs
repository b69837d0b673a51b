//! Ownership by a user. Salesforce: the owner of a record has full access to it (read, edit,
//! delete, transfer, share), subject to their object permissions.

use super::reason::{Grant, Reason};
use super::{Cx, Declared, Mechanism, SetGrant, Stage};
use crate::engine::index::{Owner as RecordOwner, RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::sets::{SetCx, Who};

pub struct Owner;

impl Mechanism for Owner {
    fn id(&self) -> super::reason::MechanismId {
        super::reason::MechanismId::Owner
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = cx.ix;
        let who = &ix.user(user).name;
        let rec = super::reason::record_label(ix, record);
        Some(match ix.record(record).owner {
            RecordOwner::User(o) => format!("{who} does not own {rec}; {} does.", ix.user(o).name),
            RecordOwner::Queue(q) => format!(
                "{who} does not own {rec}; the queue '{}' does.",
                ix.queue(q).name
            ),
        })
    }

    fn declared(&self) -> Declared {
        Declared {
            stage: Stage::Share,
            lifted: true,
            implies_parent: true,
        }
    }

    fn grants(&self, cx: &Cx, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        if cx.ix.record(record).owner == RecordOwner::User(user) {
            out.push(Grant {
                level: Access::Full,
                reason: Reason::Owner,
            });
        }
    }

    /// The owner alone, lifted to everyone above them (records they own stay visible to their
    /// managers even when they are deactivated).
    fn share_sets(&self, sx: &SetCx, record: RecordIx, out: &mut Vec<SetGrant>) -> bool {
        if let RecordOwner::User(u) = sx.ix.record(record).owner {
            out.push(SetGrant {
                who: Who::One(u),
                level: Access::Full,
                lifted: true,
                implies_parent: true,
            });
        }
        true
    }
}
