import 'reflect-metadata';
import { runService } from '@mogul/observability';
import { createIdentityApp } from './bootstrap';
import { IdentityConfig } from './config';

runService('identity', IdentityConfig, createIdentityApp);
