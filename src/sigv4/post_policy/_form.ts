/** One form field as S3 sees it: the name as sent, its value (repeats joined with `,`). */
export interface FormField {
  readonly name: string;
  readonly value: string;
}

/** The entries of a POST Object form, read the way S3 reads them. */
export interface PostForm {
  /** The fields before the file, by lowercase name ("post parameters are case insensitive"). */
  readonly fields: Map<string, FormField>;
  /** The first `file` entry: its size in bytes, and its file name when it was sent as a file. */
  readonly file?: { readonly size: number; readonly filename?: string };
  /** How many `file` entries the form has. */
  readonly fileCount: number;
  /** The bytes of the field names and values before the file (S3 allows 20 KB of them). */
  readonly preDataBytes: number;
}

// A function, not a module-level encoder: bundles that only sign drop this module whole.
function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

function fileName(value: Blob): string | undefined {
  const name = (value as { name?: unknown }).name;
  return typeof name === "string" ? name : undefined;
}

/**
 * Reads `entries` (a `FormData` or `[name, value]` pairs) as S3 reads a POST form: field
 * names in any letter case, a repeated field's values joined with commas (S3: "If you
 * have multiple fields with the same name, the values must be separated by commas"), the
 * file in the field named `file`, and whatever follows it ignored ("Any fields below it
 * are ignored").
 */
export function readForm(entries: Iterable<readonly [string, string | Blob]>): PostForm {
  const fields = new Map<string, FormField>();
  let file: PostForm["file"];
  let fileCount = 0;
  let preDataBytes = 0;
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (lower === "file") {
      fileCount++;
      file ??= typeof value === "string"
        ? { size: utf8Length(value) }
        : { size: value.size, filename: fileName(value) };
      continue;
    }
    if (file !== undefined) continue;
    // A file sent under another name is just a long field; S3 counts it against the 20 KB.
    const text = typeof value === "string" ? value : "";
    preDataBytes += utf8Length(name) + (typeof value === "string" ? utf8Length(value) : value.size);
    const earlier = fields.get(lower);
    fields.set(lower, {
      name: earlier?.name ?? name,
      value: earlier ? `${earlier.value},${text}` : text,
    });
  }
  return { fields, file, fileCount, preDataBytes };
}

/**
 * `${filename}` replaced in `value` by the uploaded file's name after its last `/` or `\`,
 * as S3 expands it in every field before matching the policy.
 */
export function expandFilename(value: string, filename: string | undefined): string {
  if (filename === undefined || !value.includes("${filename}")) return value;
  const base = filename.slice(Math.max(filename.lastIndexOf("/"), filename.lastIndexOf("\\")) + 1);
  return value.replaceAll("${filename}", base);
}
