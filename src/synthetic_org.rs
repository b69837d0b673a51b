//! A synthetic Salesforce org as SFDX source files in memory, deterministic for a seed, the
//! size of a large enterprise org (4,000 roles with portal roles, 500 groups, 500 queues, 300
//! sharing-rule files, 400 objects): what `access-sim bench --import` times the importer on.

use crate::generate::Rng;
use crate::import::SourceFile;

/// How big the org is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrgSize {
    /// Internal and portal roles together.
    pub roles: usize,
    /// Of the roles, portal roles (three per portal account: Executive, Manager, User).
    pub portal_roles: usize,
    pub groups: usize,
    pub queues: usize,
    /// Objects with a sharing model: six standard ones, the rest custom.
    pub objects: usize,
    /// Of the custom objects, detail objects (Controlled by Parent).
    pub details: usize,
    pub rule_files: usize,
    pub profiles: usize,
    pub permission_sets: usize,
}

impl OrgSize {
    /// Issue 15's benchmark org, modelled on a public enterprise org's metadata.
    pub const ENTERPRISE: OrgSize = OrgSize {
        roles: 4_000,
        portal_roles: 396,
        groups: 500,
        queues: 500,
        objects: 400,
        details: 80,
        rule_files: 300,
        profiles: 175,
        permission_sets: 283,
    };
}

const ROOT: &str = "force-app/main/default/";
const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
const NS: &str = "xmlns=\"http://soap.sforce.com/2006/04/metadata\"";

const STANDARD: [&str; 6] = ["Account", "Contact", "Case", "Opportunity", "Lead", "Asset"];

fn file(out: &mut Vec<SourceFile>, path: String, root: &str, body: String) {
    let text = format!("{HEAD}<{root} {NS}>\n{body}</{root}>\n");
    out.push((format!("{ROOT}{path}"), text.into_bytes()));
}

fn model(rng: &mut Rng) -> &'static str {
    ["Private", "Private", "Read", "ReadWrite"][rng.below(4)]
}

/// The org's files: roles, groups, queues, objects with fields, sharing rules, profiles,
/// permission sets, sharing sets and the Sharing settings.
pub fn salesforce_org(size: OrgSize, seed: u64) -> Vec<SourceFile> {
    let mut rng = Rng(seed);
    let mut out = Vec::new();
    let internal = size.roles.saturating_sub(size.portal_roles).max(1);
    for i in 0..internal {
        let parent = if i == 0 {
            String::new()
        } else {
            format!("    <parentRole>Role_{}</parentRole>\n", rng.below(i))
        };
        let levels = ["None", "Read", "Edit"];
        let body = format!(
            "    <caseAccessLevel>{}</caseAccessLevel>\n    <contactAccessLevel>{}</contactAccessLevel>\n    <mayForecastManagerShare>false</mayForecastManagerShare>\n    <name>Role {i}</name>\n    <opportunityAccessLevel>{}</opportunityAccessLevel>\n{parent}",
            levels[rng.below(3)],
            levels[rng.below(3)],
            levels[rng.below(3)]
        );
        file(
            &mut out,
            format!("roles/Role_{i}.role-meta.xml"),
            "Role",
            body,
        );
    }
    for k in 0..size.portal_roles {
        let (kind, level) = (
            if k % 6 < 3 { "Customer" } else { "Partner" },
            ["Executive", "Manager", "User"][k % 3],
        );
        let account = k / 3;
        let body = format!(
            "    <name>Portal Account {account} {kind} {level}</name>\n    <parentRole>Role_{}</parentRole>\n",
            rng.below(internal)
        );
        let name = format!("PortalAccount{account}{kind}{level}");
        file(
            &mut out,
            format!("roles/{name}.role-meta.xml"),
            "Role",
            body,
        );
    }
    for g in 0..size.groups {
        let body = format!(
            "    <doesIncludeBosses>true</doesIncludeBosses>\n    <name>Group {g}</name>\n"
        );
        file(
            &mut out,
            format!("groups/Group_{g}.group-meta.xml"),
            "Group",
            body,
        );
    }
    // Custom objects: the first ones masters (or plain), the last `details` ones detail objects
    // whose master is one of the plain ones.
    let customs = size.objects.saturating_sub(STANDARD.len());
    let details = size.details.min(customs.saturating_sub(1));
    let plain = customs - details;
    let name = |i: usize| format!("Object_{i}__c");
    for (i, sf) in STANDARD.iter().enumerate() {
        let m = if *sf == "Contact" || *sf == "Asset" {
            "ControlledByParent"
        } else {
            [
                "Private",
                "Read",
                "Private",
                "Read",
                "ReadWriteTransfer",
                "Private",
            ][i]
        };
        let body = format!("    <externalSharingModel>{m}</externalSharingModel>\n    <sharingModel>{m}</sharingModel>\n");
        file(
            &mut out,
            format!("objects/{sf}/{sf}.object-meta.xml"),
            "CustomObject",
            body,
        );
    }
    for i in 0..customs {
        let detail = i >= plain;
        let m = if detail {
            "ControlledByParent"
        } else {
            model(&mut rng)
        };
        let n = name(i);
        let body = format!("    <deploymentStatus>Deployed</deploymentStatus>\n    <externalSharingModel>{}</externalSharingModel>\n    <label>Object {i}</label>\n    <nameField>\n        <label>Object {i} Name</label>\n        <type>Text</type>\n    </nameField>\n    <pluralLabel>Objects {i}</pluralLabel>\n    <sharingModel>{m}</sharingModel>\n", if detail { m } else { "Private" });
        file(
            &mut out,
            format!("objects/{n}/{n}.object-meta.xml"),
            "CustomObject",
            body,
        );
        let mut fields = vec![("Status__c".to_string(), "Text".to_string(), None)];
        if detail {
            fields.push((
                "Parent__c".into(),
                "MasterDetail".into(),
                Some(name(rng.below(plain))),
            ));
        }
        for k in 0..2 {
            let to = match rng.below(4) {
                0 => "Account".to_string(),
                1 => "Contact".to_string(),
                2 => "User".to_string(),
                _ => name(rng.below(plain.max(1))),
            };
            fields.push((format!("Ref{k}__c"), "Lookup".into(), Some(to)));
        }
        for (f, ty, to) in fields {
            let rel = format!(
                "{}_{}",
                n.trim_end_matches("__c"),
                f.trim_end_matches("__c")
            );
            let refto = to
                .map(|t| format!("    <referenceTo>{t}</referenceTo>\n    <relationshipName>{rel}</relationshipName>\n"))
                .unwrap_or_default();
            let body = format!("    <fullName>{f}</fullName>\n    <label>{f}</label>\n{refto}    <type>{ty}</type>\n");
            file(
                &mut out,
                format!("objects/{n}/fields/{f}.field-meta.xml"),
                "CustomField",
                body,
            );
        }
    }
    let queue_objects: Vec<String> = ["Case".to_string(), "Lead".to_string()]
        .into_iter()
        .chain((0..plain).map(name))
        .collect();
    for q in 0..size.queues {
        let body = format!(
            "    <doesIncludeBosses>true</doesIncludeBosses>\n    <name>Queue {q}</name>\n    <queueMembers>\n        <publicGroups>\n            <publicGroup>Group_{}</publicGroup>\n        </publicGroups>\n        <roleAndSubordinates>\n            <roleAndSubordinate>Role_{}</roleAndSubordinate>\n        </roleAndSubordinates>\n    </queueMembers>\n    <queueSobject>\n        <sobjectType>{}</sobjectType>\n    </queueSobject>\n",
            rng.below(size.groups.max(1)),
            rng.below(internal),
            queue_objects[rng.below(queue_objects.len())]
        );
        file(
            &mut out,
            format!("queues/Queue_{q}.queue-meta.xml"),
            "Queue",
            body,
        );
    }
    // Rule files: the four standard objects that take rules, then plain custom objects.
    let rule_objects: Vec<String> = ["Account", "Case", "Opportunity", "Lead"]
        .iter()
        .map(|s| s.to_string())
        .chain((0..plain).map(name))
        .take(size.rule_files)
        .collect();
    for o in &rule_objects {
        let field = if o.ends_with("__c") {
            "Status__c"
        } else {
            "Type"
        };
        let settings = if o == "Account" {
            "        <accountSettings>\n            <caseAccessLevel>Read</caseAccessLevel>\n            <contactAccessLevel>Read</contactAccessLevel>\n            <opportunityAccessLevel>None</opportunityAccessLevel>\n        </accountSettings>\n"
        } else {
            ""
        };
        let body = format!(
            "    <sharingCriteriaRules>\n        <fullName>Criteria_Rule</fullName>\n        <accessLevel>Read</accessLevel>\n{settings}        <label>Criteria rule</label>\n        <sharedTo>\n            <group>Group_{}</group>\n        </sharedTo>\n        <criteriaItems>\n            <field>{field}</field>\n            <operation>equals</operation>\n            <value>Open,Escalated</value>\n        </criteriaItems>\n        <includeRecordsOwnedByAll>true</includeRecordsOwnedByAll>\n    </sharingCriteriaRules>\n    <sharingOwnerRules>\n        <fullName>Owner_Rule</fullName>\n        <accessLevel>Edit</accessLevel>\n{settings}        <label>Owner rule</label>\n        <sharedTo>\n            <roleAndSubordinatesInternal>Role_{}</roleAndSubordinatesInternal>\n        </sharedTo>\n        <sharedFrom>\n            <roleAndSubordinates>Role_{}</roleAndSubordinates>\n        </sharedFrom>\n    </sharingOwnerRules>\n",
            rng.below(size.groups.max(1)),
            rng.below(internal),
            rng.below(internal)
        );
        file(
            &mut out,
            format!("sharingRules/{o}.sharingRules-meta.xml"),
            "SharingRules",
            body,
        );
    }
    let all_objects: Vec<String> = STANDARD
        .iter()
        .map(|s| s.to_string())
        .chain((0..customs).map(name))
        .collect();
    let perms = |rng: &mut Rng, n: usize| -> String {
        let mut body = String::new();
        for _ in 0..n {
            let o = &all_objects[rng.below(all_objects.len())];
            let (r, e, v) = (true, rng.chance(60), rng.chance(5));
            body.push_str(&format!("    <objectPermissions>\n        <allowCreate>{e}</allowCreate>\n        <allowDelete>false</allowDelete>\n        <allowEdit>{e}</allowEdit>\n        <allowRead>{r}</allowRead>\n        <modifyAllRecords>false</modifyAllRecords>\n        <object>{o}</object>\n        <viewAllRecords>{v}</viewAllRecords>\n    </objectPermissions>\n"));
        }
        body
    };
    for p in 0..size.profiles {
        let mut body = "    <custom>true</custom>\n".to_string();
        body.push_str(&perms(&mut rng, 20));
        body.push_str("    <userLicense>Salesforce</userLicense>\n");
        if p == 0 {
            body.push_str("    <userPermissions>\n        <enabled>true</enabled>\n        <name>ModifyAllData</name>\n    </userPermissions>\n");
        }
        file(
            &mut out,
            format!("profiles/Profile {p}.profile-meta.xml"),
            "Profile",
            body,
        );
    }
    for p in 0..size.permission_sets {
        let mut body = format!("    <hasActivationRequired>false</hasActivationRequired>\n    <label>Permission set {p}</label>\n");
        body.push_str(&perms(&mut rng, 5));
        file(
            &mut out,
            format!("permissionsets/Permission_Set_{p}.permissionset-meta.xml"),
            "PermissionSet",
            body,
        );
    }
    for (k, (object, field, user)) in [
        ("Case", "AccountId", "Account"),
        ("Contact", "Id", "Contact"),
        ("Case", "ContactId", "Contact"),
    ]
    .iter()
    .enumerate()
    {
        let body = format!("    <accessMappings>\n        <accessLevel>Read</accessLevel>\n        <object>{object}</object>\n        <objectField>{field}</objectField>\n        <userField>{user}</userField>\n    </accessMappings>\n    <name>Sharing set {k}</name>\n    <profiles>customer community user</profiles>\n");
        file(
            &mut out,
            format!("sharingSets/Sharing_Set_{k}.sharingSet-meta.xml"),
            "SharingSet",
            body,
        );
    }
    file(
        &mut out,
        "settings/Sharing.settings-meta.xml".into(),
        "SharingSettings",
        "    <enableExternalSharingModel>true</enableExternalSharingModel>\n".into(),
    );
    out
}
