"""Hostile input (issue 17): nothing is replaced that is not ours, one bad file never loses the
run, and the library and the store take what a user hands them."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

from test_reliability import FACTCHECK, SENTENCE, one_error_line, run, warnings_of

from conftest import write


# ---------------------------------------------------------------------------------- --output

def _reader(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    """A thread that reads the FIFO to its end, as `cat fifo` would."""
    got: list[bytes] = []

    def read():
        with open(fifo, "rb") as handle:
            got.append(handle.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread, got


def test_output_to_a_fifo_is_written_through_it_and_the_fifo_stays(capsys, seed_store, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    thread, got = _reader(fifo)
    code, out, err = run(capsys, "conflicts", "--all", "--db", str(seed_store.db), "--format", "json", "--output", str(fifo))
    thread.join(30)
    assert code == 0 and out == "" and err == ""
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(got[0])["groups"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no temporary file beside it


def test_output_to_a_device_is_written_to_and_the_device_stays(capsys, seed_store, tmp_path):
    """As root, a character device of our own (the null device's numbers); as anyone else, who
    cannot make one, /dev/null itself, which must stay the device it is."""
    if os.geteuid() == 0:
        device = tmp_path / "null"
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    else:
        device = Path(os.devnull)
    before = os.lstat(device)
    code, out, err = run(capsys, "conflicts", "--all", "--db", str(seed_store.db), "--format", "json", "--output", str(device))
    assert code == 0 and out == "" and err == ""
    after = os.lstat(device)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_output_to_dev_stdout_into_a_pipe_writes_the_data_there(seed_store, tmp_path):
    db = seed_store.copy_db(tmp_path / "s.db")
    done = subprocess.run([FACTCHECK, "conflicts", "--all", "--db", str(db), "--format", "json", "-o", "/dev/stdout"],
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["groups"]


def test_output_to_dev_stdout_appends_to_a_file_opened_for_appending(seed_store, tmp_path):
    db = seed_store.copy_db(tmp_path / "s.db")
    log = tmp_path / "log.txt"
    log.write_text("first line\n", encoding="utf-8")
    with open(log, "a", encoding="utf-8") as handle:
        done = subprocess.run([FACTCHECK, "conflicts", "--all", "--db", str(db), "--format", "jsonl", "-o", "/dev/stdout"],
                              stdout=handle, stderr=subprocess.PIPE, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "first line" and all(json.loads(line)["verdict"] for line in lines[1:]) and len(lines) > 1
