"""The Indonesian text pipeline: small functions, one job each, composed by
:class:`coi_nlp.text.pipeline.IndonesianPreprocessor`.

Order (each step is in its own module):

1. :func:`clean.clean_text` - Unicode NFKC, markup and URLs out, whitespace fixed.
2. :func:`redact.redact_for_model` - reporter data (NIK, NIP, phone, e-mail, plates)
   replaced by placeholder tokens; :func:`redact.redact_text` gives the redacted original
   for storage and display.
3. lower-case, then :func:`money.normalise_money` - amounts replaced by ``xxuang``;
   :func:`money.extract_amounts` returns them in rupiah.
4. :func:`tokenize.tokenize` - spaCy's Indonesian tokenizer (``spacy.blank("id")``).
5. :func:`informal.normalise_informal` - slang and abbreviations, repeated letters.
6. :func:`stopwords.remove_stop_words` - on surface forms, before stemming.
7. :class:`stem.CachedStemmer` - Sastrawi stems, memoised per token, protected terms.

The names below are imported from their step's module on first use
(:func:`coi_nlp.lazy.lazy_exports`): ``import coi_nlp.text.redact`` does not load spaCy and
scikit-learn.
"""

from coi_nlp.lazy import lazy_exports

_SUBMODULE_OF = {
    "IndonesianPreprocessor": "pipeline",
    "clean_text": "clean",
    "extract_amounts": "money",
    "normalise_money": "money",
    "redact_for_model": "redact",
    "redact_text": "redact",
}
__all__ = sorted(_SUBMODULE_OF)
__getattr__, __dir__ = lazy_exports(__name__, _SUBMODULE_OF)
