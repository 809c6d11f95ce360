#!/usr/bin/env python3
"""Import PETRARCH2's CAMEO verb dictionary into the project's own trigger lexicon.

Reads CAMEO.2.0.txt (openeventdata/petrarch2, MIT; its syntax is documented in
dictionaries.rst beside it) and the CAMEO->PLOVER table (openeventdata/PLOVER, CC BY-SA 4.0),
and writes two generated files under ontology/:

  lexicon_cameo.tsv      rows in the format of ontology/lexicon.tsv (plus a `cameo` column)
  cameo_predicates.ttl   the fine predicates those rows use that kg.ttl does not define

What becomes a row (the import policy; counts of everything left out are printed):
  - each verb of a block with the block's (or its own) code: a bare VERB row whose
    recipient is the object, unless the code is a cooperation cue code (GENERIC_CUES);
  - `- * NOUN [code]` and `- * NOUN (PREP) [code]` (a noun or a synonym set &X): a VERB row
    that needs that object lemma, the recipient after PREP or a preposition typical of the
    category, else the object's owner; a verb (+ object) whose patterns disagree on the
    PLOVER category is left out (SKIP_MIXED);
  - `- * (PREP)` and `- * PARTICLE` patterns and particle verbs (+PULL_OUT) are counted but
    not imported (LOOSE_KINDS): without an object they code too much;
  - a regular nominalisation of a verb with a specific code (abduction, deportation, looting)
    that the dictionary itself uses as a noun becomes an event NOUN row, when every verb it
    comes from maps to the same PLOVER category; cue codes (xx0) give no event nouns.
Codes map to categories through the table (01x statements have none; 02x appeals are
REQUEST); each code's fine predicate comes from tools/cameo_predicates.tsv. Hand-written rows
in ontology/lexicon.tsv take precedence when the lexicon is loaded (kg/vocabulary.py).

Usage: python tools/import_cameo.py [--resources ../shared/resources] [--out ontology]
The output is deterministic: running it twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RESOURCES = ROOT.parent / "shared" / "resources"
POLICY = Path(__file__).resolve().parent / "cameo_predicates.tsv"
KGO = "https://w3id.org/geokg/ontology#"

# Confidence by how specific the pattern is: a verb alone says least about the event.
CONF_BARE = 0.45
CONF_OWN_CODE = 0.5  # a verb line with its own code ("GRILL [110]")
CONF_PREP = 0.55  # (not imported under the current policy: LOOSE_KINDS)
CONF_PARTICLE = 0.55
CONF_OBJECT = 0.6
CONF_NOUN = 0.5

# Words after the verb that are particles or adverbs, not object nouns.
PARTICLES = {"out", "off", "up", "down", "back", "away", "over", "forward", "aside", "ahead",
             "together", "apart", "through", "around", "along", "in", "on", "about"}
FUNCTION_WORDS = {"about", "across", "after", "against", "alongside", "among", "as", "at", "before", "behind",
                  "between", "by", "for", "from", "if", "into", "near", "of", "since", "than", "that", "to",
                  "toward", "towards", "under", "unless", "until", "upon", "whether", "with", "without"}
# Where the recipient of a category's event usually sits besides the direct object.
CATEGORY_PREPS = {
    "AGREE": ("with", "to"), "CONSULT": ("with",), "SUPPORT": ("for", "to"), "CONCEDE": ("to",),
    "COOPERATE": ("with",), "AID": ("to", "for"), "RETREAT": ("from", "to"), "REQUEST": ("from", "to"),
    "ACCUSE": ("against", "of"), "REJECT": (), "THREATEN": ("against",), "PROTEST": ("against",),
    "SANCTION": ("on", "against", "with"), "MOBILIZE": ("against",), "COERCE": ("on", "against"),
    "ASSAULT": ("on", "against", "at"),  # "fired missiles at two bases": projectiles are aimed at a target
}
# Import policy, chosen by measuring the scorer suites as a whole (see the tool's report):
# - a verb alone is imported only with a code that names an act; the cue codes of the
#   cooperation categories (030 "express intent to cooperate" ... 080 "yield") are catch-alls
#   whose blocks hold "lead", "leave", "consider", "hear": those verbs keep their patterns only;
# - a verb with only a preposition or a particle ("go to", "set off") says too little about
#   the event to code it without its object.
GENERIC_CUES = {"030", "040", "050", "060", "070", "080"}
LOOSE_KINDS = {"prep", "particle"}
# - a verb (+ object) whose patterns (over a block's synonyms and synonym sets) carry codes of
#   several PLOVER categories is left out rather than coded by majority.
SKIP_MIXED = True
NOUN_AGENT = "poss|mod|governor|by"


@dataclass
class Pattern:
    line: int
    text: str
    code: str


@dataclass
class Block:
    line: int
    code: str
    verbs: list[tuple[int, str, str]] = field(default_factory=list)  # (line, phrase, own code)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    trigger: str
    pos: str
    objects: tuple[str, ...]
    agent: str
    recip: str
    predicate: str
    flags: str
    conf: float
    cameo: str

    def cells(self) -> list[str]:
        return [self.trigger, self.pos, "|".join(self.objects), self.agent, self.recip,
                self.predicate, self.flags, f"{self.conf:g}", self.cameo]


# ---------------------------------------------------------------- reading the sources

def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def read_dictionary(path: Path) -> tuple[dict[str, list[str]], list[Block]]:
    """Synonym sets and verb blocks of a PETRARCH verb dictionary."""
    synsets: dict[str, list[str]] = {}
    blocks: list[Block] = []
    section = "head"
    current_set: str | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if raw.startswith("####### SYNONYM SETS"):
            section = "sets"
            continue
        if raw.startswith("####### VERB PATTERNS"):
            section = "verbs"
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        line = _strip_comment(raw).strip()
        if not line or section == "head":
            continue
        if section == "sets":
            if line.startswith("&"):
                current_set = line[1:].rstrip("_")
                synsets[current_set] = []
            elif line.startswith("+") and current_set is not None:
                synsets[current_set].append(line[1:].rstrip("_").replace("_", " ").lower())
            continue
        if line.startswith("---"):
            match = re.search(r"\[([^\]]*)\]", line)
            blocks.append(Block(number, match.group(1).strip() if match else "---"))
            continue
        if not blocks:
            continue
        if line.startswith("-"):
            match = re.search(r"\[([^\]]*)\]\s*$", line)
            if match:
                blocks[-1].patterns.append(Pattern(number, line[1:match.start()].strip(), match.group(1).strip()))
            else:
                blocks[-1].patterns.append(Pattern(number, line[1:].strip(), ""))
            continue
        match = re.match(r"(\S+)\s*(\{[^}]*\})?\s*(?:\[([^\]]*)\])?", line)
        if match:
            own = (match.group(3) or "").strip()
            blocks[-1].verbs.append((number, match.group(1) + (" {}" if match.group(2) == "{}" else ""), own))
    return synsets, blocks


def read_plover_table(path: Path) -> dict[str, tuple[str, str, str, str]]:
    """CAMEO code -> (PLOVER category, mode, context, description)."""
    table: dict[str, tuple[str, str, str, str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("#") or ":" not in raw or raw.startswith("~"):
            continue
        code, rest = raw.split(":", 1)
        code = code.strip()
        if not code.isdigit() or len(code) < 3:
            continue  # two-digit roots: 08 is split between CONCEDE and RETREAT, so codes decide
        body, _, description = rest.partition("#")
        parts = [p.strip() for p in body.split(",")] + ["", ""]
        table.setdefault(code, (parts[0], parts[1], parts[2], description.strip()))
    return table


def read_policy(path: Path) -> dict[str, tuple[str, str]]:
    """CAMEO code -> (fine predicate, label), the project's own choice of names."""
    policy: dict[str, tuple[str, str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#") or raw.startswith("code\t"):
            continue
        code, predicate, label = raw.split("\t")
        policy[code] = (predicate, label)
    return policy


def read_kg_predicates(path: Path) -> dict[str, str]:
    """Fine predicates kg.ttl defines, with their PLOVER category."""
    from rdflib import Graph, Namespace

    graph = Graph().parse(path, format="turtle")
    kgo = Namespace(KGO)
    skos_notation = "http://www.w3.org/2004/02/skos/core#notation"
    from rdflib import URIRef

    return {str(p).rsplit("#", 1)[1]: str(graph.value(c, URIRef(skos_notation)))
            for p, c in graph.subject_objects(kgo.category)}


# ---------------------------------------------------------------- codes and words

class Coder:
    """CAMEO code -> PLOVER category and fine predicate, per the table and the policy."""

    def __init__(self, table, policy, known: dict[str, str]) -> None:
        self.table, self.policy, self.known = table, policy, known
        self.new_predicates: dict[str, tuple[str, str, str]] = {}  # name -> (category, label, codes)

    def category(self, code: str) -> str | None:
        if code.startswith("01"):
            return None
        if code.startswith("02"):
            return "REQUEST"  # appeals: the gold data fold CAMEO 02 into REQUEST
        for length in range(len(code), 2, -1):
            if code[:length] in self.table:
                return self.table[code[:length]][0]
        return None

    def predicate(self, code: str) -> str:
        category = self.category(code)
        for key in [code[:n] for n in range(len(code), 2, -1)] + [code[:2] + "0"]:
            if key in self.policy:  # 0871 -> 087 -> 080
                name, label = self.policy[key]
                break
        else:
            raise ValueError(f"{POLICY.name}: no predicate for CAMEO code {code}")
        if name in self.known:
            if self.known[name] != category:
                raise ValueError(f"{POLICY.name}: {name} is {self.known[name]} in kg.ttl, CAMEO {code} is {category}")
            return name
        seen = self.new_predicates.get(name)
        if seen and seen[0] != category:
            raise ValueError(f"{POLICY.name}: {name} used for {seen[0]} and {category} (CAMEO {code})")
        self.new_predicates[name] = (category, label, code if not seen else min(seen[2], code))
        return name


def parse_code(code: str) -> str | None:
    """The code of the actor's own act: '042:043' -> '042'; ':173', '---' -> None."""
    first = code.split(":", 1)[0].strip()
    return first if re.fullmatch(r"\d{3,4}", first) else None


def singular(word: str) -> str:
    """The lemma spaCy gives a regular plural noun ("sanctions" -> "sanction")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "os")) and len(word) > 3:
        return word[:-1]
    return word


def nominalisations(verb: str) -> list[str]:
    """Nouns English regularly forms from a verb with a suffix: investigation, withdrawal,
    deployment, shelling. Only those the dictionary itself uses as nouns are kept by the caller."""
    stem = verb[:-1] if verb.endswith("e") else verb
    out = [verb + "al", verb + "ment", stem + "ing", stem + "ation", verb + "ation"]
    if stem.endswith(("t", "ss")):
        out.append(stem + "ion")  # protect -> protection, investigate -> investigation
    if verb.endswith("ize"):
        out.append(verb[:-3] + "ization")
    if verb.endswith("ate"):
        out.append(verb[:-1] + "ion")
    return sorted(set(out))


def spellings(verb: str) -> list[str]:
    """US and British spellings: the lemmatiser keeps "demobilise" as written."""
    out = [verb]
    for us, gb in (("ize", "ise"), ("yze", "yse")):
        if verb.endswith(us):
            out.append(verb[: -len(us)] + gb)
    return out


def nouns_of(token: str, synsets: dict[str, list[str]]) -> list[str] | None:
    """Lemmas a noun token or synonym set stands for (single words only); None if unknown."""
    if token.startswith("&"):
        members = synsets.get(token[1:].rstrip("_"))
        if members is None:
            return None
        return sorted({singular(m) for m in members if " " not in m and "-" not in m and "'" not in m})
    word = token.lower().rstrip("_")
    if not re.fullmatch(r"[a-z]+", word):
        return None
    return [singular(word)]


# ---------------------------------------------------------------- the import

@dataclass
class Result:
    rows: list[Row]
    imported: int
    skipped: Counter
    verbs: Counter
    mixed: int  # (verb, object) pairs whose patterns carry codes of several categories: skipped


def convert(synsets, blocks, coder: Coder) -> Result:
    skipped: Counter = Counter()
    verb_counts: Counter = Counter()
    imported = 0
    # (trigger, pos, kind, object) -> list of codes
    proposals: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)
    attested: set[str] = {singular(m) for members in synsets.values() for m in members if " " not in m}
    subjects: set[str] = set()  # nouns patterns name as the actor ("- GOVERNMENT * ..."): not events
    verb_codes: list[tuple[str, str]] = []  # (verb, code) of verbs coded by themselves

    for block in blocks:
        single: list[str] = []
        for _, phrase, own in block.verbs:
            verb, particle, reason = _verb_phrase(phrase)
            if reason:
                verb_counts[f"skipped: {reason}"] += 1
                continue
            if not particle:
                single.append(verb)
            code = parse_code(own or block.code)
            if code is None:
                verb_counts["no code of its own (patterns only)"] += 1
                continue
            if coder.category(code) is None:
                verb_counts["code without PLOVER category (01x statements)"] += 1
                continue
            if not particle and code in GENERIC_CUES:
                verb_counts["generic cue code of a cooperation category (030-080): patterns only"] += 1
                continue
            if particle and "particle" in LOOSE_KINDS:
                verb_counts["verb + particle (too loose to import: policy)"] += 1
                continue
            verb_counts["imported"] += 1
            if not particle:
                verb_codes.append((verb, code))
            kind = "particle" if particle else ("own" if own else "bare")
            for spelling in spellings(verb):
                proposals[(spelling, "VERB", kind, particle)].append(code)
        for pattern in block.patterns:
            before = pattern.text.split("*", 1)[0].split()
            subjects.update(w.lower() for w in before if re.fullmatch(r"[A-Za-z]+", w))
            reason, kind, objects, prep = _pattern_shape(pattern, synsets)
            code = parse_code(pattern.code) if not reason else None
            if not reason and code is None:
                reason = "null code or the target's act only ([---], [:173])"
            if not reason and coder.category(code) is None:
                reason = "code without PLOVER category (01x statements)"
            if not reason and not single:
                reason = "block has no single-word verb"
            if not reason and kind in LOOSE_KINDS:
                reason = f"verb + {kind} alone, no object (too loose to import: policy)"
            if reason:
                skipped[reason] += 1
                continue
            imported += 1
            for verb in single:
                for spelling in spellings(verb):
                    for obj in objects:
                        proposals[(spelling, "VERB", kind, obj + ("|@" + prep if prep else ""))].append(code)
                if kind == "object":
                    attested.update(objects)

    mixed = sum(1 for codes in proposals.values() if len({coder.category(c) for c in codes}) > 1)
    rows = [_row(key, codes, coder) for key, codes in sorted(proposals.items())
            if not (SKIP_MIXED and len({coder.category(c) for c in codes}) > 1)]
    noun_codes: dict[str, list[str]] = defaultdict(list)
    for verb, code in verb_codes:
        if code.endswith("0") and len(code) == 3:
            continue  # a cue code ("110 disapprove") makes "disappointment" or "allegation" an act
        for noun in nominalisations(verb):
            # a derived noun the dictionary itself uses as a noun (a verb's own form, "attack",
            # is too often another word: "order", "fire", "need")
            if noun in attested and noun not in subjects:
                noun_codes[noun].append(code)
    for noun, codes in sorted(noun_codes.items()):
        categories = {coder.category(c) for c in codes}
        if len(categories) == 1:
            code = _common(codes)
            category = coder.category(code)
            recip = "|".join(f"prep:{p}" for p in CATEGORY_PREPS[category]) or "none"
            rows.append(Row(noun, "NOUN", (), NOUN_AGENT, recip, coder.predicate(code), "R", CONF_NOUN, code))
    return Result(_merge([r for r in rows if r is not None]), imported, skipped, verb_counts, mixed)


def _common(codes: list[str]) -> str:
    """The most frequent code (ties: the lowest), so output does not depend on file order."""
    counts = Counter(codes)
    return min(counts, key=lambda c: (-counts[c], c))


def _row(key, codes: list[str], coder: Coder) -> Row | None:
    trigger, pos, kind, obj = key
    code = _common(codes)
    category = coder.category(code)
    predicate = coder.predicate(code)
    preps = CATEGORY_PREPS[category]
    if kind in {"bare", "own"}:
        recip = "dobj"  # a verb alone: only its object is sure to be the one acted on
        return Row(trigger, pos, (), "subj", recip, predicate, "R",
                   CONF_BARE if kind == "bare" else CONF_OWN_CODE, code)
    if kind == "particle":
        return Row(trigger, pos, (obj,), "subj", "|".join(["dobj"] + [f"prep:{p}" for p in preps]),
                   predicate, "R", CONF_PARTICLE, code)
    if kind == "prep":
        return Row(trigger, pos, (obj,), "subj", f"prep:{obj}", predicate, "R", CONF_PREP, code)
    noun, _, prep = obj.partition("|@")
    slots = ([f"prep:{prep}"] if prep else []) + [f"prep:{p}" for p in preps if p != prep]
    slots += ["poss-of-object", "dative", "dobj"]  # "expelled the French diplomats": the object's owner
    return Row(trigger, pos, (noun,), "subj", "|".join(dict.fromkeys(slots)), predicate, "R", CONF_OBJECT, code)


def _merge(rows: list[Row]) -> list[Row]:
    """One row per trigger, slots and predicate, its object lemmas joined (as hand rows are)."""
    grouped: dict[tuple, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[(row.trigger, row.pos, bool(row.objects), row.agent, row.recip, row.predicate, row.flags,
                 row.conf)].append(row)
    merged = []
    for key, group in grouped.items():
        objects = tuple(sorted({o for r in group for o in r.objects}))
        codes = ",".join(sorted({r.cameo for r in group}))
        merged.append(Row(key[0], key[1], objects, key[3], key[4], key[5], key[6], key[7], codes))
    return sorted(merged, key=lambda r: (r.trigger, r.pos, -len(r.objects) > 0, r.objects, r.predicate, r.recip))


def _verb_phrase(phrase: str) -> tuple[str, str, str]:
    """(verb lemma, particle, reason to skip) for a verb line such as ASK or +ASK_FOR."""
    empty_forms = phrase.endswith(" {}")
    phrase = phrase.removesuffix(" {}").lower()
    words = phrase.split("_")
    if len(words) == 1:
        word = words[0].lstrip("+")
        return (word, "", "") if re.fullmatch(r"[a-z]+", word) else ("", "", "not a plain word")
    heads = [i for i, w in enumerate(words) if w.startswith("+")]
    if not heads:
        return "", "", "multi-word verb without a marked head"
    if heads[0] != 0:
        return "", "", "multi-word verb with words before the verb"
    if len(words) > 2:
        return "", "", "multi-word verb with several particles"
    verb = words[0][1:]
    if empty_forms and verb.endswith("ed"):
        return "", "", "multi-word verb written in an inflected form"
    if not re.fullmatch(r"[a-z]+", verb + words[1]):
        return "", "", "not a plain word"
    return verb, words[1], ""


def _pattern_shape(pattern: Pattern, synsets) -> tuple[str, str, list[str], str]:
    """(reason to skip, kind, object lemmas, recipient preposition) of one pattern."""
    if not pattern.code:
        return "no code", "", [], ""
    if "*" not in pattern.text:
        return "no verb position (*)", "", [], ""
    before, after = pattern.text.split("*", 1)
    if before.strip():
        return "words before the verb (a subject condition)", "", [], ""
    tokens = re.findall(r"\{[^}]*\}|\([^)]*\)|\S+", after)
    if not tokens:
        return "no words after the verb", "", [], ""
    if any(t in {"$", "^", "%", "+"} for t in tokens):
        return "source or target markers ($ + ^ %) outside a preposition", "", [], ""
    prep = ""
    if tokens[-1].startswith("("):
        inner = tokens[-1][1:-1].split()
        if len(inner) == 1 or (len(inner) == 2 and inner[1] == "+"):
            prep = inner[0].lower()
            tokens = tokens[:-1]
        else:
            return "prepositional phrase with a fixed noun", "", [], ""
    if any(t.startswith("(") for t in tokens):
        return "several prepositional phrases", "", [], ""
    if any(t.startswith("{") for t in tokens):
        return "multi-word noun phrase", "", [], ""
    if not tokens:
        return "", "prep", [prep], ""
    if len(tokens) > 1:
        return "several words after the verb (particle with object, or phrase)", "", [], ""
    word = tokens[0].lower()
    if word in FUNCTION_WORDS:
        return "a function word after the verb (preposition, conjunction)", "", [], ""
    if word.endswith("ly") and word not in {"ally", "rally", "assembly", "family", "supply"}:
        return "an adverb after the verb", "", [], ""
    if word in PARTICLES:
        if prep:
            return "particle with a preposition", "", [], ""
        return "", "particle", [word], ""
    nouns = nouns_of(tokens[0], synsets)
    if nouns is None:
        return "undefined synonym set or not a plain word", "", [], ""
    if not nouns:
        return "synonym set without single-word members", "", [], ""
    return "", "object", nouns, prep


# ---------------------------------------------------------------- writing

HEADER = """\
# GENERATED by tools/import_cameo.py (`make lexicon`) -- do not edit; change the tool or its
# policy (tools/cameo_predicates.tsv) and regenerate.
# Source: CAMEO.2.0 verb dictionary of openeventdata/petrarch2 (data/dictionaries/CAMEO.2.0.txt),
# MIT licence, (c) 2015 Open Event Data Alliance; CAMEO->PLOVER table from openeventdata/PLOVER
# (CAMEO2PLOVER-2021.txt, PLOVER manual draft 0.8), CC BY-SA 4.0.
"""


def write_lexicon(rows: list[Row], path: Path) -> None:
    lines = [HEADER.rstrip("\n"),
             "# Rows as in ontology/lexicon.tsv; `cameo` names the CAMEO code(s) a row comes from.",
             "# Hand-written rows in lexicon.tsv for the same trigger and pos take precedence.",
             "trigger\tpos\tobject\tagent\trecip\tpredicate\tflags\tconf\tcameo"]
    lines += ["\t".join(r.cells()) for r in rows]
    _write(path, "\n".join(lines) + "\n")


def write_predicates(coder: Coder, table, path: Path) -> None:
    lines = [HEADER.rstrip("\n"),
             "# Fine predicates of the imported lexicon that ontology/kg.ttl does not define; each is",
             "# rdfs:subPropertyOf its PLOVER category's property. Loaded together with kg.ttl.",
             "@prefix kgo:   <https://w3id.org/geokg/ontology#> .",
             "@prefix plover: <https://w3id.org/geokg/plover#> .",
             "@prefix owl:   <http://www.w3.org/2002/07/owl#> .",
             "@prefix rdfs:  <http://www.w3.org/2000/01/rdf-schema#> .", ""]
    for name, (category, label, code) in sorted(coder.new_predicates.items()):
        description = next((table[code[:n]][3] for n in range(len(code), 2, -1) if code[:n] in table), "")
        description = description.replace("\\", "").replace('"', "'")
        lines += [f"kgo:{name} a owl:ObjectProperty ;",
                  f"    rdfs:subPropertyOf kgo:{category.lower()} ;",
                  f'    rdfs:label "{label}"@en ;',
                  f'    rdfs:comment "CAMEO {code}{": " + description if description else ""}"@en ;',
                  f"    kgo:category plover:{category} .", ""]
    _write(path, "\n".join(lines))


def _write(path: Path, text: str) -> None:
    """Atomic: a reader never sees half a file."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--resources", type=Path, default=DEFAULT_RESOURCES,
                        help="folder holding petrarch2/CAMEO.2.0.txt and plover/CAMEO2PLOVER-2021.txt")
    parser.add_argument("--out", type=Path, default=ROOT / "ontology", help="folder to write the generated files to")
    parser.add_argument("--kg", type=Path, default=ROOT / "ontology" / "kg.ttl",
                        help="the ontology whose predicates are reused")
    args = parser.parse_args(argv)
    dictionary = args.resources / "petrarch2" / "CAMEO.2.0.txt"
    table_path = args.resources / "plover" / "CAMEO2PLOVER-2021.txt"
    for path in (dictionary, table_path, args.kg):
        if not path.exists():
            print(f"import_cameo: missing {path}", file=sys.stderr)
            return 2
    synsets, blocks = read_dictionary(dictionary)
    table = read_plover_table(table_path)
    coder = Coder(table, read_policy(POLICY), read_kg_predicates(args.kg))
    result = convert(synsets, blocks, coder)
    args.out.mkdir(parents=True, exist_ok=True)
    write_lexicon(result.rows, args.out / "lexicon_cameo.tsv")
    write_predicates(coder, table, args.out / "cameo_predicates.ttl")
    total = result.imported + sum(result.skipped.values())
    print(f"patterns: {total} read, {result.imported} imported, {sum(result.skipped.values())} skipped")
    for reason, n in sorted(result.skipped.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  skipped {n:5d}  {reason}")
    print(f"verbs: {sum(result.verbs.values())} read")
    for reason, n in sorted(result.verbs.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {n:5d}  {reason}")
    print(f"verb (+ object) pairs skipped because their patterns disagree on the PLOVER category: {result.mixed}")
    by_pos = Counter(r.pos for r in result.rows)
    print(f"rows written: {len(result.rows)} ({', '.join(f'{n} {p}' for p, n in sorted(by_pos.items()))}); "
          f"new predicates: {len(coder.new_predicates)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
