"""Extraction inside the spaCy pipeline: closed sets, the id grammar, Doc extensions and the
registered components (`geo_mentions`, `geo_actors`, `plover_events`).

Kept free of imports so that `kg.model` can use the closed sets without loading spaCy.
"""
