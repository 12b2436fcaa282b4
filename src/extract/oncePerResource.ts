import { Extracted, Extractor } from "./types";

/**
 * Policies share extractors (the marketplace policy reads AMIs and container images too), and every policy
 * receives the same property tree for a request (see shareDeserializedProperties), so the result is kept per
 * tree and type: a resource is scanned once, however many policies look at it. Only for extractors that read
 * nothing but `type` and `props`; results are read-only.
 */
export function oncePerResource(extractor: Extractor): Extractor {
  const results = new WeakMap<object, Map<string, Extracted[]>>();
  return {
    ...extractor,
    extract(resource) {
      let byType = results.get(resource.props);
      if (!byType) results.set(resource.props, (byType = new Map()));
      let found = byType.get(resource.type);
      if (!found) byType.set(resource.type, (found = extractor.extract(resource)));
      return found;
    },
  };
}
