/** Unix seconds as an ISO 8601 time with milliseconds, the way the reference renders times of some resources. */
export function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
