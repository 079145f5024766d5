// Twofold on a Wayland desktop (headless sway, see run.sh): the screen
// captured by wlr-screencopy and by the Screenshot portal, the app as a native
// Wayland client and under XWayland with its tray, and the quick pick's
// shortcut through the GlobalShortcuts portal or, without one, the hint.
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { after, afterEach, before, describe, it } from "node:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  appBinary,
  By,
  click,
  clickButton,
  isCurrentCode,
  qrPng,
  quitApp,
  row,
  saveScreenshot,
  scratchDir,
  startApp,
  startTrayHost,
  trayItems,
  until,
} from "../e2e/harness.js";

const SECRET = "ORSXG5DJNZTVO2LOMRXXOZLSORSXG5DJ";
const URI = `otpauth://totp/Wayland:dana?secret=${SECRET}&issuer=Wayland`;
const cliBinary = join(process.env.CARGO_TARGET_DIR, "debug", "twofold");
const artifacts = process.env.TWOFOLD_ARTIFACTS ?? "/tmp/twofold-e2e-artifacts";

/** sway's tree of windows: `[{ name, app_id, shell, visible, window_properties }]`. */
function windows() {
  const tree = JSON.parse(execFileSync("swaymsg", ["-t", "get_tree", "-r"], { encoding: "utf8" }));
  const found = [];
  const walk = (node) => {
    if (node.pid) found.push(node);
    for (const child of [...(node.nodes ?? []), ...(node.floating_nodes ?? [])]) walk(child);
  };
  walk(tree);
  return found;
}

async function waitForWindow(title, { timeout = 15_000, prefix = false } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = windows().find((window) => (prefix ? window.name?.startsWith(title) : window.name === title) && window.visible);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no window "${title}" in ${JSON.stringify(windows().map((w) => w.name))}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** `twofold scan --screen`, with `TWOFOLD_CAPTURE` set to `way` (or unset). */
function scanScreen(way) {
  const env = { ...process.env };
  if (way) env.TWOFOLD_CAPTURE = way;
  else delete env.TWOFOLD_CAPTURE;
  return spawnSync(cliBinary, ["scan", "--screen"], { encoding: "utf8", env });
}

/** `grim` saves the whole Wayland screen as a test artefact. */
function grim(name) {
  execFileSync("grim", [join(artifacts, `${name}.png`)]);
}

let driver;
let stopTrayHost;
let viewer;
let dir;

before(async () => {
  dir = scratchDir();
  // The site's QR code, in a window of a native Wayland image viewer at the
  // left (Twofold's own window floats at the right, see session.sh).
  viewer = spawn("swayimg", ["--geometry=40,40,420,420", "--scale=real", "--background=ffffff", "--window=ffffff", qrPng(URI, dir)], { stdio: "ignore" });
  await waitForWindow("swayimg: " + "qr", { prefix: true });
  stopTrayHost = await startTrayHost();
  // Drawn a moment after it is mapped.
  for (let tries = 0; tries < 50 && scanScreen("screencopy").status !== 0; tries++) {
    await new Promise((done) => setTimeout(done, 100));
  }
});

after(() => {
  stopTrayHost?.();
  viewer?.kill();
});

afterEach(async () => {
  await quitApp(driver);
  driver = undefined;
});

describe("Wayland", () => {
  it("twofold scan --screen finds the code through wlr-screencopy, and through the Screenshot portal", () => {
    const marker = join(dir, "before-scans");
    writeFileSync(marker, "");
    for (const way of [undefined, "screencopy", "portal"]) {
      const scanned = scanScreen(way);
      assert.equal(scanned.status, 0, `${way}: ${scanned.stderr}`);
      assert.equal(scanned.stdout, `${URI}\n`, way);
    }
    // The portal wrote its screenshot to a file, which shows the secret: gone.
    const made = spawnSync("find", ["/tmp", process.env.HOME, "-name", "*.png", "-newer", marker, "-not", "-path", `${dir}/*`], { encoding: "utf8" });
    for (const file of made.stdout.split("\n").filter(Boolean)) {
      const found = spawnSync(cliBinary, ["scan", file], { encoding: "utf8" });
      assert.ok(!found.stdout.includes(SECRET), `a screenshot with the secret was left at ${file}`);
    }
  });

  it("says what happened and what to do when the desktop offers no capture", () => {
    const env = { ...process.env, TWOFOLD_CAPTURE: "screencopy", WAYLAND_DISPLAY: "wayland-none" };
    const failed = spawnSync(cliBinary, ["scan", "--screen"], { encoding: "utf8", env });
    assert.notEqual(failed.status, 0);
    assert.match(failed.stderr, /could not be captured through wlr-screencopy: no Wayland display to connect to/);
    assert.match(failed.stderr, /take a screenshot and run: twofold scan FILE/);
  });

  it("runs the app as a native Wayland client: window, tray, Scan screen", async () => {
    driver = await startApp();
    const window = await waitForWindow("Twofold");
    assert.equal(window.shell, "xdg_shell", "a native Wayland window, not XWayland's");
    assert.equal(window.app_id, "twofold-app");
    assert.ok(trayItems().some((item) => item.label === "Show Twofold"), "the tray's menu is on the bus");
    grim("wayland-window");
    await click(driver, "header button.primary");
    await clickButton(driver, "Scan screen");
    const code = await driver.wait(until.elementLocated(By.css("[data-testid=pending-code]")), 15_000);
    assert.ok(isCurrentCode(await code.getText(), SECRET));
    await saveScreenshot(driver, "wayland-scanned");
    await clickButton(driver, "Add");
    await clickButton(driver, "Skip");
    await row(driver, "Wayland");
  });

  it("binds the quick pick's shortcut through the GlobalShortcuts portal", async () => {
    // The stand-in portal owns the portal's name while it runs (Debian 12's
    // portals have no GlobalShortcuts): the real one must be gone first.
    spawnSync("pkill", ["-x", "xdg-desktop-portal"]);
    const portal = spawn(join(process.env.CARGO_TARGET_DIR, "debug", "examples", "shortcuts_portal"), [], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      await new Promise((ready, failed) => {
        portal.stdout.once("data", ready);
        portal.once("exit", (code) => failed(new Error(`the portal stand-in exited (${code})`)));
      });
      driver = await startApp(URI);
      await click(driver, "button[aria-label='Settings']");
      const hint = await driver.wait(until.elementLocated(By.xpath("//p[contains(., 'Your desktop keeps this shortcut')]")), 10_000);
      assert.match(await hint.getText(), /CTRL\+ALT\+o/, "the settings' shortcut was the suggestion");
      const press = ["call", "--session", "--dest", "org.freedesktop.portal.Desktop", "--object-path", "/org/freedesktop/portal/desktop"];
      execFileSync("gdbus", [...press, "--method", "org.freedesktop.portal.GlobalShortcuts.Press", "quick-pick"]);
      await waitForWindow("Twofold — quick pick");
    } finally {
      portal.kill();
    }
  });

  it("without a shortcut portal, says to make a system shortcut; twofold-app --quick-pick opens it", async () => {
    driver = await startApp(URI);
    await click(driver, "button[aria-label='Settings']");
    const hint = await driver.wait(until.elementLocated(By.xpath("//p[contains(., 'Make a system shortcut')]")), 10_000);
    assert.match(await hint.getText(), /runs twofold-app --quick-pick/);
    execFileSync(appBinary, ["--quick-pick"]);
    await waitForWindow("Twofold — quick pick");
  });

  it("runs under XWayland too, with its tray", async (t) => {
    if (!process.env.TWOFOLD_XWAYLAND_DISPLAY) {
      if (process.env.CI) assert.fail("XWayland did not start (package xwayland)");
      return t.skip("XWayland is not installed (package xwayland)");
    }
    const app = spawn(appBinary, [], {
      stdio: "ignore",
      env: { ...process.env, GDK_BACKEND: "x11", DISPLAY: process.env.TWOFOLD_XWAYLAND_DISPLAY },
    });
    try {
      const window = await waitForWindow("Twofold", { timeout: 20_000 });
      assert.equal(window.shell, "xwayland");
      assert.ok(trayItems().some((item) => item.label === "Show Twofold"), "the tray's menu is on the bus");
      grim("xwayland-window");
    } finally {
      app.kill();
      await quitApp();
    }
  });
});
