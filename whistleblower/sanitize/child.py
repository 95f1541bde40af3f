"""The child process: ``python -m whistleblower.sanitize.child <content type> <limits as JSON>``
reads a file on standard input and writes one JSON line (status, findings, problem, size) and
the cleaned copy on standard output.

It holds itself to the limits before it reads a byte: CPU time and address space (the kernel
stops it past them), no files written, no core dumps. It gets no secrets (the parent passes no
environment but the path) and writes nothing but its answer; errors are codes.
"""

import json
import resource
import sys

from . import Outcome, clean
from .limits import Limits


def _hold_to(limits: Limits) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _peak_rss() -> int:
    """The most memory this program held (after exec: the kernel's rusage of a child counts
    the parent's memory it was forked from)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def main() -> int:
    content_type, limits = sys.argv[1], Limits(**json.loads(sys.argv[2]))
    _hold_to(limits)
    content = sys.stdin.buffer.read()
    try:
        outcome = clean(content, content_type, limits)
    except MemoryError:
        outcome = Outcome.refused("memory")
    header = {
        "status": outcome.status,
        "removed": outcome.removed,
        "unchecked": outcome.unchecked,
        "problem": outcome.problem,
        "size": len(outcome.data) if outcome.data is not None else -1,
        "peak_rss": _peak_rss(),
    }
    out = sys.stdout.buffer
    out.write(json.dumps(header).encode("ascii") + b"\n")
    if outcome.data is not None:
        out.write(outcome.data)
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
