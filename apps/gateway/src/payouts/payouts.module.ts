import { Module } from '@nestjs/common';
import { PayoutsPatterns } from '@mogul/contracts';
import { CreatorEarningsController } from './creator-earnings.controller';
import { PayoutRunsController } from './payout-runs.controller';
import { StatementCsvExport } from './statement-csv.export';

/** Request–reply patterns of the payouts service that the gateway forwards. */
export const PAYOUTS_FORWARDED_PATTERNS: string[] = Object.values(PayoutsPatterns);

@Module({
  controllers: [CreatorEarningsController, PayoutRunsController],
  providers: [StatementCsvExport],
})
export class PayoutsModule {}
