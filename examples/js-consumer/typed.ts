// TypeScript against the package's declarations (`tsc -p .` in `npm test`): the types come from
// node_modules/access-sim-js, as in any downstream project; misuse must fail to compile.
import init, { Simulator } from 'access-sim-js';
import type {
  Access, ExpectationResult, Expectation, Explanation, FailedCell, LintWarning, MatrixPage, Scenario,
} from 'access-sim-js';

export async function failures(text: string, user: string, record: string): Promise<FailedCell[]> {
  await init();
  const scenario: Scenario = JSON.parse(text);
  const expect: Expectation = { user, record, access: 'read', at_least: true };
  const sim = new Simulator({ ...scenario, expectations: [expect] });
  const results: ExpectationResult[] = sim.check();
  const warnings: LintWarning[] = sim.lint();
  const page: MatrixPage = sim.matrix({ object: 'case', limit: 10 });
  const why: Explanation = sim.explain(user, record);
  const level: Access = sim.access(user, record);
  console.log(warnings.map((w) => `${w.path}: ${w.message}`), page.total_records, why.reasons, level);
  // @ts-expect-error: 'write' is not an access level.
  const wrong: Access = 'write';
  // @ts-expect-error: an expectation needs an access level.
  const incomplete: Expectation = { user, record };
  // @ts-expect-error: check() takes no scenario; the simulator checks its own expectations.
  sim.check(text);
  void wrong, incomplete;
  return results.flatMap((r) => (r.passed ? [] : r.failing));
}
