import fc from "fast-check";
import { ShellVariables } from "../../src/extract/text/shellVariables";

const SEED = 20261130;
const NAMES = ["IMG", "TAG", "img", "REGISTRY", "IMG_2"];
const OTHER_NAMES = Array.from({ length: 8 }, (_, i) => `UNUSED_${i}`);

// Every form an assignment takes in a text, and near misses that are not one (a longer name, a blank before `=`).
const assignment = fc
  .tuple(fc.constantFrom(...NAMES), fc.constantFrom("ghcr.io/acme/app", "1.2", "$REGISTRY/agent", ""), fc.nat(8))
  .map(
    ([name, value, form]) =>
      [
        `${name}=${value}\n`,
        `export ${name}="${value}"\n`,
        `Environment="${name}=${value}"\n`,
        `cmd;${name}='${value}'\n`,
        `X${name}=${value}\n`,
        `${name} =${value}\n`,
        `$${name} = "${value}"\n`,
        `$env:${name}=${value}\n`,
        `a=${name}=${value} b\n`,
      ][form],
  );
const script = fc
  .array(fc.oneof(assignment, fc.constantFrom("docker run ", '"$IMG"', "${TAG:-latest}", "\n", " ")), { maxLength: 12 })
  .map((parts) => parts.join(""));

describe("a script's variables", () => {
  it("give a name the same values whether it is the first name asked or asked after many others", () => {
    fc.assert(
      fc.property(script, fc.constantFrom(...NAMES), (text, name) => {
        const first = new ShellVariables(text).everyReading(`$${name}`, 64);
        const afterOthers = new ShellVariables(text);
        for (const other of OTHER_NAMES) afterOthers.everyReading(`$${other}`, 64);
        expect(afterOthers.everyReading(`$${name}`, 64)).toEqual(first);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("are found by name wherever the text assigns them", () => {
    const variables = new ShellVariables('export IMG="ghcr.io/acme/app"\nXIMG=other\nEnvironment="IMG=quay.io/acme/app"\nIMG =no\n');
    expect(variables.everyReading("$IMG", 64)).toEqual(["ghcr.io/acme/app", "quay.io/acme/app"]);
  });
});
