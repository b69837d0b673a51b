//! People and what they hold: users, roles, public groups, profiles and permission sets,
//! queues, and the principals that name any of them.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{yes, ObjectKind};
use crate::engine::level::ChildAccess;

/// Whether a user works for the company or is a portal (Experience Cloud) user.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UserKind {
    #[default]
    Internal,
    External,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct User {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub kind: UserKind,
    /// Inactive users have no access at all.
    #[serde(default = "yes")]
    pub active: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub profile: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permission_sets: Vec<String>,
    /// External users only: the license (default customer_community).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<License>,
    /// External users: the contact record the user is (and so their account).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// Customer Community Plus and Partner users: their portal role under the account owner's
    /// role (default user).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portal_role: Option<PortalRole>,
    /// ServiceNow CSM portal roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub csm_roles: Vec<CsmRole>,
}

/// What kind of external user this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum License {
    /// High-volume: no role, never in groups, sharing rules, queues or teams; sharing sets only.
    CustomerCommunity,
    /// Has a portal role under the account owner's role.
    CustomerCommunityPlus,
    /// Has a portal role under the account owner's role.
    Partner,
    /// A ServiceNow consumer: a person buying for themself, with no account.
    Consumer,
}

impl License {
    pub fn label(self) -> &'static str {
        match self {
            License::CustomerCommunity => "Customer Community",
            License::CustomerCommunityPlus => "Customer Community Plus",
            License::Partner => "Partner Community",
            License::Consumer => "Consumer",
        }
    }

    /// High-volume users get access only through sharing sets (and what they own).
    pub fn high_volume(self) -> bool {
        matches!(self, License::CustomerCommunity | License::Consumer)
    }

    pub fn has_portal_role(self) -> bool {
        matches!(self, License::CustomerCommunityPlus | License::Partner)
    }
}

/// The three portal roles Salesforce creates per account, top first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PortalRole {
    Executive,
    Manager,
    User,
}

impl PortalRole {
    pub const ALL: [PortalRole; 3] = [PortalRole::Executive, PortalRole::Manager, PortalRole::User];
    pub fn label(self) -> &'static str {
        match self {
            PortalRole::Executive => "Executive",
            PortalRole::Manager => "Manager",
            PortalRole::User => "User",
        }
    }
}

/// ServiceNow CSM portal roles.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CsmRole {
    /// Own cases, and cases an agent opened for them.
    Customer,
    /// The account's and its child accounts' cases.
    CustomerCaseManager,
    /// The account's (and child accounts') cases; manages the account's users.
    CustomerAdmin,
    /// Own account's and customer accounts' cases, read.
    Partner,
    /// Own account's and customer accounts' cases, read and write.
    PartnerAdmin,
}

impl CsmRole {
    pub fn key(self) -> &'static str {
        match self {
            CsmRole::Customer => "customer",
            CsmRole::CustomerCaseManager => "customer_case_manager",
            CsmRole::CustomerAdmin => "customer_admin",
            CsmRole::Partner => "partner",
            CsmRole::PartnerAdmin => "partner_admin",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    pub name: String,
    /// The role this one reports to; none for a top role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default)]
    pub case_access_for_account_owner: ChildAccess,
    #[serde(default)]
    pub opportunity_access_for_account_owner: ChildAccess,
    #[serde(default)]
    pub contact_access_for_account_owner: ChildAccess,
}

/// Who a group, queue or manual share includes. Written `{"user": "id"}`, `{"role": "id"}`,
/// `{"role_and_subordinates": "id"}` or `{"group": "id"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Principal {
    User(String),
    Role(String),
    RoleAndSubordinates(String),
    /// The role and the internal roles below it, leaving out portal roles.
    RoleAndInternalSubordinates(String),
    Group(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub members: Vec<Principal>,
}

/// Object permissions as Salesforce's profile page lists them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ObjectPermission {
    Read,
    Create,
    Edit,
    Delete,
    ViewAll,
    ModifyAll,
}

/// Permissions that reach every object.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SystemPermission {
    ViewAllData,
    ModifyAllData,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub id: String,
    pub name: String,
    /// Per object, the permissions granted, e.g. `"case": ["read", "edit"]`.
    #[serde(default)]
    pub objects: BTreeMap<ObjectKind, BTreeSet<ObjectPermission>>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub system: BTreeSet<SystemPermission>,
    /// Access to every record the user created (Teams CRM Members: "sees only what they
    /// created"). Default none.
    #[serde(default)]
    pub creator_access: ChildAccess,
    /// Access to accounts assigned to the user as Customer Success Manager and to unassigned
    /// accounts (CustomerSuccessBox). Default none.
    #[serde(default)]
    pub assigned_account_access: ChildAccess,
    /// Configuration areas the holder may use.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub config: BTreeSet<ConfigArea>,
}

/// The configuration areas of the source apps (Teams CRM, CustomerSuccessBox).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ConfigArea {
    Settings,
    TeamManagement,
    Forms,
    Workflows,
    EmailSync,
    SalesPipeline,
    Segments,
    Playbooks,
    DeveloperConsole,
}

impl ConfigArea {
    pub const ALL: [ConfigArea; 9] = [
        ConfigArea::Settings,
        ConfigArea::TeamManagement,
        ConfigArea::Forms,
        ConfigArea::Workflows,
        ConfigArea::EmailSync,
        ConfigArea::SalesPipeline,
        ConfigArea::Segments,
        ConfigArea::Playbooks,
        ConfigArea::DeveloperConsole,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ConfigArea::Settings => "settings",
            ConfigArea::TeamManagement => "team_management",
            ConfigArea::Forms => "forms",
            ConfigArea::Workflows => "workflows",
            ConfigArea::EmailSync => "email_sync",
            ConfigArea::SalesPipeline => "sales_pipeline",
            ConfigArea::Segments => "segments",
            ConfigArea::Playbooks => "playbooks",
            ConfigArea::DeveloperConsole => "developer_console",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ConfigArea::Settings => "Settings",
            ConfigArea::TeamManagement => "Team management",
            ConfigArea::Forms => "Forms",
            ConfigArea::Workflows => "Workflows",
            ConfigArea::EmailSync => "Email sync",
            ConfigArea::SalesPipeline => "Sales pipeline",
            ConfigArea::Segments => "Segments",
            ConfigArea::Playbooks => "Playbooks",
            ConfigArea::DeveloperConsole => "Developer console",
        }
    }
}

/// Same shape as a profile: extra permissions added on top of it.
pub type PermissionSet = Profile;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Queue {
    pub id: String,
    pub name: String,
    /// Objects whose records the queue may own (cases and leads).
    pub objects: BTreeSet<ObjectKind>,
    #[serde(default)]
    pub members: Vec<Principal>,
    /// "Grant Access Using Hierarchies" (`doesIncludeBosses`): users above the members in the
    /// role hierarchy share the members' access.
    #[serde(default = "yes")]
    pub include_bosses: bool,
}
