/**
 * Starts the headless Chromium the browser tests drive: Debian's `chromium`, found on `PATH`,
 * through `playwright-core` (which never downloads a browser of its own).
 *
 * @module
 */
import { type Browser, chromium } from "playwright-core";
import { findProgram } from "./find_program.ts";

// Headless as root needs --no-sandbox. The machine has no network but loopback: without the
// background-networking flags Chromium keeps trying Google's hosts (refused, many at a time).
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Launches `chromium` from `PATH`; close the browser when done. Throws an `Error` saying
 * how to install it when it is missing, and naming the program used when it fails to start.
 *
 * @example
 * ```ts
 * const browser = await launchChromium();
 * try {
 *   const page = await browser.newPage();
 * } finally {
 *   await browser.close();
 * }
 * ```
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = await findProgram("chromium", "apt-get install -y chromium");
  try {
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  } catch (cause) {
    throw new Error(`${executablePath} did not start as headless Chromium`, { cause });
  }
}
