//! Attachments: Plane's three-step upload through Glider's own signed upload URL.

use glider_test_utils::{TestApp, TestUser, json_of};
use reqwest::{StatusCode, multipart};
use serde_json::{Value, json};

async fn setup() -> (TestApp, TestUser, String) {
    setup_on(TestApp::spawn().await).await
}

async fn setup_on(app: TestApp) -> (TestApp, TestUser, String) {
    let ada = app.register("ada@example.com").await;
    app.create_workspace(&ada, "acme").await;
    let project = app.create_project(&ada, "acme", "Web", "WEB").await;
    let base = format!(
        "/api/v1/workspaces/acme/projects/{}/work-items/",
        project["id"].as_str().unwrap()
    );
    let item = json_of(
        app.post(&ada, &base, json!({ "name": "With files" }))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    (
        app,
        ada,
        format!("{base}{}/attachments/", item["id"].as_str().unwrap()),
    )
}

fn form(
    upload: &Value,
    bytes: impl Into<std::borrow::Cow<'static, [u8]>>,
    content_type: &str,
) -> multipart::Form {
    let mut form = multipart::Form::new();
    for (key, value) in upload["fields"].as_object().unwrap() {
        form = form.text(key.clone(), value.as_str().unwrap().to_owned());
    }
    form.part(
        "file",
        multipart::Part::bytes(bytes)
            .file_name("notes.txt")
            .mime_str(content_type)
            .unwrap(),
    )
}

#[tokio::test]
async fn three_step_upload_list_download_and_delete() {
    let (app, ada, attachments) = setup().await;
    let created = json_of(
        app.post(
            &ada,
            &attachments,
            json!({ "name": "../notes.txt", "type": "text/plain", "size": 11 }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(created["attachment"]["is_uploaded"], false);
    assert!(
        created["asset"].as_str().unwrap().ends_with("-notes.txt"),
        "path parts are stripped"
    );
    let asset_id = created["asset_id"].as_str().unwrap().to_owned();
    let path = format!("{attachments}{asset_id}/");
    let early = json_of(
        app.patch(&ada, &path, json!({ "is_uploaded": true }))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(early["error"], "The asset is not uploaded.");

    let upload = &created["upload_data"];
    let url = upload["url"].as_str().unwrap();
    // A tampered signature is refused, and so is a different key.
    let mut tampered = upload.clone();
    tampered["fields"]["x-glider-signature"] = json!("00");
    assert_eq!(
        app.client
            .post(url)
            .multipart(form(&tampered, b"hello world", "text/plain"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    let mut other_key = upload.clone();
    other_key["fields"]["key"] = json!("elsewhere/file.txt");
    assert_eq!(
        app.client
            .post(url)
            .multipart(form(&other_key, b"hello world", "text/plain"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    let too_big = app
        .client
        .post(url)
        .multipart(form(upload, b"hello world, and more", "text/plain"))
        .send()
        .await
        .unwrap();
    assert_eq!(too_big.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        app.client
            .post(url)
            .multipart(form(upload, b"hello world", "text/plain"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NO_CONTENT
    );

    let marked = json_of(
        app.patch(&ada, &path, json!({ "is_uploaded": true }))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(marked["is_uploaded"], true);
    assert_eq!(marked["size"], 11);
    let list = json_of(
        app.get(&ada, &attachments).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(list[0]["asset"].is_string());

    let redirect = app.get(&ada, &path).send().await.unwrap();
    assert_eq!(redirect.status(), StatusCode::FOUND);
    let location = redirect.headers()["location"].to_str().unwrap().to_owned();
    let file = app.client.get(&location).send().await.unwrap();
    assert_eq!(file.status(), StatusCode::OK);
    assert_eq!(file.headers()["content-type"], "text/plain");
    assert_eq!(file.bytes().await.unwrap().as_ref(), b"hello world");
    let forged = location.replace("signature=", "signature=0");
    assert_eq!(
        app.client.get(&forged).send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    app.clock.advance(chrono::Duration::hours(2));
    assert_eq!(
        app.client.get(&location).send().await.unwrap().status(),
        StatusCode::FORBIDDEN,
        "links expire"
    );
    let ada = app.sign_in(&ada).await;

    let item_history = attachments.replace("attachments/", "activities/");
    let history = json_of(
        app.get(&ada, &item_history).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert!(
        history["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["field"] == "attachment")
    );
    assert_eq!(
        app.delete(&ada, &path).send().await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    let list = json_of(
        app.get(&ada, &attachments).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(list, json!([]));
}

#[tokio::test]
async fn bad_uploads_are_refused() {
    let (app, ada, attachments) = setup().await;
    let post = |body: Value| app.post(&ada, &attachments, body).send();
    let body = json_of(
        post(json!({ "name": "x.exe", "type": "application/x-msdownload", "size": 10 }))
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["error"], "Invalid file type.");
    let body = json_of(
        post(json!({ "name": "x.txt", "type": "text/plain" }))
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["error"], "Invalid request.");
    let body = json_of(
        post(json!({ "name": "", "type": "text/plain", "size": 3 }))
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["error"], "Invalid request.");
    let body = json_of(
        post(json!({ "name": "big.txt", "type": "text/plain", "size": 6 * 1024 * 1024 }))
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(body["size"].is_array());
    json_of(post(json!({ "name": "a.txt", "type": "text/plain", "size": 3, "external_source": "x", "external_id": "1" })).await.unwrap(), StatusCode::OK).await;
    let dup = post(json!({ "name": "b.txt", "type": "text/plain", "size": 3, "external_source": "x", "external_id": "1" })).await.unwrap();
    assert_eq!(dup.status(), StatusCode::CONFLICT);
    let eve = app.register("eve@example.com").await;
    app.create_workspace(&eve, "evil").await;
    for target in [attachments.clone(), attachments.replace("/acme/", "/evil/")] {
        assert_eq!(
            app.get(&eve, &target).send().await.unwrap().status(),
            StatusCode::NOT_FOUND
        );
        let response = app
            .post(
                &eve,
                &target,
                json!({ "name": "a.txt", "type": "text/plain", "size": 3 }),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn with_s3_configured_files_stream_into_the_bucket_and_back() {
    let (app, ada, attachments) = setup_on(
        TestApp::builder()
            .s3()
            .max_upload_bytes(16 * 1024 * 1024)
            .spawn()
            .await,
    )
    .await;
    // Past object_store's 10 MiB buffer, so the upload goes to S3 as a multipart upload.
    let bytes: Vec<u8> = (0..12 * 1024 * 1024)
        .map(|i: u32| (i % 251) as u8)
        .collect();
    let created = json_of(
        app.post(
            &ada,
            &attachments,
            json!({ "name": "big.bin", "type": "application/octet-stream", "size": bytes.len() }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    let upload = &created["upload_data"];
    let sent = app
        .client
        .post(upload["url"].as_str().unwrap())
        .multipart(form(upload, bytes.clone(), "application/octet-stream"))
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), StatusCode::NO_CONTENT);
    let path = format!("{attachments}{}/", created["asset_id"].as_str().unwrap());
    let marked = json_of(
        app.patch(&ada, &path, json!({ "is_uploaded": true }))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(marked["size"], bytes.len());

    // The object is in the bucket, under the configured prefix.
    let bucket = app.s3_bucket_url.clone().unwrap();
    let listing = app
        .client
        .get(format!("{bucket}?list-type=2&prefix=attachments/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let key = format!(
        "<Key>attachments/{}</Key>",
        created["asset"].as_str().unwrap()
    );
    assert!(listing.contains(&key), "{listing}");

    let location = app.get(&ada, &path).send().await.unwrap().headers()["location"]
        .to_str()
        .unwrap()
        .to_owned();
    let file = app.client.get(&location).send().await.unwrap();
    assert_eq!(file.status(), StatusCode::OK);
    assert_eq!(file.headers()["content-length"], bytes.len().to_string());
    assert!(file.bytes().await.unwrap().as_ref() == bytes.as_slice());
}
