import { describe, expect, it } from 'vitest';
import { XMLValidator } from './xml.js';
import { escapeXml, formatJunit } from '../../src/formatters/junit.js';
import { ciOptions, ciReport } from './ci-report.js';

describe('junit format', () => {
  const xml = formatJunit(ciReport(), ciOptions());

  it('is well-formed XML', () => {
    expect(XMLValidator(xml)).toBe(true);
  });

  it('the well-formedness check can fail', () => {
    expect(XMLValidator(xml.replace('</testsuite>', ''))).not.toBe(true);
    expect(XMLValidator('<a x="1 & 2"/>')).not.toBe(true);
  });

  it('has one testcase per file: a failure at --fail-on, an error when invalid, a pass otherwise', () => {
    const cases = [...xml.matchAll(/<testcase classname="cdrisk" name="([^"]+)"/g)].map((m) => m[1]);
    expect(cases).toEqual(['partnerships/bad%50,x.yaml', 'partnerships/other.yaml', 'partnerships/sub dir/dus-xiamen.yml']);
    expect(xml).toMatch(/<testsuites name="cdrisk" tests="3" failures="\d" errors="1">/);
    expect(xml).toMatch(/name="partnerships\/bad%50,x.yaml"[^>]*>\s*<error message="partner.type: &quot;locl&quot; is not allowed./);
    expect(xml).toMatch(/name="partnerships\/sub dir\/dus-xiamen.yml"[^>]*>\s*<failure message="\d+ findings at or above high/);
    // The accepted finding never fails the file.
    const crit = xml.slice(xml.indexOf('sub dir/dus-xiamen.yml'));
    expect(crit).not.toContain('[partner-rights-record]');
  });

  it('without --fail-on nothing fails, invalid files are still errors', () => {
    const none = formatJunit(ciReport(), { ...ciOptions(), failOn: undefined });
    expect(none).not.toContain('<failure');
    expect(none).toContain('<error');
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml(`a<b>&"c"'d'\u0001\u0008e\tf`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;e\tf');
  });
});
