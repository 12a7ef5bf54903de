import { randomBytes } from 'node:crypto';

export const GROUP_SLUG_MIN_LENGTH = 5;
export const GROUP_SLUG_MAX_LENGTH = 36;
/** Lowercase letters and digits in runs joined by single dashes: `platform-team-2`. */
export const GROUP_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The slug of a group created without one: `Platform Team` → `platform-team`, `Équipe` → `equipe`.
 * Accents are dropped and every other run of characters outside a-z 0-9 becomes one dash. A name
 * too short for a slug, or without a letter or digit, gets `suffix` appended: `QA` → `qa-k3x9`.
 */
export function slugFromName(name: string, suffix: () => string = randomSlugSuffix): string {
  const base = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, GROUP_SLUG_MAX_LENGTH)
    .replace(/-+$/, '');
  return base.length >= GROUP_SLUG_MIN_LENGTH ? base : withSuffix(base || 'group', suffix());
}

/** `slug` made distinct by a suffix, within the maximum length: for a derived slug that is taken. */
export function withSuffix(slug: string, suffix: string): string {
  const room = GROUP_SLUG_MAX_LENGTH - suffix.length - 1;
  return `${slug.slice(0, room).replace(/-+$/, '')}-${suffix}`;
}

/** Four characters of a-z 0-9: 1.7 million values, enough to step aside from a taken slug. */
export function randomSlugSuffix(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(4)].map((byte) => alphabet[byte % alphabet.length]).join('');
}
