"""Run the cleaning in a child process, held to limits, and read its answer back.

The child (``child.py``) limits its own CPU time and memory with the kernel before it reads the
file; this side adds a wall-clock deadline and a cap on what it reads back, kills the child past
either, and reads what the child used (CPU time from ``wait4``, its peak memory from its
answer) so that the log can say what a cleaning cost. The child gets the file on standard input
and no environment but the path to the code: no settings, no keys, no database.
"""

import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from . import Outcome
from .limits import Limits

ROOT = Path(__file__).resolve().parents[2]  # the folder that holds the ``whistleblower`` package
HEADER_BYTES = 64 * 1024


def clean_isolated(content: bytes, content_type: str, limits: Limits | None = None) -> Outcome:
    limits = limits or Limits()
    environment = {
        "PATH": os.environ.get("PATH", os.defpath),
        "PYTHONPATH": str(ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
        "LANG": "C.UTF-8",
    }
    child = subprocess.Popen(  # noqa: S603 - our own interpreter and module, no shell
        [sys.executable, "-m", "whistleblower.sanitize.child", content_type, json.dumps(limits.as_args())],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # a traceback could quote the file
        env=environment,
        cwd=str(ROOT),
        close_fds=True,
    )
    feeder = threading.Thread(target=_feed, args=(child.stdin, content), daemon=True)
    feeder.start()
    answer, problem = _read_answer(child, limits)
    if problem:
        child.kill()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stdout.close()
    feeder.join(timeout=5)
    cpu = usage.ru_utime + usage.ru_stime
    outcome = _outcome(answer, problem, child.returncode, cpu, limits)
    outcome.cpu_seconds = cpu
    return outcome


def _feed(pipe, content: bytes) -> None:
    try:
        pipe.write(content)
    except (BrokenPipeError, OSError):
        pass  # the child stopped before reading it all (a limit): its answer says why
    finally:
        with contextlib.suppress(OSError):
            pipe.close()


def _read_answer(child, limits: Limits) -> tuple[bytes, str]:
    """Everything the child writes, up to the cap and the deadline; or the problem's code."""
    deadline = time.monotonic() + limits.wall_seconds
    cap = limits.output_bytes + HEADER_BYTES
    chunks, size = [], 0
    fd = child.stdout.fileno()
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return b"", "time"
            if not selector.select(timeout=min(remaining, 1.0)):
                continue
            chunk = os.read(fd, 1024 * 1024)
            if not chunk:
                return b"".join(chunks), ""
            size += len(chunk)
            if size > cap:
                return b"", "output"
            chunks.append(chunk)


def _outcome(answer: bytes, problem: str, returncode: int, cpu: float, limits: Limits) -> Outcome:
    if problem:
        return Outcome.refused(problem)
    if returncode < 0:
        stopped_by = -returncode
        if stopped_by == signal.SIGXCPU or (stopped_by == signal.SIGKILL and cpu >= limits.cpu_seconds):
            return Outcome.refused("time")
        if stopped_by == signal.SIGXFSZ:
            return Outcome.refused("output")
        return Outcome.refused(
            "memory" if stopped_by in (signal.SIGKILL, signal.SIGSEGV, signal.SIGABRT) else "damaged"
        )
    line, _newline, data = answer.partition(b"\n")
    try:
        header = json.loads(line[:HEADER_BYTES])
    except ValueError:
        return Outcome.refused("memory" if returncode else "damaged")
    size = header.get("size", -1)
    if size >= 0 and len(data) != size:
        return Outcome.refused("damaged")
    return Outcome(
        status=header["status"],
        data=data if size >= 0 else None,
        removed=list(header.get("removed", [])),
        unchecked=list(header.get("unchecked", [])),
        problem=header.get("problem", ""),
        max_rss_bytes=int(header.get("peak_rss", 0)),
    )
