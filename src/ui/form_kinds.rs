//! The vocabulary of the editor's table (src/ui/editor_spec.rs): the widget kinds a field can
//! have, a field, and an entity's spec. The editor renders each kind (src/ui/editor.rs).

use crate::engine::edits::Collection;

pub enum Kind {
    Text,
    Bool {
        default: bool,
    },
    Choice {
        options: &'static [&'static str],
        optional: bool,
    },
    Choices(&'static [&'static str]),
    Ref {
        to: &'static [Collection],
        optional: bool,
    },
    Refs(&'static [Collection]),
    Principal {
        kinds: &'static [&'static str],
    },
    Principals {
        kinds: &'static [&'static str],
    },
    Party,
    ObjectPerms,
    /// Custom fields: rows of name and value.
    KeyValues,
    /// A sharing rule's records: owner-based or criteria-based.
    Selector,
    /// A sharing set's access mappings.
    Mappings,
    /// A sharing set's share group: principals and an access level.
    ShareGroup,
    /// A playbook's tasks: name and assignee.
    Tasks,
    /// One object: the standard ones and the declared custom objects (only those when
    /// `custom_only`).
    Object {
        custom_only: bool,
    },
    /// Some of these standard objects, and any declared custom object.
    Objects(&'static [&'static str]),
    /// A custom object's master-detail parent (none for a top-level object).
    MasterDetail,
    /// A custom object's lookup fields.
    Lookups,
    /// A custom record's lookup values, a picker per field of its object.
    LookupValues,
}

pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: Kind,
}

pub struct Spec {
    pub collection: Collection,
    pub label: &'static str,
    pub fields: &'static [Field],
}
