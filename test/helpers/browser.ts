import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium; the tests never download a browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Launches headless Chromium with nothing running in the background that could reach a network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}
