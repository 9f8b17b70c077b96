"""A real nginx (Debian's package) for the deploy tests: its own configuration, a free loopback port.

Started by the test as a web host runs it: a master process and one worker that runs as an
unprivileged user (``nobody``) when the tests run as root, so a site it serves must be readable
by another user.  Everything it writes (pid, logs, temporary folders) stays in ``work``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
#: the worker's user when the tests run as root (Debian's unprivileged user and group)
WORKER_USER = "nobody nogroup"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Nginx:
    """nginx serving ``root`` with ``server`` (lines for its server block); ``url`` once it answers."""

    def __init__(self, root: Path, work: Path, server: str = ""):
        self.work = work
        work.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        user = f"user {WORKER_USER};\n" if os.geteuid() == 0 else ""
        temp = "".join(
            f"  {kind}_temp_path {work / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (work / "nginx.conf").write_text(
            f"{user}daemon off;\nworker_processes 1;\npid {work / 'nginx.pid'};\nerror_log {work / 'error.log'} warn;\n"
            "events { worker_connections 64; }\n"
            "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n"
            f"{temp}  server {{\n    listen 127.0.0.1:{self.port};\n    root {root};\n{server}\n  }}\n}}\n",
            encoding="utf-8",
        )
        self.process = subprocess.Popen(
            [NGINX, "-e", str(work / "error.log"), "-p", str(work), "-c", str(work / "nginx.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                if self.process.poll() is not None:
                    raise AssertionError(
                        f"nginx did not start: {self.process.stderr.read()}"  # type: ignore[union-attr]
                        f"{self.log()}"
                    ) from None
                if time.monotonic() > deadline:
                    raise AssertionError(f"nginx did not answer: {self.log()}") from None
                time.sleep(0.1)

    def log(self) -> str:
        path = self.work / "error.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def worker_users(self) -> set[str]:
        """The users nginx's worker processes run as (from /proc)."""
        import pwd

        users = set()
        for task in Path("/proc").iterdir():
            try:
                if task.name.isdigit() and (task / "stat").read_text().split()[3] == str(self.process.pid):
                    users.add(pwd.getpwuid(task.stat().st_uid).pw_name)
            except (OSError, IndexError, KeyError):
                continue
        return users

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        """``(status, headers, body)`` of a GET of ``path`` (an error status is an answer, not an exception)."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.status, dict(response.headers.items()), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers.items()), error.read()

    def stop(self) -> None:
        self.process.terminate()  # (SIGTERM: nginx's fast shutdown, the worker ends with the master)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=20)
        if self.process.stderr is not None:
            self.process.stderr.close()
