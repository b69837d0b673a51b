//! Building the `Index` once every check passed: the role tree closed, and records, roles,
//! shares and teams indexed by what reads them.

use super::*;
use crate::engine::index::*;
use crate::engine::scenario::*;

impl Validator {
    pub(super) fn finish(mut self, scenario: Scenario) -> Index {
        close_role_tree(&mut self.roles);
        let n_records = self.records.len();
        let mut children = vec![Vec::new(); n_records];
        for (i, r) in self.records.iter().enumerate() {
            if r.object != ObjectKind::Account {
                if let Some(a) = r.account {
                    children[a.ix()].push(RecordIx(i as u32));
                }
            }
        }
        let mut role_users = vec![Vec::new(); self.roles.len()];
        for (i, u) in self.users.iter().enumerate() {
            if let Some(r) = u.role {
                role_users[r.ix()].push(UserIx(i as u32));
            }
        }
        let mut shares_by_record = vec![Vec::new(); n_records];
        for (i, m) in self.manual_shares.iter().enumerate() {
            shares_by_record[m.record.ix()].push(ShareIx(i as u32));
        }
        let mut account_team_by_account = vec![Vec::new(); n_records];
        for (i, t) in self.account_teams.iter().enumerate() {
            account_team_by_account[t.account.ix()].push(TeamIx(i as u32));
        }
        let by_record = |teams: &[RecordTeamData]| {
            let mut v = vec![Vec::new(); n_records];
            for (i, t) in teams.iter().enumerate() {
                v[t.record.ix()].push(TeamIx(i as u32));
            }
            v
        };
        let opportunity_team_by_record = by_record(&self.opportunity_teams);
        let case_team_by_record = by_record(&self.case_teams);
        let mut parties_by_record = vec![Vec::new(); n_records];
        for (i, p) in self.related_parties.iter().enumerate() {
            parties_by_record[p.record.ix()].push(PartyIx(i as u32));
        }
        let mut cases_by_product = vec![Vec::new(); n_records];
        for (i, r) in self.records.iter().enumerate() {
            if let Some(p) = r.sold_product {
                cases_by_product[p.ix()].push(RecordIx(i as u32));
            }
        }
        Index {
            org_defaults: scenario
                .org_defaults
                .iter()
                .map(|(o, d)| (*o, *d))
                .chain(
                    scenario
                        .custom_objects
                        .iter()
                        .map(|c| (ObjectKind::Custom(c.api_name), c.org_default())),
                )
                .collect(),
            custom_objects: self.custom_objects,
            expectations: self.expectations,
            exercises: self.exercises,
            scenario,
            users: self.users,
            roles: self.roles,
            groups: self.groups,
            queues: self.queues,
            profiles: self.profiles,
            permission_sets: self.permission_sets,
            records: self.records,
            rules: self.rules,
            manual_shares: self.manual_shares,
            account_teams: self.account_teams,
            opportunity_teams: self.opportunity_teams,
            case_teams: self.case_teams,
            sharing_sets: self.sharing_sets,
            responsibilities: self.responsibilities,
            party_configs: self.party_configs,
            related_parties: self.related_parties,
            parties_by_record,
            cases_by_product,
            playbooks: self.playbooks,
            by_id: self.by_id,
            children,
            role_users,
            shares_by_record,
            account_team_by_account,
            opportunity_team_by_record,
            case_team_by_record,
        }
    }
}
