//! Manual shares. Salesforce: the owner, a user above the owner, a user with full access or an
//! admin can share one record with a user, group, role, or role and subordinates, at Read Only
//! or Read/Write. The share row names the record, so only that record is affected.

use super::{Mechanism, Stage};
use crate::engine::evaluate::Evaluator;
use crate::engine::fast::{Fast, SetGrant};
use crate::engine::index::{RecordIx, UserIx};
use crate::engine::reason::{Grant, Reason};

pub struct ManualShares;

impl Mechanism for ManualShares {
    fn id(&self) -> crate::engine::reason::MechanismId {
        crate::engine::reason::MechanismId::ManualShare
    }

    fn why_not(&self, ev: &Evaluator, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = ev.ix;
        if ix.manual_shares.is_empty() {
            return None;
        }
        let rec = crate::engine::reason::record_label(ix, record);
        let shares = &ix.shares_by_record[record.ix()];
        if shares.is_empty() {
            return Some(format!("No manual share names {rec}."));
        }
        let with: Vec<String> = shares
            .iter()
            .map(|s| crate::engine::reason::principal_label(ix, ix.manual_shares[s.ix()].with))
            .collect();
        Some(format!(
            "{rec} is shared manually with {} only, and {} is not among them.",
            with.join(", "),
            ix.user(user).name
        ))
    }

    fn stage(&self) -> Stage {
        Stage::Share
    }

    fn grants(&self, ev: &Evaluator, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let ix = ev.ix;
        for share in &ix.shares_by_record[record.ix()] {
            let m = &ix.manual_shares[share.ix()];
            if let Some(membership) = ix.membership(user, m.with) {
                out.push(Grant {
                    level: m.access.access(),
                    reason: Reason::ManualShare {
                        share: *share,
                        membership,
                    },
                });
            }
        }
    }

    /// Manual shares are inherited up the role hierarchy and imply Read on the parent.
    fn share_sets(&self, fx: &Fast, record: RecordIx, out: &mut Vec<SetGrant>) -> bool {
        let ix = fx.ix;
        for s in &ix.shares_by_record[record.ix()] {
            let share = &ix.manual_shares[s.ix()];
            out.push(SetGrant {
                users: fx.member_set(share.with, true),
                level: share.access.access(),
                implies_parent: true,
            });
        }
        true
    }
}
