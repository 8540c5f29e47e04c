import { Module } from '@nestjs/common';
import { CreatorEarningsController } from './creator-earnings.controller';
import { EventStreamRelay } from './event-stream.relay';
import { PayoutRunsController } from './payout-runs.controller';
import { StatementCsvExport } from './statement-csv.export';

@Module({
  controllers: [CreatorEarningsController, PayoutRunsController],
  providers: [StatementCsvExport, EventStreamRelay],
})
export class PayoutsModule {}
