//! Bulk update and delete of work items: per-entry results, one transaction, roles, tenants,
//! and the static paths beside `{work_item_id}`.

use reqwest::Method;
use serde_json::{Value, json};

use crate::team::{events, team};

#[tokio::test]
async fn bulk_update_reports_each_entry() {
    let t = team(json!({})).await;
    let a = t.item(&t.owner, json!({ "name": "A" })).await;
    let b = t.item(&t.owner, json!({ "name": "B" })).await;
    let c = t.item(&t.owner, json!({ "name": "C" })).await;
    let d = t.item(&t.owner, json!({ "name": "D" })).await;
    let elsewhere = t
        .call(
            &t.owner,
            Method::POST,
            "/api/v1/workspaces/acme/projects/",
            json!({ "name": "Api", "identifier": "API" }),
            201,
        )
        .await;
    let foreign = t
        .call(
            &t.owner,
            Method::POST,
            &format!(
                "/api/v1/workspaces/acme/projects/{}/work-items/",
                elsewhere["id"].as_str().unwrap()
            ),
            json!({ "name": "F" }),
            201,
        )
        .await;
    let done = t.state("Done").await;
    let body = json!({ "items": [
        { "id": a, "priority": "urgent", "state": done },
        { "id": b, "name": "" },
        { "id": uuid::Uuid::now_v7() , "name": "ghost" },
        { "id": "nope", "name": "x" },
        { "id": a, "name": "again" },
        { "id": foreign["id"], "name": "moved?" },
        "not an object",
        { "id": c },
        { "id": d, "start_date": "2026-02-02", "target_date": "2026-01-01" },
    ] });
    let result = t
        .call(
            &t.member,
            Method::POST,
            &t.path("/work-items/bulk-update/"),
            body,
            200,
        )
        .await;
    let statuses: Vec<u64> = result["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, [200, 400, 404, 400, 400, 404, 400, 200, 400]);
    assert_eq!(
        (result["succeeded"].clone(), result["failed"].clone()),
        (json!(2), json!(7))
    );
    let results = &result["results"];
    assert_eq!(results[0]["id"], a);
    assert_eq!(
        results[1]["fields"]["name"],
        json!(["This field may not be blank."])
    );
    assert_eq!(results[1]["code"], "validation_failed");
    assert_eq!(
        results[2]["error"],
        "The requested resource does not exist."
    );
    assert_eq!(results[3]["fields"]["id"], json!(["Must be a valid UUID."]));
    assert_eq!(
        results[4]["fields"]["id"],
        json!(["This work item is listed more than once."])
    );
    assert_eq!(results[6]["id"], Value::Null);
    assert_eq!(
        results[8]["fields"]["non_field_errors"],
        json!(["Start date cannot exceed target date"])
    );

    // The passing entries were written, with history and an event each.
    let item_a = t
        .call(
            &t.owner,
            Method::GET,
            &t.path(&format!("/work-items/{a}/")),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(
        (item_a["priority"].clone(), item_a["state"].clone()),
        (json!("urgent"), json!(done))
    );
    assert!(
        item_a["completed_at"].is_string(),
        "moved to a completed state"
    );
    assert_eq!(item_a["updated_by"], t.member.id.to_string());
    let item_b = t
        .call(
            &t.owner,
            Method::GET,
            &t.path(&format!("/work-items/{b}/")),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(item_b["name"], "B");
    assert_eq!(
        events(&t.app, &a).await,
        ["tracker.work_item.created", "tracker.work_item.updated"]
    );
    assert_eq!(
        events(&t.app, &c).await,
        ["tracker.work_item.created"],
        "nothing to change, nothing written"
    );
    let history = t
        .call(
            &t.owner,
            Method::GET,
            &t.path(&format!("/work-items/{a}/activities/")),
            Value::Null,
            200,
        )
        .await;
    let fields: Vec<&Value> = history["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["field"])
        .collect();
    assert_eq!(fields, [&Value::Null, &json!("priority"), &json!("state")]);
    // A bare list works too.
    let bare = t
        .call(
            &t.member,
            Method::POST,
            &t.path("/work-items/bulk-update/"),
            json!([{ "id": c, "name": "C2" }]),
            200,
        )
        .await;
    assert_eq!(bare["succeeded"], 1);
}

#[tokio::test]
async fn bulk_update_is_one_transaction_and_checks_loops() {
    let t = team(json!({})).await;
    let a = t.item(&t.owner, json!({ "name": "A" })).await;
    let b = t.item(&t.owner, json!({ "name": "B" })).await;
    let path = t.path("/work-items/bulk-update/");
    // Each entry passes alone, but together they would loop.
    let result = t
        .call(
            &t.owner,
            Method::POST,
            &path,
            json!({ "items": [{ "id": a, "parent": b }, { "id": b, "parent": a }] }),
            200,
        )
        .await;
    assert_eq!(result["failed"], 2);
    assert_eq!(
        result["results"][0]["fields"]["parent"],
        json!(["This parent would make a loop: it is a sub-item of this work item."])
    );
    // A conflict found only while writing rolls every entry back.
    let refused = t.call(&t.owner, Method::POST, &path, json!({ "items": [{ "id": a, "name": "A2", "sequence_id": 7 }, { "id": b, "sequence_id": 7 }] }), 409).await;
    assert_eq!(refused["code"], "conflict");
    let item_a = t
        .call(
            &t.owner,
            Method::GET,
            &t.path(&format!("/work-items/{a}/")),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(
        (item_a["name"].clone(), item_a["sequence_id"].clone()),
        (json!("A"), json!(1))
    );
    // Request-level checks.
    for (body, field, message) in [
        (
            json!({ "items": [] }),
            "items",
            "Send at least one work item.",
        ),
        (
            json!({ "items": vec![json!({ "id": a }); 251] }),
            "items",
            "Send at most 250 work items at once.",
        ),
        (json!({}), "items", "This field is required."),
        (
            json!({ "items": "all" }),
            "items",
            "Expected a list of items.",
        ),
    ] {
        let refused = t.call(&t.owner, Method::POST, &path, body, 400).await;
        assert_eq!(refused[field], json!([message]));
    }
    t.call(&t.owner, Method::POST, &t.path("/archive/"), json!({}), 204)
        .await;
    let refused = t
        .call(
            &t.owner,
            Method::POST,
            &path,
            json!([{ "id": a, "name": "x" }]),
            400,
        )
        .await;
    assert_eq!(refused["error"], "Archived project cannot be updated");
}

#[tokio::test]
async fn bulk_delete_checks_each_owner() {
    let t = team(json!({})).await;
    let own = t.item(&t.member, json!({ "name": "Mine" })).await;
    let theirs = t.item(&t.owner, json!({ "name": "Owner's" })).await;
    let path = t.path("/work-items/bulk-delete/");
    let body = json!({ "ids": [own, theirs, uuid::Uuid::now_v7(), own, 7] });
    let result = t.call(&t.member, Method::POST, &path, body, 200).await;
    let statuses: Vec<u64> = result["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, [200, 403, 404, 400, 400]);
    assert_eq!(
        result["results"][1]["error"],
        "Only admin or creator can delete the work item"
    );
    assert_eq!(result["results"][1]["code"], "only_admin_or_creator");
    t.call(
        &t.owner,
        Method::GET,
        &t.path(&format!("/work-items/{own}/")),
        Value::Null,
        404,
    )
    .await;
    t.call(
        &t.owner,
        Method::GET,
        &t.path(&format!("/work-items/{theirs}/")),
        Value::Null,
        200,
    )
    .await;
    assert_eq!(
        events(&t.app, &own).await.last().unwrap(),
        "tracker.work_item.deleted"
    );
    // Admins delete anyone's; a bare list works too.
    let result = t
        .call(&t.owner, Method::POST, &path, json!([theirs]), 200)
        .await;
    assert_eq!(result["succeeded"], 1);
    let list = t
        .call(
            &t.owner,
            Method::GET,
            &t.path("/work-items/"),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(list["total_count"], 0);
    let refused = t
        .call(&t.owner, Method::POST, &path, json!({ "ids": [] }), 400)
        .await;
    assert_eq!(refused["ids"], json!(["Send at least one work item."]));
}

#[tokio::test]
async fn bulk_routes_roles_and_tenants() {
    let t = team(json!({})).await;
    let item = t.item(&t.owner, json!({ "name": "A" })).await;
    for suffix in ["bulk-update/", "bulk-delete/"] {
        let path = t.path(&format!("/work-items/{suffix}"));
        // The static segment wins over `{work_item_id}`: other methods are 405, not 404.
        let response = t.app.get(&t.owner, &path).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 405);
        let body = json!([{ "id": item, "name": "x" }]);
        t.call(&t.guest, Method::POST, &path, body.clone(), 403)
            .await;
        t.call(&t.bystander, Method::POST, &path, body.clone(), 403)
            .await;
        t.call(&t.stranger, Method::POST, &path, body.clone(), 404)
            .await;
        t.call(
            &t.stranger,
            Method::POST,
            &path.replace("/acme/", "/evil/"),
            body,
            404,
        )
        .await;
    }
    // Ids from another tenant's project are simply not found here.
    t.app
        .create_project(&t.stranger, "evil", "Evil", "EVL")
        .await;
    let evil_projects = t
        .call(
            &t.stranger,
            Method::GET,
            "/api/v1/workspaces/evil/projects/",
            Value::Null,
            200,
        )
        .await;
    let evil_project = evil_projects["results"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let theirs = t
        .call(
            &t.stranger,
            Method::POST,
            &format!("/api/v1/workspaces/evil/projects/{evil_project}/work-items/"),
            json!({ "name": "E" }),
            201,
        )
        .await;
    let result = t
        .call(
            &t.owner,
            Method::POST,
            &t.path("/work-items/bulk-delete/"),
            json!([theirs["id"]]),
            200,
        )
        .await;
    assert_eq!(result["results"][0]["status"], 404);
    let result = t
        .call(
            &t.owner,
            Method::POST,
            &t.path("/work-items/bulk-update/"),
            json!([{ "id": theirs["id"], "name": "mine" }]),
            200,
        )
        .await;
    assert_eq!(result["results"][0]["status"], 404);
    let still = t
        .call(
            &t.stranger,
            Method::GET,
            &format!(
                "/api/v1/workspaces/evil/projects/{evil_project}/work-items/{}/",
                theirs["id"].as_str().unwrap()
            ),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(still["name"], "E");
}
