"""Rendering: the hub's parts of pages through escaping templates (``templates/``), the sanitiser for
contributors' Markdown, the Content-Security-Policy every page carries, and the open-data exports."""
