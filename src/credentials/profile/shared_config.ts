import { CredentialsProviderError } from "../errors.ts";
import { parseIniSections } from "./ini.ts";
import type { Platform } from "../platform/types.ts";

/**
 * The settings of one section: key → non-empty value, in an object with a null prototype
 * (keys are user input).
 */
export type SectionSettings = Readonly<Record<string, string>>;

/**
 * The profiles, SSO sessions and service sections of the shared config and credentials
 * files, as {@linkcode loadSharedConfig} returns them.
 *
 * @example
 * ```ts
 * import { explicitPlatform, loadSharedConfig, type SharedConfig } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const config: SharedConfig = await loadSharedConfig(explicitPlatform());
 * assertEquals(config.profiles.size, 0);
 * ```
 */
export interface SharedConfig {
  /** Profile name → its settings, the credentials file's overriding the config file's. */
  profiles: Map<string, SectionSettings>;
  /** `[sso-session name]` sections of the config file. */
  ssoSessions: Map<string, SectionSettings>;
  /** `[services name]` sections of the config file (per-service endpoint overrides). */
  services: Map<string, SectionSettings>;
  /** The credentials file looked for, if any path could be formed. */
  credentialsFilepath?: string;
  /** The config file looked for, if any path could be formed. */
  configFilepath?: string;
}

/**
 * Options of {@linkcode loadSharedConfig}.
 */
export interface LoadSharedConfigOptions {
  /** The credentials file. Default: `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`. */
  filepath?: string;
  /** The config file. Default: `AWS_CONFIG_FILE`, else `~/.aws/config`. */
  configFilepath?: string;
}

const TYPED_SECTIONS = new Set(["profile", "sso-session", "services"]);

function isSpace(char: string): boolean {
  return char === " " || char === "\t";
}

// `profile dev`, `profile  dev`, `profile "dev"` → ["profile", "dev"]; anything else →
// undefined. The type must open the header: `[ profile dev ]` is no profile for botocore
// nor AWS SDK v3. After it, botocore splits the rest like a shell (shlex: exactly one
// word, quotes removed), so runs of white space and a space before `]` are accepted; AWS
// SDK v3 accepts exactly one space or tab and no padding. iamfetch follows botocore there:
// a profile the AWS CLI uses is one iamfetch uses. A name with white space must be quoted.
function typedSection(header: string): [type: string, name: string] | undefined {
  let split = 0;
  while (split < header.length && !isSpace(header[split])) split++;
  const type = header.slice(0, split);
  if (!TYPED_SECTIONS.has(type)) return undefined;
  let name = header.slice(split).trim();
  const quote = name[0];
  if ((quote === '"' || quote === "'") && name.length >= 2 && name.at(-1) === quote) {
    name = name.slice(1, -1);
  } else if ([...name].some(isSpace)) {
    return undefined; // `[profile two words]`: two words after the type, no section
  }
  if (name === "" || name.includes('"') || name.includes("'")) return undefined;
  return [type, name];
}

// A section without settings is as if absent, as in AWS SDK v3 (its parser only creates a
// section on its first key): so an empty `[profile default]` does not hide `[default]`.
function addTo(target: Map<string, SectionSettings>, name: string, entries: Map<string, string>) {
  if (entries.size === 0) return;
  target.set(
    name,
    Object.assign(Object.create(null), target.get(name), Object.fromEntries(entries)),
  );
}

function resolvePath(path: string | undefined, home: string | undefined): string | undefined {
  if (path === undefined || !(path.startsWith("~/") || path.startsWith("~\\"))) return path;
  return home === undefined ? undefined : joinPath(home, path.slice(2));
}

function joinPath(directory: string, relative: string): string {
  const separator = directory.includes("\\") && !directory.includes("/") ? "\\" : "/";
  const base = directory.endsWith(separator) ? directory.slice(0, -1) : directory;
  return base + separator + relative.replaceAll(separator === "/" ? "\\" : "/", separator);
}

async function readIni(platform: Platform, path: string | undefined) {
  if (path === undefined) return [];
  let text: string | undefined;
  try {
    text = await platform.readTextFile(path);
  } catch (cause) {
    // Unreadable (permissions, a directory…): not available here, as for a missing file,
    // but said so, unlike AWS SDK v3, which treats any failure as an empty file.
    throw new CredentialsProviderError(
      `Could not read ${path} (${cause instanceof Error ? cause.name : "error"}).`,
      { cause },
    );
  }
  return text === undefined ? [] : parseIniSections(text, { path });
}

/**
 * Reads the shared credentials and config files with the AWS CLI / SDK rules. In the config
 * file, `[default]` and `[profile name]` are profiles (`[profile default]` wins over
 * `[default]`, as in AWS SDK v3) and a bare `[name]` is ignored, as botocore and AWS SDK v3
 * do; `[sso-session name]` and `[services name]` sections are collected too. In the
 * credentials file every `[name]` is a profile, and its values override the config file's key
 * by key. A missing file (or no home directory to find it in) is an empty file, not an error;
 * a malformed one throws `IniSyntaxError`.
 *
 * Headers are taken as written between the brackets: `[ default ]` and `[ profile dev ]`
 * are no profiles, as for botocore and AWS SDK v3 (in the credentials file `[ dev ]` is the
 * profile ` dev `). Deliberately unlike AWS SDK v3 and as botocore: after `profile`, any
 * run of spaces or tabs and a space before `]` are accepted, so `[profile  dev]` and
 * `[profile dev ]` name `dev` (the SDK ignores both); a file that cannot be read for another
 * reason than not existing throws `CredentialsProviderError` naming it (the SDK treats it
 * as empty, silently).
 *
 * @param platform Where to read the environment and files.
 * @param options Explicit paths; `~/` at their start means the home directory.
 *
 * @example
 * ```ts
 * import { explicitPlatform, loadSharedConfig } from "@iamfetch/iamfetch/credentials";
 * import { assert } from "@std/assert";
 *
 * const platform = explicitPlatform({
 *   homeDir: "/home/me",
 *   files: {
 *     "/home/me/.aws/config": "[profile dev]\nregion = eu-west-1\n[dev]\nregion = ignored\n",
 *     "/home/me/.aws/credentials": "[dev]\naws_access_key_id = AKIDEXAMPLE\n",
 *   },
 * });
 * const { profiles } = await loadSharedConfig(platform);
 * assert(profiles.get("dev")?.region === "eu-west-1");
 * assert(profiles.get("dev")?.aws_access_key_id === "AKIDEXAMPLE");
 * ```
 */
export async function loadSharedConfig(
  platform: Platform,
  options: LoadSharedConfigOptions = {},
): Promise<SharedConfig> {
  const home = platform.homeDir();
  const defaultPath = (file: string) =>
    home === undefined ? undefined : joinPath(home, `.aws/${file}`);
  // `||`, not `??`: an empty variable means unset, as in AWS SDK v3.
  const credentialsFilepath = resolvePath(
    options.filepath || platform.env("AWS_SHARED_CREDENTIALS_FILE") || defaultPath("credentials"),
    home,
  );
  const configFilepath = resolvePath(
    options.configFilepath || platform.env("AWS_CONFIG_FILE") || defaultPath("config"),
    home,
  );
  const [configFile, credentialsFile] = await Promise.all([
    readIni(platform, configFilepath),
    readIni(platform, credentialsFilepath),
  ]);

  const profiles = new Map<string, SectionSettings>();
  const ssoSessions = new Map<string, SectionSettings>();
  const services = new Map<string, SectionSettings>();
  const bareDefault = new Map<string, SectionSettings>();
  for (const [header, entries] of configFile) {
    if (header === "default") {
      addTo(bareDefault, header, entries);
      continue;
    }
    const typed = typedSection(header);
    if (typed === undefined) continue;
    const [type, name] = typed;
    addTo(
      type === "profile" ? profiles : type === "sso-session" ? ssoSessions : services,
      name,
      entries,
    );
  }
  // AWS SDK v3 (getConfigData): `[profile default]` replaces `[default]` whole.
  if (!profiles.has("default") && bareDefault.has("default")) {
    profiles.set("default", bareDefault.get("default")!);
  }
  for (const [name, entries] of credentialsFile) addTo(profiles, name, entries);
  return { profiles, ssoSessions, services, credentialsFilepath, configFilepath };
}
