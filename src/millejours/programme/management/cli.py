"""Kept for the imports of the programme commands."""

from millejours.lib.cli import FrenchCommandParser
from millejours.lib.cli import french_parser as frenchify
from millejours.lib.cli import to_french as french

__all__ = ["FrenchCommandParser", "french", "frenchify"]
