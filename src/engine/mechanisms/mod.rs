//! The access mechanisms, one module each, and the registry the core walks. A mechanism looks
//! at one (user, record) pair and pushes the grants it gives, each with its reason. Adding a
//! mechanism means one new file here and one line in `REGISTRY`.

use super::evaluate::Evaluator;
use super::fast::{Fast, SetGrant};
use super::index::{RecordIx, UserIx};
use super::reason::{Grant, MechanismId};

mod account_teams;
mod assignment;
mod case_teams;
mod controlled_by_parent;
mod creator;
mod csm_roles;
mod implicit_child;
mod implicit_parent;
mod manual_shares;
mod object_permissions;
mod opportunity_teams;
mod org_defaults;
mod owner;
mod queue;
mod related_parties;
mod role_hierarchy;
mod share_groups;
mod sharing_rules;
mod sharing_sets;
mod sold_products;

/// When a mechanism runs, which decides what may build on its grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Record-level shares held by the user themself. Managers inherit them through the role
    /// hierarchy, and they give implicit Read on the parent account. A record that is
    /// Controlled by Parent has none of these.
    Share,
    /// The role hierarchy, which lifts subordinates' shares.
    Hierarchy,
    /// Grants derived from another record's access (parent or child).
    Derived,
    /// Object-wide baselines and overrides (org-wide defaults, View All ...): never lifted,
    /// never implied onto parents.
    Baseline,
}

pub trait Mechanism: Sync {
    /// The mechanism's name in explanations ("Sharing set", "Account team" ...).
    fn id(&self) -> MechanismId;
    fn stage(&self) -> Stage;

    /// For "why not": why this mechanism gives `user` nothing on `record`, naming the specific
    /// thing that is missing ("Jack Rogers is not on the account team of 'Burlington'"), or
    /// None when the mechanism has nothing to do with this object or scenario (no sharing rule
    /// on cases, no sold product ...). Only asked when the mechanism gave no grant above None.
    fn why_not(&self, ev: &Evaluator, user: UserIx, record: RecordIx) -> Option<String> {
        let _ = (ev, user, record);
        None
    }
    fn grants(&self, ev: &Evaluator, user: UserIx, record: RecordIx, out: &mut Vec<Grant>);

    /// Every user this mechanism grants something on `record`, for the set-based engine.
    /// The default asks every user in turn, which is always right; mechanisms whose data is
    /// indexed by record override it to touch only the users concerned.
    fn holders(&self, fx: &Fast, ev: &Evaluator, record: RecordIx, out: &mut Vec<(UserIx, Grant)>) {
        let mut g = Vec::new();
        let mut ask = |u: UserIx| {
            self.grants(ev, u, record, &mut g);
            out.extend(g.drain(..).map(|x| (u, x)));
        };
        match self.candidates(fx, record) {
            Some(mut users) => {
                users.sort_unstable();
                users.dedup();
                users.into_iter().for_each(&mut ask);
            }
            None => ev.ix.user_ixs().for_each(&mut ask),
        }
    }

    /// For mechanisms that grant to whole principals: every grant on `record` as a set of users
    /// (with the managers who inherit it), so the set-based engine never asks member by member.
    /// Returns false when the mechanism has no set form; `holders` is used instead. The sets
    /// must match `grants` (and `Reason::inherited_by_managers` / `gives_implicit_parent`)
    /// exactly: property tests compare both paths on random scenarios.
    fn share_sets(&self, fx: &Fast, record: RecordIx, out: &mut Vec<SetGrant>) -> bool {
        let _ = (fx, record, out);
        false
    }

    /// The only users this mechanism could grant something on `record` (None: anybody).
    /// `holders` asks `grants` for just these, so the answer stays the reference's own.
    fn candidates(&self, fx: &Fast, record: RecordIx) -> Option<Vec<UserIx>> {
        let _ = (fx, record);
        None
    }
}

/// Every mechanism, in the order explanations list reasons of equal level.
pub static REGISTRY: &[&dyn Mechanism] = &[
    &owner::Owner,
    &queue::QueueMembers,
    &sharing_rules::SharingRules,
    &manual_shares::ManualShares,
    &account_teams::AccountTeams,
    &opportunity_teams::OpportunityTeams,
    &case_teams::CaseTeams,
    &implicit_child::ImplicitChild,
    &sharing_sets::SharingSets,
    &share_groups::ShareGroups,
    &related_parties::RelatedParties,
    &sold_products::SoldProducts,
    &csm_roles::CsmRoles,
    &creator::Creator,
    &assignment::Assignment,
    &role_hierarchy::RoleHierarchy,
    &implicit_parent::ImplicitParent,
    &controlled_by_parent::ControlledByParent,
    &org_defaults::OrgDefaults,
    &object_permissions::ObjectOverrides,
];
