#!/usr/bin/env node
// Fails when the English and German strings do not have exactly the same keys. Strings live in
// src/i18n/<lang>.json plus src/i18n/features/<feature>.<lang>.json; a feature file's top-level
// keys must not collide with another file's.
import { readdirSync, readFileSync } from 'node:fs';
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

function filesFor(locale) {
  const features = readdirSync(join(dir, 'features'))
    .filter((f) => f.endsWith(`.${locale}.json`))
    .map((f) => join('features', f));
  return [`${locale}.json`, ...features];
}

const maps = {};
let failed = false;
for (const l of locales) {
  const owner = new Map();
  const merged = {};
  for (const file of filesFor(l)) {
    let strings;
    try {
      strings = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (e) {
      console.error(`check-i18n: cannot read ${file}: ${e.message}`);
      process.exit(1);
    }
    for (const top of Object.keys(strings)) {
      if (owner.has(top)) {
        console.error(`check-i18n: top-level key "${top}" is in both ${owner.get(top)} and ${file}`);
        failed = true;
      }
      owner.set(top, file);
    }
    Object.assign(merged, strings);
  }
  maps[l] = flatten(merged);
  for (const [k, v] of maps[l]) {
    if (typeof v !== 'string' || v.trim() === '') {
      console.error(`check-i18n: ${l}: "${k}" must be a non-empty string`);
      failed = true;
    }
  }
}
const [a, b] = locales;
for (const [x, y] of [[a, b], [b, a]]) {
  for (const k of maps[x].keys()) {
    if (!maps[y].has(k)) {
      console.error(`check-i18n: "${k}" is in ${x} but missing from ${y}`);
      failed = true;
    }
  }
}
if (failed) process.exit(1);
console.log(`check-i18n: ${maps[a].size} keys, en and de agree`);
