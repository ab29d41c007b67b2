//! Triage: accept, decline, duplicate, reopen, snooze.

use reqwest::Method;
use serde_json::{Value, json};

use super::{entry_path, submit, work_item_names};
use crate::team::{events, id, team};

#[tokio::test]
async fn accepting_brings_the_item_into_the_project() {
    let t = team(json!({ "intake_view": true })).await;
    let entry = submit(&t, &t.member, "Dark mode").await;
    let status = format!("{}status/", entry_path(&t, &entry));
    let accepted = t
        .call(
            &t.owner,
            Method::PATCH,
            &status,
            json!({ "status": 1 }),
            200,
        )
        .await;
    assert_eq!(accepted["status"], 1);
    assert_eq!(
        accepted["issue_detail"]["state"]["id"],
        t.state("Backlog").await
    );
    assert_eq!(accepted["updated_by"], t.owner.id.to_string());
    assert_eq!(work_item_names(&t).await, [json!("Dark mode")]);
    assert_eq!(
        events(&t.app, &id(&entry)).await,
        ["tracker.intake.created", "tracker.intake.accepted"]
    );
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
    let fields: Vec<&Value> = history["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["field"])
        .collect();
    assert!(
        fields.contains(&&json!("state")) && fields.contains(&&json!("intake")),
        "{fields:?}"
    );
    // Accepted is final.
    let refused = t
        .call(
            &t.owner,
            Method::PATCH,
            &entry_path(&t, &entry),
            json!({ "status": -1 }),
            400,
        )
        .await;
    assert_eq!(
        refused["error"],
        "An accepted intake work item cannot change its status"
    );
    // The same status again changes nothing.
    t.call(
        &t.owner,
        Method::PATCH,
        &status,
        json!({ "status": 1 }),
        200,
    )
    .await;
    assert_eq!(events(&t.app, &id(&entry)).await.len(), 2);
    // Without a default state there is nowhere to accept into.
    let other = submit(&t, &t.member, "Other").await;
    let backlog = t.state("Backlog").await;
    let project = glider_domain::ProjectId(t.project.parse().unwrap());
    let mut state = glider_db::repo::states::find_state(
        t.app.ctx.db.conn(),
        project,
        glider_domain::StateId(backlog.parse().unwrap()),
    )
    .await
    .unwrap();
    state.is_default = false;
    glider_db::repo::states::update_state(t.app.ctx.db.conn(), &state)
        .await
        .unwrap();
    let refused = t
        .call(
            &t.owner,
            Method::PATCH,
            &format!("{}status/", entry_path(&t, &other)),
            json!({ "status": 1 }),
            400,
        )
        .await;
    assert_eq!(
        refused["status"],
        json!(["Cannot accept intake issue: No default state found for the project"])
    );
}

#[tokio::test]
async fn declining_duplicates_and_reopening() {
    let t = team(json!({ "intake_view": true })).await;
    let original = t.item(&t.owner, json!({ "name": "Export to CSV" })).await;
    let entry = submit(&t, &t.member, "CSV export please").await;
    let path = entry_path(&t, &entry);
    let status = format!("{path}status/");
    // Declined: the work item is cancelled (and, as in Plane, listed as such).
    let declined = t
        .call(
            &t.owner,
            Method::PATCH,
            &status,
            json!({ "status": -1 }),
            200,
        )
        .await;
    assert_eq!(declined["status"], -1);
    assert_eq!(
        declined["issue_detail"]["state"]["id"],
        t.state("Cancelled").await
    );
    assert_eq!(work_item_names(&t).await.len(), 2);

    // A duplicate names a live work item of the same project, not itself.
    let refused = t
        .call(
            &t.owner,
            Method::PATCH,
            &status,
            json!({ "status": 2 }),
            400,
        )
        .await;
    assert_eq!(
        refused["duplicate_to"],
        json!(["Marking a duplicate needs duplicate_to: the work item it repeats."])
    );
    let refused = t
        .call(
            &t.owner,
            Method::PATCH,
            &status,
            json!({ "status": 2, "duplicate_to": entry["issue"] }),
            400,
        )
        .await;
    assert_eq!(
        refused["duplicate_to"],
        json!(["A work item cannot be a duplicate of itself."])
    );
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
                id(&elsewhere)
            ),
            json!({ "name": "Elsewhere" }),
            201,
        )
        .await;
    for target in [id(&foreign), uuid::Uuid::now_v7().to_string()] {
        let refused = t
            .call(
                &t.owner,
                Method::PATCH,
                &status,
                json!({ "status": 2, "duplicate_to": target }),
                400,
            )
            .await;
        assert_eq!(
            refused["duplicate_to"],
            json!([format!("Invalid pk \"{target}\" - object does not exist.")])
        );
    }
    let gone = t.item(&t.owner, json!({ "name": "Gone" })).await;
    t.call(
        &t.owner,
        Method::DELETE,
        &t.path(&format!("/work-items/{gone}/")),
        Value::Null,
        204,
    )
    .await;
    t.call(
        &t.owner,
        Method::PATCH,
        &status,
        json!({ "status": 2, "duplicate_to": gone }),
        400,
    )
    .await;
    let refused = t
        .call(
            &t.owner,
            Method::PATCH,
            &status,
            json!({ "status": 2, "duplicate_to": "not-a-uuid" }),
            400,
        )
        .await;
    assert_eq!(refused["duplicate_to"], json!(["Must be a valid UUID."]));
    let duplicate = t
        .call(
            &t.owner,
            Method::PATCH,
            &status,
            json!({ "status": 2, "duplicate_to": original }),
            200,
        )
        .await;
    assert_eq!(duplicate["status"], 2);
    assert_eq!(duplicate["duplicate_to"], original);

    // duplicate_to belongs to duplicates only.
    let refused = t
        .call(
            &t.owner,
            Method::PATCH,
            &path,
            json!({ "status": -1, "duplicate_to": original }),
            400,
        )
        .await;
    assert_eq!(
        refused["duplicate_to"],
        json!(["Only a duplicate (status 2) points at another work item."])
    );
    // Reopened: back in triage, out of the lists, the duplicate link dropped.
    let reopened = t
        .call(&t.owner, Method::PATCH, &path, json!({ "status": -2 }), 200)
        .await;
    assert_eq!(reopened["issue_detail"]["state"]["group"], "triage");
    assert_eq!(reopened["duplicate_to"], Value::Null);
    assert_eq!(work_item_names(&t).await, [json!("Export to CSV")]);
    assert_eq!(
        events(&t.app, &id(&entry)).await,
        [
            "tracker.intake.created",
            "tracker.intake.rejected",
            "tracker.intake.duplicate",
            "tracker.intake.reopened"
        ]
    );
    // Status values are Plane's numbers.
    for bad in [json!(5), json!("1"), Value::Null] {
        let refused = t
            .call(
                &t.owner,
                Method::PATCH,
                &status,
                json!({ "status": bad }),
                400,
            )
            .await;
        assert!(refused["status"].is_array(), "{refused}");
    }
    let refused = t
        .call(
            &t.owner,
            Method::PATCH,
            &status,
            json!({ "snoozed_till": null }),
            400,
        )
        .await;
    assert_eq!(refused["status"], json!(["This field is required."]));
}

#[tokio::test]
async fn snoozed_entries_show_until_their_date() {
    let t = team(json!({ "intake_view": true })).await;
    let entry = submit(&t, &t.member, "Later").await;
    submit(&t, &t.member, "Now").await;
    let path = entry_path(&t, &entry);
    let status = format!("{path}status/");
    let refused = t
        .call(
            &t.owner,
            Method::PATCH,
            &status,
            json!({ "status": 0 }),
            400,
        )
        .await;
    assert_eq!(
        refused["snoozed_till"],
        json!(["Snoozing needs a snoozed_till in the future."])
    );
    let past = (t.app.clock_now() - chrono::Duration::hours(1)).to_rfc3339();
    t.call(
        &t.owner,
        Method::PATCH,
        &status,
        json!({ "status": 0, "snoozed_till": past }),
        400,
    )
    .await;
    let refused = t
        .call(
            &t.owner,
            Method::PATCH,
            &status,
            json!({ "status": 0, "snoozed_till": "tomorrow" }),
            400,
        )
        .await;
    assert_eq!(
        refused["snoozed_till"],
        json!(["Datetime has wrong format. Use ISO 8601."])
    );
    let until = t.app.clock_now() + chrono::Duration::days(2);
    let snoozed = t
        .call(
            &t.owner,
            Method::PATCH,
            &status,
            json!({ "status": 0, "snoozed_till": until.to_rfc3339() }),
            200,
        )
        .await;
    assert_eq!(snoozed["status"], 0);
    assert_eq!(snoozed["issue_detail"]["state"]["group"], "triage");
    let list = t
        .call(
            &t.owner,
            Method::GET,
            &t.path("/intake-issues/"),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(list["total_count"], 2, "shown while snoozed, as in Plane");
    // snoozed_till belongs to snoozed entries only.
    let refused = t
        .call(
            &t.owner,
            Method::PATCH,
            &path,
            json!({ "status": -2, "snoozed_till": until.to_rfc3339() }),
            400,
        )
        .await;
    assert_eq!(
        refused["snoozed_till"],
        json!(["Only a snoozed intake work item (status 0) has a snoozed_till."])
    );

    // Once the date has passed the entry leaves the list (Plane's rule); it is still readable.
    t.app.clock.advance(chrono::Duration::days(3));
    let owner = t.app.sign_in(&t.owner).await;
    let list = t
        .call(
            &owner,
            Method::GET,
            &t.path("/intake-issues/"),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(list["total_count"], 1);
    assert_eq!(list["results"][0]["issue_detail"]["name"], "Now");
    t.call(&owner, Method::GET, &path, Value::Null, 200).await;
    // Reopening clears the date, so it shows again.
    let reopened = t
        .call(&owner, Method::PATCH, &status, json!({ "status": -2 }), 200)
        .await;
    assert_eq!(reopened["snoozed_till"], Value::Null);
    assert_eq!(
        t.call(
            &owner,
            Method::GET,
            &t.path("/intake-issues/"),
            Value::Null,
            200
        )
        .await["total_count"],
        2
    );
}
