// Compile a JSON Schema with ajv (default options, draft 2020-12) and validate instances against it.
// Reads {"schema": ..., "instances": [...]} on stdin; prints {"errors": [null | [messages], ...]}.
const Ajv2020 = require("ajv/dist/2020");

let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const job = JSON.parse(input);
  let validate;
  try {
    validate = new Ajv2020().compile(job.schema);
  } catch (error) {
    process.stdout.write(JSON.stringify({ compileError: String(error.message || error) }));
    return;
  }
  const errors = job.instances.map((instance) =>
    validate(instance) ? null : validate.errors.map((e) => `${e.instancePath} ${e.message}`));
  process.stdout.write(JSON.stringify({ errors }));
});
