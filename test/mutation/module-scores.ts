// Mutation score per module from StrykerJS's JSON report (`npm run test:mutation` writes it):
//   npx tsx test/mutation/module-scores.ts [reports/mutation/<group>.json ...] [--survivors] [--only-tests=<file listing test ids>]
// Several reports (the groups of one module, e.g. auth-throttle.json and auth-login.json) are summed up together.
// With --only-tests, a mutant counts as killed only when one of the listed tests killed it (to compare
// the score of an older set of tests, taken from the same run).
import { readFileSync } from 'node:fs';

interface Mutant { id: string; mutatorName: string; status: string; killedBy?: string[]; location: { start: { line: number } }; replacement?: string; statusReason?: string }
interface Report { files: Record<string, { mutants: Mutant[] }>; testFiles?: Record<string, { tests: { id: string; name: string }[] }> }

const args = process.argv.slice(2);
const reportPaths = args.filter((a) => !a.startsWith('--'));
if (!reportPaths.length) reportPaths.push('reports/mutation/all.json');
const only = args.find((a) => a.startsWith('--only-tests='))?.slice('--only-tests='.length);
const reports = reportPaths.map((path) => JSON.parse(readFileSync(path, 'utf8')) as Report);
const report: Report = { files: Object.assign({}, ...reports.map((r) => r.files)), testFiles: Object.assign({}, ...reports.map((r) => r.testFiles ?? {})) };

// Test ids → "file > name", so a list of names from another run can be matched.
const testName = new Map<string, string>();
for (const [file, { tests }] of Object.entries(report.testFiles ?? {})) for (const t of tests) testName.set(t.id, `${file.replace(/^.*?(server|test|shared)\//, '$1/')} > ${t.name}`);
const allowed = only ? new Set(readFileSync(only, 'utf8').split('\n').filter(Boolean)) : undefined;

const moduleOf = (file: string) =>
  file.startsWith('server/auth/') ? 'server/auth/' : file.startsWith('server/http/') ? 'server/http/' : file.startsWith('server/delegate/') ? 'server/delegate/ (PIN, grants, codes, answers)' : file;

const totals = new Map<string, { killed: number; survived: number; noCoverage: number; timeout: number; ignored: number; errors: number }>();
const survivors: string[] = [];
for (const [file, { mutants }] of Object.entries(report.files)) {
  const key = moduleOf(file);
  const t = totals.get(key) ?? { killed: 0, survived: 0, noCoverage: 0, timeout: 0, ignored: 0, errors: 0 };
  for (const m of mutants) {
    let status = m.status;
    if (allowed && status === 'Killed' && !(m.killedBy ?? []).some((id) => allowed.has(testName.get(id) ?? id))) status = 'Survived';
    if (status === 'Killed') t.killed++;
    else if (status === 'Timeout') t.timeout++;
    else if (status === 'Survived') t.survived++;
    else if (status === 'NoCoverage') t.noCoverage++;
    else if (status === 'Ignored') t.ignored++;
    else t.errors++;
    if (status === 'Survived' || status === 'NoCoverage') survivors.push(`${file}:${m.location.start.line} ${m.mutatorName} → ${JSON.stringify(m.replacement ?? '').slice(0, 80)} (${status})`);
  }
  totals.set(key, t);
}
console.log('module | killed | timeout | survived | no coverage | ignored | score');
for (const [key, t] of [...totals].sort()) {
  const valid = t.killed + t.timeout + t.survived + t.noCoverage;
  console.log(`${key} | ${t.killed} | ${t.timeout} | ${t.survived} | ${t.noCoverage} | ${t.ignored} | ${valid ? ((100 * (t.killed + t.timeout)) / valid).toFixed(1) : '-'} %`);
}
if (args.includes('--survivors')) console.log(`\nsurvivors:\n${survivors.join('\n')}`);
