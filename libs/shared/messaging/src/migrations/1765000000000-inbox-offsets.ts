import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each consumer's next offset per partition, written in the transaction of the effects it
 * covers, so a redelivered message is recognised by its offset alone; event ids stay in
 * `inbox_entry` only for a retention window, to catch an event published twice, and a BRIN index
 * (rows arrive in time order, so it stays tiny and cheap to write) lets that window be purged.
 */
export class InboxOffsets1765000000000 implements MigrationInterface {
  name = 'InboxOffsets1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inbox_offset (
        consumer text NOT NULL,
        topic text NOT NULL,
        partition integer NOT NULL,
        next_offset bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, topic, partition)
      )`);
    await queryRunner.query(`CREATE INDEX inbox_entry_handled_at ON inbox_entry USING brin (handled_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX inbox_entry_handled_at`);
    await queryRunner.query(`DROP TABLE inbox_offset`);
  }
}
