"""`expand` and `fields`, the grouped workspace count, member filters and the project-role
distribution, through the SDK."""

import os

import pytest
from plane.errors import HttpError
from plane.models.labels import CreateLabel
from plane.models.query_params import (
    MemberListQueryParams,
    MemberQueryParams,
    PaginatedQueryParams,
    RetrieveQueryParams,
    WorkItemCountQueryParams,
    WorkItemQueryParams,
)
from plane.models.work_items import CreateWorkItem


def test_work_items_expand_state_project_labels_and_assignees(client, slug, project):
    me = client.users.get_me()
    label = client.labels.create(slug, project.id, CreateLabel(name="bug", color="#f00"))
    created = client.work_items.create(
        slug, project.id, CreateWorkItem(name="Expanded", labels=[label.id], assignees=[me.id])
    )
    expand = "state,project,labels,assignees"
    item = client.work_items.retrieve(slug, project.id, created.id, params=RetrieveQueryParams(expand=expand))
    assert item.state.name == "Backlog"
    assert item.project["identifier"] == project.identifier
    assert [lab.name for lab in item.labels] == ["bug"]
    assert [user.email for user in item.assignees] == [me.email]
    listed = client.work_items.list(slug, project.id, params=WorkItemQueryParams(expand=expand))
    assert listed.results[0].state.group == "backlog"
    # The list's `WorkItem` model keeps undeclared keys as they came.
    assert listed.results[0].labels[0]["color"] == "#f00"
    # `fields` comes first: a reference outside the kept fields is not added back.
    slim = client.work_items.list(slug, project.id, params=WorkItemQueryParams(fields="id,name", expand="state"))
    assert slim.results[0].state is None


def test_projects_fields_then_expand(client, slug, project):
    params = PaginatedQueryParams(fields="id,name,identifier", expand="workspace,project_lead")
    listed = client.projects.list(slug, params=params)
    mine = next(p for p in listed.results if p.id == project.id)
    assert mine.identifier == project.identifier
    assert mine.workspace is None, "workspace was not among the fields, so it is not expanded"
    # Names Plane does not expand keep their ids.
    kept = client.projects.list(slug, params=PaginatedQueryParams(expand="estimate,default_state"))
    plain = client.projects.retrieve(slug, project.id)
    assert next(p for p in kept.results if p.id == project.id).default_state == plain.default_state
    states = client.states.list(slug, project.id, params={"fields": "id,name,color", "expand": "project"})
    assert {s.name for s in states.results} >= {"Backlog", "Done"}


def test_count_workspace_grouped(client, slug, project):
    for name, priority in [("one", "urgent"), ("two", "urgent"), ("three", "low")]:
        client.work_items.create(slug, project.id, CreateWorkItem(name=name, priority=priority))
    total = client.work_items.count_workspace(slug, params=WorkItemCountQueryParams())
    assert total.grouped_by is None
    assert total.grouped_counts == {}
    grouped = client.work_items.count_workspace(slug, params=WorkItemCountQueryParams(group_by="project_id"))
    assert grouped.grouped_by == "project_id"
    assert grouped.grouped_counts[project.id].count == 3
    assert grouped.total_count == total.total_count
    nested = client.work_items.count_workspace(
        slug, params=WorkItemCountQueryParams(group_by="project_id", sub_group_by="priority")
    )
    assert nested.sub_grouped_by == "priority"
    entry = nested.grouped_counts[project.id]
    assert entry.count == 3
    assert entry.sub_grouped_counts["urgent"].count == 2
    assert entry.sub_grouped_counts["low"].count == 1


def test_count_workspace_refuses_unknown_groups(client, slug):
    bad = WorkItemCountQueryParams.model_construct(group_by="colour")
    with pytest.raises(HttpError) as error:
        client.work_items.count_workspace(slug, params=bad)
    assert error.value.status_code == 400
    assert "group_by" in error.value.response


def test_member_filters(client, slug):
    owner, member = os.environ["GLIDER_SDK_EMAIL"], os.environ["GLIDER_SDK_MEMBER_EMAIL"]
    admins = client.workspaces.get_members(slug, params=MemberQueryParams(role_slug="owner"))
    assert [m.email for m in admins] == [owner]
    assert admins[0].role == 20
    by_email = client.workspaces.get_members(slug, params=MemberQueryParams(email=member.upper(), is_active=True))
    assert [m.email for m in by_email] == [member]
    assert client.workspaces.get_members(slug, params=MemberQueryParams(is_bot=True)) == []
    lite = client.workspaces.get_members_lite(slug, params=MemberListQueryParams(role_slug="member", per_page=10))
    assert [m.email for m in lite.results] == [member]
    with pytest.raises(HttpError) as error:
        client.workspaces.get_members(slug, params=MemberQueryParams(role_slug="boss"))
    assert error.value.status_code == 400


def test_project_role_distribution(client, slug, project):
    report = client.workspaces.get_project_role_distribution(slug)
    assert [r.slug for r in report.roles] == ["admin", "member", "guest"]
    admin = report.roles[0]
    assert admin.level == 20
    assert admin.is_system is True
    assert admin.membership_count >= 1
    assert report.total_memberships >= admin.membership_count
    assert report.total_distinct_members >= 1
