const HEX_PAIRS: string[] = /* @__PURE__ */ Array.from(
  { length: 256 },
  (_, byte) => byte.toString(16).padStart(2, "0"),
);

/** Lowercase hexadecimal form of `bytes`, as SigV4 prints hashes and signatures. */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += HEX_PAIRS[bytes[i]];
  return out;
}
