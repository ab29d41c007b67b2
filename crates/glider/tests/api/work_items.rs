use glider_domain::WorkspaceRole;
use glider_test_utils::{TestApp, TestUser, json_of};
use reqwest::StatusCode;
use serde_json::{Value, json};

struct Setup {
    app: TestApp,
    ada: TestUser,
    base: String,
    project: Value,
}

async fn setup() -> Setup {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    app.create_workspace(&ada, "acme").await;
    let project = app.create_project(&ada, "acme", "Web", "WEB").await;
    let base = format!(
        "/api/v1/workspaces/acme/projects/{}/work-items/",
        project["id"].as_str().unwrap()
    );
    Setup {
        app,
        ada,
        base,
        project,
    }
}

async fn create(s: &Setup, body: Value) -> Value {
    json_of(
        s.app.post(&s.ada, &s.base, body).send().await.unwrap(),
        StatusCode::CREATED,
    )
    .await
}

async fn states(s: &Setup) -> Vec<Value> {
    let path = format!(
        "/api/v1/workspaces/acme/projects/{}/states/",
        s.project["id"].as_str().unwrap()
    );
    json_of(
        s.app.get(&s.ada, &path).send().await.unwrap(),
        StatusCode::OK,
    )
    .await["results"]
        .as_array()
        .unwrap()
        .clone()
}

fn state_id(states: &[Value], name: &str) -> String {
    states.iter().find(|s| s["name"] == name).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn create_read_and_plane_shape() {
    let s = setup().await;
    let item = create(&s, json!({ "name": "Fix login", "priority": "high", "description_html": "<p onclick=\"x()\">Hello <script>alert(1)</script><b>there</b></p>" })).await;
    assert_eq!(item["sequence_id"], 1);
    assert_eq!(item["priority"], "high");
    assert!(
        !item["description_html"]
            .as_str()
            .unwrap()
            .contains("script")
    );
    assert!(
        !item["description_html"]
            .as_str()
            .unwrap()
            .contains("onclick")
    );
    assert_eq!(item["description_stripped"], "Hello there");
    let backlog = state_id(&states(&s).await, "Backlog");
    assert_eq!(item["state"], backlog, "the default state");
    for key in [
        "id",
        "type_id",
        "created_at",
        "updated_at",
        "deleted_at",
        "point",
        "name",
        "start_date",
        "target_date",
        "sort_order",
        "completed_at",
        "archived_at",
        "is_draft",
        "external_source",
        "external_id",
        "created_by",
        "updated_by",
        "project",
        "workspace",
        "parent",
        "estimate_point",
        "type",
        "assignees",
        "labels",
    ] {
        assert!(item.get(key).is_some(), "missing {key}");
    }
    let second = create(&s, json!({ "name": "Second" })).await;
    assert_eq!(second["sequence_id"], 2);
    assert_eq!(
        second["sort_order"].as_f64().unwrap(),
        item["sort_order"].as_f64().unwrap() + 10000.0,
        "below the others in its state"
    );

    let path = format!("{}{}/", s.base, item["id"].as_str().unwrap());
    let fetched = json_of(
        s.app.get(&s.ada, &path).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(fetched["name"], "Fix login");
    let by_id = json_of(
        s.app
            .get(&s.ada, "/api/v1/workspaces/acme/work-items/WEB-1/")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(by_id["id"], item["id"]);
    assert_eq!(
        s.app
            .get(&s.ada, "/api/v1/workspaces/acme/work-items/WEB-99/")
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        s.app
            .get(&s.ada, "/api/v1/workspaces/acme/work-items/web-1/")
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    // The deprecated prefix answers the same.
    let legacy = path.replace("/work-items/", "/issues/");
    assert_eq!(
        json_of(
            s.app.get(&s.ada, &legacy).send().await.unwrap(),
            StatusCode::OK
        )
        .await["id"],
        item["id"]
    );
}

#[tokio::test]
async fn updates_are_recorded_field_by_field_and_completion_follows_the_state() {
    let s = setup().await;
    let bob = s.app.register("bob@example.com").await;
    let eve = s.app.register("eve@example.com").await;
    s.app.add_member("acme", &bob, WorkspaceRole::Member).await;
    let members = format!(
        "/api/v1/workspaces/acme/projects/{}/project-members/",
        s.project["id"].as_str().unwrap()
    );
    json_of(
        s.app
            .post(&s.ada, &members, json!({ "member": bob.id, "role": 15 }))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let item = create(&s, json!({ "name": "Task" })).await;
    let path = format!("{}{}/", s.base, item["id"].as_str().unwrap());
    let all_states = states(&s).await;
    let done = state_id(&all_states, "Done");
    let body = json!({ "name": "Task renamed", "state": done, "assignees": [bob.id, eve.id], "target_date": "2026-12-01" });
    let updated = json_of(
        s.app.patch(&s.ada, &path, body).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(updated["name"], "Task renamed");
    assert_eq!(
        updated["assignees"],
        json!([bob.id]),
        "non-members are dropped silently"
    );
    assert!(updated["completed_at"].is_string());
    assert_eq!(updated["updated_by"], s.ada.id.to_string());
    let backlog = state_id(&all_states, "Backlog");
    let reopened = json_of(
        s.app
            .patch(&s.ada, &path, json!({ "state": backlog }))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert!(reopened["completed_at"].is_null());

    let id: uuid::Uuid = item["id"].as_str().unwrap().parse().unwrap();
    let events = glider_db::repo::events::kinds_for_subject(s.app.ctx.db.conn(), id)
        .await
        .unwrap();
    assert_eq!(
        events,
        [
            "tracker.work_item.created",
            "tracker.work_item.updated",
            "tracker.work_item.updated"
        ]
    );
}

#[tokio::test]
async fn bad_input_is_refused_with_the_field_named() {
    let s = setup().await;
    let other = s.app.create_project(&s.ada, "acme", "Other", "OTH").await;
    let other_states = json_of(
        s.app
            .get(
                &s.ada,
                &format!(
                    "/api/v1/workspaces/acme/projects/{}/states/",
                    other["id"].as_str().unwrap()
                ),
            )
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let foreign_state = other_states["results"][0]["id"].clone();
    let cases = [
        (json!({}), "name"),
        (json!({ "name": "   " }), "name"),
        (json!({ "name": "x".repeat(256) }), "name"),
        (json!({ "name": "a", "priority": "someday" }), "priority"),
        (json!({ "name": "a", "state": foreign_state }), "state"),
        (json!({ "name": "a", "state": "not-a-uuid" }), "state"),
        (
            json!({ "name": "a", "parent": uuid::Uuid::new_v4() }),
            "non_field_errors",
        ),
        (
            json!({ "name": "a", "start_date": "2026-05-02", "target_date": "2026-05-01" }),
            "non_field_errors",
        ),
        (
            json!({ "name": "a", "start_date": "tomorrow" }),
            "start_date",
        ),
        (json!({ "name": "a", "sort_order": "high" }), "sort_order"),
        (json!({ "name": "a", "point": 13 }), "point"),
        (
            json!({ "name": "a", "description_html": "" }),
            "non_field_errors",
        ),
        (json!({ "name": "a", "assignees": ["x"] }), "assignees"),
        (
            json!({ "name": "a", "estimate_point": uuid::Uuid::new_v4() }),
            "estimate_point",
        ),
    ];
    for (body, field) in cases {
        let response = s
            .app
            .post(&s.ada, &s.base, body.clone())
            .send()
            .await
            .unwrap();
        let error = json_of(response, StatusCode::BAD_REQUEST).await;
        assert!(
            error[field].is_array(),
            "{body} should name {field}: {error}"
        );
    }
    let list = json_of(
        s.app.get(&s.ada, &s.base).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(list["total_count"], 0, "nothing half-written");
}

#[tokio::test]
async fn parents_cannot_form_loops() {
    let s = setup().await;
    let a = create(&s, json!({ "name": "A" })).await;
    let b = create(&s, json!({ "name": "B", "parent": a["id"] })).await;
    let c = create(&s, json!({ "name": "C", "parent": b["id"] })).await;
    assert_eq!(c["parent"], b["id"]);
    let a_path = format!("{}{}/", s.base, a["id"].as_str().unwrap());
    let body = json_of(
        s.app
            .patch(&s.ada, &a_path, json!({ "parent": c["id"] }))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(body["parent"].is_array(), "{body}");
    let body = json_of(
        s.app
            .patch(&s.ada, &a_path, json!({ "parent": a["id"] }))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(body["parent"].is_array());
    let expanded = json_of(
        s.app
            .get(
                &s.ada,
                &format!(
                    "{}{}/?expand=parent,state,assignees,project,created_by",
                    s.base,
                    c["id"].as_str().unwrap()
                ),
            )
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(expanded["parent"]["sequence_id"], 2);
    assert_eq!(expanded["state"]["name"], "Backlog");
    assert_eq!(expanded["project"]["identifier"], "WEB");
    assert_eq!(expanded["assignees"], json!([]));
    assert_eq!(expanded["created_by"]["email"], "ada@example.com");
}

#[tokio::test]
async fn lists_order_filter_and_page() {
    let s = setup().await;
    let all_states = states(&s).await;
    let started = state_id(&all_states, "In Progress");
    create(&s, json!({ "name": "low", "priority": "low" })).await;
    create(
        &s,
        json!({ "name": "urgent", "priority": "urgent", "state": started }),
    )
    .await;
    create(
        &s,
        json!({ "name": "medium", "priority": "medium", "target_date": "2026-03-01" }),
    )
    .await;
    let names = |v: &Value| {
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["name"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let get = |query: String| s.app.get(&s.ada, &format!("{}?{query}", s.base)).send();
    let newest = json_of(get(String::new()).await.unwrap(), StatusCode::OK).await;
    assert_eq!(names(&newest), ["medium", "urgent", "low"]);
    let by_priority = json_of(
        get("order_by=priority".into()).await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(names(&by_priority), ["urgent", "medium", "low"]);
    let by_seq = json_of(
        get("order_by=-sequence_id&per_page=2".into())
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(names(&by_seq), ["medium", "urgent"]);
    assert_eq!(by_seq["total_count"], 3);
    assert_eq!(by_seq["next_page_results"], true);
    let filters = |f: Value| get(format!("filters={}", urlencode(&f.to_string())));
    let started_only = json_of(
        filters(json!({ "state_group": "started" })).await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(names(&started_only), ["urgent"]);
    let either = json_of(
        filters(json!({ "or": [{ "priority": "low" }, { "target_date__lte": "2026-06-01" }] }))
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(names(&either).len(), 2);
    let and = json_of(
        filters(json!({ "priority__in": ["low", "medium"], "target_date__isnull": true }))
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(names(&and), ["low"]);
    assert_eq!(
        get("order_by=colour".into()).await.unwrap().status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        filters(json!({ "colour": "red" })).await.unwrap().status(),
        StatusCode::BAD_REQUEST
    );
    let fields = json_of(get("fields=id,name".into()).await.unwrap(), StatusCode::OK).await;
    assert_eq!(fields["results"][0].as_object().unwrap().len(), 2);
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_creates_never_share_a_number() {
    let s = setup().await;
    let mut tasks = Vec::new();
    for task in 0..16 {
        let requests: Vec<_> = (0..(200 / 16 + usize::from(task < 200 % 16)))
            .map(|n| {
                s.app.post(
                    &s.ada,
                    &s.base,
                    json!({ "name": format!("item {task}-{n}") }),
                )
            })
            .collect();
        tasks.push(tokio::spawn(async move {
            let mut numbers = Vec::new();
            for request in requests {
                let response = request.send().await.unwrap();
                assert_eq!(response.status(), StatusCode::CREATED);
                numbers.push(
                    response.json::<Value>().await.unwrap()["sequence_id"]
                        .as_i64()
                        .unwrap(),
                );
            }
            numbers
        }));
    }
    let mut numbers = Vec::new();
    for task in tasks {
        numbers.extend(task.await.unwrap());
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=200).collect::<Vec<i64>>());
}

#[tokio::test]
async fn archive_search_workspace_lists_and_delete_rules() {
    let s = setup().await;
    let all_states = states(&s).await;
    let done = state_id(&all_states, "Done");
    let open = create(&s, json!({ "name": "Open bug" })).await;
    let closed = create(&s, json!({ "name": "Closed bug", "state": done })).await;
    let open_path = format!("{}{}/", s.base, open["id"].as_str().unwrap());
    let closed_path = format!("{}{}/", s.base, closed["id"].as_str().unwrap());
    let refused = json_of(
        s.app
            .post(&s.ada, &format!("{open_path}archive/"), json!({}))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(refused["code"], "work_item_not_closed");
    assert_eq!(
        s.app
            .post(&s.ada, &format!("{closed_path}archive/"), json!({}))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        s.app
            .get(&s.ada, &closed_path)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    let archived_path = format!(
        "/api/v1/workspaces/acme/projects/{}/archived-work-items/",
        s.project["id"].as_str().unwrap()
    );
    let archived = json_of(
        s.app.get(&s.ada, &archived_path).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(archived["total_count"], 1);
    assert_eq!(
        s.app
            .delete(&s.ada, &format!("{closed_path}unarchive/"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        s.app
            .get(&s.ada, &closed_path)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );

    let hits = json_of(
        s.app
            .get(
                &s.ada,
                "/api/v1/workspaces/acme/work-items/search/?search=open",
            )
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(hits["issues"].as_array().unwrap().len(), 1);
    for key in [
        "name",
        "id",
        "sequence_id",
        "project__identifier",
        "project_id",
        "workspace__slug",
    ] {
        assert!(hits["issues"][0].get(key).is_some(), "{key}");
    }
    let by_number = json_of(
        s.app
            .get(
                &s.ada,
                "/api/v1/workspaces/acme/work-items/search/?search=WEB-2",
            )
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(by_number["issues"][0]["sequence_id"], 2);
    let empty = json_of(
        s.app
            .get(&s.ada, "/api/v1/workspaces/acme/work-items/search/?search=")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(empty, json!({ "issues": [] }));
    let everywhere = json_of(
        s.app
            .get(&s.ada, "/api/v1/workspaces/acme/work-items/")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(everywhere["total_count"], 2);
    let count = json_of(s.app.get(&s.ada, "/api/v1/workspaces/acme/work-items/count/?filters=%7B%22state_group%22%3A%22completed%22%7D").send().await.unwrap(), StatusCode::OK).await;
    assert_eq!(count["total_count"], 1);
    let advanced = json_of(
        s.app
            .post(
                &s.ada,
                "/api/v1/workspaces/acme/work-items/advanced-search/",
                json!({ "query": "bug", "filters": { "state_id": done } }),
            )
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(advanced.as_array().unwrap().len(), 1);

    // Only the creator or a project admin deletes.
    let bob = s.app.register("bob@example.com").await;
    s.app.add_member("acme", &bob, WorkspaceRole::Member).await;
    let members = format!(
        "/api/v1/workspaces/acme/projects/{}/project-members/",
        s.project["id"].as_str().unwrap()
    );
    json_of(
        s.app
            .post(&s.ada, &members, json!({ "member": bob.id, "role": 15 }))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let refused = json_of(
        s.app.delete(&bob, &open_path).send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(
        refused["error"],
        "Only admin or creator can delete the work item"
    );
    assert_eq!(
        s.app
            .delete(&s.ada, &open_path)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        s.app.get(&s.ada, &open_path).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let third = create(&s, json!({ "name": "after delete" })).await;
    assert_eq!(third["sequence_id"], 3, "numbers are never reused");
}

#[tokio::test]
async fn external_ids_are_unique_per_project_and_looked_up() {
    let s = setup().await;
    let item = create(
        &s,
        json!({ "name": "Imported", "external_source": "jira", "external_id": "J-1" }),
    )
    .await;
    let again = json_of(
        s.app
            .post(
                &s.ada,
                &s.base,
                json!({ "name": "Dup", "external_source": "jira", "external_id": "J-1" }),
            )
            .send()
            .await
            .unwrap(),
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(
        again["error"],
        "Issue with the same external id and external source already exists"
    );
    assert_eq!(again["id"], item["id"]);
    let found = json_of(
        s.app
            .get(
                &s.ada,
                &format!("{}?external_source=jira&external_id=J-1", s.base),
            )
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(found["id"], item["id"]);
    assert_eq!(
        s.app
            .get(
                &s.ada,
                &format!("{}?external_source=jira&external_id=J-2", s.base)
            )
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn other_tenants_and_roles() {
    let s = setup().await;
    let item = create(&s, json!({ "name": "Secret plans" })).await;
    let path = format!("{}{}/", s.base, item["id"].as_str().unwrap());
    let eve = s.app.register("eve@example.com").await;
    s.app.create_workspace(&eve, "evil").await;
    let evil_path = path.replace("/acme/", "/evil/");
    for target in [&path, &evil_path] {
        assert_eq!(
            s.app.get(&eve, target).send().await.unwrap().status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            s.app
                .patch(&eve, target, json!({ "name": "mine" }))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            s.app.delete(&eve, target).send().await.unwrap().status(),
            StatusCode::NOT_FOUND
        );
    }
    assert_eq!(
        s.app
            .get(&eve, "/api/v1/workspaces/acme/work-items/WEB-1/")
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    let hits = json_of(
        s.app
            .get(
                &eve,
                "/api/v1/workspaces/evil/work-items/search/?search=secret",
            )
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(hits["issues"], json!([]));
    // A workspace guest reads but does not write.
    let gus = s.app.register("gus@example.com").await;
    s.app.add_member("acme", &gus, WorkspaceRole::Guest).await;
    let members = format!(
        "/api/v1/workspaces/acme/projects/{}/project-members/",
        s.project["id"].as_str().unwrap()
    );
    json_of(
        s.app
            .post(&s.ada, &members, json!({ "member": gus.id }))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        s.app.get(&gus, &path).send().await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        s.app
            .post(&gus, &s.base, json!({ "name": "x" }))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        s.app
            .patch(&gus, &path, json!({ "name": "x" }))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn labels_are_kept_to_the_project_and_expand() {
    let s = setup().await;
    let labels = format!(
        "/api/v1/workspaces/acme/projects/{}/labels/",
        s.project["id"].as_str().unwrap()
    );
    let bug = json_of(
        s.app
            .post(&s.ada, &labels, json!({ "name": "bug", "color": "#f00" }))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let ui = json_of(
        s.app
            .post(&s.ada, &labels, json!({ "name": "ui" }))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let other = s.app.create_project(&s.ada, "acme", "Other", "OTH").await;
    let foreign_labels = format!(
        "/api/v1/workspaces/acme/projects/{}/labels/",
        other["id"].as_str().unwrap()
    );
    let foreign = json_of(
        s.app
            .post(&s.ada, &foreign_labels, json!({ "name": "foreign" }))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let item = create(
        &s,
        json!({ "name": "Labelled", "labels": [bug["id"], foreign["id"]] }),
    )
    .await;
    assert_eq!(
        item["labels"],
        json!([bug["id"]]),
        "labels of other projects are dropped"
    );
    create(&s, json!({ "name": "Other", "labels": [ui["id"]] })).await;
    let path = format!("{}{}/?expand=labels", s.base, item["id"].as_str().unwrap());
    let expanded = json_of(
        s.app.get(&s.ada, &path).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(expanded["labels"][0]["name"], "bug");
    assert_eq!(expanded["labels"][0]["color"], "#f00");
    let filter = format!(
        "{}?filters=%7B%22label%22%3A%22{}%22%7D",
        s.base,
        ui["id"].as_str().unwrap()
    );
    let filtered = json_of(
        s.app.get(&s.ada, &filter).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(filtered["results"][0]["name"], "Other");
    assert_eq!(filtered["total_count"], 1);
    let ordered = json_of(
        s.app
            .get(&s.ada, &format!("{}?order_by=-labels__name", s.base))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(ordered["results"][0]["name"], "Other");
}
