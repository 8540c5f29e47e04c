import 'reflect-metadata';
import { runService } from '@mogul/observability';
import { createPayoutsApp } from './bootstrap';
import { PayoutsConfig } from './config';

runService('payouts', PayoutsConfig, createPayoutsApp);
