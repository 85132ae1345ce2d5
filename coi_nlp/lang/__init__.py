"""Language data for Indonesian complaints: plain data modules, no logic.

Each module exports UPPER_CASE constants, in the manner of spaCy's ``spacy/lang/id/``:
``slang.SLANG`` (informal word -> standard form), ``stop_words.STOP_WORDS`` and
``stop_words.KEPT_WORDS``, ``protected_terms.PROTECTED_STEMS``, ``numbers.NUMBER_WORDS`` and
``numbers.MULTIPLIERS``. The pipeline code in :mod:`coi_nlp.text` uses them.
"""
