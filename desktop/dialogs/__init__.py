"""Dialogs of the desktop app, one per module: about, unexpected error, check options."""
