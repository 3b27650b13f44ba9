"""Every command shown in the README runs and succeeds (docs are executable)."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

BIN = Path(sys.executable).parent


def readme_commands() -> list[str]:
    """The `.venv/bin/twitchcheck ...` lines of README.md, with continuations joined."""
    text = (ROOT / "README.md").read_text().replace("\\\n", " ")
    return [
        line.split("#", 1)[0].strip()
        for line in text.splitlines()
        if line.strip().startswith(".venv/bin/twitchcheck")
    ]


def test_readme_shows_commands() -> None:
    assert len(readme_commands()) >= 5
    text = (ROOT / "README.md").read_text()
    assert "make run" in text and "make test" in text
    assert text.index("make run") < text.index("## Use")


@pytest.mark.parametrize("command", readme_commands())
def test_readme_command_succeeds(command: str) -> None:
    argv = shlex.split(command)
    argv[0] = str(BIN / "twitchcheck")
    env = {**os.environ, "COLUMNS": "120"}
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()
