import { ofPolicy, resource, usePack } from "../support/pack";

const MARKETPLACE = "restricted-vendor-marketplace-listing";
const CONTAINER = "restricted-vendor-container-image";
const VM = "azure-native:compute:VirtualMachine";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const INSTANCE = "aws:ec2/instance:Instance";
const pack = usePack({ dryRun: false });

// No asOf: the windows are evaluated at today's date, as a preview run today would.
beforeEach(async () => {
  await pack().configure({});
});

const marketplaceVm = (publisher: string, offer: string, sku: string) =>
  resource(VM, `${publisher}-vm`, {
    resourceGroupName: "security",
    plan: { publisher, product: offer, name: sku },
    storageProfile: { imageReference: { publisher, offer, sku, version: "latest" } },
  });

const deployment = (name: string, containers: Array<Record<string, unknown>>) =>
  resource(DEPLOYMENT, name, { apiVersion: "apps/v1", kind: "Deployment", metadata: { name }, spec: { template: { spec: { containers } } } });

const instance = (name: string, properties: Record<string, unknown>) =>
  resource(INSTANCE, name, { ami: "ami-0bbbbbbbbbbbbbbbb", instanceType: "t3.micro", ...properties });

describe("the built-in catalog through the analyzer protocol, today", () => {
  it("blocks an azure-native VM with the Kaspersky Hybrid Cloud Security plan and image", async () => {
    const [diagnostic, ...rest] = ofPolicy(await pack().analyze(marketplaceVm("kaspersky_lab", "kaspersky_hybrid_cloud_security", "byol")), MARKETPLACE);
    expect(rest).toEqual([]);
    expect(diagnostic.enforcementLevel).toBe("mandatory");
    expect(diagnostic.message).toMatch(/^Blocked: Azure Marketplace plan of restricted vendor kaspersky\./);
    expect(diagnostic.message).toContain('matched:   Azure publisher "kaspersky_lab"');
  });

  it("blocks a PT Application Firewall VM (publisher ptsecurity) under the OFAC listing", async () => {
    const [diagnostic, ...rest] = ofPolicy(await pack().analyze(marketplaceVm("ptsecurity", "ptaf", "ptaf-byol")), MARKETPLACE);
    expect(rest).toEqual([]);
    expect(diagnostic.enforcementLevel).toBe("mandatory");
    expect(diagnostic.message).toMatch(/^Blocked: Azure Marketplace plan of restricted vendor positive-technologies\./);
    expect(diagnostic.message).toContain("Treasury press release JY0127");
  });

  it("blocks a Deployment running Kaspersky Scan Engine as loaded from its kit", async () => {
    const [diagnostic, ...rest] = ofPolicy(await pack().analyze(deployment("kse", [{ name: "kse", image: "kaspersky/scanengine_httpd:2.1.0.46" }])), CONTAINER);
    expect(rest).toEqual([]);
    expect(diagnostic.enforcementLevel).toBe("mandatory");
    expect(diagnostic.message).toContain(
      'matched:   repository path (under any registry) "kaspersky/scanengine_httpd" against "docker.io/kaspersky/scanengine_httpd"',
    );
  });

  it("blocks the same Scan Engine image pushed to a private registry under a project", async () => {
    const image = "harbor.corp.example:8443/security/kaspersky/scanengine_httpd:2.1.0.46";
    const [diagnostic, ...rest] = ofPolicy(await pack().analyze(deployment("kse-private", [{ name: "kse", image }])), CONTAINER);
    expect(rest).toEqual([]);
    expect(diagnostic.enforcementLevel).toBe("mandatory");
    expect(diagnostic.message).toContain("kaspersky/scanengine_httpd");
  });

  it("blocks user data that downloads an installer from products.s.kaspersky-labs.com", async () => {
    const userData = [
      "#!/bin/bash",
      "wget https://products.s.kaspersky-labs.com/endpoints/keslinux10/11.2.0.4528/multilanguage-11.2.0.4528/3437313131347c44454c7c31/kesl_11.2.0-4528_amd64.deb",
      "dpkg -i kesl_11.2.0-4528_amd64.deb",
    ].join("\n");
    const [diagnostic, ...rest] = ofPolicy(await pack().analyze(instance("agent-host", { userData })), CONTAINER);
    expect(rest).toEqual([]);
    expect(diagnostic.enforcementLevel).toBe("mandatory");
    expect(diagnostic.message).toMatch(/^Blocked: software download of restricted vendor kaspersky\./);
    expect(diagnostic.message).toContain('matched:   download host pattern "products.s.kaspersky-labs.com"');
  });

  it("reports a Threat Intelligence endpoint as allowed, in an exempt category", async () => {
    const container = {
      name: "feeds",
      image: "ghcr.io/acme/opencti-feeds:1.0",
      env: [{ name: "KASPERSKY_API_ROOT", value: "https://taxii.tip.kaspersky.com/v2/" }],
    };
    const [diagnostic, ...rest] = ofPolicy(await pack().analyze(deployment("ti-feeds", [container])), CONTAINER);
    expect(rest).toEqual([]);
    expect(diagnostic.enforcementLevel).toBe("advisory");
    expect(diagnostic.message).toMatch(/^Allowed: .* of restricted vendor kaspersky, in a category its restriction exempts\./);
    expect(diagnostic.message).toContain("category threat-intelligence");
  });

  it("passes a documentation link to a restricted download host in a tag or a description", async () => {
    const link = "https://products.s.kaspersky-labs.com/endpoints/keslinux10/11.2.0.4528/kesl_11.2.0-4528_amd64.deb";
    expect(await pack().analyze(instance("documented", { tags: { runbook: `Agent removed; it came from ${link}` } }))).toEqual([]);
    expect(await pack().analyze(resource("aws:ec2/securityGroup:SecurityGroup", "documented", { description: `see ${link}` }))).toEqual([]);
  });

  it("passes a startup script that only mentions a restricted download host outside a download command", async () => {
    const userData = "#!/bin/bash\n# the old agent came from https://products.s.kaspersky-labs.com/endpoints/keslinux10/\necho done";
    expect(await pack().analyze(instance("mentions", { userData }))).toEqual([]);
  });
});

describe("lookalikes of restricted vendors pass clean", () => {
  const images = [
    "kasperskytte/kaspbeerypi:latest",
    "opencti/connector-kaspersky:6.0.5",
    "opencti/connector-kaspersky-enrichment:6.0.5",
    "openeuler/openeuler:24.03-lts",
    "openeuler/mindspore:2.3.0",
    "kubeedge/cloudcore:v1.18.0",
    "volcanosh/vc-scheduler:v1.7.0",
    "swr.eu-de.otc.t-systems.com/library/nginx:1.25",
    "swr.cn-north-4.myhuaweicloud.com/ddn-k8s/docker.io/tensorflow/tensorflow:2.5.0-gpu-jupyter",
    "swr.cn-north-4.myhuaweicloud.com/library/nginx:stable-alpine",
    "ccr.ccs.tencentyun.com/tkeimages/coredns:1.7.0",
    "mirror.ccs.tencentyun.com/library/nginx:1.25",
    "tropicoo/hikvision-camera-bot:latest",
    "securia/collector-hikvision:latest",
  ];

  it.each(images)("image %s", async (image) => {
    expect(await pack().analyze(deployment("lookalike", [{ name: "app", image }]))).toEqual([]);
  });

  const texts: Array<[string, string]> = [
    [
      "a script URL the desktop product injected into a saved page",
      '<script src="https://me.kis.v2.scr.kaspersky-labs.com/E3E8934C-235A-4B0E-825A-35A08381A191/main.js"></script>',
    ],
    ["a CSP allow-list naming Kaspersky's script host", "default-src 'self'; script-src https://gc.kis.v2.scr.kaspersky-labs.com/ 'self'"],
    ["an ICAP client setting naming a Kaspersky server", "icap://icap.corp.example:1344/req-service?req=Kaspersky"],
    ["Kaspersky-authored open source", "https://github.com/KasperskyLab/Kaspresso and https://kasperskylab.github.io/Kaspresso/"],
    ["scanner metadata", "cpe:/a:kaspersky_lab:kaspersky_anti-virus:2019 matched by a/b/vuln-scan"],
    ["a Docker Hub mirror in registry-mirrors", '{"registry-mirrors": ["https://a1b2c3.mirror.swr.myhuaweicloud.com"]}'],
    ["Huawei Cloud's open-source package mirror", "https://repo.huaweicloud.com/repository/pypi/simple"],
    [
      "a Positive Technologies copyright in vendored code",
      "Copyright (c) 2016 Positive Technologies, https://www.ptsecurity.com, Moscow, Russia; see t1ha/t1ha.h",
    ],
    ["PT's CI plugin package", "com.ptsecurity.appsec.ai/ptai-cli-plugin"],
  ];

  it.each(texts)("%s", async (_what, text) => {
    expect(await pack().analyze(instance("lookalike", { tags: { note: text } }))).toEqual([]);
    expect(await pack().analyze(deployment("lookalike", [{ name: "app", image: "nginx:1.27", env: [{ name: "NOTE", value: text }] }]))).toEqual([]);
  });

  it("a startup script that downloads from the desktop product's script host", async () => {
    const userData = "#!/bin/bash\ncurl -fsSL https://me.kis.v2.scr.kaspersky-labs.com/main.js -o /tmp/main.js";
    expect(await pack().analyze(instance("lookalike", { userData }))).toEqual([]);
  });
});
