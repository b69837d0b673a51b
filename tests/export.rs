//! `access-sim export salesforce` (issue 15, point 5): import(export(s)) has s's design part
//! (`access_sim::export::DesignPart`: roles, groups, queues, sharing rules, sharing sets,
//! org-wide defaults, custom objects, profile and permission set permissions) on every preset
//! and on the fixture org, except exactly what the exporter reports it could not write, which
//! is listed here by hand for each preset. Files are where the importer and `sf` look, XML is
//! escaped, and ids Salesforce can't take are renamed and reported.
#![cfg(not(target_arch = "wasm32"))]

use access_sim::engine::{self, Scenario};
use access_sim::export::{export_salesforce, DesignPart, Exported};
use access_sim::import::import_salesforce;

mod common;

use common::fixture::fixture_metadata;

fn preset(key: &str) -> Scenario {
    engine::parse(access_sim::presets::find(key).unwrap().json).unwrap()
}

/// Export, then import what was written: the scenario comes back valid (the importer checks).
fn round_trip(s: &Scenario) -> (Exported, Scenario) {
    let e = export_salesforce(s);
    let back = import_salesforce(&e.files).unwrap_or_else(|errs| panic!("{errs:?}"));
    for (ty, t) in &back.report.types {
        assert!(
            t.skipped.is_empty(),
            "{ty}: the importer skipped {:?}",
            t.skipped
        );
        assert!(
            t.partial.is_empty(),
            "{ty}: imported in part {:?}",
            t.partial
        );
        assert!(
            t.unknown_elements.is_empty(),
            "{ty}: {:?}",
            t.unknown_elements
        );
    }
    (e, back.scenario)
}

/// The reported losses as (what, which), sorted.
fn losses(e: &Exported) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = e
        .report
        .not_exported
        .iter()
        .map(|l| (l.what.clone(), l.name.clone()))
        .collect();
    out.sort();
    out
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = list
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    out.sort();
    out
}

/// What each preset's design loses on the way, derived by hand from the preset files: the
/// losses the exporter must report, and their effect on the design part.
fn expected_after_loss(key: &str, d: &mut DesignPart) -> Vec<(String, String)> {
    match key {
        "help-center" => {
            d.sharing_sets
                .get_mut("ss_customer_cases")
                .unwrap()
                .share_group = None;
            pairs(&[("Share group", "ss_customer_cases")])
        }
        "housing-loan" => pairs(&[
            ("ServiceNow responsibility", "resp_auth_rep"),
            ("ServiceNow responsibility", "resp_viewer"),
            ("ServiceNow responsibility access", "resp_auth_rep"),
            ("ServiceNow responsibility access", "resp_viewer"),
            ("ServiceNow related party configuration", "rt_coborrower"),
            ("ServiceNow related party configuration", "rt_guarantor"),
            ("ServiceNow related party configuration", "rt_attorney"),
            ("ServiceNow related party configuration", "rt_listed"),
        ]),
        "sold-product" => {
            for p in ["CSM Agent", "Customer Contact"] {
                d.profiles
                    .get_mut(p)
                    .unwrap()
                    .objects
                    .remove("sold_product");
            }
            pairs(&[
                ("Org-wide default", "sold_product"),
                ("Profile object permissions", "p_agent"),
                ("Profile object permissions", "p_customer"),
                ("ServiceNow responsibility", "resp_authorized"),
                ("ServiceNow responsibility access", "resp_authorized"),
                ("ServiceNow responsibility access", "resp_authorized"),
                (
                    "ServiceNow related party configuration",
                    "rt_authorized_contact",
                ),
            ])
        }
        "teams-crm" => {
            d.profiles
                .get_mut("Owner (Eigenaar)")
                .unwrap()
                .config
                .clear();
            d.profiles.get_mut("Member (Lid)").unwrap().creator_access = Default::default();
            pairs(&[
                ("Profile configuration areas", "p_owner"),
                ("Profile creator access", "p_member"),
            ])
        }
        "customer-success" => {
            for p in d.profiles.values_mut() {
                p.config.clear();
                p.objects.remove("account_child");
            }
            d.profiles
                .get_mut("Customer Success Manager")
                .unwrap()
                .assigned_account_access = Default::default();
            pairs(&[
                ("Profile configuration areas", "p_admin"),
                ("Profile configuration areas", "p_super"),
                ("Profile configuration areas", "p_dev"),
                ("Profile object permissions", "p_super"),
                ("Profile object permissions", "p_csm"),
                ("Profile object permissions", "p_dev"),
                ("Profile assigned account access", "p_csm"),
                ("CustomerSuccessBox playbook", "pb_onboarding"),
            ])
        }
        "account-team" => Vec::new(),
        "role-hierarchy" => {
            d.groups.get_mut("g_sales").unwrap().members.clear();
            d.queues
                .get_mut("q_billing")
                .unwrap()
                .members
                .remove("user:lee");
            pairs(&[
                ("Group members", "g_sales"),
                ("Queue user members", "q_billing"),
            ])
        }
        "loan-applications" => {
            d.custom_objects
                .get_mut("Loan_Application__c")
                .unwrap()
                .grant_access_using_hierarchies = true;
            pairs(&[("Grant Access Using Hierarchies", "Loan_Application__c")])
        }
        other => panic!("preset {other} has no hand-derived losses in tests/export.rs: add them"),
    }
}

#[test]
fn every_preset_comes_back_with_its_design_but_what_is_reported() {
    for p in access_sim::presets::PRESETS {
        let s = preset(p.key);
        let (e, back) = round_trip(&s);
        let mut want = DesignPart::of(&s);
        let lost = expected_after_loss(p.key, &mut want);
        assert_eq!(losses(&e), lost, "{}: the losses reported", p.key);
        let got = DesignPart::of(&back);
        assert_eq!(
            serde_json::to_value(&got).unwrap(),
            serde_json::to_value(&want).unwrap(),
            "{}: the design part after import(export(s))",
            p.key
        );
        assert_eq!(got, want);
    }
}

#[test]
fn the_comparison_sees_a_changed_design() {
    // The design part is not blind: a role's parent, a rule's access, a profile permission or
    // a queue member changed in the re-imported scenario makes it differ.
    let s = preset("role-hierarchy");
    let (_, back) = round_trip(&s);
    let base = DesignPart::of(&back);
    let mut a = back.clone();
    a.roles
        .iter_mut()
        .find(|r| r.id == "r_agent")
        .unwrap()
        .parent = None;
    assert_ne!(DesignPart::of(&a), base);
    let mut b = back.clone();
    b.sharing_rules[0].access = engine::level::ShareAccess::Edit;
    assert_ne!(DesignPart::of(&b), base);
    let mut c = back.clone();
    c.profiles[0].objects.clear();
    assert_ne!(DesignPart::of(&c), base);
    let mut d = back.clone();
    d.queues
        .iter_mut()
        .find(|q| q.id == "q_tier2")
        .unwrap()
        .members
        .clear();
    assert_ne!(DesignPart::of(&d), base);
}

#[test]
fn the_fixture_org_comes_back_whole() {
    let s = import_salesforce(&fixture_metadata()).unwrap().scenario;
    let (e, back) = round_trip(&s);
    assert!(
        e.report.not_exported.is_empty(),
        "{:?}",
        e.report.not_exported
    );
    // Imported ids are Salesforce names already, so none changes; the standard profile System
    // Administrator goes back to its file name Admin.
    assert!(e.report.renamed.is_empty(), "{:?}", e.report.renamed);
    assert!(e
        .files
        .iter()
        .any(|(p, _)| p == "force-app/main/default/profiles/Admin.profile-meta.xml"));
    assert_eq!(DesignPart::of(&back), DesignPart::of(&s));
    // Rule ids come back as Object.fullName, as the importer names them.
    let mut ids: Vec<&str> = back.sharing_rules.iter().map(|r| r.id.as_str()).collect();
    ids.sort();
    let mut orig: Vec<&str> = s.sharing_rules.iter().map(|r| r.id.as_str()).collect();
    orig.sort();
    assert_eq!(ids, orig);
    assert!(ids.contains(&"Account.Energy_Accounts"));
}

#[test]
fn files_are_where_sf_and_the_importer_look_and_read_as_expected() {
    let e = export_salesforce(&preset("role-hierarchy"));
    let paths: Vec<&str> = e.files.iter().map(|(p, _)| p.as_str()).collect();
    let d = "force-app/main/default/";
    let mut want = vec!["sfdx-project.json".to_string()];
    for p in [
        "groups/g_sales.group-meta.xml",
        "objects/Account/Account.object-meta.xml",
        "objects/Asset/Asset.object-meta.xml",
        "objects/Case/Case.object-meta.xml",
        "objects/Contact/Contact.object-meta.xml",
        "objects/Lead/Lead.object-meta.xml",
        "objects/Opportunity/Opportunity.object-meta.xml",
        "profiles/Standard.profile-meta.xml",
        "queues/q_billing.queue-meta.xml",
        "queues/q_tier2.queue-meta.xml",
        "roles/r_agent.role-meta.xml",
        "roles/r_ceo.role-meta.xml",
        "roles/r_sales_rep.role-meta.xml",
        "roles/r_support_mgr.role-meta.xml",
        "roles/r_vp_sales.role-meta.xml",
        "roles/r_vp_support.role-meta.xml",
        "settings/Sharing.settings-meta.xml",
        "sharingRules/Case.sharingRules-meta.xml",
    ] {
        want.push(format!("{d}{p}"));
    }
    want.sort();
    assert_eq!(paths, want);
    // Standard User is a standard profile: its file is Standard, and that is its id after import.
    let renamed: Vec<(&str, &str, &str)> = e
        .report
        .renamed
        .iter()
        .map(|r| (r.kind.as_str(), r.id.as_str(), r.to.as_str()))
        .collect();
    assert_eq!(renamed, [("Profile", "p_standard", "Standard")]);
    let text = |path: &str| {
        let (_, b) = e.files.iter().find(|(p, _)| p.ends_with(path)).unwrap();
        String::from_utf8(b.clone()).unwrap()
    };
    // Written by hand from the preset's two case rules and the SharingRules reference.
    assert_eq!(
        text("sharingRules/Case.sharingRules-meta.xml"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<SharingRules xmlns="http://soap.sforce.com/2006/04/metadata">
    <sharingCriteriaRules>
        <fullName>sr_escalated</fullName>
        <accessLevel>Edit</accessLevel>
        <label>Escalated cases to all agents</label>
        <sharedTo>
            <role>r_agent</role>
        </sharedTo>
        <criteriaItems>
            <field>status</field>
            <operation>equals</operation>
            <value>Escalated</value>
        </criteriaItems>
        <includeRecordsOwnedByAll>true</includeRecordsOwnedByAll>
    </sharingCriteriaRules>
    <sharingOwnerRules>
        <fullName>sr_support_to_sales</fullName>
        <accessLevel>Read</accessLevel>
        <label>Support cases to Sales</label>
        <sharedTo>
            <group>g_sales</group>
        </sharedTo>
        <sharedFrom>
            <roleAndSubordinates>r_vp_support</roleAndSubordinates>
        </sharedFrom>
    </sharingOwnerRules>
</SharingRules>
"#
    );
    assert_eq!(
        text("queues/q_tier2.queue-meta.xml"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Queue xmlns="http://soap.sforce.com/2006/04/metadata">
    <doesIncludeBosses>true</doesIncludeBosses>
    <doesSendEmailToMembers>false</doesSendEmailToMembers>
    <name>Tier 2 Support</name>
    <queueMembers>
        <roles>
            <role>r_support_mgr</role>
        </roles>
    </queueMembers>
    <queueSobject>
        <sobjectType>Case</sobjectType>
    </queueSobject>
</Queue>
"#
    );
    // account is Public Read Only inside; external defaults to it. case is Private.
    let account = text("objects/Account/Account.object-meta.xml");
    assert!(account.contains("<externalSharingModel>Read</externalSharingModel>"));
    assert!(account.contains("<sharingModel>Read</sharingModel>"));
}

#[test]
fn text_is_escaped_and_comes_back_as_written() {
    let mut s = preset("role-hierarchy");
    s.roles[0].name = r#"CEO & "Founder" <Board> 'Chair'"#.into();
    s.groups[0].name = "Sales & Marketing <EU>".into();
    s.profiles[0].name = "Custom: Sales/EU 100%".into();
    s.sharing_rules[1].name = "Escalated > 2 days & \"hot\"".into();
    let (e, back) = round_trip(&s);
    for (path, bytes) in &e.files {
        if path.ends_with(".xml") {
            let text = std::str::from_utf8(bytes).unwrap();
            roxmltree::Document::parse(text).unwrap_or_else(|err| panic!("{path}: {err}"));
        }
    }
    assert!(e
        .files
        .iter()
        .any(|(p, _)| p.ends_with("profiles/Custom%3A Sales%2FEU 100%25.profile-meta.xml")));
    assert_eq!(
        back.roles.iter().find(|r| r.id == "r_ceo").unwrap().name,
        s.roles[0].name
    );
    assert_eq!(back.groups[0].name, "Sales & Marketing <EU>");
    assert_eq!(back.profiles[0].name, "Custom: Sales/EU 100%");
    let mut want = DesignPart::of(&s);
    expected_after_loss("role-hierarchy", &mut want);
    assert_eq!(DesignPart::of(&back), want);
    // A character XML can't hold is reported, not written as is.
    let mut s = preset("account-team");
    s.roles[0].name = "CEO\u{7}".into();
    let e = export_salesforce(&s);
    assert!(losses(&e).contains(&("Role name".into(), "r_ceo".into())));
}

#[test]
fn ids_salesforce_cant_take_are_renamed_and_reported() {
    let mut s = preset("role-hierarchy");
    // A role id that isn't a developer name, and references to it.
    let text = serde_json::to_string(&s)
        .unwrap()
        .replace("\"r_vp_support\"", "\"1st line-support\"");
    s = serde_json::from_str(&text).unwrap();
    engine::validate(s.clone()).unwrap();
    let (e, back) = round_trip(&s);
    let r = e.report.renamed.iter().find(|r| r.kind == "Role").unwrap();
    assert_eq!(
        (r.id.as_str(), r.to.as_str()),
        ("1st line-support", "X1st_line_support")
    );
    let mgr = back.roles.iter().find(|r| r.id == "r_support_mgr").unwrap();
    assert_eq!(mgr.parent.as_deref(), Some("X1st_line_support"));
    let rule = back
        .sharing_rules
        .iter()
        .find(|r| r.id == "Case.sr_support_to_sales")
        .unwrap();
    assert_eq!(
        rule.select,
        engine::scenario::RuleSelector::OwnedBy(engine::scenario::RuleTarget::RoleAndSubordinates(
            "X1st_line_support".into()
        ))
    );
    // A criterion value with a comma can't be a criteriaItems value: the rule is reported.
    let mut s = preset("role-hierarchy");
    if let engine::scenario::RuleSelector::Criteria(c) = &mut s.sharing_rules[1].select {
        c[0].equals = vec!["Escalated, urgent".into()];
    }
    let (e, back) = round_trip(&s);
    assert!(losses(&e).contains(&("Sharing rule".into(), "sr_escalated".into())));
    assert_eq!(back.sharing_rules.len(), 1);
}

#[test]
fn the_command_writes_a_project_the_importer_reads() {
    let dir = std::env::temp_dir().join(format!("export-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let bin = env!("CARGO_BIN_EXE_access-sim");
    let scenario = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/scenarios/role-hierarchy.json"
    );
    let out = std::process::Command::new(bin)
        .args(["export", "salesforce", scenario])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not exported: Group members of 'g_sales'"),
        "{err}"
    );
    assert!(
        err.contains("not exported: Queue user members of 'q_billing'"),
        "{err}"
    );
    assert!(dir
        .join("force-app/main/default/roles/r_ceo.role-meta.xml")
        .is_file());
    // Into a folder that holds files only with --force.
    let again = std::process::Command::new(bin)
        .args(["export", "salesforce", scenario])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
    // The importer reads the folder back into a valid scenario.
    let json = dir.join("back.json");
    let imp = std::process::Command::new(bin)
        .args(["import", "salesforce"])
        .arg(&dir)
        .arg("-o")
        .arg(&json)
        .output()
        .unwrap();
    assert!(
        imp.status.success(),
        "{}",
        String::from_utf8_lossy(&imp.stderr)
    );
    let back: Scenario = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(back.roles.len(), 6);
    // A scenario that doesn't validate is refused with its path.
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"version": 1, "roles": [{"id": "a", "name": "A", "parent": "zz"}]}"#,
    )
    .unwrap();
    let out = std::process::Command::new(bin)
        .args(["export", "salesforce"])
        .arg(&bad)
        .arg(dir.join("out2"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.json") && err.contains("roles[0].parent"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_scenario_that_does_not_validate_is_exported_without_panicking_and_says_what_it_left() {
    // The CLI refuses invalid scenarios; the library still never panics on one.
    let s: Scenario = serde_json::from_str(
        r#"{"version": 1,
            "roles": [{"id": "r", "name": "R", "parent": "gone"}],
            "queues": [{"id": "q", "name": "Q", "objects": ["case"], "members": [{"role": "nobody"}]}],
            "sharing_rules": [{"id": "x", "name": "X", "object": "case",
                "select": {"owned_by": {"role": "r"}}, "share_with": {"group": "missing"}, "access": "read"}],
            "sharing_sets": [{"id": "ss", "name": "SS", "profiles": ["nope"], "mappings": []}]}"#,
    )
    .unwrap();
    assert!(engine::validate(s.clone()).is_err());
    let e = export_salesforce(&s);
    assert_eq!(
        losses(&e),
        pairs(&[
            ("Queue member", "q"),
            ("Sharing rule", "x"),
            ("Sharing set profile", "ss")
        ])
    );
    // The role with a missing parent is written as a top role.
    let (_, role) = e
        .files
        .iter()
        .find(|(p, _)| p.ends_with("roles/r.role-meta.xml"))
        .unwrap();
    assert!(!String::from_utf8_lossy(role).contains("parentRole"));
}
