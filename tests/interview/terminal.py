"""Drive the real ``twitchcheck`` program in a pseudo-terminal (stdlib ``pty``), like a person.

The child gets the pty as its controlling terminal (``pty.fork``), so Ctrl-C typed as ``\\x03``
reaches it as SIGINT exactly as from a keyboard.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

EXE = Path(sys.executable).with_name("twitchcheck")
READ_SYSCALL = {"x86_64": "0", "aarch64": "63"}.get(os.uname().machine, "0")  # read(2)
READS_IN_A_ROW = 2
POLL_SECONDS = 0.02
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\r")


class Terminal:
    """One running program on a pty: ``expect`` what it prints, ``send`` what a person types."""

    def __init__(self, *args: str, env: dict[str, str], columns: int = 110) -> None:
        argv = [str(EXE), *args]
        pid, fd = pty.fork()
        if pid == 0:  # the child: become the program
            try:
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
        self.output = ""
        self._seen = 0
        self.status: int | None = None

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the program ended and closed the terminal
            chunk = b""
        if not chunk:
            raise EOFError("the program ended")
        self.output += _ANSI.sub("", chunk.decode("utf-8", "replace"))
        return True

    def expect(self, pattern: str, timeout: float = 30.0) -> re.Match[str]:
        """Wait until ``pattern`` (a regex) appears in new output; return the match."""
        deadline = time.monotonic() + timeout
        regex = re.compile(pattern)
        while True:
            match = regex.search(self.output, self._seen)
            if match:
                self._seen = match.end()
                return match
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(
                    f"timed out waiting for {pattern!r}; last output:\n{self.output[-1500:]}"
                )
            try:
                self._read(min(left, 0.5))
            except EOFError:
                match = regex.search(self.output, self._seen)
                if match:
                    self._seen = match.end()
                    return match
                raise AssertionError(
                    f"program ended before {pattern!r}; output:\n{self.output[-1500:]}"
                ) from None

    def send(self, line: str) -> None:
        """Type a line and press Enter."""
        os.write(self.fd, line.encode() + b"\r")

    def ctrl_c(self) -> None:
        """Press Ctrl-C once the program waits for the keyboard (as a person would: after the
        prompt is shown and the program is reading). On a loaded machine the prompt can be on
        the screen a while before the program reaches ``input()``; a SIGINT in between would
        test something else, so this waits for the read first (Linux: ``/proc/PID/syscall``)."""
        self.wait_reading()
        os.write(self.fd, b"\x03")

    def wait_reading(self, timeout: float = 30.0) -> None:
        """Wait until the program is blocked reading its terminal (standard input). Where the
        kernel does not say (not Linux), return at once."""
        where = Path(f"/proc/{self.pid}/syscall")
        deadline = time.monotonic() + timeout
        stable = 0
        while time.monotonic() < deadline:
            try:
                fields = where.read_text().split()
            except OSError:
                return  # no /proc (or not allowed to look): nothing better to wait for
            # "0 0x0 ..." on x86-64: read(2) on file descriptor 0; twice in a row, so it is
            # the blocking read of input(), not a passing one.
            reading = len(fields) > 1 and fields[0] == READ_SYSCALL and int(fields[1], 16) == 0
            stable = stable + 1 if reading else 0
            if stable >= READS_IN_A_ROW:
                return
            time.sleep(POLL_SECONDS)
        raise AssertionError("the program never waited for the keyboard")

    def kill(self) -> None:
        """SIGKILL: no clean-up code of the program runs."""
        os.kill(self.pid, signal.SIGKILL)
        self.wait()

    def wait(self, timeout: float = 30.0) -> int:
        """Wait for the program to end (reading what is left); its exit code (-N: signal N)."""
        deadline = time.monotonic() + timeout
        while self.status is None:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                raise AssertionError("the program did not end")
            try:
                self._read(0.1)
            except EOFError:
                time.sleep(0.05)
        try:
            while self._read(0.05):
                pass
        except EOFError:
            pass
        os.close(self.fd)
        return self.status

    def close(self) -> None:
        if self.status is None:
            os.kill(self.pid, signal.SIGKILL)
            self.wait()
