// Preloaded (NODE_OPTIONS=--require) into a profiled pack. Node rejects --cpu-prof in NODE_OPTIONS, and the
// harness stops packs with SIGTERM, so the hook profiles through the inspector and writes on that signal.
"use strict";
const fs = require("fs");
const inspector = require("inspector");
const path = require("path");

const dir = process.env.BENCH_PROFILE_DIR;
const session = new inspector.Session();
session.connect();
session.post("Profiler.enable");
session.post("Profiler.start");
process.on("SIGTERM", () => {
  session.post("Profiler.stop", (err, result) => {
    if (!err) fs.writeFileSync(path.join(dir, `pack-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    process.exit(0);
  });
});
