"""The migration summary's lines for what loading left out."""

from __future__ import annotations

from generator.build.migration_summary import summarise_migration, summary_lines
from generator.content.sections import LoadTally


def test_files_named_with_a_leading_underscore_show_a_move_and_are_counted() -> None:
    summary = summarise_migration(LoadTally(underscored=2), [], [])
    assert summary is not None
    assert summary_lines(summary) == [
        "Migration: 0 post files found, 0 published",
        "  2 files named _… skipped (not posts, as in Jekyll, Hexo and Quarto)",
    ]
