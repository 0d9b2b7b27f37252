"""Report labels in English and French, and dates formatted for each (babel, CLDR data).

Ontario's services are bilingual: every label a report prints comes from here (the words
themselves are in `labels`), so a French report has no English label left; names come from
the plan's ``name_fr`` fields where the plan has them. French is Canadian French (``fr_CA``)
set as the federal Translation Bureau's style guide (*Le guide du rédacteur*) does: a no-
break space (U+00A0) before ":" and inside « », a narrow no-break space (U+202F) before ";",
"!" and "?" (`typography`, applied to every label by `t`; `colon` for a label followed by
its value); the first of the month as an ordinal, "1er mars 2017" (`date`, from CLDR's
ordinal rules); numbers grouped as CLDR's fr_CA does, "9 365", decimals "0,26" and "+0,77"
(`number`); percentages "95,0 %" (`percent`); plurals by CLDR's rule (`plural`: "1,5 jour",
"2 jours").
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Literal, cast

from .labels import LABELS

LANGS = ("en", "fr")
LOCALE = {"en": "en_CA", "fr": "fr_CA"}

NBSP, NNBSP = "\u00a0", "\u202f"
#: Compiled on first use (by `re`, which keeps them): only French text needs them.
_BEFORE_COLON = r"[ \u00a0\u202f]*:(?=\s|$)"
_BEFORE_MARK = r"(?<=\S)[ \u00a0\u202f]*([;!?])(?=\s|$)"
_GUILLEMETS = ((r"«[ \u00a0\u202f]*", "«" + NBSP), (r"[ \u00a0\u202f]*»", NBSP + "»"))


def typography(text: str, lang: str) -> str:
    """French punctuation spacing (no-break spaces, so a line never starts with ":"):
    U+00A0 before ":" and inside « », U+202F before ";", "!" and "?"; other languages as
    they are. Only a mark followed by a space or the end counts (not "10:30", not a URL).

    >>> [f"U+{ord(c):04X}" for c in typography("a : b; c!", "fr") if not c.isalnum()]
    ['U+00A0', 'U+003A', 'U+0020', 'U+202F', 'U+003B', 'U+0020', 'U+202F', 'U+0021']
    """
    if lang != "fr":
        return text
    text = re.sub(_BEFORE_COLON, NBSP + ":", text)
    text = re.sub(_BEFORE_MARK, NNBSP + r"\1", text)
    for pattern, repl in _GUILLEMETS:
        text = re.sub(pattern, repl, text)
    return text


def colon(lang: str) -> str:
    """What goes between a label and its value: ``": "``, in French ``"\u00a0: "``."""
    return typography(": ", lang)


def t(key: str, lang: str, **kw: object) -> str:
    """The label ``key`` in ``lang``, with French typography; ``kw`` fill its fields (plan
    text is filled in after the typography, so it is left as the plan wrote it)."""
    text = typography(LABELS[key][lang], lang)
    return text.format(**kw) if kw else text


#: Languages that write the first of the month as an ordinal ("1er mars"), and the suffix.
_ORDINAL_DAY = {"fr": "er"}


def date(d: dt.date | None, lang: str, style: str = "medium") -> str:
    """A date as a reader expects it: ``May 3, 2017`` / ``3 mai 2017``, ``1er mars 2017``
    (the day an ordinal where CLDR's ordinal rule says "one" and the language writes it so).
    """
    if d is None:
        return ""
    return _date(d, lang, style)


@cache
def _date(d: dt.date, lang: str, style: str) -> str:
    from babel import Locale
    from babel.dates import format_date, get_date_format

    locale = LOCALE[lang]
    suffix = _ORDINAL_DAY.get(lang)
    if suffix and style != "short" and Locale.parse(locale).ordinal_form(d.day) == "one":
        pattern = get_date_format(cast("Literal['full', 'long', 'medium']", style),
                                  locale).pattern
        pattern = re.sub(r"(?<![d'])d(?!d)", f"d'{suffix}'", pattern, count=1)
        return str(format_date(d, format=pattern, locale=locale))
    return str(format_date(d, format=style, locale=locale))


def month_label(d: dt.date, lang: str) -> str:
    from babel.dates import format_date

    return str(format_date(d, format="MMM yyyy", locale=LOCALE[lang]))


def tick_label(d: dt.date, unit: str, lang: str, coarse: bool = False) -> str:
    """A Gantt axis label for a tick of ``unit``: a day of the month (day and week ticks), a
    month (``Mar`` / ``mars``), a quarter (``Q1`` / ``T1``), a year; a month tick of the
    coarse row (over days or weeks) says the year too (``Mar 2017``)."""
    from babel.dates import format_date

    if unit == "year":
        return str(d.year)
    if coarse:
        return month_label(d, lang)
    if unit == "quarter":
        return f"{'T' if lang == 'fr' else 'Q'}{(d.month - 1) // 3 + 1}"
    if unit == "month":
        return str(format_date(d, format="LLL", locale=LOCALE[lang]))
    return str(d.day)


def number(n: float, lang: str, digits: int = 0, signed: bool = False) -> str:
    """A number as ``lang`` writes it (CLDR): "9,365" / "9 365" (a no-break space); with
    ``digits`` that many decimals, "0.77" / "0,77"; ``signed`` writes "+" before a positive
    one (a correlation, a slip: "+0,77").

    >>> number(0.774, "fr", 2, signed=True), number(-1.25, "en", 1)
    ('+0,77', '-1.2')
    """
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    if signed:
        pattern = f"+{pattern};-{pattern}"
    return str(format_decimal(n, format=pattern, locale=LOCALE[lang]))


def percent(p: float | None, lang: str, digits: int = 0) -> str:
    """A probability as a percentage in ``lang`` (CLDR's pattern, babel): "87%" / "87 %"
    (a no-break space), with ``digits`` decimals "95.0%" / "95,0 %"; "" for none.

    >>> percent(0.95, "fr", 1) == "95,0\u00a0%", percent(0.874, "en")
    (True, '87%')
    """
    if p is None:
        return ""
    from babel import Locale
    from babel.numbers import format_percent

    locale = LOCALE[lang]
    pattern = str(Locale.parse(locale).percent_formats[None].pattern)
    if digits:
        pattern = re.sub(r"0(?=[^0#]*$)", "0." + "0" * digits, pattern, count=1)
    return str(format_percent(p, format=pattern, locale=locale))


def plural(n: float, lang: str) -> str:
    """``"s"`` when a count of ``n`` takes the plural in ``lang`` (CLDR's rule: French
    "0 tâche", "1,5 jour", "2 jours"; English "1 day", "0 days"), else ``""``."""
    from babel import Locale

    return "" if Locale.parse(LOCALE[lang]).plural_form(abs(n)) == "one" else "s"
