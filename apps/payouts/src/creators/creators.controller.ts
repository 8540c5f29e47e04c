import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EarningsView, LeaderboardView, PayoutsPatterns, Reply, RequestMessage, StatementView } from '@mogul/contracts';
import { answer, validBody } from '@mogul/messaging';
import { EarningsBody, LeaderboardBody, StatementBody } from './dto/bodies';
import { CreatorEarnings } from './earnings.service';
import { Leaderboard } from './leaderboard.service';
import { Statements } from './statements.service';

/** Request–reply handlers for what creators earned: validate, call one service method, answer with a view. */
@Controller()
export class CreatorsController {
  constructor(
    private readonly earningsOf: CreatorEarnings,
    private readonly statements: Statements,
    private readonly board: Leaderboard,
  ) {}

  @MessagePattern(PayoutsPatterns.earnings)
  earnings(@Payload() message: RequestMessage<unknown>): Promise<Reply<EarningsView>> {
    return answer(async () => this.earningsOf.earnings((await validBody(EarningsBody, message)).actor));
  }

  @MessagePattern(PayoutsPatterns.statement)
  statement(@Payload() message: RequestMessage<unknown>): Promise<Reply<StatementView>> {
    return answer(async () => this.statements.statement(await validBody(StatementBody, message)));
  }

  @MessagePattern(PayoutsPatterns.leaderboard)
  leaderboard(@Payload() message: RequestMessage<unknown>): Promise<Reply<LeaderboardView>> {
    return answer(async () => this.board.leaderboard(await validBody(LeaderboardBody, message)));
  }
}
