//! The IR built from real schema text: one reviewed insta snapshot per valid fixture
//! (`tests/snapshots/ir_snapshots__<case>.snap`), taken through `tether validate --dump-ir`, plus
//! direct checks of the rules a snapshot review could miss (Prisma's default referential
//! actions, implicit many-to-many sides, directives kept out of documentation).
//!
//! To accept a deliberate change: `INSTA_UPDATE=always cargo test --test ir_snapshots`, or
//! `cargo insta review`; then read the diff against the schema before committing.

mod common;

use common::{fixture_schema, root, tether};
use serde_json::Value;

fn ir(case: &str) -> Value {
    let schema = fixture_schema(case);
    let run = tether(
        root(),
        [
            "validate",
            "--dump-ir",
            "--schema",
            schema.to_str().unwrap(),
        ],
    )
    .expect_code(0);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{case}: not JSON: {e}"))
}

macro_rules! snapshot_tests {
    ($($test:ident => $case:literal,)*) => {$(
        #[test]
        fn $test() {
            insta::assert_json_snapshot!($case, ir($case));
        }
    )*};
}

snapshot_tests! {
    everything_postgresql => "everything-postgresql",
    everything_mysql => "everything-mysql",
    blog_sqlite => "blog-sqlite",
    prisma6_url => "prisma6-url",
    multi_file => "multi-file",
    self_relations => "self-relations",
    compound_keys => "compound-keys",
}

/// The relation named `name`, as `(kind, body)`.
fn relation<'a>(ir: &'a Value, name: &str) -> (&'a str, &'a Value) {
    let r = ir["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no relation {name}"));
    let (kind, body) = r["kind"].as_object().unwrap().iter().next().unwrap();
    (kind.as_str(), body)
}

fn actions(ir: &Value, name: &str) -> (String, String) {
    let (kind, r) = relation(ir, name);
    assert_eq!(kind, "Inline", "{name}");
    (
        r["on_delete"].as_str().unwrap().to_owned(),
        r["on_update"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn referential_actions_follow_prisma_defaults_unless_given() {
    let pairs = |d: &str, u: &str| (d.to_owned(), u.to_owned());
    let s = ir("self-relations");
    // Optional relation, no actions written: SetNull / Cascade.
    assert_eq!(actions(&s, "Management"), pairs("SetNull", "Cascade"));
    // Required relation, no actions written: Restrict / Cascade.
    assert_eq!(actions(&s, "TaskAuthor"), pairs("Restrict", "Cascade"));
    // Written actions win.
    assert_eq!(actions(&s, "TaskAssignee"), pairs("NoAction", "NoAction"));
    let c = ir("compound-keys");
    assert_eq!(actions(&c, "TeamToTenant"), pairs("Restrict", "Cascade"));
    assert_eq!(
        actions(&c, "MembershipToTeam"),
        pairs("Restrict", "Cascade")
    );
    assert_eq!(actions(&c, "DeviceToUser"), pairs("SetNull", "Cascade"));
    let p = ir("everything-postgresql");
    assert_eq!(actions(&p, "ProfileToUser"), pairs("Cascade", "NoAction"));
}

#[test]
fn compound_foreign_keys_keep_field_order() {
    let c = ir("compound-keys");
    let (_, r) = relation(&c, "MembershipToTeam");
    // Membership(tenantId=0, teamCode=2) -> Team(tenantId=0, code=1), named by `map:`.
    assert_eq!(r["referencing_fields"], serde_json::json!([0, 2]));
    assert_eq!(r["referenced_fields"], serde_json::json!([0, 1]));
    assert_eq!(r["mapped_name"], "membership_team_fk");
    let (_, r) = relation(&c, "DeviceToUser");
    // A foreign key onto the compound unique (tenantId, email), not the primary key.
    assert_eq!(r["referenced_fields"], serde_json::json!([0, 2]));
}

#[test]
fn implicit_many_to_many_sides_and_table_names() {
    let p = ir("everything-postgresql");
    let (kind, r) = relation(&p, "CategoryToPost");
    assert_eq!(kind, "ImplicitManyToMany");
    // Model A is the one whose name sorts first: Category (4) before Post (2).
    assert_eq!(
        (&r["model_a"], &r["model_b"]),
        (&Value::from(4), &Value::from(2))
    );
    assert_eq!(r["table_name"], "_CategoryToPost");
    let s = ir("self-relations");
    assert_eq!(relation(&s, "Friends").1["table_name"], "_Friends");
    let b = ir("blog-sqlite");
    assert_eq!(
        relation(&b, "ArticleLabels").1["table_name"],
        "_ArticleLabels"
    );
}

#[test]
fn renamed_directives_are_not_documentation() {
    let p = ir("everything-postgresql");
    let profile = &p["models"][1];
    assert_eq!(profile["name"], "Profile");
    assert_eq!(profile["renamed_from"], "user_profiles");
    assert_eq!(profile["documentation"], Value::Null);
    let handle = p["models"][0]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "handle")
        .unwrap();
    assert_eq!(handle["renamed_from"], "nickname");
    assert_eq!(handle["documentation"], Value::Null);
    assert_eq!(
        p["models"][0]["documentation"],
        "One row per account.\nSecond line of documentation."
    );
}

#[test]
fn views_are_kept_apart_from_models() {
    let p = ir("everything-postgresql");
    let names = |key: &str| -> Vec<String> {
        p[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names("views"), ["PublishedPost"]);
    assert!(!names("models").contains(&"PublishedPost".to_owned()));
}
