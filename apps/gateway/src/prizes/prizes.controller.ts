import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WeeklyPrizeView } from '@mogul/contracts';
import { Caller, GatewayCaller } from '../auth/caller.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { PayoutsClient } from '../services/payouts.client';
import { WeeklyPrizeDto } from './dto/prize.dto';
import { WeeklyPrizeResponse } from './dto/prize.response';

/** The weekly prize for the top creator: operators set it; the leaderboard shows the race and the winners. */
@ApiTags('prizes')
@ApiBearerAuth(BEARER_SCHEME)
@Roles('operator')
@Controller('prizes/weekly')
export class PrizesController {
  constructor(private readonly payouts: PayoutsClient) {}

  @Get()
  @ApiOperation({ summary: 'The weekly prize', description: 'Operators only. 404 while no prize was ever set.' })
  @ApiOkResponse({ type: WeeklyPrizeResponse })
  @ApiProblems(401, 403, 404)
  get(@Caller() caller: GatewayCaller): Promise<WeeklyPrizeView> {
    return this.payouts.weeklyPrize(caller);
  }

  @Put()
  @ApiOperation({
    summary: 'Set the weekly prize',
    description:
      'Operators only. Each week runs from Monday 00:00 to the next Monday 00:00 in `timeZone`. When a week ends, the creator ' +
      'with the highest net earnings in it in the prize’s currency (royalties accrued minus reversals posted in the week; ' +
      'payouts and prizes do not count) wins `amount`, credited once to their available balance as a `prize` statement line; ' +
      'equal nets go to whoever reached the figure first. Nobody wins a week in which nobody earned. A change applies to every ' +
      'week not closed yet, the current one included; the first setting starts with the current week.',
  })
  @ApiOkResponse({ type: WeeklyPrizeResponse })
  @ApiProblems(400, 401, 403)
  configure(@Body() body: WeeklyPrizeDto, @Caller() caller: GatewayCaller): Promise<WeeklyPrizeView> {
    return this.payouts.configureWeeklyPrize(caller, {
      amount: { amount: body.amount.amount, currency: body.amount.currency },
      timeZone: body.timeZone,
    });
  }
}
