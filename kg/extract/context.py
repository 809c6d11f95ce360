"""Per-document state and the settings the rules read.

The resolver and the event coder are shared by every document a pipeline processes (and by
every worker process); what one document teaches them (its main country, the scene of its
places, its quotation marks) lives in an `ActorContext` made for that document and dropped
after it. Confidences and look-back windows are `ActorSettings` / `EventSettings`, filled
from the spaCy component config, so they are set in one place and can be tuned without code.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields

from .doc import token_texts


@dataclass(frozen=True)
class ActorSettings:
    """How far rules look back (in tokens or characters) and how sure each kind of guess is."""

    anaphor_reach: int = 250  # tokens a pronoun or description may look back for its antecedent
    pronoun_window: int = 120  # tokens back in which "he", "it", "they" find the last fitting actor
    definite_window: int = 120  # "the group": the last armed group within this many tokens
    speaker_window: int = 200  # "we": the last collective subject within this many tokens
    title_window: int = 200  # "the secretary": the person last named with the title
    quote_reach: int = 400  # tokens searched for the marks around a quotation
    lead_chars: int = 400  # the headline and first paragraph say where the story is
    lead_weight: int = 3  # ... and names there count this many times
    pronoun_person_confidence: float = 0.6
    pronoun_collective_confidence: float = 0.5
    possessive_pronoun_confidence: float = 0.6  # "Pakistan urged its citizens"
    speaker_confidence: float = 0.4
    definite_confidence: float = 0.5
    surname_confidence: float = 0.8
    ner_confidence: float = 0.6
    unknown_place_confidence: float = 0.5
    gazetteer_place_confidence: float = 0.9
    bare_body_confidence: float = 0.7  # "government forces" with the country from the story
    body_in_state_confidence: float = 0.9  # "security forces in Guinea"
    office_with_country_confidence: float = 0.9  # "the Syrian president"
    office_from_story_confidence: float = 0.6  # "the president", the country from the story
    name_after_title_confidence: float = 0.8  # a name NER missed after a title

    @classmethod
    def from_config(cls, config: dict) -> ActorSettings:
        return cls(**_checked(cls, config))


@dataclass(frozen=True)
class EventSettings:
    """How sure the event coder is of the parties it infers rather than reads."""

    implied_target_confidence: float = 0.4  # a protest aimed at the protesters' own government
    event_anaphor_confidence: float = 0.5  # "Five strikes hit ...": the last striker
    # Calibrated on the development suites (docs/extraction.md, "Confidence"): an event whose
    # recipient was not found was right about one time in twelve, one with a recipient about
    # seven in ten. The trigger and actor were found but not whom the act was aimed at, which
    # more often means a background or generic use ("the threat of attacks") than a relation.
    undirected_factor: float = 0.2

    @classmethod
    def from_config(cls, config: dict) -> EventSettings:
        return cls(**_checked(cls, config))


def _checked(cls, config: dict) -> dict:
    """The config with unknown keys refused: a misspelt setting must not silently do nothing."""
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(config) - known)
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown settings {unknown}; known: {sorted(known)}")
    return dict(config)


def defaults(cls) -> dict:
    """The settings' defaults as a plain dict (the components' default_config)."""
    return {f.name: f.default for f in fields(cls)}


@dataclass
class ActorContext:
    """What resolution has learnt about one document."""

    date: str | None = None  # the article date offices are resolved on
    country: str | None = None  # the document's main country, if one leads
    scene: str | None = None  # the country of the places it names, if one leads
    sole_state: str | None = None  # the only country it names, if one
    straight_quotes: list[int] = field(default_factory=list)  # token indices of '"' marks
    quote_marks: list[int] | None = None  # token indices of every quotation mark (None: not gathered)
    states_in_names: dict[tuple, str | None] = field(default_factory=dict)  # a name's words → the state named in them
    described: dict[str, str] = field(default_factory=dict)  # a person's surname → the state their appositive names
    _word_counts: Counter[str] | None = field(default=None, repr=False)  # counted on first use
    _covered: set[int] | None = field(default=None, repr=False)  # gathered on first use

    def times_written(self, doc, word: str) -> int:
        """How often `word` is written in the document (counted once, and only when asked)."""
        if self._word_counts is None:
            self._word_counts = Counter(token_texts(doc))
        return self._word_counts[word]

    def covered_tokens(self, spans) -> set[int]:
        """The token indices inside the document's gazetteer and NER matches (gathered once,
        and only when asked: gathering them for every title made long documents quadratic)."""
        if self._covered is None:
            self._covered = {i for s in spans for i in range(s.start, s.end)}
        return self._covered
