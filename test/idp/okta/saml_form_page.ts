/**
 * The HTML page Okta answers at an app's embed link once signed in: a form that the page's
 * script posts to AWS, holding the `SAMLResponse` and `RelayState`. Like Okta, every
 * character of attribute values other than a letter or digit is written as a hex character
 * reference (`&#x2b;` for `+`), so clients must decode HTML, not just cut out the value.
 *
 * @module
 */

/** The auto-posting form page with `samlResponse` (base64) for `action`. */
export function samlFormPage(samlResponse: string, action: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Signing in to Amazon Web Services</title></head>
<body>
<form id="appForm" action="${attributeValue(action)}" method="POST">
<input name="SAMLResponse" type="hidden" value="${attributeValue(samlResponse)}"/>
<input name="RelayState" type="hidden" value=""/>
</form>
<script>document.getElementById("appForm").submit();</script>
</body>
</html>
`;
}

/** Okta's sign-in page, where an unauthenticated visit to the embed link lands. */
export function signInPage(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign In</title></head>
<body><div id="okta-sign-in">Sign in to your organization</div></body>
</html>
`;
}

function attributeValue(text: string): string {
  return text.replace(
    /[^A-Za-z0-9]/g,
    (char) => `&#x${char.codePointAt(0)!.toString(16)};`,
  );
}
