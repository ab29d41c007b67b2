//! The unique indexes of cycles and modules, hit directly: each violation names its field on
//! SQLite and on PostgreSQL alike.

use glider_db::{
    DbError,
    repo::{
        cycles, item_links,
        modules::{self, set_members},
    },
};
use glider_domain::{CycleId, ModuleId, ProjectId, UserId, model::cycles::Membership};
use reqwest::{Method, StatusCode};
use serde_json::json;

use super::{id, setup};

/// The field a conflict names (anything else reads as a mismatch in the assertion).
fn field_of(result: Result<(), DbError>) -> String {
    match result {
        Err(DbError::Conflict { field }) => field,
        other => format!("not a conflict: {other:?}"),
    }
}

#[tokio::test]
async fn unique_indexes_name_their_field_on_both_backends() {
    let s = setup().await;
    let conn = s.app.ctx.db.conn();
    let project = ProjectId(s.project.parse().unwrap());
    let body = json!({ "name": "Billing", "external_source": "jira", "external_id": "1", "members": [s.ada.id] });
    let module = s
        .ok(Method::POST, "modules/", Some(body), StatusCode::CREATED)
        .await;
    let module = modules::find(conn, project, ModuleId(id(&module).parse().unwrap()))
        .await
        .unwrap();
    let mut twin = module.clone();
    twin.id = ModuleId::new();
    twin.external_id = None;
    assert_eq!(field_of(modules::insert(conn, &twin).await), "name");
    twin.name = "Other".into();
    twin.external_id = Some("1".into());
    assert_eq!(field_of(modules::insert(conn, &twin).await), "external_id");
    let mut doubled = module.clone();
    doubled.members = vec![UserId(s.ada.id), UserId(s.ada.id)];
    assert_eq!(
        field_of(set_members(conn, &doubled, module.updated_at).await),
        "member"
    );

    let body = json!({ "name": "Sprint", "project_id": s.project, "external_source": "jira", "external_id": "1" });
    let cycle = s
        .ok(Method::POST, "cycles/", Some(body), StatusCode::CREATED)
        .await;
    let cycle = cycles::find(conn, project, CycleId(id(&cycle).parse().unwrap()))
        .await
        .unwrap();
    let mut twin = cycle.clone();
    twin.id = CycleId::new();
    assert_eq!(field_of(cycles::insert(conn, &twin).await), "external_id");

    let item = s.item("A").await;
    let row = |container: uuid::Uuid| Membership {
        id: uuid::Uuid::now_v7(),
        workspace_id: cycle.workspace_id,
        project_id: project,
        container,
        work_item_id: glider_domain::WorkItemId(id(&item).parse().unwrap()),
        sub_issues_count: 0,
        created_by: None,
        updated_by: None,
        created_at: cycle.created_at,
        updated_at: cycle.created_at,
    };
    twin.external_id = None;
    cycles::insert(conn, &twin).await.unwrap();
    item_links::insert(conn, item_links::CYCLES, &[row(cycle.id.0)])
        .await
        .unwrap();
    let second = item_links::insert(conn, item_links::CYCLES, &[row(twin.id.0)]).await;
    assert_eq!(field_of(second), "work_item_id", "one cycle per work item");
    item_links::insert(conn, item_links::MODULES, &[row(module.id.0)])
        .await
        .unwrap();
    let again = item_links::insert(conn, item_links::MODULES, &[row(module.id.0)]).await;
    assert_eq!(field_of(again), "work_item_id", "once per module");
}
