import assert from "node:assert/strict";
import { CookieJar } from "../../src/saml/cookie_jar.ts";

const url = (text: string) => new URL(text);

Deno.test("CookieJar: a cookie without Domain is host-only", () => {
  const jar = new CookieJar();
  jar.store(url("https://idp.example.com/login"), "sid=1; Path=/");
  assert.equal(jar.cookieHeader(url("https://idp.example.com/x")), "sid=1");
  assert.equal(jar.cookieHeader(url("https://sub.idp.example.com/x")), undefined);
  assert.equal(jar.cookieHeader(url("https://example.com/x")), undefined);
});

Deno.test("CookieJar: Domain covers the domain and its subdomains, never look-alikes", () => {
  const jar = new CookieJar();
  jar.store(url("https://idp.example.com/"), "d=1; Domain=.Example.com; Path=/");
  assert.equal(jar.cookieHeader(url("https://example.com/")), "d=1");
  assert.equal(jar.cookieHeader(url("https://a.b.example.com/")), "d=1");
  assert.equal(jar.cookieHeader(url("https://badexample.com/")), undefined);
  assert.equal(jar.cookieHeader(url("https://example.com.evil.net/")), undefined);
});

Deno.test("CookieJar: a Domain the host is not in, a top-level domain, or on an IP is refused", () => {
  const jar = new CookieJar();
  jar.store(url("https://idp.example.com/"), "a=1; Domain=other.com");
  jar.store(url("https://idp.example.com/"), "b=1; Domain=com");
  jar.store(url("https://idp.example.com/"), "c=1; Domain=sub.idp.example.com");
  jar.store(url("http://127.0.0.1:8080/"), "d=1; Domain=0.0.1");
  assert.deepEqual(jar.all(), []);
  jar.store(url("http://127.0.0.1:8080/"), "e=1; Domain=127.0.0.1");
  assert.equal(jar.cookieHeader(url("http://127.0.0.1:9090/")), "e=1");
});

Deno.test("CookieJar: Path defaults to the request's directory and matches on segment boundaries", () => {
  const jar = new CookieJar();
  jar.store(url("https://idp.example.com/app/login/start"), "dflt=1");
  jar.store(url("https://idp.example.com/"), "app=2; Path=/app");
  assert.equal(jar.cookieHeader(url("https://idp.example.com/app/login/next")), "dflt=1; app=2");
  assert.equal(jar.cookieHeader(url("https://idp.example.com/app/login")), "dflt=1; app=2");
  assert.equal(jar.cookieHeader(url("https://idp.example.com/app/loginx")), "app=2");
  assert.equal(jar.cookieHeader(url("https://idp.example.com/application")), undefined);
  assert.equal(jar.cookieHeader(url("https://idp.example.com/")), undefined);
});

Deno.test("CookieJar: Secure cookies go only over https (or loopback) and are not set from http", () => {
  const jar = new CookieJar();
  jar.store(url("https://idp.example.com/"), "s=1; Secure; Path=/");
  jar.store(url("http://idp.example.com/"), "t=1; Secure; Path=/");
  assert.equal(jar.cookieHeader(url("https://idp.example.com/")), "s=1");
  assert.equal(jar.cookieHeader(url("http://idp.example.com/")), undefined);
  jar.store(url("http://127.0.0.1:5000/"), "l=1; Secure; Path=/");
  assert.equal(jar.cookieHeader(url("http://127.0.0.1:5000/")), "l=1");
});

Deno.test("CookieJar: Max-Age wins over Expires; expired cookies are dropped and deleted", () => {
  let now = Date.parse("2030-01-01T00:00:00Z");
  const jar = new CookieJar({ now: () => now });
  const at = url("https://idp.example.com/");
  jar.store(at, "m=1; Max-Age=60; Expires=Wed, 01 Jan 2020 00:00:00 GMT");
  jar.store(at, "e=2; Expires=Tue, 01 Jan 2030 00:02:00 GMT");
  jar.store(at, "old=3; Expires=Wed, 01 Jan 2020 00:00:00 GMT");
  assert.equal(jar.cookieHeader(at), "m=1; e=2");
  now += 61_000;
  assert.equal(jar.cookieHeader(at), "e=2");
  jar.store(at, "e=gone; Max-Age=0");
  assert.equal(jar.cookieHeader(at), undefined);
});

Deno.test("CookieJar: same name, domain and path replaces; other paths coexist", () => {
  const jar = new CookieJar();
  const at = url("https://idp.example.com/a/b");
  jar.store(at, "x=1; Path=/");
  jar.store(at, "x=2; Path=/");
  jar.store(at, "x=3; Path=/a");
  assert.equal(jar.cookieHeader(at), "x=3; x=2");
});

Deno.test("CookieJar: malformed and oversized cookies are ignored, and the jar is bounded", () => {
  const jar = new CookieJar();
  const at = url("https://idp.example.com/");
  jar.store(at, "novalue");
  jar.store(at, "=anonymous");
  jar.store(at, `big=${"x".repeat(5000)}`);
  jar.store(at, "ctl=a\x01b");
  assert.deepEqual(jar.all(), []);
  for (let i = 0; i < 1000; i++) jar.store(at, `c${i}=${i}; Path=/`);
  assert.equal(jar.all().length, 300);
  assert.ok(jar.cookiesFor(at).some((c) => c.name === "c999"));
  jar.clear();
  assert.equal(jar.cookieHeader(at), undefined);
});
