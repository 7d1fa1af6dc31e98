"""年报核查 desktop app (PySide6): the officer's review window over the Qt-free `core` package."""
