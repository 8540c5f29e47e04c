// Copies the schema of a CustomResourceDefinition's stored version into this folder, as
//   <operator>-<version>/<group>_<version>_<Kind>.json
// so that tools/k8s checks custom resources against what the operator's API server would accept.
//
//   node tools/k8s/crds/vendor.mjs <operator>-<version> <crd.yaml>…
//
// Only the openAPIV3Schema is kept: the rest of a CRD (conversion, printer columns) plays no part
// in validation. Record where each file came from in README.md when you add or upgrade one.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const [folder, ...files] = process.argv.slice(2);
if (!folder || files.length === 0) {
  console.error('usage: node tools/k8s/crds/vendor.mjs <operator>-<version> <crd.yaml>…');
  process.exit(2);
}
const out = join(dirname(fileURLToPath(import.meta.url)), folder);
mkdirSync(out, { recursive: true });
for (const file of files) {
  for (const document of parseAllDocuments(readFileSync(file, 'utf8'))) {
    const crd = document.toJS();
    if (crd?.kind !== 'CustomResourceDefinition') continue;
    const stored = crd.spec.versions.find((version) => version.storage);
    const name = `${crd.spec.group}_${stored.name}_${crd.spec.names.kind}.json`;
    writeFileSync(join(out, name), `${JSON.stringify(stored.schema.openAPIV3Schema, null, 2)}\n`);
    console.log(`${folder}/${name}`);
  }
}
