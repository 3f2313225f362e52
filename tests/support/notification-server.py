"""A stand-in notification server (org.freedesktop.Notifications, the Desktop
Notifications Specification 1.2) on the session bus in DBUS_SESSION_BUS_ADDRESS: what a
desktop's server would show is written to stdout instead, one JSON object a line:

    {"ready": true}                                   once it owns the name
    {"id": 1, "appName": …, "summary": …, "body": …}  for each Notify call

It answers what notify-rust and zbus (tauri-plugin-notification) and notify-send call:
Notify, CloseNotification (with the NotificationClosed signal), GetCapabilities and
GetServerInformation. Started by tests/support/notifications.mjs; runs until killed.
Needs python3-dbus and python3-gi (Debian packages; scripts/install-deps.sh).
"""

import json
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
# NotificationClosed's reason 3: closed by a call to CloseNotification.
CLOSED_BY_CALL = 3


def emit(record):
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()


class StandIn(dbus.service.Object):
    def __init__(self, bus):
        super().__init__(bus, PATH)
        self.last_id = 0

    @dbus.service.method(NAME, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app_name, replaces_id, app_icon, summary, body, actions, hints, timeout):
        if replaces_id:
            notification_id = int(replaces_id)
        else:
            self.last_id += 1
            notification_id = self.last_id
        emit(
            {
                "id": notification_id,
                "appName": str(app_name),
                "summary": str(summary),
                "body": str(body),
                "actions": [str(a) for a in actions],
            }
        )
        return dbus.UInt32(notification_id)

    @dbus.service.method(NAME, in_signature="u", out_signature="")
    def CloseNotification(self, notification_id):
        self.NotificationClosed(notification_id, dbus.UInt32(CLOSED_BY_CALL))

    @dbus.service.method(NAME, in_signature="", out_signature="as")
    def GetCapabilities(self):
        return dbus.Array(["body", "actions"], signature="s")

    @dbus.service.method(NAME, in_signature="", out_signature="ssss")
    def GetServerInformation(self):
        return ("amtsweg-test-stand-in", "amtsweg", "1.0", "1.2")

    @dbus.service.signal(NAME, signature="uu")
    def NotificationClosed(self, notification_id, reason):
        pass

    @dbus.service.signal(NAME, signature="us")
    def ActionInvoked(self, notification_id, action_key):
        pass


def main():
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    # Refuse to queue behind another server: the test would then see nothing.
    owned = bus.request_name(NAME, dbus.bus.NAME_FLAG_DO_NOT_QUEUE)
    if owned != dbus.bus.REQUEST_NAME_REPLY_PRIMARY_OWNER:
        sys.stderr.write(f"{NAME} is owned by another process on this bus\n")
        sys.exit(1)
    stand_in = StandIn(bus)
    emit({"ready": True})
    loop = GLib.MainLoop()
    try:
        loop.run()
    finally:
        del stand_in


if __name__ == "__main__":
    main()
