//! Access levels: the effective level a user has on a record, and the narrower sets of levels
//! that sharing settings may hold. Each is an ordered enum, so "most permissive" is `max`.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Effective access to one record, from weakest to strongest. `Full` is the owner's level
/// (read, edit, delete, transfer, share).
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    #[default]
    None,
    Read,
    Edit,
    Full,
}

impl Access {
    pub const ALL: [Access; 4] = [Access::None, Access::Read, Access::Edit, Access::Full];

    pub fn key(self) -> &'static str {
        match self {
            Access::None => "none",
            Access::Read => "read",
            Access::Edit => "edit",
            Access::Full => "full",
        }
    }

    /// One letter for tables, so a cell never relies on colour alone.
    pub fn letter(self) -> char {
        match self {
            Access::None => '-',
            Access::Read => 'R',
            Access::Edit => 'E',
            Access::Full => 'F',
        }
    }

    /// What the level allows, in words for legends.
    pub fn meaning(self) -> &'static str {
        match self {
            Access::None => "cannot see the record",
            Access::Read => "can view the record",
            Access::Edit => "can view and edit the record",
            Access::Full => "the owner's level: view, edit, delete, transfer and share the record",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Access::None => "No access",
            Access::Read => "Read",
            Access::Edit => "Edit",
            Access::Full => "Full",
        }
    }

    pub fn parse(text: &str) -> Option<Access> {
        Access::ALL
            .into_iter()
            .find(|a| a.key().eq_ignore_ascii_case(text))
    }
}

impl fmt::Display for Access {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What a sharing rule, manual share or team grants: Salesforce's "Read Only" or "Read/Write".
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ShareAccess {
    Read,
    Edit,
}

impl ShareAccess {
    pub fn access(self) -> Access {
        match self {
            ShareAccess::Read => Access::Read,
            ShareAccess::Edit => Access::Edit,
        }
    }
}

/// Access to an account's children that a team membership or a role setting gives:
/// "Private" (none), "Read Only" or "Read/Write".
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ChildAccess {
    #[default]
    None,
    Read,
    Edit,
}

impl ChildAccess {
    pub fn access(self) -> Access {
        match self {
            ChildAccess::None => Access::None,
            ChildAccess::Read => Access::Read,
            ChildAccess::Edit => Access::Edit,
        }
    }
}
