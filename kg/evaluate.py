"""`kg evaluate`: precision, recall and F1 of the extraction against a user's gold file.

Gold files are JSON lines in either of two shapes:

* one document a line with a `gold` list of relations (`actor`, `event`, `recipient`, optional
  `symmetric` and `optional`), as in the project's development data;
* one PLOVER 2.0 event record a line (`text`, `event`, `actor`, `recipient`, optional `id`);
  records that share a text are one document.

Matching is at the level analysts reason about: the actor's country or non-state code, the
PLOVER category, and the recipient's code (a gold relation without a recipient accepts any).
CONSULT, AGREE and COOPERATE, and relations marked symmetric, match in either direction.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .model import Article, ArticleResult

RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE"}
NONE = "(none)"
# UN and EU bodies count as intergovernmental, as PLOVER's coarse code does.
_COARSE = {"UNO": "IGO", "EUR": "IGO"}


def coarse(code: object) -> str | None:
    if not isinstance(code, str) or not code.strip():
        return None
    code = code.strip().upper()
    return _COARSE.get(code, code)


def _codes(entity: dict) -> frozenset[str]:
    raw = entity.get("code")
    values = raw if isinstance(raw, list) else [raw]
    return frozenset(filter(None, (coarse(v) for v in values)))


@dataclass(frozen=True)
class Relation:
    """Who did what to whom at code level; `actors`/`recipients` hold alternatives per party."""

    actor: frozenset[str]
    category: frozenset[str]
    recipient: frozenset[str] | None  # None: any recipient (or none) is accepted
    symmetric: bool = False
    optional: bool = False


@dataclass
class GoldDocument:
    id: str
    text: str
    date: str | None
    relations: list[Relation] = field(default_factory=list)


def _relations_from(record: dict, optional: bool = False) -> list[Relation]:
    events = record.get("event") or []
    categories = frozenset(c.upper() for c in (events if isinstance(events, list) else [events]))
    recipients = [r for r in record.get("recipient") or [] if isinstance(r, dict) and _codes(r)]
    out = []
    for actor in record.get("actor") or []:
        if not isinstance(actor, dict) or not _codes(actor):
            continue
        for recipient in recipients or [None]:
            out.append(Relation(_codes(actor), categories, _codes(recipient) if recipient else None,
                                bool(record.get("symmetric")), bool(record.get("optional", optional))))
    return out


def load_gold(path: Path) -> list[GoldDocument]:
    """Gold documents from either supported file shape; raises ValueError naming a bad line."""
    documents: dict[str, GoldDocument] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: malformed JSON ({exc.msg})") from exc
            text = record.get("text") if isinstance(record, dict) else None
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"{path}:{number}: a gold record needs a 'text'")
            key = str(record.get("id") or "") if "gold" in record else text
            doc = documents.setdefault(key, GoldDocument(
                str(record.get("id") or f"gold-{len(documents) + 1}"), text, record.get("date")))
            if "gold" in record:
                for relation in record["gold"]:
                    doc.relations += _relations_from(relation)
            else:
                doc.relations += _relations_from(record)
    return list(documents.values())


def predicted(result: ArticleResult, min_confidence: float = 0.0) -> set[tuple[str, str, str | None]]:
    """(actor code, category, recipient code or None) for every non-negated, non-hypothetical event
    at least as confident as `min_confidence` (kg evaluate scores what kg extract prints)."""
    out = set()
    for event in result.events:
        if event.factuality in {"negated", "hypothetical"} or event.confidence < min_confidence:
            continue
        actors = [coarse(m.actor.code) for m in event.actors]
        recipients = [coarse(m.actor.code) for m in event.recipients] or [None]
        if event.symmetric and event.recipients == [] and len(actors) > 1:
            actors, recipients = actors[:1], actors[1:]
        for a in filter(None, actors):
            for r in recipients:
                out.add((a, event.category, r))
    return out


def _fits(prediction: tuple[str, str, str | None], gold: Relation, with_category: bool = True) -> bool:
    actor, category, recipient = prediction
    if with_category and category not in gold.category:
        return False

    def dyad(a: str | None, r: str | None) -> bool:
        return a in gold.actor and (gold.recipient is None or r in gold.recipient)

    if dyad(actor, recipient):
        return True
    reverse_ok = gold.symmetric or category in RECIPROCAL or not with_category
    return reverse_ok and recipient is not None and dyad(recipient, actor)


@dataclass
class Scores:
    true_pred: int = 0
    predicted: int = 0
    true_gold: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_pred / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    overall: Scores = field(default_factory=Scores)
    dyads: Scores = field(default_factory=Scores)
    by_category: dict[str, Scores] = field(default_factory=lambda: defaultdict(Scores))
    confusion: Counter = field(default_factory=Counter)  # (gold category, predicted category or NONE)


def score(documents: Iterable[GoldDocument], results: dict[str, ArticleResult],
          min_confidence: float = 0.0) -> Report:
    report = Report()
    for doc in documents:
        preds = predicted(results[doc.id], min_confidence) if doc.id in results else set()
        required = [g for g in doc.relations if not g.optional]
        for prediction in preds:
            hits = [g for g in doc.relations if _fits(prediction, g)]
            if hits and all(g.optional for g in hits):
                continue
            for scores in (report.overall, report.by_category[prediction[1]]):
                scores.predicted += 1
                scores.true_pred += bool(hits)
            report.dyads.predicted += 1
            report.dyads.true_pred += any(_fits(prediction, g, with_category=False) for g in doc.relations)
        for gold in required:
            found = any(_fits(p, gold) for p in preds)
            report.overall.gold += 1
            report.overall.true_gold += found
            report.dyads.gold += 1
            report.dyads.true_gold += any(_fits(p, gold, with_category=False) for p in preds)
            for category in gold.category:
                report.by_category[category].gold += 1
                report.by_category[category].true_gold += found
            gold_name = "/".join(sorted(gold.category))
            if found:
                report.confusion[(gold_name, "=")] += 1
            else:
                others = sorted({p[1] for p in preds if _fits(p, gold, with_category=False)})
                for other in others or [NONE]:
                    report.confusion[(gold_name, other)] += 1
    return report


def evaluate(path: Path, extractor, min_confidence: float | None = None) -> Report:
    """Run the extraction on the gold file's texts and score what `kg extract` would print: the
    events at least as confident as `min_confidence` (the calibrated default when None)."""
    from .views.plover import DEFAULT_MIN_CONFIDENCE

    documents = load_gold(path)
    articles = [Article(doc.id, doc.text, doc.date, source=f"{path}") for doc in documents]
    results = {r.article.id: r for r in extractor.run(articles)}
    threshold = DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence
    return score(documents, results, threshold)


def format_report(report: Report) -> str:
    """The report as printed by `kg evaluate`: overall, per category, and the confusion table."""
    def row(name: str, s: Scores) -> str:
        return (f"{name:<12} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  "
                f"(predicted {s.predicted}, gold {s.gold})")

    lines = [row("overall", report.overall), row("dyads", report.dyads), "", "per category:"]
    lines += [row(c, s) for c, s in sorted(report.by_category.items())]
    lines += ["", "confusion (gold category → what was predicted for the same actors; = is a match):"]
    golds = sorted({g for g, _ in report.confusion})
    for gold in golds:
        cells = sorted(((p, n) for (g, p), n in report.confusion.items() if g == gold), key=lambda x: -x[1])
        lines.append(f"  {gold:<30} " + ", ".join(f"{p} {n}" for p, n in cells))
    return "\n".join(lines)
