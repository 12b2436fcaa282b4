const warned = new Set<string>();

/** Written to stderr, which the engine keeps in its logs; each reliance on the SDK's internals warns once per process. */
export function warnOnce(reliance: string, problem: string, fallback: string): void {
  if (warned.has(reliance)) return;
  warned.add(reliance);
  console.warn(`restricted-vendors: @pulumi/policy's ${reliance} is not what this pack was built against (${problem}); ${fallback}.`);
}
