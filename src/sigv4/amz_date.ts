import { SigningInputError } from "./errors.ts";

/** The two date forms SigV4 uses: `YYYYMMDDTHHMMSSZ` and its `YYYYMMDD` prefix. */
export interface AmzDate {
  /** `YYYYMMDDTHHMMSSZ`, the `X-Amz-Date` value. */
  longDate: string;
  /** `YYYYMMDD`, the date of the credential scope. */
  shortDate: string;
}

// Clients sign many requests within the same second; formatting is cheap but not free.
let lastSecond = NaN;
let lastFormatted: AmzDate = { longDate: "", shortDate: "" };

/** Formats `date` (UTC) as SigV4's long and short dates. */
export function formatAmzDate(date: Date): AmzDate {
  const time = date.getTime();
  const second = Math.floor(time / 1000);
  if (second === lastSecond) return lastFormatted;
  if (!Number.isFinite(time)) {
    throw new SigningInputError("The signing date is not a valid Date.");
  }
  const iso = date.toISOString(); // 2015-08-30T12:36:00.000Z
  if (iso.length !== 24) {
    throw new SigningInputError(
      "The signing date must be between the years 0000 and 9999.",
    );
  }
  const shortDate = iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10);
  const longDate = shortDate + "T" + iso.slice(11, 13) + iso.slice(14, 16) +
    iso.slice(17, 19) + "Z";
  lastSecond = second;
  lastFormatted = { longDate, shortDate };
  return lastFormatted;
}

const LONG_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Parses a `YYYYMMDDTHHMMSSZ` value, or returns `undefined` when it is not one. */
export function parseAmzDate(value: string): Date | undefined {
  const match = LONG_DATE.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  const date = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
  // Date.UTC rolls over out-of-range fields (month 13, second 61); reject those.
  return formatAmzDate(date).longDate === value ? date : undefined;
}
