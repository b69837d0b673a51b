//! Opportunity teams. Salesforce: each member of an opportunity's team gets Read Only or
//! Read/Write on that opportunity.

use super::{Mechanism, Stage};
use crate::engine::evaluate::Evaluator;
use crate::engine::fast::Fast;
use crate::engine::index::{RecordIx, UserIx};
use crate::engine::reason::{Grant, Reason};

pub struct OpportunityTeams;

impl Mechanism for OpportunityTeams {
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
