import * as pulumi from "@pulumi/pulumi";

/**
 * An Argo CD Application as `new k8s.apiextensions.CustomResource(...)` (or a crd2pulumi class) registers it:
 * type `kubernetes:<apiVersion>:<kind>`, with apiVersion, kind, metadata and spec as inputs. It is registered
 * through pulumi.CustomResource here so that the example needs no Kubernetes SDK.
 */
class ArgoApplication extends pulumi.CustomResource {
  constructor(name: string, spec: Record<string, unknown>) {
    super("kubernetes:argoproj.io/v1alpha1:Application", name, {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Application",
      metadata: { name, namespace: "argocd" },
      spec: { project: "default", destination: { server: "https://kubernetes.default.svc", namespace: name }, syncPolicy: { automated: {} }, ...spec },
    });
  }
}

// The web front end's chart and values pull only nginx: it passes.
new ArgoApplication("web", {
  source: {
    repoURL: "https://charts.example.com",
    chart: "web",
    targetRevision: "1.4.0",
    helm: { valuesObject: { image: { repository: "nginx", tag: "1.27" } } },
  },
});

// The monitoring agent's chart is the organisation's own, but its values pull the restricted vendor's image
// (docker.io/examplevendor/agent): Argo CD would deploy it after `pulumi up`, so the pack blocks it at preview.
new ArgoApplication("agent", {
  source: {
    repoURL: "https://charts.example.com",
    chart: "node-agent",
    targetRevision: "2.0.1",
    helm: { valuesObject: { image: { registry: "docker.io", repository: "examplevendor/agent", tag: "7.1" }, resources: { limits: { memory: "256Mi" } } } },
  },
});
