// Parses each DBML file named on the command line with @dbml/core and prints, per file, its
// tables with their columns and its references, as JSON; a file that does not parse is an
// error with the parser's message.
import { readFileSync } from 'node:fs';
import { Parser } from '@dbml/core';

const out = {};
for (const file of process.argv.slice(2)) {
  let database;
  try {
    database = new Parser().parse(readFileSync(file, 'utf8'), 'dbml');
  } catch (e) {
    const diags = (e && e.diags) || [];
    const detail = diags.map((d) => `${d.location?.start?.line}:${d.location?.start?.column}: ${d.message}`).join('; ');
    console.error(`${file}: ${detail || e}`);
    process.exit(1);
  }
  const schema = database.schemas[0];
  out[file] = {
    tables: schema.tables.map((t) => ({ name: t.name, columns: t.fields.map((f) => f.name) })),
    refs: schema.refs.map((r) => r.endpoints.map((e) => [e.tableName, e.fieldNames])),
  };
}
console.log(JSON.stringify(out));
