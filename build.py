"""Build the news digest: `python build.py [ingest|build|serve] ...` (see README)."""
import gc
import sys

from digest.cli import main

if __name__ == "__main__":
    status = main(sys.argv[1:])
    # The process ends here: Python's last full collection would walk the whole site model to free nothing
    # that matters (a quarter of a second at 10,000 articles). Frozen objects are left out of it.
    gc.freeze()
    sys.exit(status)
