import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SERVICE_VERSION } from '../../config/service-version';
import { Database, DatabaseUnavailableError } from '../../database/database';
import { Public } from '../identity/public.decorator';
import { StatusDto } from './status.dto';
import { ApiGetStatus } from './status.docs';

@ApiTags('Status')
@Controller('api/status')
export class StatusController {
  constructor(private readonly database: Database) {}

  @Public()
  @Get()
  @ApiGetStatus()
  async status(): Promise<StatusDto> {
    if (!(await this.database.ping())) throw new DatabaseUnavailableError('the status check got no answer');
    return { status: 'ok', database: 'up', version: SERVICE_VERSION, uptime: Math.floor(process.uptime()) };
  }
}
