/**
 * The HTML pages of the fake ADFS, shaped like ADFS 2016's: the forms-authentication login
 * page (`UserName`, `Password`, hidden `AuthMethod`, a per-view context id, an error label)
 * and the auto-posting page that carries the `SAMLResponse` to AWS.
 *
 * @module
 */

/** The login page; `action` is where the form posts, `error` fills the error label. */
export function adfsLoginPage(init: { action: string; context: string; error?: string }): string {
  return `<!DOCTYPE html>
<html lang="en-US"><head><meta charset="utf-8"><title>Sign In</title></head>
<body><div id="loginArea">
<form method="post" id="loginForm" autocomplete="off" novalidate="novalidate"
      onKeyPress="if (event && event.keyCode == 13) Login.submitLoginRequest();"
      action="${escapeHtml(init.action)}">
  <div id="error" class="fieldMargin error smallText">
    <span id="errorText" for="">${escapeHtml(init.error ?? "")}</span>
  </div>
  <div id="formsAuthenticationArea">
    <input id="userNameInput" name="UserName" type="email" value="" tabindex="1"
           placeholder="someone@example.com" autocomplete="off"/>
    <input id="passwordInput" name="Password" type="password" tabindex="2"
           placeholder="Password" autocomplete="off"/>
    <input id="kmsiInput" type="checkbox" name="Kmsi" value="true"/>
    <input id="optionForms" type="hidden" name="AuthMethod" value="FormsAuthentication"/>
    <input type="hidden" name="Context" value="${escapeHtml(init.context)}"/>
    <span id="submitButton" class="submit" tabindex="4"
          onclick="return Login.submitLoginRequest();">Sign in</span>
  </div>
</form></div></body></html>
`;
}

/** The page ADFS answers once signed in: a form its script posts to the relying party. */
export function adfsSamlPostPage(samlResponse: string, action: string): string {
  return `<html><head><title>Working...</title></head><body>
<form method="POST" name="hiddenform" action="${escapeHtml(action)}">
<input type="hidden" name="SAMLResponse" value="${escapeHtml(samlResponse)}" />
<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit" /></noscript>
</form><script language="javascript">window.setTimeout('document.forms[0].submit()', 0);</script>
</body></html>
`;
}

/** ADFS's error page (no form). */
export function adfsErrorPage(message: string): string {
  return `<!DOCTYPE html><html><head><title>Sign In</title></head><body>` +
    `<div id="errorArea"><span id="errorMessage">${escapeHtml(message)}</span></div></body></html>`;
}

/** `text` escaped for HTML text and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
