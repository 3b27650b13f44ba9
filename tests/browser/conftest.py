"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright, against a live server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import ROOT
from tests.live_server import live_server

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
# Quiet start on a closed network: no background fetches, no component updates.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    # The emergency number follows the operator's country: fixed here so tests know it.
    with live_server({"TWITCHCHECK_COUNTRY": "GB"}) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium (see .ci/run)")
        pytest.skip("Debian chromium is not installed (.ci/run installs it)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture(params=["desktop", "phone"])
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh tab at desktop (1280 px) and at phone width (390 px)."""
    # bypass_csp lets the test inject axe-core; the app's own CSP is checked by the HTTP tests.
    size = PHONE if request.param == "phone" else DESKTOP
    context = browser.new_context(bypass_csp=True, viewport=size)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def strict_page(browser: Browser) -> Iterator[Page]:
    """A desktop tab under the app's own Content-Security-Policy (no injection possible)."""
    context = browser.new_context(viewport=DESKTOP)
    pg = context.new_page()
    yield pg
    context.close()
