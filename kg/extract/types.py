"""The closed sets extraction speaks in, as string enums.

They are `StrEnum`s so they serialise as the plain strings the outputs have always carried
(PLOVER JSONL, Turtle literals) while code compares members, not spelled-out strings: a typo is
an AttributeError at import, not a rule that silently never fires.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class MentionKind(StrEnum):
    """How a stretch of text came to name an actor.

    The first ten are gazetteer phrase kinds (what a dictionary phrase names); the others are
    how resolution produced a mention."""

    STATE = "state"
    DEMONYM = "demonym"
    METONYM = "metonym"
    ORG = "org"
    PERSON = "person"
    REGION = "region"
    TITLE = "title"
    BODY = "body"
    PEOPLE = "people"
    PLACE = "place"
    NER = "ner"  # spaCy's entity recogniser named what the gazetteer lacks
    COMPOSED_PERSON = "composed-person"  # title + name, or an office resolved on the date
    SURNAME = "surname"
    PRONOUN = "pronoun"
    DEFINITE = "definite"  # "the group", "the secretary"
    EVENT_ANAPHOR = "event-anaphor"  # "strikes" standing for who struck
    IMPLIED = "implied"  # a party the text implies but does not name
    UNSPECIFIED = ""


# These kinds name nobody in their own words, so their text is never an alias of the actor.
UNNAMED_KINDS = frozenset({MentionKind.PRONOUN, MentionKind.DEFINITE, MentionKind.EVENT_ANAPHOR,
                           MentionKind.IMPLIED})


class Factuality(StrEnum):
    """Whether an event happened as told (PLOVER's auxiliary modes, plus 'asserted')."""

    ASSERTED = "asserted"
    NEGATED = "negated"
    FUTURE = "future"
    HYPOTHETICAL = "hypothetical"
    HISTORICAL = "historical"
    ALLEGED = "alleged"  # told with a hedge: "is thought to have bombed", "reportedly attacked"


class Cause(StrEnum):
    """What in the parse set an event's factuality; `Modality.head` names the governing word
    for the two *_HEAD causes ("threatened to strike": HYPOTHETICAL_HEAD, head "threaten")."""

    NONE = ""
    NEGATION = "neg"  # "did not", "no", "never" on the trigger or a verb governing it
    NEGATING_HEAD = "negating-head"  # "refused to", "failed to"
    IN_CONDITION = "in-condition"  # the event is itself the condition ("if X attacks")
    UNLESS = "unless"  # "will withdraw unless ...": a threat
    CONDITION = "condition"  # "would meet if ..."
    AUX = "aux"  # a modal or future auxiliary ("would", "will", "may")
    CONTINUES = "continues"  # "will continue to": what goes on now
    PURPOSE = "purpose"  # "strikes to defeat ISIL": the aim of an act
    HYPOTHETICAL_HEAD = "hypothetical-head"  # "threatened to", "wants to"
    FUTURE_HEAD = "future-head"  # "plans to", "vowed to"
    HEDGE = "hedge"  # "is believed to have", "allegedly": the teller does not vouch for it


class ActorType(StrEnum):
    """The ontology's actor classes (local names in ontology/kg.ttl); `check_actor_types`
    verifies at load that every member is a class there."""

    STATE = "State"
    GOVERNMENT = "Government"
    ARMED_FORCES = "ArmedForces"
    STATE_BODY = "StateBody"
    ARMED_GROUP = "ArmedGroup"
    PARTY = "Party"
    PERSON = "Person"
    IGO = "IntergovernmentalOrganisation"
    MEDIA = "Media"
    ORGANISATION = "Organisation"
    GROUP = "Group"
    PLACE = "Place"
    REGION = "Region"


def check_actor_types() -> None:
    """Raise when an actor type is not an owl:Class of ontology/kg.ttl (or the ontology has an
    actor class the code does not know): the two must name the same set."""
    from ..cache import compiled
    from ..resources import ontology_path

    declared = compiled("actor-classes", declared_actor_classes)
    known = {t.value for t in ActorType}
    if declared != known:
        raise ValueError(f"{ontology_path('kg.ttl')}: actor classes {sorted(declared)} do not match the code's "
                         f"ActorType {sorted(known)} (missing in ontology: {sorted(known - declared)}; "
                         f"unknown to the code: {sorted(declared - known)})")


def declared_actor_classes() -> set[str]:
    """Local names of the owl:Classes that are rdfs:subClassOf kgo:Actor in the ontology."""
    from rdflib import OWL, RDF, RDFS

    from ..resources import ontology_graph
    from ..vocabulary import KGO

    graph = ontology_graph()
    return {str(c).rsplit("#", 1)[-1] for c in graph.subjects(RDFS.subClassOf, KGO.Actor)
            if (c, RDF.type, OWL.Class) in graph}


class Modality(NamedTuple):
    """An event's factuality, what in the parse set it, and the governing word when a head did
    ("threatened to strike": hypothetical, HYPOTHETICAL_HEAD, "threaten")."""

    factuality: Factuality
    cause: Cause = Cause.NONE
    head: str = ""

    def governed_by(self, lemmas: frozenset[str] | set[str]) -> bool:
        """True when a governing verb of one of `lemmas` set the factuality."""
        return self.cause in {Cause.HYPOTHETICAL_HEAD, Cause.FUTURE_HEAD} and self.head in lemmas
