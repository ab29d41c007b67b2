"""Work items and their comments, links, activities and relations through the SDK."""

import pytest
from plane.errors import HttpError
from plane.models.query_params import WorkItemQueryParams
from plane.models.work_items import CreateWorkItem, UpdateWorkItem


def test_work_item_lifecycle(client, slug, project):
    created = client.work_items.create(slug, project.id, CreateWorkItem(name="First", priority="high", description_html="<p>Hello</p>"))
    assert created.sequence_id == 1
    assert created.priority == "high"
    fetched = client.work_items.retrieve(slug, project.id, created.id)
    assert fetched.name == "First"
    by_identifier = client.work_items.retrieve_by_identifier(slug, project.identifier, 1)
    assert by_identifier.id == created.id
    updated = client.work_items.update(slug, project.id, created.id, UpdateWorkItem(name="First, renamed"))
    assert updated.name == "First, renamed"
    listed = client.work_items.list(slug, project.id)
    assert listed.total_count == 1
    client.work_items.delete(slug, project.id, created.id)
    with pytest.raises(HttpError) as error:
        client.work_items.retrieve(slug, project.id, created.id)
    assert error.value.status_code == 404


def test_filters_ordering_and_workspace_lists(client, slug, project):
    for name, priority in [("a", "low"), ("b", "urgent"), ("c", "medium")]:
        client.work_items.create(slug, project.id, CreateWorkItem(name=name, priority=priority))
    urgent = client.work_items.list(slug, project.id, params=WorkItemQueryParams(filters={"priority": "urgent"}))
    assert [i.name for i in urgent.results] == ["b"]
    ordered = client.work_items.list(slug, project.id, params=WorkItemQueryParams(order_by="priority"))
    assert [i.name for i in ordered.results] == ["b", "c", "a"]
    everywhere = client.work_items.list_workspace(slug, params=WorkItemQueryParams(filters={"priority__in": ["low", "medium"]}))
    assert {i.name for i in everywhere.results} >= {"a", "c"}
    hits = client.work_items.search(slug, "b")
    assert any(hit.name == "b" for hit in hits.issues)


def test_expand(client, slug, project):
    created = client.work_items.create(slug, project.id, CreateWorkItem(name="Expanded"))
    from plane.models.query_params import RetrieveQueryParams

    item = client.work_items.retrieve(slug, project.id, created.id, params=RetrieveQueryParams(expand="state,project"))
    assert item.state.name == "Backlog"


def test_comments_links_activities(client, slug, project):
    from plane.models.work_items import CreateWorkItemComment, CreateWorkItemLink

    item = client.work_items.create(slug, project.id, CreateWorkItem(name="Discuss"))
    comment = client.work_items.comments.create(slug, project.id, item.id, CreateWorkItemComment(comment_html="<p>First!</p>"))
    assert client.work_items.comments.retrieve(slug, project.id, item.id, comment.id).comment_html == "<p>First!</p>"
    assert client.work_items.comments.list(slug, project.id, item.id).total_count == 1
    link = client.work_items.links.create(slug, project.id, item.id, CreateWorkItemLink(url="https://example.com/a"))
    assert client.work_items.links.retrieve(slug, project.id, item.id, link.id).url.startswith("https://example.com/a")
    client.work_items.update(slug, project.id, item.id, UpdateWorkItem(priority="urgent"))
    activities = client.work_items.activities.list(slug, project.id, item.id)
    assert [a.field for a in activities.results][-1] == "priority"
    client.work_items.links.delete(slug, project.id, item.id, link.id)
    client.work_items.comments.delete(slug, project.id, item.id, comment.id)


def test_relations(client, slug, project):
    from plane.models.work_items import CreateWorkItemRelation, RemoveWorkItemRelation

    a = client.work_items.create(slug, project.id, CreateWorkItem(name="A"))
    b = client.work_items.create(slug, project.id, CreateWorkItem(name="B"))
    client.work_items.relations.create(slug, project.id, a.id, CreateWorkItemRelation(relation_type="blocking", issues=[b.id]))
    relations = client.work_items.relations.list(slug, project.id, b.id)
    assert relations.blocked_by == [a.id]
    client.work_items.relations.delete(slug, project.id, a.id, RemoveWorkItemRelation(related_issue=b.id))
    assert client.work_items.relations.list(slug, project.id, a.id).blocking == []


def test_archive_counts_and_advanced_search(client, slug, project):
    from plane.models.query_params import WorkItemCountQueryParams
    from plane.models.work_items import AdvancedSearchWorkItem

    done = next(s for s in client.states.list(slug, project.id).results if s.group == "completed")
    item = client.work_items.create(slug, project.id, CreateWorkItem(name="Finished thing", state=done.id))
    client.work_items.archive(slug, project.id, item.id)
    assert [i.id for i in client.work_items.list_archived(slug, project.id).results] == [item.id]
    client.work_items.unarchive(slug, project.id, item.id)
    counted = client.work_items.count_workspace(slug, params=WorkItemCountQueryParams(filters={"state_group": "completed"}))
    assert counted.total_count >= 1
    hits = client.work_items.advanced_search(slug, AdvancedSearchWorkItem(query="Finished", project_id=project.id))
    assert [h.id for h in hits] == [item.id]


def test_comment_and_link_updates_and_activity_detail(client, slug, project):
    from plane.models.work_items import CreateWorkItemComment, CreateWorkItemLink, UpdateWorkItemComment, UpdateWorkItemLink

    item = client.work_items.create(slug, project.id, CreateWorkItem(name="Edited"))
    comment = client.work_items.comments.create(slug, project.id, item.id, CreateWorkItemComment(comment_html="<p>v1</p>"))
    edited = client.work_items.comments.update(slug, project.id, item.id, comment.id, UpdateWorkItemComment(comment_html="<p>v2</p>"))
    assert edited.comment_html == "<p>v2</p>"
    link = client.work_items.links.create(slug, project.id, item.id, CreateWorkItemLink(url="https://example.com/x"))
    retitled = client.work_items.links.update(slug, project.id, item.id, link.id, UpdateWorkItemLink(title="X"))
    assert retitled.title == "X"
    assert client.work_items.links.list(slug, project.id, item.id).total_count == 1
    first = client.work_items.activities.list(slug, project.id, item.id).results[0]
    assert client.work_items.activities.retrieve(slug, project.id, item.id, first.id).verb == "created"
