// Starts the real Twofold binary through tauri-driver and offers the few
// helpers the tests share: the CLI over the same store, an independent code
// (oathtool), the clipboard (xclip), QR images drawn by `twofold` itself.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createDecipheriv, scryptSync } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Builder, By, Key, until } from "selenium-webdriver";

const root = resolve(import.meta.dirname, "../..");
const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
export const appBinary = join(target, "debug", "twofold-app");
const cliBinary = join(target, "debug", "twofold");

/**
 * Empties the store the app and the CLI share (the account list, every
 * keyring entry, the settings and lock, the start-at-login entry), then adds `accounts`
 * (`{ uri, backupCodes? }` or a bare otpauth URI) through the CLI: each test
 * makes the state it needs and relies on no other test.
 */
export function resetStore(...accounts) {
  // Settings first: automatic backups a test turned on stop here.
  // Wiped, not removed through Twofold: a test may leave the secrets
  // protected with a lock password.
  for (const file of ["settings.json", "accounts.json", "accounts.json.bak"]) {
    rmSync(join(process.env.TWOFOLD_DATA_DIR, file), { force: true });
  }
  const service = process.env.TWOFOLD_KEYRING_SERVICE;
  for (const name of [service, `${service}-settings`]) spawnSync("secret-tool", ["clear", "service", name]);
  rmSync(join(process.env.HOME, ".config", "autostart", "Twofold.desktop"), { force: true });
  for (const account of accounts) {
    const { uri, backupCodes } = typeof account === "string" ? { uri: account } : account;
    const before = new Set(JSON.parse(cli("list", "--json")).map((stored) => stored.id));
    cli("add", uri);
    const added = JSON.parse(cli("list", "--json")).find((stored) => !before.has(stored.id));
    if (backupCodes) cliWithInput(backupCodes.join("\n"), "backup-codes", "add", added.id);
  }
}

/** A new app on a store holding just `accounts` (see `resetStore`). */
export async function startApp(...accounts) {
  resetStore(...accounts);
  return openApp();
}

/** Ends the app's session and waits for its process to be gone (a new one would defer to it). */
export async function quitApp(driver) {
  await driver?.quit().catch(() => {});
  for (let tries = 0; tries < 100 && spawnSync("pgrep", ["-x", "twofold-app"]).status === 0; tries++) {
    await new Promise((done) => setTimeout(done, 100));
  }
  // One that would not go (its session was lost) must not outlive its test.
  spawnSync("pkill", ["-x", "twofold-app"]);
}

/** A new app session (a new process) on the store of this test run, as it is. */
export async function openApp() {
  const capabilities = { browserName: "wry", "tauri:options": { application: appBinary } };
  const driver = await new Builder().usingServer("http://127.0.0.1:4444/").withCapabilities(capabilities).build();
  try {
    // The list, the keyring's fatal page, or the unlock screen.
    await driver.wait(until.elementLocated(By.css("header, main.fatal, main.locked")), 20_000);
  } catch (error) {
    // Never leave an app behind: the next test's would defer to it.
    await quitApp(driver);
    throw error;
  }
  return driver;
}

/** The `twofold` CLI over the same data dir and keyring as the app. */
export function cli(...args) {
  return cliWithInput("", ...args);
}

/** The CLI with `input` on its standard input (a password). */
export function cliWithInput(input, ...args) {
  return execFileSync(cliBinary, args, { encoding: "utf8", input }).trim();
}

/**
 * The external reference data: $TWOFOLD_FIXTURES, else `shared/fixtures` beside
 * the clone (where CI puts it). When absent, `test` is skipped (and the skip
 * appended to $TWOFOLD_SKIP_LOG for `make test`'s summary) and `null` returned;
 * under CI=true its absence fails the test.
 */
export function fixtures(test) {
  const dir = process.env.TWOFOLD_FIXTURES ?? join(root, "../shared/fixtures");
  if (existsSync(dir)) return dir;
  const reason = `fixtures not found at ${dir} (set TWOFOLD_FIXTURES)`;
  if (process.env.CI === "true") throw new Error(reason);
  test.skip(reason);
  if (process.env.TWOFOLD_SKIP_LOG) appendFileSync(process.env.TWOFOLD_SKIP_LOG, `SKIPPED e2e ${test.name}: ${reason}\n`);
  return null;
}

function pause(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Whether a window titled exactly `title` is shown. */
export function windowShown(title) {
  return spawnSync("xdotool", ["search", "--onlyvisible", "--name", `^${escapeRegex(title)}$`]).status === 0;
}

/** Waits until `condition()` holds, for tests without a WebDriver session. */
export async function waitFor(condition, timeout, message) {
  for (const end = Date.now() + timeout; !(await condition()); ) {
    if (Date.now() > end) throw new Error(`waited ${timeout} ms: ${message}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Presses `keys` (xdotool's names, as "ctrl+w") in the shown window titled `title`. */
export function pressKeys(title, keys) {
  focusWindow(title);
  execFileSync("xdotool", ["key", "--clearmodifiers", keys]);
}

/** Focuses the shown window titled `title`, waiting for it (a window just mapped may refuse focus for a moment). */
function focusWindow(title) {
  for (let tries = 0; ; tries++) {
    const focused = spawnSync("xdotool", ["search", "--sync", "--onlyvisible", "--name", `^${escapeRegex(title)}$`, "windowfocus", "--sync"], { encoding: "utf8", timeout: 20_000 });
    if (focused.status === 0) return;
    if (tries === 20) throw new Error(`could not focus the window "${title}": ${focused.stderr}`);
    pause(250);
  }
}

/** Types `path` into the native GTK file dialog titled `title` and accepts it. */
export function answerFileDialog(title, path, { save = false } = {}) {
  focusWindow(title);
  // Open: the location bar (Ctrl+L); Save: the name field, selected first.
  execFileSync("xdotool", ["key", "--delay", "100", save ? "ctrl+a" : "ctrl+l"]);
  execFileSync("xdotool", ["type", "--delay", "10", path]);
  // GTK checks the typed path before it enables the button: give it a moment.
  execFileSync("xdotool", ["sleep", "1", "key", "Return"]);
}

/**
 * Answers the native dialog titled `title`, one the app opens itself (not the
 * page): `accept` presses its action button (Return), otherwise Escape
 * cancels it. Waits until the dialog is gone.
 */
export function answerNativeDialog(title, { accept = true } = {}) {
  for (let tries = 0; tries < 3; tries++) {
    focusWindow(title);
    execFileSync("xdotool", ["sleep", "0.3", "key", accept ? "Return" : "Escape"]);
    for (let wait = 0; wait < 20 && windowShown(title); wait++) pause(100);
    if (!windowShown(title)) return;
  }
  throw new Error(`the dialog "${title}" did not close`);
}

/** The same, for a dialog that a WebDriver call about to be made opens. */
export async function answerNativeDialogLater(title, options) {
  await new Promise((done) => setTimeout(done, 200));
  answerNativeDialog(title, options);
}

function escapeRegex(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The database of an encrypted Aegis vault, decrypted independently (Node's scrypt and AES-GCM). */
export function decryptAegis(vault, password) {
  const slot = vault.header.slots.find((candidate) => candidate.type === 1);
  const open = (key, params, sealed) => {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(params.nonce, "hex"));
    decipher.setAuthTag(Buffer.from(params.tag, "hex"));
    return Buffer.concat([decipher.update(sealed), decipher.final()]);
  };
  const slotKey = scryptSync(password, Buffer.from(slot.salt, "hex"), 32, { N: slot.n, r: slot.r, p: slot.p, maxmem: 256 * 1024 * 1024 });
  const master = open(slotKey, slot.key_params, Buffer.from(slot.key, "hex"));
  return JSON.parse(open(master, vault.header.params, Buffer.from(vault.db, "base64")).toString("utf8"));
}

/** The TOTP code computed by oathtool (independent of Twofold). */
export function oathtool(base32, { digits = 6, period = 30, algorithm = "sha1", at } = {}) {
  const time = at ?? Math.floor(Date.now() / 1000);
  return execFileSync("oathtool", [`--totp=${algorithm}`, `-d${digits}`, `-s${period}s`, `-N@${time}`, "-b", base32], { encoding: "utf8" }).trim();
}

/** Whether `shown` is oathtool's code now, or the one of the window just before (a window may end mid-check). */
export function isCurrentCode(shown, base32, options = {}) {
  const now = Math.floor(Date.now() / 1000);
  return [now, now - 2].some((at) => oathtool(base32, { ...options, at }) === shown.replace(/\s/g, ""));
}

export function readClipboard() {
  try {
    return execFileSync("xclip", ["-o", "-selection", "clipboard"], { encoding: "utf8" });
  } catch {
    return "";
  }
}

/** The formats the clipboard's owner offers (a secret copy adds x-kde-passwordManagerHint). */
export function clipboardTargets() {
  try {
    return execFileSync("xclip", ["-o", "-selection", "clipboard", "-t", "TARGETS"], { encoding: "utf8" }).split("\n");
  } catch {
    return [];
  }
}

export function putTextOnClipboard(text) {
  const xclip = spawn("xclip", ["-selection", "clipboard"], { stdio: ["pipe", "ignore", "ignore"], detached: true });
  xclip.stdin.end(text);
  xclip.unref();
}

export function putImageOnClipboard(path) {
  const xclip = spawn("xclip", ["-selection", "clipboard", "-t", "image/png", "-i", path], { stdio: "ignore", detached: true });
  xclip.unref();
}

/** Saves a screenshot of the window as a test artefact, in `$TWOFOLD_ARTIFACTS` (default /tmp/twofold-e2e-artifacts). */
export async function saveScreenshot(driver, name) {
  const dir = process.env.TWOFOLD_ARTIFACTS ?? join(tmpdir(), "twofold-e2e-artifacts");
  mkdirSync(dir, { recursive: true });
  // After the next paint: a screenshot taken at once may show an older one.
  await driver.executeAsyncScript("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100)));");
  writeFileSync(join(dir, `${name}.png`), await driver.takeScreenshot(), "base64");
}

export function scratchDir() {
  return mkdtempSync(join(tmpdir(), "twofold-e2e-"));
}

/** A PNG with a QR code of `text`, drawn and then read back by Twofold's own code. */
export function qrPng(text, dir) {
  const path = join(dir, `qr-${Date.now()}-${Math.random().toString(36).slice(2)}.png`);
  execFileSync(join(target, "debug", "examples", "qr_png"), [text, path]);
  return path;
}

export async function click(driver, css) {
  const element = await driver.wait(until.elementLocated(By.css(css)), 10_000);
  await driver.wait(until.elementIsVisible(element), 10_000);
  await element.click();
  return element;
}

export async function clickButton(driver, text) {
  const button = await driver.wait(until.elementLocated(By.xpath(`//button[normalize-space(.)=${JSON.stringify(text)}]`)), 10_000);
  await button.click();
  return button;
}

/** The row of the account whose issuer (or name) is shown as `label`. */
export async function row(driver, label) {
  return driver.wait(
    until.elementLocated(By.xpath(`//li[contains(@class,"row")][.//span[contains(@class,"issuer")][starts-with(normalize-space(.), ${JSON.stringify(label)})]]`)),
    10_000,
  );
}

export async function textOf(element, css) {
  return (await element.findElement(By.css(css)).getText()).trim();
}

export { By, Key, until };

function secretServiceRuns() {
  return gdbus("--dest", "org.freedesktop.DBus", "--object-path", "/org/freedesktop/DBus", "--method", "org.freedesktop.DBus.NameHasOwner", "org.freedesktop.secrets").includes("true");
}

/** Stops this run's keyring daemon (the bus starts no other: see with-keyring.sh). */
export async function stopKeyring() {
  spawnSync("pkill", ["-x", "gnome-keyring-d"]);
  for (let tries = 0; tries < 100 && secretServiceRuns(); tries++) await new Promise((done) => setTimeout(done, 100));
  if (secretServiceRuns()) throw new Error("the keyring daemon did not stop");
}

/** Starts it again, unlocked, on the same keyring files; waits until it answers. */
export function startKeyring() {
  execFileSync(join(root, "scripts", "start-keyring.sh"), { stdio: "inherit" });
}

const TRAY_MENU = "/org/ayatana/NotificationItem/tray_icon_tray_app_main/Menu";

function gdbus(...args) {
  return execFileSync("gdbus", ["call", "--session", ...args], { encoding: "utf8" });
}

/** Whether the bus name `name` exports the tray menu (com.canonical.dbusmenu). */
function exportsTrayMenu(name) {
  const found = spawnSync("gdbus", ["introspect", "--session", "--dest", name, "--object-path", TRAY_MENU], { encoding: "utf8" });
  return found.status === 0 && found.stdout.includes("com.canonical.dbusmenu");
}

let trayOwnerFound;
/**
 * The session-bus name exporting the tray menu. Some of the app's other
 * connections take 3 s to answer an introspection: all names are asked at
 * once, and the one found is kept while it still answers (until the app ends).
 */
function trayOwner() {
  if (trayOwnerFound && exportsTrayMenu(trayOwnerFound)) return trayOwnerFound;
  const names = (gdbus("--dest", "org.freedesktop.DBus", "--object-path", "/org/freedesktop/DBus", "--method", "org.freedesktop.DBus.ListNames").match(/':[\d.]+'/g) ?? []).map((quoted) => quoted.slice(1, -1));
  const askAll = `for name in "$@"; do (gdbus introspect --session --dest "$name" --object-path ${TRAY_MENU} 2>/dev/null | grep -q com.canonical.dbusmenu && echo "$name") & done; wait`;
  const owners = execFileSync("bash", ["-c", askAll, "tray-owner", ...names], { encoding: "utf8" }).split("\n").filter(Boolean);
  if (owners.length === 0) throw new Error("no tray menu on the session bus");
  trayOwnerFound = owners[0];
  return trayOwnerFound;
}

/** The tray menu's items, as dbusmenu exports them: `[{ id, label }]`, submenus flattened. */
export function trayItems() {
  const layout = gdbus("--dest", trayOwner(), "--object-path", TRAY_MENU, "--method", "com.canonical.dbusmenu.GetLayout", "--", "0", "-1", "[]");
  return [...layout.matchAll(/\((\d+), \{([^}]*)\}/g)]
    .map(([, id, properties]) => ({ id: Number(id), label: /'label': <'((?:[^'\\]|\\.)*)'>/.exec(properties)?.[1] }))
    .filter((item) => item.label !== undefined);
}

const axeSource = readFileSync(join(root, "tests", "node_modules", "axe-core", "axe.min.js"), "utf8");

/**
 * The WCAG 2 A/AA violations axe-core finds in the page as it is now (text
 * contrast included), as `rule: target…` lines.
 */
export async function accessibilityViolations(driver) {
  // As the script of a WebDriver call, not eval: the page's CSP forbids eval.
  if (!(await driver.executeScript("return !!window.axe"))) await driver.executeScript(`${axeSource}; return true;`);
  return driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     window.axe
       .run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"] } })
       .then((result) => done(result.violations.flatMap((violation) =>
         violation.nodes.map((node) => violation.id + ": " + node.target.join(" ") + " — " + node.failureSummary.replace(/\s+/g, " ")))))
       .catch((error) => done(["axe failed: " + error]));`,
  );
}

/** Emits a signal on the session bus, as a desktop would (`gdbus emit`). */
export function emitSignal(objectPath, signal, ...args) {
  execFileSync("gdbus", ["emit", "--session", "--object-path", objectPath, "--signal", signal, ...args]);
}

/** Calls an IPC command from the page itself, as a script in the page could: `{ ok }` or `{ error }`. */
export async function invokeFromPage(driver, command, args = {}) {
  return driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]).then((ok) => done({ ok }), (error) => done({ error }));`,
    command,
    args,
  );
}

/**
 * Runs a stand-in for a desktop's tray host (the StatusNotifierWatcher, see
 * src-tauri/examples/tray_host.rs) until the returned function stops it:
 * with it, closing the window hides it to the tray.
 */
export async function startTrayHost() {
  const host = spawn(join(target, "debug", "examples", "tray_host"), [], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((ready, failed) => {
    host.stdout.once("data", ready);
    host.once("exit", (code) => failed(new Error(`the tray host exited (${code})`)));
  });
  return () => host.kill();
}

/** The app's processes (itself, WebKit's web and network processes) and their memory: PSS in MiB. */
export function appMemory() {
  const pids = spawnSync("pgrep", ["-f", "twofold-app|WebKitWebProcess|WebKitNetworkProcess"], { encoding: "utf8" })
    .stdout.split("\n")
    .filter(Boolean)
    .filter((pid) => {
      try {
        return !/WebKitWebDriver|pgrep|node /.test(readFileSync(`/proc/${pid}/cmdline`, "utf8"));
      } catch {
        return false; // gone meanwhile
      }
    });
  let pssKb = 0;
  const names = [];
  for (const pid of pids) {
    try {
      pssKb += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
      names.push(readFileSync(`/proc/${pid}/comm`, "utf8").trim());
    } catch {
      // gone meanwhile
    }
  }
  return { mib: Math.round(pssKb / 1024), processes: names };
}

/** Clicks the tray menu item labelled `label`, as a desktop's tray host would. */
export function clickTray(label) {
  const item = trayItems().find((candidate) => candidate.label === label);
  if (!item) throw new Error(`no tray item "${label}" in ${JSON.stringify(trayItems())}`);
  gdbus("--dest", trayOwner(), "--object-path", TRAY_MENU, "--method", "com.canonical.dbusmenu.Event", "--", String(item.id), "clicked", "<0>", "0");
}
