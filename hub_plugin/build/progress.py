"""Phase and count of a long build on a terminal; nothing in CI logs or pipes."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


def wanted(stream: TextIO = sys.stderr) -> bool:
    return stream.isatty() and not os.environ.get("CI")


class Progress:
    def __init__(self, stream: TextIO = sys.stderr):
        self.stream = stream
        self.enabled = wanted(stream)
        self.label = ""
        self.total = 0
        self.done = 0
        self.shown_at = 0.0

    def start(self, label: str, total: int) -> None:
        self.label, self.total, self.done = label, total, 0

    def tick(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self.shown_at > 0.2 or self.done == self.total):
            self.shown_at = now
            end = "\n" if self.done == self.total else ""
            self.stream.write(f"\rhub: {self.label} {self.done}/{self.total}{end}")
            self.stream.flush()

    @contextmanager
    def phase(self, label: str) -> Iterator[None]:
        started = time.monotonic()
        if self.enabled:
            self.stream.write(f"hub: {label}…")
            self.stream.flush()
        yield
        if self.enabled:
            self.stream.write(f" {time.monotonic() - started:.1f} s\n")
            self.stream.flush()
