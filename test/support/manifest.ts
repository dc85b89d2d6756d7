/**
 * Offline checks of a Forge manifest: Forge's own full validation, the product-trigger pass that
 * finds events without their scopes, and that every handler is a function exported by the app.
 */
import { ProcessorBuilder, ValidationTypes, validate } from '@forge/manifest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface ManifestFunction {
  key: string;
  handler: string;
}

/** The `index.<name>` handlers the manifest names, with the function keys that name them. */
export function manifestHandlers(manifestPath: string): ManifestFunction[] {
  const manifest = parse(readFileSync(manifestPath, 'utf8')) as {
    modules?: { function?: ManifestFunction[] };
  };
  return manifest.modules?.function ?? [];
}

/** Every problem Forge's validators and the handler check find, one line each; [] when clean. */
export async function manifestProblems(
  manifestPath: string,
  entryPoint: Record<string, unknown>,
): Promise<string[]> {
  const full = await validate(false, manifestPath);
  const triggers = await ProcessorBuilder.instance()
    .withValidation(ValidationTypes.PRODUCT_TRIGGER)
    .build()
    .process(manifestPath);

  const problems = [...(full.errors ?? []), ...(triggers.errors ?? [])].map(
    (error) => `${error.level} at line ${error.line ?? '?'}: ${error.message}`,
  );
  for (const { key, handler } of manifestHandlers(manifestPath)) {
    const [file, name] = handler.split('.');
    if (file !== 'index' || typeof entryPoint[name] !== 'function') {
      problems.push(
        `function ${key}: handler ${handler} is not a function exported by src/index.ts`,
      );
    }
  }
  return problems;
}
