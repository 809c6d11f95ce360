"""geo-kg: knowledge graphs of geopolitical actors and PLOVER events from news.

    import kg
    nlp = kg.load()            # spaCy pipeline with geo_mentions, geo_actors, plover_events
    doc = nlp(text)
    doc._.events, doc._.mentions, doc.spans["geo_actors"]
"""

__version__ = "0.1.0"


def load(model: str | None = None):
    """The spaCy pipeline with geo-kg's extraction components, loaded once per process.
    `model` names the spaCy pipeline (default: $KG_SPACY_MODEL, else the English small model)."""
    from .nlp import load_pipeline

    return load_pipeline(model)
