//! The cycle lists: Plane's status filter as time passes, `cycles-lite/`, archive and
//! unarchive with the archived list.

use reqwest::{Method, StatusCode};
use serde_json::json;

use super::{id, ids, says, setup};

#[tokio::test]
async fn status_filters_follow_the_clock() {
    let mut s = setup().await;
    let past = s.cycle("Past", Some((-10, -5))).await;
    let now = s.cycle("Now", Some((-1, 6))).await;
    let next = s.cycle("Next", Some((10, 15))).await;
    let draft = s.cycle("Draft", None).await;
    let owned = (id(&past), id(&now), id(&next), id(&draft));
    let (past, now, next, draft) = (
        owned.0.as_str(),
        owned.1.as_str(),
        owned.2.as_str(),
        owned.3.as_str(),
    );
    let list = |query: &str| format!("cycles/{query}");

    let all = s.ok(Method::GET, &list(""), None, StatusCode::OK).await;
    assert_eq!(ids(&all), [draft, next, now, past], "newest first");
    assert_eq!(all["total_count"], 4);
    let current = s
        .ok(Method::GET, &list("?status=current"), None, StatusCode::OK)
        .await;
    assert_eq!(
        current["total_count"], 1,
        "status answers the envelope: {current}"
    );
    assert_eq!(ids(&current), [now]);
    assert_eq!(current["results"][0]["total_issues"], 0);
    let bare = s
        .ok(
            Method::GET,
            &list("?cycle_view=current"),
            None,
            StatusCode::OK,
        )
        .await;
    assert!(
        bare.is_array(),
        "cycle_view=current is a bare array, as in Plane: {bare}"
    );
    assert_eq!(ids(&bare), [now]);
    let both = s
        .ok(
            Method::GET,
            &list("?status=upcoming&cycle_view=completed"),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(ids(&both), [next], "status wins over cycle_view");
    for (query, expected) in [
        ("?status=upcoming", vec![next]),
        ("?status=completed", vec![past]),
        ("?cycle_view=completed", vec![past]),
        ("?status=draft", vec![draft]),
        ("?status=incomplete", vec![draft, next, now]),
        ("?cycle_view=all", vec![draft, next, now, past]),
        ("?status=whatever", vec![draft, next, now, past]),
    ] {
        let found = s.ok(Method::GET, &list(query), None, StatusCode::OK).await;
        assert_eq!(ids(&found), expected, "{query}");
    }
    let paged = s
        .ok(
            Method::GET,
            &list("?per_page=3&cursor=3:1:0"),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        (ids(&paged), paged["prev_page_results"].clone()),
        (vec![past.to_owned()], json!(true))
    );

    s.advance(12).await;
    let current = s
        .ok(Method::GET, &list("?status=current"), None, StatusCode::OK)
        .await;
    assert_eq!(ids(&current), [next], "the upcoming cycle has started");
    let completed = s
        .ok(
            Method::GET,
            &list("?status=completed"),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(ids(&completed), [now, past]);
    s.advance(10).await;
    let incomplete = s
        .ok(
            Method::GET,
            &list("?status=incomplete"),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(ids(&incomplete), [draft]);
}

#[tokio::test]
async fn lite_lists_order_and_filter_without_counts() {
    let s = setup().await;
    let b = s.cycle("Beta", Some((1, 2))).await;
    let a = s.cycle("Alpha", None).await;
    let c = s.cycle("Gamma", Some((-3, 3))).await;
    let lite = s
        .ok(Method::GET, "cycles-lite/", None, StatusCode::OK)
        .await;
    assert_eq!(ids(&lite), [id(&c), id(&a), id(&b)]);
    assert!(lite["results"][0].get("total_issues").is_none());
    assert_eq!(lite["results"][0]["owned_by"], s.ada.id.to_string());
    let by_name = s
        .ok(
            Method::GET,
            "cycles-lite/?order_by=name",
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(ids(&by_name), [id(&a), id(&b), id(&c)]);
    let by_name = s
        .ok(
            Method::GET,
            "cycles-lite/?order_by=-name&per_page=1",
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        (ids(&by_name), by_name["total_pages"].clone()),
        (vec![id(&c)], json!(3))
    );
    let current = s
        .ok(
            Method::GET,
            "cycles-lite/?status=current",
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        (ids(&current), current["count"].clone()),
        (vec![id(&c)], json!(1)),
        "always the envelope"
    );
    let (status, error) = s
        .call(&s.ada, Method::GET, "cycles-lite/?order_by=colour", None)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error["order_by"].is_array(), "{error}");
    let (status, _) = s
        .call(&s.ada, Method::GET, "cycles/?per_page=0", None)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn archive_and_unarchive() {
    let mut s = setup().await;
    let running = s.cycle("Running", Some((-1, 5))).await;
    let draft = s.cycle("Draft", None).await;
    let done = s.cycle("Done", Some((-9, -2))).await;
    let item = s.item("Task").await;
    let done_path = format!("cycles/{}/", id(&done));
    for cycle in [&running, &draft] {
        let (status, error) = s
            .call(
                &s.ada,
                Method::POST,
                &format!("cycles/{}/archive/", id(cycle)),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        says(&error, "error", "Only completed cycles can be archived");
    }
    s.ok(
        Method::POST,
        &format!("{done_path}archive/"),
        None,
        StatusCode::NO_CONTENT,
    )
    .await;
    s.ok(Method::GET, &done_path, None, StatusCode::NOT_FOUND)
        .await;
    let listed = s.ok(Method::GET, "cycles/", None, StatusCode::OK).await;
    assert!(!ids(&listed).contains(&id(&done)));
    let archived = s
        .ok(Method::GET, "archived-cycles/", None, StatusCode::OK)
        .await;
    assert_eq!(ids(&archived), [id(&done)]);
    let entry = &archived["results"][0];
    assert!(entry["archived_at"].is_string());
    assert_eq!(entry["total_issues"], 0);
    for key in [
        "total_estimates",
        "completed_estimates",
        "started_estimates",
    ] {
        assert!(entry.get(key).is_some(), "archived list has {key}");
    }
    let (status, error) = s
        .call(
            &s.ada,
            Method::PATCH,
            &done_path,
            Some(json!({ "sort_order": 1 })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    says(&error, "error", "Archived cycle cannot be edited");
    // The work items of an archived cycle still list, and it takes no more.
    let (status, error) = s
        .call(
            &s.ada,
            Method::POST,
            &format!("{done_path}cycle-issues/"),
            Some(json!({ "issues": [id(&item)] })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error["code"], "CYCLE_COMPLETED");
    s.ok(
        Method::GET,
        &format!("{done_path}cycle-issues/"),
        None,
        StatusCode::OK,
    )
    .await;

    let unarchive = format!("archived-cycles/{}/unarchive/", id(&done));
    s.ok(Method::DELETE, &unarchive, None, StatusCode::NO_CONTENT)
        .await;
    let back = s.ok(Method::GET, &done_path, None, StatusCode::OK).await;
    assert!(back["archived_at"].is_null());
    assert_eq!(
        s.ok(Method::GET, "archived-cycles/", None, StatusCode::OK)
            .await["total_count"],
        0
    );
    assert_eq!(
        super::event_kinds(&s.app, &id(&done)).await,
        [
            "tracker.cycle.created",
            "tracker.cycle.archived",
            "tracker.cycle.unarchived"
        ]
    );
    // A running cycle can be archived once it has ended.
    s.advance(6).await;
    s.ok(
        Method::POST,
        &format!("cycles/{}/archive/", id(&running)),
        None,
        StatusCode::NO_CONTENT,
    )
    .await;
}
