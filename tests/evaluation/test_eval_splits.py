"""The fixed document splits."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyworld.evaluation.splits import LITBANK_LAYERS, PARTS, litbank_dropped_ids, litbank_split, pdnc_split

EXPECTED_LITBANK_SIZES = {
    "entities": (67, 10, 10),
    "coref": (70, 8, 9),
    "quotations": (70, 8, 9),
    "events": (53, 9, 25),
}


@pytest.mark.parametrize("layer", LITBANK_LAYERS)
def test_litbank_parts_are_disjoint_and_cover_the_87_works(layer: str) -> None:
    parts = [litbank_split(layer, part) for part in PARTS]
    assert tuple(len(p) for p in parts) == EXPECTED_LITBANK_SIZES[layer]
    everything = [doc for part in parts for doc in part]
    assert len(everything) == len(set(everything)) == 87
    dropped = {doc for part in PARTS for doc in litbank_dropped_ids(layer, part)}
    assert len(dropped) == 13
    assert not dropped & set(everything)


def test_quotations_follow_the_coref_split() -> None:
    for part in PARTS:
        assert litbank_split("quotations", part) == litbank_split("coref", part)


def test_pdnc_split() -> None:
    parts = [pdnc_split(part) for part in PARTS]
    assert tuple(len(p) for p in parts) == (14, 4, 4)
    assert len({n for p in parts for n in p}) == 22
    assert pdnc_split("test") == [
        "AHandfulOfDust", "OliverTwist", "TheMysteriousAffairAtStyles", "TheSportOfTheGods"
    ]


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        litbank_split("entities", "validation")
    with pytest.raises(ValueError):
        litbank_split("relations", "test")
    with pytest.raises(ValueError):
        pdnc_split("eval")


def _published(datasets: Path, folder: str, part: str) -> list[str]:
    lines = (datasets / "litbank-splits" / folder / f"{part}.ids").read_text().split()
    return [line.removesuffix(".tsv") for line in lines]


@pytest.mark.datasets
@pytest.mark.parametrize(
    ("layer", "folder"),
    [("entities", "entities_naacl2019"), ("coref", "coref_lrec2020_tenfold/0"), ("events", "events_acl2019")],
)
def test_litbank_splits_are_the_published_ones_minus_held_back(datasets: Path, layer: str, folder: str) -> None:
    present = {p.stem for p in (datasets / "litbank" / "coref" / "tsv").glob("*.ann")}
    assert len(present) == 87
    for part in PARTS:
        published = _published(datasets, folder, part)
        assert sorted(litbank_split(layer, part)) == sorted(d for d in published if d in present)
        assert sorted(litbank_dropped_ids(layer, part)) == sorted(d for d in published if d not in present)


@pytest.mark.datasets
def test_pdnc_split_covers_the_novels_present(datasets: Path) -> None:
    present = {p.name for p in (datasets / "pdnc" / "data").iterdir() if p.is_dir()}
    assert {n for part in PARTS for n in pdnc_split(part)} == present
