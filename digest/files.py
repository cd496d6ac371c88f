"""Files written so that a crash never leaves half of one: the one atomic write, and pickles with a version."""
from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Any


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` through a hidden temporary file beside it, then rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def save_pickle(path: str | Path, version: str, value: Any) -> None:
    """Keep `value` in `path`, marked with `version` (what `load_pickle` must be asked for to read it back)."""
    write_atomically(path, pickle.dumps((version, value), pickle.HIGHEST_PROTOCOL))


def load_pickle(path: str | Path, version: str) -> Any | None:
    """What `save_pickle` kept in `path` with `version`; None when it is missing, of another version or damaged."""
    try:
        with open(path, "rb") as handle:
            kept_version, value = pickle.load(handle)
    except Exception:  # missing, truncated, or pickled by other code: as if there were nothing
        return None
    return value if kept_version == version else None
