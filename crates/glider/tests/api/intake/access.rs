//! Who may edit, triage and delete; outsiders and other tenants.

use reqwest::Method;
use serde_json::{Value, json};

use super::{entry_path, submit};
use crate::team::{events, id, team};

#[tokio::test]
async fn who_may_edit_triage_and_delete() {
    let t = team(json!({ "intake_view": true })).await;
    let mine = submit(&t, &t.guest, "Guest idea").await;
    let theirs = submit(&t, &t.member, "Member idea").await;
    // Members edit any request, but only admins triage.
    let edited = t
        .call(
            &t.member,
            Method::PATCH,
            &entry_path(&t, &mine),
            json!({ "issue": { "name": "Better idea", "priority": "urgent" } }),
            200,
        )
        .await;
    assert_eq!(edited["issue_detail"]["name"], "Better idea");
    assert_eq!(edited["issue_detail"]["priority"], "urgent");
    for body in [
        json!({ "status": 1 }),
        json!({ "source": "EMAIL" }),
        json!({ "issue": { "name": "x" }, "duplicate_to": null }),
    ] {
        let refused = t
            .call(
                &t.member,
                Method::PATCH,
                &entry_path(&t, &theirs),
                body,
                403,
            )
            .await;
        assert_eq!(
            refused["error"],
            "Only project admins can triage intake work items"
        );
    }
    t.call(
        &t.member,
        Method::PATCH,
        &format!("{}status/", entry_path(&t, &theirs)),
        json!({ "status": 1 }),
        403,
    )
    .await;
    // Guests edit their own request's name and description only.
    let edited = t
        .call(
            &t.guest,
            Method::PATCH,
            &entry_path(&t, &mine),
            json!({ "issue": { "name": "Guest idea v2", "priority": "low" } }),
            200,
        )
        .await;
    assert_eq!(edited["issue_detail"]["name"], "Guest idea v2");
    assert_eq!(
        edited["issue_detail"]["priority"], "urgent",
        "a guest's priority is ignored"
    );
    let refused = t
        .call(
            &t.guest,
            Method::PATCH,
            &entry_path(&t, &theirs),
            json!({ "issue": { "name": "mine now" } }),
            400,
        )
        .await;
    assert_eq!(refused["error"], "You cannot edit intake work items");
    let refused = t
        .call(
            &t.member,
            Method::PATCH,
            &entry_path(&t, &mine),
            json!({ "issue": { "name": "" } }),
            400,
        )
        .await;
    assert_eq!(refused["name"], json!(["This field may not be blank."]));
    // Admins set the source fields.
    let sourced = t
        .call(
            &t.owner,
            Method::PATCH,
            &entry_path(&t, &mine),
            json!({ "source": "EMAIL", "source_email": "ann@example.com" }),
            200,
        )
        .await;
    assert_eq!(sourced["source_email"], "ann@example.com");
    t.call(
        &t.owner,
        Method::PATCH,
        &entry_path(&t, &mine),
        json!({ "source_email": "not an email" }),
        400,
    )
    .await;

    // Deleting a pending request takes its work item with it: its submitter or an admin only.
    let refused = t
        .call(
            &t.peer,
            Method::DELETE,
            &entry_path(&t, &theirs),
            Value::Null,
            403,
        )
        .await;
    assert_eq!(
        refused["error"],
        "Only admin or creator can delete the work item"
    );
    t.call(
        &t.guest,
        Method::DELETE,
        &entry_path(&t, &theirs),
        Value::Null,
        403,
    )
    .await;
    t.call(
        &t.guest,
        Method::DELETE,
        &entry_path(&t, &mine),
        Value::Null,
        204,
    )
    .await;
    t.call(
        &t.owner,
        Method::GET,
        &entry_path(&t, &mine),
        Value::Null,
        404,
    )
    .await;
    t.call(
        &t.owner,
        Method::GET,
        &t.path(&format!("/work-items/{}/", mine["issue"].as_str().unwrap())),
        Value::Null,
        404,
    )
    .await;
    // An accepted entry may be removed by any project member; its work item stays.
    t.call(
        &t.owner,
        Method::PATCH,
        &entry_path(&t, &theirs),
        json!({ "status": 1 }),
        200,
    )
    .await;
    t.call(
        &t.peer,
        Method::DELETE,
        &entry_path(&t, &theirs),
        Value::Null,
        204,
    )
    .await;
    t.call(
        &t.owner,
        Method::GET,
        &t.path(&format!(
            "/work-items/{}/",
            theirs["issue"].as_str().unwrap()
        )),
        Value::Null,
        200,
    )
    .await;
    assert_eq!(
        events(&t.app, &id(&theirs)).await.last().unwrap(),
        "tracker.intake.deleted"
    );
}

#[tokio::test]
async fn outsiders_and_other_tenants_see_nothing() {
    let t = team(json!({ "intake_view": true })).await;
    let entry = submit(&t, &t.member, "Private").await;
    let path = entry_path(&t, &entry);
    // A workspace member outside the (public) project may not use its queue.
    t.call(
        &t.bystander,
        Method::GET,
        &t.path("/intake-issues/"),
        Value::Null,
        403,
    )
    .await;
    t.call(&t.bystander, Method::GET, &path, Value::Null, 403)
        .await;
    // Another tenant gets 404 for the project, under either workspace slug.
    let evil = path.replace("/acme/", "/evil/");
    for target in [&path, &evil] {
        t.call(&t.stranger, Method::GET, target, Value::Null, 404)
            .await;
        t.call(
            &t.stranger,
            Method::PATCH,
            target,
            json!({ "status": 1 }),
            404,
        )
        .await;
        t.call(
            &t.stranger,
            Method::PATCH,
            &format!("{target}status/"),
            json!({ "status": 1 }),
            404,
        )
        .await;
        t.call(&t.stranger, Method::DELETE, target, Value::Null, 404)
            .await;
    }
    // An ordinary work item has no entry.
    let plain = t.item(&t.owner, json!({ "name": "Plain" })).await;
    t.call(
        &t.owner,
        Method::GET,
        &t.path(&format!("/intake-issues/{plain}/")),
        Value::Null,
        404,
    )
    .await;
    t.call(
        &t.owner,
        Method::GET,
        &t.path("/intake-issues/not-a-uuid/"),
        Value::Null,
        404,
    )
    .await;
    // Deleting the work item removes its entry from the queue.
    t.call(
        &t.owner,
        Method::DELETE,
        &t.path(&format!(
            "/work-items/{}/",
            entry["issue"].as_str().unwrap()
        )),
        Value::Null,
        204,
    )
    .await;
    t.call(&t.owner, Method::GET, &path, Value::Null, 404).await;
    assert_eq!(
        t.call(
            &t.owner,
            Method::GET,
            &t.path("/intake-issues/"),
            Value::Null,
            200
        )
        .await["total_count"],
        0
    );
}
