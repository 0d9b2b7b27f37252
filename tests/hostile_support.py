"""Hostile plan text: names built to break each output's own syntax, as TOML plans.

`HOSTILE_NAMES` groups the names by the output they attack; `hostile_plan` writes them into a
plan (a chain of FS links, every other task in a workstream) that `validate` must accept.
`keyword_plan` is a seeded random plan whose names start with Mermaid keywords.
"""

from __future__ import annotations

import random
import re
import tomllib
from pathlib import Path

HOSTILE_NAMES: dict[str, list[str]] = {
    "mermaid": ["Call centre move", "Click hand-over", "Section 12 notice", "Title deeds",
                "Excludes weekends", "includes saturdays", "dateFormat YYYY", "%% hidden",
                "2017-01-02 kick-off", "todayMarker off", "axisFormat %d", "tickInterval 1day",
                "weekday monday", "weekend friday", "a: b # c ; d, e", "accTitle: x",
                "accDescr { y }", "inclusiveEndDates", "topAxis", "after t1", "``` fence"],
    "tj3": ["ends with a backslash \\", 'quote " and \\" }',
            'x" { } taskreport "pwned" { formats csv columns id } task z "',
            "home $(HOME) macro ${projectstart} $(NOPE_UNSET_VAR)", "new\nline\rcr\ttab"],
    "csv": ['=HYPERLINK("http://evil.example/x","click")', "ok\r=1+1", "ok\n+cmd|' /C calc'!A0",
            "ok\r\n@SUM(1+1)*cmd", "-2+3", "\t=tab first", "fine, with \"quotes\""],
    "markdown": ["![img](http://evil.example/x.png)", "[link](http://evil.example)",
                 "<img src=x onerror=alert(1)>", "`code` *em* _u_ | pipe # hash \\ back",
                 "line\rbreak", "a\u2028b\u2029c\x85d", "&lt;entity&#x3C; &amp;",
                 "<http://evil.example/auto>", "[ref]: http://evil.example", "~~strike~~"],
    "terminal": ["[/x]", "[link=http://evil.example]click[/link]", "a[i] and [bold]b[/bold]",
                 ":x: emoji :smile:", "\x1b[2J\x1b[H0 errors", "\u202eevil\u202c",
                 "\x9bC1 csi", "\x07bell\x7fdel\x08bs", "\u2066isolate\u2069",
                 "\x1b]8;;http://evil.example\x1b\\osc8\x1b]8;;\x1b\\"],
    "xml": ["nul\x00 soh\x01 vt\x0b ff\x0c us\x1f", "nonchars \ufffe \uffff", "]]> &amp; <x>"],
}

MERMAID_KEYWORDS = ["Call", "Click", "Section", "Title", "Excludes", "includes", "dateFormat",
                    "%%", "2017-03-01", "todayMarker", "axisFormat", "tickInterval", "weekday",
                    "weekend", "accTitle:", "accDescr", "inclusiveEndDates", "topAxis",
                    "gantt", "after", "crit", "milestone", "done", "active"]


def toml_str(s: str) -> str:
    """``s`` as a TOML basic string: quote, backslash and every control character escaped."""
    out = []
    for ch in s:
        c = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif c < 0x20 or 0x7F <= c <= 0x9F:
            out.append(f"\\u{c:04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def all_names() -> list[str]:
    return [n for group in HOSTILE_NAMES.values() for n in group]


def plan_text(project: str, names: list[str], start: str = "2017-01-02",
              workstreams: bool = True) -> str:
    """A valid plan: one task per name, each after the one before (FS), every third task a
    milestone, the odd ones in a workstream named like the first name."""
    lines = ["[project]", f"name = {toml_str(project)}", f"start = {start}", ""]
    if workstreams:
        lines += ["[workstream.ws]", f"name = {toml_str(names[0])}", ""]
    for i, name in enumerate(names):
        days = 0 if i % 3 == 2 else 1 + i % 4
        lines += [f"[task.t{i}]", f"name = {toml_str(name)}", f"duration = {days}"]
        if i:
            lines.append(f'depends = ["t{i - 1}"]')
        if workstreams and i % 2:
            lines.append('workstream = "ws"')
        lines.append("")
    return "\n".join(lines)


def hostile_plan() -> str:
    return plan_text("Project [bold]x[/bold] \x1b[31m <b>|</b> ![i](http://e.x/i.png)",
                     all_names())


def keyword_plan(seed: int, n: int = 60) -> tuple[str, int]:
    """A random plan whose names mostly start with Mermaid keywords; (text, task count)."""
    rng = random.Random(seed)
    names = []
    for i in range(n):
        head = rng.choice(MERMAID_KEYWORDS)
        tail = rng.choice(["move", "hand-over", "12 notice", ": x", "# y", "; z", "", "%% c",
                           "2017-01-02", "a, b", "monday"])
        names.append(f"{head} {tail} {i}" if rng.random() < 0.8 else f"Task {i} {tail}")
    return plan_text(f"Random {seed}", names), n


# --- Every free-text field ------------------------------------------------------------------

#: Payloads for `every_field_plan`: each field gets the next one, so every field meets several
#: attacks over the plan (an odd number of them: a name and its name_fr do not always get
#: the same parity); each ends with a tag naming its field (``#owner12``) and
#: `CONTROL_TAIL`, or starts with them when the payload must end the field (a final
#: backslash).
FIELD_PAYLOADS = [
    "=cmd|'/C calc'!A0 </textarea></style><script>alert(1)</script>",
    "Call centre <img src=x onerror=alert(1)> ![i](http://e.x/i.png) [l](http://e.x)",
    "+1\r=2+2\n@x [link=http://e.x]c[/link] [/x] :smile: a[i]",
    "\x1b[2J\x1b[H0 errors \u202eevil\u202c \x9bcsi \x07\x7f",
    'end \\" }} ${projectstart} $(HOME) task x "y" \\',
    "%% Section 12 : a; b, c # d `x` | pipe | \r\n| t |",
    "nul\x00 vt\x0b \ufffe ]]> &amp; <x> --> <!--",
    "-2+3 e\u0301\u0301\u0301 combining Z\u0336\u0336",
    "\t=tab \u2028ls\u2029ps\x85nel",
    "\"><svg onload=alert(1)> ' onmouseover='alert(1)' javascript:alert(1)",
    "Title deeds &#x3C;b&#x3E; &lt;i&gt; <!-- c --> ~~s~~ **b** [x]: http://e.x {{name}}",
]
#: And in every field, after its tag: escape sequences, NUL, a C1 CSI and a bidi override.
CONTROL_TAIL = "\x1b[31m\x00\x9b2J\u202e"
_KEY_LINE = re.compile(r'^(name|name_fr|owner|note) = "(?:[^"\\]|\\.)*"')


def every_field_plan(dest: Path, benign: bool = False) -> Path:
    """The tutorial (plans/tutorial.toml and its sites file) copied into ``dest`` with plan
    text from `FIELD_PAYLOADS` in every free-text field that reaches an output: project,
    resource, workstream, organisation, service, task, site, staff, transfer and risk event
    names and ``name_fr``, and each task's ``owner`` and ``note`` and each progress
    ``note`` (added where the tutorial has none). Template strings are kept (they hold
    ``{name}``): the sites' hostile names reach every generated task through them.
    ``benign``: the same plan with plain words, to compare the shape of each output with."""
    n = 0

    def text(key: str) -> str:
        nonlocal n
        n += 1
        payload = "Plain words here" if benign else FIELD_PAYLOADS[n % len(FIELD_PAYLOADS)]
        tag = f"#{key}{n}" + ("" if benign else CONTROL_TAIL)
        return toml_str(f"{tag} {payload}" if payload.endswith("\\") else f"{payload} {tag}")

    src = Path(__file__).parent.parent / "plans"
    for rel in ("tutorial.toml", "tutorial/sites.toml"):
        lines = (src / rel).read_text(encoding="utf-8").splitlines()
        tables = tomllib.loads("\n".join(lines))
        out, template = [], False
        for line in lines:
            m = _KEY_LINE.match(line)
            if line.startswith("["):
                template = line.startswith("[template.")
                out.append(line)
                kind, _, tid = line.split("]", 1)[0].strip("[").partition(".")
                have = tables.get(kind, {}).get(tid, {})
                extra = {"task": ("owner", "note"), "progress": ("note",)}.get(kind, ())
                out += [f"{k} = {text(k)}" for k in extra if k not in have]
            elif m and not template:
                out.append(f"{m.group(1)} = {text(m.group(1))}")
            else:
                out.append(line)
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / rel).write_text("\n".join(out) + "\n", encoding="utf-8", newline="")
    return dest / "tutorial.toml"
