/**
 * No function's own code runs past 80 lines: a reader holds a function in mind as its own
 * lines, so a long one is split into named steps. Counted as issue 18 counts: every line from
 * a function's first to its last (blank lines included), less the lines of the functions
 * written inside it that stand on their own (a declaration, a method, a function stored in a
 * variable or a property, as the methods a factory returns); a callback passed inline stays
 * part of its function. `npm run lint` runs this file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const LIMIT = 80;

/**
 * Where a longer function is right. src/search/ is measured by the search engine's own work
 * (issue 24 splits openSearch, createEngine and writeSegment there); chartOption is one
 * declarative ECharts option object, read as a table, not as steps.
 */
const EXEMPT_DIRS = ['src/search/'];
const EXEMPT_FUNCTIONS = new Set(['src/trend/chart.ts:chartOption']);

interface Measured {
  readonly where: string;
  readonly lines: number;
}

function isFunction(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessor(node) ||
    ts.isSetAccessor(node) ||
    ts.isConstructorDeclaration(node)
  );
}

/** A function a reader takes as one of its own, not as a step of the function around it. */
function standsAlone(node: ts.FunctionLikeDeclaration): boolean {
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return true;
  return ts.isPropertyAssignment(node.parent) || ts.isVariableDeclaration(node.parent);
}

function nameOf(node: ts.FunctionLikeDeclaration, file: ts.SourceFile): string {
  if (node.name) return node.name.getText(file);
  const parent = node.parent;
  return ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) ? parent.name.getText(file) : '<anonymous>';
}

/** Every function of `relative` with its own lines. */
function measure(relative: string): Measured[] {
  const file = ts.createSourceFile(relative, readFileSync(path.join(ROOT, relative), 'utf8'), ts.ScriptTarget.Latest, true);
  const lineOf = (position: number) => file.getLineAndCharacterOfPosition(position).line;
  const found: { where: string; own: Set<number> }[] = [];
  const visit = (node: ts.Node, owner: Set<number> | null): void => {
    if (isFunction(node) && (owner === null || standsAlone(node))) {
      const first = lineOf(node.getStart(file));
      const last = lineOf(node.getEnd());
      const own = new Set<number>();
      for (let line = first; line <= last; line++) own.add(line);
      // Its first line is also where the enclosing function names it.
      for (let line = first + 1; line <= last; line++) owner?.delete(line);
      found.push({ where: `${relative}:${nameOf(node, file)}`, own });
      ts.forEachChild(node, (child) => visit(child, own));
      return;
    }
    ts.forEachChild(node, (child) => visit(child, owner));
  };
  visit(file, null);
  return found.map(({ where, own }) => ({ where, lines: own.size }));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

describe('function length', () => {
  const measured = sourceFiles('src')
    .filter((file) => !EXEMPT_DIRS.some((dir) => file.startsWith(dir)))
    .flatMap(measure);

  it(`keeps every function of src/ at ${LIMIT} own lines or fewer`, () => {
    const long = measured.filter(({ where, lines }) => lines > LIMIT && !EXEMPT_FUNCTIONS.has(where));
    expect(long.map(({ where, lines }) => `${where} ${lines}`)).toEqual([]);
  });

  it('measures every function of src/ outside the exempt folders, and each exempt function still exists', () => {
    expect(measured.length).toBeGreaterThan(500);
    expect(measured.filter(({ where }) => EXEMPT_FUNCTIONS.has(where)).map(({ where }) => where)).toEqual([...EXEMPT_FUNCTIONS]);
  });
});
