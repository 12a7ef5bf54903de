import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AppLogger } from '../common/logging/logger';
import { AppConfig } from './app-config';

/** The configuration and the logger it sets up, for every module. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, logger: AppLogger): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: AppLogger, useValue: logger },
      ],
      exports: [AppConfig, AppLogger],
    };
  }
}
