import { describe, expect, it } from 'vitest';
import { judge } from './dependency-audit.ts';

// Shapes recorded from npm 11's `npm audit --json` (auditReportVersion 2) and from this
// machine's registry, which refuses the advisory endpoint.
const lodash = {
  source: 1065,
  name: 'lodash',
  title: 'Prototype Pollution in lodash',
  url: 'https://github.com/advisories/GHSA-jf85-cpcp-j695',
  severity: 'critical',
  range: '<4.17.12',
};
const report = (vulnerabilities: object) => JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: {} });

describe('dependency audit verdict', () => {
  it('passes a clean report', () => {
    expect(judge(report({}))).toEqual({ status: 'ok', counted: 0 });
  });

  it('fails on a critical advisory and names the package and advisory', () => {
    const v = judge(report({ lodash: { name: 'lodash', severity: 'critical', via: [lodash] } }));
    expect(v).toEqual({ status: 'vulnerable', accepted: [], findings: [{ name: 'lodash', severity: 'critical', advisories: [lodash.url] }] });
  });

  it('ignores moderate and low findings, and judges a transitive one at its source', () => {
    const v = judge(
      report({
        'some-lib': { name: 'some-lib', severity: 'moderate', via: [{ ...lodash, severity: 'moderate' }] },
        wrapper: { name: 'wrapper', severity: 'critical', via: ['lodash'] },
      }),
    );
    expect(v.status).toBe('ok');
  });

  it('accepts an allow-listed advisory until its end date, not after', () => {
    const out = report({ lodash: { name: 'lodash', severity: 'high', via: [{ ...lodash, severity: 'high' }] } });
    const allow = { 'GHSA-jf85-cpcp-j695': { reason: 'not reachable: server-side only, input is never user-controlled', until: '2026-12-31' } };
    expect(judge(out, allow, '2026-11-23').status).toBe('ok');
    expect(judge(out, allow, '2027-01-01').status).toBe('vulnerable');
  });

  it('reports an unreachable advisory service as unavailable, not as clean', () => {
    const refused = JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405, error: { summary: '' } });
    expect(judge(refused)).toEqual({ status: 'unavailable', reason: 'the advisory service answered 405' });
    expect(judge('npm ERR! something').status).toBe('unavailable');
  });
});
