/**
 * The first step of `deno task test`: installs the programs the tests drive when they are
 * missing, so that the README's test command passes on a fresh machine.
 *
 * - Debian packages: `chromium` (the browser runtime), `simplesamlphp` with `php-cli`,
 *   `php-xml` and `php-mbstring` (a real SAML IdP on PHP's built-in server), `awscli`
 *   (botocore-signed requests for the Hono middleware), `tmux` (the CLI's hidden prompts in a
 *   real terminal) and `openssl` (the SimpleSAMLphp test key). Installed with `apt-get` as
 *   root.
 * - `moto_server` (Python moto, the third-party AWS emulator of `test/moto/`): expected on
 *   this machine kind (pip's moto 5.2); when it is missing, Debian's `python3-moto` is
 *   installed if the archive has it and it brings `moto_server`.
 *
 * When something cannot be installed (not root, no apt-get, apt-get failed, no package), it
 * prints ONE line naming what is missing and the command that installs it, and exits 0: the
 * tests that need a missing program then fail with a message naming it.
 *
 * Run: `deno run -A tools/provision.ts`.
 *
 * @module
 */
import { findProgram } from "../test/find_program.ts";

/** A Debian package the tests need, and how to tell it is there. */
interface Requirement {
  readonly debianPackage: string;
  readonly present: () => Promise<boolean>;
}

const PHP_MODULES = () => commandOutput("php", ["-m"]).then((text) => text.toLowerCase());

const REQUIREMENTS: readonly Requirement[] = [
  { debianPackage: "chromium", present: () => onPath("chromium") },
  { debianPackage: "simplesamlphp", present: () => debianPackageInstalled("simplesamlphp") },
  { debianPackage: "php-cli", present: () => onPath("php") },
  { debianPackage: "php-xml", present: async () => /^dom$/m.test(await PHP_MODULES()) },
  { debianPackage: "php-mbstring", present: async () => /^mbstring$/m.test(await PHP_MODULES()) },
  { debianPackage: "awscli", present: () => onPath("aws") },
  { debianPackage: "tmux", present: () => onPath("tmux") },
  { debianPackage: "openssl", present: () => onPath("openssl") },
  // Debian's moto (where the archive has it): the other way moto_server gets here.
  { debianPackage: "python3-moto", present: () => onPath("moto_server") },
];

async function onPath(name: string): Promise<boolean> {
  return await findProgram(name, "").then(() => true, () => false);
}

/** What `program args` printed, or "" when it is missing or fails. */
async function commandOutput(program: string, args: string[]): Promise<string> {
  try {
    const path = await findProgram(program, "");
    const output = await new Deno.Command(path, { args, stdout: "piped", stderr: "null" })
      .output();
    return output.code === 0 ? new TextDecoder().decode(output.stdout) : "";
  } catch {
    return "";
  }
}

async function debianPackageInstalled(name: string): Promise<boolean> {
  const status = await commandOutput("dpkg-query", ["-W", "-f=${Status}", name]);
  return status.trim() === "install ok installed";
}

/** Whether Debian's archive has `name` (after `apt-get update`). */
async function debianArchiveHas(name: string): Promise<boolean> {
  const policy = await commandOutput("apt-cache", ["policy", name]);
  const candidate = /Candidate:\s*(\S+)/.exec(policy)?.[1];
  return candidate !== undefined && candidate !== "(none)";
}

async function missing(): Promise<string[]> {
  const absent: string[] = [];
  for (const requirement of REQUIREMENTS) {
    if (!await requirement.present()) absent.push(requirement.debianPackage);
  }
  return absent;
}

/** Runs apt-get (as root); false when it fails. */
async function aptGet(args: string[]): Promise<boolean> {
  const apt = await findProgram("apt-get", "");
  const { code } = await new Deno.Command(apt, {
    args,
    env: { DEBIAN_FRONTEND: "noninteractive" },
    stdout: "null",
    stderr: "inherit",
  }).output();
  return code === 0;
}

function installLine(packages: string[]): string {
  const apt = packages.filter((name) => name !== "python3-moto");
  const commands = [];
  if (apt.length > 0) commands.push(`apt-get install -y ${apt.join(" ")} (as root)`);
  if (packages.includes("python3-moto")) commands.push("pip install 'moto[server]'");
  const names = packages.map((name) => name === "python3-moto" ? "moto_server" : name);
  return `provision: missing ${names.join(", ")}, so the tests that drive them will fail; ` +
    `install with: ${commands.join("; ")}`;
}

if (import.meta.main) {
  const before = await missing();
  const canInstall = Deno.uid() === 0 && await onPath("apt-get");
  if (before.length > 0 && canInstall && await aptGet(["update", "-qq"])) {
    // python3-moto is not in every Debian release (bookworm has none): ask the archive.
    const available = [];
    for (const name of before) if (await debianArchiveHas(name)) available.push(name);
    if (available.length > 0) {
      console.log(`provision: installing ${available.join(" ")} (apt-get)`);
      await aptGet(["install", "-y", "-qq", ...available]);
    }
  }
  const after = before.length > 0 ? await missing() : [];
  if (after.length > 0) console.log(installLine(after));
}
