//! The SDK's member filters on `members/` (and `members-lite/`), and the project-role
//! distribution report.

use glider_test_utils::TestApp;
use reqwest::Method;
use serde_json::{Value, json};

use crate::catalog::{call, check_roles, id, world};

const GET: Method = Method::GET;
const POST: Method = Method::POST;
const NONE: Value = Value::Null;

fn emails(list: &Value) -> Vec<String> {
    let mut emails: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["email"].as_str().unwrap().to_owned())
        .collect();
    emails.sort();
    emails
}

#[tokio::test]
async fn member_list_applies_the_sdk_filters() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let members = "/api/v1/workspaces/acme/members/";
    let all = call(&app, owner, GET, members, NONE, 200).await;
    assert_eq!(all.as_array().unwrap().len(), 4);
    let cases: [(&str, &[&str]); 7] = [
        ("role_slug=guest", &["guest@example.com"]),
        ("role_slug=owner&is_active=true", &["owner@example.com"]),
        ("email=MEMBER", &["member@example.com"]),
        ("display_name=adm", &["admin@example.com"]),
        (
            "is_bot=false&first_name=",
            &[
                "admin@example.com",
                "guest@example.com",
                "member@example.com",
                "owner@example.com",
            ],
        ),
        ("is_bot=true", &[]),
        ("is_active=false", &[]),
    ];
    for (query, expected) in cases {
        let list = call(&app, owner, GET, &format!("{members}?{query}"), NONE, 200).await;
        assert_eq!(emails(&list), expected, "{query}");
    }
    let lite = "/api/v1/workspaces/acme/members-lite/?is_bot=true";
    let page = call(&app, owner, GET, lite, NONE, 200).await;
    assert_eq!(page["total_count"], 0);

    let body = call(
        &app,
        owner,
        GET,
        &format!("{members}?role_slug=boss"),
        NONE,
        400,
    )
    .await;
    assert_eq!(body["role_slug"][0], "\"boss\" is not a valid choice.");
    let body = call(
        &app,
        owner,
        GET,
        &format!("{members}?is_active=True"),
        NONE,
        400,
    )
    .await;
    assert!(body.get("is_active").is_some(), "{body}");
    let guest = &world.users[2];
    call(&app, guest, GET, members, NONE, 403).await;
}

#[tokio::test]
async fn project_role_distribution_counts_live_projects() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let admin = &world.users[4];
    let path = "/api/v1/workspaces/acme/project-role-distribution/";
    let projects = "/api/v1/workspaces/acme/projects/";
    // Web: owner admin, member member, guest guest. Api: admin admin, member member.
    let api = call(
        &app,
        admin,
        POST,
        projects,
        json!({ "name": "Api", "identifier": "API" }),
        201,
    )
    .await;
    let api_members = format!("{projects}{}/project-members/", id(&api));
    let body = json!({ "member": world.users[3].id, "role": 15 });
    call(&app, admin, POST, &api_members, body, 201).await;
    // Archived projects do not count.
    let old = call(
        &app,
        admin,
        POST,
        projects,
        json!({ "name": "Old", "identifier": "OLD" }),
        201,
    )
    .await;
    call(
        &app,
        admin,
        POST,
        &format!("{projects}{}/archive/", id(&old)),
        NONE,
        204,
    )
    .await;

    let report = call(&app, owner, GET, path, NONE, 200).await;
    assert_eq!(report["total_memberships"], 5);
    assert_eq!(report["total_distinct_members"], 4);
    let roles = report["roles"].as_array().unwrap();
    let slugs: Vec<&str> = roles.iter().map(|r| r["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs, ["admin", "member", "guest"]);
    assert_eq!(
        roles[0],
        json!({ "role_id": null, "name": "Admin", "slug": "admin", "level": 20, "is_system": true,
                "membership_count": 2, "distinct_member_count": 2 })
    );
    assert_eq!(roles[1]["membership_count"], 2);
    assert_eq!(roles[1]["distinct_member_count"], 1);
    assert_eq!(roles[2]["membership_count"], 1);
    assert_eq!(roles[2]["level"], 5);

    let failures = check_roles(
        &app,
        &world,
        GET,
        &|_| path.to_owned(),
        &|_| None,
        [404, 404, 403, 403, 200, 200],
    )
    .await;
    assert!(failures.is_empty(), "{failures:#?}");
}
