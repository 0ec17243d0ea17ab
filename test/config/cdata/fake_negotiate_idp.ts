/**
 * A fake IdP with Kerberos (SPNEGO) sign-on, as Airflow's `http_spegno_auth` expects: a GET
 * of the IdP URL without `Authorization: Negotiate <token>` is answered 401 with
 * `WWW-Authenticate: Negotiate`; with a known token (and the required `Accept` header, as
 * `idp_request_kwargs` sends it) it answers a page holding a signed `SAMLResponse`.
 *
 * @module
 */
import { Hono } from "hono";
import { signedSamlResponse, type TestSamlRole } from "../../idp/saml_issuer.ts";
import { serveApp } from "../../idp/serve_app.ts";

/** A running fake; close it (or `await using` it). */
export interface FakeNegotiateIdp extends AsyncDisposable {
  /** The IdP-initiated sign-on URL, `http://127.0.0.1:<port>/saml/clients/amazon-aws`. */
  readonly idpUrl: string;
  /** How many assertions it issued. */
  readonly issued: number;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Starts the fake; `tokens` are the Kerberos tokens it accepts. */
export async function startFakeNegotiateIdp(init: {
  tokens: readonly string[];
  roles: readonly TestSamlRole[];
  requiredAccept?: string;
}): Promise<FakeNegotiateIdp> {
  let issued = 0;
  const app = new Hono();
  app.get("/saml/clients/amazon-aws", (c) => {
    const authorization = c.req.header("authorization") ?? "";
    const token = /^Negotiate (.+)$/.exec(authorization)?.[1];
    if (token === undefined || !init.tokens.includes(token)) {
      return c.text("Kerberos sign-on required", 401, { "www-authenticate": "Negotiate" });
    }
    if (init.requiredAccept !== undefined && c.req.header("accept") !== init.requiredAccept) {
      return c.text("Unexpected Accept header", 406);
    }
    issued++;
    const samlResponse = signedSamlResponse({ roles: init.roles });
    return c.html(
      '<html><body><FORM METHOD="POST" ACTION="https://signin.aws.amazon.com/saml">' +
        `<INPUT TYPE="HIDDEN" NAME="SAMLResponse" VALUE="${samlResponse}"/></FORM></body></html>`,
    );
  });
  const { url, close } = await serveApp(app);
  return {
    idpUrl: `${url}/saml/clients/amazon-aws`,
    get issued() {
      return issued;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
