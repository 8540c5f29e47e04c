import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { appFolders, configClassesOf, hasSources, WORKSPACE_ROOT } from './workspace';

// docs/operations.md has a configuration reference: every variable of every app's configuration
// classes (the properties their validators read) must be in it, and every variable its tables
// list must be one that some app reads, so the reference can neither fall behind the code nor keep
// a variable the code has dropped.

const operations = readFileSync(join(WORKSPACE_ROOT, 'docs', 'operations.md'), 'utf8');

/** The environment variables a configuration class reads: its validated properties, inherited ones included. */
function variablesOf(configClass: new () => object): string[] {
  const validated = getMetadataStorage()
    .getTargetValidationMetadatas(configClass, '', true, false)
    .map((metadata) => metadata.propertyName);
  return [...new Set([...validated, ...Object.keys(new configClass())])].filter((name) => /^[A-Z][A-Z0-9_]*$/.test(name)).sort();
}

/** The variables the configuration reference's tables list: the first column of each row. */
function referencedVariables(): string[] {
  const start = operations.indexOf('## Configuration reference');
  const end = operations.indexOf('\n## ', start + 1);
  const section = operations.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)`/gm)].map((match) => match[1]);
}

describe('docs/operations.md', () => {
  it.each(appFolders().filter(hasSources))('documents every configuration variable of %s', async (app) => {
    const configs = await configClassesOf(app);
    expect(configs).not.toEqual([]);
    const variables = configs.flatMap(({ configClass }) => variablesOf(configClass));
    expect(variables).toContain('HTTP_PORT');
    expect(variables.filter((name) => !operations.includes(`\`${name}\``))).toEqual([]);
  });

  it('lists in its configuration reference only variables that some app reads', async () => {
    const read = new Set<string>();
    for (const app of appFolders().filter(hasSources)) {
      for (const { configClass } of await configClassesOf(app)) for (const name of variablesOf(configClass)) read.add(name);
    }
    const listed = referencedVariables();
    expect(listed.length).toBeGreaterThan(20);
    expect(listed.filter((name) => !read.has(name))).toEqual([]);
  });

  it('names the Secrets the Kubernetes manifests read', () => {
    expect(operations).toContain('`mogul-jwt`');
    expect(operations).toContain('`<service>-db-app`');
  });
});
