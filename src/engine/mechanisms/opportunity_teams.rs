//! Opportunity teams. Salesforce: each member of an opportunity's team gets Read Only or
//! Read/Write on that opportunity.

use super::reason::{Grant, Reason};
use super::{Cx, Declared, Mechanism, Stage};
use crate::engine::index::{Index, RecordIx, UserIx};
use crate::engine::sets::SetCx;

pub struct OpportunityTeams;

impl Mechanism for OpportunityTeams {
    fn id(&self) -> super::reason::MechanismId {
        super::reason::MechanismId::OpportunityTeam
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = cx.ix;
        if ix.record(record).object != crate::engine::scenario::ObjectKind::Opportunity
            || ix.opportunity_teams.is_empty()
        {
            return None;
        }
        Some(format!(
            "{} is not on the opportunity team of {}.",
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
        for member in &cx.ix.opportunity_team_by_record[record.ix()] {
            let t = &cx.ix.opportunity_teams[member.ix()];
            if t.user == user {
                out.push(Grant {
                    level: t.access.access(),
                    reason: Reason::OpportunityTeam { member: *member },
                });
            }
        }
    }

    fn candidates(&self, sx: &SetCx, record: RecordIx) -> Option<Vec<UserIx>> {
        Some(
            sx.ix.opportunity_team_by_record[record.ix()]
                .iter()
                .map(|t| sx.ix.opportunity_teams[t.ix()].user)
                .collect(),
        )
    }
}
