//! Case teams. Salesforce: a case team member's case team role carries Read Only or
//! Read/Write on that case.

use super::{Mechanism, Stage};
use crate::engine::evaluate::Evaluator;
use crate::engine::fast::Fast;
use crate::engine::index::{RecordIx, UserIx};
use crate::engine::reason::{Grant, Reason};

pub struct CaseTeams;

impl Mechanism for CaseTeams {
    fn id(&self) -> crate::engine::reason::MechanismId {
        crate::engine::reason::MechanismId::CaseTeam
    }

    fn why_not(&self, ev: &Evaluator, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = ev.ix;
        if ix.record(record).object != crate::engine::scenario::ObjectKind::Case
            || ix.case_teams.is_empty()
        {
            return None;
        }
        Some(format!(
            "{} is not on the case team of {}.",
            ix.user(user).name,
            crate::engine::reason::record_label(ix, record)
        ))
    }

    fn stage(&self) -> Stage {
        Stage::Share
    }

    fn grants(&self, ev: &Evaluator, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        for member in &ev.ix.case_team_by_record[record.ix()] {
            let t = &ev.ix.case_teams[member.ix()];
            if t.user == user {
                out.push(Grant {
                    level: t.access.access(),
                    reason: Reason::CaseTeam { member: *member },
                });
            }
        }
    }

    fn candidates(&self, fx: &Fast, record: RecordIx) -> Option<Vec<UserIx>> {
        Some(
            fx.ix.case_team_by_record[record.ix()]
                .iter()
                .map(|t| fx.ix.case_teams[t.ix()].user)
                .collect(),
        )
    }
}
