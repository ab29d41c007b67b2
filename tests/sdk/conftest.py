"""Fixtures for driving a live Glider with Plane's official SDK (see tests/sdk/run)."""

import os
import uuid

import pytest
from plane.client import PlaneClient
from plane.models.projects import CreateProject


@pytest.fixture(scope="session")
def client() -> PlaneClient:
    return PlaneClient(base_url=os.environ["GLIDER_SDK_BASE_URL"], api_key=os.environ["GLIDER_SDK_API_KEY"])


@pytest.fixture(scope="session")
def slug() -> str:
    return os.environ["GLIDER_SDK_WORKSPACE"]


def unique_identifier() -> str:
    return "P" + uuid.uuid4().hex[:6].upper()


@pytest.fixture
def project(client: PlaneClient, slug: str):
    identifier = unique_identifier()
    created = client.projects.create(slug, CreateProject(name=f"Project {identifier}", identifier=identifier))
    yield created
    client.projects.delete(slug, created.id)
