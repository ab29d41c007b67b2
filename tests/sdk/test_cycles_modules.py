"""Cycles and modules through the SDK: every call parses, with Glider's answers."""

from datetime import date, timedelta

import pytest
from plane.errors import HttpError
from plane.models.cycles import CreateCycle, TransferCycleWorkItemsRequest, UpdateCycle
from plane.models.modules import CreateModule, UpdateModule
from plane.models.projects import ProjectFeature, UpdateProject
from plane.models.query_params import CycleListQueryParams, CycleLiteListQueryParams, LiteListQueryParams, WorkItemQueryParams
from plane.models.work_items import CreateWorkItem, UpdateWorkItem


def day(offset: int) -> str:
    return (date.today() + timedelta(days=offset)).isoformat()


@pytest.fixture
def me(client):
    return client.users.get_me()


def test_features_are_needed(client, slug, project, me):
    with pytest.raises(HttpError) as error:
        client.cycles.create(slug, project.id, CreateCycle(name="Off", owned_by=me.id, project_id=project.id))
    assert error.value.status_code == 400
    features = client.projects.update_features(slug, project.id, ProjectFeature(cycles=True, modules=True))
    assert features.cycles and features.modules
    client.cycles.create(slug, project.id, CreateCycle(name="On", owned_by=me.id, project_id=project.id))


def test_cycle_lifecycle(client, slug, project, me):
    client.projects.update(slug, project.id, UpdateProject(cycle_view=True))
    current = client.cycles.create(
        slug, project.id, CreateCycle(name="Now", owned_by=me.id, project_id=project.id, start_date=day(-1), end_date=day(6))
    )
    assert current.id and current.owned_by == me.id and current.end_date.startswith(day(6))
    upcoming = client.cycles.create(
        slug, project.id, CreateCycle(name="Next", owned_by=me.id, project_id=project.id, start_date=day(10), end_date=day(20))
    )
    assert client.cycles.retrieve(slug, project.id, current.id).total_issues == 0
    updated = client.cycles.update(slug, project.id, current.id, UpdateCycle(description="Goals"))
    assert updated.description == "Goals" and updated.id == current.id

    listed = client.cycles.list(slug, project.id)
    assert listed.total_count == 2
    by_status = client.cycles.list(slug, project.id, CycleListQueryParams(status="current"))
    assert [c.id for c in by_status.results] == [current.id]
    bare = client.cycles.list(slug, project.id, {"cycle_view": "current"})
    assert [c.id for c in bare] == [current.id]
    upcoming_only = client.cycles.list(slug, project.id, CycleListQueryParams(status="upcoming"))
    assert [c.id for c in upcoming_only.results] == [upcoming.id]
    lite = client.cycles.list_lite(slug, project.id, CycleLiteListQueryParams(order_by="name", status="incomplete"))
    assert [c.name for c in lite.results] == ["Next", "Now"]

    items = [client.work_items.create(slug, project.id, CreateWorkItem(name=name)) for name in ["a", "b", "c"]]
    assert client.cycles.add_work_items(slug, project.id, current.id, [i.id for i in items]) is not None
    in_cycle = client.cycles.list_work_items(slug, project.id, current.id, WorkItemQueryParams(order_by="sequence_id"))
    assert [i.name for i in in_cycle.results] == ["a", "b", "c"]
    client.cycles.remove_work_item(slug, project.id, current.id, items[2].id)
    assert client.cycles.retrieve(slug, project.id, current.id).total_issues == 2
    filtered = client.work_items.list(slug, project.id, params=WorkItemQueryParams(filters={"cycle_id": current.id}))
    assert filtered.total_count == 2

    # Finish the cycle, move its open work to the next one, archive it.
    states = client.states.list(slug, project.id).results
    done = next(s for s in states if s.group == "completed")
    client.work_items.update(slug, project.id, items[0].id, UpdateWorkItem(state=done.id))
    client.cycles.update(slug, project.id, current.id, UpdateCycle(start_date=day(-10), end_date=day(-2)))
    client.cycles.transfer_work_items(slug, project.id, current.id, TransferCycleWorkItemsRequest(new_cycle_id=upcoming.id))
    moved = client.cycles.list_work_items(slug, project.id, upcoming.id)
    assert [i.name for i in moved.results] == ["b"]
    finished = client.cycles.retrieve(slug, project.id, current.id)
    assert finished.progress_snapshot["total_issues"] == 2
    assert client.cycles.archive(slug, project.id, current.id) is True
    archived = client.cycles.list_archived(slug, project.id)
    assert [c.id for c in archived.results] == [current.id]
    with pytest.raises(HttpError) as error:
        client.cycles.retrieve(slug, project.id, current.id)
    assert error.value.status_code == 404
    assert client.cycles.unarchive(slug, project.id, current.id) is True
    client.cycles.delete(slug, project.id, current.id)
    assert client.cycles.list(slug, project.id).total_count == 1
    assert client.projects.retrieve(slug, project.id).total_cycles == 1


def test_module_lifecycle(client, slug, project, me):
    client.projects.update(slug, project.id, UpdateProject(module_view=True))
    billing = client.modules.create(
        slug, project.id, CreateModule(name="Billing", status="in-progress", lead=me.id, members=[me.id], start_date=day(0), target_date=day(30))
    )
    assert billing.status == "in-progress" and billing.lead == me.id
    search = client.modules.create(slug, project.id, CreateModule(name="Search"))
    with pytest.raises(HttpError) as error:
        client.modules.create(slug, project.id, CreateModule(name="Billing"))
    assert error.value.status_code == 400
    updated = client.modules.update(slug, project.id, billing.id, UpdateModule(description="Invoices", status="completed"))
    assert updated.id == billing.id and updated.description == "Invoices" and updated.name == "Billing"
    assert client.modules.retrieve(slug, project.id, billing.id).status == "completed"
    assert client.modules.list(slug, project.id).total_count == 2
    lite = client.modules.list_lite(slug, project.id, LiteListQueryParams(order_by="name"))
    assert [m.name for m in lite.results] == ["Billing", "Search"]

    items = [client.work_items.create(slug, project.id, CreateWorkItem(name=name)) for name in ["x", "y"]]
    client.modules.add_work_items(slug, project.id, billing.id, [i.id for i in items])
    client.modules.add_work_items(slug, project.id, search.id, [items[0].id])
    in_billing = client.modules.list_work_items(slug, project.id, billing.id)
    assert {i.name for i in in_billing.results} == {"x", "y"}
    client.modules.remove_work_item(slug, project.id, billing.id, items[1].id)
    assert client.modules.retrieve(slug, project.id, billing.id).total_issues == 1
    in_search = client.work_items.list(slug, project.id, params=WorkItemQueryParams(filters={"module_id": search.id}))
    assert [i.name for i in in_search.results] == ["x"]

    client.modules.archive(slug, project.id, billing.id)
    assert [m.id for m in client.modules.list_archived(slug, project.id).results] == [billing.id]
    client.modules.unarchive(slug, project.id, billing.id)
    client.modules.delete(slug, project.id, search.id)
    assert [m.id for m in client.modules.list(slug, project.id).results] == [billing.id]
    assert client.projects.retrieve(slug, project.id).total_modules == 1
