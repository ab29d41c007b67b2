//! Every endpoint × {owner, admin, member, guest, outsider, member of another workspace}.
//!
//! Outsiders and members of other workspaces get 404 (never a 403 that confirms existence);
//! guests read; members create; admins manage; the owner alone deletes and transfers.

use glider_domain::WorkspaceRole;
use glider_test_utils::{TestApp, TestUser, json_of};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const ROLES: [&str; 6] = ["other", "outsider", "guest", "member", "admin", "owner"];

/// What a row needs made fresh before each role's attempt.
#[derive(Clone, Copy, PartialEq)]
enum Setup {
    None,
    /// A public project (`{fresh}` is its id).
    Project,
    /// A new workspace member (`{fresh}` is the user id).
    Member,
    /// A new pending invitation (`{fresh}` is its id).
    Invitation,
    /// A new member of project P (`{fresh}` is the membership id).
    ProjectMember,
    /// A new workspace with the same roles (`{fresh}` is its slug).
    Workspace,
}

struct Row {
    method: Method,
    path: &'static str,
    body: Option<Value>,
    setup: Setup,
    expected: [u16; 6],
}

fn row(
    method: Method,
    path: &'static str,
    body: Option<Value>,
    setup: Setup,
    expected: [u16; 6],
) -> Row {
    Row {
        method,
        path,
        body,
        setup,
        expected,
    }
}

struct World {
    users: Vec<TestUser>,
    project: String,
    secret: String,
    archivable: String,
    invitation: String,
    membership: String,
    state: String,
}

async fn world(app: &TestApp) -> World {
    let mut users = Vec::new();
    for role in ROLES {
        users.push(app.register(&format!("{role}@example.com")).await);
    }
    let owner = &users[5];
    app.create_workspace(&users[0], "other").await;
    app.create_workspace(owner, "acme").await;
    app.add_member("acme", &users[4], WorkspaceRole::Admin)
        .await;
    app.add_member("acme", &users[3], WorkspaceRole::Member)
        .await;
    app.add_member("acme", &users[2], WorkspaceRole::Guest)
        .await;
    let project = app.create_project(owner, "acme", "Web", "WEB").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let secret = json_of(
        app.post(
            owner,
            "/api/v1/workspaces/acme/projects/",
            json!({ "name": "Secret", "identifier": "SEC", "network": 0 }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let archivable = app.create_project(owner, "acme", "Archive", "ARC").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let members = format!("/api/v1/workspaces/acme/projects/{project}/project-members/");
    let membership = json_of(
        app.post(
            owner,
            &members,
            json!({ "member": users[3].id, "role": 15 }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    json_of(
        app.post(owner, &members, json!({ "member": users[2].id, "role": 5 }))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let invitation = json_of(
        app.post(
            owner,
            "/api/v1/workspaces/acme/invitations/",
            json!({ "email": "invitee@example.com" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let states = json_of(
        app.get(
            owner,
            &format!("/api/v1/workspaces/acme/projects/{project}/states/"),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    World {
        project,
        secret: secret["id"].as_str().unwrap().to_owned(),
        archivable,
        invitation: invitation["id"].as_str().unwrap().to_owned(),
        membership: membership["id"].as_str().unwrap().to_owned(),
        state: states["results"][0]["id"].as_str().unwrap().to_owned(),
        users,
    }
}

/// Prepares the row's fresh resource; returns what `{fresh}` stands for and, for a new
/// member, the user (some bodies name them).
async fn prepare(
    app: &TestApp,
    world: &World,
    setup: Setup,
    n: usize,
) -> (String, Option<TestUser>) {
    let owner = &world.users[5];
    match setup {
        Setup::None => (String::new(), None),
        Setup::Project => {
            let project = app
                .create_project(owner, "acme", &format!("Fresh {n}"), &format!("FR{n}"))
                .await;
            (project["id"].as_str().unwrap().to_owned(), None)
        }
        Setup::Member | Setup::ProjectMember => {
            let user = app.register(&format!("fresh{n}@example.com")).await;
            app.add_member("acme", &user, WorkspaceRole::Member).await;
            if setup == Setup::Member {
                return (user.id.to_string(), Some(user));
            }
            let path = format!(
                "/api/v1/workspaces/acme/projects/{}/project-members/",
                world.project
            );
            let created = json_of(
                app.post(owner, &path, json!({ "member": user.id }))
                    .send()
                    .await
                    .unwrap(),
                StatusCode::CREATED,
            )
            .await;
            (created["id"].as_str().unwrap().to_owned(), Some(user))
        }
        Setup::Invitation => {
            let body = json!({ "email": format!("invited{n}@example.com") });
            let created = json_of(
                app.post(owner, "/api/v1/workspaces/acme/invitations/", body)
                    .send()
                    .await
                    .unwrap(),
                StatusCode::CREATED,
            )
            .await;
            (created["id"].as_str().unwrap().to_owned(), None)
        }
        Setup::Workspace => {
            let slug = format!("fresh-{n}");
            app.create_workspace(owner, &slug).await;
            app.add_member(&slug, &world.users[4], WorkspaceRole::Admin)
                .await;
            app.add_member(&slug, &world.users[3], WorkspaceRole::Member)
                .await;
            app.add_member(&slug, &world.users[2], WorkspaceRole::Guest)
                .await;
            (slug, None)
        }
    }
}

fn fill(template: &str, world: &World, fresh: &str, n: usize) -> String {
    template
        .replace("{p}", &world.project)
        .replace("{s}", &world.secret)
        .replace("{arc}", &world.archivable)
        .replace("{inv}", &world.invitation)
        .replace("{mp}", &world.membership)
        .replace("{state}", &world.state)
        .replace("{member}", &world.users[3].id.to_string())
        .replace("{fresh}", fresh)
        .replace("{n}", &n.to_string())
}

#[tokio::test]
async fn every_endpoint_for_every_role() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let (get, post, patch, delete) = (Method::GET, Method::POST, Method::PATCH, Method::DELETE);
    let none = Setup::None;
    let ws = "/api/v1/workspaces/acme";
    let _ = ws;
    let rows = vec![
        row(
            get.clone(),
            "/api/v1/auth/me/",
            None,
            none,
            [200, 200, 200, 200, 200, 200],
        ),
        row(
            get.clone(),
            "/api/v1/users/me/",
            None,
            none,
            [200, 200, 200, 200, 200, 200],
        ),
        row(
            get.clone(),
            "/api/v1/users/me/api-tokens/",
            None,
            none,
            [200, 200, 200, 200, 200, 200],
        ),
        row(
            get.clone(),
            "/api/v1/users/me/invitations/",
            None,
            none,
            [200, 200, 200, 200, 200, 200],
        ),
        row(
            get.clone(),
            "/api/v1/workspaces/",
            None,
            none,
            [200, 200, 200, 200, 200, 200],
        ),
        row(
            get.clone(),
            "/api/v1/workspaces/acme/",
            None,
            none,
            [404, 404, 200, 200, 200, 200],
        ),
        row(
            patch.clone(),
            "/api/v1/workspaces/acme/",
            Some(json!({ "name": "Acme {n}" })),
            none,
            [404, 404, 403, 403, 200, 200],
        ),
        row(
            get.clone(),
            "/api/v1/workspaces/acme/members/",
            None,
            none,
            [404, 404, 403, 200, 200, 200],
        ),
        row(
            patch.clone(),
            "/api/v1/workspaces/acme/members/{member}/",
            Some(json!({ "role": "member" })),
            none,
            [404, 404, 403, 403, 200, 200],
        ),
        row(
            delete.clone(),
            "/api/v1/workspaces/acme/members/{fresh}/",
            None,
            Setup::Member,
            [404, 404, 403, 403, 204, 204],
        ),
        row(
            get.clone(),
            "/api/v1/workspaces/acme/invitations/",
            None,
            none,
            [404, 404, 403, 403, 200, 200],
        ),
        row(
            post.clone(),
            "/api/v1/workspaces/acme/invitations/",
            Some(json!({ "email": "new{n}@example.com" })),
            none,
            [404, 404, 403, 403, 201, 201],
        ),
        row(
            get.clone(),
            "/api/v1/workspaces/acme/invitations/{inv}/",
            None,
            none,
            [404, 404, 403, 403, 200, 200],
        ),
        row(
            patch.clone(),
            "/api/v1/workspaces/acme/invitations/{inv}/",
            Some(json!({ "role": 15 })),
            none,
            [404, 404, 403, 403, 200, 200],
        ),
        row(
            delete.clone(),
            "/api/v1/workspaces/acme/invitations/{fresh}/",
            None,
            Setup::Invitation,
            [404, 404, 403, 403, 204, 204],
        ),
        row(
            get.clone(),
            "/api/v1/workspaces/acme/projects/",
            None,
            none,
            [404, 404, 200, 200, 200, 200],
        ),
        row(
            post.clone(),
            "/api/v1/workspaces/acme/projects/",
            Some(json!({ "name": "New {n}", "identifier": "NEW{n}" })),
            none,
            [404, 404, 403, 201, 201, 201],
        ),
        row(
            get.clone(),
            "/api/v1/workspaces/acme/projects/{p}/",
            None,
            none,
            [404, 404, 200, 200, 200, 200],
        ),
        row(
            patch.clone(),
            "/api/v1/workspaces/acme/projects/{p}/",
            Some(json!({ "description": "d{n}" })),
            none,
            [404, 404, 403, 403, 200, 200],
        ),
        row(
            delete.clone(),
            "/api/v1/workspaces/acme/projects/{fresh}/",
            None,
            Setup::Project,
            [404, 404, 404, 403, 204, 204],
        ),
        row(
            get.clone(),
            "/api/v1/workspaces/acme/projects/{s}/",
            None,
            none,
            [404, 404, 404, 404, 200, 200],
        ),
        row(
            post.clone(),
            "/api/v1/workspaces/acme/projects/{arc}/archive/",
            Some(json!({})),
            none,
            [404, 404, 404, 403, 204, 204],
        ),
        row(
            delete.clone(),
            "/api/v1/workspaces/acme/projects/{arc}/archive/",
            None,
            none,
            [404, 404, 404, 403, 204, 204],
        ),
        row(
            get.clone(),
            "/api/v1/workspaces/acme/projects/{p}/states/",
            None,
            none,
            [404, 404, 200, 200, 200, 200],
        ),
        row(
            get.clone(),
            "/api/v1/workspaces/acme/projects/{p}/states/{state}/",
            None,
            none,
            [404, 404, 200, 200, 200, 200],
        ),
        row(
            get.clone(),
            "/api/v1/workspaces/acme/projects/{p}/project-members/",
            None,
            none,
            [404, 404, 200, 200, 200, 200],
        ),
        row(
            post.clone(),
            "/api/v1/workspaces/acme/projects/{p}/project-members/",
            Some(json!({ "member": "{fresh}", "role": 15 })),
            Setup::Member,
            [404, 404, 403, 403, 201, 201],
        ),
        row(
            get.clone(),
            "/api/v1/workspaces/acme/projects/{p}/project-members/{mp}/",
            None,
            none,
            [404, 404, 200, 200, 200, 200],
        ),
        row(
            patch.clone(),
            "/api/v1/workspaces/acme/projects/{p}/project-members/{mp}/",
            Some(json!({ "role": 15 })),
            none,
            [404, 404, 403, 403, 200, 200],
        ),
        row(
            delete.clone(),
            "/api/v1/workspaces/acme/projects/{p}/project-members/{fresh}/",
            None,
            Setup::ProjectMember,
            [404, 404, 403, 403, 204, 204],
        ),
        row(
            post.clone(),
            "/api/v1/workspaces/{fresh}/transfer-ownership/",
            Some(json!({ "user_id": "{member}" })),
            Setup::Workspace,
            [404, 404, 403, 403, 403, 204],
        ),
        row(
            post.clone(),
            "/api/v1/workspaces/{fresh}/leave/",
            Some(json!({})),
            Setup::Workspace,
            [404, 404, 204, 204, 204, 400],
        ),
        row(
            delete.clone(),
            "/api/v1/workspaces/{fresh}/",
            None,
            Setup::Workspace,
            [404, 404, 403, 403, 403, 204],
        ),
    ];
    let mut failures = Vec::new();
    let mut counter = 0;
    for row in &rows {
        for (index, role) in ROLES.iter().enumerate() {
            counter += 1;
            let (fresh, _) = prepare(&app, &world, row.setup, counter).await;
            let path = fill(row.path, &world, &fresh, counter);
            let mut request = app.as_user(&world.users[index], row.method.clone(), &path);
            if let Some(body) = &row.body {
                let body: Value =
                    serde_json::from_str(&fill(&body.to_string(), &world, &fresh, counter))
                        .unwrap();
                request = request.json(&body);
            }
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let expected = row.expected[index];
            if status != expected {
                let text = response.text().await.unwrap_or_default();
                failures.push(format!(
                    "{} {} as {role}: expected {expected}, got {status}: {text}",
                    row.method, row.path
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} checks failed:\n{}",
        failures.len(),
        counter,
        failures.join("\n")
    );
}
