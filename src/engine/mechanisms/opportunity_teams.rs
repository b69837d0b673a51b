//! Opportunity teams. Salesforce: each member of an opportunity's team gets Read Only or
//! Read/Write on that opportunity.

use super::{Mechanism, Stage};
use crate::engine::evaluate::Evaluator;
use crate::engine::fast::Fast;
use crate::engine::index::{RecordIx, UserIx};
use crate::engine::reason::{Grant, Reason};

pub struct OpportunityTeams;

impl Mechanism for OpportunityTeams {
    fn id(&self) -> crate::engine::reason::MechanismId {
        crate::engine::reason::MechanismId::OpportunityTeam
    }

    fn why_not(&self, ev: &Evaluator, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = ev.ix;
        if ix.record(record).object != crate::engine::scenario::ObjectKind::Opportunity
            || ix.opportunity_teams.is_empty()
        {
            return None;
        }
        Some(format!(
            "{} is not on the opportunity team of {}.",
            ix.user(user).name,
            crate::engine::reason::record_label(ix, record)
        ))
    }

    fn stage(&self) -> Stage {
        Stage::Share
    }

    fn grants(&self, ev: &Evaluator, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        for member in &ev.ix.opportunity_team_by_record[record.ix()] {
            let t = &ev.ix.opportunity_teams[member.ix()];
            if t.user == user {
                out.push(Grant {
                    level: t.access.access(),
                    reason: Reason::OpportunityTeam { member: *member },
                });
            }
        }
    }

    fn candidates(&self, fx: &Fast, record: RecordIx) -> Option<Vec<UserIx>> {
        Some(
            fx.ix.opportunity_team_by_record[record.ix()]
                .iter()
                .map(|t| fx.ix.opportunity_teams[t.ix()].user)
                .collect(),
        )
    }
}
