"""Kept for the imports of the territory, directory, orientations and demo commands."""

from millejours.lib.cli import FrenchCommandParser, french_parser, to_french

__all__ = ["FrenchCommandParser", "french_parser", "to_french"]
