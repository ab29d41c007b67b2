//! Request extractors that answer bad input with a field-naming 4xx.

use axum::{
    body::Bytes,
    extract::{FromRequest, FromRequestParts, Request, rejection::BytesRejection},
    http::{StatusCode, header, request::Parts},
};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use crate::error::ApiError;

/// A JSON body of type `T`. Errors name the field: `{"fields": {"email": ["invalid type: …"]}}`.
pub struct ApiJson<T>(pub T);

/// A JSON object body, for operations that tell an absent field from `null`.
pub struct JsonObject(pub Map<String, Value>);

async fn read_body<S: Send + Sync>(request: Request, state: &S) -> Result<Bytes, ApiError> {
    let is_json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_none_or(|value| value.starts_with("application/json") || value.contains("+json"));
    if !is_json {
        return Err(ApiError::new(
            "unsupported_media_type",
            "Send the body as application/json.",
        ));
    }
    Bytes::from_request(request, state)
        .await
        .map_err(|rejection: BytesRejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(
                    "payload_too_large",
                    "The size of the request body exceeds the maximum allowed size.",
                )
                .with_extra("error", json!("REQUEST_BODY_TOO_LARGE"))
            } else {
                ApiError::new("malformed_json", "The request body could not be read.")
            }
        })
}

fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let bytes = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"{}".as_slice()
    } else {
        bytes
    };
    let deserializer = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            return ApiError::new("malformed_json", format!("JSON parse error: {inner}"));
        }
        let field = if path == "." {
            "non_field_errors".to_owned()
        } else {
            path
        };
        let message = inner.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        ApiError::field(&field, &message)
    })
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = read_body(request, state).await?;
        parse(&bytes).map(ApiJson)
    }
}

impl<S: Send + Sync> FromRequest<S> for JsonObject {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = read_body(request, state).await?;
        match parse::<Value>(&bytes)? {
            Value::Object(map) => Ok(JsonObject(map)),
            _ => Err(ApiError::field(
                "non_field_errors",
                "Invalid data. Expected a dictionary.",
            )),
        }
    }
}

/// Path parameters; a malformed id is "not found", as in Plane (the route does not match).
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| ApiPath(value))
            .map_err(|_| {
                ApiError::new("route_not_found", "Page not found.")
                    .with_extra("error", json!("Page not found."))
            })
    }
}

/// Query parameters; a bad one is a 400 naming the parameter.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let deserializer =
            serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(deserializer)
            .map(ApiQuery)
            .map_err(|error| {
                let field = error.path().to_string();
                ApiError::field(&field, &error.into_inner().to_string())
            })
    }
}
