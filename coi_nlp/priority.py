"""Priority of a triaged complaint: ``tinggi``, ``sedang`` or ``rendah``, with the reasons.

Rules, in order (thresholds are the constants below):

1. Not a conflict of interest: ``rendah`` - the complaint belongs on the ordinary
   public-service complaint channel. If the model is unsure (``needs_review``) it is
   ``sedang`` instead, so that an officer reads it.
2. A conflict of interest is ``tinggi`` when at least one of these holds (every one that holds
   is given as a reason):

   - an amount of money of at least ``HIGH_AMOUNT`` (Rp 100 juta);
   - an official of seniority ``tinggi`` is named (regional head, head of agency, DPRD
     member, judge ...; see :mod:`coi_nlp.lang.positions`);
   - the labels include ``penegakan_hukum_terpengaruh``;
   - the labels include ``gratifikasi`` together with a decision label
     (``DECISION_LABELS``: a permit, procurement, hiring or policy bought with a gift).
3. Any other conflict of interest is ``sedang``. An amount of at least ``MEDIUM_AMOUNT``
   (Rp 10 juta) and a named official of seniority ``menengah`` are listed as reasons when
   present. A conflict of interest is never ``rendah``.

Every result has at least one reason. For a conflict of interest that the model is unsure
about, "model ragu, perlu dibaca petugas" is added to the reasons (the level is unchanged).
"""

from __future__ import annotations

from collections.abc import Mapping

from coi_nlp.taxonomy import NOT_COI, get_label

__all__ = [
    "LEVELS",
    "HIGH_AMOUNT",
    "MEDIUM_AMOUNT",
    "LAW_ENFORCEMENT_LABEL",
    "GRATIFICATION_LABEL",
    "DECISION_LABELS",
    "REVIEW_REASON",
    "assess_priority",
]

LEVELS = ("tinggi", "sedang", "rendah")

HIGH_AMOUNT = 100_000_000  # rupiah: from this amount a conflict of interest is "tinggi"
MEDIUM_AMOUNT = 10_000_000  # rupiah: from this amount the money is a reason for "sedang"

LAW_ENFORCEMENT_LABEL = "penegakan_hukum_terpengaruh"
GRATIFICATION_LABEL = "gratifikasi"
# Labels for a decision that a gift may have bought.
DECISION_LABELS = ("izin_diskriminatif", "pengadaan_rekanan", "rekrutmen_nepotisme",
                   "kebijakan_berpihak")

REVIEW_REASON = "model ragu, perlu dibaca petugas"
_ORDINARY_CHANNEL_REASON = (
    "bukan benturan kepentingan: teruskan ke kanal pengaduan layanan publik biasa "
    "(SP4N-LAPOR! atau meja pengaduan unit)"
)


def _rupiah(value: int) -> str:
    """1500000 -> "Rp 1.500.000"."""
    return "Rp " + f"{value:,}".replace(",", ".")


def _officials(facts: Mapping, level: str) -> list[str]:
    return [p["teks"] for p in facts.get("pejabat", ()) if p.get("tingkat") == level]


def _amount_reason(facts: Mapping, threshold: int) -> str | None:
    amounts = [a for a in facts.get("jumlah_uang", ()) if a["rupiah"] >= threshold]
    if not amounts:
        return None
    largest = max(amounts, key=lambda a: a["rupiah"])
    at_least = "sekurang-kurangnya " if largest.get("perkiraan") else ""
    return (f"jumlah uang {largest['teks']} ({at_least}{_rupiah(largest['rupiah'])}) "
            f"mencapai {_rupiah(threshold)} atau lebih")


def _high_reasons(labels: list[str], facts: Mapping) -> list[str]:
    reasons = []
    if amount := _amount_reason(facts, HIGH_AMOUNT):
        reasons.append(amount)
    if officials := _officials(facts, "tinggi"):
        reasons.append("pejabat tingkat tinggi disebut: " + ", ".join(officials))
    if LAW_ENFORCEMENT_LABEL in labels:
        reasons.append("penyelidikan, penyidikan atau penuntutan diduga terpengaruh pihak lain")
    decisions = [label for label in labels if label in DECISION_LABELS]
    if GRATIFICATION_LABEL in labels and decisions:
        names = ", ".join(get_label(label).name_id.lower() for label in decisions)
        reasons.append(f"gratifikasi yang terkait keputusan ({names})")
    return reasons


def _medium_reasons(labels: list[str], facts: Mapping) -> list[str]:
    names = ", ".join(get_label(label).name_id.lower() for label in labels if label != NOT_COI)
    reasons = [f"dugaan benturan kepentingan ({names})" if names
               else "dugaan benturan kepentingan"]
    if amount := _amount_reason(facts, MEDIUM_AMOUNT):
        reasons.append(amount)
    if officials := _officials(facts, "menengah"):
        reasons.append("pejabat tingkat menengah disebut: " + ", ".join(officials))
    return reasons


def assess_priority(labels: list[str], is_coi: bool, facts: Mapping,
                    needs_review: bool = False) -> dict:
    """Return the priority of a complaint and the reasons for it, in Bahasa Indonesia.

    Parameters
    ----------
    labels : list of str
        The predicted label codes (see :mod:`coi_nlp.taxonomy`); unknown codes raise
        :class:`~coi_nlp.taxonomy.UnknownLabelError`.
    is_coi : bool
        Whether the complaint is a conflict of interest.
    facts : mapping
        The output of :func:`coi_nlp.facts.extract_facts`; missing keys count as empty.
    needs_review : bool, default False
        The model is unsure and an officer should read the complaint.

    Returns
    -------
    dict
        ``{"tingkat": "tinggi" | "sedang" | "rendah", "alasan": [str, ...]}`` with at least
        one reason.

    Examples
    --------
    >>> facts = {"jumlah_uang": [{"teks": "Rp 150 juta", "rupiah": 150_000_000,
    ...                           "perkiraan": False}]}
    >>> assess_priority(["pengadaan_rekanan"], True, facts)["tingkat"]
    'tinggi'
    >>> assess_priority(["bukan_benturan_kepentingan"], False, {}, needs_review=True)
    {'tingkat': 'sedang', 'alasan': ['model ragu, perlu dibaca petugas']}
    """
    labels = list(labels)
    for label in labels:
        get_label(label)  # raises UnknownLabelError for a code outside the contract
    facts = facts or {}
    if not is_coi:
        if needs_review:
            return {"tingkat": "sedang", "alasan": [REVIEW_REASON]}
        return {"tingkat": "rendah", "alasan": [_ORDINARY_CHANNEL_REASON]}
    reasons = _high_reasons(labels, facts)
    level = "tinggi" if reasons else "sedang"
    if not reasons:
        reasons = _medium_reasons(labels, facts)
    if needs_review:
        reasons.append(REVIEW_REASON)
    return {"tingkat": level, "alasan": reasons}
