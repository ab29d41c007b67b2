//! Saved views through HTTP: shape, rules, private views, locking, roles and tenants.

use glider_test_utils::TestApp;
use reqwest::Method;
use serde_json::{Value, json};

use crate::pages::{events, expect, id_of, send, team};

const WS_VIEWS: &str = "/api/v1/workspaces/acme/views/";

fn project_views(project: &str) -> String {
    format!("/api/v1/workspaces/acme/projects/{project}/views/")
}

async fn create_view(
    app: &TestApp,
    user: &glider_test_utils::TestUser,
    base: &str,
    body: Value,
) -> Value {
    expect(app, user, Method::POST, base, Some(body), 201).await
}

#[tokio::test]
async fn views_round_trip_in_both_scopes() {
    let app = TestApp::spawn().await;
    let t = team(&app).await;
    let body = json!({
        "name": " Urgent ",
        "description": "What burns",
        "filters": { "priority": ["urgent"] },
        "display_filters": { "layout": "list" },
        "display_properties": { "assignee": true },
    });
    let view = create_view(&app, &t.member, WS_VIEWS, body).await;
    let id = id_of(&view);
    assert_eq!(view["name"], "Urgent");
    assert_eq!(view["description"], "What burns");
    assert_eq!(view["filters"], json!({ "priority": ["urgent"] }));
    assert_eq!(view["display_filters"], json!({ "layout": "list" }));
    assert_eq!(view["display_properties"], json!({ "assignee": true }));
    assert_eq!(view["logo_props"], json!({}));
    assert_eq!(view["access"], 1, "shared by default");
    assert_eq!(view["owned_by"], t.member.id.to_string());
    assert_eq!(view["is_locked"], false);
    assert_eq!(view["is_favorite"], false);
    assert_eq!(view["sort_order"], 65535.0);
    assert_eq!(view["project"], json!(null));
    let path = format!("{WS_VIEWS}{id}/");
    assert_eq!(
        expect(&app, &t.guest, Method::GET, &path, None, 200).await,
        view
    );
    let reduced = expect(
        &app,
        &t.guest,
        Method::GET,
        &format!("{path}?fields=name"),
        None,
        200,
    )
    .await;
    assert_eq!(reduced, json!({ "name": "Urgent" }));
    let body = json!({ "filters": { "state_group": ["started"] }, "sort_order": 10.5 });
    let updated = expect(&app, &t.member, Method::PATCH, &path, Some(body), 200).await;
    assert_eq!(updated["filters"], json!({ "state_group": ["started"] }));
    assert_eq!(updated["sort_order"], 10.5);
    assert_eq!(updated["name"], "Urgent");
    assert_eq!(updated["updated_by"], t.member.id.to_string());

    let base = project_views(&t.project);
    let second = create_view(
        &app,
        &t.member,
        &base,
        json!({ "name": "B", "sort_order": 2.0 }),
    )
    .await;
    let first = create_view(
        &app,
        &t.other,
        &base,
        json!({ "name": "A", "sort_order": 1.0 }),
    )
    .await;
    assert_eq!(first["project"], t.project);
    let list = expect(&app, &t.guest, Method::GET, &base, None, 200).await;
    assert_eq!(list["total_count"], 2);
    assert_eq!(list["results"][0]["id"], first["id"], "by sort order");
    let list = expect(
        &app,
        &t.guest,
        Method::GET,
        &format!("{base}?per_page=1&cursor=1:1:0"),
        None,
        200,
    )
    .await;
    assert_eq!(list["results"][0]["id"], second["id"]);
    let list = expect(&app, &t.guest, Method::GET, WS_VIEWS, None, 200).await;
    assert_eq!(list["total_count"], 1, "scopes do not mix");
    // A view is reachable only under its own scope.
    expect(
        &app,
        &t.owner,
        Method::GET,
        &format!("{WS_VIEWS}{}/", id_of(&first)),
        None,
        404,
    )
    .await;
    expect(
        &app,
        &t.owner,
        Method::GET,
        &format!("{base}{id}/"),
        None,
        404,
    )
    .await;
    expect(
        &app,
        &t.owner,
        Method::DELETE,
        &format!("{}{}/", project_views(&t.secret), id_of(&first)),
        None,
        404,
    )
    .await;

    expect(&app, &t.member, Method::DELETE, &path, None, 204).await;
    let gone = expect(&app, &t.member, Method::GET, &path, None, 404).await;
    assert_eq!(gone["code"], "view_not_found");
    assert_eq!(
        events(&app, &id).await,
        [
            "tracker.view.created",
            "tracker.view.updated",
            "tracker.view.deleted"
        ]
    );
}

#[tokio::test]
async fn view_input_is_checked() {
    let app = TestApp::spawn().await;
    let t = team(&app).await;
    let long = "x".repeat(256);
    let cases: Vec<(Value, &str, &str)> = vec![
        (json!({}), "name", "This field is required."),
        (
            json!({ "name": null }),
            "name",
            "This field may not be null.",
        ),
        (
            json!({ "name": "   " }),
            "name",
            "This field may not be blank.",
        ),
        (
            json!({ "name": long }),
            "name",
            "Ensure this field has no more than 255 characters.",
        ),
        (
            json!({ "name": "v", "filters": [1] }),
            "filters",
            "Expected a dictionary of items but got type \"list\".",
        ),
        (
            json!({ "name": "v", "display_filters": null }),
            "display_filters",
            "This field may not be null.",
        ),
        (
            json!({ "name": "v", "display_properties": 3 }),
            "display_properties",
            "Expected a dictionary of items but got type \"int\".",
        ),
        (
            json!({ "name": "v", "access": 2 }),
            "access",
            "\"2\" is not a valid choice.",
        ),
        (
            json!({ "name": "v", "is_locked": 1 }),
            "is_locked",
            "Must be a valid boolean.",
        ),
        (
            json!({ "name": "v", "sort_order": "a" }),
            "sort_order",
            "A valid number is required.",
        ),
        (
            json!({ "name": "v", "description": 7 }),
            "description",
            "Not a valid string.",
        ),
    ];
    for (body, field, message) in cases {
        let error = expect(
            &app,
            &t.member,
            Method::POST,
            WS_VIEWS,
            Some(body.clone()),
            400,
        )
        .await;
        assert_eq!(error["fields"][field][0], message, "{body}: {error}");
    }
    let view = create_view(&app, &t.member, WS_VIEWS, json!({ "name": "v" })).await;
    let path = format!("{WS_VIEWS}{}/", id_of(&view));
    let error = expect(
        &app,
        &t.member,
        Method::PATCH,
        &path,
        Some(json!({ "name": "" })),
        400,
    )
    .await;
    assert_eq!(error["fields"]["name"][0], "This field may not be blank.");
    let list = expect(&app, &t.member, Method::GET, WS_VIEWS, None, 200).await;
    assert_eq!(list["total_count"], 1);
}

#[tokio::test]
async fn private_and_locked_views() {
    let app = TestApp::spawn().await;
    let t = team(&app).await;
    let private = create_view(
        &app,
        &t.member,
        WS_VIEWS,
        json!({ "name": "Mine", "access": 0 }),
    )
    .await;
    let path = format!("{WS_VIEWS}{}/", id_of(&private));
    for user in [&t.owner, &t.admin, &t.other] {
        expect(&app, user, Method::GET, &path, None, 404).await;
        expect(&app, user, Method::DELETE, &path, None, 404).await;
        let list = expect(&app, user, Method::GET, WS_VIEWS, None, 200).await;
        assert_eq!(list["total_count"], 0);
    }
    let shared = create_view(&app, &t.member, WS_VIEWS, json!({ "name": "Ours" })).await;
    let path = format!("{WS_VIEWS}{}/", id_of(&shared));
    let error = expect(
        &app,
        &t.admin,
        Method::PATCH,
        &path,
        Some(json!({ "access": 0 })),
        400,
    )
    .await;
    assert_eq!(error["code"], "view_access_owner_only");
    let locked = expect(
        &app,
        &t.member,
        Method::PATCH,
        &path,
        Some(json!({ "is_locked": true })),
        200,
    )
    .await;
    assert_eq!(locked["is_locked"], true);
    for body in [
        json!({ "name": "x" }),
        json!({ "is_locked": false, "filters": {} }),
    ] {
        let error = expect(&app, &t.admin, Method::PATCH, &path, Some(body), 400).await;
        assert_eq!(error["code"], "view_locked");
        assert_eq!(error["error"], "view is locked");
    }
    let error = expect(&app, &t.member, Method::DELETE, &path, None, 400).await;
    assert_eq!(error["code"], "view_locked");
    expect(
        &app,
        &t.admin,
        Method::PATCH,
        &path,
        Some(json!({ "is_locked": false })),
        200,
    )
    .await;
    expect(
        &app,
        &t.member,
        Method::PATCH,
        &path,
        Some(json!({ "access": 0 })),
        200,
    )
    .await;
    expect(&app, &t.admin, Method::GET, &path, None, 404).await;
}

#[tokio::test]
async fn view_roles_and_tenants() {
    let app = TestApp::spawn().await;
    let t = team(&app).await;
    for (user, status) in [
        (&t.owner, 201),
        (&t.admin, 201),
        (&t.member, 201),
        (&t.guest, 403),
        (&t.outsider, 404),
    ] {
        expect(
            &app,
            user,
            Method::POST,
            WS_VIEWS,
            Some(json!({ "name": "v" })),
            status,
        )
        .await;
    }
    let base = project_views(&t.project);
    for (user, status) in [(&t.member, 201), (&t.guest, 403), (&t.outsider, 404)] {
        expect(
            &app,
            user,
            Method::POST,
            &base,
            Some(json!({ "name": "p" })),
            status,
        )
        .await;
    }
    let view = create_view(&app, &t.member, &base, json!({ "name": "Board" })).await;
    let path = format!("{base}{}/", id_of(&view));
    expect(&app, &t.guest, Method::GET, &path, None, 200).await;
    for user in [&t.other, &t.guest] {
        expect(
            &app,
            user,
            Method::PATCH,
            &path,
            Some(json!({ "name": "x" })),
            403,
        )
        .await;
        expect(&app, user, Method::DELETE, &path, None, 403).await;
    }
    expect(
        &app,
        &t.admin,
        Method::PATCH,
        &path,
        Some(json!({ "name": "Admin" })),
        200,
    )
    .await;
    expect(&app, &t.outsider, Method::GET, &path, None, 404).await;
    for user in [&t.member, &t.guest] {
        expect(
            &app,
            user,
            Method::GET,
            &project_views(&t.secret),
            None,
            404,
        )
        .await;
    }
    // Another tenant's views and projects are not found.
    let theirs = create_view(
        &app,
        &t.outsider,
        "/api/v1/workspaces/other/views/",
        json!({ "name": "x" }),
    )
    .await;
    let far = app.create_project(&t.outsider, "other", "Far", "FAR").await;
    let far_view = create_view(
        &app,
        &t.outsider,
        &format!("/api/v1/workspaces/other/projects/{}/views/", id_of(&far)),
        json!({ "name": "y" }),
    )
    .await;
    for path in [
        format!("{WS_VIEWS}{}/", id_of(&theirs)),
        format!("{WS_VIEWS}{}/", id_of(&far_view)),
        format!("{base}{}/", id_of(&far_view)),
        format!("{}{}/", project_views(&id_of(&far)), id_of(&far_view)),
        format!("/api/v1/workspaces/other/views/{}/", id_of(&theirs)),
    ] {
        for (method, body) in [
            (Method::GET, None),
            (Method::PATCH, Some(json!({ "name": "z" }))),
            (Method::DELETE, None),
        ] {
            let (status, body) = send(&app, &t.owner, method.clone(), &path, body).await;
            assert_eq!(status.as_u16(), 404, "{method} {path}: {body}");
        }
    }
    expect(
        &app,
        &t.owner,
        Method::POST,
        &project_views(&id_of(&far)),
        Some(json!({ "name": "z" })),
        404,
    )
    .await;
}
