// The consumer's own code: access expectations about an org, checked with access-sim-js's
// `Simulator#check()`. The page (main.js) and the Node test both run it; `tsc -p .` checks it
// against the package's types.
import { Simulator } from 'access-sim-js';

/** @typedef {import('access-sim-js').Access} Access */
/** @typedef {import('access-sim-js').Scenario} Scenario */
/** @typedef {import('access-sim-js').Expectation} Expectation */
/**
 * One expectation's outcome; `actual` is the level of its first failing cell (undefined when
 * it passed).
 * @typedef {{ text: string, passed: boolean, actual: Access | undefined, explanation: string }} Row
 */

/** What we promise about the help-center org (ids from its scenario). @type {Expectation[]} */
export const EXPECTATIONS = [
  { user: 'jack', record: 'case_inverter', access: 'read', why: 'customers read their account\'s cases' },
  { user: 'jack', record: 'case_inverter', access: 'edit', why: 'customers edit their account\'s cases' },
];

/**
 * Loads `scenario` with our expectations and reports each one.
 * @param {Scenario} scenario
 * @returns {Row[]}
 */
export function audit(scenario) {
  const sim = new Simulator({ ...scenario, expectations: EXPECTATIONS });
  try {
    return sim.check().map((r) => ({
      text: r.text,
      passed: r.passed,
      actual: r.failing[0]?.actual,
      explanation: r.failing[0]?.explanation ?? '',
    }));
  } finally {
    sim.free();
  }
}
