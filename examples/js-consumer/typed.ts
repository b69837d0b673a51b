// TypeScript against the package's declarations (`tsc -p .` in `npm test`): the types come from
// node_modules/access-sim-js, as in any downstream project; misuse must fail to compile.
import init, { Simulator } from 'access-sim-js';
import type { Access, Expectation, Explanation, MatrixPage, Problem, Scenario } from 'access-sim-js';

export async function accessOf(text: string, user: string, record: string): Promise<Access> {
  await init();
  const problems: Problem[] = Simulator.check(text);
  if (problems.length > 0) throw new Error(problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  const scenario: Scenario = JSON.parse(text);
  const expect: Expectation = { user, record, access: 'read', at_least: true };
  const sim = new Simulator({ ...scenario, expectations: [expect] });
  const page: MatrixPage = sim.matrix({ object: 'case', limit: 10 });
  const why: Explanation = sim.explain(user, record);
  console.log(page.total_records, why.reasons.map((r) => r.text));
  // TODO(check): `const results = sim.check();` once the package declares Simulator#check().
  // @ts-expect-error: 'write' is not an access level.
  const wrong: Access = 'write';
  // @ts-expect-error: an expectation needs an access level.
  const incomplete: Expectation = { user, record };
  void wrong, incomplete;
  return sim.access(user, record);
}
