//! Favorites through HTTP: projects, views and pages; one per entity; only what stays visible.

use glider_test_utils::TestApp;
use reqwest::Method;
use serde_json::{Value, json};

use crate::pages::{WS_PAGES, create_page, events, expect, id_of, project_pages, send, team};

const FAVORITES: &str = "/api/v1/workspaces/acme/user-favorites/";

fn favorite(entity_type: &str, id: &Value) -> Option<Value> {
    Some(json!({ "entity_type": entity_type, "entity_identifier": id }))
}

fn listed(list: &Value) -> Vec<String> {
    list["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["entity_identifier"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn favorites_of_projects_views_and_pages() {
    let app = TestApp::spawn().await;
    let t = team(&app).await;
    let page = create_page(
        &app,
        &t.member,
        &project_pages(&t.project),
        json!({ "name": "Plan", "logo_props": { "in_use": "emoji" } }),
    )
    .await;
    let view = expect(
        &app,
        &t.member,
        Method::POST,
        "/api/v1/workspaces/acme/views/",
        Some(json!({ "name": "Mine" })),
        201,
    )
    .await;
    let project = json!(t.project);

    let made = expect(
        &app,
        &t.member,
        Method::POST,
        FAVORITES,
        favorite("project", &project),
        201,
    )
    .await;
    assert_eq!(made["entity_type"], "project");
    assert_eq!(made["entity_identifier"], project);
    assert_eq!(made["entity_data"]["name"], "Web");
    assert_eq!(made["project_id"], project);
    assert_eq!(made["sequence"], 65535.0);
    let on_page = expect(
        &app,
        &t.member,
        Method::POST,
        FAVORITES,
        favorite("page", &page["id"]),
        201,
    )
    .await;
    assert_eq!(
        on_page["entity_data"],
        json!({
            "id": page["id"],
            "name": "Plan",
            "logo_props": { "in_use": "emoji" },
            "project_id": project,
        })
    );
    assert_eq!(on_page["sequence"], 75535.0);
    let on_view = expect(
        &app,
        &t.member,
        Method::POST,
        FAVORITES,
        favorite("view", &view["id"]),
        201,
    )
    .await;
    assert_eq!(on_view["project_id"], json!(null));

    let list = expect(&app, &t.member, Method::GET, FAVORITES, None, 200).await;
    assert_eq!(list["total_count"], 3);
    assert_eq!(
        listed(&list),
        [t.project.clone(), id_of(&page), id_of(&view)]
    );
    let duplicate = expect(
        &app,
        &t.member,
        Method::POST,
        FAVORITES,
        favorite("page", &page["id"]),
        409,
    )
    .await;
    assert_eq!(duplicate["code"], "conflict");
    assert!(duplicate["fields"]["entity_identifier"].is_array());
    // Someone else may favorite the same page.
    expect(
        &app,
        &t.other,
        Method::POST,
        FAVORITES,
        favorite("page", &page["id"]),
        201,
    )
    .await;
    let views = expect(
        &app,
        &t.member,
        Method::GET,
        "/api/v1/workspaces/acme/views/",
        None,
        200,
    )
    .await;
    assert_eq!(views["results"][0]["is_favorite"], true);
    let fetched = expect(
        &app,
        &t.other,
        Method::GET,
        &format!("/api/v1/workspaces/acme/views/{}/", id_of(&view)),
        None,
        200,
    )
    .await;
    assert_eq!(fetched["is_favorite"], false);

    let path = format!("{FAVORITES}{}/", id_of(&on_page));
    expect(&app, &t.other, Method::DELETE, &path, None, 404).await;
    expect(&app, &t.member, Method::DELETE, &path, None, 204).await;
    expect(&app, &t.member, Method::DELETE, &path, None, 404).await;
    let list = expect(
        &app,
        &t.member,
        Method::GET,
        &format!("{FAVORITES}?per_page=1"),
        None,
        200,
    )
    .await;
    assert_eq!(list["total_count"], 2);
    assert_eq!(list["count"], 1);
    let page_view = expect(
        &app,
        &t.member,
        Method::GET,
        &format!("{}{}/", project_pages(&t.project), id_of(&page)),
        None,
        200,
    )
    .await;
    assert_eq!(page_view["is_favorite"], false);
    assert_eq!(
        events(&app, &id_of(&on_page)).await,
        ["workspaces.favorite.created", "workspaces.favorite.deleted"]
    );
}

#[tokio::test]
async fn favorite_input_is_checked() {
    let app = TestApp::spawn().await;
    let t = team(&app).await;
    let some = json!(uuid::Uuid::now_v7());
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            json!({ "entity_identifier": some }),
            "entity_type",
            "This field is required.",
        ),
        (
            json!({ "entity_type": "issue", "entity_identifier": some }),
            "entity_type",
            "\"issue\" is not a valid choice.",
        ),
        (
            json!({ "entity_type": null, "entity_identifier": some }),
            "entity_type",
            "This field may not be null.",
        ),
        (
            json!({ "entity_type": "page" }),
            "entity_identifier",
            "This field is required.",
        ),
        (
            json!({ "entity_type": "page", "entity_identifier": null }),
            "entity_identifier",
            "This field may not be null.",
        ),
        (
            json!({ "entity_type": "page", "entity_identifier": "x" }),
            "entity_identifier",
            "Must be a valid UUID.",
        ),
    ];
    for (body, field, message) in cases {
        let error = expect(
            &app,
            &t.member,
            Method::POST,
            FAVORITES,
            Some(body.clone()),
            400,
        )
        .await;
        assert_eq!(error["fields"][field][0], message, "{body}: {error}");
    }
    let missing = expect(
        &app,
        &t.member,
        Method::POST,
        FAVORITES,
        favorite("view", &some),
        404,
    )
    .await;
    assert_eq!(missing["code"], "view_not_found");
    let list = expect(&app, &t.member, Method::GET, FAVORITES, None, 200).await;
    assert_eq!(list["total_count"], 0);
}

#[tokio::test]
async fn only_what_the_user_can_see() {
    let app = TestApp::spawn().await;
    let t = team(&app).await;
    // Things the member cannot see cannot be favorited.
    let private = create_page(
        &app,
        &t.other,
        WS_PAGES,
        json!({ "name": "Diary", "access": 1 }),
    )
    .await;
    let secret_page = create_page(
        &app,
        &t.owner,
        &project_pages(&t.secret),
        json!({ "name": "S" }),
    )
    .await;
    let theirs = create_page(
        &app,
        &t.outsider,
        "/api/v1/workspaces/other/pages/",
        json!({ "name": "x" }),
    )
    .await;
    let far = app.create_project(&t.outsider, "other", "Far", "FAR").await;
    for (kind, id) in [
        ("page", &private["id"]),
        ("page", &secret_page["id"]),
        ("project", &json!(t.secret)),
        ("page", &theirs["id"]),
        ("project", &far["id"]),
    ] {
        let error = expect(
            &app,
            &t.member,
            Method::POST,
            FAVORITES,
            favorite(kind, id),
            404,
        )
        .await;
        assert_eq!(error["code"], format!("{kind}_not_found"));
    }
    // Favorites drop out when their entity goes out of sight, and come back with it.
    let shared = create_page(&app, &t.other, WS_PAGES, json!({ "name": "Shared" })).await;
    let doomed = create_page(&app, &t.member, WS_PAGES, json!({ "name": "Doomed" })).await;
    let project = app.create_project(&t.owner, "acme", "Temp", "TMP").await;
    for (kind, id) in [
        ("page", &shared["id"]),
        ("page", &doomed["id"]),
        ("project", &project["id"]),
    ] {
        expect(
            &app,
            &t.member,
            Method::POST,
            FAVORITES,
            favorite(kind, id),
            201,
        )
        .await;
    }
    let list = expect(&app, &t.member, Method::GET, FAVORITES, None, 200).await;
    assert_eq!(list["total_count"], 3);
    let shared_path = format!("{WS_PAGES}{}/", id_of(&shared));
    expect(
        &app,
        &t.other,
        Method::PATCH,
        &shared_path,
        Some(json!({ "access": 1 })),
        200,
    )
    .await;
    let doomed_path = format!("{WS_PAGES}{}/", id_of(&doomed));
    let archive = format!("{doomed_path}archive/");
    expect(&app, &t.member, Method::POST, &archive, None, 200).await;
    expect(&app, &t.member, Method::DELETE, &doomed_path, None, 204).await;
    expect(
        &app,
        &t.owner,
        Method::DELETE,
        &format!("/api/v1/workspaces/acme/projects/{}/", id_of(&project)),
        None,
        204,
    )
    .await;
    let list = expect(&app, &t.member, Method::GET, FAVORITES, None, 200).await;
    assert_eq!(list["total_count"], 0, "{list}");
    expect(
        &app,
        &t.other,
        Method::PATCH,
        &shared_path,
        Some(json!({ "access": 0 })),
        200,
    )
    .await;
    let list = expect(&app, &t.member, Method::GET, FAVORITES, None, 200).await;
    assert_eq!(listed(&list), [id_of(&shared)]);
}

#[tokio::test]
async fn favorite_roles_and_tenants() {
    let app = TestApp::spawn().await;
    let t = team(&app).await;
    let page = create_page(&app, &t.member, WS_PAGES, json!({ "name": "Read me" })).await;
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
            FAVORITES,
            favorite("page", &page["id"]),
            status,
        )
        .await;
    }
    let list = expect(&app, &t.guest, Method::GET, FAVORITES, None, 200).await;
    assert_eq!(list["total_count"], 0);
    expect(&app, &t.outsider, Method::GET, FAVORITES, None, 404).await;
    let mine = expect(&app, &t.member, Method::GET, FAVORITES, None, 200).await;
    let path = format!("{FAVORITES}{}/", mine["results"][0]["id"].as_str().unwrap());
    for user in [&t.owner, &t.admin, &t.guest, &t.outsider] {
        let (status, body) = send(&app, user, Method::DELETE, &path, None).await;
        assert_eq!(status.as_u16(), 404, "{}: {body}", user.email);
    }
    // A favorite in another workspace is not found under this one.
    let theirs = create_page(
        &app,
        &t.outsider,
        "/api/v1/workspaces/other/pages/",
        json!({ "name": "x" }),
    )
    .await;
    let elsewhere = expect(
        &app,
        &t.outsider,
        Method::POST,
        "/api/v1/workspaces/other/user-favorites/",
        favorite("page", &theirs["id"]),
        201,
    )
    .await;
    let path = format!("{FAVORITES}{}/", id_of(&elsewhere));
    expect(&app, &t.owner, Method::DELETE, &path, None, 404).await;
    expect(&app, &t.outsider, Method::DELETE, &path, None, 404).await;
    let list = expect(
        &app,
        &t.outsider,
        Method::GET,
        "/api/v1/workspaces/other/user-favorites/",
        None,
        200,
    )
    .await;
    assert_eq!(list["total_count"], 1);
}
