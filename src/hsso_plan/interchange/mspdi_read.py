"""Reading an MS Project XML file defensively: the parts of `mspdi.import_project` that face
hostile input.

- the document: at most `MAX_XML_BYTES`, no DOCTYPE (so no entities, internal or external),
  elements nested at most `MAX_XML_DEPTH` deep;
- numbers: a field that is not a finite number is an error naming the element and field;
- ids: every task and resource gets one id, unique and deterministic (ids written in the notes
  first, then generated ones), and every change is listed in the notes;
- text written to comments: one line, printable characters only.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

from ..textsafe import one_line

MAX_XML_BYTES = 64 * 1024 * 1024
MAX_XML_DEPTH = 64
#: Calendar exceptions read, and exception days expanded from them, at most.
MAX_EXCEPTIONS = 5000
MAX_EXCEPTION_DAYS = 40000
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


class MspdiError(ValueError):
    """The file is not an MS Project XML project (or not one this import can read)."""


def parse(data: bytes) -> ET.Element:
    """The document's root element, after the size, DOCTYPE and depth checks."""
    if len(data) > MAX_XML_BYTES:
        raise MspdiError(f"the file is larger than {MAX_XML_BYTES // (1024 * 1024)} MiB")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data or \
            "<!DOCTYPE".encode("utf-16-le") in data or "<!DOCTYPE".encode("utf-16-be") in data:
        raise MspdiError("the file declares a DOCTYPE or entities, which MS Project XML never "
                         "has; remove the <!DOCTYPE ...> declaration")
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    depth, root = 0, None
    chunks = [data[k:k + (1 << 16)] for k in range(0, len(data), 1 << 16)]
    try:
        for chunk in [*chunks, None]:
            if chunk is None:
                parser.close()
            else:
                parser.feed(chunk)
            for event in parser.read_events():
                if not isinstance(event, tuple) or len(event) != 2:
                    continue
                depth += 1 if event[0] == "start" else -1
                root = event[1] if root is None else root
                if depth > MAX_XML_DEPTH:
                    raise MspdiError(f"elements are nested more than {MAX_XML_DEPTH} deep; "
                                     "MS Project XML needs a few levels")
    except ET.ParseError as e:
        raise MspdiError(f"not well-formed XML: {e}") from None
    if not isinstance(root, ET.Element):
        raise MspdiError("not well-formed XML: no element found")
    return root


def number(text: str | None, default: float, what: str) -> float:
    """``text`` as a finite number (``default`` when absent); MspdiError naming ``what``."""
    if text is None or not text.strip():
        return default
    try:
        value = float(text)
    except ValueError:
        raise MspdiError(f"{what} is '{one_line(text)[:40]}', not a number") from None
    if not math.isfinite(value):
        raise MspdiError(f"{what} is '{one_line(text)[:40]}', not a finite number")
    return value


_DURATION = re.compile(r"^-?PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$")


def duration_minutes(text: str | None, what: str) -> float | None:
    """An MSPDI duration (``PT16H0M0S``) in minutes; None when absent or of another form; a
    negative one is an error naming ``what``."""
    if not text:
        return None
    m = _DURATION.match(text.strip())
    if not m:
        return None
    if text.strip().startswith("-"):
        raise MspdiError(f"{what} is negative ({one_line(text)[:40]}); a duration is 0 or more")
    h, mi, s = (float(x) if x else 0.0 for x in m.groups())
    minutes = h * 60 + mi + s / 60
    if not math.isfinite(minutes) or minutes > 1e12:
        raise MspdiError(f"{what} ({one_line(text)[:40]}) is too long")
    return minutes


def integer(text: str | None, default: int, what: str) -> int:
    """``text`` as a whole number (``default`` when absent); MspdiError naming ``what``."""
    value = number(text, default, what)
    if value != int(value) or abs(value) > 10**9:
        raise MspdiError(f"{what} is '{one_line(text or '')[:40]}', not a whole number")
    return int(value)


class Ids:
    """Unique ids for the imported entries of one kind ("task", "resource")."""

    def __init__(self, kind: str, notes: list[str]) -> None:
        self.kind, self.notes = kind, notes
        self.used: set[str] = set()

    def wanted(self, noted: str | None) -> str | None:
        """The id written in an entry's notes, if it is a valid id."""
        return noted if noted is not None and _ID.fullmatch(noted) else None

    def take(self, ident: str, label: str) -> str:
        """``ident``, or ``ident-2``, ``ident-3``... when taken (listed in the notes)."""
        if ident not in self.used:
            self.used.add(ident)
            return ident
        k = 2
        while f"{ident}-{k}" in self.used:
            k += 1
        new = f"{ident}-{k}"
        self.used.add(new)
        self.notes.append(f"{self.kind} {one_line(label)}: id '{ident}' is taken by another "
                          f"{self.kind}; imported as '{new}'")
        return new


def allocate(kind: str, rows: list[tuple[str, str | None, str]],
             notes: list[str]) -> list[str]:
    """One id per row (uid key, id from the notes or None, slug): noted ids first, in row
    order, then generated ``slug-uid`` ids, each made unique (and noted when changed)."""
    ids = Ids(kind, notes)
    out: list[str | None] = [None] * len(rows)
    for k, (uid, noted, _) in enumerate(rows):
        wanted = ids.wanted(noted)
        if wanted is not None:
            out[k] = ids.take(wanted, f"UID {uid}")
        elif noted is not None:
            notes.append(f"{kind} UID {uid}: the id in its notes ('{one_line(noted)[:40]}') "
                         "is not a valid id (letters, digits, - and _); a new id is made")
    for k, (uid, _, slug) in enumerate(rows):
        if out[k] is None:
            out[k] = ids.take(f"{slug}-{uid}", f"UID {uid}")
    return [x for x in out if x is not None]
