import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { appFolders, configClassesOf, hasSources, WORKSPACE_ROOT } from './workspace';

// docs/operations.md has a configuration reference: every variable of every app's configuration
// classes (the properties their validators read) must be in it, so the reference cannot fall
// behind the code.

const operations = readFileSync(join(WORKSPACE_ROOT, 'docs', 'operations.md'), 'utf8');

/** The environment variables a configuration class reads: its validated properties, inherited ones included. */
function variablesOf(configClass: new () => object): string[] {
  const validated = getMetadataStorage()
    .getTargetValidationMetadatas(configClass, '', true, false)
    .map((metadata) => metadata.propertyName);
  return [...new Set([...validated, ...Object.keys(new configClass())])].filter((name) => /^[A-Z][A-Z0-9_]*$/.test(name)).sort();
}

describe('docs/operations.md', () => {
  it.each(appFolders().filter(hasSources))('documents every configuration variable of %s', async (app) => {
    const configs = await configClassesOf(app);
    expect(configs).not.toEqual([]);
    const variables = configs.flatMap(({ configClass }) => variablesOf(configClass));
    expect(variables).toContain('HTTP_PORT');
    expect(variables.filter((name) => !operations.includes(`\`${name}\``))).toEqual([]);
  });

  it('names the Secrets the Kubernetes manifests read', () => {
    expect(operations).toContain('`mogul-jwt`');
    expect(operations).toContain('`<service>-db-app`');
  });
});
