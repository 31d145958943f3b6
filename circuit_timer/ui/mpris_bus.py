"""The MPRIS 2 object itself, on a D-Bus connection through QtDBus.

Imported only by ui/mpris.py when a workout first goes on the bus, so starting the window
does not load QtDBus. A QDBusVirtualObject takes every message sent to the object's path
(PySide6 cannot export typed properties and slots on several interfaces as C++ adaptors
do): this module answers Introspect, Get, GetAll and Set itself, passes method calls to
the ``Player`` (ui/mpris.py's MediaRemote) and sends PropertiesChanged.

D-Bus types: PySide6 marshals a Python int as int32 when it fits, but MPRIS types
``Position`` and ``mpris:length`` as int64 (``x``), and a GLib client (playerctl, GNOME
Shell) reading an int32 there gets a critical and 0. PySide6 binds QDBusArgument's
``<< qlonglong`` but always picks its ``<< ushort`` for a Python int, so ``int64`` calls
the qlonglong one through ctypes (where Qt's D-Bus library cannot be found that way, the
value goes as int32, as before). String lists go out as ``as`` even when empty (a bare
empty list would be ``av``, and a GDBus client drops a PropertiesChanged that is not
``sa{sv}as``).
"""

from __future__ import annotations

import ctypes
import functools
import logging
import os
from collections.abc import Callable
from typing import Protocol

import shiboken6
from PySide6.QtCore import QMetaType, QObject
from PySide6.QtDBus import (
    QDBusArgument,
    QDBusConnection,
    QDBusMessage,
    QDBusVariant,
    QDBusVirtualObject,
)

log = logging.getLogger(__name__)

PATH = "/org/mpris/MediaPlayer2"
ROOT = "org.mpris.MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"
# MPRIS has no "this set is done": our own interface says it.
WORKOUT = "io.github.circuit_timer.Workout"
PROPERTIES = "org.freedesktop.DBus.Properties"
INTROSPECTABLE = "org.freedesktop.DBus.Introspectable"
PEER = "org.freedesktop.DBus.Peer"

# Every property of ours is read-only: a desktop cannot change the workout's rate or
# volume, and seeking would rewrite the time a runner trusts.
PROPERTY_TYPES: dict[str, dict[str, str]] = {
    ROOT: {
        "CanQuit": "b", "CanRaise": "b", "HasTrackList": "b", "Identity": "s",
        "DesktopEntry": "s", "SupportedUriSchemes": "as", "SupportedMimeTypes": "as",
    },
    PLAYER: {
        "PlaybackStatus": "s", "Rate": "d", "MinimumRate": "d", "MaximumRate": "d",
        "Metadata": "a{sv}", "Volume": "d", "Position": "x", "CanGoNext": "b",
        "CanGoPrevious": "b", "CanPlay": "b", "CanPause": "b", "CanSeek": "b",
        "CanControl": "b",
    },
    WORKOUT: {},
}  # fmt: skip
METHODS: dict[str, tuple[str, ...]] = {
    ROOT: ("Raise", "Quit"),
    PLAYER: ("Next", "Previous", "Pause", "PlayPause", "Stop", "Play"),
    WORKOUT: ("Done", "Skip"),
}
# The ints MPRIS types as int64: properties of type x and the metadata's length.
INT64 = {
    name for types in PROPERTY_TYPES.values() for name, kind in types.items() if kind == "x"
} | {"mpris:length"}
# Methods with arguments we accept and ignore (no seeking, no opening files).
IGNORED = {"Seek": "x", "SetPosition": "ox", "OpenUri": "s"}


class Player(Protocol):
    """What the bus object asks of the workout (ui/mpris.py's MediaRemote)."""

    def properties(self, interface: str) -> dict[str, object]:
        """The values of ``interface``'s properties now."""
        ...

    def invoke(self, interface: str, method: str) -> None:
        """Do what ``interface``'s ``method`` (one of METHODS) asks."""
        ...


def strings(values: list[str]) -> QDBusArgument | list[str]:
    """``values`` as a D-Bus string array (``as``), empty or not. A non-empty list of
    str goes as a QStringList; an empty one must be spelled out (QDBusArgument's ``<<``
    takes a str for a sequence, so it is no way to add the items)."""
    if values:
        return values
    argument = QDBusArgument()
    argument.beginArray(QMetaType(QMetaType.Type.QString))
    argument.endArray()
    return argument


@functools.cache
def _int64_writer() -> Callable[[int, int], object] | None:
    """QDBusArgument::operator<<(qlonglong) of the Qt this process runs, or None."""
    try:
        # RTLD_NOLOAD: only the library PySide6 loaded, never a second Qt from the system.
        library = ctypes.CDLL("libQt6DBus.so.6", mode=os.RTLD_NOLOAD)
        write = library["_ZN13QDBusArgumentlsEx"]
    except (OSError, AttributeError):
        log.info("media controls: no int64 here; Position and length go as int32")
        return None
    write.argtypes = [ctypes.c_void_p, ctypes.c_longlong]
    write.restype = ctypes.c_void_p
    return write


def int64(value: int) -> QDBusArgument | int:
    """``value`` as a D-Bus int64 (``x``); a plain int (int32) if that cannot be done."""
    write = _int64_writer()
    if write is None:
        return value
    argument = QDBusArgument()
    write(shiboken6.getCppPointer(argument)[0], value)
    return argument


def marshal(value: object, name: str = "") -> object:
    """A Python value as QtDBus sends it with its D-Bus type: lists of strings as ``as``,
    dicts as ``a{sv}`` (recursively), the int named ``name`` as int64 if INT64 has it."""
    if isinstance(value, list):
        return strings([str(item) for item in value])
    if isinstance(value, dict):
        return {str(key): marshal(item, str(key)) for key, item in value.items()}
    if name in INT64 and isinstance(value, int) and not isinstance(value, bool):
        return int64(value)
    return value


def introspection() -> str:
    """The object's introspection XML: the standard interfaces and ours."""
    parts = ['<node name="/org/mpris/MediaPlayer2">']
    parts.append(
        f'<interface name="{INTROSPECTABLE}"><method name="Introspect">'
        '<arg name="xml" type="s" direction="out"/></method></interface>'
        f'<interface name="{PEER}"><method name="Ping"/></interface>'
        f'<interface name="{PROPERTIES}">'
        '<method name="Get"><arg name="interface" type="s" direction="in"/>'
        '<arg name="property" type="s" direction="in"/>'
        '<arg name="value" type="v" direction="out"/></method>'
        '<method name="GetAll"><arg name="interface" type="s" direction="in"/>'
        '<arg name="properties" type="a{sv}" direction="out"/></method>'
        '<method name="Set"><arg name="interface" type="s" direction="in"/>'
        '<arg name="property" type="s" direction="in"/>'
        '<arg name="value" type="v" direction="in"/></method>'
        '<signal name="PropertiesChanged"><arg name="interface" type="s"/>'
        '<arg name="changed" type="a{sv}"/><arg name="invalidated" type="as"/></signal>'
        "</interface>"
    )
    parts.append(interfaces_xml())
    parts.append("</node>")
    return "".join(parts)


def interfaces_xml() -> str:
    """Our three interfaces (what QDBusVirtualObject.introspect returns)."""
    parts = []
    for interface, methods in METHODS.items():
        parts.append(f'<interface name="{interface}">')
        parts.extend(f'<method name="{method}"/>' for method in methods)
        if interface == PLAYER:
            for method, signature in IGNORED.items():
                parts.append(f'<method name="{method}">')
                parts.extend(f'<arg type="{t}" direction="in"/>' for t in signature)
                parts.append("</method>")
            parts.append('<signal name="Seeked"><arg name="position" type="x"/></signal>')
        for name, kind in PROPERTY_TYPES[interface].items():
            parts.append(f'<property name="{name}" type="{kind}" access="read"/>')
        parts.append("</interface>")
    return "".join(parts)


def reply(message: QDBusMessage, *arguments: object) -> QDBusMessage:
    """The reply to ``message`` carrying ``arguments`` (createReply with a list would
    send the list as one array argument)."""
    answer = message.createReply()
    answer.setArguments(list(arguments))
    return answer


class MprisObject(QDBusVirtualObject):
    """The object at /org/mpris/MediaPlayer2: answers every message sent to it."""

    def __init__(self, player: Player, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player = player

    def introspect(self, path: str) -> str:
        """Our interfaces, for QtDBus's own introspection of the parent paths."""
        return interfaces_xml()

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:
        """Answer ``message``; a reply goes back unless the caller wants none."""
        try:
            reply = self._answer(message)
        except Exception:  # a bug here must not reach the event loop or hang the caller
            log.exception("media controls: %s.%s failed", message.interface(), message.member())
            reply = message.createErrorReply("org.freedesktop.DBus.Error.Failed", "failed")
        if not message.isReplyRequired():
            return True
        connection.send(reply)
        return True

    def _answer(self, message: QDBusMessage) -> QDBusMessage:
        interface, member = message.interface(), message.member()
        arguments = message.arguments()
        if interface == INTROSPECTABLE and member == "Introspect":
            return reply(message, introspection())
        if interface == PEER and member == "Ping":
            return message.createReply()
        if interface == PROPERTIES:
            return self._property_call(message, member, arguments)
        for own, methods in METHODS.items():
            if member in methods and interface in (own, ""):
                self.player.invoke(own, member)
                return message.createReply()
        if member in IGNORED and interface in (PLAYER, ""):
            return message.createReply()
        return message.createErrorReply(
            "org.freedesktop.DBus.Error.UnknownMethod", f"No method {interface}.{member}"
        )

    def _property_call(
        self, message: QDBusMessage, member: str, arguments: list[object]
    ) -> QDBusMessage:
        interface = str(arguments[0]) if arguments else ""
        if interface not in PROPERTY_TYPES:
            return message.createErrorReply(
                "org.freedesktop.DBus.Error.UnknownInterface", f"No interface {interface!r}"
            )
        values = self.player.properties(interface)
        if member == "GetAll":
            return reply(message, marshal(values))
        name = str(arguments[1]) if len(arguments) > 1 else ""
        if name not in values:
            return message.createErrorReply(
                "org.freedesktop.DBus.Error.UnknownProperty", f"No property {name!r}"
            )
        if member == "Get":
            return reply(message, QDBusVariant(marshal(values[name], name)))
        return message.createErrorReply(
            "org.freedesktop.DBus.Error.PropertyReadOnly", f"{name} is read-only"
        )


def properties_changed(
    connection: QDBusConnection, interface: str, changed: dict[str, object]
) -> bool:
    """Send PropertiesChanged for ``changed`` on ``interface``; whether it went out."""
    signal = QDBusMessage.createSignal(PATH, PROPERTIES, "PropertiesChanged")
    signal.setArguments([interface, marshal(changed), strings([])])
    return bool(connection.send(signal))
