//! Plane's pagination: `per_page` and `cursor` (`"<per_page>:<page>:<is_prev>"`) in, the
//! envelope out; plus the `fields` reduction.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};

use crate::error::ApiError;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Items per page, 1 to 1000 (default 1000).
    pub per_page: Option<String>,
    /// `"<per_page>:<page>:<is_prev>"` from a previous response.
    pub cursor: Option<String>,
    /// Comma-separated fields to keep in each item.
    pub fields: Option<String>,
}

/// A validated page request.
#[derive(Clone, Copy, Debug)]
pub struct Page {
    pub per_page: u64,
    pub page: u64,
}

impl PageQuery {
    pub fn page(&self, default_per_page: u64) -> Result<Page, ApiError> {
        let invalid = |detail: &str| {
            ApiError::new("invalid_pagination", detail).with_extra("error", json!(detail))
        };
        let per_page = match self.per_page.as_deref() {
            None | Some("") => default_per_page,
            Some(raw) => {
                let value: u64 = raw
                    .trim()
                    .parse()
                    .map_err(|_| invalid("Invalid per_page parameter."))?;
                if value == 0 {
                    return Err(invalid("Invalid per_page parameter."));
                }
                if value > 1000 {
                    return Err(invalid("Invalid per_page value. Cannot exceed 1000."));
                }
                value
            }
        };
        let page = match self.cursor.as_deref() {
            None | Some("") => 0,
            Some(cursor) => {
                let parts: Vec<&str> = cursor.split(':').collect();
                let [size, page, prev] = parts.as_slice() else {
                    return Err(invalid("Invalid cursor parameter."));
                };
                if size.parse::<f64>().is_err() || !matches!(*prev, "0" | "1") {
                    return Err(invalid("Invalid cursor parameter."));
                }
                let page: i64 = page
                    .parse()
                    .map_err(|_| invalid("Invalid cursor parameter."))?;
                u64::try_from(page).map_err(|_| invalid("Error in parsing"))?
            }
        };
        Ok(Page { per_page, page })
    }
}

impl Page {
    pub fn offset(&self) -> u64 {
        self.page.saturating_mul(self.per_page)
    }

    /// Slices an in-memory list to this page.
    pub fn slice<T>(&self, items: Vec<T>) -> Vec<T> {
        let offset = usize::try_from(self.offset()).unwrap_or(usize::MAX);
        let limit = usize::try_from(self.per_page).unwrap_or(usize::MAX);
        items.into_iter().skip(offset).take(limit).collect()
    }
}

/// Plane's envelope, all keys present.
#[derive(Debug, Serialize, ToSchema)]
pub struct Paginated<T> {
    pub grouped_by: Option<String>,
    pub sub_grouped_by: Option<String>,
    pub total_count: u64,
    pub next_cursor: String,
    pub prev_cursor: String,
    pub next_page_results: bool,
    pub prev_page_results: bool,
    pub count: u64,
    pub total_pages: u64,
    pub total_results: u64,
    pub extra_stats: Option<String>,
    pub results: Vec<T>,
}

impl<T> Paginated<T> {
    pub fn new(page: Page, total: u64, results: Vec<T>) -> Self {
        let count = results.len() as u64;
        let prev_page = i128::from(page.page) - 1;
        Self {
            grouped_by: None,
            sub_grouped_by: None,
            total_count: total,
            next_cursor: format!("{}:{}:0", page.per_page, page.page + 1),
            prev_cursor: format!("{}:{}:1", page.per_page, prev_page),
            next_page_results: page.offset() + count < total,
            prev_page_results: page.page > 0,
            count,
            total_pages: total.div_ceil(page.per_page),
            total_results: total,
            extra_stats: None,
            results,
        }
    }
}

/// Keeps only the named keys of an object (`fields=id,name`); no names keeps everything.
pub fn select_fields(value: Value, fields: Option<&str>) -> Value {
    let names: Vec<&str> = fields
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    match value {
        Value::Object(map) if !names.is_empty() => Value::Object(
            map.into_iter()
                .filter(|(key, _)| names.contains(&key.as_str()))
                .collect(),
        ),
        other => other,
    }
}
