// The real app, end to end: adding accounts every way, codes checked against
// oathtool, copy, rename, delete and undo, restart, screen scan, and crafted
// names shown as text. Run by tests/e2e/run.sh (Xvfb, private D-Bus session,
// unlocked gnome-keyring, tauri-driver). Every test starts a new app on a store
// it fills itself (`startApp`), so each runs alone and in any order:
//   tests/e2e/run.sh --test-name-pattern "quick pick"
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, it } from "node:test";
import {
  By, Key, accessibilityViolations, appMemory, startTrayHost, windowShown, saveScreenshot, answerFileDialog, emitSignal, invokeFromPage, decryptAegis, answerNativeDialog, answerNativeDialogLater, appBinary, click, clickButton, clickTray, clipboardTargets, cli, cliWithInput, fixtures, isCurrentCode, trayItems, openApp, quitApp, resetStore, startApp, startKeyring, stopKeyring, putImageOnClipboard, putTextOnClipboard, qrPng, readClipboard, row, scratchDir, textOf, until, pressKeys, waitFor,
} from "./harness.js";

const dir = scratchDir();
let driver;

const GITHUB_CODES = ["bd4a1-0c37c", "3cf4e-95e11", "6f5ff-7f62b"];
const GOOGLE_CODES = ["7364 1926", "3318 0245", "5491 2208", "9097 1644"];
const GITHUB = { uri: "otpauth://totp/GitHub:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub", backupCodes: GITHUB_CODES };
const CLOUDFLARE = { uri: "otpauth://totp/Cloudflare:ops@example.com?secret=KUVJJOM753IHTNDSZVCNKL7GII&issuer=Cloudflare&digits=8", backupCodes: GOOGLE_CODES };
const PROTON = "otpauth://totp/Proton:dave@example.com?secret=ONSWG4TFOQYTEMZU&issuer=Proton";
const STEAM = "otpauth://steam/Boeing:Sophia?secret=KRSXG5CTMVRXEZLUKN2XAZLSONSWG4TF&issuer=Boeing";
const GOOGLE_TEXT = "BACKUP VERIFICATION CODES\n\n1. 7364 1926      3. 3318 0245\n2. 5491 2208      4. 9097 1644\n\n* You can only use each backup code once.";

/** In the "did the site give you backup codes?" step: paste (real clipboard, Ctrl+V), check the preview, save. */
async function pasteBackupCodes(text, expected) {
  const area = await driver.wait(until.elementLocated(By.id("backup-text")), 10_000);
  putTextOnClipboard(text);
  await new Promise((done) => setTimeout(done, 300));
  await area.click();
  await driver.actions().keyDown(Key.CONTROL).sendKeys("v").keyUp(Key.CONTROL).perform();
  const preview = await driver.wait(until.elementLocated(By.css("[data-testid=backup-preview]")), 5_000);
  await driver.wait(async () => (await preview.getText()) === expected.join(", "), 5_000);
  await clickButton(driver, "Save codes");
}

/**
 * Shows a QR code of a new account in another X window, lets `scan` start a
 * screen scan, then checks the live code against oathtool and adds the account.
 */
async function scanShownCode(issuer, name, secret, scan) {
  const image = qrPng(`otpauth://totp/${issuer}:${name}?secret=${secret}&issuer=${issuer}`, dir);
  const viewer = spawn("display", ["-geometry", "+600+100", image], { stdio: "ignore" });
  try {
    await new Promise((done) => setTimeout(done, 1500));
    await scan();
    const code = await driver.wait(until.elementLocated(By.css("[data-testid=pending-code]")), 15_000);
    assert.ok(isCurrentCode(await code.getText(), secret));
    // The site asks for the current code before it turns 2FA on: Copy gives it.
    await clickButton(driver, "Copy");
    await driver.wait(async () => isCurrentCode(readClipboard(), secret), 5_000, "Copy puts the pending code on the clipboard");
    await clickButton(driver, "Add");
    await clickButton(driver, "Skip");
    await row(driver, issuer);
  } finally {
    viewer.kill();
  }
}

/** A new app on a store holding GitHub, with the lock password "correct horse" set. */
async function startLocked() {
  resetStore(GITHUB);
  cliWithInput("correct horse\n", "lock", "on");
  return openApp();
}

/** Types the lock password on the unlock screen; the GitHub row, once unlocked. */
async function unlock() {
  const field = await driver.wait(until.elementLocated(By.id("lock-password")), 10_000);
  await field.sendKeys("correct horse", Key.ENTER);
  return row(driver, "GitHub");
}

/** Every file under the data dir, read as bytes. */
function filesUnder(path) {
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(path, entry.name)) : [readFileSync(join(path, entry.name))],
  );
}

describe("Twofold window", () => {
  afterEach(async () => {
    await quitApp(driver);
    driver = undefined;
  });

  it("starts empty and explains how to add an account", async () => {
    driver = await startApp();
    const empty = await driver.wait(until.elementLocated(By.css("section.empty")), 10_000);
    assert.match(await empty.getText(), /No accounts yet/);
  });

  it("adds an account from a pasted image, showing its live code first", async () => {
    driver = await startApp();
    const secret = "JBSWY3DPEHPK3PXP";
    putImageOnClipboard(qrPng(`otpauth://totp/GitHub:alice@example.com?secret=${secret}&issuer=GitHub`, dir));
    await new Promise((done) => setTimeout(done, 500));
    await click(driver, "header button.primary");
    await clickButton(driver, "Paste Ctrl+V");
    const code = await driver.wait(until.elementLocated(By.css("[data-testid=pending-code]")), 10_000);
    assert.ok(isCurrentCode(await code.getText(), secret), "the confirmation shows the current code");
    await clickButton(driver, "Add");
    // The site now shows its backup codes: paste them (GitHub style).
    await pasteBackupCodes(GITHUB_CODES.join("\n"), GITHUB_CODES);
    const github = await row(driver, "GitHub");
    assert.equal(await textOf(github, ".badge"), "3");
    assert.ok(isCurrentCode(await textOf(github, ".code"), secret));
    assert.match(cli("list"), /GitHub \(alice@example.com\)/);
  });

  it("adds an account by its setup key, as a site's fallback gives it", async () => {
    driver = await startApp();
    const secret = "KUVJJOM753IHTNDSZVCNKL7GII";
    await click(driver, "header button.primary");
    await clickButton(driver, "Enter key");
    await (await driver.findElement(By.id("key-name"))).sendKeys("ops@example.com");
    await (await driver.findElement(By.id("key-issuer"))).sendKeys("Cloudflare");
    const key = await driver.findElement(By.id("key-key"));
    await key.sendKeys("kuvj-jom7-53ih-tnds-zvcn-kl7g-1i", Key.TAB);
    const error = await driver.findElement(By.id("key-error"));
    await driver.wait(async () => /invalid character '1'/.test(await error.getText()), 5_000, "checked when the field is left");
    await clickButton(driver, "Use kuvj-jom7-53ih-tnds-zvcn-kl7g-Ii");
    await driver.wait(async () => (await error.getText()) === "", 5_000, "the look-alike digit fixed");
    await clickButton(driver, "Advanced");
    await (await driver.findElement(By.css("#key-digits option[value='8']"))).click();
    await clickButton(driver, "Continue");
    await clickButton(driver, "Add");
    // Google style: numbered, two columns, prose around.
    await pasteBackupCodes(GOOGLE_TEXT, GOOGLE_CODES);
    const cloudflare = await row(driver, "Cloudflare");
    assert.equal(await textOf(cloudflare, ".badge"), "4");
    assert.ok(isCurrentCode(await textOf(cloudflare, ".code"), secret, { digits: 8 }));
  });

  it("adds an account from an image file picked in the file dialog", async () => {
    driver = await startApp();
    const secret = "ONSWG4TFOQYTEMZU";
    const image = qrPng(`otpauth://totp/Proton:dave@example.com?secret=${secret}&issuer=Proton`, dir);
    await click(driver, "header button.primary");
    await clickButton(driver, "Open image…");
    answerFileDialog("Open an image with a QR code", image);
    const code = await driver.wait(until.elementLocated(By.css("[data-testid=pending-code]")), 15_000);
    assert.ok(isCurrentCode(await code.getText(), secret));
    await clickButton(driver, "Add");
    await clickButton(driver, "Skip");
    await row(driver, "Proton");
  });

  it("copies a code on click and clears the clipboard later", async () => {
    driver = await startApp(GITHUB);
    const github = await row(driver, "GitHub");
    await github.findElement(By.css("button.main")).click();
    const toast = await driver.wait(until.elementLocated(By.css(".toast")), 5_000);
    await driver.wait(async () => /Copied — clears in 30 s/.test(await toast.getText()), 5_000);
    await driver.wait(async () => /^\d{6}$/.test(readClipboard()), 5_000);
    assert.ok(isCurrentCode(readClipboard(), "JBSWY3DPEHPK3PXP"));
  });

  it("shows a long list's first screen at once, and every other code right after", async () => {
    const base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    const secret = (i) => `JBSWY3DPEHPK3P${base32[Math.floor(i / 32)]}${base32[i % 32]}`;
    const site = (i) => `Site${String(i).padStart(2, "0")}`;
    resetStore();
    const list = join(dir, "long-list.txt");
    writeFileSync(list, Array.from({ length: 40 }, (_, i) => `otpauth://totp/${site(i)}:user?secret=${secret(i)}&issuer=${site(i)}`).join("\n"));
    cli("import", list);
    driver = await openApp();
    const first = await row(driver, site(0));
    await driver.wait(async () => isCurrentCode(await textOf(first, ".code"), secret(0)), 5_000);
    // Far below the first screen: its secret comes with the whole list.
    await driver.findElement(By.css('[aria-label="Search accounts"]')).sendKeys(site(39));
    const last = await row(driver, site(39));
    await driver.wait(async () => isCurrentCode(await textOf(last, ".code"), secret(39)), 5_000, "the code of an account read after the first screen");
  });

  it("gives a new HOTP code on each copy, from the window and the tray alike", async () => {
    driver = await startApp("otpauth://hotp/Bank:bob?secret=JBSWY3DPEHPK3PXP&counter=0");
    const hotp = (counter) => execFileSync("oathtool", ["--hotp", "-c", String(counter), "-b", "JBSWY3DPEHPK3PXP"], { encoding: "utf8" }).trim();
    const bank = await row(driver, "Bank");
    assert.equal(await textOf(bank, ".hint"), "Click for a new code");
    await bank.findElement(By.css("button.main")).click();
    await driver.wait(async () => readClipboard() === hotp(1), 5_000, "the window's copy moves the counter on");
    await driver.wait(async () => (await textOf(bank, ".code")).replace(/\s/g, "") === hotp(1), 5_000);
    clickTray("Bank (bob)");
    await driver.wait(async () => readClipboard() === hotp(2), 5_000, "so does the tray's");
    assert.equal(JSON.parse(cli("list", "--json"))[0].counter, 2);
    assert.equal(cli("code", "Bank").trim(), hotp(3), "and the CLI's");
  });

  it("locks: no name or code reaches the page, the IPC or the tray until the password is given", async () => {
    driver = await startLocked();
    const field = await driver.wait(until.elementLocated(By.id("lock-password")), 10_000);
    const page = async () => driver.executeScript("return document.documentElement.outerHTML");
    assert.ok(!(await page()).includes("GitHub"), "no name in the DOM");
    const listed = await invokeFromPage(driver, "list_accounts");
    assert.equal(listed.error?.kind, "locked", JSON.stringify(listed));
    const revealed = await invokeFromPage(driver, "copy_code", { id: JSON.parse(cli("list", "--json"))[0].id });
    assert.equal(revealed.error?.kind, "locked");
    const tray = trayItems().map((item) => item.label);
    assert.ok(tray.includes("Twofold is locked — Unlock…") && !tray.some((label) => label.includes("GitHub")), JSON.stringify(tray));
    execFileSync("xdotool", ["key", "ctrl+alt+o"]);
    await new Promise((done) => setTimeout(done, 1_000));
    assert.equal(windowShown("Twofold — quick pick"), false, "locked, the shortcut opens no quick pick (the unlock screen instead)");
    await field.sendKeys("wrong horse", Key.ENTER);
    const error = await driver.wait(until.elementLocated(By.css("main.locked [role=alert]")), 5_000);
    assert.equal(await error.getText(), "That is not the lock password.");
    await field.sendKeys("correct horse", Key.ENTER);
    const github = await row(driver, "GitHub");
    assert.ok(isCurrentCode(await textOf(github, ".code"), "JBSWY3DPEHPK3PXP"));
    await driver.wait(async () => trayItems().some((item) => item.label === "GitHub (alice@example.com)"), 5_000);
    assert.ok(trayItems().some((item) => item.label === "Lock now"));
    await driver.findElement(By.css("body")).sendKeys(Key.chord(Key.CONTROL, "l"));
    await driver.wait(until.elementLocated(By.id("lock-password")), 5_000);
    assert.ok(!(await page()).includes("GitHub"), "locking again empties the page");
    await driver.wait(async () => trayItems().some((item) => item.label === "Twofold is locked — Unlock…"), 5_000);
  });

  it("locks when the screen locks and after the idle time of the settings", async () => {
    driver = await startLocked();
    await unlock();
    emitSignal("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", "true");
    await driver.wait(until.elementLocated(By.id("lock-password")), 5_000, "the screen saver locks Twofold");
    await unlock();
    const settings = join(process.env.TWOFOLD_DATA_DIR, "settings.json");
    const saved = (await invokeFromPage(driver, "get_settings")).ok;
    const set = await invokeFromPage(driver, "set_settings", { settings: { ...saved, auto_lock_seconds: 2 } });
    assert.ok(!set.error, JSON.stringify(set));
    assert.equal(JSON.parse(readFileSync(settings, "utf8")).auto_lock_seconds, 2);
    await driver.wait(until.elementLocated(By.id("lock-password")), 10_000, "idle for 2 s locks Twofold");
  });

  it("protects the secrets with the lock password: ciphertext in the keyring, codes after unlocking", async () => {
    driver = await startLocked();
    await unlock();
    const keyring = () => execFileSync("secret-tool", ["search", "--all", "service", process.env.TWOFOLD_KEYRING_SERVICE], { encoding: "utf8" });
    assert.ok(keyring().includes("JBSWY3DPEHPK3PXP"), "plain at first");
    await click(driver, "button[aria-label=Settings]");
    const password = await driver.wait(until.elementLocated(By.id("protect-password")), 5_000);
    await password.sendKeys("correct horse");
    await driver.findElement(By.xpath("//label[contains(., 'I keep an encrypted backup')]/input")).click();
    await clickButton(driver, "Protect secrets");
    await driver.wait(until.elementLocated(By.xpath("//button[normalize-space()='Stop protecting']")), 10_000);
    const sealed = keyring();
    assert.ok(sealed.includes("sealed:v1:") && !sealed.includes("JBSWY3DPEHPK3PXP"), sealed);
    assert.ok(!GITHUB_CODES.some((code) => sealed.includes(code)), "no backup code either");
    await driver.findElement(By.css("body")).sendKeys(Key.ESCAPE, Key.chord(Key.CONTROL, "l"));
    const github = await unlock();
    assert.ok(isCurrentCode(await textOf(github, ".code"), "JBSWY3DPEHPK3PXP"), "the sealed secret opens with the password");
    const cliCode = cliWithInput("correct horse\n", "code", "GitHub", "--lock-password-stdin").trim();
    assert.ok(isCurrentCode(cliCode, "JBSWY3DPEHPK3PXP"));

    // Forgotten password: start over from the backup made before.
    const backup = join(scratchDir(), "backup.json");
    cliWithInput("correct horse\nbackup password\n", "export", "--format", "aegis", backup, "--password-stdin", "--lock-password-stdin");
    await driver.findElement(By.css("body")).sendKeys(Key.chord(Key.CONTROL, "l"));
    await clickButton(driver, "Forgot the password?");
    answerNativeDialog("Start over from a backup?");
    answerFileDialog("Import from another authenticator", backup);
    const backupPassword = await driver.wait(until.elementLocated(By.id("import-password")), 15_000);
    await backupPassword.sendKeys("backup password");
    await clickButton(driver, "Import");
    await clickButton(driver, "Add");
    await clickButton(driver, "Skip");
    const restored = await row(driver, "GitHub");
    assert.ok(isCurrentCode(await textOf(restored, ".code"), "JBSWY3DPEHPK3PXP"), "the backup brought the account back");
    assert.equal(cli("lock", "status").trim(), "The app lock is off.");
    assert.ok(keyring().includes("JBSWY3DPEHPK3PXP") && !keyring().includes("sealed:v1:"), "stored plainly again");
  });

  for (const theme of ["light", "dark"]) {
    it(`meets WCAG AA (axe-core, contrast included) in the ${theme} theme: list, error toast, settings, details`, async () => {
      resetStore(GITHUB, { uri: "otpauth://totp/Bank:bob?secret=KRSXG5CTMVRXEZLU&issuer=Bank", backupCodes: ["1111-2222", "3333-4444"] });
      writeFileSync(join(process.env.TWOFOLD_DATA_DIR, "settings.json"), JSON.stringify({ theme }));
      driver = await openApp();
      await row(driver, "Bank");
      const found = [];
      const check = async (where) => {
        await saveScreenshot(driver, `${theme}-${where.replace(" ", "-")}`);
        for (const violation of await accessibilityViolations(driver)) found.push(`${where}: ${violation}`);
      };
      await check("list");
      putTextOnClipboard("not a 2FA code");
      await driver.wait(async () => readClipboard() === "not a 2FA code", 5_000);
      await driver.findElement(By.css("body")).sendKeys(Key.chord(Key.CONTROL, "v"));
      await driver.wait(until.elementLocated(By.css(".toast.error")), 5_000);
      await check("error toast");
      await click(driver, "button[aria-label=Settings]");
      await driver.wait(until.elementLocated(By.id("s-theme")), 5_000);
      await check("settings");
      await driver.findElement(By.css("body")).sendKeys(Key.ESCAPE);
      await (await row(driver, "Bank")).findElement(By.css("button.more")).click();
      await driver.wait(until.elementLocated(By.id("d-issuer")), 5_000);
      await check("details");
      assert.deepEqual(found, [], found.join("\n"));
    });
  }

  it("works from the keyboard alone: add by key, copy the focused account, rename, settings, help, quit", async () => {
    driver = await startApp(GITHUB);
    await row(driver, "GitHub");
    const keys = async (...sequence) => driver.switchTo().activeElement().then((element) => element.sendKeys(...sequence));
    // The focused element's text or attribute; null while the page swaps it
    // (the element WebDriver found may be gone by the time it is read).
    const focused = async (read) => {
      try {
        return await read(await driver.switchTo().activeElement());
      } catch (error) {
        if (error.name === "StaleElementReferenceError") return null;
        throw error;
      }
    };
    const focusedLabel = () => focused((element) => element.getAttribute("aria-label"));
    // Add by key: Ctrl+N opens the menu on its first item; arrows reach "Enter key".
    await keys(Key.chord(Key.CONTROL, "n"));
    await driver.wait(async () => (await focused((element) => element.getText())) === "Scan screen", 5_000);
    await keys(Key.ARROW_DOWN, Key.ARROW_DOWN, Key.ARROW_DOWN);
    assert.equal(await focused((element) => element.getText()), "Enter key");
    await keys(Key.ENTER);
    await driver.wait(async () => (await focused((element) => element.getAttribute("id"))) === "key-issuer", 5_000, "the form opens on its first field");
    await keys("Keyboard", Key.TAB, "kim", Key.TAB, "ONSWG4TFOQYTEMZU", Key.ENTER);
    await driver.wait(async () => (await focused((element) => element.getText())) === "Add", 10_000, "the confirmation opens on Add");
    await keys(Key.ENTER);
    await driver.wait(until.elementLocated(By.xpath("//h2[contains(., 'give you backup codes')]")), 10_000);
    await keys(Key.ESCAPE);
    await row(driver, "Keyboard");
    // Copy the focused account: from the search field, arrows reach the rows.
    await keys(Key.chord(Key.CONTROL, "f"));
    assert.equal(await focusedLabel(), "Search accounts");
    await keys(Key.ARROW_DOWN);
    assert.equal(await focusedLabel(), "Copy the code of GitHub");
    await keys(Key.ARROW_DOWN);
    assert.equal(await focusedLabel(), "Copy the code of Keyboard");
    putTextOnClipboard("something else");
    await driver.wait(async () => readClipboard() === "something else", 5_000);
    await keys(Key.ENTER);
    await driver.wait(async () => /^\d{6}$/.test(readClipboard()), 5_000);
    assert.ok(isCurrentCode(readClipboard(), "ONSWG4TFOQYTEMZU"), "the focused account's code, not another's");
    // Its details (Tab reaches its ⋯ button), rename, save with Enter.
    await keys(Key.TAB);
    assert.equal(await focusedLabel(), "Details of Keyboard");
    await keys(Key.ENTER);
    await driver.wait(async () => (await focused((element) => element.getAttribute("id"))) === "d-issuer", 5_000);
    await keys(Key.END, ...Array(12).fill(Key.BACK_SPACE), "Keys", Key.ENTER);
    await row(driver, "Keys");
    assert.equal(JSON.parse(cli("list", "--json")).find((account) => account.name === "kim").issuer, "Keys");
    // Settings, help, and back with Esc.
    await keys(Key.chord(Key.CONTROL, ","));
    await driver.wait(async () => (await focused((element) => element.getAttribute("id"))) === "s-theme", 5_000);
    await keys(Key.ESCAPE, Key.F1);
    await driver.wait(until.elementLocated(By.xpath("//h2[normalize-space(.)='Keyboard']")), 5_000);
    await keys(Key.ESCAPE);
    await row(driver, "Keys");
    // Ctrl+Q quits (the app may be gone before WebDriver answers).
    await keys(Key.chord(Key.CONTROL, "q")).catch(() => {});
    await driver.wait(async () => spawnSync("pgrep", ["-x", "twofold-app"]).status !== 0, 10_000, "Ctrl+Q quits");
    await driver.quit().catch(() => {});
    driver = null;
  });

  it("uses the space of a wide window and fits a narrow one (screenshots as artefacts)", async () => {
    resetStore(GITHUB, PROTON, { uri: "otpauth://totp/Bank:bob?secret=KRSXG5CTMVRXEZLU&issuer=Bank", backupCodes: ["1111-2222", "3333-4444"] });
    cli("edit", "Bank", "--group", "Money");
    driver = await openApp();
    await row(driver, "Bank");
    const box = (css) => `(document.querySelector(${JSON.stringify(css)})?.getBoundingClientRect().toJSON() ?? null)`;
    for (const width of [1000, 360]) {
      await driver.manage().window().setRect({ width, height: 700 });
      await driver.wait(async () => (await driver.executeScript("return window.innerWidth")) <= width, 5_000);
      await driver.findElement(By.css("body")).sendKeys(Key.ESCAPE);
      await row(driver, "Bank");
      await saveScreenshot(driver, `layout-${width}`);
      const layout = await driver.executeScript(`return {
        overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth,
        list: ${box("ul.list")},
        sections: [...document.querySelectorAll(".section-title")].map((title) => title.textContent.trim()),
      }`);
      assert.equal(layout.overflow, false, `nothing overflows sideways at ${width} px`);
      assert.ok(layout.list.width <= 760, `a readable width at ${width} px: ${layout.list.width}`);
      assert.deepEqual(layout.sections, ["Money 1", "Other 2"]);
      // Details: beside the list in a wide window, instead of it in a narrow one.
      await (await row(driver, "Bank")).findElement(By.css("button.more")).click();
      await driver.wait(until.elementLocated(By.id("d-issuer")), 5_000);
      await saveScreenshot(driver, `layout-${width}-details`);
      const opened = await driver.executeScript(`return { list: ${box("ul.list")}, details: ${box(".view form")} }`);
      if (width === 1000) {
        assert.ok(opened.list && opened.list.right <= opened.details.left, `side by side: ${JSON.stringify(opened)}`);
        assert.ok(opened.details.width >= 400, `the details use the space: ${opened.details.width}`);
      } else {
        assert.equal(opened.list, null, "narrow: the details take the window");
      }
    }
  });

  it("shows crafted names as text, never as HTML", async () => {
    driver = await startApp();
    cli("add", "otpauth://totp/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E:evil?secret=JBSWY3DPEHPK3PXS");
    await driver.navigate().refresh();
    const evil = await row(driver, "<img src=x onerror=alert(1)>");
    const issuer = await evil.findElement(By.css(".issuer"));
    assert.equal((await issuer.getAttribute("textContent")).trim(), "<img src=x onerror=alert(1)>");
    assert.equal(await driver.executeScript("return document.querySelectorAll('li.row img').length"), 0);
    assert.equal((await driver.findElements(By.css("li.row img"))).length, 0);
  });

  it("renames, deletes and undoes", async () => {
    driver = await startApp(CLOUDFLARE);
    await (await row(driver, "Cloudflare")).findElement(By.css("button.more")).click();
    const issuer = await driver.wait(until.elementLocated(By.id("d-issuer")), 5_000);
    await issuer.clear();
    await issuer.sendKeys("Cloudflare Ops");
    await clickButton(driver, "Save");
    await row(driver, "Cloudflare Ops");
    assert.match(cli("list"), /Cloudflare Ops \(ops@example.com\)/);
    const saved = await driver.wait(until.elementLocated(By.css(".toast")), 5_000);
    assert.equal(await saved.getText(), "Saved Cloudflare Ops (ops@example.com)");
    // A toast is as wide as its text, not wrapped at half the window.
    const toastBox = await driver.executeScript("const box = document.querySelector('.toast').getBoundingClientRect(); return { height: box.height, width: box.width, window: innerWidth }");
    assert.ok(toastBox.height < 50, `one line: ${JSON.stringify(toastBox)}`);

    await (await row(driver, "Cloudflare Ops")).findElement(By.css("button.more")).click();
    // The app asks in a native dialog, which the page cannot answer: Cancel keeps the account.
    await clickButton(driver, "Delete…");
    answerNativeDialog("Delete Cloudflare Ops?", { accept: false });
    await new Promise((done) => setTimeout(done, 500));
    assert.match(cli("list"), /Cloudflare Ops/);
    await clickButton(driver, "Delete…");
    answerNativeDialog("Delete Cloudflare Ops?");
    await driver.wait(async () => !/Cloudflare/.test(cli("list")), 5_000);
    await clickButton(driver, "Undo");
    await row(driver, "Cloudflare Ops");
    assert.match(cli("list"), /Cloudflare Ops/);
  });

  it("marks a backup code used from the account's panel, and finds it so after a restart", async () => {
    driver = await startApp(GITHUB, CLOUDFLARE);
    await (await row(driver, "GitHub")).findElement(By.css("button.more")).click();
    const open = await driver.wait(until.elementLocated(By.xpath("//button[starts-with(normalize-space(.), 'Backup codes')]")), 5_000);
    assert.equal((await open.getAttribute("textContent")).replace(/\s+/g, " ").trim(), "Backup codes (3 left)");
    await open.click();
    const first = await driver.wait(until.elementLocated(By.xpath(`//li[button[contains(@class,"code")][text()="${GITHUB_CODES[0]}"]]`)), 5_000);
    await (await first.findElement(By.css(`input[aria-label="${GITHUB_CODES[0]} used"]`))).click();
    await driver.wait(async () => (await first.getAttribute("class")).includes("used"), 5_000);

    // Save as text file…, through the native save dialog.
    const saved = join(dir, "github-backup-codes.txt");
    await clickButton(driver, "Save as text file…");
    answerFileDialog("Save the backup codes", saved, { save: true });
    await driver.wait(until.elementLocated(By.xpath("//p[@role='status'][normalize-space(.)='Saved.']")), 10_000);
    const file = readFileSync(saved, "utf8");
    assert.match(file, /^Backup codes for GitHub \(alice@example.com\)\n/);
    assert.match(file, new RegExp(`\\n${GITHUB_CODES[0]}  \\(used \\d{4}-\\d{2}-\\d{2}\\)\\n${GITHUB_CODES[1]}\\n${GITHUB_CODES[2]}\\n`));
    await clickButton(driver, "Close");
    await driver.wait(async () => (await textOf(await row(driver, "GitHub"), ".badge")) === "2", 5_000);

    await quitApp(driver);
    driver = await openApp();
    const github = await row(driver, "GitHub");
    assert.ok(isCurrentCode(await textOf(github, ".code"), "JBSWY3DPEHPK3PXP"));
    assert.equal(await textOf(github, ".badge"), "2");
    await row(driver, "Cloudflare");
    // The CLI reads the same store.
    assert.deepEqual(JSON.parse(cli("backup-codes", "list", "github", "--json")), [
      { code: GITHUB_CODES[0], used: true },
      { code: GITHUB_CODES[1], used: false },
      { code: GITHUB_CODES[2], used: false },
    ]);
    assert.deepEqual(JSON.parse(cli("backup-codes", "list", "cloudflare", "--json")).map((entry) => entry.code), GOOGLE_CODES);
  });

  it("keeps no backup code or secret in any file of the data dir", async () => {
    driver = await startApp(GITHUB, CLOUDFLARE);
    await row(driver, "Cloudflare");
    const files = filesUnder(process.env.TWOFOLD_DATA_DIR);
    assert.ok(files.length >= 2);
    const needles = [...GITHUB_CODES, ...GITHUB_CODES.map((code) => code.replace("-", "")), ...GOOGLE_CODES, ...GOOGLE_CODES.map((code) => code.replace(" ", "")), "JBSWY3DPEHPK3PXP", "KUVJJOM753IHTNDSZVCNKL7GII"];
    for (const file of files) {
      const text = file.toString("latin1").toUpperCase();
      for (const needle of needles) assert.ok(!text.includes(needle.toUpperCase()), `a data file holds ${needle}`);
    }
  });

  it("scans the screen for a QR code shown in another window", async () => {
    driver = await startApp();
    await scanShownCode("Dropbox", "carol", "MFRGGZDFMZTWQ2LK", async () => {
      await click(driver, "header button.primary");
      await clickButton(driver, "Scan screen");
    });
  });

  it("imports an encrypted 2FAS backup: password asked, stored accounts left unticked", async (t) => {
    const root = fixtures(t);
    if (!root) return;
    driver = await startApp("otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno");
    await click(driver, "header button.primary");
    await clickButton(driver, "Import from another app…");
    answerFileDialog("Import from another authenticator", join(root, "imports/2fas/2fas_authenticator_encrypted_v4.2fas"));
    const password = await driver.wait(until.elementLocated(By.id("import-password")), 15_000);
    await password.sendKeys("not it");
    await clickButton(driver, "Import");
    await driver.wait(until.elementLocated(By.xpath("//p[contains(., 'does not open this export')]")), 15_000);
    await password.sendKeys("test");
    await clickButton(driver, "Import");
    await driver.wait(until.elementLocated(By.xpath("//h2[normalize-space(.)='Found 4 new accounts']")), 15_000);
    await driver.findElement(By.xpath("//p[normalize-space(.)='1 already in Twofold']"));
    // Through the page (the sticky header may cover the box where WebDriver would click).
    const pickAll = () => driver.executeScript("document.evaluate(\"//label[contains(., 'Select all')]/input\", document, null, 9, null).singleNodeValue.click()");
    await pickAll();
    assert.equal(await driver.findElement(By.xpath("//button[normalize-space(.)='Add']")).isEnabled(), false, "none picked");
    await pickAll();
    const deno = await driver.findElement(By.css("input[aria-label='Add Deno']"));
    assert.equal(await deno.isSelected(), false);
    await driver.findElement(By.xpath("//p[normalize-space(.)='Already in Twofold']"));
    await clickButton(driver, "Add 4 accounts");
    await row(driver, "Boeing");
    const toast = await driver.wait(until.elementLocated(By.css(".toast")), 5_000);
    assert.match(await toast.getText(), /^Added 4 accounts from 2FAS\b/);
    const stored = JSON.parse(cli("list", "--json"));
    assert.equal(stored.filter((account) => account.issuer === "Deno").length, 1);
    const wwe = stored.find((account) => account.issuer === "WWE");
    assert.deepEqual([wwe.type, wwe.counter, wwe.digits, wwe.algorithm], ["hotp", 10300, 8, "SHA512"]);
    assert.equal(stored.find((account) => account.issuer === "Boeing").type, "steam");
  });

  it("exports an encrypted backup that the importer restores, and shows transfer codes", async () => {
    driver = await startApp(GITHUB, PROTON, STEAM);
    const saved = join(dir, "twofold-backup.json");
    await click(driver, "button[aria-label=Settings]");
    await clickButton(driver, "Export / back up…");
    await (await driver.wait(until.elementLocated(By.id("export-password")), 5_000)).sendKeys("correct horse");
    await driver.findElement(By.id("export-repeat")).sendKeys("correct horse");
    await clickButton(driver, "Save…");
    answerFileDialog("Save the export", saved, { save: true });
    await driver.wait(until.elementLocated(By.xpath(`//div[@role='status'][contains(., 'Encrypted backup saved to ${saved}')]`)), 15_000);
    assert.ok(existsSync(saved));
    const backup = readFileSync(saved, "utf8");
    assert.ok(!backup.includes("JBSWY3DPEHPK3PXP") && !backup.includes(GITHUB_CODES[1]));
    const restored = cliWithInput("correct horse\n", "import", saved, "--password-stdin", "--dry-run").split("\n");
    assert.equal(restored.length, JSON.parse(cli("list", "--json")).length);
    assert.ok(restored.some((uri) => uri.includes("secret=JBSWY3DPEHPK3PXP")));

    // The message (across the window's foot) goes before the next click there.
    await driver.wait(async () => (await driver.findElements(By.css(".toast"))).length === 0, 10_000);
    await click(driver, "button[aria-label=Settings]");
    await clickButton(driver, "Export / back up…");
    await (await driver.wait(until.elementLocated(By.xpath("//label[contains(., 'Google Authenticator transfer codes')]/input")), 5_000)).click();
    await clickButton(driver, "Show codes");
    answerNativeDialog("Show transfer codes for all your accounts?");
    const counter = await driver.wait(until.elementLocated(By.css(".counter")), 10_000);
    assert.match(await counter.getText(), /^1 of \d+$/);
    await driver.findElement(By.xpath("//p[contains(., 'Boeing (Sophia) is left out')]"));
    await driver.findElement(By.css("img.qr"));
  });

  it("lets go of a window hidden to the tray (not of unsaved edits), stays usable from the tray, and comes back", async () => {
    const stopTrayHost = await startTrayHost();
    try {
      driver = await startApp(GITHUB, PROTON);
      await row(driver, "GitHub");
      const webProcesses = () => appMemory().processes.filter((name) => name.startsWith("WebKitWebProces")).length;
      const ctrlW = () => driver.actions().keyDown(Key.CONTROL).sendKeys("w").keyUp(Key.CONTROL).perform();

      // Unsaved edits keep the window (and its page) however long it is hidden.
      await (await row(driver, "GitHub")).findElement(By.css("button.more")).click();
      const service = await driver.wait(until.elementLocated(By.id("d-issuer")), 5_000);
      await service.sendKeys(" Work");
      await ctrlW();
      await driver.wait(async () => !windowShown("Twofold"), 5_000, "Ctrl+W hides the window to the tray");
      await new Promise((done) => setTimeout(done, 8_000));
      assert.equal(webProcesses(), 1, "a page with unsaved edits is kept");
      clickTray("Show Twofold");
      await driver.wait(async () => windowShown("Twofold"), 5_000);
      const kept = await driver.findElement(By.id("d-issuer"));
      assert.equal(await kept.getAttribute("value"), "GitHub Work");
      await kept.sendKeys(Key.ESCAPE);
      await clickButton(driver, "Discard");

      // Nothing to lose: hidden for a few seconds, the page and its process go.
      await ctrlW();
      await driver.wait(async () => webProcesses() === 0, 15_000, "the hidden window's web process ends");
      // (Without a WebDriver session the app then starts again light: the
      // next test.)

      // The tray still copies codes; a scan from the tray makes the window
      // again, showing what it found.
      clickTray("GitHub (alice@example.com)");
      await driver.wait(async () => isCurrentCode(readClipboard(), "JBSWY3DPEHPK3PXP"), 5_000);
      const madeAgain = async () => {
        await driver.wait(async () => (await driver.getAllWindowHandles()).length === 1 && windowShown("Twofold"), 10_000, "the window is made again");
        await driver.switchTo().window((await driver.getAllWindowHandles())[0]);
      };
      await scanShownCode("Tray", "erin", "KRSXG5CTMVRXEZLU", async () => {
        clickTray("Scan screen for a QR code…");
        await madeAgain();
      });

      // So does Show, codes and all.
      await ctrlW();
      await driver.wait(async () => webProcesses() === 0, 15_000, "let go of again");
      clickTray("Show Twofold");
      await madeAgain();
      assert.ok(isCurrentCode(await textOf(await row(driver, "GitHub"), ".code"), "JBSWY3DPEHPK3PXP"));
    } finally {
      stopTrayHost();
    }
  });

  it("in the tray a while, starts itself again without WebKit: light, the tray and quick pick still work, a launch shows the window", async () => {
    // Without WebDriver: its session is bound to the process image the app
    // replaces (under a session the app never does).
    const stopTrayHost = await startTrayHost();
    resetStore(GITHUB);
    const app = spawn(appBinary, [], { stdio: "ignore" });
    try {
      const listed = () => {
        try {
          return trayItems().some((item) => item.label === "GitHub (alice@example.com)");
        } catch {
          return false; // no tray yet
        }
      };
      await waitFor(() => windowShown("Twofold") && listed(), 20_000, "the window opens and its list reaches the tray");
      await new Promise((done) => setTimeout(done, 1_000));
      const shown = appMemory();
      pressKeys("Twofold", "ctrl+w");
      const arguments_ = () => readFileSync(`/proc/${app.pid}/cmdline`, "utf8").split("\0");
      await waitFor(
        () => arguments_().includes("--hidden") && appMemory().processes.every((name) => !name.startsWith("WebKit")),
        30_000,
        "the same process starts again in the tray, with no WebKit process",
      );
      await waitFor(listed, 10_000, "the new start lists the accounts in the tray");
      const light = appMemory();
      console.log(`memory (PSS): shown ${shown.mib} MiB (${shown.processes.join(", ")}); light ${light.mib} MiB (${light.processes.join(", ")})`);
      assert.ok(light.mib < shown.mib * 0.5, `light ${light.mib} MiB, shown ${shown.mib} MiB`);

      clickTray("GitHub (alice@example.com)");
      await waitFor(() => isCurrentCode(readClipboard(), "JBSWY3DPEHPK3PXP"), 5_000, "the tray copies the code");
      // The quick pick is GTK's own: it opens with no WebKit either.
      assert.equal(spawnSync(appBinary, ["--quick-pick"], { timeout: 20_000 }).status, 0);
      await waitFor(() => windowShown("Twofold — quick pick"), 10_000, "the quick pick opens");
      assert.deepEqual(appMemory().processes, ["twofold-app"]);
      pressKeys("Twofold — quick pick", "Escape");
      await waitFor(() => !windowShown("Twofold — quick pick"), 5_000, "Esc hides it");
      // A second launch hands over to it and exits; the window is made again.
      assert.equal(spawnSync(appBinary, [], { timeout: 20_000 }).status, 0);
      await waitFor(() => windowShown("Twofold"), 15_000, "the window is shown again");
      assert.equal(app.exitCode, null, "the app is still running");
    } finally {
      app.kill();
      stopTrayHost();
    }
  });

  it("lists the accounts in the tray menu and copies a code from it, cleared later", async () => {
    driver = await startApp(GITHUB);
    await row(driver, "GitHub");
    const labels = trayItems().map((item) => item.label);
    assert.deepEqual(labels.slice(-3), ["Scan screen for a QR code…", "Show Twofold", "Quit"]);
    assert.ok(labels.includes("GitHub (alice@example.com)"), JSON.stringify(labels));
    cli("add", STEAM);
    await driver.wait(() => trayItems().some((item) => item.label === "Boeing (Sophia)"), 10_000, "the menu follows changes made elsewhere");
    await click(driver, "button[aria-label=Settings]");
    await (await driver.wait(until.elementLocated(By.css("#s-clear option[value='10']")), 5_000)).click();
    const settings = join(process.env.TWOFOLD_DATA_DIR, "settings.json");
    await driver.wait(async () => existsSync(settings) && JSON.parse(readFileSync(settings, "utf8")).clipboard_clear_seconds === 10, 5_000);
    putTextOnClipboard("something else");
    await driver.wait(async () => readClipboard() === "something else", 5_000);
    clickTray("GitHub (alice@example.com)");
    await driver.wait(async () => /^\d{6}$/.test(readClipboard()), 5_000);
    assert.ok(isCurrentCode(readClipboard(), "JBSWY3DPEHPK3PXP"));
    assert.ok(clipboardTargets().includes("x-kde-passwordManagerHint"), "marked secret for clipboard managers");
    await driver.wait(async () => readClipboard() === "", 15_000, "the tray's copy is cleared after 10 s");
  });

  it("scans the screen from the tray and shows what it found", async () => {
    driver = await startApp();
    await scanShownCode("Tray", "erin", "KRSXG5CTMVRXEZLU", async () => clickTray("Scan screen for a QR code…"));
    await driver.wait(async () => trayItems().some((item) => item.label === "Tray (erin)"), 5_000);
  });

  it("keeps a single instance: a second launch shows the running window and exits", async () => {
    driver = await startApp();
    const running = () => Number(execFileSync("pgrep", ["-c", "-x", "twofold-app"], { encoding: "utf8" }).trim());
    assert.equal(running(), 1);
    const second = spawnSync(appBinary, [], { timeout: 20_000 });
    assert.equal(second.status, 0, String(second.stderr));
    assert.equal(running(), 1);
    // The app holds secrets: it writes no core dump.
    const pid = execFileSync("pgrep", ["-x", "twofold-app"], { encoding: "utf8" }).trim();
    const limits = readFileSync(`/proc/${pid}/limits`, "utf8");
    assert.match(limits, /^Max core file size\s+0\s+0\s/m);
  });

  it("opens the quick pick from the command line (twofold-app --quick-pick), for desktops without global shortcuts", async () => {
    driver = await startApp(GITHUB);
    await row(driver, "GitHub");
    const visible = () => windowShown("Twofold — quick pick");
    assert.equal(visible(), false);
    const second = spawnSync(appBinary, ["--quick-pick"], { timeout: 20_000 });
    assert.equal(second.status, 0, String(second.stderr));
    await driver.wait(async () => visible(), 10_000, "the running app opens its quick pick");
    assert.equal(Number(execFileSync("pgrep", ["-c", "-x", "twofold-app"], { encoding: "utf8" }).trim()), 1, "and the second run exits");
    // A second --quick-pick leaves it open (a shortcut would close it).
    spawnSync(appBinary, ["--quick-pick"], { timeout: 20_000 });
    await new Promise((done) => setTimeout(done, 1000));
    assert.equal(visible(), true);
  });

  it("opens the quick pick with a shortcut recorded in Settings: focused, typing or arrows pick, Enter copies and hides it, so do Esc and leaving it", async () => {
    driver = await startApp(GITHUB, PROTON);
    await row(driver, "Proton");
    // The recorder takes the key press itself; the change applies at once.
    await click(driver, "button[aria-label=Settings]");
    const recorder = await driver.wait(until.elementLocated(By.id("s-shortcut")), 5_000);
    assert.equal(await recorder.getText(), "Ctrl+Alt+O");
    await recorder.click();
    await recorder.sendKeys(Key.chord(Key.CONTROL, Key.ALT, "k"));
    await driver.wait(async () => (await recorder.getText()) === "Ctrl+Alt+K", 5_000);
    const settings = join(process.env.TWOFOLD_DATA_DIR, "settings.json");
    assert.equal(JSON.parse(readFileSync(settings, "utf8")).shortcut, "Ctrl+Alt+K");
    await driver.findElement(By.css("body")).sendKeys(Key.ESCAPE);

    // The picker is drawn by GTK, not a page: xdotool types into it, and
    // the clipboard says which account it picked.
    const visible = () => windowShown("Twofold — quick pick");
    const focused = () => spawnSync("xdotool", ["getwindowfocus", "getwindowname"], { encoding: "utf8" }).stdout.trim() === "Twofold — quick pick";
    const copies = async (keys, secret) => {
      // A marker first, so that the code found after is the one just copied
      // (put again if xclip was slow to take the clipboard).
      for (let tries = 0; readClipboard() !== "something else"; tries++) {
        if (tries === 3) throw new Error(`xclip could not put a marker on the clipboard (${JSON.stringify(readClipboard())})`);
        putTextOnClipboard("something else");
        await new Promise((done) => setTimeout(done, 1_000));
      }
      execFileSync("xdotool", ["key", "--delay", "50", ...keys]);
      await driver.wait(async () => isCurrentCode(readClipboard(), secret), 5_000, `${keys.join(" ")} copies the code`);
      await driver.wait(async () => !visible(), 5_000, "and hides the quick pick");
    };
    execFileSync("xdotool", ["key", "ctrl+alt+k"]);
    await driver.wait(async () => visible() && focused(), 10_000, "the new shortcut opens the quick pick, with the keyboard");
    // GitHub is listed first: what is typed picks Proton.
    await copies(["p", "r", "o", "t", "Return"], "ONSWG4TFOQYTEMZU");
    execFileSync("xdotool", ["key", "ctrl+alt+k"]);
    await driver.wait(async () => visible() && focused(), 5_000, "open again, focused");
    await copies(["Down", "Return"], "ONSWG4TFOQYTEMZU");
    execFileSync("xdotool", ["key", "ctrl+alt+k"]);
    await driver.wait(async () => visible() && focused(), 5_000, "opened a third time, focused");
    await copies(["Return"], "JBSWY3DPEHPK3PXP");
    execFileSync("xdotool", ["key", "ctrl+alt+k"]);
    await driver.wait(async () => visible() && focused(), 5_000, "opened a fourth time, focused");
    execFileSync("xdotool", ["key", "Escape"]);
    await driver.wait(async () => !visible(), 5_000, "Esc hides the quick pick");
    // Esc the moment it shows: it stays hidden (its asking for the focus
    // must not show it again).
    execFileSync("xdotool", ["key", "ctrl+alt+k"]);
    await driver.wait(async () => visible(), 5_000, "opened a fifth time");
    execFileSync("xdotool", ["key", "Escape"]);
    await driver.wait(async () => !visible(), 5_000, "Esc hides the quick pick at once");
    await new Promise((done) => setTimeout(done, 1_000));
    assert.equal(visible(), false, "and it stays hidden");
    execFileSync("xdotool", ["key", "ctrl+alt+k"]);
    await driver.wait(async () => visible() && focused(), 5_000, "opened a sixth time, focused");
    execFileSync("xdotool", ["search", "--onlyvisible", "--name", "^Twofold$", "windowfocus"]);
    await driver.wait(async () => !visible(), 5_000, "the quick pick hides when another window takes the focus");
  });

  it("draws the quick pick in the app's theme, Dark or Light, whatever the desktop's", async () => {
    driver = await startApp(GITHUB);
    await row(driver, "GitHub");
    const title = "Twofold — quick pick";
    // The picker's mean grey level, 0 (black) to 1 (white).
    const brightness = () => {
      const id = spawnSync("xdotool", ["search", "--onlyvisible", "--name", `^${title}$`], { encoding: "utf8" }).stdout.split("\n")[0];
      const shot = spawnSync("import", ["-window", id, "png:-"], { maxBuffer: 1 << 24 });
      const mean = spawnSync("convert", ["png:-", "-colorspace", "Gray", "-format", "%[fx:mean]", "info:"], { input: shot.stdout, encoding: "utf8" });
      return Number(mean.stdout);
    };
    for (const [theme, drawn] of [
      ["dark", (level) => level < 0.3],
      ["light", (level) => level > 0.7],
    ]) {
      await click(driver, "button[aria-label=Settings]");
      await (await driver.wait(until.elementLocated(By.css(`#s-theme option[value=${theme}]`)), 5_000)).click();
      await driver.wait(async () => JSON.parse(readFileSync(join(process.env.TWOFOLD_DATA_DIR, "settings.json"), "utf8")).theme === theme, 5_000, `the ${theme} theme is saved`);
      await driver.findElement(By.css("body")).sendKeys(Key.ESCAPE);
      execFileSync("xdotool", ["key", "ctrl+alt+o"]);
      await waitFor(() => windowShown(title), 10_000, "the shortcut opens the quick pick");
      await waitFor(() => drawn(brightness()), 5_000, `the quick pick is drawn ${theme} (mean grey ${brightness()})`);
      pressKeys(title, "Escape");
      await waitFor(() => !windowShown(title), 5_000, "Esc hides it");
    }
  });

  it("starts at login when asked to, hidden in the tray", async () => {
    driver = await startApp();
    const entry = join(process.env.HOME, ".config", "autostart", "Twofold.desktop");
    await click(driver, "button[aria-label=Settings]");
    await (await driver.wait(until.elementLocated(By.xpath("//label[contains(., 'Start with the system')]/input")), 5_000)).click();
    await driver.wait(async () => existsSync(entry), 5_000);
    assert.match(readFileSync(entry, "utf8"), /^Exec=.*twofold-app.* --hidden$/m);
    await click(driver, "button[aria-label=Settings]");
    await (await driver.wait(until.elementLocated(By.xpath("//label[contains(., 'Start with the system')]/input")), 5_000)).click();
    await driver.wait(async () => !existsSync(entry), 5_000);
  });

  it("shows a key or a QR code only after the app's own confirmation, never to a script alone", async () => {
    driver = await startApp(GITHUB);
    const { id } = JSON.parse(cli("list", "--json"))[0];
    // A script in the page asking for the key directly gets nothing while the dialog is refused.
    const refused = answerNativeDialogLater("Show the key of GitHub?", { accept: false });
    const byScript = await driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke("reveal_key", { id: arguments[0] }).then((key) => done({ key }), (error) => done({ error }));`,
      id,
    );
    await refused;
    assert.deepEqual(byScript, { error: { kind: "cancelled", message: "Cancelled." } });

    await (await row(driver, "GitHub")).findElement(By.css("button.more")).click();
    await clickButton(driver, "Reveal key…");
    await new Promise((done) => setTimeout(done, 1000));
    assert.equal((await driver.findElements(By.css("[data-testid=secret]"))).length, 0, "no key before the answer");
    answerNativeDialog("Show the key of GitHub?");
    const secret = await driver.wait(until.elementLocated(By.css("[data-testid=secret]")), 5_000);
    assert.equal(await secret.getText(), "JBSW Y3DP EHPK 3PXP", "the key, in groups of four");
    await clickButton(driver, "Copy key");
    await driver.wait(async () => readClipboard() === "JBSWY3DPEHPK3PXP", 5_000, "Copy key copies it without spaces");
    assert.ok(clipboardTargets().includes("x-kde-passwordManagerHint"), "marked secret for clipboard managers");
    // Copying needs the key the page was shown: a script's guess copies nothing.
    putTextOnClipboard("something else");
    await driver.wait(async () => readClipboard() === "something else", 5_000);
    const guessed = await invokeFromPage(driver, "copy_key", { id, shown: "AAAAAAAAAAAAAAAA" });
    assert.equal(guessed.error?.kind, "invalid", JSON.stringify(guessed));
    assert.equal(readClipboard(), "something else");
    await clickButton(driver, "Hide key");
    assert.equal((await driver.findElements(By.css("[data-testid=secret]"))).length, 0);

    await clickButton(driver, "Show QR code…");
    answerNativeDialog("Show the QR code of GitHub?", { accept: false });
    await new Promise((done) => setTimeout(done, 500));
    assert.equal((await driver.findElements(By.css("img.qr"))).length, 0);
    await clickButton(driver, "Show QR code…");
    answerNativeDialog("Show the QR code of GitHub?");
    await driver.wait(until.elementLocated(By.css("img.qr")), 5_000);
  });

  it("never leaves the app's own page, nor opens another window", async () => {
    driver = await startApp(GITHUB);
    await row(driver, "GitHub");
    const home = await driver.getCurrentUrl();
    await driver.executeScript(`location.href = "https://example.com/?stolen=JBSWY3DPEHPK3PXP"`);
    await new Promise((done) => setTimeout(done, 1500));
    assert.equal(await driver.getCurrentUrl(), home);
    await row(driver, "GitHub");
    const opened = await driver.executeScript(`return window.open("https://example.com/") === null`);
    await new Promise((done) => setTimeout(done, 1000));
    assert.equal(opened, true);
    assert.equal((await driver.getAllWindowHandles()).length, 1);
  });

  it("finds the accounts of a lost list in the keyring, and restores them", async () => {
    resetStore(GITHUB, PROTON);
    for (const file of ["accounts.json", "accounts.json.bak"]) rmSync(join(process.env.TWOFOLD_DATA_DIR, file), { force: true });
    driver = await openApp();
    const banner = await driver.wait(until.elementLocated(By.css("[aria-label='Account list check']")), 10_000);
    assert.match(await banner.getText(), /2 accounts were found in the keyring but not in the list/);
    await clickButton(driver, "Restore");
    const github = await row(driver, "GitHub");
    assert.ok(isCurrentCode(await textOf(github, ".code"), "JBSWY3DPEHPK3PXP"));
    await row(driver, "Proton");
    assert.equal(JSON.parse(cli("list", "--json")).length, 2);
    await driver.wait(async () => (await driver.findElements(By.css("[aria-label='Account list check']"))).length === 0, 5_000);
  });

  it("writes an encrypted backup after a change made in the app, when automatic backups are on", async () => {
    driver = await startApp(GITHUB);
    const folder = scratchDir();
    cliWithInput("correct horse\n", "backup", "on", folder);
    const backups = () => readdirSync(folder).filter((name) => name.startsWith("twofold-backup-")).sort();
    assert.equal(backups().length, 1, "the first backup is written at once");
    // Names are to the second: the next backup must not land on the same one.
    await new Promise((done) => setTimeout(done, 1100));

    await click(driver, "header button.primary");
    await clickButton(driver, "Enter key");
    await (await driver.findElement(By.id("key-issuer"))).sendKeys("Backed");
    await (await driver.findElement(By.id("key-name"))).sendKeys("up@example.com");
    await (await driver.findElement(By.id("key-key"))).sendKeys("MFRGGZDFMZTWQ2LK");
    await clickButton(driver, "Continue");
    await clickButton(driver, "Add");
    await clickButton(driver, "Skip");
    await driver.wait(() => backups().length === 2, 15_000, "a backup follows the change");
    const newest = JSON.parse(readFileSync(join(folder, backups().at(-1)), "utf8"));
    const entries = decryptAegis(newest, "correct horse").entries;
    const added = entries.find((entry) => entry.issuer === "Backed");
    assert.equal(added?.info.secret, "MFRGGZDFMZTWQ2LK");
    assert.equal(entries.length, 2);

    await click(driver, "button[aria-label=Settings]");
    const status = await driver.wait(until.elementLocated(By.xpath("//section[@aria-labelledby='backups-title']//p[@role='status']")), 10_000);
    assert.match(await status.getText(), /^Last backup: (just now|1 min ago)$/);
  });

  it("reaches a keyring started after it, on Try again", async () => {
    resetStore(GITHUB);
    await stopKeyring();
    try {
      driver = await openApp();
      const fatal = await driver.wait(until.elementLocated(By.css("main.fatal")), 15_000);
      assert.match(await fatal.getText(), /Twofold cannot reach your keyring/);
    } finally {
      startKeyring();
    }
    await clickButton(driver, "Try again");
    const github = await row(driver, "GitHub");
    assert.ok(isCurrentCode(await textOf(github, ".code"), "JBSWY3DPEHPK3PXP"));
  });

  it("refuses at once an encrypted backup that asks for a stalling key derivation", async () => {
    driver = await startApp(GITHUB);
    const path = join(dir, "stalling.json");
    cliWithInput("correct horse\n", "export", "--format", "aegis", path, "--password-stdin");
    const vault = JSON.parse(readFileSync(path, "utf8"));
    vault.header.slots[0].n = 2 ** 36; // 8 TiB of scrypt memory
    writeFileSync(path, JSON.stringify(vault));
    await click(driver, "header button.primary");
    await clickButton(driver, "Restore from a backup…");
    answerFileDialog("Import from another authenticator", path);
    const password = await driver.wait(until.elementLocated(By.id("import-password")), 15_000);
    await password.sendKeys("correct horse");
    await clickButton(driver, "Import");
    const refused = await driver.wait(until.elementLocated(By.xpath("//p[@role='alert'][contains(., 'made to stall the import')]")), 10_000);
    assert.match(await refused.getText(), /scrypt with N = 2\^36/);
    assert.equal(JSON.parse(cli("list", "--json")).length, 1);
  });

  it("answers while another process holds the account list (a command stuck on a keyring prompt)", async () => {
    driver = await startApp(GITHUB);
    const github = await row(driver, "GitHub");
    // --close: the lock stays with flock itself, so killing flock frees it.
    const holder = spawn("flock", ["--close", join(process.env.TWOFOLD_DATA_DIR, "accounts.lock"), "sleep", "60"], { stdio: "ignore" });
    try {
      await new Promise((done) => setTimeout(done, 500));
      putTextOnClipboard("something else");
      await driver.wait(async () => readClipboard() === "something else", 5_000);
      await github.findElement(By.css("button.main")).click();
      await driver.wait(async () => /^\d{6}$/.test(readClipboard()), 3_000, "copying does not wait for the lock");
      await github.findElement(By.css("button.more")).click();
      const issuer = await driver.wait(until.elementLocated(By.id("d-issuer")), 5_000);
      await issuer.clear();
      await issuer.sendKeys("GitHub Work");
      await clickButton(driver, "Save");
      const busy = await driver.wait(until.elementLocated(By.xpath("//p[@role='alert'][contains(., 'try again in a moment')]")), 15_000);
      assert.match(await busy.getText(), /another Twofold window or command is changing the accounts/i);
    } finally {
      holder.kill();
    }
    await clickButton(driver, "Save");
    await row(driver, "GitHub Work");
  });
});
