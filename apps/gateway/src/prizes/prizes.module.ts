import { Module } from '@nestjs/common';
import { PrizesController } from './prizes.controller';

@Module({ controllers: [PrizesController] })
export class PrizesModule {}
