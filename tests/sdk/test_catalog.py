"""States, labels, estimates, stickies, features and lite lists through the SDK."""

import pytest
from plane.errors import HttpError
from plane.models.estimates import CreateEstimate, CreateEstimatePoint, UpdateEstimatePoint
from plane.models.labels import CreateLabel, UpdateLabel
from plane.models.states import CreateState, UpdateState
from plane.models.stickies import CreateSticky, UpdateSticky


def test_states(client, slug, project):
    created = client.states.create(slug, project.id, CreateState(name="Review", color="#123456", group="started"))
    assert client.states.retrieve(slug, project.id, created.id).group == "started"
    renamed = client.states.update(slug, project.id, created.id, UpdateState(name="In review"))
    assert renamed.name == "In review"
    names = [s.name for s in client.states.list(slug, project.id).results]
    assert names[-1] == "In review" and "Triage" not in names
    client.states.delete(slug, project.id, created.id)
    with pytest.raises(HttpError) as error:
        client.states.create(slug, project.id, CreateState(name="Backlog", color="#000000"))
    assert error.value.status_code == 409


def test_labels(client, slug, project):
    parent = client.labels.create(slug, project.id, CreateLabel(name="area", color="#ff0000"))
    child = client.labels.create(slug, project.id, CreateLabel(name="area/api", parent=parent.id))
    assert client.labels.retrieve(slug, project.id, child.id).parent == parent.id
    assert client.labels.update(slug, project.id, child.id, UpdateLabel(color="#00ff00")).color == "#00ff00"
    assert {l.name for l in client.labels.list(slug, project.id).results} == {"area", "area/api"}
    client.labels.delete(slug, project.id, child.id)
    assert [l.name for l in client.labels.list(slug, project.id).results] == ["area"]


def test_estimates(client, slug, project):
    estimate = client.estimates.create(slug, project.id, CreateEstimate(name="Points", type="points"))
    assert client.estimates.retrieve(slug, project.id).id == estimate.id
    points = client.estimates.create_points(slug, project.id, estimate.id, [CreateEstimatePoint(value="1"), CreateEstimatePoint(value="3")])
    assert sorted(p.value for p in points) == ["1", "3"]
    updated = client.estimates.update_point(slug, project.id, estimate.id, points[0].id, UpdateEstimatePoint(value="2"))
    assert updated.value == "2"
    client.estimates.delete_point(slug, project.id, estimate.id, points[1].id)
    assert [p.value for p in client.estimates.list_points(slug, project.id, estimate.id)] == ["2"]
    client.estimates.delete(slug, project.id)


def test_stickies(client, slug):
    sticky = client.stickies.create(slug, CreateSticky(name="Remember", description_html="<p>milk <script>x</script></p>"))
    assert "script" not in client.stickies.retrieve(slug, sticky.id).description_html
    assert client.stickies.update(slug, sticky.id, UpdateSticky(color="#fff")).color == "#fff"
    assert any(s.id == sticky.id for s in client.stickies.list(slug).results)
    client.stickies.delete(slug, sticky.id)


def test_features_and_lite_lists(client, slug, project):
    features = client.projects.get_features(slug, project.id)
    assert features.cycles is False
    workspace_features = client.workspaces.get_features(slug)
    assert workspace_features is not None
    lite = client.projects.list_lite(slug)
    assert any(p.id == project.id for p in lite.results)
    members = client.workspaces.get_members_lite(slug)
    assert len(members.results) >= 2
    project_members = client.projects.get_members_lite(slug, project.id)
    assert len(project_members.results) == 1
