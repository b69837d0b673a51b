//! Case teams. Salesforce: a case team member's case team role carries Read Only or
//! Read/Write on that case.

use super::reason::{Grant, Reason};
use super::{Cx, Declared, Mechanism, Stage};
use crate::engine::index::{Index, RecordIx, UserIx};
use crate::engine::sets::SetCx;

pub struct CaseTeams;

impl Mechanism for CaseTeams {
    fn id(&self) -> super::reason::MechanismId {
        super::reason::MechanismId::CaseTeam
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = cx.ix;
        if ix.record(record).object != crate::engine::scenario::ObjectKind::Case
            || ix.case_teams.is_empty()
        {
            return None;
        }
        Some(format!(
            "{} is not on the case team of {}.",
            ix.user(user).name,
            super::reason::record_label(ix, record)
        ))
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

    fn grants(&self, cx: &Cx, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        for member in &cx.ix.case_team_by_record[record.ix()] {
            let t = &cx.ix.case_teams[member.ix()];
            if t.user == user {
                out.push(Grant {
                    level: t.access.access(),
                    reason: Reason::CaseTeam { member: *member },
                });
            }
        }
    }

    fn candidates(&self, sx: &SetCx, record: RecordIx) -> Option<Vec<UserIx>> {
        Some(
            sx.ix.case_team_by_record[record.ix()]
                .iter()
                .map(|t| sx.ix.case_teams[t.ix()].user)
                .collect(),
        )
    }
}
