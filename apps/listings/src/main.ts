import 'reflect-metadata';
import { runService } from '@mogul/observability';
import { createListingsApp } from './bootstrap';
import { ListingsConfig } from './config';

runService('listings', ListingsConfig, createListingsApp);
