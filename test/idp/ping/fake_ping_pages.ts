/**
 * The HTML pages of the fake PingFederate: the HTML Form Adapter's login page (`pf.username`,
 * `pf.pass`, hidden `pf.ok` that the page's script sets to `clicked`, `pf.cancel`,
 * `pf.adapterId`) and the auto-posting SAML page.
 *
 * @module
 */
import { escapeHtml } from "../adfs/fake_adfs_pages.ts";

/** The HTML Form Adapter's login page. */
export function pingLoginPage(init: { action: string; adapterId: string; error?: string }): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8"><title>Sign On</title></head>
<body>
<form method="POST" action="${escapeHtml(init.action)}" autocomplete="off">
  <div class="ping-error">${escapeHtml(init.error ?? "")}</div>
  <input id="username" type="text" size="36" name="pf.username" value="" autocorrect="off"/>
  <input id="password" type="password" size="36" name="pf.pass"/>
  <input type="hidden" name="pf.ok" value=""/>
  <input type="hidden" name="pf.cancel" value=""/>
  <input type="hidden" name="pf.adapterId" value="${escapeHtml(init.adapterId)}"/>
  <a href="#" onclick="postOk();" class="ping-button normal allow" title="Sign On">Sign On</a>
</form>
<script>function postOk() { document.forms[0]['pf.ok'].value = 'clicked'; document.forms[0].submit(); }</script>
</body></html>
`;
}

/** The page PingFederate answers after the login: a form its script posts to the SP's ACS. */
export function pingSamlPostPage(samlResponse: string, action: string): string {
  return `<html><head><title>Submit Form</title></head>
<body onload="javascript:document.forms[0].submit()">
<noscript><p><strong>Note:</strong> Since your browser does not support JavaScript, you must press the Resume button once to proceed.</p></noscript>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="SAMLResponse" value="${escapeHtml(samlResponse)}"/>
<noscript><input type="submit" value="Resume"/></noscript>
</form></body></html>
`;
}
