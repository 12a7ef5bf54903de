import { ValidationFailedError } from '../errors/app-error';

/** No body of this API nests; a deep one only costs the validation its stack (a 500 past ~1 400 levels). */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x7b, 0x5b]);
const CLOSERS = new Set([0x7d, 0x5d]);

/**
 * The body parser's `verify` hook: refuses a JSON body nested deeper than MAX_JSON_DEPTH with 422,
 * before it is parsed. One pass over the bytes (UTF-8 never hides an ASCII byte in a longer sequence).
 */
export function refuseDeepJson(_request: unknown, _response: unknown, body: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (OPENERS.has(byte)) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new ValidationFailedError([{ code: 'too_deep', message: `Request body is nested deeper than ${MAX_JSON_DEPTH} levels`, path: [] }]);
      }
    } else if (CLOSERS.has(byte)) {
      depth--;
    }
  }
}
