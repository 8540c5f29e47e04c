import { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox and inbox tables, and the trigger that wakes the outbox relay on insert. */
export class MessagingTables1764100000000 implements MigrationInterface {
  name = 'MessagingTables1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_message (
        id uuid PRIMARY KEY,
        position bigint GENERATED ALWAYS AS IDENTITY,
        topic text NOT NULL,
        message_key text NOT NULL,
        event_type text NOT NULL,
        envelope jsonb NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    // The relay reads only unsent rows, in publication order; sent rows leave this index.
    await queryRunner.query(`CREATE INDEX outbox_message_unsent ON outbox_message (position) WHERE sent_at IS NULL`);
    // The relay deletes sent rows once their retention has passed.
    await queryRunner.query(`CREATE INDEX outbox_message_sent_at ON outbox_message (sent_at) WHERE sent_at IS NOT NULL`);
    await queryRunner.query(`
      CREATE FUNCTION outbox_message_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox_message', '');
        RETURN NULL;
      END
      $$`);
    // Once per statement, not per row: the relay only needs to know that something arrived, and
    // PostgreSQL delivers the notification when the writing transaction commits.
    await queryRunner.query(`
      CREATE TRIGGER outbox_message_notify AFTER INSERT ON outbox_message
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_message_notify()`);
    await queryRunner.query(`
      CREATE TABLE inbox_entry (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE inbox_entry`);
    await queryRunner.query(`DROP TRIGGER outbox_message_notify ON outbox_message`);
    await queryRunner.query(`DROP FUNCTION outbox_message_notify()`);
    await queryRunner.query(`DROP TABLE outbox_message`);
  }
}
