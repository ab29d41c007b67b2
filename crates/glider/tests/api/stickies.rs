//! Stickies: the caller's own notes; Plane's defaults, sanitising, search, paging, privacy.

use glider_test_utils::{TestApp, TestUser, json_of};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::catalog::{check_roles, world};

const STICKIES: &str = "/api/v1/workspaces/acme/stickies/";

async fn create(app: &TestApp, user: &TestUser, body: Value) -> Value {
    json_of(
        app.post(user, STICKIES, body).send().await.unwrap(),
        StatusCode::CREATED,
    )
    .await
}

fn one(sticky: &Value) -> String {
    format!("{STICKIES}{}/", sticky["id"].as_str().unwrap())
}

#[tokio::test]
async fn a_sticky_gets_plane_defaults_and_clean_html() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let member = &world.users[3];
    let plain = create(&app, member, json!({ "sort_order": 3 })).await;
    assert_eq!(plain["description"], json!({}));
    assert_eq!(plain["description_html"], "<p></p>");
    assert_eq!(plain["description_stripped"], "");
    assert_eq!(plain["description_binary"], Value::Null);
    assert_eq!(plain["logo_props"], json!({}));
    assert_eq!(plain["name"], Value::Null);
    assert_eq!(
        plain["sort_order"], 65535.0,
        "sent sort_order is overridden"
    );
    assert_eq!(plain["owner"], member.id.to_string());
    assert_eq!(plain["created_by"], member.id.to_string());
    let rich = create(
        &app,
        member,
        json!({
            "name": "Groceries",
            "description_html": "<p onclick=\"x()\">Buy <b>milk</b><script>alert(1)</script></p>",
            "description_stripped": "ignored",
            "color": "#fff", "background_color": "#000", "logo_props": { "emoji": "🥛" },
        }),
    )
    .await;
    assert_eq!(rich["sort_order"], 75535.0);
    let html = rich["description_html"].as_str().unwrap();
    assert!(
        !html.contains("script") && !html.contains("onclick"),
        "{html}"
    );
    assert!(html.contains("<b>milk</b>"), "{html}");
    assert_eq!(rich["description_stripped"], "Buy milk");
    assert_eq!(rich["logo_props"]["emoji"], "🥛");
    let id = rich["id"].as_str().unwrap().parse().unwrap();
    let events = glider_db::repo::events::kinds_for_subject(app.ctx.db.conn(), id)
        .await
        .unwrap();
    assert_eq!(events, ["workspaces.sticky.created"]);
    let body = json_of(
        app.post(
            member,
            STICKIES,
            json!({ "description": null, "description_html": 5, "color": "x".repeat(256) }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["description"][0], "This field may not be null.");
    assert_eq!(body["description_html"][0], "Not a valid string.");
    assert_eq!(
        body["color"][0],
        "Ensure this field has no more than 255 characters."
    );
}

#[tokio::test]
async fn stickies_are_listed_newest_first_twenty_a_page_and_searchable() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let member = &world.users[3];
    for n in 0..21 {
        let html = if n == 4 {
            "<p>Call the PLUMBER 100%</p>".to_owned()
        } else {
            format!("<p>note {n}</p>")
        };
        create(&app, member, json!({ "description_html": html })).await;
    }
    let page = json_of(
        app.get(member, STICKIES).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(page["count"], 20);
    assert_eq!(page["total_count"], 21);
    assert_eq!(page["next_cursor"], "20:1:0");
    assert_eq!(page["results"][0]["description_stripped"], "note 20");
    let found = json_of(
        app.get(member, &format!("{STICKIES}?query=plumber"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(found["total_count"], 1);
    assert_eq!(
        found["results"][0]["description_stripped"],
        "Call the PLUMBER 100%"
    );
    let percent = json_of(
        app.get(member, &format!("{STICKIES}?query=0%25"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(percent["total_count"], 1, "% is matched literally");
    let body = json_of(
        app.get(member, &format!("{STICKIES}?per_page=0"))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["error"], "Invalid per_page parameter.");
}

#[tokio::test]
async fn stickies_are_private_to_their_owner() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let (member, admin) = (&world.users[3], &world.users[4]);
    let mine = create(&app, member, json!({ "name": "secret" })).await;
    let listed = json_of(
        app.get(admin, STICKIES).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        listed["total_count"], 0,
        "the admin sees none of the member's"
    );
    for method in [Method::GET, Method::PATCH, Method::PUT, Method::DELETE] {
        let response = app
            .as_user(admin, method.clone(), &one(&mine))
            .json(&json!({ "name": "mine now" }))
            .send()
            .await
            .unwrap();
        let body = json_of(response, StatusCode::NOT_FOUND).await;
        assert_eq!(
            body["detail"], "No Sticky matches the given query.",
            "{method}"
        );
        assert!(body.get("error").is_none(), "{body}");
    }
    let still = json_of(
        app.get(member, &one(&mine)).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(still["name"], "secret");
}

#[tokio::test]
async fn stickies_change_and_go() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let member = &world.users[3];
    let sticky = create(&app, member, json!({ "name": "a" })).await;
    let patched = json_of(
        app.patch(
            member,
            &one(&sticky),
            json!({ "name": null, "description_html": "<p>new text</p>", "sort_order": 1.5 }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(patched["name"], Value::Null);
    assert_eq!(patched["description_stripped"], "new text");
    assert_eq!(patched["sort_order"], 1.5);
    assert_eq!(patched["updated_by"], member.id.to_string());
    let put = json_of(
        app.as_user(member, Method::PUT, &one(&sticky))
            .json(&json!({ "color": "#abc" }))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(put["color"], "#abc");
    assert_eq!(
        put["description_stripped"], "new text",
        "PUT keeps absent fields"
    );
    let body = json_of(
        app.patch(member, &one(&sticky), json!({ "logo_props": null }))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["logo_props"][0], "This field may not be null.");
    assert_eq!(
        app.delete(member, &one(&sticky))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(member, &one(&sticky))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    let id = sticky["id"].as_str().unwrap().parse().unwrap();
    let events = glider_db::repo::events::kinds_for_subject(app.ctx.db.conn(), id)
        .await
        .unwrap();
    assert_eq!(
        events,
        [
            "workspaces.sticky.created",
            "workspaces.sticky.updated",
            "workspaces.sticky.updated",
            "workspaces.sticky.deleted"
        ]
    );
}

#[tokio::test]
async fn other_tenants_sticky_ids_are_not_found() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let eve = &world.users[0];
    let sticky = create(&app, world.owner(), json!({ "name": "plan" })).await;
    let id = sticky["id"].as_str().unwrap();
    for path in [
        format!("/api/v1/workspaces/other/stickies/{id}/"),
        format!("/api/v1/workspaces/acme/stickies/{id}/"),
        "/api/v1/workspaces/acme/stickies/".to_owned(),
    ] {
        for method in [Method::GET, Method::PATCH, Method::DELETE] {
            let response = app
                .as_user(eve, method.clone(), &path)
                .json(&json!({ "name": "mine" }))
                .send()
                .await
                .unwrap();
            let allowed = [StatusCode::NOT_FOUND, StatusCode::METHOD_NOT_ALLOWED];
            assert!(allowed.contains(&response.status()), "{method} {path}");
        }
    }
    let still = json_of(
        app.get(world.owner(), &one(&sticky)).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(still["name"], "plan");
}

#[tokio::test]
async fn every_workspace_member_keeps_stickies() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    // Each role makes its own sticky; outsiders and members of other workspaces cannot.
    let mut ids = Vec::new();
    for user in &world.users {
        let response = app
            .post(user, STICKIES, json!({ "name": "mine" }))
            .send()
            .await
            .unwrap();
        ids.push(if response.status() == StatusCode::CREATED {
            json_of(response, StatusCode::CREATED).await["id"]
                .as_str()
                .unwrap()
                .to_owned()
        } else {
            uuid::Uuid::now_v7().to_string()
        });
    }
    let path = |i: usize| format!("{STICKIES}{}/", ids[i]);
    let mut failures = Vec::new();
    let mine = [404, 404, 200, 200, 200, 200];
    failures.extend(
        check_roles(
            &app,
            &world,
            Method::GET,
            &|_| STICKIES.to_owned(),
            &|_| None,
            mine,
        )
        .await,
    );
    failures.extend(check_roles(&app, &world, Method::GET, &path, &|_| None, mine).await);
    failures.extend(
        check_roles(
            &app,
            &world,
            Method::PATCH,
            &path,
            &|_| Some(json!({ "color": "#111" })),
            mine,
        )
        .await,
    );
    failures.extend(
        check_roles(
            &app,
            &world,
            Method::POST,
            &|_| STICKIES.to_owned(),
            &|_| Some(json!({})),
            [404, 404, 201, 201, 201, 201],
        )
        .await,
    );
    failures.extend(
        check_roles(
            &app,
            &world,
            Method::DELETE,
            &path,
            &|_| None,
            [404, 404, 204, 204, 204, 204],
        )
        .await,
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
