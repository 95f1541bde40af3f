"""The bounds every cleaning runs within, and the error that says which one was hit.

A file from an anonymous reporter may be built to cost as much as possible: a zip that inflates
a thousandfold, a picture declared as a billion pixels, a document nested in a document. Each
cleaner checks the declared sizes before it starts and counts the real ones as it goes; the
process it runs in (``isolated``) is held to a CPU time, a memory size and an output size by the
kernel and the parent, so a case no check foresaw still ends.
"""

from dataclasses import asdict, dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int = 20
    wall_seconds: int = 60
    memory_bytes: int = 1024 * MB
    output_bytes: int = 64 * MB
    # Unpacked (a zip's members, nested ones included): at most this much in all, and beyond
    # ``ratio_floor_bytes`` at most ``max_ratio`` times the packed size.
    unpacked_bytes: int = 200 * MB
    ratio_floor_bytes: int = 16 * MB
    max_ratio: int = 100
    max_members: int = 5000
    max_depth: int = 2  # a document embedded in a document embedded in a document
    # Pictures: pixels of one frame, and frames (pages) of one file.
    max_pixels: int = 50_000_000
    max_frames: int = 200
    max_pdf_pages: int = 2000

    def as_args(self) -> dict:
        return asdict(self)


class LimitExceeded(Exception):
    """A bound was hit. ``code`` names which (see ``PROBLEMS`` in whistleblower.cleaning)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


class Uncleanable(Exception):
    """The file cannot be cleaned, for a reason that is not a limit: ``code`` says which."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


class Budget:
    """Bytes unpacked so far, shared by a file and everything nested in it."""

    def __init__(self, limits: Limits, packed_size: int):
        self.limits = limits
        self.packed_size = max(packed_size, 1)
        self.unpacked = 0

    def allowed(self) -> int:
        by_ratio = max(self.limits.ratio_floor_bytes, self.packed_size * self.limits.max_ratio)
        return min(self.limits.unpacked_bytes, by_ratio)

    def take(self, n: int) -> None:
        self.unpacked += n
        if self.unpacked > self.allowed():
            raise LimitExceeded("size")
