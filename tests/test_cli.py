"""The console command, run as a user runs it: a real process, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from storyhelpers import BUNDLED_STORY


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyworld.cli", *args],
        capture_output=True, text=True, timeout=300,
    )


def test_version_and_help():
    assert run_cli("--version").stdout.strip().endswith("0.1.0")
    help_text = run_cli("analyze", "--help").stdout
    assert "--format" in help_text and "json" in help_text


@pytest.mark.parametrize(
    "make_input, expected",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "directory"),
        (lambda d: _write(d / "empty.txt", b""), "empty"),
        (lambda d: _write(d / "blob.txt", bytes(range(256)) * 8), "binary"),
        (lambda d: _write(d / "story.pdf", b"%PDF-1.4"), "unsupported"),
        (lambda d: _write(d / "broken.epub", b"not a zip"), "epub"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, make_input, expected):
    result = run_cli("analyze", str(make_input(tmp_path)))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0].lower()
    assert "Traceback" not in result.stderr


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.integration
def test_analyze_json_to_a_file(tmp_path):
    out = tmp_path / "world.json"
    result = run_cli("analyze", str(BUNDLED_STORY), "--format", "json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text())
    assert data["schema"] == "storyworld/1"
    assert any(c["name"] == "Della" for c in data["characters"])


@pytest.mark.integration
def test_analyze_text_report():
    result = run_cli("analyze", str(BUNDLED_STORY))
    assert result.returncode == 0, result.stderr
    assert "Della" in result.stdout and "Cast" in result.stdout and "Narration" in result.stdout
