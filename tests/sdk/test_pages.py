"""Workspace and project pages through the SDK's `pages` resource."""

import pytest
from plane.errors import HttpError
from plane.models.pages import CreatePage, UpdatePage
from plane.models.query_params import PaginatedQueryParams


def test_workspace_page_lifecycle(client, slug):
    page = client.pages.create_workspace_page(
        slug, CreatePage(name="Handbook", description_html="<p>Hello <script>x()</script><b>team</b></p>")
    )
    assert page.name == "Handbook"
    assert "script" not in page.description_html
    assert page.description_stripped == "Hello team"
    assert page.access == 0 and page.is_locked is False and page.projects == []
    assert client.pages.retrieve_workspace_page(slug, page.id).id == page.id
    listed = client.pages.list_workspace_pages(slug, PaginatedQueryParams(per_page=100))
    assert any(p.id == page.id for p in listed.results)
    updated = client.pages.update_workspace_page(slug, page.id, UpdatePage(name="Handbook v2", is_locked=True))
    assert updated.name == "Handbook v2" and updated.is_locked is True
    with pytest.raises(HttpError) as error:
        client.pages.update_workspace_page(slug, page.id, UpdatePage(name="Edited while locked"))
    assert error.value.status_code == 400
    client.pages.update_workspace_page(slug, page.id, UpdatePage(is_locked=False))
    with pytest.raises(HttpError) as error:
        client.pages.delete_workspace_page(slug, page.id)
    assert error.value.status_code == 400
    client.pages.archive_workspace_page(slug, page.id)
    assert client.pages.retrieve_workspace_page(slug, page.id).archived_at is not None
    client.pages.unarchive_workspace_page(slug, page.id)
    assert client.pages.retrieve_workspace_page(slug, page.id).archived_at is None
    client.pages.archive_workspace_page(slug, page.id)
    client.pages.delete_workspace_page(slug, page.id)
    with pytest.raises(HttpError) as error:
        client.pages.retrieve_workspace_page(slug, page.id)
    assert error.value.status_code == 404


def test_project_page_lifecycle(client, slug, project):
    parent = client.pages.create_project_page(slug, project.id, CreatePage(name="Plan", description_html="<p></p>"))
    child = client.pages.create_project_page(
        slug, project.id, CreatePage(name="Week 1", description_html="<p>Tasks</p>", parent_id=parent.id, access=1)
    )
    assert child.parent_id == parent.id
    assert child.projects == [project.id]
    assert child.access == 1
    archived = client.pages.update_project_page(
        slug, project.id, parent.id, UpdatePage(archived_at="2026-01-02T00:00:00Z")
    )
    assert archived.archived_at is not None
    assert client.pages.retrieve_project_page(slug, project.id, child.id).archived_at is not None
    listed = client.pages.list_project_pages(slug, project.id)
    assert {p.id for p in listed.results} == {parent.id, child.id}
    with pytest.raises(HttpError) as error:
        client.pages.retrieve_workspace_page(slug, child.id)
    assert error.value.status_code == 404
    client.pages.unarchive_project_page(slug, project.id, parent.id)
    assert client.pages.retrieve_project_page(slug, project.id, child.id).archived_at is None
    client.pages.archive_project_page(slug, project.id, child.id)
    client.pages.delete_project_page(slug, project.id, child.id)
    assert [p.id for p in client.pages.list_project_pages(slug, project.id).results] == [parent.id]
