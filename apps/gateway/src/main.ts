import 'reflect-metadata';
import { runService } from '@mogul/observability';
import { createGatewayApp } from './bootstrap';
import { GatewayConfig } from './config';

runService('gateway', GatewayConfig, createGatewayApp);
