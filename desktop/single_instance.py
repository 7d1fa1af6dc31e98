"""One window per user: a second start hands its file paths to the running app over a local socket
(QLocalServer / QLocalSocket) and exits; the running window opens them and comes to the front."""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from desktop.settings import app_data_dir

log = logging.getLogger(__name__)
CONNECT_MS = 500
ACK = b"ok\n"


def server_name() -> str:
    """Per user and per app-data folder (tests and portable installs with their own folder get their own server)."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment: fall back to the numeric id or a constant
        user = str(getattr(os, "getuid", lambda: "user")())
    folder = str(app_data_dir().resolve())
    digest = hashlib.sha1(f"{user}\n{folder}".encode()).hexdigest()[:16]
    return f"ogicheck-{digest}"


def start_lock(timeout_ms: int = 20000) -> QLockFile | None:
    """Held by a start from its hand-over attempt until its server listens (or it handed over). Starts at once
    (several reports opened together from Explorer start the app once per file; a one-file exe takes a second to
    unpack before it gets here) then take turns: the later ones find the first listening and hand over their files,
    rather than each opening a window of its own on the same set. None when the lock could not be had in time
    (a start that hangs): the start goes on without it, as before. A lock left by a killed process is stale."""
    lock = QLockFile(str(app_data_dir() / f"{server_name()}.lock"))
    return lock if lock.tryLock(timeout_ms) else None


def hand_over(paths: list[str], name: str | None = None, timeout_ms: int = 3000) -> bool:
    """Send `paths` (absolute) to a running app; True when it took them (this process should then exit)."""
    sock = QLocalSocket()
    sock.connectToServer(name or server_name())
    if not sock.waitForConnected(CONNECT_MS):
        return False  # nobody listening (or a stale socket file): this process becomes the window
    payload = json.dumps([os.path.abspath(p) for p in paths], ensure_ascii=False).encode("utf-8") + b"\n"
    sock.write(payload)
    if not sock.waitForBytesWritten(timeout_ms):
        return False
    answer = b""
    while ACK not in answer and sock.waitForReadyRead(timeout_ms):
        answer += bytes(sock.readAll().data())
    sock.disconnectFromServer()
    return ACK in answer


class InstanceServer(QObject):
    """Listens for later starts; `filesReceived` carries their paths (an empty list: just come to the front)."""

    filesReceived = Signal(list)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        if self.server.listen(self.name):
            log.info("single instance: listening on %s", self.name)
            return True
        if self.server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            # a socket file left by a killed process: nobody answered hand_over, so it is stale
            QLocalServer.removeServer(self.name)
            if self.server.listen(self.name):
                log.info("single instance: removed a stale socket, listening on %s", self.name)
                return True
        log.warning("single instance: cannot listen on %s: %s", self.name, self.server.errorString())
        return False

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            self._buffers[sock] = b""
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: self._drop(s))

    def _read(self, sock: QLocalSocket) -> None:
        data = self._buffers.get(sock, b"") + bytes(sock.readAll().data())
        self._buffers[sock] = data
        if b"\n" not in data:
            return
        line = data.split(b"\n", 1)[0]
        try:
            paths = [str(p) for p in json.loads(line.decode("utf-8")) if isinstance(p, str)]
        except (ValueError, TypeError):
            log.warning("single instance: ignored a malformed message")
            paths = []
        sock.write(ACK)
        sock.flush()
        self._buffers[sock] = b""
        log.info("single instance: received %d path(s)", len(paths))
        self.filesReceived.emit(paths)

    def _drop(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        sock.deleteLater()


def bring_to_front(window: object) -> None:
    """Restore a minimised window, raise it and ask the window manager to activate it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    assert isinstance(window, QWidget)
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
