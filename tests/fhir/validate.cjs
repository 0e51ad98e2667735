const {Fhir} = require('fhir');
const fs = require('fs');
const f = new Fhir();
let bad = 0;
for (const p of process.argv.slice(2)) {
  const r = f.validate(JSON.parse(fs.readFileSync(p, 'utf8')), {});
  const errs = r.messages.filter(m => m.severity === 'error');
  if (errs.length) { bad++; console.log(p, JSON.stringify(errs, null, 1)); }
}
process.exit(bad ? 1 : 0);
