//! Work logs: the project switch, logging rules, who may change a log, tenants, and the
//! project and workspace summaries.

mod logging;
mod summaries;

use crate::team::Team;

fn logs(t: &Team, item: &str) -> String {
    t.path(&format!("/work-items/{item}/worklogs/"))
}

fn today(t: &Team) -> chrono::NaiveDate {
    t.app.clock_now().date_naive()
}
