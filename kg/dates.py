"""Event dates from the article date and the relative expressions news uses."""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\b(?:\s+(\d{4}))?", re.I)
_MONTH_DAY = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2})\b(?:,?\s+(\d{4}))?", re.I)


_RELATIVE = re.compile(r"\b(last|past|previous|next|this|coming)\s+(week|month|year)\b")
_MONTH_YEAR = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.I)
_DECADE = re.compile(r"\b(1[89]\d0|20\d0)'?s\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_AGO = re.compile(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|\d+)\s+"
                  r"(decades?|years?)\s+ago\b")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}


def _relative(anchor: date, which: str, unit: str) -> str:
    """'last month' → the first day of the previous month: the day the period starts, since the
    text names no day (likewise 'next week', 'last year')."""
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0}[which]
    if unit == "week":
        return (anchor + timedelta(days=7 * step)).isoformat()
    if unit == "year":
        return date(anchor.year + step, 1, 1).isoformat()
    month = anchor.month - 1 + step
    return date(anchor.year + month // 12, month % 12 + 1, 1).isoformat()


def parse_iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def resolve(expression: str, article_date: str | None, future: bool = False) -> str | None:
    """The ISO date an expression names, relative to the article date; None when unknown.

    Weekdays mean the latest such day on or before the article date (the next one for
    events in the future tense), as in news reporting ("stalled on Wednesday").
    """
    anchor = parse_iso(article_date)
    text = expression.lower()
    if match := _ISO.search(text):
        return parse_iso(match.group(0)) and match.group(0)
    if anchor is None:
        return None
    if "yesterday" in text:
        return (anchor - timedelta(days=1)).isoformat()
    if "today" in text or "tonight" in text:
        return anchor.isoformat()
    if "tomorrow" in text:
        return (anchor + timedelta(days=1)).isoformat()
    if match := _RELATIVE.search(text):
        return _relative(anchor, match.group(1), match.group(2))
    for index, name in enumerate(WEEKDAYS):
        if name in text:
            delta = (anchor.weekday() - index) % 7
            if future:
                return (anchor + timedelta(days=(index - anchor.weekday()) % 7)).isoformat()
            return (anchor - timedelta(days=delta)).isoformat()
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        if match := pattern.search(text):
            month = MONTHS.index(match.group(month_group).lower()) + 1
            year = int(match.group(3)) if match.group(3) else anchor.year
            try:
                found = date(year, month, int(match.group(day_group)))
            except ValueError:
                return None
            if not match.group(3) and found > anchor + timedelta(days=31) and not future:
                found = found.replace(year=year - 1)
            return found.isoformat()
    return _coarse(text, anchor)


def _coarse(text: str, anchor: date) -> str | None:
    """Dates that name a month, a year or a decade ("in March 2003", "in 1988", "the 1990s",
    "two decades ago"): the first day of the period, as for 'last month'."""
    if match := _MONTH_YEAR.search(text):
        return date(int(match.group(2)), MONTHS.index(match.group(1).lower()) + 1, 1).isoformat()
    if match := _DECADE.search(text):
        return date(int(match.group(1)), 1, 1).isoformat()
    if match := _AGO.search(text):
        count = _NUMBERS.get(match.group(1)) or int(match.group(1))
        years = count * (10 if match.group(2).startswith("decade") else 1)
        return date(anchor.year - years, 1, 1).isoformat()
    if match := _YEAR.search(text):
        return date(int(match.group(1)), 1, 1).isoformat()
    return None


def is_historical(event_date: str | None, article_date: str | None) -> bool:
    """PLOVER's historical mode: an event the article places more than a year before its own date."""
    happened, written = parse_iso(event_date), parse_iso(article_date)
    return bool(happened and written and (written - happened).days > 366)


# A dateline sits in an article's first lines ("KABUL, March 3, 2016 —", "3 March 2016",
# "2016-03-03"); a full date further down is more likely an event's than the article's own.
DATELINE_REACH = 300
_EARLIEST_YEAR = 1900


def date_in_text(text: str, reach: int = DATELINE_REACH) -> str | None:
    """The first complete, valid date (day, month and year) in the first `reach` characters of an
    article, as an ISO string; None when its opening names none. Used only when an article comes
    with no date: offices are resolved as of this date, and a guessed 'today' would be wrong."""
    head = text[:reach]
    found: list[tuple[int, date]] = []
    for match in _ISO.finditer(head):
        found.append((match.start(), _valid(match.group(1), match.group(2), match.group(3))))
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        for match in pattern.finditer(head):
            if match.group(3):
                month = MONTHS.index(match.group(month_group).lower()) + 1
                found.append((match.start(), _valid(match.group(3), month, match.group(day_group))))
    dated = sorted((start, day) for start, day in found if day is not None)
    return dated[0][1].isoformat() if dated else None


def _valid(year, month, day) -> date | None:
    """The date, or None when it does not exist ("2016-02-30") or lies outside news history."""
    try:
        found = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return found if _EARLIEST_YEAR <= found.year <= date.today().year + 1 else None


# A dateline: the place a story was filed from, in capitals or followed by a date, then a dash
# ("KABUL, March 3, 2016 (Wire) —", "WASHINGTON —", "Mosul, Iraq, 3 March 2016 –"). It says
# where the reporter was, not who acted: the names in it are no actors of the story.
_DATE_PART = (r"(?:(?i:" + "|".join(MONTHS) + r")\.?[ \t]+\d{1,2},?[ \t]+\d{4}|\d{1,2}[ \t]+(?i:" + "|".join(MONTHS)
              + r")\.?,?[ \t]+\d{4}|\d{4}-\d{2}-\d{2})")
_PLACE_CAPS = r"[A-Z][A-Z'’.\-]+(?:[ \t]+[A-Z][A-Z'’.\-]+){0,3}"
_PLACE_ANY = r"[A-Z][\w'’.\-]+(?:[ \t]+[A-Z][\w'’.\-]+){0,3}"
_DASH = r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?(?:—|–|--|-\s)"
_DATELINE = re.compile(
    r"^[ \t]*(?:" + _PLACE_CAPS + r"(?:,[ \t]*" + _PLACE_ANY + r")?(?:,[ \t]*" + _DATE_PART + r")?"
    + r"|" + _PLACE_ANY + r"(?:,[ \t]*" + _PLACE_ANY + r")?,[ \t]*" + _DATE_PART + r")" + _DASH,
    re.M)


def dateline(text: str, reach: int = DATELINE_REACH) -> tuple[int, int] | None:
    """Where the dateline opening an article is (start, end character offsets), None when there
    is none: a line in the first `reach` characters that starts with a place in capitals (or a
    place and a date) followed by a dash."""
    match = _DATELINE.search(text[:reach])
    return (match.start(), match.end()) if match else None
