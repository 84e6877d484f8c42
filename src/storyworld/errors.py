"""Named exceptions. Each message says what went wrong and how to fix it, in one line."""

from __future__ import annotations


class StoryworldError(Exception):
    """Base of every error storyworld raises on purpose; the CLI turns it into one line, exit 2."""


class InputError(StoryworldError):
    """The input file cannot be read as a story."""


class UnsupportedFormatError(InputError):
    """The file's extension or content is not a format storyworld reads."""


class MalformedInputError(InputError):
    """The file claims a format but its content is broken."""


class InputTooLargeError(InputError):
    """The file is larger than the configured size limit."""


class EmptyStoryError(InputError):
    """The file holds no story text once paratext is set apart."""


class ModelMissingError(StoryworldError):
    """A language model that storyworld needs is not installed."""
