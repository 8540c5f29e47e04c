import { Injectable } from '@nestjs/common';
import {
  CharityListView,
  CharityStatementView,
  CharityView,
  CreateCharityRequest,
  StatementRequest,
  UpdateCharityRequest,
} from '@mogul/contracts';
import { Actor, RequestValidationError } from '@mogul/http';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CHARITY_ACCOUNTS, StatementsService } from '../creators/statements.service';
import { CharityNameTakenError, CharityNotFoundError, NotAllowedError } from '../errors';
import { Ledger } from '../ledger/ledger';

interface CharityRow {
  id: string;
  name: string;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

const CHARITY_COLUMNS = 'id, name, active, created_at, updated_at';

const charityView = (row: CharityRow): CharityView => ({
  id: row.id,
  name: row.name,
  active: row.active,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

function requireOperator(actor: Actor): void {
  if (!actor.roles.includes('operator')) throw new NotAllowedError('only an operator can manage charities');
}

/** PostgreSQL's unique_violation: the charities' name index, when two renames race. */
const isNameTaken = (error: unknown) => (error as { code?: string }).code === '23505';

/**
 * The charities creators may give to. Operators create, rename, activate and deactivate them;
 * anyone signed in lists the active ones. Deactivating a charity turns off, from that moment, the
 * giving of every creator who chose it (a new setting in their history, so a replay agrees);
 * what it holds already is still paid out to it.
 */
@Injectable()
export class CharitiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: Ledger,
    private readonly statements: StatementsService,
  ) {}

  async create(actor: Actor, request: CreateCharityRequest): Promise<CharityView> {
    requireOperator(actor);
    const [row]: CharityRow[] = await this.dataSource.query(
      `INSERT INTO charities (id, name, active, created_at, updated_at) VALUES ($1, $2, true, now(), now())
       ON CONFLICT ((lower(name))) DO NOTHING RETURNING ${CHARITY_COLUMNS}`,
      [randomUUID(), request.name],
    );
    if (!row) throw new CharityNameTakenError(request.name);
    return charityView(row);
  }

  async update(actor: Actor, charityId: string, request: UpdateCharityRequest): Promise<CharityView> {
    requireOperator(actor);
    if (request.name === undefined && request.active === undefined) {
      throw new RequestValidationError([{ field: 'body', message: 'name at least one field to change: name or active' }]);
    }
    try {
      return await this.dataSource.transaction(async (manager) => {
        // Giving settings are written under the ledger's lock, so no creator chooses the charity while it closes.
        if (request.active === false) await this.ledger.lock(manager);
        if (request.name !== undefined) {
          const taken: unknown[] = await manager.query(`SELECT 1 FROM charities WHERE lower(name) = lower($1) AND id <> $2`, [
            request.name,
            charityId,
          ]);
          if (taken.length > 0) throw new CharityNameTakenError(request.name);
        }
        const [row]: CharityRow[] = await manager.query(
          `WITH changed AS (
             UPDATE charities SET name = COALESCE($2, name), active = COALESCE($3, active), updated_at = now()
             WHERE id = $1 RETURNING ${CHARITY_COLUMNS}
           ) SELECT * FROM changed`,
          [charityId, request.name ?? null, request.active ?? null],
        );
        if (!row) throw new CharityNotFoundError(charityId);
        if (request.active === false) await this.turnOffGivingTo(manager, charityId, actor.userId);
        return charityView(row);
      });
    } catch (error) {
      if (isNameTaken(error)) throw new CharityNameTakenError(request.name ?? '');
      throw error;
    }
  }

  /** Operators see every charity; anyone else the active ones, which creators may choose. By name. */
  async list(actor: Actor): Promise<CharityListView> {
    const all = actor.roles.includes('operator');
    const rows: CharityRow[] = await this.dataSource.query(
      `SELECT ${CHARITY_COLUMNS} FROM charities WHERE active OR $1 ORDER BY lower(name), id`,
      [all],
    );
    return { charities: rows.map(charityView) };
  }

  /** A charity's monthly statement (operators only): donations, releases, reversals and payouts, like a creator's. */
  async statement(actor: Actor, charityId: string, request: StatementRequest): Promise<CharityStatementView> {
    requireOperator(actor);
    const [row]: CharityRow[] = await this.dataSource.query(`SELECT ${CHARITY_COLUMNS} FROM charities WHERE id = $1`, [charityId]);
    if (!row) throw new CharityNotFoundError(charityId);
    return {
      charityId,
      charityName: row.name,
      month: request.month,
      currencies: await this.statements.pages(charityId, CHARITY_ACCOUNTS, request),
    };
  }

  /** Appends "giving off" to the history of every creator whose setting now names the charity. */
  private async turnOffGivingTo(manager: EntityManager, charityId: string, operatorId: string): Promise<void> {
    await manager.query(
      `INSERT INTO giving_settings (creator_id, effective_at, charity_id, percent, set_by)
       SELECT c.creator_id, GREATEST(clock_timestamp(), c.effective_at + interval '1 microsecond'), NULL, 0, $2
       FROM (SELECT DISTINCT ON (creator_id) creator_id, effective_at, charity_id FROM giving_settings
             WHERE creator_id IN (SELECT creator_id FROM giving_settings WHERE charity_id = $1)
             ORDER BY creator_id, effective_at DESC) c
       WHERE c.charity_id = $1`,
      [charityId, operatorId],
    );
  }
}
