// The real app, end to end: adding accounts every way, codes checked against
// oathtool, copy, rename, delete and undo, restart, screen scan, and crafted
// names shown as text. Run by tests/e2e/run.sh (Xvfb, private D-Bus session,
// unlocked gnome-keyring, tauri-driver).
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { after, before, describe, it } from "node:test";
import {
  By, click, clickButton, cli, isCurrentCode, openApp, putImageOnClipboard, qrPng, readClipboard, row, scratchDir, textOf, until,
} from "./harness.js";

const dir = scratchDir();
let driver;

describe("Twofold window", () => {
  before(async () => {
    driver = await openApp();
  });
  after(async () => {
    await driver?.quit();
  });

  it("starts empty and explains how to add an account", async () => {
    const empty = await driver.wait(until.elementLocated(By.css("section.empty")), 10_000);
    assert.match(await empty.getText(), /No accounts yet/);
  });

  it("adds an account from a pasted image, showing its live code first", async () => {
    const secret = "JBSWY3DPEHPK3PXP";
    putImageOnClipboard(qrPng(`otpauth://totp/GitHub:alice@example.com?secret=${secret}&issuer=GitHub`, dir));
    await new Promise((done) => setTimeout(done, 500));
    await click(driver, "header button.primary");
    await clickButton(driver, "Paste Ctrl+V");
    const code = await driver.wait(until.elementLocated(By.css("[data-testid=pending-code]")), 10_000);
    assert.ok(isCurrentCode(await code.getText(), secret), "the confirmation shows the current code");
    await clickButton(driver, "Add");
    const github = await row(driver, "GitHub");
    assert.ok(isCurrentCode(await textOf(github, ".code"), secret));
    assert.match(cli("list"), /GitHub \(alice@example.com\)/);
  });

  it("adds an account by its setup key, as a site's fallback gives it", async () => {
    const secret = "KUVJJOM753IHTNDSZVCNKL7GII";
    await click(driver, "header button.primary");
    await clickButton(driver, "Enter key");
    await (await driver.findElement(By.id("key-name"))).sendKeys("ops@example.com");
    await (await driver.findElement(By.id("key-issuer"))).sendKeys("Cloudflare");
    const key = await driver.findElement(By.id("key-key"));
    await key.sendKeys("kuvj-jom7-53ih-tnds-zvcn-kl7g-1i");
    const error = await driver.findElement(By.id("key-error"));
    await driver.wait(async () => /invalid character '1'/.test(await error.getText()), 5_000);
    await key.clear();
    await key.sendKeys("kuvj jom7 53ih tnds zvcn kl7g ii");
    await driver.wait(async () => (await error.getText()) === "", 5_000);
    await clickButton(driver, "Advanced");
    await (await driver.findElement(By.css("#key-digits option[value='8']"))).click();
    await clickButton(driver, "Continue");
    await clickButton(driver, "Add");
    const cloudflare = await row(driver, "Cloudflare");
    assert.ok(isCurrentCode(await textOf(cloudflare, ".code"), secret, { digits: 8 }));
  });

  it("adds an account from an image file picked in the file dialog", async () => {
    const secret = "ONSWG4TFOQYTEMZU";
    const image = qrPng(`otpauth://totp/Proton:dave@example.com?secret=${secret}&issuer=Proton`, dir);
    await click(driver, "header button.primary");
    await clickButton(driver, "Open image…");
    // The native GTK dialog: type the path into its location bar.
    execFileSync("xdotool", ["search", "--sync", "--name", "Open an image with a QR code", "windowfocus", "--sync"]);
    execFileSync("xdotool", ["key", "--delay", "100", "ctrl+l"]);
    execFileSync("xdotool", ["type", "--delay", "10", image]);
    // GTK checks the typed path before it enables Open: give it a moment.
    execFileSync("xdotool", ["sleep", "1", "key", "Return"]);
    const code = await driver.wait(until.elementLocated(By.css("[data-testid=pending-code]")), 15_000);
    assert.ok(isCurrentCode(await code.getText(), secret));
    await clickButton(driver, "Add");
    await row(driver, "Proton");
  });

  it("copies a code on click and clears the clipboard later", async () => {
    const github = await row(driver, "GitHub");
    await github.findElement(By.css("button.main")).click();
    const toast = await driver.wait(until.elementLocated(By.css(".toast")), 5_000);
    assert.match(await toast.getText(), /Copied — clears in 30 s/);
    await driver.wait(async () => /^\d{6}$/.test(readClipboard()), 5_000);
    assert.ok(isCurrentCode(readClipboard(), "JBSWY3DPEHPK3PXP"));
  });

  it("shows crafted names as text, never as HTML", async () => {
    cli("add", "otpauth://totp/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E:evil?secret=JBSWY3DPEHPK3PXS");
    await driver.navigate().refresh();
    const evil = await row(driver, "<img src=x onerror=alert(1)>");
    const issuer = await evil.findElement(By.css(".issuer"));
    assert.equal((await issuer.getAttribute("textContent")).trim(), "<img src=x onerror=alert(1)>");
    assert.equal(await driver.executeScript("return document.querySelectorAll('li.row img').length"), 0);
    assert.equal((await driver.findElements(By.css("li.row img"))).length, 0);
  });

  it("renames, deletes and undoes", async () => {
    await (await row(driver, "Cloudflare")).findElement(By.css("button.more")).click();
    const issuer = await driver.wait(until.elementLocated(By.id("d-issuer")), 5_000);
    await issuer.clear();
    await issuer.sendKeys("Cloudflare Ops");
    await clickButton(driver, "Save");
    await row(driver, "Cloudflare Ops");
    assert.match(cli("list"), /Cloudflare Ops \(ops@example.com\)/);

    await (await row(driver, "Cloudflare Ops")).findElement(By.css("button.more")).click();
    await clickButton(driver, "Delete");
    const warning = await driver.wait(until.elementLocated(By.css("[role=alertdialog]")), 5_000);
    assert.match(await warning.getText(), /you may lose access to Cloudflare Ops/);
    await (await warning.findElement(By.css("button.danger"))).click();
    await driver.wait(async () => !/Cloudflare/.test(cli("list")), 5_000);
    await clickButton(driver, "Undo");
    await row(driver, "Cloudflare Ops");
    assert.match(cli("list"), /Cloudflare Ops/);
  });

  it("finds the same accounts after a restart", async () => {
    await driver.quit();
    driver = await openApp();
    const github = await row(driver, "GitHub");
    assert.ok(isCurrentCode(await textOf(github, ".code"), "JBSWY3DPEHPK3PXP"));
    await row(driver, "Cloudflare Ops");
  });

  it("scans the screen for a QR code shown in another window", async () => {
    const secret = "MFRGGZDFMZTWQ2LK";
    const image = qrPng(`otpauth://totp/Dropbox:carol?secret=${secret}&issuer=Dropbox`, dir);
    const viewer = spawn("display", ["-geometry", "+600+100", image], { stdio: "ignore" });
    try {
      await new Promise((done) => setTimeout(done, 1500));
      await click(driver, "header button.primary");
      await clickButton(driver, "Scan screen");
      const code = await driver.wait(until.elementLocated(By.css("[data-testid=pending-code]")), 15_000);
      assert.ok(isCurrentCode(await code.getText(), secret));
      await clickButton(driver, "Add");
      await row(driver, "Dropbox");
    } finally {
      viewer.kill();
    }
  });
});
