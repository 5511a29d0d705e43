"""`make clean`: remove the site a build wrote, and what killed builds left next to it.

Usage: python3 tools/clean.py OUTPUT_DIR

It makes the build's own checks first (tools/output_dir.py) and takes the build's lock, so it
never deletes a folder no build wrote, and waits for a running build instead of pulling its
staging folder away. A symlinked output keeps its link and a mount point stays mounted: only
the site inside goes. Exit status 2 when it refuses. Needs only the standard library.
"""

import logging
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from tools.output_dir import OutputDir, UnsafeOutputError


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    logging.basicConfig(format="%(levelname)s: %(message)s")
    try:
        OutputDir(args[0]).clean()
    except UnsafeOutputError as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
