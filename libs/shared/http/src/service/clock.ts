import { Injectable } from '@nestjs/common';

/**
 * The time, as a service reads it wherever a rule depends on it (token expiry, publication and
 * edit times): injectable, so that specs can hold it still or move it.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
