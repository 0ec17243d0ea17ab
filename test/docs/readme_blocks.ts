// Reads the tagged TypeScript examples of README.md's "Bring your configuration" and
// "Identity providers" sections, and rewrites their example origins to local fakes.

/** One fenced ```ts block, with the tag written in the HTML comment just above it. */
export interface ReadmeBlock {
  /** `run`: type-checked and run against the fakes; `check`: type-checked only. */
  readonly mode: "run" | "check";
  /** The scenario name, e.g. `okta-mfa`. */
  readonly name: string;
  /** The block's source. */
  readonly code: string;
  /** Its 1-based line in README.md, for messages. */
  readonly line: number;
}

/** The marker pairs whose text the examples come from. */
export const README_SECTIONS = ["seeds", "idps"] as const;

const TAG = /^<!-- readme-test: (run|check) ([a-z0-9-]+) -->$/;

function section(readme: string, name: string): { text: string; firstLine: number } {
  const start = readme.indexOf(`<!-- ${name}:start -->`);
  const end = readme.indexOf(`<!-- ${name}:end -->`);
  if (start === -1 || end < start) {
    throw new Error(`README.md lacks the <!-- ${name}:start --> … <!-- ${name}:end --> markers.`);
  }
  return { text: readme.slice(start, end), firstLine: readme.slice(0, start).split("\n").length };
}

/**
 * Every ```ts block of the sections. Each must follow a `<!-- readme-test: run|check NAME -->`
 * line (blank lines allowed between), so no example escapes the test.
 */
export function readmeBlocks(readme: string): ReadmeBlock[] {
  const blocks: ReadmeBlock[] = [];
  for (const name of README_SECTIONS) {
    const { text, firstLine } = section(readme, name);
    const lines = text.split("\n");
    let tag: { mode: "run" | "check"; name: string } | undefined;
    for (let i = 0; i < lines.length; i++) {
      const tagMatch = TAG.exec(lines[i].trim());
      if (tagMatch) {
        tag = { mode: tagMatch[1] as "run" | "check", name: tagMatch[2] };
        continue;
      }
      if (!lines[i].startsWith("```")) {
        if (lines[i].trim() !== "") tag = undefined;
        continue;
      }
      const language = lines[i].slice(3).trim();
      const close = lines.indexOf("```", i + 1);
      if (close === -1) throw new Error(`README.md line ${firstLine + i}: unclosed code block.`);
      if (language === "ts") {
        if (tag === undefined) {
          throw new Error(
            `README.md line ${
              firstLine + i
            }: a ts block without <!-- readme-test: run|check NAME --> above it.`,
          );
        }
        blocks.push({ ...tag, code: lines.slice(i + 1, close).join("\n"), line: firstLine + i });
      }
      tag = undefined;
      i = close;
    }
  }
  return blocks;
}

/** Example origin → local origin; applied to a block's text before it runs. */
export type OriginMap = Readonly<Record<string, string>>;

/**
 * The block with every example origin replaced, and an error when a mapped origin does not
 * occur (the README and the test disagree about where the example goes).
 */
export function withOrigins(block: ReadmeBlock, origins: OriginMap): string {
  let code = block.code;
  for (const [example, local] of Object.entries(origins)) {
    if (!code.includes(example)) {
      throw new Error(
        `README example ${block.name} (line ${block.line}) no longer uses ${example}.`,
      );
    }
    code = code.replaceAll(example, local);
  }
  return code;
}
