// Loads config/wirefeed.yaml, config/sources/*.yaml and config/feeds/*.yaml,
// applies ${VAR} interpolation and env overrides, and validates everything once.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { formatProblem, interpolateEnv, type ConfigProblem } from './interpolate-env.js';
import { SOURCE_TYPES, SourceConfigSchema, type SourceConfig } from '../sources/registry.js';
import type { AppConfig } from './app-config.js';
import { FeedConfigSchema, GlobalConfigSchema, type FeedConfig } from './schema.js';

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; problems: string[] };

export function configDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return path.resolve(cwd, env.WIREFEED_CONFIG || 'config');
}

/** Loads and validates; never throws for bad input, returns every problem instead. */
export function readConfig(dir: string, options: LoadOptions = {}): ConfigResult {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const problems: ConfigProblem[] = [];
  const show = (file: string) => {
    const rel = path.relative(cwd, file);
    return rel && !rel.startsWith('..') ? rel : file;
  };

  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return { ok: false, problems: [formatProblem({ file: show(dir), field: '', message: 'config directory not found' })] };
  }

  const load = <S extends z.ZodType>(file: string, schema: S, overrides: Record<string, unknown> = {}) => {
    const raw = parseYamlFile(file, show(file), problems);
    if (raw === undefined) return undefined;
    const unset = new Set<string>();
    const withEnv = interpolateEnv(raw, env, (field, name) => {
      unset.add(field);
      problems.push({ file: show(file), field, message: `environment variable ${name} is not set` });
    });
    const merged = { ...(withEnv as object), ...overrides };
    const parsed = schema.safeParse(merged);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        // A field whose variable is unset has already been reported once.
        if (!unset.has(issue.path.map(String).join('.'))) problems.push(issueProblem(show(file), issue));
      }
      return undefined;
    }
    return parsed.data as z.infer<S>;
  };

  const globalFile = path.join(dir, 'wirefeed.yaml');
  const global = existsSync(globalFile)
    ? load(globalFile, GlobalConfigSchema, envOverrides(env, problems))
    : validateOverridesOnly(env, problems);

  const sources: SourceConfig[] = [];
  const sourceFiles = new Map<string, string>();
  for (const file of yamlFiles(path.join(dir, 'sources'))) {
    const source = load(file, SourceConfigSchema);
    if (!source) continue;
    const clash = sourceFiles.get(source.id);
    if (clash) problems.push({ file: show(file), field: 'id', message: `"${source.id}" is already used by ${clash}` });
    else {
      sourceFiles.set(source.id, show(file));
      sources.push(source);
    }
  }

  const feeds: FeedConfig[] = [];
  for (const file of yamlFiles(path.join(dir, 'feeds'))) {
    const feed = load(file, FeedConfigSchema);
    if (!feed) continue;
    const clash = sourceFiles.get(feed.id);
    if (clash) problems.push({ file: show(file), field: 'id', message: `"${feed.id}" is already used by ${clash}` });
    feed.sources.forEach((s, i) => {
      if (!sourceFiles.has(s)) problems.push({ file: show(file), field: `sources.${i}`, message: `no source "${s}"` });
    });
    sourceFiles.set(feed.id, show(file));
    feeds.push(feed);
  }

  if (problems.length > 0 || !global) return { ok: false, problems: problems.map(formatProblem) };
  return {
    ok: true,
    config: deepFreeze({
      dir,
      global: { ...global, baseUrl: (global.baseUrl ?? `http://localhost:${global.port}`).replace(/\/$/, '') },
      sources,
      feeds,
      databaseUrl: env.DATABASE_URL || `file:${path.resolve(cwd, 'data/wirefeed.db')}`,
      logLevel: env.LOG_LEVEL || 'info',
    }),
  };
}

/** Loads config or throws CONFIG_INVALID carrying one line per problem. */
export function loadConfig(dir: string, options: LoadOptions = {}): AppConfig {
  const result = readConfig(dir, options);
  if (!result.ok) {
    throw new AppError('CONFIG_INVALID', `invalid configuration:\n${result.problems.join('\n')}`, {
      details: result.problems,
    });
  }
  return result.config;
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('.'))
    .sort()
    .map((f) => path.join(dir, f));
}

function parseYamlFile(file: string, shown: string, problems: ConfigProblem[]): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    problems.push({ file: shown, field: '', message: `cannot read: ${(err as Error).message}` });
    return undefined;
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter: lines });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const line = lines.linePos(e.pos[0]).line;
      problems.push({ file: shown, field: line ? `line ${line}` : '', message: `YAML syntax: ${e.message.split('\n')[0]}` });
    }
    return undefined;
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ file: shown, field: '', message: 'must be a YAML mapping of keys to values' });
    return undefined;
  }
  return value;
}

function issueProblem(file: string, issue: z.core.$ZodIssue): ConfigProblem {
  const field = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys;
    return {
      file,
      field: [field, keys.join(', ')].filter(Boolean).join('.'),
      message: keys.length > 1 ? 'unknown keys' : 'unknown key',
    };
  }
  if (issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator') {
    return { file, field: field || 'type', message: `must be one of ${SOURCE_TYPES.join(', ')}` };
  }
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
    return { file, field, message: 'is required' };
  }
  return { file, field, message: issue.message };
}

const ENV_FILE = 'environment';

function envOverrides(env: NodeJS.ProcessEnv, problems: ConfigProblem[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (env.PORT !== undefined && env.PORT !== '') {
    const port = Number(env.PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      problems.push({ file: ENV_FILE, field: 'PORT', message: `"${env.PORT}" is not a port number` });
    else out.port = port;
  }
  if (env.WIREFEED_BASE_URL) out.baseUrl = env.WIREFEED_BASE_URL;
  const db = env.DATABASE_URL;
  if (db && !/^(file:|postgres(ql)?:\/\/)/.test(db))
    problems.push({ file: ENV_FILE, field: 'DATABASE_URL', message: 'must start with file: or postgres://' });
  const level = env.LOG_LEVEL;
  if (level && !['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(level))
    problems.push({ file: ENV_FILE, field: 'LOG_LEVEL', message: `"${level}" is not a pino level` });
  return out;
}

function validateOverridesOnly(env: NodeJS.ProcessEnv, problems: ConfigProblem[]) {
  const parsed = GlobalConfigSchema.safeParse(envOverrides(env, problems));
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push({ ...issueProblem(ENV_FILE, issue), field: envName(issue.path.map(String).join('.')) });
    return undefined;
  }
  return parsed.data;
}

function envName(field: string): string {
  return field === 'baseUrl' ? 'WIREFEED_BASE_URL' : field === 'port' ? 'PORT' : field;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
