"""The published actor id grammar, in one place.

Actor ids become IRIs (`kgr:state/SYR`), so their shape is a public contract: stores and
diffs depend on it. Every id is `<namespace>/<key>[/<part>]`:

    state/SYR                 a state (ISO-3 or the gazetteer's own key)
    state/SYR/armed-forces    a body of a state (government, armed-forces, rebels, ...)
    org/un, org/x-<slug>      an organisation of the gazetteer, or one only NER found
    person/<id>, person/x-<slug>
    place/<id>, place/<slug>  a gazetteer place, or an unknown name used as a place
    region/<id>
    group/<people>/<STATE|x>  a people as it lives in one country ("Kurds" in Iraq)
    tenure/<person>/<office>/<of>/<start>   an office held (rdf.py)
"""

from __future__ import annotations


def slug(text: str) -> str:
    """The gazetteer's slug (lower-case, hyphens), imported late: the gazetteer builds actors."""
    from ..gazetteer import slug as gazetteer_slug

    return gazetteer_slug(text)

STATE, ORG, PERSON, PLACE, REGION, GROUP = "state", "org", "person", "place", "region", "group"
UNKNOWN = "x-"  # prefix of keys made from text rather than taken from the gazetteer


def state_id(key: str) -> str:
    return f"{STATE}/{key}"


def body_id(state_key: str, body: str) -> str:
    return f"{STATE}/{state_key}/{body}"


def org_id(key: str) -> str:
    return f"{ORG}/{key}"


def person_id(key: str) -> str:
    return f"{PERSON}/{key}"


def unknown_person_id(name: str) -> str:
    """A person only the text names: the id is made from the name."""
    return f"{PERSON}/{UNKNOWN}{slug(name)}"


def unknown_org_id(name: str) -> str:
    return f"{ORG}/{UNKNOWN}{slug(name)}"


def unknown_place_id(name: str) -> str:
    return f"{PLACE}/{slug(name)}"


def namespace(actor_id: str) -> str:
    """'state' for 'state/SYR/government', 'person' for 'person/x-ali'."""
    return actor_id.split("/", 1)[0]


def key_of(actor_id: str) -> str:
    """What follows the namespace: 'SYR' for 'state/SYR', 'SYR/government' for a body."""
    return actor_id.split("/", 1)[1]


def is_state_part(actor_id: str) -> bool:
    """A state or one of its bodies (ids under state/)."""
    return namespace(actor_id) == STATE


def is_gazetteer_person(actor_id: str) -> bool:
    """A person with a gazetteer entry (offices, dates), not one made from text."""
    return namespace(actor_id) == PERSON and not key_of(actor_id).startswith(UNKNOWN)


def is_org(actor_id: str) -> bool:
    return namespace(actor_id) == ORG


def tenure_path(person_key: str, office: str, of_quoted: str, start: str) -> str:
    return f"tenure/{person_key}/{office}/{of_quoted}/{start}"
