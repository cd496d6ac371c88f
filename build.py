"""Build the news digest: `python build.py [ingest|build|serve] ...` (see README)."""
import sys

from digest.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
