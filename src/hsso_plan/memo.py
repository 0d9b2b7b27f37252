"""`Memo`: a function's values, each computed on its key's first look-up.

Large plans ask the same few questions many times (100,000 tasks share a few thousand
dates): the date of a working-day index, the rank of a date, a date's ISO text. A `Memo`
answers a repeat with a plain dict look-up, with no Python call, which a closure around a
dict or `functools.cache` cannot."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(dict[K, V]):
    """key -> ``fn(key)``, computed once per key (``memo[key]``)."""

    def __init__(self, fn: Callable[[K], V]) -> None:
        super().__init__()
        self._fn = fn

    def __missing__(self, key: K) -> V:
        v = self[key] = self._fn(key)
        return v
