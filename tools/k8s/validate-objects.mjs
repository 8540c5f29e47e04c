// Validates Kubernetes API objects against the schemas of the kubernetes-models package, strictly:
// a field the schema does not define is an error, as with `kubectl apply --validate=strict`.
//
//   node tools/k8s/validate-objects.mjs < objects.json
//
// Reads a JSON array of objects and prints a JSON object: `problems` (one line each) and `skipped`
// (objects of kinds that the package has no model for, e.g. custom resources, which the caller
// checks itself). kubernetes-models is an ES module only, hence a script of its own.
//
// The strict check watches the schema validator at work: it reads each property that the schema
// defines, and walks free-form maps (labels, data, …) key by key. A property it never read is not
// in the schema.

import { text } from 'node:stream/consumers';

/** `apps/v1` → `kubernetes-models/apps/v1`; `v1` → `kubernetes-models/v1`. */
async function modelOf(apiVersion, kind) {
  try {
    const models = await import(`kubernetes-models/${apiVersion}`);
    return typeof models[kind] === 'function' ? models[kind] : undefined;
  } catch {
    return undefined;
  }
}

/** A view of `root` that records which properties of each object are read or enumerated. */
function watched(root) {
  const records = [];
  const proxies = new WeakMap();
  const wrap = (value, path) => {
    if (value === null || typeof value !== 'object') return value;
    if (proxies.has(value)) return proxies.get(value);
    const record = { target: value, path, read: new Set(), enumerated: false };
    if (!Array.isArray(value)) records.push(record);
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        const property = Reflect.get(target, key, receiver);
        if (typeof key !== 'string') return property;
        record.read.add(key);
        return wrap(property, Array.isArray(target) ? `${path}[${key}]` : `${path}.${key}`);
      },
      has(target, key) {
        if (typeof key === 'string') record.read.add(key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        record.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };
  const proxy = wrap(root, '');
  const unknownFields = () =>
    records
      .filter((record) => !record.enumerated)
      .flatMap((record) =>
        Object.keys(record.target)
          .filter((key) => !record.read.has(key))
          .map((key) => `${record.path}.${key}`),
      );
  return { proxy, unknownFields };
}

const objects = JSON.parse(await text(process.stdin));
const problems = [];
const skipped = [];
for (const object of objects) {
  const where = `${object.kind}/${object.metadata?.name ?? '?'}`;
  const model = await modelOf(object.apiVersion, object.kind);
  if (!model) {
    skipped.push(where);
    continue;
  }
  const { proxy, unknownFields } = watched(object);
  try {
    model.prototype.validate.call(proxy);
  } catch (error) {
    problems.push(`${where}: ${error.message}`);
  }
  for (const field of unknownFields()) problems.push(`${where}: unknown field ${field.slice(1)}`);
}
process.stdout.write(JSON.stringify({ problems, skipped }));
