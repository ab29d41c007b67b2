//! Creating, reading, updating and deleting cycles; Plane's shape and rules.

use glider_domain::WorkspaceRole;
use reqwest::{Method, StatusCode};
use serde_json::json;

use super::{event_kinds, id, says, setup};

#[tokio::test]
async fn create_read_and_plane_shape() {
    let s = setup().await;
    let created = s.cycle("Sprint 1", Some((1, 10))).await;
    assert_eq!(created["start_date"], format!("{}T00:00:01Z", s.day(1)));
    assert_eq!(created["end_date"], format!("{}T23:59:00Z", s.day(10)));
    assert_eq!(created["sort_order"], 65535.0);
    assert_eq!(created["owned_by"], s.ada.id.to_string());
    assert_eq!(created["created_by"], s.ada.id.to_string());
    assert_eq!(created["project"], s.project);
    assert_eq!(
        (created["version"].clone(), created["timezone"].clone()),
        (json!(1), json!("UTC"))
    );
    assert_eq!(created["progress_snapshot"], json!({}));
    for key in [
        "id",
        "created_at",
        "updated_at",
        "deleted_at",
        "name",
        "description",
        "view_props",
        "external_source",
        "external_id",
        "archived_at",
        "logo_props",
        "updated_by",
        "workspace",
    ] {
        assert!(created.get(key).is_some(), "missing {key}");
    }
    assert!(created.get("total_issues").is_none(), "no counts on create");
    let second = s.cycle("Sprint 2", None).await;
    assert_eq!(
        second["sort_order"], 55535.0,
        "a new cycle goes above the others"
    );
    assert!(second["start_date"].is_null() && second["end_date"].is_null());

    let path = format!("cycles/{}/", id(&created));
    let fetched = s.ok(Method::GET, &path, None, StatusCode::OK).await;
    for key in [
        "total_issues",
        "cancelled_issues",
        "completed_issues",
        "started_issues",
        "unstarted_issues",
        "backlog_issues",
    ] {
        assert_eq!(fetched[key], 0, "{key}");
    }
    assert!(fetched.get("total_estimates").is_none());
    let shaped = s
        .ok(
            Method::GET,
            &format!("{path}?fields=id,name,owned_by&expand=owned_by"),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(shaped.as_object().unwrap().len(), 3);
    assert_eq!(shaped["owned_by"]["email"], "ada@example.com");

    let project = s.ok(Method::GET, "", None, StatusCode::OK).await;
    assert_eq!(project["total_cycles"], 2);
    assert_eq!(
        event_kinds(&s.app, &id(&created)).await,
        ["tracker.cycle.created"]
    );
}

#[tokio::test]
async fn dates_follow_the_project_time_zone() {
    let s = setup().await;
    s.ok(
        Method::PATCH,
        "",
        Some(json!({ "timezone": "Asia/Kolkata" })),
        StatusCode::OK,
    )
    .await;
    let body = json!({ "name": "IST", "project_id": s.project, "start_date": "2030-01-10", "end_date": "2030-01-20T08:00:00Z" });
    let cycle = s
        .ok(Method::POST, "cycles/", Some(body), StatusCode::CREATED)
        .await;
    assert_eq!(cycle["start_date"], "2030-01-09T18:30:01Z");
    assert_eq!(cycle["end_date"], "2030-01-20T18:29:00Z");
    // A cycle starting today starts now.
    let today = s.cycle("Now", Some((0, 3))).await;
    let start: chrono::DateTime<chrono::Utc> =
        today["start_date"].as_str().unwrap().parse().unwrap();
    assert!(
        (start - s.app.clock_now()).num_seconds().abs() < 5,
        "{start}"
    );
}

#[tokio::test]
async fn create_rules_and_messages() {
    let s = setup().await;
    let p = &s.project;
    let cases = [
        (
            json!({ "project_id": p }),
            "name",
            "This field is required.",
        ),
        (
            json!({ "name": "  ", "project_id": p }),
            "name",
            "This field may not be blank.",
        ),
        (
            json!({ "name": "x".repeat(256), "project_id": p }),
            "name",
            "Ensure this field has no more than 255 characters.",
        ),
        (
            json!({ "name": "a" }),
            "non_field_errors",
            "Project ID is required",
        ),
        (
            json!({ "name": "a", "project_id": p, "start_date": "2030-01-02", "end_date": "2030-01-01" }),
            "non_field_errors",
            "Start date cannot exceed end date",
        ),
        (
            json!({ "name": "a", "project_id": p, "timezone": "Mars/Olympus" }),
            "timezone",
            "\"Mars/Olympus\" is not a valid choice.",
        ),
        (
            json!({ "name": "a", "project_id": p, "start_date": "soon", "end_date": "2030-01-01" }),
            "start_date",
            "",
        ),
        (
            json!({ "name": "a", "project_id": p, "owned_by": uuid::Uuid::new_v4() }),
            "owned_by",
            "",
        ),
        (
            json!({ "name": "a", "project_id": "nope" }),
            "project_id",
            "Must be a valid UUID.",
        ),
    ];
    for (body, field, message) in cases {
        let (status, error) = s
            .call(&s.ada, Method::POST, "cycles/", Some(body.clone()))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {error}");
        if message.is_empty() {
            assert!(
                error[field].is_array(),
                "{body} should name {field}: {error}"
            );
        } else {
            says(&error, field, message);
        }
    }
    for body in [
        json!({ "name": "a", "project_id": p, "start_date": "2030-01-01" }),
        json!({ "name": "a", "project_id": p, "end_date": "2030-01-01", "start_date": null }),
    ] {
        let (status, error) = s.call(&s.ada, Method::POST, "cycles/", Some(body)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        says(
            &error,
            "error",
            "Both start date and end date are either required or are to be null",
        );
    }
    let imported =
        json!({ "name": "a", "project_id": p, "external_source": "jira", "external_id": "7" });
    let first = s
        .ok(
            Method::POST,
            "cycles/",
            Some(imported.clone()),
            StatusCode::CREATED,
        )
        .await;
    let (status, error) = s
        .call(&s.ada, Method::POST, "cycles/", Some(imported))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    says(
        &error,
        "error",
        "Cycle with the same external id and external source already exists",
    );
    assert_eq!(error["id"], first["id"]);
    // The feature flag.
    s.ok(
        Method::PATCH,
        "",
        Some(json!({ "cycle_view": false })),
        StatusCode::OK,
    )
    .await;
    let (status, error) = s
        .call(
            &s.ada,
            Method::POST,
            "cycles/",
            Some(json!({ "name": "b", "project_id": p })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    says(
        &error,
        "non_field_errors",
        "Cycles are not enabled for this project",
    );
    let (status, error) = s
        .call(
            &s.ada,
            Method::PATCH,
            &format!("cycles/{}/", id(&first)),
            Some(json!({ "name": "c" })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    says(
        &error,
        "non_field_errors",
        "Cycles are not enabled for this project",
    );
    let list = s.ok(Method::GET, "cycles/", None, StatusCode::OK).await;
    assert_eq!(list["total_count"], 1, "reads still work");
}

#[tokio::test]
async fn updates_and_the_completed_cycle_rule() {
    let mut s = setup().await;
    let bob = s
        .project_user("bob@example.com", WorkspaceRole::Member, 15)
        .await;
    let cycle = s.cycle("Sprint", Some((1, 3))).await;
    let path = format!("cycles/{}/", id(&cycle));
    let body = json!({ "name": "Renamed", "description": "Goals", "owned_by": bob.id, "end_date": s.day(5) });
    let updated = s.ok(Method::PATCH, &path, Some(body), StatusCode::OK).await;
    assert_eq!(
        (updated["name"].clone(), updated["owned_by"].clone()),
        (json!("Renamed"), json!(bob.id))
    );
    assert_eq!(updated["end_date"], format!("{}T23:59:00Z", s.day(5)));
    assert_eq!(
        updated["start_date"], cycle["start_date"],
        "an unsent date stays"
    );
    assert_eq!(updated["updated_by"], s.ada.id.to_string());
    assert!(updated.get("total_issues").is_none());
    let reset = s
        .ok(
            Method::PATCH,
            &path,
            Some(json!({ "description": "More" })),
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        reset["owned_by"],
        s.ada.id.to_string(),
        "without owned_by the caller owns it"
    );
    let (status, error) = s
        .call(
            &s.ada,
            Method::PATCH,
            &path,
            Some(json!({ "start_date": s.day(9) })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    says(
        &error,
        "non_field_errors",
        "Start date cannot exceed end date",
    );
    let (status, error) = s
        .call(
            &s.ada,
            Method::PATCH,
            &path,
            Some(json!({ "start_date": null })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    says(
        &error,
        "error",
        "Both start date and end date are either required or are to be null",
    );
    let other = s.ok(Method::POST, "cycles/", Some(json!({ "name": "x", "project_id": s.project, "external_source": "jira", "external_id": "1" })), StatusCode::CREATED).await;
    let (status, error) = s
        .call(
            &s.ada,
            Method::PATCH,
            &path,
            Some(json!({ "external_source": "jira", "external_id": "1" })),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{error}");
    assert_eq!(error["id"], cycle["id"], "Plane names the edited cycle");
    assert_ne!(error["id"], other["id"]);

    s.advance(7).await;
    let (status, error) = s
        .call(
            &s.ada,
            Method::PATCH,
            &path,
            Some(json!({ "name": "Late" })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    says(
        &error,
        "error",
        "The Cycle has already been completed so it cannot be edited",
    );
    let sorted = s
        .ok(
            Method::PATCH,
            &path,
            Some(json!({ "name": "Ignored", "sort_order": 12.5 })),
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        (sorted["sort_order"].clone(), sorted["name"].clone()),
        (json!(12.5), json!("Renamed"))
    );
    let kinds = super::event_kinds(&s.app, &id(&cycle)).await;
    assert_eq!(
        kinds
            .iter()
            .filter(|k| *k == "tracker.cycle.updated")
            .count(),
        3
    );
}
