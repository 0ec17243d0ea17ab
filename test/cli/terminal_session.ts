/**
 * The CLI in a real terminal: a detached tmux session running `deno run src/cli/mod.ts …`
 * with its own HOME, read with `capture-pane` and typed into with `send-keys` — how the
 * hidden prompts and the device-code screen are tested.
 *
 * @module
 */
const CLI = new URL("../../src/cli/mod.ts", import.meta.url).pathname;

async function tmux(...args: string[]): Promise<string> {
  const output = await new Deno.Command("tmux", { args, stdout: "piped", stderr: "piped" })
    .output();
  if (!output.success) {
    throw new Error(`tmux ${args[0]}: ${new TextDecoder().decode(output.stderr)}`);
  }
  return new TextDecoder().decode(output.stdout);
}

/** A running terminal session; dispose it to end the session. */
export interface TerminalSession extends AsyncDisposable {
  /** Waits until the screen matches `pattern` (20 s at most); resolves to the screen. */
  waitFor(pattern: RegExp): Promise<string>;
  /** Types `text` (literally) and Enter. */
  typeLine(text: string): Promise<void>;
}

/**
 * Runs `iamfetch <args>` in a new 200×50 tmux session with `HOME=home`; after the command
 * the screen shows `exit=<code>`.
 */
export async function startCliInTerminal(
  args: readonly string[],
  home: string,
): Promise<TerminalSession> {
  const session = `iamfetch-cli-${crypto.randomUUID().slice(0, 8)}`;
  const command = ["env", `HOME=${home}`, "NO_COLOR=1", Deno.execPath(), "run", "-q", "-A", CLI]
    .concat(args).map((word) => `'${word}'`).join(" ");
  await tmux(
    "new-session",
    "-d",
    "-s",
    session,
    "-x",
    "200",
    "-y",
    "50",
    `${command}; echo "exit=$?"; sleep 30`,
  );
  return {
    async waitFor(pattern) {
      const deadline = Date.now() + 20_000;
      while (true) {
        const screen = await tmux("capture-pane", "-p", "-t", session, "-S", "-50");
        if (pattern.test(screen)) return screen;
        if (Date.now() > deadline) {
          throw new Error(`timed out waiting for ${pattern}; screen:\n${screen}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async typeLine(text) {
      await tmux("send-keys", "-t", session, "-l", text);
      await tmux("send-keys", "-t", session, "Enter");
    },
    async [Symbol.asyncDispose]() {
      await tmux("kill-session", "-t", session).catch(() => {});
    },
  };
}
