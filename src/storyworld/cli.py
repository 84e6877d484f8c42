"""Command line: a thin shell over the library. Errors are one line on stderr, exit 2."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from . import __version__
from .errors import StoryworldError

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 1


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyworld")
def cli() -> None:
    """storyworld reads fiction and recovers the world it describes.

    Give it a story (.txt, AO3 or FanFiction.net HTML, EPUB) and it returns the cast with
    every alias folded into one person, who says each line and to whom, how the story is
    narrated, and who interacts with whom.
    """


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="text: a readable report; json: the storyworld/1 contract.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
    help="Write the result to this file instead of standard output.",
)
@click.option(
    "--entities", is_flag=True,
    help="Also tag every place, facility, vehicle, organisation and person phrase with the "
    "LitBank-trained entity tagger (JSON key 'entities'; slower).",
)
def analyze(file: Path, output_format: str, output: Path | None, entities: bool) -> None:
    """Analyse one story FILE and print its world."""
    from .analysis import analyze as analyze_file

    status_console = Console(stderr=True)
    with status_console.status(f"Analysing {file.name}...", spinner="dots"):
        world = analyze_file(file, entities=entities)
    if output_format == "json":
        from .export.json import world_to_json

        _emit(world_to_json(world), output)
    else:
        from .export.text import render_world

        if output is None:
            Console().print(render_world(world))
        else:
            with output.open("w", encoding="utf-8") as handle:
                Console(file=handle, width=120, no_color=True).print(render_world(world))


@cli.command(name="eval")
@click.argument("dataset", type=click.Choice(["litbank", "pdnc"]))
@click.option(
    "--split", "part", type=click.Choice(["dev", "test", "train"]), default="dev",
    show_default=True, help="Which fixed split to score (docs/EVALUATION.md).",
)
@click.option(
    "--gold-quotes", is_flag=True,
    help="PDNC only: give the system the gold quote spans, to score speakers alone.",
)
@click.option(
    "--entities", type=click.Choice(["characters", "tagger"]), default="characters", show_default=True,
    help="LitBank only: score entity mentions from the cast (characters) or from the trained "
    "literary entity tagger shipped with storyworld (tagger).",
)
@click.option("--novel", "novels", multiple=True, metavar="NAME", help="PDNC: only this novel (repeatable).")
@click.option("--doc", "docs", multiple=True, metavar="ID", help="LitBank: only this document id (repeatable).")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="text: a table of the headline figures; json: every count.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
    help="Write the result to this file instead of standard output.",
)
def eval_command(
    dataset: str, part: str, gold_quotes: bool, entities: str, novels: tuple[str, ...],
    docs: tuple[str, ...], output_format: str, output: Path | None,
) -> None:
    """Score storyworld on LitBank or PDNC (data from ../shared/datasets or $STORYWORLD_DATASETS)."""
    from .evaluation.run import EvalRequest, check_request, run_evaluation

    if novels and dataset != "pdnc":
        raise click.UsageError("--novel applies to pdnc only (use --doc for litbank)")
    if docs and dataset != "litbank":
        raise click.UsageError("--doc applies to litbank only (use --novel for pdnc)")
    request = EvalRequest(dataset, part, gold_quotes, novels or docs, entities)  # type: ignore[arg-type]
    check_request(request)
    with _progress_bar(f"{dataset} {part}") as progress:
        result = run_evaluation(request, progress=progress)
    if output_format == "json":
        import json

        _emit(json.dumps(result, indent=2), output)
    elif output is None:
        Console().print(_eval_table(result))
    else:
        with output.open("w", encoding="utf-8") as handle:
            Console(file=handle, width=120, no_color=True).print(_eval_table(result))


@contextmanager
def _progress_bar(title: str) -> Iterator[Callable[[int, int, str], None]]:
    """A rich progress bar on stderr, driven by the evaluation's progress callback."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(f"{title}: loading", total=None)

        def report(done: int, total: int, name: str) -> None:
            label = f"{title}: {name}" if name else f"{title}: scoring"
            bar.update(task, completed=done, total=total, description=label)

        yield report


def _eval_table(result: dict[str, Any]) -> Group:
    table = Table()
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in result["headline"].items():
        table.add_row(name, f"{value:.3f}")
    return Group(Text(result["command"], style="bold"), table)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text)
        return
    try:
        output.write_text(text + "\n", encoding="utf-8")
    except OSError as error:
        raise StoryworldError(f"cannot write {output}: {error.strerror}") from error


def main() -> None:
    """Entry point: run the CLI, turning every known failure into one line and exit 2."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        _fail("aborted", EXIT_USER_ERROR)
    except click.ClickException as error:
        _fail(error.format_message(), EXIT_USER_ERROR)
    except StoryworldError as error:
        _fail(str(error), EXIT_USER_ERROR)
    except KeyboardInterrupt:
        _fail("interrupted", EXIT_USER_ERROR)
    except Exception as error:  # noqa: BLE001 - the one place that guards the user from tracebacks
        if os.environ.get("STORYWORLD_DEBUG"):
            raise
        _fail(
            f"internal error: {type(error).__name__}: {error} "
            "(set STORYWORLD_DEBUG=1 to see the traceback)",
            EXIT_INTERNAL_ERROR,
        )


def _fail(message: str, code: int) -> None:
    click.echo(f"storyworld: error: {message}", err=True)
    sys.exit(code)


if __name__ == "__main__":
    main()
