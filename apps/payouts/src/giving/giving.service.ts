import { Injectable } from '@nestjs/common';
import { GivingSettingRequest, GivingView } from '@mogul/contracts';
import { Actor } from '@mogul/http';
import { DataSource } from 'typeorm';
import { creatorOf } from '../creators/creator-actor';
import { CharityNotChoosableError } from '../errors';
import { Ledger } from '../ledger/ledger';

interface SettingRow {
  effective_at: Date;
  percent: number;
  charity_id: string | null;
  name: string | null;
  active: boolean | null;
}

/**
 * A creator's giving: one active charity and a whole percent of their royalties. Each change is a
 * new row of the creator's history, effective from the moment it is written; an accrual uses the
 * setting in force when its line was paid, so a change never touches royalties accrued before, and
 * a rebuild (which copies the history) splits every accrual as live did.
 */
@Injectable()
export class GivingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: Ledger,
  ) {}

  async current(actor: Actor): Promise<GivingView> {
    return this.currentOf(creatorOf(actor));
  }

  /** Percent 0 or no charity turns giving off. `at` (tests whose clock moves) stands for the database clock. */
  async set(actor: Actor, request: GivingSettingRequest, at?: Date): Promise<GivingView> {
    const creatorId = creatorOf(actor);
    const off = request.charityId === null || request.percent === 0;
    await this.dataSource.transaction(async (manager) => {
      // Under the ledger's lock: an accrual reading the history sees a setting whole or not at all,
      // and a setting is never effective before an accrual that did not see it.
      await this.ledger.lock(manager);
      if (!off) {
        const [charity]: { active: boolean }[] = await manager.query(`SELECT active FROM charities WHERE id = $1`, [request.charityId]);
        if (!charity) throw new CharityNotChoosableError(request.charityId as string, 'unknown');
        if (!charity.active) throw new CharityNotChoosableError(request.charityId as string, 'inactive');
      }
      await manager.query(
        `INSERT INTO giving_settings (creator_id, effective_at, charity_id, percent, set_by)
         SELECT $1, GREATEST(COALESCE($4::timestamptz, clock_timestamp()), (SELECT max(effective_at) + interval '1 microsecond' FROM giving_settings WHERE creator_id = $1)),
                $2, $3, $1`,
        [creatorId, off ? null : request.charityId, off ? 0 : request.percent, at ?? null],
      );
    });
    return this.currentOf(creatorId);
  }

  private async currentOf(creatorId: string): Promise<GivingView> {
    const [row]: SettingRow[] = await this.dataSource.query(
      `SELECT s.effective_at, s.percent, s.charity_id, c.name, c.active
       FROM giving_settings s LEFT JOIN charities c ON c.id = s.charity_id
       WHERE s.creator_id = $1 ORDER BY s.effective_at DESC LIMIT 1`,
      [creatorId],
    );
    if (!row) return { charity: null, percent: 0, effectiveFrom: null };
    return {
      charity: row.charity_id === null ? null : { id: row.charity_id, name: row.name as string, active: row.active as boolean },
      percent: row.percent,
      effectiveFrom: row.effective_at.toISOString(),
    };
  }
}
