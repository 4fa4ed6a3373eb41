import { describe, expect, it } from 'vitest';
import type { Center } from '../domain/center.ts';
import { centerHomeUrl } from './site-links.ts';

const center = (host: string | null, pathPrefix: string | null) =>
  ({ id: 1, host, pathPrefix }) as Center;

describe('centerHomeUrl', () => {
  it('is the origin for the main site, the prefix under it, or the own host on its scheme', () => {
    expect(centerHomeUrl('https://think.example/', center(null, null))).toBe(
      'https://think.example/',
    );
    expect(centerHomeUrl('https://think.example', center(null, 'europe'))).toBe(
      'https://think.example/europe',
    );
    expect(centerHomeUrl('https://think.example', center('asia.example', null))).toBe(
      'https://asia.example/',
    );
  });
});
