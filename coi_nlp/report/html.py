"""The report page: one self-contained HTML file that prints cleanly to A4.

Everything is inline: the CSS below, the charts as ``data:`` PNG images; there are no
scripts, fonts or other files to fetch, so the report opens on an offline office computer.
The print rules (``@page`` A4 with page numbers, repeated table headers, no figure or table
row split across pages) make the browser's "Print" and the PDF export look the same.

All text goes through :func:`esc` (``html.escape``) unless it is :class:`Markup` built by
the helpers here, so nothing from the data can inject markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from coi_nlp.report.charts import Chart

__all__ = ["Markup", "Section", "esc", "join", "table", "figure", "summary_grid", "note", "badge",
           "lines", "paragraph", "render_page"]


class Markup(str):
    """A string of HTML that is already safe (built by the helpers of this module).

    Adding a plain string to it escapes that string first, so ``Markup + str`` stays safe.
    """

    def __add__(self, other) -> Markup:
        return Markup(str.__add__(self, esc(other)))

    def __radd__(self, other) -> Markup:
        return Markup(str.__add__(esc(other), self))


def esc(value) -> Markup:
    """``value`` as safe HTML: :class:`Markup` is kept, anything else is escaped."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape("" if value is None else str(value), quote=True))


def join(parts: Iterable) -> Markup:
    """Concatenate parts, escaping those that are not :class:`Markup`."""
    return Markup("".join(esc(part) for part in parts))


@dataclass
class Section:
    """One numbered part of a report (listed in the table of contents)."""

    anchor: str
    title: str
    body: Markup


def paragraph(text, css_class: str | None = None) -> Markup:
    attribute = f' class="{esc(css_class)}"' if css_class else ""
    return Markup(f"<p{attribute}>{esc(text)}</p>")


def note(text, kind: str = "info") -> Markup:
    """A boxed note; ``kind`` is ``info`` or ``warning``."""
    return Markup(f'<p class="note note-{esc(kind)}">{esc(text)}</p>')


def lines(items: Iterable) -> Markup:
    """Items on separate lines within one table cell."""
    return Markup("<br>".join(esc(item) for item in items))


def badge(text, kind: str) -> Markup:
    """A small coloured label, e.g. a priority (``kind`` becomes a CSS class)."""
    return Markup(f'<span class="badge badge-{esc(kind)}">{esc(text)}</span>')


def table(headers: Sequence, rows: Iterable[Sequence], table_id: str, numeric: Iterable[int] = (),
          caption: str | None = None, empty: str = "Tidak ada data.",
          nowrap: Iterable[int] = (), compact: bool = False) -> Markup:
    """An HTML table; cells are escaped unless they are :class:`Markup`.

    Parameters
    ----------
    headers : sequence
        Column headings.
    rows : iterable of sequences
        The cells, one sequence per row.
    table_id : str
        ``id`` attribute (tests and links find the table by it).
    numeric : iterable of int
        Columns aligned to the right (numbers).
    nowrap : iterable of int
        Columns never broken over lines (ids, dates).
    caption : str, optional
        A line above the table.
    empty : str
        Shown instead of an empty table.
    compact : bool
        As wide as its content (small tables of numbers) instead of the full width.
    """
    rows = [list(row) for row in rows]
    if not rows:
        return Markup(f'<p class="empty" id="{esc(table_id)}">{esc(empty)}</p>')
    classes = {i: "num" for i in numeric}
    for i in nowrap:
        classes[i] = (classes.get(i, "") + " nowrap").strip()

    def cell(tag: str, index: int, value) -> str:
        css = f' class="{classes[index]}"' if index in classes else ""
        return f"<{tag}{css}>{esc(value)}</{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>"
                   for row in rows)
    title = f"<caption>{esc(caption)}</caption>" if caption else ""
    css = ' class="compact"' if compact else ""
    return Markup(f'<table id="{esc(table_id)}"{css}>{title}<thead><tr>{head}</tr></thead>'
                  f"<tbody>{body}</tbody></table>")


def figure(chart: Chart, number: int) -> Markup:
    """A chart with its number and the caption saying how to read it."""
    return Markup(
        f'<figure><img src="{esc(chart.data_uri)}" alt="{esc(chart.title)}">'
        f"<figcaption><strong>Gambar {number}. {esc(chart.title)}.</strong> "
        f"{esc(chart.caption)}</figcaption></figure>")


def summary_grid(items: Sequence[tuple[str, object]], grid_id: str) -> Markup:
    """Key figures as a grid of small boxes (three per row): ``(label, value)`` pairs."""
    boxes = "".join(f'<div class="kpi"><div class="kpi-value">{esc(value)}</div>'
                    f'<div class="kpi-label">{esc(label)}</div></div>' for label, value in items)
    return Markup(f'<div class="kpis" id="{esc(grid_id)}">{boxes}</div>')


_CSS = """
:root { --ink: #1a1a1a; --muted: #555; --line: #c9cdd2; --head: #0b3d63; --soft: #f2f5f8; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #e9edf1; color: var(--ink);
       font: 10.5pt/1.45 "Segoe UI", "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial,
             sans-serif; }
main { max-width: 980px; margin: 24px auto; padding: 28px 40px 40px; background: #fff;
       box-shadow: 0 1px 4px rgba(0,0,0,.15); }
header.cover { border-bottom: 3px solid var(--head); padding-bottom: 10px; margin-bottom: 14px; }
h1 { font-size: 20pt; margin: 0 0 4px; color: var(--head); }
h2 { font-size: 14pt; margin: 26px 0 8px; color: var(--head);
     border-bottom: 1px solid var(--line); padding-bottom: 3px; }
h3 { font-size: 11.5pt; margin: 18px 0 6px; }
.subtitle { margin: 2px 0; color: var(--muted); }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0 0;
        font-size: 9.5pt; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; overflow-wrap: anywhere; }
nav.toc { background: var(--soft); padding: 8px 14px; margin: 12px 0; font-size: 9.5pt; }
nav.toc ol { margin: 4px 0 0 18px; padding: 0; columns: 2; }
nav.toc a { color: var(--head); text-decoration: none; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 9pt; }
table.compact { width: auto; min-width: 50%; }
caption { text-align: left; font-weight: 600; padding: 2px 0 4px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; vertical-align: top; text-align: left; }
thead th { background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fafbfc; }
figure { margin: 10px 0 16px; }
figure img { display: block; width: 100%; max-width: 180mm; height: auto; margin: 0 auto; }
figcaption { font-size: 9pt; color: var(--muted); margin-top: 4px; }
.kpis { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px;
        margin: 8px 0 14px; }
.kpi { border: 1px solid var(--line); border-left: 4px solid var(--head); padding: 6px 8px; }
.kpi-value { font-size: 14pt; font-weight: 700; }
.kpi-label { font-size: 8.5pt; color: var(--muted); }
.note { padding: 6px 10px; border-left: 4px solid #0072B2; background: #eef5fb; font-size: 9.5pt; }
.note-warning { border-left-color: #D55E00; background: #fdf1e8; }
.empty { color: var(--muted); font-style: italic; }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 8.5pt;
         font-weight: 600; color: #fff; white-space: nowrap; }
.badge-tinggi { background: #D55E00; } .badge-sedang { background: #E69F00; color: #000; }
.badge-rendah { background: #0072B2; } .badge-ya { background: #CC79A7; color: #000; }
.example { border: 1px solid var(--line); padding: 6px 10px; margin: 8px 0; }
.example .text { white-space: pre-wrap; font-size: 9pt; background: var(--soft); padding: 4px 8px;
                 margin: 4px 0; }
.example dl { display: grid; grid-template-columns: max-content 1fr; gap: 1px 10px; margin: 4px 0;
              font-size: 9pt; }
.example dt { color: var(--muted); } .example dd { margin: 0; }
.excerpt { font-size: 8.5pt; color: #333; }
footer { margin-top: 24px; font-size: 8.5pt; color: var(--muted); border-top: 1px solid var(--line);
         padding-top: 6px; }
@page { size: A4; margin: 15mm 13mm 17mm 13mm;
        @bottom-left { content: "coi-nlp"; font-size: 8pt; color: #555; }
        @bottom-right { content: "Halaman " counter(page) " dari " counter(pages);
                        font-size: 8pt; color: #555; } }
@media print {
  body { background: #fff; font-size: 9.5pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  nav.toc { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  h2 { break-before: auto; }
  section.page-break { break-before: page; }
  figure, .example, .kpis, .note, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  figure img { width: auto; max-width: 100%; max-height: 140mm; }
  table { font-size: 8.5pt; }
  a { color: inherit; text-decoration: none; }
}
"""


def render_page(title: str, subtitle: str, meta: Sequence[tuple[str, object]],
                sections: Sequence[Section], footer: str, lang: str = "id") -> str:
    """The whole HTML document.

    Parameters
    ----------
    title, subtitle : str
        Heading of the report.
    meta : sequence of (str, value)
        Facts about the report shown under the title (source, period, date, model ...).
    sections : sequence of Section
        The numbered parts, in order; a table of contents links to them.
    footer : str
        A closing line (how the report was made).
    """
    meta_html = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in meta)
    toc = "".join(f'<li><a href="#{esc(s.anchor)}">{esc(s.title)}</a></li>' for s in sections)
    body = "".join(
        f'<section id="{esc(s.anchor)}"><h2>{number}. {esc(s.title)}</h2>{esc(s.body)}</section>'
        for number, s in enumerate(sections, 1))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,">'
        f"<title>{esc(title)}</title><style>{_CSS}</style></head><body><main>"
        f'<header class="cover"><h1>{esc(title)}</h1><p class="subtitle">{esc(subtitle)}</p>'
        f'<dl class="meta">{meta_html}</dl></header>'
        f'<nav class="toc"><strong>Isi laporan</strong><ol>{toc}</ol></nav>'
        f"{body}<footer>{esc(footer)}</footer></main></body></html>\n")
