/**
 * `date` in ISO 8601 to the second, `2024-05-01T12:00:00Z`: how STS, IMDS and the
 * container endpoint write expirations.
 */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
