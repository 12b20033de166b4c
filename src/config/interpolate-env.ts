/** A problem found while loading config, printed as `file: field: message`. */
export interface ConfigProblem {
  file: string;
  field: string;
  message: string;
}

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}: ${p.field || '(file)'}: ${p.message}`;
}

const VAR = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces `${VAR}` in every string of a parsed YAML tree. Done after parsing so
 * that a value containing YAML syntax cannot change the document's structure.
 */
export function interpolateEnv(
  value: unknown,
  env: NodeJS.ProcessEnv,
  onMissing: (field: string, name: string) => void,
  path: string[] = [],
): unknown {
  if (typeof value === 'string') {
    return value.replace(VAR, (_m, name: string) => {
      const found = env[name];
      if (found === undefined) onMissing(path.join('.'), name);
      return found ?? '';
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateEnv(v, env, onMissing, [...path, String(i)]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolateEnv(v, env, onMissing, [...path, k])]),
    );
  }
  return value;
}
