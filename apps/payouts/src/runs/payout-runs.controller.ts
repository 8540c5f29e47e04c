import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PayoutRunView, PayoutsPatterns, Reply, RequestMessage } from '@mogul/contracts';
import { answer, causeOf, validBody } from '@mogul/messaging';
import { GetRunBody, StartRunBody } from './dto/bodies';
import { PayoutRunService } from './payout-run.service';

/** Request–reply handlers for payout runs (operators only). */
@Controller()
export class PayoutRunsController {
  constructor(private readonly runs: PayoutRunService) {}

  @MessagePattern(PayoutsPatterns.startRun)
  start(@Payload() message: RequestMessage<unknown>): Promise<Reply<PayoutRunView>> {
    return answer(async () => {
      const { actor, runId } = await validBody(StartRunBody, message);
      return this.runs.startRun(actor, runId, causeOf(message));
    });
  }

  @MessagePattern(PayoutsPatterns.getRun)
  get(@Payload() message: RequestMessage<unknown>): Promise<Reply<PayoutRunView>> {
    return answer(async () => {
      const { actor, runId, cursor, limit } = await validBody(GetRunBody, message);
      return this.runs.getRun(actor, runId, { cursor, limit });
    });
  }
}
