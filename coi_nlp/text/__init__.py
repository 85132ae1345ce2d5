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
"""

from coi_nlp.text.clean import clean_text
from coi_nlp.text.money import extract_amounts, normalise_money
from coi_nlp.text.pipeline import IndonesianPreprocessor
from coi_nlp.text.redact import redact_for_model, redact_text

__all__ = [
    "IndonesianPreprocessor",
    "clean_text",
    "extract_amounts",
    "normalise_money",
    "redact_for_model",
    "redact_text",
]
