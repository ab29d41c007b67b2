//! Counting work items by a dimension: the `group_by` / `sub_group_by` of the workspace count
//! (the names are the ORM paths Plane's SDK sends).

use crate::ValidationError;

/// What counts are grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountDimension {
    State,
    StateGroup,
    Priority,
    Project,
    Type,
    Label,
    Assignee,
    Module,
    /// Releases are not a Glider feature: every item is in "no release".
    Release,
    Cycle,
    /// Milestones are not a Glider feature: every item is in "no milestone".
    Milestone,
    CreatedBy,
    TargetDate,
    StartDate,
}

impl CountDimension {
    pub const ALL: [CountDimension; 14] = [
        Self::State,
        Self::StateGroup,
        Self::Priority,
        Self::Project,
        Self::Type,
        Self::Label,
        Self::Assignee,
        Self::Module,
        Self::Release,
        Self::Cycle,
        Self::Milestone,
        Self::CreatedBy,
        Self::TargetDate,
        Self::StartDate,
    ];

    /// The name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::State => "state_id",
            Self::StateGroup => "state__group",
            Self::Priority => "priority",
            Self::Project => "project_id",
            Self::Type => "type_id",
            Self::Label => "labels__id",
            Self::Assignee => "assignees__id",
            Self::Module => "issue_module__module_id",
            Self::Release => "release_work_items__release_id",
            Self::Cycle => "cycle_id",
            Self::Milestone => "milestone_id",
            Self::CreatedBy => "created_by",
            Self::TargetDate => "target_date",
            Self::StartDate => "start_date",
        }
    }

    pub fn parse(field: &str, value: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|d| d.as_str() == value)
            .ok_or_else(|| {
                ValidationError::new(field, format!("\"{value}\" is not a valid choice."))
            })
    }

    /// An item may fall in several groups of this dimension (labels, assignees, modules,
    /// cycles), so group counts may add up to more than the total.
    pub fn is_many(self) -> bool {
        matches!(
            self,
            Self::Label | Self::Assignee | Self::Module | Self::Cycle
        )
    }
}

/// A validated grouping: `sub_group_by` only with `group_by`, and never the same dimension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CountGrouping {
    pub group: CountDimension,
    pub sub_group: Option<CountDimension>,
}

impl CountGrouping {
    /// Parses the two query parameters; `None` when no grouping is asked for.
    pub fn parse(
        group_by: Option<&str>,
        sub_group_by: Option<&str>,
    ) -> Result<Option<Self>, ValidationError> {
        fn blank(value: Option<&str>) -> Option<&str> {
            value.map(str::trim).filter(|v| !v.is_empty())
        }
        let group = blank(group_by)
            .map(|v| CountDimension::parse("group_by", v))
            .transpose()?;
        let sub_group = blank(sub_group_by)
            .map(|v| CountDimension::parse("sub_group_by", v))
            .transpose()?;
        match (group, sub_group) {
            (None, None) => Ok(None),
            (None, Some(_)) => Err(ValidationError::new(
                "sub_group_by",
                "sub_group_by can only be used when group_by is also provided",
            )),
            (Some(group), Some(sub)) if group == sub => Err(ValidationError::new(
                "sub_group_by",
                "group_by and sub_group_by must be different",
            )),
            (Some(group), sub_group) => Ok(Some(Self { group, sub_group })),
        }
    }
}

/// One row of a grouped count: the group's key, the sub-group's key (when sub-grouped), and
/// how many distinct items fall in it. `None` keys are items with no value there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupCount {
    pub key: Option<String>,
    pub sub_key: Option<String>,
    pub count: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_round_trips() {
        for dimension in CountDimension::ALL {
            assert_eq!(
                CountDimension::parse("group_by", dimension.as_str()),
                Ok(dimension)
            );
        }
    }

    #[test]
    fn groupings_are_checked() {
        assert_eq!(CountGrouping::parse(None, Some("")), Ok(None));
        let err = CountGrouping::parse(Some("colour"), None).unwrap_err();
        assert_eq!(err.field, "group_by");
        let err = CountGrouping::parse(None, Some("priority")).unwrap_err();
        assert_eq!(err.field, "sub_group_by");
        let err = CountGrouping::parse(Some("priority"), Some("priority")).unwrap_err();
        assert_eq!(err.field, "sub_group_by");
        let ok = CountGrouping::parse(Some("priority"), Some("state_id")).unwrap();
        assert_eq!(
            ok,
            Some(CountGrouping {
                group: CountDimension::Priority,
                sub_group: Some(CountDimension::State),
            })
        );
    }
}
