"""年报核查 core: reading, checking and exporting 政府信息公开工作年度报告. Plain Python; never imports Qt."""

__version__ = "0.1.0"
