/**
 * The markdown-links gate rejects what it should: a fixture project with one planted defect per line
 * (a missing file, a missing heading, a Markdown file named but absent, a link out of the project)
 * and links that must pass (a file, a folder, a heading, a heading with inline code, a web URL).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatFinding } from '../verify/findings.js';
import { listFiles } from '../verify/files.js';
import { anchorsOf, checkMarkdownLinks, headingSlug } from '../verify/markdown-links.js';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'markdown-links');

test('each planted broken link is reported with its file and line, and nothing else', () => {
  const files = listFiles(fixture, (f) => f.endsWith('.md'));
  const findings = checkMarkdownLinks(fixture, files).map((f) => formatFinding(f, fixture));
  assert.deepEqual(findings.sort(), [
    'README.md:10: DESIGN.md is named but is not in the repository [markdown-mention]',
    'README.md:11: link "../../../../../outside.md" points outside the repository [markdown-link]',
    'README.md:8: link "docs/missing.md": docs/missing.md does not exist [markdown-link]',
    'README.md:9: link "docs/guide.md#no-such-heading": no heading or anchor "#no-such-heading" in docs/guide.md [markdown-anchor]',
    'docs/guide.md:9: link "#nowhere": no heading or anchor "#nowhere" in docs/guide.md [markdown-anchor]'
  ]);
});

test('anchors follow GitHub: punctuation dropped, inline code kept, repeats numbered', () => {
  assert.equal(
    headingSlug('Settings: `Stripe_Settings__mdt`, record `Default`'),
    'settings-stripe_settings__mdt-record-default'
  );
  assert.equal(headingSlug('The webhook relay (`relay/`)'), 'the-webhook-relay-relay');
  assert.deepEqual([...anchorsOf('# A\n## A\n```\n# not a heading\n```\n<a id="x"></a>')], ['a', 'a-1', 'x']);
});

test('the repository itself has no broken links', () => {
  const root = path.resolve(fixture, '..', '..', '..', '..');
  assert.deepEqual(
    checkMarkdownLinks(root).map((f) => formatFinding(f, root)),
    []
  );
});
