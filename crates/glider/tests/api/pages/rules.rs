//! Input rules, sub-pages, locking and archiving.

use glider_test_utils::TestApp;
use reqwest::Method;
use serde_json::{Value, json};

use super::{WS_PAGES, create_page, events, expect, id_of, project_pages, team};

#[tokio::test]
async fn page_input_follows_plane_rules() {
    let app = TestApp::spawn().await;
    let t = team(&app).await;
    let long = "x".repeat(256);
    let unknown = uuid::Uuid::now_v7();
    let cases: Vec<(Value, &str, String)> = vec![
        (
            json!({ "access": 5 }),
            "access",
            "\"5\" is not a valid choice.".into(),
        ),
        (
            json!({ "access": "public" }),
            "access",
            "A valid integer is required.".into(),
        ),
        (
            json!({ "name": long }),
            "name",
            "Ensure this field has no more than 255 characters.".into(),
        ),
        (
            json!({ "name": null }),
            "name",
            "This field may not be null.".into(),
        ),
        (
            json!({ "logo_props": "x" }),
            "logo_props",
            "Expected a dictionary of items but got type \"str\".".into(),
        ),
        (
            json!({ "view_props": null }),
            "view_props",
            "This field may not be null.".into(),
        ),
        (
            json!({ "description_html": 5 }),
            "description_html",
            "Not a valid string.".into(),
        ),
        (
            json!({ "description_html": null }),
            "description_html",
            "This field may not be null.".into(),
        ),
        (
            json!({ "is_locked": "yes" }),
            "is_locked",
            "Must be a valid boolean.".into(),
        ),
        (
            json!({ "sort_order": "first" }),
            "sort_order",
            "A valid number is required.".into(),
        ),
        (
            json!({ "parent_id": "nope" }),
            "parent_id",
            "Must be a valid UUID.".into(),
        ),
        (
            json!({ "parent": unknown }),
            "parent",
            format!("Invalid pk \"{unknown}\" - object does not exist."),
        ),
        (
            json!({ "color": long }),
            "color",
            "Ensure this field has no more than 255 characters.".into(),
        ),
    ];
    for (body, field, message) in cases {
        let error = expect(
            &app,
            &t.member,
            Method::POST,
            WS_PAGES,
            Some(body.clone()),
            400,
        )
        .await;
        assert_eq!(error["code"], "validation_failed", "{body}");
        assert_eq!(
            error["fields"][field][0],
            message.as_str(),
            "{body}: {error}"
        );
        assert_eq!(
            error[field][0],
            message.as_str(),
            "Plane's top-level key: {error}"
        );
    }
    let error = expect(
        &app,
        &t.member,
        Method::POST,
        WS_PAGES,
        Some(json!({ "archived_at": "soon" })),
        400,
    )
    .await;
    assert!(
        error["fields"]["archived_at"][0]
            .as_str()
            .unwrap()
            .starts_with("Datetime has wrong format")
    );
    let error = expect(
        &app,
        &t.member,
        Method::POST,
        WS_PAGES,
        Some(json!([1])),
        400,
    )
    .await;
    assert_eq!(
        error["fields"]["non_field_errors"][0],
        "Invalid data. Expected a dictionary."
    );
    let list = expect(&app, &t.member, Method::GET, WS_PAGES, None, 200).await;
    assert_eq!(list["total_count"], 0, "nothing half-written");
    // Blank names are allowed, as in Plane.
    let page = create_page(&app, &t.member, WS_PAGES, json!({ "name": "" })).await;
    assert_eq!(page["name"], "");
}

#[tokio::test]
async fn sub_pages_stay_in_scope_and_never_loop() {
    let app = TestApp::spawn().await;
    let t = team(&app).await;
    let root = create_page(&app, &t.member, WS_PAGES, json!({ "name": "root" })).await;
    let child = create_page(
        &app,
        &t.member,
        WS_PAGES,
        json!({ "name": "child", "parent_id": root["id"] }),
    )
    .await;
    assert_eq!(child["parent"], root["id"]);
    assert_eq!(child["parent_id"], root["id"]);
    assert_eq!(child["sort_order"], 65535.0, "first under its parent");
    let root_path = format!("{WS_PAGES}{}/", id_of(&root));
    let child_path = format!("{WS_PAGES}{}/", id_of(&child));
    for parent in [&child["id"], &root["id"]] {
        let error = expect(
            &app,
            &t.member,
            Method::PATCH,
            &root_path,
            Some(json!({ "parent": parent })),
            400,
        )
        .await;
        assert_eq!(
            error["fields"]["parent"][0],
            "A page cannot be placed under itself or one of its sub-pages."
        );
    }
    let project_page = create_page(
        &app,
        &t.member,
        &project_pages(&t.project),
        json!({ "name": "p" }),
    )
    .await;
    let private = create_page(
        &app,
        &t.other,
        WS_PAGES,
        json!({ "name": "mine", "access": 1 }),
    )
    .await;
    for foreign in [&project_page["id"], &private["id"]] {
        let error = expect(
            &app,
            &t.member,
            Method::PATCH,
            &child_path,
            Some(json!({ "parent_id": foreign })),
            400,
        )
        .await;
        let message = format!(
            "Invalid pk \"{}\" - object does not exist.",
            foreign.as_str().unwrap()
        );
        assert_eq!(error["fields"]["parent_id"][0], message.as_str());
    }
    // Deleting a parent moves its children to the top level.
    expect(
        &app,
        &t.member,
        Method::POST,
        &format!("{root_path}archive/"),
        None,
        200,
    )
    .await;
    expect(&app, &t.member, Method::DELETE, &root_path, None, 204).await;
    let child = expect(&app, &t.member, Method::GET, &child_path, None, 200).await;
    assert_eq!(child["parent"], json!(null));
    assert!(child["archived_at"].is_string(), "archived with its parent");
    expect(
        &app,
        &t.member,
        Method::DELETE,
        &format!("{child_path}archive/"),
        None,
        204,
    )
    .await;
    let moved = expect(
        &app,
        &t.member,
        Method::PATCH,
        &child_path,
        Some(json!({ "parent": private["id"] })),
        400,
    )
    .await;
    assert!(moved["fields"]["parent"].is_array());
}

#[tokio::test]
async fn locked_pages_refuse_every_change_but_unlocking() {
    let app = TestApp::spawn().await;
    let t = team(&app).await;
    let page = create_page(&app, &t.member, WS_PAGES, json!({ "name": "Frozen" })).await;
    let id = id_of(&page);
    let path = format!("{WS_PAGES}{id}/");
    expect(
        &app,
        &t.member,
        Method::POST,
        &format!("{path}lock/"),
        None,
        204,
    )
    .await;
    let locked = expect(&app, &t.member, Method::GET, &path, None, 200).await;
    assert_eq!(locked["is_locked"], true);
    for body in [
        json!({ "name": "x" }),
        json!({ "is_locked": false, "name": "x" }),
    ] {
        let error = expect(&app, &t.member, Method::PATCH, &path, Some(body), 400).await;
        assert_eq!(error["code"], "page_locked");
        assert_eq!(error["error"], "Page is locked");
    }
    let error = expect(
        &app,
        &t.admin,
        Method::POST,
        &format!("{path}archive/"),
        None,
        400,
    )
    .await;
    assert_eq!(error["code"], "page_locked");
    let error = expect(&app, &t.admin, Method::DELETE, &path, None, 400).await;
    assert_eq!(error["code"], "page_locked");
    let unlocked = expect(
        &app,
        &t.member,
        Method::PATCH,
        &path,
        Some(json!({ "is_locked": false })),
        200,
    )
    .await;
    assert_eq!(unlocked["is_locked"], false);
    let relocked = expect(
        &app,
        &t.member,
        Method::PATCH,
        &path,
        Some(json!({ "is_locked": true })),
        200,
    )
    .await;
    assert_eq!(relocked["is_locked"], true);
    expect(
        &app,
        &t.member,
        Method::DELETE,
        &format!("{path}lock/"),
        None,
        204,
    )
    .await;
    let renamed = expect(
        &app,
        &t.member,
        Method::PATCH,
        &path,
        Some(json!({ "name": "Thawed" })),
        200,
    )
    .await;
    assert_eq!(renamed["name"], "Thawed");
    assert_eq!(
        events(&app, &id).await,
        [
            "pages.page.created",
            "pages.page.locked",
            "pages.page.updated",
            "pages.page.updated",
            "pages.page.unlocked",
            "pages.page.updated",
        ]
    );
}

#[tokio::test]
async fn archiving_takes_sub_pages_along() {
    let app = TestApp::spawn().await;
    let t = team(&app).await;
    let base = project_pages(&t.project);
    let root = create_page(&app, &t.member, &base, json!({ "name": "root" })).await;
    let child = create_page(
        &app,
        &t.member,
        &base,
        json!({ "name": "child", "parent": root["id"] }),
    )
    .await;
    let grand = create_page(
        &app,
        &t.member,
        &base,
        json!({ "name": "grand", "parent": child["id"] }),
    )
    .await;
    let path = |page: &Value| format!("{base}{}/", id_of(page));
    let archived = expect(
        &app,
        &t.member,
        Method::POST,
        &format!("{}archive/", path(&root)),
        None,
        200,
    )
    .await;
    assert!(archived["archived_at"].is_string(), "{archived}");
    for page in [&root, &child, &grand] {
        let fetched = expect(&app, &t.member, Method::GET, &path(page), None, 200).await;
        assert_eq!(
            fetched["archived_at"], archived["archived_at"],
            "{}",
            fetched["name"]
        );
    }
    let error = expect(
        &app,
        &t.member,
        Method::PATCH,
        &path(&root),
        Some(json!({ "name": "x" })),
        400,
    )
    .await;
    assert_eq!(error["code"], "page_archived");
    assert_eq!(error["error"], "Archived page cannot be updated");
    // Restoring a page whose parent stays archived lifts it to the top level.
    expect(
        &app,
        &t.member,
        Method::DELETE,
        &format!("{}archive/", path(&child)),
        None,
        204,
    )
    .await;
    let restored = expect(&app, &t.member, Method::GET, &path(&child), None, 200).await;
    assert_eq!(restored["archived_at"], json!(null));
    assert_eq!(restored["parent"], json!(null));
    let grand_now = expect(&app, &t.member, Method::GET, &path(&grand), None, 200).await;
    assert_eq!(grand_now["archived_at"], json!(null));
    assert_eq!(grand_now["parent"], child["id"]);
    let root_now = expect(
        &app,
        &t.member,
        Method::PATCH,
        &path(&root),
        Some(json!({ "archived_at": null })),
        200,
    )
    .await;
    assert_eq!(root_now["archived_at"], json!(null));
    let dated = expect(
        &app,
        &t.member,
        Method::PATCH,
        &path(&root),
        Some(json!({ "archived_at": "2026-01-02" })),
        200,
    )
    .await;
    assert_eq!(dated["archived_at"], "2026-01-02T00:00:00Z");
    assert_eq!(
        events(&app, &id_of(&root)).await,
        [
            "pages.page.created",
            "pages.page.archived",
            "pages.page.updated",
            "pages.page.updated"
        ]
    );
}
