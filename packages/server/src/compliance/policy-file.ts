/**
 * The policy as a file: YAML (with comments) or JSON out, either format in. Reading a file only
 * parses and validates it; what happens next is a proposal like any other, so a file never takes
 * effect without the co-determination approvals. Problems are reported as `validation_failed`
 * with one entry per dotted path, the same shape as every other invalid request.
 */
import YAML from 'yaml';
import type { z } from 'zod';
import { PolicyDocument } from '@foyer/shared';
import { invalid } from '../errors.js';
import { canonicalJson } from './canonical.js';

export const POLICY_FILE_FORMATS = ['yaml', 'json'] as const;
export type PolicyFileFormat = (typeof POLICY_FILE_FORMATS)[number];

/** A policy document is a few KiB; the bound keeps a parser busy for milliseconds at most. */
export const POLICY_FILE_MAX_BYTES = 64 * 1024;

/** Media types a file may be sent as. */
export const YAML_MEDIA_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'] as const;
export const JSON_MEDIA_TYPE = 'application/json';

export function formatOfMediaType(contentType: string | undefined): PolicyFileFormat {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return type === JSON_MEDIA_TYPE ? 'json' : 'yaml';
}

/** For people editing the YAML: one line per section, read from the file itself. */
const SECTION_NOTES: Record<string, string> = {
  schemaVersion: 'Format of this file; keep 1.',
  modules: 'Features the agreement switches on (true) or off (false). Switched-off features answer 403 module_disabled.',
  presence: 'on: people may set a chosen status. Foyer never tracks online/offline automatically.',
  readReceipts: 'Who may see that someone read a message: off, direct (direct conversations only) or all.',
  quietHours: 'Default working hours (HH:MM, ISO weekdays 1 = Monday). Notifications outside them are held; urgentTypes pass when urgentBypass is true.',
  retention: 'Days each content type is kept; null keeps it until someone deletes it.',
  erasure: 'What erasing an account does to content in shared places: remove, or pseudonymise ("former employee").',
  analytics: 'k: the smallest number of people any published figure may describe.',
  roles: 'Functional roles that exist in this organisation (holders are granted by administrators).',
  coDetermination: 'Roles that must each approve a change to this agreement (one holder per role).',
  sealedAccess: 'Lawful access: two or more distinct approver roles, the longest time box (days), and when affected people are told (days of delay).',
};

export interface FileHeader {
  version: number;
  status: string;
}

/** YAML with a header and a comment above each section. */
export function policyToYaml(doc: PolicyDocument, header: FileHeader): string {
  const out = new YAML.Document(doc);
  out.commentBefore = [
    ` Foyer works agreement (organisation policy), version ${header.version} (${header.status}).`,
    ' To propose a change, edit this file and upload it (Works agreement > Manage, or',
    ' `foyer policy-propose --file <file> --as <admin e-mail>`). It takes effect only after',
    ' the co-determination approvals; unknown keys and wrong types are refused.',
  ].join('\n');
  if (YAML.isMap(out.contents))
    for (const pair of out.contents.items) {
      const key = pair.key;
      if (!YAML.isScalar(key) || typeof key.value !== 'string' || !(key.value in SECTION_NOTES)) continue;
      key.commentBefore = ` ${SECTION_NOTES[key.value]}`;
      key.spaceBefore = key.value !== 'schemaVersion';
    }
  // Short lists of plain values read best on one line: workdays: [1, 2, 3, 4, 5].
  YAML.visit(out, {
    Seq(_, seq) {
      if (seq.items.every((i) => YAML.isScalar(i))) seq.flow = true;
    },
  });
  // Values in quotes: YAML 1.1 tools would read on/off as booleans and 18:00 as a number.
  return out.toString({ lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', flowCollectionPadding: false });
}

/** The canonical JSON, indented: the same bytes for the same document. */
export function policyToJson(doc: PolicyDocument): string {
  return `${JSON.stringify(JSON.parse(canonicalJson(doc)), null, 2)}\n`;
}

/** Dotted path -> message for each zod issue; an unknown key is reported at its own path. */
export function issueFields(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  const add = (path: readonly PropertyKey[], message: string) => {
    const p = path.map(String).join('.') || '(root)';
    fields[p] = fields[p] ? `${fields[p]}; ${message}` : message;
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') for (const k of issue.keys) add([...issue.path, k], 'unknown key');
    else add(issue.path, issue.message);
  }
  return fields;
}

function syntaxError(format: PolicyFileFormat, message: string, line?: number, column?: number) {
  const where = line ? `line ${line}, column ${column ?? 1}: ` : '';
  return invalid(`the file is not valid ${format.toUpperCase()}`, { fields: { '(file)': `${where}${message}` }, format, line: line ?? null, column: column ?? null });
}

function parseText(text: string, format: PolicyFileFormat): unknown {
  if (format === 'json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw syntaxError('json', (e as Error).message);
    }
  }
  const parsed = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  // Warnings (e.g. an unknown tag such as !!js/function) are refused too: the file means what it says or nothing.
  const problem = parsed.errors[0] ?? parsed.warnings[0];
  if (problem) throw syntaxError('yaml', problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), problem.linePos?.[0].line, problem.linePos?.[0].col);
  try {
    return parsed.toJS({ maxAliasCount: 50 }) as unknown;
  } catch (e) {
    throw syntaxError('yaml', (e as Error).message);
  }
}

/** Parses and validates a policy file; throws a 400 naming every invalid path. */
export function parsePolicyFile(text: string, format: PolicyFileFormat): PolicyDocument {
  if (Buffer.byteLength(text) > POLICY_FILE_MAX_BYTES) throw invalid(`the file is larger than ${POLICY_FILE_MAX_BYTES} bytes`, { fields: { '(file)': 'too large' }, format });
  if (!text.trim()) throw syntaxError(format, 'the file is empty');
  const data = parseText(text, format);
  const result = PolicyDocument.safeParse(data);
  if (!result.success) throw invalid('the policy file does not match the policy format', { fields: issueFields(result.error.issues), format });
  return result.data;
}
