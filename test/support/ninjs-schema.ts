// The IPTC ninjs 3.1 schema (../shared/specs/ninjs, draft 2020-12) as a validator for tests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const NINJS_SCHEMA_FILE = path.resolve(fileURLToPath(import.meta.url), '../../../../shared/specs/ninjs/ninjs-schema_3.1.json');

/** The 3.1 schema, compiled once; GeoJSON (place geometry, which we never emit) stands in as any object. */
let compiled: ValidateFunction | undefined;
export function ninjsValidator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv2020.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json', type: 'object' });
  compiled = ajv.compile(JSON.parse(readFileSync(NINJS_SCHEMA_FILE, 'utf8')) as object);
  return compiled;
}

export function assertValidNinjs(item: unknown, what: string): void {
  const validate = ninjsValidator();
  assert.ok(validate(item), `${what}: ${JSON.stringify(validate.errors, null, 2)}`);
}

