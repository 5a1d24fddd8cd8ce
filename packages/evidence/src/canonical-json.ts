// RFC 8785 (JCS) so an auditor can recompute event hashes in any language. Anything
// that JSON.stringify would silently drop or coerce (undefined, NaN, Dates, class
// instances) is refused instead: a value that does not round-trip through JSON must
// not get a hash that only this implementation can reproduce.

type PathSegment = string | number;

const encoder = new TextEncoder();
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The RFC 8785 canonical JSON text of a JSON value; throws TypeError naming the path of anything that is not JSON. */
export function canonicalJson(value: unknown): string {
  return serializeValue(value, [], []);
}

/** canonicalJson as UTF-8 bytes, the exact input to an event hash. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return encoder.encode(canonicalJson(value));
}

/**
 * A serializer for records with a known set of keys: same text as canonicalJson of the
 * record restricted to those keys, but the keys are sorted and quoted once here rather
 * than for every record, which is most of the cost for small records hashed by the
 * million. Keys missing from a record are undefined and refused like any other.
 */
export function compileCanonicalJson<Key extends string>(
  keys: readonly Key[],
): (record: Readonly<Record<Key, unknown>>) => string {
  const sorted = sortByCodeUnits([...new Set(keys)]);
  const prefixes = sorted.map((key, index) => {
    const quoted = serializeString(key, [key]);
    return `${index === 0 ? "{" : ","}${quoted}:`;
  });
  return (record) => {
    const ancestors: object[] = [record];
    let text = sorted.length === 0 ? "{" : "";
    for (let index = 0; index < sorted.length; index++) {
      const key = sorted[index] as Key;
      text += (prefixes[index] as string) + serializeValue(record[key], [key], ancestors);
    }
    return `${text}}`;
  };
}

function serializeValue(value: unknown, path: PathSegment[], ancestors: object[]): string {
  switch (typeof value) {
    case "string":
      return serializeString(value, path);
    case "number":
      if (!Number.isFinite(value)) {
        throw notJson(path, `${value} has no JSON representation`);
      }
      // JCS numbers are ECMAScript Number.prototype.toString, which JSON.stringify
      // uses for finite numbers (and it writes -0 as 0, as JCS requires).
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) {
        return "null";
      }
      return serializeContainer(value, path, ancestors);
    case "bigint":
      throw notJson(path, "a bigint is not a JSON value (convert it to a string first)");
    default:
      throw notJson(path, `${typeof value} is not a JSON value`);
  }
}

function serializeContainer(value: object, path: PathSegment[], ancestors: object[]): string {
  // A stack, not a Set: JSON nests a few levels, and push/pop is cheaper than hashing
  // every container of a million events.
  if (ancestors.includes(value)) {
    throw notJson(path, "the value contains itself (circular reference)");
  }
  ancestors.push(value);
  try {
    if (Array.isArray(value)) {
      return serializeArray(value, path, ancestors);
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? "object";
      throw notJson(path, `a ${kind} is not a plain JSON object`);
    }
    return serializeObject(value as Record<string, unknown>, path, ancestors);
  } finally {
    ancestors.pop();
  }
}

function serializeArray(array: unknown[], path: PathSegment[], ancestors: object[]): string {
  let text = "[";
  // Index loop rather than forEach/map so holes in sparse arrays are seen (as undefined).
  for (let index = 0; index < array.length; index++) {
    if (index > 0) {
      text += ",";
    }
    path.push(index);
    text += serializeValue(array[index], path, ancestors);
    path.pop();
  }
  return `${text}]`;
}

function serializeObject(
  object: Record<string, unknown>,
  path: PathSegment[],
  ancestors: object[],
): string {
  const keys = sortByCodeUnits(Object.keys(object));
  let text = "{";
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as string;
    path.push(key);
    const member = `${serializeString(key, path)}:${serializeValue(object[key], path, ancestors)}`;
    path.pop();
    text += index > 0 ? `,${member}` : member;
  }
  return `${text}}`;
}

// RFC 8785 §3.2.3 orders keys by UTF-16 code units, which is what JS string comparison
// does, as does Array.prototype.sort without a comparator (not code points, not
// locale). Insertion sort for small objects, the common case, where it beats the
// built-in sort noticeably over a million events.
function sortByCodeUnits(keys: string[]): string[] {
  if (keys.length > 16) {
    return keys.sort();
  }
  for (let index = 1; index < keys.length; index++) {
    const key = keys[index] as string;
    let hole = index;
    while (hole > 0 && (keys[hole - 1] as string) > key) {
      keys[hole] = keys[hole - 1] as string;
      hole--;
    }
    keys[hole] = key;
  }
  return keys;
}

function serializeString(value: string, path: PathSegment[]): string {
  // A lone surrogate has no UTF-8 encoding, so other implementations could not hash it.
  if (!isWellFormed(value)) {
    throw notJson(path, "the string contains a lone UTF-16 surrogate");
  }
  // JCS string escaping is the ECMAScript JSON.stringify escaping.
  return JSON.stringify(value);
}

function notJson(path: PathSegment[], problem: string): TypeError {
  return new TypeError(`Cannot canonicalise ${formatPath(path)}: ${problem}.`);
}

function formatPath(path: PathSegment[]): string {
  let text = "$";
  for (const segment of path) {
    if (typeof segment === "number") {
      text += `[${segment}]`;
    } else if (IDENTIFIER.test(segment)) {
      text += `.${segment}`;
    } else {
      text += `[${JSON.stringify(segment)}]`;
    }
  }
  return text;
}

// String.prototype.isWellFormed is ES2024 and present in Node 20, but the shared
// tsconfig's ES2023 lib does not declare it. It is much faster than a /u regex here.
function isWellFormed(value: string): boolean {
  return (value as unknown as { isWellFormed(): boolean }).isWellFormed();
}
