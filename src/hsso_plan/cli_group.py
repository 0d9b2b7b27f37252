"""The click command a run of `hsso-plan` parses its arguments with: typer's own group of the
app, whose commands are each built when first asked for (the lazy subcommands click
documents), not all of them at every start.

typer turns the whole app into click objects before it parses anything: every parameter
of the 10 commands, their help, choices and defaults, 25 M instructions of a start of
which a run of one command needs one command's 2-4 M. Here typer builds the group (the
root options, completion, help and usage) exactly as it builds the app's, without the
commands; `LazyCommands` holds each command's typer description and asks typer to build
its click command (`typer.main.get_command_from_info`, what the eager group does for each)
on first look-up. The names are known without building anything, so an unknown command
and its did-you-mean are the same; `--help` lists them all, building each, in the order
they were declared.

`typer.main.get_command(app)` (what `typer.testing` and the tests run) gives the eager
group; `tests/test_startup.py` checks that both answer the same.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import TYPE_CHECKING

import typer.main
from typer.models import CommandInfo

if TYPE_CHECKING:
    from typer._click import Command


class LazyCommands(MutableMapping[str, "Command"]):
    """The app's commands by name, in declaration order, each built on first look-up."""

    def __init__(self, app: typer.Typer) -> None:
        self._app = app
        self._commands: dict[str, Command | CommandInfo] = {}
        for info in app.registered_commands:
            assert info.callback is not None
            self._commands[info.name or typer.main.get_command_name(info.callback.__name__)] = info

    def __getitem__(self, name: str) -> Command:
        command = self._commands[name]
        if isinstance(command, CommandInfo):
            command = self._commands[name] = typer.main.get_command_from_info(
                command, pretty_exceptions_short=self._app.pretty_exceptions_short,
                rich_markup_mode=self._app.rich_markup_mode)
        return command

    def __setitem__(self, name: str, command: Command) -> None:
        self._commands[name] = command

    def __delitem__(self, name: str) -> None:
        del self._commands[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._commands)

    def __len__(self) -> int:
        return len(self._commands)

    def __contains__(self, name: object) -> bool:  # without building (Mapping's would)
        return name in self._commands


def lazy_command(app: typer.Typer) -> Command:
    """The click group of ``app`` as `typer.main.get_command` makes it, with its commands
    built when looked up (`LazyCommands`). ``app`` must have a callback (a group)."""
    assert app.registered_callback is not None
    declared = app.registered_commands
    app.registered_commands = []  # typer builds the group alone: root options and help
    try:
        group = typer.main.get_command(app)
    finally:
        app.registered_commands = declared
    assert isinstance(group, typer.core.TyperGroup)
    group.commands = LazyCommands(app)
    return group
