"""The freedesktop ScreenSaver (Linux and BSD desktops): Inhibit/UnInhibit over D-Bus.

QtDBus is imported where it is first used (a workout asking to keep the screen on), so
starting the window does not load it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Q_ARG, QMetaObject, Qt

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection, QDBusInterface

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
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtDBus import QDBusInterface

        if path in self._interfaces:
            return
        # The application's child (there is one: QtDBus needs it), so Qt destroys it on
        # the GUI thread. Owned by Python, it went with this object, on whatever thread
        # Python's garbage collector freed its window (a page's reader).
        interface = QDBusInterface(SERVICE, path, INTERFACE, bus, QCoreApplication.instance())
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
