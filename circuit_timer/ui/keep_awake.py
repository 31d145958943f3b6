"""Keep the screen awake during a workout (freedesktop ScreenSaver inhibit over D-Bus).

`KeepAwake` is what the session controller uses: `hold()` when a workout starts or
resumes, `release()` on pause, finish or close. The D-Bus work is done by a backend,
`FreedesktopScreenSaver` by default, so tests can pass a fake one. Nothing here ever
raises because D-Bus is missing: a workout that cannot keep the screen awake is still a
workout.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import weakref
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Q_ARG, QMetaObject, Qt

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection, QDBusInterface

# QtDBus is imported where it is first used (a workout asking to keep the screen on), so
# starting the window does not load it.

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.ScreenSaver"
INTERFACE = "org.freedesktop.ScreenSaver"
# The standard path first; older KDE and some other desktops only answer on "/ScreenSaver".
PATHS = ("/org/freedesktop/ScreenSaver", "/ScreenSaver")
# Long enough for a busy desktop, short enough that a hung service cannot freeze the window.
DEFAULT_TIMEOUT_MS = 500

# Errors that mean "not at this path": worth trying the next one. Anything else (no such
# service, a timeout, an error from the service) means trying again will not help.
_WRONG_PATH_ERRORS = frozenset(
    {
        "org.freedesktop.DBus.Error.UnknownObject",
        "org.freedesktop.DBus.Error.UnknownMethod",
        "org.freedesktop.DBus.Error.UnknownInterface",
    }
)


class ScreenSaverBackend(Protocol):
    """Something that can stop the screen from blanking."""

    def inhibit(self, application: str, reason: str) -> int | None:
        """Ask for the screen to stay on; return the cookie, or None when unavailable."""
        ...

    def uninhibit(self, cookie: int) -> None:
        """Withdraw the request identified by `cookie`."""
        ...


class FreedesktopScreenSaver:
    """The org.freedesktop.ScreenSaver Inhibit/UnInhibit calls, through QtDBus.

    Never raises: no session bus, no such service, an error reply or a timeout make
    `inhibit` return None (and `uninhibit` do nothing), logged at debug level. Each call
    waits at most `timeout_ms`.
    """

    def __init__(
        self,
        connection: QDBusConnection | None = None,
        timeout_ms: int = DEFAULT_TIMEOUT_MS,
    ) -> None:
        """Use `connection`, or the session bus, looked up at first use.

        Qt reads DBUS_SESSION_BUS_ADDRESS when the session bus is first used, so
        constructing this object costs nothing and touches no bus.
        """
        self._connection = connection
        self._timeout_ms = timeout_ms
        # Which path issued each cookie, so UnInhibit goes to the object that holds it.
        self._paths: dict[int, str] = {}
        # One interface per path that answered, kept to send UnInhibit with a typed uint.
        self._interfaces: dict[str, QDBusInterface] = {}

    def _bus(self) -> QDBusConnection | None:
        from PySide6.QtDBus import QDBusConnection

        if self._connection is None:
            self._connection = QDBusConnection.sessionBus()
        if not self._connection.isConnected():
            log.debug("keep-awake: no D-Bus: %s", self._connection.lastError().message())
            return None
        return self._connection

    def inhibit(self, application: str, reason: str) -> int | None:
        """Call Inhibit(s, s) -> u; return the cookie, or None when that failed."""
        try:
            from PySide6.QtDBus import QDBus, QDBusMessage

            bus = self._bus()
            if bus is None:
                return None
            for path in PATHS:
                message = QDBusMessage.createMethodCall(SERVICE, path, INTERFACE, "Inhibit")
                message.setArguments([application, reason])
                reply = bus.call(message, QDBus.CallMode.Block, self._timeout_ms)
                if reply.type() == QDBusMessage.MessageType.ReplyMessage:
                    arguments = reply.arguments()
                    if arguments and isinstance(arguments[0], int):
                        cookie = int(arguments[0])
                        self._paths[cookie] = path
                        self._prepare_interface(bus, path)
                        return cookie
                    log.debug("keep-awake: unexpected Inhibit reply %r", arguments)
                    return None
                log.debug(
                    "keep-awake: Inhibit at %s failed: %s %s",
                    path,
                    reply.errorName(),
                    reply.errorMessage(),
                )
                if reply.errorName() not in _WRONG_PATH_ERRORS:
                    return None
        except Exception:  # a broken binding must not stop a workout
            log.debug("keep-awake: Inhibit raised", exc_info=True)
        return None

    def _prepare_interface(self, bus: QDBusConnection, path: str) -> None:
        """Build (once) the introspected interface used to send UnInhibit.

        PySide6 sends a Python int as D-Bus `i` (and QDBusArgument picks `q`), but
        UnInhibit takes `u`, and real services refuse the wrong signature. A
        QDBusInterface learns the method's types by introspection, and invoking its
        `UnInhibit(uint)` meta-method marshals a true uint32. Its constructor
        introspects with Qt's default (long) timeout, so it is built here, right after
        the service answered Inhibit within our short timeout, and not later.
        """
        from PySide6.QtDBus import QDBusInterface

        if path in self._interfaces:
            return
        interface = QDBusInterface(SERVICE, path, INTERFACE, bus)
        interface.setTimeout(self._timeout_ms)
        self._interfaces[path] = interface

    def uninhibit(self, cookie: int) -> None:
        """Call UnInhibit(u cookie); failures are logged at debug level and ignored."""
        try:
            from PySide6.QtDBus import QDBus, QDBusMessage

            path = self._paths.pop(cookie, PATHS[0])
            bus = self._bus()
            if bus is None:
                return
            interface = self._interfaces.get(path)
            if (
                interface is not None
                and interface.isValid()
                and interface.metaObject().indexOfMethod("UnInhibit(uint)") >= 0
            ):
                invoked = QMetaObject.invokeMethod(
                    interface,
                    "UnInhibit",
                    Qt.ConnectionType.DirectConnection,
                    Q_ARG("uint", cookie),
                )
                error = interface.lastError()
                if not invoked or error.isValid():
                    log.debug("keep-awake: UnInhibit failed: %s", error.message())
                return
            # No introspection data: send the plain call; a lenient service may take it.
            message = QDBusMessage.createMethodCall(SERVICE, path, INTERFACE, "UnInhibit")
            message.setArguments([cookie])
            reply = bus.call(message, QDBus.CallMode.Block, self._timeout_ms)
            if reply.type() != QDBusMessage.MessageType.ReplyMessage:
                log.debug("keep-awake: UnInhibit failed: %s", reply.errorMessage())
        except Exception:  # a broken binding must not stop a workout
            log.debug("keep-awake: UnInhibit raised", exc_info=True)


class KeepAwake:
    """Hold the screen awake while a workout runs.

    `hold()` asks the backend once (calling it again while held does nothing);
    `release()` withdraws the request (also idempotent). `held` means "we asked": it is
    True after `hold()` even when the backend had no screensaver to ask, in which case
    `cookie` is None.

    On a crash: a freedesktop screensaver drops an inhibit when its caller leaves the
    bus, so even a killed process releases it. Besides that, an `atexit` hook releases
    every KeepAwake still held when the interpreter exits, normally or through an
    uncaught exception, and `__del__` releases defensively if the object is dropped
    while held.
    """

    def __init__(
        self, backend: ScreenSaverBackend | None = None, application: str = "circuit-timer"
    ) -> None:
        """Use `backend` (default: `FreedesktopScreenSaver` on the session bus)."""
        self._backend: ScreenSaverBackend = (
            backend if backend is not None else FreedesktopScreenSaver()
        )
        self._application = application
        self._held = False
        self._cookie: int | None = None

    @property
    def held(self) -> bool:
        """True between `hold()` and `release()`, whether or not the backend could help."""
        return self._held

    @property
    def cookie(self) -> int | None:
        """The backend's cookie while held, or None."""
        return self._cookie

    def hold(self, reason: str = "Workout in progress") -> None:
        """Ask for the screen to stay on, unless already held."""
        if self._held:
            return
        self._held = True
        _HELD.add(self)
        try:
            self._cookie = self._backend.inhibit(self._application, reason)
        except Exception:  # keeping the screen on is a nicety
            log.debug("keep-awake: backend inhibit raised", exc_info=True)
            self._cookie = None

    def release(self) -> None:
        """Let the screen blank again, if held."""
        if not self._held:
            return
        cookie, self._cookie, self._held = self._cookie, None, False
        _HELD.discard(self)
        if cookie is None:
            return
        try:
            self._backend.uninhibit(cookie)
        except Exception:  # keeping the screen on is a nicety
            log.debug("keep-awake: backend uninhibit raised", exc_info=True)

    def __del__(self) -> None:
        # Late in interpreter shutdown anything may be gone; never let that surface.
        with contextlib.suppress(Exception):
            self.release()


# Held instances, weakly: the exit hook must not keep a dropped KeepAwake alive.
_HELD: weakref.WeakSet[KeepAwake] = weakref.WeakSet()


def _release_all() -> None:
    """Release every KeepAwake still held; runs at interpreter exit."""
    for keep_awake in list(_HELD):
        keep_awake.release()


# Registered after PySide6 is imported above, so it runs before PySide6's own exit
# clean-up (atexit runs hooks last-in, first-out).
atexit.register(_release_all)
