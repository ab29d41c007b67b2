"""Intake (triage) and work logs (time tracking) through the SDK."""

import datetime

import pytest
from plane.errors import HttpError
from plane.models.intake import CreateIntakeWorkItem, UpdateIntakeWorkItem
from plane.models.projects import ProjectFeature, UpdateProject
from plane.models.query_params import PaginatedQueryParams, RetrieveQueryParams
from plane.models.work_items import CreateWorkItem, WorkItemForIntakeRequest


def test_intake_is_off_until_enabled(client, slug, project):
    with pytest.raises(HttpError) as error:
        client.intake.create(slug, project.id, CreateIntakeWorkItem(issue=WorkItemForIntakeRequest(name="Too early")))
    assert error.value.status_code == 400
    assert client.intake.list(slug, project.id).total_count == 0


def test_intake_lifecycle(client, slug, project):
    client.projects.update_features(slug, project.id, ProjectFeature(intakes=True))
    created = client.intake.create(
        slug,
        project.id,
        CreateIntakeWorkItem(issue=WorkItemForIntakeRequest(name="Crash on save", priority="high", description_html="<p>Steps</p>")),
    )
    assert created.status == -2
    assert created.issue_detail.name == "Crash on save"
    assert created.issue_detail.state.group == "triage"
    # In triage the work item is not listed with the project's work items.
    assert all(item.id != created.issue for item in client.work_items.list(slug, project.id).results)

    listed = client.intake.list(slug, project.id, params=PaginatedQueryParams(per_page=10))
    assert [entry.issue for entry in listed.results] == [created.issue]
    fetched = client.intake.retrieve(slug, project.id, created.issue, params=RetrieveQueryParams(fields="id,issue,status"))
    assert fetched.id == created.id and fetched.status == -2 and fetched.issue_detail is None

    renamed = client.intake.update(
        slug, project.id, created.issue, UpdateIntakeWorkItem(issue=WorkItemForIntakeRequest(name="Crash on save (v2)"))
    )
    assert renamed.issue_detail.name == "Crash on save (v2)"

    snoozed_till = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)).isoformat()
    snoozed = client.intake.update_status(slug, project.id, created.issue, UpdateIntakeWorkItem(status=0, snoozed_till=snoozed_till))
    assert snoozed.status == 0 and snoozed.snoozed_till is not None

    accepted = client.intake.update_status(slug, project.id, created.issue, UpdateIntakeWorkItem(status=1))
    assert accepted.status == 1
    assert accepted.issue_detail.state.group == "backlog"
    assert any(item.id == created.issue for item in client.work_items.list(slug, project.id).results)

    client.intake.delete(slug, project.id, created.issue)
    with pytest.raises(HttpError) as error:
        client.intake.retrieve(slug, project.id, created.issue)
    assert error.value.status_code == 404
    # An accepted request keeps its work item.
    assert client.work_items.retrieve(slug, project.id, created.issue).id == created.issue


def test_intake_duplicates_and_declines(client, slug, project):
    client.projects.update(slug, project.id, UpdateProject(intake_view=True))
    original = client.work_items.create(slug, project.id, CreateWorkItem(name="Original"))
    first = client.intake.create(slug, project.id, CreateIntakeWorkItem(issue=WorkItemForIntakeRequest(name="Same again")))
    marked = client.intake.update_status(slug, project.id, first.issue, UpdateIntakeWorkItem(status=2, duplicate_to=original.id))
    assert marked.status == 2 and marked.duplicate_to == original.id
    second = client.intake.create(slug, project.id, CreateIntakeWorkItem(issue=WorkItemForIntakeRequest(name="Not for us")))
    declined = client.intake.update(slug, project.id, second.issue, UpdateIntakeWorkItem(status=-1))
    assert declined.status == -1
    assert declined.issue_detail.state.group == "cancelled"
    with pytest.raises(HttpError) as error:
        client.intake.update_status(slug, project.id, second.issue, UpdateIntakeWorkItem(status=2))
    assert error.value.status_code == 400
    # Deleting a request that was not accepted deletes its work item too.
    client.intake.delete(slug, project.id, second.issue)
    with pytest.raises(HttpError) as error:
        client.work_items.retrieve(slug, project.id, second.issue)
    assert error.value.status_code == 404


def test_work_logs(client, slug, project):
    # The SDK's work-log methods take plain mappings (its request models are not serialised).
    item = client.work_items.create(slug, project.id, CreateWorkItem(name="Timed"))
    with pytest.raises(HttpError) as error:
        client.work_items.work_logs.create(slug, project.id, item.id, {"duration": 30})
    assert error.value.status_code == 400

    client.projects.update(slug, project.id, UpdateProject(is_time_tracking_enabled=True))
    log = client.work_items.work_logs.create(slug, project.id, item.id, {"duration": 45, "description": "Spike"})
    assert log.duration == 45
    assert log.description == "Spike"
    assert log.logged_by is not None
    client.work_items.work_logs.create(slug, project.id, item.id, {"duration": 15})
    logs = client.work_items.work_logs.list(slug, project.id, item.id)
    assert sorted(entry.duration for entry in logs) == [15, 45]

    updated = client.work_items.work_logs.update(slug, project.id, item.id, log.id, {"duration": 60})
    assert updated.duration == 60

    summary = client.projects.get_worklog_summary(slug, project.id)
    assert [(row.issue_id, row.duration) for row in summary] == [(item.id, 75 * 60)]

    client.work_items.work_logs.delete(slug, project.id, item.id, log.id)
    assert [entry.duration for entry in client.work_items.work_logs.list(slug, project.id, item.id)] == [15]
    with pytest.raises(HttpError) as error:
        client.work_items.work_logs.update(slug, project.id, item.id, log.id, {"duration": 5})
    assert error.value.status_code == 404
