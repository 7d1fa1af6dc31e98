"""Everything the checker writes for one report: corrected workbook, standardized text, summary, JSON."""
