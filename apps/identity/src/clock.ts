import { Injectable } from '@nestjs/common';

/** The time, injectable so that specs can move it (token expiry). */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
