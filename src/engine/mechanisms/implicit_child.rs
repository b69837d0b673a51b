//! Implicit child access for account owners. Salesforce: the account owner's role decides what
//! they get on the cases, opportunities and contacts of accounts they own but whose child
//! records they do not own (`CaseAccessForAccountOwner`, `OpportunityAccessForAccountOwner`,
//! `ContactAccessForAccountOwner`: none, Read or Edit). An owner without a role gets nothing.

use super::{Mechanism, Stage};
use crate::engine::evaluate::Evaluator;
use crate::engine::fast::Fast;
use crate::engine::index::{Owner, RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::reason::{Grant, Reason};
use crate::engine::scenario::ObjectKind;

pub struct ImplicitChild;

impl Mechanism for ImplicitChild {
    fn id(&self) -> crate::engine::reason::MechanismId {
        crate::engine::reason::MechanismId::ImplicitChild
    }

    fn why_not(&self, ev: &Evaluator, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = ev.ix;
        let rec = ix.record(record);
        if !matches!(
            rec.object,
            ObjectKind::Case | ObjectKind::Opportunity | ObjectKind::Contact
        ) {
            return None;
        }
        let account = rec.account?;
        let who = &ix.user(user).name;
        let acc = crate::engine::reason::record_label(ix, account);
        if ix.record(account).owner != Owner::User(user) {
            return Some(format!("{who} does not own the parent {acc}."));
        }
        Some(match ix.user(user).role {
            None => format!("{who} owns the parent {acc} but has no role, and account owners' access to child records comes from their role."),
            Some(r) => format!(
                "{who} owns the parent {acc}, but their role '{}' gives account owners no access to the account's {}s.",
                ix.role(r).name,
                rec.object.key().replace('_', " ")
            ),
        })
    }

    fn stage(&self) -> Stage {
        Stage::Share
    }

    fn grants(&self, ev: &Evaluator, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let ix = ev.ix;
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

    fn candidates(&self, fx: &Fast, record: RecordIx) -> Option<Vec<UserIx>> {
        let ix = fx.ix;
        let owner = ix.record(record).account.map(|a| ix.record(a).owner);
        Some(match owner {
            Some(Owner::User(u)) => vec![u],
            _ => vec![],
        })
    }
}
