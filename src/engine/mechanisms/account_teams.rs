//! Account teams. Salesforce: each member gets Account access (Read Only or Read/Write, never
//! below the account's org-wide default, which the core's max already ensures) plus Case,
//! Opportunity and Contact access (Private, Read Only or Read/Write) to the records that hang
//! off the account. Contact access does not exist when contacts are Controlled by Parent; the
//! core drops every record-level share of such records, this one included.

use super::reason::{Grant, Reason};
use super::{Changed, Cx, Declared, Mechanism, Stage};
use crate::engine::index::{Index, RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::scenario::ObjectKind;
use crate::engine::sets::SetCx;

pub struct AccountTeams;

impl Mechanism for AccountTeams {
    fn id(&self) -> super::reason::MechanismId {
        super::reason::MechanismId::AccountTeam
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = cx.ix;
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
        let label = super::reason::record_label(ix, record);
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
        let team = super::reason::record_label(ix, account);
        let mine = ix.account_team_by_account[account.ix()]
            .iter()
            .find(|t| ix.account_teams[t.ix()].user == user);
        Some(match mine {
            Some(_) => format!(
                "{who} is on the account team of {team}, but with Private {} access.",
                ix.object_label(rec.object)
            ),
            None => format!("{who} is not on the account team of {team}."),
        })
    }

    fn declared(&self) -> Declared {
        Declared {
            stage: Stage::Share,
            lifted: true,
            implies_parent: true,
        }
    }

    /// "Deactivated users lose access to ... records that were shared with them as team
    /// members. Users higher in the role hierarchy relative to the deactivated users also
    /// lose access to those records" (Salesforce, Considerations for Deactivating Users).
    fn lifts(&self, ix: &Index, holder: UserIx, _reason: &Reason) -> bool {
        ix.user(holder).active
    }

    /// A child's grants read its account's team.
    fn inputs(&self, ix: &Index, record: RecordIx, out: &mut Vec<(RecordIx, Changed)>) {
        let rec = ix.record(record);
        if matches!(
            rec.object,
            ObjectKind::Case | ObjectKind::Opportunity | ObjectKind::Contact
        ) {
            out.extend(rec.account.map(|a| (a, Changed::Team)));
        }
    }

    fn grants(&self, cx: &Cx, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let ix = cx.ix;
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

    fn candidates(&self, sx: &SetCx, record: RecordIx) -> Option<Vec<UserIx>> {
        let ix = sx.ix;
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
