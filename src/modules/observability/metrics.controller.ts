import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { PermissionDeniedError } from '../../common/errors/app-error';
import type { ServiceRequest } from '../../common/pipeline/request-id';
import { Public } from '../identity/public.decorator';
import { HttpMetrics } from './http-metrics';

/** `GET /metrics` in Prometheus's text format, for an admin's token (org role `admin`). */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: HttpMetrics) {}

  @Get()
  async scrape(@Req() request: ServiceRequest, @Res({ passthrough: true }) response: Response): Promise<string> {
    // No actor: the route is public (METRICS_PUBLIC=true).
    if (request.actor && request.actor.orgRole !== 'admin') throw new PermissionDeniedError({ action: 'read', subject: 'metrics' });
    response.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}

/** The same, without a token (METRICS_PUBLIC=true): for a scraper inside a trusted network. */
@Public()
export class PublicMetricsController extends MetricsController {}
