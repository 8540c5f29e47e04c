import { Injectable } from '@nestjs/common';

/** The time, injectable so that specs can hold it still. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
