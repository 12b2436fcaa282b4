const { execFileSync } = require("child_process");
const path = require("path");

// Integration tests start the pack from dist/ exactly as the Pulumi CLI would, so dist must match the source.
module.exports = async () => {
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
    cwd: path.join(__dirname, ".."),
    stdio: "inherit",
  });
};
