"""geo-kg: knowledge graphs of geopolitical actors and PLOVER events from news."""

__version__ = "0.1.0"
