import { literalPrefix, wildcardMatch } from "../util/wildcard";
import { stripPort } from "../reference/host";

/** Exact identifiers (accounts, AMI ids, product codes...): one hash lookup per value. */
export class ExactIndex<T> {
  private readonly entries = new Map<string, T[]>();
  constructor(private readonly normalize: (value: string) => string = (v) => v) {}
  add(pattern: string, owner: T): void {
    push(this.entries, this.normalize(pattern), owner);
  }
  lookup(value: string): Array<{ pattern: string; owner: T }> {
    const key = this.normalize(value);
    return (this.entries.get(key) ?? []).map((owner) => ({ pattern: key, owner }));
  }
}

/**
 * Globs where `*` is any run of characters (AMI names), bucketed by their literal prefix so that a lookup
 * tests only the patterns whose prefix the value starts with, however large the catalog.
 */
export class PrefixGlobIndex<T> {
  private readonly byPrefix = new Map<string, Array<{ pattern: string; owner: T }>>();
  private readonly prefixLengths = new Set<number>();
  add(pattern: string, owner: T): void {
    const prefix = literalPrefix(pattern);
    push(this.byPrefix, prefix, { pattern, owner });
    this.prefixLengths.add(prefix.length);
  }
  lookup(value: string): Array<{ pattern: string; owner: T }> {
    const hits: Array<{ pattern: string; owner: T }> = [];
    for (const length of this.prefixLengths) {
      if (length > value.length) continue;
      for (const candidate of this.byPrefix.get(value.slice(0, length)) ?? []) {
        if (wildcardMatch(candidate.pattern, value)) hits.push(candidate);
      }
    }
    return hits;
  }
}

/**
 * Host globs matched label by label, never by substring: `*.kaspersky.com` matches `a.b.kaspersky.com`
 * but not `notkaspersky.com` nor `kaspersky.com.evil.io`. A pattern without a port matches the host on any port.
 */
export class HostGlobIndex<T> {
  private readonly exact = new Map<string, Array<{ pattern: string; owner: T }>>();
  private readonly anySubdomainOf = new Map<string, Array<{ pattern: string; owner: T }>>();
  /** Other globs (`swr.*.example.com`), matched against the host without its port or, when they name one, with it. */
  private readonly hostGlobs = new LabelTrie<T>();
  private readonly hostPortGlobs = new LabelTrie<T>();
  private globsAdded = 0;

  add(rawPattern: string, owner: T): void {
    const pattern = rawPattern.toLowerCase();
    const entry = { pattern, owner };
    const rest = pattern.slice(2);
    if (!pattern.includes("*")) push(this.exact, pattern, entry);
    else if (pattern.startsWith("*.") && !rest.includes("*")) push(this.anySubdomainOf, rest, entry);
    else (pattern.includes(":") ? this.hostPortGlobs : this.hostGlobs).add({ pattern, owner, order: this.globsAdded++ });
  }

  lookup(hostWithPort: string): Array<{ pattern: string; owner: T }> {
    const value = hostWithPort.toLowerCase();
    const host = stripPort(value);
    const hits = [...(this.exact.get(value) ?? [])];
    if (host !== value) hits.push(...(this.exact.get(host) ?? []));
    // Every parent domain, longest first: "a.b.c" asks for "b.c", then "c".
    if (this.anySubdomainOf.size > 0) {
      for (let dot = host.indexOf("."); dot >= 0; dot = host.indexOf(".", dot + 1)) hits.push(...(this.anySubdomainOf.get(host.slice(dot + 1)) ?? []));
    }
    if (this.globsAdded === 0) return hits;
    const globHits = [...this.hostGlobs.lookup(host.split(".")), ...this.hostPortGlobs.lookup(value.split("."))];
    // In the order the patterns were added, as a scan of them reports them.
    globHits.sort((a, b) => a.order - b.order);
    for (const { pattern, owner } of globHits) hits.push({ pattern, owner });
    return hits;
  }
}

interface GlobEntry<T> {
  pattern: string;
  owner: T;
  order: number;
}

interface LabelNode<T> {
  literal: Map<string, LabelNode<T>>;
  /** Children whose label holds a `*`, e.g. `*` or `cr-*`. */
  wild: Array<{ label: string; node: LabelNode<T> }>;
  /** Patterns whose labels all matched with none of the host's left over. */
  terminal: Array<GlobEntry<T>>;
  /** Patterns with a leading `*.` whose other labels matched: the `*` takes one or more labels left over. */
  leadingAny: Array<GlobEntry<T>>;
}

const newLabelNode = <T>(): LabelNode<T> => ({ literal: new Map(), wild: [], terminal: [], leadingAny: [] });

/**
 * Host globs compiled into one trie over their labels from the right (`com`, then `example`, ...), so that
 * a lookup walks the host's labels once instead of testing every pattern: thousands of
 * `swr.*.<vendor>.example` patterns cost a lookup a few map hits.
 */
class LabelTrie<T> {
  private readonly root = newLabelNode<T>();

  add(entry: GlobEntry<T>): void {
    const labels = entry.pattern.split(".");
    const leadingAny = labels[0] === "*" && labels.length > 1;
    let node = this.root;
    for (const label of (leadingAny ? labels.slice(1) : labels).reverse()) {
      if (label.includes("*")) {
        let child = node.wild.find((w) => w.label === label);
        if (!child) node.wild.push((child = { label, node: newLabelNode() }));
        node = child.node;
      } else {
        let child = node.literal.get(label);
        if (!child) node.literal.set(label, (child = newLabelNode()));
        node = child;
      }
    }
    (leadingAny ? node.leadingAny : node.terminal).push(entry);
  }

  lookup(labels: string[]): Array<GlobEntry<T>> {
    const hits: Array<GlobEntry<T>> = [];
    const walk = (node: LabelNode<T>, left: number): void => {
      if (left === 0) {
        hits.push(...node.terminal);
        return;
      }
      hits.push(...node.leadingAny);
      const label = labels[left - 1];
      const literal = node.literal.get(label);
      if (literal) walk(literal, left - 1);
      for (const wild of node.wild) if (wildcardMatch(wild.label, label)) walk(wild.node, left - 1);
    };
    walk(this.root, labels.length);
    return hits;
  }
}

interface TrieNode<T> {
  literal: Map<string, TrieNode<T>>;
  /** Children whose segment holds a `*` inside it, e.g. `kcs-*`. */
  partial: Array<{ segment: string; node: TrieNode<T> }>;
  anyOne?: TrieNode<T>;
  anyMany?: TrieNode<T>;
  terminal: Array<{ pattern: string; owner: T }>;
}

const newNode = <T>(): TrieNode<T> => ({ literal: new Map(), partial: [], terminal: [] });

/**
 * Repository globs over whole path segments ("*" = one segment, "**" = any number, including none),
 * compiled into one trie so that a lookup walks the reference's segments once instead of testing
 * every pattern. Memoized on (node, position), so even many `**` cost O(nodes × segments).
 */
export class SegmentGlobIndex<T> {
  private readonly root = newNode<T>();
  /** Without `**` every walk consumes one segment per step, so no (node, position) recurs and no memo is needed. */
  private hasAnyMany = false;

  add(rawPattern: string, owner: T): void {
    const pattern = rawPattern.toLowerCase();
    let node = this.root;
    // Consecutive `**` mean the same as one, and collapsing them keeps the trie (and the walk) shallow.
    const segments = pattern.split("/").filter((segment, i, all) => segment !== "**" || all[i - 1] !== "**");
    for (const segment of segments) {
      if (segment === "**") {
        node = node.anyMany ??= newNode();
        this.hasAnyMany = true;
      } else if (segment === "*") node = node.anyOne ??= newNode();
      else if (segment.includes("*")) {
        let child = node.partial.find((p) => p.segment === segment);
        if (!child) node.partial.push((child = { segment, node: newNode() }));
        node = child.node;
      } else {
        let child = node.literal.get(segment);
        if (!child) node.literal.set(segment, (child = newNode()));
        node = child;
      }
    }
    node.terminal.push({ pattern, owner });
  }

  lookup(repository: string): Array<{ pattern: string; owner: T }> {
    const segments = repository.toLowerCase().split("/");
    const hits = new Set<{ pattern: string; owner: T }>();
    const visited = this.hasAnyMany ? new Map<TrieNode<T>, Set<number>>() : undefined;
    const walk = (node: TrieNode<T>, i: number): void => {
      if (visited) {
        const seen = visited.get(node) ?? visited.set(node, new Set()).get(node)!;
        if (seen.has(i)) return;
        seen.add(i);
      }
      if (node.anyMany) for (let j = i; j <= segments.length; j++) walk(node.anyMany, j);
      if (i === segments.length) {
        node.terminal.forEach((t) => hits.add(t));
        return;
      }
      const literal = node.literal.get(segments[i]);
      if (literal) walk(literal, i + 1);
      if (node.anyOne) walk(node.anyOne, i + 1);
      for (const partial of node.partial) if (wildcardMatch(partial.segment, segments[i])) walk(partial.node, i + 1);
    };
    walk(this.root, 0);
    return [...hits];
  }
}

/**
 * Repository paths matched under any registry host, by whole trailing segments: "vendor/scanner" matches
 * "docker.io/vendor/scanner" and "registry.corp.example/mirror/vendor/scanner", never "docker.io/vendorx/scanner"
 * nor "docker.io/vendor/scanner-lite". A lookup asks one hash per trailing run of segments of the path.
 */
export class PathSuffixIndex<T> {
  private readonly entries = new Map<string, Array<{ pattern: string; owner: T }>>();
  add(rawPattern: string, owner: T): void {
    const pattern = rawPattern.toLowerCase();
    push(this.entries, pattern, { pattern, owner });
  }
  lookup(repository: string): Array<{ pattern: string; owner: T }> {
    if (this.entries.size === 0) return [];
    const value = repository.toLowerCase();
    const hits: Array<{ pattern: string; owner: T }> = [];
    // The first segment is the registry host: the path starts after it, and each later "/" starts a shorter suffix.
    for (let slash = value.indexOf("/"); slash >= 0; slash = value.indexOf("/", slash + 1)) hits.push(...(this.entries.get(value.slice(slash + 1)) ?? []));
    return hits;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
