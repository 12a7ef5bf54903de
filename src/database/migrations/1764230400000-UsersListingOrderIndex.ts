import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The order of the group members listing (first name, users without one last, then username, then
 * id). With it, a page of a million-member group is read from the index and stops after the page;
 * without it, every member is sorted for each page.
 */
export class UsersListingOrderIndex1764230400000 implements MigrationInterface {
  name = 'UsersListingOrderIndex1764230400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Ascending: PostgreSQL keeps NULLs last in it; SQLite reads its NULLs after the rest for NULLS LAST.
    await queryRunner.query('CREATE INDEX users_listing_order_idx ON users (first_name, username, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX users_listing_order_idx');
  }
}
