/**
 * The one Apex reader (scripts/verify/apex-project.ts): the parse every gate shares and the light
 * lexical view (comments, code with comments and strings blanked) that the reason checks read.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { apexText, hasAnnotation, isReason, loadApexProject, parseApex } from '../verify/apex-project.js';
import { extractSoqlReferences } from '../verify/apex-soql-refs.js';
import { inPackage, sampleProject } from './support/sample-project.js';

describe('apexText: the lexical view', () => {
  const source = [
    'public class A { // first line comment',
    '  // continued on the next line',
    "  String s = 'without sharing // not a comment';",
    '  /* block',
    '     comment */ Integer n = 1;',
    '}'
  ].join('\n');

  test('code keeps offsets and lines; comments and string contents are blanked', () => {
    const { code } = apexText(source);
    assert.equal(code.length, source.length);
    assert.equal(code.split('\n').length, source.split('\n').length);
    assert.doesNotMatch(code, /without sharing|comment/);
    assert.match(code, /String s = ' +';/);
    assert.match(code, /Integer n = 1;/);
  });

  test('consecutive line comments read as one; block comments keep their first and last line', () => {
    const { comments } = apexText(source);
    assert.deepEqual(
      comments.map((c) => [c.line, c.endLine]),
      [
        [1, 2],
        [4, 5]
      ]
    );
    assert.match(comments[0]?.text ?? '', /first line comment\n\s*\/\/ continued/);
  });

  test('a reason is a comment of at least three words, tags and markers not counted', () => {
    assert.ok(isReason('// Without sharing: the log must be written'));
    assert.ok(!isReason('// TODO fix'));
    assert.ok(!isReason('/** @description Thing. */'));
    assert.ok(isReason('/**\n * @description Reads every row.\n */'));
  });
});

describe('the shared parse', () => {
  test('SLL is retried in LL before a file is called broken; a broken file names line and column', () => {
    assert.ok(
      'tree' in
        parseApex(
          'public class A { void m() { Integer n = f(1); } Integer f(Integer x) { return x; } }',
          false
        )
    );
    const broken = parseApex('public class A {\n  void m( {\n}', false);
    assert.ok('error' in broken && broken.error.line === 2, JSON.stringify(broken));
  });

  test('annotations carry their line; every file is parsed once per process while it is unchanged', () => {
    const root = sampleProject(
      inPackage({
        'classes/A.cls':
          'public with sharing class A {\n  @AuraEnabled(cacheable=true)\n  public static Integer n() {\n    return [SELECT COUNT() FROM Account WITH USER_MODE];\n  }\n}',
        'classes/Broken.cls': 'public class Broken {'
      })
    );
    try {
      const project = loadApexProject(root);
      const method = project.methods.find((m) => m.name === 'n');
      assert.deepEqual(
        method && {
          line: hasAnnotation(method, 'AuraEnabled')?.line,
          cacheable: hasAnnotation(method, 'auraenabled')?.pairs.get('cacheable')
        },
        { line: 2, cacheable: 'true' }
      );
      assert.equal(loadApexProject(root), project, 'unchanged files are not parsed again');
      assert.deepEqual(
        project.parseFindings('x').map((f) => `${path.basename(f.file)}:${f.line}`),
        ['Broken.cls:1']
      );
      const source = project.sources.find((s) => s.file.endsWith('A.cls'));
      assert.ok(source?.tree);
      assert.match(source.text, /WITH USER_MODE/);
      // The schema gate reads SOQL from the same tree.
      assert.deepEqual(
        extractSoqlReferences(source.tree).map((r) => r.kind),
        ['object']
      );
      fs.writeFileSync(
        path.join(root, 'force-app/main/default/classes/Broken.cls'),
        'public class Broken {}'
      );
      assert.notEqual(loadApexProject(root), project, 'a changed file is parsed again');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
