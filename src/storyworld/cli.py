"""Command line: a thin shell over the library. Errors are one line on stderr, exit 2."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from rich.console import Console

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
def analyze(file: Path, output_format: str, output: Path | None) -> None:
    """Analyse one story FILE and print its world."""
    from .analysis import analyze as analyze_file

    status_console = Console(stderr=True)
    with status_console.status(f"Analysing {file.name}...", spinner="dots"):
        world = analyze_file(file)
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
