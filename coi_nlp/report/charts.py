"""The report charts: matplotlib figures rendered to PNG and embedded as ``data:`` URIs.

Figures are made with :class:`matplotlib.figure.Figure` directly (the Agg renderer, no
``pyplot``), so nothing global is changed and no display is needed. Colours come from the
Okabe-Ito palette, which stays distinguishable for the common forms of colour blindness;
heat maps use ``cividis`` (reversed, so that
light means few). Every chart has a title and axis labels; the caption that says
how to read it travels with the :class:`Chart` and is printed under the image.
"""

from __future__ import annotations

import base64
import functools
import io
from dataclasses import dataclass

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from coi_nlp.report.formatting import fmt_decimal, fmt_percent

__all__ = ["OKABE_ITO", "PRIORITY_COLOURS", "HEATMAP_CMAP", "Chart", "figure_to_chart",
           "bar_chart", "stacked_bar_chart", "confusion_heatmap", "reliability_diagram",
           "coverage_chart"]

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
}
PRIORITY_COLOURS = {"tinggi": OKABE_ITO["vermillion"], "sedang": OKABE_ITO["orange"],
                    "rendah": OKABE_ITO["blue"]}
HEATMAP_CMAP = "cividis_r"  # cividis reversed: light = few, dark = many

_DPI = 150
_WIDTH = 7.0  # inches: the printable width of A4 with 14 mm margins is about 7.2 in
_STYLE = {"font.size": 9, "axes.titlesize": 11, "axes.titleweight": "bold",
          "axes.labelsize": 9, "axes.spines.top": False, "axes.spines.right": False}


@dataclass(frozen=True)
class Chart:
    """A rendered chart: what the page needs to show it.

    Attributes
    ----------
    title : str
        Shown in the image and used as the image's ``alt`` text.
    caption : str
        How to read the chart (printed under it).
    data_uri : str
        ``data:image/png;base64,...``
    """

    title: str
    caption: str
    data_uri: str


def _decimal_axis(axis, digits: int = 1) -> None:
    axis.set_major_formatter(FuncFormatter(lambda value, _pos: fmt_decimal(value, digits)))


def _new_figure(height: float) -> Figure:
    return Figure(figsize=(_WIDTH, height), dpi=_DPI, layout="constrained")


def figure_to_chart(figure: Figure, title: str, caption: str) -> Chart:
    """Render ``figure`` as PNG and wrap it in a :class:`Chart`."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI, facecolor="white",
                   metadata={"Software": None})
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return Chart(title, caption, "data:image/png;base64," + encoded)


def _styled(function):
    """Run a chart function with the report's matplotlib style (a local rc_context)."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(_STYLE):
            return function(*args, **kwargs)
    return wrapper


@_styled
def bar_chart(labels: list[str], values: list[int], title: str, value_label: str,
              category_label: str, caption: str, colours: list[str] | None = None,
              horizontal: bool = True) -> Chart:
    """Bars of counts, one per category, with the count written at the end of each bar.

    Parameters
    ----------
    labels, values : list
        Category names and their counts, in the order to show (top to bottom).
    value_label, category_label : str
        Axis labels of the counts and of the categories.
    colours : list of str, optional
        One colour per bar (default: Okabe-Ito blue).
    horizontal : bool
        Horizontal bars (long category names) or vertical ones.
    """
    height = max(2.0, 0.27 * len(labels) + 0.9) if horizontal else 3.2
    figure = _new_figure(height)
    ax = figure.subplots()
    colours = colours or [OKABE_ITO["blue"]] * len(labels)
    positions = np.arange(len(labels))
    top = max(values, default=0) or 1
    if horizontal:
        bars = ax.barh(positions, values, color=colours, height=0.7)
        ax.set_yticks(positions, labels)
        ax.set_ylim(max(len(labels), 4) - 0.5, -0.5)  # top to bottom; thin bars when few
        ax.set_xlabel(value_label)
        ax.set_ylabel(category_label)
        ax.set_xlim(0, top * 1.15)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        bars = ax.bar(positions, values, color=colours)
        ax.set_xticks(positions, labels)
        ax.set_ylabel(value_label)
        ax.set_xlabel(category_label)
        ax.set_ylim(0, top * 1.18)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.bar_label(bars, labels=[str(v) for v in values], padding=2, fontsize=8)
    ax.set_title(title)
    return figure_to_chart(figure, title, caption)


@_styled
def stacked_bar_chart(labels: list[str], series: dict[str, list[int]], colours: dict[str, str],
                      title: str, value_label: str, category_label: str, caption: str) -> Chart:
    """Vertical stacked bars (e.g. complaints per week split into decided / sent to review).

    ``series`` maps a legend entry to one count per category, bottom first.
    """
    figure = _new_figure(3.3)
    ax = figure.subplots()
    positions = np.arange(len(labels))
    bottom = np.zeros(len(labels))
    for name, counts in series.items():
        ax.bar(positions, counts, bottom=bottom, color=colours[name], label=name,
               edgecolor="white", linewidth=0.5)
        bottom += np.asarray(counts, dtype=float)
    for x, total in zip(positions, bottom):
        ax.text(x, total, str(int(total)), ha="center", va="bottom", fontsize=8)
    ax.set_xticks(positions, labels, rotation=30 if len(labels) > 8 else 0,
                  ha="right" if len(labels) > 8 else "center")
    ax.set_ylim(0, (bottom.max() if len(bottom) else 1) * 1.12 or 1)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(category_label)
    ax.set_ylabel(value_label)
    figure.legend(frameon=False, loc="outside lower center", ncols=len(series))
    ax.set_title(title)
    return figure_to_chart(figure, title, caption)


@_styled
def confusion_heatmap(matrix: list[list[int]], row_labels: list[str], title: str,
                      caption: str) -> Chart:
    """Heat map of a confusion matrix; colour is the share of the row, text the count.

    Rows are the true primary labels, columns the predicted ones; both are numbered in
    taxonomy order, and the rows also show the code (``1 gratifikasi``). Empty cells stay
    white (less ink on paper); the colours run from light (few) to dark (many).
    """
    counts = np.asarray(matrix, dtype=float)
    totals = counts.sum(axis=1, keepdims=True)
    shares = np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0)
    n = len(row_labels)
    cmap = matplotlib.colormaps[HEATMAP_CMAP].with_extremes(bad="white")
    figure = _new_figure(5.4)
    ax = figure.subplots()
    image = ax.imshow(np.ma.masked_where(counts == 0, shares), cmap=cmap, vmin=0, vmax=1,
                      aspect="auto")
    for i in range(n):
        for j in range(n):
            if counts[i, j]:
                ax.text(j, i, str(int(counts[i, j])), ha="center", va="center", fontsize=8,
                        color="white" if shares[i, j] > 0.45 else "black",
                        fontweight="bold" if i == j else "normal")
    ax.set_xticks(range(n), [str(i + 1) for i in range(n)])
    ax.set_yticks(range(n), [f"{label} {i + 1}" for i, label in enumerate(row_labels)])
    ax.set_xticks(np.arange(-0.5, n), minor=True)
    ax.set_yticks(np.arange(-0.5, n), minor=True)
    ax.grid(which="minor", color="#d0d0d0", linewidth=0.5)
    ax.tick_params(which="minor", length=0)
    ax.set_xlabel("Label utama prediksi model (nomor = urutan taksonomi, seperti baris)")
    ax.set_ylabel("Label utama sebenarnya")
    bar = figure.colorbar(image, ax=ax, shrink=0.8, pad=0.02)
    bar.set_label("Bagian dari baris (share of the true label)")
    bar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt_percent(v, 0)))
    ax.set_title(title)
    return figure_to_chart(figure, title, caption)


@_styled
def reliability_diagram(curves: dict[str, dict], title: str, caption: str) -> Chart:
    """Reliability (calibration) diagram with a count histogram underneath.

    Parameters
    ----------
    curves : dict
        Legend entry -> the output of :func:`coi_nlp.report.model_report.reliability_bins`:
        ``edges`` (bin edges), ``all_counts`` (count per bin), and ``confidence`` /
        ``observed`` (mean probability and observed frequency of the non-empty bins).
    """
    figure = _new_figure(4.6)
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=(3, 1.2))
    top.plot([0, 1], [0, 1], linestyle="--", color=OKABE_ITO["black"], linewidth=1,
             label="kalibrasi sempurna")
    colours = [OKABE_ITO["blue"], OKABE_ITO["vermillion"], OKABE_ITO["bluish_green"]]
    markers = ["o", "s", "^"]
    width = 0.1 / (len(curves) + 0.5)
    for k, (name, curve) in enumerate(curves.items()):
        top.plot(curve["confidence"], curve["observed"], marker=markers[k % 3],
                 color=colours[k % 3], label=name, linewidth=1.5, markersize=5)
        centres = np.asarray(curve["edges"][:-1]) + 0.05
        present = np.asarray(curve["all_counts"]) > 0
        offset = (k - (len(curves) - 1) / 2) * width
        bottom.bar(centres[present] + offset, np.asarray(curve["all_counts"])[present],
                   width=width, color=colours[k % 3])
    top.set_xlim(0, 1)
    top.set_ylim(0, 1)
    top.set_ylabel("Frekuensi benar teramati")
    figure.legend(*top.get_legend_handles_labels(), frameon=False, loc="outside lower center",
                  ncols=2, fontsize=8)
    _decimal_axis(top.yaxis)
    bottom.set_yscale("log")
    bottom.set_ylabel("Jumlah\n(log)")
    bottom.set_xlabel("Probabilitas yang diberikan model (rata-rata per kelompok 0,1)")
    _decimal_axis(bottom.xaxis)
    top.set_title(title)
    return figure_to_chart(figure, title, caption)


@_styled
def coverage_chart(curves: dict[str, list[dict]], chosen: dict[str, dict], title: str,
                   caption: str) -> Chart:
    """Coverage/accuracy curves of the ``needs_review`` rule, chosen points marked.

    Parameters
    ----------
    curves : dict
        Legend entry -> points ``{"min_top", "coverage", "accuracy"}`` (as made by
        :func:`coi_nlp.model.evaluation.coverage_curve`).
    chosen : dict
        Legend entry -> the point of the policy in use (may be missing for a curve).
    """
    figure = _new_figure(3.6)
    ax = figure.subplots()
    colours = [OKABE_ITO["blue"], OKABE_ITO["vermillion"]]
    markers = ["o", "s"]
    for k, (name, points) in enumerate(curves.items()):
        ax.plot([p["coverage"] for p in points], [p["accuracy"] for p in points],
                marker=markers[k % 2], markersize=3.5, color=colours[k % 2], label=name,
                linewidth=1.5)
        point = chosen.get(name)
        if point:
            ax.plot([point["coverage"]], [point["accuracy"]], marker="*", markersize=15,
                    color=colours[k % 2], markeredgecolor="black", linestyle="none",
                    label=f"kebijakan dipakai (min_top {fmt_decimal(point['min_top'], 2)}): "
                          f"cakupan {fmt_percent(point['coverage'])}, "
                          f"akurasi {fmt_percent(point['accuracy'])}")
    ax.set_xlabel("Cakupan: bagian kasus yang diputuskan tanpa tinjauan petugas")
    ax.set_ylabel("Akurasi label utama (kasus tanpa tinjauan)")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt_percent(v, 0)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt_percent(v, 1)))
    ax.set_xlim(0, 1.02)
    ax.grid(alpha=0.3)
    ax.legend(frameon=False, loc="lower left", fontsize=8)
    ax.set_title(title)
    return figure_to_chart(figure, title, caption)
