"""Corpus tools: read labelled files, validate them, describe them, assign splits."""

from coi_nlp.corpus.records import Record, RecordError, read_records, read_records_lenient

__all__ = ["Record", "RecordError", "read_records", "read_records_lenient"]
