import { All, Controller, NotFoundException, Req, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { OwnAuthentication } from '../../identity/public.decorator';
import { ScimError } from '../domain/scim-error';
import { ScimErrorFilter } from './scim-error.filter';
import type { ScimRequest } from './scim-http';

/** The methods each SCIM path serves, for the `Allow` header of a 405. */
const ALLOWED: readonly [RegExp, string][] = [
  [/^\/(Users|Groups)\/?$/i, 'GET, POST'],
  [/^\/(Users|Groups)\/[^/]+\/?$/i, 'GET, PUT, PATCH, DELETE'],
  [/^\/(ServiceProviderConfig|ResourceTypes|Schemas)(\/[^/]+)?\/?$/i, 'GET'],
];

/**
 * What no SCIM route answered, registered after them all: a known path with a method it does not
 * serve (405 with `Allow`), or an unknown path (404), whatever the token, in the SCIM error schema.
 */
@ApiExcludeController()
@OwnAuthentication()
@UseFilters(ScimErrorFilter)
@Controller('api/v1/scim')
export class ScimFallbackController {
  @All(['', '*path'])
  unmatched(@Req() request: ScimRequest): never {
    const relative = request.path.slice('/api/v1/scim'.length);
    const allowed = ALLOWED.find(([path]) => path.test(relative));
    if (allowed) throw new ScimError(405, `${request.method} is not allowed here`, undefined, { Allow: allowed[1] });
    // The token routes are the regular API's: their unknown paths answer in its envelope.
    throw new NotFoundException();
  }
}
