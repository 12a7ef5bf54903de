import { DefaultNamingStrategy, type Table } from 'typeorm';

/** Foreign keys named as PostgreSQL names them (`<table>_<column>_fkey`), which is how the migrations left them. */
export class ConstraintNaming extends DefaultNamingStrategy {
  override foreignKeyName(tableOrName: Table | string, columnNames: string[]): string {
    return `${this.getTableName(tableOrName)}_${columnNames.join('_')}_fkey`;
  }
}
