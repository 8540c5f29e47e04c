// Runs the TypeScript sources directly (decorator metadata and path aliases included) for local
// scripts and services started from the source tree.
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || require('path').join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
