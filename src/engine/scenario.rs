//! The scenario file format: plain serde types that mirror the JSON an author writes.
//! Nothing here is checked beyond its shape; `validate` turns a `Scenario` into an `Index`
//! or a list of errors with JSON paths. `docs/scenario-format.md` documents every field.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::level::{Access, ChildAccess, ShareAccess};

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
}

/// The standard objects whose records the engine evaluates.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ObjectKind {
    Account,
    Contact,
    Case,
    Opportunity,
    Lead,
    Asset,
}

impl ObjectKind {
    pub const ALL: [ObjectKind; 6] = [
        ObjectKind::Account,
        ObjectKind::Contact,
        ObjectKind::Case,
        ObjectKind::Opportunity,
        ObjectKind::Lead,
        ObjectKind::Asset,
    ];

    /// The name Salesforce's setup pages use.
    pub fn label(self) -> &'static str {
        match self {
            ObjectKind::Account => "Account",
            ObjectKind::Contact => "Contact",
            ObjectKind::Case => "Case",
            ObjectKind::Opportunity => "Opportunity",
            ObjectKind::Lead => "Lead",
            ObjectKind::Asset => "Asset",
        }
    }

    /// The id used in files and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            ObjectKind::Account => "account",
            ObjectKind::Contact => "contact",
            ObjectKind::Case => "case",
            ObjectKind::Opportunity => "opportunity",
            ObjectKind::Lead => "lead",
            ObjectKind::Asset => "asset",
        }
    }

    pub fn parse(text: &str) -> Option<ObjectKind> {
        ObjectKind::ALL
            .into_iter()
            .find(|k| k.key().eq_ignore_ascii_case(text) || k.label().eq_ignore_ascii_case(text))
    }

    /// Salesforce lets only contacts and assets be Controlled by Parent among these objects.
    pub fn may_be_controlled_by_parent(self) -> bool {
        matches!(self, ObjectKind::Contact | ObjectKind::Asset)
    }

    /// Only cases and leads have the Public Read/Write/Transfer default, and only they can be
    /// owned by a queue.
    pub fn supports_transfer_default(self) -> bool {
        matches!(self, ObjectKind::Case | ObjectKind::Lead)
    }
}

/// Whether a user works for the company or is a portal (Experience Cloud) user.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UserKind {
    #[default]
    Internal,
    External,
}

fn yes() -> bool {
    true
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

/// One org-wide default setting.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Sharing {
    Private,
    PublicRead,
    PublicReadWrite,
    PublicReadWriteTransfer,
    ControlledByParent,
}

impl Sharing {
    /// The baseline access the setting itself gives every user it applies to.
    pub fn baseline(self) -> Access {
        match self {
            Sharing::Private | Sharing::ControlledByParent => Access::None,
            Sharing::PublicRead => Access::Read,
            Sharing::PublicReadWrite | Sharing::PublicReadWriteTransfer => Access::Edit,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sharing::Private => "Private",
            Sharing::PublicRead => "Public Read Only",
            Sharing::PublicReadWrite => "Public Read/Write",
            Sharing::PublicReadWriteTransfer => "Public Read/Write/Transfer",
            Sharing::ControlledByParent => "Controlled by Parent",
        }
    }
}

/// The internal and external org-wide default of one object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgDefault {
    pub internal: Sharing,
    /// Defaults to the internal setting when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external: Option<Sharing>,
}

impl OrgDefault {
    pub fn external(&self) -> Sharing {
        self.external.unwrap_or(self.internal)
    }
}

/// Free-form criteria fields (status, type, origin, industry ...) used by criteria rules.
pub type Fields = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Account {
    pub id: String,
    pub name: String,
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// The parent account in an account hierarchy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: String,
    pub name: String,
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: String,
    pub name: String,
    /// A user or a queue.
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asset: Option<String>,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Opportunity {
    pub id: String,
    pub name: String,
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lead {
    pub id: String,
    pub name: String,
    /// A user or a queue.
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    pub id: String,
    pub name: String,
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
}

/// Whom a sharing rule shares with: never a single user (Salesforce offers groups and roles).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RuleTarget {
    Role(String),
    RoleAndSubordinates(String),
    Group(String),
}

impl RuleTarget {
    pub fn as_principal(&self) -> Principal {
        match self {
            RuleTarget::Role(id) => Principal::Role(id.clone()),
            RuleTarget::RoleAndSubordinates(id) => Principal::RoleAndSubordinates(id.clone()),
            RuleTarget::Group(id) => Principal::Group(id.clone()),
        }
    }
}

/// One field test of a criteria-based rule: the record's field equals one of the values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub field: String,
    /// The field must equal one of these (exact, case-sensitive match).
    pub equals: Vec<String>,
}

/// Which records a sharing rule picks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RuleSelector {
    /// Owner-based: records owned by members of this role, role and subordinates, or group.
    OwnedBy(RuleTarget),
    /// Criteria-based: records whose fields meet every criterion.
    Criteria(Vec<Criterion>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SharingRule {
    pub id: String,
    pub name: String,
    pub object: ObjectKind,
    pub select: RuleSelector,
    pub share_with: RuleTarget,
    pub access: ShareAccess,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ManualShare {
    pub id: String,
    /// Defaults to "Manual share" in explanations.
    #[serde(default)]
    pub name: String,
    pub record: String,
    pub with: Principal,
    pub access: ShareAccess,
}

/// A member of an account team, with what they get on the account and on its children.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountTeamMember {
    pub account: String,
    pub user: String,
    /// Team role shown in explanations (Account Manager, Sales Engineer ...).
    #[serde(default)]
    pub team_role: String,
    pub account_access: ShareAccess,
    #[serde(default)]
    pub case_access: ChildAccess,
    #[serde(default)]
    pub opportunity_access: ChildAccess,
    #[serde(default)]
    pub contact_access: ChildAccess,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpportunityTeamMember {
    pub opportunity: String,
    pub user: String,
    #[serde(default)]
    pub team_role: String,
    pub access: ShareAccess,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseTeamMember {
    #[serde(rename = "case")]
    pub case_id: String,
    pub user: String,
    /// The case team role's name (its access comes with it).
    #[serde(default)]
    pub team_role: String,
    pub access: ShareAccess,
}
