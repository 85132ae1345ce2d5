"""coi-nlp: triage of Indonesian complaints about conflicts of interest (benturan kepentingan).

The label contract lives in :mod:`coi_nlp.taxonomy`; the text pipeline in :mod:`coi_nlp.text`.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
