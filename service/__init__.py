"""The coi-nlp triage service for intake systems (FastAPI). It only exposes what the
``coi_nlp`` library does; start it with ``coi-nlp serve``."""
