//! Validation errors that name the offending field.

use std::collections::BTreeMap;

/// One field's problem: `field` is the request key, `message` is for a person.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ValidationError {
    pub field: String,
    pub message: String,
}

impl ValidationError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Every field error of one request, so a form can show them all at once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(pub BTreeMap<String, Vec<String>>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.entry(field.into()).or_default().push(message.into());
    }

    pub fn push(&mut self, error: ValidationError) {
        self.add(error.field, error.message);
    }

    /// Keeps the value of `result`, or records its error and returns `None`.
    pub fn check<T>(&mut self, result: Result<T, ValidationError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.push(error);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` when nothing was recorded, so callers can `?` after collecting.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }

    /// The first field named, for one-line summaries.
    pub fn first(&self) -> Option<(&str, &str)> {
        self.0
            .iter()
            .next()
            .and_then(|(field, messages)| messages.first().map(|m| (field.as_str(), m.as_str())))
    }
}

impl From<ValidationError> for FieldErrors {
    fn from(error: ValidationError) -> Self {
        let mut errors = FieldErrors::new();
        errors.push(error);
        errors
    }
}
