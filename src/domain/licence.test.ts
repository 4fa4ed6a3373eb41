import { describe, expect, it } from 'vitest';
import { licenceUrl } from './licence.ts';

describe('licenceUrl', () => {
  it('maps Creative Commons names to their deeds', () => {
    expect(licenceUrl('CC BY 4.0')).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(licenceUrl('CC BY-NC-ND 4.0')).toBe(
      'https://creativecommons.org/licenses/by-nc-nd/4.0/',
    );
    expect(licenceUrl('cc-by-sa-3.0')).toBe('https://creativecommons.org/licenses/by-sa/3.0/');
    expect(licenceUrl('CC0 1.0 Universal')).toBe(
      'https://creativecommons.org/publicdomain/zero/1.0/',
    );
  });

  it('keeps a URL as it is', () => {
    expect(licenceUrl('https://example.org/terms')).toBe('https://example.org/terms');
  });

  it('has no URL for other text or no licence', () => {
    expect(licenceUrl('All rights reserved')).toBeNull();
    expect(licenceUrl(null)).toBeNull();
  });
});
