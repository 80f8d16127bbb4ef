#!/usr/bin/env node
// Fails when src/i18n/en.json and src/i18n/de.json do not have exactly the same keys.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'i18n');
const locales = ['en', 'de'];

function flatten(obj, prefix = '', out = new Map()) {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v, key, out);
    else out.set(key, v);
  }
  return out;
}

const maps = {};
let failed = false;
for (const l of locales) {
  try {
    maps[l] = flatten(JSON.parse(readFileSync(join(dir, `${l}.json`), 'utf8')));
  } catch (e) {
    console.error(`check-i18n: cannot read ${l}.json: ${e.message}`);
    process.exit(1);
  }
  for (const [k, v] of maps[l]) {
    if (typeof v !== 'string' || v.trim() === '') {
      console.error(`check-i18n: ${l}.json: "${k}" must be a non-empty string`);
      failed = true;
    }
  }
}
const [a, b] = locales;
for (const [x, y] of [[a, b], [b, a]]) {
  for (const k of maps[x].keys()) {
    if (!maps[y].has(k)) {
      console.error(`check-i18n: "${k}" is in ${x}.json but missing from ${y}.json`);
      failed = true;
    }
  }
}
if (failed) process.exit(1);
console.log(`check-i18n: ${maps[a].size} keys, en and de agree`);
