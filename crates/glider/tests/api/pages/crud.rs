//! Creating, reading, editing and deleting pages in both scopes.

use glider_test_utils::TestApp;
use reqwest::Method;
use serde_json::json;

use super::{WS_PAGES, create_page, events, expect, id_of, project_pages, team};

#[tokio::test]
async fn workspace_pages_round_trip_in_plane_shape() {
    let app = TestApp::spawn().await;
    let t = team(&app).await;
    let workspace = expect(
        &app,
        &t.owner,
        Method::GET,
        "/api/v1/workspaces/acme/",
        None,
        200,
    )
    .await;
    let body = json!({
        "name": "  Spec ",
        "description_html": "<p onclick=\"x()\">Hello <b>world</b><script>alert(1)</script></p>",
        "logo_props": { "in_use": "emoji", "emoji": { "value": "128640" } },
        "unknown": "ignored",
    });
    let page = create_page(&app, &t.member, WS_PAGES, body).await;
    let id = id_of(&page);
    assert_eq!(page["name"], "Spec");
    let html = page["description_html"].as_str().unwrap();
    assert!(
        !html.contains("script") && !html.contains("onclick"),
        "{html}"
    );
    assert!(html.contains("<b>world</b>"), "{html}");
    assert_eq!(page["description_stripped"], "Hello world");
    assert_eq!(page["owned_by"], t.member.id.to_string());
    assert_eq!(page["created_by"], t.member.id.to_string());
    assert_eq!(page["updated_by"], json!(null));
    assert_eq!(page["access"], 0);
    assert_eq!(page["is_locked"], false);
    assert_eq!(page["is_favorite"], false);
    assert_eq!(page["archived_at"], json!(null));
    assert_eq!(page["parent"], json!(null));
    assert_eq!(page["parent_id"], json!(null));
    assert_eq!(page["project"], json!(null));
    assert_eq!(page["projects"], json!([]));
    assert_eq!(page["workspace"], workspace["id"]);
    assert_eq!(page["view_props"], json!({ "full_width": false }));
    assert_eq!(page["logo_props"]["in_use"], "emoji");
    assert_eq!(page["sort_order"], 65535.0);
    assert_eq!(page["color"], "");
    assert!(page.get("unknown").is_none());

    let path = format!("{WS_PAGES}{id}/");
    let fetched = expect(&app, &t.owner, Method::GET, &path, None, 200).await;
    assert_eq!(fetched, page);
    let reduced = expect(
        &app,
        &t.owner,
        Method::GET,
        &format!("{path}?fields=id,name"),
        None,
        200,
    )
    .await;
    assert_eq!(reduced, json!({ "id": id, "name": "Spec" }));
    let list = expect(&app, &t.owner, Method::GET, WS_PAGES, None, 200).await;
    assert_eq!(list["total_count"], 1);
    assert_eq!(list["results"][0]["id"], id);

    let body = json!({
        "name": "Spec v2",
        "description_html": "<p>New <i>text</i></p>",
        "color": "#ffaa00",
    });
    let updated = expect(&app, &t.member, Method::PATCH, &path, Some(body), 200).await;
    assert_eq!(updated["name"], "Spec v2");
    assert_eq!(updated["description_stripped"], "New text");
    assert_eq!(updated["color"], "#ffaa00");
    assert_eq!(updated["updated_by"], t.member.id.to_string());
    // The SDK updates with PUT: the same partial update.
    let put = expect(
        &app,
        &t.member,
        Method::PUT,
        &path,
        Some(json!({ "name": "Spec v3" })),
        200,
    )
    .await;
    assert_eq!(put["name"], "Spec v3");
    assert_eq!(put["color"], "#ffaa00");

    // Plane deletes archived pages only.
    let error = expect(&app, &t.member, Method::DELETE, &path, None, 400).await;
    assert_eq!(error["code"], "page_not_archived");
    assert_eq!(
        error["error"],
        "The page should be archived before deleting"
    );
    expect(
        &app,
        &t.member,
        Method::POST,
        &format!("{path}archive/"),
        None,
        200,
    )
    .await;
    expect(&app, &t.member, Method::DELETE, &path, None, 204).await;
    let gone = expect(&app, &t.member, Method::GET, &path, None, 404).await;
    assert_eq!(gone["code"], "page_not_found");
    assert_eq!(gone["error"], "The requested resource does not exist.");
    let list = expect(&app, &t.owner, Method::GET, WS_PAGES, None, 200).await;
    assert_eq!(list["total_count"], 0);
    assert_eq!(
        events(&app, &id).await,
        [
            "pages.page.created",
            "pages.page.updated",
            "pages.page.updated",
            "pages.page.archived",
            "pages.page.deleted"
        ],
        "one outbox event per change"
    );
}

#[tokio::test]
async fn project_pages_stay_in_their_project() {
    let app = TestApp::spawn().await;
    let t = team(&app).await;
    let base = project_pages(&t.project);
    let first = create_page(&app, &t.member, &base, json!({ "name": "Plan" })).await;
    assert_eq!(first["project"], t.project);
    assert_eq!(first["projects"], json!([t.project]));
    assert_eq!(first["project_ids"], json!([t.project]));
    assert_eq!(first["description_html"], "<p></p>");
    let second = create_page(&app, &t.member, &base, json!({ "name": "Notes" })).await;
    assert_eq!(second["sort_order"], 75535.0, "after its siblings");
    let global = create_page(&app, &t.owner, WS_PAGES, json!({ "name": "Handbook" })).await;

    let list = expect(&app, &t.member, Method::GET, &base, None, 200).await;
    assert_eq!(list["total_count"], 2);
    assert_eq!(list["results"][0]["id"], second["id"], "newest first");
    let list = expect(&app, &t.member, Method::GET, WS_PAGES, None, 200).await;
    assert_eq!(list["total_count"], 1);
    assert_eq!(list["results"][0]["id"], global["id"]);

    // A page is reachable only under its own scope.
    let wrong = [
        format!("{WS_PAGES}{}/", id_of(&first)),
        format!("{base}{}/", id_of(&global)),
        format!("{}{}/", project_pages(&t.secret), id_of(&first)),
    ];
    for path in wrong {
        expect(&app, &t.owner, Method::GET, &path, None, 404).await;
        let body = Some(json!({ "name": "x" }));
        expect(&app, &t.owner, Method::PATCH, &path, body, 404).await;
        expect(&app, &t.owner, Method::DELETE, &path, None, 404).await;
    }
    let path = format!("{base}{}/", id_of(&first));
    let fetched = expect(&app, &t.guest, Method::GET, &path, None, 200).await;
    assert_eq!(fetched["name"], "Plan");
}

#[tokio::test]
async fn lists_paginate_and_put_favorites_first() {
    let app = TestApp::spawn().await;
    let t = team(&app).await;
    let mut ids = Vec::new();
    for name in ["a", "b", "c"] {
        ids.push(id_of(
            &create_page(&app, &t.member, WS_PAGES, json!({ "name": name })).await,
        ));
    }
    let first = expect(
        &app,
        &t.member,
        Method::GET,
        &format!("{WS_PAGES}?per_page=2"),
        None,
        200,
    )
    .await;
    assert_eq!(first["total_count"], 3);
    assert_eq!(first["count"], 2);
    assert_eq!(first["next_cursor"], "2:1:0");
    assert_eq!(first["next_page_results"], true);
    assert_eq!(first["results"][0]["name"], "c");
    let second = expect(
        &app,
        &t.member,
        Method::GET,
        &format!("{WS_PAGES}?per_page=2&cursor=2:1:0"),
        None,
        200,
    )
    .await;
    assert_eq!(second["count"], 1);
    assert_eq!(second["results"][0]["name"], "a");
    assert_eq!(second["prev_page_results"], true);
    let bad = expect(
        &app,
        &t.member,
        Method::GET,
        &format!("{WS_PAGES}?per_page=0"),
        None,
        400,
    )
    .await;
    assert_eq!(bad["detail"], "Invalid per_page parameter.");

    let body = json!({ "entity_type": "page", "entity_identifier": ids[0] });
    expect(
        &app,
        &t.member,
        Method::POST,
        "/api/v1/workspaces/acme/user-favorites/",
        Some(body),
        201,
    )
    .await;
    let list = expect(&app, &t.member, Method::GET, WS_PAGES, None, 200).await;
    let names: Vec<&str> = list["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["a", "c", "b"], "favorites first, then newest");
    assert_eq!(list["results"][0]["is_favorite"], true);
    assert_eq!(list["results"][1]["is_favorite"], false);
    let page = expect(
        &app,
        &t.member,
        Method::GET,
        &format!("{WS_PAGES}{}/", ids[0]),
        None,
        200,
    )
    .await;
    assert_eq!(page["is_favorite"], true);
    // Favorites are personal.
    let page = expect(
        &app,
        &t.owner,
        Method::GET,
        &format!("{WS_PAGES}{}/", ids[0]),
        None,
        200,
    )
    .await;
    assert_eq!(page["is_favorite"], false);
}
