import assert from "node:assert/strict";
import { upsertIniSection } from "../../src/cli/_ini_section_writer.ts";
import { explicitPlatform } from "../../src/credentials/platform/explicit.ts";
import { loadSharedConfig } from "../../src/credentials/profile/shared_config.ts";

const entries = [["aws_access_key_id", "ASIANEW"]] as const;

Deno.test("upsertIniSection replaces the section the reader takes for that profile, and keeps the rest", () => {
  const text = "# mine\n[dev]\naws_access_key_id = OLD\n\n[prod]\naws_access_key_id = P\n";
  assert.equal(
    upsertIniSection(text, "dev", entries),
    "# mine\n[dev]\naws_access_key_id = ASIANEW\n\n[prod]\naws_access_key_id = P\n",
  );
  assert.equal(upsertIniSection("", "dev", entries), "[dev]\naws_access_key_id = ASIANEW\n");
});

Deno.test("upsertIniSection leaves [ dev ] alone: it is profile ' dev ' to the readers, not dev", async () => {
  const text = "[ dev ]\naws_access_key_id = PADDED\n";
  const written = upsertIniSection(text, "dev", entries);
  const platform = explicitPlatform({
    homeDir: "/h",
    files: { "/h/.aws/credentials": written },
  });
  const { profiles } = await loadSharedConfig(platform);
  assert.equal(profiles.get(" dev ")?.aws_access_key_id, "PADDED");
  assert.equal(profiles.get("dev")?.aws_access_key_id, "ASIANEW");
});
