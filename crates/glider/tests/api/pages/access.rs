//! Who sees and changes which page: private pages, roles in both scopes, other tenants.

use glider_domain::WorkspaceRole;
use glider_test_utils::TestApp;
use reqwest::Method;
use serde_json::json;

use super::{WS_PAGES, create_page, expect, id_of, project_pages, send, team};

#[tokio::test]
async fn private_pages_are_their_owners_alone() {
    let app = TestApp::spawn().await;
    let t = team(&app).await;
    let private = create_page(
        &app,
        &t.member,
        WS_PAGES,
        json!({ "name": "Diary", "access": 1 }),
    )
    .await;
    assert_eq!(private["access"], 1);
    let path = format!("{WS_PAGES}{}/", id_of(&private));
    for viewer in [&t.owner, &t.admin, &t.other, &t.guest] {
        expect(&app, viewer, Method::GET, &path, None, 404).await;
        let list = expect(&app, viewer, Method::GET, WS_PAGES, None, 200).await;
        assert_eq!(list["total_count"], 0);
        expect(
            &app,
            viewer,
            Method::PATCH,
            &path,
            Some(json!({ "name": "x" })),
            404,
        )
        .await;
    }
    expect(&app, &t.member, Method::GET, &path, None, 200).await;

    // Only the owner changes access, even where an admin may edit.
    let public = create_page(&app, &t.member, WS_PAGES, json!({ "name": "Notes" })).await;
    let path = format!("{WS_PAGES}{}/", id_of(&public));
    let error = expect(
        &app,
        &t.admin,
        Method::PATCH,
        &path,
        Some(json!({ "access": 1 })),
        400,
    )
    .await;
    assert_eq!(error["code"], "page_access_owner_only");
    assert_eq!(
        error["error"],
        "Access cannot be updated since this page is owned by someone else"
    );
    let renamed = expect(
        &app,
        &t.admin,
        Method::PATCH,
        &path,
        Some(json!({ "name": "Admin notes", "access": 0 })),
        200,
    )
    .await;
    assert_eq!(renamed["updated_by"], t.admin.id.to_string());
    expect(
        &app,
        &t.member,
        Method::PATCH,
        &path,
        Some(json!({ "access": 1 })),
        200,
    )
    .await;
    expect(&app, &t.admin, Method::GET, &path, None, 404).await;
}

#[tokio::test]
async fn workspace_pages_follow_workspace_roles() {
    let app = TestApp::spawn().await;
    let t = team(&app).await;
    let cases = [
        (&t.owner, 201),
        (&t.admin, 201),
        (&t.member, 201),
        (&t.guest, 403),
        (&t.outsider, 404),
    ];
    for (user, status) in cases {
        let body = Some(json!({ "name": format!("by {}", user.email) }));
        expect(&app, user, Method::POST, WS_PAGES, body, status).await;
    }
    let list = expect(&app, &t.guest, Method::GET, WS_PAGES, None, 200).await;
    assert_eq!(list["total_count"], 3, "guests read public pages");
    expect(&app, &t.outsider, Method::GET, WS_PAGES, None, 404).await;

    let page = create_page(&app, &t.member, WS_PAGES, json!({ "name": "Mine" })).await;
    let path = format!("{WS_PAGES}{}/", id_of(&page));
    expect(&app, &t.guest, Method::GET, &path, None, 200).await;
    expect(&app, &t.outsider, Method::GET, &path, None, 404).await;
    // Neither another member nor a guest may change someone else's page.
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
        expect(&app, user, Method::POST, &format!("{path}lock/"), None, 403).await;
        expect(
            &app,
            user,
            Method::DELETE,
            &format!("{path}lock/"),
            None,
            403,
        )
        .await;
        expect(
            &app,
            user,
            Method::POST,
            &format!("{path}archive/"),
            None,
            403,
        )
        .await;
        expect(
            &app,
            user,
            Method::DELETE,
            &format!("{path}archive/"),
            None,
            403,
        )
        .await;
        let error = expect(&app, user, Method::DELETE, &path, None, 403).await;
        assert_eq!(
            error["detail"],
            "You do not have permission to perform this action."
        );
    }
    // Admins and the owner manage every page.
    expect(
        &app,
        &t.admin,
        Method::PATCH,
        &path,
        Some(json!({ "name": "Edited" })),
        200,
    )
    .await;
    expect(
        &app,
        &t.owner,
        Method::POST,
        &format!("{path}lock/"),
        None,
        204,
    )
    .await;
    expect(
        &app,
        &t.admin,
        Method::DELETE,
        &format!("{path}lock/"),
        None,
        204,
    )
    .await;
    expect(
        &app,
        &t.admin,
        Method::POST,
        &format!("{path}archive/"),
        None,
        200,
    )
    .await;
    expect(
        &app,
        &t.owner,
        Method::DELETE,
        &format!("{path}archive/"),
        None,
        204,
    )
    .await;
    expect(
        &app,
        &t.admin,
        Method::POST,
        &format!("{path}archive/"),
        None,
        200,
    )
    .await;
    expect(&app, &t.owner, Method::DELETE, &path, None, 204).await;
    // A guest's own page from before a demotion is read-only for them.
    let page = create_page(&app, &t.other, WS_PAGES, json!({ "name": "Then" })).await;
    app.add_member("acme", &t.other, WorkspaceRole::Guest).await;
    let path = format!("{WS_PAGES}{}/", id_of(&page));
    expect(
        &app,
        &t.other,
        Method::PATCH,
        &path,
        Some(json!({ "name": "x" })),
        403,
    )
    .await;
}

#[tokio::test]
async fn project_pages_follow_project_access() {
    let app = TestApp::spawn().await;
    let t = team(&app).await;
    let base = project_pages(&t.project);
    let bystander = app.register("bystander@example.com").await;
    app.add_member("acme", &bystander, WorkspaceRole::Member)
        .await;
    let page = create_page(&app, &t.member, &base, json!({ "name": "Plan" })).await;
    let path = format!("{base}{}/", id_of(&page));
    // The project guest and a workspace member outside the (public) project read, never write.
    for reader in [&t.guest, &bystander] {
        expect(&app, reader, Method::GET, &path, None, 200).await;
        let list = expect(&app, reader, Method::GET, &base, None, 200).await;
        assert_eq!(list["total_count"], 1);
        expect(
            &app,
            reader,
            Method::POST,
            &base,
            Some(json!({ "name": "x" })),
            403,
        )
        .await;
        expect(
            &app,
            reader,
            Method::PATCH,
            &path,
            Some(json!({ "name": "x" })),
            403,
        )
        .await;
    }
    expect(
        &app,
        &t.other,
        Method::POST,
        &base,
        Some(json!({ "name": "ok" })),
        201,
    )
    .await;
    expect(
        &app,
        &t.other,
        Method::PATCH,
        &path,
        Some(json!({ "name": "x" })),
        403,
    )
    .await;
    expect(&app, &t.other, Method::DELETE, &path, None, 403).await;
    expect(
        &app,
        &t.admin,
        Method::PATCH,
        &path,
        Some(json!({ "name": "ws admin" })),
        200,
    )
    .await;
    // A project admin manages the project's pages.
    let members = format!(
        "/api/v1/workspaces/acme/projects/{}/project-members/",
        t.project
    );
    let body = Some(json!({ "member": bystander.id, "role": 20 }));
    expect(&app, &t.owner, Method::POST, &members, body, 201).await;
    expect(
        &app,
        &bystander,
        Method::PATCH,
        &path,
        Some(json!({ "name": "project admin" })),
        200,
    )
    .await;
    expect(
        &app,
        &bystander,
        Method::POST,
        &format!("{path}lock/"),
        None,
        204,
    )
    .await;
    // The secret project does not exist for non-members.
    let secret = project_pages(&t.secret);
    for user in [&t.member, &t.guest, &t.outsider] {
        expect(&app, user, Method::GET, &secret, None, 404).await;
        expect(
            &app,
            user,
            Method::POST,
            &secret,
            Some(json!({ "name": "x" })),
            404,
        )
        .await;
    }
    expect(
        &app,
        &t.owner,
        Method::POST,
        &secret,
        Some(json!({ "name": "ok" })),
        201,
    )
    .await;
}

#[tokio::test]
async fn other_tenants_ids_are_not_found() {
    let app = TestApp::spawn().await;
    let t = team(&app).await;
    let theirs = create_page(
        &app,
        &t.outsider,
        "/api/v1/workspaces/other/pages/",
        json!({ "name": "x" }),
    )
    .await;
    let project = app.create_project(&t.outsider, "other", "Far", "FAR").await;
    let their_project_page = create_page(
        &app,
        &t.outsider,
        &format!(
            "/api/v1/workspaces/other/projects/{}/pages/",
            id_of(&project)
        ),
        json!({ "name": "y" }),
    )
    .await;
    let paths = [
        format!("{WS_PAGES}{}/", id_of(&theirs)),
        format!("{WS_PAGES}{}/", id_of(&their_project_page)),
        format!(
            "{}{}/",
            project_pages(&t.project),
            id_of(&their_project_page)
        ),
        format!(
            "{}{}/",
            project_pages(&id_of(&project)),
            id_of(&their_project_page)
        ),
        format!("/api/v1/workspaces/other/pages/{}/", id_of(&theirs)),
    ];
    for path in &paths {
        for (method, suffix, body) in [
            (Method::GET, "", None),
            (Method::PATCH, "", Some(json!({ "name": "mine" }))),
            (Method::DELETE, "", None),
            (Method::POST, "archive/", None),
            (Method::DELETE, "archive/", None),
            (Method::POST, "lock/", None),
            (Method::DELETE, "lock/", None),
        ] {
            let (status, body) = send(
                &app,
                &t.owner,
                method.clone(),
                &format!("{path}{suffix}"),
                body,
            )
            .await;
            assert_eq!(status.as_u16(), 404, "{method} {path}{suffix}: {body}");
        }
    }
    expect(
        &app,
        &t.owner,
        Method::GET,
        &project_pages(&id_of(&project)),
        None,
        404,
    )
    .await;
    let still = expect(
        &app,
        &t.outsider,
        Method::GET,
        &format!("/api/v1/workspaces/other/pages/{}/", id_of(&theirs)),
        None,
        200,
    )
    .await;
    assert_eq!(still["name"], "x");
}
