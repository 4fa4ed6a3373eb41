/**
 * True when running in CI (`CI` set to anything but '', '0' or 'false'). In CI a missing
 * service (PostgreSQL, Chromium, Java) fails the run; elsewhere the tests that need it skip
 * with a loud message.
 */
export function isCi(): boolean {
  const value = process.env.CI;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** Prints a message framed so it stands out from test output. */
export function warnLoudly(message: string): void {
  const bar = '!'.repeat(Math.min(100, message.length + 8));
  console.warn(`\n${bar}\n!!! ${message}\n${bar}\n`);
}
