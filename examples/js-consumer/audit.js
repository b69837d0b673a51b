// The consumer's own code: access expectations about an org, checked with access-sim-js. The
// page (main.js) and the Node test both run it; `tsc -p .` checks it against the package types.
import { Simulator } from 'access-sim-js';

/** @typedef {import('access-sim-js').Access} Access */
/** @typedef {import('access-sim-js').Scenario} Scenario */
/** @typedef {import('access-sim-js').Expectation} Expectation */
/**
 * One expectation's outcome: `actual` is what the first failing cell holds (undefined when it
 * passed).
 * @typedef {{ text: string, passed: boolean, actual: Access | undefined, via: 'check' | 'access' }} Row
 */

/** What we promise about the help-center org (ids from its scenario). @type {Expectation[]} */
export const EXPECTATIONS = [
  { user: 'jack', record: 'case_inverter', access: 'read', why: 'customers read their account\'s cases' },
  { user: 'jack', record: 'case_inverter', access: 'edit', why: 'customers edit their account\'s cases' },
];

/**
 * The shape of `Simulator#check()`'s results that this code reads.
 * @typedef {{ passed: boolean, text?: string, actual?: Access, failing?: { actual: Access }[] }} CheckResult
 */

/**
 * Loads `scenario` with our expectations and reports each one.
 * @param {Scenario} scenario
 * @returns {Row[]}
 */
export function audit(scenario) {
  const sim = new Simulator({ ...scenario, expectations: EXPECTATIONS });
  try {
    // TODO(check): call `sim.check()` directly once the package declares the instance method
    // (the engine's expectation check, added to the JS API in main); until then fall back to
    // comparing `sim.access()` with each expectation.
    const withCheck = /** @type {{ check?: () => CheckResult[] }} */ (/** @type {unknown} */ (sim));
    if (typeof withCheck.check === 'function') {
      return withCheck.check().map((r, i) => ({
        text: r.text ?? describe(EXPECTATIONS[i]),
        passed: r.passed,
        actual: r.passed ? undefined : (r.actual ?? r.failing?.[0]?.actual),
        via: 'check',
      }));
    }
    return EXPECTATIONS.map((e) => {
      const actual = sim.access(e.user ?? '', e.record ?? '');
      const passed = actual === e.access;
      return { text: describe(e), passed, actual: passed ? undefined : actual, via: 'access' };
    });
  } finally {
    sim.free();
  }
}

/** @param {Expectation} e */
function describe(e) {
  return `${e.user} has ${e.access} on ${e.record}`;
}
