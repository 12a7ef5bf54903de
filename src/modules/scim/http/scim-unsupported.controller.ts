import { All, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { OwnAuthentication } from '../../identity/public.decorator';
import { ScimError } from '../domain/scim-error';
import { ScimAuthGuard } from './scim-auth.guard';
import { ScimErrorFilter } from './scim-error.filter';

/** The SCIM endpoints this service does not offer (ServiceProviderConfig says so): 501, whatever the method. */
@ApiExcludeController()
@OwnAuthentication()
@UseGuards(ScimAuthGuard)
@UseFilters(ScimErrorFilter)
@Controller('api/v1/scim')
export class ScimUnsupportedController {
  @All(['Bulk', 'Me', '.search', 'Users/.search', 'Groups/.search'])
  unsupported(): never {
    throw new ScimError(501, 'Not supported by this service: see /ServiceProviderConfig');
  }
}
