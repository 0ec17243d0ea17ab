/**
 * `POST /api/v1/authn/factors/{factorId}/verify` of the fake Okta, by factor type: TOTP codes
 * checked against the user's secret, SMS and email codes sent on the first call and checked
 * on the next, and push challenges that answer `WAITING` to each poll until the user's
 * scripted answer shows.
 *
 * @module
 */
import { mfaChallengeJson, oktaError, successJson } from "./fake_okta_json.ts";
import type { FakeOktaFactor, FakeOktaState, FakeOktaTransaction } from "./fake_okta_state.ts";
import { totpMatches } from "./totp.ts";

/** An answer of the fake: the HTTP status and the JSON body. */
export interface FakeOktaAnswer {
  /** The HTTP status. */
  readonly status: 200 | 400 | 401 | 403 | 404;
  /** The JSON body. */
  readonly body: Record<string, unknown>;
}

/** Verifies `factorId` for the transaction of `body.stateToken`. */
export async function verifyFactor(
  state: FakeOktaState,
  origin: string,
  factorId: string,
  body: { stateToken?: unknown; passCode?: unknown },
): Promise<FakeOktaAnswer> {
  const stateToken = body.stateToken;
  const transaction = state.transaction(stateToken);
  if (transaction === undefined || typeof stateToken !== "string") {
    return { status: 401, body: oktaError("E0000011", "Invalid token provided") };
  }
  const factor = transaction.user.factors.find((f) => f.id === factorId);
  if (factor === undefined) {
    return {
      status: 404,
      body: oktaError("E0000007", `Not found: Resource not found: ${factorId} (UserFactor)`),
    };
  }
  const passCode = typeof body.passCode === "string" ? body.passCode : undefined;
  const answer = { state, origin, transaction, factor, stateToken };
  switch (factor.init.type) {
    case "token:software:totp":
      return await verifyTotp(answer, factor.init.secret, passCode);
    case "sms":
    case "email":
      return verifySentCode(answer, passCode);
    case "push":
      return verifyPush(answer, factor.init.answer, factor.init.afterPolls ?? 2);
  }
}

interface Verification {
  readonly state: FakeOktaState;
  readonly origin: string;
  readonly transaction: FakeOktaTransaction;
  readonly factor: FakeOktaFactor;
  readonly stateToken: string;
}

async function verifyTotp(
  v: Verification,
  secret: Uint8Array<ArrayBuffer>,
  passCode: string | undefined,
): Promise<FakeOktaAnswer> {
  if (passCode === undefined) {
    return { status: 400, body: oktaError("E0000001", "Api validation failed: passCode") };
  }
  if (!await totpMatches(secret, passCode, v.state.now())) return invalidPassCode();
  return success(v);
}

function verifySentCode(v: Verification, passCode: string | undefined): FakeOktaAnswer {
  if (passCode === undefined) {
    v.state.sendCode(v.factor);
    return challenge(v);
  }
  if (!v.state.useSentCode(v.factor, passCode)) return invalidPassCode();
  return success(v);
}

function verifyPush(
  v: Verification,
  answer: "approve" | "reject" | "timeout" | "ignore",
  afterPolls: number,
): FakeOktaAnswer {
  const push = v.transaction.push;
  if (push?.factorId !== v.factor.id) {
    v.transaction.push = { factorId: v.factor.id, polls: 0 };
    return challenge(v, "WAITING");
  }
  push.polls += 1;
  if (push.polls < afterPolls || answer === "ignore") return challenge(v, "WAITING");
  v.transaction.push = undefined;
  if (answer === "reject") return challenge(v, "REJECTED");
  if (answer === "timeout") return challenge(v, "TIMEOUT");
  return success(v);
}

function challenge(v: Verification, result?: "WAITING" | "REJECTED" | "TIMEOUT"): FakeOktaAnswer {
  const { origin, transaction, factor, stateToken } = v;
  return {
    status: 200,
    body: mfaChallengeJson(
      origin,
      transaction.user,
      factor,
      stateToken,
      transaction.expiresAt,
      result,
    ),
  };
}

function success(v: Verification): FakeOktaAnswer {
  const sessionToken = v.state.issueSessionToken(v.transaction.user, v.stateToken);
  const expiresAt = v.state.sessionTokens.get(sessionToken)?.expiresAt ?? v.state.now();
  return { status: 200, body: successJson(v.transaction.user, sessionToken, expiresAt) };
}

function invalidPassCode(): FakeOktaAnswer {
  return {
    status: 403,
    body: {
      ...oktaError("E0000068", "Invalid Passcode/Answer"),
      errorCauses: [{ errorSummary: "Your passcode doesn't match our records. Please try again." }],
    },
  };
}
