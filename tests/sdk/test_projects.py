"""Users, workspace members, projects and project members through the SDK."""

import os

import pytest
from plane.errors import HttpError
from plane.models.projects import CreateProject, UpdateProject

from conftest import unique_identifier


def test_current_user(client):
    me = client.users.get_me()
    assert me.email == os.environ["GLIDER_SDK_EMAIL"]
    assert me.display_name


def test_workspace_members(client, slug):
    members = client.workspaces.get_members(slug)
    emails = {m.email for m in members}
    assert os.environ["GLIDER_SDK_EMAIL"] in emails
    assert os.environ["GLIDER_SDK_MEMBER_EMAIL"] in emails


def test_project_lifecycle(client, slug):
    identifier = unique_identifier()
    project = client.projects.create(slug, CreateProject(name=f"Life {identifier}", identifier=identifier.lower()))
    assert project.identifier == identifier
    assert client.projects.retrieve(slug, project.id).name == f"Life {identifier}"
    updated = client.projects.update(slug, project.id, UpdateProject(description="Described"))
    assert updated.description == "Described"
    listed = client.projects.list(slug)
    assert any(p.id == project.id for p in listed.results)
    client.projects.archive(slug, project.id)
    assert client.projects.retrieve(slug, project.id).archived_at is not None
    client.projects.unarchive(slug, project.id)
    assert client.projects.retrieve(slug, project.id).archived_at is None
    client.projects.delete(slug, project.id)
    with pytest.raises(HttpError) as error:
        client.projects.retrieve(slug, project.id)
    assert error.value.status_code == 404


def test_duplicate_identifier_is_a_conflict(client, slug, project):
    with pytest.raises(HttpError) as error:
        client.projects.create(slug, CreateProject(name="Another name", identifier=project.identifier))
    assert error.value.status_code == 409


def test_project_members(client, slug, project):
    members = client.projects.get_members(slug, project.id)
    assert [m.email for m in members] == [os.environ["GLIDER_SDK_EMAIL"]]


def test_pagination_envelope(client, slug):
    for _ in range(3):
        identifier = unique_identifier()
        client.projects.create(slug, CreateProject(name=f"Page {identifier}", identifier=identifier))
    from plane.models.query_params import PaginatedQueryParams

    first = client.projects.list(slug, params=PaginatedQueryParams(per_page=2))
    assert first.count == 2
    assert first.next_page_results
    second = client.projects.list(slug, params=PaginatedQueryParams(per_page=2, cursor=first.next_cursor))
    assert second.prev_page_results
    assert {p.id for p in first.results}.isdisjoint({p.id for p in second.results})
