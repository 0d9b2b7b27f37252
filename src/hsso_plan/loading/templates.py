"""Templates: one checklist instantiated per site with per-site parameters.

A template holds `task`, `staff` and `transfer` entries, written once::

    [template.site.task.email]
    name = "{name}: e-mail integration"
    duration = 10
    depends = ["hsso-operational"]          # a global task: left as it is

    [template.site.task.transfer]
    name = "{name}: CCAC transfers to the LHIN"
    duration = 0
    start_on = "{transfer_date}"             # the whole string is one parameter: keeps its type
    depends = ["email"]                      # a task of the template: becomes "<site>-email"

A site instantiates it::

    [site.nsm]
    template = "site"
    name = "North Simcoe Muskoka"
    transfer_date = 2017-05-03

Every entry ``key`` of the template becomes ``<site>-<key>``. References between entries of the
same template (``depends``, a transfer's ``on``/``readiness``/``staff``, a staff group's
``transfer``) are rewritten the same way; other references are left alone. ``{param}`` is
replaced by the site's value (``{site}`` is the site id; ``{{`` and ``}}`` are literal
braces). Each site is also a workstream (named by its ``name`` parameter) that holds its tasks.

Expanded entries remember where they came from, so a problem in one is reported at the
template's line, naming the site.
"""

from __future__ import annotations

import re
from typing import Any

from ..diagnostics import Diagnostic, KeyPath, did_you_mean
from .loaded import Origin

TEMPLATE_SECTIONS = ("task", "staff", "transfer")
_WHOLE = re.compile(r"\{([A-Za-z0-9_-]+)\}")
_PART = re.compile(r"\{\{|\}\}|\{([A-Za-z0-9_-]+)\}")


def _substitute(value: Any, params: dict[str, Any], path: KeyPath,
                missing: list[tuple[str, KeyPath]]) -> Any:
    if isinstance(value, str):
        m = _WHOLE.fullmatch(value)
        if m:
            if m.group(1) in params:
                return params[m.group(1)]
            missing.append((m.group(1), path))
            return value

        def repl(mm: re.Match[str]) -> str:
            tok = mm.group(0)
            if tok in ("{{", "}}"):
                return tok[0]
            name = mm.group(1)
            if name in params:
                v = params[name]
                return v.isoformat() if hasattr(v, "isoformat") else str(v)
            missing.append((name, path))
            return tok

        return _PART.sub(repl, value)
    if isinstance(value, list):
        return [_substitute(v, params, (*path, i), missing) for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {k: _substitute(v, params, (*path, k), missing) for k, v in value.items()}
    return value


def _local(v: Any, keys: dict[str, Any], site: str) -> Any:
    return f"{site}-{v}" if isinstance(v, str) and v in keys else v


def _rewrite(section: str, entry: dict[str, Any], tpl: dict[str, Any], site: str) -> None:
    """Rewrite references to entries of the same template to their instantiated ids."""
    tasks = tpl.get("task", {}) if isinstance(tpl.get("task"), dict) else {}
    staff = tpl.get("staff", {}) if isinstance(tpl.get("staff"), dict) else {}
    transfers = tpl.get("transfer", {}) if isinstance(tpl.get("transfer"), dict) else {}
    if section == "task" and isinstance(entry.get("depends"), list):
        entry["depends"] = [
            {**d, "task": _local(d["task"], tasks, site)} if isinstance(d, dict) and "task" in d
            else _local(d, tasks, site) for d in entry["depends"]]
    elif section == "transfer":
        entry["on"] = _local(entry.get("on"), tasks, site) if "on" in entry else None
        if entry["on"] is None:
            del entry["on"]
        for key, pool in (("readiness", tasks), ("staff", staff)):
            if isinstance(entry.get(key), list):
                entry[key] = [_local(x, pool, site) for x in entry[key]]
    elif section == "staff" and "transfer" in entry:
        entry["transfer"] = _local(entry["transfer"], transfers, site)


def expand(raw: dict[str, Any], origin: dict[tuple[str, str], Origin],
           diags: list[Diagnostic]) -> None:
    """Instantiate every ``[site.X]`` from its template into ``raw``'s sections, in place."""
    templates = raw.pop("template", {})
    sites = raw.pop("site", {})
    if not isinstance(templates, dict):
        diags.append(Diagnostic("E011", "'template' must be a table of templates",
                                path=("template",)))
        templates = {}
    if not isinstance(sites, dict):
        diags.append(Diagnostic("E011", "'site' must be a table of sites", path=("site",)))
        return
    for tname, tpl in templates.items():
        if not isinstance(tpl, dict):
            diags.append(Diagnostic("E011", f"template '{tname}' must be a table",
                                    path=("template", tname)))
            continue
        diags.extend(
            Diagnostic("E010", f"unknown key '{key}' in template '{tname}'",
                       path=("template", tname, key),
                       hint=did_you_mean(key, list(TEMPLATE_SECTIONS))
                       or "a template holds task, staff and transfer entries")
            for key in tpl if key not in (*TEMPLATE_SECTIONS, "name", "source"))
    for sid, site in sites.items():
        if not isinstance(site, dict):
            diags.append(Diagnostic("E011", f"site '{sid}' must be a table",
                                    path=("site", sid)))
            continue
        tname = site.get("template")
        if not isinstance(tname, str) or tname not in templates:
            diags.append(Diagnostic(
                "E050", f"site '{sid}' uses unknown template '{tname}'" if tname is not None
                else f"site '{sid}' names no template",
                path=("site", sid, "template") if tname is not None else ("site", sid),
                hint=did_you_mean(str(tname), list(templates))
                or 'add template = "ID" naming a [template.ID]'))
            continue
        tpl = templates[tname]
        if not isinstance(tpl, dict):
            continue
        params = {k: v for k, v in site.items() if k != "template"}
        params.setdefault("site", sid)
        torigin = origin.get(("template", tname), Origin(0, ("template", tname)))
        ws = raw.setdefault("workstream", {})
        if isinstance(ws, dict) and sid not in ws:
            ws[sid] = {"name": params["name"] if isinstance(params.get("name"), str) else sid}
            if isinstance(params.get("name_fr"), str):
                ws[sid]["name_fr"] = params["name_fr"]
            origin[("workstream", sid)] = origin.get(("site", sid), Origin(0, ("site", sid)))
        for section in TEMPLATE_SECTIONS:
            entries = tpl.get(section, {})
            if not isinstance(entries, dict):
                continue
            target = raw.setdefault(section, {})
            if not isinstance(target, dict):
                continue
            for key, entry in entries.items():
                tpath: KeyPath = (*torigin.path, section, key)
                missing: list[tuple[str, KeyPath]] = []
                inst = _substitute(entry, params, tpath, missing)
                for name, p in missing:
                    diags.append(Diagnostic(
                        "E051", f"template '{tname}' uses parameter '{name}', which site "
                        f"'{sid}' does not set", path=p, hint=f"add {name} = ... to [site.{sid}]",
                        ).located_in(torigin.file))
                new_id = f"{sid}-{key}"
                if isinstance(inst, dict):
                    _rewrite(section, inst, tpl, sid)
                    if section == "task" and "workstream" not in inst:
                        inst["workstream"] = sid
                if new_id in target:
                    diags.append(Diagnostic(
                        "E015", f"site '{sid}' creates {section} '{new_id}', which is already "
                        "defined", path=(section, new_id),
                        hint="rename the site or the existing entry"))
                    continue
                target[new_id] = inst
                origin[(section, new_id)] = Origin(torigin.file, tpath, sid, tname)
