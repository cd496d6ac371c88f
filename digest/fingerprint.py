"""Fingerprints: a hash of exactly the data a page is made from, so a page is re-rendered only when it changes.

A value is hashed through pickle in "fast" mode (no memo: equal values give equal bytes however they share
objects): every field of every dataclass, every item of every sequence, strings with their type (Markup is
not str under autoescape), dates, functions by name. Pickle walks the objects in C, which is what makes a
no-change build of 10,000 articles fast. Big shared objects (stories, groups, list heads, the site) are hashed
once per build and stand in for themselves by their digest inside other values.
"""
from __future__ import annotations

import hashlib
import io
import pickle


def _reference(digest: bytes) -> bytes:
    """What a shared object is replaced by inside another value's pickle (never called: pickles are hashed)."""
    return digest


class Fingerprints:
    """Hashes values; objects of the `shared` types are hashed once and then stand in by digest.

    `leaves` are shared types that hold no shared object (a story): pickled without any Python hook, or, when
    the object carries a non-empty `fingerprint` (a hash of exactly what it was made from), not at all.
    """

    def __init__(self, shared: tuple[type, ...] = (), leaves: tuple[type, ...] = ()):
        self.shared = frozenset(shared) | frozenset(leaves)
        self.leaves = frozenset(leaves)
        self._memo: dict[int, tuple[object, bytes]] = {}
        # Looked up by the C pickler for each object's exact type: other objects cost no Python call.
        self._table = {kind: self._reduce for kind in self.shared}

    def _reduce(self, obj: object) -> tuple:
        return _reference, (self.digest(obj),)

    def _pickle(self, value: object, table: dict | None) -> bytes:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.fast = True  # no memo: the bytes depend on values only, not on which objects are shared
        if table:
            pickler.dispatch_table = table
        pickler.dump(value)
        return buffer.getvalue()

    def of(self, *values: object) -> str:
        """Hex digest of `values`."""
        return hashlib.sha256(self._pickle(values, self._table)).hexdigest()[:40]

    def digest(self, value: object) -> bytes:
        """Binary digest of one shared value, computed once per build."""
        key = id(value)
        found = self._memo.get(key)
        if found is not None and found[0] is value:
            return found[1]
        kind = type(value)
        given = getattr(value, "fingerprint", "") if kind in self.leaves else ""
        if given:
            result = bytes.fromhex(given)
        else:  # the object's own fields (the object itself would only stand for its digest again)
            own = (kind.__module__, kind.__qualname__, tuple(value) if isinstance(value, tuple) else vars(value))
            result = hashlib.sha256(self._pickle(own, None if kind in self.leaves else self._table)).digest()
        self._memo[key] = (value, result)  # keeps `value` alive, so its id is not reused this build
        return result


def plain_digest(value: object) -> str:
    """Hex digest of a value that holds no shared object (pickled in fast mode, as above)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(value)
    return hashlib.sha256(buffer.getvalue()).hexdigest()
