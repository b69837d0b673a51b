//! The scenario file format: plain serde types that mirror the JSON an author writes, one
//! module per part of the file. Nothing here is checked beyond its shape; `validate` turns a
//! `Scenario` into an `Index` or a list of errors with JSON paths. `docs/scenario-format.md`
//! documents every field.

mod edit;
mod expectations;
mod names;
mod objects;
mod people;
mod records;
mod servicenow;
mod sharing;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use edit::{Collection, Edit};
pub use expectations::*;
pub use names::{is_custom_name, ApiName};
pub use objects::*;
pub use people::*;
pub use records::*;
pub use servicenow::*;
pub use sharing::*;

/// The one format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// A whole scenario: the people, the configuration and the records.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version; must be 1.
    pub version: u32,
    /// Display name of the scenario.
    #[serde(default)]
    pub name: String,
    /// One or two sentences on what the scenario shows.
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub users: Vec<User>,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub groups: Vec<Group>,
    #[serde(default)]
    pub profiles: Vec<Profile>,
    #[serde(default)]
    pub permission_sets: Vec<PermissionSet>,
    #[serde(default)]
    pub queues: Vec<Queue>,
    /// Org-wide defaults per object; an object left out is Private inside and out.
    #[serde(default)]
    pub org_defaults: BTreeMap<ObjectKind, OrgDefault>,
    #[serde(default)]
    pub accounts: Vec<Account>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub cases: Vec<Case>,
    #[serde(default)]
    pub opportunities: Vec<Opportunity>,
    #[serde(default)]
    pub leads: Vec<Lead>,
    #[serde(default)]
    pub assets: Vec<Asset>,
    #[serde(default)]
    pub sharing_rules: Vec<SharingRule>,
    #[serde(default)]
    pub manual_shares: Vec<ManualShare>,
    #[serde(default)]
    pub account_teams: Vec<AccountTeamMember>,
    #[serde(default)]
    pub opportunity_teams: Vec<OpportunityTeamMember>,
    #[serde(default)]
    pub case_teams: Vec<CaseTeamMember>,
    /// ServiceNow sold products: products an account bought.
    #[serde(default)]
    pub sold_products: Vec<SoldProduct>,
    /// Salesforce sharing sets for portal users.
    #[serde(default)]
    pub sharing_sets: Vec<SharingSet>,
    /// ServiceNow responsibility definitions.
    #[serde(default)]
    pub responsibilities: Vec<Responsibility>,
    /// ServiceNow responsibility access configurations.
    #[serde(default)]
    pub responsibility_access: Vec<ResponsibilityAccess>,
    /// ServiceNow related party configurations: one relationship type each.
    #[serde(default)]
    pub related_party_configs: Vec<RelatedPartyConfig>,
    /// ServiceNow related parties on cases and sold products.
    #[serde(default)]
    pub related_parties: Vec<RelatedParty>,
    /// Records that hang off an account and share its access (CustomerSuccessBox
    /// subscriptions, users, tasks, milestones, usage events ...).
    #[serde(default)]
    pub account_children: Vec<AccountChild>,
    /// CustomerSuccessBox playbooks, whose tasks may name a user.
    #[serde(default)]
    pub playbooks: Vec<Playbook>,
    /// Custom objects: API name, label, org-wide defaults, master-detail and lookups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_objects: Vec<CustomObject>,
    /// Records of the custom objects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_records: Vec<CustomRecord>,
    /// What the design promises: checked by `access-sim check`, the app and the JS API.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expectations: Vec<Expectation>,
    /// Exercises for learners on this scenario.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exercises: Vec<Exercise>,
}

impl Scenario {
    /// How many records it holds, over every object's list.
    pub fn record_count(&self) -> usize {
        self.accounts.len()
            + self.contacts.len()
            + self.cases.len()
            + self.opportunities.len()
            + self.leads.len()
            + self.assets.len()
            + self.sold_products.len()
            + self.account_children.len()
            + self.custom_records.len()
    }
}

pub(crate) fn yes() -> bool {
    true
}
