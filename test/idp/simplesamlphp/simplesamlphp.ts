/**
 * Starts Debian's SimpleSAMLphp — a real SAML IdP nobody here wrote — as an IdP for AWS on
 * a free loopback port: PHP's built-in server over the package's `www` directory
 * (`/usr/share/simplesamlphp/www`, found with `dpkg-query -L`), with a temporary copy of its
 * configuration directory (`/etc/simplesamlphp`; pointed to by `SIMPLESAMLPHP_CONFIG_DIR`) whose
 * `config.php` enables the SAML 2.0 IdP and `exampleauth`, an `exampleauth:UserPass` user
 * carrying the AWS `Role` and `RoleSessionName` attributes, a fresh signing key pair made
 * with `openssl`, and the SP `urn:amazon:webservices`. Recipe: `shared/notes/simplesamlphp-idp.md`.
 *
 * Needs `apt-get install -y simplesamlphp php-cli php-xml php-mbstring` (and `openssl`).
 *
 * @example
 * ```ts
 * await using idp = await startSimpleSamlPhp({ username: "alice", password: "pw", roles });
 * const adapter = formAdapter({ idpUrl: idp.ssoUrl });
 * ```
 *
 * @module
 */
import type { TestSamlRole } from "../saml_issuer.ts";
import { findProgram, freePort } from "../../find_program.ts";

const PACKAGES = "simplesamlphp php-cli php-xml php-mbstring";
const INSTALL = `apt-get install -y ${PACKAGES}`;

/** The IdP's user and what its assertion says. */
export interface SimpleSamlPhpOptions {
  readonly username: string;
  readonly password: string;
  /** The `Role` attribute values. */
  readonly roles: readonly TestSamlRole[];
  /** The `RoleSessionName` attribute; default the user name. */
  readonly roleSessionName?: string;
}

/** A running SimpleSAMLphp IdP. */
export interface SimpleSamlPhp extends AsyncDisposable {
  /** Its origin, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** IdP-initiated SSO for `urn:amazon:webservices`: the form adapter's `idpUrl`. */
  readonly ssoUrl: string;
  /** The certificate its assertions are signed with (PEM). */
  readonly certificatePem: string;
  /** What the PHP server wrote to stderr so far (its error log), for failure messages. */
  log(): string;
}

/** Starts SimpleSAMLphp; throws an `Error` naming the packages when it is not installed. */
export async function startSimpleSamlPhp(options: SimpleSamlPhpOptions): Promise<SimpleSamlPhp> {
  const { www, configDir } = await packageLayout();
  const php = await requirePhp();
  const dir = await Deno.makeTempDir({ prefix: "iamfetch-simplesamlphp-" });
  try {
    const port = freePort();
    const url = `http://127.0.0.1:${port}`;
    const config = `${dir}/config`;
    await copyDirectory(configDir, config);
    for (const sub of ["cert", "log", "data", "sessions", "tmp"]) await Deno.mkdir(`${dir}/${sub}`);
    await openssl(dir);
    await appendPhp(`${config}/config.php`, configOverrides(dir, url));
    await appendPhp(`${config}/authsources.php`, authSource(options));
    await Deno.writeTextFile(`${config}/metadata/saml20-idp-hosted.php`, IDP_HOSTED);
    await Deno.writeTextFile(`${config}/metadata/saml20-sp-remote.php`, AWS_SP);
    const child = new Deno.Command(php, {
      args: ["-S", `127.0.0.1:${port}`, "-t", www],
      env: { SIMPLESAMLPHP_CONFIG_DIR: config },
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).spawn();
    let stderr = "";
    const drained = child.stderr.pipeThrough(new TextDecoderStream()).pipeTo(
      new WritableStream({ write: (chunk) => void (stderr = (stderr + chunk).slice(-20_000)) }),
    ).catch(() => {});
    const close = async () => {
      try {
        child.kill("SIGTERM");
      } catch {
        // Already exited.
      }
      await child.status;
      await drained;
      await Deno.remove(dir, { recursive: true });
    };
    try {
      await waitUntilServing(url, () => stderr);
    } catch (error) {
      await close();
      throw error;
    }
    return {
      url,
      ssoUrl: `${url}/saml2/idp/SSOService.php?spentityid=urn:amazon:webservices`,
      certificatePem: await Deno.readTextFile(`${dir}/cert/idp.crt`),
      log: () => stderr,
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    throw error;
  }
}

/** Where Debian's package keeps SimpleSAMLphp's web root and its configuration. */
async function packageLayout(): Promise<{ www: string; configDir: string }> {
  const dpkgQuery = await findProgram(
    "dpkg-query",
    `SimpleSAMLphp is Debian's package: ${INSTALL}`,
  );
  const listing = await new Deno.Command(dpkgQuery, {
    args: ["-L", "simplesamlphp"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const files = new TextDecoder().decode(listing.stdout).split("\n");
  const sso = files.find((file) => file.endsWith("/www/saml2/idp/SSOService.php"));
  const config = files.find((file) =>
    file.endsWith("/config.php") && files.includes(file.replace(/config\.php$/, "authsources.php"))
  );
  if (listing.code !== 0 || sso === undefined || config === undefined) {
    const why = new TextDecoder().decode(listing.stderr).trim() ||
      "no www/saml2/idp/SSOService.php or config.php in its files";
    throw new Error(
      `SimpleSAMLphp is not installed (${dpkgQuery} -L simplesamlphp: ${why}): ${INSTALL}`,
    );
  }
  return {
    www: sso.slice(0, -"/saml2/idp/SSOService.php".length),
    configDir: config.slice(0, -"/config.php".length),
  };
}

/** The `php` on PATH, which must have the dom and mbstring modules. */
async function requirePhp(): Promise<string> {
  const php = await findProgram("php", INSTALL);
  const output = await new Deno.Command(php, { args: ["-m"], stdout: "piped", stderr: "null" })
    .output();
  const modules = new TextDecoder().decode(output.stdout).toLowerCase();
  if (output.code !== 0 || !/^dom$/m.test(modules) || !/^mbstring$/m.test(modules)) {
    throw new Error(`${php} lacks the dom or mbstring module: ${INSTALL}`);
  }
  return php;
}

async function copyDirectory(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    const source = `${from}/${entry.name}`;
    const target = `${to}/${entry.name}`;
    const info = await Deno.stat(source);
    if (info.isDirectory) await copyDirectory(source, target);
    else await Deno.copyFile(source, target);
  }
}

async function openssl(dir: string): Promise<void> {
  const program = await findProgram("openssl", "apt-get install -y openssl");
  const { code, stderr } = await new Deno.Command(program, {
    args: [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-subj",
      "/CN=simplesamlphp.test",
      "-keyout",
      `${dir}/cert/idp.key`,
      "-out",
      `${dir}/cert/idp.crt`,
    ],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (code !== 0) throw new Error(`${program} failed: ${new TextDecoder().decode(stderr)}`);
}

async function appendPhp(path: string, php: string): Promise<void> {
  await Deno.writeTextFile(path, `\n${php}\n`, { append: true });
}

function phpString(text: string): string {
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

function configOverrides(dir: string, url: string): string {
  const settings: Record<string, string> = {
    baseurlpath: phpString(`${url}/`),
    secretsalt: phpString(crypto.randomUUID()),
    certdir: phpString(`${dir}/cert/`),
    loggingdir: phpString(`${dir}/log/`),
    datadir: phpString(`${dir}/data/`),
    tempdir: phpString(`${dir}/tmp`),
    metadatadir: phpString(`${dir}/config/metadata/`),
    "enable.saml20-idp": "true",
    "session.cookie.secure": "false",
    "session.cookie.samesite": "null",
    "session.phpsession.savepath": phpString(`${dir}/sessions`),
    "logging.handler": phpString("errorlog"),
    "logging.level": "SimpleSAML\\Logger::WARNING",
  };
  return Object.entries(settings).map(([key, value]) => `$config[${phpString(key)}] = ${value};`)
    .join("\n") + "\n$config['module.enable']['exampleauth'] = true;";
}

function authSource(options: SimpleSamlPhpOptions): string {
  const values = (list: readonly string[]) => `[${list.map(phpString).join(", ")}]`;
  const roles = options.roles.map((r) => `${r.roleArn},${r.principalArn}`);
  return `$config['aws-users'] = ['exampleauth:UserPass', ${
    phpString(`${options.username}:${options.password}`)
  } => [
  'uid' => ${values([options.username])},
  'https://aws.amazon.com/SAML/Attributes/Role' => ${values(roles)},
  'https://aws.amazon.com/SAML/Attributes/RoleSessionName' => ${
    values([options.roleSessionName ?? options.username])
  },
]];`;
}

const IDP_HOSTED = `<?php
$metadata['__DYNAMIC:1__'] = [
  'host' => '__DEFAULT__',
  'privatekey' => 'idp.key',
  'certificate' => 'idp.crt',
  'auth' => 'aws-users',
  'attributes.NameFormat' => 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri',
  'userid.attribute' => 'uid',
];
`;

const AWS_SP = `<?php
$metadata['urn:amazon:webservices'] = [
  'entityid' => 'urn:amazon:webservices',
  'AssertionConsumerService' => 'https://signin.aws.amazon.com/saml',
  'NameIDFormat' => 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
  'attributes.NameFormat' => 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri',
];
`;

async function waitUntilServing(url: string, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/index.php`, { redirect: "manual" });
      await response.body?.cancel();
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`SimpleSAMLphp did not start within 10 s. Its log:\n${log().slice(-2000)}`);
}
