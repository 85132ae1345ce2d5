"""Package attributes imported from their submodule on first use.

A package ``__init__`` that imports its submodules eagerly makes every ``import
coi_nlp.text.redact`` pay for spaCy and scikit-learn (about 2 s), though redaction needs
neither. With :func:`lazy_exports` the package still offers ``from coi_nlp.text import
IndonesianPreprocessor``, but the submodule is imported when the name is first asked for.
"""

from __future__ import annotations

import importlib

__all__ = ["lazy_exports"]


def lazy_exports(package: str, submodule_of: dict[str, str]):
    """``(__getattr__, __dir__)`` for a package whose public names live in submodules.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    submodule_of : dict
        Public name -> the submodule (relative name) that defines it.
    """

    def __getattr__(name: str):
        if name not in submodule_of:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{submodule_of[name]}"), name)

    def __dir__():
        return sorted(set(importlib.import_module(package).__dict__) | set(submodule_of))

    return __getattr__, __dir__
