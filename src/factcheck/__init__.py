"""factcheck: extract dated factual claims from news articles and reconcile them across sources.

    import factcheck
    extracted = factcheck.extract(["seeds/"])
    report, _ = factcheck.conflicts(show_all=True)
"""

import logging

__version__ = "0.1.0"
__all__ = ["extract", "conflicts", "import_claims", "evaluate", "Options", "Claim", "Document", "Group", "Source", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __dir__():
    return sorted(__all__)


def __getattr__(name):
    """Import the API on first use, so that `factcheck --version` does not load pydantic or spaCy."""
    if name in ("extract", "conflicts", "Options"):
        from . import api

        return getattr(api, name)
    if name == "evaluate":
        from .scoring import evaluate

        return evaluate
    if name == "import_claims":
        from .importing import import_claims

        return import_claims
    if name in ("Claim", "Document", "Group", "Source"):
        from . import models

        return getattr(models, name)
    raise AttributeError(name)
