"""Kept for the imports of the trust commands."""

from millejours.lib.cli import FrenchCommandParser as FrenchParser
from millejours.lib.cli import french_subparsers
from millejours.lib.cli import to_french as french

__all__ = ["FrenchParser", "french", "french_subparsers"]
