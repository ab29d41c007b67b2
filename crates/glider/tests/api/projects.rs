use glider_domain::WorkspaceRole;
use glider_test_utils::{TestApp, json_of};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn creating_a_project_makes_plane_default_states_and_an_admin() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    app.create_workspace(&ada, "acme").await;
    let project = app.create_project(&ada, "acme", "Web App", " web ").await;
    assert_eq!(project["identifier"], "WEB");
    assert_eq!(project["network"], 2);
    assert_eq!(project["member_role"], 20);
    assert_eq!(project["total_members"], 1);
    assert_eq!(project["module_view"], false);
    assert_eq!(project["page_view"], true);
    assert_eq!(project["logo_props"]["in_use"], "icon");
    let id = project["id"].as_str().unwrap();
    let states = json_of(
        app.get(
            &ada,
            &format!("/api/v1/workspaces/acme/projects/{id}/states/"),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    let expected = [
        ("Backlog", "backlog", true),
        ("Todo", "unstarted", false),
        ("In Progress", "started", false),
        ("Done", "completed", false),
        ("Cancelled", "cancelled", false),
    ];
    assert_eq!(states["total_count"], 5, "triage is hidden: {states}");
    for (state, (name, group, default)) in
        states["results"].as_array().unwrap().iter().zip(expected)
    {
        assert_eq!(state["name"], name);
        assert_eq!(state["group"], group);
        assert_eq!(state["default"], default);
    }
    let events = glider_db::repo::events::kinds_for_subject(app.ctx.db.conn(), id.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(
        events,
        ["tracker.project.created"],
        "one outbox event in the same transaction"
    );
}

#[tokio::test]
async fn project_input_follows_plane_rules() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    app.create_workspace(&ada, "acme").await;
    let create = |body: serde_json::Value| {
        app.post(&ada, "/api/v1/workspaces/acme/projects/", body)
            .send()
    };
    let body = json_of(create(json!({})).await.unwrap(), StatusCode::BAD_REQUEST).await;
    assert_eq!(body["fields"]["name"][0], "This field is required.");
    assert_eq!(body["fields"]["identifier"][0], "This field is required.");
    let body = json_of(
        create(json!({ "name": "Web", "identifier": "ABCDEFGHIJKLM" }))
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(
        body["fields"]["identifier"][0],
        "Ensure this field has no more than 12 characters."
    );
    let body = json_of(
        create(json!({ "name": "We!b", "identifier": "W-B" }))
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(
        body["fields"]["name"][0],
        "Project name cannot contain special characters."
    );
    assert_eq!(
        body["fields"]["identifier"][0],
        "Project identifier cannot contain special characters."
    );
    let body = json_of(create(json!({ "name": "Web", "identifier": "WEB", "archive_in": 13, "cycle_view": "yes", "timezone": "Nowhere/Else" })).await.unwrap(), StatusCode::BAD_REQUEST).await;
    for field in ["archive_in", "cycle_view", "timezone"] {
        assert!(body["fields"][field].is_array(), "{field}: {body}");
    }
    let stranger = app.register("eve@example.com").await;
    let body = json_of(
        create(json!({ "name": "Web", "identifier": "WEB", "project_lead": stranger.id }))
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(
        body["fields"]["project_lead"][0],
        "The provided user is not a member of this workspace."
    );
    // Nothing was half-written by the refused requests.
    let list = json_of(
        app.get(&ada, "/api/v1/workspaces/acme/projects/")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(list["total_count"], 0);
}

#[tokio::test]
async fn identifiers_and_names_conflict_until_deleted() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    app.create_workspace(&ada, "acme").await;
    let first = app.create_project(&ada, "acme", "Web", "WEB").await;
    let create = |name: &str, identifier: &str| {
        app.post(
            &ada,
            "/api/v1/workspaces/acme/projects/",
            json!({ "name": name, "identifier": identifier }),
        )
        .send()
    };
    let body = json_of(create("Other", "web").await.unwrap(), StatusCode::CONFLICT).await;
    assert_eq!(
        body["identifier"],
        "The project identifier is already taken"
    );
    assert!(body["fields"]["identifier"].is_array());
    let body = json_of(create("Web", "OTHER").await.unwrap(), StatusCode::CONFLICT).await;
    assert_eq!(body["name"], "The project name is already taken");
    // Another workspace may use the same identifier.
    app.create_workspace(&ada, "beta").await;
    app.create_project(&ada, "beta", "Web", "WEB").await;
    let path = format!(
        "/api/v1/workspaces/acme/projects/{}/",
        first["id"].as_str().unwrap()
    );
    assert_eq!(
        app.delete(&ada, &path).send().await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        create("Web", "WEB").await.unwrap().status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn update_archive_and_pagination() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    app.create_workspace(&ada, "acme").await;
    for (name, identifier) in [("One", "ONE"), ("Two", "TWO"), ("Three", "THREE")] {
        app.create_project(&ada, "acme", name, identifier).await;
    }
    let page = json_of(
        app.get(&ada, "/api/v1/workspaces/acme/projects/?per_page=2")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(page["count"], 2);
    assert_eq!(page["total_pages"], 2);
    assert_eq!(page["next_cursor"], "2:1:0");
    assert_eq!(page["prev_cursor"], "2:-1:1");
    assert_eq!(page["next_page_results"], true);
    let second = json_of(
        app.get(
            &ada,
            "/api/v1/workspaces/acme/projects/?per_page=2&cursor=2:1:0&fields=id,name",
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(second["count"], 1);
    assert_eq!(second["results"][0]["name"], "Three");
    assert_eq!(second["results"][0].as_object().unwrap().len(), 2);
    for bad in [
        "per_page=0",
        "per_page=1001",
        "per_page=x",
        "cursor=bad",
        "cursor=2:-1:0",
    ] {
        let response = app
            .get(&ada, &format!("/api/v1/workspaces/acme/projects/?{bad}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{bad}");
    }

    let id = page["results"][0]["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/workspaces/acme/projects/{id}/");
    let updated = json_of(
        app.patch(
            &ada,
            &path,
            json!({ "cycle_view": true, "description": "Main", "emoji": null }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(updated["cycle_view"], true);
    assert_eq!(updated["description"], "Main");
    let archive = format!("/api/v1/workspaces/acme/projects/{id}/archive/");
    assert_eq!(
        app.post(&ada, &archive, json!({}))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NO_CONTENT
    );
    let body = json_of(
        app.patch(&ada, &path, json!({ "name": "Renamed" }))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["error"], "Archived project cannot be updated");
    let fetched = json_of(app.get(&ada, &path).send().await.unwrap(), StatusCode::OK).await;
    assert!(fetched["archived_at"].is_string());
    let states = json_of(
        app.get(&ada, &format!("{path}states/"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        states["total_count"], 0,
        "archived projects hide their states"
    );
    assert_eq!(
        app.delete(&ada, &archive).send().await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    let fetched = json_of(app.get(&ada, &path).send().await.unwrap(), StatusCode::OK).await;
    assert!(fetched["archived_at"].is_null());
}

#[tokio::test]
async fn secret_projects_are_visible_to_their_members_only() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let bob = app.register("bob@example.com").await;
    app.create_workspace(&ada, "acme").await;
    app.add_member("acme", &bob, WorkspaceRole::Member).await;
    let secret = json_of(
        app.post(
            &ada,
            "/api/v1/workspaces/acme/projects/",
            json!({ "name": "Secret", "identifier": "SEC", "network": 0 }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    app.create_project(&ada, "acme", "Open", "OPEN").await;
    let list = json_of(
        app.get(&bob, "/api/v1/workspaces/acme/projects/")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let names: Vec<_> = list["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].clone())
        .collect();
    assert_eq!(names, ["Open"]);
    let id = secret["id"].as_str().unwrap();
    let path = format!("/api/v1/workspaces/acme/projects/{id}/");
    assert_eq!(
        app.get(&bob, &path).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let added = app
        .post(
            &ada,
            &format!("{path}project-members/"),
            json!({ "member": bob.id, "role": 15 }),
        )
        .send()
        .await
        .unwrap();
    let added = json_of(added, StatusCode::CREATED).await;
    assert_eq!(added["role"], 15);
    assert_eq!(
        app.get(&bob, &path).send().await.unwrap().status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn project_members_follow_plane_shapes_and_rules() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let bob = app.register("bob@example.com").await;
    let gus = app.register("gus@example.com").await;
    let eve = app.register("eve@example.com").await;
    app.create_workspace(&ada, "acme").await;
    app.add_member("acme", &bob, WorkspaceRole::Member).await;
    app.add_member("acme", &gus, WorkspaceRole::Guest).await;
    let project = app.create_project(&ada, "acme", "Web", "WEB").await;
    let base = format!(
        "/api/v1/workspaces/acme/projects/{}/project-members/",
        project["id"].as_str().unwrap()
    );
    let add = |body: serde_json::Value| app.post(&ada, &base, body).send();
    let body = json_of(
        add(json!({ "member": eve.id })).await.unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["fields"]["member"][0], "Member not found in workspace");
    let body = json_of(
        add(json!({ "member": bob.id, "role": 7 })).await.unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(body["fields"]["role"].is_array());
    let body = json_of(
        add(json!({ "member": gus.id, "role": 20 })).await.unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(
        body["fields"]["role"].is_array(),
        "a workspace guest stays a guest: {body}"
    );
    let added = json_of(
        add(json!({ "member": bob.id })).await.unwrap(),
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(added["role"], 5, "default role is guest");
    assert_eq!(
        add(json!({ "member": bob.id })).await.unwrap().status(),
        StatusCode::CONFLICT
    );
    let list = json_of(app.get(&ada, &base).send().await.unwrap(), StatusCode::OK).await;
    assert_eq!(list.as_array().unwrap().len(), 2);
    // The alias path answers the same.
    let alias = base.replace("project-members", "members");
    assert_eq!(
        json_of(app.get(&ada, &alias).send().await.unwrap(), StatusCode::OK).await,
        list
    );
    let member_path = format!("{base}{}/", added["id"].as_str().unwrap());
    let detail = json_of(
        app.get(&ada, &member_path).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(detail["email"], "bob@example.com");
    let changed = json_of(
        app.patch(&ada, &member_path, json!({ "role": 20 }))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(changed["role"], 20);
    assert_eq!(
        app.delete(&ada, &member_path)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NO_CONTENT
    );
    let list = json_of(app.get(&ada, &base).send().await.unwrap(), StatusCode::OK).await;
    let bob_row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == "bob@example.com")
        .unwrap()
        .clone();
    assert_eq!(bob_row["is_active"], false, "Plane keeps the row, inactive");
    // The last admin cannot step down.
    let ada_row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == "ada@example.com")
        .unwrap()
        .clone();
    let ada_path = format!("{base}{}/", ada_row["member_id"].as_str().unwrap());
    let body = json_of(
        app.patch(&ada, &ada_path, json!({ "role": 15 }))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["code"], "last_project_admin");
}

#[tokio::test]
async fn other_tenants_ids_are_not_found() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let eve = app.register("eve@example.com").await;
    app.create_workspace(&ada, "acme").await;
    app.create_workspace(&eve, "evil").await;
    let project = app.create_project(&ada, "acme", "Web", "WEB").await;
    let id = project["id"].as_str().unwrap();
    // Eve uses her own workspace slug with Ada's project id.
    for path in [
        format!("/api/v1/workspaces/evil/projects/{id}/"),
        format!("/api/v1/workspaces/evil/projects/{id}/states/"),
        format!("/api/v1/workspaces/evil/projects/{id}/project-members/"),
        format!("/api/v1/workspaces/acme/projects/{id}/"),
        "/api/v1/workspaces/acme/".to_owned(),
        "/api/v1/workspaces/acme/members/".to_owned(),
    ] {
        let body = json_of(
            app.get(&eve, &path).send().await.unwrap(),
            StatusCode::NOT_FOUND,
        )
        .await;
        assert!(
            body["code"].as_str().unwrap().ends_with("_not_found"),
            "{path}: {body}"
        );
    }
    let patch = app
        .patch(
            &eve,
            &format!("/api/v1/workspaces/evil/projects/{id}/"),
            json!({ "name": "Mine" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(patch.status(), StatusCode::NOT_FOUND);
    let unchanged = json_of(
        app.get(&ada, &format!("/api/v1/workspaces/acme/projects/{id}/"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(unchanged["name"], "Web");
}

#[tokio::test]
async fn projects_show_the_callers_favorites() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    app.create_workspace(&ada, "acme").await;
    let project = app.create_project(&ada, "acme", "Web", "WEB").await;
    assert_eq!(project["is_favorite"], false);
    let body = json!({ "entity_type": "project", "entity_identifier": project["id"] });
    json_of(
        app.post(&ada, "/api/v1/workspaces/acme/user-favorites/", body)
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let list = json_of(
        app.get(&ada, "/api/v1/workspaces/acme/projects/")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(list["results"][0]["is_favorite"], true);
    let bob = app.register("bob@example.com").await;
    app.add_member("acme", &bob, WorkspaceRole::Member).await;
    let theirs = json_of(
        app.get(&bob, "/api/v1/workspaces/acme/projects/")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        theirs["results"][0]["is_favorite"], false,
        "favorites are per person"
    );
}
