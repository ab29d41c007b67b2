//! Comments, links, history and relations of work items.

use glider_domain::WorkspaceRole;
use glider_test_utils::{TestApp, TestUser, json_of};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn setup() -> (TestApp, TestUser, String) {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    app.create_workspace(&ada, "acme").await;
    let project = app.create_project(&ada, "acme", "Web", "WEB").await;
    let base = format!(
        "/api/v1/workspaces/acme/projects/{}/work-items/",
        project["id"].as_str().unwrap()
    );
    (app, ada, base)
}

async fn item(app: &TestApp, user: &TestUser, base: &str, name: &str) -> String {
    let created = json_of(
        app.post(user, base, json!({ "name": name }))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    format!("{base}{}/", created["id"].as_str().unwrap())
}

#[tokio::test]
async fn comments_are_sanitised_and_owned() {
    let (app, ada, base) = setup().await;
    let path = item(&app, &ada, &base, "Bug").await;
    let comments = format!("{path}comments/");
    let created = json_of(app.post(&ada, &comments, json!({ "comment_html": "<p>Hi <img src=x onerror=alert(1)></p>", "access": "EXTERNAL" })).send().await.unwrap(), StatusCode::CREATED).await;
    assert!(
        !created["comment_html"]
            .as_str()
            .unwrap()
            .contains("onerror")
    );
    assert_eq!(created["access"], "EXTERNAL");
    assert_eq!(created["actor"], ada.id.to_string());
    let bad = json_of(
        app.post(&ada, &comments, json!({ "access": "PUBLIC" }))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(bad["access"].is_array());
    let second = json_of(
        app.post(
            &ada,
            &comments,
            json!({ "comment_html": "<p>Second</p>", "external_source": "gh", "external_id": "1" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let dup = json_of(
        app.post(
            &ada,
            &comments,
            json!({ "external_source": "gh", "external_id": "1" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(dup["id"], second["id"]);
    let list = json_of(
        app.get(&ada, &comments).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(list["total_count"], 2);
    assert_eq!(list["results"][0]["id"], second["id"], "newest first");

    // Another member may read but not edit Ada's comment; a guest may comment.
    let bob = app.register("bob@example.com").await;
    app.add_member("acme", &bob, WorkspaceRole::Member).await;
    let project_id = path.split('/').nth(6).unwrap().to_owned();
    let members = format!("/api/v1/workspaces/acme/projects/{project_id}/project-members/");
    json_of(
        app.post(&ada, &members, json!({ "member": bob.id, "role": 5 }))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let comment_path = format!("{comments}{}/", created["id"].as_str().unwrap());
    assert_eq!(
        app.get(&bob, &comment_path).send().await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        app.patch(
            &bob,
            &comment_path,
            json!({ "comment_html": "<p>mine</p>" })
        )
        .send()
        .await
        .unwrap()
        .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.post(
            &bob,
            &comments,
            json!({ "comment_html": "<p>guest says</p>" })
        )
        .send()
        .await
        .unwrap()
        .status(),
        StatusCode::CREATED
    );
    let edited = json_of(
        app.patch(
            &ada,
            &comment_path,
            json!({ "comment_html": "<p>edited</p>" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert!(edited["edited_at"].is_string());
    assert_eq!(
        app.delete(&ada, &comment_path)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(&ada, &comment_path).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn links_are_validated_and_unique() {
    let (app, ada, base) = setup().await;
    let path = item(&app, &ada, &base, "Docs").await;
    let links = format!("{path}links/");
    let bad = json_of(
        app.post(&ada, &links, json!({ "url": "not a url" }))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(bad["url"], json!(["Invalid URL format."]));
    let bad = json_of(
        app.post(&ada, &links, json!({ "url": "ftp://example.com/x" }))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(bad["url"], json!(["Invalid URL scheme."]));
    let bad = json_of(
        app.post(&ada, &links, json!({ "url": "javascript:alert(1)" }))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(bad["url"].is_array());
    let link = json_of(
        app.post(
            &ada,
            &links,
            json!({ "url": "https://example.com/spec", "title": "Spec" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(link["metadata"], json!({}));
    let dup = json_of(
        app.post(&ada, &links, json!({ "url": "https://example.com/spec" }))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(dup["error"], "URL already exists for this Issue");
    let link_path = format!("{links}{}/", link["id"].as_str().unwrap());
    let renamed = json_of(
        app.patch(&ada, &link_path, json!({ "title": "The spec" }))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(renamed["title"], "The spec");
    assert_eq!(
        app.delete(&ada, &link_path).send().await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    let list = json_of(app.get(&ada, &links).send().await.unwrap(), StatusCode::OK).await;
    assert_eq!(list["total_count"], 0);
}

#[tokio::test]
async fn history_has_an_entry_per_changed_field() {
    let (app, ada, base) = setup().await;
    let path = item(&app, &ada, &base, "Draft").await;
    json_of(
        app.patch(
            &ada,
            &path,
            json!({ "name": "Final", "priority": "urgent", "start_date": "2026-01-02" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    json_of(
        app.post(
            &ada,
            &format!("{path}comments/"),
            json!({ "comment_html": "<p>x</p>" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let history = json_of(
        app.get(&ada, &format!("{path}activities/"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let entries = history["results"].as_array().unwrap();
    let fields: Vec<_> = entries.iter().map(|e| e["field"].clone()).collect();
    assert_eq!(
        fields,
        [
            Value::Null,
            json!("name"),
            json!("priority"),
            json!("start_date")
        ],
        "comments are not listed"
    );
    assert_eq!(entries[0]["verb"], "created");
    assert_eq!(entries[0]["comment"], "created the issue");
    assert_eq!(entries[1]["old_value"], "Draft");
    assert_eq!(entries[1]["new_value"], "Final");
    for key in ["project", "workspace", "epoch", "actor", "issue"] {
        assert!(!entries[1][key].is_null(), "{key}");
    }
    let one = json_of(
        app.get(
            &ada,
            &format!("{path}activities/{}/", entries[2]["id"].as_str().unwrap()),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(one["new_value"], "urgent");
    let newest = json_of(
        app.get(
            &ada,
            &format!("{path}activities/?order_by=-created_at&per_page=1"),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(newest["count"], 1);
}

#[tokio::test]
async fn relations_are_symmetric_and_removable() {
    let (app, ada, base) = setup().await;
    let a = item(&app, &ada, &base, "A").await;
    let b = item(&app, &ada, &base, "B").await;
    let c = item(&app, &ada, &base, "C").await;
    let id = |path: &str| {
        path.trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap()
            .to_owned()
    };
    let created = json_of(
        app.post(
            &ada,
            &format!("{a}relations/"),
            json!({ "relation_type": "blocking", "issues": [id(&b)] }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(created[0]["relation_type"], "blocked_by", "stored flipped");
    json_of(
        app.post(
            &ada,
            &format!("{a}relations/"),
            json!({ "relation_type": "relates_to", "issues": [id(&c)] }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let from_a = json_of(
        app.get(&ada, &format!("{a}relations/"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(from_a["blocking"], json!([id(&b)]));
    assert_eq!(from_a["relates_to"], json!([id(&c)]));
    assert_eq!(from_a.as_object().unwrap().len(), 8);
    let from_b = json_of(
        app.get(&ada, &format!("{b}relations/"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(from_b["blocked_by"], json!([id(&a)]));
    let from_c = json_of(
        app.get(&ada, &format!("{c}relations/"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(from_c["relates_to"], json!([id(&a)]));
    // A pair already related is skipped.
    let again = json_of(
        app.post(
            &ada,
            &format!("{b}relations/"),
            json!({ "relation_type": "duplicate", "issues": [id(&a)] }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(again, json!([]));
    for (body, field) in [
        (
            json!({ "relation_type": "friends", "issues": [id(&b)] }),
            "relation_type",
        ),
        (
            json!({ "relation_type": "blocking", "issues": [] }),
            "issues",
        ),
        (
            json!({ "relation_type": "blocking", "issues": ["x"] }),
            "issues",
        ),
        (
            json!({ "relation_type": "blocking", "issues": [id(&a)] }),
            "issues",
        ),
    ] {
        let error = json_of(
            app.post(&ada, &format!("{a}relations/"), body)
                .send()
                .await
                .unwrap(),
            StatusCode::BAD_REQUEST,
        )
        .await;
        assert!(error[field].is_array(), "{error}");
    }
    let unknown = app
        .post(
            &ada,
            &format!("{a}relations/"),
            json!({ "relation_type": "blocking", "issues": [uuid::Uuid::new_v4()] }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        app.post(
            &ada,
            &format!("{b}relations/remove/"),
            json!({ "related_issue": id(&a) })
        )
        .send()
        .await
        .unwrap()
        .status(),
        StatusCode::NO_CONTENT
    );
    let from_a = json_of(
        app.get(&ada, &format!("{a}relations/"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(from_a["blocking"], json!([]));
}

#[tokio::test]
async fn children_of_another_tenants_item_are_not_found() {
    let (app, ada, base) = setup().await;
    let path = item(&app, &ada, &base, "Private").await;
    json_of(
        app.post(
            &ada,
            &format!("{path}comments/"),
            json!({ "comment_html": "<p>x</p>" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let eve = app.register("eve@example.com").await;
    app.create_workspace(&eve, "evil").await;
    for suffix in ["comments/", "links/", "activities/", "relations/"] {
        for target in [
            format!("{path}{suffix}"),
            format!("{path}{suffix}").replace("/acme/", "/evil/"),
        ] {
            assert_eq!(
                app.get(&eve, &target).send().await.unwrap().status(),
                StatusCode::NOT_FOUND,
                "{target}"
            );
        }
    }
    let post = app
        .post(
            &eve,
            &format!("{path}comments/").replace("/acme/", "/evil/"),
            json!({ "comment_html": "<p>x</p>" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(post.status(), StatusCode::NOT_FOUND);
}
