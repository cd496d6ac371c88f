"""Live preview's engine: watch the sources, debounce bursts of saves, rebuild, and tell the browsers."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from digest.errors import DigestError

QUIET_SECONDS = 0.15  # a burst of saves (an editor, a git checkout) ends after this much silence
FOLLOW_UP_SECONDS = 1.0  # the follow-up of a rebuild starts after this much more
MAX_WAIT_SECONDS = 2.0  # …or after this long, so a never-ending stream still rebuilds
_IGNORED_SUFFIXES = (".tmp", ".swp", ".swx", "~", ".part")


def is_relevant(path: str) -> bool:
    """False for editor swap files, our own temporary files, hidden files and the ingest manifest."""
    name = Path(path).name
    return bool(name) and not name.startswith((".", "#")) and not name.endswith(_IGNORED_SUFFIXES)


@dataclass(frozen=True)
class Change:
    """What changed in one debounced burst."""

    paths: frozenset[Path]

    @property
    def styles_only(self) -> bool:
        """True when only stylesheets changed: the browser can swap them without a reload."""
        return bool(self.paths) and all(p.suffix == ".css" for p in self.paths)

    def touches(self, folder: Path) -> bool:
        """True when a changed path lies inside `folder`."""
        folder = folder.resolve()
        return any(folder == p or folder in p.parents for p in self.paths)


class Debouncer:
    """Collects paths from watchdog's thread and hands them out as one Change per burst."""

    def __init__(self, quiet: float = QUIET_SECONDS, max_wait: float = MAX_WAIT_SECONDS):
        self._quiet, self._max_wait = quiet, max_wait
        self._paths: set[Path] = set()
        self._first = self._last = 0.0
        self._cond = threading.Condition()

    def add(self, path: str) -> None:
        """Record a changed path (called from the watcher thread)."""
        if not is_relevant(path):
            return
        with self._cond:
            now = time.monotonic()
            if not self._paths:
                self._first = now
            self._paths.add(Path(path).resolve())
            self._last = now
            self._cond.notify_all()

    def wait(self, stop: threading.Event) -> Change | None:
        """Block until a burst has ended; None when `stop` is set first."""
        with self._cond:
            while not stop.is_set():
                if self._paths:
                    now = time.monotonic()
                    due = min(self._last + self._quiet, self._first + self._max_wait)
                    if now >= due:
                        change = Change(frozenset(self._paths))
                        self._paths.clear()
                        return change
                    self._cond.wait(due - now)
                else:
                    self._cond.wait(0.5)
        return None

    def settle(self, stop: threading.Event, seconds: float) -> bool:
        """Wait until `seconds` have passed without a save; False as soon as one comes (or `stop` is set)."""
        deadline = time.monotonic() + seconds
        with self._cond:
            while not self._paths and not stop.is_set():
                left = deadline - time.monotonic()
                if left <= 0:
                    return True
                self._cond.wait(left)
        return False

    def pending(self) -> bool:
        """True when saves are waiting for the next rebuild."""
        with self._cond:
            return bool(self._paths)

    def discard(self, paths: set[Path]) -> None:
        """Forget changes we caused ourselves (files ingest just wrote)."""
        with self._cond:
            self._paths -= {p.resolve() for p in paths}


class _Handler(FileSystemEventHandler):
    def __init__(self, debouncer: Debouncer):
        self._debouncer = debouncer

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.is_directory and event.event_type == "modified":
            return  # a folder's mtime changes with every file saved in it: the file's own event says more
        self._debouncer.add(event.src_path)
        if getattr(event, "dest_path", ""):
            self._debouncer.add(event.dest_path)


def start_observer(folders: list[Path], debouncer: Debouncer) -> Observer:
    """Watch `folders` (those that exist) recursively, feeding `debouncer`."""
    observer = Observer()
    handler = _Handler(debouncer)
    for folder in folders:
        if folder.is_dir():
            observer.schedule(handler, str(folder), recursive=True)
    observer.daemon = True
    observer.start()
    return observer


class Watcher:
    """Runs `rebuild(change)` after each burst; reports success or the one-line error to `notify`."""

    def __init__(self, folders: list[Path], rebuild: Callable[[Change], set[Path]],
                 notify: Callable[[Change, str | None], None], idle: Callable[[], None] = lambda: None):
        self.debouncer = Debouncer()
        self._folders, self._rebuild, self._notify, self._idle = folders, rebuild, notify, idle
        self._stop = threading.Event()
        self._observer: Observer | None = None
        self._thread = threading.Thread(target=self._loop, name="rebuild", daemon=True)

    def start(self) -> None:
        """Start watching and rebuilding."""
        self._observer = start_observer(self._folders, self.debouncer)
        self._thread.start()

    def stop(self) -> None:
        """Stop watching; waits for a rebuild under way."""
        self._stop.set()
        if self._observer:
            self._observer.stop()
            self._observer.join(timeout=5)
        self._thread.join(timeout=30)

    def _loop(self) -> None:
        while (change := self.debouncer.wait(self._stop)) is not None:
            try:
                written = self._rebuild(change)
            except DigestError as error:
                self._notify(change, str(error))
                continue
            except Exception as error:  # a bug must not kill the server: show it like any other error
                self._notify(change, f"internal error: {type(error).__name__}: {error}")
                continue
            self.debouncer.discard(written)
            self._notify(change, None)
            # Follow-up work (the whole build after a quick preview, the search index) waits for a pause in
            # the saves: one who saves every second sees each save at once, and the site is exact a moment
            # after they stop.
            if self.debouncer.settle(self._stop, FOLLOW_UP_SECONDS):
                self._run_idle(change)

    def _run_idle(self, change: Change) -> None:
        try:
            self._idle()
        except DigestError as error:
            self._notify(change, str(error))
        except Exception as error:
            self._notify(change, f"internal error: {type(error).__name__}: {error}")
