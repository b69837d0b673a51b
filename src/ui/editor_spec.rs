//! What the scenario editor shows for each kind of entity: its fields, each with a widget kind.
//! The editor is generic over this table, so a new field is one line here. Lookups are pickers
//! of existing entities; nested shapes (criteria, mappings, share groups, tasks, custom fields)
//! have row builders (src/ui/builders.rs). No entity form has a JSON text area.

use crate::engine::edits::Collection;

pub use super::form_kinds::{Field, Kind, Spec};

const fn f(key: &'static str, label: &'static str, kind: Kind) -> Field {
    Field { key, label, kind }
}

use Collection as C;
use Kind::*;

const ACCESS3: &[&str] = &["none", "read", "edit"];
const SHARE: &[&str] = &["read", "edit"];
const DEFAULTS: &[&str] = &[
    "private",
    "public_read",
    "public_read_write",
    "controlled_by_parent",
];
const ALL_PRINCIPALS: &[&str] = &[
    "user",
    "role",
    "role_and_subordinates",
    "role_and_internal_subordinates",
    "group",
];
const RULE_TARGETS: &[&str] = &[
    "role",
    "role_and_subordinates",
    "role_and_internal_subordinates",
    "group",
];
const RECORDS: &[Collection] = &[
    C::Accounts,
    C::Contacts,
    C::Cases,
    C::Opportunities,
    C::Leads,
    C::Assets,
    C::SoldProducts,
    C::AccountChildren,
];
const OWNERS: &[Collection] = &[C::Users, C::Queues];
const USERS: &[Collection] = &[C::Users];
const ACCOUNTS: &[Collection] = &[C::Accounts];
const FIELDS: Field = f("fields", "Fields (for criteria rules)", KeyValues);
const OWNER: Field = f(
    "owner",
    "Owner",
    Ref {
        to: USERS,
        optional: false,
    },
);
const OWNER_OR_QUEUE: Field = f(
    "owner",
    "Owner (user or queue)",
    Ref {
        to: OWNERS,
        optional: false,
    },
);
const ACCOUNT: Field = f(
    "account",
    "Account",
    Ref {
        to: ACCOUNTS,
        optional: true,
    },
);
const CONTACT: Field = f(
    "contact",
    "Contact",
    Ref {
        to: &[C::Contacts],
        optional: true,
    },
);
const CREATED_BY: Field = f(
    "created_by",
    "Created by",
    Ref {
        to: USERS,
        optional: true,
    },
);
const ID: Field = f("id", "Id", Text);
const NAME: Field = f("name", "Name", Text);
const CONFIG: &[&str] = &[
    "settings",
    "team_management",
    "forms",
    "workflows",
    "email_sync",
    "sales_pipeline",
    "segments",
    "playbooks",
    "developer_console",
];
const PERMS: &[Field] = &[
    ID,
    NAME,
    f("objects", "Object permissions", ObjectPerms),
    f(
        "system",
        "System permissions",
        Choices(&["view_all_data", "modify_all_data"]),
    ),
    f(
        "creator_access",
        "Access to records they created",
        Choice {
            options: ACCESS3,
            optional: false,
        },
    ),
    f(
        "assigned_account_access",
        "Access to own and unassigned accounts",
        Choice {
            options: ACCESS3,
            optional: false,
        },
    ),
    f("config", "Configuration areas", Choices(CONFIG)),
];

pub const SPECS: &[Spec] = &[
    Spec {
        collection: C::Users,
        label: "Users",
        fields: &[
            ID,
            NAME,
            f(
                "kind",
                "Kind",
                Choice {
                    options: &["internal", "external"],
                    optional: false,
                },
            ),
            f("active", "Active", Bool { default: true }),
            f(
                "role",
                "Role",
                Ref {
                    to: &[C::Roles],
                    optional: true,
                },
            ),
            f(
                "profile",
                "Profile",
                Ref {
                    to: &[C::Profiles],
                    optional: false,
                },
            ),
            f(
                "permission_sets",
                "Permission sets",
                Refs(&[C::PermissionSets]),
            ),
            f(
                "license",
                "License (external)",
                Choice {
                    options: &[
                        "customer_community",
                        "customer_community_plus",
                        "partner",
                        "consumer",
                    ],
                    optional: true,
                },
            ),
            f(
                "contact",
                "Contact (external)",
                Ref {
                    to: &[C::Contacts],
                    optional: true,
                },
            ),
            f(
                "portal_role",
                "Portal role",
                Choice {
                    options: &["executive", "manager", "user"],
                    optional: true,
                },
            ),
            f(
                "csm_roles",
                "ServiceNow portal roles",
                Choices(&[
                    "customer",
                    "customer_case_manager",
                    "customer_admin",
                    "partner",
                    "partner_admin",
                ]),
            ),
        ],
    },
    Spec {
        collection: C::Roles,
        label: "Roles",
        fields: &[
            ID,
            NAME,
            f(
                "parent",
                "Reports to",
                Ref {
                    to: &[C::Roles],
                    optional: true,
                },
            ),
            f(
                "case_access_for_account_owner",
                "Account owner's case access",
                Choice {
                    options: ACCESS3,
                    optional: false,
                },
            ),
            f(
                "opportunity_access_for_account_owner",
                "Account owner's opportunity access",
                Choice {
                    options: ACCESS3,
                    optional: false,
                },
            ),
            f(
                "contact_access_for_account_owner",
                "Account owner's contact access",
                Choice {
                    options: ACCESS3,
                    optional: false,
                },
            ),
        ],
    },
    Spec {
        collection: C::Groups,
        label: "Public groups",
        fields: &[
            ID,
            NAME,
            f(
                "members",
                "Members",
                Principals {
                    kinds: ALL_PRINCIPALS,
                },
            ),
        ],
    },
    Spec {
        collection: C::Profiles,
        label: "Profiles",
        fields: PERMS,
    },
    Spec {
        collection: C::PermissionSets,
        label: "Permission sets",
        fields: PERMS,
    },
    Spec {
        collection: C::Queues,
        label: "Queues",
        fields: &[
            ID,
            NAME,
            f("objects", "Takes records of", Objects(&["case", "lead"])),
            f(
                "members",
                "Members",
                Principals {
                    kinds: ALL_PRINCIPALS,
                },
            ),
            f(
                "include_bosses",
                "Grant access using hierarchies",
                Bool { default: true },
            ),
        ],
    },
    Spec {
        collection: C::Accounts,
        label: "Accounts",
        fields: &[
            ID,
            NAME,
            OWNER,
            f(
                "parent",
                "Parent account",
                Ref {
                    to: ACCOUNTS,
                    optional: true,
                },
            ),
            f(
                "partner",
                "Partner account",
                Ref {
                    to: ACCOUNTS,
                    optional: true,
                },
            ),
            f(
                "restrict_contact_access",
                "Restrict contact access",
                Bool { default: false },
            ),
            f(
                "success_manager",
                "Customer Success Manager",
                Ref {
                    to: USERS,
                    optional: true,
                },
            ),
            CREATED_BY,
            FIELDS,
        ],
    },
    Spec {
        collection: C::Contacts,
        label: "Contacts",
        fields: &[ID, NAME, OWNER, ACCOUNT, CREATED_BY, FIELDS],
    },
    Spec {
        collection: C::Cases,
        label: "Cases",
        fields: &[
            ID,
            NAME,
            OWNER_OR_QUEUE,
            ACCOUNT,
            CONTACT,
            f(
                "asset",
                "Asset",
                Ref {
                    to: &[C::Assets],
                    optional: true,
                },
            ),
            f(
                "sold_product",
                "Sold product",
                Ref {
                    to: &[C::SoldProducts],
                    optional: true,
                },
            ),
            f(
                "consumer",
                "Consumer",
                Ref {
                    to: USERS,
                    optional: true,
                },
            ),
            CREATED_BY,
            FIELDS,
        ],
    },
    Spec {
        collection: C::Opportunities,
        label: "Opportunities",
        fields: &[ID, NAME, OWNER, ACCOUNT, CREATED_BY, FIELDS],
    },
    Spec {
        collection: C::Leads,
        label: "Leads",
        fields: &[ID, NAME, OWNER_OR_QUEUE, CREATED_BY, FIELDS],
    },
    Spec {
        collection: C::Assets,
        label: "Assets",
        fields: &[ID, NAME, OWNER, ACCOUNT, CONTACT, CREATED_BY, FIELDS],
    },
    Spec {
        collection: C::SoldProducts,
        label: "Sold products",
        fields: &[
            ID,
            NAME,
            OWNER,
            f(
                "account",
                "Customer account",
                Ref {
                    to: ACCOUNTS,
                    optional: true,
                },
            ),
            CREATED_BY,
            FIELDS,
        ],
    },
    Spec {
        collection: C::AccountChildren,
        label: "Account children",
        fields: &[
            ID,
            NAME,
            f("kind", "Kind (Subscription, Task ...)", Text),
            f(
                "account",
                "Account",
                Ref {
                    to: ACCOUNTS,
                    optional: false,
                },
            ),
            OWNER,
            CREATED_BY,
            FIELDS,
        ],
    },
    Spec {
        collection: C::CustomObjects,
        label: "Custom objects",
        fields: &[
            f("api_name", "API name (ends in __c)", Text),
            f("label", "Label", Text),
            f("master_detail", "Master-detail", MasterDetail),
            f(
                "internal",
                "Internal default",
                Choice {
                    options: DEFAULTS,
                    optional: true,
                },
            ),
            f(
                "external",
                "External default",
                Choice {
                    options: DEFAULTS,
                    optional: true,
                },
            ),
            f(
                "grant_access_using_hierarchies",
                "Grant access using hierarchies",
                Bool { default: true },
            ),
            f("lookups", "Lookup fields", Lookups),
        ],
    },
    Spec {
        collection: C::CustomRecords,
        label: "Custom records",
        fields: &[
            ID,
            NAME,
            f("object", "Object", Object { custom_only: true }),
            f(
                "owner",
                "Owner (none on a detail record)",
                Ref {
                    to: OWNERS,
                    optional: true,
                },
            ),
            f("lookups", "Lookups", LookupValues),
            FIELDS,
        ],
    },
    Spec {
        collection: C::SharingRules,
        label: "Sharing rules",
        fields: &[
            ID,
            NAME,
            f("object", "Object", Object { custom_only: false }),
            f("select", "Records", Selector),
            f(
                "share_with",
                "Share with",
                Principal {
                    kinds: RULE_TARGETS,
                },
            ),
            f(
                "access",
                "Access",
                Choice {
                    options: SHARE,
                    optional: false,
                },
            ),
        ],
    },
    Spec {
        collection: C::ManualShares,
        label: "Manual shares",
        fields: &[
            ID,
            NAME,
            f(
                "record",
                "Record",
                Ref {
                    to: RECORDS,
                    optional: false,
                },
            ),
            f(
                "with",
                "Share with",
                Principal {
                    kinds: ALL_PRINCIPALS,
                },
            ),
            f(
                "access",
                "Access",
                Choice {
                    options: SHARE,
                    optional: false,
                },
            ),
        ],
    },
    Spec {
        collection: C::AccountTeams,
        label: "Account teams",
        fields: &[
            f(
                "account",
                "Account",
                Ref {
                    to: ACCOUNTS,
                    optional: false,
                },
            ),
            f(
                "user",
                "Member",
                Ref {
                    to: USERS,
                    optional: false,
                },
            ),
            f("team_role", "Team role", Text),
            f(
                "account_access",
                "Account access",
                Choice {
                    options: SHARE,
                    optional: false,
                },
            ),
            f(
                "case_access",
                "Case access",
                Choice {
                    options: ACCESS3,
                    optional: false,
                },
            ),
            f(
                "opportunity_access",
                "Opportunity access",
                Choice {
                    options: ACCESS3,
                    optional: false,
                },
            ),
            f(
                "contact_access",
                "Contact access",
                Choice {
                    options: ACCESS3,
                    optional: false,
                },
            ),
        ],
    },
    Spec {
        collection: C::OpportunityTeams,
        label: "Opportunity teams",
        fields: &[
            f(
                "opportunity",
                "Opportunity",
                Ref {
                    to: &[C::Opportunities],
                    optional: false,
                },
            ),
            f(
                "user",
                "Member",
                Ref {
                    to: USERS,
                    optional: false,
                },
            ),
            f("team_role", "Team role", Text),
            f(
                "access",
                "Access",
                Choice {
                    options: SHARE,
                    optional: false,
                },
            ),
        ],
    },
    Spec {
        collection: C::CaseTeams,
        label: "Case teams",
        fields: &[
            f(
                "case",
                "Case",
                Ref {
                    to: &[C::Cases],
                    optional: false,
                },
            ),
            f(
                "user",
                "Member",
                Ref {
                    to: USERS,
                    optional: false,
                },
            ),
            f("team_role", "Case team role", Text),
            f(
                "access",
                "Access",
                Choice {
                    options: SHARE,
                    optional: false,
                },
            ),
        ],
    },
    Spec {
        collection: C::SharingSets,
        label: "Sharing sets",
        fields: &[
            ID,
            NAME,
            f("profiles", "Profiles", Refs(&[C::Profiles])),
            f("mappings", "Access mappings", Mappings),
            f("share_group", "Share group", ShareGroup),
        ],
    },
    Spec {
        collection: C::Responsibilities,
        label: "Responsibilities",
        fields: &[
            ID,
            NAME,
            f(
                "type",
                "Type",
                Choice {
                    options: &["user", "contact", "consumer", "account"],
                    optional: false,
                },
            ),
        ],
    },
    Spec {
        collection: C::ResponsibilityAccess,
        label: "Responsibility access",
        fields: &[
            f(
                "responsibility",
                "Responsibility",
                Ref {
                    to: &[C::Responsibilities],
                    optional: false,
                },
            ),
            f(
                "table",
                "Table",
                Choice {
                    options: &["case", "sold_product"],
                    optional: false,
                },
            ),
            f(
                "access",
                "Access",
                Choice {
                    options: &["read", "write", "full"],
                    optional: false,
                },
            ),
        ],
    },
    Spec {
        collection: C::RelatedPartyConfigs,
        label: "Relationship types",
        fields: &[
            ID,
            NAME,
            f(
                "applies_to",
                "Applies to",
                Choice {
                    options: &["case", "sold_product"],
                    optional: false,
                },
            ),
            f(
                "entity",
                "Party kind",
                Choice {
                    options: &["contact", "consumer", "user", "account"],
                    optional: false,
                },
            ),
            f(
                "default_responsibility",
                "Default responsibility",
                Ref {
                    to: &[C::Responsibilities],
                    optional: true,
                },
            ),
        ],
    },
    Spec {
        collection: C::RelatedParties,
        label: "Related parties",
        fields: &[
            ID,
            f(
                "record",
                "Case or sold product",
                Ref {
                    to: &[C::Cases, C::SoldProducts],
                    optional: false,
                },
            ),
            f("party", "Party", Party),
            f(
                "relationship",
                "Relationship type",
                Ref {
                    to: &[C::RelatedPartyConfigs],
                    optional: false,
                },
            ),
            f(
                "responsibility",
                "Override responsibility",
                Ref {
                    to: &[C::Responsibilities],
                    optional: true,
                },
            ),
        ],
    },
    Spec {
        collection: C::Playbooks,
        label: "Playbooks",
        fields: &[ID, NAME, f("tasks", "Tasks", Tasks)],
    },
];
