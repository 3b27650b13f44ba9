"""An in-process app (real ASGI stack through httpx) for the API tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.conftest import KB_DIR
from twitchcheck.api.app import create_app
from twitchcheck.api.settings import Settings


@pytest.fixture(scope="session")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(kb_path=KB_DIR))) as c:
        yield c
