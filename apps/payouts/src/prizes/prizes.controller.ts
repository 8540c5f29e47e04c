import { Body, Controller, Get, Put } from '@nestjs/common';
import { canonicalTimeZone, WeeklyPrizeView } from '@mogul/contracts';
import { Actor, CurrentActor, INTERNAL_API_PREFIX, RequireRoles } from '@mogul/http';
import { WeeklyPrizeBody } from './dto/prize.dto';
import { WeeklyPrizesService } from './weekly-prizes.service';

/** The weekly prize's settings, operators only; the leaderboard shows the standing and the winners. */
@Controller(`${INTERNAL_API_PREFIX}/prizes/weekly`)
@RequireRoles('operator')
export class PrizesController {
  constructor(private readonly prizes: WeeklyPrizesService) {}

  @Get()
  get(@CurrentActor() actor: Actor): Promise<WeeklyPrizeView> {
    return this.prizes.settings(actor);
  }

  @Put()
  configure(@Body() body: WeeklyPrizeBody, @CurrentActor() actor: Actor): Promise<WeeklyPrizeView> {
    // Validated above: the zone is one Intl knows, kept as Intl spells it.
    const timeZone = canonicalTimeZone(body.timeZone) ?? body.timeZone;
    return this.prizes.configure(actor, { amount: { amount: body.amount.amount, currency: body.amount.currency }, timeZone });
  }
}
