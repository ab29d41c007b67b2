//! The work items of modules: a work item may be in several; removal, filters, deletion.

use glider_domain::WorkspaceRole;
use reqwest::{Method, StatusCode};
use serde_json::json;

use super::module;
use crate::cycles::{id, ids, says, setup};

#[tokio::test]
async fn work_items_in_several_modules() {
    let s = setup().await;
    let (one, two) = (
        module(&s, json!({ "name": "One" })).await,
        module(&s, json!({ "name": "Two" })).await,
    );
    let (a, b) = (s.item("A").await, s.item("B").await);
    let other = s.app.create_project(&s.ada, "acme", "Other", "OTH").await;
    let foreign = s
        .ok(
            Method::POST,
            &format!(
                "/api/v1/workspaces/acme/projects/{}/work-items/",
                id(&other)
            ),
            Some(json!({ "name": "X" })),
            StatusCode::CREATED,
        )
        .await;
    let one_items = format!("modules/{}/module-issues/", id(&one));
    let two_items = format!("modules/{}/module-issues/", id(&two));
    let rows = s
        .ok(
            Method::POST,
            &one_items,
            Some(json!({ "issues": [id(&a), id(&b), id(&foreign)] })),
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        rows.as_array().unwrap().len(),
        2,
        "other projects' work items are dropped: {rows}"
    );
    for key in [
        "id",
        "sub_issues_count",
        "created_at",
        "updated_at",
        "deleted_at",
        "created_by",
        "updated_by",
        "project",
        "workspace",
        "module",
        "issue",
    ] {
        assert!(rows[0].get(key).is_some(), "missing {key}");
    }
    let again = s
        .ok(
            Method::POST,
            &one_items,
            Some(json!({ "issues": [id(&a)] })),
            StatusCode::OK,
        )
        .await;
    assert_eq!(again.as_array().unwrap().len(), 2);
    s.ok(
        Method::POST,
        &two_items,
        Some(json!({ "issues": [id(&a)] })),
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        s.ok(Method::GET, &one_items, None, StatusCode::OK).await["total_count"],
        2,
        "A stays in module one"
    );
    let listed = s.ok(Method::GET, &two_items, None, StatusCode::OK).await;
    assert_eq!(
        (ids(&listed), listed["results"][0]["name"].clone()),
        (vec![id(&a)], json!("A"))
    );
    let counted = s
        .ok(
            Method::GET,
            &format!("modules/{}/", id(&one)),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        (
            counted["total_issues"].clone(),
            counted["backlog_issues"].clone()
        ),
        (json!(2), json!(2))
    );
    let link = s
        .ok(
            Method::GET,
            &format!("{two_items}{}/?expand=issue", id(&a)),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(link["module"], two["id"]);
    assert_eq!(link["issue"]["name"], "A");

    for (body, message) in [
        (json!({ "issues": [] }), "Issues are required"),
        (json!({ "issues": ["bad"] }), "Please provide valid detail"),
    ] {
        let (status, error) = s.call(&s.ada, Method::POST, &one_items, Some(body)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        says(&error, "error", message);
    }
    let filtered = s
        .ok(
            Method::GET,
            &format!(
                "work-items/?filters=%7B%22module_id%22%3A%22{}%22%7D",
                id(&two)
            ),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(ids(&filtered), [id(&a)]);
    let c = s.item("C").await;
    let none = s
        .ok(
            Method::GET,
            "work-items/?filters=%7B%22module__isnull%22%3Atrue%7D",
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(ids(&none), [id(&c)]);

    s.ok(
        Method::DELETE,
        &format!("{one_items}{}/", id(&a)),
        None,
        StatusCode::NO_CONTENT,
    )
    .await;
    s.ok(
        Method::DELETE,
        &format!("{one_items}{}/", id(&a)),
        None,
        StatusCode::NOT_FOUND,
    )
    .await;
    let history = s
        .ok(
            Method::GET,
            &format!("work-items/{}/activities/", id(&a)),
            None,
            StatusCode::OK,
        )
        .await;
    let comments: Vec<&str> = history["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["field"] == "modules")
        .filter_map(|e| e["comment"].as_str())
        .collect();
    assert_eq!(
        comments,
        [
            "added module One",
            "added module Two",
            "removed this issue from One"
        ]
    );

    let bob = s
        .project_user("bob@example.com", WorkspaceRole::Member, 15)
        .await;
    let (status, error) = s
        .call(
            &bob,
            Method::DELETE,
            &format!("modules/{}/", id(&two)),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    says(
        &error,
        "error",
        "Only admin or creator can delete the module",
    );
    s.ok(
        Method::DELETE,
        &format!("modules/{}/", id(&two)),
        None,
        StatusCode::NO_CONTENT,
    )
    .await;
    let free = s
        .ok(
            Method::GET,
            "work-items/?filters=%7B%22module__isnull%22%3Atrue%7D",
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(free["total_count"], 2, "A left the deleted module");
}
