"""Plain data passed between the stages: articles in, actors and events out."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One news article as read from disk or standard input."""

    id: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str = ""  # file (and line) it came from, for messages


@dataclass(frozen=True)
class Actor:
    """A canonical actor: one per real-world actor, shared by all its mentions."""

    id: str  # stable slug path, becomes the IRI
    label: str
    type: str  # ontology class local name: State, Government, ArmedForces, Person, ...
    code: str | None = None  # ISO-3 or PLOVER non-state code
    sector: str | None = None
    qid: str | None = None
    aliases: tuple[str, ...] = ()
    country: str | None = None  # id of the state actor it belongs to

    @property
    def state_key(self) -> str | None:
        """The gazetteer key of the state it belongs to ("SYR" for country "state/SYR"), or None."""
        return self.country.split("/", 1)[1] if self.country else None


# How a mention refers: these kinds name nobody in their own words (a pronoun, "the group",
# "strikes" standing for who struck, a government implied by a protest), so their text is not
# an alias of the actor.
UNNAMED_KINDS = frozenset({"pronoun", "definite", "event-anaphor", "implied"})


@dataclass(frozen=True)
class Mention:
    """A stretch of article text that refers to an actor."""

    actor: Actor
    start: int  # character offsets in Article.text
    end: int
    text: str
    kind: str = ""  # how it was resolved: "state", "pronoun", "implied", ...

    @property
    def names_actor(self) -> bool:
        """True when the text is a name or description of the actor, not a stand-in."""
        return self.kind not in UNNAMED_KINDS


@dataclass
class Event:
    """Who did what to whom, with where it was said and how sure we are."""

    article_id: str
    category: str  # PLOVER category, e.g. ACCUSE
    predicate: str  # local name of the fine predicate in the ontology, e.g. accuses
    actors: list[Mention]
    recipients: list[Mention] = field(default_factory=list)
    factuality: str = "asserted"  # asserted | negated | future | hypothetical | historical
    confidence: float = 0.5
    trigger: str = ""
    sentence: str = ""
    sentence_start: int = 0
    sentence_end: int = 0
    trigger_start: int = 0  # character offsets of the trigger word in the article
    trigger_end: int = 0
    date: str | None = None
    source: Mention | None = None  # who reported or claimed it
    source_text: str = ""
    place: Mention | None = None
    symmetric: bool = False


@dataclass
class ArticleResult:
    """Everything extracted from one article."""

    article: Article
    mentions: list[Mention]
    events: list[Event]
