import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../common/docs/api-docs';
import { SERVICE_VERSION } from '../../config/service-version';
import { Database, DatabaseUnavailableError } from '../../database/database';
import { Public } from '../identity/public.decorator';
import { StatusDto } from './status.dto';

@ApiTags('Status')
@Controller('api/status')
export class StatusController {
  constructor(private readonly database: Database) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Service status',
    description: 'Public. 200 when the database answers, 503 `ServiceUnavailable` when it does not.',
    operationId: 'getStatus',
  })
  @ApiErrorResponses([429, 503])
  async status(): Promise<StatusDto> {
    if (!(await this.database.ping())) throw new DatabaseUnavailableError('the status check got no answer');
    return { status: 'ok', database: 'up', version: SERVICE_VERSION, uptime: Math.floor(process.uptime()) };
  }
}
