//! The switch, submissions and reads.

use reqwest::Method;
use serde_json::{Value, json};

use super::{DISABLED, entry_path, submit, work_item_names};
use crate::team::{events, id, team};

#[tokio::test]
async fn the_project_switch_turns_the_queue_on_and_off() {
    let t = team(json!({})).await;
    let list = t
        .call(
            &t.owner,
            Method::GET,
            &t.path("/intake-issues/"),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(list["total_count"], 0);
    let refused = t
        .call(
            &t.owner,
            Method::POST,
            &t.path("/intake-issues/"),
            json!({ "issue": { "name": "x" } }),
            400,
        )
        .await;
    assert_eq!(refused["error"], DISABLED);
    assert_eq!(refused["code"], "intake_disabled");

    // Turning intake on through the project gives it its queue, with an event.
    t.call(
        &t.owner,
        Method::PATCH,
        &t.path("/"),
        json!({ "intake_view": true }),
        200,
    )
    .await;
    let project: uuid::Uuid = t.project.parse().unwrap();
    let intake = glider_db::repo::intake::find_intake(
        t.app.ctx.db.conn(),
        glider_domain::ProjectId(project),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(intake.name, "Web Intake");
    assert_eq!(
        events(&t.app, &intake.id.to_string()).await,
        ["tracker.intake.enabled"]
    );
    // Turning it on again keeps the same queue.
    t.call(
        &t.owner,
        Method::PATCH,
        &t.path("/"),
        json!({ "intake_view": true, "name": "Web app" }),
        200,
    )
    .await;
    let again = glider_db::repo::intake::find_intake(
        t.app.ctx.db.conn(),
        glider_domain::ProjectId(project),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(again.id, intake.id);

    let entry = submit(&t, &t.member, "Crash on login").await;
    assert_eq!(entry["inbox"], intake.id.to_string());
    assert_eq!(entry["intake"], intake.id.to_string());

    // Off again: the queue reads empty, entries are not found, writes are refused.
    t.call(
        &t.owner,
        Method::PATCH,
        &t.path("/"),
        json!({ "intake_view": false }),
        200,
    )
    .await;
    let list = t
        .call(
            &t.owner,
            Method::GET,
            &t.path("/intake-issues/"),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(list["total_count"], 0);
    t.call(
        &t.owner,
        Method::GET,
        &entry_path(&t, &entry),
        Value::Null,
        404,
    )
    .await;
    let refused = t
        .call(
            &t.owner,
            Method::PATCH,
            &entry_path(&t, &entry),
            json!({ "status": 1 }),
            400,
        )
        .await;
    assert_eq!(refused["error"], DISABLED);
    t.call(
        &t.owner,
        Method::DELETE,
        &entry_path(&t, &entry),
        Value::Null,
        400,
    )
    .await;
}

#[tokio::test]
async fn a_project_created_with_intake_on_gets_its_queue_at_the_first_submission() {
    let t = team(json!({})).await;
    let created = t
        .call(
            &t.owner,
            Method::POST,
            "/api/v1/workspaces/acme/projects/",
            json!({ "name": "Ops", "identifier": "OPS", "intake_view": true }),
            201,
        )
        .await;
    let path = format!(
        "/api/v1/workspaces/acme/projects/{}/intake-issues/",
        id(&created)
    );
    let entry = t
        .call(
            &t.owner,
            Method::POST,
            &path,
            json!({ "issue": { "name": "First" } }),
            201,
        )
        .await;
    assert!(entry["inbox"].is_string());
    let list = t.call(&t.owner, Method::GET, &path, Value::Null, 200).await;
    assert_eq!(list["total_count"], 1);
}

#[tokio::test]
async fn submissions_are_triage_work_items() {
    let t = team(json!({ "intake_view": true })).await;
    let body = json!({ "issue": { "name": "  Export fails ", "priority": "high", "description_html": "<p>Steps<script>alert(1)</script></p>" } });
    let entry = t
        .call(
            &t.guest,
            Method::POST,
            &t.path("/intake-issues/"),
            body,
            201,
        )
        .await;
    assert_eq!(entry["status"], -2);
    assert_eq!(entry["source"], "IN_APP");
    assert_eq!(entry["created_by"], t.guest.id.to_string());
    assert_eq!(entry["duplicate_to"], Value::Null);
    let detail = &entry["issue_detail"];
    assert_eq!(detail["name"], "Export fails");
    assert_eq!(detail["priority"], "high");
    assert_eq!(detail["sequence_id"], 1);
    assert!(
        !detail["description_html"]
            .as_str()
            .unwrap()
            .contains("script")
    );
    assert_eq!(detail["state"]["group"], "triage");
    assert_eq!(detail["state"]["name"], "Triage");
    for key in [
        "id",
        "issue_detail",
        "inbox",
        "created_at",
        "updated_at",
        "deleted_at",
        "status",
        "snoozed_till",
        "source",
        "source_email",
        "external_source",
        "external_id",
        "extra",
        "created_by",
        "updated_by",
        "project",
        "workspace",
        "intake",
        "issue",
        "duplicate_to",
    ] {
        assert!(entry.get(key).is_some(), "missing {key}");
    }
    assert_eq!(
        events(&t.app, &id(&entry)).await,
        ["tracker.intake.created"]
    );

    // Hidden from work-item lists, but the work item itself is readable.
    assert!(work_item_names(&t).await.is_empty());
    let item = t
        .call(
            &t.owner,
            Method::GET,
            &t.path(&format!(
                "/work-items/{}/",
                entry["issue"].as_str().unwrap()
            )),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(item["name"], "Export fails");
    let history = t
        .call(
            &t.owner,
            Method::GET,
            &t.path(&format!(
                "/work-items/{}/activities/",
                entry["issue"].as_str().unwrap()
            )),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(history["results"][0]["verb"], "created");

    // Reads: list (newest first), retrieve, fields and expand.
    let second = submit(&t, &t.member, "Second").await;
    let list = t
        .call(
            &t.member,
            Method::GET,
            &t.path("/intake-issues/?per_page=1"),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(list["total_count"], 2);
    assert_eq!(list["results"][0]["id"], second["id"]);
    assert_eq!(list["next_page_results"], true);
    let one = t
        .call(
            &t.guest,
            Method::GET,
            &format!(
                "{}?fields=id,status,created_by&expand=created_by",
                entry_path(&t, &entry)
            ),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(one.as_object().unwrap().len(), 3);
    assert_eq!(one["created_by"]["id"], t.guest.id.to_string());
    let expanded = t
        .call(
            &t.owner,
            Method::GET,
            &format!("{}?expand=project,workspace", entry_path(&t, &entry)),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(expanded["project"]["identifier"], "WEB");
    assert_eq!(expanded["workspace"]["slug"], "acme");
    let pending = t
        .call(
            &t.owner,
            Method::GET,
            &t.path("/intake-issues/?status=-2,1"),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(pending["total_count"], 2);
    let bad = t
        .call(
            &t.owner,
            Method::GET,
            &t.path("/intake-issues/?status=9"),
            Value::Null,
            400,
        )
        .await;
    assert_eq!(bad["status"], json!(["\"9\" is not a valid choice."]));
}

#[tokio::test]
async fn submissions_are_checked() {
    let t = team(json!({ "intake_view": true })).await;
    let path = t.path("/intake-issues/");
    for body in [
        json!({}),
        json!({ "issue": {} }),
        json!({ "issue": { "name": "   " } }),
        json!({ "issue": "Crash" }),
    ] {
        let refused = t.call(&t.member, Method::POST, &path, body, 400).await;
        assert_eq!(refused["error"], "Name is required");
    }
    let refused = t
        .call(
            &t.member,
            Method::POST,
            &path,
            json!({ "issue": { "name": "x", "priority": "asap" } }),
            400,
        )
        .await;
    assert_eq!(refused["error"], "Invalid priority");
    let refused = t
        .call(
            &t.member,
            Method::POST,
            &path,
            json!({ "issue": { "name": "x".repeat(256) } }),
            400,
        )
        .await;
    assert_eq!(
        refused["name"],
        json!(["Ensure this field has no more than 255 characters."])
    );
    // Workspace members outside the project, and other tenants, cannot submit.
    t.call(
        &t.bystander,
        Method::POST,
        &path,
        json!({ "issue": { "name": "x" } }),
        403,
    )
    .await;
    t.call(
        &t.stranger,
        Method::POST,
        &path,
        json!({ "issue": { "name": "x" } }),
        404,
    )
    .await;
    // An archived project takes no submissions and shows no queue.
    t.call(&t.owner, Method::POST, &t.path("/archive/"), json!({}), 204)
        .await;
    let refused = t
        .call(
            &t.member,
            Method::POST,
            &path,
            json!({ "issue": { "name": "x" } }),
            400,
        )
        .await;
    assert_eq!(refused["error"], "Archived project cannot be updated");
    assert_eq!(
        t.call(&t.member, Method::GET, &path, Value::Null, 200)
            .await["total_count"],
        0
    );
}
