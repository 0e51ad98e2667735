// tests/fhir/check.cjs DIR FAILED_SO_FAR: validates every q-*.json (Questionnaire) and
// v-*.fhir.json (Bundle) in DIR with npm's `fhir` (R4: required elements, JSON types, codes of
// required bindings), checks their content against the JSON results (v-*.json) and the
// Questionnaires, and runs negative controls that must fail. Prints "ok"/"not ok" lines and
// "N passed, N failed"; exits 1 on any failure.
'use strict';
const fs = require('fs');
const path = require('path');
const { Fhir } = require('fhir');

const dir = process.argv[2];
let passed = 0;
let failed = Number(process.argv[3] || 0);
const fhir = new Fhir();

function result(ok, what, detail) {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok' : 'not ok'} - ${what}${ok || !detail ? '' : ': ' + detail}`);
}

function errors(resource) {
  return fhir.validate(resource, {}).messages.filter((m) => m.severity === 'error');
}

function validates(resource, what) {
  const e = errors(resource);
  result(e.length === 0, `valid R4: ${what}`, JSON.stringify(e.slice(0, 3)));
}

function rejected(resource, what) {
  result(errors(resource).length > 0, `negative control rejected: ${what}`, 'it passed');
}

const load = (f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));

// Every question item of a Questionnaire by linkId (groups opened).
function questions(items, into = new Map(), order = []) {
  for (const it of items || []) {
    if (it.type === 'group') questions(it.item, into, order);
    else if (it.type !== 'display') { into.set(it.linkId, it); order.push(it.linkId); }
  }
  return into;
}

// The answered items of a QuestionnaireResponse, in order.
function answered(items, out = []) {
  for (const it of items || []) {
    if (it.answer) out.push(it);
    answered(it.item, out);
  }
  return out;
}

const valueKey = { boolean: 'valueBoolean', integer: 'valueInteger', decimal: 'valueDecimal',
  choice: 'valueCoding', string: 'valueString', text: 'valueString' };

// Content: the response against the JSON result and the Questionnaire; returns problems.
function content(bundle, json, qs) {
  const p = [];
  const qr = bundle.entry[0].resource;
  const items = answered(qr.item);
  const ids = items.map((i) => i.linkId);
  const want = Object.keys(json.answers).filter((k) => json.answers[k] !== null);
  if (ids.join() !== want.join()) p.push(`linkIds ${ids} != answers ${want}`);
  for (const it of items) {
    const q = qs.get(it.linkId);
    if (!q) { p.push(`${it.linkId} is not in the Questionnaire`); continue; }
    for (const a of it.answer)
      if (!(valueKey[q.type] in a)) p.push(`${it.linkId}: ${Object.keys(a)} for a ${q.type}`);
  }
  const obs = bundle.entry.slice(1).map((e) => e.resource);
  for (const [id, v] of Object.entries(json.scores)) {
    const o = obs.find((x) => x.code.coding[0].code === id);
    if (!o || o.valueQuantity.value !== v) p.push(`score ${id}: ${o && o.valueQuantity.value} != ${v}`);
  }
  const oc = obs.find((x) => x.valueCodeableConcept);
  if (!oc || oc.valueCodeableConcept.coding[0].code !== json.outcome.id) p.push('outcome differs');
  for (const o of obs)
    if (o.derivedFrom[0].reference !== bundle.entry[0].fullUrl) p.push('derivedFrom is not the response');
  if (obs.length !== Object.keys(json.scores).length + 1) p.push(`${obs.length} observations`);
  return p;
}

const files = fs.readdirSync(dir).sort();
const qfiles = files.filter((f) => f.startsWith('q-'));
const byUrl = new Map();
for (const f of qfiles) {
  const q = load(f);
  validates(q, f);
  const qs = questions(q.item);
  byUrl.set(`${q.url}|${q.version}`, qs);
  const ids = [...qs.keys()];
  const bad = [];
  for (const it of qs.values())
    for (const w of it.enableWhen || [])
      if (ids.indexOf(w.question) < 0 || ids.indexOf(w.question) >= ids.indexOf(it.linkId))
        bad.push(`${it.linkId} depends on ${w.question}`);
  result(bad.length === 0, `enableWhen names earlier items: ${f}`, bad.join('; '));
}

const vfiles = files.filter((f) => f.endsWith('.fhir.json'));
for (const f of vfiles) {
  const b = load(f);
  validates(b, f);
  const json = load(f.replace('.fhir.json', '.json'));
  const qs = byUrl.get(b.entry[0].resource.questionnaire);
  const p = qs ? content(b, json, qs) : ['its Questionnaire was not exported'];
  result(p.length === 0, `content matches the JSON result: ${f}`, p.join('; '));
}

if (vfiles.length === 0 || qfiles.length === 0) result(false, 'there is something to check');
else {
  const b = load(vfiles[0]);
  const clone = () => JSON.parse(JSON.stringify(b));
  let x = clone(); delete x.entry[0].resource.status; rejected(x, 'a response without status');
  x = clone();
  const obs = x.entry[1].resource; obs.valueInteger = '5'; delete obs.valueQuantity;
  rejected(x, 'a string where an integer belongs');
  x = clone(); x.entry[1].resource.status = 'bogus'; rejected(x, 'an unknown status code');
  const q = load(qfiles[0]);
  questions(q.item).values().next().value.type = 'bogus';
  rejected(q, 'an unknown item type');
  const json = load(vfiles[0].replace('.fhir.json', '.json'));
  x = clone(); x.entry[1].resource.valueQuantity.value += 1;
  result(content(x, json, byUrl.get(x.entry[0].resource.questionnaire)).length > 0,
    'negative control rejected: an Observation value that is not the JSON score', 'it passed');
  x = clone(); x.entry[0].resource.item.pop();
  result(content(x, json, byUrl.get(x.entry[0].resource.questionnaire)).length > 0,
    'negative control rejected: a response missing an answer', 'it passed');
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
