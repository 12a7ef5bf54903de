import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Database } from '../../database/database';
import { Public } from '../identity/public.decorator';

export class StatusDto {
  /** `ok` when the service can serve requests, `unavailable` when its database is down. */
  status!: 'ok' | 'unavailable';
  /** Whether the database answered. */
  database!: 'up' | 'down';
}

@ApiTags('Status')
@Controller('api/status')
export class StatusController {
  constructor(private readonly database: Database) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Service status', description: 'Public. 200 when the database answers, 503 when it does not.', operationId: 'getStatus' })
  async status(@Res({ passthrough: true }) response: Response): Promise<StatusDto> {
    const up = await this.database.ping();
    if (!up) response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: up ? 'ok' : 'unavailable', database: up ? 'up' : 'down' };
  }
}
