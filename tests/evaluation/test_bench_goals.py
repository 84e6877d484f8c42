"""The Goals section of BENCHMARKS.md reads the figures from the tables it sits above."""

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "run.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_run", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module
    spec.loader.exec_module(module)
    return module


ACCURACY = """## Accuracy

| task | metric | storyworld, rules only | trained models | BookNLP small | BookNLP big | reproduce | note |
|---|---|---:|---:|---:|---:|---|---|
| LitBank entities: PER, proper + common, exact span | F1 | 50.5 | 65.0 | — | — | `x` |  |
| PDNC quote detection | exact F1 | 98.2 | 98.2 | — | — | `x` |  |
"""
SPEED = "## Speed\n\nSpeed ratio (bare time / full time): **0.74** — meets the goal.\n"


def test_goals_show_measured_figures_and_gaps():
    bench = load_bench()
    text = bench.goals_section({"Accuracy": ACCURACY, "Speed": SPEED})
    rows = {line.split("|")[2].strip(): line for line in text.splitlines() if line.startswith("| ")}
    assert "| 88 | 65 | 23.0 |" in rows["LitBank PER F1 (test)"]
    assert "| 95 | 98.2 | met |" in rows["PDNC quote detection exact F1 (test)"]
    assert "| 0.5 | 0.74 | met |" in rows["speed ratio, full analysis / bare spaCy pass"]
    # a figure the tables do not hold is shown as missing, never invented
    assert "| 80 | — | — |" in rows["PDNC speaker accuracy end to end (test)"]
