import { Module } from '@nestjs/common';
import { CreatorEarningsController } from './creator-earnings.controller';
import { PayoutRunsController } from './payout-runs.controller';
import { StatementCsvExport } from './statement-csv.export';

@Module({
  controllers: [CreatorEarningsController, PayoutRunsController],
  providers: [StatementCsvExport],
})
export class PayoutsModule {}
