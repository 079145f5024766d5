// Used by scripts/bench-app.sh: time from asking for a new app process to
// every account's code being visible, then the app's memory once idle.
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { Builder, By } from "selenium-webdriver";

const [application, count] = [process.argv[2], Number(process.argv[3])];
const started = performance.now();
const driver = await new Builder()
  .usingServer("http://127.0.0.1:4444/")
  .withCapabilities({ browserName: "wry", "tauri:options": { application } })
  .build();
await driver.wait(async () => (await driver.findElements(By.css("li.row .code"))).length >= count, 30_000);
const visible = performance.now() - started;
await new Promise((done) => setTimeout(done, 5000));

// The app and the WebKit processes it started: proportional set size (PSS).
const pids = execFileSync("pgrep", ["-f", "twofold-app|WebKitWebProcess|WebKitNetworkProcess"], { encoding: "utf8" })
  .split("\n").filter(Boolean).filter((pid) => !/WebKitWebDriver|measure-start|pgrep/.test(readFileSync(`/proc/${pid}/cmdline`, "utf8")));
let pssKb = 0;
for (const pid of pids) {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  pssKb += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0);
}
console.log(`${count} accounts: codes visible ${Math.round(visible)} ms after launch; idle memory ${Math.round(pssKb / 1024)} MiB PSS over ${pids.length} processes`);
await driver.quit();
