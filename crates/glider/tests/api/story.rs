//! The conformance story, on whichever backend the run uses: register → workspace → project →
//! members → tokens → permission checks.

use glider_test_utils::{TestApp, json_of};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_team_gets_started() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let bob = app.register("bob@example.com").await;
    app.create_workspace(&ada, "acme").await;

    // Ada invites Bob as a member; Bob joins.
    let invite = json_of(
        app.post(
            &ada,
            "/api/v1/workspaces/acme/invitations/",
            json!({ "email": "bob@example.com", "role": "member" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    json_of(
        app.post(
            &bob,
            "/api/v1/invitations/accept/",
            json!({ "token": invite["token"] }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;

    // Bob creates a project and becomes its admin; it has Plane's states.
    let project = app.create_project(&bob, "acme", "Mobile", "MOB").await;
    let id = project["id"].as_str().unwrap();
    let states = json_of(
        app.get(
            &bob,
            &format!("/api/v1/workspaces/acme/projects/{id}/states/"),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(states["total_count"], 5);

    // Bob works from a script with an API key.
    let key = app.create_api_token(&bob).await;
    let me = app
        .client
        .get(app.url("/api/v1/users/me/"))
        .header("X-Api-Key", &key)
        .send()
        .await
        .unwrap();
    assert_eq!(
        json_of(me, StatusCode::OK).await["email"],
        "bob@example.com"
    );
    let listed = app
        .client
        .get(app.url("/api/v1/workspaces/acme/projects/"))
        .header("X-Api-Key", &key)
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(listed, StatusCode::OK).await["total_count"], 1);

    // Bob cannot manage the workspace; Ada can manage Bob's project as workspace admin.
    let rename = app
        .patch(&bob, "/api/v1/workspaces/acme/", json!({ "name": "Bob's" }))
        .send()
        .await
        .unwrap();
    assert_eq!(rename.status(), StatusCode::FORBIDDEN);
    let renamed = app
        .patch(
            &ada,
            &format!("/api/v1/workspaces/acme/projects/{id}/"),
            json!({ "name": "Mobile App" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(renamed, StatusCode::OK).await["name"], "Mobile App");

    // Removing Bob from the workspace stops his key's access to it at once.
    assert_eq!(
        app.delete(
            &ada,
            &format!("/api/v1/workspaces/acme/members/{}/", bob.id)
        )
        .send()
        .await
        .unwrap()
        .status(),
        StatusCode::NO_CONTENT
    );
    let listed = app
        .client
        .get(app.url("/api/v1/workspaces/acme/projects/"))
        .header("X-Api-Key", &key)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), StatusCode::NOT_FOUND);
}
