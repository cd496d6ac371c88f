"""A second build of the same output folder refuses with a message while the first one runs."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from digest.errors import DigestError
from digest.lock import exclusive, lock_path


def test_second_build_refuses_while_the_first_holds_the_lock(tmp_path):
    out = tmp_path / "dist"
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from digest.lock import exclusive
        with exclusive({str(out)!r}):
            print("locked", flush=True)
            time.sleep(30)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(DigestError, match=rf"^{out}: another build \(pid {holder.pid}\) is writing it; wait"), \
                exclusive(out):
            pass
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    with exclusive(out):  # kill -9 released it
        assert lock_path(out).exists()
