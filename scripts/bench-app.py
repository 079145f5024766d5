#!/usr/bin/env python3
"""Times and weighs the release app from outside, as a user sees it.

Run by scripts/bench-app.sh (inside Xvfb and a private keyring session).
"Seen" means the X server's image holds it: the screen is polled (XGetImage,
every ~5 ms) for the accent colour of a code (#4338ca) where the first code is
drawn; for the empty list, of the "+ Add" button (the window's first paint)
and then for the text of its "No accounts yet" (drawn, like codes, once the
list has come). Every figure is min /
median / max over LAUNCHES fresh launches, made round by round (floor, empty,
200, 1,000, then again).
"""
import ctypes
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time

TARGET = os.environ["BENCH_TARGET"]
APP, CLI = f"{TARGET}/release/twofold-app", f"{TARGET}/release/twofold"
BARE, TRAY_HOST = f"{TARGET}/release/examples/bare_window", f"{TARGET}/release/examples/tray_host"
LAUNCHES = int(os.environ.get("BENCH_LAUNCHES", "5"))

# Where things are drawn: the window opens at 0,0 at 440x680 (no window
# manager); the quick pick is centred on the 1280x800 screen.
FIRST_CODE = (230, 55, 125, 45)
ADD_BUTTON = (308, 10, 74, 32)
NO_ACCOUNTS = (130, 112, 180, 30)
QUICK_PICK = (450, 230, 380, 340)

x11 = ctypes.cdll.LoadLibrary("libX11.so.6")


class XImage(ctypes.Structure):
    _fields_ = [(name, ctypes.c_int) for name in ("width", "height", "xoffset", "format")] + [
        ("data", ctypes.c_void_p)
    ] + [(name, ctypes.c_int) for name in (
        "byte_order", "bitmap_unit", "bitmap_bit_order", "bitmap_pad", "depth", "bytes_per_line", "bits_per_pixel")]


x11.XOpenDisplay.restype = ctypes.c_void_p
x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
x11.XDefaultRootWindow.restype = ctypes.c_ulong
x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
x11.XGetImage.restype = ctypes.POINTER(XImage)
x11.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                          ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
x11.XDestroyImage.argtypes = [ctypes.POINTER(XImage)]
display = x11.XOpenDisplay(None)
root = x11.XDefaultRootWindow(display)
# Pixels near the light theme's accent, as 32-bit BGRX.
ACCENT = re.compile(rb"[\xb4-\xe0][\x1a-\x56][\x27-\x5f].", re.DOTALL)
# Near the light theme's text colour (#17191c).
TEXT = re.compile(rb"[\x00-\x50][\x00-\x50][\x00-\x50].", re.DOTALL)


def matching_pixels(area, colour):
    x, y, width, height = area
    image = x11.XGetImage(display, root, x, y, width, height, 0xFFFFFFFF, 2)  # ZPixmap
    if not image:
        return 0
    data = ctypes.string_at(image.contents.data, image.contents.bytes_per_line * height)
    x11.XDestroyImage(image)
    return sum(1 for match in colour.finditer(data) if match.start() % 4 == 0)


def seen(area, since, timeout=30.0, colour=ACCENT):
    """Milliseconds from `since` until `area` shows `colour`."""
    while time.perf_counter() - since < timeout:
        if matching_pixels(area, colour) >= 20:
            return (time.perf_counter() - since) * 1000
        time.sleep(0.005)
    raise TimeoutError(f"nothing seen in {area} after {timeout} s")


def tree(pid):
    """`pid` and all its descendants."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry))
            except OSError:
                pass
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        queue.extend(children.get(current, []))
    return found


def pss_mib(pid):
    total = 0
    for member in tree(pid):
        try:
            with open(f"/proc/{member}/smaps_rollup") as rollup:
                total += int(re.search(r"^Pss:\s+(\d+) kB", rollup.read(), re.M).group(1))
        except (OSError, AttributeError):
            pass
    return total / 1024


def stop(process):
    for member in reversed(tree(process.pid)):
        try:
            os.kill(member, signal.SIGTERM)
        except OSError:
            pass
    process.wait(timeout=10)
    # A new launch must not find this one still running (single instance).
    while subprocess.run(["pgrep", "-x", "twofold-app"], capture_output=True).returncode == 0:
        time.sleep(0.05)


def store(count):
    """A data dir and keyring service of their own holding `count` accounts."""
    env = dict(os.environ, TWOFOLD_DATA_DIR=tempfile.mkdtemp(), TWOFOLD_KEYRING_SERVICE=f"bench-{count}-{os.getpid()}")
    if count:
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as uris:
            for index in range(count):
                uris.write(f"otpauth://totp/Service{index}:user{index}@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Service{index}\n")
        subprocess.run([CLI, "import", uris.name], env=env, check=True, capture_output=True)
    return env


def key(*keys):
    window = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Twofold"], capture_output=True, text=True).stdout.split()
    if window:
        subprocess.run(["xdotool", "windowfocus", "--sync", window[0]], capture_output=True)
    subprocess.run(["xdotool", "key", "--clearmodifiers", *keys], check=True)


TRAY_MENU = "/org/ayatana/NotificationItem/tray_icon_tray_app_main/Menu"


def tray_item(label):
    """The bus name and id of a tray menu item (dbusmenu), for `click`."""
    gdbus = ["gdbus", "call", "--session"]
    names = re.findall(r"'(:[\d.]+)'", subprocess.run(
        [*gdbus, "--dest", "org.freedesktop.DBus", "--object-path", "/org/freedesktop/DBus",
         "--method", "org.freedesktop.DBus.ListNames"], capture_output=True, text=True).stdout)
    # Asked all at once: some of the app's connections are slow to answer.
    asked = {name: subprocess.Popen(
        [*gdbus, "--dest", name, "--object-path", TRAY_MENU, "--method", "com.canonical.dbusmenu.GetLayout", "--", "0", "-1", "[]"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) for name in names}
    found = None
    for name, asking in asked.items():
        try:
            layout = asking.communicate(timeout=3)[0]
        except subprocess.TimeoutExpired:
            asking.kill()
            continue
        item = re.search(r"\((\d+), \{[^}]*'label': <'" + re.escape(label) + "'>", layout)
        if item and not found:
            found = (name, item.group(1))
    if not found:
        raise RuntimeError(f"no tray item {label!r}")
    return found


def click(found):
    """Clicks a tray menu item as a desktop's tray host does."""
    name, item = found
    subprocess.run(["gdbus", "call", "--session", "--dest", name, "--object-path", TRAY_MENU, "--method",
                    "com.canonical.dbusmenu.Event", "--", item, "clicked", "<0>", "0"], check=True, capture_output=True)


def press_and_see(keys, area):
    started = time.perf_counter()
    subprocess.run(["xdotool", "key", keys], check=True)
    return seen(area, started)


def launch(command, env, area):
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return process, seen(area, started)


figures = {}


def record(name, value):
    figures.setdefault(name, []).append(value)


def main():
    tray_host = subprocess.Popen([TRAY_HOST], stdout=subprocess.PIPE)
    tray_host.stdout.readline()
    try:
        stores = {count: store(count) for count in (0, 200, 1000)}
        # Round by round, one launch of each: this machine's speed drifts over
        # minutes, and figures compared with each other should share it.
        for _ in range(LAUNCHES):
            process, ms = launch([BARE], dict(os.environ), FIRST_CODE)
            record("bare Tauri 2 window (floor): page seen", ms)
            stop(process)
            started = time.perf_counter()
            process, ms = launch([APP], stores[0], ADD_BUTTON)
            record("empty list: window seen", ms)
            record("empty list: its No accounts yet seen", seen(NO_ACCOUNTS, started, colour=TEXT))
            stop(process)
            for count in (200, 1000):
                process, ms = launch([APP], stores[count], FIRST_CODE)
                record(f"{count} accounts: first code seen", ms)
                if count == 200:
                    weigh_and_come_back(process, stores[count])
                stop(process)
    finally:
        tray_host.kill()
    print_table()


def weigh_and_come_back(process, env):
    time.sleep(3)
    record("memory shown, 200 accounts (MiB PSS)", pss_mib(process.pid))
    key("ctrl+w")
    time.sleep(10)
    record("memory hidden 10 s (MiB PSS)", pss_mib(process.pid))
    # By its shortcut, as on X11 (on Wayland the desktop's portal sends it).
    for name in ("quick pick by its shortcut, first open", "quick pick by its shortcut, opened again"):
        record(name, press_and_see("ctrl+alt+o", QUICK_PICK))
        key("Escape")
        time.sleep(1)
    # From a second run, as a desktop's own shortcut runs it where there is
    # no portal (sway).
    opener, ms = launch([APP, "--quick-pick"], env, QUICK_PICK)
    record("quick pick from twofold-app --quick-pick", ms)
    opener.wait()
    key("Escape")
    time.sleep(1)
    show = tray_item("Show Twofold")
    started = time.perf_counter()
    click(show)
    record("shown again from the tray: first code seen", seen(FIRST_CODE, started))
    key("ctrl+w")
    time.sleep(10)
    opener, ms = launch([APP], env, FIRST_CODE)
    record("shown again by a second launch: first code seen", ms)
    opener.wait()


def print_table():
    floor = statistics.median(figures["bare Tauri 2 window (floor): page seen"])
    window = statistics.median(figures["empty list: window seen"])
    message = statistics.median(figures["empty list: its No accounts yet seen"])
    print(f"{'':48} {'min':>7} {'median':>7} {'max':>7}  (ms, or MiB; {LAUNCHES} launches each)")
    for name, values in figures.items():
        median = statistics.median(values)
        line = f"{name:48} {min(values):7.0f} {median:7.0f} {max(values):7.0f}"
        if name.startswith("empty"):
            line += f"  {median / floor:.2f}x the floor"
        elif "first code" in name and "again" not in name:
            line += f"  +{median - window:.0f} ms on the empty window, {median - message:+.0f} on its message"
        print(line)


if __name__ == "__main__":
    sys.exit(main())
