import * as fs from "fs";
import * as path from "path";
import { valuesAt } from "../../props/paths";
import { isUnknown } from "../../props/unknown";
import { Found, IMAGE_COULD_MATCH, ImageSource, classifyImageText } from "../container/imageSource";
import { LIMITS, ScanLimits } from "../limits";
import { schemeOf } from "../../reference/url";
import { quotable } from "../quote";
import { Extracted } from "../types";
import { BuildArgument, baseImages, firstOfEachImage } from "./dockerfile";

const DOCKERFILE_EXPECTED = "a Dockerfile the policy pack can read";

// `pulumi preview` runs a policy pack in the pack's own directory and sends it no program directory (see docs/coverage.md, "Dockerfiles").
const relativePath = (what: string, value: string) =>
  `a relative ${what} (${JSON.stringify(value)}) is resolved in the Pulumi program's directory, which \`pulumi preview\` does not tell a policy pack; make it absolute (path.join(__dirname, ...)) or set the policy's programDirectory config`;

/** Where a build resource keeps its context, Dockerfile and build arguments. */
interface BuildShape {
  context: string;
  dockerfile?: string;
  /** Inline Dockerfile text (docker-build). */
  inline?: string;
  args: string[];
  /** Whether a relative Dockerfile path is relative to the context (RemoteImage) rather than to the program. */
  dockerfileInContext: boolean;
}

function buildSource(type: string, shape: BuildShape, images: string[] = []): ImageSource {
  const paths = [shape.context, shape.dockerfile, shape.inline, ...shape.args].filter((p): p is string => p !== undefined);
  return {
    type,
    images,
    custom: { paths: paths.map((p) => `${p} (FROM lines)`), read: (props, limits, programDirectory) => readBuild(props, shape, limits, programDirectory) },
  };
}

export const DOCKER_SOURCES: ImageSource[] = [
  { type: "docker:index/container:Container", images: ["image"] },
  {
    type: "docker:index/service:Service",
    images: ["taskSpec.containerSpec.image"],
    text: ["taskSpec.containerSpec.commands", "taskSpec.containerSpec.args", "taskSpec.containerSpec.env"],
  },
  buildSource(
    "docker:index/remoteImage:RemoteImage",
    { context: "build.context", dockerfile: "build.dockerfile", args: ["build.buildArgs", "build.buildArg"], dockerfileInContext: true },
    ["name"],
  ),
  buildSource("docker:index/image:Image", { context: "build.context", dockerfile: "build.dockerfile", args: ["build.args"], dockerfileInContext: false }),
  buildSource("docker-build:index:Image", {
    context: "context.location",
    dockerfile: "dockerfile.location",
    inline: "dockerfile.inline",
    args: ["buildArgs"],
    dockerfileInContext: false,
  }),
];

function readBuild(props: Record<string, unknown>, shape: BuildShape, limits: ScanLimits, programDirectory: string | undefined): Found {
  const consumed = [shape.context, shape.dockerfile, shape.inline].filter((p): p is string => p !== undefined);
  const at = (p: string | undefined) => (p === undefined ? undefined : valuesAt(props, p)[0]);
  const context = at(shape.context);
  const dockerfile = at(shape.dockerfile);
  const inline = at(shape.inline);
  for (const located of [context, dockerfile, inline]) {
    if (located?.state === "unknown")
      return { items: [{ kind: "unknown", path: located.path, expected: "Dockerfile base image", couldMatch: IMAGE_COULD_MATCH }], consumed };
  }
  let text: string;
  let where: string;
  let sourcePath: string;
  if (inline?.state === "known" && typeof inline.value === "string") {
    [text, where, sourcePath] = [limits.dockerfile(inline.path, limits.text(inline.path, inline.value)), "the inline Dockerfile", inline.path];
  } else {
    if (context?.state !== "known" || typeof context.value !== "string") return { items: [], consumed };
    const file = dockerfilePath(
      context.value,
      dockerfile?.state === "known" && typeof dockerfile.value === "string" ? dockerfile.value : undefined,
      shape.dockerfileInContext,
      programDirectory,
    );
    sourcePath = dockerfile?.state === "known" ? dockerfile.path : context.path;
    if ("problem" in file) return { items: [unreadable(sourcePath, file.shown, file.problem)], consumed };
    const read = readSmallFile(file.path);
    if ("problem" in read) return { items: [unreadable(sourcePath, file.path, read.problem)], consumed };
    [text, where] = [read.text, file.path];
  }
  const args = buildArguments(props, shape.args);
  const items: Extracted[] = firstOfEachImage(baseImages(text, args)).flatMap((base): Extracted[] => {
    const note = `FROM on line ${base.line} of ${where}`;
    if ("image" in base) return [classifyImageText(sourcePath, base.image, "container-image", note)].filter((e): e is Extracted => e !== undefined);
    if ("unknownArgument" in base)
      return [{ kind: "unknown", path: `${shape.args[0]}.${base.unknownArgument}`, expected: "build argument of a FROM line", couldMatch: IMAGE_COULD_MATCH }];
    return [{ kind: "unparseable", path: sourcePath, value: `line ${base.line}`, expected: "a FROM line naming a base image", problem: base.problem }];
  });
  return { items, consumed };
}

/** Relative context and Dockerfile paths are resolved, as the Docker providers resolve them, in the program's directory. */
function dockerfilePath(
  context: string,
  dockerfile: string | undefined,
  inContext: boolean,
  programDirectory: string | undefined,
): { path: string } | { shown: string; problem: string } {
  if (schemeOf(context) !== undefined || context.startsWith("git@")) {
    return { shown: quotable(context), problem: "a remote build context is not fetched by the policy pack" };
  }
  if (dockerfile !== undefined && path.isAbsolute(dockerfile)) return { path: dockerfile };
  if (dockerfile !== undefined && !inContext) {
    if (programDirectory === undefined) return { shown: dockerfile, problem: relativePath("Dockerfile path", dockerfile) };
    return { path: path.resolve(programDirectory, dockerfile) };
  }
  if (!path.isAbsolute(context) && programDirectory === undefined) {
    return { shown: context, problem: relativePath("build context", context) };
  }
  return { path: path.join(path.resolve(programDirectory ?? "/", context), dockerfile ?? "Dockerfile") };
}

function readSmallFile(file: string): { text: string } | { problem: string } {
  try {
    const size = fs.statSync(file).size;
    if (size > LIMITS.dockerfileBytes) return { problem: `it is larger than ${LIMITS.dockerfileBytes} bytes` };
    return { text: fs.readFileSync(file, "utf8") };
  } catch (e) {
    return { problem: `it could not be read (${(e as NodeJS.ErrnoException).code ?? "error"})` };
  }
}

function unreadable(path: string, shown: string, problem: string): Extracted {
  return { kind: "unparseable", path, value: quotable(shown), expected: DOCKERFILE_EXPECTED, problem };
}

/** Build arguments by name; when a whole map is unknown during preview, every argument may be anything. */
function buildArguments(props: Record<string, unknown>, paths: string[]): (name: string) => BuildArgument | undefined {
  const args = new Map<string, BuildArgument>();
  let anyUnknown = false;
  for (const located of paths.flatMap((p) => valuesAt(props, p))) {
    if (located.state === "unknown") anyUnknown = true;
    if (located.state !== "known" || typeof located.value !== "object" || located.value === null) continue;
    for (const [name, value] of Object.entries(located.value)) {
      if (isUnknown(value)) args.set(name, { unknown: true });
      else if (typeof value === "string") args.set(name, value);
    }
  }
  return (name) => args.get(name) ?? (anyUnknown ? { unknown: true } : undefined);
}
