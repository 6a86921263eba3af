/**
 * @module Form fields named like contract paths (`chains.0.blocks.2.gainDb`, `diTracks.1.riffs.0.startSeconds`) read
 * back as nested lists, so each editor's form parser only walks the fields it knows. Indices beyond
 * {@link MAX_FORM_INDEX} are ignored: a forged form cannot make the action build huge arrays.
 */
export const MAX_FORM_INDEX = 63;

export type FormNode = Map<string, string | FormList>;
export type FormList = Map<number, FormNode>;

function index(part: string | undefined): number | null {
  const n = Number(part);
  return part !== undefined && /^\d+$/.test(part) && n <= MAX_FORM_INDEX ? n : null;
}

function child(list: FormList, at: number): FormNode {
  let node = list.get(at);
  if (!node) {
    node = new Map();
    list.set(at, node);
  }
  return node;
}

function childList(node: FormNode, key: string): FormList {
  const existing = node.get(key);
  if (existing instanceof Map) return existing;
  const list: FormList = new Map();
  node.set(key, list);
  return list;
}

/** The list under `root`: `root.<i>.<field>`, `root.<i>.<list>.<j>.<field>`, … (files and other names ignored). */
export function formTree(entries: Iterable<[string, FormDataEntryValue]>, root: string): FormList {
  const tree: FormList = new Map();
  for (const [name, value] of entries) {
    const parts = name.split(".");
    if (typeof value !== "string" || parts[0] !== root || parts.length < 3 || parts.length % 2 === 0) continue;
    const indices = parts.filter((_, i) => i % 2 === 1).map(index);
    if (indices.includes(null) || parts.some((part) => part === "")) continue;
    let list = tree;
    for (let i = 1; i < parts.length - 2; i += 2)
      list = childList(child(list, indices[(i - 1) / 2] as number), parts[i + 1] as string);
    child(list, indices.at(-1) as number).set(parts.at(-1) as string, value);
  }
  return tree;
}

/** The nodes of a list by index (gaps close up), built by `build` with their position; null drops one. */
export function inOrder<T>(
  list: FormList | string | undefined,
  build: (node: FormNode, position: number) => T | null,
): T[] {
  const out: T[] = [];
  if (!(list instanceof Map)) return out;
  for (const at of [...list.keys()].sort((a, b) => a - b)) {
    const node = list.get(at);
    const item = node ? build(node, out.length) : null;
    if (item !== null) out.push(item);
  }
  return out;
}

/** A field's text, or "" when absent. */
export function formText(node: FormNode, key: string): string {
  const value = node.get(key);
  return typeof value === "string" ? value : "";
}
