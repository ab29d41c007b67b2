//! A project's progress: how its work items spread over the state groups.

use crate::model::tracker::StateGroup;

/// The five groups progress is reported by (triage items are not yet part of the project).
pub const PROGRESS_GROUPS: [StateGroup; 5] = [
    StateGroup::Backlog,
    StateGroup::Unstarted,
    StateGroup::Started,
    StateGroup::Completed,
    StateGroup::Cancelled,
];

/// Work items in one state group.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GroupShare {
    pub group: StateGroup,
    pub count: u64,
    /// Share of all counted items, 0 to 100, rounded to two decimals.
    pub percentage: f64,
}

/// Counts per state group of the live, non-draft, non-archived work items of a project.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectProgress {
    /// Every counted item, including those without a state.
    pub total: u64,
    /// One entry per group of [`PROGRESS_GROUPS`], in that order.
    pub groups: Vec<GroupShare>,
    /// Items without a state (counted in `total`, in no group).
    pub without_state: u64,
    /// Completed items as a share of `total`, 0 to 100, rounded to two decimals.
    pub completion_percentage: f64,
}

/// `part` of `whole` in percent, rounded to two decimals; 0 when `whole` is 0.
pub fn percentage(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    // Counts stay far below 2^52, so the conversion is exact.
    let share = part as f64 * 100.0 / whole as f64;
    (share * 100.0).round() / 100.0
}

impl ProjectProgress {
    /// Builds the report from `(group, count)` pairs; `None` is "no state". Triage counts are
    /// left out.
    pub fn from_counts(counts: &[(Option<StateGroup>, u64)]) -> Self {
        let count_of = |group: StateGroup| {
            counts
                .iter()
                .filter(|(g, _)| *g == Some(group))
                .map(|(_, n)| n)
                .sum::<u64>()
        };
        let without_state = counts
            .iter()
            .filter(|(g, _)| g.is_none())
            .map(|(_, n)| n)
            .sum::<u64>();
        let total = PROGRESS_GROUPS.iter().map(|g| count_of(*g)).sum::<u64>() + without_state;
        let groups = PROGRESS_GROUPS
            .iter()
            .map(|group| {
                let count = count_of(*group);
                GroupShare {
                    group: *group,
                    count,
                    percentage: percentage(count, total),
                }
            })
            .collect();
        Self {
            total,
            groups,
            without_state,
            completion_percentage: percentage(count_of(StateGroup::Completed), total),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_add_up_and_triage_is_left_out() {
        let progress = ProjectProgress::from_counts(&[
            (Some(StateGroup::Backlog), 1),
            (Some(StateGroup::Completed), 2),
            (Some(StateGroup::Triage), 5),
            (None, 0),
        ]);
        assert_eq!(progress.total, 3);
        assert_eq!(progress.groups[0].percentage, 33.33);
        assert_eq!(progress.completion_percentage, 66.67);
        assert_eq!(ProjectProgress::from_counts(&[]).completion_percentage, 0.0);
    }
}
