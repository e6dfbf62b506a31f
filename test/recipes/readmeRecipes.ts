/**
 * Reads the code of a README's "Recipes" section, so that the tests run what the README shows: a recipe
 * module's block must be the text of its file here, and a usage block runs as written, its imports bound
 * to the real modules.
 */
import { readFileSync } from 'node:fs';

/** The ```ts blocks of the `## Recipes` section of a README, in order. */
export function recipeBlocks(readmeUrl: URL): string[] {
  const readme = readFileSync(readmeUrl, 'utf8');
  const start = readme.indexOf('\n## Recipes\n');
  if (start === -1) throw new Error(`${readmeUrl.pathname} has no "## Recipes" section`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

/** The text of a recipe module in this directory, as its README block must show it. */
export function recipeModuleText(fileName: string): string {
  return readFileSync(new URL(fileName, import.meta.url), 'utf8');
}

const IMPORT = /^import \{([^}]*)\} from '([^']+)';\n/gm;

const AsyncFunction = (async () => undefined).constructor as new (...parameters: string[]) => (...values: unknown[]) => Promise<unknown>;

/**
 * Runs a usage block (JavaScript syntax, named imports only) in an async function.
 *
 * @param code The block as the README shows it.
 * @param modules The modules its imports name, by specifier; an import of anything else throws.
 * @param globals Other free names of the block (`console`), bound to these values.
 * @param returned An expression evaluated after the block, e.g. a variable it declares.
 * @returns What `returned` evaluates to.
 */
export function runUsageBlock(
  code: string,
  modules: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  globals: Readonly<Record<string, unknown>>,
  returned = 'undefined',
): Promise<unknown> {
  const bindings = new Map(Object.entries(globals));
  for (const [, names = '', specifier = ''] of code.matchAll(IMPORT)) {
    const module = modules[specifier];
    if (module === undefined) throw new Error(`the block imports ${specifier}, which the test does not provide`);
    for (const entry of names.split(',').map((name) => name.trim()).filter((name) => name !== '' && !name.startsWith('type '))) {
      const [imported = '', local = imported] = entry.split(/\s+as\s+/);
      if (!(imported in module)) throw new Error(`${specifier} has no export ${imported}`);
      bindings.set(local, module[imported]);
    }
  }
  const body = code.replace(IMPORT, '');
  if (/^\s*import\b/m.test(body)) throw new Error(`an import the test cannot bind:\n${body}`);
  return new AsyncFunction(...bindings.keys(), `${body}\nreturn ${returned};`)(...bindings.values());
}
