import { Extracted, Extractor, ResourceInput } from "./types";

/**
 * Policies share extractors (the marketplace policy reads AMIs and container images too), and every policy
 * receives the same property tree for a request (see shareDeserializedProperties), so the result is kept per
 * tree, type and prefilter (each configuration has its own): a resource is scanned once, however many policies
 * look at it. Only for extractors that read nothing but `type`, `props` and `mayName`; results are read-only.
 */
export function oncePerResource(extractor: Extractor): Extractor {
  const results = new WeakMap<object, Map<string, Array<{ mayName: ResourceInput["mayName"]; found: Extracted[] }>>>();
  return {
    ...extractor,
    extract(resource) {
      let byType = results.get(resource.props);
      if (!byType) results.set(resource.props, (byType = new Map()));
      let kept = byType.get(resource.type);
      if (!kept) byType.set(resource.type, (kept = []));
      let entry = kept.find((e) => e.mayName === resource.mayName);
      if (!entry) kept.push((entry = { mayName: resource.mayName, found: extractor.extract(resource) }));
      return entry.found;
    },
  };
}
