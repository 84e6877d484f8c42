"""Finding the data set folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyworld.errors import StoryworldError
from storyworld.evaluation import DatasetsMissing, datasets_root, evaluate_pdnc, load_litbank_document
from storyworld.evaluation.datasets import ENV_VAR, candidate_roots, repository_root, require_datasets_root


def test_environment_variable_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    assert datasets_root() == tmp_path
    assert require_datasets_root() == tmp_path


def test_environment_variable_pointing_nowhere(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    monkeypatch.setenv(ENV_VAR, str(missing))
    assert datasets_root() is None
    with pytest.raises(DatasetsMissing) as caught:
        require_datasets_root()
    message = str(caught.value)
    assert str(missing) in message and ENV_VAR in message and "\n" not in message
    assert isinstance(caught.value, StoryworldError)


def test_default_is_next_to_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    repo = repository_root()
    assert repo is not None and (repo / "pyproject.toml").is_file()
    assert candidate_roots() == [repo.parent / "shared" / "datasets"]


def test_loaders_raise_when_data_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "nope"))
    with pytest.raises(DatasetsMissing):
        load_litbank_document("1023_bleak_house_brat")
    with pytest.raises(DatasetsMissing):
        evaluate_pdnc("test", lambda text: None)  # type: ignore[arg-type, return-value]


def test_explicit_root_argument(tmp_path: Path) -> None:
    assert require_datasets_root(tmp_path) == tmp_path
    with pytest.raises(DatasetsMissing):
        require_datasets_root(tmp_path / "nope")
