//! Manual shares. Salesforce: the owner, a user above the owner, a user with full access or an
//! admin can share one record with a user, group, role, or role and subordinates, at Read Only
//! or Read/Write. The share row names the record, so only that record is affected.

use super::reason::{Grant, Reason};
use super::{Cx, Declared, Mechanism, SetGrant, Stage};
use crate::engine::index::{Index, PrincipalIx, RecordIx, UserIx};
use crate::engine::sets::{SetCx, Who};

pub struct ManualShares;

impl Mechanism for ManualShares {
    fn id(&self) -> super::reason::MechanismId {
        super::reason::MechanismId::ManualShare
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = cx.ix;
        if ix.manual_shares.is_empty() {
            return None;
        }
        let rec = super::reason::record_label(ix, record);
        let shares = &ix.shares_by_record[record.ix()];
        if shares.is_empty() {
            return Some(format!("No manual share names {rec}."));
        }
        let with: Vec<String> = shares
            .iter()
            .map(|s| super::reason::principal_label(ix, ix.manual_shares[s.ix()].with))
            .collect();
        Some(format!(
            "{rec} is shared manually with {} only, and {} is not among them.",
            with.join(", "),
            ix.user(user).name
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
        let ix = cx.ix;
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

    /// "Deactivated users lose access to any records that were manually shared with them ...
    /// Users higher in the role hierarchy relative to the deactivated users also lose access
    /// to those records" (Salesforce, Considerations for Deactivating Users): a share naming
    /// an inactive user directly is not lifted to their managers. A share to a group or role
    /// the inactive user belongs to is not "shared with them" and still lifts.
    fn lifts(&self, ix: &Index, _holder: UserIx, reason: &Reason) -> bool {
        match reason {
            Reason::ManualShare { share, .. } => {
                !lost_by_deactivation(ix, ix.manual_shares[share.ix()].with)
            }
            _ => false,
        }
    }

    /// Manual shares are inherited up the role hierarchy and imply Read on the parent.
    fn share_sets(&self, sx: &SetCx, record: RecordIx, out: &mut Vec<SetGrant>) -> bool {
        let ix = sx.ix;
        for s in &ix.shares_by_record[record.ix()] {
            let share = &ix.manual_shares[s.ix()];
            out.push(SetGrant {
                who: Who::Members(share.with),
                level: share.access.access(),
                lifted: !lost_by_deactivation(ix, share.with),
                implies_parent: true,
            });
        }
        true
    }
}

/// A share made directly with a user who is now inactive: its managers lose it too.
fn lost_by_deactivation(ix: &Index, with: PrincipalIx) -> bool {
    matches!(with, PrincipalIx::User(u) if !ix.user(u).active)
}
