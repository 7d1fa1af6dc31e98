"""The check settings shared by `ogicheck check`, `export` and `batch`: a deadline profile and the officer's own
misspellings, read into core.options.Options (a file that cannot be used stops the command with a Chinese message)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from core.deadline_profiles import DeadlineProfile, ProfileError, read_profile
from core.options import Options


def add_check_arguments(p: Any) -> None:
    """--deadline-profile FILE and --typos FILE."""
    p.add_argument("--deadline-profile", metavar="FILE",
                   help="本地区的年报公开时限（TOML 或 JSON：name 和 [deadlines] department / government = \"月-日\"），"
                        "代替法定期限判断是否逾期")
    p.add_argument("--typos", metavar="FILE", help="自定义常见错别字（纯文本，每行“错误写法 正确写法”）")


def profile_arg(args: argparse.Namespace) -> DeadlineProfile | None:
    path = getattr(args, "deadline_profile", None)
    if not path:
        return None
    try:
        return read_profile(path)
    except ProfileError as exc:
        raise SystemExit(f"--deadline-profile：{exc}") from None


def typos_arg(args: argparse.Namespace) -> tuple[tuple[str, str], ...]:
    from core.rules.typos import read_typo_file

    path = getattr(args, "typos", None)
    if not path:
        return ()
    if not Path(path).is_file():
        raise SystemExit(f"--typos：找不到错别字文件：{path}")
    return read_typo_file(path)


def options_from_args(args: argparse.Namespace, **known: Any) -> Options:
    """Options with the deadline profile and the misspellings of the command line, plus what the caller knows."""
    return Options(deadline_profile=profile_arg(args), typos=typos_arg(args), **known)
