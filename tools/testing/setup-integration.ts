import 'reflect-metadata';

jest.setTimeout(60000);
