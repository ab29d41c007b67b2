//! Reading a JSON object field by field, with Plane's messages, telling "absent" from `null`.
//!
//! Services take request bodies as JSON objects so a PATCH can clear a field with `null` and
//! every field error names its key.

use glider_domain::FieldErrors;
use serde_json::{Map, Value};
use uuid::Uuid;

/// A field as sent: absent, `null`, or a value.
#[derive(Clone, Debug, PartialEq)]
pub enum Field<T> {
    Absent,
    Null,
    Value(T),
}

impl<T> Field<T> {
    /// The new value for an optional column: `None` if not sent, `Some(None)` to clear.
    pub fn patch(self) -> Option<Option<T>> {
        match self {
            Field::Absent => None,
            Field::Null => Some(None),
            Field::Value(value) => Some(Some(value)),
        }
    }

    pub fn value(self) -> Option<T> {
        match self {
            Field::Value(value) => Some(value),
            _ => None,
        }
    }
}

pub struct JsonInput<'a> {
    map: &'a Map<String, Value>,
    pub errors: FieldErrors,
}

impl<'a> JsonInput<'a> {
    pub fn new(map: &'a Map<String, Value>) -> Self {
        Self {
            map,
            errors: FieldErrors::new(),
        }
    }

    pub fn has(&self, field: &str) -> bool {
        self.map.contains_key(field)
    }

    fn read<T>(
        &mut self,
        field: &str,
        convert: impl FnOnce(&Value) -> Result<T, String>,
    ) -> Field<T> {
        match self.map.get(field) {
            None => Field::Absent,
            Some(Value::Null) => Field::Null,
            Some(value) => match convert(value) {
                Ok(converted) => Field::Value(converted),
                Err(message) => {
                    self.errors.add(field, message);
                    Field::Absent
                }
            },
        }
    }

    /// A string of at most `max_len` characters (not trimmed).
    pub fn string(&mut self, field: &str, max_len: usize) -> Field<String> {
        self.read(field, |value| match value {
            Value::String(s) if s.chars().count() > max_len => Err(format!(
                "Ensure this field has no more than {max_len} characters."
            )),
            Value::String(s) => Ok(s.clone()),
            _ => Err("Not a valid string.".to_owned()),
        })
    }

    /// A required, non-null string (a value is still to be parsed by the caller).
    pub fn required_string(&mut self, field: &str, max_len: usize) -> Option<String> {
        match self.string(field, max_len) {
            Field::Value(value) => Some(value),
            Field::Null => {
                self.errors.add(field, "This field may not be null.");
                None
            }
            Field::Absent => {
                if !self.map.contains_key(field) {
                    self.errors.add(field, "This field is required.");
                }
                None
            }
        }
    }

    pub fn bool(&mut self, field: &str) -> Option<bool> {
        match self.read(field, |value| {
            value
                .as_bool()
                .ok_or_else(|| "Must be a valid boolean.".to_owned())
        }) {
            Field::Value(value) => Some(value),
            Field::Null => {
                self.errors.add(field, "This field may not be null.");
                None
            }
            Field::Absent => None,
        }
    }

    pub fn integer(&mut self, field: &str, min: i64, max: i64) -> Option<i64> {
        let read = self.read(field, |value| {
            let number = value
                .as_i64()
                .ok_or_else(|| "A valid integer is required.".to_owned())?;
            if number < min {
                return Err(format!(
                    "Ensure this value is greater than or equal to {min}."
                ));
            }
            if number > max {
                return Err(format!("Ensure this value is less than or equal to {max}."));
            }
            Ok(number)
        });
        match read {
            Field::Value(value) => Some(value),
            Field::Null => {
                self.errors.add(field, "This field may not be null.");
                None
            }
            Field::Absent => None,
        }
    }

    pub fn uuid(&mut self, field: &str) -> Field<Uuid> {
        self.read(field, |value| {
            value
                .as_str()
                .and_then(|s| Uuid::parse_str(s).ok())
                .ok_or_else(|| "Must be a valid UUID.".to_owned())
        })
    }

    /// Any JSON value (objects for icon and logo properties).
    pub fn json(&mut self, field: &str) -> Field<Value> {
        self.read(field, |value| Ok(value.clone()))
    }

    /// Records an error against a field.
    pub fn error(&mut self, field: &str, message: impl Into<String>) {
        self.errors.add(field, message);
    }
}
