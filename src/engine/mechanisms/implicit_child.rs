//! Implicit child access for account owners. Salesforce: the account owner's role decides what
//! they get on the cases, opportunities and contacts of accounts they own but whose child
//! records they do not own (`CaseAccessForAccountOwner`, `OpportunityAccessForAccountOwner`,
//! `ContactAccessForAccountOwner`: none, Read or Edit). An owner without a role gets nothing.

use super::reason::{Grant, Reason};
use super::{Cx, Declared, Mechanism, Stage};
use crate::engine::index::{Owner, RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::scenario::ObjectKind;
use crate::engine::sets::SetCx;

pub struct ImplicitChild;

impl Mechanism for ImplicitChild {
    fn id(&self) -> super::reason::MechanismId {
        super::reason::MechanismId::ImplicitChild
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = cx.ix;
        let rec = ix.record(record);
        if !matches!(
            rec.object,
            ObjectKind::Case | ObjectKind::Opportunity | ObjectKind::Contact
        ) {
            return None;
        }
        let account = rec.account?;
        let who = &ix.user(user).name;
        let acc = super::reason::record_label(ix, account);
        if ix.record(account).owner != Owner::User(user) {
            return Some(format!("{who} does not own the parent {acc}."));
        }
        Some(match ix.user(user).role {
            None => format!("{who} owns the parent {acc} but has no role, and account owners' access to child records comes from their role."),
            Some(r) => format!(
                "{who} owns the parent {acc}, but their role '{}' gives account owners no access to the account's {}s.",
                ix.role(r).name,
                ix.object_noun(rec.object)
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
        let ix = cx.ix;
        let rec = ix.record(record);
        let Some(account) = rec.account else { return };
        if rec.object == ObjectKind::Account || ix.record(account).owner != Owner::User(user) {
            return;
        }
        let Some(role) = ix.user(user).role else {
            return;
        };
        let r = ix.role(role);
        let level = match rec.object {
            ObjectKind::Case => r.case_access_for_account_owner,
            ObjectKind::Opportunity => r.opportunity_access_for_account_owner,
            ObjectKind::Contact => r.contact_access_for_account_owner,
            _ => return,
        }
        .access();
        if level > Access::None {
            out.push(Grant {
                level,
                reason: Reason::AccountOwnerChild { account, role },
            });
        }
    }

    fn candidates(&self, sx: &SetCx, record: RecordIx) -> Option<Vec<UserIx>> {
        let ix = sx.ix;
        let owner = ix.record(record).account.map(|a| ix.record(a).owner);
        Some(match owner {
            Some(Owner::User(u)) => vec![u],
            _ => vec![],
        })
    }
}
