"""The retraining loop: merge labelled cases into the corpus, audit labels, suggest what to
label next.

* :mod:`coi_nlp.loop.merge` - ``coi-nlp corpus merge``: new corpus version from feedback or
  an analyst's file (validated, redacted, de-duplicated, stable splits, provenance kept).
* :mod:`coi_nlp.loop.audit` - ``coi-nlp corpus audit``: likely label errors and ambiguous
  records from out-of-fold probabilities (and cleanlab when it is installed).
* :mod:`coi_nlp.loop.suggest` - ``coi-nlp suggest``: uncertain and diverse complaints to
  label next.
"""

from coi_nlp.loop.audit import audit_records, out_of_fold_probabilities
from coi_nlp.loop.merge import MergeResult, merge_files, merge_records
from coi_nlp.loop.suggest import suggest_records

__all__ = ["MergeResult", "audit_records", "merge_files", "merge_records",
           "out_of_fold_probabilities", "suggest_records"]
