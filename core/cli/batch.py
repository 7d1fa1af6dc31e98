"""`ogicheck batch DIR --out SUMMARY.xlsx [--prev-dir DIR]`: check a folder, progress bar on a terminal."""

from __future__ import annotations

import argparse
import shutil
import sys
from typing import Any, TextIO

from core.cli.check_args import add_check_arguments, options_from_args


def add_parser(sub: Any) -> None:
    p = sub.add_parser("batch", help="批量核查文件夹中的全部报告",
                       description="核查文件夹（含子文件夹）中的全部报告，写出一份汇总工作簿。"
                                   "退出码：0 无错误；1 至少一份报告有错误或无法读取；2 文件夹或输出文件不可用。")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--out", metavar="SUMMARY.xlsx", required=True, help="汇总工作簿")
    p.add_argument("--prev-dir", metavar="DIR", help="上一年度报告所在的文件夹（按发布机关和年度配对，启用跨年度核查）")
    add_check_arguments(p)
    p.set_defaults(run=run)


class ProgressBar:
    """A one-line progress bar on a terminal (stderr); silent when stderr is not a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.active = bool(getattr(stream, "isatty", lambda: False)())
        self.shown = False

    def __call__(self, done: int, total: int, path: str) -> None:
        if not self.active or total <= 0:
            return
        columns = shutil.get_terminal_size((80, 20)).columns
        width = max(10, min(30, columns - 40))
        filled = int(width * done / total)
        name = path.replace("\\", "/").rsplit("/", 1)[-1]
        room = max(0, columns - width - 20)
        if len(name) > room // 2:  # Chinese characters take two columns
            name = "…" + name[-max(room // 2 - 1, 0):] if room > 4 else ""
        self.stream.write(f"\r[{'#' * filled}{'-' * (width - filled)}] {done}/{total} {name}\x1b[K")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def run(args: argparse.Namespace) -> int:
    from core.atomic import OutputPathError
    from core.batch.run import BatchTally, check_folder

    options = options_from_args(args)
    bar = ProgressBar(sys.stderr)
    tally = BatchTally()  # the results themselves are not kept: the memory stays flat however many files
    try:
        check_folder(args.dir, args.out, args.prev_dir, progress=bar, options=options, each=tally.add)
    except (NotADirectoryError, OutputPathError) as exc:
        bar.close()
        print(getattr(exc, "message", None) or str(exc), file=sys.stderr)
        return 2
    except OSError as exc:
        bar.close()
        print(f"无法写入汇总工作簿：{args.out}（{exc.strerror or exc}）", file=sys.stderr)
        return 2
    bar.close()
    line = f"已核查 {tally.reports} 份报告：{tally.with_errors} 份有错误，{tally.unreadable} 份无法读取"
    if args.prev_dir:
        line += f"，{tally.paired} 份找到了上一年度报告"
    print(f"{line}。汇总已写入：{args.out}")
    return 1 if tally.unreadable or tally.with_errors else 0
