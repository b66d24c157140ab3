"""Where `--output` writes: a regular file atomically, anything else directly, nothing replaced.

A regular file (or a new one) is written to a temporary file in its folder and renamed over it,
so a failed run leaves the old file as it was. A name that is not a regular file - a device, a
FIFO, a terminal, or a name for one of this process's descriptors (`/dev/stdout`) - is written to
as it is: renaming over it would replace `/dev/null` with a file, or lose the pipe.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import tempfile
from pathlib import Path
from typing import Callable, Optional, TextIO

from .errors import FactcheckError

Writer = Callable[[TextIO], None]
_DESCRIPTOR = re.compile(r"^/(?:dev/fd|proc/self/fd)/(?P<fd>\d+)$|^/dev/(?P<std>stdout|stderr)$")


def problem(output: Path) -> Optional[str]:
    """Why an --output cannot be written, known before the run; None when it can be tried."""
    if _descriptor(output) is not None or _special(output):
        return None
    target = output.resolve()
    if target.is_dir():
        return f"{output} is a folder; give a file name"
    if not target.parent.is_dir():
        return f"cannot write {output}: folder {target.parent} does not exist"
    if not os.access(target.parent, os.W_OK):
        return f"cannot write {output}: folder {target.parent} is not writable"
    return None


def write(output: Path, writer: Writer) -> None:
    """Run `writer` on a stream that ends up at `output`; an OSError is one line naming it."""
    try:
        descriptor = _descriptor(output)
        if descriptor is not None:
            _write_descriptor(descriptor, writer)
        elif _special(output):
            with open(output, "w", encoding="utf-8", newline="") as handle:  # never replaced by a rename
                writer(handle)
        else:
            _write_atomically(output.resolve(), writer)
    except OSError as exc:
        raise FactcheckError(f"cannot write {output}: {exc.strerror or exc}") from None


def _descriptor(output: Path) -> Optional[int]:
    """The descriptor a name like /dev/stdout or /dev/fd/3 stands for, else None. Opening the
    name instead would truncate a file the shell opened for appending (`>> log`)."""
    match = _DESCRIPTOR.match(str(output))
    if match is None:
        return None
    return int(match["fd"]) if match["fd"] is not None else {"stdout": 1, "stderr": 2}[match["std"]]


def _special(output: Path) -> bool:
    """Whether the name (links followed) exists and is not a regular file: a device, FIFO, socket."""
    try:
        mode = os.stat(output).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_descriptor(fd: int, writer: Writer) -> None:
    standard = {1: sys.stdout, 2: sys.stderr}.get(fd)
    if standard is not None:  # the stream Python already holds for it, buffered in order
        writer(standard)
        standard.flush()
        return
    with os.fdopen(os.dup(fd), "w", encoding="utf-8", newline="") as handle:
        writer(handle)


def _write_atomically(target: Path, writer: Writer) -> None:
    """A temporary file in the same folder, then a rename: a failed run leaves the old file."""
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.",
                                         suffix=".tmp", delete=False, newline="")
    try:
        with handle:
            writer(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, _file_mode(target))
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def _file_mode(target: Path) -> int:
    """The mode the output gets: the old file's, else what a plain open() would give."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
