import { QueryRunner } from 'typeorm';

/**
 * Widens (or narrows) a table's `kind` CHECK by the given values, keeping whatever else it allows
 * now: other migrations add kinds of their own to the same constraint, in any order.
 */
export async function allowKinds(queryRunner: QueryRunner, table: string, add: string[], remove: string[]): Promise<void> {
  const constraint = `${table}_kind_check`;
  const [row]: { definition: string }[] = await queryRunner.query(
    `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = $1::regclass AND conname = $2`,
    [table, constraint],
  );
  if (!row) throw new Error(`${table} has no constraint ${constraint}`);
  const current = [...row.definition.matchAll(/'([a-z_]+)'::text/g)].map((match) => match[1]);
  const kinds = [...new Set([...current, ...add])].filter((kind) => !remove.includes(kind));
  await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${constraint}`);
  const allowed = kinds.map((kind) => `'${kind}'`).join(', ');
  // Added unchecked, then checked without blocking writes: the rows already there hold a kind it allows.
  await queryRunner.query(`ALTER TABLE ${table} ADD CONSTRAINT ${constraint} CHECK (kind IN (${allowed})) NOT VALID`);
  await queryRunner.query(`ALTER TABLE ${table} VALIDATE CONSTRAINT ${constraint}`);
}
