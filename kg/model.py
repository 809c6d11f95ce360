"""Plain data passed between the stages: articles in, actors and events out."""

from __future__ import annotations

from dataclasses import dataclass, field

from .extract import ids
from .extract.types import UNNAMED_KINDS, ActorType, Factuality, MentionKind


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
    type: ActorType  # ontology class local name: State, Government, ArmedForces, Person, ...
    code: str | None = None  # ISO-3 or PLOVER non-state code
    sector: str | None = None
    qid: str | None = None
    aliases: tuple[str, ...] = ()
    country: str | None = None  # id of the state actor it belongs to

    def __post_init__(self) -> None:
        # Data files give the type as text: an unknown class fails here, naming the actor.
        if not isinstance(self.type, ActorType):
            try:
                object.__setattr__(self, "type", ActorType(self.type))
            except ValueError:
                raise ValueError(f"actor {self.id!r}: unknown actor type {self.type!r}") from None

    @property
    def state_key(self) -> str | None:
        """The gazetteer key of the state it belongs to ("SYR" for country "state/SYR"), or None."""
        return ids.key_of(self.country) if self.country else None


@dataclass(frozen=True)
class Mention:
    """A stretch of article text that refers to an actor."""

    actor: Actor
    start: int  # character offsets in Article.text
    end: int
    text: str
    kind: MentionKind = MentionKind.UNSPECIFIED  # how it was resolved: state, pronoun, implied, ...

    def __post_init__(self) -> None:
        if not isinstance(self.kind, MentionKind):
            object.__setattr__(self, "kind", MentionKind(self.kind))

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
    factuality: Factuality = Factuality.ASSERTED
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
    cue: str = ""  # the word that set an alleged event's factuality ("reportedly", "believe")

    def __post_init__(self) -> None:
        if not isinstance(self.factuality, Factuality):
            self.factuality = Factuality(self.factuality)


@dataclass
class ArticleResult:
    """Everything extracted from one article."""

    article: Article
    mentions: list[Mention]
    events: list[Event]
