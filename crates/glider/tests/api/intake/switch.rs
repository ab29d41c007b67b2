//! Turning intake on through a project PATCH: the project change and its queue are one
//! transaction.

use glider_db::{Backend, ConnectionTrait};
use reqwest::Method;
use serde_json::{Value, json};

use super::submit;
use crate::team::{Team, events, team};

/// Makes every insert into `intakes` fail, as a broken write would.
async fn refuse_intakes(t: &Team) {
    let conn = t.app.ctx.db.conn();
    let statements: &[&str] = match t.app.ctx.db.backend() {
        Backend::Sqlite => &["CREATE TRIGGER refuse_intakes BEFORE INSERT ON intakes \
             BEGIN SELECT RAISE(ABORT, 'intakes refused'); END"],
        Backend::Postgres => &[
            "CREATE FUNCTION refuse_intakes() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'intakes refused'; END $$",
            "CREATE TRIGGER refuse_intakes BEFORE INSERT ON intakes \
             FOR EACH ROW EXECUTE FUNCTION refuse_intakes()",
        ],
    };
    for statement in statements {
        conn.execute_unprepared(statement).await.unwrap();
    }
}

async fn allow_intakes(t: &Team) {
    let statement = match t.app.ctx.db.backend() {
        Backend::Sqlite => "DROP TRIGGER refuse_intakes",
        Backend::Postgres => "DROP TRIGGER refuse_intakes ON intakes",
    };
    t.app
        .ctx
        .db
        .conn()
        .execute_unprepared(statement)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_patch_that_cannot_make_the_queue_changes_nothing() {
    let t = team(json!({})).await;
    refuse_intakes(&t).await;
    t.call(
        &t.owner,
        Method::PATCH,
        &t.path("/"),
        json!({ "intake_view": true, "name": "Renamed" }),
        500,
    )
    .await;
    let project = t
        .call(&t.owner, Method::GET, &t.path("/"), Value::Null, 200)
        .await;
    assert_eq!(project["name"], "Web", "the rename was rolled back");
    assert_eq!(project["intake_view"], false, "the switch was rolled back");
    let kinds = events(&t.app, &t.project).await;
    assert!(
        !kinds.iter().any(|kind| kind == "tracker.project.updated"),
        "no event for a change that did not happen: {kinds:?}"
    );
    let refused = t
        .call(
            &t.owner,
            Method::POST,
            &t.path("/intake-issues/"),
            json!({ "issue": { "name": "x" } }),
            400,
        )
        .await;
    assert_eq!(refused["code"], "intake_disabled");

    // Once the queue can be made, the same PATCH lands whole.
    allow_intakes(&t).await;
    let project = t
        .call(
            &t.owner,
            Method::PATCH,
            &t.path("/"),
            json!({ "intake_view": true, "name": "Renamed" }),
            200,
        )
        .await;
    assert_eq!(project["name"], "Renamed");
    assert_eq!(project["intake_view"], true);
}

#[tokio::test]
async fn the_queue_works_as_soon_as_the_patch_answers() {
    let t = team(json!({})).await;
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
    .expect("the PATCH made the queue");
    assert_eq!(
        events(&t.app, &intake.id.to_string()).await,
        ["tracker.intake.enabled"]
    );
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
    let entry = submit(&t, &t.guest, "Typo on the pricing page").await;
    assert_eq!(entry["intake"], intake.id.to_string());
    let list = t
        .call(
            &t.owner,
            Method::GET,
            &t.path("/intake-issues/"),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(list["total_count"], 1);
}
