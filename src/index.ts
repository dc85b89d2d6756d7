// Forge entry points: every handler named in manifest.yml, re-exported by module kind.
export {};
