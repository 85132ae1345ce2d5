"""Triage: one complaint in, everything an intake officer acts on out.

:class:`Triager` holds a loaded model and combines the library's parts: the classifier's
probabilities and decision, the explanation, key facts, priority and routing with due dates.
"""

from __future__ import annotations

from datetime import date

from coi_nlp.facts import extract_facts
from coi_nlp.inputs import MAX_CHARS, validate_text
from coi_nlp.institution_config import InstitutionConfig
from coi_nlp.model.artifacts import LoadedModel, load_model
from coi_nlp.model.explain import explain_rows
from coi_nlp.priority import assess_priority
from coi_nlp.routing import WorkingCalendar, route

__all__ = ["Triager"]

# Complaints featurised together; smaller than the preprocessing's surface-text memo, so the
# word branch, the character branch and the explanation share one clean-up per complaint.
CHUNK = 256


class Triager:
    """Triage complaints with a loaded model.

    Parameters
    ----------
    model : LoadedModel, optional
        Defaults to the bundled model (:func:`coi_nlp.model.artifacts.load_model`).
    institution : InstitutionConfig, optional
        The institution's routing overrides.
    max_chars : int
        Longest accepted text.
    """

    def __init__(self, model: LoadedModel | None = None,
                 institution: InstitutionConfig | None = None, max_chars: int = MAX_CHARS):
        self.model = model or load_model()
        self.institution = institution
        self.max_chars = max_chars
        self.calendar = (WorkingCalendar.from_config(institution) if institution
                         else WorkingCalendar())

    def triage(self, text: str, received: date | None = None, explain_labels: bool = True
               ) -> dict:
        """Triage one complaint; raises :class:`coi_nlp.errors.InputError` on bad text."""
        return self.triage_many([text], received, explain_labels)[0]

    def triage_many(self, texts: list[str], received: date | None = None,
                    explain_labels: bool = True) -> list[dict]:
        """Triage several complaints at once (features and probabilities in batches)."""
        texts = [validate_text(t, self.max_chars) for t in texts]
        received = received or date.today()
        results = []
        for start in range(0, len(texts), CHUNK):
            results += self._triage_chunk(texts[start:start + CHUNK], received, explain_labels)
        return results

    def _triage_chunk(self, texts: list[str], received: date, explain_labels: bool
                      ) -> list[dict]:
        classifier = self.model.classifier
        matrix = classifier.transform_features(texts)
        probabilities, decisions = classifier.decide_features(matrix)
        explanations = (explain_rows(classifier, texts, matrix.tocsr(),
                                     [d.labels for d in decisions])
                        if explain_labels else [{} for _ in texts])
        results = []
        for i, (text, decision) in enumerate(zip(texts, decisions)):
            facts = extract_facts(text)
            results.append({
                "model_version": self.model.version,
                "labels": decision.labels,
                "primary": decision.primary,
                "probabilities": {code: round(float(p), 4)
                                  for code, p in zip(classifier.classes_, probabilities[i])},
                "is_coi": decision.is_coi,
                "coi_probability": decision.coi_probability,
                "needs_review": decision.needs_review,
                "review_reasons": decision.review_reasons,
                "explanation": explanations[i],
                "key_facts": facts,
                "priority": assess_priority(decision.labels, decision.is_coi, facts,
                                            decision.needs_review),
                "received_at": received.isoformat(),
                "routing": route(decision.labels, received, self.institution, self.calendar),
            })
        return results
