// A small validator for the subset of JSON Schema draft 2020-12 that schema/envelope-v1.json uses. Keywords it does
// not know make it throw, so the schema cannot quietly grow beyond what the tests check.

type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'contentEncoding']);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Returns the list of violations of `schema` by `value` (empty when valid). */
export function validate(schema: Schema, value: unknown, path = '$'): string[] {
  const errors: string[] = [];
  for (const [keyword, arg] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    switch (keyword) {
      case 'type': {
        const t = typeOf(value);
        if (!(t === arg || (arg === 'number' && t === 'integer'))) errors.push(`${path}: expected ${String(arg)}, got ${t}`);
        break;
      }
      case 'const':
        if (JSON.stringify(value) !== JSON.stringify(arg)) errors.push(`${path}: expected ${JSON.stringify(arg)}`);
        break;
      case 'enum':
        if (!(arg as unknown[]).some((v) => JSON.stringify(v) === JSON.stringify(value))) errors.push(`${path}: not in enum`);
        break;
      case 'minimum':
        if (typeof value === 'number' && value < (arg as number)) errors.push(`${path}: below ${String(arg)}`);
        break;
      case 'maxLength':
        if (typeof value === 'string' && [...value].length > (arg as number)) errors.push(`${path}: longer than ${String(arg)}`);
        break;
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(arg as string, 'u').test(value)) errors.push(`${path}: does not match ${String(arg)}`);
        break;
      case 'required':
        if (typeOf(value) === 'object') {
          for (const key of arg as string[]) {
            if (!Object.prototype.hasOwnProperty.call(value, key)) errors.push(`${path}: missing ${key}`);
          }
        }
        break;
      case 'properties':
        if (typeOf(value) === 'object') {
          for (const [key, sub] of Object.entries(arg as Record<string, Schema>)) {
            if (Object.prototype.hasOwnProperty.call(value, key)) {
              errors.push(...validate(sub, (value as Record<string, unknown>)[key], `${path}.${key}`));
            }
          }
        }
        break;
      case 'oneOf': {
        const matching = (arg as Schema[]).filter((sub) => validate(sub, value, path).length === 0).length;
        if (matching !== 1) errors.push(`${path}: matches ${matching} of the oneOf schemas, not exactly one`);
        break;
      }
      case 'allOf':
        for (const sub of arg as Schema[]) errors.push(...validate(sub, value, path));
        break;
      case 'if': {
        const branch = validate(arg as Schema, value, path).length === 0 ? schema['then'] : schema['else'];
        if (branch !== undefined) errors.push(...validate(branch as Schema, value, path));
        break;
      }
      case 'then':
      case 'else':
        break;
      default:
        throw new Error(`json-schema-subset: unsupported keyword ${keyword}`);
    }
  }
  return errors;
}
