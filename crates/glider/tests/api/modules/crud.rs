//! Creating, reading, updating and archiving modules; Plane's shape and rules.

use glider_domain::WorkspaceRole;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::module;
use crate::cycles::{event_kinds, id, ids, says, setup};

#[tokio::test]
async fn create_read_and_plane_shape() {
    let s = setup().await;
    let bob = s
        .project_user("bob@example.com", WorkspaceRole::Member, 15)
        .await;
    let carl = s.app.register("carl@example.com").await;
    s.app.add_member("acme", &carl, WorkspaceRole::Member).await;
    let body = json!({
        "name": "Billing", "description": "Invoices", "start_date": "2030-01-01", "target_date": "2030-02-01",
        "status": "in-progress", "lead": bob.id, "members": [bob.id, carl.id, s.ada.id, "00000000-0000-0000-0000-000000000000"],
    });
    let created = module(&s, body).await;
    assert_eq!(
        created["members"],
        json!([bob.id, s.ada.id]),
        "members are reduced to project members"
    );
    assert_eq!(
        (created["status"].clone(), created["lead"].clone()),
        (json!("in-progress"), json!(bob.id))
    );
    assert_eq!(
        (
            created["start_date"].clone(),
            created["target_date"].clone()
        ),
        (json!("2030-01-01"), json!("2030-02-01"))
    );
    assert_eq!(created["sort_order"], 65535.0);
    for key in [
        "id",
        "created_at",
        "updated_at",
        "deleted_at",
        "name",
        "description",
        "description_text",
        "description_html",
        "view_props",
        "external_source",
        "external_id",
        "archived_at",
        "logo_props",
        "created_by",
        "updated_by",
        "project",
        "workspace",
    ] {
        assert!(created.get(key).is_some(), "missing {key}");
    }
    assert!(created.get("total_issues").is_none(), "no counts on create");
    let second = module(&s, json!({ "name": "Search" })).await;
    assert_eq!(
        (second["status"].clone(), second["sort_order"].clone()),
        (json!("planned"), json!(55535.0))
    );
    let path = format!("modules/{}/", id(&created));
    let fetched = s
        .ok(
            Method::GET,
            &format!("{path}?expand=lead,members"),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(fetched["total_issues"], 0);
    assert_eq!(fetched["lead"]["email"], "bob@example.com");
    assert_eq!(fetched["members"][1]["email"], "ada@example.com");
    let list = s
        .ok(Method::GET, "modules/?fields=id,name", None, StatusCode::OK)
        .await;
    assert_eq!(ids(&list), [id(&second), id(&created)], "newest first");
    assert_eq!(list["results"][0].as_object().unwrap().len(), 2);
    let lite = s
        .ok(
            Method::GET,
            "modules-lite/?order_by=name",
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(ids(&lite), [id(&created), id(&second)]);
    assert!(lite["results"][0].get("total_issues").is_none());
    assert_eq!(lite["results"][0]["members"], json!([bob.id, s.ada.id]));
    assert_eq!(
        s.ok(Method::GET, "", None, StatusCode::OK).await["total_modules"],
        2
    );
    assert_eq!(
        event_kinds(&s.app, &id(&created)).await,
        ["tracker.module.created"]
    );
}

#[tokio::test]
async fn create_rules_and_messages() {
    let s = setup().await;
    let cases = [
        (json!({}), "name", "This field is required."),
        (
            json!({ "name": "" }),
            "name",
            "This field may not be blank.",
        ),
        (
            json!({ "name": "x".repeat(256) }),
            "name",
            "Ensure this field has no more than 255 characters.",
        ),
        (
            json!({ "name": "a", "status": "done" }),
            "status",
            "\"done\" is not a valid choice.",
        ),
        (
            json!({ "name": "a", "start_date": "2030-01-02", "target_date": "2030-01-01" }),
            "non_field_errors",
            "Start date cannot exceed target date",
        ),
        (
            json!({ "name": "a", "start_date": "2030-01-02T10:00:00Z" }),
            "start_date",
            "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.",
        ),
        (
            json!({ "name": "a", "members": ["x"] }),
            "members",
            "Must be a valid UUID.",
        ),
    ];
    for (body, field, message) in cases {
        let (status, error) = s
            .call(&s.ada, Method::POST, "modules/", Some(body.clone()))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {error}");
        says(&error, field, message);
    }
    let stranger = uuid::Uuid::new_v4();
    let (status, error) = s
        .call(
            &s.ada,
            Method::POST,
            "modules/",
            Some(json!({ "name": "a", "lead": stranger })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    says(
        &error,
        "lead",
        &format!("Invalid pk \"{stranger}\" - object does not exist."),
    );

    let first = module(
        &s,
        json!({ "name": "Billing", "external_source": "jira", "external_id": "9" }),
    )
    .await;
    let (status, error) = s
        .call(
            &s.ada,
            Method::POST,
            "modules/",
            Some(json!({ "name": "Billing" })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error["code"], "MODULE_NAME_ALREADY_EXISTS");
    assert_eq!(error["id"], first["id"]);
    says(&error, "error", "Module with this name already exists");
    says(&error, "message", "Module with this name already exists");
    let (status, error) = s
        .call(
            &s.ada,
            Method::POST,
            "modules/",
            Some(json!({ "name": "Other", "external_source": "jira", "external_id": "9" })),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    says(
        &error,
        "error",
        "Module with the same external id and external source already exists",
    );
    assert_eq!(error["id"], first["id"]);
    // A deleted module's name is free again; an archived one's is not.
    s.ok(
        Method::DELETE,
        &format!("modules/{}/", id(&first)),
        None,
        StatusCode::NO_CONTENT,
    )
    .await;
    let again = module(&s, json!({ "name": "Billing", "status": "completed" })).await;
    s.ok(
        Method::POST,
        &format!("modules/{}/archive/", id(&again)),
        None,
        StatusCode::NO_CONTENT,
    )
    .await;
    let (status, _) = s
        .call(
            &s.ada,
            Method::POST,
            "modules/",
            Some(json!({ "name": "Billing" })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    s.ok(
        Method::PATCH,
        "",
        Some(json!({ "module_view": false })),
        StatusCode::OK,
    )
    .await;
    let (status, error) = s
        .call(
            &s.ada,
            Method::POST,
            "modules/",
            Some(json!({ "name": "Late" })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    says(
        &error,
        "non_field_errors",
        "Modules are not enabled for this project",
    );
}

#[tokio::test]
async fn updates_answer_the_whole_module() {
    let s = setup().await;
    let bob = s
        .project_user("bob@example.com", WorkspaceRole::Member, 15)
        .await;
    let billing = module(&s, json!({ "name": "Billing", "members": [bob.id] })).await;
    module(&s, json!({ "name": "Search" })).await;
    let path = format!("modules/{}/", id(&billing));
    let updated = s.ok(Method::PATCH, &path, Some(json!({ "name": "Billing", "members": [s.ada.id], "status": "paused", "target_date": "2030-03-01" })), StatusCode::OK).await;
    assert_eq!(updated["id"], billing["id"], "the full module, with its id");
    assert_eq!(
        updated["members"],
        json!([s.ada.id]),
        "members are replaced"
    );
    assert_eq!(
        (updated["status"].clone(), updated["target_date"].clone()),
        (json!("paused"), json!("2030-03-01"))
    );
    assert_eq!(updated["total_issues"], 0);
    assert_eq!(updated["updated_by"], s.ada.id.to_string());
    let (status, error) = s
        .call(
            &s.ada,
            Method::PATCH,
            &path,
            Some(json!({ "name": "Search" })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    says(&error, "error", "Module with this name already exists");
    assert!(error.get("id").is_none(), "{error}");
    let (status, error) = s
        .call(
            &s.ada,
            Method::PATCH,
            &path,
            Some(json!({ "start_date": "2030-04-01" })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    says(
        &error,
        "non_field_errors",
        "Start date cannot exceed target date",
    );
    let cleared = s
        .ok(
            Method::PATCH,
            &path,
            Some(json!({ "target_date": null, "lead": bob.id, "members": [] })),
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        (
            cleared["target_date"].clone(),
            cleared["lead"].clone(),
            cleared["members"].clone()
        ),
        (Value::Null, json!(bob.id), json!([]))
    );

    let (status, error) = s
        .call(&s.ada, Method::POST, &format!("{path}archive/"), None)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    says(
        &error,
        "error",
        "Only completed or cancelled modules can be archived",
    );
    s.ok(
        Method::PATCH,
        &path,
        Some(json!({ "status": "cancelled" })),
        StatusCode::OK,
    )
    .await;
    s.ok(
        Method::POST,
        &format!("{path}archive/"),
        None,
        StatusCode::NO_CONTENT,
    )
    .await;
    s.ok(Method::GET, &path, None, StatusCode::NOT_FOUND).await;
    let (status, error) = s
        .call(&s.ada, Method::PATCH, &path, Some(json!({ "name": "x" })))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    says(&error, "error", "Archived module cannot be edited");
    let archived = s
        .ok(Method::GET, "archived-modules/", None, StatusCode::OK)
        .await;
    assert_eq!(ids(&archived), [id(&billing)]);
    assert_eq!(archived["results"][0]["total_issues"], 0);
    assert_eq!(
        ids(&s.ok(Method::GET, "modules/", None, StatusCode::OK).await).len(),
        1
    );
    s.ok(
        Method::DELETE,
        &format!("archived-modules/{}/unarchive/", id(&billing)),
        None,
        StatusCode::NO_CONTENT,
    )
    .await;
    assert!(s.ok(Method::GET, &path, None, StatusCode::OK).await["archived_at"].is_null());
    let kinds = event_kinds(&s.app, &id(&billing)).await;
    assert_eq!(
        kinds.last().map(String::as_str),
        Some("tracker.module.unarchived")
    );
}
