//! States: Plane's create (200, sequence, one default), duplicates, deletion rules, visibility,
//! tenants and roles. Also the role fixture the catalog suites share.

use glider_domain::WorkspaceRole;
use glider_test_utils::{TestApp, TestUser, json_of};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// The roles every catalog suite checks, in this order.
pub const ROLES: [&str; 6] = ["other", "outsider", "guest", "member", "admin", "owner"];

/// Workspace `acme` (owner, admin, member, guest), a public project `Web` where the member is a
/// project member and the guest a project guest; `other` owns workspace `other`; `outsider`
/// belongs nowhere.
pub struct World {
    pub users: Vec<TestUser>,
    pub project: String,
}

impl World {
    pub fn owner(&self) -> &TestUser {
        &self.users[5]
    }

    /// `/api/v1/workspaces/acme/projects/{project}` + `rest`.
    pub fn path(&self, rest: &str) -> String {
        format!("/api/v1/workspaces/acme/projects/{}{rest}", self.project)
    }
}

pub async fn world(app: &TestApp) -> World {
    let mut users = Vec::new();
    for role in ROLES {
        users.push(app.register(&format!("{role}@example.com")).await);
    }
    app.create_workspace(&users[0], "other").await;
    app.create_workspace(&users[5], "acme").await;
    app.add_member("acme", &users[4], WorkspaceRole::Admin)
        .await;
    app.add_member("acme", &users[3], WorkspaceRole::Member)
        .await;
    app.add_member("acme", &users[2], WorkspaceRole::Guest)
        .await;
    let project = app.create_project(&users[5], "acme", "Web", "WEB").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let members = format!("/api/v1/workspaces/acme/projects/{project}/project-members/");
    for (user, role) in [(&users[3], 15), (&users[2], 5)] {
        json_of(
            app.post(&users[5], &members, json!({ "member": user.id, "role": role }))
                .send()
                .await
                .unwrap(),
            StatusCode::CREATED,
        )
        .await;
    }
    World { users, project }
}

/// Sends the request as each role; returns a line per unexpected status.
pub async fn check_roles(
    app: &TestApp,
    world: &World,
    method: Method,
    path: &dyn Fn(usize) -> String,
    body: &dyn Fn(usize) -> Option<Value>,
    expected: [u16; 6],
) -> Vec<String> {
    let mut failures = Vec::new();
    for (index, role) in ROLES.iter().enumerate() {
        let path = path(index);
        let mut request = app.as_user(&world.users[index], method.clone(), &path);
        if let Some(body) = body(index) {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        if status != expected[index] {
            let text = response.text().await.unwrap_or_default();
            failures.push(format!(
                "{method} {path} as {role}: expected {}, got {status}: {text}",
                expected[index]
            ));
        }
    }
    failures
}

async fn states(app: &TestApp, user: &TestUser, world: &World) -> Vec<Value> {
    json_of(
        app.get(user, &world.path("/states/")).send().await.unwrap(),
        StatusCode::OK,
    )
    .await["results"]
        .as_array()
        .unwrap()
        .clone()
}

fn named<'a>(list: &'a [Value], name: &str) -> &'a Value {
    list.iter().find(|s| s["name"] == name).unwrap()
}

#[tokio::test]
async fn creating_a_state_follows_plane() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let body = json!({ "name": " Ready -- for QA! ", "color": "#4ECDC4", "sequence": 1, "description": "d" });
    let created = json_of(
        app.post(owner, &world.path("/states/"), body)
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(created["name"], "Ready -- for QA!");
    assert_eq!(created["slug"], "ready-for-qa");
    assert_eq!(created["group"], "backlog");
    assert_eq!(created["default"], false);
    assert_eq!(created["sequence"], 70000.0, "after Cancelled (55000), triage ignored");
    assert_eq!(created["project"], world.project.as_str());
    assert_eq!(created["created_by"], owner.id.to_string());
    let second = json_of(
        app.post(
            owner,
            &world.path("/states/"),
            json!({ "name": "Shipped", "color": "#000", "group": "completed" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(second["sequence"], 85000.0);
    assert_eq!(second["group"], "completed");
    let list = states(&app, owner, &world).await;
    assert_eq!(list.len(), 7);
    assert_eq!(list[6]["name"], "Shipped", "ordered by sequence");
    let id = created["id"].as_str().unwrap().parse().unwrap();
    let events = glider_db::repo::events::kinds_for_subject(app.ctx.db.conn(), id)
        .await
        .unwrap();
    assert_eq!(events, ["tracker.state.created"]);
}

#[tokio::test]
async fn bad_state_input_is_refused_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let post = |body: Value| app.post(owner, &world.path("/states/"), body).send();
    let body = json_of(post(json!({})).await.unwrap(), StatusCode::BAD_REQUEST).await;
    assert_eq!(body["name"][0], "This field is required.");
    assert_eq!(body["color"][0], "This field is required.");
    let body = json_of(
        post(json!({ "name": "T", "color": "#fff", "group": "triage" }))
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["non_field_errors"][0], "Cannot create triage state");
    let body = json_of(
        post(json!({ "name": " ", "color": "#fff", "group": "bogus", "sequence": "x", "default": "yes" }))
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["name"][0], "This field may not be blank.");
    assert_eq!(body["group"][0], "\"bogus\" is not a valid choice.");
    assert_eq!(body["sequence"][0], "A valid number is required.");
    assert_eq!(body["default"][0], "Must be a valid boolean.");
    let body = json_of(
        post(json!({ "name": "x".repeat(256), "color": "#fff" }))
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(
        body["name"][0],
        "Ensure this field has no more than 255 characters."
    );
    assert_eq!(states(&app, owner, &world).await.len(), 5);
    let todo = named(&states(&app, owner, &world).await, "Todo")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let body = json_of(
        app.patch(
            owner,
            &world.path(&format!("/states/{todo}/")),
            json!({ "group": "triage" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["non_field_errors"][0], "Cannot create triage state");
}

#[tokio::test]
async fn duplicate_names_and_external_ids_conflict() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let list = states(&app, owner, &world).await;
    let todo = named(&list, "Todo")["id"].as_str().unwrap().to_owned();
    let body = json_of(
        app.post(
            owner,
            &world.path("/states/"),
            json!({ "name": "Todo", "color": "#fff" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(
        body["error"],
        "State with the same name already exists in the project"
    );
    assert_eq!(body["id"], todo.as_str());
    let body = json_of(
        app.patch(
            owner,
            &world.path(&format!("/states/{todo}/")),
            json!({ "name": "Done" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["error"], "The payload is not valid");
    let imported = json!({ "name": "Imported", "color": "#fff", "external_source": "jira", "external_id": "7" });
    let first = json_of(
        app.post(owner, &world.path("/states/"), imported)
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let again = json!({ "name": "Other", "color": "#fff", "external_source": "jira", "external_id": "7" });
    let body = json_of(
        app.post(owner, &world.path("/states/"), again)
            .send()
            .await
            .unwrap(),
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(
        body["error"],
        "State with the same external id and external source already exists"
    );
    assert_eq!(body["id"], first["id"]);
    let body = json_of(
        app.patch(
            owner,
            &world.path(&format!("/states/{todo}/")),
            json!({ "external_source": "jira", "external_id": "7" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(body["id"], first["id"]);
    // A deleted state's name is free again at once.
    let path = world.path(&format!("/states/{}/", first["id"].as_str().unwrap()));
    assert_eq!(
        app.delete(owner, &path).send().await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    let reused = app
        .post(
            owner,
            &world.path("/states/"),
            json!({ "name": "Imported", "color": "#fff" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(reused.status(), StatusCode::OK);
}

#[tokio::test]
async fn one_default_state_at_a_time() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let created = json_of(
        app.post(
            owner,
            &world.path("/states/"),
            json!({ "name": "Inbox", "color": "#fff", "default": true }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(created["default"], true);
    let list = states(&app, owner, &world).await;
    let defaults: Vec<&Value> = list.iter().filter(|s| s["default"] == true).collect();
    assert_eq!(defaults.len(), 1, "{list:?}");
    assert_eq!(defaults[0]["name"], "Inbox");
    let todo = named(&list, "Todo")["id"].as_str().unwrap().to_owned();
    let updated = json_of(
        app.patch(
            owner,
            &world.path(&format!("/states/{todo}/")),
            json!({ "default": true, "name": "To do", "sequence": 1.5 }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(updated["slug"], "to-do");
    assert_eq!(updated["sequence"], 1.5);
    assert_eq!(updated["updated_by"], owner.id.to_string());
    let list = states(&app, owner, &world).await;
    assert_eq!(list[0]["name"], "To do", "reordered by sequence");
    let defaults: Vec<&Value> = list.iter().filter(|s| s["default"] == true).collect();
    assert_eq!(defaults.len(), 1);
    assert_eq!(defaults[0]["name"], "To do");
    let events = glider_db::repo::events::kinds_for_subject(app.ctx.db.conn(), todo.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(events, ["tracker.state.updated"]);
}

#[tokio::test]
async fn only_empty_non_default_states_can_be_deleted() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let list = states(&app, owner, &world).await;
    let state_path = |name: &str| {
        world.path(&format!(
            "/states/{}/",
            named(&list, name)["id"].as_str().unwrap()
        ))
    };
    let body = json_of(
        app.delete(owner, &state_path("Backlog"))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["error"], "Default state cannot be deleted");
    let todo = named(&list, "Todo")["id"].as_str().unwrap().to_owned();
    json_of(
        app.post(
            owner,
            &world.path("/work-items/"),
            json!({ "name": "Fix it", "state": todo }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let body = json_of(
        app.delete(owner, &state_path("Todo")).send().await.unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(
        body["error"],
        "The state is not empty, only empty states can be deleted"
    );
    assert_eq!(
        app.delete(owner, &state_path("Cancelled"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(owner, &state_path("Cancelled"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(states(&app, owner, &world).await.len(), 4);
    let id = named(&list, "Cancelled")["id"].as_str().unwrap().parse().unwrap();
    let events = glider_db::repo::events::kinds_for_subject(app.ctx.db.conn(), id)
        .await
        .unwrap();
    assert_eq!(events, ["tracker.state.deleted"]);
}

#[tokio::test]
async fn triage_states_and_archived_projects_stay_hidden() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let project_id = glider_domain::ProjectId(world.project.parse().unwrap());
    let all = glider_db::repo::states::list_states(app.ctx.db.conn(), project_id, true)
        .await
        .unwrap();
    let triage = all.iter().find(|s| s.is_triage).unwrap().id;
    let path = world.path(&format!("/states/{triage}/"));
    assert_eq!(
        app.get(owner, &path).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.patch(owner, &path, json!({ "name": "Mine" }))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    let backlog = states(&app, owner, &world).await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let archive = app
        .post(owner, &world.path("/archive/"), json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(archive.status(), StatusCode::NO_CONTENT);
    assert!(states(&app, owner, &world).await.is_empty());
    assert_eq!(
        app.get(owner, &world.path(&format!("/states/{backlog}/")))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn fields_reduce_a_state() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let id = states(&app, owner, &world).await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let one = json_of(
        app.get(owner, &world.path(&format!("/states/{id}/?fields=id,name")))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(one.as_object().unwrap().len(), 2, "{one}");
}

#[tokio::test]
async fn other_tenants_state_ids_are_not_found() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let eve = &world.users[0];
    let theirs = app.create_project(eve, "other", "Evil", "EVL").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let state = states(&app, world.owner(), &world).await[1]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let p = &world.project;
    let paths = [
        format!("/api/v1/workspaces/other/projects/{p}/states/"),
        format!("/api/v1/workspaces/other/projects/{p}/states/{state}/"),
        format!("/api/v1/workspaces/other/projects/{theirs}/states/{state}/"),
        format!("/api/v1/workspaces/acme/projects/{p}/states/{state}/"),
    ];
    for path in &paths {
        for method in [Method::GET, Method::PATCH, Method::DELETE, Method::POST] {
            let response = app
                .as_user(eve, method.clone(), path)
                .json(&json!({ "name": "Mine", "color": "#000" }))
                .send()
                .await
                .unwrap();
            let status = response.status();
            // POST exists on the list path only; elsewhere the route answers 405.
            let allowed = [StatusCode::NOT_FOUND, StatusCode::METHOD_NOT_ALLOWED];
            assert!(allowed.contains(&status), "{method} {path}: {status}");
        }
    }
    let list = states(&app, world.owner(), &world).await;
    assert_eq!(list.len(), 5);
    assert_eq!(list[1]["name"], "Todo", "unchanged");
}

#[tokio::test]
async fn state_roles() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let mut ids = Vec::new();
    for n in 0..6 {
        let created = json_of(
            app.post(
                owner,
                &world.path("/states/"),
                json!({ "name": format!("S{n}"), "color": "#fff" }),
            )
            .send()
            .await
            .unwrap(),
            StatusCode::OK,
        )
        .await;
        ids.push(created["id"].as_str().unwrap().to_owned());
    }
    let list = world.path("/states/");
    let one = |i: usize| world.path(&format!("/states/{}/", ids[i]));
    let mut failures = Vec::new();
    failures.extend(
        check_roles(&app, &world, Method::GET, &|_| list.clone(), &|_| None, [404, 404, 200, 200, 200, 200]).await,
    );
    failures.extend(
        check_roles(&app, &world, Method::GET, &one, &|_| None, [404, 404, 200, 200, 200, 200]).await,
    );
    failures.extend(
        check_roles(
            &app,
            &world,
            Method::POST,
            &|_| list.clone(),
            &|i| Some(json!({ "name": format!("New {i}"), "color": "#fff" })),
            [404, 404, 403, 200, 200, 200],
        )
        .await,
    );
    failures.extend(
        check_roles(
            &app,
            &world,
            Method::PATCH,
            &one,
            &|i| Some(json!({ "description": format!("d{i}") })),
            [404, 404, 403, 200, 200, 200],
        )
        .await,
    );
    failures.extend(
        check_roles(&app, &world, Method::DELETE, &one, &|_| None, [404, 404, 403, 204, 204, 204]).await,
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
