"""Invented news articles in any number, for the build's parallel, streaming and Dask tests and
for benchmarks/build_memory.py: sentences written for the project, combined by a seeded random
choice of actors, places, days and phrasings (never text from the evaluation data).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ACTORS = ["Russia", "Turkey", "Iran", "the United States", "France", "Germany", "China", "Israel",
          "Saudi Arabia", "Qatar", "the Syrian army", "the Syrian government", "the rebels", "Hezbollah",
          "the United Nations", "the European Union", "NATO", "Egypt", "Jordan", "Iraq"]
PEOPLE = ["Vladimir Putin", "Recep Tayyip Erdogan", "Bashar al-Assad", "Emmanuel Macron", "Angela Merkel"]
PLACES = ["Aleppo", "Idlib", "Damascus", "Homs", "Raqqa", "Ankara", "Moscow", "Geneva", "Tehran", "Beirut"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SENTENCES = [
    "{a} accused {b} of breaking the ceasefire near {place} on {day}.",
    "{a} said it would send food and medicine to {place} after talks with {b}.",
    "{p} and {q} will meet in {place} next week to discuss the fighting.",
    "{a} condemned the shelling of {place} and urged {b} to stop the attacks.",
    "Officials in {place} said {a} had backed {b} at the talks on {day}.",
    "{a} threatened to impose sanctions on {b} if the siege of {place} continued.",
    "{a} rejected the proposal made by {b} in {place} on {day}.",
    "{p} praised {b} for its help with the evacuation of {place}.",
    "The foreign ministry said {a} had agreed to a truce with {b} around {place}.",
    "{a} demanded that {b} release the prisoners held in {place}.",
    "Aircraft from {a} bombed positions held by {b} outside {place} on {day}, witnesses said.",
    "{a} denied that it had attacked {b} in {place}.",
]
FILLER = ["Residents described long queues for bread and fuel.",
          "The statement gave no further details about the timing.",
          "Aid workers said the roads out of the city remained dangerous.",
          "Diplomats expect a vote on a new resolution later this month."]


def article(rng: random.Random, number: int, sentences: int = 8) -> dict:
    """One invented article as a JSON Lines record (id, title, date, text)."""
    day = 1 + number % 28
    lines = []
    for _ in range(sentences):
        a, b = rng.sample(ACTORS, 2)
        p, q = rng.sample(PEOPLE, 2)
        text = rng.choice(SENTENCES).format(a=a, b=b, p=p, q=q, place=rng.choice(PLACES), day=rng.choice(DAYS))
        lines.append(text[0].upper() + text[1:])
        if rng.random() < 0.3:
            lines.append(rng.choice(FILLER))
    return {"id": f"gen-{number:06d}", "title": f"Report {number} from {rng.choice(PLACES)}",
            "date": f"2016-12-{day:02d}", "text": " ".join(lines)}


def corpus(count: int, seed: int = 15, sentences: int = 8) -> list[dict]:
    rng = random.Random(seed)
    return [article(rng, n, sentences) for n in range(count)]


def write_corpus(path: Path, count: int, seed: int = 15, repeat: int = 1, sentences: int = 8) -> Path:
    """`count` articles as JSON Lines, the whole set written `repeat` times (ids made unique)."""
    records = corpus(count, seed, sentences)
    with open(path, "w", encoding="utf-8") as handle:
        for round_ in range(repeat):
            for record in records:
                handle.write(json.dumps({**record, "id": f"{record['id']}-{round_}"}) + "\n")
    return path
