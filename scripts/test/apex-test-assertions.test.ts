import { checkApexTestAssertions } from '../verify/apex-test-assertions.js';
import { runRuleTests } from './support/sample-project.js';

const widget = `public with sharing class Widget {
  public Integer size;
  public Widget(Integer size) {
    this.size = size;
  }
  public Integer doubled() {
    return size * 2;
  }
}`;

/** A test class around the given test method bodies. */
const testClass = (name: string, body: string): string => `@IsTest
private class ${name} {
${body}
}`;

runRuleTests('test-trivial-assertion, test-no-assertion, test-unreferenced-class', checkApexTestAssertions, {
  valid: [
    {
      name: 'assertions on computed values, Assert.fail in a try, and a helper that asserts',
      files: {
        'classes/WidgetTest.cls': testClass(
          'WidgetTest',
          `  @IsTest
  static void doublesItsSize() {
    Widget w = new Widget(2);
    Assert.areEqual(4, w.doubled(), 'twice the size');
  }
  @IsTest
  static void rejectsNothing() {
    try {
      new Widget(null).doubled();
      Assert.fail('a null size cannot be doubled');
      System.assert(false, 'never reached either');
      Assert.isTrue(1 == 2, 'nor this');
    } catch (NullPointerException e) {
      System.assertNotEquals(null, e.getMessage(), 'the error says why');
    }
  }
  @IsTest
  static void helperChecksTheSize() {
    assertDoubles(new Widget(3), 6);
  }
  private static void assertDoubles(Widget w, Integer expected) {
    System.assertEquals(expected, w.doubled());
  }
  @TestSetup
  static void makeData() {
    System.debug('setup methods need no assertion');
  }`
        ),
        'classes/Widget.cls': widget
      }
    },
    {
      name: 'not-null on a value returned by the code under test can fail',
      files: {
        'classes/WidgetTest.cls': testClass(
          'WidgetTest',
          `  @IsTest
  static void buildsOne() {
    Widget w = WidgetFactory.make();
    Assert.isNotNull(w, 'the factory builds a widget');
    System.assert(w.size != null);
  }`
        ),
        'classes/Widget.cls': widget,
        'classes/WidgetFactory.cls': `public with sharing class WidgetFactory {
  public static Widget make() {
    return new Widget(1);
  }
}`
      }
    }
  ],
  invalid: [
    {
      name: 'assertions with a fixed outcome',
      files: {
        'classes/Widget.cls': widget,
        'classes/WidgetTest.cls': testClass(
          'WidgetTest',
          `  @IsTest
  static void alwaysPasses() {
    Widget w = new Widget(1);
    System.assert(true);
    Assert.isTrue(1 == 1, 'maths');
    Assert.areEqual(w.doubled(), w.doubled());
    Assert.areEqual(2, w.doubled(), 'the one real check');
  }`
        )
      },
      errors: [
        { file: 'classes/WidgetTest.cls', line: 6, message: /System\.assert\(true\) always passes/ },
        { file: 'classes/WidgetTest.cls', line: 7, message: /Assert\.isTrue\(1==1\) always passes/ },
        {
          file: 'classes/WidgetTest.cls',
          line: 8,
          message: /Assert\.areEqual compares w\.doubled\(\) with itself and can never fail/,
          rule: 'test-trivial-assertion'
        }
      ]
    },
    {
      name: 'a test with no assertion and one whose only assertion is trivial',
      files: {
        'classes/Widget.cls': widget,
        'classes/WidgetTest.cls': testClass(
          'WidgetTest',
          `  @IsTest
  static void runsWithoutChecking() {
    new Widget(1).doubled();
  }
  static testMethod void onlyTrivial() {
    Assert.isFalse(false);
  }`
        )
      },
      errors: [
        {
          file: 'classes/WidgetTest.cls',
          line: 4,
          message: /WidgetTest\.runsWithoutChecking proves nothing: it makes no assertion/,
          rule: 'test-no-assertion'
        },
        { file: 'classes/WidgetTest.cls', line: 8, message: /Assert\.isFalse\(false\) always passes/ },
        {
          file: 'classes/WidgetTest.cls',
          line: 7,
          message: /onlyTrivial proves nothing: none of its assertions can fail/
        }
      ]
    },
    {
      name: 'only not-null checks on objects the test built with new',
      files: {
        'classes/Widget.cls': widget,
        'classes/WidgetTest.cls': testClass(
          'WidgetTest',
          `  @IsTest
  static void constructs() {
    Widget w = new Widget(1);
    Assert.isNotNull(w, 'built');
    System.assertNotEquals(null, w);
    Assert.isTrue(w != null);
    Assert.isNotNull(new Widget(2));
  }`
        )
      },
      errors: [
        {
          file: 'classes/WidgetTest.cls',
          line: 4,
          message: /only assertions check that objects it built with `new` are not null/
        }
      ]
    },
    {
      name: 'a class no test names',
      files: {
        'classes/Widget.cls': widget,
        'classes/Gadget.cls': `public with sharing class Gadget {
  public interface Part {}
}`,
        'classes/WidgetTest.cls': testClass(
          'WidgetTest',
          `  // Gadget is only in a comment, which does not count.
  @IsTest
  static void doubles() {
    Assert.areEqual(2, new Widget(1).doubled(), 'Gadget in a string does not count either');
  }`
        )
      },
      errors: [
        {
          file: 'classes/Gadget.cls',
          line: 1,
          message: /class Gadget is not referenced from any test class/,
          rule: 'test-unreferenced-class'
        }
      ]
    },
    {
      name: 'a test class that does not parse is named with the parser message',
      files: {
        'classes/WidgetTest.cls': `@IsTest
private class WidgetTest {
  @IsTest static void broken() { Assert.isTrue(; }
}`
      },
      errors: [{ file: 'classes/WidgetTest.cls', line: 3, message: /cannot parse Apex/ }]
    }
  ]
});
