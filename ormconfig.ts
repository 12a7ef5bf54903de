import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppConfig } from './src/config/app-config';
import { dataSourceOptions } from './src/database/data-source-options';

/** The DataSource of the TypeORM CLI (`npm run migration:run`), configured like the service. */
export default new DataSource(dataSourceOptions(AppConfig.fromEnv().database));
