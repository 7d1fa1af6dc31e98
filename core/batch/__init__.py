"""Many reports at once: checking a folder, its summary workbook and the region's totals."""
