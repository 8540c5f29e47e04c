import { MigrationInterface, QueryRunner } from 'typeorm';

/** The statement that gives the envelope and the headers the type `type`. */
const retype = (type: 'json' | 'jsonb') => `
  ALTER TABLE outbox_message
    ALTER COLUMN envelope TYPE ${type} USING envelope::${type},
    ALTER COLUMN headers DROP DEFAULT,
    ALTER COLUMN headers TYPE ${type} USING headers::${type},
    ALTER COLUMN headers SET DEFAULT '{}'`;

/**
 * The outbox keeps each envelope and its headers as the JSON text the writer made (`json`), not as
 * `jsonb`: nothing queries inside them, and the relay publishes them as text. `jsonb` parsed every
 * envelope on insert and printed it again for the relay, about 9 µs of the database's CPU per
 * 1 KB event, for nothing.
 */
export class OutboxJsonText1769400000000 implements MigrationInterface {
  name = 'OutboxJsonText1769400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(retype('json'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(retype('jsonb'));
  }
}
