// Type-checked against the generated declarations (`tsc --noEmit` in the test command): the
// API is precise, with no `any`, so misuse below must fail to compile.
import init, { Simulator } from '../../dist/api/access_sim_js.js';
import type { Access, Explanation, MatrixJson, CellChange, Edit, Scenario } from '../../dist/api/access_sim_js.js';

export async function example(text: string): Promise<Access> {
  await init();
  const sim: Simulator = Simulator.fromJson(text);
  const m: MatrixJson = sim.matrix({ object: 'case' });
  const first: Access = m.records[0].access[m.users[0].id] ?? 'none';
  const e: Explanation = sim.explain('jack', 'case_inverter');
  const why: string[] = e.reasons.map((r) => `${r.mechanism}: ${r.text}`);
  const whyNot: Access | undefined = e.why_not?.target;
  const blockers: string[] = (e.why_not?.blockers ?? []).map((b) => `${b.kind}: ${b.text}`);
  const fix: Edit[] = e.why_not?.suggestion?.edits ?? [];
  const cells: number = e.why_not?.suggestion?.changed_cells ?? 0;
  console.log(whyNot, blockers, fix.length, cells);
  const edit: Edit = { edit: 'set_org_default', object: 'case', default: { internal: 'public_read' } };
  const changes: CellChange[] = sim.apply(edit);
  const scenario: Scenario = JSON.parse(sim.toJson());
  const again = new Simulator(scenario);
  console.log(first, why, changes.length, again.whoCanAccess('case_inverter', { atLeast: 'edit' }));
  // @ts-expect-error: 'write' is not an access level.
  const wrong: Access = 'write';
  // @ts-expect-error: an object is a name, not a number.
  sim.matrix({ object: 42 });
  // @ts-expect-error: an edit needs its kind.
  sim.apply({ collection: 'cases' });
  void wrong;
  return sim.access('jack', 'case_output');
}
