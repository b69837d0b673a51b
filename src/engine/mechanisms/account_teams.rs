//! Account teams. Salesforce: each member gets Account access (Read Only or Read/Write, never
//! below the account's org-wide default, which the core's max already ensures) plus Case,
//! Opportunity and Contact access (Private, Read Only or Read/Write) to the records that hang
//! off the account. Contact access does not exist when contacts are Controlled by Parent; the
//! core drops every record-level share of such records, this one included.

use super::{Mechanism, Stage};
use crate::engine::evaluate::Evaluator;
use crate::engine::fast::Fast;
use crate::engine::index::{RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::reason::{Grant, Reason};
use crate::engine::scenario::ObjectKind;

pub struct AccountTeams;

impl Mechanism for AccountTeams {
    fn id(&self) -> crate::engine::reason::MechanismId {
        crate::engine::reason::MechanismId::AccountTeam
    }

    fn why_not(&self, ev: &Evaluator, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = ev.ix;
        let rec = ix.record(record);
        if ix.account_teams.is_empty()
            || !matches!(
                rec.object,
                ObjectKind::Account
                    | ObjectKind::Case
                    | ObjectKind::Opportunity
                    | ObjectKind::Contact
            )
        {
            return None;
        }
        let who = &ix.user(user).name;
        let label = crate::engine::reason::record_label(ix, record);
        let account = if rec.object == ObjectKind::Account {
            record
        } else {
            match rec.account {
                Some(a) => a,
                None => {
                    return Some(format!(
                        "{label} has no account, so no account team reaches it."
                    ))
                }
            }
        };
        let team = crate::engine::reason::record_label(ix, account);
        let mine = ix.account_team_by_account[account.ix()]
            .iter()
            .find(|t| ix.account_teams[t.ix()].user == user);
        Some(match mine {
            Some(_) => format!(
                "{who} is on the account team of {team}, but with Private {} access.",
                rec.object.label()
            ),
            None => format!("{who} is not on the account team of {team}."),
        })
    }

    fn stage(&self) -> Stage {
        Stage::Share
    }

    fn grants(&self, ev: &Evaluator, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let ix = ev.ix;
        let rec = ix.record(record);
        let account = match rec.object {
            ObjectKind::Account => record,
            ObjectKind::Case | ObjectKind::Opportunity | ObjectKind::Contact => match rec.account {
                Some(a) => a,
                None => return,
            },
            _ => return,
        };
        for member in &ix.account_team_by_account[account.ix()] {
            let t = &ix.account_teams[member.ix()];
            if t.user != user {
                continue;
            }
            let level = match rec.object {
                ObjectKind::Account => t.account_access.access(),
                ObjectKind::Case => t.case_access.access(),
                ObjectKind::Opportunity => t.opportunity_access.access(),
                _ => t.contact_access.access(),
            };
            if level > Access::None {
                out.push(Grant {
                    level,
                    reason: Reason::AccountTeam { member: *member },
                });
            }
        }
    }

    fn candidates(&self, fx: &Fast, record: RecordIx) -> Option<Vec<UserIx>> {
        let ix = fx.ix;
        let rec = ix.record(record);
        let account = if rec.object == ObjectKind::Account {
            Some(record)
        } else {
            rec.account
        };
        Some(account.map_or(vec![], |a| {
            ix.account_team_by_account[a.ix()]
                .iter()
                .map(|t| ix.account_teams[t.ix()].user)
                .collect()
        }))
    }
}
