/**
 * What a credential provider may ask of the runtime: environment variables, text files,
 * the home directory and, where there is one, a way to run a program. Providers reach the
 * runtime only through this interface, so the same provider code runs in Deno, Node, Bun,
 * Workers (bindings as `env`) and browsers (no files at all).
 *
 * Implementations: `denoPlatform()`, `nodePlatform()` (Node and Bun), `explicitPlatform()`
 * (fixed values) and `defaultPlatform()`, which picks one for the current runtime.
 */
export interface Platform {
  /** The value of environment variable `name`, or `undefined` when it is unset or not readable. */
  env(name: string): string | undefined;
  /** The UTF-8 text of the file at `path`, or `undefined` when no such file exists. */
  readTextFile(path: string): Promise<string | undefined>;
  /** The user's home directory, or `undefined` where there is none. */
  homeDir(): string | undefined;
  /**
   * Runs `command` (a program, looked up on `PATH` when not a path) with `options.args`,
   * without a shell, and resolves when it exits. Rejects with `ProcessTimeoutError` after
   * killing it when `options.timeoutMs` passes first. Absent where programs cannot run.
   */
  runProcess?(command: string, options: RunProcessOptions): Promise<ProcessResult>;
  /**
   * Serves `handler` on `127.0.0.1:port` (a free port when `port` is 0) until the returned
   * server is closed; rejects when the port cannot be bound. The browser SAML adapter
   * receives the IdP's POST this way. Absent where nothing can listen (Workers, browsers).
   */
  serveLoopback?(port: number, handler: LoopbackHandler): Promise<LoopbackServer>;
  /** Opens `url` in the user's web browser; rejects when it cannot. Absent where there is none. */
  openUrl?(url: string): Promise<void>;
}

/**
 * Answers one request to a {@linkcode Platform.serveLoopback} server.
 */
export type LoopbackHandler = (request: Request) => Response | Promise<Response>;

/**
 * A running {@linkcode Platform.serveLoopback} server.
 */
export interface LoopbackServer {
  /** The port it listens on (the chosen one when 0 was asked for). */
  readonly port: number;
  /** Stops listening, after answering the requests under way. */
  close(): Promise<void>;
}

/**
 * Options of {@linkcode Platform.runProcess}.
 */
export interface RunProcessOptions {
  /** The program's arguments; default none. */
  args?: readonly string[];
  /** Kill the program and reject when it runs longer than this. */
  timeoutMs: number;
  /** Variables added to (or replacing those of) the current environment. */
  env?: Record<string, string>;
}

/**
 * What a finished process left: its exit code and its output decoded as UTF-8.
 */
export interface ProcessResult {
  /** The exit code (a process killed by a signal reports a non-zero code). */
  code: number;
  /** Everything written to standard output. */
  stdout: string;
  /** Everything written to standard error. */
  stderr: string;
}
