"""The stylesheet of the HTML outputs (the report, and the risk page that shares its look):
one home, so no HTML renderer imports another for it. Print-friendly; no web fonts, no
network. The Gantt chart adds only its timeline grid, computed per chart (`html_gantt`)."""

CSS = """
:root { --crit: #b00020; --task: #2f6fa7; --ws: #1d3557; --ms: #6a4c93; --grid: #d8dde3;
        --text: #1b1f24; --muted: #59636e; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--text); margin: 0; background: #fff; }
main { max-width: 1280px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.7em; margin: 0 0 4px; }
h2 { font-size: 1.3em; margin: 32px 0 8px; border-bottom: 2px solid var(--grid);
     padding-bottom: 4px; }
.muted { color: var(--muted); }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 12px; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 4px 24px; }
dl.summary dt { font-weight: 600; }
dl.summary dd { margin: 0; }
table { border-collapse: collapse; margin: 8px 0 16px; width: 100%; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border-bottom: 1px solid var(--grid); padding: 4px 8px; text-align: left;
         vertical-align: top; }
th { background: #f3f5f7; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
details.appendix > summary { cursor: pointer; }
details.appendix > summary h2 { display: inline; border: none; }
ul.issues li.bad { color: var(--crit); font-weight: 600; }
#readiness td:first-child, #lookahead td:first-child { white-space: nowrap; }
.rag { font-weight: 700; padding: 1px 8px; border-radius: 3px; border: 2px solid; }
.rag-green { color: #0b6b2f; border-color: #0b6b2f; background: #e6f4ea; }
.rag-amber { color: #7a4b00; border-color: #b36b00; background: #fff4e0; }
.rag-done { color: #444; border-color: #888; background: #f2f2f2; }
.rag-red { color: var(--crit); border-color: var(--crit); background: #fde8eb; }
.bad { color: var(--crit); font-weight: 700; }
.chart { overflow-x: auto; border: 1px solid var(--grid); }
.chart svg { display: block; }
.gbox { --status: #d9480f; --base: #8d99a6; margin: 8px 0; }
.gbox > input { margin-left: 12px; }
.gbox > label.ctl { margin-right: 14px; }
.gscroll { overflow-x: auto; border: 1px solid var(--grid); }
table.gantt { table-layout: fixed; margin: 0; font-size: 13px; line-height: 1.25; }
table.gantt col.cl { width: 30%; }
#gz-week:checked ~ .gscroll col.cl { width: 18em; }
table.gantt th, table.gantt td { padding: 0; border-bottom: 1px solid #eef0f3;
                                 background: none; vertical-align: middle; }
table.gantt th.gl { padding: 2px 6px; font-weight: 400; overflow-wrap: anywhere;
                    position: sticky; left: 0; background: #fff; z-index: 2; }
table.gantt thead th { background: #f3f5f7; vertical-align: bottom; }
table.gantt thead th.gl { font-weight: 600; background: #f3f5f7; }
table.gantt tr.g-ws th.gl { font-weight: 700; }
table.gantt tr.g-crit th.gl { color: var(--crit); font-weight: 700; }
.axes { position: relative; height: 34px; margin: 0 10px; }
.axes.st { height: 48px; }
.axes.st .tk.tc { top: 15px; }
.axis { position: absolute; inset: 0; }
.axis.zoom, #gz-week:checked ~ .gscroll .axis.fit { display: none; }
#gz-week:checked ~ .gscroll .axis.zoom { display: block; }
.tk { position: absolute; white-space: nowrap; font-size: 12px; color: var(--muted);
      padding-left: 3px; border-left: 1px solid var(--grid); }
.tk.tc { top: 0; font-weight: 600; }
.tk.tf { bottom: 0; }
.sflag { position: absolute; top: 0; transform: translateX(-100%); white-space: nowrap;
         font-size: 11px; font-weight: 700; color: var(--status); padding-right: 3px;
         background: #f3f5f7; border-right: 2px solid var(--status); }
.lane { position: relative; height: 20px; margin: 0 10px; }
.lane > span { position: absolute; }
.lane .bar, .lane .ws { top: 4px; height: 12px; border-radius: 2px; background: var(--task);
                        min-width: 2px; overflow: hidden; }
.lane .ws { top: 6px; height: 8px; background: var(--ws); }
.lane .crit { background: var(--crit); outline: 2px solid #5c0010; outline-offset: -1px; }
.lane .pct { position: absolute; left: 0; top: 0; bottom: 0; background: rgb(0 0 0 / 0.38); }
.lane .ms { top: 4px; width: 11px; height: 11px; margin-left: -5.5px; background: var(--ms);
            transform: rotate(45deg); }
.lane .ms.sm { top: 5px; width: 9px; height: 9px; margin-left: -4.5px;
               outline: 1px solid #fff; }
.lane .ms.crit { background: var(--crit); outline: 2px solid #5c0010; }
.tracking .lane .bar.up { top: 2px; height: 10px; }
.tracking .lane .ws.up { top: 3px; height: 7px; }
.tracking .lane .ms.up { top: 2px; width: 10px; height: 10px; margin-left: -5px; }
.lane .bl { top: 14px; height: 4px; background: var(--base); border-radius: 1px;
            min-width: 2px; }
.lane .blm { top: 13px; width: 7px; height: 7px; margin-left: -3.5px; background: var(--base);
             transform: rotate(45deg); }
.gbox input.fold { position: absolute; opacity: 0; width: 1px; height: 1px; }
@supports selector(:has(a)) {
  .gbox tr.g-ws label { cursor: pointer; display: block; padding-left: 1.1em;
                        text-indent: -1.1em; }
  .gbox tr.g-ws label::before { content: "▸ "; display: inline-block; width: 1.1em;
                                text-indent: 0; color: var(--muted); }
  .gbox tr.g-ws:has(input.fold:checked) label::before,
  .gbox:has(#g-all:checked) tr.g-ws label::before { content: "▾ "; }
  .gbox tr.g-ws input.fold:focus-visible + label { outline: 2px solid var(--task); }
}
.gbox, .gbox * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
svg text { font: 12px system-ui, sans-serif; fill: var(--text); }
svg .bar { fill: var(--task); }
svg .ws { fill: var(--ws); }
svg .crit { fill: var(--crit); stroke: #5c0010; stroke-width: 2; }
svg .ms { fill: var(--ms); }
svg .ms.crit { fill: var(--crit); }
svg .grid { stroke: var(--grid); stroke-width: 1; }
svg .dep { stroke: #8a96a3; stroke-width: 1; fill: none; stroke-opacity: 0.6; }
svg .dep.critdep { stroke: var(--crit); stroke-width: 1.5; }
svg .label-crit { font-weight: 700; fill: var(--crit); }
svg .axis { fill: var(--muted); }
.exec h3, #summary > h3 { font-size: 1.05em; margin: 14px 0 4px; }
.exec ul.issues { margin: 0; padding-left: 1.4em; }
@media screen and (min-width: 1000px) {
  .exec { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 32px; }
  .exec > div > h3:first-child { margin-top: 0; }
}
table.brief { font-size: 0.93em; }
table.brief th, table.brief td { padding: 2px 6px; }
table.brief td { overflow-wrap: anywhere; }
table.brief td:first-child { white-space: nowrap; }
.gbox.compact { border: 1px solid var(--grid); }
.gbox.compact .lane { background-image: var(--lanes); }
.gbox.compact table.gantt col.cl { width: 24%; }
details { margin: 4px 0 12px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden;
           clip: rect(0 0 0 0); white-space: nowrap; }
@page { margin: 12mm; }
@page gantt { size: landscape; margin: 10mm; }
@media print {
  body { font-size: 11px; }
  main { max-width: none; padding: 0; }
  nav, .gbox > input, .gbox > .ctl { display: none; }
  .chart, .gscroll { overflow: visible; border: none; }
  #gantt { page: gantt; }
  table.gantt { min-width: 0 !important; font-size: 9.5px; line-height: 1.15; }
  table.gantt col.cl { width: 32% !important; }
  table.gantt th.gl { padding: 1px 4px; }
  .lane { height: 15px; }
  .lane .bar, .tracking .lane .bar.up { top: 2px; height: 9px; }
  .lane .ws, .tracking .lane .ws.up { top: 3px; height: 6px; }
  .lane .ms, .tracking .lane .ms.up { top: 2px; width: 9px; height: 9px; margin-left: -4.5px; }
  .lane .bl { top: 11px; height: 3px; }
  .lane .blm { top: 10px; width: 5px; height: 5px; margin-left: -2.5px; }
  .axis.fit { display: block !important; }
  .axis.zoom { display: none !important; }
  #summary { break-after: page; font-size: 9px; line-height: 1.3; }
  header h1 { font-size: 16px; }
  header p { margin: 0 0 4px; }
  #summary h2 { margin: 6px 0 4px; }
  .exec h3, #summary > h3 { margin: 7px 0 2px; font-size: 10px; }
  dl.summary { gap: 1px 16px; }
  table.brief { font-size: 8.5px; margin: 0; line-height: 1.2; }
  table.brief th, table.brief td { padding: 1px 5px; }
  table.brief .rag { padding: 0 4px; border-width: 1px; }
  .gbox.compact { margin: 0; }
  .gbox.compact table.gantt { font-size: 8px; line-height: 1.1; }
  .gbox.compact table.gantt col.cl { width: 26% !important; }
  .gbox.compact .axes { height: 26px; }
  .gbox.compact .axes.st { height: 36px; }
  .gbox.compact .axes.st .tk.tc { top: 11px; }
  .gbox.compact .tk, .gbox.compact .sflag { font-size: 8px; }
  .gbox.compact .lane { height: 11px; }
  .gbox.compact .lane .bar, .gbox.compact .lane .ws { top: 2px; height: 5px; }
  .gbox.compact .lane .ms { top: 1px; width: 7px; height: 7px; margin-left: -3.5px; }
  .gbox.compact .lane .bl { top: 7.5px; height: 2.5px; }
  .gbox.compact .lane .blm { top: 6.5px; width: 4px; height: 4px; margin-left: -2px; }
  #readiness table { font-size: 9px; line-height: 1.25; }
  #readiness th, #readiness td { padding: 2px 5px; }
  #readiness th:last-child { width: 34%; }
  #readiness td:nth-child(2) { min-width: 12em; }
  tr, .chart svg, dl.summary { break-inside: avoid; }
  thead { display: table-header-group; }
  h2, figcaption { break-after: avoid; }
}
"""

