import type { MfaChallenge, MfaPrompt } from "../saml/adapter.ts";
import type { MfaCodeProvider } from "../credentials/profile/callbacks.ts";
import type { CliIo, Spinner } from "./io.ts";

/**
 * The CLI's answers to MFA challenges: codes and factor choices are asked on the terminal
 * with hidden input; a push shows a spinner until the next prompt or {@linkcode stop}.
 */
export class CliPrompts {
  readonly #io: CliIo;
  #spinner: Spinner | undefined;

  /** Prompts through `io`. */
  constructor(io: CliIo) {
    this.#io = io;
  }

  /** The {@linkcode MfaPrompt} for SAML adapters. */
  readonly mfa: MfaPrompt = async (challenge: MfaChallenge) => {
    this.stop();
    switch (challenge.kind) {
      case "push":
        this.#spinner = this.#io.spinner(challenge.message);
        return undefined;
      case "choose":
        return (await this.#io.prompt(
          `${challenge.message} (${(challenge.factors ?? []).join(", ")}): `,
        )).trim();
      case "code":
        return (await this.#io.prompt(`${challenge.message}: `, { hidden: true })).trim();
    }
  };

  /** Asks for the MFA code of `mfaSerial` (profiles and connection strings with MFA). */
  readonly mfaCodeProvider: MfaCodeProvider = async (mfaSerial) => {
    this.stop();
    return (await this.#io.prompt(`MFA code for ${mfaSerial}: `, { hidden: true })).trim();
  };

  /** Asks for a password, hidden. */
  async password(question: string): Promise<string> {
    this.stop();
    return await this.#io.prompt(question, { hidden: true });
  }

  /** The IdP password of a login: `IAMFETCH_PASSWORD` when set (scripts), else asked. */
  readonly loginPassword = async (): Promise<string> =>
    this.#io.platform.env("IAMFETCH_PASSWORD") ?? await this.password("Password: ");

  /** Stops a running push spinner. */
  stop(): void {
    this.#spinner?.stop();
    this.#spinner = undefined;
  }
}
