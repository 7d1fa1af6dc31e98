"""The officer's season (核查批次): many reports, her status, edits and decisions in one set file.

- `core.season.store.SeasonSet` — the .ogiset file (SQLite, one transaction per change, survives kill -9):
  `create(path)` / `open(path)` / `close()`; `add_files(paths) -> list[SetEntry]` (a file already in the set,
  by resolved path or SHA-256, is one entry); `entries()`, `entry(id)`; `set_status(id, 未核查|有问题|已核实|
  已退回)`; `set_summary(id, ReportSummary)`; `keep_summaries([(id, JSON text, size, mtime ns, basis)])` /
  `kept_summary(id) -> KeptSummary` (the window's summaries with the file's size and time and `summary_basis(settings,
  edits)`, so a reopened set lists unchanged reports without checking them); `record_edit(id, Edit) -> edit id`, `drop_edit`, `edits(id)`;
  `set_decision(id, Decision)`, `drop_decision`, `decisions(id)`; `settings(id=None)` / `set_settings`
  (`CheckSettings`); `changed_on_disk(id)` / `accept_source_change(id)`; recovery after an unclean end:
  `unclean_session()`, `changes_since(t)`, `discard_changes_since(t)`. `replay_edits(report, edits)`
  applies kept edits to a freshly read report.
- `core.season.decisions` — `Decision.on(finding, CONFIRM|IGNORE, reason, note)`; `finding_key(finding)`;
  `match(findings, decisions) -> (applied: {finding: decision}, stale: [decision])`;
  `active(findings, decisions) -> (counted, ignored)`.
- `core.season.summary` — `ReportSummary` (what a set keeps of a checked report: metadata, findings,
  cells; `.name`, `.counts()`, `.skeleton()` for totals and cell names) and `summarize(report, findings)`.
- `core.season.checking` — `check_files(jobs, workers=None, timeout=180) -> iterator of (CheckJob,
  ReportSummary)` on a process pool, as files finish; `check_one(job)` in-process; `check_set(set,
  entries=None, workers=None, progress=None)` re-checks a set and keeps the summaries in it.
- `core.season.export_all` — `export_all(set, folder, entries=None, progress=None)`: corrected workbooks,
  问题清单 per agency and the set's summary workbook (the same workbook `ogicheck batch` writes).
"""
