"""The window-wide check settings (the officer's misspelling list, the chosen deadline profile) applied to the
Options of every report in the window; read from the settings folder each time, so an edit applies at once."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from core.deadline_profiles import DeadlineProfile, ProfileError, read_profile
from core.options import Options
from core.rules.typos import read_typo_file
from desktop.settings import Settings

log = logging.getLogger(__name__)


def chosen_profile(settings: Settings) -> DeadlineProfile | None:
    """The deadline profile chosen in 核查设置, or None (statutory) when none is chosen or it cannot be read."""
    path = settings.get("check/deadline_profile")
    if not path:
        return None
    try:
        return read_profile(path)
    except ProfileError as exc:
        log.warning("deadline profile ignored: %s", exc)
        return None


def list_profiles(folder: Path) -> list[tuple[str, DeadlineProfile]]:
    """(file, profile) of every readable profile in the folder, by name."""
    out: list[tuple[str, DeadlineProfile]] = []
    if folder.is_dir():
        for p in sorted([*folder.glob("*.toml"), *folder.glob("*.json")]):
            try:
                out.append((str(p), read_profile(p)))
            except ProfileError as exc:
                log.warning("deadline profile not listed: %s", exc)
    return sorted(out, key=lambda x: x[1].name)


def with_window_settings(options: Options, settings: Settings) -> Options:
    """The options with the window's misspelling list and deadline profile."""
    return replace(options, typos=read_typo_file(settings.typo_file()), deadline_profile=chosen_profile(settings))
