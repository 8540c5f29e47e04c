import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const K8S_DIR = join(__dirname, '..', '..', 'k8s');

/** A rendered Kubernetes object, loosely typed: the checks read it field by field. */
export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [field: string]: any;
};

export function overlayNames(): string[] {
  return readdirSync(join(K8S_DIR, 'overlays'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * kubectl's built-in kustomize, which must know Components (kustomize v4 and later: kubectl 1.21+).
 * Returns its version, or throws saying what to install.
 */
export function kustomizeVersion(): string {
  let output: string;
  try {
    output = execFileSync('kubectl', ['version', '--client'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    throw new Error('kubectl is missing: install it (Debian: apt-get install kubernetes-client; .ci/run does)');
  }
  const version = /Kustomize Version: v?(\d+)\.(\d+)\.(\d+)/.exec(output);
  if (!version || Number(version[1]) < 4) {
    throw new Error(`kubectl's kustomize is too old for Kustomize Components (needs v4+, kubectl 1.21+): ${output.trim()}`);
  }
  return version.slice(1).join('.');
}

/** `kubectl kustomize <dir>`, parsed into objects. */
export function render(dir: string): K8sObject[] {
  const yaml = execFileSync('kubectl', ['kustomize', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return parseAllDocuments(yaml)
    .map((document) => document.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null);
}

export interface BuiltInValidation {
  problems: string[];
  /** Objects of kinds kubernetes-models has no model for (custom resources). */
  skipped: string[];
}

/** Validates built-in kinds strictly against the Kubernetes API schemas (validate-objects.mjs). */
export function validateBuiltIns(objects: K8sObject[]): BuiltInValidation {
  const output = execFileSync('node', [join(__dirname, 'validate-objects.mjs')], {
    input: JSON.stringify(objects),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output) as BuiltInValidation;
}

export const nameOf = (object: K8sObject) => `${object.kind}/${object.metadata.name}`;

/**
 * The seconds a preStop command pauses: `node -e "setTimeout(() => {}, <ms>)"` (the images have node
 * and nothing else to pause with) or `sleep <s>`; undefined for anything else.
 */
export function preStopPauseSeconds(command: string[] | undefined): number | undefined {
  if (!command) return undefined;
  if (command[0] === 'sleep' && command.length === 2) return Number(command[1]);
  const timer = /^setTimeout\(\(\) => \{\}, (\d+)\)$/.exec(command[2] ?? '');
  if (command[0] === 'node' && command[1] === '-e' && command.length === 3 && timer) return Number(timer[1]) / 1000;
  return undefined;
}
