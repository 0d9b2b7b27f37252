"""Plan text made safe to show: the one control-character rule, below every stage.

Plan text is hostile: a task name, an include path or an MS Project field may hold escape
sequences, bidi overrides or line breaks. Every stage that puts such text in a message or an
output asks this module, so there is one rule, and the loader, the importer and the
renderers share it without importing each other:

- `visible`: for a terminal (or any text a person reads), every control character made
  visible: C0 controls as their U+2400 control picture, DEL as U+2421, C1 controls, bidi
  controls and U+2028/U+2029 as ``\\x9b`` / ``\\u202e``;
- `one_line`: `visible`, then every character Python does not call printable (format
  characters such as U+200B, non-ASCII spaces, unassigned code points) as a ``\\u`` escape:
  one line of printable characters, safe in a message, a file name shown or a TOML comment.
"""

from __future__ import annotations

import re

# C0 controls (but none kept), DEL, C1 controls, bidi embeddings/overrides/isolates and
# marks, line/paragraph separators: what can move the cursor, recolour, hide or reorder text.
# Noncharacters (U+FDD0..U+FDEF, U+FFFE, U+FFFF) too: XML forbids some, and none is text.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                     "\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]")
# The same, but tab, LF and CR kept (`visible(..., spaces=True)`: HTML, where they are spaces).
CONTROL_NOT_SPACE = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e"
                               "\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                               "\ufdd0-\ufdef\ufffe\uffff]")


def _escape(c: int) -> str:
    if c <= 0xFF:
        return f"\\x{c:02x}"
    return f"\\u{c:04x}" if c <= 0xFFFF else f"\\U{c:08x}"


def _show(m: re.Match[str]) -> str:
    c = ord(m.group())
    if c < 0x20:
        return chr(0x2400 + c)  # U+2400 CONTROL PICTURES: ESC shows as U+241B
    if c == 0x7F:
        return "\u2421"
    return _escape(c)


def visible(value: object, spaces: bool = False) -> str:
    """Plan text for a terminal: every control character made visible, so a name cannot
    move the cursor, clear the screen, recolour output or reorder it (bidi overrides).

    C0 controls become their U+2400 control picture (ESC is U+241B, LF U+240A), DEL U+2421;
    C1 controls, bidi controls, U+2028/U+2029 and noncharacters (U+FFFE...) are written as
    ``\\x9b`` / ``\\u202e``. With ``spaces`` (HTML, where they are white space), tab, LF
    and CR are kept.

    >>> visible("a\x1b[2Jb\u202e")
    'a␛[2Jb\\\\u202e'
    """
    return (CONTROL_NOT_SPACE if spaces else CONTROL).sub(_show, str(value))


def one_line(value: object) -> str:
    """``value`` as one line of printable characters: `visible`, then what is still not
    printable (U+200B, U+00A0, unassigned code points) as an escape.

    >>> one_line("a\\nb\u200bc")
    'a␊b\\\\u200bc'
    """
    text = visible(value)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape(ord(c)) for c in text)
