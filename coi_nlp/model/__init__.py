"""The triage model: a multi-label classifier over the 13 codes, its decisions, explanations,
evaluation and artifacts."""

from coi_nlp.model.artifacts import load_model, save_model
from coi_nlp.model.classifier import CoiClassifier

__all__ = ["CoiClassifier", "load_model", "save_model"]
