import { Module } from '@nestjs/common';
import { CharitiesController } from './charities.controller';
import { CreatorGivingController } from './creator-giving.controller';

@Module({ controllers: [CharitiesController, CreatorGivingController] })
export class CharitiesModule {}
