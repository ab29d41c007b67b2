//! Who is told: assignees, the creator, subscribers and @mentioned people; never the actor,
//! never someone who can no longer see the project.

use reqwest::Method;
use serde_json::{Value, json};

use super::{comment, inbox, item, mention, messages, notifications, patch_item, wait_for};
use crate::team::team;

#[tokio::test]
async fn assignees_and_the_creator_are_told_but_never_the_actor() {
    let t = team(json!({})).await;
    let id = item(
        &t,
        &t.member,
        json!({ "name": "Fix login", "assignees": [t.peer.id] }),
    )
    .await;
    let told = wait_for(&t, &t.peer, 1).await;
    assert_eq!(told[0]["kind"], "assignment");
    assert_eq!(told[0]["message"], "member assigned you to WEB-1");
    assert_eq!(told[0]["identifier"], "WEB-1");
    assert_eq!(told[0]["title"], "Fix login");
    assert_eq!(told[0]["entity_identifier"], id.as_str());
    assert_eq!(told[0]["triggered_by"], t.member.id.to_string());
    assert_eq!(told[0]["receiver"], t.peer.id.to_string());
    assert_eq!(told[0]["project"], t.project.as_str());
    assert_eq!(told[0]["read_at"], Value::Null);
    assert!(
        inbox(&t, &t.member, "").await.is_empty(),
        "the creator made the change"
    );

    let done = t.state("Done").await;
    patch_item(&t, &t.owner, &id, json!({ "state": done })).await;
    let told = wait_for(&t, &t.member, 1).await;
    assert_eq!(told[0]["kind"], "state_change");
    assert_eq!(
        told[0]["message"],
        "owner changed the state of WEB-1 to Done"
    );
    assert_eq!(told[0]["data"]["changes"]["state"]["new"], done.as_str());
    let told = wait_for(&t, &t.peer, 2).await;
    assert_eq!(told[0]["kind"], "state_change");
    for outsider in [&t.owner, &t.guest, &t.bystander] {
        assert!(
            inbox(&t, outsider, "").await.is_empty(),
            "{} is the actor or not involved",
            outsider.email
        );
    }
}

#[tokio::test]
async fn subscribers_are_told_and_unsubscribing_silences_assignees_too() {
    let t = team(json!({})).await;
    let id = item(
        &t,
        &t.member,
        json!({ "name": "Roadmap", "assignees": [t.peer.id] }),
    )
    .await;
    let subscribe = t.path(&format!("/work-items/{id}/subscribe/"));
    let legacy = t.path(&format!("/issues/{id}/subscribe/"));
    // Implicit: the assignee and the creator follow; the bystander does not (yet).
    for (user, expected) in [(&t.peer, true), (&t.member, true), (&t.bystander, false)] {
        let status = t
            .call(user, Method::GET, &subscribe, Value::Null, 200)
            .await;
        assert_eq!(status["subscribed"], expected, "{}", user.email);
    }
    // The bystander sees the public project, so may follow it (here through `issues/`).
    let created = t
        .call(&t.bystander, Method::POST, &legacy, Value::Null, 201)
        .await;
    assert_eq!(created["subscribed"], true);
    let status = t
        .call(&t.bystander, Method::GET, &legacy, Value::Null, 200)
        .await;
    assert_eq!(status["subscribed"], true);

    comment(&t, &t.owner, &id, "<p>Looks good</p>").await;
    for user in [&t.bystander, &t.member] {
        let told = wait_for(&t, user, 1).await;
        assert_eq!(told[0]["kind"], "comment", "{}", user.email);
        assert_eq!(told[0]["message"], "owner commented on WEB-1");
        assert_eq!(
            told[0]["data"]["comment"]["comment_html"],
            "<p>Looks good</p>"
        );
    }
    wait_for(&t, &t.peer, 2).await;

    // The assignee stops following: silenced as assignee too.
    t.call(&t.peer, Method::DELETE, &subscribe, Value::Null, 204)
        .await;
    let status = t
        .call(&t.peer, Method::GET, &subscribe, Value::Null, 200)
        .await;
    assert_eq!(status["subscribed"], false);
    patch_item(&t, &t.owner, &id, json!({ "priority": "high" })).await;
    let told = wait_for(&t, &t.bystander, 2).await;
    assert_eq!(told[0]["kind"], "property_change");
    assert_eq!(told[0]["message"], "owner updated the priority of WEB-1");
    assert_eq!(
        messages(&inbox(&t, &t.peer, "").await),
        ["owner commented on WEB-1", "member assigned you to WEB-1"],
        "nothing new for the one who unsubscribed"
    );
    // A mention still reaches them: it is addressed to them by name.
    comment(
        &t,
        &t.owner,
        &id,
        &format!("<p>Over to {}</p>", mention(&t.peer)),
    )
    .await;
    let told = wait_for(&t, &t.peer, 3).await;
    assert_eq!(told[0]["kind"], "mention");

    // Outsiders cannot follow what they cannot see.
    let stranger_path = t.path(&format!("/work-items/{id}/subscribe/"));
    t.call(&t.stranger, Method::POST, &stranger_path, Value::Null, 404)
        .await;
}

#[tokio::test]
async fn mentions_in_descriptions_and_comments_tell_the_newly_mentioned() {
    let t = team(json!({})).await;
    let description = format!("<p>Ask {} about it</p>", mention(&t.guest));
    let id = item(
        &t,
        &t.owner,
        json!({ "name": "Spec", "description_html": description }),
    )
    .await;
    let told = wait_for(&t, &t.guest, 1).await;
    assert_eq!(told[0]["kind"], "mention");
    assert_eq!(told[0]["message"], "owner mentioned you in WEB-1");

    // Editing the description tells only who is newly mentioned.
    let description = format!(
        "<p>Ask {} and {}</p>",
        mention(&t.guest),
        mention(&t.bystander)
    );
    patch_item(
        &t,
        &t.member,
        &id,
        json!({ "description_html": description }),
    )
    .await;
    let told = wait_for(&t, &t.bystander, 1).await;
    assert_eq!(told[0]["kind"], "mention");
    assert_eq!(told[0]["message"], "member mentioned you in WEB-1");

    // A comment mention, then an edit that adds another person.
    let html = format!("<p>{} please review</p>", mention(&t.peer));
    let created = comment(&t, &t.member, &id, &html).await;
    let told = wait_for(&t, &t.peer, 1).await;
    assert_eq!(told[0]["kind"], "mention");
    assert_eq!(
        told[0]["message"],
        "member mentioned you in a comment on WEB-1"
    );
    let comment_path = t.path(&format!(
        "/work-items/{id}/comments/{}/",
        created["id"].as_str().unwrap()
    ));
    let edited = format!(
        "<p>{} and {} please review</p>",
        mention(&t.peer),
        mention(&t.guest)
    );
    t.call(
        &t.member,
        Method::PATCH,
        &comment_path,
        json!({ "comment_html": edited }),
        200,
    )
    .await;
    let told = wait_for(&t, &t.guest, 2).await;
    assert_eq!(
        told[0]["message"],
        "member mentioned you in a comment on WEB-1"
    );
    assert_eq!(
        inbox(&t, &t.peer, "").await.len(),
        1,
        "the peer was mentioned before the edit"
    );
    assert_eq!(
        inbox(&t, &t.bystander, "").await.len(),
        1,
        "the bystander follows nothing and was mentioned once"
    );
}

#[tokio::test]
async fn removed_members_and_outsiders_are_not_told() {
    let t = team(json!({})).await;
    let html = format!("<p>{} {}</p>", mention(&t.stranger), mention(&t.bystander));
    let id = item(
        &t,
        &t.owner,
        json!({ "name": "Audit", "assignees": [t.peer.id, t.member.id], "description_html": html }),
    )
    .await;
    wait_for(&t, &t.peer, 1).await;
    wait_for(&t, &t.bystander, 1).await;
    // The stranger cannot see the project: mentioned, but told nothing.
    t.call(
        &t.stranger,
        Method::GET,
        &notifications(""),
        Value::Null,
        404,
    )
    .await;
    let theirs = t
        .call(
            &t.stranger,
            Method::GET,
            "/api/v1/workspaces/evil/notifications/",
            Value::Null,
            200,
        )
        .await;
    assert_eq!(theirs["total_count"], 0);

    // The peer leaves the workspace; the next change tells the member only.
    t.call(
        &t.owner,
        Method::DELETE,
        &format!("/api/v1/workspaces/acme/members/{}/", t.peer.id),
        Value::Null,
        204,
    )
    .await;
    patch_item(&t, &t.owner, &id, json!({ "name": "Audit 2026" })).await;
    let told = wait_for(&t, &t.member, 2).await;
    assert_eq!(told[0]["message"], "owner updated the name of WEB-1");
    // Back in the workspace (the public project is visible again): nothing arrived meanwhile.
    t.app
        .add_member("acme", &t.peer, glider_domain::WorkspaceRole::Member)
        .await;
    assert_eq!(
        messages(&inbox(&t, &t.peer, "").await),
        ["owner assigned you to WEB-1"],
        "only the assignment from before they left"
    );
}

#[tokio::test]
async fn a_move_within_a_column_is_not_news() {
    let t = team(json!({})).await;
    let id = item(
        &t,
        &t.member,
        json!({ "name": "Card", "assignees": [t.peer.id] }),
    )
    .await;
    wait_for(&t, &t.peer, 1).await;
    patch_item(&t, &t.owner, &id, json!({ "sort_order": 12345.0 })).await;
    // A later change the member hears about shows the move was handled.
    patch_item(&t, &t.owner, &id, json!({ "priority": "low" })).await;
    let told = wait_for(&t, &t.member, 1).await;
    assert_eq!(messages(&told), ["owner updated the priority of WEB-1"]);
    assert_eq!(wait_for(&t, &t.peer, 2).await.len(), 2);
}
