"""The retraining loop: merge labelled cases into the corpus, audit labels, suggest what to
label next.

* :mod:`coi_nlp.loop.merge` - ``coi-nlp corpus merge``: new corpus version from feedback or
  an analyst's file (validated, redacted, de-duplicated, stable splits, provenance kept).
* :mod:`coi_nlp.loop.audit` - ``coi-nlp corpus audit``: likely label errors and ambiguous
  records from out-of-fold probabilities (and cleanlab when it is installed).
* :mod:`coi_nlp.loop.suggest` - ``coi-nlp suggest``: uncertain and diverse complaints to
  label next.

The names below are imported from their submodule on first use, so ``import
coi_nlp.loop.merge`` does not pay for the model stack (scikit-learn) that audit and suggest
need.
"""

from coi_nlp.lazy import lazy_exports

_SUBMODULE_OF = {
    "MergeResult": "merge",
    "merge_files": "merge",
    "merge_records": "merge",
    "audit_records": "audit",
    "out_of_fold_probabilities": "audit",
    "suggest_records": "suggest",
}
__all__ = sorted(_SUBMODULE_OF)
__getattr__, __dir__ = lazy_exports(__name__, _SUBMODULE_OF)
